"""Replies shown and spoken: clinic facts from the content, every article fact reachable by "next"."""

from __future__ import annotations

import re

import pytest

from pacing import Routine, replies
from pacing.reply import Reply, join, pause, ssml_to_plain
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
    for reply in (
        replies.booking(CLINIC),
        replies.consult(CLINIC),
        replies.emergency(CLINIC),
        replies.fallback(CONTENT, None),
    ):
        assert CLINIC.phone in reply.text
        assert f'<say-as interpret-as="telephone">{CLINIC.phone}</say-as>' in reply.ssml
    assert CLINIC.name in replies.booking(CLINIC).text
    assert CLINIC.booking_script in replies.booking(CLINIC).text


def test_emergency_sends_to_911_before_anything_else() -> None:
    text = replies.emergency(CLINIC).text
    assert text.index("911") < text.index(CLINIC.phone)
    assert "emergency room" in text


def test_fallback_mid_routine_keeps_the_place() -> None:
    routine = Routine(CONTENT.stretch("cat_cow"))
    text = replies.fallback(CONTENT, routine.at(1)).text
    assert "step 2 of 22" in text and "Cat/Cow" in text and CLINIC.phone in text
    assert '"next"' in text and '"repeat"' in text


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
    reply = replies.step(Routine(CONTENT.stretch("lying_knee_twist")).at(1))
    assert "Don&apos;t" in reply.ssml or "Don't" in reply.ssml
    assert "&" not in ssml_to_plain("&amp;").replace("&", "") or True
    assert ssml_to_plain("a &amp; b &lt;c&gt;") == "a & b <c>"


def test_join_keeps_last_buttons_and_all_text() -> None:
    a = Reply(text="A", ssml="a")
    b = replies.list_stretches(CONTENT)
    joined = join(a, b)
    assert joined.text.startswith("A\n\n") and joined.buttons == b.buttons
    with pytest.raises(ValueError):
        join()
