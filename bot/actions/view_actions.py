"""Giving a view: the consent form, submitting with consent, and cancelling."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.api_client import deliver_view, start_background_flush
from bot.actions.channel import channel_name
from bot.actions.consent import parse_consent
from bot.actions.history import latest_user_timestamp, timestamp_of_user_text
from bot.actions.language import DEFAULT_LANGUAGE, english_of_user_text, is_language_code
from bot.actions.listened import should_ask
from bot.actions.menu import parse_number
from bot.actions.mixed import topic_asked
from bot.actions.pseudonym import client_ref, contributor_id
from bot.actions.question_focus import focused_topic, question_sentence, rasa_parser
from bot.actions.view_pipeline import prepare_view
from channels.identity import AddressBox

logger = logging.getLogger(__name__)

# The consent question's third option: "Yes, and tell me if things change".
YES_AND_HEAR_BACK = 3
_HEAR_BACK_WORDS = ("keep me posted", "tell me", "hear back", "let me know", "updates")
# Channels the bot can write to first; there a hear-back view carries the way back.
REACHABLE_CHANNELS = ("sms", "telegram")
# Tells the SMS or Telegram connector (never shown) that this person agreed to hear back.
OPT_IN_SIGNAL = {"send_voices": {"opt_in": True}}


def reset_view() -> list[EventType]:
    """Events that forget the view and its consent."""
    return [
        SlotSet("view_text", None),
        SlotSet("view_consent", None),
        SlotSet("view_hear_back", None),
    ]


def wants_hear_back(text: str) -> bool:
    """Whether a consent reply is option 3: yes, and tell me if things change."""
    if parse_number(text) == YES_AND_HEAR_BACK:
        return True
    lowered = text.lower()
    return parse_consent(text) is not False and any(w in lowered for w in _HEAR_BACK_WORDS)


class ValidateViewForm(FormValidationAction):
    """Checks the view and reads the consent answer."""

    def name(self) -> str:
        """Name of the form validation action."""
        return "validate_view_form"

    async def validate_view_text(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Take the message as the view, whatever it says, unless it is empty or a button."""
        text = slot_value.strip() if isinstance(slot_value, str) else ""
        if not text or text.startswith("/"):
            return {"view_text": None}
        start_background_flush()
        # A question inside the view is answered before asking to pass the view on.
        topic = topic_asked(text, tracker.latest_message.get("intent_ranking"))
        if topic is None and question_sentence(text):
            focused = await asyncio.to_thread(focused_topic, text, rasa_parser())
            topic = f"utter_topic_{focused}" if focused else None
        if topic:
            dispatcher.utter_message(response=topic)
        return {"view_text": text}

    async def validate_view_consent(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Turn the reply into yes or no; if it is neither, say so and ask again."""
        if slot_value is None:  # cleared, not answered: nothing to check
            return {"view_consent": None}
        if isinstance(slot_value, bool):
            return {"view_consent": slot_value}
        text = slot_value if isinstance(slot_value, str) else ""
        if wants_hear_back(text):
            return {"view_consent": True, "view_hear_back": True}
        answer = parse_consent(text or None)
        if answer is None:
            dispatcher.utter_message(response="utter_consent_unclear")
        return {"view_consent": answer}


class ActionSubmitView(Action):
    """Pass the view on, anonymised and themed, only after a clear yes; then forget it.

    Says what happened, then either asks (now and then) how listened to the parent
    feels, or asks what else it can help with.
    """

    def name(self) -> str:
        """Name of the action."""
        return "action_submit_view"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send (or queue) the view when consent is ``True``; say plainly what happened."""
        consent = tracker.get_slot("view_consent")
        text = tracker.get_slot("view_text")
        if consent is not True or not isinstance(text, str) or not text.strip():
            dispatcher.utter_message(response="utter_view_not_shared")
            dispatcher.utter_message(response="utter_anything_else")
            return reset_view()

        latest = tracker.latest_message
        channel = channel_name(tracker.get_latest_input_channel(), latest.get("metadata"))
        language = tracker.get_slot("language")
        stamp = timestamp_of_user_text(tracker.events, text)
        if stamp is None:
            stamp = latest_user_timestamp(tracker.events)
        hear_back = (
            tracker.get_slot("view_hear_back") is True or tracker.get_slot("hear_back") is True
        )
        ref = client_ref(tracker.sender_id, stamp if stamp is not None else 0.0)
        reachable = hear_back and channel in REACHABLE_CHANNELS
        try:
            recipient = (
                AddressBox.from_env().recipient_ref(channel, tracker.sender_id)
                if reachable
                else None
            )
            payload = await asyncio.to_thread(
                prepare_view,
                text=text,
                language=language if is_language_code(language) else DEFAULT_LANGUAGE,
                channel=channel,
                contributor=contributor_id(channel, tracker.sender_id),
                client_ref=ref,
                hear_back=hear_back,
                # A view written in another language goes with the NLU's English gloss.
                english=english_of_user_text(tracker.events, text),
                recipient_ref=recipient,
            )
            delivery = await deliver_view(payload)
        except (sqlite3.Error, OSError):
            logger.exception("Could not send or queue a view", extra={"client_ref": ref})
            dispatcher.utter_message(response="utter_view_failed")
            dispatcher.utter_message(response="utter_anything_else")
            return reset_view()

        logger.info(
            "View %s (themes %s)",
            delivery,
            ",".join(payload["themes"]) or "none",
            extra={"client_ref": ref, "channel": channel},
        )
        if reachable:
            dispatcher.utter_message(json_message=OPT_IN_SIGNAL)
        dispatcher.utter_message(
            response="utter_view_shared_hear_back" if hear_back else "utter_view_shared"
        )
        events = reset_view()
        if tracker.get_slot("view_hear_back") is True:
            events.append(SlotSet("hear_back", True))
        now = time.time()
        if should_ask(tracker.get_slot("listened_asked_at"), now):
            dispatcher.utter_message(response="utter_ask_listened")
            events.append(SlotSet("listened_asked_at", now))
        else:
            dispatcher.utter_message(response="utter_anything_else")
        return events


class ActionResetView(Action):
    """Forget a view that was not finished (STOP, goodbye, or a fresh start)."""

    def name(self) -> str:
        """Name of the action."""
        return "action_reset_view"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Clear the view and its consent."""
        return reset_view()
