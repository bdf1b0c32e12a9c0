"""Session start and the slots filled on every message (the conversation language)."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from bot.actions.language import DEFAULT_LANGUAGE, is_language_code, language_after

logger = logging.getLogger(__name__)

# Only these survive into a new session: never a half-given view or its consent.
CARRIED_SLOTS = (
    "language",
    "opted_out",
    "privacy_notice_shown",
    "hear_back",
    "listened_asked_at",
    "quick_views_answered",
    "quick_views_declined",
)


class ActionSessionStart(Action):
    """Start a new session, keeping the language and the opt-out."""

    def name(self) -> str:
        """Name of the action (replaces Rasa's default session start)."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Return the session start, the carried slots and a listen."""
        events: list[EventType] = [SessionStarted()]
        for slot in CARRIED_SLOTS:
            value = tracker.get_slot(slot)
            if value is not None:
                events.append(SlotSet(slot, value))
        events.append(ActionExecuted("action_listen"))
        return events


class ValidateSlotMappings(ValidationAction):
    """Fills the ``language`` slot after every message (``action_validate_slot_mappings``)."""

    def domain_slots(self, domain: DomainDict) -> list[str]:
        """Only the language slot is extracted and validated here."""
        return ["language"]

    async def extract_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Detect the language of the latest message; set the slot only when it changes."""
        current = tracker.get_slot("language")
        detected = language_after(tracker.latest_message, current)
        if detected == current:
            return {}
        return {"language": detected}

    async def validate_language(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Keep only ISO 639-1 codes; anything else becomes the default language."""
        if is_language_code(slot_value):
            return {"language": slot_value}
        logger.warning("Language detection gave something that is not an ISO 639-1 code")
        return {"language": DEFAULT_LANGUAGE}
