"""The privacy notice: shown before the first view is shared, and whenever asked ("privacy")."""

from __future__ import annotations

import os

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.privacy.retention import DEFAULT_RETENTION_DAYS

NOTICE = "utter_privacy"
BEFORE_FIRST_VIEW = "utter_privacy_before_view"
CONSENT_QUESTION = "utter_ask_view_consent"
SHOWN_SLOT = "privacy_notice_shown"


def retention_days() -> int:
    """How many days conversation history is kept (``RETENTION_DAYS``, default 30)."""
    try:
        return max(1, int(os.environ.get("RETENTION_DAYS") or DEFAULT_RETENTION_DAYS))
    except ValueError:
        return DEFAULT_RETENTION_DAYS


class ActionShowPrivacy(Action):
    """Show the full privacy notice (the NLG gives it in the person's language)."""

    def name(self) -> str:
        """Name of the action."""
        return "action_show_privacy"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send the notice with the configured retention period."""
        dispatcher.utter_message(response=NOTICE, retention_days=retention_days())
        return [SlotSet(SHOWN_SLOT, True)]


class ActionAskViewConsent(Action):
    """The view form's consent question; the first time, a short privacy notice comes first."""

    def name(self) -> str:
        """Rasa asks for ``view_consent`` with this action when the domain lists it."""
        return "action_ask_view_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send the notice once per person (the slot is carried across sessions), then ask."""
        events: list[EventType] = []
        if tracker.get_slot(SHOWN_SLOT) is not True:
            dispatcher.utter_message(response=BEFORE_FIRST_VIEW, retention_days=retention_days())
            events.append(SlotSet(SHOWN_SLOT, True))
        dispatcher.utter_message(response=CONSENT_QUESTION)
        return events
