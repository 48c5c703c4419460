"""Is it safe for me, can I change it: the clinic's own answer, and only what its guide says.

The guide says to consult a medical professional before these stretches; the assistant cannot judge a
person's surgery, pregnancy, condition or age, so it names who can (their surgeon, midwife or doctor,
or the clinic) and then what the person can do now. A change to a pose is answered from the content
(the Forward Fold's easier version is the guide's own step); any other change the guide doesn't cover,
and the answer says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from pacing.guide_answers import asks_about_surface, asks_to_pick, pick_answer, surface, variations
from pacing.replies import BOOK, keep_place, offer_stretch, phone_speech, phone_text, stretch_choices, which_one
from pacing.reply import Reply, join
from pacing.routine import Moment
from stretch_content import Content, StepKind, Stretch


class Situation(StrEnum):
    """Whose advice the person needs before stretching."""

    SURGERY = "surgery"
    PREGNANCY = "pregnancy"
    CONDITION = "condition"
    AGE = "age"
    GENERAL = "general"


_SITUATIONS: tuple[tuple[Situation, re.Pattern[str]], ...] = tuple(
    (situation, re.compile(pattern, re.IGNORECASE))
    for situation, pattern in (
        (
            Situation.SURGERY,
            r"\b(surg\w*|operat\w*|op\b|post[- ]?op|fusion|fused|replacement|replaced|laminectomy|discectomy|"
            r"microdiscectomy|kyphoplasty|vertebroplasty|spinal cord stimulator|rods?|screws|implant|hardware)",
        ),
        (
            Situation.PREGNANCY,
            r"\b(pregnan\w*|preggo|expecting|bump|trimester|midwife|weeks along|\d+ ?weeks?\b|baby|postpartum|"
            r"post[- ]partum|gave birth|c[- ]?section)",
        ),
        (
            Situation.CONDITION,
            r"\b(arthriti\w*|osteo\w*|scoliosis|stenosis|herniat\w*|bulg\w*|disc|disk|sciatica|spondyl\w*|"
            r"fibromyalgia|ms\b|multiple sclerosis|parkinson\w*|diabet\w*|blood pressure|heart condition|"
            r"condition|hypermobil\w*|ehlers|ankylos\w*|degenerat\w*|hip replacement|knee replacement|vertigo|"
            r"bad (knees?|hips?|wrists?|shoulders?|neck)|fractur\w*|aneurysm|glaucoma|myeloma|cancer|tumou?r|"
            r"(mini[- ]?)?strokes?|tia|epidural|(steroid|cortisone) (shot|injection)|injections?|blood thinners?|"
            r"warfarin|coumadin|eliquis|xarelto|anticoagul\w*|dialysis|lupus|hernia|dislocat\w*|pacemaker|copd|"
            r"epilep\w*|seizures|chemo\w*|transplant|kidney disease|heart (failure|disease|problems?|surgery)|"
            r"stents?|a-?fib|broke (my )?[lLtTcCsS]\d|(not|hasnt|hasn't|havent|haven't) (been )?cleared)",
        ),
        (
            Situation.AGE,
            r"\b(i'?m|im|i am|aged?)\s+(in my )?[5-9]\d\b|\b[5-9]\d ?(years? old|yo|y/o)\b|\b(elderly|senior|"
            r"old(er)? (lady|man|person|people|adults?)|too old|my age|at my age|retired)\b",
        ),
    )
)


_ASKS_IF_OK = re.compile(
    r"\b(can|could|may|should) (i|we|he|she|they|my \w+) (still )?(do|try|start|begin|use|go ahead)\b|"
    r"\b(if|whether) (i|we|he|she|they) (can|could|may|should) (still )?(do|try|start|begin)\b|"
    r"\b(are|is) (the |these |my |any )?stretch(es|ing)? (still )?(ok|okay|safe|alright|all right|fine)\b|"
    r"\b(is|are|would) (it|this|that|these|they|the \w+( \w+)?|any of (these|them|your stretches)|cat ?/? ?cow|"
    r"the (knee )?twist|the (forward )?fold)( stretch\w*)? (still )?(ok|okay|safe|alright|all right|fine|"
    r"a good idea)\b|"
    r"\b(ok|okay|safe|alright) (for me|for (him|her|them)|to (do|start|try|stretch|twist|bend))\b|"
    r"\bwhich (of (these|them|your stretches)|one|stretch)\w* (is|are|would be) (safe|ok|okay|best)\b|"
    r"\bgood idea for (me|him|her|them)\b",
    re.IGNORECASE,
)


_RECENT_SURGERY = re.compile(
    r"\b(\d+|a|one|two|three|four|five|six|few|couple( of)?) (days?|wks?|weeks?|months?) (post[- ]?op|after (my |the )?"
    r"(surgery|operation|op))\b",
    re.IGNORECASE,
)
"""A message that is only that ("3 wks post op"): to a stretch coach, it asks whether they may."""


def asks_if_safe_for_them(text: str) -> bool:
    """ "5 months pregnant, can I do these?", "hip replacement three weeks ago, can I do the knee twist": a
    surgery, pregnancy or condition the person names, and whether they may stretch with it. Answered with
    the guide's consult advice whatever the NLU made of it (a clinician would want that answer first)."""
    found = situations(text)
    named = any(s in found for s in (Situation.SURGERY, Situation.PREGNANCY, Situation.CONDITION))
    return named and bool(_ASKS_IF_OK.search(text) or _RECENT_SURGERY.search(text))


def situations(text: str) -> tuple[Situation, ...]:
    """What the person says about themselves that a medical professional must weigh, in a fixed order."""
    return tuple(s for s, pattern in _SITUATIONS if pattern.search(text))


_WHO: dict[Situation, str] = {
    Situation.SURGERY: "After surgery, ask your surgeon before doing any of them.",
    Situation.PREGNANCY: "In pregnancy or after giving birth, ask your midwife or doctor before doing any of them.",
    Situation.CONDITION: "With a condition like that, ask the doctor who looks after it before doing any of them.",
    Situation.AGE: "Age alone isn't something I can judge either: ask your doctor before doing any of them.",
    Situation.GENERAL: "Your own doctor can tell you.",
}


def suitability(content: Content, text: str, moment: Moment | None) -> Reply:
    """ "Are these safe for me?": the guide's consult advice, who to ask for this person, then what now."""
    clinic = content.clinic
    found = situations(text) or (Situation.GENERAL,)
    who = " ".join(_WHO[s] for s in found)
    lead = (
        "I can't tell whether these stretches are safe for you. The clinic's guide says: "
        f"{clinic.consult} {who} The clinic's back pain specialists can advise you too:"
    )
    answer = Reply(text=f"{lead} {phone_text(clinic)}.", speech=phone_speech(clinic, lead))
    return join(answer, _now(content, moment))


def _now(content: Content, moment: Moment | None) -> Reply:
    """What the person can do now: their place mid-routine, or reading through a stretch and booking."""
    stop = content.clinic.stop_if_it_hurts
    if moment is not None:
        return join(Reply.plain(f"If you carry on once you've checked: {stop.lower()}"), keep_place(moment))
    text = (
        "Meanwhile I can walk you through what each stretch involves, so you know what to ask about, "
        f"or tell you how to book. If you do try one: {stop.lower()} {which_one(content)}"
    )
    return Reply.plain(text, choices=(*stretch_choices(content), BOOK), reprompt=which_one(content))


_KNEES = re.compile(
    r"\b(bend(ing)?|bent|soft(en)?|flex|lock(ed)?|straight(en)?)\b[^.?!]{0,20}\b(knees?|legs?)\b|"
    r"\b(knees?|legs?)\b[^.?!]{0,25}\b(bent|bend|straight|locked)\b"
)
_SEATED = re.compile(r"\b(seated|sitting|sit|sat|chair|wheelchair|on the floor sitting)\b")
_EASIER = re.compile(r"\b(easier|easy version|simpler|gentler|less intense|modif\w*|variation|version|alternative)\b")
_CHAIR = re.compile(r"\b(chair|wheelchair|stool|sofa|couch)\b")


@dataclass(frozen=True)
class Change:
    """A change to a pose someone asks about, as far as the guide's own easier version reaches."""

    knees: bool
    seated: bool
    easier: bool
    chair: bool

    @classmethod
    def of(cls, text: str) -> Change:
        low = text.lower()
        return cls(
            knees=bool(_KNEES.search(low)),
            seated=bool(_SEATED.search(low)),
            easier=bool(_EASIER.search(low)),
            chair=bool(_CHAIR.search(low)),
        )

    @property
    def in_the_guide(self) -> bool:
        """Asks for what a variation step gives (bent knees, seated, an easier version)."""
        return self.knees or self.seated or self.easier


_BODY = tuple(
    re.compile(rf"\b({words})\b", re.IGNORECASE)
    for words in (
        r"hands?|palms?|fingers?|fingertips|wrists?|knuckles|fists?",
        r"feet|foot|toes?|heels?",
        r"knees?",
        r"legs?|hamstrings?|thighs?",
        r"hips?",
        r"spine|spinal",
        r"head|neck|gaze|chin|ceiling",
        r"arms?|shoulders?|elbows?",
        r"stomach|belly|tummy|abs",
        r"floor|ground",
    )
)


def guide_words_about(stretch: Stretch, text: str) -> str:
    """The guide's sentences for ``stretch`` about the body parts the question names ("should my palms be
    flat on the ground": its hands-on-the-floor step), or "" when the question names none it mentions."""
    asked = [part for part in _BODY if part.search(text)]
    sentences = [
        sentence.format(side="right", other_side="left")
        for step in stretch.steps
        for sentence in (step.text, step.caution)
        if sentence and step.kind is not StepKind.VARIATION
    ]
    return " ".join(dict.fromkeys(s for s in sentences if any(part.search(s) for part in asked)))


def _position_words(stretch: Stretch) -> str:
    """What the guide does say about the position: its cautions, else the first instruction."""
    cautions = [s.caution for s in stretch.steps if s.caution]
    if cautions:
        return " ".join(cautions).replace("{side}", "").replace("{other_side}", "")
    first = next((s.text for s in stretch.steps if s.text), "")
    return (first or "").format(side="right", other_side="left")


def modification(content: Content, text: str, stretch: Stretch | None, moment: Moment | None) -> Reply:
    """ "Is there a seated version?", "can I do it on my fists?": the guide's words, or that it doesn't say."""
    clinic = content.clinic
    change = Change.of(text)
    if stretch is None and moment is not None:
        stretch = moment.stretch
    if stretch is None:
        offered = [(s, v) for s in content.stretches for v in variations(s)]
        said = " ".join(f'For the {s.name}, the clinic\'s guide says: "{v}"' for s, v in offered)
        lead = f"{said} It doesn't give other changes; a specialist can show you one that suits you:"
    elif change.in_the_guide and (given := variations(stretch)):
        quoted = " ".join(f'"{v}"' for v in given)
        lead = f"Yes: for the {stretch.name}, the clinic's guide says: {quoted}"
        if change.chair:
            lead += " It doesn't describe doing it on a chair; a specialist can show you a version that suits you:"
        else:
            lead += " For anything beyond that, a specialist can help:"
    else:
        said = guide_words_about(stretch, text) or _position_words(stretch)
        lead = (
            f"The clinic's guide doesn't cover that change for the {stretch.name}. What it does say: "
            f"{said} A specialist can show you a change that suits you:"
        )
    answer = Reply(text=f"{lead} {phone_text(clinic)}.", speech=phone_speech(clinic, lead))
    if moment is not None:
        return join(answer, keep_place(moment))
    return join(answer, offer_stretch(content, stretch))


_QUESTION_START = re.compile(
    r"^\s*(so |ok |okay |um+ |hey |and |but )?(can|could|may|should|shall|is|are|am|do|does|will|would|would it|"
    r"is it|what about|how about|how do|how can|whats|what's)\b",
    re.IGNORECASE,
)
_SWITCH = re.compile(
    r"\b(instead|switch|swap|rather|change to|go to|move on|skip|let'?s|lets|next one|after this|i said|i asked for|"
    r"i wanted|wrong (one|stretch)|not this one|(aint|ain'?t|isnt|isn'?t) the)\b",
    re.IGNORECASE,
)


def question_not_command(text: str) -> bool:
    """ "Can I do the forward fold with my bump?" asks; it does not start (or switch to) the stretch.

    A stretch request counts as a question when it mentions the person's own situation (surgery,
    pregnancy, a condition, age), or is phrased as a question about a change; "can we do the fold
    instead?" and "I'm pregnant, let's do cat cow" still start or switch.
    """
    if _SWITCH.search(text):
        return False
    asked = bool(_QUESTION_START.search(text)) or text.rstrip().endswith("?")
    if situations(text):  # "im expecting twins is the cat cow alright": their situation comes first
        return asked or bool(_IS_IT_OK.search(text))
    return asked and (asks_about_a_change(text) or _OTHER_CHANGE.search(text) is not None)


_IS_IT_OK = re.compile(
    r"\b(ok|okay|alright|all right|safe|bad|allowed|fine|suitable|advisable|good idea|harm\w*|risky|wise)\b",
    re.IGNORECASE,
)
_OTHER_CHANGE = re.compile(
    r"\b(on my (fists?|knuckles|elbows|forearms|bed|side)|on (a|the) (bed|mat|couch|sofa)|with my|while|standing|"
    r"lying|instead of|without|hold (on ?to|onto)|for (balance|support)|lean(ing)? on)\b",
    re.IGNORECASE,
)


def asks_to_switch(text: str) -> bool:
    """ "can i just do the fold instead": a request to switch, not a question about the pose."""
    return bool(_SWITCH.search(text)) and not situations(text)


def answer_question(content: Content, text: str, stretch: Stretch | None, moment: Moment | None) -> Reply:
    """A question about doing a stretch: their situation first (suitability), else the change asked about."""
    if situations(text):
        return suitability(content, text, moment)
    if (picked := pick_answer(content, text, moment)) is not None:  # "which one is the easyest", "quickest"
        return picked
    if asks_about_surface(text):  # "bed or the floor?"
        return surface(content, stretch, moment)
    return modification(content, text, stretch, moment)


def asks_about_a_change(text: str) -> bool:
    """A question about doing a stretch differently or which to pick ("can i bend my knees?", "bed or floor?",
    "which is easiest"), not about the person's own situation: answered from the guide, not with "ask your doctor"."""
    if situations(text):
        return False
    return Change.of(text).in_the_guide or asks_about_surface(text) or asks_to_pick(text)


_ASKS = re.compile(
    r"\?|^\W*(is|are|can|could|may|should|would|will|do|does|am)\b|\b(safe|ok|okay|alright|all right|suitable|"
    r"allowed|advisable|fine for|good for|bad for|harm\w*|risk\w*|should i|can i|is it|are they|are these)\b",
    re.IGNORECASE,
)


def asks_anything(text: str) -> bool:
    """Whether a message asks something at all ("Hello, I'm Doris, my back aches in the mornings" tells, it
    doesn't ask whether the stretches are safe)."""
    return bool(_ASKS.search(text))
