"""Issue 17, a live tester's turns (Rosa, 58, texts in short typo-filled bursts), in the pure core: a stretch
felt and said not to be pain, a joint noise, how to come back up, rounds, when to bend the knees, "how many
breaths is a few", medication asked beside something else, "no??" to the red-flag question, "7 tonite",
"fair enough next". The expected sentences are the content's words, copied here by hand."""

from __future__ import annotations

import pytest

from pacing import Routine, checkin, commands, offers, screen, step_questions
from stretch_content import load_content
from triage import Level, assess

CONTENT = load_content()
CLINIC = CONTENT.clinic
TWIST = Routine(CONTENT.stretch("lying_knee_twist"))
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
FOLD = Routine(CONTENT.stretch("forward_fold"))
PHONE = "(763) 201-8191"


# 1. A stretch felt, said not to be pain: acknowledged; pain still stops ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ok doing left. oof i feel that in my hip, like a pull not bad pain",
        "no no it doesnt hurt its just a stretch feeling",
        "i feel it in my hip but its not painful",
    ],
)
def test_a_stretch_said_not_to_be_pain_is_no_pain(text: str) -> None:
    assert assess(text).level is Level.NONE
    assert step_questions.feels_stretch_not_pain(text)


@pytest.mark.parametrize(
    "text", ["oof i feel that in my hip and it hurts", "a pull, its painful", "like a pull. ow it hurts now"]
)
def test_a_stretch_that_hurts_is_still_pain(text: str) -> None:
    assert assess(text).level is Level.PAIN


def test_the_stretch_felt_is_answered_with_the_steps_own_words_and_the_place() -> None:
    said = step_questions.stretch_felt(CONTENT, TWIST.at(10)).text  # left side, round 1, drawing the knee over
    assert said.startswith("Thanks for telling me it's a stretch, not pain.")
    assert '"Keep it in a position that feels comfortable but gives you a noticeable stretch along your spine."' in said
    assert "Stop if anything hurts." in said and "step 2, left side, round 1 of 3" in said


def test_cat_cow_quotes_what_the_guide_says_you_should_feel() -> None:
    said = step_questions.stretch_felt(CONTENT, CAT_COW.at(2)).text
    assert '"You should feel a deep stretch in both your neck and your lumbar region."' in said


# 2. A noise without pain; the breathing question answered; "no??" is a no ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "should i breathe in on this one? and my neck gets kinda crunchy looking up is that normal",
        "so is the neck crunching normal when i look up",
        "it doesnt hurt, just makes a noise. can we keep going",
    ],
)
def test_a_noise_without_pain_is_no_alarm(text: str) -> None:
    assert assess(text).level is Level.NONE
    assert step_questions.asks_about_noise(text)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my neck cracks and it hurts", Level.PAIN),
        ("my knee clicks and now both legs are numb", Level.EMERGENCY),
    ],
)
def test_a_noise_with_pain_or_a_red_flag_still_counts(text: str, level: Level) -> None:
    assert assess(text).level is level


def test_a_noise_with_a_pain_word_is_not_a_noise_question() -> None:
    assert not step_questions.asks_about_noise("my neck cracks and it hurts")


def test_the_noise_answer_gives_the_breathing_cue_asked_for_first() -> None:
    text = "should i breathe in on this one? and my neck gets kinda crunchy looking up is that normal"
    said = step_questions.noise(CONTENT, CAT_COW.at(2), text).text  # the cow: no cue of its own
    cue = "This step gives no breathing cue. The breathing cues in the Cat/Cow are: Exhale and curl your spine upward"
    assert said.startswith(cue)
    assert "The clinic's guide doesn't say anything about a noise like that." in said
    assert "Stop if anything hurts." in said and PHONE in said and "step 3, round 1 of at least 5" in said


@pytest.mark.parametrize("text", ["no?? i just asked about breathing in", "no. i asked if i exhale here"])
def test_a_no_with_a_complaint_about_breathing_cues_is_a_no(text: str) -> None:
    assert screen.says_no(text)


@pytest.mark.parametrize("text", ["no?? i just have trouble breathing", "no, but my breathing is weird"])
def test_a_no_naming_trouble_breathing_stays_open(text: str) -> None:
    assert not screen.says_no(text)


# 3. How to come back up: a form question, answered from the steps ----------------------------------------


def test_coming_back_up_without_hurting_is_a_question_not_pain() -> None:
    text = "how long do i stay folded over and how do i come back up without hurting my back"
    assert assess(text).level is Level.NONE
    assert step_questions.asks_how_to_come_up(text)
    said = step_questions.coming_up(CONTENT, FOLD.at(3), text).text
    assert said.startswith("The Forward Fold has no timed hold.")
    assert "The clinic's guide doesn't say how to come back up from the Forward Fold." in said
    assert "Stop if anything hurts." in said and PHONE in said and "step 4 of 4" in said


def test_the_twist_says_how_to_come_back() -> None:
    said = step_questions.coming_up(CONTENT, TWIST.at(2), "how do i come back up from this").text
    assert 'The guide says: "Return to center."' in said


# 4 and 7. Rounds: not a side switch; the guide's numbers -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my left side is the bad one, can i do extra rounds on the left",
        "i was asking if i can do more on the left",
        "is it ok to do extra on the left hip side yes or no",
        "ugh. can i change how many rounds i do",
        "ok back, that was my 4 oclock cancelling. can i just do 5 rounds and be done or is 10 better",
        "i didnt ask if its safe. 5 or 10 rounds??",
    ],
)
def test_questions_about_the_number_of_rounds(text: str) -> None:
    assert step_questions.asks_to_change_rounds(text)


@pytest.mark.parametrize("text", ["how many more", "how many more rounds", "ok left side now", "next"])
def test_not_questions_about_changing_rounds(text: str) -> None:
    assert not step_questions.asks_to_change_rounds(text)


def test_twist_rounds_are_three_on_each_side_and_the_place_is_kept() -> None:
    said = step_questions.rounds(CONTENT, TWIST.at(4)).text  # right side, round 2
    assert said.startswith("The clinic's guide says to repeat the Lying Knee Twist 3 times on each side.")
    assert "It doesn't say to do more or fewer rounds, or extra on one side" in said
    assert PHONE in said and "step 2, right side, round 2 of 3" in said


def test_cat_cow_rounds_are_five_to_ten() -> None:
    said = step_questions.rounds(CONTENT, CAT_COW.at(4)).text
    assert "anywhere from 5 to 10 times: you can finish after 5, or go on up to 10." in said
    assert "or that more is better" in said


# 8 and 9. When to bend the knees; how many breaths -------------------------------------------------------


def test_when_do_i_bend_my_knees_is_the_fold_variation() -> None:
    sentence = step_questions.when_to(FOLD.stretch, "when do i bend my knees, now or when i fold down")
    assert sentence == "For an easier version, you can bend your knees, or try the seated version of the pose."
    assert step_questions.when_to(FOLD.stretch, "when do i wiggle my ears") is None


def test_a_few_breaths_has_no_number() -> None:
    assert step_questions.asks_how_many_breaths("how many breaths is a few")
    reply = step_questions.breaths(CONTENT, CAT_COW.at(1))
    assert reply is not None
    assert reply.text.startswith(
        'The guide says: "Stay in this position for a few breaths." It doesn\'t give a number.'
    )
    assert step_questions.breaths(CONTENT, TWIST.at(2)) is None  # the twist's holds are timed


# 5 and 6. Medication beside a score or a request; "7 tonite" ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "7 tonite. so did u see my q about the aleve",
        "ok lets do it. oh and i took 2 aleve at lunch is it ok to stretch",
    ],
)
def test_medication_questions_beside_something_else(text: str) -> None:
    assert step_questions.asks_about_medication(text)
    assert assess(text).level is Level.NONE


def test_the_medication_line() -> None:
    said = step_questions.medication(CONTENT).text
    assert (
        said == "I can't advise on medication. A medical professional can help with that: "
        "call iSpine Pain Physicians at (763) 201-8191."
    )


def test_a_score_tonite_with_an_aside_is_the_score() -> None:
    answer = checkin.read_score("7 tonite. so did u see my q about the aleve")
    assert answer.reading is checkin.Reading.SCORE and answer.score == 7


# 10. "fair enough next" ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["fair enough next", "fair enough. next", "sounds good, next"])
def test_fair_enough_next_is_next(text: str) -> None:
    assert commands.trailing_command(text) == "next"


def test_enough_alone_is_still_no_next() -> None:
    assert commands.trailing_command("thats enough") is None


@pytest.mark.parametrize(
    ("text", "takes"),
    [
        ("ok lets do it. oh and i took 2 aleve at lunch is it ok to stretch on that", True),
        ("lets try that", True),
        ("lets do it tomorrow", False),
        ("how long is it", False),
        ("i took 2 aleve, lets do it", False),
    ],
)
def test_taking_up_the_offer_opens_the_message(text: str, takes: bool) -> None:
    assert offers.takes_it(text) is takes


# Holding longer than the guide says ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds", "expected"),
    [
        ("can i hold it longer like 40 sec, feels tighter on this side", 20, True),
        ("ya i know 20 but can i go LONGER", 20, True),
        ("can i hold it for 40 seconds", 20, True),
        ("can i stay in it more than 20", 20, True),
        ("do i hold it for 20 seconds", 20, False),
        ("how long do i hold it", 20, False),
        ("how much longer", 20, False),
        ("how much longer do i hold it", 20, False),
    ],
)
def test_asks_to_hold_longer(text: str, seconds: int, expected: bool) -> None:
    assert step_questions.asks_to_hold_longer(text, seconds) is expected


def test_hold_longer_on_a_breath_hold_quotes_the_guide() -> None:
    said = step_questions.hold_longer(CONTENT, CAT_COW, 1).text  # the Cat pose, held "a few breaths"
    assert 'The clinic\'s guide says: "Stay in this position for a few breaths."' in said
    assert "It doesn't say to hold longer." in said and "Stop if anything hurts." in said and PHONE in said
