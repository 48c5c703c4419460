"""The conversation runner's own judgement, without servers: a checker that never fails would hide everything."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.patient_script import (
    GENERIC_FALLBACK_TEXTS,
    Conversation,
    Expect,
    Place,
    Turn,
    TurnResult,
    answering_action,
    category,
    check_turn,
    run_conversation,
    summarize,
)

IN_TWIST = Place("lying_knee_twist", 3)


def result(text: str, *, expect: Expect | None = None, before: Place = IN_TWIST, after: Place = IN_TWIST, **kw: Any):
    turn = Turn(1, "which side now?", expect or Expect())
    return TurnResult(turn, text, kw.get("buttons", ()), before, after, kw.get("action", "action_tell_side"))


def test_a_plain_answer_with_a_question_passes() -> None:
    assert check_turn(result("Right side. Say next when you're ready?")) == ()


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        ("", "no reply text"),
        ("Right side.", "no way forward"),
        ("If you have any of these, call 911. Say next.", "false alarm"),
        ("Are you having any of these right now: numbness?", "false alarm"),
    ],
)
def test_each_failure_is_named(reply: str, problem: str) -> None:
    assert any(problem in p for p in check_turn(result(reply)))


def test_buttons_are_a_way_forward() -> None:
    assert check_turn(result("Right side.", buttons=("/next_step",))) == ()


def test_a_lost_place_is_caught_unless_expected() -> None:
    lost = result("Okay. Say next?", after=Place())
    assert lost.place_lost and any("place lost" in p for p in check_turn(lost))
    stopped = result("Okay. Say next?", expect=Expect(routine=("none",)), after=Place())
    assert not stopped.place_lost and check_turn(stopped) == ()


def test_emergency_must_end_the_routine_and_offer_no_stretch() -> None:
    expect = Expect(emergency=True)
    problems = check_turn(result("Call 911 now.", expect=expect, buttons=('/request_stretch{"stretch": "cat_cow"}',)))
    assert any("offers a stretch" in p for p in problems)
    assert any("should have ended" in p for p in problems)
    assert check_turn(result("Call 911 now.", expect=expect, after=Place())) == ()


def test_the_red_flag_question_keeps_the_place() -> None:
    moved = result("Are you having any of these right now?", expect=Expect(asks_red_flag=True), after=Place())
    assert any("moved the person" in p for p in check_turn(moved))


def test_the_screen_is_expected_where_it_comes_and_only_there() -> None:
    screen = "Before we start: do you have any of these right now: a fever? Please answer yes or no."
    assert any("did not expect it" in p for p in check_turn(result(screen)))
    assert check_turn(result(screen, expect=Expect(screen=True))) == ()
    missing = check_turn(result("Right side. Say next?", expect=Expect(screen=True)))
    assert any("expected the screen" in p for p in missing)
    moved = check_turn(result(screen, expect=Expect(screen=True), after=Place()))
    assert any("the screen moved the person" in p for p in moved)
    assert Expect.parse({"screen": True}, "here").screen


def test_steps_and_words_are_checked() -> None:
    expect = Expect(step=4, says=("left",))
    problems = check_turn(result("Right side. Next?", expect=expect))
    assert any("expected step 4" in p for p in problems) and any("'left'" in p for p in problems)


def test_categories_follow_the_reply_markers() -> None:
    assert category("These can be serious. Call 911 or go to the ER.") == "emergency"
    assert category("If you have any of these, call 911.") == "none"  # the old hedge is not emergency advice
    assert category("Are you having any of these right now: fever?") == "ask"
    assert category("Let's stop: don\u2019t continue a stretch that hurts.") == "pain"
    assert category("Right side.") == "none"


def test_the_answering_action_skips_rasa_bookkeeping() -> None:
    events = [
        {"event": "user", "text": "hi"},
        {"event": "action", "name": "action_fallback"},
        {"event": "user", "text": "cat cow"},
        {"event": "action", "name": "action_start_stretch"},
        {"event": "action", "name": "action_session_start"},
        {"event": "action", "name": "action_listen"},
    ]
    assert answering_action({"events": events}) == "action_start_stretch"


class FakeServer:
    """Replies from a script, to check the runner reads replies, places and actions in order."""

    def __init__(self) -> None:
        self.turns = 0

    def rest(self, sender: str, message: str) -> list[dict[str, Any]]:
        self.turns += 1
        return [{"text": "Sorry, I can't help with that. Ask me for a stretch?"}]

    def tracker(self, sender: str) -> dict[str, Any]:
        stretch = "cat_cow" if self.turns == 1 else None
        events = [{"event": "user"}, {"event": "action", "name": "action_fallback"}]
        return {"slots": {"routine_stretch": stretch, "routine_step": 0.0}, "events": events}


def test_the_runner_and_summary_count_fallbacks_and_lost_places() -> None:
    script = Conversation("t", "Test, 1", (Turn(1, "cat cow", Expect()), Turn(2, "hm", Expect(offtopic=True))))
    results = run_conversation(FakeServer(), script, "s")
    assert [str(r.after) for r in results] == ["cat_cow step 1", "no routine"]
    summary = summarize({"t": results})
    assert summary["fallback_turns"] == 2 and summary["fallback_on_topic_turns"] == 1
    assert summary["fallback_share_on_topic"] == 1.0 and summary["places_lost"] == 1


def test_emergency_advice_may_be_repeated_only_where_allowed() -> None:
    again = "Please get help now: Call 911 or go to the nearest emergency room. Tell me if not?"
    assert result(again, before=Place(), after=Place()).false_alarm
    allowed = Expect(routine=("none",), emergency_may_repeat=True)
    assert check_turn(result(again, expect=allowed, before=Place(), after=Place())) == ()


def test_the_generic_fallback_counts_whichever_action_says_it() -> None:
    said_elsewhere = result(GENERIC_FALLBACK_TEXTS[0] + " Say next?", action="action_not_understood")
    assert said_elsewhere.fallback and said_elsewhere.fallback_text_elsewhere
    assert result("Sorry, I can't advise on medication. Ask me?", action="action_fallback").fallback
    assert not result("Your right side now. Say next?").fallback
    assert not result("Let's stop: don't continue a stretch that hurts. Call us?", action="action_fallback").fallback
