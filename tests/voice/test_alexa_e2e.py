"""The skill end to end: signed Alexa requests through the channel, the real Rasa server and action server.

Speech, reprompts and cards are compared with what the pacing core says for each step, so the test
fails if the channel drops, reorders or re-words anything.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import pytest

from channels.alexa import ssml
from channels.render.alexa import say
from channels.render.alexa import ssml as to_ssml
from harness import alexa_signing as signing
from harness.alexa_client import AlexaClient
from pacing import Routine, coach_answers, replies, safety_replies
from pacing.screen import screen_question
from pacing.steps import STEP_REPROMPT, show_step, speak_step
from stretch_content import load_content

CONTENT = load_content()


def new_user() -> str:
    return f"amzn1.ask.account.{uuid.uuid4()}"


def speech(answer: dict[str, Any]) -> str:
    document = answer["response"]["outputSpeech"]["ssml"]
    ssml.check(document)
    return str(document)


def reprompt(answer: dict[str, Any]) -> str:
    document = answer["response"]["reprompt"]["outputSpeech"]["ssml"]
    ssml.check(document)
    return str(document)


def user_turns(alexa: AlexaClient, user: str) -> list[str]:
    events = alexa.stack.tracker(f"alexa:{user}").get("events", [])
    return [e.get("text") or "" for e in events if e.get("event") == "user"]


def test_a_whole_routine_by_voice(alexa: AlexaClient) -> None:
    user = new_user()
    welcome = alexa.send(signing.launch(), user=user, new=True)
    assert speech(welcome) == ssml.speak(to_ssml(replies.welcome(CONTENT).speech))
    assert reprompt(welcome) == ssml.speak(say(replies.welcome(CONTENT).reprompt or ""))
    assert welcome["response"]["shouldEndSession"] is False

    stretch = CONTENT.stretch("lying_knee_twist")
    routine = Routine(stretch)
    screened = alexa.send(signing.say("guide me through the lying knee twist"), user=user)
    assert speech(screened) == ssml.speak(to_ssml(screen_question(CONTENT.clinic).speech))
    started = alexa.send(signing.intent("AMAZON.NoIntent"), user=user)  # the screen before exercise
    assert speech(started) == ssml.speak(to_ssml(replies.start(CONTENT, routine, with_notice=True).speech))

    for index in range(routine.total):
        answer = started if index == 0 else alexa.send(signing.intent("AMAZON.NextIntent"), user=user)
        moment = routine.at(index)
        shown = show_step(moment)
        assert to_ssml(speak_step(moment)) in speech(answer), f"step {index + 1}"
        assert reprompt(answer) == ssml.speak(say(STEP_REPROMPT))
        card = answer["response"]["card"]
        assert card["type"] == "Simple"
        assert card["title"] == shown.title
        assert card["content"].endswith(shown.text)
        assert answer["response"]["shouldEndSession"] is False

    done = alexa.send(signing.intent("AMAZON.NextIntent"), user=user)
    assert speech(done) == ssml.speak(to_ssml(replies.finished(CONTENT, routine).speech))
    assert done["response"]["shouldEndSession"] is False
    assert "reprompt" in done["response"]
    # One conversation per Alexa user: every turn above is in this user's tracker, none elsewhere.
    assert len(user_turns(alexa, user)) == routine.total + 3


def test_twenty_second_holds_are_spoken_as_real_pauses(alexa: AlexaClient) -> None:
    user = new_user()
    alexa.send(signing.say("start the knee twist"), user=user)
    alexa.send(signing.intent("AMAZON.NoIntent"), user=user)  # the screen before exercise
    alexa.send(signing.intent("AMAZON.NextIntent"), user=user)  # draw the knee across
    hold = speech(alexa.send(signing.intent("AMAZON.NextIntent"), user=user))
    root = ssml.check(hold)
    breaks = [ssml.break_seconds(e) for e in root.iter("break")]
    assert sum(breaks) >= 20 and max(breaks) <= 10
    assert "10 more seconds" in hold and hold.removesuffix("</speak>").endswith("And release.")


def at_step(alexa: AlexaClient, user: str, steps: int) -> None:
    alexa.send(signing.say("let's do cat cow"), user=user)
    alexa.send(signing.intent("AMAZON.NoIntent"), user=user)  # the screen before exercise
    for _ in range(steps):
        alexa.send(signing.intent("AMAZON.NextIntent"), user=user)


def test_built_in_navigation_intents_move_through_the_routine(alexa: AlexaClient) -> None:
    user = new_user()
    routine = Routine(CONTENT.stretch("cat_cow"))
    at_step(alexa, user, 2)
    assert to_ssml(speak_step(routine.at(2))) in speech(alexa.send(signing.intent("AMAZON.RepeatIntent"), user=user))
    assert to_ssml(speak_step(routine.at(1))) in speech(alexa.send(signing.intent("AMAZON.PreviousIntent"), user=user))
    paused = alexa.send(signing.intent("AMAZON.PauseIntent"), user=user)
    assert speech(paused) == ssml.speak(to_ssml(replies.paused(routine.at(1)).speech))
    assert reprompt(paused) == ssml.speak(say(replies.paused(routine.at(1)).reprompt or ""))
    assert to_ssml(speak_step(routine.at(1))) in speech(alexa.send(signing.intent("AMAZON.ResumeIntent"), user=user))
    helped = speech(alexa.send(signing.intent("AMAZON.HelpIntent"), user=user))
    assert helped == ssml.speak(to_ssml(replies.help_(CONTENT, routine.at(1)).speech))
    restarted = speech(alexa.send(signing.intent("AMAZON.StartOverIntent"), user=user))
    assert to_ssml(speak_step(routine.at(0))) in restarted and "over from the first step" in restarted


def test_free_speech_reaches_rasa_nlu_through_the_catch_all_slot(alexa: AlexaClient) -> None:
    user = new_user()
    routine = Routine(CONTENT.stretch("lying_knee_twist"))
    alexa.send(signing.say("guide me through the lying knee twist"), user=user)
    alexa.send(signing.intent("AMAZON.NoIntent"), user=user)  # the screen before exercise
    answer = alexa.send(signing.say("how long do I hold it"), user=user)
    assert speech(answer) == ssml.speak(to_ssml(coach_answers.hold_answer(routine, 0).speech))
    assert user_turns(alexa, user)[-1] == "how long do I hold it"


def test_saying_goodbye_ends_the_session(alexa: AlexaClient) -> None:
    user = new_user()
    alexa.send(signing.launch(), user=user)
    answer = alexa.send(signing.say("bye for now"), user=user)
    assert answer["response"]["shouldEndSession"] is True
    assert "reprompt" not in answer["response"]


def test_stop_and_cancel_end_the_session_politely(alexa: AlexaClient) -> None:
    user = new_user()
    routine = Routine(CONTENT.stretch("cat_cow"))
    at_step(alexa, user, 1)
    stopped = alexa.send(signing.intent("AMAZON.StopIntent"), user=user)
    farewell = replies.stopped(CONTENT, routine.at(1)).farewell or ""
    assert speech(stopped) == ssml.speak(say(farewell)) and "Goodbye" in farewell
    assert "pick a stretch" not in speech(stopped), "a clean goodbye: nothing offered while closing"
    assert stopped["response"]["shouldEndSession"] is True
    assert "reprompt" not in stopped["response"]
    cancelled = alexa.send(signing.intent("AMAZON.CancelIntent"), user=user)  # nothing running: a goodbye
    assert cancelled["response"]["shouldEndSession"] is True
    assert "Goodbye" in speech(cancelled) and "not in the middle" not in speech(cancelled)


def test_yes_no_and_fallback_map_to_the_assistants_intents(alexa: AlexaClient) -> None:
    user = new_user()
    alexa.send(signing.launch(), user=user)
    fallback = speech(alexa.send(signing.intent("AMAZON.FallbackIntent"), user=user))
    assert fallback == ssml.speak(
        to_ssml(safety_replies.fallback(CONTENT, safety_replies.FallbackKind.OFF_TOPIC, None).speech)
    )
    assert "telephone" in fallback  # the phone number is read as a phone number
    alexa.send(signing.intent("AMAZON.NoIntent"), user=user)
    alexa.send(signing.intent("AMAZON.YesIntent"), user=user)
    intents = [
        e["parse_data"]["intent"]["name"]
        for e in alexa.stack.tracker(f"alexa:{user}")["events"]
        if e.get("event") == "user"
    ]
    assert intents == ["greet", "out_of_scope", "deny", "affirm"]


def test_session_ended_request_is_acknowledged_without_touching_the_conversation(alexa: AlexaClient) -> None:
    user = new_user()
    alexa.send(signing.launch(), user=user)
    before = user_turns(alexa, user)
    assert alexa.send(signing.session_ended(), user=user) == {"version": "1.0", "response": {}}
    assert user_turns(alexa, user) == before


def test_an_empty_slot_still_gets_a_spoken_answer(alexa: AlexaClient) -> None:
    user = new_user()
    answer = alexa.send(signing.intent("StretchIntent"), user=user)
    assert speech(answer) == ssml.speak(to_ssml(replies.empty_message().speech))
    assert answer["response"]["shouldEndSession"] is False


def test_plain_text_domain_responses_are_escaped_into_speech(alexa: AlexaClient) -> None:
    user = new_user()
    answer = alexa.send(signing.say("thank you"), user=user)
    assert "welcome" in ssml.plain_words(speech(answer)).lower()
    assert "reprompt" in answer["response"]


def test_conversations_follow_the_alexa_user_not_a_fixed_id(alexa: AlexaClient) -> None:
    first, second = new_user(), new_user()
    alexa.send(signing.say("let's do cat cow"), user=first)
    answer = alexa.send(signing.intent("AMAZON.NextIntent"), user=second)
    assert speech(answer) == ssml.speak(to_ssml(replies.no_routine(CONTENT).speech))


BAD = "amzn1.ask.account.rejected-"


def _forged(pki: signing.Pki, case: str, user: str) -> tuple[bytes, dict[str, str]]:
    data = signing.envelope(signing.say("let's do cat cow"), user=user)
    body = signing.body_of(data)
    key = pki.leaf_key
    if case == "forged body":
        return body.replace(b"cat cow", b"cat dog"), signing.headers(body, key)
    if case == "other key":
        return body, signing.headers(body, signing.Pki().leaf_key)
    if case == "stale timestamp":
        body = signing.body_of(signing.envelope(signing.launch(), user=user, offset=timedelta(seconds=-151 - 5)))
    if case == "future timestamp":
        body = signing.body_of(signing.envelope(signing.launch(), user=user, offset=timedelta(seconds=151 + 5)))
    if case == "wrong application id":
        body = signing.body_of(signing.envelope(signing.launch(), user=user, skill_id="amzn1.ask.skill.other"))
    if case == "malformed json":
        body = body[:-3]
    if case == "enormous body":
        body = signing.body_of(signing.envelope(signing.say("stretch " * 40_000), user=user))
    headers = signing.headers(body, key)
    urls = {
        "http url": "http://s3.amazonaws.com/echo.api/" + signing.CHAIN_NAME,
        "other host": "https://s3.amazonaws.com.example.org/echo.api/" + signing.CHAIN_NAME,
        "other path": "https://s3.amazonaws.com/other.api/" + signing.CHAIN_NAME,
        "dot-dot escape": "https://s3.amazonaws.com/echo.api/../other.api/" + signing.CHAIN_NAME,
        "other port": "https://s3.amazonaws.com:8443/echo.api/" + signing.CHAIN_NAME,
        "unknown chain file": "https://s3.amazonaws.com/echo.api/not-there.pem",
        "untrusted root": "https://s3.amazonaws.com/echo.api/untrusted.pem",
        "wrong subject name": "https://s3.amazonaws.com/echo.api/wrong-name.pem",
        "expired leaf": "https://s3.amazonaws.com/echo.api/expired.pem",
    }
    if case in urls:
        headers["SignatureCertChainUrl"] = urls[case]
    if case == "missing signature":
        del headers["Signature-256"]
    if case == "missing chain url":
        del headers["SignatureCertChainUrl"]
    return body, headers


@pytest.mark.parametrize(
    "case",
    [
        "forged body",
        "other key",
        "http url",
        "other host",
        "other path",
        "dot-dot escape",
        "other port",
        "unknown chain file",
        "untrusted root",
        "wrong subject name",
        "expired leaf",
        "stale timestamp",
        "future timestamp",
        "wrong application id",
        "missing signature",
        "missing chain url",
        "malformed json",
        "enormous body",
    ],
)
def test_requests_failing_verification_get_400_and_reach_no_conversation(alexa: AlexaClient, case: str) -> None:
    user = BAD + case.replace(" ", "-")
    body, headers = _forged(alexa.pki, case, user)
    status, answer = alexa.send_raw(body, headers)
    assert status == 400, answer[:300]
    assert json.loads(answer) == {"error": "request failed verification"}
    assert user_turns(alexa, user) == []


def test_the_carrier_word_reaches_rasa_so_red_flags_are_heard(alexa: AlexaClient) -> None:
    user = new_user()
    answer = alexa.send(signing.say("numbness in my legs and groin"), user=user)
    assert speech(answer) == ssml.speak(to_ssml(safety_replies.emergency(CONTENT.clinic).speech))
    assert user_turns(alexa, user) == ["numbness in my legs and groin"]


def test_a_stretch_name_said_on_its_own_starts_it(alexa: AlexaClient) -> None:
    user = new_user()
    screened = alexa.send(signing.intent("StretchIntent", stretch="cat cow"), user=user)
    assert speech(screened) == ssml.speak(to_ssml(screen_question(CONTENT.clinic).speech))
    answer = alexa.send(signing.intent("AMAZON.NoIntent"), user=user)
    assert to_ssml(speak_step(Routine(CONTENT.stretch("cat_cow")).at(0))) in speech(answer)
