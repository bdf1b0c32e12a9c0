"""From what a parent wrote to what the forum receives: anonymised, glossed, themed."""

from __future__ import annotations

from typing import Any

from bot.actions import gloss
from bot.actions.api_client import build_view_payload
from bot.privacy import ANONYMISER_VERSION, anonymise
from bot.themes import assess

# The API stores at most this many characters of a view (and of its gloss).
MAX_TEXT = 5000
_ELLIPSIS = " …"


def clip(text: str, limit: int = MAX_TEXT) -> str:
    """Shorten a text to ``limit`` characters at a word boundary, marking the cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - len(_ELLIPSIS)]
    if " " in cut[-40:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + _ELLIPSIS


def prepare_view(
    *,
    text: str,
    language: str,
    channel: str,
    contributor: str,
    client_ref: str,
    hear_back: bool = False,
    english: str | None = None,
    recipient_ref: str | None = None,
) -> dict[str, Any]:
    """Build the body of ``POST /api/v1/internal/views`` for a consented view.

    The text is anonymised first; only the anonymised text is ever translated, themed or
    sent. A view in another language gets an English gloss when translation is available
    (``gloss.to_english``), anonymised again, and is themed from it.

    Args:
        text: The view as the parent wrote it.
        language: ISO 639-1 code of the conversation.
        channel: ``rest``, ``webchat``, ``sms`` or ``telegram``.
        contributor: The keyed pseudonym of the parent.
        client_ref: The idempotency key of this view.
        hear_back: The parent would like to hear what changes.
        english: The English translation the NLU pipeline already made of the message, if
            any; it is anonymised before use, like the view itself.
        recipient_ref: The sealed way back to the parent (SMS, Telegram), sent only with
            ``hear_back``.

    Returns:
        The JSON body, with themes, sentiment and the versions that produced them.
    """
    cleaned = clip(anonymise(text))
    text_en = None
    if language != "en":
        english = english or gloss.to_english(cleaned, language)
        text_en = clip(anonymise(english)) if english and english.strip() else None
    result = assess(cleaned, language, text_en)
    return build_view_payload(
        client_ref=client_ref,
        text=cleaned,
        language=language,
        channel=channel,
        contributor=contributor,
        themes=result.themes,
        sentiment=result.sentiment,
        text_en=text_en,
        hear_back=hear_back,
        anonymiser_version=ANONYMISER_VERSION,
        theme_model_version=result.version,
        recipient_ref=recipient_ref,
    )
