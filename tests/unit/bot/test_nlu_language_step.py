"""The NLU language steps: decide the language, read the message in English, restore it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUtteranceReverted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message

from bot.language.reviewed import ReviewedStrings
from bot.language.translator import Translator, TranslatorSettings
from bot.nlu.language import (
    LanguageRequest,
    LanguageUnderstanding,
    conversation_language,
    understand,
    yes_or_no,
)


def translator_for(url: str | None, tmp_path: Path) -> Translator:
    return Translator(
        TranslatorSettings(libre_url=url, timeout=2, cooldown=0, memory_path=tmp_path / "tm.db"),
        reviewed=ReviewedStrings(tmp_path),
    )


def tracker_with_language(language: str | None) -> DialogueStateTracker:
    domain = Domain.from_yaml(
        "version: '3.1'\nslots:\n  language:\n    type: text\n    mappings:\n    - type: custom\n"
    )
    tracker = DialogueStateTracker("parent-1", domain.slots)
    if language:
        tracker.update(SlotSet("language", language))
    return tracker


def test_a_polish_message_is_read_in_english_with_the_term_kept(
    libretranslate: Any, tmp_path: Path
) -> None:
    text = "Dzien dobry, syn ma autyzm, szkola mowi o EHCP, co to jest?"
    english, info = understand(text, None, translator_for(libretranslate.url, tmp_path))

    assert info["code"] == "pl" and info["source"] == "pl"
    assert "EHCP" in english
    assert info["original"] == text and info["text_en"] == english
    assert libretranslate.requests[-1]["source"] == "pl"
    assert "EHCP" not in libretranslate.requests[-1]["q"]


def test_an_english_message_is_not_sent_to_the_translator(
    libretranslate: Any, tmp_path: Path
) -> None:
    english, info = understand(
        "what is an EHC plan?", None, translator_for(libretranslate.url, tmp_path)
    )

    assert english == "what is an EHC plan?" and info["code"] == "en" and info["text_en"] is None
    assert libretranslate.requests == []


def test_a_short_reply_is_read_in_the_conversation_language(
    libretranslate: Any, tmp_path: Path
) -> None:
    libretranslate.canned["pl->en"] = {"nie wiem": "I don't know"}
    english, info = understand("nie wiem", "pl", translator_for(libretranslate.url, tmp_path))

    assert info["code"] == "pl"
    assert english == "I don't know"


def test_without_a_translator_the_message_is_read_as_written(tmp_path: Path) -> None:
    english, info = understand("hola, mi hija tiene autismo", None, translator_for(None, tmp_path))

    assert english == "hola, mi hija tiene autismo" and info["code"] == "es"


def test_the_pipeline_steps_translate_then_restore_and_name_a_language_request(
    libretranslate: Any, tmp_path: Path
) -> None:
    libretranslate.canned["es->en"] = {
        "hola, necesito ayuda con el colegio": "hello, I need help with school"
    }
    first = LanguageUnderstanding(translator_for(libretranslate.url, tmp_path))
    last = LanguageRequest()
    spanish = Message(data={"text": "hola, necesito ayuda con el colegio"})
    urdu = Message(data={"text": "in Urdu please"})

    first.process([spanish, urdu], tracker_with_language("en"))
    assert spanish.get("text") == "hello, I need help with school"
    last.process([spanish, urdu])

    assert spanish.get("text") == "hola, necesito ayuda con el colegio"
    assert spanish.get("language")["code"] == "es"
    assert spanish.get("language")["text_en"] == "hello, I need help with school"
    assert urdu.get("intent") == {"name": "switch_language", "confidence": 1.0}
    assert urdu.get("language")["code"] == "ur"
    assert "language" in spanish.as_dict(only_output_properties=True)


def test_button_payloads_pass_untouched(tmp_path: Path) -> None:
    message = Message(data={"text": "/menu_topics"})
    LanguageUnderstanding(translator_for(None, tmp_path)).process([message], None)
    assert message.get("language") is None and message.get("text") == "/menu_topics"


def test_yes_or_no_in_another_language_is_affirm_or_deny_even_without_a_translator(
    tmp_path: Path,
) -> None:
    first = LanguageUnderstanding(translator_for(None, tmp_path))
    last = LanguageRequest()
    replies = {text: Message(data={"text": text}) for text in ("tak", "نہیں", "haa", "1", "yes")}
    for message in replies.values():
        message.set("intent", {"name": "goodbye", "confidence": 0.6}, add_to_output=True)

    first.process(list(replies.values()), tracker_with_language("pl"))
    last.process(list(replies.values()))

    assert replies["tak"].get("intent")["name"] == "affirm"
    assert replies["نہیں"].get("intent")["name"] == "deny"
    assert replies["haa"].get("intent")["name"] == "affirm"
    assert replies["1"].get("intent")["name"] == "goodbye"  # a menu number is left to the menu
    assert yes_or_no("2") is None and yes_or_no("nie") == "deny"


def test_a_rewound_turn_does_not_take_the_persons_language_away(tmp_path: Path) -> None:
    # Rasa's two-stage fallback rewinds the turns it did not understand, and the slot set
    # there with them; the person's language is still the one of their latest message.
    tracker = tracker_with_language(None)
    urdu = "السلام علیکم، مجھے اپنے بیٹے کے لیے مدد چاہیے"
    tracker.update(
        UserUttered(urdu, parse_data={"text": urdu, "language": {"code": "ur", "original": urdu}})
    )
    tracker.update(SlotSet("language", "ur"))
    tracker.update(UserUtteranceReverted())
    assert tracker.get_slot("language") != "ur"  # the rewind took the slot back

    assert conversation_language(tracker) == "ur"
    message = Message(data={"text": "1"})
    LanguageUnderstanding(translator_for(None, tmp_path)).process([message], tracker)
    assert message.get("language")["code"] == "ur"


def test_without_any_message_the_slot_is_the_language() -> None:
    assert conversation_language(tracker_with_language("pl")) == "pl"
    assert conversation_language(None) is None
