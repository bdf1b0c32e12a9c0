"""Typed menu choices and the friendly "Did you mean ...?", tested the rasa-sdk way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot_factories import bot_event, user_event
from rasa_sdk.events import ActionExecuted, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.fallback_actions import ActionDefaultAskAffirmation
from bot.actions.menu_actions import ActionMenuChoice


def replayed_intent(events: list[dict[str, Any]]) -> str:
    assert events[0] == UserUtteranceReverted()
    assert events[1] == ActionExecuted("action_listen")
    assert events[2]["event"] == "user"
    return events[2]["parse_data"]["intent"]["name"]


async def test_typing_2_after_the_menu_is_the_tell_the_forum_button(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        events=[
            user_event("hi", intent="greet"),
            bot_event("Hello", response="utter_greet"),
            bot_event("What would you like to do?", response="utter_menu"),
            user_event("2", intent="choose_number"),
        ]
    )
    dispatcher = CollectingDispatcher()

    events = await ActionMenuChoice().run(dispatcher, tracker, domain)

    assert replayed_intent(events) == "menu_view"
    assert events[2]["text"] == "2"
    assert dispatcher.messages == []


async def test_typing_1_after_what_else_opens_the_topics(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        events=[
            bot_event("What else can I help with?", response="utter_anything_else"),
            user_event(" 1 ", intent="choose_number"),
        ]
    )

    events = await ActionMenuChoice().run(CollectingDispatcher(), tracker, domain)

    assert replayed_intent(events) == "menu_topics"


async def test_a_number_after_the_topics_menu_picks_that_topic(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        events=[
            bot_event("What would you like to know about?", response="utter_topics_menu"),
            user_event("4", intent="choose_number"),
        ]
    )

    events = await ActionMenuChoice().run(CollectingDispatcher(), tracker, domain)

    assert replayed_intent(events) == "topic_short_breaks"


async def test_the_replayed_message_keeps_its_channel_and_metadata(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        events=[
            bot_event("menu", response="utter_menu"),
            user_event("3", intent="choose_number", metadata={"channel": "webchat"}),
        ]
    )

    events = await ActionMenuChoice().run(CollectingDispatcher(), tracker, domain)

    assert replayed_intent(events) == "help"
    assert events[2]["input_channel"] == "rest"
    assert events[2]["metadata"] == {"channel": "webchat"}


async def test_a_number_that_is_not_on_the_menu_offers_the_menu_again(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        events=[bot_event("menu", response="utter_menu"), user_event("7", intent="choose_number")]
    )
    dispatcher = CollectingDispatcher()

    events = await ActionMenuChoice().run(dispatcher, tracker, domain)

    assert events == []
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_choice_not_understood",
        "utter_menu",
    ]


async def test_yes_to_a_guess_replays_what_the_person_first_wrote_as_the_guess(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        events=[
            user_event("the taxy never cme agen", intent="nlu_fallback"),
            bot_event(
                "Did you mean: Telling the parent carer forum about your experience?",
                response="utter_ask_affirmation",
                guess_intent="share_view",
                label="Telling the parent carer forum about your experience",
            ),
            user_event("yes", intent="affirm"),
        ]
    )

    events = await ActionMenuChoice().run(CollectingDispatcher(), tracker, domain)

    assert replayed_intent(events) == "share_view"
    assert events[2]["text"] == "the taxy never cme agen"


async def test_no_to_a_guess_asks_to_say_it_another_way(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        events=[
            user_event("blorp", intent="nlu_fallback"),
            bot_event("Did you mean?", response="utter_ask_affirmation", guess_intent="topic_ehcp"),
            user_event("2", intent="choose_number"),
        ]
    )
    dispatcher = CollectingDispatcher()

    events = await ActionMenuChoice().run(dispatcher, tracker, domain)

    assert events == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_rephrase"]


async def test_no_thanks_after_what_else_says_goodbye(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        events=[
            bot_event("What else can I help with?", response="utter_anything_else"),
            user_event("no thanks", intent="deny"),
        ]
    )

    events = await ActionMenuChoice().run(CollectingDispatcher(), tracker, domain)

    assert replayed_intent(events) == "goodbye"


async def test_the_guess_is_offered_with_a_friendly_label(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        latest_message={
            "text": "how do i get my lad 2 skool",
            "intent": {"name": "nlu_fallback", "confidence": 0.45},
            "intent_ranking": [
                {"name": "nlu_fallback", "confidence": 0.45},
                {"name": "topic_transport", "confidence": 0.38},
                {"name": "share_view", "confidence": 0.2},
            ],
        }
    )
    dispatcher = CollectingDispatcher()

    events = await ActionDefaultAskAffirmation().run(dispatcher, tracker, domain)

    assert events == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_affirmation"
    assert message["label"] == "Transport to school"
    assert message["guess_intent"] == "topic_transport"
    assert "topic_transport" not in message["label"]


async def test_with_nothing_sensible_to_guess_it_asks_to_rephrase(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        latest_message={
            "text": "???",
            "intent_ranking": [
                {"name": "nlu_fallback", "confidence": 0.45},
                {"name": "choose_number", "confidence": 0.3},
                {"name": "stop", "confidence": 0.2},
                {"name": "affirm", "confidence": 0.1},
            ],
        }
    )
    dispatcher = CollectingDispatcher()

    await ActionDefaultAskAffirmation().run(dispatcher, tracker, domain)

    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_rephrase"]


def test_the_guess_response_exists_in_the_domain(domain: dict[str, Any]) -> None:
    assert "utter_ask_affirmation" in domain["responses"]
    assert "action_default_ask_affirmation" in domain["actions"]
