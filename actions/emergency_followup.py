"""The turn after emergency advice, outside a routine: where to go, having been seen, a misread denied,
or the advice lapsed (``pacing.after_emergency``); None lets the action answer as it would."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from actions import triage_state
from pacing import after_emergency

if TYPE_CHECKING:
    from actions.base import Turn


def respond(turn: Turn) -> list[dict[str, Any]] | None:
    """The events of a reply given here, or None when the turn goes on to the action (the advice lapsed
    or nothing here applies; a lapsed advice is cleared first, so a stretch asked for gets the screen)."""
    tracker = turn.tracker
    if turn.place is not None or not triage_state.emergency_advised(tracker):
        return None
    if not after_emergency.stands(triage_state.advised_at(tracker), time.time()):
        turn.events.extend(triage_state.all_clear())  # the screen was expired with the advice: it is asked again
        return None
    if after_emergency.been_seen(turn.text):
        turn.say(after_emergency.seen(turn.content.clinic))
        return [*turn.events, *triage_state.all_clear()]
    if after_emergency.asks_where_to_go(turn.text):
        turn.say(after_emergency.where_to_go(turn.content.clinic, turn.content.emergency_number))
        return turn.events
    if triage_state.advice_was_learned(tracker) and after_emergency.denies(turn.text):
        turn.say(after_emergency.misread(turn.content))
        return [*turn.events, *triage_state.all_clear()]
    return None
