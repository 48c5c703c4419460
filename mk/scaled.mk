# The scaled stack: several Rasa servers behind HAProxy, on PostgreSQL and Redis (docs/scaling.md).
# Included by the Makefile. Settings: SCALE (Rasa servers, 2), RASA_PORT (HAProxy, 5005), WEB_PORT (8080).

SCALE ?= 2
HAPROXY := /usr/sbin/haproxy
REDIS_SERVER := /usr/bin/redis-server
POSTGRES_STAMP := /usr/share/postgresql-common/pg_wrapper

.PHONY: scaled-deps run-scaled test-scaled bench-scaled

scaled-deps: $(HAPROXY) $(REDIS_SERVER) $(POSTGRES_STAMP) ## PostgreSQL, Redis and HAProxy (apt, when missing)

# Debian's packages; their own services are not used (the stack starts its own, with data in the project).
$(HAPROXY) $(REDIS_SERVER) $(POSTGRES_STAMP):
	sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends \
	  postgresql redis-server haproxy
	ls /usr/lib/postgresql/*/bin/postgres >/dev/null
	touch -c $(HAPROXY) $(REDIS_SERVER) $(POSTGRES_STAMP)

run-scaled: $(MODEL) $(NPM_STAMP) scaled-deps ## run SCALE Rasa servers (2) behind HAProxy on :5005, PostgreSQL, Redis, the page on :8080
	SCALE=$(SCALE) $(BIN)/python scripts/run_scaled.py

test-scaled: $(MODEL) scaled-deps ## the scaled-stack tests alone (make test runs them too)
	$(BIN)/pytest tests/scaled

bench-scaled: $(MODEL) scaled-deps ## messages per second with 1 and 2 Rasa servers, 8 concurrent conversations
	$(BIN)/python bench/scaled_throughput.py
