"""Making messages comparable with the lexicons: case, accents, scripts, text-speak, typos.

Two steps, used on both sides:

- ``fold`` changes letters only: lower case, accents taken off Latin and Cyrillic letters
  (people often type "zabic" for "zabić", "sa" for "să"), one spelling for Arabic-script
  letters that have several (Arabic and Urdu keyboards differ), and the marks people
  often leave out in Bengali and Gurmukhi. The lexicon patterns go through it too, so
  they can be written with their accents.
- ``normalise`` also splits the message into clauses and words, expands English
  contractions and text-speak ("im", "u", "kms", "2nite") and corrects typos in the few
  words that matter most ("sucidal", "myslef", "misisng").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Letters that are not accented forms of another letter in Unicode, but are typed as one.
_LETTER_MAP = str.maketrans(
    {
        "ł": "l",
        "đ": "d",
        "ø": "o",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        # Arabic script: one form for letters written several ways.
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ی",
        "ي": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۃ": "ه",
        "ہ": "ه",
        "ؤ": "و",
        # Gurmukhi: tippi and bindi are both nasal marks.
        "\u0a70": "\u0a02",
        # Apostrophes and quotes people type in contractions.
        "\u2019": "'",
        "\u2018": "'",
        "`": "'",
        "\u00b4": "'",
        "\u02bc": "'",
    }
)
# Marks dropped everywhere: Arabic vowel signs and tatweel, Bengali and Gurmukhi nukta,
# Bengali chandrabindu, Gurmukhi addak (often left out when typing).
_DROPPED = set(range(0x064B, 0x0660)) | {0x0670, 0x0640, 0x09BC, 0x0981, 0x0A3C, 0x0A71}


def fold(text: str) -> str:
    """Lower-case a text and give every letter one spelling (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_LETTER_MAP)
    out: list[str] = []
    previous_base = ""
    for char in unicodedata.normalize("NFD", text):
        code = ord(char)
        if code in _DROPPED:
            continue
        if unicodedata.category(char) == "Mn" and _is_latin_or_cyrillic(previous_base):
            continue  # an accent on a Latin or Cyrillic letter
        if unicodedata.category(char) != "Mn":
            previous_base = char
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def _is_latin_or_cyrillic(char: str) -> bool:
    return bool(char) and (ord(char) < 0x0250 or 0x0400 <= ord(char) < 0x0530)


# English contractions, written both with and without the apostrophe (text-speak drops it).
_CONTRACTIONS = {
    "i'm": "i am",
    "im": "i am",
    "i've": "i have",
    "ive": "i have",
    "i'd": "i would",
    "i'll": "i will",
    "he's": "he is",
    "hes": "he is",
    "she's": "she is",
    "shes": "she is",
    "it's": "it is",
    "that's": "that is",
    "thats": "that is",
    "there's": "there is",
    "theres": "there is",
    "what's": "what is",
    "whats": "what is",
    "they're": "they are",
    "theyre": "they are",
    "we're": "we are",
    "you're": "you are",
    "can't": "can not",
    "cant": "can not",
    "cannot": "can not",
    "won't": "will not",
    "wont": "will not",
    "don't": "do not",
    "dont": "do not",
    "doesn't": "does not",
    "doesnt": "does not",
    "didn't": "did not",
    "didnt": "did not",
    "isn't": "is not",
    "isnt": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "wasnt": "was not",
    "weren't": "were not",
    "hasn't": "has not",
    "hasnt": "has not",
    "haven't": "have not",
    "havent": "have not",
    "hadn't": "had not",
    "wouldn't": "would not",
    "wouldnt": "would not",
    "couldn't": "could not",
    "couldnt": "could not",
    "shouldn't": "should not",
}
# Text-speak and common short forms.
_TEXT_SPEAK = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "b": "be",
    "n": "and",
    "&": "and",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "gna": "going to",
    "gotta": "got to",
    "wnt": "want",
    "dnt": "do not",
    "cnt": "can not",
    "kant": "can not",
    "kms": "kill myself",
    "kmsf": "kill myself",
    "unalive": "kill",
    "unaliving": "killing",
    "kil": "kill",
    "kiling": "killing",
    "ded": "dead",
    "dieing": "dying",
    "2day": "today",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "rn": "right now",
    "atm": "at the moment",
    "coz": "because",
    "cos": "because",
    "cuz": "because",
    "bc": "because",
    "pls": "please",
    "plz": "please",
    "hlp": "help",
    "tbh": "to be honest",
    "anymore": "any more",
    "nomore": "no more",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "hubby": "husband",
    "dh": "husband",
    "ds": "son",
    "dd": "daughter",
    "sn": "son",
    "dauter": "daughter",
    "od": "overdose",
    "odd": "overdosed",
    "oded": "overdosed",
    "tabs": "tablets",
    "yr": "year",
    "yrs": "years",
    "wiv": "with",
    "wid": "with",
    "ppl": "people",
    "sum1": "someone",
    "some1": "someone",
    "no1": "no one",
    "any1": "anyone",
    "every1": "everyone",
    "b4": "before",
    "selfharm": "self harm",
    "selfharming": "self harming",
    "selfharmed": "self harmed",
    "selfharms": "self harms",
}
# Words worth correcting when misspelt: a typo here must not hide a risk.
FUZZY_TERMS = (
    "suicide",
    "suicidal",
    "myself",
    "himself",
    "herself",
    "themselves",
    "overdose",
    "overdosed",
    "harming",
    "tablets",
    "missing",
    "strangled",
    "strangling",
    "abused",
    "abusing",
    "husband",
    "partner",
    "boyfriend",
    "daughter",
    "breathing",
    "threatened",
    "threatening",
    "bleeding",
    "without",
    "anywhere",
    "paracetamol",
    "hanging",
    "cutting",
    "burning",
    "hurting",
    "killing",
    "unconscious",
    "seizure",
)
_FUZZY_SET = frozenset(FUZZY_TERMS)
# Real words one letter away from a term above, which must stay as they are.
_NOT_TYPOS = frozenset(
    {
        "mission",
        "kissing",
        "hissing",
        "misting",
        "mussing",
        "partners",
        "husbands",
        "daughters",
        "harmony",
        "tablet",
        "hunting",
        "hurling",
        "bursting",
        "burying",
        "cutting",
        "putting",
        "billing",
        "filling",
        "killing",
        "willing",
        "hanging",
        "banging",
        "changing",
        "breathe",
        "breathes",
        "bleeting",
        "sizure",
    }
)

_CLAUSE_BREAK = re.compile(
    r"[.!?;\n\u3002\u061f\u06d4\u0964]+|\s+(?:but|although|though|however|whereas)\s+"
)
# Letters, digits and the combining marks of the scripts we read (Python's \w leaves out
# the vowel signs of Bengali and Gurmukhi, which would split their words).
WORD_CHARS = (
    r"\w\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    r"\u0900-\u0dff\u200c\u200d"
)
_TOKEN = re.compile(rf"[{WORD_CHARS}']+|&")
_REPEATS = re.compile(r"(\w)\1{2,}")


def damerau_levenshtein(a: str, b: str, limit: int = 2) -> int:
    """Edit distance with transpositions (optimal string alignment), capped at ``limit + 1``.

    Args:
        a: One word.
        b: The other word.
        limit: Stop counting once the distance is certainly above this.

    Returns:
        The distance, or ``limit + 1`` if it is larger than ``limit``.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[len(b)]


@lru_cache(maxsize=4096)
def correct_typo(word: str) -> str:
    """Return the term a misspelt word stands for, or the word unchanged.

    Only words of 5 letters or more, starting with the same letter as the term, within one
    edit (two for words of 8 letters or more) of a term in ``FUZZY_TERMS`` are corrected.
    """
    if len(word) < 5 or word in _FUZZY_SET or word in _NOT_TYPOS or not word.isalpha():
        return word
    best, best_distance = word, 3
    for term in FUZZY_TERMS:
        if term[0] != word[0]:
            continue
        allowed = 2 if len(term) >= 8 else 1
        distance = damerau_levenshtein(word, term, limit=allowed)
        if distance <= allowed and distance < best_distance:
            best, best_distance = term, distance
    return best


def _expand(tokens: Iterable[str]) -> list[str]:
    """English reading of the words: contractions, text-speak, typos in key words."""
    out: list[str] = []
    for token in tokens:
        token = _REPEATS.sub(r"\1\1", token)
        if token in _CONTRACTIONS:
            out.extend(_CONTRACTIONS[token].split())
            continue
        if token.endswith("n't") and len(token) > 3:
            out.extend([token[:-3], "not"])
            continue
        token = token.replace("'", "")
        if token in _TEXT_SPEAK:
            out.extend(_TEXT_SPEAK[token].split())
            continue
        if token.isascii():
            token = correct_typo(token)
        out.append(token)
    return out


@dataclass(frozen=True)
class Clause:
    """One clause of a message, read two ways.

    Attributes:
        plain: Folded words separated by single spaces (for every language but English).
        english: The same with English contractions and text-speak expanded and typos in
            key words corrected; done only for English, because "im" is a Polish word and
            "suicidar" a Spanish one.
    """

    plain: str
    english: str


def clauses(text: str) -> list[Clause]:
    """Split a message into normalised clauses.

    Clauses end at sentence punctuation and before "but", "although", "however", so
    "he used to hurt himself but he is fine now" is two clauses.
    """
    folded = fold(text).replace("-", " ").replace("_", " ").replace("/", " ")
    result = []
    for part in _CLAUSE_BREAK.split(folded):
        tokens = _TOKEN.findall(part)
        if tokens:
            plain = " ".join(token.replace("'", "") for token in tokens).strip()
            english = " ".join(_expand(tokens))
            if plain or english:
                result.append(Clause(plain=plain, english=english))
    return result


def normalise(text: str) -> str:
    """The whole message read as English, one string (clauses joined with " . ")."""
    return " . ".join(clause.english for clause in clauses(text))
