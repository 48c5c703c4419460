"""What patients ask about the step they are on, answered from the guide's words (issue 17, a live tester).

"oof i feel that in my hip, like a pull not bad pain", "my neck gets kinda crunchy looking up is that normal",
"how do i come back up without hurting my back", "can i do extra rounds on the left", "can i just do 5 rounds
or is 10 better", "when do i bend my knees", "how many breaths is a few", and a medication question said
beside something else. Each answer quotes only what the clinic's guide (the content) says, says so where it
says nothing, and keeps the place. Triage has already read the message: these are answered only when it
found no pain and no red flag.
"""

from __future__ import annotations

import re

from pacing.coach_answers import breathing_answer
from pacing.form_answers import step_words
from pacing.replies import keep_place, phone_speech, phone_text
from pacing.reply import Reply, join
from pacing.routine import Moment, Routine
from pacing.steps import hold_sentence
from stretch_content import Content, Stretch


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").replace("'", "").split())


def _sentences(text: str | None) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text or "") if s]


def _texts(stretch: Stretch) -> list[str]:
    """Every sentence of the stretch's steps, as the person hears them (sides filled in), once each."""
    seen: dict[str, None] = {}
    for moment in Routine(stretch).moments:
        for said in (moment.text, moment.caution):
            for sentence in _sentences(said):
                seen.setdefault(sentence, None)
    return list(seen)


def _with_phone(content: Content, lead: str, moment: Moment) -> Reply:
    clinic = content.clinic
    return join(Reply(text=f"{lead} {phone_text(clinic)}.", speech=phone_speech(clinic, lead)), keep_place(moment))


# A stretch felt, said not to be pain ------------------------------------------------------------------------

_NOT_PAIN = re.compile(
    r"\bnot (a |bad |real |actual |sharp )?(pain|painful|hurting)\b|\b(doesnt|does not|dont|do not|isnt|is not) "
    r"(really )?hurt\w*|\bno pain\b|\bnot (in )?pain\b"
)
_STRETCH_FELT = re.compile(
    r"\b(a pull|pulling|a stretch|stretch(ing)? feeling|stretchy|i (can )?feel (it|that|this)|feel (it|that) in|"
    r"tight\w*|pressure)\b"
)


def feels_stretch_not_pain(text: str) -> bool:
    """ "like a pull not bad pain", "i feel it, not painful": a stretch felt, said in so many words not to be pain.

    Read only when triage found no pain: "a pull and it hurts" is pain and still stops the routine."""
    low = _plain(text)
    return bool(_NOT_PAIN.search(low)) and bool(_STRETCH_FELT.search(low))


_FEEL = re.compile(r"\b(stretch|feel|feels)\b", re.IGNORECASE)


def stretch_felt(content: Content, moment: Moment) -> Reply:
    """What the guide says the person should feel (the step's words, else the stretch's), that it hurting is
    the time to stop, and the place kept."""
    here = [s for s in _sentences(step_words(moment)) if _FEEL.search(s)]
    said = here or [s for s in _texts(moment.stretch) if re.search(r"\bfeel\b", s, re.IGNORECASE)]
    lead = "Thanks for telling me it's a stretch, not pain."
    if said:
        lead += f' The guide says: "{" ".join(said)}"'
    else:
        lead += f" The guide doesn't say what you should feel in the {moment.stretch.name}."
    lead += f" {content.clinic.stop_if_it_hurts}"
    return join(Reply.plain(lead), keep_place(moment))


# A noise without pain -------------------------------------------------------------------------------------

_NOISE = re.compile(r"\b(crunch\w*|click\w*|pops?|popping|cracks?|cracking|crackl\w*|creak\w*|grind\w*|noise|noisy)\b")
_PAIN_WORD = re.compile(r"\b(hurts?|hurting|pain\w*|ache\w*|aching|sore|sharp)\b")
_BREATHING_ASKED = re.compile(r"\b(breathe?|breathing|inhale|exhale)\b")


def asks_about_noise(text: str) -> bool:
    """ "my neck gets kinda crunchy looking up, is that normal", "it just clicks": a noise, with no pain word."""
    low = _plain(text)
    unsaid = _NOT_PAIN.sub(" ", low)  # "it doesnt hurt, just makes a noise"
    return bool(_NOISE.search(low)) and not _PAIN_WORD.search(unsaid)


def noise(content: Content, moment: Moment, text: str) -> Reply:
    """The breathing cue first if asked too, then that the guide says nothing of noises, and the rule that holds."""
    clinic = content.clinic
    lead = (
        "I can't assess that from here. The clinic's guide doesn't say anything about a noise like that. "
        f"{clinic.stop_if_it_hurts} A specialist can check your form:"
    )
    said = Reply(text=f"{lead} {phone_text(clinic)}.", speech=phone_speech(clinic, lead))
    if _BREATHING_ASKED.search(_plain(text)):
        cue = breathing_answer(moment, text)
        said = join(Reply.plain(cue.text), said)
    return join(said, keep_place(moment))


# How to come back up --------------------------------------------------------------------------------------

_COME_UP = re.compile(
    r"\b(come|get|stand|roll|go|straighten|rise) (back )?up\b|\bcome out of (it|the \w+)\b"
    r"|\bcome back\b(?! (to|later|tomorrow))"
)
_HOW = re.compile(r"\b(how|when|what)\b|\?")
_RETURN = re.compile(r"\b(return|come (back )?up|stand up|roll up|straighten)\b", re.IGNORECASE)
_HOW_LONG = re.compile(r"\bhow long\b")


def asks_how_to_come_up(text: str) -> bool:
    """ "how do i come back up without hurting my back": a question about the step, not pain."""
    low = _plain(text)
    return bool(_COME_UP.search(low)) and bool(_HOW.search(low))


def coming_up(content: Content, moment: Moment, text: str) -> Reply:
    """The guide's words about coming out of the stretch, or that it gives none; with "how long", its holds."""
    stretch = moment.stretch
    parts: list[str] = []
    if _HOW_LONG.search(_plain(text)):
        hold = Routine(stretch).next_hold(0)
        parts.append(
            f"The {stretch.name} has no timed hold."
            if hold is None or not hold.step.seconds
            else f"Each hold in the {stretch.name} is {hold.step.seconds} seconds."
        )
    back = [s for s in _texts(stretch) if _RETURN.search(s)]
    if back:
        parts.append(f'The guide says: "{" ".join(back)}"')
    else:
        parts.append(
            f"The clinic's guide doesn't say how to come back up from the {stretch.name}. "
            f'What it says at this step: "{step_words(moment)}"'
        )
    parts.append(f"{content.clinic.stop_if_it_hurts} A medical professional can help you achieve proper form:")
    return _with_phone(content, " ".join(parts), moment)


# Rounds: more, fewer, extra on one side ---------------------------------------------------------------------

_ROUNDS = r"(rounds?|reps?|repetitions?|times|sets)"
_CHANGE_ROUNDS = re.compile(
    rf"\b(extra|more|fewer|less|additional)\b[^.?!]{{0,25}}\b({_ROUNDS}|on (the|my) (left|right))\b"
    rf"|\b(extra|more) (on|for) (the|my) (left|right)\b"
    rf"|\bchange how many\b|\b(pick|choose|decide) how many\b"
    rf"|\b(just )?do (\d+|three|five|ten) {_ROUNDS}?\b[^.?!]{{0,40}}\b(or|better|enough|instead)\b"
    rf"|\b(\d+|three|five|ten) or (\d+|three|five|ten) {_ROUNDS}\b|\bis (\d+|three|five|ten) (better|enough)\b"
)
_HOW_MANY_LEFT = re.compile(r"\bhow many (more|left|to go)\b")


def asks_to_change_rounds(text: str) -> bool:
    """ "can i do extra rounds on the left", "can i just do 5 rounds and be done or is 10 better": a question
    about the number of rounds (not "how many more?", and not a move to a side)."""
    low = _plain(text)
    return bool(_CHANGE_ROUNDS.search(low)) and not _HOW_MANY_LEFT.search(low)


def rounds(content: Content, moment: Moment) -> Reply:
    """The guide's number of rounds, that it says nothing of changing it, who can say, and the place."""
    stretch = moment.stretch
    reps = stretch.repetitions
    each = " on each side" if stretch.sides else ""
    if reps.max == 1:
        said = f"The clinic's guide gives the {stretch.name} once through, with no repeats."
    elif reps.min == reps.max:
        said = f"The clinic's guide says to repeat the {stretch.name} {reps.min} times{each}."
    else:
        said = (
            f"The clinic's guide says to repeat the {stretch.name} anywhere from {reps.min} to {reps.max} times: "
            f"you can finish after {reps.min}, or go on up to {reps.max}."
        )
    one_side = ", or extra on one side" if stretch.sides else ""
    lead = (
        f"{said} It doesn't say to do more or fewer rounds{one_side}, or that more is better. "
        "A specialist can tell you what suits you:"
    )
    return _with_phone(content, lead, moment)


# Holding longer than the guide says -------------------------------------------------------------------------

_LONGER = re.compile(
    r"\b(hold|stay|keep|go|do|stretch|push)\b[^.?!]{0,25}"
    r"\b(longer|more than \d+|past \d+|over \d+|extra (time|sec\w*))\b"
    r"|\blonger (hold|holds)\b"
)
_SECONDS_ASKED = re.compile(r"\b(hold|stay|keep|go|do)\b[^.?!]{0,30}?\b(\d+) ?(s|sec|secs|seconds?)\b")
_HOW_MUCH_LONGER = re.compile(r"\bhow (much )?long(er)?\b")


def asks_to_hold_longer(text: str, seconds: int | None = None) -> bool:
    """ "can i hold it longer like 40 sec, feels tighter on this side", "ya i know 20 but can i go LONGER", "can
    i hold it for 40 seconds" (more than the step's ``seconds``); not "how much longer" (the time left)."""
    low = _plain(text)
    if _HOW_MUCH_LONGER.search(low):
        return False
    if _LONGER.search(low):
        return True
    asked = _SECONDS_ASKED.search(low)
    return asked is not None and seconds is not None and int(asked.group(2)) > seconds


def hold_longer(content: Content, routine: Routine, index: int) -> Reply:
    """The guide's hold for this step (else that it has none, and the next one), that it doesn't say to hold
    longer, stop if it hurts, who can say what suits them, and the place."""
    moment = routine.at(index)
    stretch = moment.stretch
    if moment.step.seconds:
        said = f"The clinic's guide says to hold this step for {moment.step.seconds} seconds."
    elif moment.step.breaths:
        said = f'The clinic\'s guide says: "Stay in this position for {moment.step.breaths} breaths."'
    elif (ahead := routine.next_hold(index)) is not None:
        said = f"This step has no hold. The next hold in the guide: {hold_sentence(ahead)}"
    else:
        said = f"This step of the {stretch.name} has no hold in the clinic's guide."
    one_side = ", or longer on one side" if stretch.sides else ""
    lead = (
        f"{said} It doesn't say to hold longer{one_side}. {content.clinic.stop_if_it_hurts} "
        "A specialist can tell you what suits you:"
    )
    return _with_phone(content, lead, moment)


# When to do something the guide names -------------------------------------------------------------------

_WHEN = re.compile(r"\bwhen (do|should|can|shall|would|am) (i|we|you) (supposed to )?(\w+) (my|your|the|both) (\w+)")


def _stem(word: str) -> str:
    return re.sub(r"(ing|ed|s)$", "", word)


def when_to(stretch: Stretch, text: str) -> str | None:
    """ "when do i bend my knees": the guide's sentence that names that action and body part, or None."""
    found = _WHEN.search(_plain(text))
    if found is None:
        return None
    verb, part = _stem(found.group(4)), _stem(found.group(6))
    return next(
        (s for s in _texts(stretch) if re.search(rf"\b{verb}\w*\b.*\b{part}\w*\b", s, re.IGNORECASE)),
        None,
    )


def when(content: Content, moment: Moment, sentence: str) -> Reply:
    lead = (
        f'The guide says: "{sentence}" It doesn\'t say more than that about when. '
        "A medical professional can help you achieve proper form:"
    )
    return _with_phone(content, lead, moment)


# "How many breaths is a few?" -----------------------------------------------------------------------------

_HOW_MANY_BREATHS = re.compile(
    r"\bhow many (breaths|breathes|breath)\b|\b(is|means|mean) a few\b|\bhow (long|many) is a few\b"
)


def asks_how_many_breaths(text: str) -> bool:
    return bool(_HOW_MANY_BREATHS.search(_plain(text)))


def breaths(content: Content, moment: Moment) -> Reply | None:
    """The guide's "a few breaths", that it gives no number; None when the stretch has no breath hold."""
    held = next((m for m in Routine(moment.stretch).moments if m.step.breaths), None)
    if held is None:
        return None
    lead = (
        f'The guide says: "Stay in this position for {held.step.breaths} breaths." It doesn\'t give a number. '
        "A medical professional can help you achieve proper form:"
    )
    return _with_phone(content, lead, moment)


# Medication, asked beside something else ---------------------------------------------------------------------

_MEDICATION = re.compile(
    r"\b(medications?|medicines?|meds|pills?|prescri\w*|dosage|ibuprofen|advil|motrin|tylenol|aleve|naproxen|"
    r"acetaminophen|aspirin|painkillers?|pain killers?|muscle relaxers?)\b"
)
_ASKED = re.compile(
    r"\?|\b(is it (ok|okay|safe|fine|alright)|ok to|okay to|safe to|can i|should i|q|question|ask\w*|did (u|you) see)\b"
)


def asks_about_medication(text: str) -> bool:
    """ "i took 2 aleve at lunch is it ok to stretch on that", "did u see my q about the aleve"."""
    low = _plain(text)
    return bool(_MEDICATION.search(low)) and bool(_ASKED.search(low))


def medication(content: Content) -> Reply:
    """The medication line alone (the rest of the message is answered after it, with the way forward)."""
    clinic = content.clinic
    lead = "I can't advise on medication. A medical professional can help with that:"
    return Reply(text=f"{lead} {phone_text(clinic)}.", speech=phone_speech(clinic, lead))
