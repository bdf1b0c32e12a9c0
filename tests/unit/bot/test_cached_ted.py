"""The remembering TED policy gives exactly TED's predictions, running its network once
per distinct dialogue state sequence."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

DOMAIN = """
version: "3.1"
intents: [greet, ask_topic, share_view, affirm, goodbye]
responses:
  utter_greet: [{text: "Hello"}]
  utter_topic: [{text: "Here is how it works"}]
  utter_ask_consent: [{text: "May I pass it on?"}]
  utter_thanks: [{text: "Thank you"}]
  utter_goodbye: [{text: "Bye"}]
"""

STORIES = """
version: "3.1"
stories:
- story: topic then view
  steps:
  - intent: greet
  - action: utter_greet
  - intent: ask_topic
  - action: utter_topic
  - intent: share_view
  - action: utter_ask_consent
  - intent: affirm
  - action: utter_thanks
  - intent: goodbye
  - action: utter_goodbye
- story: view straight away
  steps:
  - intent: share_view
  - action: utter_ask_consent
  - intent: affirm
  - action: utter_thanks
"""


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from rasa.core.policies.ted_policy import TEDPolicy
        from rasa.engine.graph import ExecutionContext, GraphSchema
        from rasa.engine.storage.local_model_storage import LocalModelStorage
        from rasa.engine.storage.resource import Resource
        from rasa.shared.core.domain import Domain
        from rasa.shared.core.generator import TrainingDataGenerator
        from rasa.shared.core.training_data.story_reader.yaml_story_reader import (
            YAMLStoryReader,
        )
        from rasa.shared.core.training_data.structures import StoryGraph

        from bot.policies.cached_ted import CachedTEDPolicy

        domain = Domain.from_yaml(DOMAIN)
        steps = YAMLStoryReader(domain).read_from_string(STORIES)
        graph = StoryGraph(steps)
        trackers = TrainingDataGenerator(graph, domain, augmentation_factor=0).generate()
        storage = LocalModelStorage(Path(tmp_path_factory.mktemp("models")))
        context = ExecutionContext(GraphSchema({}), "test")
        policies = []
        for cls, name in ((TEDPolicy, "plain"), (CachedTEDPolicy, "cached")):
            config = {**cls.get_default_config(), "epochs": 2, "random_seed": 42}
            policy = cls.create(config, storage, Resource(name), context)
            policy.train(trackers, domain, precomputations=None)
            policies.append(policy)
        return domain, policies[0], policies[1]


def tracker_after(domain, *steps: str):  # type: ignore[no-untyped-def]
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events = [ActionExecuted("action_listen")]
    for step in steps:
        if step.startswith("utter_"):
            events += [ActionExecuted(step)]
        else:
            events += [UserUttered(step, {"name": step, "confidence": 1.0})]
    return DialogueStateTracker.from_events("parent", events, domain.slots)


PATHS = [
    ("greet",),
    ("greet", "utter_greet"),
    ("greet", "utter_greet", "ask_topic"),
    ("share_view",),
    ("share_view", "utter_ask_consent", "affirm"),
    ("goodbye",),
]


def test_predictions_are_teds_own(trained) -> None:  # type: ignore[no-untyped-def]
    domain, plain, cached = trained
    # Same weights: the cached policy's network is the plain one's.
    cached.model = plain.model
    for _ in range(2):  # the second round comes from memory
        for path in PATHS:
            tracker = tracker_after(domain, *path)
            expected = plain.predict_action_probabilities(tracker, domain)
            got = cached.predict_action_probabilities(tracker, domain)
            assert got.probabilities == pytest.approx(expected.probabilities, abs=1e-6)
            assert got.policy_name == "CachedTEDPolicy"


def test_the_network_runs_once_per_distinct_state_sequence(trained, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    domain, plain, cached = trained
    cached._remembered.clear()
    runs = []
    original = cached.model.run_inference
    monkeypatch.setattr(
        cached.model, "run_inference", lambda *a, **k: runs.append(1) or original(*a, **k)
    )
    for _ in range(3):
        for path in PATHS:
            cached.predict_action_probabilities(tracker_after(domain, *path), domain)

    distinct = {cached._state_key(tracker_after(domain, *path), domain, None) for path in PATHS}
    assert len(distinct) >= 4
    assert len(runs) == len(distinct)
    # Another parent in the same state gets the remembered prediction.
    cached.predict_action_probabilities(tracker_after(domain, "greet"), domain)
    assert len(runs) == len(distinct)
