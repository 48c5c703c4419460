"""Six thousand requests with broken framing, sent raw to all three servers while a person does a routine.

The raw side of the fuzz suite (``test_fuzz.py`` sends its malformed requests through an HTTP client,
which writes correct framing): request lines, header lines, lengths, encodings, chunk sizes, line
endings and bytes of the path mutated (``fuzz_cases.raw_framing_cases``), every one sent as bytes on a
socket. Afterwards: no HTTP 5xx and no request left hanging (each gets its answer or a clean close), every
server up at each probe (one per 250 requests), none of the person's steps lost, and no traceback in the
servers' logs, whose growth stays bounded. The counts go to test-artifacts/fuzz-raw.json.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from harness.stack import ROOT
from tests.security.clinic import Clinic
from tests.security.fuzz_cases import RawCase, raw_framing_cases
from tests.security.raw_http import RAW_FUZZER, exchange, probe
from tests.security.test_fuzz import Person

ARTIFACT = ROOT / "test-artifacts" / "fuzz-raw.json"
WORKERS = 8
TIMEOUT = 15.0
"""Longer than any server's head deadline: a request still unanswered by then hangs."""
PROBE_EVERY = 250


def test_six_thousand_raw_framing_attacks_hurt_no_one(clinic: Clinic) -> None:
    stack = clinic.stack
    ports = {"rasa": stack.rasa_port, "actions": stack.action_port, "page": clinic.page.server_address[1]}
    logs = {name: stack.workdir / name for name in ("rasa.log", "actions.log")}
    marks = {name: path.stat().st_size for name, path in logs.items()}
    cases = raw_framing_cases()
    outcomes: dict[str, Counter[str]] = {server: Counter() for server in ports}
    by_mutation: dict[str, Counter[str]] = {}
    bad: list[str] = []
    lock = threading.Lock()

    def send(case: RawCase) -> None:
        answer = exchange(ports[case.server], case.raw, timeout=TIMEOUT, source=RAW_FUZZER, close_wait=0.05)
        if answer.timed_out:
            outcome = "hung"
        elif answer.status is None:
            outcome = "closed"
        else:
            outcome = str(answer.status)
        with lock:
            outcomes[case.server][outcome] += 1
            by_mutation.setdefault(case.mutation, Counter())[outcome] += 1
            if outcome == "hung" or outcome.startswith("5"):
                bad.append(f"{case.server} {case.mutation} {outcome}: {case.raw[:160]!r}")

    person = Person(stack)
    walker = threading.Thread(target=person.run, daemon=True)
    started = time.monotonic()
    walker.start()
    probes: list[dict[str, bool]] = []
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for first in range(0, len(cases), PROBE_EVERY):
            list(pool.map(send, cases[first : first + PROBE_EVERY]))
            probes.append(probe(ports["rasa"], ports["actions"], ports["page"]))
    person.stop.set()
    walker.join(timeout=300)
    seconds = time.monotonic() - started
    logged = {}
    for name, path in logs.items():
        with path.open("rb") as log:
            log.seek(marks[name])
            logged[name] = log.read().decode("utf-8", "replace")

    report: dict[str, Any] = {
        "requests": len(cases),
        "seconds": round(seconds, 1),
        "by_server": {server: dict(sorted(counts.items())) for server, counts in outcomes.items()},
        "by_mutation": {mutation: dict(sorted(c.items())) for mutation, c in sorted(by_mutation.items())},
        "hung_or_5xx": len(bad),
        "probes": len(probes),
        "probes_failed": sum(not all(p.values()) for p in probes),
        "log_lines": {name: len(text.splitlines()) for name, text in logged.items()},
        "log_tracebacks": {name: text.count("Traceback") for name, text in logged.items()},
        "person": {"walks": person.walks, "steps_answered": person.steps, "lost": len(person.lost)},
    }
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    assert len(cases) >= 6000
    assert bad == [], bad[:10]
    assert report["probes_failed"] == 0, probes
    for name, text in logged.items():
        assert "Traceback" not in text, text[text.find("Traceback") - 300 :][:3000]
        assert len(text.splitlines()) < len(cases) // 20, f"{name}: {len(text.splitlines())} lines"
        assert text.count("body not consumed") <= 1, f"{name}: Sanic's line for each GET with a body"
    assert person.walks >= 1 and person.steps >= 19
    assert person.lost == [], person.lost[:5]
