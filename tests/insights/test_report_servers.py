"""The report and the export from a store filled by real conversations through the real servers.

Stretches finished and stopped, an emergency, a screen answered yes, fallbacks, a visit to the clinic page
(socket.io), a phone call, a Forward Fold on Alexa (signed requests through the skill's channel), check-ins
(inserted into a ``progress_checkins`` table made to the contract), and a forgotten person: the report's
numbers, read back from its HTML, are what was sent; small counts are hidden, and no hidden count can be
worked out from the others (tests/insights/derivable.py); no message text is in it;
the forgotten person is in neither the report nor the export. The report is made while the servers run.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.observation import Observation

from channels.session_token import SessionSigner
from harness import alexa_signing as signing
from harness.alexa_client import AlexaClient
from harness.alexa_signing import Pki
from harness.session_stack import alexa_trust
from harness.socketio_client import PollingClient
from harness.stack import ROOT, Stack, free_port
from harness.web_stack import page_origin
from insights import __main__ as cli
from insights.suppress import COMPLEMENT, HIDDEN
from tests.insights.derivable import derived, report_rows
from tests.insights.test_report_and_export import CONTRACT, read_report
from tests.voice.test_twilio_voice import call

FINISHERS = 6
FOLD_NEXTS = 4  # the Forward Fold is four turns: the first is shown at the start, "next" after the last finishes
OFF_TOPIC = [
    "what's the weather in paris tomorrow",
    "who won the football game last night",
    "can you recommend a good pizza place",
    "how do i change the oil in my car",
    "what's the capital of france",
]
SECRET = "zebra-quokka-7731"
OFF_TOPIC_LEAD = "Sorry, that's outside what I can help with"


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Iterator[Stack]:
    """Servers of this module's own, so the store holds exactly the conversations sent here; the Alexa
    channel trusts the tests' CA and skill id, as the shared servers do (harness/session_stack.py)."""
    origin = page_origin(free_port())
    workdir = tmp_path_factory.mktemp("insights-stack")
    env = {"WEB_ORIGIN": origin} | alexa_trust(pki, workdir / "pki").env()
    stack = Stack(workdir=workdir, cors=origin, env=env)
    try:
        yield stack.start()
    finally:
        stack.stop()


def texts(messages: list[dict[str, object]]) -> str:
    return "\n".join(str(m.get("text", "")) for m in messages)


def walk_fold(stack: Stack, sender: str) -> None:
    assert "Before we start" in texts(stack.rest(sender, "guide me through forward fold"))
    assert "Forward Fold" in texts(stack.rest(sender, "no"))
    for _ in range(FOLD_NEXTS):
        last = texts(stack.rest(sender, "next"))
    assert "finished the Forward Fold" in last


def speech(answer: dict[str, Any]) -> str:
    return str(answer["response"]["outputSpeech"]["ssml"])


def walk_fold_on_alexa(alexa: AlexaClient, user: str) -> None:
    """The Forward Fold by voice: the skill opened, the screen (asked before every stretch on Alexa), the steps."""
    alexa.send(signing.launch(), user=user, new=True)
    assert "Safety check first" in speech(alexa.send(signing.say("guide me through forward fold"), user=user))
    assert "Forward Fold" in speech(alexa.send(signing.intent("AMAZON.NoIntent"), user=user))
    for _ in range(FOLD_NEXTS):
        last = speech(alexa.send(signing.intent("AMAZON.NextIntent"), user=user))
    assert "finished the Forward Fold" in last


@pytest.fixture(scope="module")
def filled(own_stack: Stack, pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Sends every conversation once; returns what was seen being sent, and the outputs."""
    stack = own_stack
    run = uuid.uuid4().hex[:6]
    finishers = [f"fin{run}{i}" for i in range(FINISHERS)]
    for sender in finishers:
        walk_fold(stack, sender)
    stoppers = [f"stop{run}{i}" for i in range(2)]
    for sender in stoppers:
        stack.rest(sender, "let's do the knee twist")
        stack.rest(sender, "no")
        stack.rest(sender, "next")
        assert "stop" in texts(stack.rest(sender, "stop")).lower()
    emergency = f"em{run}"
    stack.rest(emergency, "guide me through cat cow")
    stack.rest(emergency, "no")
    assert "911" in texts(stack.rest(emergency, "i can't control my bladder since this morning"))
    screen_yes = f"scr{run}"
    stack.rest(screen_yes, "do cat cow")
    assert "911" in texts(stack.rest(screen_yes, "yes"))
    chatty = f"fb{run}"
    off_topic = 0
    for message in OFF_TOPIC:
        off_topic += OFF_TOPIC_LEAD in texts(stack.rest(chatty, f"{message} {SECRET}"))
    page = PollingClient(stack.url, stack.cors, owner=SessionSigner.from_env().issue())  # the clinic page's widget
    session = page.start_session()
    page.say(session, "how do i book an appointment")
    page.wait_for("bot_uttered")
    caller = f"+1555{uuid.uuid4().int % 10**7:07d}"
    call(stack, caller)
    call(stack, caller, "how do i book an appointment")
    alexa_user = f"amzn1.ask.account.{uuid.uuid4()}"
    walk_fold_on_alexa(AlexaClient(stack, pki), alexa_user)
    assert stack.tracker(f"alexa:{alexa_user}").get("events"), "the skill's turns are the alexa: conversation"

    # Check-ins, as issue 20 writes them: a before and an after for each finisher's session.
    now = time.time()
    with sqlite3.connect(stack.tracker_db) as conn:
        conn.execute(CONTRACT.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"))
        for n, sender in enumerate(finishers):
            person = f"{n:02d}" + "ab" * 31
            for phase, score, at in (("before", 6, now - 300), ("after", 3, now - 60)):
                conn.execute(
                    "INSERT INTO progress_checkins VALUES (?,?,?,?,?,?,?)",
                    (person, f"rest:{sender}", "rest", f"s-{sender}", phase, score, at),
                )
    conn.close()

    forgotten = finishers[-1]
    erase = subprocess.run(
        [
            sys.executable,
            "-W",
            "ignore",
            "-m",
            "storage",
            "--endpoints",
            str(stack.workdir / "endpoints.yml"),
            "forget",
            "--",
            f"rest:{forgotten}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert erase.returncode == 0, erase.stderr
    out = tmp_path_factory.mktemp("insights-out")
    report = out / "report.html"
    assert cli.main(["report", "--store", str(stack.tracker_db), "--out", str(report)]) == 0  # servers still running
    system = "https://clinic.example.org/fhir/coach-person"
    assert (
        cli.main(["export", "--store", str(stack.tracker_db), "--out-dir", str(out), "--subject-system", system]) == 0
    )
    return {
        "report": report,
        "out": out,
        "off_topic": off_topic,
        "forgotten_person": f"{FINISHERS - 1:02d}" + "ab" * 31,
    }


def test_the_numbers_are_what_was_sent(filled: dict[str, object]) -> None:
    keys = read_report(Path(str(filled["report"]))).values
    rest = FINISHERS - 1 + 2 + 1 + 1 + 1
    assert keys["started.forward_fold"] == str(FINISHERS - 1 + 1), "six finished on REST, one forgotten; one on Alexa"
    assert keys["ends.forward_fold.finished"] == str(FINISHERS - 1 + 1)
    assert keys["conversations.total"] == str(rest + 3), "REST, and one each on the web, the phone and Alexa"
    assert keys["screens.asked"] == str(FINISHERS - 1 + 2 + 1 + 1 + 1)
    assert keys["outcomes.paired"] == str(FINISHERS - 1)
    assert keys["outcomes.mean_before"] == "6.0"
    assert keys["outcomes.mean_after"] == "3.0"
    off_topic = int(str(filled["off_topic"]))
    kinds = {k: v for k, v in keys.items() if k.startswith("fallback_kind.") and k != "fallback_kind.off_topic"}
    if off_topic < 5:
        assert keys.get("fallback_kind.off_topic") == "<5"
    elif HIDDEN not in kinds.values():
        assert keys.get("fallback_kind.off_topic") == str(off_topic)
    else:  # another kind of fallback was small: the off-topic count may be what protects it
        assert keys.get("fallback_kind.off_topic") in (str(off_topic), COMPLEMENT)


def test_small_counts_are_hidden(filled: dict[str, object]) -> None:
    keys = read_report(Path(str(filled["report"]))).values
    assert keys["ends.lying_knee_twist.stopped"] == "<5"  # two stopped
    assert keys["ends.cat_cow.emergency"] == "<5"  # one emergency mid-routine
    assert keys["screens.yes"] == "<5"  # one screen answered yes
    assert keys["emergency.back"] == "<5"  # two emergency answers of the back-pain kind
    assert keys["conversations.phone"] == "<5"  # one call
    assert keys["conversations.web"] == "<5"  # one visit to the page
    assert keys["conversations.alexa"] == "<5"  # one Alexa user (0 if the skill's turns were not counted)


def test_no_hidden_count_can_be_worked_out_from_the_others(filled: dict[str, object]) -> None:
    keys = read_report(Path(str(filled["report"]))).values
    # 13 conversations = 10 on REST + three "<5": the three would be 1 each, so the 10 is hidden too; and 10
    # screens asked = 1 yes + 9 no + 0: the 9 would give the 1 away, so it is hidden.
    assert keys["conversations.rest"] == COMPLEMENT
    assert keys["screens.no"] == COMPLEMENT
    assert derived(keys, report_rows(keys)) == []


def test_the_plots_are_images_and_nothing_comes_from_outside_and_no_text(filled: dict[str, object]) -> None:
    path = Path(str(filled["report"]))
    page = path.read_text(encoding="utf-8")
    images = read_report(path).images
    assert len(images) >= 6
    for src in images:
        assert src.startswith("data:image/png;base64,")
        import base64

        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    assert "http://" not in page and "https://" not in page
    assert SECRET not in page and "weather" not in page
    assert "bladder" not in page


def test_the_export_validates_and_leaves_out_the_forgotten_person(filled: dict[str, object]) -> None:
    out = Path(str(filled["out"]))
    lines = (out / "checkins.ndjson").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 * (FINISHERS - 1)
    for line in lines:
        Observation.parse_obj(json.loads(line))
    exported = (out / "checkins.ndjson").read_text() + (out / "checkins.csv").read_text()
    assert str(filled["forgotten_person"]) not in exported
    assert "rest:" not in exported
