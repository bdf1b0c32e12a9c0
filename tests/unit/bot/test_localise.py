"""Replies in the person's language: reviewed text, then the translator, else English + a note."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.language.bidi import LRI, PDI, RLM, is_rtl_safe, make_rtl
from bot.language.localise import localise
from bot.language.reviewed import reviewed_strings
from bot.language.translator import Translator, TranslatorSettings


def translator_for(url: str | None, tmp_path: Path, *, timeout: float = 2.0) -> Translator:
    settings = TranslatorSettings(
        libre_url=url, timeout=timeout, cooldown=0, memory_path=tmp_path / "tm.db"
    )
    return Translator(settings, reviewed=reviewed_strings())


def english(domain: dict[str, Any], name: str) -> dict[str, Any]:
    response = dict(domain["responses"][name][0])
    return response


def run(
    message: dict[str, Any], name: str | None, language: str, translator: Translator, **values: Any
) -> dict[str, Any]:
    return localise(
        message,
        response=name,
        language=language,
        values=values,
        translator=translator,
        reviewed=reviewed_strings(),
    )


def test_english_replies_are_left_alone(domain: dict[str, Any], tmp_path: Path) -> None:
    message = english(domain, "utter_menu")
    assert run(message, "utter_menu", "en", translator_for(None, tmp_path)) == message


def test_the_menu_in_polish_is_the_reviewed_text_with_the_same_payloads(
    domain: dict[str, Any], tmp_path: Path
) -> None:
    message = english(domain, "utter_menu")

    polish = run(message, "utter_menu", "pl", translator_for(None, tmp_path))

    assert polish["text"].startswith("W czym mogę pomóc?")
    assert [b["payload"] for b in polish["buttons"]] == [b["payload"] for b in message["buttons"]]
    assert polish["buttons"][0]["title"] == "1 Zapytaj o wsparcie dla dziecka"


def test_a_reply_without_a_reviewed_translation_goes_through_the_translator(
    domain: dict[str, Any], libretranslate: Any, tmp_path: Path
) -> None:
    message = english(domain, "utter_topic_ehcp")

    spanish = run(message, "utter_topic_ehcp", "es", translator_for(libretranslate.url, tmp_path))

    assert spanish["text"].startswith("Un plan de Educación, Salud y Atención (EHCP)")
    assert "SENDIASS" in spanish["text"]
    sent = libretranslate.requests[-1]["q"]
    assert "EHCP" not in sent and "[0]" in sent


def test_without_a_translator_the_reply_is_english_after_a_note_in_the_persons_language(
    domain: dict[str, Any], tmp_path: Path
) -> None:
    message = english(domain, "utter_topic_ehcp")

    polish = run(message, "utter_topic_ehcp", "pl", translator_for(None, tmp_path))

    note = reviewed_strings().note("pl")
    assert polish["text"] == f"{note}\n{message['text']}"


def test_a_label_inside_a_reviewed_reply_is_translated_on_its_own(
    domain: dict[str, Any], libretranslate: Any, tmp_path: Path
) -> None:
    libretranslate.canned["en->pl"] = {"Short breaks": "Przerwy wytchnieniowe"}
    message = english(domain, "utter_ask_affirmation")
    message["text"] = message["text"].replace("{label}", "Short breaks")

    polish = run(
        message,
        "utter_ask_affirmation",
        "pl",
        translator_for(libretranslate.url, tmp_path),
        label="Short breaks",
    )

    assert polish["text"].startswith("Czy chodzi o: Przerwy wytchnieniowe?")
    assert [b["title"] for b in polish["buttons"]] == ["1 Tak", "2 Nie"]


def test_an_arabic_reply_is_marked_right_to_left(domain: dict[str, Any], tmp_path: Path) -> None:
    arabic = run(english(domain, "utter_help"), "utter_help", "ar", translator_for(None, tmp_path))

    assert is_rtl_safe(arabic["text"])
    assert all(line.startswith(RLM) for line in arabic["text"].split("\n") if line)
    assert "SENDIASS" in arabic["text"] and "999" in arabic["text"]


def test_a_phone_number_inside_arabic_keeps_its_order() -> None:
    text = make_rtl("اتصل على 0113 496 0123 الآن")

    assert f"{LRI}0113 496 0123{PDI}" in text
    assert is_rtl_safe(text)
    assert not is_rtl_safe("اتصل على 0113 496 0123 الآن\nEHCP هي خطة")
    assert make_rtl(text) == text


def test_an_urdu_menu_keeps_its_numbers_and_stays_right_to_left(
    domain: dict[str, Any], tmp_path: Path
) -> None:
    urdu = run(
        english(domain, "utter_topics_menu"),
        "utter_topics_menu",
        "ur",
        translator_for(None, tmp_path),
    )

    assert is_rtl_safe(urdu["text"])
    for number in range(1, 9):
        assert f"\n{RLM}{number} " in urdu["text"]
