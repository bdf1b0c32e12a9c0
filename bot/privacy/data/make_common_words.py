"""Rebuild common_words.txt and rare_name_words.txt (run by hand, rarely).

The anonymiser must tell "grace period" from "Grace", and "will" from "Will". A word
counts as everyday English when it is among the 60,000 most frequent English words
(``wordfreq``) AND Webster's Second has it as a lowercase entry (``english-words``,
"web2"), which leaves out words that are only names ("amira", "oliver"). Words that are mostly
first names although common ("emma", "peter") are dropped by hand.

rare_name_words.txt lists the everyday words that are also in the name lists but not
very common (Zipf frequency under 4: "hamza", "patel", "dobson", "rang"): capitalised,
they are taken as names; in lower case, as words. Neither package is needed at run time;
the result is shipped.

    python -m venv /tmp/words
    /tmp/words/bin/pip install wordfreq==3.1.1 english-words==2.0.2 \
        gender-guesser==0.4.0 phonenumbers
    /tmp/words/bin/python bot/privacy/data/make_common_words.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import wordfreq
from english_words import get_english_words_set

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bot.privacy.lexicon import _gender_guesser_names, _read_words  # noqa: E402

_MOSTLY_NAMES_TEXT = """
    peter tom mike joe mary henry harry ben sam tony kim dan jordan eric alan jeff luke jimmy
    kelly jane morgan roger ross clark anna walter ann josh maria billy larry jerry carl laura
    nelson steven terry emma bobby perry ken amy jake benjamin blake tommy kyle nancy vincent
    brad pete ralph colin lucy lee maya gemma joel leo oliver sarah fiona karen david james john
    paul andrew richard michael robert george edward charles william thomas daniel matthew simon
    stephen christopher jonathan timothy anthony kevin brian gary ian neil martin graham philip
    keith susan helen julie claire rachel rebecca hannah sophie chloe lauren jessica charlotte
    emily katie lisa nicola joanne tracey sharon donna angela janet margaret elizabeth"""
MOSTLY_NAMES = set(_MOSTLY_NAMES_TEXT.split())


def main() -> None:
    """Write both lists next to this script, one word a line, most frequent first."""
    web2 = get_english_words_set(["web2"], lower=False)
    lowercase_entries = {word for word in web2 if word.islower()}
    names = (
        _gender_guesser_names()
        | _read_words("first_names_extra.txt")
        | _read_words("uk_surnames.txt")
    )
    common, rare_names = [], []
    for word in wordfreq.top_n_list("en", 60000):
        if not word.isalpha() or word not in lowercase_entries or word in MOSTLY_NAMES:
            continue
        common.append(word)
        if word in names and wordfreq.zipf_frequency(word, "en") < 4.0:
            rare_names.append(word)
    here = Path(__file__).resolve().parent
    (here / "common_words.txt").write_text("\n".join(common) + "\n", encoding="utf-8")
    (here / "rare_name_words.txt").write_text("\n".join(rare_names) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
