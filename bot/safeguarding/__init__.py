"""Safeguarding: spotting a message that shows someone may be at risk now.

``check(text, language=None, text_en=None)`` is pure and fast: phrase lexicons in every
language the assistant ships (``lexicons/``), read clause by clause so that talk about the
past or about services ("CAMHS discharged him after last year's self-harm") is a view and
not an alert. ``component.py`` runs it on every message inside Rasa, before anything else.
"""

from bot.safeguarding.detector import NO_RISK, Assessment, check
from bot.safeguarding.lexicon import CATEGORIES

__all__ = ["CATEGORIES", "NO_RISK", "Assessment", "check"]
