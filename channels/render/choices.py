"""Choices as Rasa sees them: each core ``Act`` is an intent, sent as ``/intent`` so no NLU guess is needed."""

from __future__ import annotations

import json
from typing import Any

from pacing import Act, Choice

INTENTS: dict[Act, str] = {
    Act.NEXT: "next_step",
    Act.REPEAT: "repeat_step",
    Act.BACK: "previous_step",
    Act.STOP: "stop_routine",
    Act.FINISH: "stop_routine",  # stopping once the required rounds are done finishes the routine
    Act.RESUME: "resume_routine",
    Act.STRETCH: "request_stretch",
    Act.BOOK: "book_appointment",
    Act.YES: "affirm",
    Act.NO: "deny",
    Act.SKIP_CHECKIN: "skip_checkin",
}
STRETCH_ENTITY = "stretch"


def payload(choice: Choice) -> str:
    """``/next_step``, ``/request_stretch{"stretch": "cat_cow"}``: what a quick reply sends."""
    if choice.act is Act.SCORE:  # the check-in's number, sent as the person would type it (pacing/checkin.py)
        return choice.label
    intent = f"/{INTENTS[choice.act]}"
    if choice.act is Act.STRETCH and choice.stretch:
        return intent + json.dumps({STRETCH_ENTITY: choice.stretch})
    return intent


def buttons(choices: tuple[Choice, ...]) -> list[dict[str, Any]]:
    """Rasa's ``buttons``: a title and a payload each."""
    return [{"title": c.label, "payload": payload(c)} for c in choices]
