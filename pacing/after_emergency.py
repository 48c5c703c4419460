"""After emergency advice: what the person says next, read so the advice neither vanishes nor locks them out.

Live testers found both: a question about where to go ("could my wife drive me to urgent care instead?")
was answered as a safety question about stretching, with the stretches offered; and once they had been
seen ("back from the ER, nothing broke"), every message, days later too, got "Please get help now".
Here: a question about where to go is answered with the advice itself; having been seen by someone
settles it (what that doctor said comes first); a denial of what was read ("I do not have chest pain")
settles advice that only the learned reader gave; and the advice stands for ``ADVICE_STANDS``, after
which a stretch asked for goes through the screen before exercise like any other.

Plain Python, no Rasa: the clock is passed in.
"""

from __future__ import annotations

import re
from datetime import timedelta

from pacing.replies import phone_text, way_forward
from pacing.reply import Reply, join
from stretch_content import Clinic, Content, EmergencyResource

ADVICE_STANDS = timedelta(hours=12)
"""How long emergency advice stands without anything said about it: the one setting for it."""


def stands(advised_at: float | None, now: float, interval: timedelta = ADVICE_STANDS) -> bool:
    """Whether advice given at ``advised_at`` (seconds since the epoch; None: given, time unknown) still stands."""
    if advised_at is None:
        return True
    return 0 <= now - advised_at <= interval.total_seconds()


_PLACES = (
    r"(er|e r|emergency( room| department)?|hospital|urgent care|a ?and ?e|the doctors?|my doctor|the clinic|mercy|ed)"
)
_SEEN = re.compile(
    rf"\b(back|home|just came|came back|got back|returned) (from|out of) (the )?{_PLACES}\b|"
    rf"\b(went|been|i was|was) (to|at|in) (the )?{_PLACES}\b[^.?!]{{0,60}}\b(said|told|checked|fine|ok|okay|nothing|"
    r"xrays?|x rays?|scan|sent me home)\b|"
    r"\b(they|the doctor|the doc|doctor|doc|the er|er doctor|the nurse|paramedics|ambulance (crew|people))"
    r"( at the \w+)? (checked|examined|looked at|saw|cleared) me\b|"
    r"\b(i was|i got|i have been|ive been|been|got) (seen|checked( out)?|examined|cleared)\b|"
    r"\b(they|the doctor|doctor|doc|er doctor) (said|says|told me) (i was|im|i am|it was|its) (fine|ok|okay|nothing|"
    r"just|only|a bruise|bruised)\b|\bnothing (was )?(broke|broken)\b"
)
"""Having been seen since the advice: "back from mercy, they took x-rays, nothing broke", "they checked me"."""

_WHERE = re.compile(
    r"\b(urgent care|walk[- ]in|er|e r|emergency room|hospital|ambulance|911|drive me|take me|drive him|drive her|"
    r"take him|take her|go in|go to)\b"
)
_ASKING = re.compile(
    r"\?|\b(can|could|should|do i|do we|does (it|he|she)|would|or|instead|enough|have to|need to|must)\b"
)

_DENIAL = re.compile(
    r"\b(i )?(do not|dont|did not|didnt|never) (have|say|said|mean|meant|feel)\b|\bi (have|had) no\b|"
    r"\bnot (what i (said|meant)|me)\b|\b(no|nope|nah),? (i|im|that|its|it was)\b|\bwrong\b|\bmisread\b|"
    r"\bnothing like that\b|\bim (fine|ok|okay)\b"
)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9?]+", " ", text.lower().replace("'", "").replace("\u2019", "")).split())


def been_seen(text: str) -> bool:
    """ "back from the ER, they took x-rays, nothing broke", "I just came from the emergency room, they checked me"."""
    return bool(_SEEN.search(_plain(text)))


def asks_where_to_go(text: str) -> bool:
    """ "could my wife drive me to urgent care instead?", "is urgent care enough or does it have to be the ER"."""
    plain = _plain(text)
    return bool(_WHERE.search(plain)) and bool(_ASKING.search(plain)) and not been_seen(text)


def denies(text: str) -> bool:
    """ "what?! I do not have chest pain", "no, I never said that": what was read is not what they have."""
    return bool(_DENIAL.search(_plain(text)))


def where_to_go(clinic: Clinic, call_911: EmergencyResource) -> Reply:
    """A question about where to go, right after the advice: the advice, plainly, as the answer."""
    text = (
        "For what you described, the advice is the emergency room, not waiting or a stretch: if someone can "
        f"take you to the nearest emergency room now, go; otherwise call {call_911.number}. {clinic.emergency}"
    )
    return Reply.plain(text, reprompt=clinic.emergency)


def seen(clinic: Clinic) -> Reply:
    """Seen since the advice: what that doctor said comes first; the stretches later, after the safety check."""
    text = (
        "I'm glad you've been seen. Follow what the doctor who saw you said, and don't stretch until they say "
        "it's okay. When you're ready, I'll ask the safety check again before any stretch. A back pain "
        f"specialist can follow up: {phone_text(clinic)}."
    )
    return Reply.plain(text)


def misread(content: Content) -> Reply:
    """A denial of what only the learned reader read: sorry, the signs once more, and what they can do."""
    text = (
        "Sorry, I read that wrong. If you do have any of these right now: "
        f"{content.clinic.red_flags}, please get emergency care."
    )
    return join(Reply.plain(text), way_forward(content, None))
