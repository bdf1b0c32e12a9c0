"""The Local Offer through the real processes: directory searches, local contacts, the glossary."""

from __future__ import annotations

import uuid

from conftest import Stack


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def new_sender() -> str:
    return f"e2e-lo-{uuid.uuid4().hex[:12]}"


def test_the_holiday_club_question_gets_two_real_services_with_cost_and_contact(
    stack: Stack,
) -> None:
    replies = stack.say(
        new_sender(), "any holiday clubs for my 9 year old near LS8 that can cope with autism?"
    )
    reply = texts(replies)

    assert "Roundhay Rainbow Holiday Club" in reply
    assert "Chapel Allerton Sensory Summer Scheme" in reply
    assert "0113 496 0201" in reply and "0113 496 0202" in reply
    assert "£12 a day" in reply
    assert "https://example.org/northfield/local-offer/rainbow-club" in reply


def test_a_search_by_age_and_area_returns_matching_services_only(stack: Stack) -> None:
    reply = texts(stack.say(new_sender(), "holiday club for my 9 year old near LS8"))

    assert "Roundhay Rainbow Holiday Club" in reply
    assert "Oakwood Teen Holiday Club" not in reply  # 12 to 18 only
    assert "Morley Holiday Play Scheme" not in reply  # too far from LS8
    assert "Pudsey Inclusive Holiday Club" not in reply  # too far from LS8


def test_a_topic_answer_gives_the_local_sendiass_phone(stack: Stack) -> None:
    reply = texts(stack.say(new_sender(), "who are SENDIASS"))

    assert "information, advice and support" in reply.lower()
    assert "Northfield SENDIASS" in reply and "0113 496 0101" in reply


def test_a_send_word_is_explained(stack: Stack) -> None:
    reply = texts(stack.say(new_sender(), "what is a TA"))

    assert "teaching assistant" in reply.lower()


def test_a_question_after_a_line_about_the_child_is_answered(stack: Stack) -> None:
    # The whole reads as a view; the question sentence alone is classified by Rasa itself
    # (bot/actions/question_focus.py), so the parent still gets the explanation first.
    replies = stack.say(
        new_sender(),
        "My daughter is 9 and dyslexic and she is falling behind but she has no EHCP. "
        "What support should the school be giving her without a plan?",
    )
    reply = texts(replies).lower()

    assert "sen support" in reply
    assert "forum" in reply  # and it still offers to pass the view on, with consent
