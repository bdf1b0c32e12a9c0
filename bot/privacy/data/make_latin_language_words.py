"""Rebuild latin_language_words.txt (run by hand, rarely).

Parents write in Vietnamese, Turkish, Albanian, Lithuanian, Polish, Portuguese... The name
rules take a word in no dictionary, next to a name, for part of it ("kacper zieliński"),
so in a message in another language every word could go: "em không biết tiếng Anh
nhiều" lost all its words after "Anh" (also a name). This file lists the most frequent
words of the languages in Latin letters that ``wordfreq`` knows, folded like the lexicon
(no accents, lower case), without any word that is a first name or a family name
(gender-guesser's list, the lexicon's own lists, the ``Faker`` person lists of every
locale): a name is worth more than a word. They count as everyday words of other
languages (lexicon.py), as other_language_words.txt does.

Neither package is needed at run time; the result is shipped.

    python3 -m venv /tmp/wf
    /tmp/wf/bin/pip install wordfreq==3.1.1 faker==40.63.0 gender-guesser==0.4.0
    /tmp/wf/bin/python bot/privacy/data/make_latin_language_words.py
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import wordfreq
from faker.providers import person

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bot.privacy.lexicon import _gender_guesser_names, _read_words, fold  # noqa: E402
from bot.privacy.other_scripts import _blank_separated  # noqa: E402

HERE = Path(__file__).resolve().parent
TOP = 2000
# wordfreq's languages written in Latin letters (English has its own list)
LANGUAGES = _blank_separated(
    "vi tr lt lv pl ro pt es fr it de nl cs sk hu id ms fil sh sl sv da nb fi ca is"
)


def _faker_names() -> set[str]:
    """Every given and family name of every Faker person locale, folded."""
    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attribute, value in vars(provider).items():
            is_list = isinstance(value, dict | list | tuple | set | frozenset)
            if is_list and ("first_name" in attribute or "last_name" in attribute):
                for name in value:
                    names.update(fold(part) for part in str(name).split())
    return names


def main() -> None:
    names = (
        _gender_guesser_names()
        | _faker_names()
        | _read_words("first_names_extra.txt")
        | _read_words("word_names.txt")
        | _read_words("uk_surnames.txt")
        | _read_words("rare_name_words.txt")
        | _read_words("places.txt")
    )
    english = _read_words("common_words.txt")
    found: set[str] = set()
    for language in LANGUAGES:
        for word in wordfreq.top_n_list(language, TOP):
            key = fold(word)
            if len(key) >= 2 and key.isalpha() and key.isascii() and key not in names:
                found.add(key)
    found -= english
    lines = [
        "# Made by make_latin_language_words.py from wordfreq (the most frequent words of "
        + " ".join(LANGUAGES)
        + f", {TOP} each), without names. Do not edit by hand.",
    ]
    words = sorted(found)
    lines += [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    (HERE / "latin_language_words.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(words)} words")


if __name__ == "__main__":
    main()
