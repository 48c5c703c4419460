"""Recognises a stretch from the words people use: "cat-cow", "catcow", "the one on all fours"."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from stretch_content.model import Stretch

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lowercase words separated by single spaces; punctuation and hyphens count as spaces."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def surface_forms(stretch: Stretch) -> list[str]:
    """Every way of writing the stretch's names that should match, longest first."""
    forms = {normalise(name) for name in (stretch.name, stretch.id, *stretch.synonyms)}
    forms |= {form.replace(" ", "") for form in forms}
    return sorted((f for f in forms if f), key=len, reverse=True)


class StretchNames:
    """Maps free text to a stretch; exact phrases first, then close spellings."""

    def __init__(self, stretches: Iterable[Stretch]) -> None:
        self._by_form: dict[str, Stretch] = {}
        self._alone: dict[str, Stretch] = {}
        for stretch in stretches:
            for form in surface_forms(stretch):
                self._by_form.setdefault(form, stretch)
            for word in stretch.said_alone:
                self._alone[normalise(word)] = stretch
        self._forms = sorted(self._by_form, key=len, reverse=True)

    def find(self, text: str) -> Stretch | None:
        """The stretch named in ``text``, or None when no name is recognisable."""
        words = normalise(text)
        if not words:
            return None
        if words in self._alone:
            return self._alone[words]
        padded = f" {words} "
        squashed = words.replace(" ", "")
        for form in self._forms:
            if f" {form} " in padded or (len(form) > 5 and form == squashed):
                return self._by_form[form]
        close = difflib.get_close_matches(words, self._forms, n=1, cutoff=0.8)
        if close:
            return self._by_form[close[0]]
        tokens = words.split()
        for size in (3, 2, 1):  # a misspelt name inside a longer message: "guide me through cat cwo"
            for start in range(len(tokens) - size + 1):
                chunk = " ".join(tokens[start : start + size])
                close = difflib.get_close_matches(chunk, self._forms, n=1, cutoff=0.85) if len(chunk) > 3 else []
                if close and _same_initials(chunk, close[0]):
                    return self._by_form[close[0]]
        return None


def _same_initials(chunk: str, form: str) -> bool:
    """A misspelling keeps each word's first letter ("cat cwo", "forwrd fold"); "the old" is not "the fold"."""
    said, named = chunk.split(), form.split()
    return len(said) == len(named) and all(a[0] == b[0] for a, b in zip(said, named, strict=True))
