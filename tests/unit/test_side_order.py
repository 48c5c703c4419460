"""The Lying Knee Twist done left side first ("can i do the left side first"): both sides, left first.

Expectations from the clinic's guide (stretch_content/article.txt): the twist is done on one side, then
the other, three rounds each; the person chooses which side comes first, and neither side is left out.
"""

from __future__ import annotations

import pytest

from pacing import Routine, coach_answers, sides
from pacing.steps import FINISH, cue, routine_choices
from stretch_content import load_content

CONTENT = load_content()
TWIST_STRETCH = CONTENT.stretch("lying_knee_twist")
DEFAULT = Routine(TWIST_STRETCH)
LEFT_FIRST = Routine(TWIST_STRETCH, "left")


def walk(routine: Routine) -> list[int]:
    seen, index = [0], 0
    while (following := routine.after(index)) is not None:
        seen.append(following)
        index = following
    return seen


def test_left_first_walks_both_sides_three_rounds_each_left_then_right() -> None:
    visited = [LEFT_FIRST.at(i) for i in walk(LEFT_FIRST)]
    assert [m.side for m in visited] == [None] + ["left"] * 9 + ["right"] * 9
    holds = [(m.side, m.round) for m in visited if m.is_hold]
    assert holds == [("left", 1), ("left", 2), ("left", 3), ("right", 1), ("right", 2), ("right", 3)]
    assert LEFT_FIRST.total == DEFAULT.total == 19


def test_left_first_says_the_left_knee_across_the_right_side() -> None:
    first_bend = LEFT_FIRST.at(1)
    assert first_bend.text == "Bend your left knee and slowly draw it across the right side of your body."
    assert cue(first_bend) == "Left side, round 1 of 3."
    right_start = LEFT_FIRST.at(10)
    assert right_start.text == "Bend your right knee and slowly draw it across the left side of your body."
    assert cue(right_start) == "Right side, round 1 of 3."


def test_the_order_is_kept_in_the_turns_so_the_routine_can_be_rebuilt() -> None:
    assert Routine.of(LEFT_FIRST.at(5)) == LEFT_FIRST
    assert Routine.of(DEFAULT.at(5)) == DEFAULT
    assert LEFT_FIRST.sides == ("left", "right") and DEFAULT.sides == ("right", "left")


def test_the_contents_own_first_side_or_an_unknown_side_is_the_default_order() -> None:
    assert Routine(TWIST_STRETCH, "right") == DEFAULT
    assert Routine(TWIST_STRETCH, "middle") == DEFAULT
    assert Routine(CONTENT.stretch("cat_cow"), "left") == Routine(CONTENT.stretch("cat_cow"))


def test_finish_is_offered_only_at_the_very_end_not_after_the_first_side() -> None:
    assert FINISH not in routine_choices(LEFT_FIRST.at(9))  # the left side's last step: the right side follows
    assert FINISH in routine_choices(LEFT_FIRST.at(18))
    assert LEFT_FIRST.after(9) == 10 and LEFT_FIRST.after(18) is None


def test_how_many_more_on_the_first_side_mentions_the_other_side_after() -> None:
    said = coach_answers.repetitions_answer(LEFT_FIRST.at(2)).text
    assert "left side" in said and "then the same on your right side" in said
    on_right = coach_answers.repetitions_answer(LEFT_FIRST.at(11)).text
    assert "then the same" not in on_right


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("can I do the left side first", True),
        ("can i do left first", True),
        ("start with my left pls", True),
        ("left before right?", True),
        ("i wanna do the left one 1st", True),
        ("skip to left", False),
        ("no wait, i want the left side", False),
        ("go to left leg please", False),
        ("how many are left", False),
    ],
)
def test_asking_for_a_side_first(text: str, first: bool) -> None:
    assert sides.wants_first(text) is first


def test_the_side_asked_first_keeps_the_place_in_the_setup_and_on_that_side() -> None:
    assert sides.same_place(DEFAULT, 0, LEFT_FIRST) == 0  # lying down: still lying down
    assert sides.same_place(DEFAULT, 2, LEFT_FIRST) == 1  # on the right: the left side's first step
    assert sides.same_place(DEFAULT, 14, LEFT_FIRST) == 5  # already on the left, round 2 hold: the same
    assert LEFT_FIRST.at(5).side == "left" and LEFT_FIRST.at(5).round == 2 and LEFT_FIRST.at(5).is_hold


def test_the_reply_says_which_side_first_and_that_the_other_follows() -> None:
    reply = sides.side_first(LEFT_FIRST, LEFT_FIRST.at(1))
    assert "left side first, then your right side" in reply.text
    assert "Bend your left knee" in reply.text
