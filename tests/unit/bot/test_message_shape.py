"""How long messages are read: a long question keeps its topic; a long statement is a view."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.message_shape import (
    LongQuestionFallback,
    StatementAsView,
    is_statement,
    long_question_topic,
)

LONG = (
    "I would be grateful if you could explain how I, as a parent carer, can request an "
    "assessment of my own needs from the council"
)


def ranking(*pairs: tuple[str, float]) -> list[dict]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_a_long_question_with_a_clear_topic_keeps_it() -> None:
    ranked = ranking(("nlu_fallback", 0.5), ("topic_carers_assessment", 0.4), ("help", 0.24))
    assert long_question_topic(LONG, ranked)["name"] == "topic_carers_assessment"


def test_a_short_message_keeps_the_usual_fallback() -> None:
    ranked = ranking(("nlu_fallback", 0.5), ("topic_senco", 0.45), ("help", 0.1))
    assert long_question_topic("senco help please", ranked) is None


def test_two_topics_close_together_still_ask_which_was_meant() -> None:
    ranked = ranking(("nlu_fallback", 0.5), ("topic_mediation", 0.35), ("topic_tribunal", 0.3))
    assert long_question_topic(LONG, ranked) is None


def test_a_weak_lead_or_a_lead_that_is_not_a_topic_is_not_taken() -> None:
    assert long_question_topic(LONG, ranking(("topic_ehcp", 0.2), ("help", 0.05))) is None
    assert long_question_topic(LONG, ranking(("share_view", 0.45), ("topic_ehcp", 0.1))) is None


def test_the_component_changes_only_messages_that_fell_back() -> None:
    component = LongQuestionFallback(LongQuestionFallback.get_default_config())
    fell_back = Message(data={TEXT: LONG})
    fell_back.set(INTENT, {"name": "nlu_fallback", "confidence": 0.5})
    fell_back.set(
        INTENT_RANKING_KEY,
        ranking(("nlu_fallback", 0.5), ("topic_carers_assessment", 0.4), ("help", 0.2)),
    )
    confident = Message(data={TEXT: LONG})
    confident.set(INTENT, {"name": "share_view", "confidence": 0.9})

    component.process([fell_back, confident])

    assert fell_back.get(INTENT)["name"] == "topic_carers_assessment"
    assert [r["name"] for r in fell_back.get(INTENT_RANKING_KEY)] == [
        "topic_carers_assessment",
        "help",
    ]
    assert confident.get(INTENT)["name"] == "share_view"


@pytest.mark.parametrize(
    "text",
    [
        "the final plan doesn't include half of what the OT and speech therapist wrote",
        "home to school transport for our twins means two different taxis at two times",
        "they removed him from the assessment list when we moved house 2 miles",
    ],
)
def test_a_long_statement_is_a_view(text: str) -> None:
    assert is_statement(text)


@pytest.mark.parametrize(
    "text",
    [
        "wots a ehc plan do my son need 1 he has autism",
        "my daughter is 16 what happens to all her support when she turns 18",
        "cn i take the council to court coz they wont do a ehcp for my son",
        "I wish to enquire about the arrangements for children to travel to school",
        "r there parents groups that help shape send services in my area",
        "Short breaks eligibility",
    ],
)
def test_questions_requests_and_short_messages_are_not_statements(text: str) -> None:
    assert not is_statement(text)


def test_the_component_turns_only_statements_read_as_topics_into_views() -> None:
    component = StatementAsView()
    statement = Message(data={TEXT: "the carers centre counselling has really helped me cope"})
    statement.set(INTENT, {"name": "topic_carers_assessment", "confidence": 0.99})
    statement.set(INTENT_RANKING_KEY, ranking(("topic_carers_assessment", 0.99)))
    question = Message(data={TEXT: "can the council look at what i need as his carer"})
    question.set(INTENT, {"name": "topic_carers_assessment", "confidence": 0.9})

    component.process([statement, question])

    assert statement.get(INTENT)["name"] == "share_view"
    assert [r["name"] for r in statement.get(INTENT_RANKING_KEY)] == [
        "share_view",
        "topic_carers_assessment",
    ]
    assert question.get(INTENT)["name"] == "topic_carers_assessment"
