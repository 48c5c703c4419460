"""What the action tests read from a run: the text said and the slots set."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from channels.render import rest
from pacing import Routine
from pacing.reply_data import reply_of
from stretch_content import load_content

CONTENT = load_content()
CLINIC = CONTENT.clinic
TWIST = Routine(CONTENT.stretch("lying_knee_twist"))
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
FOLD = Routine(CONTENT.stretch("forward_fold"))


class RestDispatcher(CollectingDispatcher):
    """A dispatcher whose ``messages`` are the action's replies as the REST channel sends them (picture,
    then text with buttons), each reply's data kept in the last one's ``custom``."""

    def utter_message(self, *args: Any, **kwargs: Any) -> None:
        super().utter_message(*args, **kwargs)
        reply = reply_of(self.messages[-1])
        if reply is not None:
            custom = self.messages.pop()["custom"]
            shown = rest.render(reply)
            shown[-1]["custom"] = custom
            self.messages.extend(shown)


def texts(dispatcher: CollectingDispatcher) -> str:
    """Every text message the action sent, in order."""
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The slots the action set, by name."""
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def left_routine(slots: dict[str, Any]) -> bool:
    """The run took the person out of the routine (and out of any "do all three" session)."""
    return all(slots.get(name, "unset") is None for name in ("routine_stretch", "routine_step", "routine_queue"))


def at(routine: Routine, index: int, **more: Any) -> dict[str, Any]:
    """Slots for a person at ``index`` of ``routine``, the safety notice already said."""
    return {"routine_stretch": routine.stretch.id, "routine_step": float(index), "safety_notice_given": True, **more}


async def said_and_set(action: Any, tracker: Any) -> tuple[str, dict[str, Any], CollectingDispatcher]:
    """Run an action as the action server does: what it said, the slots it set, and its messages."""
    dispatcher = RestDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return texts(dispatcher), slot_events(events), dispatcher
