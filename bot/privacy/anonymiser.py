"""Take out what identifies a child, a parent or a professional, keep what forums need.

``anonymise(text)`` replaces names, phone numbers, emails, addresses, full postcodes
(keeping the district), NHS and National Insurance numbers, dates of birth and named
schools with tags (``[child]``, ``[name]``, ``[school]``, ``[phone]``...). SEND terms,
services, year groups, durations and diagnoses stay, and so do words that look like
names but are not ("Will the council...", "a grace period", "in April").

Since 3.0 two finders work together, and a word goes if either finds it:

- the rules (``patterns.py`` for what has a shape, ``names.py`` for names from the word
  lists and their context), which win where spans overlap;
- a learned tagger (``tagger.py``: a CRF over words, trained by
  ``python -m bot.privacy.train_tagger`` on the labelled sets with names swapped for
  others of every origin) for children's, people's and schools' names the rules have no
  rule for. Its words already found by the rules are left to them; it never removes a
  SEND term, and never takes a place, a month, a title, text-speak or a name that is
  also a word ("will", "Summer") for a person.

Since 3.1 names in other scripts (Arabic script, Bengali, Gurmukhi, Cyrillic, Ge'ez,
Chinese...) are found by ``other_scripts.py``, which names.py and the tagger leave those
words to; and ``traps.py`` keeps what stands where a name could but is none ("Miles
away", "moving to Chester", "in Jan"), whichever finder took it.

``bench/anonymiser_cv.py`` compares the two by leave-one-set-out cross-validation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

from bot.privacy import patterns
from bot.privacy.lexicon import TITLES, fold, in_another_language, load_lexicon, words
from bot.privacy.names import find_names
from bot.privacy.other_scripts import find_other_script_names, find_other_script_schools
from bot.privacy.patterns import Span
from bot.privacy.tagger import Tagger, load_tagger
from bot.privacy.traps import idiom_ranges, kept_ranges

# Bump when a change could anonymise the same text differently; the API stores it
# with each view, so a forum can tell which views an improvement applies to.
ANONYMISER_VERSION = "anon-3.9.0"

# Finders in order of precedence: where two overlap, the earlier one wins.
_FINDERS: tuple[Callable[[str], Iterable[Span]], ...] = (
    patterns.find_emails,
    patterns.find_nhs_numbers,
    patterns.find_ni_numbers,
    patterns.find_dates_of_birth,
    patterns.find_phones,
    patterns.find_postcodes,
    patterns.find_addresses,
    patterns.find_schools,
    patterns.find_long_numbers,
)
_REPEATED_TAG = re.compile(r"\[(child|name|school|address)\](?:[ \t]+\[\1\])+")


def _overlaps(span: Span, chosen: list[Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in chosen)


def find_identifiers(
    text: str, tagger: Tagger | None = None, *, rules_only: bool = False
) -> list[Span]:
    """Find every identifier in ``text``: the rules' spans, then the tagger's words.

    Args:
        text: The view, as the parent wrote it (NFC-normalised by ``anonymise``).
        tagger: The learned tagger to add to the rules; by default the shipped one.
        rules_only: Use the rules alone (for comparison).

    Returns:
        Non-overlapping spans, in the order they appear.
    """
    chosen: list[Span] = []
    for finder in _FINDERS:
        for span in sorted(finder(text), key=lambda s: (s.start, -(s.end - s.start))):
            if span.end > span.start and not _overlaps(span, chosen):
                chosen.append(span)
    # since 3.9 schools named in other scripts ("گرین لین پرائمری اسکول")
    for span in find_other_script_schools(text):
        if not _overlaps(span, chosen):
            chosen.append(span)
    covered = [(s.start, s.end) for s in chosen]
    for span in find_names(text, covered):
        if not _overlaps(span, chosen):
            chosen.append(span)
    # Names in Arabic script, Bengali, Cyrillic, Chinese...: the rules above read Latin.
    for span in find_other_script_names(text):
        if not _overlaps(span, chosen):
            chosen.append(span)
    if not rules_only:
        tagger = tagger or load_tagger()
        if tagger is not None:
            covered = [(s.start, s.end) for s in chosen]
            other_language = None  # read once, only if the tagger finds something
            for span in tagger.find(text, covered):
                if _overlaps(span, chosen):
                    continue
                if other_language is None:
                    other_language = _in_another_language(text)
                if not (other_language and _words_of_a_language(text[span.start : span.end])):
                    chosen.append(span)
    chosen = _without_titles(text, _without_traps(text, chosen))
    chosen = _with_particle_surname(text, _with_word_name_before(text, chosen))
    return sorted(chosen, key=lambda s: s.start)


# Since 3.9 the particles of a family name after a name found: "Daan van der Berg",
# "Maria da Silva", "Luc de la Cruz", "Karl von Holt" (the capitalised word after them
# is part of it).
_PARTICLE_SURNAME = re.compile(
    r"(?:[ \t]+(?:van|von|der|den|de|da|das|dos|di|del|della|du|le|la|ter|ten|zu)){1,3}"
    r"[ \t]+[A-Z][a-z][\w'\u2019\-]*"
)


def _with_particle_surname(text: str, spans: list[Span]) -> list[Span]:
    """The span of a name grows over the particles and the family name after it; a family
    name found on its own ("Maria da Silva": "Maria" and "Silva") joins it."""
    spans = sorted(spans, key=lambda s: s.start)
    result: list[Span] = []
    absorbed_until = -1
    for span in spans:
        if span.start < absorbed_until:
            continue
        after = _PARTICLE_SURNAME.match(text, span.end) if span.label in _PERSON_LABELS else None
        if after is not None:
            inside = [o for o in spans if span.end < o.start < after.end()]
            if all(o.label in _PERSON_LABELS for o in inside):
                end = max([after.end(), *(o.end for o in inside)])
                span = Span(span.start, end, span.label, span.replacement)
                absorbed_until = end
        result.append(span)
    return result


_LATIN_WORD = re.compile(r"[^\W\d_]+")


def _in_another_language(text: str) -> bool:
    """Whether a message is in another language written in Latin letters."""
    keys = [fold(word) for word in _LATIN_WORD.findall(text)]
    return len(keys) >= 5 and in_another_language(keys, load_lexicon())


def _words_of_a_language(found: str) -> bool:
    """Since 3.9: the tagger's words, in a message in another language, that are frequent
    words of some language and no name ("Vielen Dank", "Unsere Telefonnummer", "Hallo"):
    the tagger learned English capitals."""
    lexicon = load_lexicon()
    keys = [fold(word) for word in _LATIN_WORD.findall(found)]
    foreign = lexicon.latin_language_words
    return any(key in foreign for key in keys) and all(
        (key in foreign or lexicon.is_everyday_word(key))
        and not lexicon.is_first_name(key)
        and not lexicon.is_surname(key)
        for key in keys
    )


_WORD_BEFORE = re.compile(r"(?:^|(?<=\W))(?P<word>[A-Z][a-z]+) $")
_PREVIOUS_WORD = re.compile(r"(?P<word>[A-Za-z]+)\s+$")
# Words before a month or a word-name that make it one ("in June", "by May", "last March").
_TIME_WORDS = words(
    "in on of since until till by from next last this early late mid end every during"
    " before after through to the a"
)
_MONTHS = words("january march april may june july august")


def _with_word_name_before(text: str, spans: list[Span]) -> list[Span]:
    """Since 3.9 "June Abbott is my mum", "Mark Smith from the council": a capitalised
    name that is also a word or a month, right before a person's name found, is its
    first name (not after a word of time: "in June Patel said", "since May Patel")."""
    lexicon = load_lexicon()
    ends = {other.end for other in spans}
    result = []
    for span in spans:
        before = _WORD_BEFORE.search(text, 0, span.start) if span.label in _PERSON_LABELS else None
        if before is not None and not any(before.start() < end <= span.start for end in ends):
            key = fold(before.group("word"))
            earlier = _PREVIOUS_WORD.search(text, 0, before.start())
            if (key in lexicon.word_names or key in _MONTHS) and not (
                earlier and fold(earlier.group("word")) in _TIME_WORDS
            ):
                span = Span(before.start(), span.end, span.label, span.replacement)
        result.append(span)
    return result


_FIRST_WORD = re.compile(r"\S+")


def _without_titles(text: str, spans: list[Span]) -> list[Span]:
    """Since 3.4: a title at the start of a person span stays ("Pani Nowicka" becomes
    "Pani [name]", as "Mrs Patel" becomes "Mrs [name]"); a span that is only a title goes."""
    result = []
    for span in spans:
        first = _FIRST_WORD.match(text, span.start)
        if (
            span.label in _PERSON_LABELS
            and first is not None
            and first.end() <= span.end
            and fold(first.group()).rstrip(".") in TITLES
        ):
            rest = text[first.end() : span.end]
            start = first.end() + len(rest) - len(rest.lstrip())
            if start < span.end:
                result.append(Span(start, span.end, span.label, span.replacement))
            continue
        result.append(span)
    return result


_PERSON_LABELS = {"child", "name"}
_COMMON_RANK = 1000


def _without_traps(text: str, spans: list[Span]) -> list[Span]:
    """Drop the person spans (or their edge words) that ``traps`` says are no name:
    "Miles away", "moving to Chester", "in Jan", "Martin House"."""
    kept = kept_ranges(text)
    if not kept:
        return spans
    idioms = idiom_ranges(text)
    result = []
    for span in spans:
        start, end = span.start, span.end
        if span.label in _PERSON_LABELS or span.label == "school":
            # A school is only kept back by a listed phrase ("Williams syndrome").
            for k_start, k_end in kept if span.label in _PERSON_LABELS else idioms:
                if k_start <= start and end <= k_end:
                    start = end
                elif k_start <= start < k_end:
                    start = k_end + len(text[k_end:end]) - len(text[k_end:end].lstrip())
                elif k_start < end <= k_end:
                    end = len(text[:k_start].rstrip())
        if (
            end > start
            and not (span.label in _PERSON_LABELS and _common_word_beside(text, start, end, kept))
            and not (span.label == "school" and _building_word_beside(text, start, end, kept))
        ):
            result.append(
                span
                if (start, end) == (span.start, span.end)
                else Span(start, end, span.label, span.replacement)
            )
    return result


_BUILDING_WORDS = {"house", "hall", "lodge", "manor", "grange", "court", "park", "view"}


def _building_word_beside(text: str, start: int, end: int, kept: list[tuple[int, int]]) -> bool:
    """Since 3.5: "House" of "Martin House" (a hospice) when "Martin" is kept as no name:
    a building's word alone right after a kept word names no school."""
    if fold(text[start:end]) not in _BUILDING_WORDS:
        return False
    return any(k_end <= start and not text[k_end:start].strip() for _, k_end in kept)


def _common_word_beside(text: str, start: int, end: int, kept: list[tuple[int, int]]) -> bool:
    """ "In" of "In Jan", joined to the month as a first name before a surname: a very
    common word right beside a kept trap was only taken because of it."""
    if load_lexicon().word_rank.get(fold(text[start:end]), 99_999) > _COMMON_RANK:
        return False
    after = any(k_start >= end and not text[end:k_start].strip() for k_start, _ in kept)
    before = any(k_end <= start and not text[k_end:start].strip() for _, k_end in kept)
    return after or before


def _pieces(text: str, spans: list[Span]) -> Iterator[str]:
    last = 0
    for span in spans:
        yield text[last : span.start]
        yield span.replacement
        last = span.end
    yield text[last:]


def anonymise(text: str) -> str:
    """Return the view with every identifier replaced by its tag.

    Args:
        text: The view as the parent wrote it.

    Returns:
        The anonymised text, e.g. "3rd time the taxi hasnt turned up, [child] missed her
        speech therapy again, nobody at county hall answers [phone]". Several words of one
        name become one tag ("Mrs Joy Adeyemi" -> "Mrs [name]").
    """
    text = unicodedata.normalize("NFC", text)
    cleaned = "".join(_pieces(text, find_identifiers(text)))
    return _REPEATED_TAG.sub(lambda m: f"[{m.group(1)}]", cleaned)
