"""The languages the assistant serves, and their names.

Chosen from the languages most spoken by families in English councils (census 2021
main languages after English) that the offline detector (lingua) knows. Pashto,
Kurdish and Tigrinya are spoken by many new arrivals too, but lingua has no model for
them: a message in one of them is not recognised and the conversation stays in the
language it had.

Every served language has a file ``bot/translations/<code>.yml`` with at least its
"language switched" message and the short "this is in English" note; ten of them
(``REVIEWED``) also carry reviewed translations of the core replies.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One served language.

    Attributes:
        code: ISO 639-1 code, the value of the ``language`` slot.
        english: The English name ("Polish").
        native: The name in the language itself ("polski").
        names: Other ways people name the language, in English or in the language
            itself, lower-case (used to notice "in Urdu please", "po polsku").
        lingua: The name of lingua's ``Language`` member.
        rtl: Written right to left.
    """

    code: str
    english: str
    native: str
    names: tuple[str, ...]
    lingua: str
    rtl: bool = False


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English", ("english", "inglés", "ingles", "angielski"), "ENGLISH"),
    Language(
        "pl",
        "Polish",
        "polski",
        ("polish", "polski", "polsku", "po polsku", "polskim", "polskiego", "polska"),
        "POLISH",
    ),
    Language(
        "ur",
        "Urdu",
        "اردو",
        ("urdu", "اردو", "urdu mein", "urdu main", "urdu me", "اردو میں"),
        "URDU",
        rtl=True,
    ),
    Language(
        "bn",
        "Bengali",
        "বাংলা",
        ("bengali", "bangla", "bangali", "বাংলা", "বাংলায়", "sylheti"),
        "BENGALI",
    ),
    Language(
        "pa",
        "Punjabi",
        "ਪੰਜਾਬੀ",
        ("punjabi", "panjabi", "ਪੰਜਾਬੀ", "ਪੰਜਾਬੀ ਵਿੱਚ", "پنجابی"),
        "PUNJABI",
    ),
    Language(
        "ar",
        "Arabic",
        "العربية",
        ("arabic", "العربية", "عربي", "بالعربي", "بالعربية", "اللغة العربية", "arabi"),
        "ARABIC",
        rtl=True,
    ),
    Language(
        "ro",
        "Romanian",
        "română",
        ("romanian", "română", "romana", "româna", "romaneste", "românește", "in romana"),
        "ROMANIAN",
    ),
    Language(
        "so",
        "Somali",
        "Soomaali",
        ("somali", "soomaali", "af soomaali", "af-soomaali", "afsoomaali"),
        "SOMALI",
    ),
    Language(
        "pt",
        "Portuguese",
        "português",
        ("portuguese", "português", "portugues", "em português", "em portugues"),
        "PORTUGUESE",
    ),
    Language(
        "es",
        "Spanish",
        "español",
        ("spanish", "español", "espanol", "castellano", "en español", "en espanol"),
        "SPANISH",
    ),
    Language(
        "uk",
        "Ukrainian",
        "українська",
        ("ukrainian", "українська", "українською", "украинский", "ukrainska", "ukrainskoyu"),
        "UKRAINIAN",
    ),
    Language(
        "fr", "French", "français", ("french", "français", "francais", "en français"), "FRENCH"
    ),
    Language("de", "German", "Deutsch", ("german", "deutsch", "auf deutsch"), "GERMAN"),
    Language("it", "Italian", "italiano", ("italian", "italiano", "in italiano"), "ITALIAN"),
    Language("tr", "Turkish", "Türkçe", ("turkish", "türkçe", "turkce"), "TURKISH"),
    Language(
        "zh",
        "Chinese",
        "中文",
        ("chinese", "mandarin", "cantonese", "中文", "汉语", "普通话"),
        "CHINESE",
    ),
    Language("hi", "Hindi", "हिन्दी", ("hindi", "हिन्दी", "हिंदी", "हिंदी में"), "HINDI"),
    Language("fa", "Persian", "فارسی", ("persian", "farsi", "dari", "فارسی"), "PERSIAN", rtl=True),
    Language(
        "lt",
        "Lithuanian",
        "lietuvių",
        ("lithuanian", "lietuvių", "lietuviu", "lietuviškai"),
        "LITHUANIAN",
    ),
    Language(
        "ru", "Russian", "русский", ("russian", "русский", "по-русски", "по русски"), "RUSSIAN"
    ),
    Language("gu", "Gujarati", "ગુજરાતી", ("gujarati", "ગુજરાતી"), "GUJARATI"),
    Language("ta", "Tamil", "தமிழ்", ("tamil", "தமிழ்"), "TAMIL"),
    Language("sq", "Albanian", "shqip", ("albanian", "shqip", "shqipe", "në shqip"), "ALBANIAN"),
)

BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)

# The ten languages with reviewed translations of the core replies (bot/translations).
REVIEWED: tuple[str, ...] = ("pl", "ur", "bn", "pa", "ar", "ro", "so", "pt", "es", "uk")

DEFAULT = "en"
RTL: frozenset[str] = frozenset(language.code for language in LANGUAGES if language.rtl)


def fold(text: str) -> str:
    """Lower-case text and take accents off Latin letters ("Español" -> "espanol").

    Letters of other scripts are kept as they are: in Arabic, Bengali or Gurmukhi
    the combining marks are part of the word.
    """
    out: list[str] = []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if unicodedata.combining(char) and out and "LATIN" in unicodedata.name(out[-1], ""):
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


NAME_TO_CODE: dict[str, str] = {}
for _language in LANGUAGES:
    for _name in (_language.english, _language.native, *_language.names):
        NAME_TO_CODE[fold(_name)] = _language.code

_LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")


def is_served(code: object) -> bool:
    """Say whether a value is the code of a language the assistant serves."""
    return isinstance(code, str) and bool(_LANGUAGE_CODE.match(code)) and code in BY_CODE


def english_name(code: str) -> str:
    """The English name of a served language ("pl" -> "Polish"), or the code itself."""
    language = BY_CODE.get(code)
    return language.english if language else code


def native_name(code: str) -> str:
    """The name of a served language in that language ("pl" -> "polski")."""
    language = BY_CODE.get(code)
    return language.native if language else code
