"""A message too long to act on is still read for safety: triaged in full, in windows, before "too long".

The guard answers a message over its limit without passing it to Rasa (nobody asks for a stretch in
a thousand characters), but a long message is often a story with the symptom in the middle: "... and
since Tuesday I haven't been able to pee ...". Triage reads at most ``triage.assess.MAX_CHARS`` at a
time, so the text is read in overlapping windows cut at spaces, and the most urgent window decides.
"""

from __future__ import annotations

from pacing import Reply, safety_replies
from stretch_content import Content
from triage import Assessment, Level, assess
from triage.assess import MAX_CHARS

MAX_TRIAGED_CHARS = 10_000
"""How much of a message is read: about 1,700 words, several times the longest message a person is
likely to send (the real ones seen over the 1,000-character limit were letters of 1,000-3,000), in six
windows. It bounds what one message costs the server before "too long": measured on the 2-core machine
at load 11, 0.13 s for a 10,000-character story and 0.28 s for a costly text (a symptom in every
sentence); the rest of a longer message is not read, and the person still gets "too long"."""
OVERLAP = 300
"""Characters each window shares with the one before, so a mention cut by a window's edge is read whole."""

_RANK = {Level.NONE: 0, Level.PAIN: 1, Level.ASK: 2, Level.EMERGENCY: 3}


def windows(text: str, size: int = MAX_CHARS, overlap: int = OVERLAP) -> list[str]:
    """The text in windows of at most ``size`` characters, each starting ``overlap`` back, cut at spaces."""
    if size <= overlap:
        raise ValueError("a window must be longer than its overlap")
    pieces: list[str] = []
    start = 0
    while True:
        end = min(len(text), start + size)
        if end < len(text):
            space = text.rfind(" ", start + overlap + 1, end)
            end = space if space > start else end
        pieces.append(text[start:end])
        if end >= len(text):
            return pieces
        cut = text.find(" ", end - overlap, end)
        start = cut + 1 if cut >= 0 else end - overlap


def assess_in_full(text: str) -> Assessment:
    """The triage of the whole message (up to ``MAX_TRIAGED_CHARS``): the most urgent window's decision.

    The flags of every window at that level are kept; an emergency is someone else's only if no window
    at that level is the writer's own.
    """
    results = [assess(piece) for piece in windows(text[:MAX_TRIAGED_CHARS])]
    top = max(_RANK[r.level] for r in results)
    winners = [r for r in results if _RANK[r.level] == top]
    flags = tuple(dict.fromkeys(flag for r in winners for flag in r.flags))
    return Assessment(
        winners[0].level,
        flags,
        "; ".join(dict.fromkeys(r.reason for r in winners)),
        about_other=all(r.about_other for r in winners),
    )


def reply_to_long(content: Content, text: str, limit: int) -> Reply:
    """An emergency anywhere in the message gets the emergency reply; otherwise "too long", and what it raised."""
    found = assess_in_full(text)
    if found.level is Level.EMERGENCY:
        return safety_replies.emergency_for(content, found.flags, about_other=found.about_other)
    return safety_replies.long_message(
        content, limit, possible_red_flag=found.level is Level.ASK, pain_now=found.level is Level.PAIN
    )
