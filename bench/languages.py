"""Language identification accuracy on the project's own short phone messages.

Run from the repo root: ``.venvs/bot/bin/python -m bench.languages``.
Each message is treated as the first of a conversation (``detect_language(text, None)``),
the hardest case: nothing to lean on. Prints a table per language and overall for the
main set (``data/language_messages.tsv``, goal 0.95 overall and 0.90 per language) and
for a fresh set written after tuning (``data/language_messages_fresh.tsv``).
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from bot.language.detect import detect_language, lingua_detector

DATA = Path(__file__).with_name("data") / "language_messages.tsv"
FRESH = Path(__file__).with_name("data") / "language_messages_fresh.tsv"


def load(path: Path = DATA) -> list[tuple[str, str]]:
    """The labelled messages: (language, text)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, text = line.split("\t", 1)
            rows.append((language, text))
    return rows


def report(name: str, rows: list[tuple[str, str]]) -> tuple[float, float]:
    """Print one accuracy table; return (overall, lowest per-language) accuracy."""
    start = time.perf_counter()
    results = [(gold, detect_language(text, None), text) for gold, text in rows]
    elapsed = (time.perf_counter() - start) / len(rows) * 1000
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for gold, got, _ in results:
        per[gold]["n"] += 1
        per[gold]["ok"] += gold == got
    print(f"\n{name}: {len(rows)} messages, {len(per)} languages")
    print("| language | messages | correct | accuracy |\n| --- | ---: | ---: | ---: |")
    for language in sorted(per):
        n, ok = per[language]["n"], per[language]["ok"]
        print(f"| {language} | {n} | {ok} | {ok / n:.2f} |")
    total = sum(c["ok"] for c in per.values())
    overall = total / len(rows)
    worst = min(c["ok"] / c["n"] for c in per.values())
    print(f"| **all** | {len(rows)} | {total} | **{overall:.2f}** |")
    print(f"lowest per-language accuracy {worst:.2f}; {elapsed:.2f} ms a message")
    for gold, got, text in results:
        if gold != got:
            print(f"  miss: {gold} -> {got}: {text}")
    return overall, worst


def main() -> int:
    """Print both tables; exit 1 if the main set misses a goal."""
    lingua_detector()
    overall, worst = report("Main set (bench/data/language_messages.tsv)", load(DATA))
    report("Fresh set, written after tuning (bench/data/language_messages_fresh.tsv)", load(FRESH))
    return 0 if overall >= 0.95 and worst >= 0.90 else 1


if __name__ == "__main__":
    sys.exit(main())
