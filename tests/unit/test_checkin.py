"""The pain check-in's reading of an answer and what it says back, written from how people answer a 0-10 question."""

from __future__ import annotations

import pytest

from pacing import checkin
from pacing.checkin import Answer, Reading, acknowledge, ask_again, change_sentence, question, read_score
from pacing.reply import Act
from stretch_content import load_content

CLINIC = load_content().clinic


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("6", 6),
        ("six", 6),
        ("Six.", 6),
        ("about a 6", 6),
        ("6/10", 6),
        ("6 / 10", 6),
        ("7 out of 10", 7),
        ("like a 7 maybe", 7),
        ("i'd say a 5 today", 5),
        ("prob a 4", 4),
        ("4ish", 4),
        ("0", 0),
        ("zero", 0),
        ("no pain", 0),
        ("10", 10),
        ("ten", 10),
        ("hmm, maybe 3?", 3),
        ("my back is at a 6 right now", 6),
        ("its a solid 8", 8),
        ("Three", 3),
        # live testers' answers, quoted as sent
        ("ABOUT A 4 MOST DAYS", 4),
        ("ah about a 5 I suppose, hang on a sec need to run to the loo", 5),
        ("idk like a 6 or 7? more like a 6 on a good day lol", 6),  # corrected to one number
        ("ok im going to stop here for today. pain is maybe a 4 now", 4),
        ("like 5, me duele un poco", 5),
    ],
)
def test_a_score_is_read_from_how_people_answer(text: str, score: int) -> None:
    answer = read_score(text)
    assert (answer.reading, answer.score) == (Reading.SCORE, score)


@pytest.mark.parametrize("text", ["eleven", "11", "-3", "minus 3", "12/10", "a 15", "100/10", "twenty"])
def test_a_number_off_the_scale_is_not_kept(text: str) -> None:
    assert read_score(text).reading is Reading.OUT_OF_RANGE


@pytest.mark.parametrize("text", ["😣", "🙂👍", "6 or 7", "6-7", "6.5", "5 or 6 maybe", "3 4"])
def test_no_one_number_is_asked_again(text: str) -> None:
    assert read_score(text).reading is Reading.UNCLEAR


@pytest.mark.parametrize("text", ["I don't know", "idk", "not sure", "dunno", "hard to say"])
def test_not_knowing_is_fine(text: str) -> None:
    assert read_score(text).reading is Reading.UNSURE


@pytest.mark.parametrize("text", ["skip", "Skip", "pass", "no thanks", "/skip_checkin", "rather not say"])
def test_skipping(text: str) -> None:
    assert read_score(text).reading is Reading.SKIP


@pytest.mark.parametrize(
    "text",
    [
        "next",
        "ok",
        "yes",
        "what step am I on",
        "skip this one",
        "how long do I hold it?",
        "step 3",
        "the first one",
        "it hurts, like a 7",  # a pain report: triage and the routine's pain stop answer it
        "i have 10 minutes",
        "",
        "call me at 612 555 0147",
        "i'm 68",  # an age, not a score
        "45",
        "👍",  # a thumbs up or an OK hand alone means "ok, go on", as "ok" does
        "👌",
        "👍🏾",
        "✅",
    ],
)
def test_anything_else_is_not_an_answer(text: str) -> None:
    assert read_score(text).reading is Reading.OTHER


def test_the_question_keeps_the_steps_choices_first_then_0_to_10_and_skip() -> None:
    reply = question("before", ())
    assert "0 (no pain) to 10 (worst imaginable)" in reply.text
    labels = [c.label for c in reply.choices]
    assert labels == [str(n) for n in range(11)] + ["Skip"]
    assert reply.choices[-1].act is Act.SKIP_CHECKIN
    assert "keypad" in " ".join(getattr(p, "text", "") for p in reply.speech) or "key it in" in str(reply.speech)


def test_the_change_is_said_in_a_sentence_never_a_diagnosis() -> None:
    assert change_sentence(6, 4) == "That's down 2 points since you started (6 to 4), nice work."
    assert change_sentence(5, 5) == "That's the same as before you started (5)."
    assert "about the same" in change_sentence(8, 7)  # 1 point of 8: below what a patient notices
    assert "nice work" in change_sentence(3, 2)  # 1 point of 3 is 33%: noticeable
    assert change_sentence(2, 4).startswith("That's up 2 points")
    for before, after in [(6, 4), (5, 5), (2, 6), (9, 1)]:
        said = change_sentence(before, after).lower()
        assert not any(word in said for word in ("diagnos", "normal", "healing", "injur", "disc", "nerve"))


def test_checking_out_at_4_after_6_hears_the_change() -> None:
    reply = acknowledge(CLINIC, "after", 4, 6)
    assert "down 2 points" in reply.text
    assert CLINIC.phone not in reply.text  # no alarm for an improvement


@pytest.mark.parametrize(("phase", "score", "before"), [("before", 9, None), ("after", 8, 2), ("after", 6, 3)])
def test_a_very_high_score_or_a_sharp_rise_gets_the_clinics_advice(phase: str, score: int, before: int | None) -> None:
    reply = acknowledge(CLINIC, phase, score, before)
    assert "stop if it hurts" in reply.text.lower()
    assert "medical professional" in reply.text
    assert CLINIC.phone in reply.text


def test_a_rise_of_2_is_said_without_alarm() -> None:
    reply = acknowledge(CLINIC, "after", 5, 3)
    assert "up 2 points" in reply.text and CLINIC.phone not in reply.text


def test_eleven_asks_again_with_the_advice_since_it_means_a_lot_of_pain() -> None:
    reply = ask_again(CLINIC, read_score("eleven"))
    assert CLINIC.phone in reply.text and "0 to 10" in reply.text
    plain = ask_again(CLINIC, read_score("-3"))
    assert "0 (no pain) to 10" in plain.text and CLINIC.phone not in plain.text


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("3 maybe. its my lower back its always stiff in the morning", 3),
        ("still a 2 i guess. thanks bro, gotta get back to work", 2),
        ("1. Thanks, that's all.", 1),
        ("about a 7, thanks", 7),
    ],
)
def test_a_score_said_first_then_something_else_is_kept(text: str, score: int) -> None:
    """Live testers answered the question and went on talking: the score was lost."""
    assert read_score(text) == Answer(Reading.SCORE, score)


@pytest.mark.parametrize("text", ["2 kids are yelling, brb", "i'm 68, is it safe", "10 minutes, is that ok?"])
def test_a_number_that_is_not_the_answer_stays_no_answer(text: str) -> None:
    assert read_score(text).reading is Reading.OTHER


# A score said with a command ("3. next"): the score is noted, then the command is carried out


@pytest.mark.parametrize(
    ("text", "score", "command"),
    [
        ("3. next", 3, "next"),
        ("3 next", 3, "next"),
        ("2 nxt", 2, "next"),
        ("4, next please", 4, "next"),
        ("done, that was 5", 5, "next"),
        ("1. kids need breakfast, stop", 1, "leave"),
        ("7. finish", 7, "leave"),
        ("still a 2 i guess. thanks bro, gotta go", 2, "leave"),
        ("ok im going to stop here for today. pain is maybe a 4 now", 4, "leave"),
        ("2, go back", 2, "back"),
        ("5", 5, None),
        ("1. Thanks", 1, None),
        ("3 maybe. its my lower back, always stiff", 3, None),
        ("ah about a 5 I suppose, hang on a sec need to run to the loo", 5, None),  # a break, not leaving
        ("5, not done yet", 5, None),
    ],
)
def test_a_score_and_the_command_beside_it(text: str, score: int, command: str | None) -> None:
    assert checkin.read_score(text) == checkin.Answer(checkin.Reading.SCORE, score)
    assert checkin.command_beside_score(text) == command


@pytest.mark.parametrize("text", ["next", "stop", "68 next", "3 kids", "done"])
def test_no_score_no_command_beside_it(text: str) -> None:
    assert checkin.command_beside_score(text) is None
