"""The Local Offer actions, tested the rasa-sdk way against the sample directory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bot_factories import user_event
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.local_offer_actions import (
    ActionExplainTerm,
    ActionFindServices,
    ActionLocalContact,
)


@pytest.fixture(autouse=True)
def sample_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Each test gets the sample directory imported into its own snapshot file."""
    path = tmp_path / "directory.json"
    monkeypatch.setenv("DIRECTORY_FILE", str(path))
    return path


def latest(text: str, intent: str, **language: Any) -> dict[str, Any]:
    message = dict(user_event(text, intent=intent)["parse_data"])
    if language:
        message["language"] = language
    return message


async def test_the_holiday_club_question_gets_two_services_with_cost_and_contact(
    make_tracker: Callable[..., Any], domain: dict[str, Any], sample_directory: Path
) -> None:
    text = "any holiday clubs for my 9 year old near LS8 that can cope with autism?"
    tracker = make_tracker(latest_message=latest(text, "find_service"))
    dispatcher = CollectingDispatcher()

    await ActionFindServices().run(dispatcher, tracker, domain)

    assert sample_directory.exists()  # the sample was imported on first use
    responses = [m["response"] for m in dispatcher.messages]
    # Holiday clubs are short breaks: the reply says so before the services.
    assert responses == ["utter_services_found_short_breaks", "utter_service", "utter_service"]
    first = dispatcher.messages[1]
    assert first["name"] == "Roundhay Rainbow Holiday Club"
    assert first["cost"] == "£12 a day"
    assert first["contact"] == "0113 496 0201"
    assert first["link"].startswith("https://example.org/")
    assert "holiday" in first["description"].lower()


async def test_a_request_in_another_language_is_read_from_its_english(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    message = latest(
        "czy są zajęcia na basenie dla mojego syna z autyzmem w Armley?",
        "find_service",
        code="pl",
        text_en="are there swimming sessions for my son with autism in Armley?",
    )
    dispatcher = CollectingDispatcher()

    await ActionFindServices().run(dispatcher, make_tracker(latest_message=message), domain)

    assert dispatcher.messages[0]["response"] == "utter_services_found_one"
    assert dispatcher.messages[1]["name"] == "Armley Autism-Friendly Swim"


async def test_a_search_without_a_kind_of_service_asks_what_is_wanted(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(latest_message=latest("find a service near me", "find_service"))

    await ActionFindServices().run(dispatcher, tracker, domain)

    assert [m["response"] for m in dispatcher.messages] == ["utter_services_ask"]


async def test_a_search_with_no_match_says_so(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    text = "sleep clinic for my 24 year old near LS29"
    await ActionFindServices().run(
        dispatcher, make_tracker(latest_message=latest(text, "find_service")), domain
    )

    assert [m["response"] for m in dispatcher.messages] == ["utter_services_none"]


async def test_a_short_break_search_with_no_match_explains_short_breaks_and_who_to_ask(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    text = "holiday club for my 24 year old near LS29"
    await ActionFindServices().run(
        dispatcher, make_tracker(latest_message=latest(text, "find_service")), domain
    )

    responses = [m["response"] for m in dispatcher.messages]
    assert responses[0] == "utter_topic_short_breaks"
    assert "utter_services_none" not in responses


async def test_a_search_for_other_services_is_not_called_short_breaks(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    message = latest("speech therapy for my 4 year old near LS8", "find_service")
    dispatcher = CollectingDispatcher()

    await ActionFindServices().run(dispatcher, make_tracker(latest_message=message), domain)

    first = dispatcher.messages[0]["response"]
    assert first in ("utter_services_found", "utter_services_found_one")


async def test_a_term_is_explained_from_the_glossary(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(latest_message=latest("what is a TA", "ask_term"))

    await ActionExplainTerm().run(dispatcher, tracker, domain)

    [message] = dispatcher.messages
    assert message["response"] == "utter_glossary_term" and message["term"] == "TA"
    assert "teaching assistant" in message["meaning"]


async def test_a_topic_word_gets_the_topic_and_the_local_contact(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(latest_message=latest("what does SENCo mean?", "ask_term"))

    await ActionExplainTerm().run(dispatcher, tracker, domain)

    assert [m["response"] for m in dispatcher.messages] == [
        "utter_topic_senco",
        "utter_local_contact",
    ]
    assert dispatcher.messages[1]["name"] == "Northfield SENDIASS"


async def test_an_unknown_word_is_admitted(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(latest_message=latest("what does QWERTY mean", "ask_term"))

    await ActionExplainTerm().run(dispatcher, tracker, domain)

    assert [m["response"] for m in dispatcher.messages] == ["utter_glossary_unknown"]


async def test_a_topic_answer_is_followed_by_the_local_sendiass_phone(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(latest_message=latest("who are SENDIASS", "topic_sendiass"))

    await ActionLocalContact().run(dispatcher, tracker, domain)

    [message] = dispatcher.messages
    assert message["response"] == "utter_local_contact"
    assert (message["name"], message["phone"]) == ("Northfield SENDIASS", "0113 496 0101")


async def test_a_topic_without_a_local_contact_adds_nothing(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(latest_message=latest("help in school", "topic_nonexistent"))

    await ActionLocalContact().run(dispatcher, tracker, domain)

    assert dispatcher.messages == []


def test_every_response_the_actions_use_is_in_the_domain(domain: dict[str, Any]) -> None:
    for name in (
        "utter_services_found",
        "utter_services_found_one",
        "utter_service",
        "utter_services_none",
        "utter_services_ask",
        "utter_local_contact",
        "utter_glossary_term",
        "utter_glossary_unknown",
    ):
        assert name in domain["responses"]
    for name in ("action_find_services", "action_explain_term", "action_local_contact"):
        assert name in domain["actions"]
