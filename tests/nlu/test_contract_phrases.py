"""The phrases the dialogue contract (issue 9) names for each intent reach that intent.

They guard the distinctions the actions rely on: "done" advances but "I'm done" stops, "what is X good
for?" answers instead of starting X, one-word pose names start a stretch, "whats the number again" books.
Several are training examples too, so this is a regression guard, not a measure of generalisation (that is
test_nlu_holdout.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlu_eval.holdout import Example, HoldoutReport, score

CONTRACT: dict[str, str] = {
    "which side now?": "ask_side",
    "left or right?": "ask_side",
    "other leg now?": "ask_side",
    "should I breathe in or out?": "ask_breathing",
    "when do i exhale": "ask_breathing",
    "what's this one good for again?": "ask_benefits",
    "what is the knee twist good for?": "ask_benefits",
    "does the fold help tight hamstrings?": "ask_benefits",
    "why am I doing this one": "ask_benefits",
    "is it ok if my knee clicks?": "ask_about_body",
    "is it normal to feel it in my hamstrings?": "ask_about_body",
    "I feel it in my lower back, is that right?": "ask_about_body",
    "what if it hurts while I'm doing it?": "ask_about_body",
    "it's a little uncomfortable but not painful": "ask_about_body",
    "my hip pops when I do this": "ask_about_body",
    "I'm tired, can I stop here?": "report_tired",
    "I'm exhausted": "report_tired",
    "need a breather": "report_tired",
    "I'd like to do all three stretches in a row": "do_all_stretches",
    "can we do all of them": "do_all_stretches",
    "what are your hours?": "ask_clinic_details",
    "where are you located?": "ask_clinic_details",
    "can you book it for me?": "ask_clinic_details",
    "should I get surgery?": "ask_medical_advice",
    "do I have sciatica?": "ask_medical_advice",
    "should I see a chiropractor": "ask_medical_advice",
    "can you prescribe oxycodone": "ask_medication",
    "should I take ibuprofen": "ask_medication",
    "I'm done": "stop_routine",
    "that's enough": "stop_routine",
    "I've had enough": "stop_routine",
    "done": "next_step",
    "ok done": "next_step",
    "where was I": "ask_progress",
    "remind me what I'm doing": "ask_progress",
    "how many more?": "ask_repetitions",
    "fold": "request_stretch",
    "cat": "request_stretch",
    "cow": "request_stretch",
    "twist": "request_stretch",
    "ok whats the number again": "book_appointment",
    "phone number?": "book_appointment",
    "thx": "thank",
    # issue 17: the patients' questions
    "sorry, phone call. where was I": "ask_progress",
    "skip this one": "skip_stretch",
    "is there a seated version": "ask_modification",
    "can i bend my knees": "ask_modification",
    "are these stretches safe for me": "ask_suitability",
    "i feel a little dizzy": "report_unwell",
    "my number is 612-555-0147, call after 5pm": "leave_message",
    "ok so someone will call me?": "leave_message",
    "how long will all three take? i have like 10 min": "ask_session_time",
    "where can i get my w2 from": "out_of_scope",
    "does pnc have a routing number": "out_of_scope",
}


@pytest.fixture(scope="module")
def parsed(nlu_model: Path) -> HoldoutReport:
    return score(nlu_model, [Example(text, intent) for text, intent in CONTRACT.items()])


def test_every_contract_phrase_reaches_its_intent(parsed: HoldoutReport) -> None:
    wrong = {p.text: p.predicted for p in parsed.predictions if not p.correct}
    assert wrong == {}
