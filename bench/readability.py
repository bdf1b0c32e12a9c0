"""Readability of the English explanations: Flesch-Kincaid grade, reading age, longest sentence.

Run from the repo root: ``.venvs/bot/bin/python -m bench.readability``. Covers the 18
topic explanations, the other replies, the glossary and the sample directory's
service descriptions. The gate used in tests: grade at most 6, no sentence over 25 words.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

import yaml

from bot.language.readability import MAX_GRADE, MAX_SENTENCE_WORDS, measure
from bot.localoffer.directory import SAMPLE_FILE
from bot.localoffer.glossary import load_glossary

DOMAIN = Path(__file__).resolve().parents[1] / "bot" / "domain"


def responses() -> dict[str, str]:
    """English response texts by name."""
    found: dict[str, str] = {}
    for path in sorted(DOMAIN.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (data.get("responses") or {}).items():
            if variations and variations[0].get("text"):
                found[name] = variations[0]["text"]
    return found


def summary(label: str, texts: list[str]) -> tuple[str, int, float, float, float, int]:
    """One table row: count, mean and worst grade, mean reading age, longest sentence."""
    figures = [measure(t) for t in texts]
    return (
        label,
        len(figures),
        statistics.mean(f.grade for f in figures),
        max(f.grade for f in figures),
        statistics.mean(f.reading_age for f in figures),
        max(f.longest_sentence for f in figures),
    )


def main() -> int:
    """Print the tables; exit 1 if anything is over the gate."""
    replies = responses()
    topics = {n: t for n, t in replies.items() if n.startswith("utter_topic_")}
    print("Topic explanations (Flesch-Kincaid grade; reading age = grade + 5)")
    print("| topic | grade | reading age | sentences | longest sentence (words) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    worst = 0.0
    for name, text in sorted(topics.items()):
        f = measure(text)
        worst = max(worst, f.grade)
        print(
            f"| {name.removeprefix('utter_topic_')} | {f.grade:.1f} | {f.reading_age:.1f} "
            f"| {f.sentences} | {f.longest_sentence} |"
        )
    others = [t for n, t in replies.items() if n not in topics]
    glossary = [t.meaning for t in load_glossary() if t.meaning]
    services = [
        r["description"]
        for r in json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))["content"]
    ]
    rows = [
        summary("topic explanations", list(topics.values())),
        summary("other replies", others),
        summary("glossary meanings", glossary),
        summary("sample service descriptions", services),
    ]
    print("\n| text | count | mean grade | worst grade | mean reading age | longest sentence |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    over = False
    for label, count, mean, top, age, longest in rows:
        print(f"| {label} | {count} | {mean:.1f} | {top:.1f} | {age:.1f} | {longest} |")
        over |= top > MAX_GRADE or longest > MAX_SENTENCE_WORDS
    print(f"\ngate: grade <= {MAX_GRADE:g}, no sentence over {MAX_SENTENCE_WORDS} words")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
