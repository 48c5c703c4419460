"""The command a message ends with, after chatter: "Anyhow. Next.", "ok prob not lol. next".

People tell a story or answer a question and then say where they want to go, in the last words of
the same message. The NLU reads the whole message (mostly chatter) and misses the command; this reads
only the end. Triage reads the whole message first, so "it hurts. next" is still a pain stop.
"""

from __future__ import annotations

import re
from typing import Literal

Command = Literal["next", "back", "repeat"]

_WORDS: dict[str, Command] = {
    "next": "next",
    "next step": "next",
    "next one": "next",
    "next please": "next",
    "ok next": "next",
    "okay next": "next",
    "siguiente": "next",
    "go back": "back",
    "previous": "back",
    "repeat": "repeat",
    "repeat that": "repeat",
    "again": "repeat",
}
_FILLER = re.compile(r"\b(please|pls|plz|thx|thanks|lol|haha|ha|now|then|sorry|ok|okay|k)\b")
_APOLOGY = re.compile(r"^(sorry|sry|oops|typo|autocorrect|my bad)\b.*$")
_CLAUSES = re.compile(r"[.!?,;:\n]+")


def _near_next(word: str) -> bool:
    """One letter off "next" ("nest", "mext", "nexy"): a typo, read as "next" only at a message's end."""
    if len(word) != 4 or word == "next":
        return False
    return sum(a != b for a, b in zip(word, "next", strict=True)) == 1 and word[0] in "nmb"


def _read(clause: str) -> Command | None:
    words = " ".join(clause.split())
    if words in _WORDS:
        return _WORDS[words]
    bare = " ".join(_FILLER.sub(" ", words).split())
    if bare in _WORDS:
        return _WORDS[bare]
    return "next" if _near_next(bare) else None


def trailing_command(text: str) -> Command | None:
    """The navigation word a message ends with (its last clause), or None.

    "next sorry autocorrect" counts too: the command, then an apology for the one before.
    A bare message is left to the NLU; this is for the end of a longer one.
    """
    clauses = [c.strip() for c in _CLAUSES.split(text.lower()) if c.strip()]
    while len(clauses) > 1 and _APOLOGY.match(clauses[-1]):  # "next, sorry, typo"
        clauses.pop()
    if not clauses:
        return None
    last = clauses[-1]
    found = _read(last)
    if found is None:
        first, _, rest = last.partition(" ")
        if rest and _APOLOGY.match(rest):
            found = _read(first)
    return found
