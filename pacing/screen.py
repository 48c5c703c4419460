"""The red-flag screen before exercise, and how an answer to a yes/no red-flag question is read.

Before the first stretch (and again after ``SCREEN_INTERVAL``, or after any red-flag mention) the
person is asked once, in plain words, whether any red flag applies right now; the stretch waits.
Only a clear "no" lets it start: the person's own words ("actually both legs", "both", "I had a fall
last year") keep the question open, because a missed red flag is worse than one more question.

Plain Python, no Rasa: the clock is passed in, so the interval is tested without waiting.
"""

from __future__ import annotations

import re
from datetime import timedelta
from enum import StrEnum

from pacing.reply import Reply, Words
from pacing.safety_replies import YES_NO
from stretch_content import Clinic

SCREEN_INTERVAL = timedelta(hours=24)
"""How long a "no" to the screen stands: the one setting for it."""


def screen_due(screened_at: float | None, now: float, interval: timedelta = SCREEN_INTERVAL) -> bool:
    """Whether a stretch must wait for the screen: never answered, or answered longer ago than the interval.

    ``screened_at`` and ``now`` are seconds since the epoch; a time in the future (a clock set back)
    counts as not screened.
    """
    if screened_at is None:
        return True
    age = now - screened_at
    return not 0 <= age <= interval.total_seconds()


def screen_question(clinic: Clinic) -> Reply:
    """The screen: the content's red flags in lay words, one yes/no question; shorter when spoken."""
    text = f"Before we start: do you have any of these right now: {clinic.red_flags}? Please answer yes or no."
    spoken = f"Safety check first. Any of these right now: {clinic.red_flags}? Yes or no?"
    reprompt = f"Any of these right now: {clinic.red_flags}? Yes or no?"
    return Reply(text=text, speech=(Words(spoken),), choices=YES_NO, reprompt=reprompt)


def ask_again(clinic: Clinic, *, screen: bool) -> Reply:
    """An answer that is not a clear yes or no: the same question again, briefly, with Yes and No."""
    question = f"do you have any of these right now: {clinic.red_flags}?" if screen else clinic.red_flag_question
    question = question[0].lower() + question[1:]
    text = f"Sorry, I need a clear yes or no to this: {question}"
    return Reply.plain(text, choices=YES_NO, reprompt=f"Please say yes or no: {question}")


class Answer(StrEnum):
    """How an answer to a yes/no red-flag question reads."""

    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


_NORMALISE = re.compile(r"[^a-z0-9 ]+")
_NEGATIVE_WORD = re.compile(r"^(no+|nope+|nop|nah+|naw|nay|none|nothing|not|never|neither|nor|negative|dont|nada)$")
"""A word that says no on its own (typos included: "noo", "nopee")."""
_REFUSAL = re.compile(r"^(no+|nope+|nop|nah+|naw|nay|none|nada)$")
"""The words that make a yes unclear ("yes no", "yeah nah")."""
_NO_PHRASES = ("im fine", "im good", "im ok", "im okay", "all good", "all fine", "no to all", "none of")
_NO_COMPANIONS = frozenset(
    {
        "of",
        "those",
        "these",
        "them",
        "that",
        "the",
        "above",
        "any",
        "to",
        "all",
        "i",
        "im",
        "am",
        "do",
        "dont",
        "have",
        "got",
        "at",
        "really",
        "fine",
        "good",
        "ok",
        "okay",
        "alright",
        "thanks",
        "thank",
        "you",
        "well",
        "um",
        "uh",
        "erm",
        "hmm",
        "oh",
        "sir",
        "maam",
        "honestly",
        "actually",
        "nothing",
        "like",
        "currently",
        "right",
        "now",
        "today",
        "thankfully",
        "luckily",
        "none",
        "either",
        "ah",
        "grand",
        "sorry",
        "dear",
        "love",
        "mate",
    }
)
"""Words that may come with a "no" without changing it ("no to all", "I'm fine, none of them")."""
_YES_WORD = re.compile(r"^(yes+|yess|yeah+|yea|yep+|yup+|ya|yah|yeh|aye|y|affirmative|correct)$")
"""'Sure' is not here: to "do you have any of these?" it means "go ahead", not "I do"."""
_YES_ALONE = frozenset({"i do", "i have", "i am", "some", "one", "one of them", "some of them", "all of them", "a few"})
_LEAD_FILLERS = frozenset({"um", "uh", "erm", "well", "oh", "ok", "okay", "hmm", "so"})


_CONTRAST = re.compile(r"\b(but|except|apart from|other than|only|although|though|however|besides)\b")
_DONT_HAVE = re.compile(r"\b(dont|do not|havent|have not) (have|got|get)\b")
_NAMES_A_SIGN = re.compile(
    r"\b(legs?|foot|feet|bladder|bowels?|pee\w*|wee|poo\w*|numb\w*|tingl\w*|weak\w*|fever\w*|temp\w*|"
    r"fall|fell|falling|accident|crash\w*|chest|breath\w*|bottom|bum|butt|groin|genitals?|saddle|hurts?|pain\w*)\b"
)
"""Whatever names one of the signs asked about keeps the question open, whatever else it says."""


_LONG_AGO_INJURY = re.compile(
    r"\b(the |that |my |an |a )?(accident|fall|fell|crash|wreck|injury)( was| happened)?\b[^.?!]{0,20}"
    r"\b(\d{2,}|many|several|forty|thirty|twenty|ten) (years|decades) ago\b"
    r"|\b(\d{2,}|many|several|forty|thirty|twenty|ten) (years|decades) ago\b[^.?!]{0,20}"
    r"\b(accident|fall|fell|crash\w*|wreck)\b"
)
"""An injury told as long past (ten years or more): the triage reads the rest, so it does not keep a no open."""


_BREATHING_CUE = re.compile(r"\b(breath\w*|breathe) (in|out)\b|\b(inhale|exhale)\b")
"""Breathing in or out, as a stretch's cue says it: not the "trouble breathing" asked about."""


def says_no(text: str) -> bool:
    """A no in other words ("No dear, none of that", "lmao no", "NO. i told you twice already"): a word of
    refusal, no yes, and no "but" or "except" bringing something in. The caller also checks that the
    answer mentions no symptom (triage), since "no, my foot tingles" is not a no to the question."""
    plain = _NORMALISE.sub(" ", text.lower().replace("\u2019", "").replace("'", "")).split()
    joined = " ".join(plain)
    refused = any(_REFUSAL.match(word) or word == "nothing" for word in plain) or bool(_DONT_HAVE.search(joined))
    yes = any(_YES_WORD.match(word) for word in plain)
    told = _LONG_AGO_INJURY.sub(" ", joined)  # "no none of that, the accident was 44 years ago": history, not a sign
    told = _BREATHING_CUE.sub(" ", told)  # "no?? i just asked about breathing in": a stretch's cue, not a sign
    return refused and not yes and not _CONTRAST.search(told) and not _NAMES_A_SIGN.search(told)


def read_answer(text: str) -> Answer:
    """A clear yes, a clear no, or anything else (which keeps the question open).

    Clear no: only words of refusal ("no", "nope", "none of those", "no to all", "nah", "I'm fine, none
    of them"), nothing that could be a symptom or a story. Clear yes: the answer starts with a yes
    ("yes both legs", "yeah, kind of"), without a "no" or "nope" in it. Whatever names something ("both", "actually
    both legs", "I had a fall last year") is neither: the question is asked again.
    """
    plain = _NORMALISE.sub(" ", text.lower().replace("\u2019", "").replace("'", "")).split()
    if not plain:
        return Answer.UNCLEAR
    joined = " ".join(plain)
    negative = any(_NEGATIVE_WORD.match(word) for word in plain) or any(p in joined for p in _NO_PHRASES)
    yes = any(_YES_WORD.match(word) for word in plain)
    if negative and not yes and all(_NEGATIVE_WORD.match(w) or w in _NO_COMPANIONS for w in plain):
        return Answer.NO
    words = [w for w in plain if w not in _LEAD_FILLERS] or plain
    refused = any(_REFUSAL.match(word) for word in plain)
    if not refused and (_YES_WORD.match(words[0]) or (not negative and " ".join(words) in _YES_ALONE)):
        return Answer.YES  # "yes both legs and it's not going away": a "not" in the story keeps the yes
    return Answer.UNCLEAR  # "no, but my legs feel odd", "yes no", "both": not clear either way
