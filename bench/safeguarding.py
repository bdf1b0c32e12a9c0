"""Safeguarding detection: recall on risk and false alarm rate on the labelled messages.

    .venvs/bot/bin/python bench/safeguarding.py

Reads tests/data/safeguarding/labelled.yml (development set) and holdout.yml (written
before the lexicons and never used to tune them), and prints one table row a set and a
language. Goals: recall on risk at least 0.97, false alarm rate at most 0.10.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.safeguarding import check  # noqa: E402

DATA = ROOT / "tests" / "data" / "safeguarding"
RECALL_GOAL = 0.97
FALSE_ALARM_GOAL = 0.10


def score(messages: list[dict]) -> dict[str, float]:
    """Count hits and misses; return recall on risk and the false alarm rate."""
    tp = fn = fp = tn = 0
    for message in messages:
        found = check(message["text"], message.get("lang")).risk
        if message["risk"]:
            tp, fn = tp + found, fn + (not found)
        else:
            fp, tn = fp + found, tn + (not found)
    return {
        "messages": len(messages),
        "risk": tp + fn,
        "not_risk": fp + tn,
        "recall": tp / (tp + fn) if tp + fn else float("nan"),
        "false_alarm": fp / (fp + tn) if fp + tn else float("nan"),
    }


def row(name: str, result: dict[str, float]) -> str:
    """One Markdown table row."""
    return (
        f"| {name} | {result['messages']} | {result['risk']} | {result['not_risk']} "
        f"| {result['recall']:.3f} | {result['false_alarm']:.3f} |"
    )


def main() -> int:
    """Print the table; exit 1 if a whole set misses a goal."""
    print("| set | messages | risk | not risk | recall on risk | false alarm rate |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    failed = False
    started = time.perf_counter()
    checked = 0
    for name in ("labelled", "holdout"):
        messages = yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8"))["messages"]
        checked += len(messages)
        total = score(messages)
        print(row(f"**{name}** (all)", total))
        by_language: dict[str, list[dict]] = defaultdict(list)
        for message in messages:
            by_language[message["lang"]].append(message)
        for language in sorted(by_language):
            print(row(f"{name} {language}", score(by_language[language])))
        failed |= total["recall"] < RECALL_GOAL or total["false_alarm"] > FALSE_ALARM_GOAL
    elapsed = (time.perf_counter() - started) / max(checked, 1) * 1000
    print(f"\nGoals: recall >= {RECALL_GOAL}, false alarm rate <= {FALSE_ALARM_GOAL}. "
          f"Mean time a message: {elapsed:.2f} ms.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
