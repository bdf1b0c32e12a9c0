"""Reading the conversation's event history (plain dicts, as rasa-sdk passes them)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Event = Mapping[str, Any]


def last_bot_message(events: Sequence[Event]) -> tuple[int, Event] | None:
    """Find the last thing the assistant said.

    Args:
        events: The tracker's events, oldest first.

    Returns:
        ``(index, event)`` of the last ``bot`` event, or ``None`` if there is none.
    """
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "bot":
            return index, events[index]
    return None


def bot_response_name(event: Event | None) -> str | None:
    """Return the response (``utter_...``) that produced a bot message, if known."""
    if not event:
        return None
    metadata = event.get("metadata") or {}
    name = metadata.get("utter_action")
    return name if isinstance(name, str) else None


def user_text_before(events: Sequence[Event], index: int) -> str | None:
    """Return the text of the last user message before ``events[index]``."""
    for position in range(min(index, len(events)) - 1, -1, -1):
        if events[position].get("event") == "user":
            text = events[position].get("text")
            return text if isinstance(text, str) else None
    return None


def timestamp_of_user_text(events: Sequence[Event], text: str) -> float | None:
    """Return the timestamp of the latest user message whose text is ``text``.

    Whitespace at either end is ignored, as the view form strips it.
    """
    wanted = text.strip()
    for event in reversed(events):
        if event.get("event") != "user":
            continue
        said = event.get("text")
        if isinstance(said, str) and said.strip() == wanted:
            stamp = event.get("timestamp")
            return float(stamp) if isinstance(stamp, int | float) else None
    return None


def latest_user_timestamp(events: Sequence[Event]) -> float | None:
    """Return the timestamp of the latest user message."""
    for event in reversed(events):
        if event.get("event") == "user":
            stamp = event.get("timestamp")
            return float(stamp) if isinstance(stamp, int | float) else None
    return None
