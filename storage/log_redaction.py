"""No message text in the logs, at any level: what people type is health information.

Rasa 3.6 logs a person's text in three ways: structured events (``structlog``: ``text=...`` in
``rest.message.received.timeout`` / ``.failure`` at ERROR, ``processor.message.parse`` at DEBUG, ...),
a few plain ``logging`` lines at DEBUG (events and parse results printed as dicts), and Python warnings
(``rasa.shared.utils.io.raise_warning``, written to stderr): a ``/intent{...}`` message with an unknown
entity or a bad confidence gives "Failed to parse arguments in line '<the whole message>'" at any level.
``install()`` redacts all three, process-wide: a structlog processor that blanks the keys Rasa itself
lists as anonymizable, a ``logging`` record factory and a ``warnings.showwarning`` wrapper that blank
quoted texts in the known message shapes. A redacted warning is shown once: after redaction every one
of its kind reads the same, and a client repeating it must not fill the log.
The tracker store installs it, because every Rasa server of this project loads the store first.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import MutableMapping
from typing import Any, TextIO

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
    # Rasa's warnings for /intent{...} messages (YAMLStoryReader.unpack_regex_message and its helpers):
    # the whole message, then the parts of it the warning repeats (what was left over, the entity names
    # or intent found, the confidence given)
    re.compile(rf"""(Failed to parse arguments in line ){_QUOTED}"""),
    re.compile(r"(Continuing without ).*?(?=\. |\.?$)", re.DOTALL),
    re.compile(r"(\bbut found ).*?(?=\.(?: |Continuing|$))", re.DOTALL),
    re.compile(r"(confidence value from `).*?(?=')", re.DOTALL),
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


_shown_warnings: set[str] = set()


def _redacting_showwarning(show: Any) -> Any:
    """``warnings.showwarning`` around ``show``: the message redacted, and each redacted message shown once."""

    def showwarning(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        text = str(message)
        redacted = redact_text(text)
        if redacted == text:
            show(message, category, filename, lineno, file, line)
        elif redacted not in _shown_warnings:
            _shown_warnings.add(redacted)
            show(redacted, category, filename, lineno, file, line)

    return showwarning


_installed = False


def install() -> None:
    """Redact structlog events, ``logging`` records and warnings from now on, in this process (idempotent)."""
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
    warnings.showwarning = _redacting_showwarning(warnings.showwarning)
