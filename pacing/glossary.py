"""'What does exhale mean?': the plain meaning of a word from the guide's own steps (content glossary).

Live testers asked what "exhale", "gaze" and "hinge at your hips" mean and were told it was outside what
the coach can help with, though the words were its own. The meaning comes from the content; the place in a
routine is kept.
"""

from __future__ import annotations

import re

from pacing.replies import keep_place, way_forward
from pacing.reply import Reply, join
from pacing.routine import Moment
from stretch_content import Content, GlossaryEntry

_ASKS_MEANING = re.compile(
    r"\b(what|wat|whats)\b[^.?!]{0,30}\b(mean|means|meaning)\b|\bmeans?\b[^.?!]{0,30}\?|"
    r"\b(what|whats|what is|wat is)( a| an| the)? \w+( \w+)?( \w+)?\s*\?*$|\bmean(s|ing)?\s*\?|"
    r"\b(explain|define|dont know what|don't know what|not sure what)\b",
    re.IGNORECASE,
)


def asked(content: Content, text: str) -> GlossaryEntry | None:
    """The glossary entry whose word the message asks the meaning of ("gaze means look up?"), or None."""
    plain = " ".join(re.sub(r"[^a-z' ?]+", " ", text.lower()).split())
    if not _ASKS_MEANING.search(plain):
        return None
    for entry in content.glossary:
        if any(re.search(rf"\b{re.escape(word)}\b", plain) for word in entry.words):
            return entry
    return None


def meaning(content: Content, entry: GlossaryEntry, moment: Moment | None) -> Reply:
    """The meaning, then the place in the routine (or what the coach offers)."""
    return join(Reply.plain(entry.meaning), keep_place(moment) if moment is not None else way_forward(content, None))
