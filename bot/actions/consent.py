"""Understanding a parent's answer to "May I pass it on?".

Replies are understood in English and in the served languages ("tak", "haan", "نعم",
"sí", "так", "da", "haa", "sim"), as typed, without translation: consent must never
depend on a translation service. Consent must be clear. A reply counts only when
every word in it belongs to a yes phrase (or a no phrase) or to polite filler such as
"please" or "thanks". Anything else, including a mix of yes and no, gives ``None`` so
the assistant asks again.
"""

from __future__ import annotations

import re
import unicodedata

# Phrases are matched longest first, so "no problem" (a yes) wins over "no",
# and "don't share it" (a no) wins over "share it" (a yes).
_YES_PHRASES = (
    "yes",
    "y",
    "yeah",
    "yea",
    "yeh",
    "yep",
    "yup",
    "ya",
    "yah",
    "ye",
    "yh",
    "yas",
    "ok",
    "okay",
    "okey",
    "k",
    "kk",
    "sure",
    "of course",
    "ofc",
    "course",
    "go ahead",
    "go on",
    "go for it",
    "fine",
    "alright",
    "all right",
    "absolutely",
    "definitely",
    "certainly",
    "please do",
    "do it",
    "1",
    "one",
    "agree",
    "i agree",
    "i do",
    "correct",
    "no problem",
    "no worries",
    "i don't mind",
    "don't mind",
    "not a problem",
    "happy to",
    "happy for you to",
    "you can",
    "you may",
    "why not",
    "share it",
    "share",
    "pass it on",
    "send it",
    "👍",
    "👌",
    "✅",
    "✔",
    # Polish
    "tak",
    "oczywiście",
    "oczywiscie",
    "jasne",
    "zgoda",
    "zgadzam się",
    "zgadzam sie",
    "pewnie",
    # Urdu and Hindi, in Urdu script, Devanagari and Latin letters
    "haan",
    "han",
    "haanji",
    "hanji",
    "jee haan",
    "theek hai",
    "thik hai",
    "bilkul",
    "ہاں",
    "ٹھیک ہے",
    "بالکل",
    "हाँ",
    "हां",
    "ठीक है",
    # Bengali
    "হ্যাঁ",
    "হ্যা",
    "হাঁ",
    "ঠিক আছে",
    "অবশ্যই",
    # Punjabi
    "ਹਾਂ",
    "ਠੀਕ ਹੈ",
    "ਬਿਲਕੁਲ",
    # Arabic
    "نعم",
    "أجل",
    "اجل",
    "ايوه",
    "أيوه",
    "موافق",
    "موافقة",
    "تمام",
    "حسنا",
    "حسنًا",
    "بالتأكيد",
    "اكيد",
    "أكيد",
    # Romanian
    "da",
    "sigur",
    "desigur",
    "de acord",
    "sunt de acord",
    # Somali
    "haa",
    "haye",
    "waa yahay",
    "hagaag",
    # Portuguese
    "sim",
    "claro",
    "pode",
    "pode ser",
    "concordo",
    "está bem",
    "esta bem",
    "com certeza",
    # Spanish
    "sí",
    "si",
    "vale",
    "de acuerdo",
    "por supuesto",
    "adelante",
    "puede",
    # Ukrainian and Russian
    "так",
    "звісно",
    "звичайно",
    "гаразд",
    "згоден",
    "згодна",
    "можна",
    "да",
    "конечно",
    # Other served languages
    "oui",
    "d'accord",
    "ja",
    "gerne",
    "sì",
    "evet",
    "tamam",
    "taip",
    "gerai",
    "是",
    "好",
    "可以",
    "好的",
    "بله",
    "آره",
    "باشه",
    "હા",
    "હાં",
    "ஆம்",
    "சரி",
    "po",
)

_NO_PHRASES = (
    "no",
    "n",
    "nope",
    "nah",
    "na",
    "no thanks",
    "no thank you",
    "don't",
    "do not",
    "please don't",
    "2",
    "two",
    "not now",
    "not really",
    "rather not",
    "i'd rather not",
    "i would rather not",
    "no way",
    "never",
    "don't share",
    "don't share it",
    "do not share",
    "do not share it",
    "don't pass it on",
    "don't send it",
    "i don't want to",
    "i do not want to",
    "i don't",
    "changed my mind",
    "i've changed my mind",
    "👎",
    "❌",
    "✖",
    "nie",
    "nie teraz",  # Polish
    "nahi",
    "nahin",
    "nai",
    "nhi",
    "نہیں",
    "नहीं",
    "ना",  # Urdu, Hindi
    "না",  # Bengali
    "ਨਹੀਂ",
    "ਨਾ",  # Punjabi
    "لا",  # Arabic
    "nu",  # Romanian
    "maya",  # Somali
    "não",
    "nao",  # Portuguese
    "ні",
    "нет",  # Ukrainian, Russian
    "non",
    "nein",
    "hayır",
    "hayir",
    "ne",
    "不",
    "不要",
    "不用",
    "نه",
    "نخیر",
    "ના",
    "નહીં",
    "இல்லை",
    "jo",
)

_FILLER = (
    "please",
    "pls",
    "plz",
    "thanks",
    "thank you",
    "thankyou",
    "thx",
    "ta",
    "cheers",
    "x",
    "xx",
    "xxx",
    "sorry",
    "then",
    "that's fine",
    "that's ok",
    "that's okay",
    "its fine",
    "it's fine",
    "that is fine",
    "thats fine",
    "mate",
    "love",
    "hun",
    "i think",
    # thanks, please and respectful words in the served languages
    "proszę",
    "prosze",
    "dziękuję",
    "dziekuje",
    "dzięki",
    "dzieki",
    "ji",
    "jee",
    "جی",
    "shukriya",
    "shukria",
    "شکریہ",
    "धन्यवाद",
    "जी",
    "ধন্যবাদ",
    "ਜੀ",
    "ਧੰਨਵਾਦ",
    "شكرا",
    "شكرًا",
    "شكراً",
    "mulțumesc",
    "multumesc",
    "mersi",
    "mahadsanid",
    "fadlan",
    "obrigado",
    "obrigada",
    "por favor",
    "gracias",
    "дякую",
    "будь ласка",
    "спасибо",
    "пожалуйста",
    "merci",
    "danke",
    "bitte",
    "grazie",
    "teşekkürler",
    "tesekkurler",
    "ačiū",
    "aciu",
    "谢谢",
    "ممنون",
    "مرسی",
    "આભાર",
    "நன்றி",
    "faleminderit",
)

_EMOJI_TOKENS = {"👍", "👌", "✅", "✔", "👎", "❌", "✖"}
# Skin tones and emoji presentation selectors change nothing about the meaning.
# Vowel signs and other combining marks of Arabic and Indic scripts belong to the word.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff"
_EMOJI_MODIFIERS = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f\u200d]")


def _tokens(phrase: str) -> tuple[str, ...]:
    return tuple(normalise(phrase))


def normalise(text: str) -> list[str]:
    """Lower-case the text and split it into word and emoji tokens.

    Args:
        text: The raw message.

    Returns:
        The tokens: letters, digits and apostrophes for words ("don't" stays
        one token, "dont" becomes "don't"); the yes/no emoji as tokens of their own.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = _EMOJI_MODIFIERS.sub("", text)
    text = text.replace("\u2019", "'").replace("`", "'")
    for emoji in _EMOJI_TOKENS:
        text = text.replace(emoji, f" {emoji} ")
    text = re.sub(r"[^\w'" + _MARKS + " " + "".join(_EMOJI_TOKENS) + "]", " ", text)
    words = [w.strip("'_") for w in text.split()]
    fixes = {"dont": "don't", "thats": "that's", "id": "i'd", "ive": "i've", "im": "i'm"}
    return [fixes.get(w, w) for w in words if w]


_YES = {_tokens(p) for p in _YES_PHRASES}
_NO = {_tokens(p) for p in _NO_PHRASES}
_FILL = {_tokens(p) for p in _FILLER}
_LONGEST = max(len(p) for p in _YES | _NO | _FILL)


def parse_consent(text: str | None) -> bool | None:
    """Decide whether a reply means yes, no, or is not clear.

    Args:
        text: The parent's reply, as typed (any case, punctuation or spacing).

    Returns:
        ``True`` for a clear yes ("yes", "y", "ok", "sure", "go ahead", "1", "👍"...),
        ``False`` for a clear no ("no", "nope", "no thanks", "don't", "2"...),
        ``None`` when the reply is empty, mixed or anything else.
    """
    if not text:
        return None
    tokens = normalise(text)
    if not tokens:
        return None

    saw_yes = saw_no = False
    position = 0
    while position < len(tokens):
        for size in range(min(_LONGEST, len(tokens) - position), 0, -1):
            candidate = tuple(tokens[position : position + size])
            if candidate in _YES:
                saw_yes = True
                break
            if candidate in _NO:
                saw_no = True
                break
            if candidate in _FILL:
                break
        else:
            return None  # a word that is neither yes, no nor filler
        position += size

    if saw_yes == saw_no:  # both, or only filler
        return None
    return saw_yes
