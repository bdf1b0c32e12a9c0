"""Keeping personal data out of log lines, in every process that installs it.

``install_log_redaction()`` wraps the process's log record factory, so every record, from
any library and through any handler (Rasa re-creates its handlers after reading a logging
file; structlog hands its rendered JSON to the standard library), is cleaned when it is
made, before any handler or formatter sees it:

- phone numbers, email addresses, UK postcodes, NHS numbers and other long numbers (chat
  ids) are replaced by ``[phone]``, ``[email]``, ``[postcode]``, ``[number]``; Telegram bot
  tokens by ``[token]``;
- the conversation id after "sender id", "conversation ID", ``sender_id=`` or a quoted
  one after "conversation" is replaced by ``[id]``;
- in structured (JSON) log lines (Rasa's structlog), only fields that name things (event,
  action, intent, slot, policy...) keep their text; every other text value, which can hold
  what someone wrote, is replaced by ``[redacted]``;
- tracebacks are cleaned the same way.

Our own code never logs message text or sender ids; this is the net under everything else
(Rasa's debug logs, say). The same file is copied to ``api/redaction.py`` for the API's
image; a test keeps the two equal.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import traceback
from typing import Any

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# UK numbers (07700 900123, +44 7700 900123, 0113 496 0000) and any international number
# with a leading + (8 to 15 digits, spaces, dots or dashes between groups).
_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d(?:[\s.-]?\d){7,14}(?!\w)"
    r"|(?<![\w+])\(?0\d{2,4}\)?(?:[\s.-]?\d){6,8}(?!\w)"
)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_LONG_NUMBER = re.compile(r"(?<![\w.])\d(?: ?\d){5,}(?![\w.])")
# A Telegram bot token (it is part of every Bot API URL an HTTP library may log).
_BOT_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
_SENDER = re.compile(
    r"(?P<label>(?:sender|conversation|recipient|chat|user)[ _-]?id['\"]?\s*(?:[=:]|is)?\s*)"
    r"(?P<quote>['\"]?)[^'\"\s,;)}]+(?P=quote)",
    re.IGNORECASE,
)
# "for conversation 'abc'", as Rasa's lock store says it.
_QUOTED_CONVERSATION = re.compile(
    r"(?P<label>\b(?:conversation|sender|tracker)\s+)(?P<quote>['\"])[^'\"\s]+(?P=quote)",
    re.IGNORECASE,
)
# In structured (JSON) log lines only these fields keep their text (cleaned by pattern):
# names of events, actions, intents, slots, policies and the like, never what someone wrote.
# Every other text field, at any depth, is replaced: Rasa's debug lines carry messages in
# many fields ("parse_data_text", "current_states", "rasa_events", slot values...).
SAFE_FIELDS = frozenset(
    {
        "event",
        "level",
        "logger",
        "logger_name",
        "timestamp",
        "action",
        "action_name",
        "intent",
        "intent_name",
        "name",
        "policy",
        "policy_name",
        "predicted_action",
        "active_loop",
        "requested_slot",
        "slot_name",
        "type_name",
        "model",
        "model_path",
        "status",
        "input_channel",
        "channel",
        "language",
        "exc_info",
        "exception",
    }
)
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """Replace identifiers in a text with placeholders (see the module docstring)."""
    text = _EMAIL.sub("[email]", text)
    text = _BOT_TOKEN.sub("[token]", text)
    text = _SENDER.sub(lambda m: f"{m.group('label')}[id]", text)
    text = _QUOTED_CONVERSATION.sub(lambda m: f"{m.group('label')}[id]", text)
    text = _PHONE.sub("[phone]", text)
    text = _POSTCODE.sub("[postcode]", text)
    return _LONG_NUMBER.sub("[number]", text)


def _scrub(value: Any, key: str | None = None) -> Any:
    """Keep text only under safe field names (cleaned by pattern); replace all other text."""
    if isinstance(value, dict):
        return {k: _scrub(item, k if isinstance(k, str) else None) for k, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, key) for item in value]
    if isinstance(value, str):
        return redact(value) if key is not None and key.lower() in SAFE_FIELDS else REDACTED
    return value


def redact_log_message(message: str) -> str:
    """Clean one rendered log message: structured JSON field by field, other text by pattern."""
    stripped = message.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        try:
            data = json.loads(stripped)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return json.dumps(_scrub(data), ensure_ascii=False)
    return redact(message)


_installed = False
_lock = threading.Lock()


def _clean(record: logging.LogRecord) -> logging.LogRecord:
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a badly formatted record must still be logged
        message = str(record.msg)
    record.msg = redact_log_message(message)
    record.args = None
    if record.exc_info and record.exc_info[0] is not None:
        rendered = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        record.exc_text = redact(rendered)
        record.exc_info = None
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


def install_log_redaction() -> None:
    """Clean every log record this process makes from now on. Safe to call more than once."""
    global _installed
    with _lock:
        if _installed:
            return
        make_record = logging.getLogRecordFactory()

        def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            return _clean(make_record(*args, **kwargs))

        logging.setLogRecordFactory(redacting_factory)
        _installed = True


class RedactingFilter(logging.Filter):
    """The same cleaning as a handler filter, for logging configuration files."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Clean the record in place and let it through."""
        _clean(record)
        return True
