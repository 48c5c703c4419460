"""The clinic's stretches and contact details: the one place every pose fact and the phone number live.

Everything else (actions, web and voice renderings, NLU patterns, the Alexa interaction model,
tests) reads from here; nothing repeats a pose fact by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from stretch_content.loader import CONTENT_FILE, ContentError, parse_content, parse_emergency_resources, read_raw
from stretch_content.model import (
    Clinic,
    EmergencyResource,
    RedFlag,
    Repetitions,
    Step,
    StepKind,
    Stretch,
    Urgency,
    lay_list,
)
from stretch_content.names import StretchNames, normalise, surface_forms

__all__ = [
    "Clinic",
    "Content",
    "ContentError",
    "EmergencyResource",
    "GlossaryEntry",
    "RedFlag",
    "Repetitions",
    "Step",
    "StepKind",
    "Stretch",
    "Urgency",
    "lay_list",
    "load_content",
    "normalise",
    "parse_content",
    "parse_emergency_resources",
    "parse_glossary",
    "surface_forms",
]


@dataclass(frozen=True)
class GlossaryEntry:
    """A word of the guide's steps and its plain meaning; ``words`` are the ways a person writes it."""

    words: tuple[str, ...]
    meaning: str


def parse_glossary(raw: Any, stretches: tuple[Stretch, ...]) -> tuple[GlossaryEntry, ...]:
    """The glossary, checked: each entry's first word appears in some step of the guide (it explains
    the guide's own words, never adds advice of its own)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ContentError("glossary: must be a list")
    steps = " ".join((step.text or "").lower() for stretch in stretches for step in stretch.steps)
    entries = []
    for i, item in enumerate(raw):
        words, meaning = (item or {}).get("words"), (item or {}).get("meaning")
        if not (isinstance(words, list) and words and all(isinstance(w, str) and w for w in words)):
            raise ContentError(f"glossary[{i}]: 'words' must be a non-empty list of words")
        if not isinstance(meaning, str) or not meaning.strip():
            raise ContentError(f"glossary[{i}]: 'meaning' must be a sentence")
        if words[0].lower() not in steps:
            raise ContentError(f"glossary[{i}]: {words[0]!r} is in no step of the guide")
        entries.append(GlossaryEntry(tuple(w.lower() for w in words), meaning.strip()))
    return tuple(entries)


@dataclass(frozen=True)
class Content:
    """The validated content: the clinic and its stretches in the article's order."""

    clinic: Clinic
    illustrations: Mapping[str, str]
    stretches: tuple[Stretch, ...]
    emergency_resources: tuple[EmergencyResource, ...] = ()
    """Who to call for each kind of emergency (911, 988, Poison Help), in the content's order."""
    glossary: tuple[GlossaryEntry, ...] = ()
    """Plain meanings of words the guide's steps use ("exhale", "gaze"), for "what does exhale mean?"."""
    _names: StretchNames = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names", StretchNames(self.stretches))

    def stretch(self, stretch_id: str) -> Stretch:
        """The stretch with this id; KeyError for an unknown id."""
        for stretch in self.stretches:
            if stretch.id == stretch_id:
                return stretch
        raise KeyError(stretch_id)

    def resource(self, resource_id: str) -> EmergencyResource:
        """The emergency resource with this id; KeyError for an unknown id."""
        for resource in self.emergency_resources:
            if resource.id == resource_id:
                return resource
        raise KeyError(resource_id)

    def resources_for(self, flag_ids: tuple[str, ...]) -> tuple[EmergencyResource, ...]:
        """The resources for these red flags, the specific ones first, then those for every emergency."""
        specific = [r for r in self.emergency_resources if not r.serves_all and any(r.is_for(f) for f in flag_ids)]
        return (*specific, *(r for r in self.emergency_resources if r.serves_all))

    @property
    def emergency_number(self) -> EmergencyResource:
        """The resource for every emergency (911): the number any reply can fall back on."""
        return next(r for r in self.emergency_resources if r.serves_all)

    def find_stretch(self, text: str) -> Stretch | None:
        """The stretch that ``text`` names ("catcow", "supine twist"), or None."""
        return self._names.find(text)


@lru_cache(maxsize=4)
def load_content(path: Path = CONTENT_FILE) -> Content:
    """Load and validate once per process; raises ContentError on broken content."""
    raw = read_raw(path)
    clinic, illustrations, stretches = parse_content(raw)
    resources = parse_emergency_resources(raw.get("emergency_resources"))
    glossary = parse_glossary(raw.get("glossary"), stretches)
    return Content(
        clinic=clinic,
        illustrations=illustrations,
        stretches=stretches,
        emergency_resources=resources,
        glossary=glossary,
    )
