"""What the assistant says when safety or scope comes first: emergencies, the red-flag question, pain,
the fallbacks, and messages in another language.

Each reply is short and leaves a way forward; every fallback still points to a medical professional
with the clinic's number, as the clinic asked of it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from enum import StrEnum

from pacing.replies import BOOK, phone_speech, phone_text, stretch_choices, too_long, way_forward
from pacing.reply import Act, Choice, OtherLanguage, PhoneNumber, Reply, Speech, Words, join
from pacing.routine import Moment
from stretch_content import Clinic, Content, EmergencyResource

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


class EmergencyKind(StrEnum):
    """What the emergency is, which decides whom the reply sends the person to."""

    CRISIS = "crisis"
    """Suicidal thoughts or intent: the crisis lifeline, call or text, and 911 in danger now."""
    POISONING = "poisoning"
    """An overdose or a poisoning: Poison Help, and 911 when breathing or waking is in question."""
    CALL_911 = "call_911"
    """Chest pain, trouble breathing, a stroke, heavy bleeding, a severe allergic reaction: 911 now, nothing else."""
    BACK = "back"
    """A back-pain red flag (and any flag not named here): 911 or the nearest emergency room, as before."""


CRISIS_FLAGS = frozenset({"suicidal"})
POISONING_FLAGS = frozenset({"overdose"})
CALL_911_FLAGS = frozenset({"chest", "breathing", "stroke", "bleeding", "allergic", "diabetic", "abuse"})
_KINDS = ((EmergencyKind.CRISIS, CRISIS_FLAGS), (EmergencyKind.POISONING, POISONING_FLAGS))


def emergency_kinds(flags: tuple[str, ...]) -> frozenset[EmergencyKind]:
    """Every kind the red flags of one message name; a flag of no other kind is a back-pain one."""
    kinds = {kind for kind, ids in _KINDS if ids & set(flags)}
    if CALL_911_FLAGS & set(flags):
        kinds.add(EmergencyKind.CALL_911)
    if not kinds or set(flags) - CRISIS_FLAGS - POISONING_FLAGS - CALL_911_FLAGS:
        kinds.add(EmergencyKind.BACK)
    return frozenset(kinds)


Part = str | EmergencyResource
"""A piece of a sentence: words, or a resource whose number is shown as dialled and spoken digit by digit."""


def _name(resource: EmergencyResource) -> str:
    """The resource's name without its number ("Suicide & Crisis Lifeline"), said after the number."""
    return " ".join(resource.name.replace(resource.number, " ").split()) or resource.name


def _said(*parts: Part, reprompt: tuple[Part, ...] = ()) -> Reply:
    """Text with every number as people dial it; speech (and the reprompt) with every number as a voice reads it."""
    text = "".join(p if isinstance(p, str) else p.number for p in parts)
    speech: list[Speech] = []
    pending = ""
    for part in parts:
        if isinstance(part, str):
            pending += part
            continue
        if pending.strip():
            speech.append(Words(pending.strip()))
        speech.append(PhoneNumber(part.spoken))
        pending = ""
    if pending.strip():
        speech.append(Words(pending.strip()))
    again = "".join(p if isinstance(p, str) else p.spoken for p in reprompt) or None
    return Reply(text=text, speech=tuple(speech), reprompt=again)


def _how(resource: EmergencyResource) -> str:
    """ "Call or text", at the start of a sentence."""
    return resource.contact[:1].upper() + resource.contact[1:]


def _crisis(lifeline: EmergencyResource, call_911: EmergencyResource, *, other: bool, brief: bool) -> Reply:
    reach = (lifeline, f", the {_name(lifeline)}")
    if brief:
        return _said("You can also ", lifeline.contact, " ", *reach, ", any time, day or night.")
    danger = "they're" if other else "you're"
    again = (_how(lifeline), " ", lifeline, " any time, or call ", call_911, f" if {danger} in danger right now.")
    if other:
        return _said(
            "Thank you for looking out for them. ",
            _how(lifeline),
            " ",
            *reach,
            ", to get them help now, any time, day or night. Call ",
            call_911,
            " if they're in danger right now, and stay with them if you safely can.",
            reprompt=again,
        )
    return _said(
        "I'm so sorry you're going through this, and I'm glad you told me. You don't have to face it alone: ",
        lifeline.contact,
        " ",
        *reach,
        ", any time, day or night. Call ",
        call_911,
        " if you're in danger right now.",
        reprompt=again,
    )


def _poisoning(poison: EmergencyResource, call_911: EmergencyResource, *, other: bool, brief: bool) -> Reply:
    reach = (f"{_name(poison)} now at ", poison)
    if brief:
        return _said(_how(poison), " ", *reach, ". They can tell you what to do about what was taken.")
    signs = (
        "they're unconscious, can't be woken, have a seizure, or have trouble breathing"
        if other
        else "you have trouble breathing, feel you might pass out, or have a seizure"
    )
    lead = "" if other else "If you've taken too much of something or swallowed something harmful, "
    how = _how(poison) if other else poison.contact
    return _said(
        lead,
        how,
        " ",
        *reach,
        ". Call even if you're not sure: it's free and connects you to your local poison center. Call ",
        call_911,
        f" right away if {signs}.",
        reprompt=(_how(poison), " ", *reach, ", or call ", call_911, f" if {signs}."),
    )


def _call_911_now(call_911: EmergencyResource, *, other: bool) -> Reply:
    if other:
        return _said(
            "Call ",
            call_911,
            " for them now: this needs emergency care right away. Stay with them until help arrives.",
            reprompt=("Call ", call_911, " for them now."),
        )
    return _said(
        "Call ",
        call_911,
        " now: this needs emergency care right away. Don't wait to see if it passes, and don't continue stretching.",
        reprompt=("Call ", call_911, " now."),
    )


def _back_for_other(clinic: Clinic, call_911: EmergencyResource) -> Reply:
    said = _said(
        "These symptoms can be a sign of a serious problem. Call ",
        call_911,
        " for them now.",
        reprompt=("Call ", call_911, " for them now."),
    )
    follow = "Once they're safe, a specialist can follow up:"
    return replace(
        said,
        text=f"{said.text} {follow} {phone_text(clinic)}.",
        speech=(*said.speech, *phone_speech(clinic, follow)),
    )


def _specific(resource: EmergencyResource) -> Reply:
    """A resource with no wording of its own here: how to reach it, by name and number."""
    return _said(_how(resource), " ", _name(resource), " at ", resource, ".")


_WORDED = frozenset({"crisis_lifeline", "poison_help"})
"""The resources this module has its own sentences for; any other one a flag names is said by name and number."""


def emergency_for(content: Content, flags: tuple[str, ...], *, about_other: bool = False) -> Reply:
    """An emergency of any kind: the right number for it first, said to the person it is about.

    Suicidal thoughts get the crisis lifeline (call or text) and 911 if in danger; an overdose or a
    poisoning, Poison Help and 911 if breathing or waking is in question; chest pain, breathing, a stroke,
    heavy bleeding, 911 now; a back-pain red flag, the clinic's emergency advice as before. Someone
    else's emergency ("my son took my pills") is spoken of as theirs, and the writer is asked nothing
    about themselves. Several kinds at once put 911 first. Never a stretch.
    """
    kinds = emergency_kinds(flags)
    resources = content.resources_for(flags)
    call_911 = next(r for r in resources if r.serves_all)
    by_id = {r.id: r for r in resources}
    lifeline = by_id.get("crisis_lifeline") if EmergencyKind.CRISIS in kinds else None
    poison = by_id.get("poison_help") if EmergencyKind.POISONING in kinds else None
    urgent = EmergencyKind.CALL_911 in kinds or (lifeline is not None and poison is not None)
    parts: list[Reply] = []
    if urgent:
        parts.append(_call_911_now(call_911, other=about_other))
    if poison is not None:
        parts.append(_poisoning(poison, call_911, other=about_other, brief=urgent))
    if lifeline is not None:
        parts.append(_crisis(lifeline, call_911, other=about_other, brief=urgent or poison is not None))
    if (EmergencyKind.BACK in kinds and not urgent and poison is None) or not parts:
        if about_other:
            parts.append(_back_for_other(content.clinic, call_911))
        else:
            parts.append(emergency(content.clinic) if lifeline is None else Reply.plain(content.clinic.emergency))
    parts += [_specific(r) for r in resources if r.id not in _WORDED and not r.serves_all]
    return replace(join(*parts), reprompt=parts[0].reprompt)


def after_emergency(clinic: Clinic) -> Reply:
    """Anything but a stretch request right after emergency advice: the advice stands; nothing offered."""
    text = f"Please get help now. {clinic.emergency}"
    return Reply.plain(text, reprompt=clinic.emergency)


def possible_red_flag_for_other(clinic: Clinic, call_911: EmergencyResource) -> Reply:
    """A possible red flag of someone the writer is with ("my dad had prostate cancer and now his back
    hurts"): what to watch for and whom to call, about them; the writer is asked nothing about themselves."""
    text = (
        f"That's worth getting checked for them. If they have any of these now: {clinic.red_flags}, "
        f"they need emergency care: call {call_911.number} or go to the nearest emergency room. "
        f"Otherwise, their doctor or a specialist can look at it: {phone_text(clinic)}."
    )
    return Reply.plain(text, reprompt=text)


def red_flag_question(clinic: Clinic) -> Reply:
    """A possible red flag, or a stretch asked for after emergency advice: one yes/no question."""
    text = f"{clinic.red_flag_question} Please answer yes or no."
    return Reply.plain(text, choices=YES_NO, reprompt=text)


def all_clear(content: Content, moment: Moment | None) -> Reply:
    """ "No" to the red-flag question: thanks, and back where they were."""
    return join(Reply.plain("Thanks for letting me know."), way_forward(content, moment))


def pain(content: Content, moment: Moment | None) -> Reply:
    """Pain now: stop, and see a professional; no stretch offered in the same breath.

    Outside a routine ("my back is killing me") there is nothing to stop: the reply says not to stretch
    through pain, when to get emergency care (the red flags in plain words), the clinic's number, and
    offers the stretches only for someone who wants one.
    """
    clinic = content.clinic
    if moment is None:
        return _pain_outside_routine(content)
    lead = f"Let's stop the {moment.stretch.name} right there: don't continue a stretch that hurts."
    tail = "A medical professional can check what's going on:"
    text = f"{lead} {tail} {phone_text(clinic)}."
    reprompt = "If you'd like, ask me how to book an appointment."
    return Reply(text=text, speech=phone_speech(clinic, f"{lead} {tail}"), choices=(BOOK,), reprompt=reprompt)


def _pain_outside_routine(content: Content) -> Reply:
    """ "My back is killing me" with no routine running: about the pain, never "didn't understand"."""
    clinic = content.clinic
    lead = "Sorry your back is hurting. If you're stretching, stop: don't continue a stretch that hurts."
    tail = "A back pain specialist can check what's going on:"
    care = f"Only if you also have {clinic.red_flags}, get emergency care right away."
    offer = "If you'd like, I can guide you through one of the clinic's gentle stretches."
    return Reply(
        text=f"{lead} {tail} {phone_text(clinic)}. {care} {offer}",
        speech=(Words(lead), *phone_speech(clinic, tail), Words(care), Words(offer)),
        choices=(BOOK, *stretch_choices(content)),
        reprompt="You can ask how to book an appointment, or pick a stretch if you'd like one.",
    )


def long_message(content: Content, limit: int, *, possible_red_flag: bool, pain_now: bool) -> Reply:
    """A message too long to act on, triaged in full and no emergency in it: "too long", and what it raised.

    The conversation does not change, so nothing here asks a question that waits for an answer.
    """
    parts = [too_long(limit)]
    if possible_red_flag:
        parts.append(
            Reply.plain(
                f"If you're having any of these now, get emergency care right away: {content.clinic.red_flags}."
            )
        )
    elif pain_now:
        parts.append(Reply.plain("If something hurts, stop: don't continue a stretch that hurts."))
    reply = join(*parts)
    return replace(reply, reprompt=parts[0].reprompt)


def english_only(clinic: Clinic, call_911: EmergencyResource | None = None) -> Reply:
    """A message in another language: English only and the clinic's number, in English and Spanish.

    With ``call_911`` (a language the coach cannot read at all: Somali, Hmong, ...; Spanish red flags it
    does read), the number to call in an emergency too, since the message may be one: a conditional
    line, not an alarm.
    """
    emergency = f" If this is an emergency, call {call_911.number} now." if call_911 else ""
    emergencia = f" Si es una emergencia, llame al {call_911.number} ahora." if call_911 else ""
    english = f"Sorry, I can only chat in English.{emergency} To talk to someone at {clinic.name}, call {clinic.phone}."
    spanish = (
        f"Lo siento, solo puedo conversar en inglés.{emergencia} Para hablar con alguien de {clinic.name}, "
        f"llame al {clinic.phone}."
    )
    said = english.replace(call_911.number, call_911.spoken) if call_911 else english
    speech = (Words(said), OtherLanguage("es-US", spanish))
    return Reply(
        text=f"{english}\n\n{spanish}", speech=speech, reprompt="You can ask me in English.", blocks=(english, spanish)
    )


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
