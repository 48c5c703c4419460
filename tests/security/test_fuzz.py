"""Over 10,000 malformed requests against every endpoint a stranger can reach, while a real person does a routine.

The person (on the REST channel, from another loopback address so the fuzz's rate limit is not theirs)
walks the Lying Knee Twist step by step, again and again, for as long as the fuzz runs. Afterwards:
no HTTP 5xx, no request left unanswered, every server still up, not one of the person's replies or
steps lost, and Rasa's API never said yes without its token. The counts go to test-artifacts/fuzz.json.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import socket
import threading
import time
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from harness.stack import ROOT, Stack
from pacing import Routine
from pacing.steps import where
from stretch_content import load_content
from tests.security.clinic import ATTACKER_ADDRESS, Clinic
from tests.security.fuzz_cases import TWILIO, Case, all_cases

ARTIFACT = ROOT / "test-artifacts" / "fuzz.json"
PERSON_ADDRESS = "127.0.0.2"
WORKERS = 8
TIMEOUT = 20.0


@dataclass
class Tally:
    statuses: dict[str, Counter[int]] = field(default_factory=dict)
    failures: dict[str, Counter[str]] = field(default_factory=dict)
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, target: str, outcome: int | str) -> None:
        with self.lock:
            self.requests += 1
            if isinstance(outcome, int):
                self.statuses.setdefault(target, Counter())[outcome] += 1
            else:
                self.failures.setdefault(target, Counter())[outcome] += 1


def _http(port: int, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT, source_address=(ATTACKER_ADDRESS, 0))
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in {**headers, "Content-Length": str(len(body or b""))}.items():
            connection.putheader(name, value.encode("latin-1", "replace"))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _raw(port: int, data: bytes) -> int | str:
    """Sends ``data`` as is and reads the whole answer (the server closes: it speaks HTTP/1.0); returns its status."""
    answer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT, source_address=(ATTACKER_ADDRESS, 0)) as sock:
        sock.sendall(data)
        while chunk := sock.recv(65536):
            answer += chunk
    if not answer:
        return "closed without an answer"
    parts = answer.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[0].startswith(b"HTTP/") and parts[1].isdigit() else "not HTTP"


def twilio_signature(token: str, url: str, form: tuple[tuple[str, str], ...]) -> str:
    data = url + "".join(f"{k}{v}" for k, v in sorted(form))
    return base64.b64encode(
        hmac.new(token.encode(), data.encode("utf-8", "surrogatepass"), hashlib.sha1).digest()
    ).decode()


def send(case: Case, clinic: Clinic, tally: Tally) -> None:
    stack = clinic.stack
    try:
        if case.raw is not None:
            tally.add(case.target, _raw(clinic.page.server_address[1], case.raw))
            return
        path, headers = case.path, dict(case.headers)
        if case.needs_sid:
            status, body = _http(stack.rasa_port, "GET", "/socket.io/?EIO=4&transport=polling", None, headers)
            tally.add(case.target, status)
            if status != 200:
                return
            path = path.replace("{sid}", json.loads(body[1:])["sid"])
        if case.signed_form is not None:
            headers["X-Twilio-Signature"] = twilio_signature(stack.twilio_token, stack.url + TWILIO, case.signed_form)
        status, _ = _http(stack.rasa_port, case.method, path, case.body, headers)
        tally.add(case.target, status)
        if case.target == "api" and 200 <= status < 300:
            tally.add("api answered without its token", status)
    except TimeoutError:
        tally.add(case.target, "timeout")
    except (ConnectionError, http.client.HTTPException) as error:
        tally.add(case.target, type(error).__name__)


@dataclass
class Person:
    """A patient on the REST channel, walking the Lying Knee Twist step by step until told to stop."""

    stack: Stack
    stop: threading.Event = field(default_factory=threading.Event)
    steps: int = 0
    walks: int = 0
    lost: list[str] = field(default_factory=list)
    slowest: float = 0.0

    def say(self, sender: str, text: str) -> str:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.stack.rasa_port, timeout=120, source_address=(PERSON_ADDRESS, 0)
        )
        started = time.monotonic()
        try:
            connection.request("POST", "/webhooks/rest/webhook", json.dumps({"sender": sender, "message": text}), {})
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        self.slowest = max(self.slowest, time.monotonic() - started)
        if response.status != 200:
            return f"HTTP {response.status}"
        return " ".join(str(m.get("text", "")) for m in json.loads(body))

    def run(self) -> None:
        routine = Routine(load_content().stretch("lying_knee_twist"))
        total = routine.total
        while not self.stop.is_set() or self.walks == 0:
            sender = f"person-{uuid.uuid4().hex[:8]}"
            screen = self.say(sender, "let's do the knee twist")
            if "Before we start" not in screen:  # the screen before exercise comes first
                self.lost.append(f"{sender} screen: {screen[:200]}")
            for number in range(1, total + 1):
                reply = self.say(sender, "no" if number == 1 else "next")
                if f"{routine.stretch.name}: {where(routine.at(number - 1))}\n" in reply:
                    self.steps += 1
                else:
                    self.lost.append(f"{sender} step {number}: {reply[:200]}")
                time.sleep(0.2)  # a person, not a script: the fuzz is the script
            self.walks += 1


def alive(clinic: Clinic) -> dict[str, bool]:
    def ok(url: str) -> bool:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    stack = clinic.stack
    return {
        "rasa": stack._rasa is not None and stack._rasa.poll() is None and ok(stack.url + "/"),
        "actions": stack._actions is not None and stack._actions.poll() is None and ok(stack.action_url + "/health"),
        "page": ok(clinic.origin + "/health"),
    }


def test_ten_thousand_malformed_requests_hurt_no_one(clinic: Clinic) -> None:
    cases = all_cases(clinic.origin)
    assert len(cases) >= 10_000
    tally = Tally()
    person = Person(clinic.stack)
    walker = threading.Thread(target=person.run, daemon=True)
    started = time.monotonic()
    walker.start()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(lambda case: send(case, clinic, tally), cases))
    person.stop.set()
    walker.join(timeout=300)
    seconds = time.monotonic() - started
    servers = alive(clinic)

    server_errors = {t: sum(n for s, n in c.items() if s >= 500) for t, c in tally.statuses.items()}
    report: dict[str, Any] = {
        "requests": tally.requests,
        "cases": len(cases),
        "seconds": round(seconds, 1),
        "by_endpoint": {t: {str(s): n for s, n in sorted(c.items())} for t, c in sorted(tally.statuses.items())},
        "http_5xx": sum(server_errors.values()),
        "unanswered": {t: dict(c) for t, c in tally.failures.items()},
        "servers_up": servers,
        "person": {
            "walks": person.walks,
            "steps_answered": person.steps,
            "lost": len(person.lost),
            "slowest_reply_s": round(person.slowest, 2),
        },
    }
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    assert tally.requests >= 10_000
    assert report["http_5xx"] == 0, report["by_endpoint"]
    assert not tally.failures, report["unanswered"]
    assert "api answered without its token" not in tally.statuses, report["by_endpoint"]
    assert all(servers.values()), servers
    assert person.walks >= 1 and person.steps >= 19
    assert person.lost == [], person.lost[:5]
