"""Supervised servers: ``make run`` (scripts/run.sh itself) with its action server killed or frozen, its others killed.

What a patient mid-stretch must see (README, "Robust"): while the action server is dead or frozen, every
turn still gets a reply with the clinic's number within 5 s, on REST, the web and the phone, and keeps
its place; run.sh starts a dead server again and never exits because one did. The stack is run.sh on
ports of its own (``harness/supervised.py``), because these tests kill its servers.
"""

from __future__ import annotations

import json
import signal
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from channels.render import phone
from channels.session_token import SessionSigner
from harness.socketio_client import PollingClient
from harness.stack import TWILIO_PATH
from harness.supervised import SupervisedStack
from pacing import Routine, replies
from scaling.supervisor import Supervised, Supervisor
from stretch_content import load_content
from tests.bot_messages import said
from tests.e2e.patient_script import Place
from tests.security.routine_start import start_messages, start_routine, start_routine_on_the_web

CONTENT = load_content()
PHONE = CONTENT.clinic.phone
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
TROUBLE_ON_THE_PHONE = phone.plain(phone.pieces(replies.trouble(CONTENT.clinic)))
"""What a caller hears when the turn fails: the apology and the number, read as a phone number."""
REPLY_WITHIN = 5.0
"""Seconds a turn may take while the action server is down or frozen (the HTTP client gives up after them)."""


def new_sender() -> str:
    return f"supervised-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SupervisedStack]:
    stack = SupervisedStack(workdir=tmp_path_factory.mktemp("supervised"))
    try:
        yield stack.start()
    finally:
        stack.stop()


def rest_within(stack: SupervisedStack, sender: str, text: str) -> str:
    """One REST turn that must be answered within ``REPLY_WITHIN`` seconds (else the socket times out)."""
    payload = json.dumps({"sender": sender, "message": text}).encode()
    status, body = stack.post("/webhooks/rest/webhook", payload, timeout=REPLY_WITHIN)
    assert status == 200, (status, body[:300])
    return said(json.loads(body))


def web_client(stack: SupervisedStack) -> tuple[PollingClient, str]:
    client = PollingClient(stack.url, f"http://localhost:{stack.web_port}", owner=SessionSigner.from_env().issue())
    return client, client.start_session()


def web_turn_within(client: PollingClient, session: str, text: str) -> str:
    before = len(client.texts())
    client.say(session, text)
    client.wait_for("bot_uttered", count=before + 1, timeout=REPLY_WITHIN)
    return "\n".join(client.texts()[before:])


def phone_turn_within(stack: SupervisedStack, caller: str, speech: str) -> str:
    """One signed Twilio Voice turn that must be answered within ``REPLY_WITHIN`` seconds: what is said."""
    form = {"From": caller, "CallSid": "CA" + caller[-8:], "CallStatus": "in-progress", "SpeechResult": speech}
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": stack.twilio_signature(stack.url + TWILIO_PATH, form),
    }
    status, body = stack.post(TWILIO_PATH, urlencode(form).encode(), headers, timeout=REPLY_WITHIN)
    assert status == 200, (status, body[:300])
    return " ".join(say.text or "" for say in ET.fromstring(body).iter("Say"))


def assert_everything_up(stack: SupervisedStack) -> None:
    assert stack.running, stack.log.read_text()[-3000:]
    for name in ("rasa", "page", "actions"):
        assert stack.answers(name), name


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGSTOP], ids=["killed", "frozen"])
def test_a_dead_or_frozen_action_server_costs_no_reply_and_no_place(own_stack: SupervisedStack, how: int) -> None:
    sender = new_sender()
    start_routine(own_stack, sender, "cat cow")
    assert (CAT_COW.at(1).text or "-") in said(own_stack.rest(sender, "next"))
    place = Place.of(own_stack.tracker(sender))
    web, session = web_client(own_stack)
    start_routine_on_the_web(web, session, "cat cow")
    web_place = Place.of(own_stack.tracker(session))
    caller = f"+1555{uuid.uuid4().int % 10**7:07d}"
    for text in start_messages("cat cow"):
        phone_turn_within(own_stack, caller, text)
    phone_place = Place.of(own_stack.tracker(f"phone:{caller}"))
    assert phone_place.stretch == "cat_cow"

    old = own_stack.signal_server("actions", signal.Signals(how))
    try:
        for text in ("next", "what step am I on?", "next"):
            reply = rest_within(own_stack, sender, text)
            assert PHONE in reply, (text, reply)
        assert PHONE in web_turn_within(web, session, "next")
        assert TROUBLE_ON_THE_PHONE in phone_turn_within(own_stack, caller, "next")
        assert Place.of(own_stack.tracker(sender)) == place
        assert Place.of(own_stack.tracker(session)) == web_place
        assert Place.of(own_stack.tracker(f"phone:{caller}")) == phone_place
    finally:
        if how == signal.SIGSTOP:
            own_stack.signal_server("actions", signal.SIGCONT)

    if how == signal.SIGKILL:
        own_stack.wait_for_new_server("actions", old)
    assert_everything_up(own_stack)
    assert (CAT_COW.at(2).text or "-") in said(own_stack.rest(sender, "next"))  # on from where it was
    assert Place.of(own_stack.tracker(sender)) == Place(place.stretch, (place.step or 0) + 1)
    assert (CAT_COW.at(1).text or "-") in web_turn_within(web, session, "next")


def test_run_sh_starts_a_killed_page_or_rasa_server_again(own_stack: SupervisedStack) -> None:
    sender = new_sender()
    start_routine(own_stack, sender, "cat cow")
    old_page = own_stack.signal_server("page", signal.SIGKILL)
    own_stack.wait_for_new_server("page", old_page)
    assert own_stack.running

    old_rasa = own_stack.signal_server("rasa", signal.SIGKILL)
    time.sleep(0.5)
    assert own_stack.running  # run.sh did not exit because a child did
    own_stack.wait_for_new_server("rasa", old_rasa)
    own_stack.wait_until_up()
    assert (CAT_COW.at(1).text or "-") in said(own_stack.rest(sender, "next"))  # the place survived
    assert_everything_up(own_stack)
    assert "stopped after" in own_stack.log.read_text()  # and it said what it did


# --- The scaled stack's supervisor (scaling/supervisor.py), on a clock of its own -----------------


class FakeServer:
    def __init__(self) -> None:
        self.up, self.starts = True, 0

    def start(self) -> None:
        self.starts += 1
        self.up = True


def test_the_scaled_supervisor_starts_a_stopped_server_again_and_backs_off_while_it_keeps_stopping() -> None:
    now = [0.0]
    actions, rasa = FakeServer(), FakeServer()
    said_lines: list[str] = []
    supervisor = Supervisor(
        [Supervised("actions", lambda: actions.up, actions.start), Supervised("rasa", lambda: rasa.up, rasa.start)],
        clock=lambda: now[0],
        say=said_lines.append,
    )
    assert supervisor.check() == []  # all running: nothing to do

    delays = []
    for _ in range(7):  # it dies at once each time it is started
        actions.up = False
        assert supervisor.check() == []  # noted, started only after its delay
        stopped_at = now[0]
        while not supervisor.check():
            now[0] += 0.5
        delays.append(now[0] - stopped_at)
        now[0] += 0.5
    assert delays == [1, 2, 4, 8, 16, 30, 30]
    assert actions.starts == 7 and rasa.starts == 0  # the other one carried on untouched
    assert "actions stopped; starting it again in 1 s" in said_lines[0]

    now[0] += 120  # ran steadily for two minutes, then stopped: back to the first delay
    actions.up = False
    supervisor.check()
    now[0] += 1
    assert supervisor.check() == ["actions"]


def test_a_server_that_fails_to_start_is_tried_again_later() -> None:
    now = [0.0]
    attempts = []

    def failing_start() -> None:
        attempts.append(now[0])
        raise RuntimeError("port in use")

    said_lines: list[str] = []
    supervisor = Supervisor(
        [Supervised("page", lambda: False, failing_start)], clock=lambda: now[0], say=said_lines.append
    )
    for _ in range(40):
        supervisor.check()
        now[0] += 1
    assert attempts == [1, 4, 9, 18, 35]  # 1, 2, 4, 8, 16 s after each failed start
    assert any("did not start: port in use" in line for line in said_lines)
