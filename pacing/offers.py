"""Taking up a stretch just offered: "lets do the knee one", "lets do the knee twsit", "ok lets do that one then".

After "Would you like to try the Lying Knee Twist?" people name it as they remember it, with a typo or
half the name, or point at it. Such a request means the stretch offered, not "which one would you like?"
again; a request naming another stretch, or none at all, does not.
"""

from __future__ import annotations

import re

from stretch_content import Stretch

_POINTING = re.compile(r"\b(that|this|it|that one|this one|the one you said|same one|your one)\b")
_NOT_NAMES = frozenset(
    {"the", "a", "one", "stretch", "pose", "down", "on", "to", "and", "all", "lying", "your", "my", "with", "for", "of"}
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower().replace("\u2019", "'"))


def _close(word: str, name: str) -> bool:
    """The same word, or one slip away (a letter missing, extra, changed, or two swapped): "twsit", "kne"."""
    if word == name:
        return True
    if min(len(word), len(name)) < 4 or abs(len(word) - len(name)) > 1:
        return False
    if len(word) == len(name):
        diff = [i for i, (a, b) in enumerate(zip(word, name, strict=True)) if a != b]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == name[diff[1]]
        return len(diff) == 1 or (swapped and word[diff[1]] == name[diff[0]])
    short, long = sorted((word, name), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def name_words(stretch: Stretch) -> frozenset[str]:
    """The words of the stretch's name and synonyms that name it ("knee", "twist", "supine", "fold", "cat")."""
    found = {w for phrase in (stretch.name, *stretch.synonyms) for w in _words(phrase)}
    return frozenset(w for w in found if w not in _NOT_NAMES and len(w) >= 3)


def means_offered(stretch: Stretch, text: str, others: tuple[Stretch, ...] = ()) -> bool:
    """Whether a request outside a routine ("lets do the knee one") means ``stretch``, the one just offered:
    it points at it ("that one"), or shares a word of its name (a slip allowed) and none of another's."""
    words = _words(text)
    mine = name_words(stretch)
    theirs = {w for other in others if other.id != stretch.id for w in name_words(other)} - mine
    if any(_close(w, n) for w in words for n in theirs):
        return False
    if any(_close(w, n) for w in words for n in mine):
        return True
    return bool(_POINTING.search(" ".join(words)))


_TAKES_IT = re.compile(
    r"^\W*(ok(ay)?|sure|yes|yeah|yep|alright|fine)?\W*(then )?(lets|let'?s|we can|i'?ll|ill) (do|try) (it|that|this)\b"
    r"(?! (later|tomorrow|tmrw|another))"
)


def takes_it(text: str) -> bool:
    """ "ok lets do it. oh and i took 2 aleve...": the message opens by taking up what was just offered, whatever
    it goes on to ask (the NLU read the rest)."""
    return bool(_TAKES_IT.search(text.lower().replace("\u2019", "'")))
