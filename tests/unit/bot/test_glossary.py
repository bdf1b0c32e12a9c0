"""The glossary: at least 40 SEND terms, one lookup, plain answers."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.localoffer.glossary import find_term, load_glossary

TOPIC_CODES = {
    "local_offer",
    "ehcp",
    "ehc_needs_assessment",
    "sen_support",
    "senco",
    "annual_review",
    "short_breaks",
    "transport",
    "sendiass",
    "personal_budget",
    "mediation",
    "tribunal",
    "parent_carer_forum",
    "preparing_for_adulthood",
    "speech_language_therapy",
    "disability_living_allowance",
    "carers_assessment",
    "early_years",
}


def test_the_glossary_has_at_least_40_terms_each_with_an_answer(domain: dict[str, Any]) -> None:
    glossary = load_glossary()
    assert len(glossary) >= 40
    for term in glossary:
        assert term.meaning or term.topic, term.term
        if term.topic:
            assert term.topic in TOPIC_CODES
            assert f"utter_topic_{term.topic}" in domain["responses"]


def test_every_meaning_says_where_to_get_help() -> None:
    helpers = re.compile(
        r"SENDIASS|SENCo|GP|health visitor|Citizens Advice|social worker|children's services|"
        r"virtual school|forum|Ask|ask|join",
        re.I,
    )
    for term in load_glossary():
        if term.meaning:
            assert helpers.search(term.meaning), term.term


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("what does SENCo mean?", "SENCo"),
        ("what is a TA", "TA"),
        ("what's EHCNA", "EHCNA"),
        ("wots a ta", "TA"),
        ("what does OT stand for", "OT"),
        ("what is an educational psychologist", "EP"),
        ("school said my son is SEMH, what does that mean", "SEMH"),
        ("what is an EHC needs assessment", "EHCNA"),
        ("the letter says PMLD, what does that mean", "MLD"),
        ("what are reasonable adjustments", "reasonable adjustments"),
        ("what is a resource base", "resourced provision"),
        ("what does EOTAS mean", "EOTAS"),
    ],
)
def test_a_question_finds_its_term(question: str, term: str) -> None:
    found = find_term(question)
    assert found is not None and found.term == term


@pytest.mark.parametrize(
    "question",
    ["hi there", "can you add my view", "ta very much", "what is the weather", ""],
)
def test_ordinary_words_are_not_mistaken_for_terms(question: str) -> None:
    assert find_term(question) is None


def test_topic_words_point_at_the_topic() -> None:
    assert find_term("what does SENCo mean?").topic == "senco"
    assert find_term("what is respite").topic == "short_breaks"
