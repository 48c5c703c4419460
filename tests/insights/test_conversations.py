"""Counts from hand-written tracker events: each kind of count read as the actions leave it in the store."""

from __future__ import annotations

from insights.conversations import Reader, slot_value, week_of
from insights.counts import Answer, Counts, End
from tests.insights.events import CRISIS, NOT_UNDERSTOOD, OFF_TOPIC, T0, Log

DAY = 86_400.0
FOLD_TURNS = 4  # the Forward Fold is four turns ("Forward Fold: step 4 of 4")


def count(
    *logs: Log, start: float = T0 - DAY, end: float = T0 + 30 * DAY, now: float | None = None, texts: bool = False
) -> Counts:
    reader = Reader(start, end, now if now is not None else T0 + 40 * DAY, include_text=texts)
    rows = sorted((r for log in logs for r in log.rows), key=lambda r: r[3])
    reader.feed([(i, *r[1:]) for i, r in enumerate(rows)])
    return reader.finish()


def walked_fold(sender: str = "rest:ann") -> Log:
    log = Log(sender).screen_asked("guide me through forward fold", "forward_fold").screen_no_starts("forward_fold")
    for index in range(1, FOLD_TURNS):
        log.step("forward_fold", index)
    return log.leave("next", "next_step", "action_next_step", "Well done, you've finished the Forward Fold!")


def test_a_stretch_walked_to_its_last_turn_is_started_and_finished() -> None:
    counts = count(walked_fold())
    assert counts.started == {"forward_fold": 1}
    assert counts.ends == {("forward_fold", End.FINISHED): 1}
    assert counts.ended_at == {}


def test_stop_mid_way_is_stopped_at_that_turn() -> None:
    log = Log().screen_asked("knee twist", "lying_knee_twist").screen_no_starts("lying_knee_twist")
    log.step("lying_knee_twist", 1).step("lying_knee_twist", 2)
    log.leave("stop", "stop_routine", "action_stop_routine", "Okay, we'll stop the Lying Knee Twist here.")
    counts = count(log)
    assert counts.ends == {("lying_knee_twist", End.STOPPED): 1}
    assert counts.ended_at == {("lying_knee_twist", 2, End.STOPPED): 1}


def test_a_run_gone_quiet_is_left_an_hour_later_and_in_progress_before() -> None:
    log = Log().screen_asked("cat cow", "cat_cow").screen_no_starts("cat_cow").step("cat_cow", 1)
    last = log.at
    assert count(log, now=last + 10 * 60).ends == {("cat_cow", End.IN_PROGRESS): 1}
    assert count(log, now=last + 2 * 3600).ended_at == {("cat_cow", 1, End.LEFT): 1}


def test_pain_stops_the_run_and_is_counted_for_its_stretch() -> None:
    log = Log().screen_asked("cat cow", "cat_cow").screen_no_starts("cat_cow").step("cat_cow", 1).pain("cat_cow", 1)
    counts = count(log)
    assert counts.ends == {("cat_cow", End.PAIN): 1}
    assert counts.pain_stops == {"cat_cow": 1}
    assert counts.fallback_actions == {}


def test_an_emergency_mid_routine_ends_it_and_is_counted_by_the_kind_of_advice_given() -> None:
    log = Log().screen_asked("cat cow", "cat_cow").screen_no_starts("cat_cow").step("cat_cow", 1)
    log.emergency("i can't control my bladder since this morning")
    crisis = Log("web:abc").emergency("i want to end it all", reply=CRISIS, action="action_fallback")
    counts = count(log, crisis)
    assert counts.ends == {("cat_cow", End.EMERGENCY): 1}
    assert counts.emergencies == {"back": 1, "crisis": 1}
    assert counts.emergency_sources == {"the message itself": 2}
    assert counts.fallback_actions == {}, "the triage answered: not a fallback, whatever action the NLU chose"


def test_screen_answers_yes_no_and_none() -> None:
    yes = Log("rest:a").screen_asked("do cat cow", "cat_cow").emergency("yes", action="action_affirm")
    no = walked_fold("rest:b")
    dropped = Log("rest:c").screen_asked("do cat cow", "cat_cow")
    dropped.user("bye", "goodbye").action("action_goodbye").bot("Bye").slot("safety_question", None).listen()
    quiet = Log("rest:d").screen_asked("do cat cow", "cat_cow")
    counts = count(yes, no, dropped, quiet)
    assert counts.screens_asked == 4
    assert counts.screens == {Answer.YES: 1, Answer.NO: 1, Answer.UNANSWERED: 2}
    assert counts.emergency_sources == {"a yes to the screen": 1}
    assert counts.started == {"forward_fold": 1}


def test_the_red_flag_question_asked_and_answered_no() -> None:
    log = (
        Log()
        .user("my legs feel a bit numb", "report_red_flag")
        .action("action_not_understood")
        .bot("Are you having ...?")
    )
    log.slot("safety_question", "red_flag").slot("pending_stretch", None).slot("screened_at", None).listen()
    log.user("no", "deny").action("action_deny").bot("Thanks for letting me know.")
    log.slot("emergency_advised", None).slot("safety_question", None).slot("pending_stretch", None)
    log.slot("screened_at", log.at).listen()
    counts = count(log)
    assert counts.red_flag_asked == 1
    assert counts.red_flag_questions == {Answer.NO: 1}
    assert counts.fallback_actions == {}


def test_slots_carried_into_a_new_session_are_not_changes() -> None:
    log = Log().screen_asked("cat cow", "cat_cow").screen_no_starts("cat_cow")
    log.step("cat_cow", 1).new_session(routine_stretch=None, routine_step=None)  # a carry-over that says nothing new
    counts = count(log, now=log.at + 60)
    assert counts.ends == {("cat_cow", End.IN_PROGRESS): 1}


def test_fallbacks_by_action_kind_and_intent_and_text_only_when_asked() -> None:
    log = Log().fallback("whats the weather in paris", "out_of_scope", OFF_TOPIC)
    log.fallback("asdfgh", "nlu_fallback", NOT_UNDERSTOOD).fallback("qwerty uiop", "nlu_fallback", NOT_UNDERSTOOD)
    log.fallback("i have a pain in my hip", "report_red_flag", NOT_UNDERSTOOD, action="action_not_understood")
    counts = count(log)
    assert counts.fallback_actions == {"action_fallback": 3, "action_not_understood": 1}
    assert counts.fallback_intents == {
        ("action_fallback", "out_of_scope"): 1,
        ("action_fallback", "nlu_fallback"): 2,
        ("action_not_understood", "report_red_flag"): 1,
    }
    assert counts.fallback_kinds == {"off_topic": 1, "not_understood": 3}
    assert counts.not_understood == {"nlu_fallback": 2, "report_red_flag": 1}
    assert counts.not_understood_texts == {}
    assert count(log, texts=True).not_understood_texts == {"asdfgh": 1, "qwerty uiop": 1, "i have a pain in my hip": 1}


def test_conversations_and_sessions_by_week_and_channel() -> None:
    monday = T0 - (T0 % DAY)  # 2026-11-30 is a Monday
    web = Log("web:x").user("hi", "greet", at=monday + 3600).user("hello again", "greet", at=monday + 3 * 3600)
    web.user("and again", "greet", at=monday + 3 * 3600 + 600)  # 10 minutes later: the same session
    phone = Log("phone:+16125550100").user("/greet", "greet", at=monday + 8 * DAY)
    alexa = Log("alexa:amzn1.ask.account.X").user("open stretch coach", "greet", at=monday + 9 * DAY)
    counts = count(web, phone, alexa, start=monday, end=monday + 14 * DAY)
    assert counts.conversations == {"web": 1, "phone": 1, "alexa": 1}
    assert counts.conversations_by_week == {
        ("2026-11-30", "web"): 1,
        ("2026-12-07", "phone"): 1,
        ("2026-12-07", "alexa"): 1,
    }
    assert counts.sessions_by_week == {("2026-11-30", "web"): 2, ("2026-12-07", "phone"): 1, ("2026-12-07", "alexa"): 1}
    assert counts.turns == {"web": 3, "phone": 1, "alexa": 1}


def test_only_the_period_counts() -> None:
    early = Log("rest:early").user("hi", "greet", at=T0 - 10 * DAY)
    inside = Log("rest:inside").user("hi", "greet", at=T0 + DAY)
    counts = count(early, inside, start=T0, end=T0 + 2 * DAY)
    assert counts.conversations == {"rest": 1}
    assert counts.total_turns == 1


def test_a_stretch_switched_for_another_and_a_skip() -> None:
    log = Log().screen_asked("cat cow", "cat_cow").screen_no_starts("cat_cow")
    log.user("actually lets do the forward fold instead", "request_stretch").action("action_start_stretch").bot(
        "Forward Fold"
    )
    log.slot("routine_stretch", "forward_fold").slot("routine_step", 0.0).slot("routine_queue", None).listen()
    log.leave("skip this one", "skip_stretch", "action_skip_stretch", "Okay, skipping the Forward Fold.")
    counts = count(log)
    assert counts.started == {"cat_cow": 1, "forward_fold": 1}
    assert counts.ends == {("cat_cow", End.SWITCHED): 1, ("forward_fold", End.SKIPPED): 1}


def test_weeks_start_on_monday_and_slot_values_are_read_from_the_end_of_the_json() -> None:
    assert week_of(T0) == "2026-11-30"
    assert week_of(T0 + 6 * DAY) == "2026-11-30"
    assert week_of(T0 + 7 * DAY) == "2026-12-07"
    assert slot_value('{"event": "slot", "name": "routine_step", "value": 3.0}') == 3.0
    assert slot_value('{"event": "slot", "name": "x", "value": "a \\"quoted\\" value"}') == 'a "quoted" value'
    assert slot_value("not json") is None
