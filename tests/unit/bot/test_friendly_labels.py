"""labels: a guess is named in plain words, never by its intent name."""

from __future__ import annotations

from bot.actions.labels import LABELS, best_guess, friendly_label


def test_a_topic_has_a_plain_label() -> None:
    assert friendly_label("topic_ehcp") == "Education, Health and Care plans (EHCP)"


def test_no_label_is_a_raw_intent_name() -> None:
    for intent, label in LABELS.items():
        assert label != intent
        assert "_" not in label
        assert label[0].isupper()


def test_the_best_guess_skips_nlu_fallback() -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.45},
        {"name": "topic_transport", "confidence": 0.3},
        {"name": "topic_ehcp", "confidence": 0.2},
    ]
    assert best_guess(ranking) == ("topic_transport", "Transport to school")


def test_intents_without_a_label_are_never_guessed() -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.45},
        {"name": "stop", "confidence": 0.3},
        {"name": "choose_number", "confidence": 0.2},
        {"name": "share_view", "confidence": 0.16},
    ]
    assert best_guess(ranking) == (
        "share_view",
        "Telling the parent carer forum about your experience",
    )


def test_a_guess_far_down_the_ranking_is_not_offered() -> None:
    ranking = [{"name": n, "confidence": 0.3} for n in ("stop", "start", "affirm", "deny", "greet")]
    assert best_guess(ranking) is None


def test_a_guess_with_little_confidence_is_not_offered() -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.45},
        {"name": "topic_tribunal", "confidence": 0.11},
    ]
    assert best_guess(ranking) is None


def test_an_empty_ranking_gives_no_guess() -> None:
    assert best_guess([]) is None
