# Benchmarks (never pass/fail): the project side by side with the same project trained on Rasa's
# default config (bench/configs/rasa_default.yml), which `make bench-peer` trains once and caches.
# Included by the Makefile.

PEER_CONFIG := bench/configs/rasa_default.yml
PEER_MODEL := models/peer/rasa-default.tar.gz

.PHONY: bench-peer bench-compare

$(PEER_MODEL): $(INSTALLED) $(PEER_CONFIG) domain.yml $(shell find data -name "*.yml")
	@mkdir -p build
	/usr/bin/time -f "%e" -o build/peer-train-seconds.txt \
	  $(RASA) train --data data --config $(PEER_CONFIG) --domain domain.yml --out models/peer --fixed-model-name rasa-default

bench-peer: $(PEER_MODEL) ## train the project on Rasa's default config once (the benchmark's peer, ~10 min)

bench-compare: $(MODEL) $(PEER_MODEL) ## the project vs Rasa's default config: launch, turn latency, throughput, RSS, growth, training
	$(BIN)/python bench/side_by_side.py --json test-artifacts/bench-side-by-side.json
