"""A patient on the clinic page, in real Chromium, talking to the real Rasa and action servers over socket.io."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from harness.stack import Stack
from harness.web_stack import PHONE, PageServer, free_port, new_context, page_server
from harness.widget import SCREEN_OPENING, Widget, step_heading
from pacing import Routine, replies
from stretch_content import load_content

CONTENT = load_content()
CLINIC = CONTENT.clinic
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
KNEE_TWIST = Routine(CONTENT.stretch("lying_knee_twist"))
TEL = f"tel:+1{CLINIC.phone_digits}"


def start_cat_cow(widget: Widget) -> None:
    widget.open()
    widget.bot_says("not a substitute for a clinician")
    widget.type("guide me through cat cow")
    widget.answer_screen()
    widget.bot_says(CAT_COW.at(0).text or "")


def test_page_says_what_the_assistant_is_for_and_how_to_call(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Stretch coach")
    expect(page.locator("main")).to_contain_text(CLINIC.consult)
    call = page.locator(f'main a[href="{TEL}"]').first
    expect(call).to_have_text(CLINIC.phone)
    for stretch in CONTENT.stretches:
        expect(page.locator(".stretches")).to_contain_text(stretch.name)
    expect(page.locator("html")).to_have_attribute("data-chat", "connected", timeout=20_000)
    expect(page.locator("#chat-status")).to_be_hidden()


def test_welcome_then_cat_cow_step_one_with_its_picture_then_next(widget: Widget) -> None:
    widget.open()
    welcome = widget.bot_says("not a substitute for a clinician")
    expect(welcome).to_contain_text(CLINIC.name)
    for stretch in CONTENT.stretches:
        expect(widget.reply_button(stretch.name)).to_be_visible()

    widget.type("guide me through cat cow")
    widget.answer_screen()
    step = widget.bot_says(CAT_COW.at(0).text or "")
    expect(step).to_contain_text(step_heading(CAT_COW, 0))
    picture = widget.picture(CAT_COW.at(0).illustration)
    expect(picture).to_have_attribute("alt", CONTENT.illustrations[CAT_COW.at(0).illustration])
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), "the SVG did not load"

    widget.press("Next")
    second = widget.bot_says(CAT_COW.at(1).text or "")
    expect(second).to_contain_text(step_heading(CAT_COW, 1))
    widget.picture(CAT_COW.at(1).illustration)


def test_conversation_survives_a_reload(widget: Widget, web_rasa: Stack) -> None:
    start_cat_cow(widget)
    session = widget.session_id()
    widget.page.reload()
    expect(widget.messages).to_contain_text(CAT_COW.at(0).text or "", timeout=20_000)
    assert widget.session_id() == session
    widget.press("Next")
    widget.bot_says(CAT_COW.at(1).text or "")
    typed = [e.get("text") for e in web_rasa.tracker(session)["events"] if e.get("event") == "user"]
    assert "guide me through cat cow" in typed, "the server has the same conversation"


def test_new_visitor_gets_a_new_conversation(widget: Widget, browser: Browser, clinic_page: PageServer) -> None:
    start_cat_cow(widget)
    other = new_context(browser)
    try:
        page = other.new_page()
        page.goto(clinic_page.url)
        newcomer = Widget(page)
        newcomer.open()
        newcomer.bot_says("not a substitute for a clinician")
        assert newcomer.session_id() != widget.session_id()
        assert "guide me through cat cow" not in newcomer.transcript()
    finally:
        other.close()


def test_booking_question_shows_the_phone_number(widget: Widget) -> None:
    widget.open()
    widget.bot_says("not a substitute for a clinician")
    widget.type("how do I book?")
    expect(widget.bot_says(CLINIC.phone)).to_contain_text(CLINIC.name)


FIRST_HOLD = next(i for i, m in enumerate(KNEE_TWIST.moments) if m.step.seconds)


def reach_the_first_hold(widget: Widget) -> int:
    """Open the chat and go to the knee twist's first timed hold; returns its seconds."""
    widget.go_to(KNEE_TWIST.stretch.name, FIRST_HOLD)
    return KNEE_TWIST.at(FIRST_HOLD).step.seconds or 0


def test_timed_hold_ends_with_a_release_message_without_typing(widget: Widget) -> None:
    seconds = reach_the_first_hold(widget)
    expect(widget.bot_says(f"Hold for {seconds} seconds")).to_contain_text(step_heading(KNEE_TWIST, FIRST_HOLD))
    release = replies.hold_over(KNEE_TWIST.at(FIRST_HOLD)).text
    expect(widget.messages).not_to_contain_text(release)
    widget.bot_says(release, timeout=(seconds + 20) * 1000)


def test_two_visitors_holding_at_once_are_both_told_to_release(
    widget: Widget, browser: Browser, clinic_page: PageServer
) -> None:
    """Rasa keys reminder jobs by name, server-wide: each conversation's release timer needs its own name."""
    other = new_context(browser)
    try:
        page = other.new_page()
        page.goto(clinic_page.url)
        second = Widget(page)
        seconds = reach_the_first_hold(widget)
        reach_the_first_hold(second)
        release = replies.hold_over(KNEE_TWIST.at(FIRST_HOLD)).text
        for visitor in (widget, second):
            visitor.bot_says(release, timeout=(seconds + 20) * 1000)
    finally:
        other.close()


def test_a_question_during_the_hold_keeps_the_release_coming(widget: Widget) -> None:
    seconds = reach_the_first_hold(widget)
    widget.type("which side?")
    widget.bot_says("side now")
    widget.bot_says(replies.hold_over(KNEE_TWIST.at(FIRST_HOLD)).text, timeout=(seconds + 20) * 1000)


def test_keyboard_only(page: Page) -> None:
    widget = Widget(page)
    expect(widget.launcher).to_be_visible(timeout=20_000)
    widget.launcher.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".rw-conversation-container")).to_be_visible()
    widget.bot_says("not a substitute for a clinician")
    book = widget.reply_button("Book an appointment")
    book.focus()
    page.keyboard.press("Enter")
    widget.bot_says(CLINIC.phone)
    page.get_by_role("textbox", name="Your message").focus()
    page.keyboard.type("guide me through cat cow")
    page.keyboard.press("Enter")
    widget.bot_says(SCREEN_OPENING)
    page.keyboard.type("no")
    page.keyboard.press("Enter")
    widget.bot_says(CAT_COW.at(0).text or "")
    expect(page.get_by_role("button", name="Close the chat").first).to_be_visible()


def test_unreachable_assistant_the_page_says_so_and_gives_the_phone(browser: Browser) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    with page_server(dead) as server:
        context = new_context(browser)
        try:
            page = context.new_page()
            page.goto(server.url)
            status = page.get_by_role("status").filter(has_text="unavailable")  # not the countdown announcer
            expect(status).to_be_visible(timeout=20_000)
            expect(status).to_contain_text("unavailable")
            expect(status.locator(f'a[href="{TEL}"]')).to_have_text(CLINIC.phone)
            expect(page.locator(".rw-launcher")).to_have_count(0)
        finally:
            context.close()


def test_screenshots_mid_routine_desktop_and_phone(
    widget: Widget, browser: Browser, clinic_page: PageServer, artifacts: Path
) -> None:
    start_cat_cow(widget)
    widget.press("Next")
    widget.picture(CAT_COW.at(1).illustration)
    widget.page.wait_for_timeout(300)  # let the image and the scroll settle
    widget.page.screenshot(path=artifacts / "desktop-mid-routine.png")

    phone = new_context(browser, phone=True)
    try:
        page = phone.new_page()
        page.goto(clinic_page.url)
        on_phone = Widget(page)
        expect(on_phone.launcher).to_be_visible(timeout=20_000)
        page.screenshot(path=artifacts / "phone-page.png")
        start_cat_cow(on_phone)
        on_phone.press("Next")
        image = on_phone.picture(CAT_COW.at(1).illustration)
        box = image.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], "the page scrolls sideways on a phone"
        page.wait_for_timeout(300)
        page.screenshot(path=artifacts / "phone-mid-routine.png")
    finally:
        phone.close()
    for name in ("desktop-mid-routine.png", "phone-mid-routine.png", "phone-page.png"):
        assert re.match(rb"\x89PNG", (artifacts / name).read_bytes()[:4])
