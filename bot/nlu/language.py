"""NLU pipeline components: understand any served language through English.

``LanguageUnderstanding`` is the first component of the pipeline (``bot/config.yml``).
For each message it decides the conversation language (``bot.language.detect``,
knowing the ``language`` slot from the tracker Rasa hands to the graph), and, when the
message is not in English, puts its English translation in the message text, so the
tokenizer, featurizers and DIET, all trained on English, see English. The original
text, the language and the English are kept in the parse data under ``language``.

``LanguageRequest`` is the last component. It puts the original text back (so
``tracker.latest_message["text"]`` and slot mappings see what the person wrote, which
is what is anonymised and passed on), makes a message that only names a language
("in Urdu please") the intent ``switch_language``, and a plain yes or no in another
language ("tak", "haan", "نعم") ``affirm`` or ``deny``, with or without a translator.

A parent's message is translated only to be understood; it is never stored by the
translator. If translation is off or fails, the message is understood as written.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.actions.consent import parse_consent
from bot.actions.menu import parse_number
from bot.language.detect import choose_language, detect, requested_language
from bot.language.translator import Translator, shared_translator

logger = logging.getLogger(__name__)

LANGUAGE_KEY = "language"
SWITCH_INTENT = "switch_language"
YES_NO_INTENTS = {True: "affirm", False: "deny"}
# Below this, the message's own language is unclear and the conversation's is used
# to translate it ("tak" in a Polish conversation is Polish).
SOURCE_CONFIDENCE = 0.5


def understand(
    text: str, current: str | None, translator: Translator | None
) -> tuple[str, dict[str, Any]]:
    """Decide the language of one message and give the English to understand it by.

    Args:
        text: The message as typed.
        current: The ``language`` slot before the message.
        translator: Translates into English (``None``: no translation).

    Returns:
        The text for the NLU model, and the ``language`` parse data: ``code`` (the
        conversation language from now on), ``detected``, ``confidence``,
        ``requested`` (a language named to switch to), ``source`` (the language
        the message was read in), ``original`` and ``text_en`` (when translated).
    """
    requested = requested_language(text)
    detection = detect(text)
    code = requested or choose_language(current, detection)
    if detection.language and detection.confidence >= SOURCE_CONFIDENCE:
        source = detection.language
    else:
        source = code
    info: dict[str, Any] = {
        "code": code,
        "detected": detection.language,
        "confidence": round(detection.confidence, 2),
        "requested": requested,
        "source": source,
        "original": text,
        "text_en": None,
    }
    if requested or detection.language is None or source == "en" or translator is None:
        # Nothing to translate: a named language, a number, an emoji, a SEND term.
        return text, info
    english = translator.to_english(text, source)
    if english.ok and english.text.strip():
        info["text_en"] = english.text
        return english.text, info
    return text, info


def conversation_language(tracker: DialogueStateTracker | None) -> str | None:
    """The person's language so far: the one decided for their latest message.

    Not only the ``language`` slot: Rasa's two-stage fallback rewinds the turns it could
    not understand, and with them the slot set there, so an Urdu speaker whose first
    message was not understood would be answered in English after typing "1". A rewind
    undoes what the assistant did, not the language the person writes in.
    """
    if tracker is None:
        return None
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            info = (event.parse_data or {}).get(LANGUAGE_KEY)
            if isinstance(info, dict) and isinstance(info.get("code"), str):
                return info["code"]
    return tracker.get_slot("language")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class LanguageUnderstanding(GraphComponent):
    """First in the pipeline: detect the language, and read the message in English."""

    def __init__(self, translator: Translator | None = None) -> None:
        """Create the component; the translator is built from the environment when used."""
        self._translator = translator

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageUnderstanding:
        """Create the component (it has nothing to train)."""
        return cls()

    @property
    def translator(self) -> Translator:
        """The process's shared translator."""
        if self._translator is None:
            self._translator = shared_translator()
        return self._translator

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training data is English already: leave it alone."""
        return training_data

    def process(
        self, messages: list[Message], tracker: DialogueStateTracker | None = None
    ) -> list[Message]:
        """Set each message's language and, when needed, its English text."""
        current = conversation_language(tracker)
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text.strip() or text.lstrip().startswith("/"):
                continue
            try:
                english, info = understand(text, current, self.translator)
            except Exception:
                logger.exception("Language step failed; the message is read as written")
                continue
            message.set(LANGUAGE_KEY, info, add_to_output=True)
            if english != text:
                message.set(TEXT, english)
        return messages


def yes_or_no(text: str) -> str | None:
    """``affirm`` or ``deny`` for a plain yes or no in any served language ("tak", "نہیں").

    The model is trained on English, and "tak" or "haan" must not be read as goodbye
    when no translator is there. Bare numbers are menu choices, not yes or no.
    """
    if parse_number(text) is not None:
        return None
    answer = parse_consent(text)
    return None if answer is None else YES_NO_INTENTS[answer]


def _set_intent(message: Message, name: str) -> None:
    intent = {"name": name, "confidence": 1.0}
    message.set(INTENT, intent, add_to_output=True)
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT_RANKING_KEY, [intent, *ranking][:10], add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LanguageRequest(GraphComponent):
    """Last in the pipeline: the original text back, and "in Urdu please" as switch_language."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageRequest:
        """Create the component (it has nothing to train)."""
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Restore the text; classify language requests, and yes or no in any language."""
        for message in messages:
            info = message.get(LANGUAGE_KEY)
            if not isinstance(info, dict):
                continue
            original = info.get("original")
            if isinstance(original, str):
                message.set(TEXT, original)
            if info.get("requested"):
                _set_intent(message, SWITCH_INTENT)
            elif isinstance(original, str) and info.get("source") != "en":
                answer = yes_or_no(original)
                if answer:
                    _set_intent(message, answer)
        return messages
