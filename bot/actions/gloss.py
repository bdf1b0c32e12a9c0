"""The seam where translation plugs in: an English gloss of a view in another language.

Language detection and translation are built separately (``bot/language``); until they
are connected here, there is no gloss and views in other languages reach the forum in
their own words, without themes (see ``bot.themes.assess``).
"""

from __future__ import annotations


def to_english(text: str, language: str) -> str | None:
    """Translate an (already anonymised) view into English.

    Args:
        text: The anonymised view.
        language: Its ISO 639-1 code (never ``"en"``).

    Returns:
        The English text, or ``None`` when no translation is available.
    """
    return None
