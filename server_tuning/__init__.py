"""Start-up overrides of Rasa 3.6 and Sanic 21.12 (speed, safety), without touching installed packages.

Every server of the project starts through ``python -m server_tuning run …`` (scripts/run.sh, harness/stack.py),
which calls :func:`apply` and then Rasa's own command line. Each override is small, keeps Rasa's behaviour,
and is pinned to the exact code it replaces: :data:`PINNED` (``server_tuning/pins.py``) holds the SHA-256 of
each replaced function's source and its package's version, :func:`apply` leaves Rasa's own function in place
(and logs a warning) when they differ, and ``tests/unit/test_server_tuning.py`` fails on an upgrade so the
override is reviewed. The same table pins the Rasa code the project overrides in subclasses (tracker store,
lock store, socket.io channel) or relies on (the hold-timer take-over).

The overrides (README, "Performance", says what each one bought):

* ``action_validation``: Rasa validates every action server response with ``jsonschema.validate``, which in
  jsonschema 4.17 checks the schema against its metaschema on every call (half of the server's time per
  turn). The same schema is now checked once and its validator kept; invalid responses are still refused
  with the same ``ValidationError``.
* ``session_length``: a session also ends after 40 events (slots carried over, history kept), so a
  turn of a long chat costs what a turn of a short one does; and a new session carries one ``SlotSet``
  per slot instead of copying every ``SlotSet`` of the sessions before (see ``server_tuning/session_length.py``).
* ``http_guard`` (both servers): every request head is checked before Sanic 21.12 parses it (one
  ``Content-Length: -1`` froze the server at 100% CPU; bad framing, bytes and request lines gave 500s,
  tracebacks or hangs), and slow heads, slow bodies and idle connections are closed
  (see ``server_tuning/http_guard.py``). It is pinned to the Sanic functions it relies on.
* ``http_headers`` (Rasa server): CORS headers only for exactly the ``--cors`` origins and never with
  credentials, no version in ``GET /``, and no framing or sniffing of any response
  (see ``server_tuning/http_headers.py``).
* ``action_errors`` (action server): Sanic's client errors (404, 405, a refused head) answered with their
  own status, unlogged, instead of rasa-sdk's 500 with a traceback for every exception.
* ``imports``: TensorFlow 2.12 imports jax (about 1.2 s at start-up) only to offer an optional converter
  (``tensorflow.lite.python.util`` catches the ImportError); the project serves no TensorFlow Lite model,
  so jax is made unimportable in the server processes.
* ``action_timeout``: Rasa hard-codes a 300 s timeout for the action server and ignores the endpoint's own
  ``timeout``; an endpoint that names one (``endpoints.yml``: 3 s) now uses it, so a frozen action server
  costs a turn seconds, answered with the clinic's number, not minutes.
* ``graph_runner``: Rasa runs its NLU and policy graphs (three or more runs a turn) through dask's
  scheduler, whose bookkeeping cost more than some of the graph's nodes; the same graph is now computed
  node by node, parents first, in the calling thread (see ``server_tuning/graph_runner.py``).
* ``lazy_tensorflow``: when the model ``rasa run`` serves has no TensorFlow component, the Rasa modules that
  import TensorFlow only to train or to run DIET/TED are replaced by stand-ins, so TensorFlow is never
  imported (see ``server_tuning/lazy_tensorflow.py``, pinned to those modules' source files).
"""

from __future__ import annotations

import logging
import os
import sys

from server_tuning.pins import PINNED, RASA, Pin

logger = logging.getLogger(__name__)

RASA_VERSION = RASA
"""The Rasa release the overrides were written against (every pin: ``server_tuning/pins.py``)."""

__all__ = ["PINNED", "RASA_VERSION", "SKIP_ENV", "Pin", "apply"]


SKIP_ENV = "SERVER_TUNING_SKIP"
"""Comma-separated overrides not to install (``imports``, ``action_validation``, ``session_length``,
``action_timeout``, ``http_guard``, ``http_headers``, ``action_errors``, ``lazy_tensorflow``, ``graph_runner``),
to measure or rule one out."""


def apply(rasa_server: bool = True) -> list[str]:
    """Installs every override whose target is unchanged and not skipped; returns the names of those installed.

    ``imports`` must run before anything imports TensorFlow, so call this first thing in the process. The
    action server (``rasa_server=False``) gets only ``imports``, ``http_guard`` (it is a Sanic server too) and
    ``action_errors``: it never imports Rasa's core, which would bring TensorFlow into it.
    """
    skipped = {name.strip() for name in os.environ.get(SKIP_ENV, "").split(",")}
    installed = []
    if rasa_server and "lazy_tensorflow" not in skipped:
        from server_tuning import lazy_tensorflow

        if lazy_tensorflow.install(sys.argv[1:]):
            installed.append("lazy_tensorflow")
    if "imports" not in skipped:
        from server_tuning import imports

        imports.block_unused_imports()
        installed.append("imports")
    if "http_guard" not in skipped:
        from server_tuning import http_guard

        if http_guard.install():
            installed.append("http_guard")
    if not rasa_server and "action_errors" not in skipped:
        from server_tuning import action_errors

        if action_errors.install():
            installed.append("action_errors")
    if rasa_server and "action_validation" not in skipped:
        from server_tuning import action_validation

        if action_validation.install():
            installed.append("action_validation")
    if rasa_server and "session_length" not in skipped:
        from server_tuning import session_length

        if session_length.install():
            installed.append("session_length")
    if rasa_server and "action_timeout" not in skipped:
        from server_tuning import action_timeout

        if action_timeout.install():
            installed.append("action_timeout")
    if rasa_server and "graph_runner" not in skipped:
        from server_tuning import graph_runner

        if graph_runner.install():
            installed.append("graph_runner")
    if rasa_server and "http_headers" not in skipped:
        from server_tuning import http_headers

        if http_headers.install():
            installed.append("http_headers")
    logger.info("server_tuning: installed %s", ", ".join(installed) or "nothing")
    return installed
