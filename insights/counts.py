"""What the report counts, before any suppression: plain counters, filled by ``insights.conversations``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

CHANNELS = ("web", "rest", "phone", "alexa")
"""The conversation id namespaces (channels/conversation_id.py); anything else is counted as "other"."""
OTHER_CHANNEL = "other"


def channel_of(sender_id: str) -> str:
    """The channel of a namespaced conversation id (``phone:+1612…`` → ``phone``)."""
    prefix = sender_id.partition(":")[0]
    return prefix if prefix in CHANNELS else OTHER_CHANNEL


class End(StrEnum):
    """How one run of a stretch ended."""

    FINISHED = "finished"
    STOPPED = "stopped"
    """The person said stop (or "that's enough") before the article's minimum."""
    SKIPPED = "skipped"
    SWITCHED = "switched"
    """Another stretch was asked for mid-way."""
    PAIN = "pain"
    EMERGENCY = "emergency"
    LEFT = "left"
    """No message for an hour (the session length) after the last step: they went quiet."""
    IN_PROGRESS = "in progress"
    """The last message was less than an hour before the report was made."""


GAVE_UP = (End.STOPPED, End.SKIPPED, End.SWITCHED, End.LEFT)
SAFETY_ENDS = (End.PAIN, End.EMERGENCY)


class Answer(StrEnum):
    """What became of a yes/no red-flag question (the screen before exercise, or the triage's)."""

    YES = "yes"
    """A yes, or an emergency in the answer: emergency advice."""
    NO = "no"
    UNANSWERED = "no clear answer"
    """Dropped ("stop", "bye") or still open when the conversation went quiet."""


@dataclass
class Counts:
    """Every count of the report for one period (unsuppressed: ``insights.report`` suppresses)."""

    start: float
    end: float
    conversations: Counter[str] = field(default_factory=Counter)
    """Conversations with a message in the period, by channel."""
    conversations_by_week: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(Monday of the week, channel) → conversations with a message that week."""
    sessions_by_week: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(Monday, channel) → sessions (a conversation's messages with no gap of an hour) started that week."""
    turns: Counter[str] = field(default_factory=Counter)
    """Messages from people, by channel."""
    started: Counter[str] = field(default_factory=Counter)
    """Stretch id → runs started."""
    ends: Counter[tuple[str, End]] = field(default_factory=Counter)
    """(stretch id, how the run ended) for the runs started in the period."""
    ended_at: Counter[tuple[str, int, End]] = field(default_factory=Counter)
    """(stretch id, 0-based turn of the routine, how) for runs that did not finish."""
    screens_asked: int = 0
    screens: Counter[Answer] = field(default_factory=Counter)
    """How the screens asked in the period were answered."""
    red_flag_asked: int = 0
    red_flag_questions: Counter[Answer] = field(default_factory=Counter)
    emergencies: Counter[str] = field(default_factory=Counter)
    """Emergency advice given, by kind (``insights.replies.EMERGENCY_KINDS``)."""
    emergency_sources: Counter[str] = field(default_factory=Counter)
    """What led to it: the message itself, a yes to the screen, a yes to the red-flag question."""
    pain_stops: Counter[str] = field(default_factory=Counter)
    """Stretch id → routines stopped because something hurt."""
    fallback_actions: Counter[str] = field(default_factory=Counter)
    fallback_intents: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(fallback action, the intent the NLU gave the message)."""
    fallback_kinds: Counter[str] = field(default_factory=Counter)
    """What the fallback said: medical, medication, off-topic, not understood, or another answer."""
    not_understood: Counter[str] = field(default_factory=Counter)
    """Intent → messages answered "Sorry, I didn't understand that"."""
    not_understood_texts: Counter[str] = field(default_factory=Counter)
    """Filled only when asked for (INCLUDE_TEXT=1)."""
    events_read: int = 0

    @property
    def total_turns(self) -> int:
        return sum(self.turns.values())

    @property
    def total_conversations(self) -> int:
        return sum(self.conversations.values())
