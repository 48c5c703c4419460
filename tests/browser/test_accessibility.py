"""WCAG 2.1 AA for the clinic page and the chat, as axe-core checks it and as a keyboard or screen-reader user meets it.

axe-core runs on every screen of a routine (the page, the chat open, the red-flag screen question, a step,
a hold, the hold over, booking) and must find nothing, at any impact, best practices included. The keyboard
checks are what a person without a mouse does: a quick reply, then the next one without hunting for it;
Escape to close; Tab in the order the screen shows. The countdown must tell a blind user the seconds left.
"""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from harness.web_stack import PageServer, new_context
from harness.widget import REPLY_TIMEOUT_MS, SCREEN_OPENING, Widget
from pacing import Routine, replies
from stretch_content import load_content
from tests.browser.a11y import Violation, axe_version, axe_violations

CONTENT = load_content()
KNEE_TWIST = Routine(CONTENT.stretch("lying_knee_twist"))
FIRST_HOLD = next(m.index for m in KNEE_TWIST.moments if m.step.seconds)
HOLD_SECONDS = KNEE_TWIST.at(FIRST_HOLD).step.seconds or 0


def walk_the_screens(widget: Widget, check: dict[str, list[Violation]]) -> None:
    """A routine's every kind of screen, with axe run on each (results by screen into ``check``)."""
    page = widget.page
    expect(widget.launcher).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    check["page"] = axe_violations(page)
    widget.open()
    widget.bot_says("not a substitute for a clinician")
    check["chat open"] = axe_violations(page)
    widget.press(KNEE_TWIST.stretch.name)
    widget.bot_says(SCREEN_OPENING)
    check["red-flag screen question"] = axe_violations(page)
    card = widget.press_for_a_card("No")
    expect(card.locator("img.coach-image")).to_be_visible()
    check["a step"] = axe_violations(page)
    for _ in range(FIRST_HOLD):
        card = widget.press_for_a_card("Next")
    expect(widget.countdown(card)).to_be_visible()
    check["a hold"] = axe_violations(page)
    widget.bot_says(replies.hold_over(KNEE_TWIST.at(FIRST_HOLD)).text, timeout=(HOLD_SECONDS + 20) * 1000)
    check["the hold over"] = axe_violations(page)
    widget.type("how do I book an appointment?")
    widget.bot_says(CONTENT.clinic.phone)
    check["booking"] = axe_violations(page)


def assert_no_violations(found: dict[str, list[Violation]], artifacts: Path, name: str) -> None:
    report = {screen: [str(v) for v in violations] for screen, violations in found.items()}
    (artifacts / f"axe-{name}.json").write_text(json.dumps({"axe-core": axe_version(), "screens": report}, indent=2))
    assert len(found) == 7, found.keys()
    assert all(not violations for violations in found.values()), json.dumps(report, indent=2)


def test_axe_finds_nothing_on_any_screen_of_a_routine(widget: Widget, artifacts: Path) -> None:
    found: dict[str, list[Violation]] = {}
    walk_the_screens(widget, found)
    assert_no_violations(found, artifacts, "desktop")


def test_axe_finds_nothing_on_a_phone(browser: Browser, clinic_page: PageServer, artifacts: Path) -> None:
    context = new_context(browser, phone=True)
    try:
        page = context.new_page()
        page.goto(clinic_page.url)
        found: dict[str, list[Violation]] = {}
        walk_the_screens(Widget(page), found)
        assert_no_violations(found, artifacts, "phone")
    finally:
        context.close()


def focused(page: Page) -> str:
    """The focused element as a person would name it: its role-ish tag and its accessible text."""
    return str(
        page.evaluate(
            "() => { const e = document.activeElement; if (!e) return '';"
            " return e.tagName.toLowerCase() + ':' + (e.getAttribute('aria-label') || e.textContent || '').trim(); }"
        )
    )
