"""Topic recognition on held-out paraphrased questions, through the trained model.

Run from the repo root after ``make train``: ``.venvs/bot/bin/python -m bench.topics``.
The questions (``data/topic_questions.tsv``) were written for this bench and are not
in the training data; many describe the need without the term. A question counts as
right when the parent is told about its topic: the model's intent is the topic, or the
message is taken as a view that also asks about the topic, which is answered first
(``bot.actions.mixed.topic_answered``). A "Did you mean...?" counts as wrong. Goal: 0.90.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections import Counter
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
# The first set was written with the training data in view; the fresh sets were written
# blind (by someone who never saw the training data or the code). fresh to fresh4 were each
# scored while sealed and are now training data (bot/data/nlu/topics_from_blind_sets.yml),
# so their figures are no longer estimates. fresh5 guides the current round of changes;
# fresh6 stays sealed until the end of it (the fair estimate).
SETS = {
    "main": DATA_DIR / "topic_questions.tsv",
    "fresh": DATA_DIR / "topic_questions_fresh.tsv",
    "fresh2": DATA_DIR / "topic_questions_fresh2.tsv",
    "fresh3": DATA_DIR / "topic_questions_fresh3.tsv",
    "fresh4": DATA_DIR / "topic_questions_fresh4.tsv",
    "fresh5": DATA_DIR / "topic_questions_fresh5.tsv",
    "fresh6": DATA_DIR / "topic_questions_fresh6.tsv",
}
IN_TRAINING = {"main", "fresh", "fresh2", "fresh3", "fresh4"}
# Views people shared (labelled for themes, never NLU training data): each must be read as a
# view, so the parent is asked whether to pass it on, not just given an explanation.
VIEWS = Path(__file__).resolve().parents[1] / "bot" / "themes" / "labelled" / "views_holdout.jsonl"
# TOPICS_MODEL compares another trained model (a candidate configuration) on the same sets.
DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "models" / "sendbot.tar.gz"
MODEL = Path(os.environ.get("TOPICS_MODEL", DEFAULT_MODEL))


def load(path: Path) -> list[tuple[str, str]]:
    """(intent, question) pairs."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            intent, question = line.split("\t", 1)
            rows.append((intent, question))
    return rows


async def predict(agent, questions: list[str]) -> list[str]:
    """The topic each question's answer explains (``topic_<code>``), or the intent it got."""
    from bot.actions.mixed import topic_answered

    answers = []
    sentences: dict[str, dict] = {}
    for question in questions:
        parsed = await agent.parse_message(question)
        # The question sentence of a longer view, as the action server has Rasa parse it.
        from bot.actions.question_focus import question_sentence

        sentence = question_sentence(question)
        if sentence and sentence not in sentences:
            sentences[sentence] = await agent.parse_message(sentence)
        topic = topic_answered(parsed, sentences.get)
        answers.append(f"topic_{topic}" if topic else parsed["intent"]["name"])
    return answers


def main() -> int:
    """Print a table per set and a summary; exit 1 when a blind set is below the goal."""
    os.environ.setdefault("TRANSLATOR", "none")
    logging.disable(logging.WARNING)
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))
    names = sys.argv[1:] or list(SETS)
    results = {name: report(agent, name) for name in names}
    print("\n| set | questions | accuracy |\n| --- | ---: | ---: |")
    for name, (n, accuracy) in results.items():
        print(f"| {name} | {n} | {accuracy:.2f} |")
    kept, total = asyncio.run(views_read_as_views(agent))
    print(f"\nHeld-out views read as views (share_view): {kept}/{total} ({kept / total:.2f})")
    blind = [acc for name, (_, acc) in results.items() if name not in IN_TRAINING]
    return 0 if all(acc >= 0.90 for acc in blind) else 1


async def views_read_as_views(agent) -> tuple[int, int]:
    """How many held-out labelled views get the view flow; print the others."""
    import json

    texts = [json.loads(line)["text"] for line in VIEWS.read_text(encoding="utf-8").splitlines()]
    kept = 0
    for text in texts:
        intent = (await agent.parse_message(text))["intent"]["name"]
        if intent == "share_view":
            kept += 1
        else:
            print(f"  view read as {intent}: {text}")
    return kept, len(texts)


def report(agent, name: str) -> tuple[int, float]:
    """Print one set's table and misses; return (questions, accuracy)."""
    rows = load(SETS[name])
    predicted = asyncio.run(predict(agent, [q for _, q in rows]))
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
    print(f"\nTopic recognition, set {name}: {len(rows)} held-out questions, {len(per)} topics")
    print("| topic | questions | correct |\n| --- | ---: | ---: |")
    for topic in sorted(per):
        print(f"| {topic.removeprefix('topic_')} | {per[topic]['n']} | {per[topic]['ok']} |")
    accuracy = total / len(rows)
    print(f"| **all** | {len(rows)} | {total} (**{accuracy:.2f}**) |")
    for gold, got, question in misses:
        print(f"  miss: {gold} -> {got}: {question}")
    return len(rows), accuracy


if __name__ == "__main__":
    sys.exit(main())
