"""The answer to "How much do you feel listened to by services? 1-5" (a typed number,
a button, or "no"/"skip"), called by ``action_menu_choice`` when that was the last question."""

from __future__ import annotations

import logging
import sqlite3

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.api_client import LISTENED_PATH, deliver
from bot.actions.channel import channel_name
from bot.actions.consent import parse_consent
from bot.actions.history import latest_user_timestamp
from bot.actions.listened import listened_payload, parse_score
from bot.actions.pseudonym import client_ref, contributor_id

logger = logging.getLogger(__name__)


async def answer_listened(
    dispatcher: CollectingDispatcher, tracker: Tracker, *, intent: str | None
) -> list[EventType]:
    """Record a 1-5 score, accept a skip, or ask again; then offer the menu."""
    latest = tracker.latest_message
    text = latest.get("text") or ""
    score = parse_score(text)
    skipped = score is None and (parse_consent(text) is False or intent == "deny")
    if score is None and not skipped:
        dispatcher.utter_message(response="utter_choice_not_understood")
        dispatcher.utter_message(response="utter_ask_listened")
        return []
    if skipped:
        dispatcher.utter_message(response="utter_listened_skipped")
        dispatcher.utter_message(response="utter_anything_else")
        return []

    channel = channel_name(tracker.get_latest_input_channel(), latest.get("metadata"))
    stamp = latest_user_timestamp(tracker.events) or 0.0
    payload = listened_payload(
        client_ref=client_ref(tracker.sender_id, f"listened:{stamp:.6f}"),
        contributor=contributor_id(channel, tracker.sender_id),
        channel=channel,
        score=int(score),
    )
    try:
        delivery = await deliver(payload, path=LISTENED_PATH)
        logger.info("Listened score %s", delivery, extra={"client_ref": payload["client_ref"]})
    except (sqlite3.Error, OSError):
        logger.exception("Could not send or queue a listened score")
    dispatcher.utter_message(response="utter_listened_thanks")
    dispatcher.utter_message(response="utter_anything_else")
    return []
