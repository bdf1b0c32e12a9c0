"""history: reading what was said from rasa-sdk's event dicts."""

from __future__ import annotations

from bot_factories import bot_event, user_event

from bot.actions.history import (
    bot_response_name,
    last_bot_message,
    latest_user_timestamp,
    timestamp_of_user_text,
    user_text_before,
)


def test_the_last_bot_message_is_found_with_its_response_name() -> None:
    events = [
        bot_event("hello", response="utter_greet"),
        bot_event("menu", response="utter_menu"),
        user_event("2", intent="choose_number"),
    ]
    found = last_bot_message(events)
    assert found is not None
    index, event = found
    assert index == 1
    assert bot_response_name(event) == "utter_menu"


def test_no_bot_message_gives_none() -> None:
    assert last_bot_message([user_event("hi")]) is None
    assert bot_response_name(None) is None


def test_the_user_text_before_a_bot_message_is_found() -> None:
    events = [user_event("first"), user_event("gibberish"), bot_event("Did you mean?")]
    assert user_text_before(events, 2) == "gibberish"
    assert user_text_before(events, 0) is None


def test_the_timestamp_of_a_view_is_the_one_of_the_message_that_carried_it() -> None:
    events = [
        user_event("the taxi was late ", timestamp=10.0),
        bot_event("May I pass it on?"),
        user_event("1", timestamp=20.0),
    ]
    assert timestamp_of_user_text(events, "the taxi was late") == 10.0
    assert timestamp_of_user_text(events, "never said") is None
    assert latest_user_timestamp(events) == 20.0
