"""The screen before exercise through the real servers, on every channel: asked before the first stretch,
yes and no, answers in the person's own words, not asked twice within the interval (asked again after
it), asked again after a red-flag mention; what each channel remembers of it."""

from __future__ import annotations

import json
import time
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from typing import Any

import pytest

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
CLINIC = CONTENT.clinic
SCREEN = "Before we start: do you have any of these right now:"
ASK_AGAIN = "Sorry, I need a clear yes or no"
EMERGENCY = "Call 911"
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
FOLD = Routine(CONTENT.stretch("forward_fold"))
DAY = 24 * 3600


def new_sender() -> str:
    return f"screen-{uuid.uuid4().hex[:8]}"


def slots(stack: Stack, sender: str) -> dict[str, Any]:
    return dict(stack.tracker(sender)["slots"])


def step_one(routine: Routine) -> str:
    return f"{routine.stretch.name}: step 1"


# --- REST ---------------------------------------------------------------------------------------


def test_the_first_stretch_waits_for_the_screen_and_no_starts_it(rasa_stack: Stack) -> None:
    sender = new_sender()
    screen = rasa_stack.rest(sender, "guide me through cat cow")
    text = said(screen)
    assert text.startswith(SCREEN) and CLINIC.red_flags in text
    assert buttons(screen) == ["Yes", "No"]
    assert step_one(CAT_COW) not in text and "911" not in text
    assert slots(rasa_stack, sender)["routine_stretch"] is None
    started = said(rasa_stack.rest(sender, "no"))
    assert CLINIC.consult in started and step_one(CAT_COW) in started  # the notice, the first time
    screened_at = slots(rasa_stack, sender)["screened_at"]
    assert isinstance(screened_at, float) and abs(time.time() - screened_at) < 120


@pytest.mark.parametrize("no", ["nope", "none of those", "no to all", "nah", "i'm fine none of them"])
def test_a_clear_no_in_other_words_starts_the_stretch(rasa_stack: Stack, no: str) -> None:
    sender = new_sender()
    assert said(rasa_stack.rest(sender, "lets do the forward fold")).startswith(SCREEN)
    assert step_one(FOLD) in said(rasa_stack.rest(sender, no))


def test_not_asked_twice_within_the_interval(rasa_stack: Stack) -> None:
    sender = new_sender()
    rasa_stack.rest(sender, "guide me through cat cow")
    rasa_stack.rest(sender, "no")
    switched = said(rasa_stack.rest(sender, "actually let's do forward fold instead"))
    assert step_one(FOLD) in switched and SCREEN not in switched and CLINIC.consult not in switched
    rasa_stack.rest(sender, "stop")
    again = said(rasa_stack.rest(sender, "do all three"))
    assert SCREEN not in again and "Lying Knee Twist" in again


def age_the_screen(stack: Stack, sender: str, seconds: float) -> None:
    """What a day passing does to the conversation: the last "no" is ``seconds`` old (Rasa's API, with its token)."""
    event = json.dumps([{"event": "slot", "name": "screened_at", "value": time.time() - seconds}]).encode()
    request = urllib.request.Request(
        stack.api_url(f"/conversations/{conversation(sender)}/tracker/events"),
        data=event,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


def test_asked_again_after_the_interval(rasa_stack: Stack) -> None:
    sender = new_sender()
    rasa_stack.rest(sender, "guide me through cat cow")
    rasa_stack.rest(sender, "no")
    rasa_stack.rest(sender, "stop")
    age_the_screen(rasa_stack, sender, DAY - 600)  # not yet a day
    assert step_one(FOLD) in said(rasa_stack.rest(sender, "forward fold please"))
    rasa_stack.rest(sender, "stop")
    age_the_screen(rasa_stack, sender, DAY + 600)  # over a day
    assert said(rasa_stack.rest(sender, "forward fold please")).startswith(SCREEN)
    started = said(rasa_stack.rest(sender, "no"))
    assert step_one(FOLD) in started and CLINIC.consult not in started  # the notice stays once per conversation


def test_yes_is_emergency_advice_and_a_later_stretch_is_screened_again(rasa_stack: Stack) -> None:
    sender = new_sender()
    rasa_stack.rest(sender, "guide me through cat cow")
    advice = rasa_stack.rest(sender, "yes")
    assert EMERGENCY in said(advice) and step_one(CAT_COW) not in said(advice)
    assert not any(stretch.name in b for stretch in CONTENT.stretches for b in buttons(advice))
    assert slots(rasa_stack, sender)["routine_stretch"] is None
    later = said(rasa_stack.rest(sender, "can we do the forward fold now"))
    assert later.startswith(SCREEN) and "Are you having any of these" not in later
    assert step_one(FOLD) in said(rasa_stack.rest(sender, "no"))


@pytest.mark.parametrize(
    "words",
    ["actually both legs, and it's not going away", "both", "i had a fall last year", "next", "what do you mean?"],
)
def test_words_of_their_own_keep_the_question_open_and_a_later_yes_answers_it(rasa_stack: Stack, words: str) -> None:
    sender = new_sender()
    rasa_stack.rest(sender, "guide me through cat cow")
    reply = rasa_stack.rest(sender, words)
    text = said(reply)
    assert (text.startswith(ASK_AGAIN) and buttons(reply) == ["Yes", "No"]) or EMERGENCY in text, text
    assert "didn't understand" not in text and step_one(CAT_COW) not in text
    if EMERGENCY in text:  # the triage read the words as an emergency: that is the answer
        return
    assert slots(rasa_stack, sender)["safety_question"] == "screen"
    yes = said(rasa_stack.rest(sender, "yes"))
    assert EMERGENCY in yes and "step 2" not in yes  # the answer to the question, never "next"


def test_yes_in_their_own_words_is_emergency_advice(rasa_stack: Stack) -> None:
    sender = new_sender()
    rasa_stack.rest(sender, "guide me through cat cow")
    assert EMERGENCY in said(rasa_stack.rest(sender, "yes both legs and it's not going away"))
    assert slots(rasa_stack, sender)["routine_stretch"] is None


def test_the_triage_question_takes_free_words_the_same_way(rasa_stack: Stack) -> None:
    sender = new_sender()
    rasa_stack.rest(sender, "guide me through cat cow")
    rasa_stack.rest(sender, "no")
    rasa_stack.rest(sender, "next")
    asked = said(rasa_stack.rest(sender, "my foot tingles a bit"))
    assert "Are you having any of these right now" in asked
    again = said(rasa_stack.rest(sender, "both"))
    assert again.startswith(ASK_AGAIN) and "didn't understand" not in again
    assert slots(rasa_stack, sender)["routine_step"] == 1.0  # the place is kept while the question waits
    assert EMERGENCY in said(rasa_stack.rest(sender, "yes"))


def test_a_no_to_the_red_flag_question_counts_as_the_screen(rasa_stack: Stack) -> None:
    """The triage's question lists the same red flags: a no to it is not followed by the screen again."""
    sender = new_sender()
    rasa_stack.rest(sender, "guide me through cat cow")
    rasa_stack.rest(sender, "no")
    assert "Are you having any of these right now" in said(rasa_stack.rest(sender, "my foot tingles a bit"))
    back = said(rasa_stack.rest(sender, "no"))
    assert "Thanks for letting me know" in back and "Cat/Cow" in back
    assert slots(rasa_stack, sender)["screened_at"] is not None
    rasa_stack.rest(sender, "stop")
    assert step_one(FOLD) in said(rasa_stack.rest(sender, "forward fold"))


def test_after_a_red_flag_mention_left_unanswered_the_next_stretch_is_screened_again(rasa_stack: Stack) -> None:
    sender = new_sender()
    rasa_stack.rest(sender, "guide me through cat cow")
    rasa_stack.rest(sender, "no")
    assert "Are you having any of these right now" in said(rasa_stack.rest(sender, "my foot tingles a bit"))
    assert slots(rasa_stack, sender)["screened_at"] is None
    rasa_stack.rest(sender, "stop")  # the question dropped, never answered
    assert said(rasa_stack.rest(sender, "forward fold")).startswith(SCREEN)


# --- The web page's socket --------------------------------------------------------------------


def test_web_screen_is_remembered_across_a_reload(rasa_stack: Stack, page_port: int) -> None:
    owner = SessionSigner.from_env().issue()
    origin = page_origin(page_port)
    first = PollingClient(rasa_stack.url, origin, owner=owner)
    session = first.start_session()
    first.say(session, "guide me through cat cow")
    first.wait_for_text(SCREEN)
    first.say(session, "no")
    first.wait_for_text(step_one(CAT_COW))
    first.say(session, "stop")
    first.wait_for_text("stopped")
    reloaded = PollingClient(rasa_stack.url, origin, owner=owner)  # the page reloaded: same owner token
    assert reloaded.start_session(session) == session
    reloaded.say(session, "forward fold")
    assert step_one(FOLD) in reloaded.wait_for_text(step_one(FOLD))
    assert not any(SCREEN in t for t in reloaded.texts())


# --- The phone --------------------------------------------------------------------------------


def phone(stack: Stack, caller: str, speech: str | None = None, status: str = "in-progress") -> str:
    form = {"From": caller, "CallSid": "CA" + caller[-8:] + status[:2], "CallStatus": status}
    if speech is not None:
        form["SpeechResult"] = speech
    code, body = stack.twilio(form)
    assert code == 200, body[:300]
    return " ".join(s.text or "" for s in ET.fromstring(body).iter("Say"))


def test_phone_screens_once_per_call(rasa_stack: Stack) -> None:
    caller = f"+1555{uuid.uuid4().int % 10**7:07d}"
    phone(rasa_stack, caller, status="ringing")
    spoken = phone(rasa_stack, caller, "guide me through cat cow")
    assert spoken.startswith("Safety check first.") and "Yes or no?" in spoken  # the shorter spoken wording
    assert "Cat Cow" in phone(rasa_stack, caller, "no")
    phone(rasa_stack, caller, "stop")
    assert "Forward Fold" in phone(rasa_stack, caller, "forward fold")  # the same call: not asked again
    phone(rasa_stack, caller, "stop")
    phone(rasa_stack, caller, status="ringing")  # a new call from the same number
    assert phone(rasa_stack, caller, "forward fold").startswith("Safety check first.")
    assert "yes or no" in phone(rasa_stack, caller, "um I think both").lower()
    assert "911" in phone(rasa_stack, caller, "yes")


# --- Alexa ------------------------------------------------------------------------------------


def speech(answer: dict[str, Any]) -> str:
    return str(answer["response"]["outputSpeech"]["ssml"])


def test_alexa_asks_before_every_stretch_and_keeps_nothing_about_the_answer(rasa_stack: Stack, pki: Pki) -> None:
    alexa, user = AlexaClient(rasa_stack, pki), f"amzn1.ask.account.{uuid.uuid4()}"
    alexa.send(signing.launch(), user=user, new=True)
    assert "Safety check first." in speech(alexa.send(signing.say("guide me through cat cow"), user=user))
    started = alexa.send(signing.intent("AMAZON.NoIntent"), user=user)
    assert "Get on all fours" in speech(started) and started["response"]["shouldEndSession"] is False
    kept = slots(rasa_stack, user)
    assert kept["screened_at"] is None and kept["emergency_advised"] is not True
    alexa.send(signing.intent("AMAZON.StopIntent"), user=user)
    again = alexa.send(signing.say("let's do the forward fold"), user=user, new=True)  # the next skill session
    assert "Safety check first." in speech(again)
    advice = speech(alexa.send(signing.intent("AMAZON.YesIntent"), user=user))
    assert "911" in advice and (FOLD.at(0).text or "-") not in advice
    kept = slots(rasa_stack, user)
    assert kept["screened_at"] is None and kept["emergency_advised"] is not True and kept["safety_question"] is None
