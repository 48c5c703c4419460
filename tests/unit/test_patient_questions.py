"""The patients' questions of issue 17 in the pure core: is it safe for me, can I change it, questions
that are not commands, how long, holding, feeling unwell, messages, and red flags written in Spanish."""

from __future__ import annotations

import pytest

from pacing import Routine, coach_answers, session_time, suitability
from pacing.language import emergency_in_spanish
from pacing.reply import Act, OtherLanguage
from pacing.suitability import Situation, situations
from stretch_content import load_content
from triage.spanish import red_flag

CONTENT = load_content()
CLINIC = CONTENT.clinic
TWIST = Routine(CONTENT.stretch("lying_knee_twist"))
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
FOLD = Routine(CONTENT.stretch("forward_fold"))
FOLD_VARIATION = "For an easier version, you can bend your knees, or try the seated version of the pose."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i have arthritis in my knees and hips and im 68. are these strethces safe for me", {"condition", "age"}),
        ("Is twisting bad for a fusion?", {"surgery"}),
        ("should i ask my surgeon before doing cat cow too?", {"surgery"}),
        ("hi! im 24 weeks pregnant and my lower back is killing me", {"pregnancy"}),
        ("are these safe for me", set()),
        ("can i do the forward fold with my bump?", {"pregnancy"}),
    ],
)
def test_who_a_person_should_ask_is_read_from_their_words(text: str, expected: set[str]) -> None:
    assert {str(s) for s in situations(text)} == expected


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("i had a spinal fusion, is the twist ok", "ask your surgeon"),
        ("im 30 weeks pregnant can i do cat cow", "ask your midwife or doctor"),
        ("is the twist ok after a c section?", "after giving birth"),
        ("i have osteoporosis are these safe", "ask the doctor who looks after it"),
        ("are these safe for me", "Your own doctor"),
    ],
)
def test_suitability_gives_the_guides_advice_who_to_ask_the_number_and_what_now(text: str, who: str) -> None:
    reply = suitability.suitability(CONTENT, text, None)
    assert CLINIC.consult in reply.text
    assert who in reply.text
    assert CLINIC.phone in reply.text
    assert "I can't tell whether these stretches are safe for you" in reply.text
    assert {c.act for c in reply.choices} == {Act.STRETCH, Act.BOOK}


def test_suitability_mid_routine_keeps_the_place() -> None:
    reply = suitability.suitability(CONTENT, "is this ok after a knee replacement", CAT_COW.at(2))
    assert "You're on the Cat/Cow, step 3" in reply.text
    assert Act.NEXT in {c.act for c in reply.choices}


def test_a_change_the_guide_gives_is_quoted_from_the_content() -> None:
    for question in ("is there a seated version", "can i bend my knees", "is there an easier version"):
        reply = suitability.modification(CONTENT, question, None, FOLD.at(1))
        assert FOLD_VARIATION in reply.text, question
        assert "Forward Fold, step 2 of 4" in reply.text


def test_a_chair_is_not_in_the_guide_and_the_answer_says_so() -> None:
    reply = suitability.modification(
        CONTENT, "can i do the forward fold sitting in a chair", CONTENT.stretch("forward_fold"), None
    )
    assert FOLD_VARIATION in reply.text
    assert "doesn't describe doing it on a chair" in reply.text
    assert CLINIC.phone in reply.text


def test_a_change_the_guide_does_not_cover_says_so_and_who_can_help() -> None:
    reply = suitability.modification(CONTENT, "can i do it on my fists instead", None, CAT_COW.at(1))
    assert "The clinic's guide doesn't cover that change for the Cat/Cow" in reply.text
    assert "hands in line with your shoulders" in reply.text  # what the guide does say
    assert CLINIC.phone in reply.text
    assert "You're on the Cat/Cow" in reply.text


@pytest.mark.parametrize(
    ("text", "is_question"),
    [
        ("can i do the forward fold with my bump?", True),
        ("can i do the forward fold sitting in a chair", True),
        ("could i do the twist on my bed?", True),
        ("is the fold ok after surgery?", True),
        ("im expecting twins is the cat cow alright", True),
        ("i'm pregnant, let's do cat cow", False),
        ("i'm 55 and want to do cat cow", False),
        ("had a fusion, is the twist safe", True),
        ("can we do the forward fold instead?", False),
        ("let's do forward fold", False),
        ("forward fold please", False),
        ("can i do the forward fold?", False),
        ("actually switch to the twist, it's easier on my wrists", False),
    ],
)
def test_questions_about_a_stretch_are_not_commands(text: str, is_question: bool) -> None:
    assert suitability.question_not_command(text) is is_question


def test_the_estimate_is_computed_from_steps_and_holds_and_says_it_is_one() -> None:
    # By hand from the content, 10 s per step: twist 19 steps + 6 holds of 20 s = 310 s; cat/cow 12 steps +
    # 5 breath holds of 10 s = 170 s (22 steps + 10 holds = 320 s with every round); fold 4 steps = 40 s.
    assert session_time.span(TWIST.stretch) == session_time.Span(310, 310)
    assert session_time.span(CAT_COW.stretch) == session_time.Span(170, 320)
    assert session_time.span(FOLD.stretch) == session_time.Span(40, 40)
    reply = session_time.estimate(CONTENT, "how long will all three take? i have like 10 min", None, None)
    assert "about 9 to 11 minutes" in reply.text
    assert "estimate" in reply.text
    assert "With 10 minutes, that's about right" in reply.text


def test_the_estimate_mid_routine_is_what_is_left_and_keeps_the_place() -> None:
    reply = session_time.estimate(CONTENT, "how long will this take", None, FOLD.at(3))
    assert "The rest of the Forward Fold takes about 1 minute" in reply.text
    assert "You're on the Forward Fold" in reply.text


@pytest.mark.parametrize(
    ("text", "minutes"), [("i have like 10 min", 10), ("got 5 mins", 5), ("half an hour", 30), ("how long", None)]
)
def test_minutes_available(text: str, minutes: int | None) -> None:
    assert session_time.minutes_available(text) == minutes


@pytest.mark.parametrize(
    ("text", "about_time"),
    [("how long will this take", True), ("how many minutes left", True), ("how long do i hold it", False)],
)
def test_time_questions_are_not_hold_questions(text: str, about_time: bool) -> None:
    assert session_time.asks_session_time(text) is about_time


@pytest.mark.parametrize(
    ("text", "holding"),
    [("ok holding", True), ("holding", True), ("still holding it", True), ("ok next", False), ("done holding", False)],
)
def test_holding_is_not_next(text: str, holding: bool) -> None:
    assert coach_answers.is_holding(text) is holding


def test_still_holding_keeps_the_hold() -> None:
    reply = coach_answers.still_holding(TWIST.at(2))
    assert "keep holding" in reply.text and "20 seconds" in reply.text


def test_unwell_stops_and_rests_and_never_says_carry_on() -> None:
    reply = coach_answers.unwell(CONTENT, CAT_COW.at(3))
    assert "stop the Cat/Cow here and rest" in reply.text
    assert "chest pain or trouble breathing" in reply.text
    assert 'Say "next" to carry on' not in reply.text
    assert {c.act for c in reply.choices} == {Act.RESUME, Act.STOP}
    assert "911" not in reply.text  # the emergency advice itself is triage's, for chest pain or breathing


def test_no_messages_says_plainly_and_how_long_the_number_is_kept() -> None:
    reply = coach_answers.no_messages(CONTENT, 30.0, None)
    assert "I can't pass on messages or arrange a call" in reply.text
    assert CLINIC.phone in reply.text
    assert "erased 30 days after its last message" in reply.text
    assert "erased" not in coach_answers.no_messages(CONTENT, None, None).text


def test_skipped_offers_the_other_two() -> None:
    reply = coach_answers.skipped(CONTENT, CAT_COW.stretch)
    assert "skipping the Cat/Cow" in reply.text
    assert {c.stretch for c in reply.choices if c.act is Act.STRETCH} == {"lying_knee_twist", "forward_fold"}


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("y no puedo controlar la orina desde ayer", True),
        ("No puedo orinar desde anoche", True),
        ("tengo las dos piernas dormidas", True),
        ("me duele el pecho", True),
        ("no puedo respirar", True),
        ("siento la entrepierna adormecida", True),
        ("¿cuántas veces tengo que hacerlo?", False),
        ("hola, ¿me puede ayudar con unos estiramientos para la espalda?", False),
        ("mi mamá no puede respirar bien", True),  # someone with the writer now: call 911 for them too
        ("mi esposo no puede controlar la orina", False),
        ("¿qué pasa si no puedo orinar?", False),
        ("me duele la espalda", False),
        ("no hablo mucho inglés", False),
    ],
)
def test_spanish_red_flags_are_few_and_careful(text: str, flag: bool) -> None:
    assert red_flag(text) is flag


def test_the_spanish_emergency_advice_comes_in_spanish_and_english() -> None:
    reply = emergency_in_spanish(CLINIC)
    assert "Llame al 911" in reply.text and "sala de emergencias" in reply.text
    assert CLINIC.emergency in reply.text
    assert reply.text.count(CLINIC.phone) == 2
    assert any(isinstance(p, OtherLanguage) and p.lang == "es-US" for p in reply.speech)
    assert not reply.choices  # no stretch offered


def test_situation_order_is_fixed() -> None:
    assert situations("im 70, had surgery, and pregnant") == (Situation.SURGERY, Situation.PREGNANCY, Situation.AGE)


def test_a_suicidal_thought_in_spanish_gets_the_lifeline_in_spanish_first() -> None:
    """Blind sets 27 and 28: "quiero quitarme la vida" got only "English only" (or, read, only 911)."""
    from triage import spanish

    text = "Ya no aguanto, quiero quitarme la vida, el dolor de espalda no se va nunca"
    assert spanish.red_flag(text) and spanish.crisis(text)
    reply = emergency_in_spanish(CLINIC, lifeline="988")
    assert reply.text.startswith("Si está pensando en quitarse la vida, llame o envíe un mensaje de texto al 988")
    assert "911" in reply.text
    assert not spanish.crisis("Tengo mucho dolor en la espalda y fiebre y estoy confundida, no sé qué día es")


def test_english_that_shares_a_word_with_spanish_is_no_spanish_red_flag() -> None:
    """Held-out set 21: "Not suicidal or anything lol" once read as a Spanish suicidal thought."""
    from triage import spanish

    assert not spanish.red_flag("Not suicidal or anything lol, just frustrated it's taking so long to heal")
    assert spanish.red_flag("me quiero suicidar")
