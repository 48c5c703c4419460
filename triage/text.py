"""The message as triage reads it: lower case without apostrophes, cut into sentences and clauses.

Cue scopes follow ConText: a cue reaches to the end of its clause, and clauses end at commas and
at words that turn the sentence ("but", "and", "although" ...). Phrases such as "pins and needles"
or "on and off" are one unit, so their "and" ends nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_APOSTROPHES = re.compile(r"['’‘`´]")
_LIMB_IS = re.compile(r"\b(leg|foot|arm|hand|knee|hip|toe|thigh|ankle)['’]s\b")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n+")
_CLAUSE_END = re.compile(
    r",|:|\s[-–—]+\s|\b(but|and|although|though|however|yet|so|because|except|whereas|plus|lol|haha|also|its just|"
    r"actually|now that you (ask|mention it|say it)|come to think of it)\b"
)
_UNITS = re.compile(
    r"pins and needles|now and (then|again)|on and off|off and on|back and forth|up and down|in and out|"
    r"hands and kn\w+|sweats and chills|chills and sweats|comes and goes|come and go|arms and legs|legs and feet|"
    r"hips and legs|more and more|worse and worse|weaker and weaker|bladder and bowels?|bowels? and bladder|"
    r"bowel and bladder|both \w+ and \w+"
)


# Symptom words that are often misspelt, and real words one edit away that must stay as they are.
_KEY_WORDS = (
    "fever",
    "feverish",
    "bladder",
    "bowels",
    "numbness",
    "tingling",
    "incontinent",
    "incontinence",
    "cauda",
    "equina",
    "genitals",
    "urinate",
    "urinating",
    "temperature",
    "weakness",
    "paralysed",
    "paralyzed",
    "chest",
    "breathe",
    "breathing",
    "breath",
    "bleeding",
    "stroke",
    "allergic",
    "swelling",
    "overdose",
    "suicide",
    "suicidal",
    "unconscious",
)
_NOT_MISSPELT = frozenset(
    {
        "fewer",
        "fevers",
        "bowl",
        "bowls",
        "bowel",
        "numbers",
        "grown",
        "weakens",
        "ladder",
        "bladders",
        "chess",
        "cheat",
        "cheats",
        "chests",
        "crest",
        "breathes",
        "breaths",
        "breached",
        "bleeding",
        "breeding",
        "blending",
        "bleeping",
        "strokes",
        "stoke",
        "strike",
        "stroked",
        "stroker",
        "dwelling",
        "smelling",
        "spelling",
        "selling",
        "telling",
        "welling",
        "overdone",
        "overdue",
        "allergy",
        "allergen",
    }
)
_WORD = re.compile(r"[a-z]{4,}")
_DIALECT_WORDS = {
    # the double negative of speech: "i cant feel nothing down there" is "i cant feel anything"
    "cant feel nothing": "cant feel anything",
    "couldnt feel nothing": "couldnt feel anything",
    "dont feel nothing": "dont feel anything",
    "num": "numb",  # "its all num down there" (short words are not spell-checked)
    "caint": "cant",
    "cnat": "cant",
    "carnt": "cant",
    "cant'": "cant",
    "aint": "isnt",
    "leakin": "leaking",
    "peein": "peeing",
    "feelin": "feeling",
}
_DIALECT = re.compile(r"\b(" + "|".join(_DIALECT_WORDS) + r")\b")
# Dropped g's as people type and speech recognition writes them ("sittin on my chest", "chokin"):
# only these verbs, so words that end in "in" ("insulin", "aspirin", "again") stay as they are.
_G_DROPPED = re.compile(
    r"\b(sitt|stand|breath|chok|gasp|bleed|throbb|burn|ach|kill|hurt|squeez|shoot|pe|leak|feel|tingl|gush|spurt|"
    r"soak|throw|puk|com|go|gett|hav|do|say|try|walk|wak|mak|drool|cough|twitch|respond|answer|mov|talk|slurr|"
    r"droop|sweat|shak|pass|lett|wheez|whistl|bend|lift|hold|grabb|clutch|stabb|pinch|grabb|flutter|drag|slapp|"
    r"flopp|buckl|collaps|trembl|vomit|spinn|swell|numb|limp|trip|fall|slipp|crash|lugg|shovel|rak|runn|"
    r"stretch|twist|reach|sleep|lyin|lay|actin|act|bark|flar|screamin|scream|fix|think|hop|wish|plann)in\b"
)


def _one_edit(word: str, key: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped."""
    if abs(len(word) - len(key)) > 1 or word[0] != key[0]:
        return False
    if len(word) == len(key):
        diff = [i for i, (a, b) in enumerate(zip(word, key, strict=True)) if a != b]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == key[diff[1]]
            and word[diff[1]] == key[diff[0]]
        )
    short, long_ = sorted((word, key), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _spelled(match: re.Match[str]) -> str:
    word = match.group()
    if word in _NOT_MISSPELT or word in _KEY_WORDS:
        return word
    fixed = next((key for key in _KEY_WORDS if _one_edit(word, key)), None)
    return fixed or word


def normalise(text: str) -> str:
    """Lower case, no apostrophes ("can't" and "cant" read the same), single spaces, and symptom words
    one typo away spelt right ("fevr", "cauda equnia")."""
    lowered = _LIMB_IS.sub(r"\1 is", text.lower())  # "that leg's been weaker" is one leg, not "legs"
    lowered = _SPACES.sub(" ", _APOSTROPHES.sub("", lowered)).strip()
    lowered = _DIALECT.sub(lambda m: _DIALECT_WORDS[m.group()], lowered)
    lowered = _G_DROPPED.sub(lambda m: m.group(1) + "ing", lowered)
    return _WORD.sub(_spelled, lowered)


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
