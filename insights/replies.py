"""Which kind of emergency advice, and which kind of fallback, a bot message was.

The events keep what the person was told (the reply's text), not why. Rather than copy the wordings,
this module asks the pacing core for every emergency and fallback reply it can give (the one source of
those sentences) and finds which one the message contains, so a reworded reply is still recognised.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations

from pacing.language import emergency_in_spanish
from pacing.safety_replies import (
    CALL_911_FLAGS,
    CRISIS_FLAGS,
    POISONING_FLAGS,
    EmergencyKind,
    FallbackKind,
    emergency_for,
    emergency_kinds,
    fallback,
)
from stretch_content import Content, load_content

SPANISH = "spanish"
OTHER = "other"
EMERGENCY_KINDS = {
    EmergencyKind.CALL_911.value: "chest, breathing, stroke, bleeding, allergy: 911 now",
    EmergencyKind.BACK.value: "back-pain red flag: 911 or the emergency room",
    EmergencyKind.CRISIS.value: "suicidal thoughts: 988 Lifeline",
    EmergencyKind.POISONING.value: "overdose or poisoning: Poison Help",
    SPANISH: "red flag written in Spanish",
    OTHER: "other emergency advice",
}
"""Kind → how the report names it."""
FALLBACK_KINDS = {
    FallbackKind.MEDICAL.value: "medical question",
    FallbackKind.MEDICATION.value: "medication",
    FallbackKind.OFF_TOPIC.value: "off-topic",
    FallbackKind.NOT_UNDERSTOOD.value: "not understood",
    OTHER: "another answer (suitability, when to see someone, finishing)",
}


@dataclass(frozen=True)
class Wordings:
    """The core's emergency replies (text → kinds) and fallback leads (paragraph → kind)."""

    emergencies: tuple[tuple[str, frozenset[str]], ...]
    """Longest first, so a reply that contains a shorter one is matched by the one it is."""
    fallbacks: tuple[tuple[str, str], ...]


def _representative_flags(content: Content) -> dict[EmergencyKind, str]:
    back = next(
        f.id for f in content.clinic.red_flag_list if f.id not in CRISIS_FLAGS | POISONING_FLAGS | CALL_911_FLAGS
    )
    return {
        EmergencyKind.CRISIS: min(CRISIS_FLAGS),
        EmergencyKind.POISONING: min(POISONING_FLAGS),
        EmergencyKind.CALL_911: min(CALL_911_FLAGS),
        EmergencyKind.BACK: back,
    }


def wordings(content: Content) -> Wordings:
    """Every emergency reply for every combination of kinds, for oneself and for someone else."""
    flags_of = _representative_flags(content)
    found: dict[str, frozenset[str]] = {}
    for size in range(1, len(flags_of) + 1):
        for kinds in combinations(flags_of, size):
            flags = tuple(flags_of[k] for k in kinds)
            for other in (False, True):
                reply = emergency_for(content, flags, about_other=other)
                found.setdefault(reply.text, frozenset(k.value for k in emergency_kinds(flags)))
    found.setdefault(emergency_in_spanish(content.clinic).text, frozenset({SPANISH}))
    emergencies = tuple(sorted(found.items(), key=lambda item: -len(item[0])))
    fallbacks = tuple((fallback(content, kind, None).paragraphs[0], kind.value) for kind in FallbackKind)
    return Wordings(emergencies, fallbacks)


@cache
def default_wordings() -> Wordings:
    return wordings(load_content())


def emergency_kinds_of(text: str, known: Wordings) -> frozenset[str]:
    """The kinds of emergency advice ``text`` (a bot message) gave; ``{"other"}`` if it is none the core gives."""
    for wording, kinds in known.emergencies:
        if wording in text:
            return kinds
    return frozenset({OTHER})


def fallback_kind_of(text: str, known: Wordings) -> str:
    """Which fallback sentence ``text`` (a bot message) said, or "other" (the fallback answered otherwise)."""
    for lead, kind in known.fallbacks:
        if lead in text:
            return kind
    return OTHER
