"""The scaled stack's configuration files, written from the project's own ones so nothing is said twice.

* ``endpoints.yml``: the project's, with the tracker store switched to PostgreSQL (the same
  ``SafeSQLTrackerStore``) and Rasa's Redis lock store added (``scaling.lock_store``). Passwords are
  not written: Rasa fills ``${SCALED_POSTGRES_PASSWORD}`` and ``${SCALED_REDIS_PASSWORD}`` from the
  servers' environment.
* ``credentials.yml``: the project's, with the socket.io channel swapped for
  ``scaling.socketio.ScaledSocketIOInput`` (same settings), which re-arms a hold timer that a stopped
  server had scheduled.
* ``haproxy.cfg``: ``deploy/haproxy.cfg.template`` with the servers filled in.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from string import Template
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
HAPROXY_TEMPLATE = ROOT / "deploy" / "haproxy.cfg.template"
PROJECT_SOCKETIO = "channels.socketio.PollingSocketIOInput"
SCALED_SOCKETIO = "scaling.socketio.ScaledSocketIOInput"
POSTGRES_PASSWORD_ENV = "SCALED_POSTGRES_PASSWORD"
REDIS_PASSWORD_ENV = "SCALED_REDIS_PASSWORD"
LOCK_STORE = "scaling.lock_store.AtomicRedisLockStore"
"""Rasa's Redis lock store with atomic ticket changes (why: scaling/lock_store.py)."""
CHECK_INTERVAL_S = 1
CHECK_RISE = 2
HEALTH_CHECK = f"check inter {CHECK_INTERVAL_S}s fall 2 rise {CHECK_RISE}"
"""A server that fails two checks a second apart is taken out; redispatch covers the moments before."""


def endpoints(action_url: str, postgres_port: int, redis_port: int, database: str, user: str) -> str:
    project: dict[str, Any] = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    store = dict(project["tracker_store"])
    store.update(
        dialect="postgresql",
        url="127.0.0.1",
        port=postgres_port,
        db=database,
        username=user,
        password="${" + POSTGRES_PASSWORD_ENV + "}",
    )
    lock_store = {
        "type": LOCK_STORE,
        "url": "127.0.0.1",
        "port": redis_port,
        "password": "${" + REDIS_PASSWORD_ENV + "}",
        "db": 1,
        "key_prefix": "stretchcoach",
    }
    action = {**project["action_endpoint"], "url": action_url}  # the project's timeout, this stack's action server
    config = {**project, "action_endpoint": action, "tracker_store": store, "lock_store": lock_store}
    return yaml.safe_dump(config, sort_keys=False)


def credentials() -> str:
    project: dict[str, Any] = yaml.safe_load((ROOT / "credentials.yml").read_text())
    if PROJECT_SOCKETIO not in project:
        raise KeyError(f"credentials.yml no longer configures {PROJECT_SOCKETIO}: update scaling/config.py")
    channels = {(SCALED_SOCKETIO if key == PROJECT_SOCKETIO else key): value for key, value in project.items()}
    return yaml.safe_dump(channels, sort_keys=False)


def haproxy_config(bind_address: str, port: int, rasa_ports: Sequence[int]) -> str:
    rasa = [f"server rasa{i} 127.0.0.1:{p} {HEALTH_CHECK}" for i, p in enumerate(rasa_ports, 1)]
    sticky = [f"server rasa{i} 127.0.0.1:{p} {HEALTH_CHECK} cookie rasa{i}" for i, p in enumerate(rasa_ports, 1)]
    indent = "\n    "
    return Template(HAPROXY_TEMPLATE.read_text()).substitute(
        bind_address=bind_address,
        port=port,
        rasa_servers=indent.join(rasa),
        socketio_servers=indent.join(sticky),
    )
