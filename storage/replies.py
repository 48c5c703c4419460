"""What a person is told when their place cannot be saved or read (the store failed)."""

from __future__ import annotations

from pacing.reply import PhoneNumber, Reply, Words
from stretch_content import Clinic


def cannot_save(clinic: Clinic) -> Reply:
    """The store failed: say so plainly, never pretend the place was kept, and give the clinic's number."""
    text = (
        "Sorry, I can't save your place right now, so I can't guide you through the stretch safely. "
        f"Please try again later. If you need help now, call {clinic.name} at {clinic.phone}."
    )
    lead = "Sorry, I cannot save your place right now. Please try again later. If you need help now, call"
    speech = (Words(f"{lead} {clinic.name} at"), PhoneNumber(clinic.phone))
    return Reply(text=text, speech=speech, reprompt="Please try again later.")
