"""The message as triage reads it: lower case without apostrophes, cut into sentences and clauses.

Cue scopes follow ConText: a cue reaches to the end of its clause, and clauses end at commas and
at words that turn the sentence ("but", "and", "although" ...). Phrases such as "pins and needles"
or "on and off" are one unit, so their "and" ends nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_APOSTROPHES = re.compile(r"['’‘`´]")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n+")
_CLAUSE_END = re.compile(
    r",|:|\s[-–—]+\s|\b(but|and|although|though|however|yet|so|because|except|whereas|plus|lol|haha|also)\b"
)
_UNITS = re.compile(
    r"pins and needles|now and (then|again)|on and off|off and on|back and forth|up and down|in and out|"
    r"hands and kn\w+|sweats and chills|chills and sweats|comes and goes|come and go|arms and legs|legs and feet|"
    r"hips and legs|more and more|worse and worse|weaker and weaker|bladder and bowels?|bowels? and bladder|"
    r"bowel and bladder|both \w+ and \w+"
)


def normalise(text: str) -> str:
    """Lower case, no apostrophes ("can't" and "cant" read the same), single spaces."""
    return _SPACES.sub(" ", _APOSTROPHES.sub("", text.lower())).strip()


@dataclass(frozen=True)
class Segments:
    """Where sentences and clauses of a normalised message begin and end."""

    text: str
    sentence_ends: tuple[tuple[int, int], ...]
    clause_ends: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str) -> Segments:
        """Cut a normalised message (see :func:`normalise`)."""
        units = [m.span() for m in _UNITS.finditer(text)]

        def inside_unit(pos: int) -> bool:
            return any(start < pos < end for start, end in units)

        sentences = [m.span() for m in _SENTENCE_END.finditer(text)]
        clauses = [m.span() for m in _CLAUSE_END.finditer(text) if not inside_unit(m.start())]
        return cls(text, tuple(sentences), tuple(sorted(set(clauses + sentences))))

    @staticmethod
    def _around(ends: tuple[tuple[int, int], ...], start: int, end: int, length: int) -> tuple[int, int]:
        before = max((e for s, e in ends if e <= start), default=0)
        after = min((s for s, e in ends if s >= end), default=length)
        return before, after

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around text[start:end] (boundaries inside the span are ignored)."""
        return self._around(self.sentence_ends, start, end, len(self.text))

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around text[start:end] (boundaries inside the span are ignored)."""
        return self._around(self.clause_ends, start, end, len(self.text))
