"""The co-production measure: "How much do you feel listened to by services? 1-5".

Asked now and then, never more than once in ``ASK_EVERY_DAYS`` days per person (the time
of the last ask is kept in the ``listened_asked_at`` slot, carried across sessions).
"""

from __future__ import annotations

from typing import Any

from bot.actions.menu import parse_number

ASK_EVERY_DAYS = 30
_DAY = 24 * 60 * 60


def should_ask(last_asked: Any, now: float, *, every_days: int = ASK_EVERY_DAYS) -> bool:
    """Whether to ask the question now.

    Args:
        last_asked: When it was last asked (seconds since the epoch), or ``None``.
        now: The time now, in the same unit.
        every_days: The fewest days between two asks.

    Returns:
        True if it was never asked, or last asked ``every_days`` days ago or more.
    """
    if not isinstance(last_asked, int | float) or isinstance(last_asked, bool):
        return True
    return now - float(last_asked) >= every_days * _DAY


def parse_score(text: str | None) -> int | None:
    """Read a score from 1 to 5 ("4", "four", "4/5", "option 4"); anything else gives None."""
    if not text:
        return None
    cleaned = text.strip().lower()
    if "/" in cleaned:
        cleaned = cleaned.split("/", 1)[0]
    number = parse_number(cleaned)
    return number if number is not None and 1 <= number <= 5 else None


def listened_payload(*, client_ref: str, contributor: str, channel: str, score: int) -> dict:
    """The body of ``POST /api/v1/internal/listened-scores`` (docs/architecture.md)."""
    return {
        "client_ref": client_ref,
        "contributor": contributor,
        "channel": channel,
        "score": score,
    }
