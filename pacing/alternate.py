"""'Why not alternate?': what the clinic's guide says of the order of a stretch's poses or sides.

Mid-Cat/Cow, "why not alternate" was read as a pause (live tester). The guide answers it: Cat/Cow
already moves between its two poses round after round; the Lying Knee Twist is done on one side, then
the other; the Forward Fold is done once through. Nothing beyond that is said, and the place is kept.
"""

from __future__ import annotations

import re

from pacing.replies import keep_place, offer_stretch, phone_speech, phone_text
from pacing.reply import Reply, join
from pacing.routine import Moment, Routine
from stretch_content import Content, Stretch

_ALTERNATE = re.compile(
    r"\balternat(e|es|ed|ing|ely)\b|\bback and forth\b|\b(switch|swap|change) (sides|legs) "
    r"(each|every|after (each|every)) (time|round|rep|one)\b",
    re.IGNORECASE,
)


def asks_to_alternate(text: str) -> bool:
    """ "why not alternate", "can we alternate sides", "swap legs every round?" ("an alternative" is not)."""
    return bool(_ALTERNATE.search(text))


def _count(stretch: Stretch) -> str:
    reps = stretch.repetitions
    return f"{reps.min}" if reps.min == reps.max else f"{reps.min} to {reps.max}"


def about_order(content: Content, stretch: Stretch, moment: Moment | None) -> str:
    """The guide's order for ``stretch``, in its words; for a two-sided one, in this person's side order."""
    if stretch.sides:
        in_it = moment is not None and moment.stretch.id == stretch.id
        first, second = (Routine.of(moment) if moment is not None and in_it else Routine(stretch)).sides
        return (
            f"The clinic's guide does the {stretch.name} one side at a time: {_count(stretch)} rounds on your "
            f"{first} side, then the same on your {second} side. It doesn't say to alternate sides each round; "
            "a specialist can tell you what suits you:"
        )
    poses = [s.text for s in stretch.cycle if s.text]
    if len(poses) >= 2 and stretch.repetitions.max > 1:
        flow = " Then: ".join(f'"{p}"' for p in poses)
        return (
            f"The {stretch.name} already alternates: the guide has you move between its poses, round after round "
            f"({_count(stretch)} times): {flow} For anything more, a specialist can help:"
        )
    return (
        f"The {stretch.name} is done once through, so there is nothing to alternate. "
        "For anything more, a specialist can help:"
    )


def alternate_answer(content: Content, stretch: Stretch, moment: Moment | None) -> Reply:
    """The answer, the clinic's number, then the place (or, outside a routine, the stretch offered)."""
    lead = about_order(content, stretch, moment)
    answer = Reply(text=f"{lead} {phone_text(content.clinic)}.", speech=phone_speech(content.clinic, lead))
    if moment is not None:
        return join(answer, keep_place(moment))
    return join(answer, offer_stretch(content, stretch))
