"""The Local Offer: services from the directory, SEND words, the local contact for a topic.

Thin actions over ``bot.localoffer``. Every reply is a domain response with values,
so it is translated like any other (names, phone numbers and links are kept as they
are). Requests are read from the message and, when the person wrote in another
language, from its English translation too (``latest_message["language"]["text_en"]``).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.localoffer.directory import shared_directory
from bot.localoffer.glossary import find_term
from bot.localoffer.oruk import Service
from bot.localoffer.query import read_query

logger = logging.getLogger(__name__)


def message_texts(tracker: Tracker) -> tuple[str | None, str | None]:
    """The latest message as written, and its English translation if it has one."""
    latest = tracker.latest_message
    language = latest.get("language") if isinstance(latest.get("language"), dict) else {}
    return latest.get("text"), (language or {}).get("text_en")


def service_values(service: Service) -> dict[str, Any]:
    """Template values for ``utter_service`` and ``utter_local_contact``."""
    return {
        "name": service.name,
        "description": service.description,
        "cost": service.cost or "Ask the service",
        "contact": service.phone or service.email or "see the link",
        "phone": service.phone or service.email or "",
        "link": service.url or "",
    }


def utter_local_contact(dispatcher: CollectingDispatcher, topic: str) -> bool:
    """Give the directory's contact for a topic; say whether there was one."""
    service = shared_directory().contact_for(topic)
    if service is None:
        return False
    dispatcher.utter_message(response="utter_local_contact", **service_values(service))
    return True


class ActionFindServices(Action):
    """Search the directory by need, age, condition and area; answer with one to three."""

    def name(self) -> str:
        """Name of the action."""
        return "action_find_services"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Utter the services found, or say what to ask."""
        query = read_query(*message_texts(tracker))
        if not query.needs:
            dispatcher.utter_message(response="utter_services_ask")
            return []
        matches = shared_directory().search(query)
        logger.info(
            "Directory search: needs %s, age %s, area %s, %d found",
            ",".join(query.needs),
            "given" if query.age is not None else "none",
            query.district or "none",
            len(matches),
        )
        if not matches:
            if query.topic:
                # Nothing that fits: say what the topic is and who to ask instead.
                dispatcher.utter_message(response=f"utter_topic_{query.topic}")
                utter_local_contact(dispatcher, query.topic)
            else:
                dispatcher.utter_message(response="utter_services_none")
            return []
        if query.topic:
            dispatcher.utter_message(response=f"utter_services_found_{query.topic}")
        else:
            dispatcher.utter_message(
                response="utter_services_found_one" if len(matches) == 1 else "utter_services_found"
            )
        for match in matches:
            dispatcher.utter_message(response="utter_service", **service_values(match.service))
        return []


class ActionExplainTerm(Action):
    """Explain a SEND word from the glossary (a topic's own explanation for topic words)."""

    def name(self) -> str:
        """Name of the action."""
        return "action_explain_term"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Utter the meaning, or say the word is not known yet."""
        original, english = message_texts(tracker)
        term = find_term(english) or find_term(original)
        if term is None:
            dispatcher.utter_message(response="utter_glossary_unknown")
            return []
        if term.topic:
            dispatcher.utter_message(response=f"utter_topic_{term.topic}")
            utter_local_contact(dispatcher, term.topic)
            return []
        dispatcher.utter_message(
            response="utter_glossary_term", term=term.term, meaning=term.meaning
        )
        return []


class ActionLocalContact(Action):
    """After a topic's explanation, the local service to contact, from the directory."""

    def name(self) -> str:
        """Name of the action."""
        return "action_local_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Utter the contact for the topic just explained, if the directory has one."""
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        if intent.startswith("topic_"):
            utter_local_contact(dispatcher, intent.removeprefix("topic_"))
        return []
