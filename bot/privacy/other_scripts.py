"""Names written in scripts other than Latin: Arabic script (Urdu, Arabic, Persian,
Pashto), Bengali, Gurmukhi, Devanagari, Cyrillic, Ge'ez and Chinese.

The rules in ``names.py`` read Latin letters: capitals, English dictionaries and cue
words like "my son". These scripts have no capitals and words the English lists do not
know, so a name is found here from two things only:

- a list of common names in each script (``data/other_script_names.txt``): a listed
  name goes wherever it is, unless it is also an everyday word ("امید" hope), which needs
  a cue;
- cue words (``data/other_script_cues.txt``): after "my son"/"my daughter" (a child),
  "mother of" (a child), a title, "teacher" or "my name is" (a person) the next word is
  a name unless it is a listed everyday word; a name after "thanks" at the end of the
  message, or a lone word after the last full stop, is the writer's signature.

A listed name or family name right after a found name is part of it ("شاهناز بیگم"); a
name with a case ending joined to it ("রাফির", "Матвія") goes as a whole word. Chinese has
no spaces: after a cue ("儿子" my son, "我叫" I am called) a surname from the list and one
or two given-name characters are a name ("我儿子王浩然今年7岁"), and so is a surname
before a title ("王老师").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.privacy.patterns import Span, tag

DATA = Path(__file__).with_name("data")

# Arabic letters written in several forms fold to one, so each name is listed once.
_ARABIC_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۃ": "ه",
        "ہ": "ه",
        "ە": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ё": "е",
        "\u2019": "'",
        "ʼ": "'",
    }
)
# Arabic vowel marks and the elongating tatweel, which change nothing in a name.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d]")
# Ends a sentence in any of the scripts (Urdu ۔, Devanagari ।, Ge'ez ።, Chinese 。).
_SENTENCE_END = re.compile(r"[.!?\n؟۔।॥።。！？]")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_CYRILLIC_BASES = ("", "а", "я", "й", "ія")


def fold(word: str) -> str:
    """The key of a word: lower case, one form of each Arabic letter, no vowel marks."""
    return _ARABIC_MARKS.sub("", word.translate(_ARABIC_FOLD)).lower()


# Since 3.4: "is", "am" (Urdu, Persian, Amharic) and "in" (Amharic) that close a name of
# two words after "name", "I" or "my child" ("میرا نام نسرین اختر ہے").
_NAME_CLOSERS = ("ہے", "ہوں", "هستم", "است", "هست", "ነው", "ነኝ", "በ")
_NAMING_CUES = ("نام", "نامم", "اسمي", "اسمی", "من", "میں", "ስሜ", "ስመይ", "ልጄ", "ልጃችን")
_CLOSERS = frozenset(fold(word) for word in _NAME_CLOSERS)
_NAMING = frozenset(fold(word) for word in _NAMING_CUES)


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM" or ch in "\u200c\u200d"


def _is_latin(word: str) -> bool:
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in word)


def in_other_script(word: str) -> bool:
    """Whether a word has letters outside the Latin alphabet: this module's to judge."""
    return any(ch.isalpha() and not _is_latin(ch) for ch in word)


def _is_georgian(ch: str) -> bool:
    return "\u10d0" <= ch <= "\u10ff"


def _is_han(word: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in word)


@dataclass(frozen=True)
class _Lists:
    names: frozenset[str]
    cue_only: frozenset[str]
    names_and_cue_only: frozenset[str]
    child_cues: frozenset[str]
    parent_of: frozenset[str]
    person_cues: frozenset[str]
    weak_cues: frozenset[str]
    possessive_after: frozenset[str]
    thanks: frozenset[str]
    stop: frozenset[str]
    places: tuple[str, ...]
    endings: tuple[str, ...]
    surnames: frozenset[str]
    chinese_cues: tuple[str, ...]
    chinese_naming_cues: tuple[str, ...]
    chinese_titles: tuple[str, ...]
    chinese_stop: frozenset[str]
    name_closers: frozenset[str] = frozenset()
    name_words: frozenset[str] = frozenset()
    parents_after: frozenset[str] = frozenset()
    genitives: frozenset[str] = frozenset()
    joined_genitives: tuple[str, ...] = ()


def _sections(name: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
        elif line:
            sections[current].extend(line.split())
    return sections


@lru_cache(maxsize=1)
def load_lists() -> _Lists:
    """Read the word lists once."""
    cues = _sections("other_script_cues.txt")
    chinese = _sections("chinese_names.txt")

    def keys(section: str) -> frozenset[str]:
        return frozenset(fold(word) for word in cues.get(section, []))

    # since 3.9: the Faker names in these scripts and the most frequent words of each
    # language (make_other_script_words.py) join the hand-made lists
    extra = _sections("other_script_names_extra.txt")
    cue_only = keys("cue_only_names") | frozenset(fold(w) for w in extra["cue_only_names"])
    names = (
        frozenset(fold(w) for w in _sections("other_script_names.txt")[""] + extra["names"])
        - cue_only
    )
    frequent = frozenset(fold(w) for w in _sections("other_script_words.txt")[""])
    # since 3.9: more Chinese cues and titles in other_script_cues.txt
    for section in ("cues", "naming_cues", "titles"):
        chinese[section] = chinese[section] + cues.get(f"chinese_{section}", [])
    longest_first = sorted(chinese["cues"] + chinese["naming_cues"], key=len, reverse=True)
    return _Lists(
        names=names,
        cue_only=cue_only,
        names_and_cue_only=names | cue_only,
        child_cues=keys("child_cues"),
        parent_of=keys("parent_of"),
        person_cues=keys("person_cues"),
        weak_cues=keys("weak_cues"),
        possessive_after=keys("possessive_after"),
        thanks=keys("thanks"),
        stop=keys("stop") | (frequent - names - cue_only),
        places=tuple(fold(word) for word in cues["places"]),
        endings=tuple(sorted({fold(e) for e in cues["endings"]}, key=len, reverse=True)),
        surnames=frozenset(chinese["surnames"]),
        chinese_cues=tuple(c for c in longest_first if c in chinese["cues"]),
        chinese_naming_cues=tuple(c for c in longest_first if c in chinese["naming_cues"]),
        chinese_titles=tuple(chinese["titles"]),
        chinese_stop=frozenset("".join(chinese["stop"])),
        name_closers=keys("name_closers"),
        name_words=keys("name_words"),
        parents_after=keys("parents_after"),
        genitives=keys("genitives"),
        joined_genitives=tuple(
            sorted({fold(e) for e in cues["joined_genitives"]}, key=len, reverse=True)
        ),
    )


@dataclass
class _Word:
    start: int
    end: int
    key: str
    other: bool  # written in a script other than Latin (and not Chinese)
    sentence_start: bool
    cased: bool  # its script has capitals (Cyrillic, Greek, Armenian)
    capitalised: bool


def _words(text: str) -> list[_Word]:
    """Words of letters and joined marks (Python's \\w splits Bengali at its vowel signs)."""
    found: list[_Word] = []
    i, last_end = 0, 0
    while i < len(text):
        if not _is_word_char(text[i]):
            i += 1
            continue
        start = i
        while i < len(text) and (
            _is_word_char(text[i])
            or (text[i] in "'\u2019" and i + 1 < len(text) and _is_word_char(text[i + 1]))
        ):
            i += 1
        word = text[start:i]
        gap = text[last_end:start]
        found.append(
            _Word(
                start=start,
                end=i,
                key=fold(word),
                other=not _is_latin(word) and not _is_han(word),
                sentence_start=not found or bool(_SENTENCE_END.search(gap)),
                # since 3.9: Georgian letters are lowercase in Unicode, but Georgian
                # writes no capitals, so a name there has none
                cased=(word[0].isupper() or word[0].islower()) and not _is_georgian(word[0]),
                capitalised=word[0].isupper(),
            )
        )
        last_end = i
    return found


class _Finder:
    def __init__(self, text: str, lists: _Lists) -> None:
        self.text = text
        self.lists = lists
        self.words = _words(text)
        self.labels: dict[int, str] = {}

    def listed(self, key: str, *, cue: bool = False) -> bool:
        """A listed name, also with a case ending joined to it ("রাফির", "Софії")."""
        pool = self.lists.names_and_cue_only if cue else self.lists.names
        if key in pool:
            return True
        # Arabic joins "and" to the next word: "وفاطمة" is "and Fatima"
        if key.startswith("و") and len(key) > 4 and key[1:] in self.lists.names:
            return True
        for ending in self.lists.endings:
            if key.endswith(ending) and len(key) - len(ending) >= 2:
                stem = key[: -len(ending)]
                if any(stem + base in pool for base in _CYRILLIC_BASES):
                    return True
        return False

    def is_cue(self, key: str) -> bool:
        lists = self.lists
        return key in lists.child_cues or key in lists.parent_of or key in lists.person_cues

    def can_be_name(self, word: _Word) -> bool:
        return (
            word.other
            and len(word.key) > 1
            and word.key not in self.lists.stop
            and word.key not in self.lists.thanks
            and word.key not in self.lists.possessive_after
            and not self.is_cue(word.key)
            # since 3.6: "born" ("پسرم متولد ۱۵ مهر")
            and word.key not in _born_words()
            # Cyrillic and Greek have capitals: a name has one, a place is not a person
            and (
                not word.cased or (word.capitalised and not word.key.startswith(self.lists.places))
            )
        )

    def previous(self, index: int) -> _Word | None:
        if index == 0 or self.words[index].sentence_start:
            return None
        return self.words[index - 1]

    def find(self) -> dict[int, str]:
        for index, word in enumerate(self.words):
            if self.can_be_name(word) and index not in self.labels:
                label = self.label_from_cue(index)
                if label:
                    self.labels[index] = label
        self.sign_off()
        self.pashto_parent_of()
        self.parent_after_name()
        self.extend()
        self.one_label_a_name()
        self.spread()
        return self.labels

    def one_label_a_name(self) -> None:
        """Since 3.6: a listed family name right after a child's name is the child's
        ("மகன் அர்ஜுன் குமார்" is one child, not a child and a person)."""
        for index in sorted(self.labels):
            nxt = index + 1
            if (
                self.labels[index] == "child"
                and self.labels.get(nxt) == "name"
                and not self.words[nxt].sentence_start
                and not self.text[self.words[index].end : self.words[nxt].start].strip()
            ):
                self.labels[nxt] = "child"

    def pashto_parent_of(self) -> None:
        """Since 3.2, Pashto "زه د محمد نبي مور یم" (I am Mohammad Nabi's mother): the
        one to three words between "د" (of) and "mother"/"father" are a child's name."""
        for index, word in enumerate(self.words):
            if word.key != "د":
                continue
            for size in (1, 2, 3):
                end = index + 1 + size
                if end >= len(self.words) or self.words[end].sentence_start:
                    break
                if self.words[end].key in _PASHTO_PARENTS:
                    name = self.words[index + 1 : end]
                    if all(self.can_be_name(w) and not w.sentence_start for w in name):
                        for i in range(index + 1, end):
                            self.labels[i] = "child"
                    break

    def parent_after_name(self) -> None:
        """Since 3.9: "I am X's mother" where the child's name comes first: with "of"
        written apart ("میں زینب کی امی ہوں", "मैं आरव की माँ हूँ", "ਮੈਂ ਏਕਮ ਦੀ ਮਾਂ ਹਾਂ") or
        joined to the name ("আমি রাফির মা", "நிலாவின் அம்மா", "ആമിയുടെ അമ്മ",
        "આરવની મમ્મી", "नविनको आमा", "නිමල්ගේ අම්මා", "የዳዊት እናት"): the word before is
        the child's name, unless it (or what is left without "of") is an everyday word."""
        lists = self.lists
        for index, word in enumerate(self.words):
            if index == 0 or word.sentence_start or word.key not in lists.parents_after:
                continue
            before = self.words[index - 1]
            if before.key in lists.genitives and index >= 2 and not before.sentence_start:
                name_index = index - 2
                candidate = self.words[name_index]
                if self.can_be_name(candidate) and not candidate.cased:
                    self.labels.setdefault(name_index, "child")
                continue
            stem = _without_genitive(before.key, lists.joined_genitives)
            if (
                stem
                and len(stem) >= 2
                and self.can_be_name(before)
                and not before.cased
                and stem not in lists.stop
                and not self.is_cue(stem)
            ):
                self.labels.setdefault(index - 1, "child")

    def spread(self) -> None:
        """Since 3.2: the other occurrences of a found name go too ("أنا أم كريم. كريم
        عمره ١٢ سنة")."""
        found = {self.words[i].key: label for i, label in self.labels.items()}
        for index, word in enumerate(self.words):
            if index not in self.labels and word.key in found and self.can_be_name(word):
                self.labels[index] = found[word.key]

    def label_from_cue(self, index: int) -> str | None:
        word, before = self.words[index], self.previous(index)
        cue = before.key if before is not None else ""
        if cue in self.lists.possessive_after:
            # "הבן שלי יוסי": the word for a child, then "my", then the name
            earlier = self.previous(index - 1)
            if earlier is not None and _child_then_my(earlier.key, cue, self.lists):
                return "child"
            # since 3.9: "name of him/me X" ("نام من مریم", "נוم یې احمد", "השם שלו דני"),
            # "mother of X" ("אמא של נועה")
            if earlier is not None and earlier.key in self.lists.name_words:
                return "name"
            parents = self.lists.parents_after
            if earlier is not None and earlier.key in parents and cue != "من":
                return "child"
        if cue in self.lists.child_cues or cue in self.lists.parent_of:
            return "child"
        if cue in self.lists.person_cues:
            return "name"
        if self.listed(word.key, cue=cue in self.lists.weak_cues):
            return "name"
        # "... переїхали до Лідса", "Мій син Матвій": in mid-sentence, a Cyrillic word with
        # a capital that is not a place is a name
        if word.cased and not word.sentence_start:
            return "name"
        return None

    def sign_off(self) -> None:
        """The writer's name after "thanks" at the end, or alone after the last full stop."""
        tail = [w for w in self.words if w.other or not _is_latin(self.text[w.start : w.end])]
        if not tail or self.words[-1] is not tail[-1]:
            return
        last = len(self.words) - 1
        # "شکریہ، نسرین", "Дякую, Олена": one or two words after the thanks word
        for size in (1, 2):
            first = last - size + 1
            if first < 1:
                break
            if self.words[first - 1].key in self.lists.thanks and all(
                self.can_be_name(w) for w in self.words[first:]
            ):
                for i in range(first, last + 1):
                    self.labels.setdefault(i, "name")
                return
        # "... تماس بگیرید. مریم": a lone word (or a listed pair) as the last sentence
        starts = [i for i, w in enumerate(self.words) if w.sentence_start]
        first = starts[-1]
        closing = self.words[first:]
        if first == 0 or len(closing) > 2 or not all(self.can_be_name(w) for w in closing):
            return
        if any(ch.isdigit() for ch in self.text[closing[0].start :]):
            return
        if len(closing) == 2 and not any(self.listed(w.key) for w in closing):
            return
        for i in range(first, last + 1):
            self.labels.setdefault(i, "name")

    def extend(self) -> None:
        """A listed name or family name, or an Arabic "al-" word, after a found name; since
        3.4 also any word between a found name and "is"/"am" or "at" closing it ("میرا نام
        نسرین اختر ہے", "من مریم رضایی هستم", "ልጄ ሄኖክ አበበ በ ..."): a family name."""
        for index in sorted(self.labels):
            nxt = index + 1
            if (
                nxt + 1 < len(self.words)
                and nxt not in self.labels
                and not self.words[nxt].sentence_start
                and not self.words[nxt + 1].sentence_start
                and self.words[nxt + 1].key in _CLOSERS
                and index > 0
                and self.words[index - 1].key in _NAMING
                and self.can_be_name(self.words[nxt])
                and not self.text[self.words[index].end : self.words[nxt].start].strip()
            ):
                self.labels[nxt] = self.labels[index]
        self.family_name_before_comma()
        for index in sorted(self.labels):
            nxt = index + 1
            while nxt < len(self.words) and not self.words[nxt].sentence_start:
                word = self.words[nxt]
                gap = self.text[self.words[nxt - 1].end : word.start]
                if nxt in self.labels or gap.strip() or not self.can_be_name(word):
                    break
                if not (self.listed(word.key, cue=True) or word.key.startswith("ال")):
                    break
                self.labels[nxt] = self.labels[index]
                nxt += 1

    def family_name_before_comma(self) -> None:
        """Since 3.6: "என் மகன் அர்ஜுன் குமார், வயது 9", "મારો દીકરો આરવ પટેલ ૭ વર્ષનો":
        one more word right after a name found from a cue, in a script with no capitals,
        that a comma or the child's age closes, is the family name (a verb or a noun
        there is a listed everyday word, or is followed by more words).

        Since 3.8 also one or two more words that a word of ``[name_closers]`` closes (age,
        years old, "is called", a number spelled out, "born": "زما زوی X Y اووه کلن",
        "ልጄ X Y ትባላለች", "کوڕەکەم X Y تەمەنی"), or, after a word for "name" (``[name_words]``),
        the end of the sentence ("என் மகள் பெயர் X Y."); the cue may be "my son" with the
        "my" after it ("دختر من X Y متولد")."""
        lists = self.lists
        for index, label in sorted(self.labels.items()):
            if index == 0 or index + 1 >= len(self.words) or index + 1 in self.labels:
                continue
            cue = self.words[index - 1].key
            by_cue = self.is_cue(cue) or (
                cue in lists.possessive_after
                and index > 1
                and _child_then_my(self.words[index - 2].key, cue, lists)
            )
            if not by_cue:
                continue  # only after "my son", "teacher"...: not "من مریم هستم،"
            for size in (1, 2):
                last = index + size
                if last >= len(self.words):
                    break
                if any(i in self.labels for i in range(index + 1, last + 1)):
                    break
                span = self.words[index + 1 : last + 1]
                # an everyday word of one language may be a name in another ("ولي", Wali;
                # "but" in Persian): taken only before the age or a number
                closed_by_age = self._closer_follows(last)
                if not all(self._family_word(w, lenient=closed_by_age) for w in span):
                    break
                if any(
                    self.text[self.words[i - 1].end : self.words[i].start].strip()
                    for i in range(index + 1, last + 1)
                ):
                    break
                if self._closes_name(last, naming=cue in lists.name_words, first=size == 1):
                    for i in range(index + 1, last + 1):
                        self.labels[i] = label
                    break

    def _family_word(self, word: _Word, *, lenient: bool = False) -> bool:
        if word.sentence_start or word.cased or word.key in _CLOSERS:
            return False
        if word.key in self.lists.endings:
            return False  # a case ending written apart: Bengali "তাসনিম এর বয়স" (X's age)
        if word.key in self.lists.name_closers:
            return False
        if self.can_be_name(word):
            return True
        return (
            lenient
            and word.other
            and len(word.key) > 2
            and word.key in self.lists.stop
            and not self.is_cue(word.key)
            and word.key not in _born_words()
        )

    def _closer_follows(self, last: int) -> bool:
        nxt = self.words[last + 1] if last + 1 < len(self.words) else None
        return (
            nxt is not None
            and not nxt.sentence_start
            and nxt.key in self.lists.name_closers
            and nxt.key not in _CLOSERS
            and not self.text[self.words[last].end : nxt.start].strip()
        )

    def _closes_name(self, last: int, *, naming: bool, first: bool) -> bool:
        """Whether what follows word ``last`` closes a name: a comma or a number (only
        right after the first word, as before 3.8), a closing word, or after "name" the
        end of the sentence."""
        end = self.words[last].end
        if first and _CLOSES_NAME.match(self.text, end):
            return True
        nxt = self.words[last + 1] if last + 1 < len(self.words) else None
        if nxt is not None and not nxt.sentence_start and nxt.key in self.lists.name_closers:
            return not self.text[end : nxt.start].strip()
        if naming:
            rest = self.text[end:].lstrip()
            return not rest or bool(_SENTENCE_END.match(rest)) or rest[0] in ",،、，"
        return False


# Since 3.8, Persian and Dari "my" after the noun: "دختر من X" (my daughter X). Only after
# a bare "son"/"daughter"/"child": in Arabic "من" is "from" ("ابني من الرحلة").
# Since 3.9 also Sorani "son of me" ("کوڕی من X").
_BARE_CHILD_NOUNS = frozenset(
    fold(w) for w in ("پسر", "دختر", "فرزند", "بچه", "نوه", "نواسه", "کوڕی", "کچی", "منداڵی")
)


def _without_genitive(key: str, endings: tuple[str, ...]) -> str:
    """The word without a joined "of" ("রাফির" -> "রাফি", "የዳዊት" -> "ዳዊት"), or ''."""
    if key.startswith("የ") and len(key) > 2:
        return key[1:]
    for ending in endings:
        if key.endswith(ending) and len(key) > len(ending):
            return key[: -len(ending)]
    return ""


def _child_then_my(earlier: str, my: str, lists: _Lists) -> bool:
    if my == "من":
        return earlier in _BARE_CHILD_NOUNS
    return earlier in lists.child_cues


@lru_cache(maxsize=1)
def _born_words() -> frozenset[str]:
    """The words of the "born"/"date of birth" cues (``data/dob_cues.txt``)."""
    lines = (DATA / "dob_cues.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(fold(w) for line in lines for w in line.split("#", 1)[0].split())


# A comma or a number (an age, in any script's digits) right after a name.
_CLOSES_NAME = re.compile(r"\s*(?:[,،、，]|\d)")


def _blank_separated(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Pashto "mother", "father", "parent" (after the child's name and "د", "of").
_PASHTO_PARENTS = frozenset(
    fold(w) for w in _blank_separated("مور پلار مورکۍ پلرونه والدین سرپرست")
)


def _chinese_given(text: str, start: int, most: int, stop: frozenset[str]) -> int:
    """End of up to ``most`` given-name characters from ``start`` (none is a stop)."""
    end = start
    while end < len(text) and end - start < most and _HAN.match(text[end]):
        if text[end] in stop:
            break
        end += 1
    return end


_CHINESE_CHILD_CUES = _blank_separated(
    "儿子 兒子 女儿 女兒 孩子 孙子 孫子 孙女 孫女 外孙 外孫 外孙女 外孫女 侄子 侄女"
    # since 3.6: Cantonese "my son", "my daughter"
    " 個仔 个仔 個女 个女 囝囝 囡囡"
)
# Two characters that follow "my son" as often as a name does: "儿子学习不好".
_CHINESE_NOT_GIVEN = _blank_separated(
    """
    学习 學習 现在 現在 今年 每天 一直 非常 特别 特別 总是 總是 经常 經常 已经 已經 需要 喜欢
    喜歡 不会 不會 不能 可能 最近 上学 上學 学校 學校 老师 老師 医生 醫生 自闭 自閉 多动 多動
    语言 語言 说话 說話 情况 情況 身体 身體 诊断 診斷 比较 比較 还是 還是 没有 沒有 因为 因為
    所以 觉得 覺得 知道 开始 開始 时候 時候 出生 小时 小時 平时 平時 晚上 早上 一个 一個 两个
    兩個 他们 他們 她们 她們 这个 這個 那个 那個 患有 得了 确诊 確診 被诊 被診 读书 讀書 上课 上課
    """
)


def _chinese_names(text: str, lists: _Lists) -> Iterator[Span]:
    for run in _HAN.finditer(text):
        chunk, offset = run.group(), run.start()
        for cue in lists.chinese_cues + lists.chinese_naming_cues:
            for match in re.finditer(re.escape(cue), chunk):
                after = match.end()
                label = "child" if cue in lists.chinese_cues and cue != "我是" else "name"
                surname = next(
                    (
                        s
                        for s in (chunk[after : after + 2], chunk[after : after + 1])
                        if s in lists.surnames
                    ),
                    None,
                )
                if surname:
                    end = _chinese_given(chunk, after + len(surname), 2, lists.chinese_stop)
                    # since 3.8: a surname character that is a particle, alone ("弟弟和我")
                    if end == after + len(surname) and surname in lists.chinese_stop:
                        continue
                elif cue in lists.chinese_naming_cues:
                    end = _chinese_given(chunk, after, 3, lists.chinese_stop)
                    if end - after < 2:
                        continue
                elif cue in _CHINESE_CHILD_CUES:
                    # Since 3.2: "儿子子涵在...": two given-name characters, no surname,
                    # between the word for a child and a verb or particle
                    end = _chinese_given(chunk, after, 2, lists.chinese_stop)
                    given = chunk[after:end]
                    if (
                        end - after != 2
                        or given in _CHINESE_NOT_GIVEN
                        or (end < len(chunk) and chunk[end] not in lists.chinese_stop)
                    ):
                        continue
                else:
                    continue
                yield Span(offset + after, offset + end, label, tag(label))
        # Since 3.4: "李明的妈妈" (Li Ming's mum): a surname and one or two characters
        # before "'s mum"/"'s dad" are a child's name.
        for match in _CHINESE_PARENT_OF.finditer(chunk):
            begin = match.start()
            for size in (3, 2):
                name = chunk[max(begin - size, 0) : begin]
                if (
                    len(name) == size
                    and (name[:1] in lists.surnames or name[:2] in lists.surnames)
                    and not any(ch in lists.chinese_stop for ch in name)
                ):
                    yield Span(offset + begin - size, offset + begin, "child", tag("child"))
                    break
        for title in lists.chinese_titles:
            for match in re.finditer(re.escape(title), chunk):
                if any(
                    len(longer) > len(title) and chunk.endswith(longer, 0, match.end())
                    for longer in lists.chinese_titles
                ):
                    continue  # "班主任" (class teacher) is not "主任" after the surname "班"
                # since 3.9: an English name written in Chinese characters ("琼斯老师",
                # "史密斯女士"): two to five characters that transliterate sounds
                begin = match.start()
                while begin > 0 and chunk[begin - 1] in _TRANSLITERATION:
                    begin -= 1
                if 2 <= match.start() - begin <= 5:
                    # a Chinese surname before them ("李安娜老师") is part of the name
                    if begin > 0 and chunk[begin - 1] in lists.surnames:
                        begin -= 1
                    yield Span(offset + begin, offset + match.start(), "name", tag("name"))
                    continue
                for size in (1, 2, 3):
                    begin = match.start() - size
                    name = chunk[max(begin, 0) : match.start()]
                    if begin < 0 or any(ch in lists.chinese_stop for ch in name):
                        continue
                    if name[:1] in lists.surnames or name[:2] in lists.surnames:
                        yield Span(offset + begin, offset + match.start(), "name", tag("name"))
                        break


# Characters that write the sounds of foreign names ("史密斯" Smith, "琼斯" Jones, "威廉姆斯"
# Williams, "格林" Green, "布朗" Brown, "泰勒" Taylor, "戴维斯" Davies), simplified and
# traditional; a run of two or more of them before a title is a name.
_TRANSLITERATION = frozenset(
    "史密斯琼瓊威廉姆布朗泰勒戴维維格林克拉特尔爾森逊遜德伍沃安娜丽麗莎玛瑪莉亚亞尼罗羅伯汤湯"
    "普金艾伦倫杰傑詹米卡哈里蒂凯凱露西佩珀科帕默福奥奧巴贝貝芬莱萊霍华華摩怀懷赖賴希"
    "杨楊豪斯坦肯纳納兰蘭迪丹蒙蕾薇妮茜琳娅婭菲黛苏蘇"
)
_CHINESE_PARENT_OF = re.compile(r"的(?:妈妈|媽媽|爸爸|家长|家長|妈|媽|爸)")

# "Zhang Hao (张浩)", "Suman Gurung (सुमन)": a name written again in its own script.
_ALIAS = re.compile(r"[A-Z][\w'\u2019\-]+\s*\(\s*(?P<alias>[^\x00-\u024f()]{1,40}?)\s*\)")


def _aliases(text: str) -> Iterator[Span]:
    for match in _ALIAS.finditer(text):
        alias = match.group("alias")
        if len(alias.split()) <= 3 and all(
            ch.isalpha() or ch.isspace() or unicodedata.category(ch)[0] == "M" for ch in alias
        ):
            yield Span(match.start("alias"), match.end("alias"), "name", tag("name"))


def find_other_script_names(text: str) -> list[Span]:
    """Names in scripts other than Latin, as spans labelled ``child`` or ``name``."""
    lists = load_lists()
    spans: list[Span] = []
    if any(ord(ch) > 0x36F for ch in text):
        finder = _Finder(text, lists)
        for index, label in sorted(finder.find().items()):
            word = finder.words[index]
            spans.append(Span(word.start, word.end, label, tag(label)))
        if _HAN.search(text):
            found = list(_chinese_names(text, lists))
            spans.extend(found)
            spans.extend(_chinese_repeats(text, found))
        spans.extend(_aliases(text))
        spans.extend(_thai_names(text))
        if _HANGUL_WORD.search(text):
            spans.extend(_korean_names(text))
        spans.extend(_japanese_names(text))
    return spans


# Since 3.6, Thai (no spaces between words): the letters after "ชื่อ" (named), up to a
# space, are a name; with "ลูก" (child) before it, a child's ("ลูกชายชื่อ ภูมิ อายุ 8
# ขวบ"). A second run closed by the age ("อายุ"), a number or a comma is the family name.
_THAI_NAME = re.compile(
    r"(?P<child>ลูก[\u0e01-\u0e4e]{0,12})?ชื่อ(?:ว่า|คือ|จริง|เล่น)?\s*"
    r"(?:น้อง|เด็กชาย|เด็กหญิง|ด\.ช\.|ด\.ญ\.|นางสาว|นาย|นาง|คุณ)?\s*"
    r"(?P<name>[\u0e01-\u0e4e]{2,20})"
    r"(?:\s(?!อายุ)(?P<family>[\u0e01-\u0e4e]{2,20})(?=\s*(?:อายุ|\d|,|$)))?"
)
_THAI_NOT_NAMES = frozenset(("อะไร", "ว่าอะไร", "โรงเรียน", "ของ", "ของฉัน", "ของผม"))


# Since 3.9: a title or the "น้อง" of a child's nickname joined to a name that a space
# ends ("ครูสมศรี บอกว่า", "น้องภูมิ อายุ 8 ขวบ"), unless the letters hold an everyday
# word ("ครูประจำชั้น" class teacher, "หมอฟัน" dentist, "น้องสาว" younger sister).
_THAI_TITLED = re.compile(
    r"(?<![\u0e01-\u0e4e])(?P<title>คุณครู|ครู|คุณหมอ|หมอ|น้อง|ด\.ช\.|ด\.ญ\.|เด็กชาย|เด็กหญิง|นางสาว)"
    r"\s?(?P<name>[\u0e01-\u0e4e]{2,12})(?=\s|$|[,.!?)])"
)
_THAI_EVERYDAY = _blank_separated(
    "บอก ว่า ให้ ที่ ของ จะ ได้ ไม่ เป็น มี และ กับ ประจำ ใหญ่ สอน ชั้น โรงเรียน เรียน ไป มา"
    " อยู่ แล้ว คน ทุก ก็ ยัง ต้อง ช่วย พิเศษ เด็ก ลูก ผม ฉัน เขา เธอ อายุ ปี ขวบ ค่ะ ครับ คะ นะ"
    " ชาย สาว พี่ ฟัน เลี้ยง แนะ แนว ใหม่ คนนี้ ท่าน ทั้ง หลาย ๆ ด้วย ก่อน หลัง วัน นี้ นั้น"
    " ชื่อ อะไร ไหน ใคร เมื่อไร ยังไง อย่างไร ทำไม เท่าไร"
)


def _thai_holds(name: str, word: str) -> bool:
    """Whether the letters after a title hold an everyday word: a short one only as the
    whole or the start of three letters or more ("มาลัย" is a name, "มา" came)."""
    if len(word) >= 4:
        return word in name
    return name == word or (len(word) >= 3 and name.startswith(word))


def _thai_names(text: str) -> Iterator[Span]:
    for match in _THAI_NAME.finditer(text):
        if match.group("name") in _THAI_NOT_NAMES:
            continue
        label = "child" if match.group("child") else "name"
        end = match.end("family") if match.group("family") else match.end("name")
        yield Span(match.start("name"), end, label, tag(label))
    for match in _THAI_TITLED.finditer(text):
        name = match.group("name")
        if name in _THAI_NOT_NAMES or any(_thai_holds(name, word) for word in _THAI_EVERYDAY):
            continue
        label = "child" if match.group("title").startswith(("น้อง", "ด", "เด็ก")) else "name"
        yield Span(match.start("name"), match.end("name"), label, tag(label))


def _chinese_repeats(text: str, found: list[Span]) -> Iterator[Span]:
    """Since 3.3: a Chinese name found once after a cue ("我是李伟的妈妈") goes wherever it
    is written again ("李伟在...读七年级"); two characters or more, so that a lone surname
    character is never taken for one."""
    taken = {(span.start, span.end) for span in found}
    for span in found:
        name = text[span.start : span.end]
        # Since 3.4: a one-character given name doubled is what the child is called
        # ("李明" is "明明" at home).
        if len(name) == 2:
            for match in re.finditer(re.escape(name[1] * 2), text):
                if match.span() not in taken:
                    taken.add(match.span())
                    yield Span(match.start(), match.end(), span.label, tag(span.label))
        if len(name) < 2:
            continue
        for match in re.finditer(re.escape(name), text):
            if match.span() not in taken:
                taken.add(match.span())
                yield Span(match.start(), match.end(), span.label, tag(span.label))


# Since 3.8, Korean: a name after the word for a child or a brother or sister ("제 딸
# 김서연은", "우리 아들 민준이가") or "name" ("이름은 지호예요"), with its particle off; and a
# name with a surname before a title ("김서연 선생님", "박 선생님"). Hangul only.
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_KOREAN_CUES = _blank_separated(
    "아들 딸 아이 애 자녀 손자 손녀 큰아들 작은아들 큰딸 작은딸 막내 막내아들 막내딸 동생 남동생"
    " 여동생 형 오빠 누나 언니 조카 아들내미 딸내미 이름은 이름이 이름 아들은 딸은"
    # since 3.9: son and daughter (honorific), grandchild, twins, first/second/third child
    " 아드님 따님 손주 쌍둥이 첫째 둘째 셋째 큰애 작은애 외손자 외손녀 딸아이 아들아이"
)
# Since 3.9: "X's mum/dad" ("지호 엄마입니다", "민준이 아빠예요"): the name before.
_KOREAN_PARENTS = ("엄마", "아빠", "어머니", "아버지", "맘", "어머님", "아버님")
_KOREAN_TITLES = ("선생님", "선생", "씨", "님", "원장님", "교수님", "박사님", "쌤")
_KOREAN_PARTICLES = tuple(
    sorted(
        _blank_separated(
            "이에요 이예요 입니다 이라고 라고 이라는 라는 이는 이가 이를 이의 이도 이랑"
            " 이와 예요 이고"
            " 은 는 이 가 을 를 의 도 와 과 랑 에게 한테 야 아 고"
        ),
        key=len,
        reverse=True,
    )
)
_KOREAN_NOT_NAMES = _blank_separated(
    "지금 올해 요즘 항상 너무 정말 아직 학교 나이 이름 초등학교 유치원 중학교 고등학교 자폐 장애"
    " 때문 친구 선생님 학년 현재 작년 이번 계속 자꾸 진단 치료 언어 병원 우리 혼자 매일 가끔"
    " 어린이집 특수학교 담임 담당 교장 교감 원장 특수 상담 보건 영어 수학 음악 체육 미술 과학"
    " 국어 주치의 의사 엄마 아빠 남편 아내 부모 가족 모두 같이 함께 처음 나중 다음 오늘 내일 어제"
    " 이제 벌써 겨우 거의 많이 조금 아주 매우 다시 또 그리고 그런데 하지만 그래서 살 세 개월"
)
_KOREAN_SURNAMES = _blank_separated(
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남"
    " 심 노 하 곽 성 차 주 우 구 민 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마"
    " 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 황보 남궁"
    " 제갈 선우 독고"
)


def _korean_core(word: str) -> str:
    for particle in _KOREAN_PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


def _korean_name(core: str) -> bool:
    return (
        2 <= len(core) <= 4
        and core not in _KOREAN_NOT_NAMES
        and not any(core.startswith(w) for w in _KOREAN_NOT_NAMES if len(w) > 1)
        # a verb or an adverb: "다니고", "좋아요", "많이"
        and not core.endswith(("다", "요", "서", "며", "지", "게", "니", "면", "는데", "하고"))
    )


def _korean_names(text: str) -> Iterator[Span]:
    words = list(_HANGUL_WORD.finditer(text))
    stop = load_lists().stop
    for word, nxt in zip(words, words[1:], strict=False):
        gap = text[word.end() : nxt.start()]
        if gap.strip() or not nxt.group().startswith(_KOREAN_PARENTS):
            continue
        # "민준이 엄마": the name with the "-i" that follows a consonant
        core = word.group()
        core = core[:-1] if core.endswith("이") and len(core) >= 3 else core
        if (
            _korean_name(core)
            and core not in stop
            and word.group() not in stop
            and word.group() not in _KOREAN_CUES
        ):
            yield Span(word.start(), word.start() + len(core), "child", tag("child"))
    for prev, word in zip(words, words[1:], strict=False):
        gap = text[prev.end() : word.start()]
        if gap.strip() or prev.group() not in _KOREAN_CUES:
            continue
        core = _korean_core(word.group())
        if _korean_name(core) and core not in stop:
            yield Span(word.start(), word.start() + len(core), "child", tag("child"))
    for word, nxt in zip(words, words[1:], strict=False):
        joined = next((t for t in _KOREAN_TITLES if word.group().endswith(t)), None)
        if joined and len(word.group()) > len(joined):
            # "김선생님": the surname (and given name) joined to the title
            name = word.group()[: -len(joined)]
            start = word.start()
        elif nxt.group().startswith(_KOREAN_TITLES) and not text[word.end() : nxt.start()].strip():
            name, start = word.group(), word.start()
        else:
            continue
        surname_first = name[:1] in _KOREAN_SURNAMES or name[:2] in _KOREAN_SURNAMES
        if surname_first and len(name) <= 4 and name not in _KOREAN_NOT_NAMES:
            yield Span(start, start + len(name), "name", tag("name"))
    if words:
        last = words[-1]
        joined = next((t for t in _KOREAN_TITLES if last.group().endswith(t)), None)
        if joined and len(last.group()) > len(joined):
            name = last.group()[: -len(joined)]
            surname_first = name[:1] in _KOREAN_SURNAMES
            if surname_first and name not in _KOREAN_NOT_NAMES and len(name) <= 4:
                yield Span(last.start(), last.start() + len(name), "name", tag("name"))


# Since 3.8, Japanese (no spaces): after the word for a child ("息子の", "娘は", "長男、") a
# name of two to eight kanji or katakana up to a particle ("息子の田中ユウトは"); and kanji
# or katakana before a title ("グリーン先生", "山田さん"), not a role ("担任の先生").
_KANA = re.compile(r"[\u3040-\u30ff]")
_JA_NAME = r"[\u4e00-\u9fff\u30a0-\u30ff\u30fc\u30fb\u3005]{2,8}"
_JA_CHILD = re.compile(
    r"(?:息子さん|娘さん|お子さん|息子|娘|子供|子ども|長男|長女|次男|次女|三男|三女|孫娘|孫息子|孫"
    # since 3.9: brothers and sisters, nephew, niece, "our child"
    r"|末っ子|兄|姉|弟|妹|甥|姪|うちの子|我が子)(?:[のはがも、]|\s)\s*"
    # since 3.9: a family name in kanji and a given name in hiragana ("娘の佐藤ゆいは"),
    # the hiragana not starting like a particle ("誕生日までに", "成績があがらない")
    r"(?P<name>[\u4e00-\u9fff\u3005]{2,4}(?![はがをにのもとでへやかまよだしばこほな])"
    r"[\u3041-\u3096]{2,3}(?=[はがもちくさ、]|\s)|" + _JA_NAME + r")"
    r"(?=[はがをにのもとちくさ、。，．！？（(\s\d]|$)"
)
_JA_TITLE = re.compile(
    r"(?<![\u4e00-\u9fff\u30a0-\u30ff\u30fc])(?P<name>"
    + _JA_NAME
    + r")(?:先生|さん|くん|君|ちゃん|様|氏|医師|教諭)"
)
_JA_NOT_NAMES = tuple(
    _blank_separated(
        "今年 現在 小学 中学 高校 学校 保育 幼稚 自閉 発達 診断 先生 担任 毎日 最近 去年 来年 病院"
        " 特別 支援 言語 療法 医師 障害 友達 一人 二人 学年 年生 主治 担当 校長 教頭 英語 数学 音楽"
        " 体育 保健 看護 作業 理学 心理 相談 支援 通級 児童 生徒 家族 両親 夫 妻 母 父 兄 姉 弟 妹"
        " 今 小 年 歳 才 病 医 クラス センター スクール ケア サポート テスト セラピー カウンセラー"
        " ソーシャル ワーカー スタッフ ヘルパー ドクター 息子 娘 子供 子ども"
        " お子 旦那 主人 祖母 祖父"
        " 叔母 叔父 伯母 伯父 親戚 近所 隣 皆 義母 義父 同級 先輩 後輩 上司 同僚"
        # since 3.9: what follows "my son's": speech, behaviour, growth, sleep, meals...
        " 言葉 行動 様子 成長 睡眠 食事 勉強 宿題 気持 性格 状態 症状 問題 体調 世話 面倒"
        " 将来 進学 進路 教育 授業 成績 態度 癇癪 特性 部屋 名前 誕生 入学 卒業 検査 結果"
        " 友 事 件 話 体 声 顔 手 足 頭 目 耳 口 心 日 朝 夜 時 間 中 前 後 上 下 分 方 為"
    )
)


# Since 3.9: "my name is X" ("名前は", "私は X です", "X と申します") and "I am X's mother"
# ("田中ユウトの母です"): the name before, two to eight kanji or katakana.
_JA_BEFORE = r"(?<![\u4e00-\u9fff\u30a0-\u30ff\u30fc])(?P<name>" + _JA_NAME + r")"
_JA_NAMING = re.compile(
    r"(?:名前は|名前が|名前を|名は)\s*(?P<name>" + _JA_NAME + r")"
    r"|(?:私|わたし|僕|ぼく|俺)は\s*(?P<self>" + _JA_NAME + r")(?=です|と申|といい|と言い)"
    r"|" + _JA_BEFORE.replace("name", "called") + r"(?=と申します|と申す|といいます|と言います)"
)
_JA_PARENT_OF = re.compile(
    _JA_BEFORE + r"(?=の(?:母親|父親|母|父|ママ|パパ|お母さん|お父さん|保護者))"
)


def _japanese_names(text: str) -> Iterator[Span]:
    if not _KANA.search(text):
        return
    for match in _JA_NAMING.finditer(text):
        group = next(g for g in ("name", "self", "called") if match.group(g))
        if not match.group(group).startswith(_JA_NOT_NAMES):
            yield Span(match.start(group), match.end(group), "name", tag("name"))
    for pattern, label in ((_JA_CHILD, "child"), (_JA_TITLE, "name"), (_JA_PARENT_OF, "child")):
        for match in pattern.finditer(text):
            name = match.group("name")
            if name.startswith(_JA_NOT_NAMES):
                continue
            yield Span(match.start("name"), match.end("name"), label, tag(label))
