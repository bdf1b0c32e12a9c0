"""Data rights by command: "what do you keep about me" and "delete my data"."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.channel import channel_name
from bot.actions.consent import parse_consent
from bot.actions.data_rights import DataRightsError, erase_held_data, held_data
from bot.actions.privacy_actions import retention_days

logger = logging.getLogger(__name__)

CONFIRM_SLOT = "delete_confirmed"
# Tells the SMS or Telegram connector (never shown) to forget the person's address.
FORGET_SIGNAL = {"send_voices": {"forget": True}}


def messages_from_person(events: list[dict[str, Any]]) -> int:
    """How many messages the person sent in the conversation as the action server sees it."""
    return sum(1 for event in events if event.get("event") == "user")


class ActionDataSummary(Action):
    """Say, in a few lines, what is kept about the person."""

    def name(self) -> str:
        """Name of the action."""
        return "action_data_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Count what the API and the outbox hold, add the conversation, and say it."""
        days = retention_days()
        messages = messages_from_person(list(tracker.events))
        try:
            held = await held_data(tracker.sender_id)
        except (DataRightsError, sqlite3.Error, OSError) as problem:
            logger.warning("Could not count a person's data (%s)", type(problem).__name__)
            dispatcher.utter_message(
                response="utter_data_summary_failed", messages=messages, retention_days=days
            )
            return []
        dispatcher.utter_message(
            response="utter_data_summary",
            messages=messages,
            retention_days=days,
            views=held.views,
            queued=held.queued_views,
            hear_back=held.hear_back,
            answers=held.quick_view_answers + held.listened_scores,
        )
        if tracker.get_slot("opted_out") is True:
            dispatcher.utter_message(response="utter_data_summary_opted_out")
        if held.safeguarding_events:
            dispatcher.utter_message(response="utter_data_summary_safeguarding")
        dispatcher.utter_message(response="utter_data_summary_how_to_delete")
        return []


class ValidateDeleteDataForm(FormValidationAction):
    """Reads the answer to "Shall I delete everything?"."""

    def name(self) -> str:
        """Name of the form validation action."""
        return "validate_delete_data_form"

    async def validate_delete_confirmed(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Turn the reply into yes or no; if it is neither, say so and ask again."""
        if slot_value is None:
            return {CONFIRM_SLOT: None}
        if isinstance(slot_value, bool):
            return {CONFIRM_SLOT: slot_value}
        answer = parse_consent(slot_value if isinstance(slot_value, str) else None)
        if answer is None:
            dispatcher.utter_message(response="utter_delete_unclear")
        return {CONFIRM_SLOT: answer}


class ActionDeleteMyData(Action):
    """Delete everything kept about the person once they confirmed, then say so.

    On success it returns ``AllSlotsReset``: that is the sign for ``PrivacySQLTrackerStore``
    to erase the whole conversation from the tracker store when Rasa saves it.
    """

    def name(self) -> str:
        """Name of the action (``bot/privacy/tracker_store.py`` looks for it)."""
        return "action_delete_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Erase outbox and API data, then let the tracker store erase the conversation."""
        if tracker.get_slot(CONFIRM_SLOT) is not True:
            dispatcher.utter_message(response="utter_data_kept")
            return [SlotSet(CONFIRM_SLOT, None)]
        try:
            await erase_held_data(tracker.sender_id)
        except (DataRightsError, sqlite3.Error, OSError) as problem:
            logger.warning("Could not erase a person's data (%s)", type(problem).__name__)
            dispatcher.utter_message(response="utter_data_delete_failed")
            return [SlotSet(CONFIRM_SLOT, None)]
        logger.info("A person's data was erased at their request")
        dispatcher.utter_message(response="utter_data_deleted")
        latest = tracker.latest_message
        if channel_name(tracker.get_latest_input_channel(), latest.get("metadata")) in (
            "sms",
            "telegram",
        ):
            # The SMS or Telegram connector then forgets the number or chat id (a STOP stays).
            dispatcher.utter_message(json_message=FORGET_SIGNAL)
        return [AllSlotsReset()]
