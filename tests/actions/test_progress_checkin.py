"""The pain check-in and the person's history through the real actions, on a real progress store (SQLite)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker

from actions import progress_checkin
from actions.info_actions import ActionGreet
from actions.progress_actions import ActionHowAmIDoing, ActionSkipCheckin, ActionStretchReminder
from actions.routine_actions import ActionNextStep, ActionSkipStretch, ActionStartStretch, ActionTellHoldDuration
from actions.safety_actions import ActionFallback
from pacing.reminder import verify
from storage import progress
from tests.actions.helpers import CAT_COW, CLINIC, TWIST, at, said_and_set

SENDER = "rest:progress-ann"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[progress.ProgressStore]:
    monkeypatch.setenv(progress.KEY_ENV, "actions-test-key")
    db = tmp_path / "tracker.db"
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, timestamp REAL, data TEXT)")
    found = progress.engine_for({"type": "sql", "db": str(db)}, tmp_path)
    assert found is not None
    progress.migrate(found[0])  # as the Rasa server does at start
    kept = progress.ProgressStore(found[0], progress.progress_key(found[1]))
    progress_checkin.use_store(kept)
    yield kept
    progress_checkin.use_store(None)


def tracker(
    text: str,
    intent: str,
    slots: dict[str, Any] | None = None,
    *,
    sender: str = SENDER,
    channel: str = "rest",
    **kw: Any,
) -> Tracker:
    slots = {"screened_at": time.time() - 60, **(slots or {})}
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": kw.get("entities", [])}
    events = [{"event": "user", "text": text, "parse_data": latest, "input_channel": channel}]
    return Tracker(sender, slots, latest, events, False, None, {}, "action_listen")


CAT_COW_ENTITY = [{"entity": "stretch", "value": "cat_cow"}]


async def test_a_session_checks_in_at_6_and_out_at_4_and_hears_the_change(store: progress.ProgressStore) -> None:
    said, slots, dispatcher = await said_and_set(
        ActionStartStretch(), tracker("guide me through cat cow", "request_stretch", entities=CAT_COW_ENTITY)
    )
    assert str(CAT_COW.at(0).text) in said  # the stretch starts as always, the check-in after it
    assert "from 0 (no pain) to 10 (worst imaginable)" in dispatcher.messages[-1]["text"]
    titles = [b["title"] for b in dispatcher.messages[-1]["buttons"]]
    assert titles[0] == "Next" and titles[-12:] == [*map(str, range(11)), "Skip"]
    assert slots["checkin_open"] == "before"
    session = slots["progress_session"]

    said, slots, _ = await said_and_set(
        ActionFallback(), tracker("about a 6", "nlu_fallback", {**at(CAT_COW, 0), **slots})
    )
    assert "6 out of 10" in said and "Cat/Cow" in said  # acknowledged, and the place kept
    assert slots["checkin_open"] is None and slots["pain_before"] == 6.0
    assert "routine_step" not in slots  # no step moved

    last = CAT_COW.total - 1
    state = {**at(CAT_COW, last), "progress_session": session, "pain_before": 6.0}
    said, slots, dispatcher = await said_and_set(ActionNextStep(), tracker("next", "next_step", state))
    assert "Well done" in said and slots["checkin_open"] == "after"
    assert "0 (no pain) to 10" in dispatcher.messages[-1]["text"]

    state = {"progress_session": session, "pain_before": 6.0, "checkin_open": "after"}
    said, slots, _ = await said_and_set(ActionFallback(), tracker("4", "nlu_fallback", state))
    assert "down 2 points" in said and "nice work" in said
    assert CLINIC.phone not in said
    rows = sorted((r.phase, r.score, r.session_id, r.channel) for r in progress.rows(store.engine, "progress_checkins"))
    assert rows == [("after", 4, session, "rest"), ("before", 6, session, "rest")]
    assert all(r.person == store.person(SENDER) for r in progress.rows(store.engine, "progress_checkins"))


async def test_next_while_the_question_is_open_moves_on_as_it_always_did(store: progress.ProgressStore) -> None:
    state = {**at(CAT_COW, 0), "checkin_open": "before", "progress_session": "s1"}
    said, slots, _ = await said_and_set(ActionNextStep(), tracker("next", "next_step", state))
    assert slots["routine_step"] == 1.0 and str(CAT_COW.at(1).text) in said
    assert slots["checkin_open"] is None  # closed: a later number is not taken for it
    assert progress.rows(store.engine, "progress_checkins") == []


@pytest.mark.parametrize("text", ["eleven", "-3", "😣", "6 or 7"])
async def test_bad_answers_ask_again_keep_the_place_and_keep_nothing(store: progress.ProgressStore, text: str) -> None:
    state = {**at(CAT_COW, 0), "checkin_open": "before", "progress_session": "s1"}
    said, slots, dispatcher = await said_and_set(ActionFallback(), tracker(text, "nlu_fallback", state))
    assert "0 (no pain) to 10" in said or "0 to 10" in said
    assert "checkin_open" not in slots and "routine_step" not in slots  # still open, still there
    assert "Next" in [b["title"] for b in dispatcher.messages[-1]["buttons"]]
    assert progress.rows(store.engine, "progress_checkins") == []


async def test_i_dont_know_and_skip_close_the_question(store: progress.ProgressStore) -> None:
    for text, intent, action in [
        ("I don't know", "nlu_fallback", ActionFallback()),
        ("/skip_checkin", "skip_checkin", ActionSkipCheckin()),
    ]:
        state = {**at(CAT_COW, 0), "checkin_open": "before", "progress_session": "s1"}
        said, slots, _ = await said_and_set(action, tracker(text, intent, state))
        assert slots["checkin_open"] is None and "Cat/Cow" in said
    assert progress.rows(store.engine, "progress_checkins") == []


async def test_skip_when_nothing_is_open_says_so_and_offers_the_way_on(store: progress.ProgressStore) -> None:
    said, _, _ = await said_and_set(ActionSkipCheckin(), tracker("/skip_checkin", "skip_checkin"))
    assert "skipped" in said.lower() and "stretch" in said


async def test_a_number_when_nothing_was_asked_is_not_kept(store: progress.ProgressStore) -> None:
    said, _, _ = await said_and_set(ActionFallback(), tracker("6", "nlu_fallback"))
    assert "only note" in said and "haven't kept" in said
    assert progress.rows(store.engine, "progress_checkins") == []


async def test_a_red_flag_at_the_check_in_is_handled_as_always(store: progress.ProgressStore) -> None:
    state = {**at(CAT_COW, 0), "checkin_open": "before", "progress_session": "s1"}
    said, slots, _ = await said_and_set(
        ActionFallback(), tracker("6 and i cant control my bladder since this morning", "nlu_fallback", state)
    )
    assert "911" in said or "emergency" in said.lower()
    assert progress.rows(store.engine, "progress_checkins") == []
    assert slots["checkin_open"] is None  # dropped: a later number is not taken for it


async def test_a_very_high_score_gets_the_clinics_advice(store: progress.ProgressStore) -> None:
    state = {**at(CAT_COW, 0), "checkin_open": "before", "progress_session": "s1"}
    said, _, _ = await said_and_set(ActionFallback(), tracker("9", "nlu_fallback", state))
    assert "stop if it hurts" in said.lower() and CLINIC.phone in said


async def test_alexa_is_never_asked(store: progress.ProgressStore) -> None:
    said, slots, _ = await said_and_set(
        ActionStartStretch(),
        tracker(
            "cat cow", "request_stretch", {"screened_at": None}, sender="alexa:amzn1.ask.account.X", channel="alexa"
        ),
    )
    assert "0 (no pain)" not in said and "checkin_open" not in slots


async def test_alexa_starts_the_stretch_without_the_question(store: progress.ProgressStore) -> None:
    # Alexa asks the screen before every stretch; its "no" starts the stretch: still no check-in.
    state = {"safety_question": "screen", "pending_stretch": "cat_cow"}
    said, slots, _ = await said_and_set(
        ActionFallback(), tracker("no", "deny", state, sender="alexa:amzn1.ask.account.X", channel="alexa")
    )
    assert str(CAT_COW.at(0).text) in said and "0 (no pain)" not in said
    assert slots.get("checkin_open") is None


async def test_a_returning_person_is_greeted_with_their_rhythm(
    store: progress.ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = time.time()
    store.record_session(SENDER, "s1", "started", "cat_cow", at=now - 2 * 86_400)
    store.record_session(SENDER, "s1", "finished", "cat_cow", at=now - 2 * 86_400 + 300)
    store.record_session(SENDER, "s2", "started", "forward_fold", at=now - 86_400)
    said, _, _ = await said_and_set(ActionGreet(), tracker("hi", "greet"))
    assert "Welcome back. You've done 2 sessions in the past 7 days." in said
    said, _, dispatcher = await said_and_set(
        ActionStartStretch(), tracker("cat cow", "request_stretch", entities=CAT_COW_ENTITY)
    )
    assert "This is your 3rd session in the past 7 days." in dispatcher.messages[-1]["text"]
    new, _, _ = await said_and_set(ActionGreet(), tracker("hi", "greet", sender="rest:someone-new"))
    assert "Welcome back" not in new


async def test_how_am_i_doing_gives_sessions_stretches_and_pain_over_time(store: progress.ProgressStore) -> None:
    now = time.time()
    store.record_session(SENDER, "s1", "started", "cat_cow", at=now - 3 * 86_400)
    store.record_session(SENDER, "s1", "finished", "cat_cow", at=now - 3 * 86_400 + 60)
    store.record_checkin(SENDER, "s1", "before", 6, at=now - 3 * 86_400 + 1)
    store.record_checkin(SENDER, "s1", "after", 4, at=now - 3 * 86_400 + 61)
    said, _, dispatcher = await said_and_set(ActionHowAmIDoing(), tracker("how am i doing?", "ask_how_am_i_doing"))
    assert "In the past 7 days: 1 session." in said
    assert "Stretches finished: 1 (Cat/Cow 1)" in said
    assert "6 before, 4 after" in said
    chart = dispatcher.messages[-1]["custom"]["reply"]["chart"]
    assert [(p["before"], p["after"]) for p in chart] == [(6, 4)]


async def test_how_am_i_doing_with_no_history_says_so_and_mid_routine_keeps_the_place(
    store: progress.ProgressStore,
) -> None:
    said, _, _ = await said_and_set(
        ActionHowAmIDoing(), tracker("how am i doing", "ask_how_am_i_doing", at(CAT_COW, 2), sender="rest:new")
    )
    assert "don't have any sessions" in said and "Cat/Cow" in said


async def test_without_a_store_the_check_in_still_acknowledges(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(progress.ENDPOINTS_ENV, raising=False)
    progress_checkin.use_store(None)
    state = {**at(CAT_COW, 0), "checkin_open": "before", "progress_session": "s1"}
    said, slots, _ = await said_and_set(ActionFallback(), tracker("5", "nlu_fallback", state))
    assert "5 out of 10" in said and slots["pain_before"] == 5.0


async def test_a_reminder_gives_a_signed_calendar_link_on_rest_and_words_on_the_phone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SESSION_SECRET", "reminder-secret")
    monkeypatch.setenv("WEB_ORIGIN", "http://clinic.example/,https://www.example-clinic.com")  # the page, then a site
    said, _, dispatcher = await said_and_set(
        ActionStretchReminder(), tracker("remind me to stretch every weekday at 7am", "set_stretch_reminder")
    )
    assert "every weekday at 7:00 AM" in said and "http://clinic.example/reminder.ics?r=" in said
    link = dispatcher.messages[-1]["custom"]["reply"]["link"]
    assert link.startswith("http://clinic.example/reminder.ics?r=")
    query = dict(part.split("=", 1) for part in link.split("?", 1)[1].split("&"))
    found = verify(b"reminder-secret", query["r"], query["sig"], time.time())
    assert found is not None and found[0].rrule == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    vague, _, _ = await said_and_set(
        ActionStretchReminder(), tracker("can you remind me to stretch", "set_stretch_reminder")
    )
    assert "When should I remind you?" in vague and "reminder.ics" not in vague
    phone, _, _ = await said_and_set(
        ActionStretchReminder(),
        tracker("remind me tomorrow at 8", "set_stretch_reminder", sender="phone:+15555550100", channel="twilio_voice"),
    )
    assert "web page" in phone and "reminder.ics" not in phone


@pytest.mark.parametrize(
    ("text", "score"),
    [("like 5, me duele un poco", 5), ("ah about a 5 I suppose, hang on a sec need to run to the loo", 5)],
)
async def test_a_score_with_other_words_or_another_language_is_kept_not_a_pain_stop(
    store: progress.ProgressStore, text: str, score: int
) -> None:
    state = {**at(CAT_COW, 0), "checkin_open": "before", "progress_session": "s1"}
    said, slots, _ = await said_and_set(ActionFallback(), tracker(text, "nlu_fallback", state))
    assert "English" not in said and "that hurts" not in said  # no language refusal, no pain stop
    assert slots["checkin_open"] is None and slots["pain_before"] == float(score)
    assert "routine_stretch" not in slots  # the place is kept
    assert [row["score"] for row in progress.rows(store.engine, "progress_checkins")] == [score]


async def test_a_pain_report_with_a_number_mid_stretch_stops_it_when_nothing_was_asked(
    store: progress.ProgressStore,
) -> None:
    said, slots, _ = await said_and_set(ActionFallback(), tracker("my pain is a 7 now", "nlu_fallback", at(CAT_COW, 1)))
    assert "only note" not in said and slots.get("routine_stretch", "gone") is None  # the stretch stopped
    assert progress.rows(store.engine, "progress_checkins") == []


async def test_a_question_while_the_check_in_waits_is_answered_and_the_number_after_it_is_kept(
    store: progress.ProgressStore,
) -> None:
    state = {**at(CAT_COW, 0), "checkin_open": "before", "progress_session": "s1"}
    said, slots, _ = await said_and_set(
        ActionTellHoldDuration(), tracker("how long do i hold it?", "ask_hold_duration", state)
    )
    assert "checkin_open" not in slots  # still open
    said, slots, _ = await said_and_set(ActionFallback(), tracker("4", "nlu_fallback", state))
    assert slots["pain_before"] == 4.0 and "only note" not in said
    assert [row["score"] for row in progress.rows(store.engine, "progress_checkins")] == [4]


async def test_skip_to_a_named_stretch_within_all_three_is_the_same_session(store: progress.ProgressStore) -> None:
    """A live tester's "fine, skip to cat cow" mid all-three got "Welcome back" and the 0-10 question again."""
    now = time.time()
    store.record_session(SENDER, "s1", "started", "cat_cow", at=now - 86_400)
    store.record_session(SENDER, "s2", "started", "lying_knee_twist", at=now - 120)
    state = {**at(TWIST, 3, routine_queue=["cat_cow", "forward_fold"]), "progress_session": "s2"}
    said, slots, _ = await said_and_set(ActionSkipStretch(), tracker("fine, skip to cat cow", "skip_stretch", state))
    assert "skipping the Lying Knee Twist" in said and "Get on all fours" in said
    assert "session in the past 7 days" not in said and "0 (no pain)" not in said
    assert slots["routine_stretch"] == "cat_cow" and slots["routine_queue"] == ["forward_fold"]
    assert "progress_session" not in slots  # the same session goes on


@pytest.mark.parametrize(
    ("text", "intent", "score"),
    [("3. next", "next_step", 3), ("done, that was 5", "nlu_fallback", 5), ("2 nxt", "nlu_fallback", 2)],
)
async def test_a_score_with_next_is_kept_and_the_next_step_follows(
    store: progress.ProgressStore, text: str, intent: str, score: int
) -> None:
    state = {**at(CAT_COW, 0), "checkin_open": "before", "progress_session": "s1"}
    said, slots, _ = await said_and_set(ActionNextStep(), tracker(text, intent, state))
    assert f"{score} out of 10" in said and str(CAT_COW.at(1).text) in said
    assert slots["routine_step"] == 1.0 and slots["checkin_open"] is None and slots["pain_before"] == float(score)
    assert [(r.phase, r.score) for r in progress.rows(store.engine, "progress_checkins")] == [("before", score)]
    assert said.count("Cat/Cow: step") == 1  # the next step once, not the old place and then the new one


async def test_a_score_with_stop_is_kept_and_the_stretch_stops(store: progress.ProgressStore) -> None:
    state = {**at(TWIST, 0), "checkin_open": "before", "progress_session": "s1"}
    said, slots, _ = await said_and_set(
        ActionTellHoldDuration(), tracker("1. kids need breakfast, stop", "pause_routine", state)
    )
    assert "1 out of 10" in said and "stopped the Lying Knee Twist" in said
    assert slots["routine_stretch"] is None
    assert [(r.phase, r.score) for r in progress.rows(store.engine, "progress_checkins")] == [("before", 1)]


async def test_after_the_session_a_score_with_next_is_only_the_score(store: progress.ProgressStore) -> None:
    state = {"checkin_open": "after", "progress_session": "s1", "pain_before": 4.0}
    said, slots, _ = await said_and_set(ActionNextStep(), tracker("3. next", "next_step", state))
    assert "3 out of 10" in said and "not in the middle of a stretch" not in said
    assert slots["checkin_open"] is None
