"""The custom NLG named in bot/endpoints.yml: Rasa's responses, then the person's language."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.language.reviewed import reviewed_strings
from bot.language.translator import Translator, TranslatorSettings
from bot.nlg import TranslatingNLG

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def rasa_domain() -> Domain:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Domain.load(str(REPO / "bot" / "domain"))


def nlg_for(domain: Domain, url: str | None, tmp_path: Path) -> TranslatingNLG:
    nlg = TranslatingNLG(domain=domain)
    nlg.translator = Translator(
        TranslatorSettings(libre_url=url, timeout=2, cooldown=0, memory_path=tmp_path / "tm.db"),
        reviewed=reviewed_strings(),
    )
    return nlg


def tracker(domain: Domain, language: str) -> DialogueStateTracker:
    t = DialogueStateTracker("parent-1", domain.slots)
    t.update(SlotSet("language", language))
    return t


def test_both_endpoint_files_name_the_translating_nlg() -> None:
    for name in ("endpoints.yml", "endpoints.production.yml"):
        config = yaml.safe_load((REPO / "bot" / name).read_text())
        assert config["nlg"] == {"type": "bot.nlg.TranslatingNLG"}


async def test_rasa_loads_the_nlg_from_the_endpoint_configuration(
    rasa_domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasa.core.nlg.generator import NaturalLanguageGenerator
    from rasa.utils.endpoints import read_endpoint_config

    monkeypatch.setenv("ACTION_SERVER_URL", "http://127.0.0.1:1/webhook")
    monkeypatch.setenv("TRACKER_DB", "unused.db")
    config = read_endpoint_config(str(REPO / "bot" / "endpoints.yml"), "nlg")
    assert isinstance(NaturalLanguageGenerator.create(config, rasa_domain), TranslatingNLG)


async def test_the_menu_comes_in_ukrainian(rasa_domain: Domain, tmp_path: Path) -> None:
    nlg = nlg_for(rasa_domain, None, tmp_path)

    message = await nlg.generate("utter_menu", tracker(rasa_domain, "uk"), "rest")

    assert message["text"].startswith("Що Ви хочете зробити?")
    assert message["buttons"][1]["payload"] == "/menu_view"


async def test_english_is_rasas_own_response(rasa_domain: Domain, tmp_path: Path) -> None:
    nlg = nlg_for(rasa_domain, None, tmp_path)

    message = await nlg.generate("utter_stop", tracker(rasa_domain, "en"), "rest")

    assert message["text"] == rasa_domain.responses["utter_stop"][0]["text"]


async def test_a_topic_goes_through_the_translator_for_spanish(
    rasa_domain: Domain, libretranslate: Any, tmp_path: Path
) -> None:
    nlg = nlg_for(rasa_domain, libretranslate.url, tmp_path)

    message = await nlg.generate("utter_topic_sendiass", tracker(rasa_domain, "es"), "rest")

    assert message["text"].startswith("[es] ") and "SENDIASS" in message["text"]


async def test_arguments_from_an_action_fill_the_reviewed_text(
    rasa_domain: Domain, tmp_path: Path
) -> None:
    nlg = nlg_for(rasa_domain, None, tmp_path)

    message = await nlg.generate(
        "utter_ask_affirmation", tracker(rasa_domain, "ro"), "rest", label="Short breaks"
    )

    assert message["text"].startswith(reviewed_strings().note("ro"))
    assert "V-ați referit la: Short breaks?" in message["text"]
