"""The language of the conversation (the ``language`` slot).

The decision itself lives in ``bot.language.detect`` (plain, tested alone). The NLU
pipeline's first component (``bot.nlu.language``) already makes it for every message,
knowing the conversation so far, and records it in the parse data under
``language``; this module reads that, and falls back on ``detect_language`` for a
message that did not go through the pipeline (a replayed menu choice).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.language.detect import detect_language
from bot.language.languages import DEFAULT as DEFAULT_LANGUAGE
from bot.language.languages import is_served

__all__ = [
    "DEFAULT_LANGUAGE",
    "detect_language",
    "english_of_user_text",
    "is_language_code",
    "language_after",
]

_ISO_639_1 = re.compile(r"^[a-z]{2}$")


def is_language_code(value: object) -> bool:
    """Say whether a value is a two-letter ISO 639-1 code such as ``"en"`` or ``"pl"``."""
    return isinstance(value, str) and bool(_ISO_639_1.match(value))


def language_after(latest_message: Mapping[str, Any], current: str | None) -> str:
    """The conversation language after the latest message.

    Args:
        latest_message: The tracker's latest message (parse data).
        current: The ``language`` slot so far.

    Returns:
        The code the NLU pipeline chose, if it chose a served one; otherwise what
        ``detect_language`` says for the message text.
    """
    decided = latest_message.get("language")
    if isinstance(decided, Mapping) and is_served(decided.get("code")):
        return str(decided["code"])
    return detect_language(latest_message.get("text"), current)


def english_of_user_text(events: Sequence[Mapping[str, Any]], text: str) -> str | None:
    """The English translation the NLU pipeline made of a message, if it made one.

    Args:
        events: The tracker's events.
        text: The message as the person wrote it (a view, for example).

    Returns:
        The English of the latest user message with that text, or ``None`` when it was
        written in English or could not be translated.
    """
    wanted = text.strip()
    for event in reversed(events):
        if event.get("event") != "user" or str(event.get("text") or "").strip() != wanted:
            continue
        language = (event.get("parse_data") or {}).get("language")
        english = language.get("text_en") if isinstance(language, Mapping) else None
        return english if isinstance(english, str) and english.strip() else None
    return None
