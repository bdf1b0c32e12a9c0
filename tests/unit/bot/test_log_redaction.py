"""No personal data in logs: every record is cleaned when it is made, whatever logs it."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from bot.privacy.redaction import (
    RedactingFilter,
    install_log_redaction,
    redact,
    redact_log_message,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("call 07700 900123 now", "[phone]", "900123"),
        ("sender +447700900123 said", "[phone]", "447700900123"),
        ("write to jo.bloggs@example.com", "[email]", "bloggs"),
        ("we live at LS8 2AB", "[postcode]", "2AB"),
        ("NHS number 943 476 5919", "[number]", "5919"),
        ("telegram chat 123456789", "[number]", "123456789"),
        ("Recreating tracker from sender id 'e2e-abc123'", "sender id [id]", "abc123"),
        ("Starting a new session for conversation ID 'parent-7'.", "[id]", "parent-7"),
        ("Acquired lock for conversation 'web-4f2a9c'.", "conversation [id]", "4f2a9c"),
    ],
)
def test_identifiers_are_replaced_by_placeholders(text: str, kept: str, gone: str) -> None:
    cleaned = redact(text)
    assert kept in cleaned and gone not in cleaned


def test_ordinary_log_lines_are_left_alone() -> None:
    line = "Forums API started (environment test, database sqlite) on 127.0.0.1:8000 in 0.25 s"
    assert redact(line) == line


def test_fields_of_structured_lines_that_can_hold_words_are_removed() -> None:
    line = json.dumps(
        {
            "event": "processor.message.parse",
            "parse_data_text": "my son Jack is missing",
            "parse_data_intent": {"name": "safeguarding_risk"},
            "rasa_events": [{"event": "user", "text": "hello Jack"}],
            "current_states": "[state 1] user text: Jack is missing | previous action",
            "view_consent": "Jack",
            "level": "debug",
        }
    )
    cleaned = json.loads(redact_log_message(line))
    assert cleaned["parse_data_text"] == "[redacted]"
    assert cleaned["rasa_events"] == [{"event": "user", "text": "[redacted]"}]
    assert cleaned["current_states"] == cleaned["view_consent"] == "[redacted]"
    assert cleaned["parse_data_intent"] == {"name": "safeguarding_risk"}
    assert cleaned["event"] == "processor.message.parse" and cleaned["level"] == "debug"
    assert "Jack" not in redact_log_message(line)


def test_every_record_of_the_process_is_cleaned_once_installed_even_with_tracebacks() -> None:
    install_log_redaction()
    install_log_redaction()  # twice is harmless
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    some_library = logging.getLogger("some.library")
    some_library.addHandler(handler)
    some_library.setLevel(logging.INFO)
    try:
        some_library.info("Message from %s: %s", "+447700900123", "ring 07700 900123")
        try:
            raise ValueError("bad value jo@example.com")
        except ValueError:
            some_library.exception("Failed for sender_id=%s", "447700900123")
    finally:
        some_library.removeHandler(handler)
    output = stream.getvalue()
    assert "900123" not in output and "jo@example.com" not in output
    assert "[phone]" in output and "ValueError" in output


def test_the_filter_can_be_used_in_a_logging_configuration() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "to %s", ("jo@example.com",), None)
    assert RedactingFilter().filter(record) is True
    assert record.getMessage() == "to [email]"


def test_the_api_has_the_same_redaction_as_the_bot() -> None:
    bot = (ROOT / "bot" / "privacy" / "redaction.py").read_text()
    api = (ROOT / "api" / "redaction.py").read_text()
    assert bot == api
