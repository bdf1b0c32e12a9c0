"""SEND words explained: one lookup for "what does SENCo mean?", "what is a TA", "what's EHCNA".

The entries are in ``data/glossary.yml``. A term that is also a Local Offer topic
(EHCP, SENCo...) points at the topic, whose fuller explanation is given instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

GLOSSARY_FILE = Path(__file__).with_name("data") / "glossary.yml"

# Words around a term in a question ("what does X mean?"), ignored when deciding
# whether a message is only a question about a short term such as "ta" or "ot".
_QUESTION_WORDS = set(
    [
        "what",
        "whats",
        "what's",
        "wot",
        "wots",
        "wot's",
        "wat",
        "wats",
        "wat's",
        "is",
        "are",
        "does",
        "do",
        "a",
        "an",
        "the",
        "mean",
        "means",
        "meaning",
        "of",
        "stand",
        "stands",
        "for",
        "define",
        "explain",
        "tell",
        "me",
        "about",
        "please",
        "pls",
        "plz",
        "by",
        "you",
        "u",
        "does",
        "it",
        "abbreviation",
        "word",
        "acronym",
        "letters",
        "term",
    ]
)


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    term: str
    aliases: tuple[str, ...]
    meaning: str | None = None
    topic: str | None = None


@cache
def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    """The glossary entries, in file order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Term(
            term=str(entry["term"]),
            aliases=tuple(str(a) for a in entry.get("aliases") or ()),
            meaning=entry.get("meaning"),
            topic=entry.get("topic"),
        )
        for entry in data["terms"]
    )


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['’-][a-z0-9]+)*", text.lower())


def find_term(text: str | None, glossary: tuple[Term, ...] | None = None) -> Term | None:
    """Find the SEND term a message asks about.

    Longer names win ("EHC needs assessment" over "EHC"). Names of three letters or
    fewer ("TA", "OT", "HI") count only when typed in capitals, or when the message
    is nothing but a question about them ("what's a ta?"), so "hi" and "add" in an
    ordinary sentence are not mistaken for terms.

    Args:
        text: The message (its English translation, when there is one).
        glossary: The entries (default: the shipped glossary).

    Returns:
        The entry, or ``None``.
    """
    if not text:
        return None
    entries = glossary if glossary is not None else load_glossary()
    words = _words(text)
    joined = " " + " ".join(words) + " "
    only_question = [w for w in words if w not in _QUESTION_WORDS]
    best: tuple[int, Term] | None = None
    for entry in entries:
        for name in (entry.term, *entry.aliases):
            name_words = _words(name)
            if not name_words:
                continue
            phrase = " ".join(name_words)
            if f" {phrase} " not in joined:
                continue
            if len(phrase) <= 3:
                typed = re.search(rf"(?<![A-Za-z]){re.escape(name.upper())}(?![A-Za-z])", text)
                if not typed and only_question != name_words:
                    continue
            if best is None or len(phrase) > best[0]:
                best = (len(phrase), entry)
    return best[1] if best else None
