# Web: the clinic page (web/serve.py), rasa-webchat from npm, the pose pictures and the browser tests.
# Included by the Makefile. Settings: WEB_HOST, WEB_PORT, RASA_URL (where the browser finds Rasa).

WEB_HOST ?= 127.0.0.1
WEB_PORT ?= 8080
RASA_URL ?= http://localhost:5005
WEBCHAT := node_modules/rasa-webchat/lib/index.js
AXE := node_modules/axe-core/axe.min.js
NPM_STAMP := node_modules/.package-lock.json
CHROMIUM := /usr/bin/chromium

.PHONY: web-deps web-poses web-serve test-browser bench-web

web-deps: $(NPM_STAMP) $(CHROMIUM) ## rasa-webchat and axe-core (npm ci, when the lock changed) and Chromium (apt, when missing)

# npm writes node_modules/.package-lock.json on every install: newer than the lock means up to date.
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { \
	  sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq npm; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	test -f $(WEBCHAT) && test -f $(AXE)
	touch $@

$(CHROMIUM):
	sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium

web-poses: $(INSTALLED) ## redraw web/static/poses/*.svg from web/draw_poses.py and the content's alt texts
	$(BIN)/python -m web.draw_poses

web-serve: $(INSTALLED) $(NPM_STAMP) ## serve the clinic page alone (Rasa must run at RASA_URL, see `make run`)
	$(BIN)/python -m web.serve --host $(WEB_HOST) --port $(WEB_PORT) --rasa-url $(RASA_URL)

test-browser: $(MODEL) web-deps ## browser tests: the page and widget in Chromium against real Rasa + actions
	$(BIN)/pytest tests/browser tests/unit/test_illustrations.py

bench-web: $(MODEL) web-deps ## page load and typed-message-to-reply times in Chromium
	$(BIN)/python bench/web_latency.py
