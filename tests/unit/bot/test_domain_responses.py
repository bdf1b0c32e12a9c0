"""The domain's words: topics from the shared contract, plain sentences, menus that match."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.actions.labels import LABELS
from bot.actions.menu import MENU_RESPONSES, MENUS

REPO_ROOT = Path(__file__).resolve().parents[3]
CONTRACT_DIR = Path(os.environ.get("CONTRACT_DIR", REPO_ROOT.parent / "shared" / "contract"))


@pytest.fixture(scope="module")
def topics() -> list[dict[str, Any]]:
    path = CONTRACT_DIR / "topics.yml"
    if not path.exists():
        pytest.skip(f"shared contract not found at {path} (set CONTRACT_DIR)")
    return yaml.safe_load(path.read_text(encoding="utf-8"))["topics"]


def text_of(domain: dict[str, Any], response: str) -> str:
    return domain["responses"][response][0]["text"]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def test_every_contract_topic_has_an_intent_and_an_explanation(
    domain: dict[str, Any], topics: list[dict[str, Any]]
) -> None:
    for topic in topics:
        assert f"topic_{topic['code']}" in domain["intents"]
        assert f"utter_topic_{topic['code']}" in domain["responses"]


def test_every_explanation_contains_its_must_mention_words(
    domain: dict[str, Any], topics: list[dict[str, Any]]
) -> None:
    for topic in topics:
        text = text_of(domain, f"utter_topic_{topic['code']}").lower()
        for words in topic["must_mention"]:
            assert words.lower() in text, f"{topic['code']} must mention {words!r}"


def test_every_explanation_has_three_to_five_short_sentences(domain: dict[str, Any]) -> None:
    for name in (r for r in domain["responses"] if r.startswith("utter_topic_")):
        found = sentences(text_of(domain, name))
        assert 3 <= len(found) <= 5, f"{name} has {len(found)} sentences"
        for sentence in found:
            assert len(sentence.split()) < 20, f"{name}: {sentence!r} is too long"


def test_every_explanation_says_where_to_get_help(domain: dict[str, Any]) -> None:
    for name in (r for r in domain["responses"] if r.startswith("utter_topic_")):
        text = text_of(domain, name)
        assert "SENDIASS" in text or "Citizens Advice" in text, name


def test_no_explanation_invents_a_phone_number(domain: dict[str, Any]) -> None:
    for name in (r for r in domain["responses"] if r.startswith("utter_topic_")):
        assert not re.search(r"\d[\d ]{5,}\d", text_of(domain, name)), name


def test_every_topic_intent_has_a_friendly_label(domain: dict[str, Any]) -> None:
    for intent in domain["intents"]:
        name = intent if isinstance(intent, str) else next(iter(intent))
        if name.startswith("topic_"):
            assert name in LABELS


# The "Did you mean ...?" menu is built at run time, so only fixed menus are checked here.
FIXED_MENU_RESPONSES = sorted(r for r, menu in MENU_RESPONSES.items() if menu in MENUS)


@pytest.mark.parametrize("response", FIXED_MENU_RESPONSES)
def test_menu_buttons_and_numbers_match_the_menu_options(
    domain: dict[str, Any], response: str
) -> None:
    menu = MENU_RESPONSES[response]
    reply = domain["responses"][response][0]
    payloads = [button["payload"] for button in reply["buttons"]]
    assert payloads == [f"/{option}" for option in MENUS[menu]]
    for number, button in enumerate(reply["buttons"], start=1):
        assert button["title"].startswith(f"{number} ")
        assert f"\n{button['title']}" in reply["text"]


def test_the_consent_question_says_who_sees_it_and_how_to_answer(domain: dict[str, Any]) -> None:
    reply = domain["responses"]["utter_ask_view_consent"][0]
    assert "parent carer forum" in reply["text"]
    assert "Only the forum will see it" in reply["text"]
    assert "take out names, numbers and schools" in reply["text"]
    assert "delete it" in reply["text"]
    assert reply["text"].endswith(
        "Reply 1 for yes, 2 for no, or 3 for yes and to hear back if things change."
    )
    assert [b["payload"] for b in reply["buttons"]] == ["1", "2", "3"]
    assert [b["title"] for b in reply["buttons"]] == ["1 Yes", "2 No", "3 Yes, and keep me posted"]


def test_stop_says_how_to_start_again(domain: dict[str, Any]) -> None:
    assert "START" in text_of(domain, "utter_stop")
    assert "START" in text_of(domain, "utter_stop_view_cancelled")
    assert "not passed" in text_of(domain, "utter_stop_view_cancelled")


def test_help_says_what_the_service_is_and_how_to_reach_a_person(domain: dict[str, Any]) -> None:
    text = text_of(domain, "utter_help")
    for words in ("parent carer forum", "anonymous", "not an emergency", "SENDIASS", "STOP"):
        assert words in text


def test_after_a_second_failure_the_menu_and_human_help_are_offered(domain: dict[str, Any]) -> None:
    reply = domain["responses"]["utter_default"][0]
    assert "SENDIASS" in reply["text"]
    assert len(reply["buttons"]) == 3


def test_the_affirmation_question_shows_a_label_never_an_intent(domain: dict[str, Any]) -> None:
    reply = domain["responses"]["utter_ask_affirmation"][0]
    assert "{label}" in reply["text"]
    assert "Reply 1 for yes or 2 for no" in reply["text"]
