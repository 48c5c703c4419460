"""Replies shown and spoken: clinic facts from the content, every article fact reachable by "next"."""

from __future__ import annotations

import re

import pytest

from pacing import Routine, replies, safety_replies
from pacing.reply import Reply, join, pause, say, ssml_to_plain
from pacing.steps import speak_timed_hold
from stretch_content import Stretch, load_content

CONTENT = load_content()
CLINIC = CONTENT.clinic


def routine_transcript(routine: Routine) -> str:
    parts = [replies.start(CONTENT, routine, with_notice=True).text]
    parts += [replies.step(m).text for m in routine.moments[1:]]
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
    assert "step 2 of 19, right side, round 1 of 3" in transcript
    assert "step 11 of 19, left side, round 1 of 3" in transcript
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
        assert f'<say-as interpret-as="telephone">{CLINIC.phone}</say-as>' in reply.ssml
    assert CLINIC.name in replies.booking(CLINIC).text
    assert CLINIC.booking_script in replies.booking(CLINIC).text


def test_emergency_sends_to_911_before_anything_else_and_offers_no_stretch() -> None:
    reply = safety_replies.emergency(CLINIC)
    assert reply.text.index("911") < reply.text.index(CLINIC.phone)
    assert "emergency room" in reply.text and not reply.buttons
    assert reply.reprompt and "next" not in reply.reprompt.lower()


def test_fallback_mid_routine_is_short_and_keeps_the_place_with_its_quick_replies() -> None:
    routine = Routine(CONTENT.stretch("cat_cow"))
    reply = safety_replies.fallback(CONTENT, safety_replies.FallbackKind.OFF_TOPIC, routine.at(1))
    lead, place = reply.text.split("\n\n")
    assert lead.count(". ") <= 1 and CLINIC.phone in lead and CLINIC.consult not in reply.text
    assert "step 2 of 22" in place and "Cat/Cow" in place and '"next"' in place
    assert [b.title for b in reply.buttons][:2] == ["Next", "Repeat"]


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


def test_red_flag_question_is_yes_or_no_with_its_buttons() -> None:
    reply = safety_replies.red_flag_question(CLINIC)
    assert reply.text.startswith("Are you having any of these right now:") and "yes or no" in reply.text
    assert [b.payload for b in reply.buttons] == ["/affirm", "/deny"]


def test_english_only_is_said_in_english_and_spanish() -> None:
    reply = safety_replies.english_only(CLINIC)
    assert "English" in reply.text and "inglés" in reply.text and reply.text.count(CLINIC.phone) == 2
    assert '<lang xml:lang="es-US">' in reply.ssml


def test_list_offers_each_stretch_with_what_it_targets() -> None:
    reply = replies.list_stretches(CONTENT)
    for stretch in CONTENT.stretches:
        assert f"{stretch.name}: {stretch.targets}" in reply.text
    assert [b.title for b in reply.buttons] == [s.name for s in CONTENT.stretches]
    assert reply.buttons[1].payload == '/request_stretch{"stretch": "cat_cow"}'


def test_timed_hold_is_silence_in_breaks_alexa_accepts() -> None:
    ssml = speak_timed_hold(20)
    breaks = [float(b) for b in re.findall(r'<break time="([\d.]+)s"/>', ssml)]
    assert breaks == [10, 10]
    assert "10 more seconds." in ssml and ssml.endswith("And release.")
    assert "<break" not in ssml_to_plain(ssml)
    with pytest.raises(ValueError):
        pause(11)


def test_ssml_is_escaped() -> None:
    assert say("Fish & chips <now>") == "Fish &amp; chips &lt;now&gt;"
    reply = replies.step(Routine(CONTENT.stretch("lying_knee_twist")).at(1))
    assert "Don't force your leg over." in reply.ssml and "&" not in reply.ssml.replace("&amp;", "")
    assert ssml_to_plain("a &amp; b &lt;c&gt;") == "a & b <c>"


def test_join_keeps_last_buttons_and_all_text() -> None:
    a = Reply(text="A", ssml="a")
    b = replies.list_stretches(CONTENT)
    joined = join(a, b)
    assert joined.text.startswith("A\n\n") and joined.buttons == b.buttons
    with pytest.raises(ValueError):
        join()
