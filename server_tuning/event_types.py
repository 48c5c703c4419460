"""Rasa's event classes looked up by name in a table, not by walking every subclass of ``Event`` per event.

``Event.resolve_by_type`` (called for every event Rasa reads back from the tracker store and every event
the action server returns) lists all subclasses of ``Event``, recursively, checking each with
``inspect.isabstract``, and returns the first whose ``type_name`` matches: about 5% of the Rasa server's
time per turn in a profile (a session's 40 events, 23 classes each). Here the same first match is kept in
a table built once from the same list; a name the table lacks goes through Rasa's own walk (a class
defined since is found, and kept), so an unknown name gets Rasa's answer (``None`` for the old ``topic``
events, the default, or its ``ValueError``). The one case it would answer differently: a subclass
defined after the first lookup with a ``type_name`` an earlier class already has (none in Rasa 3.6 or in
this project; a unit test checks that no two classes share a name).
"""

from __future__ import annotations

from typing import Any

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

from server_tuning import pinning

TARGET = "rasa.shared.core.events.Event.resolve_by_type"
STOCK = Event.__dict__["resolve_by_type"].__func__
"""Rasa's own function, as imported (before :func:`install` replaces it)."""

_by_name: dict[str, type[Event]] = {}


def _build() -> None:
    """The first class of Rasa's list for each name, as Rasa's loop finds it."""
    for cls in all_subclasses(Event):
        _by_name.setdefault(cls.type_name, cls)


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """``Event.resolve_by_type``, from the table; a name it lacks gets Rasa's own walk (and is kept if found)."""
    if not _by_name:
        _build()
    found = _by_name.get(type_name)
    if found is not None:
        return found
    answer: Any = STOCK(type_name, default)  # a class defined since, or Rasa's answer for an unknown name
    if isinstance(answer, type) and issubclass(answer, Event) and getattr(answer, "type_name", None) == type_name:
        _by_name[type_name] = answer
    return answer  # type: ignore[no-any-return]


def install() -> bool:
    """Replaces Rasa's function when it is still the one this override was written for."""
    if Event.__dict__["resolve_by_type"].__func__ is resolve_by_type:
        return True
    if not pinning.unchanged(TARGET):
        return False
    Event.resolve_by_type = staticmethod(resolve_by_type)
    return True
