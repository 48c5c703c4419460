"""'Why not alternate?' answered from the clinic's guide (stretch_content/article.txt): Cat/Cow is "a fluid
movement between two different poses", the Lying Knee Twist is done one side and then the other, the Forward
Fold once through. Nothing beyond the guide, and the place is kept."""

from __future__ import annotations

import pytest

from pacing import Routine
from pacing.alternate import alternate_answer, asks_to_alternate
from stretch_content import load_content

CONTENT = load_content()
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
TWIST = Routine(CONTENT.stretch("lying_knee_twist"))
FOLD = CONTENT.stretch("forward_fold")


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("why not alternate", True),
        ("why not alternate sides", True),
        ("can we alternate", True),
        ("swap legs every round?", True),
        ("back and forth between them?", True),
        ("is there an alternative to cat cow", False),
        ("pause", False),
        ("next", False),
    ],
)
def test_asking_to_alternate(text: str, asks: bool) -> None:
    assert asks_to_alternate(text) is asks


def test_cat_cow_already_alternates_between_its_two_poses_and_the_place_is_kept() -> None:
    reply = alternate_answer(CONTENT, CAT_COW.stretch, CAT_COW.at(2))
    assert "already alternates" in reply.text
    assert "curl your spine upward" in reply.text and "drop your stomach towards the floor" in reply.text
    assert "5 to 10 times" in reply.text  # the article: "anywhere from five to ten times"
    assert CONTENT.clinic.phone in reply.text and "step 3" in reply.text and reply.choices
    assert "Paused" not in reply.text


def test_the_twist_is_one_side_then_the_other_in_this_persons_order() -> None:
    reply = alternate_answer(CONTENT, TWIST.stretch, TWIST.at(2))
    assert "3 rounds on your right side, then the same on your left side" in reply.text
    assert "doesn't say to alternate" in reply.text
    left_first = Routine(TWIST.stretch, "left")
    assert (
        "on your left side, then the same on your right"
        in alternate_answer(CONTENT, TWIST.stretch, left_first.at(2)).text
    )


def test_the_fold_is_done_once_through_and_offered_outside_a_routine() -> None:
    reply = alternate_answer(CONTENT, FOLD, None)
    assert "once through" in reply.text and "Would you like to try the Forward Fold?" in reply.text


def test_the_twist_asked_about_during_cat_cow_keeps_the_cat_cow_place() -> None:
    reply = alternate_answer(CONTENT, TWIST.stretch, CAT_COW.at(3))
    assert "3 rounds on your right side, then the same on your left side" in reply.text
    assert "You're on the Cat/Cow, step 2, round 2" in reply.text  # the turn at index 3: round 2's cat
