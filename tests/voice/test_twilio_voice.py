"""The Twilio Voice channel, as configured in credentials.yml: replies read well on a phone call."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from channels.render import phone
from harness.stack import Stack
from pacing import Routine, replies
from pacing.screen import screen_question
from pacing.steps import show_step
from stretch_content import load_content

CONTENT = load_content()


def call(stack: Stack, caller: str, speech: str | None = None, status: str = "in-progress") -> ET.Element:
    """One Twilio webhook request; returns the TwiML answer's <Gather> (what is said before listening)."""
    form = {"From": caller, "CallSid": "CA" + caller[-8:], "CallStatus": status}
    if speech is not None:
        form["SpeechResult"] = speech
    code, body = stack.twilio(form)  # signed with the stack's Twilio auth token, as Twilio signs
    assert code == 200, body[:300]
    twiml = ET.fromstring(body)
    assert twiml.tag == "Response"
    gathers = twiml.findall("Gather")
    assert len(gathers) == 1 and gathers[0].get("input") == "dtmf speech"  # always listening: speech, or keys
    assert int(gathers[0].get("timeout") or 0) == phone.GATHER_TIMEOUT_SECONDS
    return gathers[0]


def said(gather: ET.Element) -> str:
    return " ".join(say.text or "" for say in gather.iter("Say"))


def new_caller() -> str:
    return f"+1555{uuid.uuid4().int % 10**7:07d}"


def test_a_call_is_greeted_and_walked_through_a_timed_hold(alexa_stack: Stack) -> None:
    caller = new_caller()
    assert said(call(alexa_stack, caller, status="ringing")) == phone.plain(phone.pieces(replies.welcome(CONTENT)))

    routine = Routine(CONTENT.stretch("lying_knee_twist"))
    screened = said(call(alexa_stack, caller, "guide me through the knee twist"))
    assert screened == phone.plain(phone.pieces(screen_question(CONTENT.clinic)))  # the shorter spoken wording
    call(alexa_stack, caller, "no")
    call(alexa_stack, caller, "next")
    hold = call(alexa_stack, caller, "next")
    expected = show_step(routine.at(2))
    assert [child.tag for child in hold] == ["Say", "Pause", "Say", "Say"]
    assert [p.get("length") for p in hold.iter("Pause")] == ["20"]  # the hold is timed: 20 s of real pause
    assert said(hold) == phone.plain(phone.pieces(expected))
    assert hold[-1].text == expected.reprompt  # after the hold the caller is told what to say
    assert "more seconds" not in said(hold) and "<" not in said(hold) and "&" not in said(hold)


def test_a_silent_caller_hears_the_prompt_not_the_step_again(alexa_stack: Stack) -> None:
    caller = new_caller()
    call(alexa_stack, caller, "guide me through the knee twist")
    call(alexa_stack, caller, "no")  # the screen before exercise
    call(alexa_stack, caller, "next")
    call(alexa_stack, caller, "next")  # the 20-second hold
    silence = call(alexa_stack, caller)  # Twilio reports no speech after the Gather's timeout
    assert said(silence) == show_step(Routine(CONTENT.stretch("lying_knee_twist")).at(2)).reprompt
    assert "Hold for" not in said(silence) and not list(silence.iter("Pause"))


def test_names_are_said_as_words_and_the_number_plainly(alexa_stack: Stack) -> None:
    caller = new_caller()
    call(alexa_stack, caller, "let's do cat cow")
    started = said(call(alexa_stack, caller, "no"))  # the screen before exercise answered
    assert "Cat Cow" in started and "/" not in started
    booking = said(call(alexa_stack, caller, "how do I book an appointment"))
    assert CONTENT.clinic.phone in booking and "say-as" not in booking
