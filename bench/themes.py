"""Theme macro-F1 and per-theme F1, sentiment sign accuracy, on the held-out views.

.venvs/bot/bin/python -m bench.themes            # train on views_train, score views_holdout
.venvs/bot/bin/python -m bench.themes --tune     # choose thresholds by 5-fold CV on train only
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold
from sklearn.preprocessing import MultiLabelBinarizer

from bot.themes.model import (
    FLOOR,
    HOLDOUT_FILE,
    THRESHOLD,
    TRAIN_FILE,
    ThemeModel,
    load_views,
    model_version,
    theme_codes,
)
from bot.themes.sentiment import sentiment_sign, vader_score


def _f1(gold: list[tuple[str, ...]], predicted: list[list[str]]) -> tuple[float, np.ndarray]:
    binarizer = MultiLabelBinarizer(classes=theme_codes())
    y_true = binarizer.fit_transform(gold)
    y_pred = binarizer.transform(predicted)
    per_theme = f1_score(y_true, y_pred, average=None, zero_division=0)
    return float(per_theme.mean()), per_theme


def tune() -> None:
    """Print cross-validated macro-F1 on the training views for a grid of thresholds."""
    views = load_views(TRAIN_FILE)
    rows: list[tuple[int, np.ndarray]] = []
    models = {}
    for fold, (train, test) in enumerate(KFold(5, shuffle=True, random_state=1).split(views)):
        model = ThemeModel.train([views[i] for i in train])
        models[fold] = model
        probabilities = model.probabilities([views[i].text for i in test])
        rows.extend(zip(test, probabilities, strict=True))
    any_model = models[0]
    gold = [views[i].themes for i, _ in rows]
    print(f"{'threshold':>9} {'floor':>6} {'macro-F1':>9}")
    for threshold in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        for floor in (0.1, 0.15, 0.2, 0.3):
            predicted = [any_model.choose(p, threshold, floor) for _, p in rows]
            print(f"{threshold:>9} {floor:>6} {_f1(gold, predicted)[0]:>9.3f}")


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="cross-validate thresholds on train")
    args = parser.parse_args()
    if args.tune:
        tune()
        return

    train, holdout = load_views(TRAIN_FILE), load_views(HOLDOUT_FILE)
    started = time.perf_counter()
    model = ThemeModel.train(train, version=model_version())
    trained_in = time.perf_counter() - started
    started = time.perf_counter()
    predicted = [model.predict(view.text) for view in holdout]
    scores = [model.sentiment(view.text) for view in holdout]
    per_view_ms = (time.perf_counter() - started) * 1000 / len(holdout)
    macro, per_theme = _f1([v.themes for v in holdout], predicted)

    print(f"Themes {model.version}: trained on {len(train)} views in {trained_in:.1f} s,")
    print(f"scored on {len(holdout)} held-out views (threshold {THRESHOLD}, floor {FLOOR})")
    print(f"{'theme':<26} {'held-out':>8} {'F1':>6}")
    codes = theme_codes()
    for code, f1 in zip(codes, per_theme, strict=True):
        support = sum(code in v.themes for v in holdout)
        print(f"{code:<26} {support:>8} {f1:>6.3f}")
    print()
    print(f"theme macro-F1 (goal >= 0.85):   {macro:.3f}")
    exact = sum(set(p) == set(v.themes) for p, v in zip(predicted, holdout, strict=True))
    print(f"views with exactly the right set: {exact}/{len(holdout)}")
    signs = sum(sentiment_sign(s) == v.sentiment for s, v in zip(scores, holdout, strict=True))
    negatives = [v for v in holdout if v.sentiment != 0]
    polar = sum(
        sentiment_sign(s) == v.sentiment
        for s, v in zip(scores, holdout, strict=True)
        if v.sentiment != 0
    )
    print(f"sentiment sign right:            {signs}/{len(holdout)} ({signs / len(holdout):.3f})")
    print(f"  on clearly +/- views:          {polar}/{len(negatives)}")
    vader_signs = sum(sentiment_sign(vader_score(v.text)) == v.sentiment for v in holdout)
    print(f"  VADER with SEND words alone:   {vader_signs}/{len(holdout)}")
    print(f"ms per view (themes + sentiment): {per_view_ms:.2f}")


if __name__ == "__main__":
    main()
