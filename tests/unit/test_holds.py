"""The one rule for when a web hold is over (holds.running_hold), on events as both servers see them."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import datetime, timedelta
from typing import Any

from harness.stack import ROOT
from holds import running_hold

DUE = datetime(2026, 12, 2, 21, 30, 12)


def timer(sender_id: str = "web:abc", due: str = "2026-12-02T21:30:12") -> dict[str, Any]:
    return {"event": "reminder", "intent": "EXTERNAL_hold_over", "date_time": due, "name": f"hold_timer_{sender_id}"}


def said(text: str, intent: str = "ask_side") -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


RELEASE = said("EXTERNAL: EXTERNAL_hold_over", "EXTERNAL_hold_over")
LISTEN = {"event": "action", "name": "action_listen"}
START = [said("next", "next_step"), {"event": "bot", "text": "Hold for 20 seconds."}, timer(), LISTEN]


def test_a_hold_runs_until_its_due_time_while_nothing_was_said() -> None:
    hold = running_hold(START, "web:abc")
    assert hold is not None and hold.due == DUE
    assert hold.seconds_left(DUE - timedelta(seconds=5)) == 5


def test_any_message_after_the_timer_ends_the_hold() -> None:
    assert running_hold([*START, said("stop", "stop_routine")], "web:abc") is None
    assert running_hold([*START, RELEASE], "web:abc") is None


def test_the_message_a_turn_answers_does_not_end_the_hold_unless_it_is_the_release() -> None:
    hold = running_hold([*START, said("which side?")], "web:abc", answering=True)
    assert hold is not None and hold.due == DUE
    assert running_hold([*START, RELEASE], "web:abc", answering=True) is None
    # an earlier question that did not set the timer again ended it
    assert running_hold([*START, said("which side?"), LISTEN, said("how long?")], "web:abc", answering=True) is None


def test_a_timer_set_again_after_a_question_keeps_the_hold() -> None:
    again = [*START, said("which side?"), {"event": "bot", "text": "Both."}, timer(), LISTEN]
    hold = running_hold([*again, said("how long?")], "web:abc", answering=True)
    assert hold is not None and hold.due == DUE


def test_only_this_conversations_timer_counts() -> None:
    assert running_hold(START, "web:someone-else") is None
    assert running_hold([said("hi"), LISTEN], "web:abc") is None


def test_an_overdue_release_is_still_owed_and_a_zoned_time_is_read_as_local() -> None:
    hold = running_hold([timer(due="2020-01-01T10:00:00")], "web:abc")
    assert hold is not None and hold.due == datetime(2020, 1, 1, 10, 0, 0)
    zoned = running_hold([timer(due="2026-12-02T21:30:12+00:00")], "web:abc")
    assert zoned is not None and zoned.due.tzinfo is None
    assert running_hold([timer(due="not a time")], "web:abc") is None


def loaded_after(imports: str) -> list[str]:
    """The top-level packages among actions, rasa_sdk, stretch_content that a fresh process has after ``imports``."""
    code = f"import sys; {imports}; print(sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(HEAVY)!r})))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return list(ast.literal_eval(result.stdout.strip().splitlines()[-1]))


HEAVY = {"actions", "rasa_sdk", "stretch_content"}


def test_both_servers_import_it_without_the_action_package() -> None:
    assert loaded_after("import holds") == []
    assert loaded_after("import scaling.hold_timer, server_tuning.session_length") == []
