"""The command a message ends with, after chatter: "Anyhow. Next.", "ok prob not lol. next".

People tell a story or answer a question and then say where they want to go, in the last words of
the same message. The NLU reads the whole message (mostly chatter) and misses the command; this reads
only the end. Triage reads the whole message first, so "it hurts. next" is still a pain stop.
"""

from __future__ import annotations

import re
from typing import Literal

Command = Literal[
    "next", "back", "repeat", "pause", "progress", "book", "leave", "resume", "time", "stretches", "greet", "form"
]

_WORDS: dict[str, Command] = {
    "next": "next",
    "next step": "next",
    "next one": "next",
    "next please": "next",
    "ok next": "next",
    "okay next": "next",
    "siguiente": "next",
    "go back": "back",
    "previous": "back",
    "repeat": "repeat",
    "repeat that": "repeat",
    "again": "repeat",
    "brb": "pause",
    "be right back": "pause",
    "one sec": "pause",
    "one moment": "pause",
    "where was i": "progress",
    "where were we": "progress",
    "where am i": "progress",
    "n": "next",
    "nx": "next",
    "nxt": "next",
    "done": "next",
    "what now": "next",
    "now what": "next",
    "whats next": "next",
    "what's next": "next",
    "what next": "next",
    "and now": "next",
    "then what": "next",
    "\U0001f44d": "next",
    "\U0001f44c": "next",
    "\u2705": "next",
    "\u2714\ufe0f": "next",
    "done now": "next",
    "listo": "next",
}
_FILLER = re.compile(
    r"\b(please|pls|plz|thx|thanks|thank you|ty|lol|haha|ha|now|then|sorry|ok|okay|k|if you (please|would|will|could)|"
    r"kindly|dear|sir|ma'?am|mate|buddy|hun|fair enough|good enough|sounds good|got it|gotcha|alright|cool)\b"
)
_APOLOGY = re.compile(r"^(sorry|sry|oops|typo|autocorrect|my bad)\b.*$")
_CLAUSES = re.compile(r"[.!?,;:\n]+")


def _near_next(word: str) -> bool:
    """One letter off "next" ("nest", "mext", "nexy"): a typo, read as "next" only at a message's end."""
    if len(word) != 4 or word == "next":
        return False
    return sum(a != b for a, b in zip(word, "next", strict=True)) == 1 and word[0] in "nmb"


def _read(clause: str) -> Command | None:
    words = " ".join(clause.split())
    if words in _WORDS:
        return _WORDS[words]
    bare = " ".join(_FILLER.sub(" ", words).split())
    if bare in _WORDS:
        return _WORDS[bare]
    return "next" if _near_next(bare) else None


def read_command(clause: str) -> Command | None:
    """The navigation word one clause is ("next", "done", "go back", "nxt"), or None."""
    return _read(" ".join(clause.lower().split()))


def trailing_command(text: str) -> Command | None:
    """The navigation word a message ends with (its last clause), or None.

    "next sorry autocorrect" counts too: the command, then an apology for the one before.
    A bare message is left to the NLU; this is for the end of a longer one.
    """
    clauses = [c.strip() for c in _CLAUSES.split(text.lower()) if c.strip()]
    while len(clauses) > 1 and (_APOLOGY.match(clauses[-1]) or not _FILLER.sub(" ", clauses[-1]).strip()):
        clauses.pop()  # "next, sorry, typo"; "Next, please."
    if not clauses:
        return None
    last = clauses[-1]
    found = _read(last)
    if found is None:  # "done! that actually helped a bit"
        found = leading_command(text)
    if found is None:
        first, _, rest = last.partition(" ")
        if rest and _APOLOGY.match(rest):
            found = _read(first)
    return found


_REQUESTS: tuple[tuple[re.Pattern[str], Command], ...] = (
    (
        re.compile(
            r"\b(make|book|get|schedule|set up|need|want)\b[^.?!]{0,25}\b(appointment|appt|visit|consultation)s?\b"
            r"|\bbook me\b|\b(get|fit|book) me in\b|\bsee (someone|somebody|a specialist) at the clinic\b",
            re.IGNORECASE,
        ),
        "book",
    ),
    (re.compile(r"\b(where (was|were) (i|we)|where am i|what step (was|am) i)\b", re.IGNORECASE), "progress"),
    (re.compile(r"\b(what'?s|what is|what comes) (after|next after) (this|that)\b", re.IGNORECASE), "progress"),
    (
        re.compile(
            r"\b(come back|continue|finish|pick (it |this )?up|carry on|do the rest)\b[^.?!]{0,25}"
            r"\b(later|tomorrow|tomorow|tmrw|another (day|time)|next time)\b",
            re.IGNORECASE,
        ),
        "pause",
    ),
    (re.compile(r"\b(can|could|may) (we|i) (keep going|carry on|continue|go on)\b", re.IGNORECASE), "resume"),
    (
        re.compile(
            r"\b(i'?m done for (real|now|today)|i (think i )?(will |'ll )?stop (now|here)"
            r"|(gotta|got ta|got to|have to|need to|must|hafta|gonna have to) (go|run|dash|bounce|jet|leave|split|"
            r"head (out|off)|take off)\b|\b(gtg|g2g|ttyl|ttfn)\b|i'?ll just call (them|the clinic))",
            re.IGNORECASE,
        ),
        "leave",
    ),
    (
        re.compile(
            r"\b(brb|be right back|back in a (sec|minute|min|few)|hold on\b(?! ?to\b)|hang on\b(?! ?to\b)|"
            r"hold up\b(?! (my|your|the|both) (arms?|hands?|legs?))|"
            r"wait (please|pls|a (sec|second|minute|min|moment|bit))|(one|a|just a) (sec|second|moment|minute|min)\b|"
            r"gimme a (sec|minute|min)|give me a (sec|minute|min)|"
            r"(is|are|'s|s) (calling|crying|shouting|yelling) (me|for me|for mommy|for mummy|for mum|for mom)?|"
            r"(she'?s|he'?s|they'?re|baby'?s|kids?'?s?) (up|awake) again|"
            r"(door ?bell|phone) (is )?(ringing|rang|went))\b",
            re.IGNORECASE,
        ),
        "pause",
    ),
)


_REMARK = re.compile(
    r"\b(help(ed|s|ing)?|good|great|nice|better|easy|easier|fun|lol|haha|thanks?|thank you|thx|ty|not bad|wow|"
    r"loved?|awesome|cool|amazing|relaxing|lovely)\b",
    re.IGNORECASE,
)
_CONCERN = re.compile(
    r"\b(weird|odd|strange|funny feeling|sore|tight|hurt\w*|pain\w*|ach\w*|pull\w*|click\w*|pop\w*|numb\w*|"
    r"tingl\w*|dizz\w*|sick|bad|burn\w*|sharp|twinge\w*|worse)\b",
    re.IGNORECASE,
)
_LEADING: dict[str, Command] = {"done": "next", "next": "next", "finished": "next", "did it": "next", "ok done": "next"}


def leading_command(text: str) -> Command | None:
    """ "done! that actually helped a bit": a step command, then a remark about how it went (no question)."""
    clauses = [c.strip() for c in _CLAUSES.split(text.lower()) if c.strip()]
    if len(clauses) < 2 or "?" in text:
        return None
    first = " ".join(_FILLER.sub(" ", clauses[0]).split()) or clauses[0]
    command = _LEADING.get(first)
    rest = " ".join(clauses[1:])
    if command is None or _CONCERN.search(rest.replace("not bad", "")):  # "done, my knee feels weird": not a remark
        return None
    return command if _REMARK.search(rest) else None


_INSTEAD_OF_FALLBACK: tuple[tuple[re.Pattern[str], Command], ...] = (
    (
        re.compile(
            r"\b(am i|i'?m|im|is this|are we) (even |really )?(doing|do) (it|this|that)( stretch| step)? "
            r"(right|correctly|properly|wrong|ok)\b|\b(is|does) my (form|posture)\b",
            re.IGNORECASE,
        ),
        "form",
    ),
    (
        re.compile(r"^\W*(stop|quit|enough|i'?m done|im done|i quit)\b(?! (asking|saying|telling))", re.IGNORECASE),
        "leave",
    ),
    (
        re.compile(
            r"\b(got|have|only have|with|gimme|give me) (maybe |about |like |only |just |around )?"
            r"(\d{1,3}|a few|five|ten|fifteen|twenty|thirty) ?(min|mins|minutes)\b|\bhalf an? hour\b",
            re.IGNORECASE,
        ),
        "time",
    ),
    (
        re.compile(
            r"\b(show|give|teach|want|need|like|try|do|get|gimme)\b[^.?!]{0,20}\b(stretch(es|ing)?|exercises?)\b|"
            r"\b(time|up|ready|here|down) for (a |some )?(stretch(es|ing)?|exercises?)\b",
            re.IGNORECASE,
        ),
        "stretches",
    ),
)


_GREETING = re.compile(
    r"^\W*(good (morning|afternoon|evening|day)|morning|hello|hi|hey|hiya|howdy|greetings|salaam|salam|hola|"
    r"g'?day|yo)\b",
    re.IGNORECASE,
)


_ABOUT_US = re.compile(
    r"\b(back|spine|stretch\w*|help|website|site|page|clinic|coach|my name|found you|told me about)\b", re.IGNORECASE
)


def asked_instead_of_fallback(text: str) -> Command | None:
    """A request in a message the NLU found off-topic or did not understand: "back's stiff from 9 hrs in the
    seat. got maybe 10 min" asks what fits in the time; "my back hurts from work, show me stretch" the stretches;
    a message that opens with a greeting and says nothing the coach can place is a greeting.

    Read only for off-topic and not-understood messages (a suitability question keeps its own answer)."""
    if (command := asked_in_passing(text)) is not None:
        return command
    found = next((c for pattern, c in _INSTEAD_OF_FALLBACK if pattern.search(text)), None)
    if found is None and _GREETING.search(text) and _ABOUT_US.search(text):  # "Good morning. My name is Margaret"
        return "greet"
    return found


_ASKS_FOR_STRETCHES = re.compile(
    r"\b((show|give|teach|tell|send|gimme) me|i (want|wanna|need|would like|'?d like)( to)?|can (we|i|you|u)|"
    r"could (we|i|you|u)|let'?s|lets|any|what)\b[^.?!]{0,25}\b(stretch(es|ing)?|exercises?)\b",
    re.IGNORECASE,
)
_NOT_ASKING = re.compile(r"\b(can'?t|cannot|don'?t|dont|won'?t|not|never|too (sore|painful))\b", re.IGNORECASE)


def asks_for_stretches(text: str) -> bool:
    """ "my back hurts from work, show me stretch": an ache said beside a request for the stretches, which are
    answered as asked (the stretch itself starts only after the screen, and its notice says to stop if it hurts);
    "it hurts too much, i can't do any stretches" asks for none."""
    return bool(_ASKS_FOR_STRETCHES.search(text)) and not _NOT_ASKING.search(text)


_ASKS_OR_REQUESTS = re.compile(
    r"\?|^\W*(ok(ay)?|so|um|uh|hi|hey|well|and|also)?\W*(can|could|should|may|might|is|are|do|does|did|how|what|whats|"
    r"which|when|where|why|will|would|let'?s|lets|show|teach|guide|walk|start|begin|try|give|tell|help|please|pls)\b|"
    r"\b(can (i|we|u|you)|could (i|we|u|you)|should i|is it (ok|okay|safe|fine|alright)|(ok|okay|safe|fine) to|"
    r"i (want|wanna|need|would like|'?d like)|id like|help me|show me|teach me|guide me|walk me|let'?s|lets|"
    r"instead|what about|how about|any (tips|advice|other))\b",
    re.IGNORECASE,
)


def asks_or_requests(text: str) -> bool:
    """Whether a message asks for something ("can I do the fold with my back like this?", "show me the
    twist") rather than only tells it ("forward fold gives me a sharp twinge in my low back")."""
    return bool(_ASKS_OR_REQUESTS.search(text))


def done_with_remark(text: str) -> bool:
    """ "done! that actually helped a bit": finished, and saying how it went (at the end, a finish)."""
    first = _CLAUSES.split(text.lower().strip())[0].strip()
    return leading_command(text) == "next" and first.split()[:1] in (["done"], ["finished"], ["ok"])


def leaving(text: str) -> bool:
    """ "done? gotta run thx", "gtg": the person is leaving now, whatever else the message says."""
    return asked_in_passing(text) == "leave"


def asked_in_passing(text: str) -> Command | None:
    """A request said among other things ("I'll wait and ask my surgeon. Can you book me in?"), or None.

    Read only when the NLU gave a catch-all answer (off-topic, suitability, a body question): a booking,
    a break, "where was I", "can we keep going" or leaving are answered as what they are.
    """
    for pattern, command in _REQUESTS:
        if pattern.search(text):
            return command
    return None


_STOP_FIRST = frozenset(
    {"finish", "finished", "stop", "stop here", "im done", "i'm done", "all done", "that's it", "thats it"}
)


def stops_first(text: str) -> bool:
    """ "finish. Thank you. How I make appointment?": the stretch ends first, then the rest is answered."""
    clauses = [c.strip() for c in _CLAUSES.split(text.lower()) if c.strip()]
    return len(clauses) > 1 and " ".join(_FILLER.sub(" ", clauses[0]).split()) in _STOP_FIRST


_CONTACT = re.compile(
    r"\b(call\w*|ring\w*|phon\w*|numbers?|text\w*|messages?|email\w*|e-mail|reach|contact|remind\w*|let \w+ know|"
    r"tell (the|my|dr|doctor|nurse)|pass (it|this|that|on)|passed|callback|digits|\d{3}[-. ]?\d{4})\b",
    re.IGNORECASE,
)


def mentions_contact(text: str) -> bool:
    """Whether a message is about calls, numbers or messages at all (a callback request always is)."""
    return bool(_CONTACT.search(text))


_WHEN_TO_CALL = re.compile(
    r"\b(what time|when (can|do|should|could|would) (i|we)|hours|open|is there a (good )?time|best time|good time)\b"
    r"[^.?!]{0,40}\b(call|ring|phone|reach)\b|\b(call|ring|phone)\b[^.?!]{0,30}\b(what time|hours|open|weekends?)\b",
    re.IGNORECASE,
)


def asks_when_to_call(text: str) -> bool:
    """ "is there a time i can call, i sleep till 3pm": the clinic's hours, not a request to be called."""
    if re.search(r"\b(call|ring|phone) me\b|\bme back\b|\d{3}[-. ]?\d{4}", text, re.IGNORECASE):
        return False
    return bool(_WHEN_TO_CALL.search(text))
