"""After emergency advice, through the actions (a live tester's fall on the ice, and a learned false
alarm on a form question): where to go is answered with the advice, being seen settles it, a denial
settles only what the learned reader alone found, and after twelve hours a stretch gets the screen."""

from __future__ import annotations

import time
from typing import Any

from actions.info_actions import ActionAnswerSuitability
from actions.routine_actions import ActionStartStretch
from actions.safety_actions import ActionFallback
from tests.actions.helpers import said_and_set

TWIST = [{"entity": "stretch", "value": "lying_knee_twist"}]


def advised(minutes_ago: float, *, learned: bool = False) -> dict[str, Any]:
    return {
        "emergency_advised": True,
        "emergency_advised_at": time.time() - 60 * minutes_ago,
        "emergency_learned": learned or None,
        "screened_at": None,
    }


async def test_a_question_about_urgent_care_gets_the_advice_not_the_stretches(make_tracker) -> None:
    text = "911? i can walk ok its just sore. could darlene drive me to the urgent care in blaine instead"
    said, slots, dispatcher = await said_and_set(
        ActionAnswerSuitability(), make_tracker(text, "ask_suitability", advised(2), screened=False)
    )
    assert "the advice is the emergency room" in said and "call 911" in said
    assert "can't tell whether these stretches are safe" not in said
    assert not any(m.get("buttons") for m in dispatcher.messages)
    assert "emergency_advised" not in slots  # the advice stands


async def test_having_been_seen_settles_the_advice(make_tracker) -> None:
    text = (
        "back from mercy. they took xrays nothing broke just a bruised tailbone. when can i start the stretches again"
    )
    said, slots, _ = await said_and_set(
        ActionFallback(), make_tracker(text, "out_of_scope", advised(180), screened=False)
    )
    assert "Follow what the doctor who saw you said" in said and "Please get help now" not in said
    assert slots["emergency_advised"] is None


async def test_a_stretch_the_next_day_gets_the_screen_not_the_advice_again(make_tracker) -> None:
    text = "hi its monday. tailbone is a lot better. id like to try the knee twist lying down real easy"
    tracker = make_tracker(text, "request_stretch", advised(60 * 48), entities=TWIST, screened=False)
    said, slots, _ = await said_and_set(ActionStartStretch(), tracker)
    assert said.startswith("Before we start: do you have any of these right now")
    assert "Please get help now" not in said and slots["emergency_advised"] is None


async def test_the_same_day_a_stretch_still_waits_for_the_screen(make_tracker) -> None:
    tracker = make_tracker("lets do the knee twist", "request_stretch", advised(30), entities=TWIST, screened=False)
    said, _, _ = await said_and_set(ActionStartStretch(), tracker)
    assert said.startswith("Before we start")


async def test_a_denial_settles_what_only_the_learned_reader_found(make_tracker) -> None:
    tracker = make_tracker(
        "what?! I do not have chest pain", "report_red_flag", advised(1, learned=True), screened=False
    )
    said, slots, _ = await said_and_set(ActionFallback(), tracker)
    assert said.startswith("Sorry, I read that wrong.") and slots["emergency_advised"] is None


async def test_a_denial_does_not_settle_what_the_rules_found(make_tracker) -> None:
    tracker = make_tracker("I do not have time for the ER", "out_of_scope", advised(1), screened=False)
    said, slots, _ = await said_and_set(ActionFallback(), tracker)
    assert "Please get help now" in said and "emergency_advised" not in slots
