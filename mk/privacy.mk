# Privacy: forget one conversation, purge old ones (storage/, docs/privacy.md). Included by the Makefile.
# Rasa's telemetry is off for every target (make run, make test, make shell ...) and what they start.

export RASA_TELEMETRY_ENABLED := false
# Passed through the environment, so any conversation id (quotes, spaces, a leading dash) is safe.
export ID DAYS

.PHONY: forget purge

forget: $(INSTALLED) ## erase one conversation from the tracker store, no trace left: make forget ID=<conversation id>
	@test -n "$$ID" || { echo "usage: make forget ID=<conversation id>" >&2; exit 2; }
	$(BIN)/python -m storage forget -- "$$ID"

purge: $(INSTALLED) ## erase conversations whose last message is older than DAYS days: make purge DAYS=30
	@test -n "$$DAYS" || { echo "usage: make purge DAYS=<days>" >&2; exit 2; }
	$(BIN)/python -m storage purge -- "$$DAYS"
