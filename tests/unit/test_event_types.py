"""Event classes by name from a table (server_tuning/event_types.py): Rasa's answers, without the walk."""

from __future__ import annotations

import collections
import subprocess
import sys

import pytest
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

from harness.stack import ROOT
from server_tuning import event_types


def test_no_two_event_classes_share_a_name() -> None:
    """The table keeps Rasa's first match; it can only differ from Rasa's walk if a name is shared."""
    names = collections.Counter(cls.type_name for cls in all_subclasses(Event))
    assert [name for name, count in names.items() if count > 1] == []


def test_every_name_gives_rasas_class() -> None:
    for cls in all_subclasses(Event):
        assert event_types.resolve_by_type(cls.type_name) is event_types.STOCK(cls.type_name)
    assert event_types.resolve_by_type("user") is UserUttered
    assert event_types.resolve_by_type("slot") is SlotSet
    assert event_types.resolve_by_type("session_started") is SessionStarted


def test_unknown_names_get_rasas_answers() -> None:
    assert event_types.resolve_by_type("topic") is None
    assert event_types.resolve_by_type("no_such_event", ActionExecuted) is ActionExecuted
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        event_types.resolve_by_type("no_such_event")


def test_installed_a_class_defined_later_is_found_and_events_read_back_as_before() -> None:
    code = (
        "from rasa.shared.core.events import Event, UserUttered, SlotSet\n"
        "from server_tuning import event_types\n"
        "assert event_types.install()\n"
        "assert Event.resolve_by_type('user') is UserUttered\n"
        "class Late(SlotSet):\n    type_name = 'late_event'\n"
        "assert Event.resolve_by_type('late_event') is Late\n"
        "event = Event.from_parameters({'event': 'slot', 'name': 'routine_step', 'value': 3})\n"
        "print(type(event).__name__, event.key, event.value)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[-2] == "SlotSet routine_step 3"
