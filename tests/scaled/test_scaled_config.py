"""The scaled stack follows the project's configuration.

The Rasa internals its overrides rely on (the lock store's ticket methods, reminder scheduling) are pinned with
every other override in server_tuning/pins.py and checked by tests/unit/test_server_tuning.py.
"""

from __future__ import annotations

import yaml

from scaling import config


def test_endpoints_keep_the_project_store_on_postgresql_and_add_the_lock_store() -> None:
    project = yaml.safe_load((config.ROOT / "endpoints.yml").read_text())
    scaled = yaml.safe_load(config.endpoints("http://127.0.0.1:1/webhook", 2, 3, "rasa", "rasa"))
    assert scaled["tracker_store"]["type"] == project["tracker_store"]["type"]
    assert scaled["tracker_store"]["dialect"] == "postgresql"
    assert scaled["tracker_store"]["port"] == 2
    assert scaled["tracker_store"]["password"] == "${SCALED_POSTGRES_PASSWORD}"  # never the password itself
    assert scaled["lock_store"] == {
        "type": "scaling.lock_store.AtomicRedisLockStore",
        "url": "127.0.0.1",
        "port": 3,
        "password": "${SCALED_REDIS_PASSWORD}",
        "db": 1,
        "key_prefix": "stretchcoach",
    }
    assert scaled["action_endpoint"] == {"url": "http://127.0.0.1:1/webhook", "timeout": 3}  # the project's timeout


def test_credentials_are_the_project_ones_with_the_scaled_socketio_channel() -> None:
    project = yaml.safe_load((config.ROOT / "credentials.yml").read_text())
    scaled = yaml.safe_load(config.credentials())
    assert config.PROJECT_SOCKETIO not in scaled
    assert scaled[config.SCALED_SOCKETIO] == project[config.PROJECT_SOCKETIO]
    assert {k: v for k, v in scaled.items() if k != config.SCALED_SOCKETIO} == {
        k: v for k, v in project.items() if k != config.PROJECT_SOCKETIO
    }


def test_balancer_sticks_sockets_and_round_robins_the_rest() -> None:
    rendered = config.haproxy_config("127.0.0.1", 9000, [9001, 9002])
    socketio = rendered[rendered.index("\nbackend rasa_socketio") :]
    rest = rendered[rendered.index("\nbackend rasa\n") : rendered.index("\nbackend rasa_socketio")]
    assert "balance source" in socketio and "server rasa2 127.0.0.1:9002" in socketio
    assert "balance roundrobin" in rest and "server rasa1 127.0.0.1:9001" in rest
    assert "bind 127.0.0.1:9000" in rendered and "$" not in rendered
