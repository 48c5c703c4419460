"""A word-level safety net under the NLU: red-flag symptoms and pain are caught even when misclassified.

Deliberately narrow patterns: a false alarm sends someone to the clinic's advice, a miss could harm.
"""

from __future__ import annotations

import re

_RED_FLAGS = [
    r"\b(lost|losing|loss of|lose|no|can'?t|cannot|can not) (control (of |over )?)?(my )?(bladder|bowels?)\b",
    r"\b(bladder|bowel)s? (control|problems?|accidents?|incontinence)\b",
    r"\bincontinen(t|ce)\b",
    r"\b(wet|peed|soiled) (myself|my pants)\b",
    r"\bnumb(ness)?\b.*\b(groin|saddle|crotch|genitals?|inner thighs?|buttocks|legs?|feet|foot)\b",
    r"\b(groin|saddle|crotch|legs?|feet|foot)\b.*\b(numb|numbness|no feeling|can'?t feel)\b",
    r"\bsaddle anesthesia\b",
    r"\b(sudden(ly)?|can'?t|cannot)\b.*\b(weak(ness)?|move|lift|stand on)\b.*\blegs?\b",
    r"\blegs?\b.*\b(gave|giving|give) (out|way)\b",
    r"\b(fell|fallen|a fall|car (crash|accident)|accident|crash|trauma|was hit|got hit|injured)\b",
    r"\b(fever|feverish|chills|(a|high|running a) temperature|temperature of)\b",
    r"\b(bladder|bowels?)\b",
    r"\b(pee|peeing|urine|urinate|urinating)\b.*\b(control|hold|leak\w*)\b",
    r"\b(control|hold|leak\w*)\b.*\b(pee|peeing|urine|urinate|urinating)\b",
    r"\blegs?\b.*\bweak(ness)?\b",
    r"\b(falling|slipped|tripped|rear[- ]ended)\b",
    r"\blost (all )?feeling\b",
]
_PAIN = [
    r"\bouch\b",
    r"\bow+\b",
    r"\b(it|this|that|my \w+) (really |so |very )?hurts?\b",
    r"\bhurts? (a lot|too much|badly|so much)\b",
    r"\b(sharp|shooting|stabbing|searing|worse|bad|severe) pain\b",
    r"\bpain (is )?(getting )?(worse|too much)\b",
    r"\bpainful\b",
]
_RED_FLAG_RE = re.compile("|".join(_RED_FLAGS), re.IGNORECASE)
_PAIN_RE = re.compile("|".join(_PAIN), re.IGNORECASE)


def is_red_flag(text: str | None) -> bool:
    """Mentions a symptom the article's clinic would send to emergency care."""
    return bool(text) and bool(_RED_FLAG_RE.search(text or ""))


def is_pain(text: str | None) -> bool:
    """Says that something hurts now."""
    return bool(text) and bool(_PAIN_RE.search(text or ""))
