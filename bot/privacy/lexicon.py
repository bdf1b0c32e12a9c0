"""Word lists the anonymiser decides with, loaded once and kept in memory.

- First names of many origins: the ``gender-guesser`` package's international list
  (about 45,000 names from dozens of countries, read from its own data file), plus
  ``data/first_names_extra.txt`` for common names it lacks (many Somali, Nigerian,
  Ghanaian and Irish names, ASCII spellings of Polish ones).
- ``data/uk_surnames.txt``: surnames common in England, of many origins.
- ``data/common_words.txt``: everyday English words (see ``data/make_common_words.py``).
- ``data/rare_name_words.txt``: everyday words that are also names but not very common
  ("Patel", "Hamza"): names when capitalised, words in lower case.
- ``data/word_names.txt``: names that are also everyday words ("Will", "Grace", "May").
- ``data/places.txt``: towns, councils, countries and languages, which a capitalised word
  before a verb may be ("Rotherham has no places") instead of a child.

Every key is *folded*: lower case, accents removed ("Małgorzata" and "Malgorzata" are
the same name), curly apostrophes made straight.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA = Path(__file__).with_name("data")

# Letters that NFKD does not split into a base letter and an accent.
_SPECIAL = str.maketrans(
    {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i", "ß": "ss", "æ": "ae"}
)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Return the lexicon key of a word: lower case, no accents, straight apostrophes."""
    word = word.translate(_SPECIAL).replace("\u2019", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text: str) -> set[str]:
    """The folded words of a blank-separated list."""
    return {fold(word) for word in text.split()}


def _read_words(name: str) -> set[str]:
    words: set[str] = set()
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        words.update(fold(word) for word in line.split())
    return words


def _gender_guesser_names() -> set[str]:
    """First names from gender-guesser's ``nam_dict.txt`` (columns 3-28 hold the name).

    The file is UTF-8 (it was read as Latin-1 before 2.1, which garbled every accented
    name: "João" became "joã£o" and was never found).
    """
    names: set[str] = set()
    text = (
        resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    )
    for line in text.splitlines():
        if not line or line.startswith("#") or line[0] not in "MF?=1":
            continue
        raw = line[3:29].strip()
        if not raw or raw[0] == "#":
            continue
        # "+" joins the parts of a double name ("Jean+Pierre"); each part is a name too.
        for part in raw.replace("+", " ").replace("-", " ").split():
            if len(part) > 1:
                names.add(fold(part))
    return names


# Words that are never personal names in views, even capitalised in mid-sentence:
# months and days unless a name context says otherwise, festivals, languages and
# nationalities, places people name as where they live, services and organisations.
NOT_NAMES = words(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday easter christmas xmas eid diwali
    ramadan halloween hanukkah vaisakhi passover lent advent
    english british welsh scottish irish polish romanian somali urdu arabic punjabi bengali
    gujarati chinese mandarin cantonese french german spanish italian portuguese turkish
    kurdish lithuanian latvian slovak czech bulgarian hungarian russian ukrainian african
    yiddish hebrew tigrinya amharic pashto dari farsi persian tamil hindi nepali vietnamese
    tagalog filipino albanian greek dutch swahili yoruba igbo hausa shona zulu bsl
    asian muslim christian catholic hindu sikh jewish islam church mosque temple gurdwara
    england britain uk london leeds bradford york manchester birmingham liverpool sheffield
    bristol newcastle nottingham leicester coventry kirklees calderdale wakefield halifax
    huddersfield harrogate otley wetherby keighley dewsbury batley scarborough hull durham
    essex kent surrey devon cornwall yorkshire lancashire cumbria norfolk suffolk europe
    poland romania somalia nigeria ghana india pakistan bangladesh china ireland syria
    kong lanka leone
    council county city borough hall team service services centre center unit ward clinic
    hospital school academy college nursery trust nhs camhs sendiass ofsted mencap scope
    barnardos contact ipsea tesco asda aldi lidl morrisons sainsbury's sainsburys amazon
    google facebook whatsapp instagram tiktok youtube netflix teams zoom
    starbucks greggs mcdonalds mcdonald's kfc primark boots argos ikea nandos
    wetherspoons currys matalan
    god lord jesus allah mum mam mom dad mummy daddy nan nana grandma grandad sir madam
    hey hiya heya email e-mail emails my mobile
    """
)

# Special educational needs and services vocabulary that must survive however it is
# written ("Senco", "salt", "Portage").
SEND_TERMS = words(
    """
    send sen senco sendco sencos ehcp ehcps ehc ehcna echp camhs salt slt ot ots pt physio
    sendiass iass ipsea adhd add asd asc pda odd ocd spd dcd gdd mld sld pmld semh slcn vi hi
    msi dyslexia dyslexic dyspraxia dyspraxic dyscalculia autism autistic epilepsy downs
    down's cerebral palsy tribunal ombudsman dla pip uc ep eps ta tas hlta la lea pru ap sdq
    iep pfa gp paed paeds paediatrician paediatrics portage makaton pecs asdan btec gcse
    gcses sats nhs ofsted sendco inco nurture respite camhs iapt mash cin cp lac fe post
    ks1 ks2 ks3 ks4 eyfs sencos elsa ebsa pbs aba tac team around child fsw ed psych
    """
) | _read_words("send_vocabulary.txt")

# Text-speak and spellings that are not in a dictionary but are words, not names.
TEXT_SPEAK = words(
    """
    u ur r ya yh ye yeh yea yep nope im ive id dont cant wont didnt doesnt isnt wasnt arent
    aint hes shes theyre theres thats whats wouldnt couldnt shouldnt havent hasnt hadnt
    youre were weve wed lol omg tbh imo imho idk smh btw fyi pls plz thx ty tho cos coz cuz
    bc gonna wanna gotta kinda sorta lotta dunno innit skl skool sch hse msg txt ppl gd
    gud nite 2day 2moro tmrw bday mins hrs wk wks yr yrs mth mths mo dr dd ds dh dp lo
    aswell alot abit nothin somethin goin doin bein gettin ok okay okey hiya ta xx xxx
    lil bub bubba hubby mil fil sil bro sis lad lass
    anymore anyways everytime alright fab
    wiv wid wivout
    """
)

# Titles and forms of address after which a word is a name ("Mrs Patel", "auntie Bisi").
TITLES = words(
    """
    mr mrs ms miss mx dr doctor prof professor sir dame rev reverend cllr councillor
    auntie aunty aunt uncle nanna
    pani panie doamna doamnei domnul dna dl señora senora señor senor sra sr senhora
    senhor madame mme monsieur frau herr ponia ponas hanım hanim bey
    bayan tita tito cô co thầy thay
    judge
    г-жа г-н госпожа господин пані пан міс місіс κυρία κύριος κα κος السيدة السيد خانم آقای
    مسز مس مسٹر
    """
)


# Inflections taken off (and what replaces them) to find an everyday word's base form.
_ENDINGS = (
    ("s", ""),
    ("es", ""),
    ("ies", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("ers", ""),
    ("ly", ""),
    ("n't", ""),
)

# Words less frequent than this rank may be surnames after a first name ("Mark Dobson").
RARE_WORD_RANK = 10_000


@dataclass(frozen=True)
class Lexicon:
    """The loaded word lists (folded keys)."""

    first_names: frozenset[str]
    surnames: frozenset[str]
    common_words: frozenset[str]
    word_names: frozenset[str]
    rare_name_words: frozenset[str] = frozenset()
    word_rank: dict[str, int] = field(default_factory=dict)
    places: frozenset[str] = frozenset()
    # everyday words of other languages ("ma", "si", "ang"), also in ``common_words``
    foreign_words: frozenset[str] = frozenset()
    # Since 3.9 the most frequent words of 26 languages in Latin letters that are no names
    # (data/make_latin_language_words.py): "không", "kemi", "geliyor". Not everyday words
    # in general ("tayo", "mo" and "April" are frequent words of some language and names
    # here); used only to tell that a message is in another language.
    latin_language_words: frozenset[str] = frozenset()

    def is_first_name(self, key: str) -> bool:
        """A first name from any list (including names that are also words)."""
        return key in self.first_names

    def is_everyday_word(self, key: str) -> bool:
        """An everyday English word, text-speak or SEND vocabulary."""
        return key in self.common_words or key in TEXT_SPEAK or key in SEND_TERMS

    def is_clear_first_name(self, key: str, *, capitalised: bool = False) -> bool:
        """A first name that is not also an everyday word ("Amira", not "Will").

        Capitalised, a name whose dictionary sense is rare ("Hamza") counts too.
        """
        if key not in self.first_names or key in self.word_names or key in NOT_NAMES:
            return False
        if not self.is_everyday_word(key):
            return True
        return capitalised and key in self.rare_name_words and key not in SEND_TERMS

    def looks_like_word(self, key: str) -> bool:
        """An everyday word, also once an ending is taken off ("weeks", "starts", "tried").

        The dictionary lists base forms only; this is for deciding that an unknown word
        is not a name, so a wrong guess only keeps a word.
        """
        if self.is_everyday_word(key) or key in NOT_NAMES or key in self.places:
            return True
        key = key.replace("'", "")
        if self.is_everyday_word(key):
            return True
        for ending, instead in _ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= 2:
                stem = key[: len(key) - len(ending)]
                if self.is_everyday_word(stem + instead):
                    return True
                # "grabbed", "hitting": the last consonant doubled
                if len(stem) > 2 and stem[-1] == stem[-2] and self.is_everyday_word(stem[:-1]):
                    return True
        return False

    def is_rare_word(self, key: str) -> bool:
        """An everyday word, but not among the 10,000 most frequent ("dobson")."""
        return self.word_rank.get(key, 0) > RARE_WORD_RANK

    def is_surname(self, key: str) -> bool:
        """A surname from the shipped list."""
        return key in self.surnames


def in_another_language(keys: list[str], lexicon: Lexicon) -> bool:
    """Whether a message's words (folded, two letters or more) are mostly not English:
    under a third are English words or text-speak (since 3.9)."""
    keys = [key for key in keys if len(key) > 1]
    english = sum(
        (lexicon.is_everyday_word(key) and key not in lexicon.foreign_words) or key in TEXT_SPEAK
        for key in keys
    )
    return english < len(keys) / 3


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load every list once (about a third of a second) and keep it."""
    first_names = _gender_guesser_names() | _read_words("first_names_extra.txt")
    ranked = (DATA / "common_words.txt").read_text(encoding="utf-8").split()
    # Everyday words the frequency list lacks ("online", "pre" of "pre-school"), ranked
    # as common words (since 3.2).
    ranked += sorted(_read_words("everyday_words_extra.txt") - set(ranked))
    word_names = _read_words("word_names.txt")
    # Everyday words of other languages count as words ("mera", "hijo", "fiul").
    other_languages = _read_words("other_language_words.txt")
    return Lexicon(
        first_names=frozenset(first_names | word_names),
        surnames=frozenset(_read_words("uk_surnames.txt")),
        common_words=frozenset(ranked) | other_languages,
        word_rank={word: rank for rank, word in enumerate(ranked, start=1)},
        word_names=frozenset(word_names),
        rare_name_words=frozenset(_read_words("rare_name_words.txt")),
        # A place that is also a first name ("Ashton", "Chelsea") is not shielded.
        places=frozenset(_read_words("places.txt") - first_names - word_names),
        foreign_words=frozenset(other_languages),
        latin_language_words=frozenset(_read_words("latin_language_words.txt")),
    )
