"""triage.assess on the sets written blind by independent evaluators (tests/triage/blind*.yml).

Each file's header says how it scored when it was measured once as written; all of them have since
been used to develop the rules and to train the learned reader (triage/model.npz), so these are
regression checks: every red flag reaches care (the emergency advice or the red-flag question) and
false alarms stay under 3%. heldout_blind6.yml is not here: it is never trained on. The measured
numbers go to test-artifacts/triage-blind.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pacing.language import is_foreign
from pacing.suitability import asks_if_safe_for_them
from triage import Level, assess, spanish
from triage.evaluation import BLIND_FILES, read_labeled, score

ROOT = Path(__file__).resolve().parents[2]
ARTIFACT = ROOT / "test-artifacts" / "triage-blind.json"
FALSE_ALARM_CEILING = 0.03
ALARMS = ("emergency", "ask")


def answered(text: str) -> Level:
    """What the coach does with a first message, as actions/base.py decides: a red flag written in
    Spanish gets the emergency advice in Spanish (``triage.spanish``) whatever ``assess`` read."""
    level = assess(text).level
    return Level.EMERGENCY if level is not Level.EMERGENCY and spanish.red_flag(text) else level


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, object]]:
    result = {path.stem: score(read_labeled(path, blind=True), answered) for path in BLIND_FILES}
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps({name: s.as_json() for name, s in result.items()}, indent=2) + "\n")
    return {name: s.as_json() for name, s in result.items()}


def test_there_is_a_blind_set() -> None:
    assert BLIND_FILES


@pytest.mark.parametrize("name", [p.stem for p in BLIND_FILES])
def test_every_red_flag_of_a_blind_set_reaches_care(scores: dict[str, dict[str, object]], name: str) -> None:
    """Reaching care: an emergency or a possible red flag answered with the emergency advice or the question."""
    failures = scores[name]["failures"]
    assert isinstance(failures, list)
    missed = [f for f in failures if f["expect"] in ALARMS and f["got"] not in ALARMS]
    # A message in a language the coach cannot read (Somali, Hmong) gets "I can only chat in English. If
    # this is an emergency, call 911 now." (tests/unit/test_replies.py): that line is its way to care.
    # "I'm 5 months pregnant, can I do these?" gets the guide's advice to ask their midwife or doctor first
    # whatever the triage read (pacing.suitability, tests/actions/test_outside_wordings_actions.py): its way.
    consult = [f for f in missed if f["expect"] == "ask" and asks_if_safe_for_them(f["text"])]
    assert [f for f in missed if not is_foreign(f["text"]) and f not in consult] == []


@pytest.mark.parametrize("name", [p.stem for p in BLIND_FILES])
def test_false_alarms_on_a_blind_set_stay_under_the_ceiling(scores: dict[str, dict[str, object]], name: str) -> None:
    rate = scores[name]["false_alarm_rate"]
    assert isinstance(rate, float) and rate <= FALSE_ALARM_CEILING, scores[name]["failures"]
