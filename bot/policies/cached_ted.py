"""Rasa's TED policy, with its predictions remembered by dialogue state.

TED's prediction depends only on the last ``max_history`` dialogue states (intents, slots,
previous actions, active form), and its network gives the same answer for the same states.
Parents' conversations pass through the same few hundred states again and again, yet TED
ran its network for every step of every turn: a quarter of the Rasa server's CPU under load
(``bench/conversations.py`` with py-spy). This keeps the answer for each state sequence seen,
so a repeated one costs a dictionary look-up. Predictions are identical, so nothing else
changes (``tests/unit/bot/test_cached_ted.py`` compares them).

When TED also reads the words of the last message (end-to-end training), the states do not
capture them, so every prediction runs the network as before.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

from rasa.core.policies.policy import PolicyPrediction, SupportedData
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT

# State sequences remembered (each entry is a few kilobytes of probabilities).
REMEMBERED_STATES = 5000


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITH_END_TO_END_SUPPORT, is_trainable=True
)
class CachedTEDPolicy(TEDPolicy):
    """``TEDPolicy`` that runs its network once per distinct dialogue state sequence."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Same arguments as ``TEDPolicy``."""
        super().__init__(*args, **kwargs)
        self._remembered: OrderedDict[str, tuple[list[float], bool]] = OrderedDict()

    def _state_key(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None,
    ) -> str | None:
        """The states TED featurises for this prediction, as text; None if words count."""
        if self.only_e2e or TEXT in self.fake_features:
            return None
        ml_data_only = self.supported_data() == SupportedData.ML_DATA
        states = self.featurizer.prediction_states(
            [tracker],
            domain,
            use_text_for_last_user_input=False,
            ignore_rule_only_turns=ml_data_only,
            rule_only_data=rule_only_data,
            ignore_action_unlikely_intent=ml_data_only,
        )
        return json.dumps(states, sort_keys=True, default=sorted)

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        """TED's prediction, from memory when these states were seen before."""
        key = self._state_key(tracker, domain, rule_only_data) if self.model else None
        if key is not None and key in self._remembered:
            self._remembered.move_to_end(key)
            probabilities, end_to_end = self._remembered[key]
            return self._prediction(list(probabilities), is_end_to_end_prediction=end_to_end)
        prediction = super().predict_action_probabilities(
            tracker, domain, rule_only_data=rule_only_data, **kwargs
        )
        # Entities TED found in the words belong to one message only: not remembered.
        if key is not None and not prediction.optional_events:
            self._remembered[key] = (
                list(prediction.probabilities),
                prediction.is_end_to_end_prediction,
            )
            if len(self._remembered) > REMEMBERED_STATES:
                self._remembered.popitem(last=False)
        return prediction
