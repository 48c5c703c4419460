"""Wordings nobody on the team wrote: the pure readers and answers behind them (pacing/), checked directly.

Each expectation is written from the clinic's guide (stretch_content/article.txt) and from how the
person would read the reply, not from the code's own strings.
"""

from __future__ import annotations

import pytest

from pacing import coach_answers, commands, guide_answers, session_time, sides, suitability
from pacing.routine import Routine
from stretch_content import load_content

CONTENT = load_content()
TWIST = Routine(CONTENT.stretch("lying_knee_twist"))
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
FOLD = Routine(CONTENT.stretch("forward_fold"))
RIGHT_HOLD = 2  # the twist: lying down (0), then right side round 1: bend (1), hold (2), return (3)
LEFT_START = 10  # 1 setup step + 3 rounds of 3 steps on the right: the left side's first bend


# Sides of the Lying Knee Twist


def test_the_left_side_starts_after_three_rounds_on_the_right() -> None:
    assert sides.first_of_side(TWIST, "left") == LEFT_START
    assert TWIST.at(LEFT_START).side == "left"
    assert (TWIST.at(LEFT_START).text or "").startswith("Bend your left knee")
    assert sides.first_of_side(TWIST, "right") == 1
    assert sides.first_of_side(CAT_COW, "left") is None


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("skip to left", "left"),
        ("no wait, i want the left side", "left"),
        ("when left side", "left"),
        ("left leg now?", "left"),
        ("switch sides", "left"),
        ("the other one now pls", "left"),
        ("back to the right side", "right"),
        ("alright", None),
        ("ok right now", None),
        ("how many are left", None),
        ("how many rounds left?", None),
        ("i left my phone in the car", None),
    ],
)
def test_the_side_a_message_names(text: str, side: str | None) -> None:
    assert sides.named_side(text, TWIST.at(RIGHT_HOLD)) == side


def test_a_stretch_done_on_no_side_names_none() -> None:
    assert sides.named_side("left side now", CAT_COW.at(1)) is None


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("when left side", True),
        ("when do we do the other side?", True),
        ("is it the left now?", True),
        ("skip to left", False),
        ("no wait, i want the left side", False),
        ("can we do the left now?", False),
        ("left side", False),
    ],
)
def test_a_question_about_a_side_is_not_a_request_to_move(text: str, question: bool) -> None:
    assert sides.asks_when(text) is question


def test_when_the_other_side_comes_is_counted_in_steps_and_nothing_moves() -> None:
    reply = sides.when_side(TWIST, TWIST.at(RIGHT_HOLD), "left")
    assert "8 more steps" in reply.text  # from the right hold (2) to the left's first step (10)
    assert '"left side"' in reply.text


def test_moving_to_a_side_shows_its_first_step() -> None:
    reply = sides.moved(TWIST.at(LEFT_START))
    assert "left side" in reply.text and "Bend your left knee" in reply.text


# Which one is easiest, quickest, standing, when; bed or floor


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("which one is the easyest", True),
        ("Which is easy one? I am not very flexible.", True),
        ("which is gentlest on the tummy?", True),
        ("what's best for a beginner", True),
        ("I think the Lying Knee Twist sounds the gentlest.", False),
        ("is there an easier version", False),
    ],
)
def test_asking_which_stretch_is_easiest(text: str, asks: bool) -> None:
    assert guide_answers.asks_which_is_easiest(text) is asks


def test_the_easiest_answer_ranks_nothing_and_gives_the_guides_easier_version() -> None:
    text = guide_answers.easiest(CONTENT, None).text
    assert "doesn't rank the stretches" in text
    assert "bend your knees, or try the seated version" in text  # the article's Forward Fold variation
    assert CONTENT.clinic.phone in text


def test_the_quickest_stretch_is_the_forward_fold() -> None:
    # The article: one pass of four steps, no timed hold; the twist has six 20 s holds, cat/cow five rounds.
    assert session_time.quickest_stretch(CONTENT).id == "forward_fold"
    text = session_time.quickest(CONTENT, None).text
    assert text.startswith("The quickest is the Forward Fold") and "estimate" in text


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("which ones quickest? need to crash", True),
        ("fastest one?", True),
        ("how long is the fold", False),
    ],
)
def test_asking_for_the_quickest(text: str, asks: bool) -> None:
    assert session_time.asks_quickest(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("ok and all three together how long", True),
        ("all three in minutes?", True),
        ("do all three", False),
        ("all three please", False),
    ],
)
def test_how_long_all_three_take_is_a_question_not_a_start(text: str, asks: bool) -> None:
    assert session_time.asks_how_long(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("bed or the floor?", True),
        ("May I do it lying on my bed, or must it be on the floor?", True),
        ("can i do it on my prayer mat", True),
        ("can i put my hands on the floor", False),
        ("how far down do i go", False),
    ],
)
def test_asking_where_to_do_it(text: str, asks: bool) -> None:
    assert guide_answers.asks_about_surface(text) is asks


def test_bed_or_floor_says_the_guide_doesnt_say_and_quotes_where_it_puts_you() -> None:
    twist = guide_answers.surface(CONTENT, CONTENT.stretch("lying_knee_twist"), None).text
    assert "doesn't say whether to do the Lying Knee Twist on a bed or the floor" in twist
    assert "Lie on your back with your legs extended outward." in twist
    assert "Would you like to try the Lying Knee Twist?" in twist
    every = guide_answers.surface(CONTENT, None, None).text
    assert all(s.name in every for s in CONTENT.stretches)


def test_which_one_standing_gives_how_each_starts() -> None:
    assert guide_answers.asks_which_position("which one can i do standing next to the truck?")
    assert not guide_answers.asks_which_position("i was standing at work all day")
    text = guide_answers.positions(CONTENT, None).text
    assert "Lie on your back" in text and "Get on all fours" in text and "raise your arms" in text
    assert "seated version" in text


def test_when_to_stretch_is_not_in_the_guide() -> None:
    assert guide_answers.asks_about_timing("Is it good to do this after work, when I am tired? Or morning better?")
    assert not guide_answers.asks_about_timing("how many times do i do it")
    text = guide_answers.timing(CONTENT, None).text
    assert "doesn't say what time of day" in text and CONTENT.clinic.phone in text


def test_a_change_question_gets_the_guide_not_ask_your_doctor() -> None:
    assert suitability.asks_about_a_change("do my knees need to be straight?")
    assert suitability.asks_about_a_change("bed or floor")
    assert not suitability.asks_about_a_change("i have osteoporosis, is bending ok for me?")
    reply = suitability.answer_question(
        CONTENT, "do my legs have to be straight", CONTENT.stretch("forward_fold"), None
    )
    assert "bend your knees" in reply.text and "can't tell whether" not in reply.text


# Commands said in other words


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("Very well, I shall use a firm mat beside the bed. Next, please.", "next"),
        ("next, thanks", "next"),
        ("done! that actually helped a bit", "next"),
        ("done. not bad at all", "next"),
        ("done, my knee feels weird", None),
        ("done! is that it?", None),
        ("n", "next"),
        ("ok. please", None),
        ("\U0001f44d", "next"),
        ("im good, what now", "next"),
        ("Next, if you please.", "next"),
    ],
)
def test_the_command_beside_the_chatter(text: str, command: str | None) -> None:
    assert commands.trailing_command(text) == command


@pytest.mark.parametrize(
    ("text", "leaving"),
    [("done? gotta run thx", True), ("ok gtg", True), ("have to head out", True), ("i run every morning", False)],
)
def test_leaving_in_a_hurry(text: str, leaving: bool) -> None:
    assert commands.leaving(text) is leaving


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("Sorry. My kids is calling me. Wait please.", "pause"),
        ("ugh she's up again, hold on", "pause"),
        ("can i hold onto the trailer for balance", None),
        ("back's stiff from 9 hrs in the seat. got maybe 10 min", "time"),
        ("my back hurts from work, show me stretch", "stretches"),
        ("stop lol im bored", "leave"),
        ("hold up my dog", "pause"),
        ("sup, got time for a stretch?", "stretches"),
        ("stop asking me that", None),
        ("can i come back later and finish", "pause"),
        ("Good morning. My name is Ann, and your site came up when I searched about my back.", "greet"),
        ("hi, what's the weather tomorrow", None),
        ("am i even doing this right lol", "form"),
        ("what's the weather tomorrow", None),
    ],
)
def test_a_request_in_a_message_read_as_off_topic(text: str, command: str | None) -> None:
    assert commands.asked_instead_of_fallback(text) == command


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("my back hurts from work, show me stretch", True),
        ("back is pain from work, i want stretch", True),
        ("my back is killing me, i can't do any stretches", False),
        ("my back hurts", False),
    ],
)
def test_an_ache_beside_a_request_for_stretches(text: str, asks: bool) -> None:
    assert commands.asks_for_stretches(text) is asks


def test_finish_then_a_question_finishes_first() -> None:
    assert commands.stops_first("finish. Thank you. How I make appointment with doctor?")
    assert not commands.stops_first("finish the cat cow?")
    assert not commands.stops_first("how do i finish")


@pytest.mark.parametrize(
    ("text", "hours", "contact"),
    [
        ("is there a time i can call, i sleep till like 3pm", True, True),
        ("what time can i ring the clinic", True, True),
        ("my number is 612-555-0147, call after 5pm", False, True),
        ("when will they call me back", False, True),
        ("I am quite safe, thank you. Could you please show me the stretches you offer?", False, False),
    ],
)
def test_when_to_call_and_callbacks(text: str, hours: bool, contact: bool) -> None:
    assert commands.asks_when_to_call(text) is hours
    assert commands.mentions_contact(text) is contact


# Tired, stopping now and coming back


@pytest.mark.parametrize(
    ("text", "later"),
    [
        ("im tired can we stop and do the rest tomorow", True),
        ("exhausted, do the rest another day", True),
        ("pause, i'll finish later", True),
        ("i'm tired", False),
        ("im beat. lets pick this up tomorrow", True),
        ("see you later", False),
    ],
)
def test_stopping_to_come_back_later(text: str, later: bool) -> None:
    assert coach_answers.wants_to_continue_later(text) is later


def test_coming_back_later_keeps_the_place_and_says_how_to_resume() -> None:
    moment = TWIST.at(RIGHT_HOLD)
    text = coach_answers.until_later(moment).text
    assert "step 3, right side, round 1 of 3" in text and '"resume"' in text


@pytest.mark.parametrize(
    ("text", "stops"),
    [("im tired, lets stop", True), ("i'm tired can i stop here", False), ("tired but i don't want to stop", False)],
)
def test_tired_and_stopping(text: str, stops: bool) -> None:
    assert coach_answers.asks_to_stop(text) is stops


def test_holding_the_breath_is_not_in_the_guide() -> None:
    fold_down = FOLD.at(1)  # "Exhale, then hinge at your hips and bend forward."
    text = coach_answers.breathing_answer(fold_down, "do i breathe normal while im down here or hold it").text
    assert "Exhale, then hinge at your hips" in text and "doesn't say whether to hold your breath" in text
    assert "hold your breath" not in coach_answers.breathing_answer(fold_down, "breathe in or out?").text


def test_a_question_about_a_body_part_quotes_what_the_guide_says_of_it() -> None:
    fold = CONTENT.stretch("forward_fold")
    said = suitability.guide_words_about(fold, "should my palms be flat on the ground")
    assert said == "If you can do so comfortably, place your hands or fingertips on the floor for an added stretch."
    assert suitability.guide_words_about(fold, "can i hold onto the trailer") == ""
    cat = suitability.guide_words_about(CONTENT.stretch("cat_cow"), "do i keep my head down or look up")
    assert "drawing your head towards your chest" in cat and "lifting your gaze toward the ceiling" in cat


@pytest.mark.parametrize(
    "text", ["Which side do I start with?", "How many seconds is each hold, and which side do I start with?"]
)
def test_a_question_about_the_step_is_no_ranking(text: str) -> None:
    """A live tester asked which side first and got "the guide doesn't rank the stretches"."""
    assert not guide_answers.asks_which_is_easiest(text)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        # a condition, a procedure or a medicine named with "can I / is it safe": the consult advice first
        ("my dad has glaucoma and gets dizzy bending over. is the forward fold safe for him", True),
        ("my mother has multiple myeloma, she is asking if she can do the stretches", True),
        ("got my epidural steroid shot yesterday. ok to start stretching today?", True),
        ("i have an aortic aneurysm theyre watching, 4.5 cm. are stretches ok", True),
        ("mom had a mini stroke last month. can she do cat cow anyway", True),
        ("on blood thinners, can i do the twist", True),
        # a request, or a situation with no question, is not a suitability question
        ("can i do the knee twist", False),
        ("my dad has glaucoma", False),
        ("are these stretches good for the morning", False),
    ],
)
def test_a_named_condition_with_can_i_gets_the_consult_advice(text: str, asks: bool) -> None:
    assert suitability.asks_if_safe_for_them(text) is asks
