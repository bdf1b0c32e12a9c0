"""Scoring the anonymiser against messages whose identifiers a person marked.

The labelled files (``labelled/identifiers_*.jsonl``) hold one message a line:
``{"text": ..., "ids": [[identifier text, kind], ...]}``. Every occurrence of an
identifier's text (as whole words) is an identifier of that kind.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.privacy.anonymiser import find_identifiers
from bot.privacy.patterns import Span

LABELLED = Path(__file__).with_name("labelled")
# The next blind set: written by someone who never saw the code, added to ``labelled/``
# only when it is scored, once. Never tuned or trained on before then.
SEALED_SET = "holdout23"
_TOKEN = re.compile(r"[^\W_]+")


@dataclass
class Example:
    """One labelled message."""

    text: str
    ids: list[tuple[str, str]]


def labelled_sets() -> list[str]:
    """The names of the labelled sets in ``labelled/``, and the sealed one."""
    found = {p.stem.removeprefix("identifiers_") for p in LABELLED.glob("identifiers_*.jsonl")}
    return sorted(found | {SEALED_SET})


def load_examples(split: str) -> list[Example]:
    """Read ``labelled/identifiers_<split>.jsonl`` (``dev``, ``holdout``, ``holdout9``...).

    Raises:
        FileNotFoundError: With a plain message if the set is not there (the sealed
            ``SEALED_SET`` is added only when it is scored).
    """
    path = LABELLED / f"identifiers_{split}.jsonl"
    if not path.exists():
        why = " yet (the sealed set is added only when it is scored)" if split == SEALED_SET else ""
        raise FileNotFoundError(f"No labelled set {split!r}: {path} does not exist{why}")
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            examples.append(Example(record["text"], [tuple(pair) for pair in record["ids"]]))
    return examples


# A person's title stays by design ("Mrs [name]"): alone it identifies no one. The sets
# mark names without it; holdout10's writer was asked to mark "Mrs Patel" whole, so a
# leading title is taken off a marked name before scoring.
_TITLE = re.compile(
    # "Mr and Mrs Hussain" -> "Hussain" (since 3.3)
    r"(?i)^(?:mr\.?\s+(?:and|&)\s+)?"
    r"(?:mr|mrs|ms|miss|mx|dr|prof|mme|mlle|m\.|doamna|domnul|pani|pan|sra|sr|"
    r"senhora|senhor|señora|señor|hanım|bey|міс|місіс|пані|пан)\.?\s+"
)


def without_title(value: str, kind: str) -> str:
    """A marked name without a leading title ("Mrs Patel" -> "Patel")."""
    if kind != "name":
        return value
    match = _TITLE.match(value)
    return value[match.end() :] if match and value[match.end() :].strip() else value


def gold_spans(example: Example) -> list[tuple[int, int, str]]:
    """Every occurrence of every marked identifier, as ``(start, end, kind)``."""
    spans = []
    for value, kind in example.ids:
        value = without_title(value, kind)
        pattern = r"(?<![\w])" + re.escape(value) + r"(?![\w])"
        found = [(m.start(), m.end(), kind) for m in re.finditer(pattern, example.text)]
        if not found:
            # A name with a case ending joined to it (Bengali "রাফির" for "রাফি"'s) is marked
            # bare; the whole written word must then go.
            found = [
                (m.start(), m.end(), kind) for m in re.finditer(re.escape(value), example.text)
            ]
        if not found:
            raise ValueError(f"{value!r} is not in {example.text!r}")
        spans.extend(found)
    return spans


@dataclass
class Score:
    """Counts over a set of messages."""

    identifiers: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    kept_words: int = 0
    ordinary_words: int = 0
    removed_words: int = 0
    removed_identifier_words: int = 0
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    over_removed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of identifiers caught (a name only if every one of its words is gone)."""
        total = sum(self.identifiers.values())
        return sum(self.caught.values()) / total if total else 1.0

    @property
    def kept_word_precision(self) -> float:
        """Share of ordinary (non-identifying) words that are kept."""
        return self.kept_words / self.ordinary_words if self.ordinary_words else 1.0

    @property
    def removal_precision(self) -> float:
        """Share of removed words that were really part of an identifier."""
        return self.removed_identifier_words / self.removed_words if self.removed_words else 1.0


def _covered(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def score(
    examples: Iterable[Example], find: Callable[[str], list[Span]] = find_identifiers
) -> Score:
    """Run the anonymiser (or another ``find``) over labelled messages and count what it
    caught and kept."""
    result = Score()
    for example in examples:
        gold = gold_spans(example)
        found = find(example.text)
        # A postcode's district stays on purpose: only its inward code must go.
        removed = [(s.start, s.end) for s in found if s.label != "postcode"]
        removed += [(s.start + len(s.replacement), s.end) for s in found if s.label == "postcode"]
        for start, end, kind in gold:
            result.identifiers[kind] += 1
            pieces = [
                (m.start() + start, m.end() + start)
                for m in _TOKEN.finditer(example.text[start:end])
            ]
            if kind == "postcode":
                # The inward code (the last three characters) must go; the district stays,
                # also when the two are written without a space ("BD30QR" -> "BD3").
                pieces = [(end - 3, end)]
            if all(_covered(s, e, removed) for s, e in pieces):
                result.caught[kind] += 1
            else:
                result.missed.append((kind, example.text[start:end], example.text))
        for match in _TOKEN.finditer(example.text):
            inside_gold = any(s <= match.start() and match.end() <= e for s, e, _ in gold)
            gone = _covered(match.start(), match.end(), removed)
            if gone:
                result.removed_words += 1
                result.removed_identifier_words += inside_gold
                if not inside_gold:
                    result.over_removed.append((match.group(), example.text))
            if not inside_gold:
                result.ordinary_words += 1
                result.kept_words += not gone
    return result
