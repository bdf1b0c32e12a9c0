"""The urgent-help reply to a message that shows a current risk (``action_safeguarding``)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import sqlite3

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.channel import channel_name
from bot.actions.history import latest_user_timestamp
from bot.actions.language import DEFAULT_LANGUAGE, is_language_code
from bot.actions.pseudonym import DEFAULT_SECRET, contributor_id
from bot.actions.safeguarding_events import build_event_payload, record_event
from bot.safeguarding import check
from bot.safeguarding.replies import AGAIN, URGENT, childrens_services, reply_responses

logger = logging.getLogger(__name__)

UNSPECIFIED = "unspecified"


def event_ref(sender_id: str, timestamp: float | None) -> str:
    """The idempotency key of a safeguarding event: keyed, so it does not reveal the sender."""
    secret = os.environ.get("PSEUDONYM_SECRET", DEFAULT_SECRET).encode("utf-8")
    message = f"safeguarding:{sender_id}:{(timestamp or 0.0):.6f}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def urgent_reply_already_sent(events: list[dict]) -> bool:
    """Say whether the urgent reply was sent since the conversation session started."""
    for event in reversed(events):
        if event.get("event") == "session_started":
            return False
        if event.get("event") == "bot":
            name = (event.get("metadata") or {}).get("utter_action") or ""
            if name.startswith((URGENT, AGAIN)):
                return True
    return False


class ActionSafeguarding(Action):
    """Reply with care and urgent contacts, drop any view being given, record an event."""

    def name(self) -> str:
        """Name of the action."""
        return "action_safeguarding"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send the reply first, then record the event (an API that is down only delays it)."""
        latest = tracker.latest_message
        metadata = latest.get("metadata") or {}
        slot_language = tracker.get_slot("language")
        assessment = check(
            latest.get("text"),
            slot_language if is_language_code(slot_language) else None,
            metadata.get("text_en") if isinstance(metadata.get("text_en"), str) else None,
        )
        language = assessment.language if assessment.language not in (None, "en") else None
        language = language or (slot_language if is_language_code(slot_language) else None)
        language = language or DEFAULT_LANGUAGE

        # The NLG sends the reply in the `language` slot's language (a reviewed
        # translation, or English: never a machine translation), so the council's
        # children's services line is filled for that language.
        reply_language = slot_language if is_language_code(slot_language) else None
        fill = childrens_services(language=reply_language)
        available = set((domain.get("responses") or {}).keys())
        for response in reply_responses(
            category=assessment.category,
            available=available,
            again=urgent_reply_already_sent(list(tracker.events)),
        ):
            dispatcher.utter_message(response=response, childrens_services=fill)

        channel = channel_name(tracker.get_latest_input_channel(), metadata)
        category = assessment.category or UNSPECIFIED
        payload = build_event_payload(
            client_ref=event_ref(tracker.sender_id, latest_user_timestamp(tracker.events)),
            category=category,
            channel=channel,
            language=language,
            person=contributor_id(channel, tracker.sender_id),
            occurred_at=latest_user_timestamp(tracker.events),
        )
        try:
            delivered = await record_event(payload)
        except (sqlite3.Error, OSError):
            logger.exception("Could not record a safeguarding event")
            delivered = False
        logger.warning(
            "Safeguarding reply sent (%s, %s); event %s",
            category,
            channel,
            "recorded" if delivered else "queued",
        )

        events: list[EventType] = [
            SlotSet("view_text", None),
            SlotSet("view_consent", None),
            SlotSet("requested_slot", None),
        ]
        if tracker.active_loop_name:
            events.insert(0, ActiveLoop(None))
        return events
