# Triage: the safety triage (triage/) measured against medspaCy's ConText and the NLU alone on
# tests/triage/messages.yml. medspaCy lives in its own venv under build/: it is only measured, not shipped.
# Included by the Makefile.

MEDSPACY_VENV := build/venv-medspacy
MEDSPACY_LOCK := requirements/medspacy.lock.txt

.PHONY: test-triage bench-triage

$(MEDSPACY_VENV)/.installed: $(MEDSPACY_LOCK)
	test -x $(MEDSPACY_VENV)/bin/python || $(PYTHON) -m venv $(MEDSPACY_VENV)
	$(MEDSPACY_VENV)/bin/pip install -q --no-deps --ignore-requires-python -r $(MEDSPACY_LOCK) 2>&1 | grep -v "is ignored" || true
	$(MEDSPACY_VENV)/bin/python -c "import medspacy, spacy, yaml; from medspacy.context import ConText"
	touch $@

test-triage: $(INSTALLED) ## triage floors on the labeled file and its unit tests (writes test-artifacts/triage.json)
	$(BIN)/pytest tests/triage

bench-triage: $(MODEL) $(MEDSPACY_VENV)/.installed ## triage: rules vs medspaCy ConText vs the NLU alone, held-out and whole file
	$(BIN)/python bench/triage_compare.py --medspacy-python $(MEDSPACY_VENV)/bin/python
