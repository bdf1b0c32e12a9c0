"""Plain English: every English reply, explanation, glossary entry and sample service is plain.

The gate (textstat): Flesch-Kincaid grade at most 6 (reading age about 11 at most; the
aim is about 9) and no sentence over 25 words. Placeholders are filled with typical values.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from bot.language.readability import MAX_GRADE, MAX_SENTENCE_WORDS, measure, sentences
from bot.localoffer.directory import SAMPLE_FILE
from bot.localoffer.glossary import load_glossary

TYPICAL = {
    "label": "Short breaks",
    "term": "TA",
    "meaning": "A TA is a teaching assistant.",
    "name": "Northfield SENDIASS",
    "description": "Free advice about SEND.",
    "cost": "Free",
    "contact": "0113 496 0101",
    "phone": "0113 496 0101",
    "link": "https://example.org/northfield",
}


def filled(text: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: TYPICAL.get(m.group(1), "it"), text)


def english_replies(domain: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (name, filled(variation["text"]))
        for name, variations in domain["responses"].items()
        for variation in variations
        if variation.get("text")
    ]


def test_the_gate_itself_fails_hard_text() -> None:
    hard = (
        "Notwithstanding the aforementioned statutory obligations, the local authority's "
        "determination regarding the appropriateness of specialist educational provision "
        "necessitates comprehensive multidisciplinary consultation."
    )
    assert measure(hard).grade > MAX_GRADE
    assert measure("The SENCo helps your child. Ask the school.").grade <= MAX_GRADE


def test_every_english_reply_is_plain(domain: dict[str, Any]) -> None:
    failures = []
    for name, text in english_replies(domain):
        figures = measure(text)
        if figures.grade > MAX_GRADE or figures.longest_sentence > MAX_SENTENCE_WORDS:
            failures.append((name, round(figures.grade, 1), figures.longest_sentence))
    assert failures == []


@pytest.mark.parametrize("term", [t for t in load_glossary() if t.meaning], ids=lambda t: t.term)
def test_every_glossary_meaning_is_plain(term: Any) -> None:
    figures = measure(term.meaning)
    assert figures.grade <= MAX_GRADE and figures.longest_sentence <= MAX_SENTENCE_WORDS


def test_every_sample_service_is_described_plainly() -> None:
    for record in json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))["content"]:
        figures = measure(record["description"])
        assert figures.grade <= MAX_GRADE, record["name"]
        assert figures.longest_sentence <= MAX_SENTENCE_WORDS, record["name"]


def test_topic_explanations_aim_for_sentences_under_20_words(domain: dict[str, Any]) -> None:
    for name, text in english_replies(domain):
        if name.startswith("utter_topic_"):
            assert all(len(s.split()) < 20 for s in sentences(text)), name


def test_every_topic_and_glossary_term_has_an_answer(domain: dict[str, Any]) -> None:
    topics = [r for r in domain["responses"] if r.startswith("utter_topic_")]
    assert len(topics) == 18
    for term in load_glossary():
        answer = term.meaning or domain["responses"][f"utter_topic_{term.topic}"][0]["text"]
        assert answer.strip()
