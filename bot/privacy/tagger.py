"""A learned tagger for the names and schools the rules miss (CRF over word tokens).

The rules in ``names.py`` and ``patterns.py`` catch what they were written for; every new
set of messages written by someone else shows names and schools in shapes they do not
know. This tagger reads each word with its neighbours (lower-cased word, affixes, shape,
capitals, whether it is a first name, a surname, an everyday word, a place or a SEND term
in ``lexicon``, how frequent a word it is, where it stands in the sentence, whether the
message is all in capitals or all in lower case) and gives every word a probability of
being part of a ``child``, a ``name`` or a ``school`` (BIO labels, a linear-chain CRF
trained by ``python -m bot.privacy.train_tagger`` on the labelled sets).

``anonymiser.find_identifiers`` takes the union: a word goes if the rules or the tagger
find it. The tagger never removes a SEND term, and never takes a place, a month, a title
or a word the rules keep (``NOT_NAMES``, text-speak) for a person.

The model (``data/identifier_tagger.crfsuite``) is read the first time it is needed and
kept; nothing is downloaded.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.privacy.lexicon import (
    NOT_NAMES,
    SEND_TERMS,
    TEXT_SPEAK,
    TITLES,
    Lexicon,
    fold,
    load_lexicon,
    words,
)
from bot.privacy.names import CHILD_NOUNS
from bot.privacy.other_scripts import in_other_script
from bot.privacy.patterns import GENERIC_SETTING_WORDS, Span, tag

MODEL = Path(__file__).with_name("data") / "identifier_tagger.crfsuite"
KINDS = ("child", "name", "school")
# A word is tagged when the probability that it is part of an identifier reaches this.
# Chosen by leave-one-set-out cross-validation on the tuned sets (bench/anonymiser_cv.py).
THRESHOLD = 0.15

# The words the evaluation counts (letters and digits; "Mary's" is "Mary" and "s").
TOKEN = re.compile(r"[^\W_]+")
# What may stand between two words of one identifier ("St Mary's", "lily-mae").
_JOIN = re.compile(r"[ \t'\u2019\-]*")
_SENTENCE_END = re.compile(r"[.!?\n;:]")
_PERSON_KINDS = {"child", "name"}
# The most frequent 1,000 words: a name among them is mostly a word.
_COMMON = 1000
# Words that say what kind of setting a school is, and words that name other buildings:
# a "school" of only these ("A SPECIAL SCHOOL"), or a church with no school word ("St
# Mary's Church hall"), is none.
_SETTING_WORDS = words(
    """
    the a an my our his her their at to in of and st saint c e ce rc local new old special
    specialist independent private state free primary secondary junior juniors infant
    infants high grammar middle first upper community church catholic school schools
    academy academies nursery nurseries college colleges sixth form pre preschool
    playgroup montessori federation kindergarten centre center unit base resource pru
    """
)
_SCHOOL_TYPES = words(
    "school schools academy primary secondary college nursery infants juniors junior high"
    " grammar prep pru preschool playgroup montessori kindergarten sixth"
)
_OTHER_BUILDINGS = words("church chapel mosque temple gurdwara synagogue cathedral hall")


@dataclass(frozen=True)
class Token:
    """One word of a message."""

    start: int
    end: int
    text: str


def tokenise(text: str) -> list[Token]:
    """The words of ``text``, as the evaluation counts them."""
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]", "X", word)
    shape = re.sub(r"[a-z]", "x", shape)
    shape = re.sub(r"[0-9]", "d", shape)
    shape = re.sub(r"[^Xxd]", "u", shape)  # letters outside ASCII
    return re.sub(r"(.)\1+", r"\1\1", shape)


def _rank_bucket(lexicon: Lexicon, key: str) -> str:
    rank = lexicon.word_rank.get(key)
    if rank is None:
        return "none"
    for limit in (100, 1000, 5000, 10000, 30000):
        if rank <= limit:
            return str(limit)
    return "rare"


def _word_flags(lexicon: Lexicon, word: str) -> list[str]:
    """What the word lists say about a word (used for it and for its neighbours)."""
    key = fold(word)
    flags = []
    if lexicon.is_first_name(key):
        flags.append("first")
    if lexicon.is_clear_first_name(key, capitalised=word[:1].isupper()):
        flags.append("clearfirst")
    if lexicon.is_surname(key):
        flags.append("surname")
    if lexicon.looks_like_word(key):
        flags.append("word")
    if key in lexicon.word_names:
        flags.append("wordname")
    if key in lexicon.places:
        flags.append("place")
    if key in SEND_TERMS:
        flags.append("send")
    if key in NOT_NAMES:
        flags.append("notname")
    if key in TITLES:
        flags.append("title")
    if word.isdigit():
        flags.append("digit")
    return flags


def features(text: str, tokens: Sequence[Token], lexicon: Lexicon) -> list[list[str]]:
    """The CRF features of every token of ``text``."""
    letters = [ch for ch in text if ch.isalpha()]
    all_caps = bool(letters) and all(ch.isupper() for ch in letters)
    all_lower = bool(letters) and all(ch.islower() for ch in letters)
    case = "caps" if all_caps else "lower" if all_lower else "mixed"
    keys = [fold(t.text) for t in tokens]
    flags = [_word_flags(lexicon, t.text) for t in tokens]
    sentence_starts = []
    position = 0
    for i, token in enumerate(tokens):
        gap = text[tokens[i - 1].end : token.start] if i else ""
        if i == 0 or _SENTENCE_END.search(gap):
            position = 0
        sentence_starts.append(position)
        position += 1

    rows = []
    for i, token in enumerate(tokens):
        word, key = token.text, keys[i]
        gap_before = text[tokens[i - 1].end : token.start].strip() if i else "^"
        gap_after = text[token.end : tokens[i + 1].start].strip() if i + 1 < len(tokens) else "$"
        row = [
            "bias",
            "w=" + key,
            "p2=" + key[:2],
            "p3=" + key[:3],
            "s2=" + key[-2:],
            "s3=" + key[-3:],
            "shape=" + _shape(word),
            "case=" + case,
            "rank=" + _rank_bucket(lexicon, key),
            "pos=" + str(min(sentence_starts[i], 3)),
            "gb=" + gap_before[-1:],
            "ga=" + gap_after[:1],
            "len=" + str(min(len(word), 8)),
        ]
        if word[:1].isupper():
            row.append("title" if not word.isupper() or len(word) == 1 else "upper")
        row.extend("f=" + flag for flag in flags[i])
        if i + 1 < len(tokens) and gap_after in ("'", "\u2019") and keys[i + 1] == "s":
            row.append("possessive")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(tokens):
                other = tokens[j].text
                row.append(f"{offset}w={keys[j]}")
                row.append(f"{offset}cap={other[:1].isupper()}")
                row.extend(f"{offset}f={flag}" for flag in flags[j])
            else:
                row.append(f"{offset}w=<edge>")
        if i > 0:
            row.append(f"-1w+w={keys[i - 1]}|{key}")
        if i + 1 < len(tokens):
            row.append(f"w+1w={key}|{keys[i + 1]}")
        rows.append(row)
    return rows


def _protected(key: str, kind: str, lexicon: Lexicon) -> bool:
    """Words the tagger never removes: SEND terms; for a person, places and kept words."""
    if key in CHILD_NOUNS:
        # "Gabadhayda Ifrah", "Son Tomasz": the word for a child, before the name
        return True
    if key in SEND_TERMS or in_other_script(key):
        # Words in Cyrillic, Arabic script... are judged by other_scripts.py, whose lists
        # know them; the tagger learnt from capitals, which most of them do not have.
        return True
    if kind in _PERSON_KINDS:
        # A name that is mostly a word ("will", "Summer", "Hope") is left to the rules,
        # which know the contexts that make it one ("Jack", "Lily" are not).
        return (
            (key in lexicon.word_names and lexicon.word_rank.get(key, _COMMON + 1) <= _COMMON)
            or key in lexicon.places
            or key in NOT_NAMES
            or key in TITLES
            or key in TEXT_SPEAK
            or key.isdigit()
        )
    return False


def _lower_case_word(word: str, kind: str, lexicon: Lexicon) -> bool:
    """A lower-case everyday word in no list of names is no person ("emailing", "attends");
    the rules judge the names that are also words ("will", "summer")."""
    key = fold(word)
    return (
        kind in _PERSON_KINDS
        and word[:1].islower()
        and lexicon.looks_like_word(key)
        and not lexicon.is_first_name(key)
        and not lexicon.is_surname(key)
    )


_BEFORE_A_SETTING = words("at to from attends attend attending attended joined joins")


def _lower_case_school(text: str, tokens: list[Token]) -> bool:
    """A school written all in lower case needs its kind ("oak tree nursery") or a word
    that leads to a setting before it ("at kingsmead"): "czeka na terapię", "the school
    counsellor" are none."""
    if any(t.text[:1].isupper() for t in tokens):
        return True
    first = fold(tokens[0].text)
    if first.endswith(("ing", "ed")) and load_lexicon().looks_like_word(first):
        # "finding secondary school really hard": a verb, then the kind of school
        return False
    if any(fold(t.text) in _SCHOOL_TYPES for t in tokens):
        return True
    before = TOKEN.findall(text[: tokens[0].start])
    return bool(before) and fold(before[-1]) in _BEFORE_A_SETTING


def _next_word(text: str, end: int) -> str:
    match = TOKEN.search(text, end)
    return fold(match.group()) if match else ""


def _names_a_school(keys: list[str], after: str) -> bool:
    """Whether a run of words can be a school's name: some word in it names it, and it
    is not another building."""
    if all(key in _SETTING_WORDS for key in keys):
        return False
    # "Forest school", "Sunday school", "at Starbucks": a kind of school, a shop, a town;
    # since 3.6 text-speak ("after skool wiv college")
    if all(key in GENERIC_SETTING_WORDS or key in NOT_NAMES or key in TEXT_SPEAK for key in keys):
        return False
    return not (
        any(key in _OTHER_BUILDINGS for key in [*keys, after])
        and not any(key in _SCHOOL_TYPES for key in keys)
    )


class Tagger:
    """A trained CRF model and the probability at which a word counts as an identifier."""

    def __init__(self, model: Path | str, threshold: float = THRESHOLD) -> None:
        # Imported here: the API's environment imports bot.privacy (for the retention
        # job's tests) without the CRF library, and never anonymises.
        import pycrfsuite

        self._model = str(model)
        self._open = pycrfsuite.Tagger
        # A CRF tagger holds the message it was last given, so one shared by the action
        # server's worker threads mixed up two views at once ("position out of range"):
        # each thread has its own (opening one maps the file; it is quick).
        self._local = threading.local()
        self.threshold = threshold
        self._labels = [label for label in self._crf().labels() if label != "O"]

    def _crf(self) -> Any:
        crf = getattr(self._local, "crf", None)
        if crf is None:
            crf = self._local.crf = self._open()
            crf.open(self._model)
        return crf

    def word_probabilities(self, text: str) -> list[tuple[Token, str, float]]:
        """Every token with its likeliest kind and the probability it is an identifier."""
        tokens = tokenise(text)
        if not tokens:
            return []
        crf = self._crf()
        crf.set(features(text, tokens, load_lexicon()))
        result = []
        for i, token in enumerate(tokens):
            by_kind: dict[str, float] = {}
            for label in self._labels:
                kind = label[2:]
                by_kind[kind] = by_kind.get(kind, 0.0) + crf.marginal(label, i)
            kind = max(by_kind, key=lambda k: by_kind[k]) if by_kind else "name"
            result.append((token, kind, sum(by_kind.values())))
        return result

    def find(
        self,
        text: str,
        covered: Sequence[tuple[int, int]] = (),
        threshold: float | None = None,
    ) -> list[Span]:
        """Identifier spans in ``text`` (one per run of tagged words of one kind).

        Args:
            text: The message.
            covered: ``(start, end)`` ranges already found by the rules; their words are
                left to them.
            threshold: Probability from which a word is tagged; by default the model's.

        Returns:
            Spans labelled ``child``, ``name`` or ``school``, in order.
        """
        cut = self.threshold if threshold is None else threshold
        lexicon = load_lexicon()
        tagged = [
            (token, kind)
            for token, kind, p in self.word_probabilities(text)
            if p >= cut
            and not _protected(fold(token.text), kind, lexicon)
            and not _lower_case_word(token.text, kind, lexicon)
            # A person's name has no digits ("markup123456", "ref A12"): numbers are the
            # patterns' job.
            and not (kind != "school" and any(char.isdigit() for char in token.text))
        ]
        runs: list[tuple[str, list[Token]]] = []
        for token, kind in tagged:
            if runs and runs[-1][0] == kind:
                previous = runs[-1][1][-1]
                if _JOIN.fullmatch(text[previous.end : token.start]):
                    runs[-1][1].append(token)
                    continue
            runs.append((kind, [token]))
        spans = []
        for kind, tokens in runs:
            if kind == "school" and any(t.text[:1].isupper() for t in tokens):
                # A school's name is written in one style: "Ashcombe Vale till july" ends
                # at "Vale" (a lower-case "of" inside stays: "St Mary's C of E").
                while tokens and tokens[-1].text[:1].islower() and tokens[-1].text != "s":
                    tokens = tokens[:-1]
                while tokens and tokens[0].text[:1].islower():
                    tokens = tokens[1:]
            if not tokens:
                continue
            if kind == "school" and not _names_a_school(
                [fold(t.text) for t in tokens], _next_word(text, tokens[-1].end)
            ):
                continue
            if kind == "school" and not _lower_case_school(text, tokens):
                continue
            if kind in _PERSON_KINDS and re.match(r"['\u2019]t\b", text[tokens[-1].end :]):
                # "hasn't", "didn't": a verb cut at its apostrophe
                continue
            # The words the rules already found are theirs; the rest go in pieces.
            piece: list[Token] = []
            for token in [*tokens, None]:
                if token is None or any(s < token.end and token.start < e for s, e in covered):
                    # (since 3.6 not a school's leftover "and" between two the rules found)
                    if piece and not (
                        kind == "school" and all(t.text in ("and", "or", "&") for t in piece)
                    ):
                        spans.append(Span(piece[0].start, piece[-1].end, kind, tag(kind)))
                    piece = []
                else:
                    piece.append(token)
        return spans


@lru_cache(maxsize=1)
def load_tagger() -> Tagger | None:
    """The shipped model, read once; ``None`` if it has not been trained."""
    return Tagger(MODEL) if MODEL.exists() else None
