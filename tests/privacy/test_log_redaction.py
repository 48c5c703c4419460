"""The log redaction itself, on the shapes Rasa 3.6 logs (the end-to-end test greps real server logs)."""

from __future__ import annotations

import logging

import pytest

from storage.log_redaction import REDACTED, install, redact_event, redact_text

SECRET = "my back hurts since the accident"


@pytest.mark.parametrize(
    "line",
    [
        f"Received user message '{SECRET}' with intent '{{'name': 'pain'}}'",
        f"Contents of ignored event: '{{'event': 'user', 'text': '{SECRET}', 'parse_data': {{}}}}'",
        f"UserUttered(text: {SECRET}, intent: pain, entities: , use_text_for_featurization: False)",
        f'{{"event": "user", "text": "{SECRET}", "timestamp": 1}}',
    ],
)
def test_known_shapes_lose_the_text(line: str) -> None:
    redacted = redact_text(line)
    assert SECRET not in redacted and REDACTED in redacted


def test_structured_events_lose_every_sensitive_key() -> None:
    event = {"event": "rest.message.received.timeout", "text": SECRET, "parse_data_text": SECRET, "level": "error"}
    assert redact_event(None, "error", event) == {
        "event": "rest.message.received.timeout",
        "text": REDACTED,
        "parse_data_text": REDACTED,
        "level": "error",
    }


def test_installed_redaction_applies_to_plain_logging(caplog: pytest.LogCaptureFixture) -> None:
    install()
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("rasa.core.processor").debug("Received user message '%s' with intent 'x'", SECRET)
    assert caplog.records and SECRET not in caplog.text and REDACTED in caplog.text
