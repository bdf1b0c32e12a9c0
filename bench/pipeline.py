"""Milliseconds per view for everything the action server does to a view before sending it:
anonymise, then themes and sentiment (the model already loaded, as in a running server).

    .venvs/bot/bin/python -m bench.pipeline
"""

from __future__ import annotations

import statistics
import time

from bot.privacy import anonymise
from bot.privacy.evaluate import load_examples
from bot.themes import assess, get_model
from bot.themes.model import HOLDOUT_FILE, load_views


def main() -> None:
    """Print the table."""
    started = time.perf_counter()
    get_model()
    anonymise("warm up")
    ready = time.perf_counter() - started
    texts = [v.text for v in load_views(HOLDOUT_FILE)] + [e.text for e in load_examples("holdout")]
    texts.append("the taxi was late again and nobody rang to say why. " * 95)  # ~5,000 characters
    timings = []
    for text in texts:
        began = time.perf_counter()
        cleaned = anonymise(text)
        assess(cleaned)
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    print(f"Views: {len(texts)} (held-out views and messages, and one of ~5,000 characters)")
    print(f"first use (load or train the model, load word lists): {ready:.2f} s")
    print(f"ms per view, mean (goal < 50):   {statistics.mean(timings):.2f}")
    print(f"ms per view, median:             {statistics.median(timings):.2f}")
    print(f"ms per view, 95th percentile:    {timings[int(len(timings) * 0.95)]:.2f}")
    print(f"ms per view, slowest:            {timings[-1]:.2f}")


if __name__ == "__main__":
    main()
