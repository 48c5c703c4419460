"""Several Rasa servers behind HAProxy, on PostgreSQL and Redis: the scaled stack (``make run-scaled``).

See docs/scaling.md. Nothing here is used by ``make run`` (one server, SQLite).
"""
