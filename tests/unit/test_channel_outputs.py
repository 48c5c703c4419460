"""Each channel's output renders the one reply the actions send (and passes a domain response on as it is).

Expectations are written out: the page's event, REST's messages, the phone's reprompt as a caller hears it.
"""

from __future__ import annotations

from typing import Any

import pytest

from channels.render.pictures import POSE_IMAGE_BASE_URL
from channels.rest import RestOutput
from channels.socketio import WebOutput
from channels.twilio_voice import PhoneOutput
from pacing import Reply, Routine, replies
from pacing.reply import join
from pacing.reply_data import from_data, message_of, reply_of, to_data
from pacing.steps import show_step
from stretch_content import load_content

CONTENT = load_content()
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
FIRST_STEP = show_step(CAT_COW.at(0))
PICTURE = f"{POSE_IMAGE_BASE_URL.rstrip('/')}/all_fours.svg"
STEP_WORDS = "Get on all fours, with your hands in line with your shoulders and your knees in line with your hips."


class FakeSio:
    def __init__(self) -> None:
        self.emitted: list[tuple[str, Any, dict[str, Any]]] = []

    async def emit(self, event: str, data: Any = None, **kwargs: Any) -> None:
        self.emitted.append((event, data, kwargs))


def test_a_reply_survives_the_trip_as_data() -> None:
    for reply in (FIRST_STEP, replies.welcome(CONTENT), replies.booking(CONTENT.clinic)):
        assert from_data(to_data(reply)) == reply
    assert reply_of({"text": "hi"}) is None and reply_of({"custom": {"other": 1}}) is None
    with pytest.raises(ValueError):
        from_data({"text": "half a reply"})


async def test_the_page_gets_one_card_with_each_part_in_its_field() -> None:
    sio = FakeSio()
    joined = join(Reply.plain("Here we go."), FIRST_STEP)
    await WebOutput(sio, "bot_uttered").send_response("web:abc", message_of(joined))
    ((event, data, kwargs),) = sio.emitted
    assert event == "bot_uttered" and kwargs == {"room": "web:abc"}
    assert data["coach"] == {
        "text": f"Here we go.\n\nCat/Cow: step 1\n{STEP_WORDS}",
        "blocks": ["Here we go."],
        "step": {"heading": "Cat/Cow: step 1", "text": STEP_WORDS},
        "image": PICTURE,
        "alt": "A person on all fours, hands under the shoulders and knees under the hips.",
        "hold_seconds": None,
        "hold_continues": False,
        "buttons": [
            {"title": "Next", "payload": "/next_step", "act": "next"},
            {"title": "Repeat", "payload": "/repeat_step", "act": "repeat"},
            {"title": "Back", "payload": "/previous_step", "act": "back"},
            {"title": "Stop", "payload": "/stop_routine", "act": "stop"},
        ],
    }
    assert data["text"] == data["coach"]["text"]


async def test_an_answer_mid_hold_says_the_hold_continues() -> None:
    sio = FakeSio()
    await WebOutput(sio, "bot_uttered").send_response("web:abc", message_of(replies.keep_place(CAT_COW.at(1))))
    ((_, data, _),) = sio.emitted
    assert data["coach"]["hold_continues"] is True and data["coach"]["step"] is None


async def test_rest_gets_the_picture_then_the_words_with_their_buttons() -> None:
    output = RestOutput()
    await output.send_response("rest:ann", message_of(FIRST_STEP))
    await output.send_response("rest:ann", {"text": "A domain response."})
    assert output.messages == [
        {"recipient_id": "rest:ann", "image": PICTURE},
        {
            "recipient_id": "rest:ann",
            "text": f"Cat/Cow: step 1\n{STEP_WORDS}",
            "buttons": [
                {"title": "Next", "payload": "/next_step"},
                {"title": "Repeat", "payload": "/repeat_step"},
                {"title": "Back", "payload": "/previous_step"},
                {"title": "Stop", "payload": "/stop_routine"},
            ],
        },
        {"recipient_id": "rest:ann", "text": "A domain response."},
    ]


async def test_the_phone_collects_the_turn_as_replies() -> None:
    output = PhoneOutput()
    await output.send_response("phone:+1555", message_of(FIRST_STEP))
    await output.send_response("phone:+1555", {"text": "  Plain words.  "})
    await output.send_response("phone:+1555", {"image": "http://x/y.svg"})
    assert output.replies == [FIRST_STEP, Reply.plain("Plain words.")]
