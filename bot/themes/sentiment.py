"""How a view feels, from -1 (very negative) to 1 (very positive).

``vader_score`` is VADER (``vaderSentiment``, a lexicon and rules, offline) with words
it does not know in the SEND world ("excluded", "refused", "discharged", "a lifeline"),
and phrases that say help is absent or late ("no support", "still waiting", "nobody
tells us", "took 14 months") counted as negative although VADER sees no negative word
in them. Parents' complaints are often plain statements of fact, so the model in
``bot.themes.model`` also learns from the labelled views, with VADER's score as one of
its inputs; ``blend`` combines the two.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from bot.themes.lexicon import normalise

# Word scores on VADER's scale (-4..4).
SEND_WORDS: dict[str, float] = {
    "excluded": -2.0,
    "exclusion": -2.0,
    "exclusions": -2.0,
    "refused": -2.0,
    "refusal": -1.8,
    "rejected": -2.0,
    "discharged": -1.5,
    "ignored": -2.0,
    "ignores": -2.0,
    "ignore": -1.5,
    "chase": -1.2,
    "chasing": -1.5,
    "fighting": -1.8,
    "fight": -1.6,
    "battle": -1.8,
    "cut": -1.5,
    "cuts": -1.5,
    "closed": -1.0,
    "lost": -1.2,
    "late": -1.3,
    "delay": -1.5,
    "delays": -1.5,
    "shambles": -2.8,
    "joke": -1.8,
    "nightmare": -2.6,
    "rubbish": -2.2,
    "useless": -2.4,
    "shocking": -2.4,
    "exhausted": -2.2,
    "meltdown": -1.8,
    "meltdowns": -1.8,
    "crisis": -2.2,
    "isolation": -1.5,
    "restrained": -2.2,
    "fines": -1.5,
    "threaten": -2.0,
    "threatening": -2.0,
    "masks": -0.5,
    "lifeline": 2.8,
    "fab": 2.6,
    "thriving": 2.8,
    "settled": 1.5,
    "listened": 1.8,
    "listens": 1.8,
    "understands": 1.8,
    "inclusive": 1.8,
    "smooth": 1.8,
    "angels": 2.5,
    "angel": 2.2,
    "relieved": 1.2,
    "quick": 1.2,
    "quicker": 1.2,
}
_ABSENCE = re.compile(
    r"\b(?:no(?:body| one)? (?:support|help|reply|response|answer\w*|place|school|diagnosis"
    r"|call back|one answers|one replies)|still (?:waiting|no\b|not\b|has not|have not|haven't"
    r"|hasn't)|waiting (?:list|for)|never (?:heard|replied|answered|rang|called|came)"
    r"|(?:did not|didn't|does not|doesn't|do not|don't|will not|won't|cannot|can't)"
    r" (?:turn up|reply|answer|listen|help|meet|provide|happen|take)|out of school"
    r"|weeks? late|months? late|turned (?:us )?down|not (?:happening|provided|listened)"
    r"|nobody (?:tells|told|helps|mentioned|talked|can tell|provides|believes)"
    r"|took (?:\d+|forever|ages)|non existent|impossible|only (?:gives|works|see)"
    r"|never (?:come|get|got|had|seen)|nothing (?:in between|for|at all|offered|has changed))",
)
_ABSENCE_WEIGHT = -0.35


@lru_cache(maxsize=1)
def _analyser() -> SentimentIntensityAnalyzer:
    analyser = SentimentIntensityAnalyzer()
    analyser.lexicon.update(SEND_WORDS)
    return analyser


# VADER's rules cost time with every word; past this, more words rarely change the sign.
VADER_MAX_CHARS = 1500


@lru_cache(maxsize=512)
def vader_score(text: str) -> float:
    """VADER's view of a text (its first 1,500 characters), with SEND words and phrases.

    Args:
        text: The view, in English (the original or an English gloss).

    Returns:
        VADER's compound score with SEND words, moved towards negative by each phrase
        saying that help is absent or late, clipped to -1..1.
    """
    plain = normalise(text[:VADER_MAX_CHARS])
    score = _analyser().polarity_scores(plain)["compound"]
    absences = len(_ABSENCE.findall(plain))
    if absences:
        score = score + _ABSENCE_WEIGHT * min(absences, 3)
        if score > 0 and absences >= 2:
            score = min(score, 0.0)
    return round(max(-1.0, min(1.0, score)), 3)


def vader_features(texts: list[str]) -> np.ndarray:
    """One column: ``vader_score`` of each text (a feature for the learnt model)."""
    return np.asarray([[vader_score(text)] for text in texts], dtype=float).reshape(-1, 1)


# Weight of the learnt model against VADER in the final score.
LEARNT_WEIGHT = 0.7


def blend(learnt: float, vader: float) -> float:
    """Combine the learnt score (P(positive) - P(negative)) with VADER's, -1..1, 3 decimals."""
    score = LEARNT_WEIGHT * learnt + (1 - LEARNT_WEIGHT) * vader
    return round(max(-1.0, min(1.0, score)), 3)


def sentiment_sign(score: float, margin: float = 0.05) -> int:
    """-1, 0 or 1: the sign of a score, with a small band around 0 counted as mixed."""
    if score > margin:
        return 1
    if score < -margin:
        return -1
    return 0
