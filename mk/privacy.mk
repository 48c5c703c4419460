# Privacy: forget one conversation, purge old ones (storage/, docs/privacy.md). Included by the Makefile.
# ENDPOINTS names another endpoints.yml (the tests use their own).
# Rasa's telemetry is off for every target (make run, make test, make shell ...) and what they start.

export RASA_TELEMETRY_ENABLED := false
# Passed through the environment, so any conversation id (quotes, spaces, a leading dash) is safe.
export ID DAYS
ENDPOINTS ?= endpoints.yml

.PHONY: forget purge

forget: $(INSTALLED) ## erase one conversation from the tracker store, no trace left: make forget ID=<conversation id>
	@test -n "$$ID" || { echo "usage: make forget ID=<conversation id>" >&2; exit 2; }
	$(BIN)/python -W ignore -m storage --endpoints "$(ENDPOINTS)" forget -- "$$ID"

purge: $(INSTALLED) ## erase conversations whose last message is older than DAYS days: make purge DAYS=30
	@test -n "$$DAYS" || { echo "usage: make purge DAYS=<days>" >&2; exit 2; }
	$(BIN)/python -W ignore -m storage --endpoints "$(ENDPOINTS)" purge -- "$$DAYS"
