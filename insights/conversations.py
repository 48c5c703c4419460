"""From the tracker store's events to counts: each conversation read once, in order, turn by turn.

How each count shows up in the events (Rasa's SQL store: one row per event; what the actions set is
in actions/*.py):

* a **turn** is a ``user`` event and everything up to the next one; the channel is the conversation
  id's prefix (``web:``, ``rest:``, ``phone:``, ``alexa:``); a **session** is a conversation's messages
  with no gap longer than an hour (the domain's ``session_expiration_time``; Rasa's own
  ``session_started`` events are not used, since every routine starts one);
* a **stretch run** starts when the slot ``routine_stretch`` takes a stretch's id and ends when it
  leaves it; where it was is ``routine_step`` (a 0-based turn of the routine, ``pacing.Routine``). It
  ended **finished** when it left from the routine's last turn, or from a turn where the article's
  minimum is done (``Routine.can_finish_early``) other than by switching stretch; **pain** when the
  turn set ``pain_stop_place``; **emergency** when it set ``emergency_advised``; **skipped** when
  ``action_skip_stretch`` ran; **switched** when another stretch took its place; else **stopped**.
  A run still open is **left** when the conversation was quiet for an hour before the report, else
  **in progress**;
* the **screen** before exercise is ``safety_question = "screen"``, the triage's **red-flag question**
  ``safety_question = "red_flag"``; an answer is **yes** when the turn set ``emergency_advised`` to
  true, **no** when the question closed with the all-clear (``emergency_advised`` set to none, or
  ``screened_at`` set), otherwise no clear answer;
* **emergency advice** is a turn that set ``emergency_advised`` to true; its kind is read from the
  reply the person got (``insights.replies``);
* a **fallback** is a turn answered by ``action_fallback`` or ``action_not_understood``; what it said
  (medical, medication, off-topic, not understood) is read from the reply, the intent from the user
  event.

Slot events right after ``session_started`` are Rasa carrying the slots over, not changes, and are
skipped. A turn counts in the period when its message does; a run when it started in the period.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from insights.counts import Answer, Counts, End, channel_of
from insights.replies import Wordings, default_wordings, emergency_kinds_of, fallback_kind_of
from pacing import Routine
from stretch_content import Content, load_content

SESSION_GAP_SECONDS = 3600.0
"""A new session after an hour without a message: the domain's ``session_expiration_time`` (60 minutes)."""
FALLBACK_ACTIONS = frozenset({"action_fallback", "action_not_understood"})
SKIP_ACTION = "action_skip_stretch"
SLOTS = (
    "routine_stretch",
    "routine_step",
    "safety_question",
    "emergency_advised",
    "screened_at",
    "pain_stop_place",
    "routine_queue",
)
"""The slots the counts are read from (actions/routine_state.py, triage_state.py, pain_memory.py)."""
SCREEN, RED_FLAG = "screen", "red_flag"
DAY = 86_400

Row = tuple[int, str, str, float | None, str | None, str | None, str | None]
BotFetcher = Callable[[str, int, int | None], Iterable[str | None]]
"""(conversation id, id of a user event, id of its next user event or None) → the bot messages' data between."""
"""One events row: id, sender_id, type_name, timestamp, action_name, intent_name, data (JSON).

Rasa keeps an action's name, a slot's name and a user message's intent in their own columns, so only
slot values and the few bot messages that need reading are parsed."""


def week_of(timestamp: float) -> str:
    """The Monday (UTC, ISO date) of the week ``timestamp`` falls in."""
    day = int(timestamp // DAY)
    monday = day - (day + 3) % 7  # 1970-01-01 was a Thursday
    from datetime import UTC, datetime

    return datetime.fromtimestamp(monday * DAY, UTC).date().isoformat()


_weeks: dict[int, str] = {}


def cached_week(timestamp: float) -> str:
    day = int(timestamp // DAY)
    week = _weeks.get(day)
    if week is None:
        week = _weeks[day] = week_of(timestamp)
    return week


_LITERALS: dict[str, Any] = {"null": None, "true": True, "false": False}


def slot_value(data: str | None) -> Any:
    """A slot event's value: its JSON ends with ``"value": <value>}`` (read without parsing the rest)."""
    if not data:
        return None
    cut = data.rfind('"value": ')
    if cut >= 0 and data.endswith("}"):
        tail = data[cut + 9 : -1]
        if tail in _LITERALS:
            return _LITERALS[tail]
        first = tail[:1]
        if first == '"' and "\\" not in tail and tail.count('"') == 2:
            return tail[1:-1]
        if first.isdigit() or first == "-":
            try:
                return float(tail) if "." in tail or "e" in tail else int(tail)
            except ValueError:
                pass
        try:
            return json.loads(tail)
        except ValueError:
            pass
    try:
        return json.loads(data).get("value")
    except (ValueError, AttributeError):
        return None


def _text(data: str | None) -> str:
    try:
        value = json.loads(data or "{}").get("text")
    except (ValueError, AttributeError):
        return ""
    return value if isinstance(value, str) else ""


@dataclass
class _Turn:
    id: int
    sender: str
    at: float
    intent: str
    data: str | None
    actions: list[str] = field(default_factory=list)
    bots: list[str | None] = field(default_factory=list)
    changes: dict[str, Any] = field(default_factory=dict)
    """The last value each slot was set to in this turn (carried-over slots excluded)."""
    real: bool = True
    """False for a timer's external intent (``EXTERNAL_hold_over``): no one wrote it."""

    next_id: int | None = None
    """The id of the conversation's next user event (None: this is its last turn)."""


@dataclass
class _Run:
    stretch: str
    index: int
    counted: bool
    """Started in the period (only those runs are counted)."""


@dataclass
class _Conversation:
    channel: str
    slots: dict[str, Any] = field(default_factory=dict)
    turn: _Turn | None = None
    carrying: bool = False
    run: _Run | None = None
    open_screen: bool = False
    open_red_flag: bool = False
    last_at: float | None = None
    weeks: set[str] = field(default_factory=set)
    seen: bool = False


@dataclass
class Reader:
    """Feeds events in id order (any mix of conversations) and counts what happened in [start, end)."""

    start: float
    end: float
    now: float
    include_text: bool = False
    bot_messages: BotFetcher | None = None
    """Reads a turn's bot messages from the store when its rows are not fed (``insights.store``): only the
    few turns whose reply must be read (emergency advice, fallbacks) need them."""
    content: Content = field(default_factory=load_content)
    known: Wordings = field(default_factory=default_wordings)
    counts: Counts = field(init=False)
    _conversations: dict[str, _Conversation] = field(default_factory=dict)
    _routines: dict[str, Routine | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.counts = Counts(self.start, self.end)

    def in_period(self, at: float) -> bool:
        return self.start <= at < self.end

    def feed(self, rows: Iterable[Row]) -> None:
        conversations = self._conversations
        for row_id, sender, kind, at, action, intent, data in rows:
            self.counts.events_read += 1
            conv = conversations.get(sender)
            if conv is None:
                conv = conversations[sender] = _Conversation(channel_of(sender))
            if kind == "slot":
                if not conv.carrying and conv.turn is not None and action in SLOTS:
                    conv.turn.changes[action] = slot_value(data)
            elif kind == "user":
                self._close_turn(conv, row_id)
                name = intent or ""
                conv.turn = _Turn(row_id, sender, float(at or 0.0), name, data, real=not name.startswith("EXTERNAL_"))
                conv.carrying = False
            elif kind == "bot":
                if conv.turn is not None:
                    conv.turn.bots.append(data)
            elif kind == "action":
                if conv.turn is not None and action:
                    conv.turn.actions.append(action)
                if action != "action_session_start":
                    conv.carrying = False
            elif kind == "session_started":
                conv.carrying = True

    def finish(self) -> Counts:
        """Closes every conversation's last turn and open run; returns the counts."""
        for conv in self._conversations.values():
            self._close_turn(conv, None)
            if conv.run is not None:
                quiet = conv.last_at is None or self.now - conv.last_at >= SESSION_GAP_SECONDS
                self._end_run(conv.run, End.LEFT if quiet else End.IN_PROGRESS)
            for question, is_open in (
                (self.counts.screens, conv.open_screen),
                (self.counts.red_flag_questions, conv.open_red_flag),
            ):
                if is_open:
                    question[Answer.UNANSWERED] += 1
        self._conversations.clear()
        return self.counts

    # -- one turn --------------------------------------------------------------------------------

    def _routine(self, stretch_id: str) -> Routine | None:
        if stretch_id not in self._routines:
            try:
                self._routines[stretch_id] = Routine(self.content.stretch(stretch_id))
            except KeyError:
                self._routines[stretch_id] = None
        return self._routines[stretch_id]

    def _bot_text(self, turn: _Turn) -> str:
        """The bot's messages of ``turn``: fed with the rows, or else read from the store."""
        bots = turn.bots
        if not bots and self.bot_messages is not None:
            bots = list(self.bot_messages(turn.sender, turn.id, turn.next_id))
        return "\n\n".join(_text(d) for d in bots)

    def _close_turn(self, conv: _Conversation, next_id: int | None) -> None:
        turn, conv.turn = conv.turn, None
        if turn is None:
            return
        turn.next_id = next_id
        changes = turn.changes
        before = {
            "safety_question": conv.slots.get("safety_question"),
            "routine_stretch": conv.slots.get("routine_stretch"),
        }
        if changes:
            conv.slots.update(changes)
        counted = turn.real and self.in_period(turn.at)
        if turn.real:
            self._count_message(conv, turn, counted)
        triaged = (
            changes.get("emergency_advised") is True
            or changes.get("safety_question") == RED_FLAG
            or bool(changes.get("pain_stop_place"))
        )
        if counted and not triaged and turn.actions:  # the triage answered first: not a fallback
            self._count_fallback(turn)
        if "safety_question" in changes or "emergency_advised" in changes or "pain_stop_place" in changes:
            self._count_safety(conv, turn, before, counted)
        if "routine_stretch" in changes or "routine_step" in changes:
            self._count_run(conv, turn, before, counted)

    def _count_message(self, conv: _Conversation, turn: _Turn, counted: bool) -> None:
        new_session = conv.last_at is None or turn.at - conv.last_at > SESSION_GAP_SECONDS
        conv.last_at = turn.at
        if not counted:
            return
        counts = self.counts
        counts.turns[conv.channel] += 1
        week = cached_week(turn.at)
        if not conv.seen:
            conv.seen = True
            counts.conversations[conv.channel] += 1
        if week not in conv.weeks:
            conv.weeks.add(week)
            counts.conversations_by_week[week, conv.channel] += 1
        if new_session:
            counts.sessions_by_week[week, conv.channel] += 1

    def _count_fallback(self, turn: _Turn) -> None:
        actions = [a for a in turn.actions if a in FALLBACK_ACTIONS]
        if not actions:
            return
        counts = self.counts
        action = actions[0]
        counts.fallback_actions[action] += 1
        counts.fallback_intents[action, turn.intent] += 1
        kind = fallback_kind_of(self._bot_text(turn), self.known)
        counts.fallback_kinds[kind] += 1
        if kind == "not_understood":
            counts.not_understood[turn.intent] += 1
            if self.include_text:
                counts.not_understood_texts[" ".join(_text(turn.data).split())[:200]] += 1

    def _count_safety(self, conv: _Conversation, turn: _Turn, before: dict[str, Any], counted: bool) -> None:
        changes = turn.changes
        counts = self.counts
        advised = changes.get("emergency_advised") is True
        cleared = ("emergency_advised" in changes and changes["emergency_advised"] is None) or isinstance(
            changes.get("screened_at"), int | float
        )
        pending = before.get("safety_question")
        source = "the message itself"
        if pending in (SCREEN, RED_FLAG) and ("safety_question" in changes or advised):
            answer: Answer | None = Answer.YES if advised else Answer.NO if cleared else Answer.UNANSWERED
            if changes.get("safety_question") in (SCREEN, RED_FLAG) and not advised:
                answer = None  # asked again (a new question replaced it): still open
            if answer is not None:
                if pending == SCREEN and conv.open_screen:
                    conv.open_screen = False
                    counts.screens[answer] += 1
                elif pending == RED_FLAG and conv.open_red_flag:
                    conv.open_red_flag = False
                    counts.red_flag_questions[answer] += 1
                if advised:
                    source = "a yes to the screen" if pending == SCREEN else "a yes to the red-flag question"
        asked = changes.get("safety_question")
        if asked == SCREEN and counted and not conv.open_screen:
            conv.open_screen = True
            counts.screens_asked += 1
        elif asked == RED_FLAG and counted and not conv.open_red_flag:
            conv.open_red_flag = True
            counts.red_flag_asked += 1
        if not counted:
            return
        if advised:
            for kind in sorted(emergency_kinds_of(self._bot_text(turn), self.known)):
                counts.emergencies[kind] += 1
            counts.emergency_sources[source] += 1
        if changes.get("pain_stop_place"):
            stretch = before.get("routine_stretch")
            counts.pain_stops[stretch if isinstance(stretch, str) else "unknown"] += 1

    def _count_run(self, conv: _Conversation, turn: _Turn, before: dict[str, Any], counted: bool) -> None:
        new = conv.slots.get("routine_stretch")
        step = conv.slots.get("routine_step")
        run = conv.run
        if run is not None and new != run.stretch:
            self._end_run(run, self._how_it_ended(run, turn, new))
            conv.run = run = None
        if isinstance(new, str) and run is None:
            conv.run = run = _Run(new, 0, counted)
            if counted:
                self.counts.started[new] += 1
        if run is not None and isinstance(step, int | float) and not isinstance(step, bool):
            run.index = int(step)

    def _how_it_ended(self, run: _Run, turn: _Turn, new: Any) -> End:
        changes = turn.changes
        if changes.get("emergency_advised") is True:
            return End.EMERGENCY
        if changes.get("pain_stop_place"):
            return End.PAIN
        if SKIP_ACTION in turn.actions:
            return End.SKIPPED
        routine = self._routine(run.stretch)
        switched = isinstance(new, str) and changes.get("routine_queue", 0) is None
        if (
            routine is not None
            and 0 <= run.index < routine.total
            and (routine.after(run.index) is None or (routine.can_finish_early(run.index) and not switched))
        ):
            return End.FINISHED
        return End.SWITCHED if isinstance(new, str) and switched else End.STOPPED

    def _end_run(self, run: _Run, how: End) -> None:
        if not run.counted:
            return
        self.counts.ends[run.stretch, how] += 1
        if how is not End.FINISHED:
            self.counts.ended_at[run.stretch, run.index, how] += 1
