"""triage.assess: emergency now, a possible red flag to ask about, pain now, or nothing.

Two readers: the rules (below) and a learned model of the words around a symptom (triage/learned.py),
combined by :func:`combine`. The rules:
Order of checks: blank idioms; find red-flag terms (content.yml) and pain words; drop each mention
that is someone else's, negated, hypothetical, long ago or over now; a flag that is ``ask`` alone
becomes an emergency with one of its ``urgent_with`` signs (itself a live mention); a hedged
mention ("a bit", "sometimes", "is it normal") is only ever ``ask``. The highest level wins:
emergency > ask > pain > none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from stretch_content import RedFlag, Urgency, load_content
from triage import cues
from triage import learned as learned_model
from triage.context import (
    Discard,
    Message,
    Reader,
    discard,
    discard_for_other,
    explained,
    hedged,
    hypothetical,
    negated,
    weeks_ago,
)


class Level(StrEnum):
    """What the assistant does with the message, before the intent's own behaviour."""

    EMERGENCY = "emergency"
    ASK = "ask"
    PAIN = "pain"
    NONE = "none"


MAX_CHARS = 2000
"""Triage reads this much of a message: a chat turn is far shorter, and reading is linear in mentions x length."""

_RANK = {Level.NONE: 0, Level.PAIN: 1, Level.ASK: 2, Level.EMERGENCY: 3}


@dataclass(frozen=True)
class Assessment:
    """The decision, the red flags behind it (ids from content.yml) and a reason a person can read.

    ``about_other``: the emergency is of someone the writer is with now ("my son took a handful of
    my pills"), so the reply speaks of that person and does not ask the writer about themselves.
    """

    level: Level
    flags: tuple[str, ...] = ()
    reason: str = ""
    about_other: bool = False
    learned_only: bool = False
    """Only the learned reader found the alarm (no rule did): an answer to a yes/no red-flag question that
    it alarms on is asked again rather than taken as an emergency ("actually both legs, not going away")."""


@dataclass(frozen=True)
class _Flag:
    flag: RedFlag
    terms: tuple[re.Pattern[str], ...]
    vague: tuple[re.Pattern[str], ...]
    urgent: tuple[re.Pattern[str], ...]
    others_with: tuple[re.Pattern[str], ...]


def _patterns(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    # One pattern at a time, not one alternation: a negated match ("no numbness but my legs ...")
    # must not hide an overlapping live one ("my legs are weak").
    return tuple(re.compile(p) for p in patterns)


@lru_cache(maxsize=4)
def _compiled(flags: tuple[RedFlag, ...]) -> tuple[_Flag, ...]:
    return tuple(
        _Flag(
            flag,
            _patterns(flag.terms),
            _patterns(flag.vague_terms),
            _patterns(flag.urgent_with),
            _patterns(flag.others_with),
        )
        for flag in flags
    )


_PAIN = _patterns(cues.PAIN)
_NOISE = re.compile(cues.NOISE)
_NOISE_WITHOUT_PAIN = re.compile(cues.NOISE_WITHOUT_PAIN)


def _live(
    message: Message, patterns: tuple[re.Pattern[str], ...], reader: Reader, *, first: bool = False
) -> tuple[list[re.Match[str]], list[str]]:
    """Matches that count (only the first one if ``first``), and why the others did not."""
    live: list[re.Match[str]] = []
    dropped: list[str] = []
    for pattern in patterns:
        for match in pattern.finditer(message.text):
            why = reader(message, match.start(), match.end())
            if why is None:
                live.append(match)
                if first:
                    return live, dropped
            else:
                dropped.append(f"{match.group().strip()!r}: {why}")
    return live, dropped


def _flag_level(message: Message, flag: _Flag, dropped: list[str], reader: Reader) -> tuple[Level, str] | None:
    live, not_live = _live(message, flag.terms, reader)
    vague, not_vague = _live(message, flag.vague, reader)
    dropped.extend(f"{flag.flag.id} {why}" for why in not_live + not_vague)
    cause = [m for m in live + vague if explained(message, m.start(), m.end(), flag.flag.id)]
    dropped.extend(f"{flag.flag.id} {m.group().strip()!r}: explained" for m in cause)
    live = [m for m in live if m not in cause]
    vague = [m for m in vague if m not in cause]
    if not live and not vague:
        return None
    if not live:
        return Level.ASK, f"{flag.flag.id}: {vague[0].group()!r} (vague)"
    urgent, _ = _live(message, flag.urgent, reader, first=True)
    level = Level.EMERGENCY if flag.flag.alone is Urgency.EMERGENCY or urgent else Level.ASK
    mention = live[0]
    why = f"{flag.flag.id}: {mention.group()!r}" + (f" with {urgent[0].group()!r}" if urgent else "")
    if level is Level.EMERGENCY and flag.flag.hedges and all(hedged(message, m.start(), m.end()) for m in live):
        return Level.ASK, f"{why} (hedged)"
    weeks = all(weeks_ago(message, m.start(), m.end()) for m in live)
    if urgent and flag.flag.alone is not Urgency.EMERGENCY and weeks:
        return Level.ASK, f"{why} (weeks ago)"
    return level, why


def _with_history(reader: Reader) -> Reader:
    """The reader, except that long ago or over still counts (``RedFlag.history_counts``)."""

    def read(message: Message, start: int, end: int) -> Discard | None:
        why = reader(message, start, end)
        if why in (Discard.HISTORICAL, Discard.RESOLVED) and (
            not _CLEAR_OF_IT.search(message.text) or _NEW_NOW.search(message.text)
        ):
            return None
        return why

    return read


_CLEAR_OF_IT = re.compile(
    r"\b(been |all )?(clear|cancer[- ]free|in remission)\b|\b(called|said) (it )?(was )?(muscular|mechanical|"
    r"a muscle strain)\b|\b(benign|was nothing|came back (clear|negative|normal))\b|"
    r"\b(back|it) (is|feels) fine\b"
)
"""A history that is over and checked ("clear for fifteen years", "the biopsy was benign") is no red flag,
unless something is new now ("clear for decades, but my back just started aching")."""
_NEW_NOW = re.compile(
    r"\b(just started|started(?![^.?!]{0,40}\b(years|months) ago\b)|new|since (last|this)|lately|recently|"
    r"getting worse)\b"
)


def _other_emergency(message: Message, flag: _Flag) -> str | None:
    """Why this is an emergency of someone the writer is with now, or None (see ``for_others``)."""
    if not flag.flag.for_others:
        return None
    hedges = flag.flag.hedges
    live, _ = _live(message, flag.terms, lambda m, s, e: discard_for_other(m, s, e, hedges=hedges), first=True)
    if not live:
        return None
    why = f"{flag.flag.id} (someone else): {live[0].group()!r}"
    if not flag.others_with:
        return why
    sign, _ = _live(message, flag.others_with, _not_real, first=True)
    return f"{why} with {sign[0].group()!r}" if sign else None


def _other_possible(message: Message, flag: _Flag) -> str | None:
    """A possible red flag of someone the writer is with, now ("my wife can't feel the toes on her left
    foot since this morning" with her back, "my dad had prostate cancer and now his back hurts"): worth saying what
    to watch for and whom to call, about them. Hedged still counts; long ago only for ``history_counts``."""

    def read(m: Message, start: int, end: int) -> Discard | None:
        why = discard_for_other(m, start, end, hedges=False)
        history_now = flag.flag.history_counts and _NOW_FOR_OTHER.search(m.text) is not None
        return None if history_now and why is Discard.HISTORICAL else why

    about_to_stretch = flag.flag.history_counts and _STRETCHES_FOR_OTHER.search(message.text)
    live, _ = _live(message, flag.terms + flag.vague, read, first=True)  # "she's 88, first time ever": vague too
    if not live:
        return None
    begin, stop = message.segments.sentence(live[0].start(), live[0].end())
    their_back = _BACK_OF_OTHER.search(message.text[begin:stop]) or _THEIR_BACK.search(message.text)
    if not (their_back or _NEW_FOR_OTHER.search(message.text) or about_to_stretch):
        return None  # "my kid has a fever" (and my back is stiff): not the warning sign it is with their back pain
    return f"{flag.flag.id} (someone else, possible): {live[0].group()!r}"


_BACK_OF_OTHER = re.compile(r"\b(back|backs|spine|tailbone|bum|bottom|groin|sciatica)\b")
_THEIR_BACK = re.compile(r"\b(his|her|their|hes|shes|he has|she has)( \w+)? (back|backs|spine|tailbone|sciatica)\b")
_STRETCHES_FOR_OTHER = re.compile(r"\b(stretch\w*|forward fold|the fold|knee twist|the twist|cat ?cow)\b")
"""Someone else's history that counts (a compression fracture) matters when they are about to do the stretches."""
_NOW_FOR_OTHER = re.compile(
    r"\b(now|since|started|lately|recently|today|this (week|morning))\b|"
    r"\b(wants?|wanting|going|gonna) to (try|do|start)\b"
)
"""Someone else's history (of cancer) counts with something of theirs now: "had lymphoma and now his back hurts"."""
_NEW_FOR_OTHER = re.compile(
    r"\bsince (this morning|last night|yesterday|today|(she|he|they) (got|woke) up|(she|he|they) (fell|slipped))\b|"
    r"\b(earlier today|this morning|last night|tonight|just now)\b"
)
"""Someone else's possible red flag is worth the advice only with their back in the message, or new."""


def _not_real(message: Message, start: int, end: int) -> Discard | None:
    """A sign that is negated or hypothetical does not count; whose it is does not matter."""
    if negated(message, start, end):
        return Discard.NEGATED
    return Discard.HYPOTHETICAL if hypothetical(message, start, end) else None


@dataclass(frozen=True)
class Reading:
    """What the rules make of a message: their assessment, and the red-flag mentions they set aside
    (someone else's, negated, hypothetical, long ago, over now) with why."""

    assessment: Assessment
    dropped: tuple[str, ...]
    message: Message
    pain_set_aside: bool = False
    """Pain words the rules read as a question about pain to come ("is this gonna hurt my back?") or as
    denied ("like a pull, not bad pain", "how do i come back up without hurting my back"): the learned
    reader does not make them pain (it may overrule the other readers: "the cat pose hurt" is not a pet's)."""
    noise_only: bool = False
    """A joint noise asked about or said to be painless ("my neck gets kinda crunchy looking up, is that
    normal"), with no pain and no red flag the rules read: the learned reader may still find an emergency,
    but not a question or pain (``cues.NOISE``)."""


def assess(
    text: str,
    red_flags: tuple[RedFlag, ...] | None = None,
    *,
    reader: Reader = discard,
    idioms: bool = True,
    learned: bool = True,
) -> Assessment:
    """Decide from the text alone; ``red_flags`` defaults to the content module's list.

    The rules read the message (:func:`read_rules`), the learned reader completes them
    (:func:`combine`; ``learned=False``: the rules alone). ``reader`` and ``idioms`` exist for the
    comparison bench (medspaCy's ConText as the reader).
    """
    reading = read_rules(text, red_flags, reader=reader, idioms=idioms)
    if not learned:
        return reading.assessment
    return combine(reading, learned_model.shipped().probabilities(reading.message.text))


def read_rules(
    text: str, red_flags: tuple[RedFlag, ...] | None = None, *, reader: Reader = discard, idioms: bool = True
) -> Reading:
    """The rules alone: red-flag terms and pain words, read by the context readers."""
    message = Message((text or "")[:MAX_CHARS], idioms=idioms)
    flags = red_flags if red_flags is not None else load_content().clinic.red_flag_list
    found: list[tuple[Level, str, str, bool]] = []
    dropped: list[str] = []
    for flag in _compiled(flags):
        result = _flag_level(message, flag, dropped, _with_history(reader) if flag.flag.history_counts else reader)
        if result is not None:
            found.append((result[0], flag.flag.id, result[1], False))
        if result is None or result[0] is not Level.EMERGENCY:
            other = _other_emergency(message, flag)
            if other is not None:
                found.append((Level.EMERGENCY, flag.flag.id, other, True))
            elif result is None and (possible := _other_possible(message, flag)) is not None:
                found.append((Level.ASK, flag.flag.id, possible, True))
    if found:
        top = max(_RANK[level] for level, _, _, _ in found)
        winners = [(fid, why, other) for level, fid, why, other in found if _RANK[level] == top]
        level = next(level for level in Level if _RANK[level] == top)
        ids = tuple(dict.fromkeys(fid for fid, _, _ in winners))
        about_other = all(other for _, _, other in winners)
        found_it = Assessment(level, ids, "; ".join(why for _, why, _ in winners), about_other)
        return Reading(found_it, tuple(dropped), message)
    flags_dropped = tuple(dropped)
    pain, not_pain = _live(message, _PAIN, reader, first=True)
    if pain:
        return Reading(Assessment(Level.PAIN, (), f"pain: {pain[0].group().strip()!r}"), flags_dropped, message)
    dropped.extend(f"pain {why}" for why in not_pain)
    reason = "; ".join(dropped) or "no red flag or pain"
    set_aside = (f": {Discard.HYPOTHETICAL.value}", f": {Discard.NEGATED.value}")
    to_come_or_denied = any(why.endswith(set_aside) for why in not_pain)
    noise = bool(_NOISE.search(message.text)) and bool(_NOISE_WITHOUT_PAIN.search(message.text))
    return Reading(
        Assessment(Level.NONE, (), reason), flags_dropped, message, pain_set_aside=to_come_or_denied, noise_only=noise
    )


@dataclass(frozen=True)
class Thresholds:
    """Where a learned probability is trusted (chosen by cross-validation by writer, bench/triage_model.py).

    ``alarm``: P(emergency) + P(ask) that makes a rules' ``none``/``pain`` an ``ask``; ``emergency``:
    P(emergency) that makes it (or a rules' ``ask``) an emergency; ``pain``: P(pain) that makes a
    ``none`` pain; ``others``: P(emergency) that overrides the rules when the only mentions they set
    aside were someone else's (an emergency of someone the writer is with); None: the rules veto;
    ``pain_alarm``, ``pain_emergency``: what makes pain the rules found an ``ask`` or an emergency;
    ``emergency_unnamed``: P(emergency) that makes a learned-only alarm an emergency when no red flag's
    ``kind_words`` are in the message (a long polite greeting once reached 0.57).
    """

    alarm: float = 0.6
    emergency: float = 0.5
    emergency_unnamed: float = 0.8
    pain: float = 0.4
    others: float | None = 0.7
    pain_alarm: float = 0.8
    pain_emergency: float = 0.8


SHIPPED = Thresholds()


_NO_EMERGENCY = re.compile(
    r"\b(not|no|isnt|is not|nothing like|never) (having |in |really )?(an |a |any )?(emergency|danger)\b|"
    r"\bnot an emergency\b|\b(nothing|not|nothin|nuthin) (too |very |super |that |really )?(urgent|serious|major)\b|"
    r"\bno (rush|hurry)\b|\b(well|under) control(led)?\b|\b(cleared|released) me (for|to)\b|"
    r"(?<!think )(?<!guess )\b(im|i am) (quite |perfectly |totally )?(safe|fine|okay|ok)\b"
    r"(?! (now|after))(?![^.?!]{0,60}\bbut\b)"
)
"""The writer says it is no emergency: the learned reader alone does not say otherwise (the rules still can)."""

_THREAT_IN_JEST = re.compile(
    r"\b(gonna|going to|gunna|ima|imma|ill|i will|could|want to|wanna|about to) (kill|murder|strangle|throttle)"
    r" (my|him|her|them|that|the|those|this|these)\b(?! ?(self|selves))"
)
"""Anger at someone in words of violence: the learned reader alone does not make it the writer's emergency."""

_LONG_AGO = re.compile(
    r"\b(back in|in|since|around) (19|20)\d\d\b|\b(\d+|a few|many|several|some|two|three|ten|twenty|thirty|forty|fifty)"
    r" (years|yrs|decades) (ago|back)\b|\bdecades ago\b|\b(as|when i was) a (kid|child|teenager|teen|boy|girl)\b"
    r"|\bsince (my|the) (first|second|third|fourth|fifth|last|\w+) (baby|child|kid|pregnancy|son|daughter)\b"
)
_NOW = re.compile(
    r"\b(today|tonight|now|right now|this (morning|afternoon|evening|week)|since (yesterday|last night|this)|"
    r"just (now|happened)|(an|one|two|a few) hours? ago|minutes ago|yesterday|last night|new|suddenly|started|"
    r"starting|lately|recently|(last|past) (few |couple( of)? )?(days|weeks|months)|this (month|year))\b"
)
"""A story told from long ago with nothing of now: the learned reader alone does not make it a red flag."""

FILLERS = frozenset({"um", "umm", "uh", "uhh", "er", "erm", "ah", "oh", "well", "like", "so", "hmm", "mm"})
MIN_LEARNED_WORDS = 4
"""Fewer words than this (fillers aside) are too little for the learned reader to raise an alarm on:
"i think so" or "um I think both" (an answer to a question) share n-grams with symptoms and say none.
The rules still read short messages ("chest pain", "cant pee")."""


def enough_to_learn_from(text: str) -> bool:
    """Whether a message has words enough for a learned alarm (``MIN_LEARNED_WORDS``, fillers aside)."""
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in FILLERS]
    return len(words) >= MIN_LEARNED_WORDS


def learned_kinds(message: Message, red_flags: tuple[RedFlag, ...] | None = None) -> tuple[str, ...]:
    """Which red flags an emergency found only by the learned reader is, by their ``kind_words``.

    The learned reader says that something is wrong, not what; the reply needs the kind for its
    resource (988, Poison Help). None found: the general emergency advice (911), as before.
    """
    flags = red_flags if red_flags is not None else load_content().clinic.red_flag_list
    return tuple(f.id for f in flags if any(re.search(p, message.text) for p in f.kind_words))


def combine(reading: Reading, probs: Mapping[str, float], thresholds: Thresholds = SHIPPED) -> Assessment:
    """The rules' reading, completed by the learned reader's probabilities (triage/learned.py).

    The rules' red flags stand. When the rules set a red-flag mention aside (negated, hypothetical,
    long ago, over now, someone else's), their answer stands too: the context readers veto (someone
    else's: unless ``thresholds.others``). Otherwise a confident learned alarm is an ``ask``, or an
    ``emergency`` when very confident (pain the rules found needs ``pain_alarm`` to become a question);
    a confident learned pain makes a ``none`` pain.
    """
    found = reading.assessment
    p_emergency = probs.get("emergency", 0.0)
    if found.level is Level.EMERGENCY:
        return found
    if found.level is Level.ASK:
        if found.flags == ("faint",):
            return found  # "clammy and weird": stop and rest, whose reply names the signs that need 911
        if p_emergency >= thresholds.emergency:
            why = f"{found.reason}; learned P(emergency) {p_emergency:.2f}"
            return replace(found, level=Level.EMERGENCY, reason=why)
        return found
    if reading.dropped:
        others_only = all(d.endswith(f": {Discard.OTHER_PERSON.value}") for d in reading.dropped)
        if others_only and thresholds.others is not None and p_emergency >= thresholds.others:
            why = f"learned (someone else): P(emergency) {p_emergency:.2f}"
            return Assessment(Level.EMERGENCY, learned_kinds(reading.message), why, about_other=True, learned_only=True)
        return found
    if _THREAT_IN_JEST.search(reading.message.text) and not reading.dropped:
        return found  # "I'm gonna kill my brother-in-law, he took my heating pad": anger at someone, no symptom
    if not enough_to_learn_from(reading.message.text) or _NO_EMERGENCY.search(reading.message.text):
        return found  # too few words, or "I am not having an emergency at all" with no red flag the rules saw
    if _LONG_AGO.search(reading.message.text) and not _NOW.search(reading.message.text):
        return found  # "back in 1979 I rolled a tractor into the ditch...": history, which the rules read
    p_alarm = p_emergency + probs.get("ask", 0.0)
    if found.level is Level.PAIN:  # pain the rules found needs more to become a red flag
        if p_emergency >= thresholds.pain_emergency:
            why = f"{found.reason}; learned P(emergency) {p_emergency:.2f}"
            return Assessment(Level.EMERGENCY, learned_kinds(reading.message), why, learned_only=True)
        if p_alarm >= thresholds.pain_alarm:
            return Assessment(Level.ASK, (), f"{found.reason}; learned P(alarm) {p_alarm:.2f}", learned_only=True)
        return found
    if p_alarm >= thresholds.alarm:
        if reading.noise_only and p_emergency < thresholds.emergency_unnamed:
            return found  # "my neck gets kinda crunchy looking up, is that normal": a noise, not a sign
        kinds = learned_kinds(reading.message)
        # with no word of any kind of emergency in it, the learned reader alone needs to be surer
        needed = thresholds.emergency if kinds else thresholds.emergency_unnamed
        level = Level.EMERGENCY if p_emergency >= needed else Level.ASK
        kinds = kinds if level is Level.EMERGENCY else ()
        why = f"learned: P(alarm) {p_alarm:.2f}, P(emergency) {p_emergency:.2f}"
        return Assessment(level, kinds, why, learned_only=True)
    if reading.noise_only:
        return found
    if found.level is Level.NONE and not reading.pain_set_aside and probs.get("pain", 0.0) >= thresholds.pain:
        return Assessment(Level.PAIN, (), f"learned: P(pain) {probs['pain']:.2f}")
    return found
