"""Everything the assistant says around the steps: starting, finishing, booking, fallback, safety.

Every clinic fact (name, phone, consult wording) comes from the content module.
"""

from __future__ import annotations

from pacing.reply import Act, Choice, PhoneNumber, Reply, Speech, Words, join, words
from pacing.routine import Moment, Routine
from pacing.steps import RESUME, STEP_REPROMPT, STOP, routine_choices, show_step, where
from stretch_content import Clinic, Content, Stretch

BOOK = Choice(Act.BOOK, "Book an appointment")
GOODBYE = "Take care, and go gently. Goodbye!"


def stretch_choices(content: Content, *, skip: str | None = None) -> tuple[Choice, ...]:
    """One choice per stretch; it names the stretch so no NLU guess is needed."""
    return tuple(Choice(Act.STRETCH, s.name, stretch=s.id) for s in content.stretches if s.id != skip)


def _names(stretches: tuple[Stretch, ...] | list[Stretch], conjunction: str = "or") -> str:
    names = [s.name for s in stretches]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def which_one(content: Content) -> str:
    return f"Which one would you like: {_names(content.stretches)}?"


def offer_stretch(content: Content, stretch: Stretch | None) -> Reply:
    """After an answer outside a routine: the stretch it was about offered (a yes starts it), else the choice."""
    if stretch is None:
        return Reply.plain(which_one(content), choices=(*stretch_choices(content), BOOK))
    offer = f"Would you like to try the {stretch.name}?"
    return Reply.plain(offer, choices=(*stretch_choices(content), BOOK), reprompt=offer)


def phone_text(clinic: Clinic) -> str:
    return f"call {clinic.name} at {clinic.phone}"


def phone_speech(clinic: Clinic, lead: str = "") -> tuple[Speech, ...]:
    """Spoken: ``lead`` (if any), "call <clinic> at", and the number read as a phone number."""
    return (*words(lead), Words(f"call {clinic.name} at"), PhoneNumber(clinic.phone))


def keep_place(moment: Moment) -> Reply:
    """Said after a detour mid-routine so nobody loses their place, with the step's quick replies."""
    text = (
        f'You\'re on the {moment.stretch.name}, {where(moment)}. Say "next" to carry on, or "repeat" to hear it again.'
    )
    return Reply.plain(text, choices=routine_choices(moment), reprompt=STEP_REPROMPT)


def way_forward(content: Content, moment: Moment | None) -> Reply:
    """Where they are and what they can say (mid-routine), or what the assistant offers."""
    if moment is not None:
        return keep_place(moment)
    offer = "I can guide you through a stretch or tell you how to book."
    return Reply.plain(offer, choices=(*stretch_choices(content), BOOK), reprompt=which_one(content))


def _length(routine: Routine) -> str:
    """How long a routine is, as people count it: the steps the required rounds take."""
    required = routine.required_total
    stretch = routine.stretch
    reps, each_side = stretch.repetitions, " on each side" if stretch.sides else ""
    if reps.max == 1:
        return f"It takes {required} steps."
    if reps.min == reps.max:
        return f"It takes about {required} steps: {reps.min} rounds{each_side}."
    return f"It takes about {required} steps: at least {reps.min} rounds{each_side}, up to {reps.max} if you like."


def safety_notice(clinic: Clinic) -> Reply:
    """The clinic's warning, said once before the first stretch of a conversation."""
    text = f"Before you start: {clinic.consult} {clinic.stop_if_it_hurts}"
    return Reply.plain(text)


def start(content: Content, routine: Routine, *, with_notice: bool) -> Reply:
    """Opening a routine: its name and length, the clinic's warning if not yet given, then step 1."""
    stretch = routine.stretch
    intro_text = f'Let\'s do the {stretch.name}. {stretch.targets} {_length(routine)} Say "next" after each one.'
    intro_speech = words(f"Let's do the {stretch.name}. Say next after each step.")
    parts = [safety_notice(content.clinic)] if with_notice else []
    parts += [Reply(text=intro_text, speech=intro_speech), show_step(routine.at(0))]
    return join(*parts)


def _closing_words(routine: Routine, from_index: int | None) -> str:
    """Closing words not yet said when someone finishes early (Cat/Cow's "You should feel ...")."""
    closing = routine.closing_from(from_index) if from_index is not None else ()
    return " ".join(m.text or "" for m in closing)


def finished(content: Content, routine: Routine, from_index: int | None = None) -> Reply:
    """The end of a routine: any closing words not yet said, congratulations, what to do next."""
    stretch = routine.stretch
    closing_text = _closing_words(routine, from_index)
    others = [s for s in content.stretches if s.id != stretch.id]
    done = f"{closing_text + ' ' if closing_text else ''}Well done, you've finished the {stretch.name}!"
    text = f"{done} Would you like to try the {_names(others)}, or book an appointment with {content.clinic.name}?"
    return Reply.plain(
        text,
        choices=(*stretch_choices(content, skip=stretch.id), BOOK),
        reprompt=f"You can say {_names(others)}, or book an appointment.",
        farewell=f"{done} {GOODBYE}",
    )


def finished_all(content: Content, routine: Routine, from_index: int | None = None) -> Reply:
    """The end of a "do all three" session."""
    closing_text = _closing_words(routine, from_index)
    count = len(content.stretches)
    done = f"{closing_text + ' ' if closing_text else ''}Well done, you've finished all {count} stretches!"
    text = f"{done} Would you like to book an appointment with {content.clinic.name}, or do one of them again?"
    return Reply.plain(
        text,
        choices=(BOOK, *stretch_choices(content)),
        reprompt="You can say book an appointment, or the name of a stretch.",
        farewell=f"{done} {GOODBYE}",
    )


def stopped(content: Content, moment: Moment) -> Reply:
    """Stopping before the end: where they stopped, and that they can pick another or start over."""
    stop = f"Okay, I've stopped the {moment.stretch.name} at {where(moment)}."
    text = f"{stop} Whenever you like, pick a stretch again or ask how to book an appointment."
    return Reply.plain(text, choices=(*stretch_choices(content), BOOK), farewell=f"{stop} {GOODBYE}")


def paused(moment: Moment) -> Reply:
    text = f"Paused the {moment.stretch.name} at {where(moment)}. Say resume when you're ready."
    return Reply.plain(text, choices=(RESUME, STOP), reprompt="Say resume when you're ready, or stop to end.")


def list_stretches(content: Content) -> Reply:
    """ "What stretches can help my back?": each stretch with its one line from the clinic's guide."""
    lines = [f"{content.clinic.name} recommends three gentle stretches for back pain:"]
    lines += [f"- {s.name}: {s.targets}" for s in content.stretches]
    lines.append(which_one(content))
    spoken = f"I can guide you through the {_names(content.stretches)}. Which one would you like?"
    return Reply(
        text="\n".join(lines),
        speech=words(spoken),
        choices=stretch_choices(content),
        reprompt=which_one(content),
    )


def booking(clinic: Clinic) -> Reply:
    """How to book: the clinic, its number, and what to say on the call."""
    text = (
        f"To book an appointment with one of the back pain specialists in the {clinic.area}, "
        f"{phone_text(clinic)}. {clinic.booking_script}"
    )
    lead = "To book an appointment with a back pain specialist,"
    speech = (*phone_speech(clinic, lead), Words(clinic.booking_script))
    return Reply(text=text, speech=speech)


def no_routine(content: Content) -> Reply:
    """Navigation with nothing to navigate: say so and offer the stretches."""
    text = f"We're not in the middle of a stretch right now. {which_one(content)}"
    return Reply.plain(text, choices=stretch_choices(content), reprompt=which_one(content), farewell=GOODBYE)


def unknown_stretch(content: Content) -> Reply:
    """A stretch request the assistant can't match to the clinic's stretches."""
    text = f"I only know the stretches in the clinic's guide. {which_one(content)}"
    return Reply.plain(text, choices=stretch_choices(content), reprompt=which_one(content))


def help_(content: Content, moment: Moment | None) -> Reply:
    """What the assistant can do, or, mid-routine, what the person can say."""
    if moment is not None:
        text = (
            f"You're on the {moment.stretch.name}, {where(moment)}. You can say next, repeat, go back, "
            "start over, stop, what step am I on, how long do I hold it, or how many times."
        )
        return Reply.plain(text, choices=routine_choices(moment), reprompt=STEP_REPROMPT)
    text = (
        f"I can guide you step by step through the {_names(content.stretches, 'and')} from {content.clinic.name}, "
        "and tell you how to book an appointment. I'm not a substitute for a clinician. "
        f"{which_one(content)}"
    )
    return Reply.plain(
        text,
        choices=(*stretch_choices(content), BOOK),
        reprompt=which_one(content),
    )


def welcome(content: Content) -> Reply:
    """The opening line on any channel."""
    text = (
        f"Hi! I'm the stretch coach from {content.clinic.name}. I can guide you through the "
        f"{_names(content.stretches, 'and')}, and tell you how to book an appointment. "
        f"I'm not a substitute for a clinician. {which_one(content)}"
    )
    return Reply.plain(
        text,
        choices=(*stretch_choices(content), BOOK),
        reprompt=which_one(content),
    )


def hold_over(moment: Moment) -> Reply:
    """Said on the web when a timed hold ends, with the step's quick replies."""
    text = "Time's up: release. Say \"next\" when you're ready."
    return Reply.plain(text, choices=routine_choices(moment), reprompt=STEP_REPROMPT)


def no_thanks(content: Content) -> Reply:
    """ "No" with no routine running."""
    text = "No problem. If you'd like a stretch later, or want to book an appointment, just ask."
    return Reply.plain(text, choices=(*stretch_choices(content), BOOK))


def empty_message() -> Reply:
    text = 'I didn\'t get any words there. Nothing has changed; say "help" to hear what I can do.'
    return Reply.plain(text, reprompt=STEP_REPROMPT)


def unknown_command() -> Reply:
    text = 'That isn\'t a command I know. Say "help" to hear what I can do. Nothing has changed in your stretch.'
    return Reply.plain(text, reprompt=STEP_REPROMPT)


def too_long(limit: int) -> Reply:
    text = (
        f"That message is too long for me: I can read up to {limit:,} characters. "
        "Please send a shorter one. Nothing has changed in your stretch."
    )
    return Reply.plain(text, reprompt=STEP_REPROMPT)


def trouble(clinic: Clinic) -> Reply:
    """When the assistant itself fails (the action server is down): still a useful answer."""
    text = (
        "Sorry, I'm having trouble on my side right now, so please try again in a moment; "
        f"your place in the stretch is kept. If you need help now, {phone_text(clinic)}."
    )
    sorry = "Sorry, I am having trouble right now. Please try again in a moment. If you need help now,"
    return Reply(text=text, speech=phone_speech(clinic, sorry), reprompt=STEP_REPROMPT)


def thanks(content: Content, moment: Moment | None) -> Reply:
    """ "Thanks": you're welcome, and the way on from where they are."""
    if moment is not None:
        return join(Reply.plain("You're welcome!"), keep_place(moment))
    text = "You're welcome! Would you like a stretch, or to know how to book?"
    return Reply.plain(text, choices=(*stretch_choices(content), BOOK), reprompt=which_one(content))


def goodbye() -> Reply:
    """The end of a conversation; a speaker closes its session after it."""
    text = f"{GOODBYE} If you'd like to stretch again, just say hi."
    return Reply.plain(text, farewell=GOODBYE, ends_conversation=True)


def bot_challenge(content: Content) -> Reply:
    text = (
        "Yes, I'm a virtual stretch coach, not a person and not a clinician. "
        f"I can guide you through the clinic's stretches and tell you how to book. {which_one(content)}"
    )
    return Reply.plain(text, choices=(*stretch_choices(content), BOOK), reprompt=which_one(content))


def next_in_session(content: Content, done: Routine, following: Routine) -> Reply:
    """ "Do all three": one stretch finished, the next one starts."""
    text = f"Well done, that's the {done.stretch.name}. Next up: the {following.stretch.name}."
    return join(Reply.plain(text), start(content, following, with_notice=False))


def all_three(content: Content, first: Routine, *, with_notice: bool) -> Reply:
    """The start of a session of every stretch, one after another."""
    count, names = len(content.stretches), _names(content.stretches, "and")
    lead = f"Great: we'll do all {count} stretches, one after another: {names}."
    return join(Reply.plain(lead), start(content, first, with_notice=with_notice))


def cannot_save(clinic: Clinic) -> Reply:
    """The store failed: say so plainly, never pretend the place was kept, and give the clinic's number."""
    text = (
        "Sorry, I can't save your place right now, so I can't guide you through the stretch safely. "
        f"Please try again later. If you need help now, call {clinic.name} at {clinic.phone}."
    )
    lead = "Sorry, I cannot save your place right now. Please try again later. If you need help now, call"
    speech = (Words(f"{lead} {clinic.name} at"), PhoneNumber(clinic.phone))
    return Reply(text=text, speech=speech, reprompt="Please try again later.")
