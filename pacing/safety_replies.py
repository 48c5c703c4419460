"""What the assistant says when safety or scope comes first: emergencies, the red-flag question, pain,
the fallbacks, and messages in another language.

Each reply is short and leaves a way forward; every fallback still points to a medical professional
with the clinic's number, as the clinic asked of it.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pacing.replies import BOOK, phone_speech, phone_text, way_forward
from pacing.reply import Act, Choice, OtherLanguage, Reply, Words, join
from pacing.routine import Moment
from stretch_content import Clinic, Content

YES_NO = (Choice(Act.YES, "Yes"), Choice(Act.NO, "No"))


class FallbackKind(StrEnum):
    """Why the assistant can't help, which decides the one sentence it says about it."""

    MEDICAL = "medical"
    MEDICATION = "medication"
    OFF_TOPIC = "off_topic"
    NOT_UNDERSTOOD = "not_understood"


_MEDICAL = frozenset({FallbackKind.MEDICAL, FallbackKind.MEDICATION})


def fallback(content: Content, kind: FallbackKind, moment: Moment | None) -> Reply:
    """One or two sentences that fit the question, the clinic's number, then the way forward."""
    clinic = content.clinic
    lead = {
        FallbackKind.MEDICAL: "I'm a stretch coach, so I can't diagnose or advise on treatment.",
        FallbackKind.MEDICATION: "I can't advise on medication.",
        FallbackKind.OFF_TOPIC: "Sorry, that's outside what I can help with: I'm the clinic's stretch coach.",
        FallbackKind.NOT_UNDERSTOOD: "Sorry, I didn't understand that.",
    }[kind]
    pointer = "A medical professional can help with that" if kind in _MEDICAL else "For questions about your back"
    text = f"{lead} {pointer}: {phone_text(clinic)}."
    return join(Reply(text=text, speech=phone_speech(clinic, f"{lead} {pointer}:")), way_forward(content, moment))


def body_question(content: Content, moment: Moment | None) -> Reply:
    """ "Is it ok if my knee clicks?": no assessment from a chat, the rule that always holds, and who can."""
    clinic = content.clinic
    lead = f"I can't assess that from here. {clinic.stop_if_it_hurts} A specialist can check your form:"
    text = f"{lead} {phone_text(clinic)}."
    return join(Reply(text=text, speech=phone_speech(clinic, lead)), way_forward(content, moment))


def emergency(clinic: Clinic) -> Reply:
    """A current red flag: emergency care before anything else, and no stretch offered."""
    text = f"{clinic.emergency} Once you're safe, a specialist can follow up: {phone_text(clinic)}."
    speech = (Words(clinic.emergency), *phone_speech(clinic, "Once you are safe, a specialist can follow up:"))
    return Reply(text=text, speech=speech, reprompt=clinic.emergency)


def after_emergency(clinic: Clinic) -> Reply:
    """Anything but a stretch request right after emergency advice: the advice stands; nothing offered."""
    text = f"Please get help now. {clinic.emergency}"
    return Reply.plain(text, reprompt=clinic.emergency)


def red_flag_question(clinic: Clinic) -> Reply:
    """A possible red flag, or a stretch asked for after emergency advice: one yes/no question."""
    text = f"{clinic.red_flag_question} Please answer yes or no."
    return Reply.plain(text, choices=YES_NO, reprompt=text)


def all_clear(content: Content, moment: Moment | None) -> Reply:
    """ "No" to the red-flag question: thanks, and back where they were."""
    return join(Reply.plain("Thanks for letting me know."), way_forward(content, moment))


def pain(content: Content, moment: Moment | None) -> Reply:
    """Pain now: stop, and see a professional; no stretch offered in the same breath."""
    clinic = content.clinic
    lead = "Please stop stretching now: don't continue a stretch that hurts."
    if moment is not None:
        lead = f"Let's stop the {moment.stretch.name} right there: don't continue a stretch that hurts."
    tail = "A medical professional can check what's going on:"
    text = f"{lead} {tail} {phone_text(clinic)}."
    reprompt = "If you'd like, ask me how to book an appointment."
    return Reply(text=text, speech=phone_speech(clinic, f"{lead} {tail}"), choices=(BOOK,), reprompt=reprompt)


def english_only(clinic: Clinic) -> Reply:
    """A message in another language: English only, and the number, in English and Spanish."""
    english = f"Sorry, I can only chat in English. To talk to someone at {clinic.name}, call {clinic.phone}."
    spanish = (
        f"Lo siento, solo puedo conversar en inglés. Para hablar con alguien de {clinic.name}, llame al {clinic.phone}."
    )
    speech = (Words(english), OtherLanguage("es-US", spanish))
    return Reply(text=f"{english}\n\n{spanish}", speech=speech, reprompt="You can ask me in English.")


_MEDICATION_WORDS = re.compile(
    r"\b(medications?|medicines?|meds|pills?|prescri\w*|dosage|ibuprofen|advil|motrin|tylenol|aleve|naproxen|"
    r"acetaminophen|aspirin|oxy\w*|percocet|vicodin|opioids?|painkillers?|pain killers?|muscle relaxers?|"
    r"gabapentin|tramadol|steroids?|cortisone|cbd)\b",
    re.IGNORECASE,
)
_KIND_BY_INTENT = {
    "ask_medical_advice": FallbackKind.MEDICAL,
    "ask_medication": FallbackKind.MEDICATION,
    "out_of_scope": FallbackKind.OFF_TOPIC,
}


def fallback_kind(intent: str, text: str) -> FallbackKind:
    """Medication is named only when the person asked about it; otherwise the intent decides."""
    if _MEDICATION_WORDS.search(text):
        return FallbackKind.MEDICATION
    return _KIND_BY_INTENT.get(intent, FallbackKind.NOT_UNDERSTOOD)
