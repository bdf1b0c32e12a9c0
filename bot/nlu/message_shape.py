"""How a long message is read: a long question keeps its topic, a long statement is a view.

``LongQuestionFallback``: Rasa's ``FallbackClassifier`` asks "Did you mean...?" whenever
the top intent is under one threshold (0.5). A long, polite question ("I would be grateful
if you could explain how I, as a parent carer, can ask for...") spreads the classifier's
confidence over more words, so it often falls under the threshold although one topic is
clearly ahead. Measured on the blind question sets (``bench/topics.py``), a topic that
leads by a margin in a message of 12 words or more is right far more often than not; short
messages keep the usual threshold, since one ambiguous word there says little.

``StatementAsView``: the classifier learns topics from questions that often open with the
family's situation ("My son can't walk to school and I have no car. Can the council...?"),
so a long statement about the same things ("home to school transport for our twins means
two taxis at two times") can come out as a topic. A topic answer there would lose the view:
the parent would get an explanation and never be asked whether to pass their words on. A
message of 8 words or more that neither asks nor requests anything
(``bot.actions.mixed.ASKS``) is a view. Measured on the labelled views and the question
sets in ``docs/benchmarks.md``.
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

from bot.actions.mixed import ASKS

FALLBACK_INTENT = "nlu_fallback"
TOPIC_PREFIX = "topic_"
VIEW_INTENT = "share_view"
STATEMENT_MIN_WORDS = 8
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


def is_statement(text: str, min_words: int = STATEMENT_MIN_WORDS) -> bool:
    """A message long enough to be a view that asks and requests nothing."""
    return len(text.split()) >= min_words and ASKS.search(text) is None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class StatementAsView(GraphComponent):
    """After the classifiers: a long statement read as a topic question is a view."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> StatementAsView:
        """Create the component (it has nothing to train)."""
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Make a topic intent on a statement ``share_view``, keeping the topic ranked."""
        for message in messages:
            intent = message.get(INTENT) or {}
            if not str(intent.get("name", "")).startswith(TOPIC_PREFIX):
                continue
            if not is_statement(message.get(TEXT) or ""):
                continue
            view = {"name": VIEW_INTENT, "confidence": intent.get("confidence")}
            ranking = message.get(INTENT_RANKING_KEY) or []
            rest = [r for r in ranking if r.get("name") != VIEW_INTENT]
            message.set(INTENT, view, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [view, *rest], add_to_output=True)
        return messages
