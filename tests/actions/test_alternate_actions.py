"""'Why not alternate' mid-Cat/Cow, whatever the NLU made of it (a live tester's was read as a pause)."""

from __future__ import annotations

from actions.info_actions import ActionThank
from actions.routine_actions import ActionPauseRoutine
from tests.actions.helpers import CAT_COW, at, said_and_set


async def test_why_not_alternate_read_as_a_pause_is_answered_and_nothing_pauses(make_tracker) -> None:
    tracker = make_tracker("why not alternate", "pause_routine", slots=at(CAT_COW, 1))
    said, slots, d = await said_and_set(ActionPauseRoutine(), tracker)
    assert "already alternates" in said and "Paused" not in said and slots == {}
    assert d.messages[-1]["buttons"]


async def test_stop_there_thx_read_as_thanks_stops(make_tracker) -> None:
    tracker = make_tracker("stop there thx", "thank", slots=at(CAT_COW, 3))
    said, slots, _ = await said_and_set(ActionThank(), tracker)
    assert "stopped the Cat/Cow" in said and slots["routine_stretch"] is None
