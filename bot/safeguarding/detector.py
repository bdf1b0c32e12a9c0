"""Does a message show that someone is at risk now? ``check`` answers, in any language.

The answer comes from phrase lexicons (``lexicon.py``), read clause by clause:

- a ``now`` phrase ("I want to die", "my son is missing") is a risk unless negated
  ("I'm not going to kill myself");
- an ``event`` phrase ("he took an overdose") is a risk unless the clause puts it in the
  past ("last year", "when she was 12", "used to") and says nothing of now ("again",
  "tonight");
- a ``topic`` word ("self-harm") is a risk only when the clause is about a person
  ("my daughter", "I"), not in the past, and not about services or training;
- two different phrases of despair (``weak``: "I can't go on", "I want it all to stop")
  anywhere in the message are a risk.

Every language's lexicon is tried on every message, because language detection is
unreliable on a short message and people mix languages. An English translation, when
the caller has one, is checked too: either being a risk is enough.

Nothing here logs or keeps the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.safeguarding.lexicon import CATEGORIES, Lexicon, load_lexicons
from bot.safeguarding.normalise import clauses

NEGATION_WINDOW = 3  # words before a phrase that can negate it


@dataclass(frozen=True)
class Assessment:
    """The outcome of a check.

    Attributes:
        risk: True when the message shows a current risk: reply with urgent help, never
            pass it on as a view.
        category: What kind of risk (one of ``CATEGORIES``), or None.
        language: The language of the lexicon that matched, or None.
        rule: Which kind of phrase matched (``now``, ``event``, ``topic``, ``weak``), for
            tests and the benchmark; never the words themselves.
    """

    risk: bool
    category: str | None = None
    language: str | None = None
    rule: str | None = None


NO_RISK = Assessment(risk=False)


def _search(patterns: Iterable[re.Pattern[str] | None], text: str) -> bool:
    return any(p is not None and p.search(text) for p in patterns)


def _remove(patterns: Iterable[re.Pattern[str] | None], text: str) -> str:
    for pattern in patterns:
        if pattern is not None:
            text = pattern.sub(" ~ ", text)
    return text


@dataclass(frozen=True)
class _Context:
    text: str  # the clause with "ignore" phrases taken out
    past: bool
    present: bool
    service: bool
    person: bool
    negations: tuple[re.Pattern[str], ...]

    def negated(self, start: int) -> bool:
        before = " ".join(self.text[:start].split()[-NEGATION_WINDOW:])
        return bool(before) and _search(self.negations, before)


def _context(clause: str, lexicons: tuple[Lexicon, ...]) -> _Context:
    markers = [lexicon.markers for lexicon in lexicons]
    text = _remove((m["ignore"] for m in markers), clause)
    # Past phrases are taken out before looking for the present, so that "he is much
    # better now" counts as the past and not as "now".
    without_past = _remove((m["past"] for m in markers), text)
    return _Context(
        text=text,
        past=without_past != text,
        present=_search((m["present"] for m in markers), without_past),
        service=_search((m["service"] for m in markers), text),
        person=_search((m["person"] for m in markers), text),
        negations=tuple(m["negation"] for m in markers if m["negation"] is not None),
    )


def _assess_clause(context: _Context, lexicon: Lexicon) -> Assessment | None:
    for category in CATEGORIES:
        for pattern in lexicon.now.get(category, ()):
            for match in pattern.finditer(context.text):
                if not context.negated(match.start()):
                    return Assessment(True, category, lexicon.language, "now")
        if not context.past or context.present:
            for pattern in lexicon.event.get(category, ()):
                for match in pattern.finditer(context.text):
                    if not context.negated(match.start()):
                        return Assessment(True, category, lexicon.language, "event")
        if context.person and not context.past and (not context.service or context.present):
            for pattern in lexicon.topic.get(category, ()):
                for match in pattern.finditer(context.text):
                    if not context.negated(match.start()):
                        return Assessment(True, category, lexicon.language, "topic")
    return None


def _weak_signals(context: _Context, lexicon: Lexicon) -> set[int]:
    found = set()
    for index, pattern in enumerate(lexicon.weak):
        match = pattern.search(context.text)
        if match and not context.negated(match.start()):
            found.add(index)
    return found


def _assess(text: str, lexicons: tuple[Lexicon, ...]) -> Assessment:
    weak: dict[str, set[int]] = {}
    for clause in clauses(text):
        english = _context(clause.english, lexicons)
        plain = english if clause.plain == clause.english else _context(clause.plain, lexicons)
        for lexicon in lexicons:
            context = english if lexicon.language == "en" else plain
            found = _assess_clause(context, lexicon)
            if found is not None:
                return found
            weak.setdefault(lexicon.language, set()).update(_weak_signals(context, lexicon))
    for language, signals in weak.items():
        if len(signals) >= 2:
            return Assessment(True, "suicide", language, "weak")
    return NO_RISK


def check(text: str | None, language: str | None = None, text_en: str | None = None) -> Assessment:
    """Say whether a message shows a current risk to a parent or child.

    Args:
        text: The message as the person wrote it.
        language: The conversation language (ISO 639-1), if known. Every lexicon is
            tried whatever it is; it only names the language of the answer when the
            match came from the English translation.
        text_en: An English translation of the message, if the caller has one.

    Returns:
        An ``Assessment``; ``risk`` is True when the reply must be the urgent-help message.
    """
    if not text or not text.strip():
        return NO_RISK
    lexicons = load_lexicons()
    found = _assess(text, lexicons)
    if found.risk or not text_en or not text_en.strip():
        return found
    english = tuple(lexicon for lexicon in lexicons if lexicon.language == "en")
    translated = _assess(text_en, english)
    if translated.risk:
        return Assessment(True, translated.category, language or "en", translated.rule)
    return NO_RISK
