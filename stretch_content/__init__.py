"""The clinic's stretches and contact details: the one place every pose fact and the phone number live.

Everything else (actions, web and voice renderings, NLU patterns, the Alexa interaction model,
tests) reads from here; nothing repeats a pose fact by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from stretch_content.loader import CONTENT_FILE, ContentError, parse_content, read_content
from stretch_content.model import Clinic, RedFlag, Repetitions, Step, StepKind, Stretch, Urgency, lay_list
from stretch_content.names import StretchNames, normalise, surface_forms

__all__ = [
    "Clinic",
    "Content",
    "ContentError",
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
    "surface_forms",
]


@dataclass(frozen=True)
class Content:
    """The validated content: the clinic and its stretches in the article's order."""

    clinic: Clinic
    illustrations: Mapping[str, str]
    stretches: tuple[Stretch, ...]
    _names: StretchNames = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names", StretchNames(self.stretches))

    def stretch(self, stretch_id: str) -> Stretch:
        """The stretch with this id; KeyError for an unknown id."""
        for stretch in self.stretches:
            if stretch.id == stretch_id:
                return stretch
        raise KeyError(stretch_id)

    def find_stretch(self, text: str) -> Stretch | None:
        """The stretch that ``text`` names ("catcow", "supine twist"), or None."""
        return self._names.find(text)


@lru_cache(maxsize=4)
def load_content(path: Path = CONTENT_FILE) -> Content:
    """Load and validate once per process; raises ContentError on broken content."""
    clinic, illustrations, stretches = read_content(path)
    return Content(clinic=clinic, illustrations=illustrations, stretches=stretches)
