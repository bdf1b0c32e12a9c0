"""The reviewed translations shipped in bot/translations match the English responses."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.language.languages import CODES, REVIEWED, RTL
from bot.language.reviewed import reviewed_strings

# The core replies every reviewed language must have.
CORE = (
    "utter_greet",
    "utter_help",
    "utter_stop",
    "utter_start",
    "utter_iamabot",
    "utter_goodbye",
    "utter_you_are_welcome",
    "utter_out_of_scope",
    "utter_menu",
    "utter_anything_else",
    "utter_topics_menu",
    "utter_choice_not_understood",
    "utter_ask_affirmation",
    "utter_ask_rephrase",
    "utter_default",
    "utter_ask_view_text",
    "utter_ask_view_consent",
    "utter_consent_unclear",
    "utter_view_shared",
    "utter_view_not_shared",
    "utter_view_failed",
    "utter_view_cancelled",
    "utter_stop_view_cancelled",
    "utter_language_switched",
    "utter_glossary_term",
    "utter_glossary_unknown",
    "utter_services_found",
    "utter_services_found_one",
    "utter_service",
    "utter_services_none",
    "utter_services_ask",
    "utter_local_contact",
)
KEYWORDS = ("STOP", "START", "MENU", "SENDIASS", "999")


def english(domain: dict[str, Any], name: str) -> dict[str, Any]:
    return domain["responses"][name][0]


def test_every_served_language_has_a_note_and_a_language_switched_message() -> None:
    strings = reviewed_strings()
    for code in CODES:
        if code == "en":
            continue
        assert strings.note(code), code
        assert strings.response(code, "utter_language_switched"), code


@pytest.mark.parametrize("code", REVIEWED)
def test_a_reviewed_language_has_every_core_reply(code: str, domain: dict[str, Any]) -> None:
    strings = reviewed_strings()
    assert strings.languages[code].reviewed
    for name in CORE:
        assert name in domain["responses"], name
        assert strings.response(code, name), f"{code} has no {name}"


@pytest.mark.parametrize("code", REVIEWED)
def test_reviewed_replies_keep_placeholders_numbers_buttons_and_keywords(
    code: str, domain: dict[str, Any]
) -> None:
    strings = reviewed_strings()
    for name, reviewed in strings.languages[code].responses.items():
        source = english(domain, name)
        text = reviewed["text"]
        assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", source["text"])), (
            name
        )
        for word in KEYWORDS:
            if word in source["text"]:
                assert word in text, f"{code} {name} lost {word}"
        numbers = re.findall(r"(?m)^(\d) ", source["text"])
        assert re.findall(r"(?m)^(\d) ", text) == numbers, f"{code} {name} menu numbers"
        buttons = source.get("buttons") or []
        assert len(reviewed.get("buttons") or []) == len(buttons), f"{code} {name} buttons"
        for title, button in zip(reviewed.get("buttons") or [], buttons, strict=True):
            assert title.split()[0] == button["title"].split()[0], f"{code} {name} button number"


@pytest.mark.parametrize("code", REVIEWED)
def test_consent_questions_say_reply_1_for_yes_or_2_for_no(code: str) -> None:
    text = reviewed_strings().response(code, "utter_ask_view_consent")["text"]
    assert "1" in text and "2" in text


def test_right_to_left_languages_are_marked() -> None:
    assert {"ar", "ur", "fa"} <= RTL
    assert "pl" not in RTL
