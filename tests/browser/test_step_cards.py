"""The coach's cards as a patient sees them: the picture on screen with its step, a countdown that runs
during a hold, quick replies under every routine answer, a Finish button where finishing is offered."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, expect

from harness.web_stack import PHONE, PageServer, new_context
from harness.widget import REPLY_TIMEOUT_MS, Widget, step_heading
from pacing import Routine, replies
from pacing.steps import show_step
from stretch_content import load_content

CONTENT = load_content()
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
KNEE_TWIST = Routine(CONTENT.stretch("lying_knee_twist"))
FIRST_HOLD = next(m.index for m in KNEE_TWIST.moments if m.step.seconds)
HOLD_SECONDS = KNEE_TWIST.at(FIRST_HOLD).step.seconds or 0
FINISH_OFFER = next(m.index for m in CAT_COW.moments if '"finish"' in show_step(m).text)


def on_screen(page: Page, element: Locator) -> bool:
    """Whether ``element`` is wholly inside the visible part of the message list (not scrolled away)."""
    box = element.bounding_box()
    view = page.locator(".rw-messages-container").bounding_box()
    assert box is not None and view is not None
    return bool(view["y"] - 1 <= box["y"] and box["y"] + box["height"] <= view["y"] + view["height"] + 1)


def assert_picture_with_its_step(page: Page, card: Locator, routine: Routine, index: int) -> None:
    picture = card.locator("img.coach-image")
    step = card.locator(".coach-step-heading")
    expect(step).to_have_text(step_heading(routine, index))
    expect(picture).to_be_visible()
    assert (picture.get_attribute("src") or "").endswith(f"/poses/{routine.at(index).illustration}.svg")
    expect(picture).to_have_attribute("alt", CONTENT.illustrations[routine.at(index).illustration])
    picture_box, step_box = picture.bounding_box(), step.bounding_box()
    assert picture_box is not None and step_box is not None
    assert 0 <= step_box["y"] - (picture_box["y"] + picture_box["height"]) < 40, "the step is right under its picture"
    page.wait_for_timeout(300)  # the list scrolls to the newest message
    assert on_screen(page, picture) and on_screen(page, step), "picture and step are on screen together"


def test_the_first_step_shows_its_picture_on_screen_above_its_words(widget: Widget, artifacts: Path) -> None:
    """The longest card (the notice, what the stretch is, then step 1): the picture is above step 1, both visible."""
    widget.open()
    widget.bot_says("not a substitute for a clinician")
    widget.type("guide me through cat cow")
    widget.answer_screen()
    card = widget.card(step_heading(CAT_COW, 0))
    assert_picture_with_its_step(widget.page, card, CAT_COW, 0)
    expect(card.get_by_role("button", name="Next", exact=True)).to_be_visible()
    widget.page.screenshot(path=artifacts / "desktop-first-step.png")


def test_a_hold_counts_down_on_screen_then_says_release(widget: Widget, artifacts: Path) -> None:
    card = widget.go_to(KNEE_TWIST.stretch.name, FIRST_HOLD)
    assert_picture_with_its_step(widget.page, card, KNEE_TWIST, FIRST_HOLD)
    countdown = widget.countdown(card)
    expect(countdown).to_be_visible()
    assert on_screen(widget.page, countdown)
    first = widget.seconds_left(card)
    assert 0 < first <= HOLD_SECONDS
    expect(countdown).to_contain_text("seconds to hold")
    widget.page.screenshot(path=artifacts / "desktop-hold-countdown.png")
    expect(countdown.locator(".coach-hold-seconds")).not_to_have_text(str(first), timeout=5_000)
    assert widget.seconds_left(card) < first, "the countdown counts down"
    expect(countdown).to_contain_text("Release now", timeout=(HOLD_SECONDS + 10) * 1000)
    widget.bot_says(replies.hold_over(KNEE_TWIST.at(FIRST_HOLD)).text, timeout=REPLY_TIMEOUT_MS)
    widget.page.screenshot(path=artifacts / "desktop-hold-over.png")


def test_a_question_keeps_the_countdown_and_the_quick_replies_next_moves_on(widget: Widget, artifacts: Path) -> None:
    card = widget.go_to(KNEE_TWIST.stretch.name, FIRST_HOLD)
    countdown = widget.countdown(card)
    expect(countdown).to_be_visible()
    widget.type("which side?")
    answer = widget.card("side now")
    for title in ("Next", "Repeat", "Back", "Stop"):
        expect(answer.get_by_role("button", name=title, exact=True)).to_be_visible()
    expect(countdown).to_be_visible()  # the hold goes on while they ask
    first = widget.seconds_left(card)
    expect(countdown.locator(".coach-hold-seconds")).not_to_have_text(str(first), timeout=5_000)
    widget.page.screenshot(path=artifacts / "desktop-question-during-hold.png")
    widget.press_for_a_card("Next")
    expect(countdown).to_be_hidden()  # moved on: the old step's countdown is gone


def test_a_reload_mid_hold_keeps_counting_from_where_it_was(widget: Widget) -> None:
    card = widget.go_to(KNEE_TWIST.stretch.name, FIRST_HOLD)
    seconds = widget.countdown(card).locator(".coach-hold-seconds")
    expect(seconds).to_have_text(str(HOLD_SECONDS - 3), timeout=10_000)
    widget.page.reload()
    card = widget.card(step_heading(KNEE_TWIST, FIRST_HOLD))
    expect(widget.countdown(card)).to_be_visible()
    assert widget.seconds_left(card) <= HOLD_SECONDS - 3, "the countdown did not start over"


def test_cat_cow_offers_finish_with_a_finish_button_that_finishes(widget: Widget, artifacts: Path) -> None:
    card = widget.go_to(CAT_COW.stretch.name, FINISH_OFFER)
    expect(card).to_contain_text('say "finish"')
    finish = card.get_by_role("button", name="Finish", exact=True)
    expect(finish).to_be_visible()
    assert on_screen(widget.page, finish)
    widget.page.screenshot(path=artifacts / "desktop-finish-button.png")
    finish.click()
    widget.bot_says(f"you've finished the {CAT_COW.stretch.name}")


def text_box_inside_the_panel(page: Page) -> None:
    box = page.get_by_role("textbox", name="Your message")
    box.focus()
    panel = page.locator(".rw-conversation-container").bounding_box()
    field = box.bounding_box()
    assert panel is not None and field is not None
    ring = 2  # the focus ring outside the border
    assert panel["x"] <= field["x"] - ring and field["x"] + field["width"] + ring <= panel["x"] + panel["width"]
    assert field["y"] + field["height"] + ring <= panel["y"] + panel["height"], "the text box's bottom edge shows"
    widths = box.evaluate(
        "el => ['Top', 'Right', 'Bottom', 'Left'].map(side => getComputedStyle(el)['border' + side + 'Width'])"
    )
    assert all(w != "0px" for w in widths), widths


def test_the_text_box_has_its_whole_border_inside_the_panel(widget: Widget) -> None:
    widget.open()
    text_box_inside_the_panel(widget.page)


def test_on_a_phone_picture_step_countdown_and_text_box_all_show(
    browser: Browser, clinic_page: PageServer, artifacts: Path
) -> None:
    context = new_context(browser, phone=True)
    try:
        page = context.new_page()
        page.goto(clinic_page.url)
        widget = Widget(page)
        card = widget.go_to(KNEE_TWIST.stretch.name, FIRST_HOLD)
        assert_picture_with_its_step(page, card, KNEE_TWIST, FIRST_HOLD)
        countdown = widget.countdown(card)
        expect(countdown).to_be_visible()
        assert on_screen(page, countdown)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scroll"
        text_box_inside_the_panel(page)
        page.screenshot(path=artifacts / "phone-hold-countdown.png")
    finally:
        context.close()
