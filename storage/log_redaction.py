"""No message text in the logs, at any level: what people type is health information.

Rasa 3.6 logs a person's text in two ways: structured events (``structlog``: ``text=...`` in
``rest.message.received.timeout`` / ``.failure`` at ERROR, ``processor.message.parse`` at DEBUG, ...)
and a few plain ``logging`` lines at DEBUG (events and parse results printed as dicts). ``install()``
redacts both, process-wide: a structlog processor that blanks the keys Rasa itself lists as
anonymizable, and a ``logging`` record factory that blanks quoted texts in the known message shapes.
The tracker store installs it, because every Rasa server of this project loads the store first.
"""

from __future__ import annotations

import logging
import re
from collections.abc import MutableMapping
from typing import Any

import structlog

REDACTED = "[redacted]"

SENSITIVE_KEYS = frozenset(
    {
        # rasa.utils.log_utils._anonymizer's list (Rasa 3.6): the keys that may carry what people said.
        "text",
        "response_text",
        "user_text",
        "slot_values",
        "parse_data_text",
        "parse_data_entities",
        "prediction_events",
        "tracker_latest_message",
        "prefilled_slots",
        "message",
        "response",
        "slot_candidates",
        "rasa_event",
        "rasa_events",
        "tracker_states",
        "current_states",
        "old_states",
        "successes",
        "current_entity",
        "next_entity",
        "states",
        "entity",
        "token_text",
        "user_message",
        "json_message",
    }
)

_QUOTED = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_PATTERNS = (
    # dict reprs of events and parse results: 'text': '...' (and the other keys that hold words)
    re.compile(rf"""(['"](?:text|message|value|user_message)['"]:\s*){_QUOTED}"""),
    # Rasa's own sentences: Received user message 'hi' with intent ..., UserUttered(text: hi, intent: ...)
    re.compile(rf"""(\b(?:user message|message text|Received message) ){_QUOTED}""", re.IGNORECASE),
    re.compile(r"(UserUttered\(text: ).*?(?=, intent: )"),
    re.compile(r"(BotUttered\(text: ).*?(?=, data: )"),
)


def _blank(match: re.Match[str]) -> str:
    """The matched prefix, then ``[redacted]`` in the quotes the text had (if it had any)."""
    text = match.group(0)[len(match.group(1)) :]
    quote = text[0] if text[:1] in ("'", '"') else ""
    return f"{match.group(1)}{quote}{REDACTED}{quote}"


def redact_text(message: str) -> str:
    """``message`` with every quoted text in a known position replaced by ``[redacted]``."""
    for pattern in _PATTERNS:
        message = pattern.sub(_blank, message)
    return message


def redact_event(_logger: Any, _method: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor: blank the values of the sensitive keys."""
    for key in SENSITIVE_KEYS.intersection(event_dict):
        event_dict[key] = REDACTED
    return event_dict


def _redact_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: leave it to logging to report
        return
    redacted = redact_text(message)
    if redacted != message:
        record.msg, record.args = redacted, None


_installed = False


def install() -> None:
    """Redact structlog events and ``logging`` records from now on, in this process (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    processors = structlog.get_config()["processors"]
    if isinstance(processors, list):  # Rasa's configure_structlog passes a list: redact before any other step
        processors.insert(0, redact_event)
    else:
        structlog.configure(processors=[redact_event, *processors])
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        _redact_record(record)
        return record

    logging.setLogRecordFactory(factory)
