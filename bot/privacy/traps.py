"""Words that look like a person's name where they stand but are not one.

Both finders (the rules and the tagger) can take a capitalised word opening a sentence
for a name. The places found here are kept whatever a finder said, because what stands
around them says they are something else:

- a phrase that begins with or holds a name-word ("Miles away", "Penny finally dropped",
  "Pat on the back", "Carol service": ``data/name_idioms.txt``);
- a greeting that is also a name opening the message ("Shalom, ...", "Salam, ...":
  ``data/greetings.txt``);
- a month written short in a date ("in Jan", "since Sept", "Jan 2024");
- a town after "in", "near" or a verb of moving ("moving to Chester", "in Preston"),
  also when the town is a first name too (``data/places.txt``);
- a name that is part of a building or an organisation ("Martin House hospice",
  "Francis Trust", "Florence Nightingale ward", since 3.6 "Angel station"), a town's
  hospital ("Leeds General");
- "Me", "Son", "Daughter" opening a sentence ("Me and Aisha went", "Son Tomasz, DOB");
- since 3.6 "Hope" of a wish opening a message or a sentence ("Hi Hope you are well").
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bot.privacy.lexicon import fold

DATA = Path(__file__).with_name("data")

_MONTH_SHORT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_MONTH_IN_DATE = re.compile(
    r"\b(?:in|since|until|till|before|after|from|by|next|last|this|early|late|mid|(?:end|start"
    r"|beginning|middle)\s+of)\s+(?P<word>" + _MONTH_SHORT + r")\b"
    r"|\b(?P<dated>" + _MONTH_SHORT + r")\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?\b|'?\d{2,4}\b)"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<after_day>" + _MONTH_SHORT + r")\b",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"\b(?:in|near|outside|around|(?:mov(?:e|ed|es|ing)|relocat(?:e|ed|ing)|went|go|going"
    r"|goes|drive|driving|travel(?:l?ing)?|came|come|coming|live[sd]?|living|based)"
    r"\s+(?:to|from|in|near|back\s+to))\s+(?P<word>[A-Z][a-z]+)\b(?!['\u2019]s)"
)
_BUILDING = re.compile(
    r"\b(?P<word>[A-Z][a-z]+)\s+(?:House|Hospice|Trust|Foundation|Centre|Center|Clinic"
    r"|Surgery|Hospital|Library|Ward"
    # since 3.6: a station ("near Angel station", "from Victoria Station")
    r"|[Ss]tation|[Tt]ube\s+[Ss]tation)\b"
    # since 3.3: a ward named after two words ("on Florence Nightingale ward")
    r"|\b(?:on|to|in)\s+(?P<word2>[A-Z][a-z]+\s+[A-Z][a-z]+)\s+[Ww]ard\b"
)
# Since 3.7 a role in brackets after "X Ward", "X House" makes them a person's name
# ("Helen Ward (SENCO)", "Amy House (TA)").
_ROLE_AFTER = re.compile(
    r"\s*\(\s*(?:the\s+)?(?:senco|sendco|class\s+teacher|teacher|head(?:teacher)?|deputy|ta"
    r"|lsa|ep|salt|slt|ot|parent|mum|dad|carer|social\s+worker|chair|case\s*worker"
    r"|paediatrician|governor|key\s*worker)\s*[),;/]",
    re.IGNORECASE,
)
# "Leeds General", "Calderdale Royal": a town's hospital (since 3.3), no school or person.
_TOWN_HOSPITAL = re.compile(r"\b(?P<word>[A-Z][a-z]+)\s+(?:General|Royal|Infirmary)\b")
# Since 3.6 "Hi Hope you are well", "Hope all is well.": a wish opening the message, a
# sentence or a greeting ("my daughter Hope you see is 8" keeps its name).
_HOPE_WISH = re.compile(
    r"(?:^|[.!?\n]\s*|\b(?:hi|hello|hey|hiya|dear|morning|afternoon|evening)\s+)"
    r"(?P<word>[Hh]ope)\s+(?:you|you're|youre|u|ur|your|all|everyone|everybody|everything"
    r"|this|that|it|it's|things)\b",
    re.IGNORECASE,
)
_NOT_A_NAME_OPENING = re.compile(
    r"(?:^|[.!?\n]\s*)(?P<word>Me|Son|Daughter)\b(?=\s+(?:and|&|[A-Z]))"
)


def _phrases(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


@lru_cache(maxsize=1)
def _idioms() -> re.Pattern[str]:
    patterns = []
    for phrase in _phrases("name_idioms.txt"):
        words = [r"[\w'\u2019\-]+" if w == "*" else re.escape(w) for w in phrase.split()]
        patterns.append(r"\s+".join(words))
    patterns.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(patterns) + r")(?![\w'])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _greeting() -> re.Pattern[str]:
    words = sorted(
        {re.escape(w) for line in _phrases("greetings.txt") for w in line.split()},
        key=len,
        reverse=True,
    )
    word = "(?:" + "|".join(words) + ")"
    return re.compile(r"^\W*" + word + r"(?:\s+" + word + r")*(?=\s*(?:[,!.]|$))", re.IGNORECASE)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Every listed town, also those that are first names too ("Chester", "Preston")."""
    return frozenset(fold(w) for line in _phrases("places.txt") for w in line.split())


def idiom_ranges(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` ranges of ``text`` that are a listed phrase ("Williams syndrome",
    "St John Ambulance"): no person's and no school's name."""
    ranges = [m.span() for m in _idioms().finditer(text)]
    for match in _TOWN_HOSPITAL.finditer(text):
        if fold(match.group("word")) in _places():
            ranges.append(match.span())
    return ranges


def kept_ranges(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` ranges of ``text`` that are no person's name."""
    ranges = idiom_ranges(text)
    greeting = _greeting().match(text)
    if greeting:
        ranges.append(greeting.span())
    for match in _MONTH_IN_DATE.finditer(text):
        group = next(g for g in ("word", "dated", "after_day") if match.group(g))
        ranges.append(match.span(group))
    for match in _PLACE_AFTER.finditer(text):
        if fold(match.group("word")) in _places():
            ranges.append(match.span("word"))
    for pattern in (_BUILDING, _NOT_A_NAME_OPENING, _HOPE_WISH):
        for match in pattern.finditer(text):
            if pattern is _BUILDING and _ROLE_AFTER.match(text, match.end()):
                continue  # since 3.7: "Helen Ward (SENCO)" is a person
            group = "word2" if match.groupdict().get("word2") else "word"
            ranges.append(match.span(group))
    return ranges
