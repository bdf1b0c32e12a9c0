"""Topic recognition on held-out paraphrased questions, through the trained model.

Run from the repo root after ``make train``: ``.venvs/bot/bin/python -m bench.topics``.
The questions (``data/topic_questions.tsv``) were written for this bench and are not
in the training data; many describe the need without the term. A question counts as
right when the model's intent is the topic's (or ``ask_term``, whose answer for a topic
word is that topic's explanation). Goal: 0.90.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).with_name("data") / "topic_questions.tsv"
MODEL = Path(__file__).resolve().parents[1] / "models" / "sendbot.tar.gz"


def load() -> list[tuple[str, str]]:
    """(intent, question) pairs."""
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            intent, question = line.split("\t", 1)
            rows.append((intent, question))
    return rows


async def predict(questions: list[str]) -> list[str]:
    """The model's intent for each question."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))
    intents = []
    for question in questions:
        parsed = await agent.parse_message(question)
        intents.append(parsed["intent"]["name"])
    return intents


def main() -> int:
    """Print the accuracy table; exit 1 below the goal."""
    os.environ.setdefault("TRANSLATOR", "none")
    logging.disable(logging.WARNING)
    rows = load()
    predicted = asyncio.run(predict([q for _, q in rows]))
    per: dict[str, Counter[str]] = {}
    misses = []
    for (gold, question), got in zip(rows, predicted, strict=True):
        counter = per.setdefault(gold, Counter())
        counter["n"] += 1
        ok = got == gold
        counter["ok"] += ok
        if not ok:
            misses.append((gold, got, question))
    total = sum(c["ok"] for c in per.values())
    print(f"Topic recognition: {len(rows)} held-out questions, {len(per)} topics")
    print("| topic | questions | correct |\n| --- | ---: | ---: |")
    for topic in sorted(per):
        print(f"| {topic.removeprefix('topic_')} | {per[topic]['n']} | {per[topic]['ok']} |")
    accuracy = total / len(rows)
    print(f"| **all** | {len(rows)} | {total} (**{accuracy:.2f}**) |")
    for gold, got, question in misses:
        print(f"  miss: {gold} -> {got}: {question}")
    return 0 if accuracy >= 0.90 else 1


if __name__ == "__main__":
    sys.exit(main())
