"""Hand-written tracker events, in the shape Rasa's SQL store keeps them (as read from a real tracker).

Each helper appends one row to a ``Log``: (id, sender_id, type_name, timestamp, action_name,
intent_name, data). A slot's name is in the action_name column, a user message's intent in
intent_name, as Rasa stores them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

T0 = 1_796_000_000.0  # 2026-11-30 (a Monday) 02:13 UTC

BACK_EMERGENCY = (
    "These symptoms can be a sign of a serious problem. Call 911 or go to the nearest emergency room now. "
    "Don't continue stretching. Once you're safe, a specialist can follow up: "
    "call iSpine Pain Physicians at (763) 201-8191."
)
CRISIS = (
    "I'm so sorry you're going through this, and I'm glad you told me. You don't have to face it alone: call or text "
    "988, the Suicide & Crisis Lifeline, any time, day or night. Call 911 if you're in danger right now."
)
OFF_TOPIC = (
    "Sorry, that's outside what I can help with: I'm the clinic's stretch coach. For questions about your back: "
    "call iSpine Pain Physicians at (763) 201-8191.\n\nI can guide you through a stretch or tell you how to book."
)
NOT_UNDERSTOOD = (
    "Sorry, I didn't understand that. For questions about your back: call iSpine Pain Physicians at (763) 201-8191."
)
SCREEN = "Before we start: do you have any of these right now: trouble peeing ...? Please answer yes or no."


@dataclass
class Log:
    sender: str = "rest:ann"
    at: float = T0
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def _add(self, kind: str, action: str | None, intent: str | None, data: dict[str, Any]) -> None:
        self.at += 0.01
        body = json.dumps({"event": kind, "timestamp": self.at, "metadata": {"model_id": "m"}, **data})
        self.rows.append((len(self.rows) + 1, self.sender, kind, self.at, action, intent, body))

    def user(self, text: str, intent: str, *, at: float | None = None, sender: str | None = None) -> Log:
        if sender:
            self.sender = sender
        if at is not None:
            self.at = at
        self._add(
            "user", None, intent, {"text": text, "parse_data": {"intent": {"name": intent}}, "input_channel": "rest"}
        )
        self._add("user_featurization", None, None, {"use_text_for_featurization": False})
        return self

    def action(self, name: str) -> Log:
        self._add("action", name, None, {"name": name, "policy": "RulePolicy", "confidence": 1.0})
        return self

    def bot(self, text: str) -> Log:
        self._add("bot", None, None, {"text": text, "data": {"custom": {"reply": {"text": text}}}})
        return self

    def slot(self, name: str, value: Any) -> Log:
        self._add("slot", name, None, {"name": name, "value": value})
        return self

    def listen(self) -> Log:
        return self.action("action_listen")

    def new_session(self, **carried: Any) -> Log:
        """A routine's new Rasa session: Rasa sets every slot again (carried over), which is no change."""
        self.action("action_session_start")
        self._add("session_started", None, None, {})
        for name, value in carried.items():
            self.slot(name, value)
        return self.listen()

    # -- what the actions do (actions/*.py) ----------------------------------------------------

    def screen_asked(self, text: str, stretch: str) -> Log:
        self.user(text, "request_stretch").action("action_start_stretch").bot(SCREEN)
        return (
            self.slot("safety_question", "screen").slot("pending_stretch", stretch).slot("screened_at", None).listen()
        )

    def screen_no_starts(self, stretch: str, intent: str = "deny") -> Log:
        self.user("no", intent).action("action_deny").bot("Before you start: ...")
        self.slot("emergency_advised", None).slot("safety_question", None).slot("pending_stretch", None)
        self.slot("screened_at", self.at).slot("routine_stretch", stretch).slot("routine_step", 0.0)
        self.slot("routine_queue", None).slot("safety_notice_given", True)
        return self.new_session(routine_stretch=stretch, routine_step=0.0, safety_question=None, emergency_advised=None)

    def step(self, stretch: str, index: int, text: str = "next") -> Log:
        self.user(text, "next_step").action("action_next_step").bot(f"step {index + 1}")
        return self.slot("routine_stretch", stretch).slot("routine_step", float(index)).listen()

    def leave(self, text: str, intent: str, action: str, reply: str) -> Log:
        self.user(text, intent).action(action).bot(reply)
        return self.slot("routine_stretch", None).slot("routine_step", None).slot("routine_queue", None).listen()

    def emergency(self, text: str, reply: str = BACK_EMERGENCY, action: str = "action_not_understood") -> Log:
        self.user(text, "report_red_flag").action(action).bot(reply)
        self.slot("routine_stretch", None).slot("routine_step", None).slot("routine_queue", None)
        self.slot("emergency_advised", True).slot("safety_question", None).slot("pending_stretch", None)
        return self.slot("screened_at", None).listen()

    def pain(self, stretch: str, index: int) -> Log:
        self.user("ouch that really hurts", "report_pain").action("action_stop_for_pain").bot("Let's stop right there")
        self.slot("routine_stretch", None).slot("routine_step", None).slot("routine_queue", None)
        return self.slot("pain_stop_place", f"{stretch}:{index}").listen()

    def fallback(self, text: str, intent: str, reply: str, action: str = "action_fallback") -> Log:
        return self.user(text, intent).action(action).bot(reply).listen()
