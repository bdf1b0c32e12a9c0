"""The Rasa NLU component that runs the safeguarding check on every message, first.

It sits last in the NLU pipeline (after the ``FallbackClassifier``), so its word is final:
when ``check`` finds a current risk, the message's intent becomes ``safeguarding_risk``
with confidence 1, whatever the classifier thought, and the rules answer it before
anything else, even in the middle of giving a view (the view form's slot mappings leave
this intent out, so the words are never taken as a view). When ``check`` finds no risk
but the classifier guessed ``safeguarding_risk``, the guess is replaced by the next one:
the lexicons decide, so the behaviour is the one the benchmark measures.

The channel may pass an English translation in the message metadata as ``text_en``.
Nothing is logged about the message.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    METADATA,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.privacy.redaction import install_log_redaction
from bot.safeguarding.detector import check

logger = logging.getLogger(__name__)

SAFEGUARDING_INTENT = "safeguarding_risk"


def _without_safeguarding(ranking: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [entry for entry in ranking if entry.get(INTENT_NAME_KEY) != SAFEGUARDING_INTENT]


def apply_check(message: Message) -> bool:
    """Set the message's intent from the safeguarding check; return True for a risk.

    Args:
        message: A parsed message, its intent already predicted by the classifiers.
    """
    text = message.get(TEXT)
    metadata = message.get(METADATA) or {}
    text_en = metadata.get("text_en") if isinstance(metadata, dict) else None
    assessment = check(
        text if isinstance(text, str) else None,
        text_en=text_en if isinstance(text_en, str) else None,
    )
    ranking = list(message.get(INTENT_RANKING_KEY) or [])
    if assessment.risk:
        top = {INTENT_NAME_KEY: SAFEGUARDING_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [top, *_without_safeguarding(ranking)], add_to_output=True)
        return True
    intent = message.get(INTENT) or {}
    if intent.get(INTENT_NAME_KEY) == SAFEGUARDING_INTENT:
        rest = _without_safeguarding(ranking)
        fallback = {INTENT_NAME_KEY: "nlu_fallback", PREDICTED_CONFIDENCE_KEY: 0.0}
        message.set(INTENT, rest[0] if rest else fallback, add_to_output=True)
        message.set(INTENT_RANKING_KEY, rest, add_to_output=True)
    return False


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class SafeguardingDetector(GraphComponent, IntentClassifier):
    """Marks every message that shows a current risk as ``safeguarding_risk``."""

    @classmethod
    def required_components(cls) -> list[type]:
        """It reads the intent the classifiers predicted, so they come first."""
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """No settings: the lexicons are in ``bot/safeguarding/lexicons``."""
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafeguardingDetector:
        """Create the component; also keep personal data out of the Rasa server's logs."""
        install_log_redaction()
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Check each message and mark the ones that show a current risk."""
        for message in messages:
            if apply_check(message):
                logger.info("Safeguarding: a message showed a current risk")
        return messages
