"""One turn of a routine as a reply: the chat text, the speech (holds as silences), the choices."""

from __future__ import annotations

from pacing.reply import Act, Choice, Reply, Silence, Speech, StepText, Words
from pacing.routine import Moment, Routine
from stretch_content import Repetitions

NEXT = Choice(Act.NEXT, "Next")
REPEAT = Choice(Act.REPEAT, "Repeat")
BACK = Choice(Act.BACK, "Back")
STOP = Choice(Act.STOP, "Stop")
FINISH = Choice(Act.FINISH, "Finish")
RESUME = Choice(Act.RESUME, "Resume")
NAVIGATION = (NEXT, REPEAT, BACK, STOP)
STEP_REPROMPT = "Say next when you're ready, or repeat to hear that again."


def routine_choices(moment: Moment) -> tuple[Choice, ...]:
    """Quick replies mid-routine: navigation, and Finish once the required rounds are done (wherever a
    reply may say "finish", the choice is there)."""
    if Routine.of(moment).can_finish_early(moment.index):
        return (*NAVIGATION, FINISH)
    return NAVIGATION


def rounds_phrase(round_no: int, reps: Repetitions) -> str:
    """ "round 2 of 3", "round 2 of at least 5", "round 7 of up to 10": as people count rounds."""
    if reps.min == reps.max:
        return f"round {round_no} of {reps.max}"
    if round_no <= reps.min:
        return f"round {round_no} of at least {reps.min}"
    return f"round {round_no} of up to {reps.max}"


def where(moment: Moment) -> str:
    """The person's place, in words: "step 3, right side, round 1 of 3" (the step as written), or
    "step 2 of 4" for a stretch done once through (there the count of steps is the count of turns)."""
    once = moment.stretch.repetitions.max == 1 and not moment.side
    parts = [f"step {moment.written} of {len(moment.stretch.steps)}" if once else f"step {moment.written}"]
    if moment.side:
        parts.append(f"{moment.side} side")
    if moment.round is not None and moment.stretch.repetitions.max > 1:
        parts.append(rounds_phrase(moment.round, moment.stretch.repetitions))
    return ", ".join(parts)


def hold_sentence(moment: Moment) -> str | None:
    """The hold as the clinic's guide gives it, or None when the step holds nothing."""
    step = moment.step
    if step.seconds:
        return f"Hold for {step.seconds} seconds."
    if step.breaths:
        return f"Stay in this position for {step.breaths} breaths."
    return None


def finish_offer(moment: Moment) -> str | None:
    """At the first optional round (cat/cow's sixth): the minimum is done, and how to wrap up."""
    reps = moment.stretch.repetitions
    if moment.starts_round and moment.optional and moment.round == reps.min + 1:
        return (
            f"You've done {reps.min} rounds, and the clinic suggests {reps.min} to {reps.max}. "
            f'Keep going with round {moment.round}, or say "finish" to wrap up.'
        )
    return None


def cue(moment: Moment) -> str | None:
    """Spoken at a turn where something changed: a new side, a new round, or that the minimum is done.

    On a screen the step's heading already shows side and round, so only ``finish_offer`` is shown.
    """
    reps = moment.stretch.repetitions
    if moment.starts_side and moment.side:
        lead = f"{moment.side.capitalize()} side"
        return f"{lead}, {rounds_phrase(1, reps)}." if reps.max > 1 else f"{lead}."
    if not moment.starts_round or moment.round is None or reps.max == 1:
        return None
    return finish_offer(moment) or f"{rounds_phrase(moment.round, reps).capitalize()}."


def _sentences(moment: Moment) -> list[str]:
    return [s for s in (finish_offer(moment), moment.text, hold_sentence(moment)) if s]


def show_step(moment: Moment) -> Reply:
    """A turn: where they are, the instruction, the caution, the picture, the hold and the choices."""
    lines = [f"{moment.stretch.name}: {where(moment)}", " ".join(_sentences(moment))]
    if moment.caution:
        lines.append(f"Careful: {moment.caution}")
    return Reply(
        text="\n".join(lines),
        speech=speak_step(moment),
        choices=routine_choices(moment),
        picture=moment.illustration,
        title=f"{moment.stretch.name}, {where(moment)}",
        reprompt=STEP_REPROMPT,
        hold_seconds=moment.step.seconds,
        step=StepText(heading=lines[0], text="\n".join(lines[1:])),
    )


def timed_hold(seconds: int) -> tuple[Speech, ...]:
    """The hold as it sounds: how long, that long in silence, then release."""
    return (Words(f"Hold for {seconds} seconds."), Silence(seconds), Words("And release."))


def speak_step(moment: Moment) -> tuple[Speech, ...]:
    """A turn as speech: short sentences, holds as silences, rounds and sides counted out loud."""
    parts: list[Speech] = [Words(s) for s in (cue(moment), moment.text) if s]
    if moment.caution:
        parts.append(Words(f"Careful. {moment.caution}"))
    step = moment.step
    if step.seconds:
        parts.extend(timed_hold(step.seconds))
    elif step.breaths and step.breath_pause_seconds:
        parts.append(Words(f"Stay here for {step.breaths} breaths."))
        parts.append(Silence(step.breath_pause_seconds))
        parts.append(Words("Keep breathing."))
        parts.append(Silence(step.breath_pause_seconds))
    return tuple(parts)
