"""Drives rasa-webchat on the clinic page the way a patient does: the launcher, the text box, the buttons."""

from __future__ import annotations

import json
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from pacing import Routine

REPLY_TIMEOUT_MS = 20_000
SCREEN_OPENING = "Before we start: do you have any of these right now"
"""The screen before exercise, asked before a conversation's first stretch."""
SESSION_KEY = "chat_session"
"""Where rasa-webchat keeps the conversation (with params.storage "session": sessionStorage)."""


STEP_HEADINGS = {
    ("cat_cow", 0): "Cat/Cow: step 1",
    ("cat_cow", 1): "Cat/Cow: step 2, round 1 of at least 5",
    ("lying_knee_twist", 2): "Lying Knee Twist: step 3, right side, round 1 of 3",
}
"""The headings the browser tests look for, written out as a patient reads them on the card."""


def step_heading(routine: Routine, index: int) -> str:
    """The heading of a step's card as the chat shows it ("Cat/Cow: step 2, round 1 of at least 5")."""
    key = (routine.stretch.id, index)
    if key not in STEP_HEADINGS:
        raise KeyError(f"no heading written out for {key}: add it to STEP_HEADINGS as the card shows it")
    return STEP_HEADINGS[key]


@dataclass
class Widget:
    page: Page

    @property
    def launcher(self) -> Locator:
        return self.page.get_by_role("button", name="Chat with the stretch coach")

    @property
    def messages(self) -> Locator:
        return self.page.locator(".rw-messages-container")

    def open(self) -> None:
        self.launcher.click()
        expect(self.page.locator(".rw-conversation-container")).to_be_visible()

    def type(self, text: str) -> None:
        box = self.page.get_by_role("textbox", name="Your message")
        box.fill(text)
        box.press("Enter")
        expect(box).to_have_value("", timeout=REPLY_TIMEOUT_MS)  # sent (a busy page may still be re-rendering)

    def bot_says(self, text: str, timeout: float = REPLY_TIMEOUT_MS) -> Locator:
        """Wait for a bot message containing ``text``; returns the message."""
        message = self.page.locator(".rw-response", has_text=text).last
        expect(message).to_be_visible(timeout=timeout)
        return message

    def answer_screen(self) -> Locator:
        """The screen before exercise, answered with its No button; returns the card that follows (step 1)."""
        self.bot_says(SCREEN_OPENING)
        return self.press_for_a_card("No")

    def reply_button(self, title: str) -> Locator:
        return self.page.get_by_role("button", name=title, exact=True).last

    def press(self, title: str) -> None:
        button = self.reply_button(title)
        expect(button).to_be_visible(timeout=REPLY_TIMEOUT_MS)
        button.click()

    @property
    def cards(self) -> Locator:
        return self.page.locator(".coach-card")

    def press_for_a_card(self, title: str) -> Locator:
        """Press a quick reply and wait for the coach's next card (steps repeat their words, so count)."""
        before = self.cards.count()
        self.press(title)
        card = self.cards.nth(before)
        expect(card).to_be_visible(timeout=REPLY_TIMEOUT_MS)
        return card

    def go_to(self, stretch_name: str, index: int) -> Locator:
        """Open the chat, start a stretch with its button, answer the screen, press Next up to step ``index``."""
        self.open()
        return self.walk_to(stretch_name, index)

    def walk_to(self, stretch_name: str, index: int) -> Locator:
        """In the open chat: start a stretch with its button, answer the screen, press Next up to step ``index``."""
        expect(self.cards.first).to_be_visible(timeout=REPLY_TIMEOUT_MS)  # the welcome
        self.press_for_a_card(stretch_name)
        card = self.answer_screen()
        for _ in range(index):
            card = self.press_for_a_card("Next")
        return card

    def picture(self, name: str) -> Locator:
        image = self.page.locator(f'img.rw-image-frame[src$="/poses/{name}.svg"]').last
        expect(image).to_be_visible(timeout=REPLY_TIMEOUT_MS)
        return image

    def card(self, text: str) -> Locator:
        """The coach's latest card (picture, words, countdown, quick replies) containing ``text``."""
        card = self.page.locator(".coach-card", has_text=text).last
        expect(card).to_be_visible(timeout=REPLY_TIMEOUT_MS)
        return card

    def countdown(self, card: Locator) -> Locator:
        """The hold's countdown in ``card`` (a timer: the seconds left, then "Release now")."""
        return card.get_by_role("timer")

    def seconds_left(self, card: Locator) -> int:
        """The number the countdown in ``card`` shows now."""
        return int(self.countdown(card).locator(".coach-hold-seconds").inner_text())

    def session_id(self) -> str:
        raw = self.page.evaluate(f"() => sessionStorage.getItem({SESSION_KEY!r})")
        assert raw, "the widget stored no session"
        return str(json.loads(raw)["session_id"])

    def transcript(self) -> str:
        return self.messages.inner_text()
