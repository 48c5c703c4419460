"""Answers to what people ask mid-stretch, from the content and the current step only.

Each answer ends with where the person is and the step's quick replies, so a question never costs a
place. Where the clinic's guide says nothing (a breathing cue for the twist), the answer says so.
"""

from __future__ import annotations

import re

from pacing.replies import BOOK, keep_place, phone_speech, phone_text, step, stretch_choices, way_forward, which_one
from pacing.reply import Reply, join, words
from pacing.routine import Moment, Routine
from pacing.steps import STEP_REPROMPT, hold_sentence, rounds_phrase, routine_choices, where
from stretch_content import Content, Stretch

_BREATH = re.compile(r"\b(inhale|exhale|breath\w*)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _answer(moment: Moment, text: str) -> Reply:
    """A short answer mid-routine, with the step's quick replies."""
    return Reply.plain(text, choices=routine_choices(moment), reprompt=STEP_REPROMPT)


def progress(moment: Moment) -> Reply:
    """ "Where was I?" / "remind me what I'm doing": the place, then the step again."""
    return join(Reply.plain(f"You're on the {moment.stretch.name}, {where(moment)}. Here it is again:"), step(moment))


def hold_answer(routine: Routine, index: int) -> Reply:
    """ "How long do I hold it?", answered from the current step, else the stretch's next hold."""
    moment = routine.at(index)
    current = hold_sentence(moment)
    if current:
        text = f"{current} That's for this step of the {routine.stretch.name}."
    elif ahead := routine.next_hold(index):
        text = f"This step has no hold. The next hold is coming up: {hold_sentence(ahead)}"
    else:
        text = f"This step of the {routine.stretch.name} has no hold."
    return _answer(moment, f'{text} Say "next" when you\'re ready.')


def _rounds_left(moment: Moment) -> str:
    reps = moment.stretch.repetitions
    assert moment.round is not None
    required = max(reps.min - moment.round, 0)
    if required:
        more = f"{required} more round{'s' if required > 1 else ''} after this one"
    else:
        more = "this is the last round you need"
    if reps.max > reps.min:
        more += f" (you can do up to {reps.max} in all)"
    if moment.side and moment.other_side and moment.stretch.sides.index(moment.side) == 0:
        more += f", then the same on your {moment.other_side} side"
    return more


def repetitions_answer(moment: Moment) -> Reply:
    """ "How many times?" / "how many more?", from the stretch's repetitions and where the person is."""
    stretch, reps = moment.stretch, moment.stretch.repetitions
    if reps.max == 1:
        text = f"The {stretch.name} is done once through, with no repeats."
    else:
        count = f"{reps.min}" if reps.min == reps.max else f"{reps.min} to {reps.max}"
        text = f"The {stretch.name} is done {count} times{' on each side' if stretch.sides else ''}."
        if moment.round is not None:
            side = f", {moment.side} side" if moment.side else ""
            text += f" You're on {rounds_phrase(moment.round, reps)}{side}: {_rounds_left(moment)}."
    return _answer(moment, text)


def side_answer(moment: Moment) -> Reply:
    """ "Which side now?" """
    if moment.side:
        text = f"Your {moment.side} side now"
        if moment.round is not None:
            text += f", {rounds_phrase(moment.round, moment.stretch.repetitions)}"
        text += f". {moment.text or hold_sentence(moment) or ''}".rstrip()
    elif moment.stretch.sides:
        text = f"The {moment.stretch.name} works one side, then the other; this step is for both."
    else:
        text = f"The {moment.stretch.name} isn't done one side at a time."
    return _answer(moment, text)


def _breath_sentences(text: str | None) -> list[str]:
    return [s for s in _SENTENCE.split(text or "") if _BREATH.search(s)]


def breathing_answer(moment: Moment) -> Reply:
    """ "Breathe in or out?": only the breathing cues the clinic's guide gives, else that it gives none."""
    here = _breath_sentences(moment.text)
    if moment.step.breaths:
        here.append(f"Stay in this position for {moment.step.breaths} breaths.")
    if here:
        text = " ".join(here)
    else:
        cues = [s for st in moment.stretch.steps for s in _breath_sentences(st.text)]
        text = "This step gives no breathing cue."
        if cues:
            text += f" The breathing cues in the {moment.stretch.name} are: {' '.join(cues)}"
    return _answer(moment, text)


def benefits(content: Content, stretch: Stretch | None, moment: Moment | None) -> Reply:
    """ "What is the fold good for?": what the clinic says of it; an offer, never a start."""
    if stretch is None and moment is not None:
        stretch = moment.stretch
    if stretch is None:
        lines = [f"- {s.name}: {s.targets}" for s in content.stretches]
        text = "Here's what each stretch is for:\n" + "\n".join(lines) + f"\n{which_one(content)}"
        return Reply(text=text, speech=words(text.replace("\n- ", " ")), choices=stretch_choices(content))
    about = f"The {stretch.name}: {stretch.targets}"
    if moment is None:
        offer = f"Would you like to try the {stretch.name}?"
        choices = (*stretch_choices(content), BOOK)
        return Reply.plain(f"{about} {offer}", choices=choices, reprompt=offer)
    if moment.stretch.id == stretch.id:
        return join(Reply.plain(about), keep_place(moment))
    later = f"We can do it after the {moment.stretch.name}."
    return join(Reply.plain(f"{about} {later}"), keep_place(moment))


def tired(content: Content, moment: Moment | None, *, can_finish: bool) -> Reply:
    """ "I'm tired": resting is fine; how to stop, or that the required rounds are already done."""
    if moment is None:
        text = "That's fine: rest whenever you need to. When you'd like a stretch, just ask."
        return Reply.plain(text, choices=(*stretch_choices(content), BOOK))
    if can_finish:
        text = "That's fine: you've done the rounds you need, so you can say \"finish\" to wrap up here."
    else:
        text = 'That\'s fine: take a rest. Say "next" when you\'re ready, or "stop" to end here.'
    return _answer(moment, text)


_DETAILS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), answer)
    for pattern, answer in (
        (r"\bonline\b|\bwebsite\b|\bapp\b|\bemail\b", "I can't book online or by message."),
        (
            r"\b(book|schedule|make)\b.*\b(for me|it|one)\b|\bcan you book\b|\bsign me up\b",
            "I can't book appointments myself.",
        ),
        (r"\bhours?\b|\bopen\b|\bclose[ds]?\b|\bweekends?\b|\bsaturday|\bsunday", "I don't have the clinic's hours."),
        (
            r"\bwhere\b|\blocat|\baddress|\bdirections?\b|\bparking\b|\bnear\b",
            "I don't have the clinic's addresses or directions.",
        ),
        (
            r"\binsurance|\bcover|\bcost|\bprice|\bpay\b|\bfees?\b|\bmedicare|\bmedicaid",
            "I don't know about costs or insurance.",
        ),
        (r"\bdoctors?\b|\bwho\b|\bspecialists?\b|\bdr\b", "I don't have details about the clinic's staff."),
    )
)


def clinic_details(content: Content, text: str, moment: Moment | None) -> Reply:
    """Hours, location, "book it for me": say plainly what the assistant can't do, then the number."""
    clinic = content.clinic
    lead = next((answer for pattern, answer in _DETAILS if pattern.search(text)), "I don't have that information.")
    tail = "The clinic's team can help with that:"
    answer = Reply(text=f"{lead} {tail} {phone_text(clinic)}.", speech=phone_speech(clinic, f"{lead} {tail}"))
    return join(answer, way_forward(content, moment))


_WRAPPING_UP = re.compile(
    r"\b(that'?s (enough|it|all)( for (today|now|me))?|i'?m (done|finished)|enough for (today|now)|call it a day|"
    r"done for (today|now)|(i'?ll|let'?s|i want to|i'?d like to) stop( here| now| there)?)\b",
    re.IGNORECASE,
)


def wraps_up(text: str) -> bool:
    """ "Thank you dear, that's enough for today": a thank-you (or goodbye) that also ends the stretch."""
    return bool(_WRAPPING_UP.search(text))
