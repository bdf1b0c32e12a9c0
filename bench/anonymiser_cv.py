"""Rules + learned tagger against rules alone: leave-one-set-out cross-validation.

.venvs/bot/bin/python -m bench.anonymiser_cv             # CV over the tuned sets, by threshold
.venvs/bot/bin/python -m bench.anonymiser_cv --test      # then the sealed set (holdout15) once

For each tuned set, a tagger is trained (with name swapping, as ``train_tagger``) on the
others and scored on it, at several probability thresholds; the counts are pooled over
the tuned sets (``TRAINING_SETS``, seventeen since 3.6). The rules were tuned on every one of
these sets, so "rules alone" is near 1.000 on them and the tagger's own recall (without the
rules) is the better guide to how it does on new text. ``--test`` then scores the sealed set
(``evaluate.SEALED_SET``, holdout15: never trained or tuned on) with the shipped model
(trained on all the tuned sets) at the shipped threshold: aggregate figures only; it says so
and stops if that file is not there yet.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from bot.privacy.anonymiser import find_identifiers
from bot.privacy.evaluate import SEALED_SET, Score, load_examples, score
from bot.privacy.lexicon import load_lexicon
from bot.privacy.patterns import Span
from bot.privacy.tagger import KINDS, MODEL, THRESHOLD, Tagger
from bot.privacy.train_tagger import COPIES, TRAINING_SETS, augment, train, training_examples

THRESHOLDS = (0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
TEST_SET = SEALED_SET


def _add(total: Score, part: Score) -> None:
    total.identifiers.update(part.identifiers)
    total.caught.update(part.caught)
    total.kept_words += part.kept_words
    total.ordinary_words += part.ordinary_words
    total.removed_words += part.removed_words
    total.removed_identifier_words += part.removed_identifier_words


def _fold(
    left_out: str, copies: int = COPIES, thresholds: tuple[float, ...] = THRESHOLDS
) -> dict[str, Score]:
    """Train on the other tuned sets, score ``left_out`` every way."""
    load_lexicon()
    others = [name for name in TRAINING_SETS if name != left_out]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fold.crfsuite"
        train(augment(training_examples(others), copies=copies), path)
        tagger = Tagger(path)
        examples = load_examples(left_out)
        scores = {"rules": score(examples, lambda t: find_identifiers(t, rules_only=True))}
        for cut in thresholds:
            tagger.threshold = cut
            scores[f"rules+tagger {cut}"] = score(examples, lambda t: find_identifiers(t, tagger))
            scores[f"tagger alone {cut}"] = score(examples, lambda t: tagger.find(t))
    return scores


def _row(name: str, result: Score, kinds: tuple[str, ...]) -> str:
    cells = []
    for kind in kinds:
        marked = result.identifiers[kind]
        cells.append(f"{result.caught[kind] / marked:.3f}" if marked else "-")
    tagged = sum(result.identifiers[k] for k in KINDS)
    caught = sum(result.caught[k] for k in KINDS)
    return (
        f"| {name} | " + " | ".join(cells) + f" | {caught / tagged:.3f} | {result.recall:.3f}"
        f" | {result.kept_word_precision:.3f} |"
    )


def _header(kinds: tuple[str, ...]) -> str:
    head = "| finder | " + " | ".join(kinds) + " | child+name+school | all kinds"
    head += " | kept-word precision |"
    return head + "\n" + "|---" * (len(kinds) + 4) + "|"


def _ms_per_message(texts: list[str], find: Callable[[str], list[Span]]) -> float:
    for text in texts:
        find(text)  # warm up: word lists and model read once
    started = time.perf_counter()
    for _ in range(3):
        for text in texts:
            find(text)
    return (time.perf_counter() - started) * 1000 / (3 * len(texts))


def main() -> None:
    """Print the cross-validation table (and, with ``--test``, the sealed set's)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", action="store_true", help=f"also score {TEST_SET} once")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--copies", type=int, default=COPIES, help="name-swapped copies")
    parser.add_argument("--thresholds", type=float, nargs="+", default=THRESHOLDS)
    args = parser.parse_args()
    thresholds = tuple(args.thresholds)
    kinds = ("child", "name", "school")

    if not args.no_cv:
        pooled: dict[str, Score] = {}
        fold = partial(_fold, copies=args.copies, thresholds=thresholds)
        with ProcessPoolExecutor(args.workers) as pool:
            for left_out, scores in zip(TRAINING_SETS, pool.map(fold, TRAINING_SETS), strict=True):
                print(
                    f"{left_out}: rules {scores['rules'].recall:.3f}, rules+tagger "
                    + ", ".join(f"{c} {scores[f'rules+tagger {c}'].recall:.3f}" for c in thresholds)
                )
                for name, result in scores.items():
                    _add(pooled.setdefault(name, Score()), result)
        print()
        print(f"Leave-one-set-out over {len(TRAINING_SETS)} tuned sets (recall by kind, pooled)")
        print(_header(kinds))
        for name, result in pooled.items():
            print(_row(name, result, kinds))

    if args.test:
        try:
            examples = load_examples(TEST_SET)
        except FileNotFoundError as missing:
            parser.exit(1, f"{missing}\n")
        tagger = Tagger(MODEL, THRESHOLD)
        texts = [e.text for e in examples]

        def rules(text: str) -> list[Span]:
            return find_identifiers(text, rules_only=True)

        def both(text: str) -> list[Span]:
            return find_identifiers(text, tagger)

        print()
        print(f"{TEST_SET} ({len(examples)} messages), shipped model, threshold {THRESHOLD}")
        print(_header(kinds))
        print(_row("rules alone", score(examples, rules), kinds))
        print(_row(f"rules + tagger {THRESHOLD}", score(examples, both), kinds))
        print(_row("tagger alone", score(examples, tagger.find), kinds))
        print(
            f"ms per message: rules {_ms_per_message(texts, rules):.2f}, "
            f"rules + tagger {_ms_per_message(texts, both):.2f}"
        )


if __name__ == "__main__":
    main()
