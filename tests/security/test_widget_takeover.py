"""The session take-over tried in the real widget: a second browser carrying the victim's session id gets nothing."""

from __future__ import annotations

import json

from playwright.sync_api import Browser

from harness.web_stack import new_context
from harness.widget import SESSION_KEY, Widget
from pacing import Routine
from stretch_content import load_content
from tests.security.clinic import Clinic

CAT_COW = Routine(load_content().stretch("cat_cow"))


def test_a_copied_session_id_opens_nothing_in_another_browser(browser: Browser, clinic: Clinic) -> None:
    victim_context, attacker_context = new_context(browser), new_context(browser)
    try:
        victim = Widget(victim_context.new_page())
        victim.page.goto(clinic.page_url + "/")
        victim.open()
        victim.bot_says("not a substitute for a clinician")
        victim.type("guide me through cat cow")
        victim.answer_screen()
        victim.bot_says(CAT_COW.at(0).text or "")
        stolen = victim.session_id()

        # The attacker's browser claims the victim's session id, as a copied id would be used.
        claimed = json.dumps({"session_id": stolen, "conversation": [], "params": {}, "version": None})
        attacker_context.add_init_script(f"sessionStorage.setItem({SESSION_KEY!r}, {json.dumps(claimed)})")
        attacker = Widget(attacker_context.new_page())
        attacker.page.goto(clinic.page_url + "/")
        attacker.open()
        attacker.type("next")
        attacker.bot_says("")  # some answer arrives: the attacker's own conversation, not the victim's

        victim.type("next")
        victim.bot_says(CAT_COW.at(1).text or "")
        attacker.page.wait_for_timeout(1500)
        assert (CAT_COW.at(1).text or "") not in attacker.transcript()
        assert "guide me through cat cow" not in attacker.transcript()
        assert attacker.session_id() != stolen
        typed = [e.get("text") for e in clinic.stack.tracker(stolen)["events"] if e.get("event") == "user"]
        assert typed.count("next") == 1, typed  # only the victim's own "next" is in their conversation
    finally:
        victim_context.close()
        attacker_context.close()
