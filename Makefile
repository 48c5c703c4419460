# make run   - set everything up and run the assistant (Rasa :5005, actions :5055, clinic page :8080)
# make test  - set everything up and run every check (what CI runs)
# make help  - list the targets

SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
RASA := $(BIN)/rasa
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

LOCKS := requirements/rasa.lock.txt requirements/dev.lock.txt
INSTALLED := $(VENV)/.installed
SPACY := build/spacy_pipeline/meta.json
CONTENT := $(wildcard stretch_content/*.py stretch_content/*.yml)
NLU_COMPONENTS := $(wildcard nlu_components/*.py)
TRAINING_DATA := domain.yml config.yml $(shell find data -name '*.yml')
MODEL := models/stretch-coach.tar.gz

.PHONY: help setup model run shell lint format validate test test-unit test-stories test-pytest bench bench-nlu clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | sort

setup: $(INSTALLED) ## create .venv from the pinned locks (skipped when the locks are unchanged)

$(INSTALLED): $(LOCKS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --no-deps --ignore-requires-python $(addprefix -r ,$(LOCKS)) 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import rasa, rasa_sdk, spacy, pytest, playwright" # fails loudly if the install did not
	touch $@

$(SPACY): $(INSTALLED) $(CONTENT) scripts/build_spacy_pipeline.py
	$(BIN)/python scripts/build_spacy_pipeline.py --out build/spacy_pipeline

model: $(MODEL) ## build the spaCy pipeline and train when data, config, domain or content changed

$(MODEL): $(INSTALLED) $(SPACY) $(TRAINING_DATA) $(NLU_COMPONENTS)
	$(RASA) train --data data --config config.yml --domain domain.yml --out models --fixed-model-name stretch-coach

include mk/web.mk mk/voice.mk mk/triage.mk mk/privacy.mk mk/bench.mk
include mk/scaled.mk
include mk/insights.mk

run: $(MODEL) $(NPM_STAMP) ## run the assistant: Rasa server, action server and the clinic page
	scripts/run.sh

shell: $(MODEL) ## talk to the assistant in the terminal (starts the action server too)
	scripts/run.sh --shell

lint: $(INSTALLED) ## ruff (lint + format check) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(INSTALLED) ## apply ruff's formatting and safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

validate: $(INSTALLED) ## rasa data validate: domain, rules, stories and NLU agree, and no warning but one
	@mkdir -p build
	$(RASA) data validate --fail-on-warnings --max-history 3 2>&1 | tee build/validate.log
	@# EXTERNAL_hold_over is sent only by the web hold timer (a reminder), so it has no NLU examples by design.
	@if grep "UserWarning:" build/validate.log | grep -v "'EXTERNAL_hold_over' is listed in the domain"; then \
	  echo "rasa data validate warned (above)"; exit 1; fi

test-unit: $(INSTALLED) $(NPM_STAMP) ## the fast tests: no servers, no trained model, no browser, no make or audio (marker unit)
	HARNESS_NO_SERVERS=1 $(BIN)/pytest -m unit

test-stories: $(MODEL) ## rasa test on the test stories, plus one walking each stretch to the end (generated)
	rm -rf build/stories && mkdir -p build/stories && cp tests/stories/*.yml build/stories/
	$(BIN)/python scripts/write_walk_stories.py > build/stories/test_walk_every_stretch.yml
	$(RASA) test core --stories build/stories --model $(MODEL) --e2e --fail-on-prediction-errors --out results/stories --no-plot

test-pytest: $(MODEL) web-deps voice-deps scaled-deps ## every pytest suite: unit, actions, NLU held-out, REST end-to-end, browser, voice
	$(BIN)/pytest

test: lint validate test-stories test-pytest ## everything CI checks

bench: $(MODEL) bench-compare bench-scaled bench-web bench-alexa bench-insights ## timings: the project vs the default config, 1 vs 2 Rasa servers, turn latency over a long conversation, browser, Alexa turn
	$(BIN)/python bench/turn_latency.py

bench-nlu: $(SPACY) ## train each candidate NLU pipeline (bench/configs) and score it on the held-out file
	$(BIN)/python bench/compare_pipelines.py --reuse

clean: ## remove build outputs (keeps .venv)
	rm -rf build models results test-artifacts .rasa
