"""The theme classifier: TF-IDF word and character n-grams plus keyword hits, one logistic
regression per theme (one-vs-rest), trained on ``labelled/views_train.jsonl``.

Training takes about a second on one CPU core. The fitted model is cached in a file named
after a hash of the training data, this module and the library versions, so it is trained
once per change (at build time, by ``python -m bot.themes.model``, or at first use).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import re
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import sklearn
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer, MultiLabelBinarizer

from bot.themes.lexicon import keyword_hits, normalise
from bot.themes.sentiment import blend, vader_features, vader_score

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
LABELLED = HERE / "labelled"
TRAIN_FILE = LABELLED / "views_train.jsonl"
HOLDOUT_FILE = LABELLED / "views_holdout.jsonl"
THEMES_FILE = HERE / "themes.yml"
OTHER = "other"
MAX_THEMES = 3

# A theme is given when its probability reaches THRESHOLD; the most likely theme is
# given down to FLOOR; below that a view is "other". Chosen by 5-fold cross-validation
# on the training views only (bench/themes.py --tune), never on the held-out views.
THRESHOLD = 0.55
FLOOR = 0.1


def theme_codes() -> list[str]:
    """The theme codes of ``themes.yml``, in order."""
    data = yaml.safe_load(THEMES_FILE.read_text(encoding="utf-8"))
    return [item["code"] for item in data["themes"]]


@dataclass(frozen=True)
class LabelledView:
    """A view with the themes (and sentiment sign) a person gave it."""

    text: str
    themes: tuple[str, ...]
    sentiment: int


def load_views(path: Path) -> list[LabelledView]:
    """Read a ``views_*.jsonl`` file."""
    views = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            views.append(
                LabelledView(record["text"], tuple(record["themes"]), int(record["sentiment"]))
            )
    return views


def _normalise_all(texts: list[str]) -> list[str]:
    return [normalise(text) for text in texts]


def build_pipeline() -> Pipeline:
    """The untrained model."""
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
                ),
            ),
            ("keywords", FunctionTransformer(keyword_hits)),
        ]
    )
    classifier = OneVsRestClassifier(
        LogisticRegression(C=2.0, class_weight="balanced", max_iter=2000)
    )
    return Pipeline(
        [
            ("normalise", FunctionTransformer(_normalise_all)),
            ("features", features),
            ("clf", classifier),
        ]
    )


def build_sentiment_pipeline() -> Pipeline:
    """The untrained sentiment model: words, character n-grams and VADER's score, three
    classes (-1, 0, 1)."""
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
                ),
            ),
            ("vader", FunctionTransformer(vader_features)),
        ]
    )
    return Pipeline(
        [
            ("normalise", FunctionTransformer(_normalise_all)),
            ("features", features),
            ("clf", LogisticRegression(C=5.0, class_weight="balanced", max_iter=2000)),
        ]
    )


class ThemeModel:
    """Fitted theme and sentiment classifiers, and the rule that turns theme probabilities
    into 1 to 3 themes."""

    def __init__(
        self,
        pipeline: Pipeline,
        labels: list[str],
        version: str,
        sentiment_pipeline: Pipeline | None = None,
    ) -> None:
        """Wrap fitted pipelines; the theme pipeline's outputs are ``labels``."""
        self.pipeline = pipeline
        self.labels = labels
        self.version = version
        self.sentiment_pipeline = sentiment_pipeline

    @classmethod
    def train(cls, views: list[LabelledView], version: str = "themes-dev") -> ThemeModel:
        """Fit on labelled views."""
        binarizer = MultiLabelBinarizer(classes=theme_codes())
        targets = binarizer.fit_transform([v.themes for v in views])
        texts = [v.text for v in views]
        pipeline = build_pipeline()
        pipeline.fit(texts, targets)
        sentiment_pipeline = build_sentiment_pipeline()
        sentiment_pipeline.fit(texts, [v.sentiment for v in views])
        return cls(pipeline, list(binarizer.classes_), version, sentiment_pipeline)

    def sentiment(self, text: str) -> float:
        """How the view feels, -1..1: the learnt model blended with VADER."""
        vader = vader_score(text)
        if self.sentiment_pipeline is None:
            return vader
        probabilities = self.sentiment_pipeline.predict_proba([text])[0]
        classes = list(self.sentiment_pipeline.classes_)
        learnt = probabilities[classes.index(1)] - probabilities[classes.index(-1)]
        return blend(float(learnt), vader)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """One row per text, one column per label."""
        return np.asarray(self.pipeline.predict_proba(texts))

    def choose(
        self, row: np.ndarray, threshold: float = THRESHOLD, floor: float = FLOOR
    ) -> list[str]:
        """Pick 1 to 3 themes from one row of probabilities; ``other`` only if nothing fits."""
        ranked = sorted(
            ((p, code) for p, code in zip(row, self.labels, strict=True) if code != OTHER),
            reverse=True,
        )
        chosen = [code for p, code in ranked[:MAX_THEMES] if p >= threshold]
        if chosen:
            return chosen
        best_p, best = ranked[0]
        other_p = row[self.labels.index(OTHER)]
        if best_p >= floor and best_p >= other_p:
            return [best]
        return [OTHER]

    def predict(self, text: str) -> list[str]:
        """The themes of one view (1 to 3 codes); ``other`` when it has no words at all."""
        if not re.search(r"[a-z]{2}", normalise(text)):
            return [OTHER]
        return self.choose(self.probabilities([text])[0])


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (
        TRAIN_FILE,
        THEMES_FILE,
        HERE / "lexicon.py",
        HERE / "sentiment.py",
        Path(__file__),
    ):
        digest.update(path.read_bytes())
    digest.update(sklearn.__version__.encode())
    digest.update(np.__version__.encode())
    return digest.hexdigest()


def model_version() -> str:
    """``themes-`` and the first 12 hex digits of the training fingerprint."""
    return f"themes-{_fingerprint()[:12]}"


def cache_dir() -> Path:
    """Where fitted models are kept: ``THEME_MODEL_DIR``, else ``$VAR_DIR/theme-models``."""
    explicit = os.environ.get("THEME_MODEL_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("VAR_DIR") or "var") / "theme-models"


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load_or_train() -> ThemeModel:
    version = model_version()
    path = cache_dir() / f"{version}.pkl"
    if path.exists():
        try:
            with path.open("rb") as handle:
                model = pickle.load(handle)  # noqa: S301 - a file this module wrote
            if isinstance(model, ThemeModel) and model.version == version:
                return model
        except Exception:  # a half-written or stale file: train again
            logger.warning("Theme model cache unreadable; training again")
    model = ThemeModel.train(load_views(TRAIN_FILE), version=version)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(model, handle)
        os.replace(handle.name, path)
    except OSError:
        logger.warning("Could not cache the theme model; it stays in memory")
    return model


def get_model() -> ThemeModel:
    """The fitted model: from the cache, or trained now (once per process)."""
    with _lock:
        return _load_or_train()


if __name__ == "__main__":
    fitted = get_model()
    print(f"{fitted.version} ready in {cache_dir()}")
