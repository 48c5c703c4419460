"""One conversation, one owner, whatever the channel: REST cannot name a web or phone conversation, an
engine.io ``sid`` opens nothing for another client, and owner tokens stay out of the logs.

The first tests need no servers (the namespaces, the guard's check, the log redaction); the rest attack
the session's shared servers as ``make run`` starts them, from loopback addresses of their own.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import logging
import time
import uuid
from typing import Any
from urllib.parse import urlencode

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.conversation_id import belongs_to, conversation_id, rest_conversation
from channels.guard import guard
from channels.session_token import SessionSigner, install_log_redaction, redact_tokens
from harness.socketio_client import PollingClient
from harness.stack import LOOPBACK, Stack
from pacing import Routine
from stretch_content import load_content
from tests.bot_messages import said
from tests.e2e.patient_script import Place
from tests.security.clinic import Clinic
from tests.security.routine_start import start_messages, start_routine, start_routine_on_the_web

CONTENT = load_content()
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
KNEE_TWIST = Routine(CONTENT.stretch("lying_knee_twist"))
STRANGER = "127.0.0.7"
"""Where the stranger sends from (its own loopback address, so its requests come from another client)."""
SIGNER = SessionSigner.from_env()  # the test process shares the servers' secret (harness/stack.py)


def wait_until_said(client: PollingClient, text: str, timeout: float = 30) -> None:
    """Polls until one of the bot's messages on ``client`` contains ``text``."""
    deadline = time.monotonic() + timeout
    while not any(text in t for t in client.texts()):
        assert time.monotonic() < deadline, f"{text!r} never said; got {client.texts()!r}"
        client.poll(timeout=2)


def typed(stack: Stack, conversation: str) -> list[str]:
    return [str(e.get("text")) for e in stack.tracker(conversation)["events"] if e.get("event") == "user"]


# --- Without servers -----------------------------------------------------------------------------


def test_each_channel_names_only_conversations_of_its_own_namespace() -> None:
    assert rest_conversation("ann") == "rest:ann"
    assert rest_conversation("web:abc") == "rest:web:abc"  # a namespace in the sender is part of the name
    assert conversation_id("socketio", "abc") == "web:abc"
    assert conversation_id("twilio_voice", "+15550100") == "phone:+15550100"
    assert conversation_id("alexa", "amzn1.ask.account.X") == "alexa:amzn1.ask.account.X"
    assert belongs_to("rest", "rest:web:abc") and not belongs_to("rest", "web:abc")
    assert not belongs_to("socketio", "rest:ann") and not belongs_to("twilio_voice", "+15550100")
    assert SIGNER.session_for(SIGNER.issue()).startswith("web:")  # type: ignore[union-attr]


def test_the_guard_refuses_a_conversation_outside_its_channels_namespace() -> None:
    reached: list[str] = []

    async def rasa(message: UserMessage) -> None:
        reached.append(message.sender_id)

    guarded = guard(rasa)

    async def send(channel: str, sender: str) -> list[dict[str, Any]]:
        output = CollectingOutputChannel()
        await guarded(UserMessage("next", output, sender, input_channel=channel))
        return list(output.messages)

    for channel, sender in (("rest", "web:0123abcd"), ("socketio", "rest:ann"), ("twilio_voice", "+15550100")):
        assert "couldn't read that message" in json.dumps(asyncio.run(send(channel, sender))), (channel, sender)
    assert reached == []
    asyncio.run(send("rest", "rest:ann"))
    assert reached == ["rest:ann"]


def test_owner_tokens_and_sids_are_redacted_from_every_log_line(caplog: pytest.LogCaptureFixture) -> None:
    token = SIGNER.issue()
    url = f"http://127.0.0.1:5005/socket.io/?EIO=4&transport=polling&owner={token}&sid=Zx9_aB-cD3eF4gH5iJ6k"
    install_log_redaction()
    with caplog.at_level(logging.ERROR, logger="sanic.error"):
        logging.getLogger("sanic.error").error("Exception occurred while handling uri: %s", repr(url))
        logging.getLogger("some.other").error("token %s in a sentence", token)
        logging.getLogger("engineio.server").error("Invalid session %s (further ...)", "Zx9_aB-cD3eF4gH5iJ6k")
    logged = caplog.text
    assert token not in logged and token.split(".")[1] not in logged and "Zx9_aB-cD3eF4gH5iJ6k" not in logged
    assert "owner=[redacted]&sid=[redacted]" in logged and "transport=polling" in logged
    assert redact_tokens("owner=forged-junk&x=1") == "owner=[redacted]&x=1"
    assert redact_tokens("a plain sentence about the cat cow stretch") == "a plain sentence about the cat cow stretch"


# --- Against the servers -------------------------------------------------------------------------


def raw(
    stack: Stack, method: str, query: dict[str, str], body: bytes | None, origin: str, *, client: str
) -> tuple[int, str]:
    """One engine.io polling request, sent from ``client`` (a loopback address)."""
    connection = http.client.HTTPConnection(LOOPBACK, stack.rasa_port, timeout=15, source_address=(client, 0))
    try:
        headers = {"Origin": origin, "Content-Type": "text/plain;charset=UTF-8"}
        connection.request(method, f"/socket.io/?{urlencode(query)}", body, headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_a_rest_request_naming_a_web_conversation_gets_nothing_of_it(clinic: Clinic) -> None:
    stack = clinic.stack
    victim = PollingClient(stack.url, clinic.origin, owner=SIGNER.issue())
    session = victim.start_session()
    assert session.startswith("web:")
    assert (CAT_COW.at(0).text or "-") in start_routine_on_the_web(victim, session, "cat cow")
    place = Place.of(stack.tracker(session))
    assert place.stretch == "cat_cow"

    for sender in (session, session.removeprefix("web:"), f"rest:{session}"):
        for text in ("what step am I on?", "next", "repeat that"):
            reply = said(stack.rest(sender, text, client=STRANGER))
            for step in (CAT_COW.at(0).text, CAT_COW.at(1).text, "round 1 of"):
                assert (step or "-") not in reply, (sender, text, reply)

    assert typed(stack, session) == start_messages("cat cow")  # nothing of the stranger's in it
    assert Place.of(stack.tracker(session)) == place
    victim.say(session, "next")
    wait_until_said(victim, CAT_COW.at(1).text or "-")  # their own next step, from where they were


def test_a_rest_request_naming_a_phone_conversation_gets_nothing_of_it(clinic: Clinic) -> None:
    stack = clinic.stack
    caller = f"+1555{uuid.uuid4().int % 10**7:07d}"
    form = {"From": caller, "CallSid": "CA" + caller[-8:], "CallStatus": "in-progress"}
    for text in start_messages("knee twist"):
        status, body = stack.twilio({**form, "SpeechResult": text})
        assert status == 200, body[:300]
    phone = f"phone:{caller}"
    place = Place.of(stack.tracker(phone))
    assert place.stretch == "lying_knee_twist"

    for sender in (caller, phone):
        reply = said(stack.rest(sender, "what step am I on?", client=STRANGER))
        for step in (KNEE_TWIST.at(0).text, "right side"):
            assert (step or "-") not in reply, (sender, reply)
        stack.rest(sender, "next", client=STRANGER)
    assert typed(stack, phone) == start_messages("knee twist")
    assert Place.of(stack.tracker(phone)) == place


def test_a_polling_request_with_another_clients_sid_gets_nothing(clinic: Clinic) -> None:
    stack = clinic.stack
    owner = SIGNER.issue()
    victim = PollingClient(stack.url, clinic.origin, owner=owner)
    session = victim.start_session()
    start_routine_on_the_web(victim, session, "cat cow")
    wait_until_said(victim, CAT_COW.at(0).text or "-")
    victim.say(session, "next")  # its reply waits in the socket's queue until the victim polls

    strangers = {
        "the victim's owner token, another address": ({"owner": owner}, STRANGER),
        "no owner token, the victim's address": ({}, LOOPBACK),
        "another owner token, the victim's address": ({"owner": SIGNER.issue()}, LOOPBACK),
    }
    for what, (extra, client) in strangers.items():
        query = {"EIO": "4", "transport": "polling", "sid": victim.sid, **extra}
        status, text = raw(stack, "GET", query, None, clinic.origin, client=client)
        assert status == 400 and "step" not in text, (what, status, text[:300])
        message = "42" + json.dumps(["user_uttered", {"message": "ouch it hurts", "session_id": session}])
        status, text = raw(stack, "POST", query, message.encode(), clinic.origin, client=client)
        assert status == 400, (what, status, text[:300])

    wait_until_said(victim, CAT_COW.at(1).text or "-")  # the reply the strangers polled for is still the victim's
    assert typed(stack, session) == [*start_messages("cat cow"), "next"]  # the stranger's posts never arrived


def test_no_owner_token_or_sid_reaches_the_log(clinic: Clinic) -> None:
    stack = clinic.stack
    owner = SIGNER.issue()
    client = PollingClient(stack.url, clinic.origin, owner=owner)
    session = client.start_session()
    sender = f"log-{uuid.uuid4().hex[:8]}"
    start_routine(stack, sender)
    client.say(session, "hello")
    client.wait_for("bot_uttered")
    query = {"EIO": "4", "transport": "polling", "sid": client.sid, "owner": owner}
    raw(stack, "POST", query, b"1", clinic.origin, client=LOOPBACK)  # CLOSE: the session ends
    raw(stack, "POST", query, b"40", clinic.origin, client=LOOPBACK)  # then a POST for it (a 500 in Rasa 3.6)
    forged = owner.split(".")[0] + "." + "f" * 64
    junk = {"EIO": "4", "transport": "polling", "owner": forged}
    raw(stack, "GET", junk, None, "http://evil.example", client=STRANGER)
    raw(stack, "GET", {"EIO": "4", "transport": "polling", "sid": client.sid}, None, clinic.origin, client=STRANGER)

    log = (stack.workdir / "rasa.log").read_text(encoding="utf-8", errors="replace")
    assert log, "the shared Rasa server wrote no log"
    for secret in (owner, owner.split(".")[1], forged, client.sid):
        assert secret not in log
