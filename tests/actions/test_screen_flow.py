"""The screen before exercise across turns, as the action server runs it: asked before a stretch when
due, a clear no starts the stretch, a yes is emergency advice, anything else asks again; what each
channel remembers."""

from __future__ import annotations

from typing import Any

import pytest

from actions import screen
from actions.info_actions import ActionAffirm, ActionDeny, ActionGreet
from actions.routine_actions import ActionNextStep, ActionStartAllStretches, ActionStartStretch, ActionStopRoutine
from actions.safety_actions import ActionFallback, ActionNotUnderstood
from tests.actions.helpers import CLINIC, TWIST, at, left_routine, said_and_set

NOW = 1_900_000_000.0
DAY = 24 * 3600.0
FOLD_ENTITY = [{"entity": "stretch", "value": "forward_fold"}]
SCREEN_ASKED = {"safety_question": "screen", "pending_stretch": "forward_fold"}
SCREEN_OPENING = "Before we start: do you have any of these right now:"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(screen, "clock", lambda: NOW)


async def ask_for_the_fold(make_tracker, slots: dict[str, Any] | None = None, channel: str = "rest"):
    tracker = make_tracker(
        "guide me through the forward fold",
        "request_stretch",
        slots=slots,
        entities=FOLD_ENTITY,
        channel=channel,
        screened=False,
    )
    return await said_and_set(ActionStartStretch(), tracker)


async def test_a_first_stretch_waits_for_the_screen(make_tracker) -> None:
    said, slots, d = await ask_for_the_fold(make_tracker)
    assert said.startswith(SCREEN_OPENING) and CLINIC.red_flags in said
    assert "Forward Fold" not in said and CLINIC.consult not in said
    assert [b["title"] for b in d.messages[-1]["buttons"]] == ["Yes", "No"]
    assert slots == {**SCREEN_ASKED, "screened_at": None} and "routine_stretch" not in slots


async def test_do_all_three_waits_for_the_screen_too(make_tracker) -> None:
    tracker = make_tracker("do all three", "do_all_stretches", screened=False)
    said, slots, _ = await said_and_set(ActionStartAllStretches(), tracker)
    assert said.startswith(SCREEN_OPENING) and slots["pending_stretch"] == "all"


@pytest.mark.parametrize("text", ["no", "nope", "none of those", "no to all", "nah", "i'm fine none of them"])
async def test_a_clear_no_gives_the_notice_and_the_first_step_and_records_the_time(make_tracker, text) -> None:
    tracker = make_tracker(text, "deny", slots=SCREEN_ASKED, screened=False)
    said, slots, _ = await said_and_set(ActionDeny(), tracker)
    assert CLINIC.consult in said and "Let's do the Forward Fold" in said
    assert slots["routine_stretch"] == "forward_fold" and slots["routine_step"] == 0.0
    assert slots["screened_at"] == NOW and slots["safety_question"] is None


async def test_the_notice_is_said_once(make_tracker) -> None:
    tracker = make_tracker("no", "deny", slots={**SCREEN_ASKED, "safety_notice_given": True}, screened=False)
    said, _slots, _ = await said_and_set(ActionDeny(), tracker)
    assert CLINIC.consult not in said and "Let's do the Forward Fold" in said


async def test_a_no_the_nlu_did_not_recognise_still_counts(make_tracker) -> None:
    tracker = make_tracker("none of the above", "nlu_fallback", slots=SCREEN_ASKED, screened=False)
    said, slots, _ = await said_and_set(ActionFallback(), tracker)
    assert "Let's do the Forward Fold" in said and slots["screened_at"] == NOW


async def test_yes_is_emergency_advice_and_no_stretch(make_tracker) -> None:
    said, slots, d = await said_and_set(ActionAffirm(), make_tracker("yes", "affirm", slots=SCREEN_ASKED))
    assert said.startswith(CLINIC.emergency) and "Forward Fold" not in said
    assert slots["emergency_advised"] is True and slots["pending_stretch"] is None and not slots.get("routine_stretch")
    assert not d.messages[-1].get("buttons")


@pytest.mark.parametrize(
    ("text", "intent", "action"),
    [
        ("actually both legs, and it's not going away", "nlu_fallback", ActionFallback),
        ("both", "nlu_fallback", ActionFallback),
        ("i had a fall last year", "report_red_flag", ActionNotUnderstood),
        ("next", "next_step", ActionNextStep),
        ("what do you mean", "nlu_fallback", ActionFallback),
        ("ok", "affirm", ActionAffirm),  # "ok" as in "go ahead": a patient got 911 for it
        ("sure go ahead", "affirm", ActionAffirm),
        ("no, but my legs feel odd", "deny", ActionDeny),
    ],
)
async def test_words_of_their_own_keep_the_question_open(make_tracker, text, intent, action) -> None:
    said, slots, d = await said_and_set(action(), make_tracker(text, intent, slots=SCREEN_ASKED, screened=False))
    assert said.startswith("Sorry, I need a clear yes or no") and "911" not in said and "Forward Fold" not in said
    assert [b["title"] for b in d.messages[-1]["buttons"]] == ["Yes", "No"]
    assert slots == {}  # the question and the stretch still wait
    # and a yes afterwards answers it (never "next"):
    said, slots, _ = await said_and_set(ActionAffirm(), make_tracker("yes", "affirm", slots=SCREEN_ASKED))
    assert said.startswith(CLINIC.emergency)


async def test_yes_with_its_own_words_is_emergency_advice(make_tracker) -> None:
    tracker = make_tracker("yes both legs and it's not going away", "report_red_flag", slots=SCREEN_ASKED)
    said, slots, _ = await said_and_set(ActionNotUnderstood(), tracker)
    assert said.startswith(CLINIC.emergency) and slots["emergency_advised"] is True


async def test_a_stretch_within_the_interval_starts_at_once(make_tracker) -> None:
    said, slots, _ = await ask_for_the_fold(make_tracker, {"screened_at": NOW - DAY + 60})
    assert "Let's do the Forward Fold" in said and not said.startswith(SCREEN_OPENING)
    assert slots["routine_stretch"] == "forward_fold"


async def test_the_screen_is_asked_again_after_the_interval(make_tracker) -> None:
    said, slots, _ = await ask_for_the_fold(make_tracker, {"screened_at": NOW - DAY - 60})
    assert said.startswith(SCREEN_OPENING) and slots["safety_question"] == "screen"


async def test_a_red_flag_mention_unsets_the_screen(make_tracker) -> None:
    tracker = make_tracker("my foot tingles a bit", "next_step", slots=at(TWIST, 2, screened_at=NOW - 60))
    _said, slots, _ = await said_and_set(ActionNextStep(), tracker)
    assert slots["screened_at"] is None and slots["safety_question"] == "red_flag"
    tracker = make_tracker("I can't control my bladder", "report_red_flag", slots={"screened_at": NOW - 60})
    _said, slots, _ = await said_and_set(ActionNotUnderstood(), tracker)
    assert slots["screened_at"] is None and slots["emergency_advised"] is True


async def test_after_emergency_advice_a_stretch_gets_the_screen_even_if_screened(make_tracker) -> None:
    said, slots, _ = await ask_for_the_fold(make_tracker, {"emergency_advised": True, "screened_at": NOW - 60})
    assert said.startswith(SCREEN_OPENING) and slots["safety_question"] == "screen"
    tracker = make_tracker("no", "deny", slots={"emergency_advised": True, **SCREEN_ASKED}, screened=False)
    said, slots, _ = await said_and_set(ActionDeny(), tracker)
    assert "Let's do the Forward Fold" in said and slots["emergency_advised"] is None


async def test_stop_instead_of_an_answer_drops_the_question(make_tracker) -> None:
    said, slots, _ = await said_and_set(ActionStopRoutine(), make_tracker("stop", "stop_routine", slots=SCREEN_ASKED))
    assert slots["safety_question"] is None and slots["pending_stretch"] is None and "yes or no" not in said


async def test_a_stretch_offered_then_accepted_waits_for_the_screen(make_tracker) -> None:
    tracker = make_tracker("yes", "affirm", slots={"pending_stretch": "cat_cow"}, screened=False)
    said, slots, _ = await said_and_set(ActionAffirm(), tracker)
    assert said.startswith(SCREEN_OPENING) and slots["safety_question"] == "screen"
    assert slots["pending_stretch"] == "cat_cow"


async def test_alexa_asks_every_time_and_keeps_nothing_about_the_answer(make_tracker) -> None:
    said, slots, _ = await ask_for_the_fold(make_tracker, {"screened_at": NOW - 60}, channel="alexa")
    assert said == "" or "Forward Fold" not in said  # Alexa's reply travels as SSML
    assert slots["safety_question"] == "screen"
    no = make_tracker("no", "deny", slots=SCREEN_ASKED, channel="alexa", screened=False)
    _said, slots, _ = await said_and_set(ActionDeny(), no)
    assert slots["routine_stretch"] == "forward_fold" and slots.get("screened_at") is None
    yes = make_tracker("yes", "affirm", slots=SCREEN_ASKED, channel="alexa", screened=False)
    _said, slots, d = await said_and_set(ActionAffirm(), yes)
    assert "emergency_advised" not in slots and slots["safety_question"] is None
    assert "911" in str(d.messages)


async def test_a_new_phone_call_forgets_the_last_calls_screen(make_tracker) -> None:
    call = make_tracker("/greet", "greet", slots={"screened_at": NOW - 60}, channel="twilio_voice")
    _said, slots, _ = await said_and_set(ActionGreet(), call)
    assert slots["screened_at"] is None
    hello = make_tracker("hello", "greet", slots={"screened_at": NOW - 60}, channel="twilio_voice")
    _said, slots, _ = await said_and_set(ActionGreet(), hello)
    assert "screened_at" not in slots  # mid-call greetings change nothing


async def test_yes_mid_routine_ends_the_routine(make_tracker) -> None:
    _said, slots, _ = await said_and_set(
        ActionAffirm(), make_tracker("yes", "affirm", slots={**at(TWIST, 2), **SCREEN_ASKED})
    )
    assert left_routine(slots)


async def test_the_yes_and_no_buttons_answer_it(make_tracker) -> None:
    """A button (or Alexa's NoIntent / YesIntent) sends the intent itself ("/deny"), not words."""
    said, slots, _ = await said_and_set(ActionDeny(), make_tracker("/deny", "deny", slots=SCREEN_ASKED, screened=False))
    assert "Let's do the Forward Fold" in said and slots["screened_at"] == NOW
    said, slots, _ = await said_and_set(ActionAffirm(), make_tracker("/affirm", "affirm", slots=SCREEN_ASKED))
    assert said.startswith(CLINIC.emergency)


@pytest.mark.parametrize(
    "text",
    ["No dear none of that", "lmao no", "NO. i told you twice already", "whoa no, i dont have any of those"],
)
async def test_a_no_in_other_words_starts_the_stretch(make_tracker, text: str) -> None:
    tracker = make_tracker(text, "nlu_fallback", slots=SCREEN_ASKED, screened=False)
    said, slots, _ = await said_and_set(ActionFallback(), tracker)
    assert "Let's do the Forward Fold" in said and "911" not in said and slots["screened_at"] == NOW
