"""Answers to what people ask mid-stretch, from the content and the current step only.

Each answer ends with where the person is and the step's quick replies, so a question never costs a
place. Where the clinic's guide says nothing (a breathing cue for the twist), the answer says so.
"""

from __future__ import annotations

import re

from pacing.replies import BOOK, keep_place, phone_speech, phone_text, stretch_choices, way_forward, which_one
from pacing.reply import Act, Choice, Reply, join, words
from pacing.routine import Moment, Routine
from pacing.steps import RESUME, STEP_REPROMPT, STOP, hold_sentence, rounds_phrase, routine_choices, show_step, where
from stretch_content import Content, Stretch

_BREATH = re.compile(r"\b(inhale|exhale|breath\w*)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _answer(moment: Moment, text: str) -> Reply:
    """A short answer mid-routine, with the step's quick replies."""
    return Reply.plain(text, choices=routine_choices(moment), reprompt=STEP_REPROMPT)


def progress(moment: Moment) -> Reply:
    """ "Where was I?" / "remind me what I'm doing": the place, then the step again."""
    return join(
        Reply.plain(f"You're on the {moment.stretch.name}, {where(moment)}. Here it is again:"), show_step(moment)
    )


def hold_answer(routine: Routine, index: int) -> Reply:
    """ "How long do I hold it?", answered from the current step, else the stretch's next hold."""
    moment = routine.at(index)
    current = hold_sentence(moment)
    if current:
        side = f", on your {moment.side} side (each side has its own holds)" if moment.side else ""
        text = f"{current} That's for this step of the {routine.stretch.name}{side}."
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
    if moment.side and moment.other_side and Routine.of(moment).sides.index(moment.side) == 0:
        more += f", then the same on your {moment.other_side} side"
    return more


def repetitions_answer(moment: Moment) -> Reply:
    """ "How many times?" / "how many more?", from the stretch's repetitions and where the person is."""
    reps = moment.stretch.repetitions
    text = _reps_sentence(moment.stretch)
    if reps.max != 1 and moment.round is not None:
        side = f", {moment.side} side" if moment.side else ""
        text += f" You're on {rounds_phrase(moment.round, reps)}{side}: {_rounds_left(moment)}."
    return _answer(moment, text)


def _reps_sentence(stretch: Stretch) -> str:
    reps = stretch.repetitions
    if reps.max == 1:
        return f"The {stretch.name} is done once through, with no repeats."
    count = f"{reps.min}" if reps.min == reps.max else f"{reps.min} to {reps.max}"
    return f"The {stretch.name} is done {count} times{' on each side' if stretch.sides else ''}."


BEFORE_START_QUESTIONS = ("repetitions", "hold", "side")
"""What can be answered about a stretch before it starts ("cat cow sounds good. how many reps?")."""

_ASKED_BEFORE_START = (
    (
        re.compile(
            r"\bhow long (do|should|does|did|will|would|is|are) (you|i|we|u|it|each|the|one)\b[^.?!]{0,15}\bhold"
        ),
        "hold",
    ),
    (re.compile(r"\bhow many (times|reps|rounds|repetitions|sets)\b"), "repetitions"),
)


_STARTS = re.compile(r"\b(guide|let'?s|lets|start|begin|walk|show|teach|try|do it|go through)\b")


def asked_before_start(text: str) -> str | None:
    """ "how long do you hold the knee twist", "how many reps is cat cow": which of ``BEFORE_START_QUESTIONS``
    a message asks (the NLU sometimes reads it as a request to start), or None; also None when it asks to
    start too."""
    low = " ".join(text.lower().split())
    if _STARTS.search(low):  # "guide me through the fold, how long do i hold it": a start, asked on the way
        return None
    return next((asked for pattern, asked in _ASKED_BEFORE_START if pattern.search(low)), None)


def before_start(stretch: Stretch, asked: str) -> str:
    """ "How many reps?", "how long is each hold?", "which side first?" about a stretch not started yet,
    from its steps and repetitions (no "you're on round 2": there is no round yet)."""
    routine = Routine(stretch)
    if asked == "hold":
        hold = routine.next_hold(0)
        if hold is None:
            return f"The {stretch.name} has no timed hold. {_reps_sentence(stretch)}"
        if hold.step.seconds:
            per = ", on one side at a time" if stretch.sides else ""
            said = f"Each hold in the {stretch.name} is {hold.step.seconds} seconds{per}."
            return f"{said} {_reps_sentence(stretch)}"
        return f'The {stretch.name} has no timed hold; the guide says: "{hold.step.text}" {_reps_sentence(stretch)}'

    if asked == "side":
        if not stretch.sides:
            return f"The {stretch.name} isn't done one side at a time."
        first, *others = stretch.sides
        return f"The {stretch.name} starts on your {first} side, then your {' and '.join(others)} side."
    return _reps_sentence(stretch)


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


_HOLD_BREATH = re.compile(
    r"\b(hold (my |the |your )?breath|hold it|breathe? (normal\w*|regular\w*|as usual|naturally|through)|"
    r"keep breathing|stop breathing|while (i'?m |im )?(down|holding|in it|here))\b",
    re.IGNORECASE,
)


def asks_about_holding_breath(text: str) -> bool:
    """ "do i breathe normal while im down here or hold it": a question the guide's cues don't answer."""
    return bool(_HOLD_BREATH.search(text))


def breathing_answer(moment: Moment, text: str = "") -> Reply:
    """ "Breathe in or out?": only the breathing cues the clinic's guide gives, else that it gives none.

    Asked whether to hold the breath or breathe normally, it also says the guide doesn't say (only its cues)."""
    reply = _breathing_cues(moment)
    if not asks_about_holding_breath(text):
        return reply
    note = "The clinic's guide doesn't say whether to hold your breath or breathe normally."
    return Reply.plain(f"{reply.text} {note}", choices=reply.choices, reprompt=STEP_REPROMPT)


def _breathing_cues(moment: Moment) -> Reply:
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


_DESCRIBE = re.compile(
    r"\b(involve[sd]?|steps?|describe|explain|walk me through|how (do|would) (i|you) do|tell me (about|more about)|"
    r"what (is|does) (the|that|this) \w+ (involve|look like|entail))\b",
    re.IGNORECASE,
)


_ONLY_TO_HEAR = re.compile(
    r"\b(describe|explain|involve[sd]?|entail|look like|tell me (about|more about)|before i (decide|try|start|do)|"
    r"without (starting|doing)|first)\b",
    re.IGNORECASE,
)


def asks_only_to_hear(text: str) -> bool:
    """ "Describe the knee twist without starting it": the steps only, even where "guide me" would start it
    ("how do I do a forward fold" starts it)."""
    return bool(_ONLY_TO_HEAR.search(text))


def asks_to_describe(text: str) -> bool:
    """ "What does the knee twist involve?", "describe the steps without starting it": the steps, not the benefit."""
    return bool(_DESCRIBE.search(text))


def describe(stretch: Stretch) -> Reply:
    """The stretch's steps as the guide words them (first side for a two-sided one), and an offer, never a start."""
    side, other = (stretch.sides[0], stretch.sides[1]) if len(stretch.sides) == 2 else ("", "")
    texts = [
        s.text.replace("{other_side}", other).replace("{side}", side) if s.text else f"Hold for {s.seconds} seconds."
        for s in stretch.steps
        if s.text or s.seconds
    ]
    lines = "\n".join(f"{i}. {t}" for i, t in enumerate(texts, start=1))
    sided = f" Then the same on the {other} side." if other else ""
    offer = f"Would you like to try the {stretch.name}?"
    text = f"The {stretch.name}, as the clinic's guide gives it:\n{lines}\n{sided.strip()} {offer}".replace("\n ", "\n")
    return Reply(text=text, speech=words(text.replace("\n", " ")), reprompt=offer)


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
        (
            r"\b(speaks?|speaking|language|languages|interpreters?|translators?|translation)\b",
            "I don't know which languages the clinic's staff speak or whether an interpreter is available.",
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
    r"\b((that'?s|that is|thats) (enough|it|all)( for (today|now|me))?|i'?m (done|finished)|enough for (today|now)|"
    r"call it a day|done for (today|now)|(i'?ll|let'?s|i want to|i'?d like to) stop( here| now| there)?)\b|"
    r"^\W*(ok(ay)?,? |so,? )?stop( it)?( here| now| there)?\b(?! (asking|saying|telling))",
    re.IGNORECASE,
)


def wraps_up(text: str) -> bool:
    """ "Thank you dear, that's enough for today": a thank-you (or goodbye) that also ends the stretch."""
    return bool(_WRAPPING_UP.search(text))


_HOLDING = re.compile(
    r"\b(holding|i'?m holding|still holding|hold(ing)? it|in the hold|counting|staying here|staying put)\b",
    re.IGNORECASE,
)
_MOVING_ON = re.compile(r"\b(next|done|finished|released?|let go|moving on|what now|now what)\b", re.IGNORECASE)


def is_holding(text: str) -> bool:
    """ "ok holding": the person is in the hold, not asking for the next step."""
    return bool(_HOLDING.search(text)) and not _MOVING_ON.search(text)


def still_holding(moment: Moment) -> Reply:
    """ "ok holding" on a hold step: keep holding; the step does not advance."""
    held = hold_sentence(moment) or "Stay in this position."
    text = f'Good, keep holding: {held[0].lower()}{held[1:]} Say "next" when you\'ve released.'
    return _answer(moment, text)


def unwell(content: Content, moment: Moment | None) -> Reply:
    """Dizzy, faint, feeling unwell: stop and rest (never "carry on"); the place is paused, not lost."""
    clinic = content.clinic
    lead = "Please stop and rest now: don't carry on stretching while you feel dizzy, faint or unwell."
    if moment is not None:
        lead = (
            f"Let's stop the {moment.stretch.name} here and rest: don't carry on while you feel dizzy, faint or unwell."
        )
    urgent = "If it comes with chest pain or trouble breathing, get emergency help right away."
    tail = "If it keeps happening, a medical professional can check why:"
    text = f"{lead} {urgent} {tail} {phone_text(clinic)}."
    speech = phone_speech(clinic, f"{lead} {urgent} {tail}")
    if moment is None:
        after = "When you feel well again, you can ask me for a stretch."
        return join(Reply(text=text, speech=speech), Reply.plain(after, choices=(BOOK,)))
    after = f'I\'ve paused at {where(moment)}. Say "resume" only once you feel well again, or "stop" to end here.'
    return join(Reply(text=text, speech=speech), Reply.plain(after, choices=(RESUME, STOP), reprompt=after))


def no_messages(content: Content, retention_days: float | None, moment: Moment | None) -> Reply:
    """ "My number is ..., call after 5pm": the coach can't pass on messages or arrange a call, says
    how to reach the clinic, and how long what was typed (a phone number too) is kept."""
    clinic = content.clinic
    lead = (
        "I can't pass on messages or arrange a call, so please don't wait for one: "
        "no one will call you from this chat. To reach the clinic,"
    )
    if retention_days:
        days = f"{retention_days:g}"
        kept = (
            f"What you type here, a phone number too, is kept only with this conversation and erased "
            f"{days} days after its last message."
        )
    else:
        kept = "What you type here, a phone number too, is kept only with this conversation."
    text = f"{lead} {phone_text(clinic)}. {kept}"
    answer = Reply(text=text, speech=(*phone_speech(clinic, lead), *words(kept)))
    return join(answer, way_forward(content, moment))


def skipped(content: Content, stretch: Stretch) -> Reply:
    """ "Skip this one" with no stretch to follow: it ends, and the others are offered."""
    others = [s for s in content.stretches if s.id != stretch.id]
    names = " or the ".join(s.name for s in others)
    text = f"Okay, skipping the {stretch.name}. Would you like the {names}, or to book an appointment?"
    return Reply.plain(text, choices=(*stretch_choices(content, skip=stretch.id), BOOK), reprompt=which_one(content))


_SKIP_STEP = re.compile(r"\bskip (this |that |the )?(step|bit|part|hold)\b", re.IGNORECASE)


def skips_a_step(text: str) -> bool:
    """ "skip this step" moves one step on; "skip this one" skips the stretch."""
    return bool(_SKIP_STEP.search(text))


_SKIP_WITHIN = re.compile(
    r"\b(skip|jump|go|move|fast forward)\b( straight| right| ahead| forward| on)*( to| till| until)\b[^.?!]*"
    r"\b(side|step|round|rep|part|bit|end|last one|belly|arch)\b",
    re.IGNORECASE,
)


def skips_within(text: str) -> bool:
    """ "skip to the left side", "skip ahead to the last step": a jump inside the stretch, not leaving it."""
    return bool(_SKIP_WITHIN.search(text))


def no_jump_within(moment: Moment) -> Reply:
    """A jump inside a stretch is not possible: what is (one step on or back, or skip the whole stretch)."""
    text = (
        f"I can't jump ahead inside the {moment.stretch.name}: the steps go in order. "
        f'Say "next" to move on one step, "back" to go back one, or "skip this stretch" to leave the '
        f"{moment.stretch.name}. You're on {where(moment)}."
    )
    return Reply.plain(text, choices=routine_choices(moment), reprompt=STEP_REPROMPT)


_WHEN_TO_SEE = re.compile(
    r"\b(when|how do i know|at what point|should i|is it time)\b[^.?!]*\b(see|get|go to|visit|call)\b[^.?!]*"
    r"\b(doctor|doc|dr|specialist|someone|somebody|physio|checked|looked at)\b",
    re.IGNORECASE,
)


def asks_when_to_see_someone(text: str) -> bool:
    """ "When should I see a doctor about my back?": answered with the clinic's consult advice, not a refusal."""
    return bool(_WHEN_TO_SEE.search(text))


def when_to_see_someone(content: Content, moment: Moment | None) -> Reply:
    """The guide's consult advice and who can judge it: the coach can't say from a chat when it is time."""
    clinic = content.clinic
    lead = (
        f"I can't judge from here when it's time, but the clinic's guide says: {clinic.consult} "
        "If you're wondering whether to see someone about your back, that is a good reason to ask:"
    )
    answer = Reply(text=f"{lead} {phone_text(clinic)}.", speech=phone_speech(clinic, lead))
    return join(answer, way_forward(content, moment))


def ask_still_hurts(moment: Moment) -> Reply:
    """ "Resume" after a pain stop at ``moment``: what happened, and back only if it no longer hurts."""
    text = (
        f"Earlier we stopped the {moment.stretch.name} at {where(moment)} because it hurt. "
        "Does it still hurt? If it does, please don't go back to it."
    )
    return Reply.plain(
        text,
        choices=(Choice(Act.YES, "Yes, it still hurts"), Choice(Act.NO, "No, it doesn't hurt now")),
        reprompt="Does it still hurt? Please say yes or no.",
    )


def ask_still_hurts_before(moment: Moment, next_name: str) -> Reply:
    """A new stretch asked for right after a pain stop at ``moment`` ("can i do the knee twist instead"): what
    happened, and ``next_name`` (the stretch asked for) starts only if it no longer hurts."""
    text = (
        f"Earlier we stopped the {moment.stretch.name} at {where(moment)} because it hurt. "
        f"Before we start {next_name}: does it still hurt? If it does, please don't start another stretch now."
    )
    return Reply.plain(
        text,
        choices=(Choice(Act.YES, "Yes, it still hurts"), Choice(Act.NO, "No, it doesn't hurt now")),
        reprompt="Does it still hurt? Please say yes or no.",
    )


def back_after_pain(moment: Moment) -> Reply:
    """ "No, it doesn't hurt now": back to the step where they stopped, gently."""
    lead = Reply.plain(f"Good. Back to where you stopped, gently: {moment.stretch.name}, {where(moment)}.")
    return join(lead, show_step(moment))


_LATER = re.compile(
    r"\b(tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|tmro|2morrow|later|another (day|time)|next time|some other time|"
    r"(the )?rest (another|later|tomorrow|tomorow|tmrw|next)|pick (it |this )?up (again )?later|come back)\b",
    re.IGNORECASE,
)
_STOP_NOW = re.compile(
    r"\b(stop|quit|end|finish|call it|wrap (it )?up|that'?s enough|enough for (now|today)|done for (now|today)|"
    r"break|pause|rest)\b",
    re.IGNORECASE,
)


_AGAIN = re.compile(
    r"\b(rest|finish|pick (it |this |that )?up|continue|carry on|keep going|resume|do (it|this|more|the)|try again)\b",
    re.IGNORECASE,
)


def wants_to_continue_later(text: str) -> bool:
    """ "im tired can we stop and do the rest tomorow": stopping now to come back, so the place is kept."""
    return bool(_LATER.search(text)) and bool(_STOP_NOW.search(text) or _AGAIN.search(text))


def until_later(moment: Moment) -> Reply:
    """Stopping now to come back later: the place is kept (paused), and how to pick it up again."""
    text = (
        f"That's fine: let's stop here for now. I've kept your place in the {moment.stretch.name}, {where(moment)}: "
        'when you come back to this chat, say "resume" to pick up there, or ask for any stretch.'
    )
    return Reply.plain(text, choices=(RESUME, STOP), reprompt='Say "resume" when you\'re ready, or "stop" to end.')


_STOP_WORDS = re.compile(r"\b(stop|quit|finish|end (it|here|now|this)|call it (a day|quits))\b", re.IGNORECASE)


def asks_to_stop(text: str) -> bool:
    """ "im tired, lets stop": a tired person saying they end here; "can i stop here?" asks, and is offered rest
    or stop."""
    if re.search(
        r"\b(don'?t|dont|do not|not|never) (want to |wanna |need to |going to )?(stop|quit|finish)", text, re.I
    ):
        return False
    if re.search(r"\b(can|could|may|should|shall) (i|we)\b", text, re.IGNORECASE):
        return False
    return wraps_up(text) or bool(_STOP_WORDS.search(text))
