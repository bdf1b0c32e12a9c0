"""Identifier recall and kept-word precision of the anonymiser, on labelled messages.

.venvs/bot/bin/python -m bench.anonymiser            # the held-out messages
.venvs/bot/bin/python -m bench.anonymiser dev -v     # the messages the rules were tuned on
.venvs/bot/bin/python -m bench.anonymiser all        # one line per labelled set, and the total
"""

from __future__ import annotations

import argparse
import time

from bot.privacy import ANONYMISER_VERSION, anonymise
from bot.privacy.evaluate import labelled_sets, load_examples, score
from bot.privacy.lexicon import load_lexicon


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", nargs="?", default="holdout", choices=[*labelled_sets(), "all"])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()

    load_lexicon()
    if args.split == "all":
        print_every_set()
        return
    try:
        examples = load_examples(args.split)
    except FileNotFoundError as missing:
        parser.exit(1, f"{missing}\n")
    result = score(examples)
    started = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for example in examples:
            anonymise(example.text)
    per_view_ms = (time.perf_counter() - started) * 1000 / (rounds * len(examples))

    print(f"Anonymiser {ANONYMISER_VERSION} on {len(examples)} {args.split} messages")
    print(f"{'kind':<12} {'marked':>7} {'caught':>7} {'recall':>7}")
    for kind in sorted(result.identifiers):
        marked, caught = result.identifiers[kind], result.caught[kind]
        print(f"{kind:<12} {marked:>7} {caught:>7} {caught / marked:>7.3f}")
    total = sum(result.identifiers.values())
    print(f"{'all':<12} {total:>7} {sum(result.caught.values()):>7} {result.recall:>7.3f}")
    print()
    print(f"identifier recall (goal >= 0.98):           {result.recall:.3f}")
    print(
        f"kept-word precision (goal >= 0.95):         {result.kept_word_precision:.3f}"
        f"  ({result.kept_words}/{result.ordinary_words} ordinary words kept)"
    )
    print(
        f"removal precision:                          {result.removal_precision:.3f}"
        f"  ({result.removed_identifier_words}/{result.removed_words}"
        " removed words were identifiers)"
    )
    print(f"ms per message (anonymiser alone):          {per_view_ms:.2f}")
    if args.verbose:
        for kind, value, text in result.missed:
            print(f"MISSED {kind}: {value!r} in {text!r}")
        for word, text in result.over_removed:
            print(f"REMOVED {word!r} in {text!r}")


def print_every_set() -> None:
    """Recall and kept-word precision of each labelled set there is, and over all of them
    (to check that a change for one kind of message loses nothing elsewhere)."""
    print(f"Anonymiser {ANONYMISER_VERSION}")
    header = ("set", "ids", "missed", "recall", "words", "removed", "kept")
    print("{:<11} {:>5} {:>7} {:>7} {:>6} {:>8} {:>6}".format(*header))
    totals = [0, 0, 0, 0]
    for split in labelled_sets():
        try:
            result = score(load_examples(split))
        except FileNotFoundError:
            continue
        marked, caught = sum(result.identifiers.values()), sum(result.caught.values())
        ordinary, kept = result.ordinary_words, result.kept_words
        for i, value in enumerate((marked, caught, ordinary, kept)):
            totals[i] += value
        print(
            f"{split:<11} {marked:>5} {marked - caught:>7} {result.recall:>7.3f} {ordinary:>6}"
            f" {ordinary - kept:>8} {result.kept_word_precision:>6.3f}"
        )
    marked, caught, ordinary, kept = totals
    print(
        f"{'all':<11} {marked:>5} {marked - caught:>7} {caught / marked:>7.4f} {ordinary:>6}"
        f" {ordinary - kept:>8} {kept / ordinary:>6.4f}"
    )


if __name__ == "__main__":
    main()
