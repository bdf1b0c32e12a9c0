"""Friendly names for intents, used when the assistant asks "Did you mean ...?".

Raw intent names never reach a parent. Intents that make no sense as a guess
(bare numbers, yes, no, STOP, START) have no label and are never guessed: a
misheard STOP must not opt anyone out, and STOP itself is always recognised.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

LABELS: dict[str, str] = {
    "greet": "Saying hello",
    "goodbye": "Saying goodbye",
    "thank": "Saying thank you",
    "help": "Help with this service",
    "bot_challenge": "Asking if I am a real person",
    "show_menu": "Seeing what I can do",
    "menu_topics": "Asking about support for your child",
    "menu_view": "Telling the parent carer forum your views",
    "share_view": "Telling the parent carer forum about your experience",
    "topic_local_offer": "The Local Offer (the council's guide to SEND support)",
    "topic_ehcp": "Education, Health and Care plans (EHCP)",
    "topic_ehc_needs_assessment": "Asking for an EHC needs assessment",
    "topic_sen_support": "SEN support in school",
    "topic_senco": "The SENCo (the teacher in charge of SEN)",
    "topic_annual_review": "Annual reviews of an EHC plan",
    "topic_short_breaks": "Short breaks",
    "topic_transport": "Transport to school",
    "topic_sendiass": "SENDIASS (free advice about SEND)",
    "topic_personal_budget": "Personal budgets and direct payments",
    "topic_mediation": "Mediation (help to sort out a disagreement)",
    "topic_tribunal": "The SEND tribunal (appeals)",
    "topic_parent_carer_forum": "The parent carer forum",
    "topic_preparing_for_adulthood": "Preparing for adulthood",
    "topic_speech_language_therapy": "Speech and language therapy",
    "topic_disability_living_allowance": "Disability Living Allowance (DLA)",
    "topic_carers_assessment": "A parent carer's needs assessment",
    "topic_early_years": "Support in the early years",
    "find_service": "Finding a local service, club or group",
    "ask_term": "What a SEND word means",
}


def friendly_label(intent: str | None) -> str | None:
    """Return the plain-words name of an intent, or ``None`` if it has none."""
    if intent is None:
        return None
    return LABELS.get(intent)


def best_guess(
    intent_ranking: Iterable[Mapping[str, Any]],
    *,
    candidates: int = 3,
    min_confidence: float = 0.15,
) -> tuple[str, str] | None:
    """Pick the most likely intent that can be offered as a guess.

    Args:
        intent_ranking: NLU's ranking, best first (``[{"name": ..., "confidence": ...}]``),
            which may start with ``nlu_fallback``.
        candidates: How many of the best real intents to consider; a guess from
            further down the ranking would only confuse.
        min_confidence: Below this, a guess is noise ("Did you mean: tribunal?"
            for gibberish); asking to rephrase is kinder.

    Returns:
        ``(intent, label)`` for the best intent that has a friendly label, or ``None``.
    """
    ranked = [r for r in intent_ranking if r.get("name") != "nlu_fallback"]
    for entry in ranked[:candidates]:
        name = entry.get("name")
        label = friendly_label(name)
        if label and float(entry.get("confidence") or 0.0) >= min_confidence:
            return str(name), label
    return None
