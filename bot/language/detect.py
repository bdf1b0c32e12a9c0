"""Which language a message is in: offline, and careful with short phone text.

Three layers, cheapest and surest first:

1. **Script.** Bengali, Gurmukhi (Punjabi), Gujarati, Tamil, Devanagari (Hindi) and
   Chinese letters name their language. Arabic script and Cyrillic are narrowed
   by letters only one language uses (``ے`` is Urdu, ``ї`` is Ukrainian), then lingua.
2. **Word lists** for Latin letters, where detectors are weakest: short English
   ("what is an EHC plan?", "hi") and Urdu or Hindi typed in Latin letters
   ("mera beta school nahi ja raha"), which lingua reads as Somali or English.
   Romanised Urdu/Hindi is reported as ``ur``: in England most families who type
   it are Urdu speakers, and Urdu replies are written in Urdu script.
3. **lingua** (``lingua-language-detector``), restricted to the served languages,
   for everything else; its models are inside the package, nothing is downloaded.

SEND terms, numbers and links are removed first ("EHCP" says nothing about the
language). ``choose_language`` then decides whether the conversation changes
language: English is kept for short, unclear messages ("ok", "1", "yes").
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bot.language.languages import BY_CODE, CODES, DEFAULT, NAME_TO_CODE, fold, is_served
from bot.language.protect import strip_protected

_DATA = Path(__file__).with_name("data")

# A first message in a language needs this much confidence; a later message that
# would change the language needs SWITCH and at least SWITCH_WORDS words.
FIRST_CONFIDENCE = 0.5
SWITCH_CONFIDENCE = 0.6
SWITCH_WORDS = 3

# Scripts that name their language on their own.
_SCRIPT_LANGUAGE = {
    "BENGALI": "bn",
    "GURMUKHI": "pa",
    "GUJARATI": "gu",
    "TAMIL": "ta",
    "DEVANAGARI": "hi",
    "CJK": "zh",
}
_URDU_LETTERS = set("ٹڈڑںےۓھہۃ")
_PERSIAN_ONLY = set("ژ")
_ARABIC_ONLY = set("ةىإأؤ")
_UKRAINIAN_LETTERS = set("іїєґ")
_RUSSIAN_LETTERS = set("ыэъё")
# A word: letters, with the combining vowel signs of Arabic and Indic scripts
# (which are not "letters" to the regex engine), and inner apostrophes or hyphens.
_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff])"
_WORD = re.compile(rf"{_LETTER}+(?:['’-]{_LETTER}+)*")
# SEND acronyms typed in lower case ("wot is a senco") say nothing about the language.
_NEUTRAL = frozenset(
    {"ehcp", "ehc", "ehcna", "senco", "sendiass", "sendias", "ipsea", "camhs", "dla", "dwp"}
)


@dataclass(frozen=True)
class Detection:
    """What detection found in one message.

    Attributes:
        language: ISO 639-1 code, or ``None`` when the message says nothing clear
            (only numbers, emoji, SEND terms, or one short word).
        confidence: 0..1.
        words: Words left after SEND terms and numbers are taken out.
        script: The main script ("LATIN", "ARABIC", "CYRILLIC"...), or "" without letters.
        method: How it was decided ("script", "english-words", "roman-urdu", "lingua"...).
    """

    language: str | None
    confidence: float
    words: int
    script: str
    method: str


NOTHING = Detection(None, 0.0, 0, "", "none")


@cache
def _wordlist(name: str) -> frozenset[str]:
    words: set[str] = set()
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(fold(w) for w in line.split())
    return frozenset(words)


def english_words() -> frozenset[str]:
    """Common English words and text-speak (``data/english_words.txt``)."""
    return _wordlist("english_words.txt")


def roman_urdu_words() -> frozenset[str]:
    """Common Urdu/Hindi words typed in Latin letters, minus English look-alikes."""
    return _wordlist("roman_urdu_words.txt") - english_words()


_detector: Any = None
_detector_lock = threading.Lock()


def lingua_detector() -> Any:
    """The lingua detector for the served languages, built once (trigram models, ~25 MB)."""
    global _detector
    with _detector_lock:
        if _detector is None:
            from lingua import Language, LanguageDetectorBuilder

            languages = [getattr(Language, BY_CODE[code].lingua) for code in CODES]
            # Low-accuracy mode uses lingua's trigram models only: about 25 MB instead of
            # about 300 MB in every Rasa process, and no worse on our short messages
            # (bench.languages: main set 0.99 either way, fresh set 1.00 against 0.97),
            # because scripts, cue words and English words decide most messages first.
            builder = LanguageDetectorBuilder.from_languages(*languages)
            _detector = builder.with_low_accuracy_mode().build()
        return _detector


def _script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith("CJK") or "HIRAGANA" in name or "KATAKANA" in name:
        return "CJK"
    return name.split(" ", 1)[0] if name else ""


def main_script(text: str) -> str:
    """The script most letters of the text are written in ("" if there are none)."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            script = _script_of(char)
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else ""


@cache
def cue_words() -> dict[str, frozenset[str]]:
    """Frequent words of each Latin-script language (``data/cue_words.txt``)."""
    cues: dict[str, frozenset[str]] = {}
    for line in (_DATA / "cue_words.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, words = line.split(":", 1)
            cues[code.strip()] = frozenset(fold(w) for w in words.split())
    return cues


def _lingua_all(text: str) -> tuple[str | None, float, dict[str, float]]:
    values = {
        v.language.iso_code_639_1.name.lower(): v.value
        for v in lingua_detector().compute_language_confidence_values(text)
    }
    if not values:
        return None, 0.0, {}
    best = max(values, key=lambda code: values[code])
    return best, values[best], values


def _lingua(text: str, allowed: tuple[str, ...] | None = None) -> tuple[str | None, float]:
    values = lingua_detector().compute_language_confidence_values(text)
    best: tuple[str | None, float] = (None, 0.0)
    total = 0.0
    for value in values:
        code = value.language.iso_code_639_1.name.lower()
        if allowed is not None and code not in allowed:
            continue
        total += value.value
        if value.value > best[1]:
            best = (code, value.value)
    if best[0] is None or total <= 0:
        return None, 0.0
    return best[0], best[1] / total


def detect(text: str | None) -> Detection:
    """Find the language of one message.

    Args:
        text: The message as typed.

    Returns:
        A ``Detection``; its ``language`` is ``None`` when the message does not say.
    """
    if not text or text.lstrip().startswith("/"):
        return NOTHING
    cleaned = strip_protected(unicodedata.normalize("NFC", text))
    words = [w for w in _WORD.findall(cleaned) if w.lower() not in _NEUTRAL]
    if not words:
        return NOTHING
    script = main_script(cleaned)
    letters = sum(len(w) for w in words)

    if script in _SCRIPT_LANGUAGE:
        return Detection(_SCRIPT_LANGUAGE[script], 1.0, len(words), script, "script")
    if script == "ARABIC":
        chars = set(cleaned)
        if chars & _URDU_LETTERS:
            return Detection("ur", 0.95, len(words), script, "script")
        if chars & _PERSIAN_ONLY:
            return Detection("fa", 0.9, len(words), script, "script")
        language, confidence = _lingua(cleaned, ("ar", "ur", "fa"))
        if chars & _ARABIC_ONLY and language != "ar":
            language, confidence = "ar", max(confidence, 0.8)
        return Detection(language, confidence, len(words), script, "lingua")
    if script == "CYRILLIC":
        chars = set(cleaned.lower())
        if chars & _UKRAINIAN_LETTERS and not chars & _RUSSIAN_LETTERS:
            return Detection("uk", 0.95, len(words), script, "script")
        if chars & _RUSSIAN_LETTERS and not chars & _UKRAINIAN_LETTERS:
            return Detection("ru", 0.95, len(words), script, "script")
        language, confidence = _lingua(cleaned, ("uk", "ru"))
        cues = cue_words()
        lowered = [w.lower() for w in words]
        uk = sum(1 for w in lowered if w in cues["uk"])
        ru = sum(1 for w in lowered if w in cues["ru"])
        if uk != ru:
            language = "uk" if uk > ru else "ru"
            confidence = max(confidence, min(0.95, 0.6 + 0.1 * abs(uk - ru)))
        return Detection(language, confidence, len(words), script, "lingua")
    if script != "LATIN":
        return Detection(None, 0.0, len(words), script, "unknown-script")
    if letters < 3:
        return Detection(None, 0.0, len(words), script, "too-short")

    folded = [fold(w).replace("’", "'") for w in words]
    english = sum(1 for w in folded if w in english_words())
    urdu = sum(1 for w in folded if w in roman_urdu_words())
    if urdu >= 2 and urdu >= 0.4 * len(folded) and urdu > english:
        return Detection("ur", min(0.95, 0.5 + 0.1 * urdu), len(words), script, "roman-urdu")
    if urdu == len(folded) == 1 and len(folded[0]) >= 4:
        return Detection("ur", 0.6, 1, script, "roman-urdu")

    if len(folded) == 1:
        # One Latin word ("tak", "sim", "haa") is never enough to leave English.
        detection = _latin(words, folded, english)
        return Detection(
            detection.language, min(detection.confidence, 0.75), 1, script, detection.method
        )
    return _latin(words, folded, english)


def _without_names(words: list[str], folded: list[str]) -> list[str]:
    """The words without those that look like names, for lingua.

    Names say nothing about the language a parent writes in, but lingua reads "Mrs
    Kowalczyk" or "Małgorzata" as Polish. A capitalised word that is not the first, not in
    capitals and not an English word is left out (unless that leaves nothing).
    """
    kept = [
        word
        for i, (word, folded_word) in enumerate(zip(words, folded, strict=True))
        if i == 0 or not word[:1].isupper() or word.isupper() or folded_word in english_words()
    ]
    return kept or words


def _latin(words: list[str], folded: list[str], english: int) -> Detection:
    script = "LATIN"
    hits = {code: sum(1 for w in folded if w in cues) for code, cues in cue_words().items()}
    hits["en"] = english
    language, confidence, values = _lingua_all(" ".join(_without_names(words, folded)))
    combined = {code: hits.get(code, 0) + values.get(code, 0.0) for code in set(hits) | set(values)}
    ranked = sorted(combined, key=lambda code: combined[code], reverse=True)
    best = ranked[0]
    if hits.get(best, 0) >= 1 and combined[best] - combined[ranked[1]] >= 0.5:
        if values.get(best, 0.0) < 0.05 and confidence >= 0.8:
            # Cue words point one way, the detector is sure of another: trust it.
            return Detection(language, confidence, len(words), script, "lingua")
        margin = (combined[best] - combined[ranked[1]]) / combined[best]
        return Detection(best, 0.5 + 0.45 * margin, len(words), script, "words+lingua")
    return Detection(language, confidence, len(words), script, "lingua")


def _script_changes(current: str, detection: Detection) -> bool:
    """A word in another script than the current language's is a clear change."""
    if detection.script in ("", "LATIN"):
        return False
    expected = {"ar": "ARABIC", "ur": "ARABIC", "fa": "ARABIC", "uk": "CYRILLIC", "ru": "CYRILLIC"}
    current_script = expected.get(current) or next(
        (s for s, c in _SCRIPT_LANGUAGE.items() if c == current), "LATIN"
    )
    return detection.script != current_script


def choose_language(current: str | None, detection: Detection) -> str:
    """Decide the conversation language after a message.

    Args:
        current: The language so far (``None`` before the first message).
        detection: What ``detect`` found in the latest message.

    Returns:
        The language to use from now on: the detected one for a first message it is
        fairly sure of, or for a later message that is clear (long enough and sure,
        or in another script); otherwise the current language, or English.
    """
    start = current if is_served(current) else None
    found = detection.language
    if not found or not is_served(found):
        return start or DEFAULT
    if start is None:
        not_latin = detection.script not in ("", "LATIN")
        if detection.confidence >= FIRST_CONFIDENCE and (
            detection.words >= 2 or detection.confidence >= 0.8 or not_latin
        ):
            return found
        return DEFAULT
    if found == start:
        return start
    clear = detection.words >= SWITCH_WORDS and detection.confidence >= SWITCH_CONFIDENCE
    by_script = _script_changes(start, detection) and detection.confidence >= 0.6
    return found if clear or by_script else start


_LONGEST_NAME = max(len(name.split()) for name in NAME_TO_CODE)


def requested_language(text: str | None) -> str | None:
    """Notice a request to switch language: the message is a language's name.

    "Polish", "polski", "اردو", "in Urdu please", "can you speak Spanish?",
    "po polsku proszę" all count. A sentence that only mentions a language ("my son
    speaks Polish at school") does not: every other word must be filler.

    Args:
        text: The message as typed.

    Returns:
        The ISO 639-1 code of the named language, or ``None``.
    """
    if not text or len(text) > 80:
        return None
    tokens = [fold(t) for t in _WORD.findall(text)]
    if not tokens:
        return None
    found: set[str] = set()
    position = 0
    while position < len(tokens):
        for size in range(min(_LONGEST_NAME, len(tokens) - position), 0, -1):
            phrase = " ".join(tokens[position : position + size])
            if phrase in NAME_TO_CODE:
                found.add(NAME_TO_CODE[phrase])
                break
        else:
            if tokens[position] not in _wordlist("request_words.txt"):
                return None
            size = 1
        position += size
    return found.pop() if len(found) == 1 else None


def detect_language(text: str | None, current: str | None) -> str:
    """The conversation language after a message (the ``language`` slot's value).

    Args:
        text: The person's latest message.
        current: The language so far, if any.

    Returns:
        An ISO 639-1 code: the language the person asked for by name, or the one
        ``choose_language`` settles on.
    """
    named = requested_language(text)
    if named:
        return named
    return choose_language(current, detect(text))
