"""Where conversations are kept, and how they are protected, forgotten and expired.

``tracker_store.SafeSQLTrackerStore`` is the Rasa tracker store the project configures in
``endpoints.yml``: Rasa's SQL store with owner-only files, secure deletion, retention, log redaction
and loud failures. ``erase`` forgets one conversation or purges old ones (``make forget``/``make purge``).
"""
