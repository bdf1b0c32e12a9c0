"""A view that also asks something: which topic's explanation the parent gets first."""

from __future__ import annotations

from bot.actions.mixed import topic_answered, topic_asked


def ranking(*pairs: tuple[str, float]) -> list[dict]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_a_question_that_names_a_topic_is_answered_with_it() -> None:
    text = "the taxi keeps not turning up, can the council give him a different taxi?"
    assert topic_asked(text, ranking(("share_view", 0.9), ("topic_ehcp", 0.05))) == (
        "utter_topic_transport"
    )


def test_a_question_that_does_not_name_its_topic_is_answered_from_the_ranking() -> None:
    text = "we moved and the school is 9 miles away now, can the council help get him there"
    assert topic_asked(
        text, ranking(("share_view", 0.6), ("topic_transport", 0.3), ("topic_ehcp", 0.05))
    ) == "utter_topic_transport"


def test_an_unsure_ranking_gives_no_answer_rather_than_a_wrong_one() -> None:
    text = "nothing has happened for months, what do we do now"
    assert topic_asked(text, ranking(("share_view", 0.9), ("topic_tribunal", 0.06))) is None


def test_a_view_with_no_question_gets_no_topic() -> None:
    text = "the EHCP is 40 weeks late and nobody answers our emails"
    assert topic_asked(text, ranking(("share_view", 0.5), ("topic_ehcp", 0.45))) is None


def test_text_speak_questions_count_as_questions() -> None:
    text = "ma son is 2 n behind wiv everything wat help is there"
    assert topic_asked(text, ranking(("share_view", 0.5), ("topic_early_years", 0.4))) == (
        "utter_topic_early_years"
    )


def test_what_the_parent_is_told_follows_the_intent_or_the_view() -> None:
    assert topic_answered({"intent": {"name": "topic_sendiass"}, "text": "sendiass?"}) == (
        "sendiass"
    )
    view = {
        "intent": {"name": "share_view"},
        "text": "we waited 18 months for speech therapy, how do we get more sessions?",
        "intent_ranking": ranking(("share_view", 0.7)),
    }
    assert topic_answered(view) == "speech_language_therapy"
    fallback = {"intent": {"name": "nlu_fallback"}, "text": "hmm"}
    assert topic_answered(fallback) is None
