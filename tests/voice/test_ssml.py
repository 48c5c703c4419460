"""Every reply the core can produce, for every step of every routine, is SSML Alexa accepts.

The replies are found by introspection, so a new reply function is checked without touching this file
(or fails here, loudly, when it takes an argument the test cannot supply).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import pytest

from channels.alexa import ssml
from channels.alexa.channel import AlexaOutput
from channels.render import alexa
from channels.render.alexa import say, silence
from channels.render.alexa import ssml as to_ssml
from pacing import Reply, Routine, coach_answers, replies, safety_replies, steps
from pacing.reply_data import message_of
from pacing.steps import speak_step
from stretch_content import load_content

CONTENT = load_content()
ROUTINES = [Routine(s) for s in CONTENT.stretches]


def reply_functions() -> list[Any]:
    return [
        f
        for module in (steps, replies, coach_answers, safety_replies)
        for name, f in inspect.getmembers(module, inspect.isfunction)
        if not name.startswith("_")
        and f.__module__ == module.__name__
        and "Reply" in str(f.__annotations__.get("return"))
    ]


def _arguments(function: Any, routine: Routine, index: int) -> Iterator[dict[str, Any]]:
    values: dict[str, list[Any]] = {
        "content": [CONTENT],
        "clinic": [CONTENT.clinic],
        "routine": [routine],
        "moment": [routine.at(index)],
        "index": [index],
        "from_index": [None, index],
        "with_notice": [True, False],
        "limit": [1000],
        "first": [routine],
        "done": [routine],
        "following": [routine],
        "stretch": [routine.stretch],
        "next_name": ["Cat/Cow & Forward Fold <all three>"],
        "kind": list(safety_replies.FallbackKind),
        "text": ["what are your hours & where are you?", "can you book it for me <now>"],
        "can_finish": [True, False],
        "retention_days": [30.0, None],
        "flags": [
            ("suicidal",),
            ("overdose",),
            ("chest",),
            ("bladder",),
            ("suicidal", "overdose"),
            ("stroke", "legs"),
            ("allergic",),
            ("diabetic",),
        ],
        "about_other": [True, False],
        "possible_red_flag": [True, False],
        "pain_now": [True, False],
        "call_911": [CONTENT.resource("emergency_services")],
    }
    combos: list[dict[str, Any]] = [{}]
    for name, param in inspect.signature(function).parameters.items():
        if name not in values:
            raise AssertionError(f"{function.__name__} takes {name!r}: teach this test to supply it")
        options = list(values[name])
        if "None" in str(param.annotation) and None not in options:
            options.append(None)
        combos = [{**c, name: v} for c in combos for v in options]
    yield from combos


def every_reply() -> Iterator[tuple[str, Reply]]:
    seen: set[tuple[str, str | None]] = set()
    for function in reply_functions():
        for routine in ROUTINES:
            for index in range(routine.total):
                for kwargs in _arguments(function, routine, index):
                    reply = function(**kwargs)
                    if (reply.speech, reply.reprompt) not in seen:
                        seen.add((reply.speech, reply.reprompt))
                        yield f"{function.__name__}({routine.stretch.id}, {index})", reply


ALL_REPLIES = list(every_reply())


def test_the_enumeration_covers_every_reply_function_and_every_step() -> None:
    names = {label.split("(")[0] for label, _ in ALL_REPLIES}
    assert names == {f.__name__ for f in reply_functions()}
    assert {"show_step", "start", "welcome", "booking", "emergency", "cannot_save"} <= names
    spoken_steps = {r.speech for label, r in ALL_REPLIES if label.startswith("show_step(")}
    assert spoken_steps == {speak_step(m) for routine in ROUTINES for m in routine.moments}


@pytest.mark.parametrize(("label", "reply"), ALL_REPLIES, ids=[label for label, _ in ALL_REPLIES])
def test_reply_speech_and_reprompt_are_alexa_ssml(label: str, reply: Reply) -> None:
    spoken = to_ssml(reply.speech)
    ssml.check(ssml.speak(spoken))
    if reply.reprompt:
        ssml.check(ssml.speak(say(reply.reprompt)))
    words = ssml.plain_words(ssml.speak(spoken))
    assert words, label
    assert "http" not in words and "*" not in words and "[" not in words  # no URLs, no markdown


def test_the_longest_turn_fits_alexas_limit_as_one_response() -> None:
    """The first step with the safety notice and the intro is the most a single turn says."""
    for routine in ROUTINES:
        reply = replies.start(CONTENT, routine, with_notice=True)
        built = alexa.response([reply], stop_requested=False)
        ssml.check(built["response"]["outputSpeech"]["ssml"])
        ssml.check(built["response"]["reprompt"]["outputSpeech"]["ssml"])


def test_phone_numbers_are_read_as_phone_numbers() -> None:
    assert to_ssml(replies.booking(CONTENT.clinic).speech) == (
        "To book an appointment with a back pain specialist, call iSpine Pain Physicians at "
        '<say-as interpret-as="telephone">(763) 201-8191</say-as> When you call, say you\'d like to schedule an '
        "appointment with a back pain specialist and briefly describe your back pain."
    )


def test_a_long_silence_is_breaks_of_ten_seconds_with_the_time_left_between() -> None:
    assert silence(20) == '<break time="10s"/> 10 more seconds. <break time="10s"/>'
    assert silence(25) == '<break time="10s"/> 15 more seconds. <break time="10s"/> 5 more seconds. <break time="5s"/>'
    assert silence(4) == '<break time="4s"/>'


@pytest.mark.parametrize("seconds", [5, 10, 15, 20, 30, 45])
def test_timed_holds_add_up_with_words_between_breaks(seconds: int) -> None:
    root = ssml.check(ssml.speak(silence(seconds)))
    breaks = list(root.iter("break"))
    assert sum(ssml.break_seconds(b) for b in breaks) == seconds
    assert all(ssml.break_seconds(b) <= 10 for b in breaks)
    for b in breaks[:-1]:
        assert (b.tail or "").strip(), "adjacent breaks merge on some engines: words must sit between them"


def test_text_is_escaped() -> None:
    assert say("R&D <b>") == "R&amp;D &lt;b&gt;"
    ssml.check(ssml.speak(say("Tom & Jerry say <hi>")))


@pytest.mark.parametrize(
    "bad",
    [
        "<speak>Hold <break time='11s'/> on</speak>",
        "<speak>Tom & Jerry</speak>",
        "<speak><b>bold</b></speak>",
        "<speak><audio src='x'/><script/></speak>",
        "<speak>unclosed <s>sentence</speak>",
        "<speak>" + "word " * 2000 + "</speak>",
        "<p>no speak</p>",
    ],
)
def test_the_checker_refuses_what_alexa_refuses(bad: str) -> None:
    with pytest.raises(ssml.SsmlError):
        ssml.check(bad)


def test_the_checker_accepts_alexas_own_tags() -> None:
    ssml.check(
        '<speak><amazon:effect name="whispered">hi</amazon:effect> <s>one</s> <break time="500ms"/>'
        '<prosody rate="slow">two</prosody> <say-as interpret-as="telephone">555 0100</say-as></speak>'
    )


async def test_a_turn_joins_every_message_and_survives_messages_without_text() -> None:
    """What the Alexa channel is sent in one turn, as its output collects it, said as one response."""
    output = AlexaOutput()
    paused = replies.paused(Routine(CONTENT.stretch("cat_cow")).at(1))
    for message in (
        message_of(replies.booking(CONTENT.clinic)),
        {"image": "http://localhost/x.svg"},
        {"text": ""},
        {"custom": {"unrelated": True}},
        {"text": "Plain & simple <b>"},  # a plain domain response: spoken as words, never read as markup
        message_of(paused),
    ):
        await output.send_response("alexa:someone", message)
    built = alexa.response(output.replies, stop_requested=False)["response"]
    assert built["outputSpeech"]["ssml"] == (
        "<speak>To book an appointment with a back pain specialist, call iSpine Pain Physicians at "
        '<say-as interpret-as="telephone">(763) 201-8191</say-as> When you call, say you\'d like to schedule an '
        "appointment with a back pain specialist and briefly describe your back pain. Plain &amp; simple &lt;b&gt; "
        "Paused the Cat Cow at step 2, round 1 of at least 5. Say resume when you're ready.</speak>"
    )
    assert built["reprompt"]["outputSpeech"]["ssml"] == "<speak>Say resume when you're ready, or stop to end.</speak>"
    silent = alexa.response([], stop_requested=False)["response"]
    assert silent["outputSpeech"]["ssml"] == "<speak>Say next when you're ready, or repeat to hear that again.</speak>"
