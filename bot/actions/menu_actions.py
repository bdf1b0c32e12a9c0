"""Understanding a typed menu choice ("1", "two", "yes") as the button it stands for."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, UserUtteranceReverted, UserUttered
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.history import bot_response_name, last_bot_message, user_text_before
from bot.actions.listened_actions import answer_listened
from bot.actions.menu import (
    ASK_AGAIN,
    GUESS,
    LISTENED,
    QUICK_OFFER,
    TOPICS,
    menu_for_response,
    resolve_choice,
)

logger = logging.getLogger(__name__)


def replay_as(intent: str, text: str, tracker: Tracker) -> list[EventType]:
    """Events that replace the latest message with the same words and a chosen intent.

    Rasa treats a ``user`` event returned by an action like a new message: it runs
    the slot mappings again and predicts from the new intent, exactly as if the
    person had tapped the button.
    """
    latest = tracker.latest_message
    replayed = UserUttered(
        text,
        parse_data={
            "intent": {"name": intent, "confidence": 1.0},
            "intent_ranking": [{"name": intent, "confidence": 1.0}],
            "entities": [],
            "text": text,
        },
        input_channel=tracker.get_latest_input_channel(),
    )
    metadata = latest.get("metadata")
    if metadata:
        replayed["metadata"] = metadata
    if latest.get("language"):
        # The language decided for the message being answered still holds.
        replayed["parse_data"]["language"] = latest["language"]
    return [UserUtteranceReverted(), ActionExecuted("action_listen"), replayed]


class ActionMenuChoice(Action):
    """Act on a number, "yes" or "no" typed after a menu or a "Did you mean ...?"."""

    def name(self) -> str:
        """Name of the action."""
        return "action_menu_choice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Replay the message as the chosen option, or offer the menu again."""
        found = last_bot_message(tracker.events)
        index, offered = found if found else (len(tracker.events), None)
        response = bot_response_name(offered)
        menu = menu_for_response(response)
        metadata: dict[str, Any] = dict((offered or {}).get("metadata") or {})
        guess = metadata.get("guess_intent") if menu == GUESS else None

        latest = tracker.latest_message
        text = latest.get("text") or ""
        intent = (latest.get("intent") or {}).get("name")
        if menu == LISTENED:
            return await answer_listened(dispatcher, tracker, intent=intent)
        picked = resolve_choice(text, menu=menu, intent=intent, guess=guess)
        logger.debug("Menu %s, choice %s", menu or "none", picked or "not understood")

        if picked == ASK_AGAIN:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        if picked is None:
            dispatcher.utter_message(response="utter_choice_not_understood")
            if menu == GUESS and guess:
                dispatcher.utter_message(
                    response="utter_ask_affirmation",
                    label=metadata.get("label"),
                    guess_intent=guess,
                )
            elif menu == QUICK_OFFER:
                dispatcher.utter_message(response="utter_quick_view_offer")
            else:
                dispatcher.utter_message(
                    response="utter_topics_menu" if menu == TOPICS else "utter_menu"
                )
            return []

        # A confirmed guess replays what the person first wrote, so a view
        # they wrote is not lost; a menu number replays the number itself.
        said = user_text_before(tracker.events, index) if menu == GUESS else None
        return replay_as(picked, said or text, tracker)
