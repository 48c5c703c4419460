"""The pain check-in: one optional 0-10 question before a session and once after it, and what an answer says.

The 0-10 numeric rating scale is what back-pain programmes measure (Kaia's trial, Hinge); a change of
2 points or 30% is the usual threshold for a change a patient notices (Ostelo et al., Spine 2008), so
the acknowledgement calls a smaller change "about the same" rather than praise noise. An answer is
acknowledged in a sentence, never interpreted: no diagnosis, no "that's normal". A very high score or a
sharp rise gets the clinic's own advice (stop if it hurts, see a professional, the number).

Plain Python, no Rasa: ``read_score`` is the whole reading of an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from pacing.commands import Command, read_command
from pacing.replies import phone_speech, phone_text
from pacing.reply import Act, Choice, Reply, Words
from stretch_content import Clinic

HIGH_SCORE = 8
"""From here on a score gets the clinic's advice (stop if it hurts; consult a professional)."""
SHARP_RISE = 3
"""A rise of this many points between before and after gets the same advice."""
NOTICEABLE_POINTS = 2
NOTICEABLE_FRACTION = 0.3
"""A change of 2 points or 30% is the usual threshold for one a patient notices (Ostelo 2008)."""

OFF_THE_SCALE = 20
"""Above this, a number without "/10" is something else (an age, minutes), not an attempt at the scale."""
SCALE = tuple(Choice(Act.SCORE, str(n)) for n in range(11))
SKIP = Choice(Act.SKIP_CHECKIN, "Skip")


class Reading(StrEnum):
    """What an answer to the check-in is."""

    SCORE = "score"  # a whole number from 0 to 10
    OUT_OF_RANGE = "out_of_range"  # "eleven", "-3", "12/10": a number, but not on the scale
    UNCLEAR = "unclear"  # "6 or 7", "6.5", an emoji alone: an attempt, but no one number to keep
    UNSURE = "unsure"  # "I don't know": fine, nothing kept
    SKIP = "skip"  # "skip", "pass", "rather not": nothing kept
    OTHER = "other"  # anything else ("next", a question): the conversation carries on as if unasked


@dataclass(frozen=True)
class Answer:
    reading: Reading
    score: int | None = None


NUMBER_WORDS = {
    "zero": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "twenty": 20, "hundred": 100, "million": 1_000_000,
}  # fmt: skip
FILLERS = frozenset(
    [
        "still",
        "honestly",
        "prolly",
        "a",
        "an",
        "about",
        "around",
        "like",
        "maybe",
        "probably",
        "prob",
        "roughly",
        "approx",
        "approximately",
        "i",
        "id",
        "i'd",
        "im",
        "i'm",
        "its",
        "it's",
        "it",
        "is",
        "would",
        "say",
        "guess",
        "think",
        "reckon",
        "um",
        "uh",
        "umm",
        "hmm",
        "hmmm",
        "well",
        "so",
        "ok",
        "okay",
        "pain",
        "my",
        "back",
        "is",
        "at",
        "right",
        "now",
        "today",
        "currently",
        "rn",
        "honestly",
        "just",
        "the",
        "level",
        "score",
        "rating",
        "of",
        "solid",
        "ish",
        "or",
        "still",
        "pretty",
        "much",
        "fairly",
        "sort",
        "kind",
        "lol",
        "yeah",
        "yes",
        "yep",
        "oh",
        "er",
        "erm",
        "and",
        "only",
        "tonight",
        "tonite",
        "2nite",
        "this",
        "morning",
        "feels",
        "feel",
        "suppose",
        "ah",
        "eh",
        "most",
        "days",
        "day",
        "time",
        "on",
        "good",
        "bad",
        "usually",
        "mostly",
        "normally",
        "typically",
        "more",
        "less",
        "than",
        "before",
        "that",
        "thats",
        "that's",
        "was",
    ]
)
"""Words that may come with the number without changing it ("like a 7 maybe", "I'd say 5 today")."""
_DENOMINATOR = re.compile(r"\s*(?:/|out of|outta|of)\s*(?:10|ten)\b")
_NEGATIVE = re.compile(r"(?:^|\s)(?:-|minus\s|negative\s)\s*\d")
_DECIMAL = re.compile(r"\d+[.,]\d+")
_RANGE = re.compile(r"\d+\s*(?:-|to|or|/)\s*\d+")
_SKIP = re.compile(
    r"^(?:skip|skip it|skip that|skip this question|skip the question|skip the check ?in|pass|no thanks|"
    r"no thank you|rather not|id rather not|i'd rather not|rather not say|not now|no score|/skip_checkin)$"
)
_UNSURE = re.compile(
    r"^(?:i )?(?:dont know|don't know|do not know|dunno|idk|not sure|no idea|hard to say|cant say|can't say|"
    r"i'm not sure|im not sure|no clue)$"
)
_GO_ON = re.compile("^[\U0001f44d\U0001f44c\u2705\U0001f197\u2714\ufe0f\U0001f3fb-\U0001f3ff\\s]+$")
"""Thumbs up, OK hand, check marks, 🆗 (any skin tone), alone: an acknowledgement, as "ok" would be."""
_NO_PAIN = re.compile(r"^(?:no pain|no pain at all|none at all|zero pain|pain free|pain-free)$")


def _plain(text: str) -> str:
    lowered = text.lower().replace("\u2019", "'").strip()
    return re.sub(r"\s+", " ", re.sub(r"[!?.,;:()\"]+(?=\s|$)", " ", lowered)).strip()


_HURTS = re.compile(r"\b(hurt|hurts|hurting|ache|aches|aching|achy|sore|pain|painful|killing|sharp|stabbing)\b")
_FIRST_CLAUSE = re.compile(r"[.!?;,]|\b(?:thanks|thank you|thx|ty|cheers)\b")


def read_score(text: str) -> Answer:
    """How an answer reads: the whole message (``_read``), or a score said first and then something else
    ("3 maybe. its my lower back, always stiff", "still a 2 i guess. thanks bro, gotta go", "1. Thanks")."""
    whole = _read(text)
    if whole.reading is not Reading.OTHER:
        return whole
    if (said := _number_then_command(text)) is not None:  # "3 next", "2 stop" typed without a stop between
        return _read(said[0])
    clauses = [c for c in _FIRST_CLAUSE.split(text.lower()) if c and c.strip()]
    if clauses and clauses[0].strip() != text.lower().strip():
        lead = _read(clauses[0])
        if lead.reading is Reading.SCORE:
            return lead
        # the number in the last clause that has one, said after something else ("ok im going to stop here for
        # today. pain is maybe a 4 now"), or correcting an unsure first try ("like a 6 or 7? more like a 6");
        # not after a report of pain ("it hurts, like a 7": triage and the pain stop answer that)
        numbered = [i for i, c in enumerate(clauses) if re.search(r"\d", c)]
        if numbered and not any(_HURTS.search(c) for c in clauses[: numbered[-1]]):
            last = _read(clauses[numbered[-1]])
            if last.reading is Reading.SCORE:
                return last
    return whole


_STOPS = frozenset(
    {
        "stop",
        "stop now",
        "stop here",
        "quit",
        "finish",
        "finished",
        "end",
        "enough",
        "thats enough",
        "that's enough",
        "im done",
        "i'm done",
        "all done",
        "done for today",
        "im done for today",
        "i'm done for today",
        "thats it",
        "that's it",
        "bye",
        "goodbye",
    }
)
_CLAUSE = re.compile(r"[.!?;,\n]+")
_STOPPING = re.compile(
    r"^(?:ok |okay |so |well |and )?(?:i'?m |im |i am |i )?(?:going to |gonna |will |'ll |have to |gotta |need to )?"
    r"(?:stop|quit|finish|end|leave it)(?: it| here| now| there| for (?:today|now|tonight|the day))*$|"
    r"^(?:ok |okay |so |well |and )?(?:i )?(?:gotta|got to|have to|need to|must|gonna have to) "
    r"(?:go|run|leave|head off)(?: now| for (?:today|now))?$"
)
_NUMBER_FIRST = re.compile(r"^\s*(\d{1,2})\s+([a-z' ]+?)\s*$")


def _is_stop(clause: str) -> bool:
    bare = " ".join(re.sub(r"\b(please|pls|plz|thx|thanks|thank you|ok|okay|now|then)\b", " ", clause).split())
    return clause in _STOPS or bare in _STOPS or bool(_STOPPING.match(clause))


def _number_then_command(text: str) -> tuple[str, Command] | None:
    """ "3 next", "2 stop": a number, a space, then a command (the number, and the command)."""
    found = _NUMBER_FIRST.match(text.lower().replace("\u2019", "'"))
    if found is None:
        return None
    rest = found.group(2)
    command: Command | None = "leave" if _is_stop(rest) else read_command(rest)
    return (found.group(1), command) if command is not None else None


def command_beside_score(text: str) -> Command | None:
    """The command said with a score in the same message ("3. next", "1. kids need breakfast, stop",
    "done, that was 5"): carried out after the score is recorded. None when there is no score, or no command
    in the rest ("1. Thanks", "3 maybe. its my lower back").

    Only the clauses without the number are read, the last command first: the score is not a command
    and the command is not a score."""
    if read_score(text).reading is not Reading.SCORE:
        return None
    if (said := _number_then_command(text)) is not None:
        return said[1]
    clauses = [c.strip() for c in _CLAUSE.split(text.lower().replace("\u2019", "'")) if c.strip()]
    rest = [c for c in clauses if not re.search(r"\d", c) and _read(c).reading is not Reading.SCORE]
    if len(rest) == len(clauses):  # the score is in no clause of its own: nothing beside it
        return None
    for clause in reversed(rest):
        if _is_stop(clause):
            return "leave"
        if (command := read_command(clause)) is not None:
            return command
    return None


def _read(text: str) -> Answer:
    """How an answer to "how is your back right now, 0 to 10?" reads.

    A score: one whole number from 0 to 10, alone or with words that do not change it ("6", "six",
    "about a 6", "6/10", "like a 7 maybe", "no pain" as 0). A number off the scale ("eleven", "-3",
    "12/10") or not one number ("6 or 7", "6.5", an emoji alone) asks again; "I don't know" and "skip"
    close the question; anything else is not an answer at all, and the conversation carries on.
    """
    plain = _plain(text)
    if not plain:
        return Answer(Reading.OTHER)
    if _SKIP.match(plain):
        return Answer(Reading.SKIP)
    if _UNSURE.match(plain):
        return Answer(Reading.UNSURE)
    if _NO_PAIN.match(plain):
        return Answer(Reading.SCORE, 0)
    if _GO_ON.match(plain):  # a thumbs up or an OK hand alone: "ok, go on", not a feeling about the back
        return Answer(Reading.OTHER)
    if not re.search(r"[a-z0-9]", plain):  # any other emoji or punctuation alone: a feeling, not a number
        return Answer(Reading.UNCLEAR)
    words_only = _DENOMINATOR.sub(" ", plain)
    if _NEGATIVE.search(words_only):
        return Answer(Reading.OUT_OF_RANGE) if _only_fillers_beside_numbers(words_only) else Answer(Reading.OTHER)
    if _DECIMAL.search(words_only) or _RANGE.search(words_only):
        return Answer(Reading.UNCLEAR) if _only_fillers_beside_numbers(words_only) else Answer(Reading.OTHER)
    tokens = re.findall(r"[a-z']+|\d+", words_only)
    numbers = [_number(t) for t in tokens if _number(t) is not None]
    others = [t for t in tokens if _number(t) is None and t not in FILLERS and t.strip("'") not in FILLERS]
    if others or not numbers:
        return Answer(Reading.OTHER)
    if len(numbers) > 1:
        return Answer(Reading.UNCLEAR)
    score = numbers[0]
    assert score is not None
    if score > OFF_THE_SCALE and words_only == plain:  # "i'm 68", "45": not a pain score (no "/10" with it)
        return Answer(Reading.OTHER)
    if not 0 <= score <= 10:
        return Answer(Reading.OUT_OF_RANGE, score)
    return Answer(Reading.SCORE, score)


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token) if len(token) <= 7 else 10_000_000
    for suffix in ("ish",):
        if token.endswith(suffix) and token[: -len(suffix)] in NUMBER_WORDS:
            return NUMBER_WORDS[token[: -len(suffix)]]
    return NUMBER_WORDS.get(token)


def _only_fillers_beside_numbers(text: str) -> bool:
    tokens = re.findall(r"[a-z']+", text)
    return all(t in FILLERS or t in NUMBER_WORDS or t in {"minus", "negative", "to", "or"} for t in tokens)


# -- what is said ------------------------------------------------------------------------------

QUESTION = "How is your back right now, from 0 (no pain) to 10 (worst imaginable)?"


def question(phase: str, step_choices: tuple[Choice, ...] = ()) -> Reply:
    """The check-in, optional: 0-10 and Skip, then the step's own choices so "next" is still one tap away."""
    lead = (
        "One quick, optional question before you start:"
        if phase == "before"
        else "Before you go, one last optional question:"
    )
    text = f"{lead} {QUESTION} Answer with a number, or skip it."
    spoken = f"{lead} {QUESTION} Say a number, or key it in and press the hash key. Or say skip."
    return Reply(
        text=text,
        speech=(Words(spoken),),
        choices=(*step_choices, *SCALE, SKIP),  # the step's own first: "Next" stays the first quick reply
        reprompt="Say a number from 0 to 10, or say skip.",
    )


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def noticeable(before: int, after: int) -> bool:
    change = abs(after - before)
    return change >= NOTICEABLE_POINTS or (before > 0 and change / before >= NOTICEABLE_FRACTION)


def change_sentence(before: int, after: int) -> str:
    """The change in one sentence, never what it means medically."""
    delta = after - before
    if delta == 0:
        return f"That's the same as before you started ({before})."
    if delta < 0:
        if noticeable(before, after):
            return f"That's down {_points(-delta)} since you started ({before} to {after}), nice work."
        return f"That's down {_points(-delta)} since you started ({before} to {after}), about the same."
    if noticeable(before, after):
        return f"That's up {_points(delta)} since you started ({before} to {after})."
    return f"That's up {_points(delta)} since you started ({before} to {after}), about the same."


def needs_advice(score: int, before: int | None = None) -> bool:
    """A very high score, or a sharp rise since the start of the session."""
    return score >= HIGH_SCORE or (before is not None and score - before >= SHARP_RISE)


def advice(clinic: Clinic, score: int, before: int | None) -> Reply:
    """The clinic's advice for a high score or a sharp rise: stop if it hurts, see a professional, the number."""
    rose = before is not None and score - before >= SHARP_RISE
    lead = "Your pain went up during the session." if rose else "That's a lot of pain."
    care = "Please don't stretch through pain: stop if it hurts. A medical professional can check what's going on:"
    return Reply(
        text=f"{lead} {care} {phone_text(clinic)}.",
        speech=phone_speech(clinic, f"{lead} {care}"),
    )


def acknowledge(clinic: Clinic, phase: str, score: int, before: int | None) -> Reply:
    """What an answer gets: thanks and, after a session, the change; the advice when it is called for."""
    if phase == "after" and before is not None:
        text = f"Thanks, {score} out of 10. {change_sentence(before, score)}"
    elif phase == "after":
        text = f"Thanks, {score} out of 10, noted."
    else:
        text = f"Thanks, {score} out of 10, noted. I'll ask again at the end."
    said = Reply.plain(text)
    if needs_advice(score, before if phase == "after" else None):
        spoken = advice(clinic, score, before if phase == "after" else None)
        return Reply(
            text=f"{said.text} {spoken.text}",
            speech=(*said.speech, *spoken.speech),
        )
    return said


def ask_again(clinic: Clinic, answer: Answer) -> Reply:
    """A number off the scale or not one number: what the scale is, once more; off the top, the advice too."""
    if answer.reading is Reading.OUT_OF_RANGE and answer.score is not None and answer.score > 10:
        lead = f"The scale stops at 10, so that sounds like a lot of pain. {advice(clinic, 10, None).text}"
        again = "If you'd like it noted, which number from 0 to 10 is closest?"
        return Reply(
            text=f"{lead} {again}",
            speech=(*advice(clinic, 10, None).speech, Words(again)),
            choices=(*SCALE, SKIP),
        )
    text = "I need one whole number from 0 (no pain) to 10 (worst imaginable), or you can skip this."
    return Reply.plain(text, choices=(*SCALE, SKIP), reprompt="Say a number from 0 to 10, or say skip.")


def closed(answer: Answer) -> Reply:
    """ "I don't know" or "skip": fine, nothing is kept."""
    if answer.reading is Reading.UNSURE:
        return Reply.plain("That's fine, no number needed.")
    return Reply.plain("No problem, skipped.")


def not_asked() -> Reply:
    """A 0-10 number when no check-in was open: said plainly, nothing kept."""
    return Reply.plain(
        "Thanks. I only note a 0 to 10 pain score when I ask for one, at the start and the end of a session, "
        "so I haven't kept that number."
    )
