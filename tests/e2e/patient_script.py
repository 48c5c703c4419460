"""Conversations written as patients talk, run over REST and judged turn by turn by properties, never exact texts.

A conversation file (tests/e2e/conversations/*.yml, format in the README there) gives each turn what
the person types and, optionally, what the reply must do. Every turn is also judged on what every reply
owes a patient: a reply, a way forward, no false alarm, and their place in a routine kept unless the
turn expects it to change. The markers below are the observable reply contract on the REST channel.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import yaml

from pacing.safety_replies import FallbackKind, fallback
from stretch_content import load_content

CONVERSATIONS = Path(__file__).with_name("conversations")
CONTENT = load_content()
STRETCH_IDS = frozenset(s.id for s in CONTENT.stretches)
NO_ROUTINE = "none"
FALLBACK_ACTION = "action_fallback"
GENERIC_FALLBACK_TEXTS = tuple(
    fallback(CONTENT, kind, None).text.split("\n")[0].strip()
    for kind in (FallbackKind.NOT_UNDERSTOOD, FallbackKind.OFF_TOPIC)
)
"""The generic fallback's opening, from the reply code itself: another action may answer with it too."""
BOOKKEEPING_ACTIONS = frozenset({"action_listen", "action_session_start"})
"""Rasa's own actions after a reply (listening, the new session a routine starts): they answer nothing."""

EMERGENCY = re.compile(r"Call 911")
"""Exactly as the emergency advice says it: the old hedge ("If you have any of these ... call 911") is not it."""
ANY_911 = re.compile(r"911")
RED_FLAG_QUESTION = re.compile(r"are you having any of these right now", re.IGNORECASE)
SCREEN = re.compile(r"before we start: do you have any of these right now", re.IGNORECASE)
"""The screen before exercise, asked before a stretch when it is due (not an alarm: it is expected)."""
PAIN_STOP = re.compile(r"don't continue a stretch that hurts", re.IGNORECASE)
WAY_FORWARD = re.compile(r"\?|\b(say|ask|call|type|tap)\b", re.IGNORECASE)
"""A reply without buttons must ask something or tell what to say, or the person is left at a dead end."""

EXPECT_KEYS = frozenset(
    {"emergency", "emergency_may_repeat", "asks_red_flag", "screen", "pain_stop", "routine", "step", "says", "offtopic"}
)


def category(text: str) -> str:
    """What kind of safety reply a text is: emergency, ask (the red-flag question), pain (a pain stop) or none."""
    plain = text.replace("\u2019", "'")
    if EMERGENCY.search(plain):
        return "emergency"
    if RED_FLAG_QUESTION.search(plain):
        return "ask"
    if PAIN_STOP.search(plain):
        return "pain"
    return "none"


def fill(text: str) -> str:
    """Clinic facts are named, not copied, in conversation files: {phone} is the clinic's number."""
    return text.replace("{phone}", CONTENT.clinic.phone)


@dataclass(frozen=True)
class Expect:
    """What one reply must do, beyond what every reply owes (see check_turn)."""

    emergency: bool = False
    emergency_may_repeat: bool = False
    """Right after emergency advice, saying it again is no false alarm (but not required either)."""
    asks_red_flag: bool = False
    screen: bool = False
    """The reply is the screen before exercise (the stretch asked for waits for a clear "no")."""
    pain_stop: bool = False
    routine: tuple[str, ...] | None = None
    """The stretch ids (or "none") the person may be in after the turn; None: the place before, kept."""
    step: int | None = None
    """1-based position among the routine's turns: routine_step + 1."""
    says: tuple[str, ...] = ()
    offtopic: bool = False
    """The generic fallback is the right answer (not counted against the fallback share target)."""

    @classmethod
    def parse(cls, raw: Mapping[str, Any], where: str) -> Expect:
        unknown = set(raw) - EXPECT_KEYS
        if unknown:
            raise ValueError(f"{where}: unknown expectation(s) {sorted(unknown)}")
        routine = raw.get("routine")
        routines = None if routine is None else tuple([routine] if isinstance(routine, str) else routine)
        for value in routines or ():
            if value not in STRETCH_IDS | {NO_ROUTINE}:
                raise ValueError(f"{where}: routine {value!r} is not a stretch id or {NO_ROUTINE!r}")
        says = raw.get("says", ())
        return cls(
            emergency=bool(raw.get("emergency", False)),
            emergency_may_repeat=bool(raw.get("emergency_may_repeat", False)),
            asks_red_flag=bool(raw.get("asks_red_flag", False)),
            screen=bool(raw.get("screen", False)),
            pain_stop=bool(raw.get("pain_stop", False)),
            routine=routines,
            step=None if raw.get("step") is None else int(raw["step"]),
            says=tuple(fill(str(s)) for s in ([says] if isinstance(says, str) else says)),
            offtopic=bool(raw.get("offtopic", False)),
        )

    @property
    def ends_routine(self) -> bool:
        return self.emergency or self.pain_stop


@dataclass(frozen=True)
class Turn:
    number: int
    user: str
    expect: Expect


@dataclass(frozen=True)
class Conversation:
    name: str
    patient: str
    turns: tuple[Turn, ...]


def load_conversation(path: Path) -> Conversation:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    turns = tuple(
        Turn(i, str(t["user"]), Expect.parse(t.get("expect") or {}, f"{path.name} turn {i}"))
        for i, t in enumerate(raw["turns"], start=1)
    )
    return Conversation(name=path.stem, patient=str(raw["patient"]), turns=turns)


def load_conversations(folder: Path = CONVERSATIONS) -> list[Conversation]:
    """Every conversation file; names starting with "_" are other data kept beside them."""
    return [load_conversation(p) for p in sorted(folder.glob("*.yml")) if not p.name.startswith("_")]


@dataclass(frozen=True)
class Place:
    """Where the tracker says the person is: a stretch and a 1-based step, or nowhere."""

    stretch: str | None = None
    step: int | None = None

    @classmethod
    def of(cls, tracker: Mapping[str, Any]) -> Place:
        slots = tracker.get("slots") or {}
        stretch, step = slots.get("routine_stretch"), slots.get("routine_step")
        if not isinstance(stretch, str):
            return cls()
        return cls(stretch, int(step) + 1 if isinstance(step, (int, float)) else None)

    def __str__(self) -> str:
        return f"{self.stretch} step {self.step}" if self.stretch else "no routine"


def answering_action(tracker: Mapping[str, Any]) -> str | None:
    """The last action after the last user message, Rasa's bookkeeping actions aside."""
    events = list(tracker.get("events") or [])
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    actions = [e.get("name") for e in events[last_user + 1 :] if e.get("event") == "action"]
    answering = [str(a) for a in actions if a not in BOOKKEEPING_ACTIONS]
    return answering[-1] if answering else None


@dataclass(frozen=True)
class TurnResult:
    """One turn as it happened: the reply, the place before and after, and which action answered."""

    turn: Turn
    text: str
    buttons: tuple[str, ...]
    before: Place
    after: Place
    action: str | None
    problems: tuple[str, ...] = field(default=())

    @property
    def category(self) -> str:
        return category(self.text)

    @property
    def fallback(self) -> bool:
        """Answered by the generic fallback: action_fallback (unless triage answered in it: emergency, the
        red-flag question or a pain stop), or another action replying with the fallback's text."""
        return (self.action == FALLBACK_ACTION and self.category == "none") or self.fallback_text_elsewhere

    @property
    def fallback_text_elsewhere(self) -> bool:
        return self.action != FALLBACK_ACTION and any(t in self.text for t in GENERIC_FALLBACK_TEXTS)

    @property
    def false_alarm(self) -> bool:
        """911 or the red-flag question where the turn did not call for it."""
        expect = self.turn.expect
        alarm = bool(ANY_911.search(self.text)) and not (expect.emergency or expect.emergency_may_repeat)
        return alarm or (bool(RED_FLAG_QUESTION.search(self.text)) and not expect.asks_red_flag)

    @property
    def place_lost(self) -> bool:
        """A routine gone or swapped on a turn that expected the person to keep it."""
        expect = self.turn.expect
        if self.before.stretch is None or expect.routine is not None or expect.ends_routine:
            return False
        return self.after.stretch != self.before.stretch

    def report(self) -> str:
        lines = [f"turn {self.turn.number} {self.turn.user!r}: " + "; ".join(self.problems)]
        lines.append(f"    replied ({self.action}; {self.before} -> {self.after}): {self.text!r}")
        return "\n".join(lines)


def check_turn(result: TurnResult) -> tuple[str, ...]:
    """Everything wrong with one turn's reply, as sentences a reader can act on."""
    return tuple(
        problem
        for checker in (check_reply, check_way_forward, check_safety, check_place, check_says)
        for problem in checker(result)
    )


def check_reply(r: TurnResult) -> list[str]:
    return [] if r.text.strip() else ["no reply text"]


def check_way_forward(r: TurnResult) -> list[str]:
    if r.buttons or WAY_FORWARD.search(r.text):
        return []
    return ["no way forward (no buttons, no question, nothing to say)"]


def check_safety(r: TurnResult) -> list[str]:
    expect, problems = r.turn.expect, []
    if expect.emergency:
        if r.category != "emergency":
            problems.append("expected emergency advice (Call 911)")
        if r.category == "emergency" and any("request_stretch" in b or "all_stretches" in b for b in r.buttons):
            problems.append("emergency advice offers a stretch")
    if expect.asks_red_flag and not RED_FLAG_QUESTION.search(r.text):
        problems.append("expected the question 'Are you having any of these right now'")
    if expect.screen and not SCREEN.search(r.text):
        problems.append("expected the screen 'Before we start: do you have any of these right now'")
    if not expect.screen and SCREEN.search(r.text):
        problems.append("the screen before exercise where the turn did not expect it")
    if expect.pain_stop and not PAIN_STOP.search(r.text.replace("\u2019", "'")):
        problems.append("expected the pain stop (don't continue a stretch that hurts)")
    if r.false_alarm:
        problems.append("false alarm (911 or the red-flag question)")
    return problems


def check_place(r: TurnResult) -> list[str]:
    expect, problems = r.turn.expect, []
    if r.place_lost:
        problems.append(f"place lost: was {r.before}, now {r.after}")
    if expect.ends_routine and r.after.stretch is not None:
        problems.append(f"routine should have ended, still {r.after}")
    if expect.routine is not None and (r.after.stretch or NO_ROUTINE) not in expect.routine:
        problems.append(f"expected routine {' or '.join(expect.routine)}, got {r.after}")
    if expect.asks_red_flag and expect.routine is None and r.after != r.before:
        problems.append(f"the red-flag question moved the person: {r.before} -> {r.after}")
    if expect.screen and expect.routine is None and r.after != r.before:
        problems.append(f"the screen moved the person: {r.before} -> {r.after}")
    if expect.step is not None and r.after.step != expect.step:
        problems.append(f"expected step {expect.step}, got {r.after}")
    return problems


def check_says(r: TurnResult) -> list[str]:
    lowered = r.text.lower()
    return [f"reply lacks {word!r}" for word in r.turn.expect.says if word.lower() not in lowered]


class Server(Protocol):
    """What the runner needs of the servers (harness.stack.Stack has both)."""

    def rest(self, sender: str, message: str) -> list[dict[str, Any]]: ...

    def tracker(self, sender: str) -> dict[str, Any]: ...


def reply_text(messages: list[dict[str, Any]]) -> str:
    return "\n".join(str(m.get("text") or "") for m in messages)


def reply_buttons(messages: list[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(str(b.get("payload") or b.get("title")) for m in messages for b in m.get("buttons") or [])


def run_conversation(server: Server, conversation: Conversation, sender: str) -> list[TurnResult]:
    """Send every turn in order (the conversation goes on whatever the replies) and judge each one."""
    results: list[TurnResult] = []
    before = Place()
    for turn in conversation.turns:
        messages = server.rest(sender, turn.user)
        tracker = server.tracker(sender)
        after = Place.of(tracker)
        action = answering_action(tracker)
        result = TurnResult(turn, reply_text(messages), reply_buttons(messages), before, after, action)
        results.append(replace(result, problems=check_turn(result)))
        before = after
    return results


def failure_report(conversation: Conversation, results: list[TurnResult]) -> str:
    failed = [r for r in results if r.problems]
    header = f"{conversation.name} ({conversation.patient}): {len(failed)} of {len(results)} turns failed"
    if failed:
        header += f" (fix turn {failed[0].turn.number} first: later turns may only follow from it)"
    return "\n".join([header, *(r.report() for r in failed)])


def summarize(transcripts: Mapping[str, list[TurnResult]]) -> dict[str, Any]:
    """The numbers the issue asks for: fallback share (overall and where it is not the right answer),
    false alarms, places lost, and every failing turn with what was replied."""
    named = [(name, r) for name, results in transcripts.items() for r in results]
    turns = [r for _, r in named]
    on_topic = [r for r in turns if not r.turn.expect.offtopic]
    fallback_on_topic = [r for r in on_topic if r.fallback]
    return {
        "conversations": len(transcripts),
        "turns": len(turns),
        "fallback_turns": sum(r.fallback for r in turns),
        "fallback_action_turns": sum(r.action == FALLBACK_ACTION for r in turns),
        "fallback_text_from_other_actions": sum(r.fallback_text_elsewhere for r in turns),
        "fallback_share": round(sum(r.fallback for r in turns) / max(len(turns), 1), 4),
        "on_topic_turns": len(on_topic),
        "fallback_on_topic_turns": len(fallback_on_topic),
        "fallback_share_on_topic": round(len(fallback_on_topic) / max(len(on_topic), 1), 4),
        "false_alarms": sum(r.false_alarm for r in turns),
        "places_lost": sum(r.place_lost for r in turns),
        "failing_turns": sum(bool(r.problems) for r in turns),
        "failures": {
            name: [
                {
                    "turn": r.turn.number,
                    "user": r.turn.user,
                    "problems": list(r.problems),
                    "reply": r.text,
                    "action": r.action,
                    "before": str(r.before),
                    "after": str(r.after),
                }
                for r in results
                if r.problems
            ]
            for name, results in transcripts.items()
            if any(r.problems for r in results)
        },
        "fallback_on_topic": [
            f"{name} turn {r.turn.number}: {r.turn.user!r}"
            for name, r in named
            if r.fallback and not r.turn.expect.offtopic
        ],
        "false_alarm_turns": [
            f"{name} turn {r.turn.number}: {r.turn.user!r} -> {r.text!r}" for name, r in named if r.false_alarm
        ],
        "place_lost_turns": [
            f"{name} turn {r.turn.number}: {r.turn.user!r} ({r.before} -> {r.after}) -> {r.text!r}"
            for name, r in named
            if r.place_lost
        ],
    }
