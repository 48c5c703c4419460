"""What every spoken channel shares: names said as words ("Cat/Cow" is "cat cow", not "cat slash cow")."""

from __future__ import annotations

import re

_SLASH_BETWEEN_WORDS = re.compile(r"(?<=\w)/(?=\w)")


def spoken(text: str) -> str:
    """Text as a voice should read it: a slash between two words is a space."""
    return _SLASH_BETWEEN_WORDS.sub(" ", text)
