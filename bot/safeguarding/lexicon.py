"""Phrase lexicons, one YAML file a language in ``lexicons/``.

Each file has:

- ``macros``: named pieces of pattern, used as ``{NAME}`` in the patterns below;
- ``now``: per category, phrases that say someone is at risk now ("I want to die");
- ``event``: per category, phrases about something that happened or is happening, which
  talk of the past can outweigh ("he took an overdose" vs "after his overdose in 2022");
- ``topic``: per category, words that are a risk only when said about a person, now, and
  not about services ("my daughter self harms" vs "self-harm training for schools");
- ``weak``: phrases of despair; two different ones in a message count as a risk;
- ``past``, ``present``, ``service``, ``person``, ``negation``: markers of context;
- ``ignore``: phrases that look like a risk but are not ("I want to die my hair").

Patterns are regular expressions over normalised text (see ``normalise.py``): words in
lower case separated by single spaces, English contractions expanded ("can not",
"i am"). They are folded like the text, so they may be written with accents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from bot.safeguarding.normalise import WORD_CHARS, fold

CATEGORIES = (
    "immediate_danger",
    "suicide",
    "self_harm",
    "harm_to_child",
    "domestic_abuse",
    "missing_child",
)
MARKERS = ("past", "present", "service", "person", "negation", "ignore")
_MACRO = re.compile(r"\{([A-Z_]+)\}")
_START = rf"(?<![{WORD_CHARS}])"
_END = rf"(?![{WORD_CHARS}])"


@dataclass(frozen=True)
class Lexicon:
    """The compiled patterns of one language."""

    language: str
    now: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    event: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    topic: dict[str, list[re.Pattern[str]]] = field(default_factory=dict)
    weak: list[re.Pattern[str]] = field(default_factory=list)
    markers: dict[str, re.Pattern[str] | None] = field(default_factory=dict)


def _expand_macros(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(5):  # macros may use other macros
        expanded = _MACRO.sub(lambda m: macros[m.group(1)], pattern)
        if expanded == pattern:
            break
        pattern = expanded
    return pattern


def _compile(pattern: str, macros: dict[str, str]) -> re.Pattern[str]:
    source = fold(_expand_macros(pattern, macros)).replace("'", "")
    return re.compile(_START + "(?:" + source + ")" + _END)


def _compile_any(patterns: list[str], macros: dict[str, str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    sources = [fold(_expand_macros(p, macros)).replace("'", "") for p in patterns]
    return re.compile(_START + "(?:" + "|".join(f"(?:{s})" for s in sources) + ")" + _END)


def _by_category(raw: dict[str, Any] | None, macros: dict[str, str], where: str) -> dict:
    compiled: dict[str, list[re.Pattern[str]]] = {}
    for category, patterns in (raw or {}).items():
        if category not in CATEGORIES:
            raise ValueError(f"{where}: unknown category {category!r}")
        compiled[category] = [_compile(p, macros) for p in patterns or []]
    return compiled


def build_lexicon(data: dict[str, Any]) -> Lexicon:
    """Compile one language's lexicon from its YAML content.

    Raises:
        ValueError: A category is unknown.
        re.error: A pattern is not a valid regular expression.
    """
    language = str(data["language"])
    macros = {name: f"(?:{value})" for name, value in (data.get("macros") or {}).items()}
    return Lexicon(
        language=language,
        now=_by_category(data.get("now"), macros, f"{language} now"),
        event=_by_category(data.get("event"), macros, f"{language} event"),
        topic=_by_category(data.get("topic"), macros, f"{language} topic"),
        weak=[_compile(p, macros) for p in data.get("weak") or []],
        markers={name: _compile_any(data.get(name) or [], macros) for name in MARKERS},
    )


@lru_cache(maxsize=1)
def load_lexicons() -> tuple[Lexicon, ...]:
    """Load and compile every lexicon shipped in ``bot/safeguarding/lexicons`` (once)."""
    folder = resources.files("bot.safeguarding").joinpath("lexicons")
    lexicons = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yml"):
            lexicons.append(build_lexicon(yaml.safe_load(entry.read_text(encoding="utf-8"))))
    return tuple(lexicons)
