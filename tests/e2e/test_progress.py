"""Progress through the real servers: the pain check-in on REST, the web socket and the phone (keys too),
never on Alexa; a returning person greeted with their rhythm; "how am I doing?"; the rows in the store."""

from __future__ import annotations

import sqlite3
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from contextlib import closing
from typing import Any

from channels.session_token import SessionSigner
from harness import alexa_signing as signing
from harness.alexa_client import AlexaClient
from harness.alexa_signing import Pki
from harness.socketio_client import PollingClient
from harness.stack import Stack, conversation
from harness.web_stack import page_origin
from pacing import Routine
from stretch_content import load_content
from tests.bot_messages import buttons, said

CONTENT = load_content()
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
QUESTION = "from 0 (no pain) to 10 (worst imaginable)"


def checkins(stack: Stack, conversation_id: str) -> list[tuple[Any, ...]]:
    """The store's rows for one conversation, read with plain SQL as the clinic's report reads them."""
    with closing(sqlite3.connect(stack.tracker_db, timeout=30)) as conn:
        return list(
            conn.execute(
                "SELECT channel, session_id, phase, score, person FROM progress_checkins "
                "WHERE conversation_id = ? ORDER BY at",
                (conversation_id,),
            )
        )


def start_cat_cow(stack: Stack, sender: str) -> list[dict[str, Any]]:
    stack.rest(sender, "guide me through cat cow")
    return stack.rest(sender, "no")  # the red-flag screen first, as always


def walk_to_the_end(stack: Stack, sender: str) -> str:
    """'next' until the routine ends ('finish' once offered would also do); returns the last reply."""
    for _ in range(CAT_COW.total + 2):
        reply = said(stack.rest(sender, "next"))
        if "Well done" in reply:
            return reply
    raise AssertionError("Cat/Cow did not end")


def test_check_in_at_6_cat_cow_check_out_at_4_hears_the_change(rasa_stack: Stack) -> None:
    sender = f"progress-{uuid.uuid4().hex[:8]}"
    started = start_cat_cow(rasa_stack, sender)
    assert str(CAT_COW.at(0).text) in said(started) and QUESTION in said(started)
    assert [*map(str, range(11)), "Skip"] == buttons(started)[-12:] and "Next" in buttons(started)
    assert "6 out of 10" in said(rasa_stack.rest(sender, "about a 6"))
    end = walk_to_the_end(rasa_stack, sender)
    assert QUESTION in end
    out = said(rasa_stack.rest(sender, "4"))
    assert "down 2 points" in out and "nice work" in out
    rows = checkins(rasa_stack, conversation(sender))
    assert [(r[0], r[2], r[3]) for r in rows] == [("rest", "before", 6), ("rest", "after", 4)]
    assert rows[0][1] == rows[1][1]  # one session
    assert len(str(rows[0][4])) == 64 and sender not in str(rows[0][4])  # the person: a keyed hash

    doing = said(rasa_stack.rest(sender, "how am i doing?"))
    assert "In the past 7 days: 1 session." in doing and "Cat/Cow 1" in doing and "6 before, 4 after" in doing
    back = said(rasa_stack.rest(sender, "hi"))
    assert "Welcome back. You've done 1 session in the past 7 days." in back


def test_next_while_asked_moves_on_and_bad_answers_keep_everything(rasa_stack: Stack) -> None:
    sender = f"progress-{uuid.uuid4().hex[:8]}"
    start_cat_cow(rasa_stack, sender)
    for bad in ("eleven", "-3", "🙂"):
        reply = said(rasa_stack.rest(sender, bad))
        assert "0 to 10" in reply or "0 (no pain) to 10" in reply, (bad, reply)
        assert "didn't understand" not in reply
    assert "no number needed" in said(rasa_stack.rest(sender, "I don't know"))
    assert str(CAT_COW.at(1).text) in said(rasa_stack.rest(sender, "next"))  # the place was kept throughout
    late = said(rasa_stack.rest(sender, "6"))  # nothing asked any more
    assert "6 out of 10" not in late
    assert checkins(rasa_stack, conversation(sender)) == []


def test_next_right_after_the_question_moves_on(rasa_stack: Stack) -> None:
    sender = f"progress-{uuid.uuid4().hex[:8]}"
    start_cat_cow(rasa_stack, sender)
    assert str(CAT_COW.at(1).text) in said(rasa_stack.rest(sender, "next"))


def test_a_number_when_nothing_was_asked_is_answered_plainly(rasa_stack: Stack) -> None:
    sender = f"progress-{uuid.uuid4().hex[:8]}"
    reply = said(rasa_stack.rest(sender, "7"))
    assert reply and "haven't kept" in reply
    assert checkins(rasa_stack, conversation(sender)) == []


def test_a_red_flag_at_the_check_in_gets_the_emergency_advice(rasa_stack: Stack) -> None:
    sender = f"progress-{uuid.uuid4().hex[:8]}"
    start_cat_cow(rasa_stack, sender)
    reply = said(rasa_stack.rest(sender, "7, and I can't feel my legs and can't control my bladder"))
    assert "911" in reply
    assert checkins(rasa_stack, conversation(sender)) == []


# --- the web page: the same owner-bound session after a reload -----------------------------------------


def test_web_check_in_and_a_reload_greets_with_the_rhythm(rasa_stack: Stack, page_port: int) -> None:
    owner = SessionSigner.from_env().issue()
    origin = page_origin(page_port)
    first = PollingClient(rasa_stack.url, origin, owner=owner)
    session = first.start_session()
    first.say(session, "guide me through cat cow")
    first.wait_for_text("Before we start")
    first.say(session, "no")
    first.wait_for_text(QUESTION)
    first.say(session, "5")  # the 5 button sends the number as text
    first.wait_for_text("5 out of 10")
    reloaded = PollingClient(rasa_stack.url, origin, owner=owner)  # the page reloaded: same owner token
    assert reloaded.start_session(session) == session
    reloaded.say(session, "hello")
    assert "Welcome back. You've done 1 session in the past 7 days." in reloaded.wait_for_text("Welcome back")


# --- the phone: speech or keys -----------------------------------------------------------------------


def call(stack: Stack, caller: str, speech: str | None = None, *, digits: str | None = None) -> str:
    form = {"From": caller, "CallSid": "CA" + caller[-8:], "CallStatus": "in-progress"}
    if speech is not None:
        form["SpeechResult"] = speech
    if digits is not None:
        form["Digits"] = digits
    code, body = stack.twilio(form)
    assert code == 200, body[:300]
    return " ".join(s.text or "" for s in ET.fromstring(body).iter("Say"))


def test_the_phone_takes_a_keypad_digit(rasa_stack: Stack) -> None:
    caller = f"+1555{uuid.uuid4().int % 10**7:07d}"
    call(rasa_stack, caller, "guide me through cat cow")
    started = call(rasa_stack, caller, "no")
    assert "Cat Cow" in started and "key it in" in started
    assert "7 out of 10" in call(rasa_stack, caller, digits="7#")
    rows = checkins(rasa_stack, f"phone:{caller}")
    assert [(r[0], r[2], r[3]) for r in rows] == [("phone", "before", 7)]
    assert caller.lstrip("+") not in str(rows[0][4])  # the number itself is not the person id


# --- Alexa: never asked ------------------------------------------------------------------------------


def test_alexa_never_asks(rasa_stack: Stack, pki: Pki) -> None:
    alexa, user = AlexaClient(rasa_stack, pki), f"amzn1.ask.account.{uuid.uuid4()}"
    alexa.send(signing.launch(), user=user, new=True)
    alexa.send(signing.say("guide me through cat cow"), user=user)
    started = str(alexa.send(signing.intent("AMAZON.NoIntent"), user=user)["response"]["outputSpeech"]["ssml"])
    assert "Get on all fours" in started and "0 to 10" not in started and "no pain" not in started
    for _ in range(CAT_COW.total + 2):
        answer = alexa.send(signing.intent("AMAZON.NextIntent"), user=user)
        spoken = str(answer["response"]["outputSpeech"]["ssml"])
        assert "no pain" not in spoken and "worst imaginable" not in spoken
        if "Well done" in spoken:
            break
    assert checkins(rasa_stack, f"alexa:{user}") == []


# --- a reminder that outlives the server ---------------------------------------------------------


def test_a_reminder_request_downloads_a_calendar_file_from_the_page_server(rasa_stack: Stack, clinic_page: Any) -> None:
    import icalendar  # the dev lock's iCalendar parser (PyPI)

    sender = f"reminder-{uuid.uuid4().hex[:8]}"
    reply = said(rasa_stack.rest(sender, "remind me to stretch every weekday at 7am"))
    assert "every weekday at 7:00 AM" in reply
    link = next(word for word in reply.split() if "/reminder.ics?" in word)
    with urllib.request.urlopen(link, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/calendar")
        assert response.headers["Cache-Control"] == "no-store"
        data = response.read()
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute, start.weekday() < 5) == (7, 0, True)
    assert event.get("RRULE")["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert CONTENT.clinic.phone in str(event.get("DESCRIPTION"))
    forged = link.replace("sig=", "sig=0")
    try:
        urllib.request.urlopen(forged[: forged.index("sig=") + 4 + 64], timeout=10)
        raise AssertionError("a forged link opened")
    except urllib.error.HTTPError as error:
        assert error.code == 404


def test_the_phone_says_how_to_set_a_reminder_on_the_web(rasa_stack: Stack) -> None:
    caller = f"+1555{uuid.uuid4().int % 10**7:07d}"
    spoken = call(rasa_stack, caller, "remind me to stretch tomorrow at 8")
    assert "web page" in spoken and "reminder.ics" not in spoken


def test_remind_me_tomorrow_asks_for_the_time_instead_of_a_message_for_the_clinic(rasa_stack: Stack) -> None:
    # issue 20: "remind me tomorrow" was taken for leaving a message
    reply = said(rasa_stack.rest(f"remind-{uuid.uuid4().hex[:8]}", "can you remind me tomorrow"))
    assert "When should I remind you?" in reply
