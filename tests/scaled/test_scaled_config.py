"""The scaled stack follows the project's configuration; the Rasa internals its overrides rely on are still there."""

from __future__ import annotations

import inspect

import yaml
from rasa.core.lock_store import LockStore, RedisLockStore
from rasa.core.processor import MessageProcessor

from scaling import config
from scaling.lock_store import AtomicRedisLockStore


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


def test_rasa_still_changes_ticket_locks_only_where_the_atomic_store_guards_them() -> None:
    """If a Rasa upgrade changes how its lock store takes locks, the override must be revisited."""
    lock = inspect.getsource(LockStore.lock)
    acquire = inspect.getsource(LockStore._acquire_lock)
    assert "self.issue_ticket(" in lock and "self.cleanup(" in lock
    assert "self.update_lock(" in acquire
    assert "save_lock" not in lock + acquire
    for name in ("issue_ticket", "update_lock", "cleanup"):
        assert getattr(AtomicRedisLockStore, name) is not getattr(RedisLockStore, name)


def test_rasa_still_schedules_reminders_by_name_as_the_hold_timer_takeover_does() -> None:
    source = inspect.getsource(MessageProcessor._schedule_reminders)
    assert "self.handle_reminder" in source and "id=e.name" in source and "run_date=e.trigger_date_time" in source
