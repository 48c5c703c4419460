"""The web renderer: every step of every routine as one card with its picture, its hold and its quick replies."""

from __future__ import annotations

import json

import pytest

from channels import capabilities
from channels.render.web import CHANNEL, render
from pacing import Act, Routine, replies
from pacing.steps import show_step
from stretch_content import load_content

CONTENT = load_content()
MOMENTS = [(r, m.index) for r in (Routine(s) for s in CONTENT.stretches) for m in r.moments]


def test_the_socket_channel_has_its_holds_timed() -> None:
    assert capabilities.times_holds(CHANNEL)


@pytest.mark.parametrize(("routine", "index"), MOMENTS, ids=[f"{r.stretch.id}-{i}" for r, i in MOMENTS])
def test_each_step_is_one_card_with_picture_hold_and_quick_replies(routine: Routine, index: int) -> None:
    reply = show_step(routine.at(index))
    message = render(reply)
    assert set(message) == {"text", "coach"}, "one event, the card: a text message too would show a second bubble"
    data = message
    card = message["coach"]
    assert data["text"] == card["text"] == reply.text
    assert card["image"].endswith(f"/{reply.picture}.svg")
    assert card["hold_seconds"] == routine.at(index).step.seconds
    acts = [b["act"] for b in card["buttons"]]
    assert "next" in acts and [b["title"] for b in card["buttons"]] == [c.label for c in reply.choices]
    assert all(b["payload"].startswith("/") for b in card["buttons"])
    if '"finish"' in reply.text:
        assert "finish" in acts, "a step that offers finish has a Finish button"
    json.dumps(message)  # it travels over socket.io


def test_cat_cow_offers_finish_with_a_button_after_the_required_rounds() -> None:
    routine = Routine(CONTENT.stretch("cat_cow"))
    offers = [m for m in routine.moments if '"finish"' in show_step(m).text]
    assert offers, "Cat/Cow offers to finish once the required rounds are done"
    for moment in offers:
        finish = [b for b in render(show_step(moment))["coach"]["buttons"] if b["act"] == Act.FINISH.value]
        assert [b["title"] for b in finish] == ["Finish"]


def test_a_reply_without_picture_or_hold_is_a_card_too() -> None:
    card = render(replies.booking(CONTENT.clinic))["coach"]
    assert card["image"] is None and card["hold_seconds"] is None and CONTENT.clinic.phone in card["text"]
