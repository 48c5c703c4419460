"""Every reply of every routine, and every info and safety reply, through every channel's renderer.

Each channel's form is checked as that channel would take it: Alexa's SSML well-formed with every break
at most 10 s (``channels.alexa.ssml.check``); the phone's TwiML parsed, with a real pause for every
silence and the caller prompted after a hold; the web's quick replies on every routine message; REST
plain text without markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from channels import capabilities
from channels.alexa import ssml
from channels.render import alexa, phone, rest, web
from channels.render.pictures import POSE_IMAGE_BASE_URL
from pacing import Act, Choice, Reply, Routine, coach_answers, replies, safety_replies
from pacing.replies import cannot_save
from pacing.reply import Silence
from pacing.steps import show_step
from stretch_content import load_content

CONTENT = load_content()
CLINIC = CONTENT.clinic
ROUTINES = [Routine(s) for s in CONTENT.stretches]
MARKUP = re.compile(r"<[a-z/!?][^>]*>|&(amp|lt|gt|quot|apos);", re.IGNORECASE)
SENT_BY = {
    "next": "/next_step",
    "repeat": "/repeat_step",
    "back": "/previous_step",
    "stop": "/stop_routine",
    "finish": "/stop_routine",
    "resume": "/resume_routine",
    "book": "/book_appointment",
    "yes": "/affirm",
    "no": "/deny",
}
"""What each quick reply sends, written out: the domain's intent, no NLU guess."""


def sent_by(choice: Choice) -> str:
    if choice.act is Act.STRETCH:
        return f'/request_stretch{{"stretch": "{choice.stretch}"}}'
    return SENT_BY[choice.act.value]


def routine_replies() -> Iterator[tuple[str, Reply]]:
    """Mid-routine replies: each step of each stretch, and each answer given at that step."""
    for routine in ROUTINES:
        for moment in routine.moments:
            where = f"{routine.stretch.id}[{moment.index}]"
            yield f"step {where}", show_step(moment)
            yield f"keep_place {where}", replies.keep_place(moment)
            yield f"hold_over {where}", replies.hold_over(moment)
            yield f"progress {where}", coach_answers.progress(moment)
            yield f"hold {where}", coach_answers.hold_answer(routine, moment.index)
            yield f"repetitions {where}", coach_answers.repetitions_answer(moment)
            yield f"side {where}", coach_answers.side_answer(moment)
            yield f"breathing {where}", coach_answers.breathing_answer(moment)
            can_finish = routine.can_finish_early(moment.index)
            yield f"tired {where}", coach_answers.tired(CONTENT, moment, can_finish=can_finish)
            yield f"help {where}", replies.help_(CONTENT, moment)
            yield f"thanks {where}", replies.thanks(CONTENT, moment)
            yield f"benefits {where}", coach_answers.benefits(CONTENT, None, moment)
            yield f"details {where}", coach_answers.clinic_details(CONTENT, "what are your hours", moment)
            yield f"body {where}", safety_replies.body_question(CONTENT, moment)
            yield f"all_clear {where}", safety_replies.all_clear(CONTENT, moment)
            for kind in safety_replies.FallbackKind:
                yield f"fallback {kind} {where}", safety_replies.fallback(CONTENT, kind, moment)


def other_replies() -> Iterator[tuple[str, Reply]]:
    """Starting, finishing, stopping, info and safety replies."""
    first, *_ = ROUTINES
    for routine in ROUTINES:
        name, middle = routine.stretch.id, routine.at(routine.total // 2)
        yield f"start {name}", replies.start(CONTENT, routine, with_notice=True)
        yield f"finished {name}", replies.finished(CONTENT, routine)
        yield f"finished early {name}", replies.finished(CONTENT, routine, from_index=0)
        yield f"stopped {name}", replies.stopped(CONTENT, middle)
        yield f"paused {name}", replies.paused(middle)
        yield f"pain {name}", safety_replies.pain(CONTENT, middle)
        yield f"benefits of {name}", coach_answers.benefits(CONTENT, routine.stretch, None)
    yield "next_in_session", replies.next_in_session(CONTENT, ROUTINES[0], ROUTINES[1])
    yield "all_three", replies.all_three(CONTENT, first, with_notice=True)
    yield "finished_all", replies.finished_all(CONTENT, ROUTINES[-1])
    yield "welcome", replies.welcome(CONTENT)
    yield "booking", replies.booking(CLINIC)
    yield "list", replies.list_stretches(CONTENT)
    yield "help", replies.help_(CONTENT, None)
    yield "no_routine", replies.no_routine(CONTENT)
    yield "unknown_stretch", replies.unknown_stretch(CONTENT)
    yield "no_thanks", replies.no_thanks(CONTENT)
    yield "empty", replies.empty_message()
    yield "unknown_command", replies.unknown_command()
    yield "too_long", replies.too_long(4000)
    yield "trouble", replies.trouble(CLINIC)
    yield "thanks", replies.thanks(CONTENT, None)
    yield "goodbye", replies.goodbye()
    yield "bot", replies.bot_challenge(CONTENT)
    yield "benefits", coach_answers.benefits(CONTENT, None, None)
    yield "details", coach_answers.clinic_details(CONTENT, "can you book it for me", None)
    yield "tired", coach_answers.tired(CONTENT, None, can_finish=False)
    yield "body", safety_replies.body_question(CONTENT, None)
    yield "emergency", safety_replies.emergency(CLINIC)
    yield "after_emergency", safety_replies.after_emergency(CLINIC)
    yield "red_flag_question", safety_replies.red_flag_question(CLINIC)
    yield "all_clear", safety_replies.all_clear(CONTENT, None)
    yield "pain", safety_replies.pain(CONTENT, None)
    yield "english_only", safety_replies.english_only(CLINIC, CONTENT.resource("emergency_services"))
    yield "cannot_save", cannot_save(CLINIC)
    for kind in safety_replies.FallbackKind:
        yield f"fallback {kind}", safety_replies.fallback(CONTENT, kind, None)


ROUTINE = list(routine_replies())
EVERY = ROUTINE + list(other_replies())


def test_only_the_web_page_has_its_holds_timed_by_the_server() -> None:
    assert {web.CHANNEL, rest.CHANNEL, alexa.CHANNEL, phone.CHANNEL} == {"socketio", "rest", "alexa", "twilio_voice"}
    assert [
        c for c in ("socketio", "rest", "alexa", "twilio_voice", "cmdline", None) if capabilities.times_holds(c)
    ] == ["socketio"]
    steps = [show_step(m) for r in ROUTINES for m in r.moments]
    assert [reply for label, reply in ROUTINE if label.startswith("step ")] == steps  # every step of every stretch
    assert len(ROUTINE) == 19 * len(steps)


def _alexa_checked(reply: Reply) -> str:
    spoken = alexa.ssml(reply.speech)
    tree = ssml.check(ssml.speak(spoken))  # well-formed, Alexa's tags, every break <= 10 s
    breaks = sum(ssml.break_seconds(b) for b in tree.iter("break"))
    assert breaks == sum(p.seconds for p in reply.speech if isinstance(p, Silence))
    for said in (reply.reprompt, reply.farewell):
        if said:
            ssml.check(ssml.speak(alexa.say(said)))
    for stop_requested in (False, True):
        body = alexa.response([reply], stop_requested=stop_requested)["response"]
        ssml.check(body["outputSpeech"]["ssml"])
        if "reprompt" in body:
            ssml.check(body["reprompt"]["outputSpeech"]["ssml"])
        if reply.title:
            assert body["card"] == {"type": "Simple", "title": reply.title, "content": reply.text}
    assert not MARKUP.search(reply.text)
    return spoken


def _twiml_checked(reply: Reply) -> ET.Element:
    root = ET.fromstring(str(phone.twiml([reply], action="/webhooks/twilio_voice/webhook")))
    assert root.tag == "Response"
    (gather,) = root.findall("Gather")
    assert gather.get("input") == "dtmf speech" and int(gather.get("timeout") or 0) >= 10
    holds = [p.seconds for p in reply.speech if isinstance(p, Silence)]
    pauses = [int(p.get("length") or 0) for p in gather.iter("Pause")]
    assert pauses == holds, "every silence is a real pause of its length"
    said = [s.text or "" for s in gather.iter("Say")]
    assert all(s.strip() and not MARKUP.search(s) for s in said)
    assert not any(re.search(r"\w/\w", s) for s in said), "names are said as words"
    if holds:
        last_pause = max(i for i, child in enumerate(gather) if child.tag == "Pause")
        assert [c.tag for c in gather][last_pause + 1 :] and reply.reprompt
        assert gather[-1].text == reply.reprompt, "after the hold, the caller is told what to say"
    return root


@pytest.mark.parametrize(("label", "reply"), EVERY, ids=[label for label, _ in EVERY])
def test_every_reply_renders_on_every_channel(label: str, reply: Reply) -> None:
    spoken = _alexa_checked(reply)
    assert not re.search(r"\w/\w", spoken), "names are spoken as words"
    _twiml_checked(reply)
    messages = rest.render(reply)
    assert messages[-1]["text"] == reply.text and not MARKUP.search(reply.text)
    assert [b["payload"] for b in messages[-1]["buttons"]] == [sent_by(c) for c in reply.choices]
    assert [m["image"] for m in messages if "image" in m] == ([picture_url(reply)] if reply.picture else [])
    card = web.render(reply)["coach"]  # the web page gets one card: words, picture, hold, quick replies
    assert card["text"] == reply.text and card["hold_seconds"] == reply.hold_seconds
    assert [b["payload"] for b in card["buttons"]] == [sent_by(c) for c in reply.choices]
    assert card["image"] == (picture_url(reply) if reply.picture else None)
    if re.search(r"\bsay \W?finish", reply.text, re.IGNORECASE):
        assert Act.FINISH in [c.act for c in reply.choices], "'say finish' comes with a Finish choice"
    assert "article" not in reply.text.lower() and "article" not in spoken.lower()


def picture_url(reply: Reply) -> str:
    return f"{POSE_IMAGE_BASE_URL.rstrip('/')}/{reply.picture}.svg"


@pytest.mark.parametrize(("label", "reply"), ROUTINE, ids=[label for label, _ in ROUTINE])
def test_every_routine_message_keeps_its_quick_replies(label: str, reply: Reply) -> None:
    buttons = [(b["title"], b["payload"]) for b in web.render(reply)["coach"]["buttons"]]
    assert ("Next", "/next_step") in buttons and ("Stop", "/stop_routine") in buttons


def test_a_hold_is_timed_on_the_phone_and_split_for_alexa() -> None:
    twist = ROUTINES[0]
    hold = show_step(next(m for m in twist.moments if m.step.seconds))
    root = _twiml_checked(hold)
    assert [p.get("length") for p in root.iter("Pause")] == ["20"]
    spoken = _alexa_checked(hold)
    assert spoken.count('<break time="10s"/>') == 2 and "10 more seconds." in spoken


def test_stop_on_alexa_is_a_clean_goodbye() -> None:
    middle = ROUTINES[1].at(3)
    for reply in (replies.stopped(CONTENT, middle), replies.no_routine(CONTENT), replies.goodbye()):
        body = alexa.response([reply], stop_requested=True)["response"]
        said = ssml.plain_words(body["outputSpeech"]["ssml"])
        assert body["shouldEndSession"] is True and "reprompt" not in body
        assert "Goodbye" in said and "pick a stretch" not in said and "Which one" not in said
    bye = alexa.response([replies.goodbye()], stop_requested=False)["response"]
    assert bye["shouldEndSession"] is True and "say hi" not in bye["outputSpeech"]["ssml"]
    step = alexa.response([show_step(middle)], stop_requested=False)["response"]
    assert step["shouldEndSession"] is False and "reprompt" in step
