"""How one turn of a routine reads on a screen and how it sounds on a speaker."""

from __future__ import annotations

from pacing.reply import Button, Reply, pause, say, ssml_to_plain
from pacing.routine import Moment, Routine
from stretch_content import Repetitions

FEW_BREATHS_SECONDS = 5
"""Silence after each spoken "breathe" cue for the article's "a few breaths" (two cues in all)."""

NAVIGATION = (
    Button("Next", "/next_step"),
    Button("Repeat", "/repeat_step"),
    Button("Back", "/previous_step"),
    Button("Stop", "/stop_routine"),
)
FINISH_BUTTON = Button("Finish", "/stop_routine")
STEP_REPROMPT = say("Say next when you're ready, or repeat to hear that again.")


def routine_buttons(moment: Moment) -> tuple[Button, ...]:
    """Quick replies mid-routine: navigation, and Finish once the required rounds are done."""
    reps = moment.stretch.repetitions
    if reps.min < reps.max and Routine(moment.stretch).can_finish_early(moment.index):
        return (*NAVIGATION, FINISH_BUTTON)
    return NAVIGATION


def rounds_phrase(round_no: int, reps: Repetitions) -> str:
    """ "round 2 of 3", "round 2 of 5 to 10", "round 7 of up to 10"."""
    if reps.min == reps.max:
        return f"round {round_no} of {reps.max}"
    if round_no <= reps.min:
        return f"round {round_no} of {reps.min} to {reps.max}"
    return f"round {round_no} of up to {reps.max}"


def where(moment: Moment) -> str:
    """The person's place, in words: "step 3 of 19, right side, round 1 of 3"."""
    parts = [f"step {moment.number} of {moment.total}"]
    if moment.side:
        parts.append(f"{moment.side} side")
    if moment.round is not None and moment.stretch.repetitions.max > 1:
        parts.append(rounds_phrase(moment.round, moment.stretch.repetitions))
    return ", ".join(parts)


def hold_sentence(moment: Moment) -> str | None:
    """The hold as the article gives it, or None when the step holds nothing."""
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
    """A turn as chat: where they are, the instruction, the caution, a picture and navigation buttons."""
    lines = [f"{moment.stretch.name}: {where(moment)}", " ".join(_sentences(moment))]
    if moment.caution:
        lines.append(f"Careful: {moment.caution}")
    return Reply(
        text="\n".join(lines),
        ssml=speak_step(moment),
        buttons=routine_buttons(moment),
        illustration=moment.illustration,
        title=f"{moment.stretch.name}, {where(moment)}",
        reprompt=STEP_REPROMPT,
        hold_seconds=moment.step.seconds,
    )


def speak_timed_hold(seconds: int) -> str:
    """Real silence for the hold, in breaks Alexa accepts, with a short cue between them."""
    parts = [say(f"Hold for {seconds} seconds.")]
    left = seconds
    while left > 0:
        chunk = min(left, 10)
        parts.append(pause(chunk))
        left -= chunk
        if left > 0:
            parts.append(say(f"{left} more seconds."))
    parts.append(say("And release."))
    return " ".join(parts)


def phone_speech(reply: Reply) -> str:
    """Plain speech for a phone line (Twilio's <Say>), which cannot pause mid-message.

    A timed hold's breaks would vanish and its countdown run together ("Hold for 20 seconds. 10 more
    seconds. And release."), so the hold is said as how long to hold, and the caller says next.
    """
    ssml = reply.ssml
    if reply.hold_seconds:
        ssml = ssml.replace(
            speak_timed_hold(reply.hold_seconds), say(f"Hold for {reply.hold_seconds} seconds, then say next.")
        )
    return ssml_to_plain(ssml)


def speak_step(moment: Moment) -> str:
    """A turn as speech: short sentences, holds as pauses, rounds and sides counted out loud."""
    parts = [say(s) for s in (cue(moment), moment.text) if s]
    if moment.caution:
        parts.append(say(f"Careful. {moment.caution}"))
    if moment.step.seconds:
        parts.append(speak_timed_hold(moment.step.seconds))
    elif moment.step.breaths:
        parts.append(say(f"Stay here for {moment.step.breaths} breaths."))
        parts.append(pause(FEW_BREATHS_SECONDS))
        parts.append(say("Keep breathing."))
        parts.append(pause(FEW_BREATHS_SECONDS))
    return " ".join(parts)
