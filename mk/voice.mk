# Voice: the Alexa skill endpoint (channels/alexa/), its interaction model (voice/skill_model.py),
# and spoken routines synthesised with espeak-ng (voice/demo.py). Included by the Makefile.

SKILL_MODEL := build/skill/interaction-model.json
VOICE_APT := espeak-ng sox

.PHONY: voice-deps skill-model voice-demo test-voice bench-alexa

voice-deps: ## espeak-ng and sox (Debian packages) for the by-ear tests and the demo; installed only if missing
	@if ! command -v espeak-ng >/dev/null || ! command -v sox >/dev/null || ! command -v soxi >/dev/null; then \
	  sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $(VOICE_APT); \
	fi

skill-model: $(SKILL_MODEL) ## write the Alexa interaction model from the NLU data and the content module

$(SKILL_MODEL): $(INSTALLED) $(wildcard data/nlu/*.yml) $(CONTENT) voice/skill_model.py channels/alexa/mapping.py
	$(BIN)/python -m voice.skill_model --out $@

voice-demo: $(INSTALLED) voice-deps ## synthesise each routine walked with "next" to test-artifacts/voice/*.wav
	$(BIN)/python -m voice.demo --out test-artifacts/voice

test-voice: $(MODEL) voice-deps ## voice tests: verifier, SSML, interaction model, by ear, Alexa end to end
	$(BIN)/pytest tests/voice

bench-alexa: $(MODEL) ## response time of a signed Alexa turn, verification included
	$(BIN)/python bench/alexa_turn.py
