"""The context readers: who, when and whether a mention in a message counts (ConText-style).

Each reader looks at a mention (a span of the normalised text) with the cue tables of
:mod:`triage.cues`: cues scope over the mention's clause (or sentence, for who) as in ConText.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from triage import cues
from triage.text import Segments, normalise


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_IDIOMS = _compile(cues.IDIOMS)
_OTHER = _compile(cues.OTHER_PERSON)
_SELF = _compile(cues.SELF_PERSON)
_OTHER_AFTER = _compile(cues.OTHER_PERSON_AFTER)
_RELATIVE_CLAUSE_GAP = re.compile(cues.RELATIVE_CLAUSE_GAP)
_HISTORICAL = _compile(cues.HISTORICAL)
_STILL_NOW = _compile(cues.STILL_NOW)
_WEEKS_AGO = _compile(cues.WEEKS_AGO)
_RESOLVED = _compile(cues.RESOLVED)
_PAST = _compile(cues.PAST_TENSE)
_RECENT = _compile(cues.RECENT)
_RESOLVED_AT_ONCE = _compile(cues.RESOLVED_AT_ONCE)
_OWN_NEGATIVES = _compile(cues.OWN_NEGATIVES)
_GENERAL_NEGATIVES = re.compile(cues.OWN_NEGATIVES[1])
"""The negatives inside the general emergencies ("don't see the point"): no denial of what follows them."""
_PSEUDO = _compile(cues.PSEUDO_NEGATION)
_NEGATION = _compile(cues.NEGATION)
_ALL_CLEAR = _compile(cues.ALL_CLEAR_AFTER)
_HYPOTHETICAL = _compile(cues.HYPOTHETICAL)
_HEDGED = _compile(cues.HEDGED)
_GENERAL_QUESTION = _compile(cues.GENERAL_QUESTION)
_FIRST_PERSON = _compile(cues.FIRST_PERSON)
_ASKING_IN_GENERAL = _compile(cues.ASKING_IN_GENERAL)
_OWN_BODY = _compile(cues.OWN_BODY)
_DOUBT = _compile(cues.DOUBT)
_KNOWN_UNCHANGED = _compile(cues.KNOWN_UNCHANGED)
_STILL_THERE = re.compile(r"\bstill (there|here|present|have it|got it)\b")
"""Unchanged but still there ("same as always, still there"): worth the question, not set aside."""
_FIRST_TIME = re.compile(
    r"\b(first time|never (done|had|happened)|never before|brand new|new for me|getting worse|worse (now|lately|"
    r"today))\b"
)
_RESOLVED_FOR_OTHER = _compile(cues.RESOLVED_FOR_OTHER)
_QUESTION_AFTER = _compile(cues.QUESTION_AFTER)
_NOW_IN_MESSAGE = _compile(cues.NOW_IN_MESSAGE)
_SELF_IN_MENTION = re.compile(r"(i|im|ive)\b")
_PET = re.compile(r"\b(cat|cats|dog|dogs|puppy|kitten|pet|pets|horse|bird|hamster|rabbit|bunny|parrot|vet)\b")
_PERSON = re.compile(
    r"\b(he|she|him|her|hes|shes|son|daughter|kid|child|baby|mom|mum|dad|husband|wife|partner|friend|brother|sister|"
    r"grandma|grandpa|neighbou?r|coworker|boss|guy|man|woman|lady|girl|boy|someone|somebody|person)\b"
)
_STILL_AFTER = re.compile(r"\b(still|again|keeps?|keeping)\b")
_STALE_FOR_OTHER = _compile(cues.STALE_FOR_OTHER)
_REPORTED_FOR_OTHER = _compile(cues.REPORTED_FOR_OTHER)


class Discard(StrEnum):
    """Why a mention does not count (ConText's modifiers, plus idioms, which are blanked first)."""

    OTHER_PERSON = "other person"
    HISTORICAL = "long ago"
    RESOLVED = "over now"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"


def blank_idioms(text: str) -> str:
    """The text with idioms overwritten by spaces, so positions stay and no symptom is found in them."""
    return _IDIOMS.sub(lambda m: " " * len(m.group()), text)


@dataclass(frozen=True)
class Message:
    """A message read once: normalised, idioms blanked, cut into sentences and clauses."""

    raw: str
    idioms: bool = True  # blank idioms (the bench turns this off to measure a reader without them)

    @cached_property
    def text(self) -> str:
        """Normalised text with idioms blanked (same length as the normalised text)."""
        text = normalise(self.raw)
        return blank_idioms(text) if self.idioms else text

    @cached_property
    def segments(self) -> Segments:
        """Sentence and clause boundaries of :attr:`text`."""
        return Segments.of(self.text)

    def clause_before(self, start: int, end: int) -> str:
        """The mention's clause up to the mention."""
        return self.text[self.segments.clause(start, end)[0] : start]

    def clause_after(self, start: int, end: int) -> str:
        """The mention's clause after the mention."""
        return self.text[end : self.segments.clause(start, end)[1]]

    def clause_text(self, start: int, end: int) -> str:
        """The whole clause around the mention."""
        begin, stop = self.segments.clause(start, end)
        return self.text[begin:stop]


def whose(message: Message, start: int, end: int) -> bool:
    """WHO: True when the speaker owns the mention: the last person named before it in its sentence,
    unless the clause goes on to name someone else ("a fever in my dog")."""
    if _SELF_IN_MENTION.match(message.text[start:end]):
        return True  # "... with my granddaughter, and I tripped": the mention names its owner
    before = message.text[message.segments.sentence(start, end)[0] : start]
    last_other = max((m.end() for m in _OTHER.finditer(before)), default=-1)
    last_self = max(
        (m.end() for m in _SELF.finditer(before) if not _describes_other(before, last_other, m.start())), default=-1
    )
    if _OTHER_AFTER.search(message.clause_after(start, end)):
        return False
    return last_other < 0 or last_self > last_other


def _describes_other(before: str, other_end: int, self_start: int) -> bool:
    """An "I" right after the other person opens a clause about them ("the horse I ride")."""
    return 0 <= other_end <= self_start and bool(_RELATIVE_CLAUSE_GAP.match(before[other_end:self_start]))


def long_ago(message: Message, start: int, end: int) -> bool:
    """WHEN: the mention's clause places it long ago ("ten years ago", "last spring") and not still now."""
    clause = message.clause_text(start, end)
    sentence_end = message.segments.sentence(start, end)[1]
    if sentence_end + 2 < len(message.text):  # and the sentence after it: "... ten years. It hasn't changed."
        sentence_end = message.segments.sentence(sentence_end + 1, sentence_end + 2)[1]
    known = _KNOWN_UNCHANGED.search(message.text, end, sentence_end)
    if known and not _FIRST_TIME.search(message.text) and not _STILL_THERE.search(message.text, end):
        return True  # "a bit weak ever since the kids were born, the doctor knows about it, nothing new"
    if _WEEKS_AGO.search(clause) and not _STILL_NOW.search(clause):
        return not _STILL_NOW.search(message.text, end)  # "a fall three weeks ago ... still sore": not over
    if _HISTORICAL.search(clause):
        return not _STILL_NOW.search(clause)
    # "Back in 2020 I went to the ER because I couldn't pee": the time leads the sentence of a past story
    begin = message.segments.sentence(start, end)[0]
    before = message.text[begin:start]
    times = [m for m in _HISTORICAL.finditer(before) if not _HABIT_OR_HISTORY.fullmatch(m.group())]
    if not times or not _PAST.search(before):
        return False
    since_then = before[times[-1].end() :]
    return not _TURN_TO_NOW.search(since_then) and not _NOW_AGAIN.search(message.text[begin:])


_HABIT_OR_HISTORY = re.compile(r"used to|history of")
"""Not a time: "I'm used to it", "a history of cancer"."""
_TURN_TO_NOW = re.compile(r"\b(but|this (is|time)|now|different|new)\b")


_NOW_AGAIN = re.compile(
    r"\b(and|but) now\b|\bnow (i|im|it|its|my|theres|there is)\b|\b(today|tonight|yesterday|again|since|lately|"
    r"recently|still|keeps?|getting worse|getting weaker|getting number)\b|\bthis (morning|week|afternoon|evening)\b|"
    r"\bover the (last|past) (few |couple( of)? )?(days|weeks|months)\b"
)


def weeks_ago(message: Message, start: int, end: int) -> bool:
    """WHEN: the mention's clause places it weeks ago ("a fall on the ice three weeks ago"): not over if
    it still is, but no longer the minutes-old injury that makes pain with it an emergency."""
    return bool(_WEEKS_AGO.search(message.clause_text(start, end)))


_CONCERN = re.compile(
    r"\b(is (that|this|it) (normal|bad|serious|a problem|a worry|dangerous)|should i (be )?(worried|worry|stop|"
    r"keep going|"
    r"carry on|sit( down)?)|do i need to (worry|stop|see))\b"
)
_HABITUAL = re.compile(r"\b(when|whenever|sometimes|every time|if i|gets|goes|go|tends to|usually|by end of)\b")
_NOT_NOW_AFTER = re.compile(
    r"\bnot (right )?now\b(?! (but|and))|\bnot (at the moment|today|currently|at the minute)\b|"
    r"\b(none|nothing) (now|right now|today)\b|\bnothing to do with (now|today|right now|this|the stretch\w*)\b"
)


def over_now(message: Message, start: int, end: int) -> bool:
    """WHEN: a past-tense mention followed later by an all-clear ("I tripped but I'm fine"), unless it
    was recent ("I had a fall yesterday but I feel ok" is still worth asking about); or one that went
    away at once ("pins and needles earlier, went away as soon as I stood up")."""
    clause = message.clause_text(start, end)
    if _CONCERN.search(message.text):
        return False  # "got a little dizzy coming up, is that normal. it went away": asked about, not settled
    if _HABITUAL.search(clause) and _NOT_NOW_AFTER.search(message.text, end):
        return True  # "my chest gets tight when im stressed about work but not now, im chill"
    at_once = _all_clear(_RESOLVED_AT_ONCE, message.text, end)
    if at_once is not None:
        return not _hedged_all_clear(message, at_once)
    resolved = _all_clear(_RESOLVED, message.text, end)
    if resolved is not None and _hedged_all_clear(message, resolved):
        return False  # "seems better now? maybe", "I think the feeling is coming back": not settled
    if resolved is None or _STILL_AFTER.search(message.text, resolved.end()):
        return False  # "I went down, I'm okay, but I still can't get them to hold me"
    # "I had a fall yesterday but I feel ok": recent before the all-clear ("... xrays fine, today just
    # normal stiffness": the "today" after it is the all-clear's own time)
    recent = _RECENT.search(message.text, message.segments.sentence(start, end)[0], resolved.start())
    return bool(_PAST.search(clause)) and not recent


_NEGATED_BEFORE = re.compile(
    r"\b(not|never|isnt|isn't|aint|ain't|wont|won't|hasnt|hasn't|havent|haven't|"
    r"doesnt|doesn't|didnt|didn't|dont|don't|nowhere near|far from)( really| quite| yet| just| even)?\s*$"
)


def _all_clear(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    """The first all-clear after ``pos`` that is not denied: "it's not going away now", "never went away",
    "not ok now" say the opposite of the words they contain."""
    for found in pattern.finditer(text, pos):
        if not _NEGATED_BEFORE.search(text[max(0, found.start() - 16) : found.start()]):
            return found
    return None


_HEDGED_CLEAR = re.compile(
    r"\b(seems?|i think|think|kinda|kind of|sort of|mostly|partly|a bit|maybe|not sure|i guess)\b|\?"
)


def _hedged_all_clear(message: Message, clear: re.Match[str]) -> bool:
    """An all-clear said with doubt: "seems better now? maybe", "I think it's coming back"."""
    begin, stop = message.segments.sentence(clear.start(), clear.end())
    before = message.text[max(begin, clear.start() - 25) : clear.start()]
    after = message.text[clear.end() : min(stop + 8, clear.end() + 12)]
    return bool(_HEDGED_CLEAR.search(before) or _HEDGED_CLEAR.search(after))


_CAUSES = {name: re.compile(pattern) for name, pattern in cues.HARMLESS_CAUSES.items()}
_TIRED = re.compile(cues.TIRED_MENTION)
_NOT_EXPLAINED = re.compile(cues.NOT_EXPLAINED)
_UNSURE_OR_BOTH = re.compile(r"\b(both|might|maybe|could be|not sure|i think|probably|guess)\b")


def explained(message: Message, start: int, end: int, flag_id: str) -> bool:
    """WHY: an ordinary cause said with the mention explains it ("feet go numb from the cold in the barn",
    "legs are dead after leg day", "chest hurts... from laughing"), for the red flags that cause can explain
    (``cues.HARMLESS_CAUSE_OF``), unless the sign stays ("still numb since yesterday")."""
    causes = cues.HARMLESS_CAUSE_OF.get(flag_id, ())
    if not causes or _NOT_EXPLAINED.search(message.text):
        return False
    begin, stop = message.segments.sentence(start, end)
    near = message.text[begin : max(stop, min(len(message.text), end + 40))]  # "chest hurts... from laughing"
    for cause in causes:
        if cause == "exertion" and not _TIRED.search(message.text, start, end):
            continue
        if cause == "rising" and not _HABITUAL.search(near):
            continue  # "dizzy now, I stood up too fast" is dizzy now: stop and rest
        if cause == "pressure" and _UNSURE_OR_BOTH.search(near):
            continue  # "both feel tingly... might be because I was sitting cross-legged": a question, not settled
        if _CAUSES[cause].search(near):
            return True
    return False


def negated(message: Message, start: int, end: int) -> bool:
    """WHETHER: a negation before the mention in its clause ("no numbness", "legs aren't numb"),
    or an all-clear right after it ("I can control my bladder fine")."""
    before = _PSEUDO.sub(" ", _GENERAL_NEGATIVES.sub(" ", message.clause_before(start, end)))
    inside = _PSEUDO.sub(" ", _OWN_NEGATIVES.sub(" ", message.text[start : end + 12]))[: end - start]
    after = message.clause_after(start, end)
    all_clear = bool(_ALL_CLEAR.search(after)) and not _QUESTION_AFTER.search(after)
    return bool(_NEGATION.search(before) or _NEGATION.search(inside) or all_clear)


def hypothetical(message: Message, start: int, end: int) -> bool:
    """WHETHER: a hypothetical or an information question before the mention ("what if it hurts"), or
    a general question with no "I" or "my" in it ("is back pain with fever serious?"), or a mention
    that is not of the writer's own body in a message that asks in general (a professional, something
    read or seen: ``cues.ASKING_IN_GENERAL``)."""
    if _HYPOTHETICAL.search(_DOUBT.sub(" ", message.clause_before(start, end))):
        return True
    if (
        _ASKING_IN_GENERAL.search(message.text)
        and not _OWN_BODY.search(message.text)
        and not _NOW_IN_MESSAGE.search(message.text)
    ):
        return True
    begin, stop = message.segments.sentence(start, end)
    sentence = message.text[begin:stop]
    general = bool(_GENERAL_QUESTION.search(sentence)) and not _FIRST_PERSON.search(sentence)
    return general and not _NOW_IN_MESSAGE.search(sentence)  # "is it normal that one leg ... since this started?"


def hedged(message: Message, start: int, end: int) -> bool:
    """A possible symptom rather than a clear one: now and then, a bit, or asked about ("is it normal")."""
    return bool(_HEDGED.search(message.clause_text(start, end)))


Reader = Callable[[Message, int, int], "Discard | None"]
"""Decides why a mention does not count; :func:`discard` is the product's, the bench plugs in ConText."""


def discard(message: Message, start: int, end: int) -> Discard | None:
    """Why the mention at text[start:end] does not count, or None when it is the speaker's, now and real."""
    if not whose(message, start, end):
        return Discard.OTHER_PERSON
    if negated(message, start, end):
        return Discard.NEGATED
    if hypothetical(message, start, end):
        return Discard.HYPOTHETICAL
    if long_ago(message, start, end):
        return Discard.HISTORICAL
    if over_now(message, start, end):
        return Discard.RESOLVED
    return None


def discard_for_other(message: Message, start: int, end: int, *, hedges: bool = True) -> Discard | None:
    """Why someone else's mention is no emergency of theirs now, or None when it is.

    A mention counts when it is another person's ("my son took ..."), now and real: not negated,
    hypothetical, long ago, over, hedged ("my dad sometimes gets chest pain"), nor a bare past
    ("my mom had a stroke") without a word that makes it recent ("earlier", "just", "today").
    """
    if whose(message, start, end):
        return Discard.HYPOTHETICAL  # the speaker's own: read by :func:`discard`, not here
    for reader in (negated, hypothetical, over_now):
        if reader(message, start, end):
            return Discard(_READER_REASON[reader.__name__])
    if _HISTORICAL.search(message.clause_text(start, end)):  # "still" does not make someone else's history now
        return Discard.HISTORICAL
    if hedges and hedged(message, start, end):
        return Discard.HYPOTHETICAL
    sentence_start, sentence_end = message.segments.sentence(start, end)
    sentence = message.text[sentence_start:sentence_end]
    ongoing = _FIRST_TIME.search(message.text) or _EVER_SINCE.search(message.text)  # "first time ever", "ever since"
    if _REPORTED_FOR_OTHER.search(message.text) and not ongoing:
        return Discard.OTHER_PERSON
    settled = _RESOLVED_FOR_OTHER.search(message.text, end) or (
        _PAST.search(sentence) and _all_clear(_RESOLVED, message.text, end)
    )
    if settled and not _STILL_AFTER.search(message.text, settled.end()) and not _hedged_all_clear(message, settled):
        return Discard.RESOLVED  # "my daughter fainted at school yesterday, they said dehydration, she's fine"
    if _PET.search(message.text) and not _PERSON.search(message.text):
        return Discard.OTHER_PERSON  # "my cat had a seizure last night": a vet's, not 911
    if _STALE_FOR_OTHER.search(message.clause_text(start, end)) and not _RECENT.search(sentence):
        return Discard.HISTORICAL
    return None


_EVER_SINCE = re.compile(r"\b(ever since|since then|since (the|that|his|her|their) (fall|accident|crash))\b")
"""Someone else's complaint that began with something new: "fell last week... complaining about his back ever since"."""


_READER_REASON = {
    "negated": Discard.NEGATED.value,
    "hypothetical": Discard.HYPOTHETICAL.value,
    "over_now": Discard.RESOLVED.value,
}
