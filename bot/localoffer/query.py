"""Reading what a parent is looking for: the kind of service, the child's age, the area.

"any holiday clubs for my 9 year old near LS8 that can cope with autism?" becomes
needs {holiday_club}, conditions {autism}, age 9, district LS8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.localoffer.postcodes import find_district

# Need code -> phrases that ask for it (lower case, matched as whole words).
NEEDS: dict[str, tuple[str, ...]] = {
    "holiday_club": (
        "holiday club",
        "holiday clubs",
        "holiday scheme",
        "holiday schemes",
        "holiday activities",
        "holiday activity",
        "summer club",
        "summer clubs",
        "summer scheme",
        "summer camp",
        "holiday camp",
        "play scheme",
        "playscheme",
        "half term",
        "half-term",
        "holidays",
        "school holidays",
        "easter club",
    ),
    "after_school": ("after school", "after-school", "afterschool", "after school club"),
    "youth_club": ("youth club", "youth clubs", "youth group", "teen club", "teenagers club"),
    "sport": (
        "sport",
        "sports",
        "football",
        "multi-sport",
        "trampolining",
        "trampoline",
        "climbing",
        "dance",
        "dancing",
        "gym",
        "boccia",
        "cricket",
        "judo",
        "karate",
        "cycling",
        "bike",
    ),
    "swimming": ("swimming", "swim", "swimming lessons", "pool"),
    "play": ("play", "soft play", "sensory room", "playgroup", "stay and play"),
    "support_group": (
        "support group",
        "support groups",
        "parent group",
        "parents group",
        "coffee morning",
        "peer support",
        "carers group",
        "other parents",
        "meet other parents",
        "group for parents",
    ),
    "speech_therapy": ("speech therapy", "speech and language", "salt", "talking", "speech"),
    "occupational_therapy": ("occupational therapy", "ot", "sensory processing", "sensory needs"),
    "mental_health": ("camhs", "mental health", "anxiety", "counselling", "wellbeing", "self harm"),
    "sleep": ("sleep", "sleeping", "bedtime"),
    "short_breaks": ("short break", "short breaks", "respite", "overnight", "overnights"),
    "childcare": ("childminder", "childcare", "nursery", "nurseries"),
    "early_years": ("portage", "toddler", "pre-school", "preschool", "early years"),
    "advice": ("advice", "advise", "help with forms", "form filling", "benefits", "appeal help"),
    "post16": (
        "college",
        "post-16",
        "post 16",
        "apprenticeship",
        "supported internship",
        "job",
        "work",
        "employment",
        "training",
    ),
    "transport": ("transport", "travel training", "bus pass", "taxi", "travel"),
    "equipment": ("equipment", "wheelchair", "adaptations", "aids", "hoist"),
    "send_team": ("send team", "sen team", "ehc team", "ehcp team", "council send"),
    "carers": ("carers centre", "young carers", "carer support", "carers support"),
    "diagnosis": (
        "diagnosis",
        "diagnosed",
        "autism assessment",
        "adhd assessment",
        "paediatrician",
        "assessed for autism",
        "assessed for adhd",
    ),
    "continence": ("toilet training", "continence", "bedwetting", "nappies", "pads"),
}

CONDITIONS: dict[str, tuple[str, ...]] = {
    "autism": ("autism", "autistic", "asd", "asc", "aspergers", "asperger's"),
    "adhd": ("adhd", "add", "attention deficit"),
    "learning_disability": (
        "learning disability",
        "learning disabilities",
        "learning difficulty",
        "learning difficulties",
        "down syndrome",
        "down's syndrome",
        "downs",
    ),
    "physical_disability": (
        "wheelchair",
        "physical disability",
        "cerebral palsy",
        "mobility",
        "physically disabled",
    ),
    "sensory": ("deaf", "blind", "hearing", "visual impairment", "sight", "vision"),
    "speech": ("nonverbal", "non-verbal", "non verbal", "selective mutism"),
    "mental_health": ("anxiety", "mental health"),
}

_WORD_NUMBERS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_AGE_PATTERNS = (
    r"\b(\d{1,2}|{words})\s*(?:-|\s)?\s*(?:year|yr|yrs|years)s?\s*(?:-|\s)?\s*old\b",
    r"\b(\d{1,2}|{words})\s*yo\b",
    r"\b(?:aged|age|ages)\s*(\d{1,2}|{words})\b",
    r"\b(\d{1,2}|{words})\s*(?:years|yrs)\b",
)
_AGE_WORDS = {"toddler": 2, "teenager": 14, "teen": 14, "baby": 1}


# Kinds of service that the Local Offer counts as short breaks: a search for them is also
# an answer about short breaks, so the reply says what short breaks are.
SHORT_BREAK_NEEDS = frozenset(
    {"short_breaks", "holiday_club", "after_school", "youth_club", "play"}
)


@dataclass(frozen=True)
class Query:
    """What a parent is looking for."""

    needs: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    age: int | None = None
    district: str | None = None

    @property
    def topic(self) -> str | None:
        """The Local Offer topic the search is about ("short_breaks"), if any."""
        if self.needs and set(self.needs) <= SHORT_BREAK_NEEDS:
            return "short_breaks"
        return None


def _has(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", text) is not None


def find_age(text: str) -> int | None:
    """The child's age in a message ("my 9 year old", "aged 12", "nine-year-old")."""
    lowered = text.lower()
    words = "|".join(_WORD_NUMBERS)
    for pattern in _AGE_PATTERNS:
        match = re.search(pattern.replace("{words}", words), lowered)
        if match:
            value = match.group(1)
            age = _WORD_NUMBERS[value] if value in _WORD_NUMBERS else int(value)
            if 0 <= age <= 25:
                return age
    for word, age in _AGE_WORDS.items():
        if _has(lowered, word):
            return age
    return None


def read_query(*texts: str | None) -> Query:
    """Read a request from the message and, if there is one, its English translation."""
    needs: list[str] = []
    conditions: list[str] = []
    age: int | None = None
    district: str | None = None
    for text in texts:
        if not text:
            continue
        lowered = text.lower()
        needs += [code for code, phrases in NEEDS.items() if any(_has(lowered, p) for p in phrases)]
        conditions += [
            code for code, phrases in CONDITIONS.items() if any(_has(lowered, p) for p in phrases)
        ]
        age = age if age is not None else find_age(text)
        district = district or find_district(text)
    # "holidays" alone is a holiday club; a more specific need is not overridden.
    return Query(
        needs=tuple(dict.fromkeys(needs)),
        conditions=tuple(dict.fromkeys(conditions)),
        age=age,
        district=district,
    )
