"""Themes and sentiment of views, assigned offline on the CPU.

``assess(text, language, text_en)`` gives 1 to 3 theme codes from ``themes.yml`` and a
sentiment from -1 to 1. Views in other languages are assessed through their English
gloss; without one, they get no themes and no sentiment rather than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.themes.model import get_model, model_version
from bot.themes.sentiment import vader_score


@dataclass(frozen=True)
class Assessment:
    """What the classifier made of a view."""

    themes: list[str]
    sentiment: float | None
    version: str


def assess(text: str, language: str = "en", text_en: str | None = None) -> Assessment:
    """Theme and score one (anonymised) view.

    Args:
        text: The view as it will be stored (already anonymised).
        language: Its ISO 639-1 code.
        text_en: An English gloss for a view in another language, if there is one.

    Returns:
        The themes (empty only for a non-English view without a gloss), the sentiment
        (``None`` then too) and the model version.
    """
    model = get_model()
    english = text if language == "en" else text_en
    if not english or not english.strip():
        return Assessment(themes=[], sentiment=None, version=model.version)
    return Assessment(
        themes=model.predict(english), sentiment=model.sentiment(english), version=model.version
    )


__all__ = ["Assessment", "assess", "get_model", "model_version", "vader_score"]
