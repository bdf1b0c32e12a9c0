"""Quick views in the conversation: offered after hello, answered by number or in words."""

from __future__ import annotations

import logging
import sqlite3
import time
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.api_client import deliver, fetch_open_quick_views
from bot.actions.channel import channel_name
from bot.actions.history import latest_user_timestamp
from bot.actions.pseudonym import client_ref, contributor_id
from bot.actions.quick_views import (
    SKIP,
    QuickView,
    answer_path,
    answer_payload,
    from_api,
    numbered,
    parse_answer,
    pick,
)

logger = logging.getLogger(__name__)

NONE_OPEN = "none"  # quick_view_answer when there was no question to answer


def loaded(view: QuickView) -> list[EventType]:
    """Events that hold a quick view for the conversation."""
    return [
        SlotSet("quick_view_id", view.id),
        SlotSet("quick_view_question", view.question),
        SlotSet("quick_view_options", list(view.options)),
    ]


def forget() -> list[EventType]:
    """Events that clear the quick view in hand."""
    return [
        SlotSet("quick_view_id", None),
        SlotSet("quick_view_question", None),
        SlotSet("quick_view_options", None),
        SlotSet("quick_view_answer", None),
    ]


def _answered(tracker: Tracker) -> list[int]:
    value = tracker.get_slot("quick_views_answered")
    return [int(i) for i in value if isinstance(i, int | float)] if isinstance(value, list) else []


def _declined(tracker: Tracker) -> dict[str, float]:
    value = tracker.get_slot("quick_views_declined")
    return dict(value) if isinstance(value, dict) else {}


class ActionOfferQuickView(Action):
    """After hello: offer an open quick view the person has not answered, else the menu."""

    def name(self) -> str:
        """Name of the action."""
        return "action_offer_quick_view"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Offer one quick view, or show the menu."""
        view = None
        if tracker.get_slot("opted_out") is not True:
            view = pick(
                from_api(await fetch_open_quick_views()),
                answered=_answered(tracker),
                declined=_declined(tracker),
                now=time.time(),
            )
        if view is None:
            dispatcher.utter_message(response="utter_menu")
            return []
        dispatcher.utter_message(response="utter_quick_view_offer", quick_view_id=view.id)
        return loaded(view)


class ActionLoadQuickView(Action):
    """Before the quick view form: have a quick view in hand (the one offered, or the
    newest open one, even if answered, so an answer can be changed)."""

    def name(self) -> str:
        """Name of the action."""
        return "action_load_quick_view"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Load a quick view into the slots, or mark that none is open."""
        events: list[EventType] = [SlotSet("quick_view_answer", None)]
        if tracker.get_slot("quick_view_id") is not None and tracker.get_slot(
            "quick_view_options"
        ):
            return events
        views = from_api(await fetch_open_quick_views())
        view = pick(views, answered=[], declined={}, now=time.time())
        if view is None:
            return [*forget(), SlotSet("quick_view_answer", NONE_OPEN)]
        return events + loaded(view)


class ActionAskQuickViewAnswer(Action):
    """Ask the quick view's question with its numbered options."""

    def name(self) -> str:
        """Name of the action (the form's ask action for ``quick_view_answer``)."""
        return "action_ask_quick_view_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Show the question."""
        options = tracker.get_slot("quick_view_options") or []
        dispatcher.utter_message(
            response="utter_quick_view_question",
            question=tracker.get_slot("quick_view_question") or "",
            options=numbered(options),
        )
        return []


class ValidateQuickViewForm(FormValidationAction):
    """Reads the answer: a number, an option's words, yes/no, or skip."""

    def name(self) -> str:
        """Name of the form validation action."""
        return "validate_quick_view_form"

    async def validate_quick_view_answer(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Keep a clear answer; say so and ask again if it is not clear."""
        if slot_value in (NONE_OPEN, SKIP) or isinstance(slot_value, int):
            return {"quick_view_answer": slot_value}
        options = tracker.get_slot("quick_view_options") or []
        answer = parse_answer(slot_value if isinstance(slot_value, str) else None, options)
        if answer is None:
            dispatcher.utter_message(response="utter_quick_view_unclear")
        return {"quick_view_answer": answer}


class ActionSubmitQuickViewAnswer(Action):
    """Send the answer to the forum (through the outbox) and say what happened."""

    def name(self) -> str:
        """Name of the action."""
        return "action_submit_quick_view_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Record the answer, a skip, or that nothing was open."""
        answer = tracker.get_slot("quick_view_answer")
        view_id = tracker.get_slot("quick_view_id")
        events = forget()
        if answer == NONE_OPEN or view_id is None:
            dispatcher.utter_message(response="utter_quick_view_none")
        elif answer == SKIP or not isinstance(answer, int | float):
            declined = _declined(tracker)
            declined[str(int(view_id))] = time.time()
            events.append(SlotSet("quick_views_declined", declined))
            dispatcher.utter_message(response="utter_quick_view_later")
        else:
            events += await self._send(dispatcher, tracker, int(view_id), int(answer))
        dispatcher.utter_message(response="utter_anything_else")
        return events

    async def _send(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, view_id: int, option: int
    ) -> list[EventType]:
        latest = tracker.latest_message
        channel = channel_name(tracker.get_latest_input_channel(), latest.get("metadata"))
        stamp = latest_user_timestamp(tracker.events) or 0.0
        ref = client_ref(tracker.sender_id, f"quick-view:{view_id}:{stamp:.6f}")
        payload = answer_payload(
            contributor=contributor_id(channel, tracker.sender_id), channel=channel, option=option
        )
        try:
            delivery = await deliver(payload, path=answer_path(view_id), ref=ref)
        except (sqlite3.Error, OSError):
            logger.exception("Could not send or queue a quick view answer")
            dispatcher.utter_message(response="utter_view_failed")
            return []
        logger.info("Quick view answer %s", delivery, extra={"quick_view_id": view_id})
        if delivery == "rejected":
            dispatcher.utter_message(response="utter_quick_view_closed")
            return []
        dispatcher.utter_message(response="utter_quick_view_thanks")
        answered = _answered(tracker)
        if view_id not in answered:
            answered.append(view_id)
        return [SlotSet("quick_views_answered", answered)]


class ActionQuickViewLater(Action):
    """"Not now": do not offer this quick view again for a week, then show the menu."""

    def name(self) -> str:
        """Name of the action."""
        return "action_quick_view_later"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Remember the "not now" and show the menu."""
        events = forget()
        view_id = tracker.get_slot("quick_view_id")
        if view_id is not None:
            declined = _declined(tracker)
            declined[str(int(view_id))] = time.time()
            events.append(SlotSet("quick_views_declined", declined))
        dispatcher.utter_message(response="utter_quick_view_later")
        dispatcher.utter_message(response="utter_menu")
        return events
