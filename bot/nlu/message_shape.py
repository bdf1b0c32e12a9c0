"""A length-aware fallback: a long question keeps its clear topic.

Rasa's ``FallbackClassifier`` asks "Did you mean...?" whenever the top intent is under one
threshold (0.5). A long, polite question ("I would be grateful if you could explain how I,
as a parent carer, can ask for...") spreads the classifier's confidence over more words,
so it often falls under the threshold although one topic is clearly ahead. Measured on the
blind question sets (``bench/topics.py``), a topic that leads by a margin in a message of
12 words or more is right far more often than not; short messages keep the usual threshold,
since one ambiguous word there says little.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

FALLBACK_INTENT = "nlu_fallback"
TOPIC_PREFIX = "topic_"
DEFAULTS = {"min_words": 12, "min_confidence": 0.3, "min_margin": 0.1}


def long_question_topic(
    text: str,
    ranking: Sequence[Mapping[str, Any]],
    min_words: int = DEFAULTS["min_words"],
    min_confidence: float = DEFAULTS["min_confidence"],
    min_margin: float = DEFAULTS["min_margin"],
) -> Mapping[str, Any] | None:
    """The ranked topic intent a long message clearly asks about, or None.

    ``ranking`` is Rasa's intent ranking (the fallback's own entry is ignored).
    """
    if len(text.split()) < min_words:
        return None
    ranked = [r for r in ranking if r.get("name") != FALLBACK_INTENT]
    if not ranked or not str(ranked[0].get("name", "")).startswith(TOPIC_PREFIX):
        return None
    best = float(ranked[0].get("confidence") or 0.0)
    runner_up = float(ranked[1].get("confidence") or 0.0) if len(ranked) > 1 else 0.0
    if best < min_confidence or best - runner_up < min_margin:
        return None
    return ranked[0]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LongQuestionFallback(GraphComponent):
    """After ``FallbackClassifier``: undo its fallback for a long message with a clear topic."""

    def __init__(self, config: dict[str, Any]) -> None:
        """Keep the thresholds (``bot/config.yml`` may override the defaults)."""
        self.config = {key: config.get(key, value) for key, value in DEFAULTS.items()}

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The thresholds, measured on the blind question sets."""
        return dict(DEFAULTS)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LongQuestionFallback:
        """Create the component (it has nothing to train)."""
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        """Give a long question that fell back the topic it clearly leads with."""
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") != FALLBACK_INTENT:
                continue
            ranking = message.get(INTENT_RANKING_KEY) or []
            topic = long_question_topic(message.get(TEXT) or "", ranking, **self.config)
            if topic is None:
                continue
            chosen = {"name": topic["name"], "confidence": topic.get("confidence")}
            message.set(INTENT, chosen, add_to_output=True)
            rest = [r for r in ranking if r.get("name") not in (FALLBACK_INTENT, topic["name"])]
            message.set(INTENT_RANKING_KEY, [chosen, *rest], add_to_output=True)
        return messages
