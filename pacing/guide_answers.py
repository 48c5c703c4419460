"""Questions about the stretches the clinic's guide answers only in part: which one is easiest, bed or floor.

The guide ranks no stretch by difficulty and names no surface to do them on; it does give the Forward
Fold an easier version, and its steps say where the hands, knees and back go. So the answer is what the
guide says, that it doesn't say the rest, and who can: the clinic's specialists, with the number.
"""

from __future__ import annotations

import re

from pacing import session_time
from pacing.replies import BOOK, keep_place, phone_speech, phone_text, stretch_choices, which_one
from pacing.reply import Reply, join
from pacing.routine import Moment
from stretch_content import Content, StepKind, Stretch


def variations(stretch: Stretch) -> tuple[str, ...]:
    """The guide's own easier versions of a stretch (its variation steps), word for word."""
    return tuple(s.text for s in stretch.steps if s.kind is StepKind.VARIATION and s.text)


_RANKING = re.compile(
    r"\b(eas[iy]+e?st|eas[iy]+er one|simplest|gentle?i?e?st|most gentle|"
    r"least (hard|intense|difficult|strenuous|painful)|hardest|toughest|"
    r"most (difficult|intense|strenuous)|beginners?|newbies?|start(er)? with|good first|first timers?|"
    r"less (hard|difficult|intense) one|low(est)? impact|mildest|softest|easy ones?|the easy|not (very )?flexible|"
    r"kindest|safest|least strain\w*|easiest on)\b",
    re.IGNORECASE,
)
_WHICH = re.compile(r"\b(which|what|whats|what's|wich|wat|any|best|recommend|should i)\b", re.IGNORECASE)


def asks_which_is_easiest(text: str) -> bool:
    """ "which one is the easyest", "what's best for a beginner": a ranking the guide doesn't give."""
    if _NOT_A_RANKING.search(text):  # "which side do I start with?", "how long is each hold": the step's
        return False
    return bool(_RANKING.search(text)) and bool(_WHICH.search(text))


_NOT_A_RANKING = re.compile(r"\b(sides?|hold|holds|seconds?|secs?|reps?|rounds?|breath\w*)\b", re.IGNORECASE)


def easiest(content: Content, moment: Moment | None) -> Reply:
    """No ranking in the guide: it says so, gives the easier version it does have, and who can advise."""
    clinic = content.clinic
    given = [(s, v) for s in content.stretches for v in variations(s)]
    easier = " ".join(f'For the {s.name} it gives an easier version: "{v}"' for s, v in given)
    lead = (
        f"The clinic's guide doesn't rank the stretches by how easy or hard they are. {easier} "
        "Which one suits your back is a question for a specialist:"
    )
    answer = Reply(text=f"{lead} {phone_text(clinic)}.", speech=phone_speech(clinic, lead))
    if moment is not None:
        return join(answer, keep_place(moment))
    offer = f"Or pick one to try, and stop if anything hurts. {which_one(content)}"
    return join(answer, Reply.plain(offer, choices=(*stretch_choices(content), BOOK), reprompt=which_one(content)))


_SURFACE = re.compile(
    r"\b(beds?|mat|yoga mat|carpet|rug|mattress|couch|sofa|towel|blanket|surface|(on|or|onto) (the )?(floor|ground)|"
    r"floor or|get down (on|to)|down on the)\b",
    re.IGNORECASE,
)
_BODY_ON_FLOOR = re.compile(r"\b(hands?|fingers?|fingertips|palms?|stomach|belly|tummy)\b", re.IGNORECASE)


def asks_about_surface(text: str) -> bool:
    """ "bed or the floor?", "can i do it on my bed": where to lie or kneel, which the guide doesn't say.

    Hands or fingertips on the floor are the Forward Fold's own step ("can I put my hands on the floor?").
    """
    found = _SURFACE.search(text)
    if found is None:
        return False
    return not (re.search(r"\b(floor|ground)\b", found.group(0), re.IGNORECASE) and _BODY_ON_FLOOR.search(text))


def _where_words(stretch: Stretch) -> str:
    """The guide's sentences that place the body for ``stretch``: those naming the floor, else its first step."""
    texts = [(s.text or "").format(side="right", other_side="left") for s in stretch.steps if s.text]
    floor = [t for t in texts if re.search(r"\bfloor\b", t, re.IGNORECASE)]
    return " ".join(dict.fromkeys([texts[0], *floor])) if texts else ""


def surface(content: Content, stretch: Stretch | None, moment: Moment | None) -> Reply:
    """ "May I do it on my bed, or must it be the floor?": the guide's own words, and that it doesn't say."""
    clinic = content.clinic
    if stretch is None and moment is not None:
        stretch = moment.stretch
    if stretch is None:
        said = " ".join(f"{s.name}: {_where_words(s)}" for s in content.stretches)
        lead = f"The clinic's guide doesn't say whether to do the stretches on a bed or the floor. What it says: {said}"
    else:
        lead = (
            f"The clinic's guide doesn't say whether to do the {stretch.name} on a bed or the floor. "
            f"What it says: {_where_words(stretch)}"
        )
    lead += " A specialist can tell you what suits you:"
    answer = Reply(text=f"{lead} {phone_text(clinic)}.", speech=phone_speech(clinic, lead))
    if moment is not None:
        return join(answer, keep_place(moment))
    if stretch is None:
        return join(answer, Reply.plain(which_one(content), choices=(*stretch_choices(content), BOOK)))
    offer = f"Would you like to try the {stretch.name}?"
    return join(answer, Reply.plain(offer, choices=(*stretch_choices(content), BOOK), reprompt=offer))


_POSITION = re.compile(
    r"\b(standing|stand up|stood|upright|on my feet|sitting|seated|sit down|in a chair|lying|lie down|lay down|"
    r"on my back|kneel\w*|on my knees|all fours|without (lying|getting down|kneeling|getting on the floor))\b",
    re.IGNORECASE,
)
_WHICH_ONE = re.compile(
    r"\b(which|wich)\b(?! (side|way|leg|knee))|\b(what|any)\b[^.?!]{0,30}\b(one|ones|stretch\w*|of them|can|could)\b",
    re.IGNORECASE,
)


def asks_which_position(text: str) -> bool:
    """ "which one can i do standing next to the truck?": which stretch is done in a position."""
    return bool(_POSITION.search(text)) and bool(_WHICH_ONE.search(text))


def positions(content: Content, moment: Moment | None) -> Reply:
    """How each stretch begins, in the guide's words, with its easier versions: the person sees which fits."""
    clinic = content.clinic
    lines = []
    for s in content.stretches:
        first = next((t.text for t in s.steps if t.text), "") or ""
        line = f"- {s.name}: {first.format(side='right', other_side='left')}"
        if given := variations(s):
            line += " " + " ".join(given)
        lines.append(line)
    lead = "Here is how each stretch starts, as the clinic's guide gives it:"
    tail = "For anything the guide doesn't describe, a specialist can help:"
    text = "\n".join([lead, *lines, f"{tail} {phone_text(clinic)}."])
    answer = Reply(text=text, speech=phone_speech(clinic, f"{lead} {' '.join(lines)} {tail}".replace("- ", "")))
    if moment is not None:
        return join(answer, keep_place(moment))
    return join(answer, Reply.plain(which_one(content), choices=(*stretch_choices(content), BOOK)))


_TIMING = re.compile(
    r"\b(morning|evening|night|bedtime|before bed|after work|before work|time of day|after (a )?(meal|eating|shower)|"
    r"first thing|after (my )?(chores|dinner|lunch|breakfast|shift|school|the gym|gym)|"
    r"before (my )?(shift|school|breakfast)|at night|in the (afternoon|evening)|"
    r"before (a )?(run|walk|workout|shower)|when (is it )?best|best time|every day|daily|twice a day|"
    r"times a (day|week)|each day)\b",
    re.IGNORECASE,
)


def asks_about_timing(text: str) -> bool:
    """ "Is it good to do this after work, or morning better?", "how often?": when to stretch, which the guide
    doesn't say."""
    return bool(_TIMING.search(text)) and bool(re.search(r"\?|\b(should|better|best|good|ok|okay|can)\b", text, re.I))


def timing(content: Content, moment: Moment | None) -> Reply:
    """When in the day, or how often: the guide doesn't say; what it does say, and who can advise."""
    clinic = content.clinic
    lead = (
        "The clinic's guide doesn't say what time of day to stretch or how often. What it does say: "
        f"{clinic.stop_if_it_hurts} A specialist can tell you what suits you:"
    )
    answer = Reply(text=f"{lead} {phone_text(clinic)}.", speech=phone_speech(clinic, lead))
    if moment is not None:
        return join(answer, keep_place(moment))
    return join(answer, Reply.plain(which_one(content), choices=(*stretch_choices(content), BOOK)))


def asks_to_pick(text: str) -> bool:
    """Whether ``pick_answer`` answers the message: quickest, easiest, in which position, or when."""
    return (
        session_time.asks_quickest(text)
        or asks_which_is_easiest(text)
        or asks_which_position(text)
        or asks_about_timing(text)
    )


def pick_answer(content: Content, text: str, moment: Moment | None) -> Reply | None:
    """A question about choosing among the stretches or doing them (quickest, easiest, standing, when), answered
    from the guide and the content; None when the message asks none of these."""
    if session_time.asks_quickest(text):
        return session_time.quickest(content, moment)
    if asks_which_is_easiest(text):
        return easiest(content, moment)
    if asks_which_position(text):
        return positions(content, moment)
    if asks_about_timing(text):
        return timing(content, moment)
    return None
