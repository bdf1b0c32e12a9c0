"""Quick views: one short question from the parent carer forum, answered by number or
in words, on any channel.

The forum's open quick views come from the API (``api_client.fetch_open_quick_views``).
A person is offered one they have not answered (ids kept in ``quick_views_answered``)
and have not put off lately (``quick_views_declined``: id -> when). The API keeps one
answer per person per quick view and lets a new answer replace the old one until the
quick view closes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.actions.api_client import QUICK_VIEWS_PATH
from bot.actions.consent import parse_consent
from bot.actions.menu import parse_number

# After "Not now", a quick view is not offered again for this long.
NOT_NOW_DAYS = 7
_DAY = 24 * 60 * 60
SKIP = "skip"


@dataclass(frozen=True)
class QuickView:
    """An open quick view, as the bot needs it."""

    id: int
    question: str
    options: tuple[str, ...]


def from_api(items: Iterable[Mapping[str, Any]]) -> list[QuickView]:
    """Turn the API's list (newest first) into quick views, skipping anything malformed."""
    found = []
    for item in items:
        try:
            options = tuple(str(option) for option in item["options"])
            if item.get("open", True) and options:
                found.append(QuickView(int(item["id"]), str(item["question"]), options))
        except (KeyError, TypeError, ValueError):
            continue
    return found


def pick(
    open_views: Iterable[QuickView],
    *,
    answered: Iterable[Any] | None,
    declined: Mapping[str, Any] | None,
    now: float,
) -> QuickView | None:
    """The newest open quick view this person has neither answered nor put off lately."""
    done = {
        int(i) for i in (answered or []) if isinstance(i, int | float | str) and str(i).isdigit()
    }
    put_off = declined or {}
    for view in open_views:
        if view.id in done:
            continue
        when = put_off.get(str(view.id))
        if isinstance(when, int | float) and now - float(when) < NOT_NOW_DAYS * _DAY:
            continue
        return view
    return None


def numbered(options: Iterable[str]) -> str:
    """ "1 Yes\\n2 No" for the question's message (works on SMS with no buttons)."""
    return "\n".join(f"{number} {option}" for number, option in enumerate(options, start=1))


def _plain(text: str) -> str:
    return re.sub(r"[^\w ]+", " ", text.lower()).strip()


def parse_answer(text: str | None, options: Iterable[str]) -> int | str | None:
    """Which option a reply picks.

    Args:
        text: The reply as typed: a number ("2", "two", "option 2"), an option's words
            ("No, it was late", "late"), "yes"/"no" for a Yes/No question, or "skip".
        options: The options, in order (numbered from 1).

    Returns:
        The option's number, ``SKIP`` when the person does not want to answer, or
        ``None`` when the reply is not clear.
    """
    options = list(options)
    if not text or not text.strip():
        return None
    number = parse_number(text)
    if number is not None:
        return number if 1 <= number <= len(options) else None
    said = _plain(text)
    if said in ("skip", "not now", "cancel", "no thanks", "later", "pass"):
        return SKIP
    plain_options = [_plain(option) for option in options]
    if said in plain_options:
        return plain_options.index(said) + 1
    # "yes"/"yeah"/"no" for a question whose options start with Yes / No.
    answer = parse_consent(text)
    if answer is not None:
        wanted = "yes" if answer else "no"
        starts = [i for i, option in enumerate(plain_options) if option.split()[:1] == [wanted]]
        if len(starts) == 1:
            return starts[0] + 1
    # The reply is inside exactly one option, or one option is inside the reply.
    inside = [
        i
        for i, option in enumerate(plain_options)
        if len(said) >= 3 and (said in option or option in said)
    ]
    if len(inside) == 1:
        return inside[0] + 1
    close = difflib.get_close_matches(said, plain_options, n=2, cutoff=0.8)
    if len(close) == 1:
        return plain_options.index(close[0]) + 1
    return None


def answer_path(quick_view_id: int) -> str:
    """The API path for answers to one quick view."""
    return f"{QUICK_VIEWS_PATH}/{int(quick_view_id)}/answers"


def answer_payload(*, contributor: str, channel: str, option: int) -> dict[str, Any]:
    """The body of ``POST /api/v1/internal/quick-views/{id}/answers``."""
    return {"contributor": contributor, "channel": channel, "option": int(option)}
