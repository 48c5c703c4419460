"""The project keeps its promises about where things live: one copy of every clinic fact, every action real."""

from __future__ import annotations

import inspect
import subprocess
from pathlib import Path

import yaml

import actions.info_actions
import actions.progress_actions
import actions.routine_actions
import actions.safety_actions
from actions import pain_memory, progress_checkin, triage_state
from actions.base import CoachAction
from actions.routine_state import NOTICE_SLOT, QUEUE_SLOT, SIDE_SLOT, STEP_SLOT, STRETCH_SLOT
from stretch_content import load_content
from stretch_content.loader import CONTENT_FILE

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
CONTENT = load_content()
ARTICLE = CONTENT_FILE.with_name("article.txt")


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / name for name in listed.split() if (ROOT / name).is_file()]


def test_the_phone_number_is_written_only_in_the_content_file() -> None:
    phone = CONTENT.clinic.phone
    spellings = {phone, phone[6:], CONTENT.clinic.phone_digits, "201-8191"}
    offenders = []
    for path in tracked_files():
        if path in (CONTENT_FILE, ARTICLE) or path.suffix in {".png", ".svg", ".wav", ".json", ".lock"}:
            continue
        if path.name in {"README.md", "package-lock.json"} or path.parts[-2:-1] == ("docs",):
            continue  # prose for people describing the assistant
        text = path.read_text(encoding="utf-8", errors="ignore")
        if any(s in text for s in spellings) and "tests" not in path.relative_to(ROOT).parts:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_no_pose_instruction_is_repeated_outside_the_content_file() -> None:
    sentences = {s.text for st in CONTENT.stretches for s in st.steps if s.text and "{" not in s.text}
    for path in tracked_files():
        if path in (CONTENT_FILE, ARTICLE) or path.suffix not in {".py", ".yml", ".yaml", ".html", ".js", ".json"}:
            continue
        if "tests" in path.relative_to(ROOT).parts or path.name == "package-lock.json":
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        repeated = [s for s in sentences if s in text]
        assert not repeated, f"{path.relative_to(ROOT)} repeats {repeated}"


def coach_actions() -> dict[str, type[CoachAction]]:
    found = {}
    for module in (actions.routine_actions, actions.info_actions, actions.safety_actions, actions.progress_actions):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, CoachAction) and not inspect.isabstract(cls):
                found[cls().name()] = cls
    return found


def test_every_domain_action_is_implemented_and_every_action_is_declared() -> None:
    assert set(DOMAIN["actions"]) == set(coach_actions())


# That every action is *run* by a test is checked where the actions are run: tests/actions/conftest.py
# records each run and fails a full run of that folder that leaves a domain action unrun.


def test_slots_the_actions_use_are_declared() -> None:
    safety = {
        triage_state.QUESTION_SLOT,
        triage_state.EMERGENCY_SLOT,
        triage_state.ADVISED_AT_SLOT,
        triage_state.LEARNED_SLOT,
        triage_state.PENDING_STRETCH_SLOT,
        triage_state.SCREENED_SLOT,
    }
    safety |= {pain_memory.PAIN_STOP_SLOT, pain_memory.ASKED_SLOT}
    safety |= {progress_checkin.OPEN_SLOT, progress_checkin.SESSION_SLOT, progress_checkin.BEFORE_SLOT}
    assert {STRETCH_SLOT, STEP_SLOT, NOTICE_SLOT, QUEUE_SLOT, SIDE_SLOT} | safety == set(DOMAIN["slots"])


def test_rules_use_declared_intents_and_actions() -> None:
    known_intents = set(DOMAIN["intents"]) | {"nlu_fallback"}
    known_actions = set(DOMAIN["actions"]) | set(DOMAIN.get("responses") or {})
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        for rule in yaml.safe_load(path.read_text())["rules"]:
            for step in rule["steps"]:
                assert step.get("intent", "nlu_fallback") in known_intents, (path.name, step)
                assert step.get("action", "action_listen") in known_actions | {"action_listen"}, (path.name, step)


def test_the_domain_has_no_response_texts_so_every_reply_passes_the_triage() -> None:
    assert not DOMAIN.get("responses")
