"""Progress in Chromium: the check-in's 0-10 scale under the step that starts a session (whose Next stays),
the answer acknowledged, "how am I doing?" drawn as a chart from the card's numbers, and a reload greeted."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from harness.widget import REPLY_TIMEOUT_MS, Widget, step_heading
from pacing import Routine
from stretch_content import load_content

CONTENT = load_content()
CAT_COW = Routine(CONTENT.stretch("cat_cow"))
FOLD = Routine(CONTENT.stretch("forward_fold"))


def test_check_in_with_the_scale_then_the_chart_of_how_am_i_doing(widget: Widget, artifacts: Path) -> None:
    widget.open()
    widget.bot_says("not a substitute for a clinician")
    widget.type("guide me through cat cow")
    step = widget.answer_screen()
    expect(step.locator(".coach-step-heading")).to_have_text(step_heading(CAT_COW, 0))
    scale = widget.page.get_by_role("group", name="Pain right now, from 0 (no pain) to 10 (worst imaginable)")
    expect(scale).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    expect(scale.get_by_role("button")).to_have_count(12)  # 0 to 10, and Skip
    expect(step.get_by_role("button", name="Next", exact=True)).to_be_visible()  # the step keeps its Next
    widget.page.screenshot(path=artifacts / "progress-check-in.png")

    scale.get_by_role("button", name="6", exact=True).click()
    widget.bot_says("6 out of 10")
    replies = widget.page.locator(".rw-response").count()
    widget.press("Stop")
    expect(widget.page.locator(".rw-response")).not_to_have_count(replies, timeout=REPLY_TIMEOUT_MS)  # stopped

    scales = widget.page.get_by_role("group", name="Pain right now, from 0 (no pain) to 10 (worst imaginable)")
    asked = scales.count()
    widget.type("let's do the forward fold")  # a second session, walked to the end: checked in and out
    expect(scales).to_have_count(asked + 1, timeout=REPLY_TIMEOUT_MS)  # the new session's own question
    scales.last.get_by_role("button", name="5", exact=True).click()
    widget.bot_says("5 out of 10")
    for _ in range(FOLD.total):
        widget.press("Next")
        if widget.page.locator(".rw-response", has_text="Before you go").count():
            break
    widget.bot_says("Before you go")
    widget.page.get_by_role("button", name="3", exact=True).last.click()
    widget.bot_says("down 2 points")

    widget.type("how am I doing?")
    chart = widget.page.get_by_role("img", name="Pain from 0 to 10, before and after each session", exact=False)
    expect(chart.last).to_be_visible(timeout=REPLY_TIMEOUT_MS)
    before = chart.last.locator("rect[data-phase='before']")
    after = chart.last.locator("rect[data-phase='after']")
    expect(before).to_have_count(2)
    assert [before.nth(i).get_attribute("data-score") for i in range(2)] == ["6", "5"]
    expect(after).to_have_count(1)
    assert after.first.get_attribute("data-score") == "3"
    card = widget.card("Pain from 0 to 10, session by session")
    card.scroll_into_view_if_needed()
    card.screenshot(path=artifacts / "progress-card.png")

    widget.page.reload()  # the same tab: the same owner-bound session (the widget reopens as it was)
    expect(widget.messages).to_contain_text("down 2 points", timeout=REPLY_TIMEOUT_MS)
    widget.type("hello")
    widget.bot_says("Welcome back. You've done 2 sessions in the past 7 days.")
