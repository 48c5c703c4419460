"""Two Rasa servers behind HAProxy, sharing a PostgreSQL tracker store and a Redis lock store.

The tests run in this order on one stack: turns spread over both servers, concurrent messages of one
person, the web hold timer through the balancer; then the crashes: a server killed mid-routine (and
started again), and the server holding a web hold timer killed before the hold is over.
"""

from __future__ import annotations

import itertools
import re
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg2

from channels.session_token import SessionSigner
from harness.scaled_stack import BalancedPollingClient, Reply, ScaledStack
from harness.stack import conversation
from pacing import Routine, replies
from pacing.steps import show_step
from scaling.services import DATABASE, DB_USER
from scaling.supervisor import Supervisor
from stretch_content import load_content

CONTENT = load_content()
KNEE_TWIST = Routine(CONTENT.stretch("lying_knee_twist"))
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
FIRST_HOLD = next(i for i, m in enumerate(KNEE_TWIST.moments) if m.step.seconds)
HOLD_SECONDS = KNEE_TWIST.at(FIRST_HOLD).step.seconds or 0
RELEASE = replies.hold_over(KNEE_TWIST.at(FIRST_HOLD)).text.split(":")[0]  # "Time's up"
POLL_SECONDS = 40.0
"""Longer than the socket.io ping interval (25 s): the server always answers a poll before the client gives up."""


def heading(routine: Routine, index: int) -> str:
    """The first line of a step as shown ("Lying Knee Twist: step 2, right side, round 1 of 3")."""
    return show_step(routine.at(index)).text.splitlines()[0]


def step_said(reply: Reply, routine: Routine) -> int:
    """The step (1-based, counting every turn of the routine) a reply shows, by its heading line
    ("Cat/Cow: step 3, round 1 of at least 5"), which names one moment of the routine."""
    found = [
        i + 1 for i in range(routine.total) if re.search(rf"(^|\n){re.escape(heading(routine, i))}(\n|$)", reply.text)
    ]
    assert len(found) == 1, reply.text
    return found[0]


def place(stack: ScaledStack, sender: str) -> tuple[str | None, int | None]:
    slots = stack.slots(sender)
    step = slots.get("routine_step")
    return slots.get("routine_stretch"), None if step is None else int(step)


def start(stack: ScaledStack, sender: str, routine: Routine) -> Reply:
    """A conversation's first stretch: the screen before exercise, answered "no", then step 1 (returned)."""
    screen = stack.rest(sender, f"guide me through {routine.stretch.name}")
    assert screen.status == 200 and "Before we start" in screen.text, screen.text
    reply = stack.rest(sender, "no")
    assert reply.status == 200 and step_said(reply, routine) == 1, reply.text
    return reply


def test_turns_alternating_between_the_two_servers_keep_the_exact_place(scaled: ScaledStack) -> None:
    sender = "scaled-alternating"
    turns = [start(scaled, sender, KNEE_TWIST)]
    turns += [scaled.rest(sender, "next") for _ in range(6)]
    turns.append(scaled.rest(sender, "go back"))
    turns.append(scaled.rest(sender, "next"))

    servers = [t.server for t in turns]
    assert set(servers) == {"rasa1", "rasa2"}
    assert all(a != b for a, b in itertools.pairwise(servers)), servers
    assert [step_said(t, KNEE_TWIST) for t in turns] == [1, 2, 3, 4, 5, 6, 7, 6, 7]
    where = scaled.rest(sender, "what step am I on?")
    assert step_said(where, KNEE_TWIST) == 7
    assert place(scaled, sender) == ("lying_knee_twist", 6)
    assert stored_events(scaled, sender) >= len(turns) + 1  # in PostgreSQL, not in a server's memory


def stored_events(stack: ScaledStack, sender: str) -> int:
    """How many events of ``sender`` the PostgreSQL tracker store holds (read straight from the database)."""
    connection = psycopg2.connect(
        host="127.0.0.1", port=stack.postgres.port, user=DB_USER, password=stack.postgres.password, dbname=DATABASE
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM events WHERE sender_id = %s", (conversation(sender),))
            row = cursor.fetchone()
    finally:
        connection.close()
    return int(row[0]) if row else 0


def test_twenty_concurrent_nexts_of_one_person_advance_exactly_twenty_steps(scaled: ScaledStack) -> None:
    """Rasa's Redis lock store runs one person's turns one at a time, whichever server takes each."""
    sender = "scaled-concurrent"
    start(scaled, sender, CAT_COW)
    with ThreadPoolExecutor(max_workers=20) as pool:
        turns = list(pool.map(lambda _: scaled.rest(sender, "next"), range(20)))

    assert [t.status for t in turns] == [200] * 20
    assert {t.server for t in turns} == {"rasa1", "rasa2"}
    assert sorted(step_said(t, CAT_COW) for t in turns) == list(range(2, 22))  # each step said exactly once
    assert place(scaled, sender) == ("cat_cow", 20)


def web_client(stack: ScaledStack, owner: str) -> tuple[BalancedPollingClient, str]:
    client = BalancedPollingClient(stack.url, stack.page_origin, owner=owner)
    return client, client.start_session()


def wait_for_text(client: BalancedPollingClient, text: str, timeout: float = 30) -> None:
    """Long-polls until a bot message contains ``text``.

    Each poll waits for the server's answer (at the latest its ping, every 25 s), as the widget does: a
    poll given up by the client stays open in the server and would swallow the next message.
    """
    deadline = time.monotonic() + timeout
    while not any(text in t for t in client.texts()):
        assert time.monotonic() < deadline, f"{text!r} not received; got {client.texts()}"
        client.poll(timeout=POLL_SECONDS)


def reach_the_first_hold(client: BalancedPollingClient, session: str) -> None:
    client.say(session, f"guide me through {KNEE_TWIST.stretch.name}")
    wait_for_text(client, "Before we start")  # the screen before exercise
    client.say(session, "no")
    wait_for_text(client, heading(KNEE_TWIST, 0))
    for index in range(1, FIRST_HOLD + 1):
        client.say(session, "next")
        wait_for_text(client, heading(KNEE_TWIST, index))


def test_web_hold_timer_says_release_through_the_balancer(scaled: ScaledStack) -> None:
    client, session = web_client(scaled, SessionSigner.from_env().issue())
    reach_the_first_hold(client, session)
    assert not any(RELEASE in t for t in client.texts())
    wait_for_text(client, RELEASE, timeout=HOLD_SECONDS + 20)
    assert len(set(client.servers)) == 1, "a socket's requests must all reach one server (sticky sessions)"


def test_killing_a_server_mid_routine_loses_no_step_and_the_person_carries_on(scaled: ScaledStack) -> None:
    sender = "scaled-crash"
    turns = [start(scaled, sender, KNEE_TWIST)] + [scaled.rest(sender, "next") for _ in range(3)]
    victim = int(turns[-1].server.removeprefix("rasa")) - 1
    survivor = scaled.server_name(1 - victim)
    scaled.kill(victim)

    after = [scaled.rest(sender, "next") for _ in range(4)]
    assert [t.status for t in after] == [200] * 4
    assert {t.server for t in after} == {survivor}
    assert [step_said(t, KNEE_TWIST) for t in turns + after] == list(range(1, 9))
    assert place(scaled, sender) == ("lying_knee_twist", 7)

    scaled.start_rasa(victim)  # it comes back and takes turns again, at the same place
    scaled.wait_balanced({0, 1})
    back = [scaled.rest(sender, "next") for _ in range(2)]
    assert {t.server for t in back} == {"rasa1", "rasa2"}
    assert [step_said(t, KNEE_TWIST) for t in back] == [9, 10]


def test_a_hold_timer_whose_server_dies_still_says_release_after_reconnecting(scaled: ScaledStack) -> None:
    """Rasa keeps reminders in one server's memory; the page's reconnect re-arms it on the other one."""
    owner = SessionSigner.from_env().issue()
    client, session = web_client(scaled, owner)
    reach_the_first_hold(client, session)
    holder = int(client.servers[-1].removeprefix("rasa")) - 1
    scaled.kill(holder)
    scaled.wait_balanced({1 - holder})

    # What the widget does when its server is gone: a new socket (the balancer picks a live server),
    # the same session asked for again.
    again, same = web_client(scaled, owner)
    assert same == session
    wait_for_text(again, RELEASE, timeout=HOLD_SECONDS + 20)
    assert set(again.servers) == {scaled.server_name(1 - holder)}


def test_a_killed_action_server_is_started_again_and_meanwhile_turns_get_the_number(scaled: ScaledStack) -> None:
    """make run-scaled's supervisor (scaling/supervisor.py) on this stack's servers, as run_scaled.py runs it."""
    sender = "scaled-actions-down"
    turns = [start(scaled, sender, CAT_COW), scaled.rest(sender, "next")]
    before = place(scaled, sender)
    supervisor = Supervisor(scaled.supervised(), say=lambda _: None)
    scaled.kill_actions()

    during = [scaled.rest(sender, text, timeout=5) for text in ("next", "what step am I on?")]
    assert [t.status for t in during] == [200, 200]
    assert all(CONTENT.clinic.phone in t.text for t in during), [t.text for t in during]
    assert place(scaled, sender) == before

    deadline = time.monotonic() + 120
    while not scaled.actions_answering():
        assert time.monotonic() < deadline, "the action server was not started again"
        supervisor.check()
        time.sleep(0.5)
    after = scaled.rest(sender, "next")
    assert [step_said(t, CAT_COW) for t in [*turns, after]] == [1, 2, 3]  # on from where it was


def test_two_servers_see_the_same_progress_in_postgresql(scaled: ScaledStack) -> None:
    """The check-in answered through one server, "how am I doing?" through the other: one progress table."""
    sender = "scaled-progress"
    start(scaled, sender, Routine(load_content().stretch("cat_cow")))
    answered = scaled.rest(sender, "6")
    assert "6 out of 10" in answered.text, answered.text
    # round robin over both servers; a server killed by an earlier test may still be coming back, so ask
    # (an idempotent question) until the other server answers
    for _ in range(20):
        doing = scaled.rest(sender, "how am i doing?")
        if doing.server != answered.server:
            break
        time.sleep(1)
    assert doing.server != answered.server and "6 before" in doing.text, (answered.server, doing.server, doing.text)
    connection = psycopg2.connect(
        host="127.0.0.1", port=scaled.postgres.port, user=DB_USER, password=scaled.postgres.password, dbname=DATABASE
    )
    try:
        with connection.cursor() as cursor:
            query = "SELECT channel, phase, score FROM progress_checkins WHERE conversation_id = %s"
            cursor.execute(query, (conversation(sender),))
            rows = cursor.fetchall()
    finally:
        connection.close()
    assert rows == [("rest", "before", 6)]
