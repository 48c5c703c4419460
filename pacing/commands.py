"""The command a message ends with, after chatter: "Anyhow. Next.", "ok prob not lol. next".

People tell a story or answer a question and then say where they want to go, in the last words of
the same message. The NLU reads the whole message (mostly chatter) and misses the command; this reads
only the end. Triage reads the whole message first, so "it hurts. next" is still a pain stop.
"""

from __future__ import annotations

import re
from typing import Literal

Command = Literal["next", "back", "repeat", "pause", "progress", "book", "leave", "resume"]

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
    "brb": "pause",
    "be right back": "pause",
    "one sec": "pause",
    "one moment": "pause",
    "where was i": "progress",
    "where were we": "progress",
    "where am i": "progress",
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


_REQUESTS: tuple[tuple[re.Pattern[str], Command], ...] = (
    (
        re.compile(
            r"\b(make|book|get|schedule|set up|need|want)\b[^.?!]{0,25}\b(appointment|appt|visit|consultation)s?\b"
            r"|\bbook me\b|\b(get|fit|book) me in\b|\bsee (someone|somebody|a specialist) at the clinic\b",
            re.IGNORECASE,
        ),
        "book",
    ),
    (re.compile(r"\b(where (was|were) (i|we)|where am i|what step (was|am) i)\b", re.IGNORECASE), "progress"),
    (re.compile(r"\b(what'?s|what is|what comes) (after|next after) (this|that)\b", re.IGNORECASE), "progress"),
    (re.compile(r"\b(can|could|may) (we|i) (keep going|carry on|continue|go on)\b", re.IGNORECASE), "resume"),
    (re.compile(r"\b(brb|be right back|back in a (sec|minute|min|few))\b", re.IGNORECASE), "pause"),
    (
        re.compile(
            r"\b(i'?m done for (real|now|today)|i (think i )?(will |'ll )?stop (now|here)"
            r"|(gotta|got to|have to|need to) go\b|i'?ll just call (them|the clinic))",
            re.IGNORECASE,
        ),
        "leave",
    ),
)


def asked_in_passing(text: str) -> Command | None:
    """A request said among other things ("I'll wait and ask my surgeon. Can you book me in?"), or None.

    Read only when the NLU gave a catch-all answer (off-topic, suitability, a body question): a booking,
    a break, "where was I", "can we keep going" or leaving are answered as what they are.
    """
    for pattern, command in _REQUESTS:
        if pattern.search(text):
            return command
    return None
