"""The Twilio Voice channel, as configured in credentials.yml: replies read well on a phone call."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from harness.stack import Stack
from pacing import Routine, replies
from pacing.steps import phone_speech
from stretch_content import load_content

CONTENT = load_content()


def call(stack: Stack, caller: str, speech: str | None = None, status: str = "in-progress") -> list[str]:
    """One Twilio webhook request; returns the texts the TwiML answer says."""
    form = {"From": caller, "CallSid": "CA" + caller[-8:], "CallStatus": status}
    if speech is not None:
        form["SpeechResult"] = speech
    code, body = stack.twilio(form)  # signed with the stack's Twilio auth token, as Twilio signs
    assert code == 200, body[:300]
    twiml = ET.fromstring(body)
    assert twiml.tag == "Response"
    gathers = twiml.findall("Gather")
    assert len(gathers) == 1 and gathers[0].get("input") == "speech"  # always listening for the answer
    return [say.text or "" for say in twiml.iter("Say")]


def test_a_call_is_greeted_and_walked_through_a_hold_in_plain_speech(alexa_stack: Stack) -> None:
    caller = f"+1555{uuid.uuid4().int % 10**7:07d}"
    greeting = call(alexa_stack, caller, status="ringing")
    assert " ".join(greeting) == replies.welcome(CONTENT).plain_speech()

    routine = Routine(CONTENT.stretch("lying_knee_twist"))
    call(alexa_stack, caller, "guide me through the knee twist")
    call(alexa_stack, caller, "next")
    hold = " ".join(call(alexa_stack, caller, "next"))
    expected = phone_speech(replies.step(routine.at(2)))
    assert hold == expected
    assert "Hold for 20 seconds, then say next." in hold
    assert "more seconds" not in hold and "<" not in hold and "&" not in hold


def test_the_clinic_number_is_said_plainly_on_the_phone(alexa_stack: Stack) -> None:
    caller = f"+1555{uuid.uuid4().int % 10**7:07d}"
    said = " ".join(call(alexa_stack, caller, "how do I book an appointment"))
    assert CONTENT.clinic.phone in said and "say-as" not in said
