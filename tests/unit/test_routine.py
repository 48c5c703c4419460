"""The pacing core: every routine walked to the end, and every way of moving through it."""

from __future__ import annotations

import pytest

from pacing import Routine
from pacing.steps import cue, hold_sentence, where
from stretch_content import load_content

CONTENT = load_content()
ROUTINES = [Routine(s) for s in CONTENT.stretches]


def walk(routine: Routine) -> list[int]:
    seen, index = [0], 0
    while (following := routine.after(index)) is not None:
        seen.append(following)
        index = following
    return seen


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.stretch.id)
def test_next_walks_every_step_once_then_finishes(routine: Routine) -> None:
    assert walk(routine) == list(range(routine.total))
    assert routine.after(routine.total - 1) is None


def test_knee_twist_paces_three_holds_per_side_on_both_sides() -> None:
    routine = Routine(CONTENT.stretch("lying_knee_twist"))
    holds = [m for m in routine.moments if m.is_hold]
    assert [(m.side, m.round, m.step.seconds) for m in holds] == [
        (side, r, 20) for side in ("right", "left") for r in (1, 2, 3)
    ]
    left_start = next(m for m in routine.moments if m.side == "left")
    assert left_start.starts_side
    assert left_start.text == "Bend your left knee and slowly draw it across the right side of your body."
    assert left_start.illustration == "knee_twist_left"
    assert cue(left_start) == "Left side, round 1 of 3."
    assert routine.total == 1 + 2 * 3 * 3


def test_cat_cow_flows_between_two_poses_five_to_ten_times() -> None:
    routine = Routine(CONTENT.stretch("cat_cow"))
    cats = [m for m in routine.moments if m.illustration == "cat"]
    cows = [m for m in routine.moments if m.illustration == "cow"]
    assert len(cats) == len(cows) == 10
    assert [m.optional for m in cats] == [False] * 5 + [True] * 5
    assert hold_sentence(cats[0]) == "Stay in this position for a few breaths."
    sixth = cats[5]
    assert routine.can_finish_early(sixth.index) and not routine.can_finish_early(cats[4].index)
    fifth_cow = cats[4].index + 1  # the last step of the fifth round: the required rounds are done
    assert routine.can_finish_early(fifth_cow) and not routine.can_finish_early(fifth_cow - 2)
    assert 'say "finish"' in (cue(sixth) or "")
    assert [m.text for m in routine.closing_from(sixth.index)] == [
        "You should feel a deep stretch in both your neck and your lumbar region."
    ]


def test_forward_fold_offers_its_easier_variations_last() -> None:
    routine = Routine(CONTENT.stretch("forward_fold"))
    last = routine.at(routine.total - 1)
    assert "bend your knees" in (last.text or "") and last.illustration == "seated_fold"
    assert all(m.round == 1 for m in routine.moments)
    assert where(routine.at(0)) == "step 1 of 4"


def test_back_and_bounds() -> None:
    routine = ROUTINES[0]
    assert routine.before(0) is None
    assert routine.before(5) == 4
    with pytest.raises(IndexError):
        routine.at(routine.total)
    with pytest.raises(IndexError):
        routine.at(-1)


def test_where_says_step_side_and_round() -> None:
    routine = Routine(CONTENT.stretch("lying_knee_twist"))
    assert where(routine.at(2)) == "step 3, right side, round 1 of 3"
    assert where(routine.at(5)) == "step 3, right side, round 2 of 3"  # the step as written, in every round
    assert where(routine.at(11)) == "step 3, left side, round 1 of 3"
    assert routine.next_hold(0) == routine.at(2)


def test_the_last_step_can_always_finish() -> None:
    for stretch in CONTENT.stretches:
        routine = Routine(stretch)
        assert routine.can_finish_early(routine.total - 1)
        assert not routine.can_finish_early(0)
