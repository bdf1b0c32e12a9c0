"""Session start and the language slot, tested the rasa-sdk way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot_factories import user_event
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.session_actions import ActionSessionStart, ValidateSlotMappings


async def test_the_first_message_sets_the_language_to_english(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(events=[user_event("hi", intent="greet")])
    dispatcher = CollectingDispatcher()

    events = await ValidateSlotMappings().run(dispatcher, tracker, domain)

    assert events == [SlotSet("language", "en")]
    assert dispatcher.messages == []


async def test_a_language_already_chosen_is_not_set_again(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(slots={"language": "en"}, events=[user_event("hello")])

    events = await ValidateSlotMappings().run(CollectingDispatcher(), tracker, domain)

    assert events == []


async def test_the_action_is_the_global_slot_mapping_validation(domain: dict[str, Any]) -> None:
    assert ValidateSlotMappings().name() == "action_validate_slot_mappings"
    assert "action_validate_slot_mappings" in domain["actions"]


async def test_a_new_session_keeps_the_language_and_the_opt_out_only(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        slots={
            "language": "en",
            "opted_out": True,
            "view_text": "half a view",
            "view_consent": None,
        }
    )

    events = await ActionSessionStart().run(CollectingDispatcher(), tracker, domain)

    assert events == [
        SessionStarted(),
        SlotSet("language", "en"),
        SlotSet("opted_out", True),
        ActionExecuted("action_listen"),
    ]
