"""The translator: deep-translator's real LibreTranslate client against a local stand-in server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.language.memory import TranslationMemory
from bot.language.protect import protect, restore, strip_protected
from bot.language.reviewed import ReviewedStrings
from bot.language.translator import Translator, TranslatorSettings, settings_from_env


def make_translator(
    url: str | None, tmp_path: Path, *, timeout: float = 2.0, reviewed: Path | None = None
) -> Translator:
    settings = TranslatorSettings(
        libre_url=url, timeout=timeout, cooldown=0, memory_path=tmp_path / "tm.db"
    )
    return Translator(settings, reviewed=ReviewedStrings(reviewed or tmp_path))


def test_send_terms_links_and_numbers_are_kept_through_placeholders() -> None:
    text = "Ask the SENCo about an EHC plan. Call 0113 496 0123 or see https://example.org/x."
    protected = protect(text)
    assert "SENCo" not in protected.text and "0113" not in protected.text
    assert protected.kept == ("SENCo", "EHC plan", "0113 496 0123", "https://example.org/x")
    translated = protected.text.replace("Ask the", "Zapytaj").replace("[2]", "[ ٢ ]")
    assert restore(translated, protected.kept) == (
        "Zapytaj SENCo about an EHC plan. Call 0113 496 0123 or see https://example.org/x."
    )


def test_a_translation_that_lost_a_placeholder_is_refused() -> None:
    protected = protect("What is an EHCP?")
    assert restore("Co to jest?", protected.kept) is None
    assert restore("Co to jest [7]?", protected.kept) is None


def test_the_verb_send_is_not_a_protected_term() -> None:
    assert protect("Please send STOP to stop.").kept == ()
    assert protect("Children with SEND").kept == ("SEND",)


def test_strip_protected_leaves_only_ordinary_words() -> None:
    assert strip_protected("szkola mowi o EHCP 07700 900123").split() == ["szkola", "mowi", "o"]


def test_a_reply_is_translated_by_libretranslate_keeping_the_term(
    libretranslate: Any, tmp_path: Path
) -> None:
    libretranslate.canned["en->pl"] = {"What is an [0]?": "Co to jest [0]?"}
    translator = make_translator(libretranslate.url, tmp_path)

    result = translator.from_english("What is an EHCP?", "pl")

    assert (result.text, result.ok, result.origin) == ("Co to jest EHCP?", True, "machine")
    assert libretranslate.requests[-1]["q"] == "What is an [0]?"
    assert libretranslate.requests[-1]["target"] == "pl"


def test_a_reply_translated_once_comes_from_the_memory_next_time(
    libretranslate: Any, tmp_path: Path
) -> None:
    translator = make_translator(libretranslate.url, tmp_path)
    first = translator.from_english("Thank you for telling me.", "es")
    asked = len(libretranslate.requests)

    second = translator.from_english("Thank you for telling me.", "es")

    assert first.origin == "machine" and second.origin == "memory"
    assert second.text == first.text == "[es] Thank you for telling me."
    assert len(libretranslate.requests) == asked
    assert TranslationMemory(tmp_path / "tm.db").count() == 1


def test_a_parents_message_is_translated_but_never_stored(
    libretranslate: Any, tmp_path: Path
) -> None:
    libretranslate.canned["pl->en"] = {"co to jest [0]": "what is [0]"}
    translator = make_translator(libretranslate.url, tmp_path)

    result = translator.to_english("co to jest EHCP", "pl")

    assert (result.text, result.ok) == ("what is EHCP", True)
    assert TranslationMemory(tmp_path / "tm.db").count() == 0


def test_a_reviewed_override_wins_over_the_machine(libretranslate: Any, tmp_path: Path) -> None:
    (tmp_path / "pl.yml").write_text(
        'language: pl\noverrides:\n  "What is an EHCP?": "Czym jest EHCP?"\n', encoding="utf-8"
    )
    translator = make_translator(libretranslate.url, tmp_path, reviewed=tmp_path)

    result = translator.from_english("What is an  EHCP?", "pl")

    assert (result.text, result.origin) == ("Czym jest EHCP?", "reviewed")
    assert libretranslate.requests == []


def test_a_slow_translator_times_out_and_english_comes_back(
    libretranslate: Any, tmp_path: Path
) -> None:
    libretranslate.delay = 1.5
    translator = make_translator(libretranslate.url, tmp_path, timeout=0.3)

    result = translator.from_english("Hello there.", "es")

    assert (result.text, result.ok, result.origin) == ("Hello there.", False, "failed")


def test_after_a_failure_the_translator_is_not_asked_again_during_the_cool_down(
    libretranslate: Any, tmp_path: Path
) -> None:
    libretranslate.delay = 1.0
    settings = TranslatorSettings(
        libre_url=libretranslate.url, timeout=0.2, cooldown=60, memory_path=tmp_path / "tm.db"
    )
    translator = Translator(settings, reviewed=ReviewedStrings(tmp_path))
    translator.from_english("Hello.", "es")
    asked = len(libretranslate.requests)

    result = translator.from_english("Goodbye.", "es")

    assert not result.ok and not translator.machine_available
    assert len(libretranslate.requests) == asked


def test_a_language_the_server_does_not_offer_is_not_sent(
    libretranslate: Any, tmp_path: Path
) -> None:
    translator = make_translator(libretranslate.url, tmp_path)

    result = translator.from_english("Hello.", "so")

    assert not result.ok
    assert libretranslate.requests == []


def test_a_translator_that_is_down_gives_english(tmp_path: Path) -> None:
    from bot_factories import unused_local_url

    translator = make_translator(unused_local_url(), tmp_path, timeout=1)

    assert translator.from_english("Hello.", "pl").ok is False
    assert translator.to_english("Dzień dobry", "pl").text == "Dzień dobry"


def test_without_a_translation_server_nothing_is_machine_translated(tmp_path: Path) -> None:
    translator = make_translator(None, tmp_path)

    assert translator.engine is None
    assert translator.from_english("Hello.", "pl").origin == "failed"
    assert translator.from_english("Hello.", "en").origin == "same"


@pytest.mark.parametrize(
    ("env", "provider", "machine"),
    [
        ({}, "libre", False),
        ({"LIBRETRANSLATE_URL": "http://127.0.0.1:5000"}, "libre", True),
        ({"TRANSLATOR": "none", "LIBRETRANSLATE_URL": "http://127.0.0.1:5000"}, "none", False),
        ({"TRANSLATOR": "deepl"}, "deepl", False),
        ({"TRANSLATOR": "deepl", "DEEPL_API_KEY": "k"}, "deepl", True),
        ({"TRANSLATOR": "microsoft", "MICROSOFT_TRANSLATOR_KEY": "k"}, "microsoft", True),
        ({"TRANSLATOR": "google"}, "google", True),
        ({"TRANSLATOR": "klingon"}, "none", False),
    ],
)
def test_the_provider_is_chosen_by_configuration(
    env: dict[str, str], provider: str, machine: bool, tmp_path: Path
) -> None:
    settings = settings_from_env({**env, "VAR_DIR": str(tmp_path)})
    translator = Translator(settings, reviewed=ReviewedStrings(tmp_path))

    assert settings.provider == provider
    assert (translator.engine is not None) == machine
    assert settings.memory_path == tmp_path / "translations.db"


def test_libretranslate_with_a_key_refuses_a_wrong_key(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fakes"))
    from libretranslate import FakeLibreTranslate

    fake = FakeLibreTranslate({}, api_key="right-key").start()
    try:
        wrong = Translator(
            TranslatorSettings(libre_url=fake.url, libre_api_key="wrong", cooldown=0),
            reviewed=ReviewedStrings(tmp_path),
        )
        right = Translator(
            TranslatorSettings(libre_url=fake.url, libre_api_key="right-key", cooldown=0),
            reviewed=ReviewedStrings(tmp_path),
        )
        assert wrong.from_english("Hello.", "pl").ok is False
        assert right.from_english("Hello.", "pl").text == "[pl] Hello."
    finally:
        fake.stop()
