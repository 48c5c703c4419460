"""WCAG 2.1 AA for the clinic page and the chat, as axe-core checks it and as a keyboard or screen-reader user meets it.

axe-core runs on every screen of a routine (the page, the chat open, the red-flag screen question, a step,
a hold, the hold over, booking) and must find nothing, at any impact, best practices included. The keyboard
checks are what a person without a mouse does: a quick reply, then the next one without hunting for it;
Escape to close; Tab in the order the screen shows. The countdown must tell a blind user the seconds left.
"""

from __future__ import annotations

import itertools
import json
import re
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


def expect_focus_on(page: Page, role: str, name: str) -> None:
    expect(page.get_by_role(role, name=name, exact=True).last).to_be_focused()  # type: ignore[arg-type]


RECORD_ANNOUNCEMENTS = """() => {
    window.announced = [];
    const region = document.getElementById('coach-announcer');
    new MutationObserver(() => { if (region.textContent) window.announced.push(region.textContent); })
        .observe(region, {childList: true, characterData: true, subtree: true});
    return region.getAttribute('role') + ' ' + region.getAttribute('aria-live');
}"""


def test_a_keyboard_user_goes_from_reply_to_reply_hears_the_hold_and_escapes(page: Page) -> None:
    """Launcher, quick replies and Escape, with the keyboard only; a screen reader's view of the countdown."""
    widget = Widget(page)
    expect(widget.launcher).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    widget.launcher.focus()
    page.keyboard.press("Enter")
    widget.bot_says("not a substitute for a clinician")
    expect(page.get_by_role("textbox", name="Your message")).to_be_focused()
    # the quick replies are right above the text box: Shift+Tab walks back through them, last one first
    for name in ["Book an appointment", "Forward Fold", "Cat/Cow", KNEE_TWIST.stretch.name]:
        page.keyboard.press("Shift+Tab")
        expect_focus_on(page, "button", name)
    page.keyboard.press("Enter")
    widget.bot_says(SCREEN_OPENING)
    expect_focus_on(page, "button", "Yes")  # the new reply's first button, not the page
    page.keyboard.press("Tab")
    expect_focus_on(page, "button", "No")
    page.keyboard.press("Enter")
    widget.bot_says("Lying Knee Twist: step 1")
    assert page.evaluate(RECORD_ANNOUNCEMENTS) == "status polite"
    for _ in range(FIRST_HOLD):
        expect_focus_on(page, "button", "Next")
        page.keyboard.press("Enter")
        widget.bot_says("Lying Knee Twist: step")
    card = widget.card(f"Hold for {HOLD_SECONDS} seconds")
    timer = widget.countdown(card)
    expect(timer).to_have_attribute("aria-label", re.compile(r"^Hold: \d+ seconds left$"))
    shown = widget.seconds_left(card)
    name = timer.get_attribute("aria-label") or ""
    assert abs(int(re.findall(r"\d+", name)[0]) - shown) <= 1, (name, shown)
    expect(timer).to_have_attribute("aria-label", f"Hold: {shown - 2} seconds left", timeout=5_000)
    expect(timer).to_have_attribute("aria-label", "Hold done: release now", timeout=(HOLD_SECONDS + 5) * 1000)
    # the release comes unasked while the keyboard user waits on Next: focus goes to its buttons
    widget.bot_says(replies.hold_over(KNEE_TWIST.at(FIRST_HOLD)).text)
    expect_focus_on(page, "button", "Next")
    announced = page.evaluate("() => window.announced")
    assert announced == [f"Hold for {HOLD_SECONDS} seconds. Started.", "10 seconds left.", "Hold done: release now."]
    page.keyboard.press("Escape")
    expect(page.locator(".rw-conversation-container")).to_have_count(0)
    expect(widget.launcher).to_be_focused()


def test_tab_follows_the_order_on_screen(widget: Widget) -> None:
    """Top to bottom, left to right within a row: Tab from the newest reply's first button to the send button."""
    card = widget.go_to(KNEE_TWIST.stretch.name, 1)
    page = widget.page
    card.get_by_role("button").first.focus()
    order = []
    for _ in range(12):
        order.append(
            page.evaluate(
                "() => { const b = document.activeElement.getBoundingClientRect();"
                " return {x: b.x, y: b.y, h: b.height, tag: document.activeElement.tagName}; }"
            )
        )
        if order[-1]["tag"] == "TEXTAREA":
            break
        page.keyboard.press("Tab")
    assert order[-1]["tag"] == "TEXTAREA", order  # the replies, then the text box under them
    assert len(order) == card.locator(".coach-replies button").count() + 1, order
    for before, after in itertools.pairwise(order):
        same_row = abs(after["y"] - before["y"]) < before["h"] / 2
        assert (same_row and after["x"] > before["x"]) or after["y"] >= before["y"] + before["h"] / 2, (before, after)


def test_on_a_phone_tab_stays_in_the_full_screen_chat(browser: Browser, clinic_page: PageServer) -> None:
    context = new_context(browser, phone=True)
    try:
        page = context.new_page()
        page.goto(clinic_page.url)
        widget = Widget(page)
        widget.open()
        widget.bot_says("not a substitute for a clinician")
        inside = "() => !!document.activeElement.closest('.rw-conversation-container')"
        seen = set()
        for key in ["Tab"] * 10 + ["Shift+Tab"] * 10:
            page.keyboard.press(key)
            assert page.evaluate(inside), f"{key} left the full-screen chat for the page behind it"
            seen.add(focused(page))
        assert "textarea:Your message" in seen and "button:Close the chat" in seen, seen
        page.keyboard.press("Escape")  # the launcher is hidden while the chat covers the screen: back now
        expect(page.locator(".rw-conversation-container")).to_have_count(0)
        expect(widget.launcher).to_be_focused()
    finally:
        context.close()


RUNNING_MOTION = """() => document.getAnimations()
    .filter(a => a.playState === 'running' && a.effect.getComputedTiming().duration > 0)
    .map(a => (a.animationName || a.transitionProperty) + ' on ' + a.effect.target.className)"""


def test_reduced_motion_stops_the_widgets_animations(browser: Browser, clinic_page: PageServer) -> None:
    context = new_context(browser, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(clinic_page.url)
        widget = Widget(page)
        widget.open()
        assert page.evaluate(RUNNING_MOTION) == []  # the panel appeared without sliding in
        card = widget.walk_to(KNEE_TWIST.stretch.name, FIRST_HOLD)
        fill = card.locator(".coach-hold-fill")
        assert fill.evaluate("e => getComputedStyle(e).transitionDuration") == "0s"
        assert page.evaluate(RUNNING_MOTION) == []
    finally:
        context.close()


def test_the_countdown_bar_moves_without_reduced_motion(widget: Widget) -> None:
    """The other side of the test above: the same bar is animated for everyone else."""
    card = widget.go_to(KNEE_TWIST.stretch.name, FIRST_HOLD)
    fill = card.locator(".coach-hold-fill")
    assert fill.evaluate("e => getComputedStyle(e).transitionDuration") != "0s"


CUT_OFF = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
        if (el.offsetParent === null || el.closest('.coach-visually-hidden')) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0) continue;
        if (box.left < -1 || box.right > width + 1)
            out.push('outside: ' + el.className + ' ' + box.left + '-' + box.right);
        const style = getComputedStyle(el);
        const clips = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
        if (clips && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim())
            out.push('cut off: ' + el.className + ' ' + el.scrollWidth + '>' + el.clientWidth);
    }
    // the header's title, subtitle and close button side by side or one under the other, never on top
    const header = [...document.querySelectorAll('.rw-header .rw-title, .rw-header > span, .rw-close-button')]
        .filter(el => el.offsetParent !== null).map(el => [el.className || el.tagName, el.getBoundingClientRect()]);
    for (const [i, [one, a]] of header.entries())
        for (const [two, b] of header.slice(i + 1))
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
                out.push('overlap: ' + one + ' and ' + two);
    const scrolled = document.documentElement.scrollWidth;
    if (scrolled > width) out.push('page scrolls sideways: ' + scrolled);
    return out;
}"""


def test_at_320_px_and_200_percent_zoom_nothing_scrolls_sideways_or_is_cut_off(
    browser: Browser, clinic_page: PageServer, artifacts: Path
) -> None:
    """WCAG 1.4.10 reflow: 320 CSS px wide (a 640 px window at 200%, device pixels doubled), text not cut off."""
    context = new_context(browser, viewport={"width": 320, "height": 640}, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(clinic_page.url)
        widget = Widget(page)
        expect(widget.launcher).to_be_visible(timeout=REPLY_TIMEOUT_MS)
        assert page.evaluate(CUT_OFF) == []
        widget.open()
        widget.bot_says("not a substitute for a clinician")
        assert page.evaluate(CUT_OFF) == []
        widget.press(KNEE_TWIST.stretch.name)
        widget.bot_says(SCREEN_OPENING)
        assert page.evaluate(CUT_OFF) == []
        card = widget.press_for_a_card("No")
        for _ in range(FIRST_HOLD):
            card = widget.press_for_a_card("Next")
        expect(widget.countdown(card)).to_be_visible()
        assert page.evaluate(CUT_OFF) == []
        page.screenshot(path=artifacts / "reflow-320-hold.png")
    finally:
        context.close()
