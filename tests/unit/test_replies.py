"""Replies as data: clinic facts from the content, every fact of the clinic's guide reachable by "next"."""

from __future__ import annotations

import re

import pytest

from channels.render.alexa import pause, say, ssml
from pacing import Routine, replies, safety_replies
from pacing.reply import Act, PhoneNumber, Reply, Silence, Words, join
from pacing.steps import show_step, timed_hold
from stretch_content import Stretch, load_content

CONTENT = load_content()
CLINIC = CONTENT.clinic


def routine_transcript(routine: Routine) -> str:
    parts = [replies.start(CONTENT, routine, with_notice=True).text]
    parts += [show_step(m).text for m in routine.moments[1:]]
    parts.append(replies.finished(CONTENT, routine).text)
    return "\n".join(parts)


@pytest.mark.parametrize("stretch", CONTENT.stretches, ids=lambda s: s.id)
def test_saying_next_gives_every_article_fact_in_order(stretch: Stretch) -> None:
    transcript = routine_transcript(Routine(stretch))
    expected = [s.text for s in stretch.setup] + [s.text for s in stretch.cycle] + [s.text for s in stretch.closing]
    position = 0
    for sentence in filter(None, expected):
        filled = sentence.format(side=(stretch.sides or ("",))[0], other_side=(stretch.sides or ("", ""))[-1])
        found = transcript.find(filled, position)
        assert found >= 0, f"{filled!r} missing or out of order"
        position = found
    for step in stretch.steps:
        if step.caution:
            assert step.caution in transcript
    assert CLINIC.consult in transcript


def test_knee_twist_transcript_counts_holds_rounds_and_sides() -> None:
    transcript = routine_transcript(Routine(CONTENT.stretch("lying_knee_twist")))
    assert transcript.count("Hold for 20 seconds.") == 6
    assert "step 2, right side, round 1 of 3" in transcript
    assert "step 2, left side, round 1 of 3" in transcript
    assert "of 19" not in transcript, "steps are counted as written, not as turns"
    assert transcript.count("round 3 of 3") == 2 * 3
    assert "Round" not in transcript, "the heading shows the round; the text must not repeat it"


def test_the_phone_number_and_name_come_from_the_content() -> None:
    moment = Routine(CONTENT.stretch("cat_cow")).at(1)
    for reply in (
        replies.booking(CLINIC),
        safety_replies.emergency(CLINIC),
        safety_replies.pain(CONTENT, moment),
        safety_replies.body_question(CONTENT, None),
        *(safety_replies.fallback(CONTENT, kind, None) for kind in safety_replies.FallbackKind),
    ):
        assert CLINIC.phone in reply.text
        assert PhoneNumber(CLINIC.phone) in reply.speech
    assert CLINIC.name in replies.booking(CLINIC).text
    assert CLINIC.booking_script in replies.booking(CLINIC).text


def test_emergency_sends_to_911_before_anything_else_and_offers_no_stretch() -> None:
    reply = safety_replies.emergency(CLINIC)
    assert reply.text.index("911") < reply.text.index(CLINIC.phone)
    assert "emergency room" in reply.text and not reply.choices
    assert reply.reprompt and "next" not in reply.reprompt.lower()


def test_fallback_mid_routine_is_short_and_keeps_the_place_with_its_quick_replies() -> None:
    routine = Routine(CONTENT.stretch("cat_cow"))
    reply = safety_replies.fallback(CONTENT, safety_replies.FallbackKind.OFF_TOPIC, routine.at(1))
    lead, place = reply.text.split("\n\n")
    assert lead.count(". ") <= 1 and CLINIC.phone in lead and CLINIC.consult not in reply.text
    assert "step 2, round 1 of at least 5" in place and "Cat/Cow" in place and '"next"' in place
    assert [c.act for c in reply.choices][:2] == [Act.NEXT, Act.REPEAT]


@pytest.mark.parametrize(
    ("intent", "text", "kind"),
    [
        ("out_of_scope", "can you prescribe oxycodone", "medication"),
        ("ask_medical_advice", "should i take ibuprofen first", "medication"),
        ("ask_medical_advice", "should i get surgery", "medical"),
        ("out_of_scope", "what's the weather", "off_topic"),
        ("nlu_fallback", "asdf", "not_understood"),
        ("report_red_flag", "where can i get my w2", "not_understood"),
    ],
)
def test_fallback_kind_names_medication_only_when_asked(intent: str, text: str, kind: str) -> None:
    assert safety_replies.fallback_kind(intent, text) == kind


def test_red_flag_question_is_yes_or_no_with_its_choices() -> None:
    reply = safety_replies.red_flag_question(CLINIC)
    assert reply.text.startswith("Are you having any of these right now:") and "yes or no" in reply.text
    assert [c.act for c in reply.choices] == [Act.YES, Act.NO]


def test_english_only_is_said_in_english_and_spanish() -> None:
    reply = safety_replies.english_only(CLINIC)
    assert "English" in reply.text and "inglés" in reply.text and reply.text.count(CLINIC.phone) == 2
    assert "911" not in reply.text  # Spanish: the coach reads its red flags, so no emergency line for "hola"
    # a language the coach cannot read at all may carry an emergency: the number to call, in both languages
    unread = safety_replies.english_only(CLINIC, CONTENT.resource("emergency_services"))
    assert "If this is an emergency, call 911 now." in unread.text
    assert "Si es una emergencia, llame al 911 ahora." in unread.text
    assert '<lang xml:lang="es-US">' in ssml(reply.speech)


def test_list_offers_each_stretch_with_what_it_targets() -> None:
    reply = replies.list_stretches(CONTENT)
    for stretch in CONTENT.stretches:
        assert f"{stretch.name}: {stretch.targets}" in reply.text
    assert [c.label for c in reply.choices] == [s.name for s in CONTENT.stretches]
    assert reply.choices[1].act is Act.STRETCH and reply.choices[1].stretch == "cat_cow"


def test_timed_hold_is_silence_in_breaks_alexa_accepts() -> None:
    hold = timed_hold(20)
    assert hold == (Words("Hold for 20 seconds."), Silence(20), Words("And release."))
    spoken = ssml(hold)
    breaks = [float(b) for b in re.findall(r'<break time="([\d.]+)s"/>', spoken)]
    assert breaks == [10, 10]
    assert "10 more seconds." in spoken and spoken.endswith("And release.")
    with pytest.raises(ValueError):
        pause(11)


def test_ssml_is_escaped() -> None:
    assert say("Fish & chips <now>") == "Fish &amp; chips &lt;now&gt;"
    spoken = ssml(show_step(Routine(CONTENT.stretch("lying_knee_twist")).at(1)).speech)
    assert "Don't force your leg over." in spoken and "&" not in spoken.replace("&amp;", "")


def test_names_are_spoken_as_words() -> None:
    spoken = ssml(replies.start(CONTENT, Routine(CONTENT.stretch("cat_cow")), with_notice=False).speech)
    assert "Cat Cow" in spoken and "/" not in spoken


def test_counts_read_as_people_count() -> None:
    cat_cow, twist = Routine(CONTENT.stretch("cat_cow")), Routine(CONTENT.stretch("lying_knee_twist"))
    start = replies.start(CONTENT, cat_cow, with_notice=False).text
    assert f"about {cat_cow.required_total} steps" in start and str(cat_cow.total) not in start
    assert "round 2 of at least 5" in show_step(cat_cow.at(3)).text
    assert "round 7 of up to 10" in show_step(cat_cow.at(13)).text
    assert "step 3, right side" in show_step(twist.at(2)).text


def test_no_reply_cites_the_article() -> None:
    moment = Routine(CONTENT.stretch("cat_cow")).at(1)
    for reply in (
        replies.unknown_stretch(CONTENT),
        replies.list_stretches(CONTENT),
        replies.welcome(CONTENT),
        replies.help_(CONTENT, None),
        safety_replies.fallback(CONTENT, safety_replies.FallbackKind.OFF_TOPIC, moment),
    ):
        assert "article" not in reply.text.lower()


def test_join_keeps_last_buttons_and_all_text() -> None:
    a = Reply.plain("A")
    b = replies.list_stretches(CONTENT)
    joined = join(a, b)
    assert joined.text.startswith("A\n\n") and joined.choices == b.choices
    assert joined.speech[0] == Words("A") and joined.speech[1:] == b.speech
    with pytest.raises(ValueError):
        join()
