"""The first stage of the two-stage fallback: a friendly "Did you mean ...?"."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.labels import best_guess


class ActionDefaultAskAffirmation(Action):
    """Ask whether the assistant guessed right, naming the guess in plain words.

    The message carries ``guess_intent`` and ``label`` as metadata, so a typed
    "yes" or "1" can be understood afterwards (see ``menu_actions``).
    """

    def name(self) -> str:
        """Name of the action (replaces Rasa's default ask affirmation)."""
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Offer the best labelled guess, or ask to rephrase if there is none."""
        ranking = tracker.latest_message.get("intent_ranking") or []
        guess = best_guess(ranking)
        if guess is None:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        intent, label = guess
        dispatcher.utter_message(response="utter_ask_affirmation", label=label, guess_intent=intent)
        return []
