"""Each attack from issue 11, tried as a stranger on the clinic's network would, on the servers make run starts."""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from channels.session_token import SessionSigner
from harness.socketio_client import PollingClient
from harness.stack import Stack
from stretch_content import load_content
from tests.bot_messages import said
from tests.security.clinic import Clinic

REST = "/webhooks/rest/webhook"
JSON = {"Content-Type": "application/json"}
CONTENT = load_content()


def new_sender() -> str:
    return f"patient-{uuid.uuid4().hex[:10]}"


def call(stack: Stack, method: str, path: str, body: bytes | None = None) -> int:
    request = urllib.request.Request(stack.url + path, data=body, method=method)
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def still_up(stack: Stack) -> None:
    """The Rasa process runs and a person still gets a reply."""
    assert stack._rasa is not None and stack._rasa.poll() is None, "the Rasa server exited"
    sender = new_sender()
    assert "Before we start" in said(stack.rest(sender, "guide me through the forward fold"))
    assert "step 1 of" in said(stack.rest(sender, "no"))  # the screen before exercise answered


# --- No open API -------------------------------------------------------------------------------


def test_the_api_refuses_everything_without_the_token(clinic: Clinic) -> None:
    stack = clinic.stack
    patient = new_sender()
    stack.rest(patient, "guide me through cat cow")
    stack.rest(patient, "no")  # the screen before exercise
    stack.rest(patient, "next")
    event = json.dumps([{"event": "slot", "name": "routine_step", "value": 3}]).encode()
    assert call(stack, "GET", f"/conversations/{patient}/tracker") == 401
    assert call(stack, "GET", f"/conversations/{patient}/tracker?token=wrong") == 401
    assert call(stack, "POST", f"/conversations/{patient}/tracker/events", event) == 401
    assert call(stack, "PUT", f"/conversations/{patient}/tracker/events", event) == 401
    assert call(stack, "POST", f"/conversations/{patient}/messages", b'{"text": "x", "sender": "bot"}') == 401
    assert call(stack, "PUT", "/model", b'{"model_file": "/tmp/x.tar.gz"}') == 401
    assert call(stack, "DELETE", "/model") == 401
    # nothing moved: the patient is where they were, and the model still answers
    assert "step 3, round 1 of at least 5" in said(stack.rest(patient, "next"))
    tracker = stack.tracker(patient)  # the operator, with the token, still can
    assert tracker["sender_id"] == f"rest:{patient}"


def _listening_address(port: int) -> str:
    """The local address a TCP socket listening on ``port`` is bound to, from /proc/net/tcp."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, _, state = line.split()[1:4]
        address, hex_port = local.split(":")
        if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
            return ".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0))
    raise AssertionError(f"nothing listens on port {port}")


def test_rasa_and_the_action_server_listen_on_loopback_only(clinic: Clinic) -> None:
    assert _listening_address(clinic.stack.rasa_port) == "127.0.0.1"
    assert _listening_address(clinic.stack.action_port) == "127.0.0.1"


# --- One request must not stop the server ------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b'{"sender": "\\udfff", "message": "hi"}',
        b'{"sender": "ann\\ud800", "message": "hi"}',
        b'{"sender": "ann", "message": "hi \\udfff"}',
        b'{"sender": "a\\u0000b", "message": "hi"}',
    ],
)
def test_a_lone_surrogate_or_nul_is_refused_and_the_server_stays_up(clinic: Clinic, body: bytes) -> None:
    status, answer = clinic.stack.post(REST, body)
    assert status == 400
    assert "error" in json.loads(answer)
    still_up(clinic.stack)


def test_a_lone_surrogate_over_socketio_is_refused_and_the_server_stays_up(clinic: Clinic) -> None:
    client = PollingClient(clinic.stack.url, clinic.origin)
    assert client.open().startswith("40{")
    client.send('42["session_request",{"session_id":"\\udfff"}]')
    own = str(client.wait_for("session_confirm")[-1])
    assert own != "\udfff" and re.fullmatch(r"web:[0-9a-f]{32}", own)
    client.send('42["user_uttered",{"message":"hi","session_id":"\\udfff"}]')  # not its session: dropped
    client.send('42["user_uttered",{"message":"hi \\udfff","session_id":' + json.dumps(own) + "}]")
    assert "couldn't read that message" in client.wait_for("bot_uttered")[-1]["text"]
    still_up(clinic.stack)


# --- Malformed bodies --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'["hi"]',
        b'"hi"',
        b"null",
        b"",
        b"{",
        b"\xff\xfe",
        b"42",
        b'{"message": "hi"}',
        b'{"sender": "ann"}',
        b'{"sender": 7, "message": "hi"}',
        b'{"sender": null, "message": "hi"}',
        b'{"sender": "", "message": "hi"}',
        b'{"sender": "ann", "message": 5}',
        b'{"sender": "ann", "message": ["hi"]}',
        b'{"sender": "ann", "message": {"text": "hi"}}',
        b'{"sender": "ann", "message": true}',
        b'{"sender": "ann", "message": null}',
        b"[" * 100_000,
    ],
)
def test_a_malformed_rest_body_gets_400_with_a_json_error(clinic: Clinic, body: bytes) -> None:
    status, answer = clinic.stack.post(REST, body)
    assert status == 400, answer[:200]
    error = json.loads(answer)["error"]
    assert isinstance(error, str) and error


def test_a_body_over_the_bound_is_refused_before_it_is_read(clinic: Clinic) -> None:
    status, answer = clinic.stack.post(REST, json.dumps({"sender": "ann", "message": "x" * 300_000}).encode())
    assert status == 413, answer[:200]  # the channel's own bound (256 KB)
    status, answer = clinic.stack.post("/webhooks/alexa/webhook", b"x" * 2_000_000)
    assert status == 413, answer[:200]  # Sanic's (SANIC_REQUEST_MAX_SIZE, 1 MB), for every route


# --- The command filter ------------------------------------------------------------------------


def test_internal_commands_are_refused_however_they_are_spelled(clinic: Clinic) -> None:
    stack = clinic.stack
    patient = new_sender()
    stack.rest(patient, "let's do the knee twist")
    stack.rest(patient, "no")  # the screen before exercise
    assert "step 2, right side, round 1 of 3" in said(stack.rest(patient, "next"))
    for command in ("/ restart", "/restart", "  /restart  ", "/ back", "/back@1.0", "/restart{}", "/session_start"):
        assert "isn't a command I know" in said(stack.rest(patient, command)), command
    assert "step 3, right side, round 1 of 3" in said(stack.rest(patient, "next"))


# --- Sessions belong to their owner ------------------------------------------------------------


def test_a_stolen_socketio_session_id_gets_nothing(clinic: Clinic) -> None:
    signer = SessionSigner.from_env()  # the test process shares the servers' secret (harness/stack.py)
    owner = signer.issue()
    victim = PollingClient(clinic.stack.url, clinic.origin, owner=owner)
    session = victim.start_session()
    assert session == signer.session_for(owner)
    victim.say(session, "guide me through cat cow")
    victim.wait_for("bot_uttered")
    victim.say(session, "no")  # the screen before exercise
    victim.wait_for("bot_uttered", count=2)

    attacker = PollingClient(clinic.stack.url, clinic.origin, owner=signer.issue())
    assert attacker.start_session(session) != session  # asked for the victim's: given its own
    forged = PollingClient(clinic.stack.url, clinic.origin, owner=owner.split(".")[0] + "." + "0" * 64)
    assert forged.start_session(session) != session  # a token it did not get from the page: its own too
    attacker.say(session, "ouch that really hurts")  # into the victim's conversation: dropped

    before = len(victim.texts())
    victim.say(session, "next")
    victim.wait_for("bot_uttered", count=before + 1)
    time.sleep(1)
    victim.poll(timeout=3)
    assert not any("step 2, round 1 of at least 5" in t for t in attacker.texts() + forged.texts())
    assert attacker.poll(timeout=3) == [] or not attacker.texts()
    assert any("step 2, round 1 of at least 5" in t for t in victim.texts())
    events = clinic.stack.tracker(session)["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == ["guide me through cat cow", "no", "next"]


def test_the_same_owner_gets_its_session_back_after_a_reload(clinic: Clinic) -> None:
    owner = SessionSigner.from_env().issue()
    first = PollingClient(clinic.stack.url, clinic.origin, owner=owner).start_session()
    again = PollingClient(clinic.stack.url, clinic.origin, owner=owner).start_session(first)
    assert again == first


def test_the_page_gives_each_visitor_a_fresh_owner_token(clinic: Clinic) -> None:
    def token() -> str:
        with urllib.request.urlopen(clinic.page_url + "/", timeout=10) as response:
            page = response.read().decode()
        settings = json.loads(re.search(r'id="chat-settings"[^>]*>(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
        return str(settings["owner_token"])

    first, second = token(), token()
    assert first != second
    signer = SessionSigner.from_env()
    assert signer.session_for(first) and signer.session_for(second) != signer.session_for(first)


# --- Twilio Voice ------------------------------------------------------------------------------


def test_unsigned_or_badly_signed_twilio_requests_are_refused(clinic: Clinic) -> None:
    stack = clinic.stack
    caller = "+15550001234"
    assert stack.twilio({"From": caller, "SpeechResult": "guide me through cat cow"})[0] == 200
    form = {"From": caller, "CallStatus": "in-progress"}  # no speech: would read back the caller's last reply
    status, body = stack.twilio(form, signed=False)
    assert status == 403 and b"Cat/Cow" not in body
    bad = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "AAAA"}
    status, body = stack.post("/webhooks/twilio_voice/webhook", b"From=%2B15550001234", bad)
    assert status == 403 and b"Cat/Cow" not in body
    signed_for_another_caller = stack.twilio_signature(stack.url + "/webhooks/twilio_voice/webhook", {"From": "+1555"})
    headers = {**bad, "X-Twilio-Signature": signed_for_another_caller}
    assert stack.post("/webhooks/twilio_voice/webhook", b"From=%2B15550001234", headers)[0] == 403


def test_twilio_goes_through_the_same_guard(clinic: Clinic) -> None:
    stack = clinic.stack
    caller = "+15550004321"
    stack.twilio({"From": caller, "SpeechResult": "let's do the knee twist"})
    stack.twilio({"From": caller, "SpeechResult": "no"})  # the screen before exercise
    stack.twilio({"From": caller, "SpeechResult": "next"})
    status, body = stack.twilio({"From": caller, "SpeechResult": "/ restart"})
    assert status == 200 and b"isn't a command I know" in body
    started = time.monotonic()
    status, body = stack.twilio({"From": caller, "SpeechResult": "stretch " * 25_000})
    assert status == 200 and b"too long" in body
    assert time.monotonic() - started < 3.0, "200 KB of speech must be refused before NLU"
    status, body = stack.twilio({"From": caller, "SpeechResult": "next"})
    assert status == 200 and b"Hold for 20 seconds." in body and b'<Pause length="20"' in body  # the place was kept


# --- Rate limits -------------------------------------------------------------------------------


def test_one_conversation_flooding_is_slowed_down_and_keeps_its_place(clinic: Clinic) -> None:
    stack = clinic.stack
    patient = new_sender()
    stack.rest(patient, "guide me through cat cow")
    stack.rest(patient, "no")  # the screen before exercise
    answers = [said(stack.rest(patient, "/ restart")) for _ in range(70)]  # answered at the edge: fast
    slowed = [a for a in answers if "faster than I can follow" in a]
    assert len(slowed) >= 5, "70 messages in a few seconds must meet the 60-a-minute limit"
    assert all("isn't a command I know" in a for a in answers if a not in slowed)
    time.sleep(2)  # the bucket refills at one message a second
    assert "step 2, round 1 of at least 5" in said(stack.rest(patient, "next"))


def _rest_from(stack: Stack, address: str, sender: str, text: str) -> int:
    """A REST message sent from another loopback address (each address is its own client)."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.rasa_port, timeout=30, source_address=(address, 0))
    try:
        connection.request("POST", REST, json.dumps({"sender": sender, "message": text}), JSON)
        response = connection.getresponse()
        response.read()
        return int(response.status)
    finally:
        connection.close()


FLOOD_CAP = 4000
"""More than a loaded machine's server can answer before the 600-a-minute bucket runs dry."""


def test_one_address_flooding_gets_429_and_others_are_served(clinic: Clinic) -> None:
    """Flooded until the first 429: the address got its burst of 600 and at most what refilled (10 a
    second) while it flooded. Judged by the clock, not by a fixed count, so a busy machine is no excuse."""
    stack = clinic.stack
    statuses: list[int] = []
    started = time.monotonic()
    while 429 not in statuses and len(statuses) < FLOOD_CAP:
        statuses.append(_rest_from(stack, "127.0.0.3", f"flood-{len(statuses)}", "/ restart"))
    elapsed = time.monotonic() - started
    assert statuses[-1] == 429, f"{len(statuses)} messages in {elapsed:.0f} s never met the limit of one address"
    assert set(statuses) <= {200, 429}
    assert 600 <= statuses.count(200) <= 600 + 10 * elapsed + 1
    assert _rest_from(stack, "127.0.0.4", new_sender(), "hello") == 200
