"""A question about the form of the step in progress: "wrists under shoulders or in front?", "do my shoulders
stay down?", "is my back supposed to be flat".

The clinic's guide gives each step in a sentence or two and no more detail on form; it says a medical
professional can help you achieve proper form. So the answer is the current step's own words, that the
guide says no more than that, and the clinic's number; nothing is added to the guide's words, and the
place is kept.
"""

from __future__ import annotations

import re

from pacing.replies import keep_place, phone_speech, phone_text
from pacing.reply import Reply, join
from pacing.routine import Moment, Routine
from stretch_content import Content

_PART = re.compile(
    r"\b(hands?|palms?|fingers?|wrists?|arms?|elbows?|shoulders?|shoulder blades?|neck|head|chin|eyes|gaze|"
    r"back|spine|lower back|upper back|stomach|belly|tummy|abs|core|hips?|pelvis|butt|bum|bottom|knees?|legs?|"
    r"thighs?|feet|foot|toes?|heels?|ankles?)\b"
)
_POSITION = re.compile(
    r"\b(under(neath)?|in front|behind|in line|line(d)? up|above|below|over|apart|together|wide|width|"
    r"flat|straight|level|arch(ed|ing)?|round(ed)?|curve(d)?|tuck(ed)?|bent|bend|lock(ed)?|"
    r"stay|staying|kept|keep|down|up|forward|back(ward)?s?|where|which way|how far|how high|how low|angle|"
    r"supposed to|meant to|should (it|they|my|i)|touch(ing)?|point(ing)?|face|facing|relaxed?|tense)\b"
)
_QUESTION = re.compile(
    r"\?|^\W*(so |ok |okay |um+ |and |wait |quick q\w* )?(is|are|do|does|should|shall|can|where|which|how|am|"
    r"must|what about|or)\b|\b(supposed to|meant to|or (in front|behind|bent|straight|flat|up|down))\b"
)
_SENSATION = re.compile(
    r"\b(hurt\w*|pain\w*|ache\w*|aching|sore|click\w*|pop\w*|crack\w*|tingl\w*|numb\w*|burn\w*|pull\w*|"
    r"twinge\w*|feel\w*|felt|normal|ok if|okay if|is it bad)\b"
)


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def asks_about_form(text: str) -> bool:
    """A question about where a body part goes or how it is held ("wrists under shoulders or in front?");
    not about a sensation ("is it ok if my knee clicks?": that is a body question no chat can assess)."""
    low = _plain(text)
    if _SENSATION.search(low):
        return False
    parts = _PART.findall(low)
    if not parts:
        return False
    rest = _PART.sub(" ", low)  # "back" as the body part is not "back" as a direction
    return bool(_QUESTION.search(low)) and bool(_POSITION.search(rest))


def step_words(moment: Moment) -> str:
    """The current step's own words: its instruction and caution; a hold, the instruction it holds."""
    routine = Routine.of(moment)
    shown = moment
    index = moment.index
    while shown.text is None and (earlier := routine.before(index)) is not None:  # a hold: the pose it holds
        index = earlier
        shown = routine.at(index)
    return " ".join(s for s in (shown.text, shown.caution) if s)


def form_answer(content: Content, moment: Moment) -> Reply:
    """The step's words from the clinic's guide, that it says no more, who can help with form, and the place."""
    clinic = content.clinic
    lead = (
        f'The guide says: "{step_words(moment)}" It doesn\'t say more than that about your form. '
        "A medical professional can help you achieve proper form:"
    )
    answer = Reply(text=f"{lead} {phone_text(clinic)}.", speech=phone_speech(clinic, lead))
    return join(answer, keep_place(moment))
