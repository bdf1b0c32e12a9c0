"""Identifiers with a shape: contact details, official numbers, dates of birth,
street addresses, postcodes and named schools or settings.

Each finder returns ``Span`` objects over the original text; ``anonymiser`` decides
which win where they overlap.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import phonenumbers

from bot.privacy.lexicon import NOT_NAMES, SEND_TERMS, TITLES, fold, load_lexicon, words


@dataclass(frozen=True)
class Span:
    """A piece of the text to replace.

    Attributes:
        start: Index of its first character.
        end: Index after its last character.
        label: What it is: ``child``, ``name``, ``school``, ``phone``, ``email``,
            ``address``, ``postcode``, ``nhs_number``, ``ni_number``, ``dob``, ``number``.
        replacement: What goes in its place (a tag such as ``[phone]``, or a postcode's
            district).
    """

    start: int
    end: int
    label: str
    replacement: str


def tag(label: str) -> str:
    """The tag that replaces an identifier of this kind, e.g. ``[phone]``."""
    return f"[{label}]"


_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{3,30}\b")

# Outward code (area letters, district digit(s), optional letter), then inward code.
_POSTCODE = re.compile(
    r"\b(?P<outward>[A-Z]{1,2}[0-9][A-Z0-9]?)\s*(?P<inward>[0-9][ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)

# NHS numbers: 10 digits, usually written 3-3-4. Valid ones pass the modulus 11 check.
_TEN_DIGITS = re.compile(r"(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")
_NHS_CUE = re.compile(r"\bnhs\s*(?:no\.?|num(?:ber)?|#)?\s*(?:is|:)?\s*$", re.IGNORECASE)

# National Insurance numbers: two letters, six digits, a letter A-D; spaces anywhere.
_NI = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}"
    # since 3.9 "11-Jan-2017", "3/Mar/2015"
    r"|\d{1,2}[\-/]" + _MONTH + r"[\-/](?:\d{4}|\d{2})"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\.?,?\s+\d{4}"
    r"|" + _MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
)
# Months in the other languages parents write dates in ("5 maja 2017", "3 mart 2015",
# "12 de março de 2016"), for dates after a cue only.
_MONTH_OTHER = (
    r"(?:stycz(?:eń|nia)|lut(?:y|ego)|mar(?:zec|ca)|kwie(?:cień|tnia)|maj|maja|czerw(?:iec|ca)"
    r"|lip(?:iec|ca)|sierp(?:ień|nia)|wrze(?:sień|śnia)|wrzesnia|październik|października"
    r"|pazdziernika|listopad|listopada|grud(?:zień|nia)"
    r"|ocak|şubat|subat|mart|nisan|mayıs|mayis|haziran|temmuz|ağustos|agustos|eylül|eylul|ekim"
    r"|kasım|kasim|aralık|aralik"
    r"|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
    r"|novembre|décembre|decembre"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre"
    r"|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro"
    r"|ianuarie|februarie|martie|aprilie|iunie|iulie|august|septembrie|octombrie|noiembrie"
    r"|decembrie"
    r"|sausio|vasario|kovo|balandžio|gegužės|birželio|liepos|rugpjūčio|rugsėjo|spalio"
    r"|lapkričio|gruodžio"
    r"|januar|februar|märz|juni|juli|oktober|dezember|gennaio|febbraio|aprile|maggio|giugno"
    r"|luglio|settembre|ottobre|dicembre"
    r"|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада"
    r"|грудня|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября"
    r"|декабря"
    # since 3.3: Arabic (Egyptian and Levantine names), Urdu, Persian, Bengali, Hindi;
    # the day and year may be written in their digits ("১৫ মার্চ ২০১৬", \d takes them)
    r"|يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر"
    r"|اكتوبر|نوفمبر|ديسمبر|كانون\s+الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول"
    r"|تشرين\s+الأول|تشرين\s+الثاني|كانون\s+الأول"
    r"|جنوری|فروری|مارچ|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر"
    r"|ژانویه|فوریه|مارس|آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر"
    r"|জানুয়ারি|জানুয়ারী|ফেব্রুয়ারি|ফেব্রুয়ারী|মার্চ|এপ্রিল|মে|জুন|জুলাই|আগস্ট|অগাস্ট"
    r"|সেপ্টেম্বর|অক্টোবর|নভেম্বর|ডিসেম্বর"
    r"|जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|नवंबर"
    r"|नवम्बर|दिसंबर|दिसम्बर"
    # since 3.4: Gurmukhi (Punjabi)
    r"|ਜਨਵਰੀ|ਫ਼ਰਵਰੀ|ਫਰਵਰੀ|ਮਾਰਚ|ਅਪ੍ਰੈਲ|ਅਪਰੈਲ|ਮਈ|ਜੂਨ|ਜੁਲਾਈ|ਅਗਸਤ|ਸਤੰਬਰ|ਅਕਤੂਬਰ|ਨਵੰਬਰ|ਦਸੰਬਰ"
    # since 3.5: the Iranian (solar) calendar's months, and their Dari names used in
    # Afghanistan: "متولد ۱۵ مهر ۱۳۹۲" (the year is a solar one, ~621 behind)
    r"|فروردین|اردیبهشت|خرداد|تیر|مرداد|امرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند"
    r"|حمل|ثور|جوزا|سرطان|اسد|سنبله|میزان|عقرب|قوس|جدی|دلو|حوت"
    # since 3.9: Greek (genitive), Bulgarian, Czech and Slovak (genitive), Albanian, Dutch,
    # Somali, Swahili, Tagalog, Tamil, Gujarati, Nepali (Bikram Sambat), Ethiopian (Ge'ez)
    r"|ιανουαρίου|φεβρουαρίου|μαρτίου|απριλίου|μαΐου|μαιου|ιουνίου|ιουλίου|αυγούστου"
    r"|σεπτεμβρίου|οκτωβρίου|νοεμβρίου|δεκεμβρίου"
    r"|януари|февруари|април|юни|юли|август|септември|октомври|ноември|декември"
    r"|ledna|února|unora|března|brezna|dubna|května|kvetna|června|cervna|července|cervence"
    r"|srpna|září|zari|října|rijna|listopadu|prosince|januára|februára|apríla|mája|júna"
    r"|júla|augusta|septembra|októbra|novembra|decembra"
    r"|janar|shkurt|prill|qershor|korrik|gusht|shtator|tetor|nëntor|nentor|dhjetor"
    r"|januari|februari|maart|mei|augustus|september|november|december"
    r"|janaayo|febraayo|maarso|abriil|maajo|juun|luuliyo|luulyo|ogoosto|sebtembar|oktoobar"
    r"|nofembar|desembar|machi|aprili|julai|agosti|septemba|oktoba|novemba|desemba"
    r"|enero|pebrero|marso|hunyo|hulyo|setyembre|oktubre|nobyembre|disyembre"
    r"|ஜனவரி|பிப்ரவரி|மார்ச்|ஏப்ரல்|மே|ஜூன்|ஜூலை|ஆகஸ்ட்|செப்டம்பர்|அக்டோபர்|நவம்பர்|டிசம்பர்"
    r"|જાન્યુઆરી|ફેબ્રુઆરી|માર્ચ|એપ્રિલ|મે|જૂન|જુલાઈ|ઓગસ્ટ|સપ્ટેમ્બર|ઓક્ટોબર|નવેમ્બર|ડિસેમ્બર"
    r"|बैशाख|वैशाख|जेठ|असार|साउन|श्रावण|भदौ|असोज|कात्तिक|कार्तिक|मंसिर|पुस|पौष|माघ|फागुन|चैत"
    r"|መስከረም|ጥቅምት|ኅዳር|ህዳር|ታኅሣሥ|ታህሳስ|ጥር|የካቲት|መጋቢት|ሚያዝያ|ግንቦት|ሰኔ|ሐምሌ|ነሐሴ|ጳጉሜ)"
)
_DATE_OTHER = (
    r"(?:\d{1,2}\.?\s+(?:de\s+)?" + _MONTH_OTHER + r"\.?,?\s+(?:de\s+)?\d{4}(?:\s*(?:r\.|г\.|р\.))?"
    r"|\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일号號]?"
    # since 3.4: Lithuanian, year first: "2014 m. gegužės 3 d."
    r"|\d{4}\s*m\.?\s+" + _MONTH_OTHER + r"\s+\d{1,2}(?:\s*d\.)?"
    # since 3.7: Latvian, year first: "2012. gada 6. martā" (month in the locative or the
    # genitive); Hungarian, year first: "2012. március 6."
    r"|\d{4}\.?\s*g(?:ada|\.)\s+\d{1,2}\.?\s+(?:janvār|februār|mart|aprīl|april|maij|jūnij"
    r"|junij|jūlij|julij|august|septembr|oktobr|novembr|decembr)(?:ī|i|ā|a|s|is|s)?(?!\w)"
    r"|\d{4}\.\s*(?:január|januar|február|februar|március|marcius|április|aprilis|május"
    r"|majus|június|junius|július|julius|augusztus|szeptember|október|oktober|november"
    r"|december)\s+\d{1,2}(?:\.|-(?:án|én|jén|ján|a|e|i))?"
    # since 3.8: Vietnamese "(ngày) 5 tháng 8 năm 2016", "5 tháng 8, 2016"
    r"|(?:ng[àa]y\s+)?\d{1,2}\s+th[áa]ng\s+\d{1,2}(?:\s+n[ăa]m|\s*,)?\s+\d{4}"
    r"|[\u0660-\u0669\u06f0-\u06f9]{1,4}[/.\-][\u0660-\u0669\u06f0-\u06f9]{1,2}"
    r"[/.\-][\u0660-\u0669\u06f0-\u06f9]{1,4})"
)
# Cues: "born (on) (the)", "DOB", "d.o.b", "date of birth", "birthday", "bday", "b'day".
_DOB = re.compile(
    r"\b(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s?(?:day|date)|b['\u2019\-]?day)"
    r"(?:\s*(?:is|was|as|:|-|=))?(?:\s+on)?(?:\s+the)?\s*\(?(?P<date>"
    + _DATE
    # after a cue also with a two-digit year: "dob: 3rd Feb 15"
    + r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH
    + r"\.?,?\s+'?\d{2}(?!\d)"
    + r")",
    re.IGNORECASE,
)
# A day and month with no year: "12th March", "3 of May", "May 3rd".
_DAY_MONTH = (
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b"
    r"|" + _MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?(?!\d)"
)
_BIRTHDAY_WORD = r"\b(?:birth\s?day|b['\u2019\-]?day)"  # "birthday", "bday", "b'day"
# Since 3.3 a birthday's day and month with no year: "bday is 12th March", "her birthday
# was May 3rd" (after "born" a day and month stay: "born on 3 March at 29 weeks").
_BIRTHDAY_NO_YEAR = re.compile(
    _BIRTHDAY_WORD + r"(?:\s*(?:is|was|:|-|=))?(?:\s+on)?(?:\s+the)?\s*"
    r"(?P<date>" + _DAY_MONTH + r")",
    re.IGNORECASE,
)
# Since 3.4 with a day word between: "his birthday was yesterday, 19th Feb", "her
# birthday is this Sunday, 3rd March" ("birthday party on 9th June" stays).
_BIRTHDAY_LATER = re.compile(
    _BIRTHDAY_WORD + r"(?:\s+(?:is|was|'s))?"
    r"\s+(?:yesterday|today|tomorrow|(?:on\s+|last\s+|this\s+|next\s+)?(?:week|weekend"
    r"|month|mon|tues|wednes|thurs|fri|satur|sun)(?:day)?),?\s+(?:on\s+)?(?:the\s+)?"
    r"(?P<date>" + _DAY_MONTH + r")",
    re.IGNORECASE,
)
# Since 3.4 "birthday" in other languages, then a day and month with no year, a few short
# words between: "urodziny ma 1 czerwca", "su cumpleaños es el 12 de enero".
_BIRTHDAY_OTHER = re.compile(
    r"(?<!\w)(?:urodziny|urodzinki|cumpleaños|cumpleanos|anniversaire|aniversário|aniversario"
    r"|doğum\s+günü|dogum\s+gunu|gimtadienis|gimtadienį|ziua\s+de\s+naștere|ziua\s+lui"
    r"|ziua\s+ei|день\s+народження|день\s+рождения|geburtstag|compleanno)"
    r"(?:\s+[^\W\d]{1,4}){0,3}\s*:?\s*(?P<date>\d{1,2}\.?\s+(?:de\s+)?(?:"
    + _MONTH_OTHER
    + r"|"
    + _MONTH
    + r")\b)",
    re.IGNORECASE,
)


def _dob_cues_other_languages(*, phrases_only: bool = False) -> str:
    path = Path(__file__).with_name("data") / "dob_cues.txt"
    phrases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and (len(line.split()) > 1 or not phrases_only):
            phrases.append(r"\s+".join(re.escape(word) for word in line.split()))
    return "|".join(sorted(phrases, key=len, reverse=True))


# "ur. 14.02.2012", "doğum tarihi 15.08.2016", "né le 3/4/2015": the same in other languages.
# (A cue in Chinese may follow other Chinese characters with no space: "女儿出生日期".)
_DOB_OTHER = re.compile(
    r"(?<![0-9A-Za-z\u00c0-\u024f\u0370-\u04ff])(?:"
    + _dob_cues_other_languages()
    + r")(?:\s*[:\-=,،：])?\s*\(?(?P<date>"
    + _DATE
    + "|"
    + _DATE_OTHER
    + r")",
    re.IGNORECASE,
)
# Since 3.5 a cue of two or more words, then up to three short words ("of the child",
# "is") before a full date: "Ngày sinh của cháu là 15/06/2015", "gimimo data yra
# 2014-03-02" (a one-word cue such as "ur" is too often something else).
_DOB_OTHER_LATER = re.compile(
    r"(?<![0-9A-Za-z\u00c0-\u024f\u0370-\u04ff])(?:"
    + _dob_cues_other_languages(phrases_only=True)
    + r")(?:\s+[^\W\d]{1,5}){1,3}(?:\s*[:\-=,،：])?\s*\(?(?P<date>"
    + _DATE
    + "|"
    + _DATE_OTHER
    + r")",
    re.IGNORECASE,
)
# Since 3.6 a full date a few words after "birthday" or "date of birth" in the same
# sentence: "they got his birthday wrong, it's 6th May 2014", "DOB on the form should
# be 3/4/2015" (a birth year only: "birthday party booked for 3rd May 2025" stays).
_BIRTH_WORD_THEN_DATE = re.compile(
    r"(?:" + _BIRTHDAY_WORD + r"s?|\bdate\s+of\s+birth|\bd\.?o\.?b\b\.?)"
    r"(?P<between>[^.!?\n]{0,60}?)(?<![\w/.\-])(?P<date>" + _DATE + r")",
    re.IGNORECASE,
)

# Since 3.7 a date in Chinese or Japanese with "born" after it: "佢係2016年7月22號出世",
# "2015年3月2日生まれ", "2016年5月1日出生" (the cue of the other languages comes first).
_CJK_DATE_THEN_BORN = re.compile(
    r"(?P<date>\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일号號]?)\s*(?:喺|在|於|于|に)?"
    r"\s*(?:出世|出生|生まれ|生於|生于|誕生|诞生|생|에\s*태어|生(?![日活气氣病意]))"
)
# Since 3.8 a date with "year of birth" after it, as written in Ukrainian and Russian:
# "14.05.2014 р.н.", "3.4.2015 г.р.", "2016 року народження" follows a full date only.
_DATE_THEN_YEAR_OF_BIRTH = re.compile(
    r"(?P<date>" + _DATE + r"|" + _DATE_OTHER + r")\s*(?:р\.?|г\.?|року|рік|года|год)?\s*"
    r"(?:р\.\s*н\.|г\.\s*р\.|рн(?!\w)|гр(?!\w)|народження|рождения)",
    re.IGNORECASE,
)
# Since 3.8 a day and month with no year after "born" when an age comes first: "our son
# is 5, born 17th August so...", "she's 7 (born 3rd May)" ("born on 3 March at 29 weeks",
# with no age before it, stays).
_AGE_THEN_BORN_DAY = re.compile(
    r"\b(?:is|was|aged?|turned|['\u2019]s)\s+\d{1,2}" + r"(?:\s*(?:yrs?|years?(?:\s+old)?|y/?o))?"
    r"\s*[,;(\-]?\s*(?:and\s+)?(?:was\s+)?born\s+(?:on\s+)?(?:the\s+)?(?P<date>"
    + _DAY_MONTH
    + r")",
    re.IGNORECASE,
)
# Since 3.7 a second full date of a birth year set against a date of birth found: "DOB
# should be 19/10/2013 not 19/10/2012", "born 3/4/2015 (not 4/3/2015 as on the letter)".
_DOB_CORRECTION = re.compile(
    r"\s*[,;(]?\s*(?:(?:and|but)\s+)?(?:not|n't|never|or|instead\s+of|rather\s+than"
    r"|(?:it\s+)?should\s+(?:be|say|read)|it\s+is|it's|it\s+was|(?:it\s+)?(?:says|said"
    r"|shows|showed)(?:\s+it\s+as)?)"
    r"\s+(?:the\s+)?(?P<date>" + _DATE + r")"
    r"|(?P<date_before>" + _DATE + r")\s*[,;]?\s*(?:(?:it\s+)?should\s+(?:be|say|read)|is\s+wrong"
    r"|was\s+wrong|is\s+incorrect)\s*$",
    re.IGNORECASE,
)

# "Alfie Barker (07/01/2017)", "Maya, 3.4.2016": a full date right after a name.
_DATE_AFTER_NAME = re.compile(
    r"(?P<word>[A-Z][a-z'\u2019\-]+)\s*(?:\(\s*|,\s*)(?P<date>" + _DATE + r")(?=\s*[),.;]|\s*$)"
)

# Six or more digits, possibly split by spaces or dashes (case and reference numbers).
_LONG_NUMBER = re.compile(r"(?<![\w\[])\d(?:[ -]?\d){5,}(?![\w\]])")

_STREET = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Crescent|Cres|Way|Court|Ct|Place"
    r"|Grove|Gardens|Gdns|Terrace|Walk|Mews|Square|Row|Rise|View|Parade|Hill|Green|Park|Vale"
    r"|Fold|Croft|Garth|Gate|Bank|Boulevard|Chase|Heights|Meadows?|Mount|Approach|Grange|Wharf"
    r"|Hollow|Glade|Nook|Dene|Wynd|Circus|Circle"
    # since 3.3
    r"|Cottages|Villas"
    # since 3.9 ("56 Green Lanes", "3 Mill Fields")
    r"|Lanes|Fields|Acres|Yard|Quay|Pastures?|Ridge|Paddock|Orchard|Brow|Leys|Side|End|Common)"
)
_STREET_LOWER = (
    r"(?:road|rd|street|avenue|ave|lane|close|drive|crescent|grove|gardens|terrace|way|mews)"
)
_FLAT = (
    r"(?:\b(?:[Ff]lat|[Aa]partment|[Aa]pt|[Uu]nit)\s+\d+[A-Za-z]?,?\s+)?"
    # since 3.6 a building's name before the house number: "Flat 4, Bramley Court, 12 ..."
    r"(?:\b(?:[A-Z][a-z'\u2019\-]+\s+){1,2}(?:House|Court|Lodge|Mansions|Tower|Towers|Heights"
    r"|Buildings|Apartments|Point|Cottages?|Farm|Wharf|Chambers|Mill|Villas|Hall|Block)"
    r",?\s+(?=\d))?"
)
_NUMBERED_ADDRESS = re.compile(
    _FLAT + r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][a-z'\u2019\-]+\s+){1,3}" + _STREET + r"\b\.?"
)
_NUMBERED_ADDRESS_LOWER = re.compile(
    r"(?:\b(?:flat|apartment|apt|unit)\s+\d+[a-z]?,?\s+)?"
    r"\b\d{1,4}[a-z]?\s+(?P<words>(?:[a-z'\-]+\s+){1,2})" + _STREET_LOWER + r"\b"
)
# Since 3.9 a house's name with no number, then its street: "Rose Cottage, Mill Lane",
# "The Old Forge, Church Street" (the house's name alone stays: "Martin House").
_HOUSE_NAME_ADDRESS = re.compile(
    r"\b(?:[Tt]he\s+)?(?:[A-Z][a-z'\u2019\-]+\s+){1,2}(?:Cottage|House|Farm|Farmhouse|Lodge"
    r"|Barn|Villa|Bungalow|Mill|Forge|Manor|Grange|Croft|Rectory|Vicarage|Nook|Retreat|Hall)"
    r"\s*,\s*(?:[A-Z][a-z'\u2019\-]+\s+){1,3}" + _STREET + r"\b"
)
_NAMED_STREET = re.compile(
    r"\b(?:live[sd]?\s+(?:on|in|at|off)|lives?\s+on|on|in|at|off|along|from)\s+"
    r"(?P<street>(?:[A-Z][a-z'\u2019\-]+\s+){1,3}"
    r"(?:Road|Street|Avenue|Lane|Close|Drive|Crescent|Grove|Gardens|Terrace|Mews|Way))\b"
)
# Words that cannot start a lower-case street name ("2 miles down the road").
_NOT_STREET_WORDS = {
    "the",
    "a",
    "an",
    "my",
    "our",
    "his",
    "her",
    "their",
    "your",
    "this",
    "that",
    "down",
    "up",
    "along",
    "across",
    "over",
    "of",
    "to",
    "from",
    "in",
    "on",
    "at",
    "by",
    "miles",
    "mile",
    "minutes",
    "mins",
    "min",
    "hours",
    "hrs",
    "metres",
    "meters",
    "yards",
    "km",
    "times",
    "days",
    "weeks",
    "is",
    "was",
    "and",
    "or",
    "just",
    "only",
    "same",
    "whole",
}

# Named schools and settings: capitalised words ending in a kind of setting.
_SETTING_HEAD = (
    r"(?:School|Academy|Primary|Nursery|Pre-?[Ss]chool|Preschool|Playgroup|College|Juniors?"
    r"|Infants?|High|Montessori|Federation|Kindergarten|Pupil\s+Referral\s+Unit|PRU|Centre"
    r"|Grammar|Prep|RC|C\s?of\s?E|CofE|Resource\s+Base)"
)
# (Since 3.2 also inside Chinese or Japanese text: "在Ashton Primary上学".)
# (Since 3.6 with Welsh "y", "yr", "ar" (the, on) between its words: "Pen y Bryn School",
# "Bryn yr Eos Primary".)
_SCHOOL = re.compile(
    r"(?<![A-Za-z0-9])(?:(?:St\.?|Saint)\s+)?"
    r"(?:(?:[A-Z][A-Za-z'\u2019\-]*|C\s?of\s?E|CofE|Church\s+of\s+England)\s+"
    r"(?:(?:y|yr|ar)\s+(?=[A-Z]))?){1,6}"
    + _SETTING_HEAD
    + r"(?:\s+(?:School|Academy|Nursery))?(?![A-Za-z0-9])"
)
# "the SENCO at Oakfield is...": a capitalised word in no list, right after "at", before
# what a setting does, is a school named without "school".
_SCHOOL_AT = re.compile(
    r"\b(?:at|from)\s+(?P<name>[A-Z][a-z]{3,}(?:\s+[A-Z][a-z]{3,})?)"
    r"(?=\s+(?:is|are|was|were|has|have|had|said|says|say|told|refused|won't|wont|don't|dont"
    r"|didn't|didnt|can't|cant|never|just|keep|keeps|excluded|put)\b)"
)
# "nursery: Busy Bees Hunslet": capitalised words after a form's label for a setting.
_SETTING_FIELD = re.compile(
    r"\b(?i:school|nursery|setting|college|pre-?school|childminder)\s*[:=]\s*"
    r"(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,4})"
)
_SETTING_FIELD_LOWER = re.compile(
    r"(?:^|(?<=[\n.;]))\s*(?i:school|nursery|setting|college|pre-?school|current\s+school"
    r"|current\s+setting)\s*[:=\-\u2013]\s*"
    r"(?P<name>[a-z][\w'\u2019\-]*(?:[ \t]+[a-z][\w'\u2019\-]*){0,3})[ \t]*(?=$|[\n.,;])",
    re.MULTILINE,
)
# What a setting field holds when there is no setting: "Setting: Home educated".
_NO_SETTING_WORDS = words(
    """
    none no n na not tbc tbd unknown home educated ehe elective waiting awaiting currently
    still out mainstream special local same nil left excluded
    """
)


def _no_setting(name: str) -> bool:
    keys = [fold(word) for word in name.split()]
    return (
        not keys
        or keys[0] in _NO_SETTING_WORDS
        or all(key in _GENERIC_SETTING_WORDS for key in keys)
    )


# "the senco at kingsmead told me": the same in lower case, for a word in no dictionary.
_SCHOOL_AT_LOWER = re.compile(
    r"\b(?:at|from)\s+(?P<name>[a-z]{4,})"
    r"(?=\s+(?:is|are|was|were|has|have|had|said|says|say|told|refused|won't|wont|don't|dont"
    r"|didn't|didnt|can't|cant|never|just|keep|keeps|excluded|put)\b)"
)
# "he goes to oak tree nursery": lower-case words before a kind of setting, after "at",
# "to" or "from"; ", harrow way community school.": opening a clause, before a kind of
# setting that is more than "school" (", not in any school" is no school).
_SETTING_LOWER = (
    r"(?:community\s+school|primary(?:\s+school)?|academy|nursery|infants|juniors"
    r"|high(?:\s+school)?|grammar(?:\s+school)?|prep|special\s+school|c\s+of\s+e(?:\s+school)?"
    r"|rc(?:\s+school)?|resource\s+base)"
)
_SCHOOL_LOWER_NAMED = re.compile(
    r"\b(?:at|to|from|attends|attend|attending|for|naming|named|joined)\s+(?P<name>(?:[a-z][a-z'\u2019\-]+\s+){1,3}"
    r"(?:" + _SETTING_LOWER + r"|school))\b"
    r"|(?:^|[,.;:(]\s*)(?P<opening>(?:[a-z][a-z'\u2019\-]+\s+){1,3}" + _SETTING_LOWER + r")\b"
)
# "an independent school (Hawthorn House)", "Nursery is Happy Days Kidz Club", "at Our Lady
# of Lourdes": a setting named without its kind.
_SETTING_NAMED = re.compile(
    r"\b(?i:school|nursery|setting|college|preschool|pre-school)"
    r"(?:\s*\(|\s+(?:is|was)\s+(?=[A-Z]\w*\s+[A-Z]))"
    r"(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,4})"
    r"|\b(?:at|to|from|(?i:school|nursery|attends))\s+(?P<church>Our\s+Lady(?:'s|\s+of\s+[A-Z]\w+(?:\s+[A-Z]\w+)?)"
    r"|Sacred\s+Heart|Holy\s+(?:Trinity|Family|Cross|Rosary|Name|Spirit))"
)
# "at st peter's": a saint's name after "at", "to" or "from" is a school or setting
# ("at St Andrew's Church" is a church).
_SAINT_SETTING = re.compile(
    r"\b(?:at|to|from|attends)\s+(?P<name>(?:st\.?|saint)\s+[a-z]+(?:['\u2019]s)?)(?![\w'\u2019])"
    r"(?!\s+(?:church|hospital|hall|road|street|park|centre)\b)",
    re.IGNORECASE,
)
_SCHOOL_LOWER = re.compile(
    r"\b(?P<name>[a-z][a-z'\-]{2,})\s+(?:primary|academy|nursery|juniors|infants|high school"
    r"|pre-?school|preschool)\b"
)
# Words that name no particular school: "the local Primary School", "Special School".
_GENERIC_SETTING_WORDS = words(
    """
    the a an my our his her their your its this that which what at to from in into on for
    of by with and or but so if when then thanks thank dear hi hello please sorry also
    local new old current previous last next nearest other same mainstream special
    specialist independent private state free primary secondary junior juniors infant
    infants high grammar middle first upper community church catholic school schools academy
    academies nursery nurseries college colleges sixth form pre preschool pre-school
    playgroup montessori federation kindergarten city county council good great outstanding
    i we he she they it year reception
    centre children's childrens family carers development job leisure health medical sports
    resource learning contact education otherwise than
    """
) | {"c", "of", "e", "cofe", "ce", "rc"}
# Words that never name a school in lower case: "to be frank the school", "to get school".
_NOT_SCHOOL_NAME_WORDS = words(
    """
    be been being get got getting go going goes went have has had do does did can could
    will would should may might must is are was were not no any all some every in at on of
    to for from with by about after before into than then so but and or if when while
    because like just only also still even very really too again me us him them it he she
    they we you i shes hes im theyre looking a an the my his her our their your this that
    name names naming named want wants
    """
)
# Lower-case words before "school" or "nursery" that name no particular one.
_LOWER_GENERIC_WORDS = _GENERIC_SETTING_WORDS | words(
    """
    forest after boarding day residential home sunday summer holiday breakfast normal
    regular big nearby same another different any some every one sen send autism autistic
    specialist language resourced base unit his her their this that these those my our
    your a an the to go going went back off out whole full part time before his proper
    real own usual whole primary secondary infant junior
    virtual hospital faith village saturday weekend language driving dance swimming football
    drama music art alternative mainstream specialist independent state grammar steiner
    starting start moving move leaving joining transition transfer brownies guides scouts
    cubs beavers rainbows
    ysgol gymraeg gynradd uwchradd feithrin
    """
)
# Who a school belongs to, written before it ("my sons nursery", "his sisters school").
_OWNER_WORDS = words(
    """
    son daughter child kid boy girl brother sister sibling twin grandson granddaughter
    nephew niece cousin friend bestie neighbour neighbor
    """
)
# The same, for the tagger's schools.
GENERIC_SETTING_WORDS = _LOWER_GENERIC_WORDS


# Since 3.9 an address written so that machines miss it, or with spaces around the "@":
# "jane dot smith at gmail dot com", "kerry_88 @ hotmail.co.uk", "sam(at)yahoo.com".
_SPACED_EMAIL = re.compile(
    r"[A-Za-z0-9._%+'-]+\s+@\s*[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"|[A-Za-z0-9._%+'-]+\s*@\s+[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_MAIL_DOMAIN = (
    r"(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|live|aol|btinternet|sky|virgin|msn"
    r"|protonmail|proton|mail|nhs|[a-z0-9-]+(?=\s+dot\s+(?:nhs|gov|sch|ac|co|org|net|com)))"
)
_SPELLED_EMAIL = re.compile(
    r"(?i)\b[a-z0-9._%+'-]+(?:\s+dot\s+[a-z0-9_'-]+)*\s*(?:\s(?:at)\s|\(at\)|\[at\])\s*"
    + _MAIL_DOMAIN
    + r"(?:\s*(?:\s(?:dot)\s|\.|\(dot\))\s*[a-z]{2,6}){1,3}\b"
)


def find_emails(text: str) -> Iterator[Span]:
    """Email addresses (also spelled out: "jane dot smith at gmail dot com") and social
    media handles."""
    for match in _EMAIL.finditer(text):
        yield Span(match.start(), match.end(), "email", tag("email"))
    for match in _SPACED_EMAIL.finditer(text):
        yield Span(match.start(), match.end(), "email", tag("email"))
    # ("meet at school at 9 dot on" is none: after "at" must come a mail domain)
    for match in _SPELLED_EMAIL.finditer(text):
        yield Span(match.start(), match.end(), "email", tag("email"))
    for match in _HANDLE.finditer(text):
        yield Span(match.start(), match.end(), "name", tag("name"))


def nhs_number_is_valid(digits: str) -> bool:
    """Whether 10 digits pass the NHS number's modulus 11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def find_nhs_numbers(text: str) -> Iterator[Span]:
    """NHS numbers: valid 10-digit numbers, or any 10 digits right after "NHS number"."""
    for match in _TEN_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        cued = bool(_NHS_CUE.search(text[max(0, match.start() - 24) : match.start()]))
        # A valid NHS number that is also a valid UK phone number (a few 10-digit
        # numbers starting 0 are) counts as an NHS number only after its cue.
        looks_like_phone = digits.startswith("0") and phonenumbers.is_valid_number(
            _parse_gb(digits)
        )
        if cued or (nhs_number_is_valid(digits) and not looks_like_phone):
            yield Span(match.start(), match.end(), "nhs_number", tag("nhs_number"))


def _parse_gb(digits: str) -> phonenumbers.PhoneNumber:
    try:
        return phonenumbers.parse(digits, "GB")
    except phonenumbers.NumberParseException:
        return phonenumbers.PhoneNumber()


def find_ni_numbers(text: str) -> Iterator[Span]:
    """National Insurance numbers such as ``AB 12 34 56 C``."""
    for match in _NI.finditer(text):
        yield Span(match.start(), match.end(), "ni_number", tag("ni_number"))


# UK numbers have 10 or 11 digits (12 or more with +44); shorter runs are years,
# amounts or counts that matter to a view.
_MIN_PHONE_DIGITS = 10


def find_phones(text: str) -> Iterator[Span]:
    """Phone numbers, UK and international (``phonenumbers``)."""
    matcher = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        digits = sum(ch.isdigit() for ch in match.raw_string)
        if digits < _MIN_PHONE_DIGITS and not phonenumbers.is_valid_number(match.number):
            continue
        yield Span(match.start, match.end, "phone", tag("phone"))


def find_dates_of_birth(text: str) -> Iterator[Span]:
    """Dates after "born", "DOB", "date of birth" or "birthday" (in many languages), and
    since 3.9 any full date of a child's birth year; later dates stay."""
    found = list(_dates_of_birth(text))
    yield from found
    yield from _full_dates_of_birth_years(text)
    for match in _CJK_DATE_THEN_BORN.finditer(text):
        yield Span(match.start("date"), match.end("date"), "dob", tag("dob"))
    for pattern in (_DATE_THEN_YEAR_OF_BIRTH, _AGE_THEN_BORN_DAY):
        for match in pattern.finditer(text):
            yield Span(match.start("date"), match.end("date"), "dob", tag("dob"))
    # since 3.7: the date set against one found ("should be X not Y")
    for span in found:
        after = _DOB_CORRECTION.match(text, span.end)
        if after and after.group("date") and _birth_year(after.group("date")):
            yield Span(after.start("date"), after.end("date"), "dob", tag("dob"))
        before = _DOB_CORRECTION.search(text[max(0, span.start - 40) : span.start])
        if before and before.group("date_before") and _birth_year(before.group("date_before")):
            offset = max(0, span.start - 40)
            yield Span(
                offset + before.start("date_before"),
                offset + before.end("date_before"),
                "dob",
                tag("dob"),
            )


def _dates_of_birth(text: str) -> Iterator[Span]:
    for match in _DOB.finditer(text):
        yield Span(match.start("date"), match.end("date"), "dob", tag("dob"))
    for pattern in (_DOB_OTHER, _DOB_OTHER_LATER):
        for match in pattern.finditer(text):
            yield Span(match.start("date"), match.end("date"), "dob", tag("dob"))
    for pattern in (_BIRTHDAY_NO_YEAR, _BIRTHDAY_LATER, _BIRTHDAY_OTHER):
        for match in pattern.finditer(text):
            yield Span(match.start("date"), match.end("date"), "dob", tag("dob"))
    for match in _BIRTH_WORD_THEN_DATE.finditer(text):
        if _birth_year(match.group("date")) and len(match.group("between").split()) <= 8:
            yield Span(match.start("date"), match.end("date"), "dob", tag("dob"))
    lexicon = load_lexicon()
    for match in _DATE_AFTER_NAME.finditer(text):
        key = fold(match.group("word"))
        if key in NOT_NAMES or (
            lexicon.looks_like_word(key) and key not in lexicon.rare_name_words
        ):
            continue
        yield Span(match.start("date"), match.end("date"), "dob", tag("dob"))
    # Since 3.2 without a cue word: "(7, 22-08-2016)", "Jake 12.03.15 has", "my son
    # (d. 3/4/2015)": a date of a child's birth, not of a meeting (its year is two or more
    # years back).
    for match in _DATE_AFTER_AGE.finditer(text):
        if _birth_year(match.group("date")):
            yield Span(match.start("date"), match.end("date"), "dob", tag("dob"))
    # Since 3.5 a birthday told by the age it brings: "she turns 5 on the 30th June",
    # "he's 15 tomorrow (12th of Oct)", "will be 8 next Friday, 3rd May"; and a full date
    # after an age with no brackets: "he is 8, 21.04.2017" (a birth year only).
    for match in _TURNS_AGE_ON.finditer(text):
        yield Span(match.start("date"), match.end("date"), "dob", tag("dob"))
    for match in _DATE_AFTER_AGE_WORDS.finditer(text):
        if _year_fits_age(match.group("date"), int(match.group("age"))):
            yield Span(match.start("date"), match.end("date"), "dob", tag("dob"))
    for match in _DATE_AFTER_NAME_BARE.finditer(text):
        key = fold(match.group("word"))
        if key in NOT_NAMES or key in SEND_TERMS or lexicon.looks_like_word(key):
            continue
        if _birth_year(match.group("date")):
            yield Span(match.start("date"), match.end("date"), "dob", tag("dob"))


# "Eilidh (7, 22-08-2016)", "Maja (6 yrs; 3.4.2018)": a full date after an age in brackets.
_DATE_AFTER_AGE = re.compile(
    r"\(\s*\d{1,2}\s*(?:yrs?|years?(?:\s+old)?|y/?o)?\s*[,;/\-]\s*(?P<date>" + _DATE + r")\s*\)",
    re.IGNORECASE,
)
_AGE_WORDS = r"(?:\s*(?:yrs?|years?(?:\s+old)?|y/?o))?"
_TURNS_AGE_ON = re.compile(
    r"(?:\b(?:turns|turning|will\s+be|(?:he|she|they)['\u2019]ll\s+be|be)\s+\d{1,2}"
    + _AGE_WORDS
    + r"(?:\s+(?:tomorrow|today|(?:on\s+|this\s+|next\s+)?(?:week|weekend|mon|tues|wednes|thurs"
    r"|fri|satur|sun)(?:day)?))?"
    r"|(?:\b(?:is|are)|['\u2019]s)\s+\d{1,2}"
    + _AGE_WORDS
    + r"\s+(?:tomorrow|today|(?:on\s+|this\s+|next\s+)?(?:week|weekend|mon|tues|wednes|thurs"
    r"|fri|satur|sun)(?:day)?|on))"
    r"\s*[,(]?\s*(?:on\s+)?(?:the\s+)?(?P<date>" + _DAY_MONTH + r"|" + _DATE + r")",
    re.IGNORECASE,
)
_DATE_AFTER_AGE_WORDS = re.compile(
    r"\b(?:is|was|aged?|turned|['\u2019]s)\s+(?P<age>\d{1,2})"
    + _AGE_WORDS
    + r"\s*[,;(\-]\s*(?:d\.?o\.?b\.?\s*:?\s*|born\s+)?(?P<date>"
    + _DATE
    + r")",
    re.IGNORECASE,
)
# "Jake 12.03.15 has autism": a full date right after a name, with no comma or bracket.
_DATE_AFTER_NAME_BARE = re.compile(
    r"(?P<word>[A-Z][a-z'\u2019\-]+)\s+(?P<date>" + _DATE + r")(?=\s*[),.;:]|\s*$|\s+[a-z])"
)
_YEAR = re.compile(r"(\d{4}|\d{2})\D*$")


def _year_fits_age(date: str, age: int) -> bool:
    """Whether a date's year is that of a birth ``age`` years ago (give or take one)."""
    return _birth_year(date) and abs(datetime.date.today().year - _year_of(date) - age) <= 1


def _year_of(date: str) -> int:
    found = re.search(r"\d{4}", date)
    if found:
        return int(found.group())
    tail = _YEAR.search(date)
    year = 2000 + int(tail.group(1)) if tail else 0
    return year - 100 if year > datetime.date.today().year else year


def _birth_year(date: str) -> bool:
    """Whether a date's year is two or more years back (a meeting's date is later)."""
    this_year = datetime.date.today().year
    found = re.search(r"\d{4}", date)
    if found:
        year = int(found.group())
    else:
        tail = _YEAR.search(date)
        if not tail:
            return False
        year = 2000 + int(tail.group(1))
        if year > this_year:
            year -= 100
    return this_year - 26 <= year <= this_year - 2


# Since 3.9 a full date with no cue: day, month and a four-digit year, in any order,
# script or language ("14.02.2018", "2015/07/11", "4 Νοεμβρίου 2014", "२०७१/०३/१२").
_FULL_DATE = re.compile(
    r"(?<![\d/.\-])(?P<date>\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}"
    # "7. 12. 2012" (Czech, Slovak, German with spaces)
    r"|\d{1,2}\.\s\d{1,2}\.\s?\d{4}"
    # a day with an ordinal ending ("1da Luulyo 2016", Somali), then a month and a year
    r"|\d{1,2}(?:da|ka|aad|st|nd|rd|th|er|ère)?\.?\s+(?:de\s+)?(?:"
    + _MONTH
    + "|"
    + _MONTH_OTHER
    + r")"
    r"\.?,?\s+(?:de\s+)?\d{4}"
    # the month first ("Marso 8, 2015", Tagalog), or the year first ("2014 ஜூன் 3", Tamil)
    r"|(?:" + _MONTH_OTHER + r")\s+\d{1,2},?\s+\d{4}"
    r"|\d{4}\s+(?:" + _MONTH_OTHER + r")\s+\d{1,2}(?!\d)"
    # the year, "of the year", the day and the month ("২০১৩ সালের ৫ মে", Bengali)
    r"|\d{4}\s+(?:সালের|সালে|সাল|साल|सालको|سال|ਸਾਲ)\s+\d{1,2}\s+(?:" + _MONTH_OTHER + r")"
    r"|" + _DATE + "|" + _DATE_OTHER + r")(?![\d/\-]|\.\d)",
    re.IGNORECASE,
)


def _full_dates_of_birth_years(text: str) -> Iterator[Span]:
    """Full dates whose year is a child's birth year in any calendar parents write in.

    Cue words cannot be listed for every language ("Γεννήθηκε", "Роден е", "من مواليد"),
    and a full date of three to twenty-six years back is almost never a meeting or a
    deadline: it goes as ``[date]`` (it may be an old letter's date, so not ``[dob]``).
    """
    for match in _FULL_DATE.finditer(text):
        if _birth_year_any_calendar(match.group("date")):
            yield Span(match.start("date"), match.end("date"), "dob", tag("date"))


def _birth_year_any_calendar(date: str) -> bool:
    """Whether a date's four-digit year is a birth year three to twenty-six years back in
    the Gregorian, Iranian solar (~621 behind), Islamic lunar (~579 behind) or Nepali
    Bikram Sambat (~57 ahead) calendar; their year ranges do not overlap. (With no cue,
    the last two years are left out: "the review (12/03/2024)" is mostly a meeting.)"""
    found = re.search(r"\d{4}", date)
    if not found:
        return False
    year, this_year = int(found.group()), datetime.date.today().year
    return any(this_year - 26 <= year + shift <= this_year - 3 for shift in (0, 621, 579, -57))


def find_postcodes(text: str) -> Iterator[Span]:
    """Full postcodes, replaced by their district ("LS8 2AB" becomes "LS8")."""
    for match in _POSTCODE.finditer(text):
        outward = match.group("outward")
        # "in 2022" or "Y6 3pm" are not postcodes: the outward code needs a letter first.
        if not outward[0].isalpha():
            continue
        yield Span(match.start(), match.end(), "postcode", outward.upper())


def find_addresses(text: str) -> Iterator[Span]:
    """House numbers with a street ("27 Beech Grove", "flat 12, 40 Station Road") and
    streets someone lives on ("we live on Pasture Lane")."""
    # In a message written in capitals ("27 HAREHILLS LANE") the patterns read it as
    # "27 Harehills Lane"; the spans are the same because only letters' case changes.
    shaped = _unshout(text)
    for match in _NUMBERED_ADDRESS.finditer(shaped):
        yield Span(match.start(), match.end(), "address", tag("address"))
    for match in _NUMBERED_ADDRESS_LOWER.finditer(text):
        words = match.group("words").split()
        if any(word in _NOT_STREET_WORDS for word in words):
            continue
        yield Span(match.start(), match.end(), "address", tag("address"))
    for match in _NAMED_STREET.finditer(shaped):
        yield Span(match.start("street"), match.end("street"), "address", tag("address"))
    for match in _HOUSE_NAME_ADDRESS.finditer(shaped):
        yield Span(match.start(), match.end(), "address", tag("address"))


_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'\u2019\-]+\b")


def _unshout(text: str) -> str:
    """``text`` with its words in capitals written "Harehills", if most words are in
    capitals; otherwise ``text`` unchanged. Always the same length."""
    letters = re.findall(r"[A-Za-z]{2,}", text)
    capitals = [word for word in letters if word.isupper()]
    if len(letters) < 3 or len(capitals) < 0.7 * len(letters):
        return text
    return _CAPS_RUN.sub(_unshout_word, text)


def _unshout_word(match: re.Match[str]) -> str:
    word = match.group()
    return word if word in _KEPT_CAPITALS else word[0] + word[1:].lower()


# Kinds of setting written in capitals anyway ("ASPIRE PRU" stays "Aspire PRU").
_KEPT_CAPITALS = {"PRU", "RC"}


def _trim_generic_start(text: str, start: int, end: int) -> int:
    """Move ``start`` past leading words that name no school ("Thanks", "The", "Our")."""
    pieces = list(re.finditer(r"\S+", text[start:end]))
    for piece in pieces[:-1]:
        word = fold(piece.group().strip(",.;:()"))
        if word in ("st", "st.", "saint"):
            return start + piece.start()
        # (since 3.6 also "school" in another language: "Okulu Lakeside Primary")
        if word not in _GENERIC_SETTING_WORDS and word not in _OTHER_LANGUAGE_SCHOOL_WORDS:
            return start + piece.start()
    return end


# In a message in capitals, what stops a school's name when read back from its kind
# ("STARTED AT BIRCHES HILL PRIMARY" -> "BIRCHES HILL PRIMARY").
_CAPS_NAME_STOPS = words(
    """
    started starts start attends attended attending joined joins join excluded left leaves
    moved moving applied apply named naming called into onto out off up down near hates
    hate loves love likes like misses miss enjoys enjoy refuses refuse avoids dreads back
    """
)


_CAPS_SETTING_CUE = re.compile(
    r"\b(?:from|at|to|into|attends|attending|attended|joined|joins|started|starts)\s+$",
    re.IGNORECASE,
)


def _start_of_caps_name(shaped: str, start: int, end: int) -> int | None:
    """Where the school's name begins, reading back from its kind; None if it names none."""
    pieces = list(re.finditer(r"[\w'\u2019\-]+", shaped[start:end]))
    first = None
    for piece in reversed(pieces[:-1]):
        key = fold(piece.group())
        if key in ("st", "saint"):
            first = piece
            break
        if (
            key in _NOT_SCHOOL_NAME_WORDS
            or key in _CAPS_NAME_STOPS
            or key in ("the", "a", "an", "my", "our", "his", "her", "their", "your", "this")
            or (key.endswith(("ed", "ing")) and load_lexicon().looks_like_word(key))
        ):
            break
        first = piece
    if first is None:
        return None
    naming = [
        fold(p.group())
        for p in pieces[pieces.index(first) : -1]
        if fold(p.group()) not in _GENERIC_SETTING_WORDS and fold(p.group()) not in ("st", "saint")
    ]
    return start + first.start() if naming else None


# Since 3.4 "w St Wilfrid's", "до St Anselm's": a saint's name with "'s" and no kind
# word, after "in"/"to"/"at" of another language, is a school.
_SAINT_AFTER_OTHER_LANGUAGE = re.compile(
    r"(?<!\w)(?:w|we|do|na|в|у|до|à|a|en|em|na|la|în|ở|tại|في|ke|al|ad|nella|alla)\s+"
    r"(?P<name>St\.?\s+[A-Z][a-z]+['\u2019]s)(?!\w)(?!\s+(?:[A-Z]|[Hh]ospital|[Cc]hurch))"
)


# Since 3.4 "the Rainbow unit attached to Oakfield", "the Phoenix base at...": a named
# unit or base of a school (not "the ASD unit", "the Burns unit at the hospital").
_NAMED_UNIT = re.compile(
    r"\b(?:the|a)\s+(?P<name>[A-Z][a-z]+\s+(?:[Uu]nit|[Bb]ase))\s+(?:attached\s+to|at|in|of)\b"
)
_NOT_UNIT_NAMES = words(
    """
    resource autism autistic hearing learning speech language communication nurture
    inclusion assessment specialist sensory behaviour behavior support pupil referral
    burns maternity neonatal children childrens intensive stroke renal cancer eating
    mental psychiatric mother baby day dialysis cardiac epilepsy respite adolescent
    """
)


def find_schools(text: str) -> Iterator[Span]:
    """Named schools, nurseries and colleges ("Oakfield Primary", "St Mary's C of E
    Academy", "Little Stars Nursery"); "the local primary school" stays."""
    found = list(_named_schools(text))
    if _unshout(text) == text:
        found += list(_more_schools(text))
        found += list(_listed_with_school(text, found))
        found += list(_schools_since_3_5(text, found))
        found += list(_schools_since_3_6(text))
        found += list(_schools_since_3_7(text))
    found += list(_schools_since_3_8(text, found))
    found += list(_schools_since_3_9(text))
    for match in _NAMED_UNIT.finditer(text):
        key = fold(match.group("name").split()[0])
        if key not in _NOT_UNIT_NAMES and key not in SEND_TERMS and key not in _LOWER_GENERIC_WORDS:
            found.append(Span(match.start("name"), match.end("name"), "school", tag("school")))
    for match in _SAINT_AFTER_OTHER_LANGUAGE.finditer(text):
        found.append(Span(match.start("name"), match.end("name"), "school", tag("school")))
    yield from found


# Since 3.9 a unit or base of a school named in apposition: "the unit, called the
# Lighthouse", "the Willows, the ASD base at...", "the Beacon, its a resource base",
# "the Rainbow Room which is the nurture group" ("the hospital, the one by the park" stays).
_UNIT_WORDS = (
    r"(?:base|unit|provision|hub|resource|nurture\s+(?:group|room|class)|centre|center|annexe"
    r"|annex)"
)
_CAPS_RUN_NAME = r"[A-Z][\w'\u2019\-]+(?:\s+[A-Z][\w'\u2019\-]+){0,2}"
_UNIT_CALLED = re.compile(
    r"(?i:\b" + _UNIT_WORDS + r"s?(?:\s+(?:at|in|of)\s+[^,.;!?\n]{1,40})?\s*,?\s*"
    r"(?:(?:which\s+is|that's|thats|is)\s+)?(?:called|named|known\s+as)\s+(?:the\s+)?)"
    r"(?P<name>" + _CAPS_RUN_NAME + r")"
)
_UNIT_THEN_KIND = re.compile(
    r"\b[Tt]he\s+(?P<name>" + _CAPS_RUN_NAME + r")\s*(?:,|\(|-|\u2013)?\s*(?:which\s+is|that\s+is"
    r"|it's|its|it\s+is|is)?\s*(?:the|a|an|their|our)\s+(?:[\w\-]+\s+){0,3}?"
    + _UNIT_WORDS
    + r"s?\b",
)
# "goes to Brook House, the specialist unit attached to...": the same without "the"
_NAMED_THEN_UNIT = re.compile(
    r"\b(?:to|at|in|from|attends)\s+(?P<name>" + _CAPS_RUN_NAME + r")\s*,\s*(?:the|a|an|their|our)"
    r"\s+(?:[\w\-]+\s+){0,3}?" + _UNIT_WORDS + r"s?\b"
)
# "Jack and Jill Nursery", "Rainbows and Butterflies Pre-school": two naming words
_AND_SETTING = re.compile(
    r"\b(?P<name>[A-Z][a-z]+\s+(?:and|&)\s+[A-Z][a-z]+\s+(?:Day\s+)?(?:Nursery|Pre-?[Ss]chool"
    r"|Playgroup|Montessori|Kindergarten|Childcare|Academy|School|College))\b"
)
_NOT_UNIT_NAME_WORDS = words(
    """
    asd sen send autism autistic hearing speech language nurture resource learning
    specialist special main mainstream school primary secondary local same new other
    hospital clinic council nhs camhs
    """
)


# "在 Oakridge 小学读书", "Hillside 特殊學校": a name in Latin letters before the word
# for a school in Chinese, Japanese or Korean.
_SCHOOL_BEFORE_CJK_WORD = re.compile(
    r"(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,3}\s*(?:特殊|特殊教育)?"
    r"(?:小学校|中学校|小学|小學|中学|中學|学校|學校|幼儿园|幼兒園|幼稚園|学院|學院|高校|保育園"
    r"|초등학교|중학교|학교|유치원|어린이집))"
)


def _schools_since_3_9(text: str) -> Iterator[Span]:
    lexicon = load_lexicon()
    for match in _SCHOOL_THE_PLAN_NAMES.finditer(text):
        first = fold(match.group("name").split()[0])
        if not (lexicon.is_first_name(first) or first in SEND_TERMS or first in TITLES):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _SCHOOL_BEFORE_CJK_WORD.finditer(text):
        yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    places = load_lexicon().places
    for pattern in (_UNIT_CALLED, _UNIT_THEN_KIND, _NAMED_THEN_UNIT):
        for match in pattern.finditer(text):
            name = match.group("name")
            keys = [fold(word) for word in re.findall(r"[\w'\u2019\-]+", name)]
            if any(k in _NOT_UNIT_NAME_WORDS or k in SEND_TERMS or k in places for k in keys):
                continue
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _AND_SETTING.finditer(text):
        if any(fold(word) in places for word in match.group("name").split()[:3]):
            continue
        yield Span(match.start("name"), match.end("name"), "school", tag("school"))


def _named_schools(text: str) -> Iterator[Span]:
    lexicon = load_lexicon()
    # "AT CALDER VALLEY COLLEGE": a message in capitals is read as "Calder Valley College",
    # from its first word that is in no dictionary ("HAS BEEN OFF SCHOOL" is no school).
    shaped = _unshout(text)
    if shaped != text:
        for match in _SCHOOL.finditer(shaped):
            start = _start_of_caps_name(shaped, match.start(), match.end())
            if start is None:
                continue
            # "MAJA HAS BEEN OFF SCHOOL": a name, then everyday words, is no school
            naming = [
                word
                for word in re.findall(r"[\w'\u2019\-]+", shaped[start : match.end()])[:-1]
                if fold(word) not in _GENERIC_SETTING_WORDS and fold(word) not in ("st", "saint")
            ]
            # (since 3.5 not after what leads to a setting: "EXCLUDED FROM ASPIRE PRU")
            if all(
                lexicon.word_rank.get(fold(word), 99_999) <= 1500 for word in naming
            ) and not _CAPS_SETTING_CUE.search(shaped[max(0, start - 25) : start]):
                continue
            yield Span(start, match.end(), "school", tag("school"))
        return
    for match in _SCHOOL_AT.finditer(text):
        keys = [fold(word) for word in match.group("name").split()]
        if any(
            lexicon.is_everyday_word(key)
            or lexicon.is_first_name(key)
            or key in lexicon.places
            or key in NOT_NAMES
            or key in SEND_TERMS
            for key in keys
        ):
            continue
        yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _SCHOOL.finditer(text):
        start = _trim_generic_start(text, match.start(), match.end())
        if start >= match.end():
            continue
        found = re.findall(r"[\w'\u2019\-]+", text[start : match.end()])
        naming = [
            w
            for w in (fold(word.strip("'\u2019")) for word in found)
            if w not in _GENERIC_SETTING_WORDS and w not in SEND_TERMS and w not in ("st", "saint")
        ]
        if not naming:
            continue
        yield Span(start, match.end(), "school", tag("school"))
    for match in _SCHOOL_AT_LOWER.finditer(text):
        key = match.group("name")
        if not (
            lexicon.looks_like_word(key)
            or lexicon.is_first_name(key)
            or key in NOT_NAMES
            or key in SEND_TERMS
        ):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _SCHOOL_LOWER_NAMED.finditer(text):
        group = "name" if match.group("name") else "opening"
        found = [fold(word) for word in re.findall(r"[\w'\u2019\-]+", match.group(group))]
        if any(w in _NOT_SCHOOL_NAME_WORDS or w.endswith("'s") for w in found):
            continue
        naming = [
            w
            for w in found
            if w not in _LOWER_GENERIC_WORDS and w not in SEND_TERMS and w not in NOT_NAMES
        ]
        if naming:
            # From the first naming word: "to oak tree nursery" -> "oak tree nursery"
            first = max(0, fold(match.group(group)).find(naming[0]))
            yield Span(match.start(group) + first, match.end(group), "school", tag("school"))
    for match in _SETTING_NAMED.finditer(text):
        group = "name" if match.group("name") else "church"
        yield Span(match.start(group), match.end(group), "school", tag("school"))
    for match in _SETTING_FIELD.finditer(text):
        if match.group("name")[:1].isupper() and not _no_setting(match.group("name")):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    # since 3.9 a form's field in lower case: "Setting - little stars", "school: oakfield"
    for match in _SETTING_FIELD_LOWER.finditer(text):
        if not _no_setting(match.group("name")):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _SAINT_SETTING.finditer(text):
        yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _SCHOOL_LOWER.finditer(text):
        name = fold(match.group("name"))
        if name in _GENERIC_SETTING_WORDS or name in SEND_TERMS or lexicon.is_everyday_word(name):
            continue
        # "our son's nursery", "my daughters nursery": whose it is, not what it is called
        owner = name.removesuffix("'s").removesuffix("s")
        if name.endswith("'s") or owner in _OWNER_WORDS:
            continue
        # since 3.6: "little acorns nursery", from its everyday first word
        opener = _SETTING_NAME_OPENER.search(text[max(0, match.start() - 15) : match.start()])
        start = match.start() - (len(opener.group()) if opener else 0)
        yield Span(start, match.end(), "school", tag("school"))


# "Little Acorns nursery", "Oak Hill school": capitalised words before a lower-case kind.
# Since 3.2 also "Oakbank sixth form", "Broadmeadow special school", "Elm Bank pru".
_SCHOOL_LOWER_KIND = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z'\u2019\-]+\s+){1,4})(?:nursery|school|college|academy|primary"
    r"|pre-?school|playgroup|juniors|infants|special\s+school|sixth\s+form(?:\s+college)?"
    r"|pru|pupil\s+referral\s+unit|resource\s+base"
    # since 3.3: "Oakfield SEN unit", "Brook ASD base"
    r"|(?:SEN|SEND|ASD|ASC|SLCN|SEMH|HI|autism|hearing|deaf|resourced?)\s+(?:unit|base))\b"
)
# "Ashfield School for the Deaf", "Royal College for the Blind".
_SCHOOL_FOR = re.compile(
    r"\b(?:[A-Z][a-z'\u2019\-]+\s+){1,4}(?:School|College|Academy|Centre)\s+for\s+(?:the\s+)?"
    r"[A-Z][a-z]+(?:\s+(?:and|&)\s+(?:the\s+)?[A-Z][a-z]+)*"
)
# "review on thursday at Parkside.", "he attends Greenhill, ...": a capitalised word in no
# list after "at"/"attends"/"goes to", ending the clause.
# (Since 3.2 also "get her into Heathfield", "late to Hollybrook every day", "a place at
# Greenbank for September".)
_SCHOOL_AT_END = re.compile(
    r"\b(?:at|attends|attended|attending|goes\s+to|go\s+to|going\s+to|moved\s+to|moving\s+to"
    r"|transferred\s+to|started\s+at|starts\s+at|left|into|late\s+(?:to|for|into)"
    r"|back\s+to|place\s+(?:at|in)|offered|taxi\s+to|bus\s+to|transport\s+to|excluded\s+from"
    r"|applied\s+(?:to|for)|apply\s+(?:to|for)|visited|visit|visiting)\s+"
    r"(?P<name>[A-Z][a-z]{3,}(?:\s+[A-Z][a-z]{3,})?)"
    r"(?=\s*(?:[.!?,;:)\n]|$)|\s+(?:until|till|since|and|but|then|now|for|in\s+year|in\s+y\d"
    r"|from|because|where|which|so|every|each|this|next|last|today|tomorrow|yesterday"
    r"|on\s+(?:mon|tues|wednes|thurs|fri)days?|after|with|instead|or|as|in\s+september"
    r"|again|permanently|twice"
    r"|in\s+sept)\b)"
)
# "goes to BGS and", "a place at KGV for sixth form": a school's initials after what
# leads to a setting (not a service or a hospital: "at CAMHS", "to GOSH").
_INITIALS_AFTER = re.compile(
    r"\b(?:at|attends|attended|attending|goes\s+to|go\s+to|going\s+to|moved\s+to"
    r"|moving\s+to|started\s+at|starts\s+at|into|place\s+(?:at|in)|offered|left"
    r"|excluded\s+from|applied\s+(?:to|for)"
    # since 3.3: "Ayaan Chowdhury, year 9, QEGS."
    r"|(?:year|yr|y)\s*\d{1,2}\s*,)\s+(?P<name>[A-Z]{2,5})(?![\w&'\u2019])"
    r"(?=\s*(?:[.!?,;:)\n]|$)|\s+(?:until|till|since|and|but|then|now|for|in|from|because"
    r"|where|which|so|every|this|next|last|today|after|with|sixth|is|are|was|have|has|had"
    r"|said|say|says|won't|wont|don't|dont|keep|refused)\b)"
)
_NOT_SCHOOL_INITIALS = words(
    """
    nhs gp gps ot ots slt salt camhs cahms cdc cdt sendiass iass ipsea dwp dla pip uc hmrc
    gosh lgi bri sjuh rmch bch qmc jr nnuh uclh kch a&e ae ed icu nicu picu hdu opd cafcass
    ehcp ehc sen send senco sencos asd adhd add pda ocd pmld sld mld slcn semh vi hi msi pd
    pru aps ap la lea ta tas hlta hv hvs ep eps sw sen ccg icb sfa ofsted dfe uk usa eu un
    tv bbc itv pe re pshe rse ict dt gcse gcses sats btec nvq ks ks1 ks2 ks3 ks4 eyfs
    am pm ok omg lol tbh fyi asap aka etc ps pls plz thx
    """
)
# "Cedar Lodge is named in Section I", "they named Brook Hill in section I".
# Since 3.9 "the EHCP names Springwell." (a school the plan names, at the clause's end)
_SCHOOL_THE_PLAN_NAMES = re.compile(
    r"\b(?i:ehcp|ehc\s+plan|plan|final\s+plan|draft)\s+(?i:names|named|has\s+named)\s+"
    r"(?P<name>(?:[A-Z][a-z'\u2019\-]+\s+){0,3}[A-Z][a-z'\u2019\-]+)(?=\s*[.,;!?)]|\s*$"
    r"|\s+(?:as|but|and|which|for|instead)\b)"
)
_SCHOOL_NAMED_IN_PLAN = re.compile(
    r"(?P<name>(?:[A-Z][a-z'\u2019\-]+\s+){0,3}[A-Z][a-z'\u2019\-]+)\s+(?:is|was|has\s+been"
    r"|being|got|are|were)\s+named\s+(?:in|on|as)\b"
    r"|\b(?i:nam(?:e|ed|es|ing))\s+(?P<named>(?:[A-Z][a-z'\u2019\-]+\s+){0,3}[A-Z][a-z'\u2019\-]+)"
    r"\s+(?:in|on)\s+(?i:section|part|the\s+plan|the\s+ehcp|his|her)\b"
)
# "Rossington All Saints": a school named after all the saints ("All Saints Church" stays).
_ALL_SAINTS = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z]+\s+){0,2}All\s+Saints['\u2019]?(?:\s+(?:C\s?of\s?E|CE|RC|Catholic))?)"
    r"(?!\s+(?:[Cc]hurch|[Hh]all|[Dd]ay))"
)
# "st josephs rc", "saint marys catholic primary": a saint and a kind, in any case.
_SAINT_KIND = re.compile(
    r"\b(?P<name>(?:st\.?|saint)\s+[a-z]+(?:['\u2019]?s)?(?:\s+[a-z]+)?\s+(?:rc|r\.c\.|c\s?of\s?e"
    r"|ce|catholic|primary|juniors?|infants?|high|academy|school|college|nursery))\b",
    re.IGNORECASE,
)
# "his nursery (rainbow corner playgroup)", "school (st thomas more)": a setting's name in
# brackets after the kind of setting, in any case.
_SETTING_BRACKETS = re.compile(
    r"\b(?i:school|nursery|setting|college|pru|unit|academy|playgroup|preschool)\s*"
    r"\((?P<name>[^()\d]{3,50})\)"
)
# "the same special school, parkside.": one word in no list after a setting and a comma.
_SETTING_COMMA = re.compile(
    r"\b(?i:school|nursery|college|academy|pru)\s*,\s*(?P<name>[A-Za-z][a-z]{3,})(?=\s*[.,!?;]|\s*$)"
)
# "The nursery Little Oaks say": capitalised words right after "the/her school".
_SETTING_THEN_NAME = re.compile(
    r"\b(?i:the|his|her|my|our|their)\s+(?i:school|nursery|college|academy|preschool)\s+"
    r"(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,3})"
    r"(?=\s+(?:is|are|was|were|has|have|had|say|says|said|told|want|wants|won't|can't|cant"
    r"|wont|refused|keep|keeps|do|does|did|don't|dont)\b)"
)
# "St Brigid's are great": a saint's name doing what a school does.
_SAINT_SUBJECT = re.compile(
    r"\b(?P<name>(?:St\.?|Saint)\s+[A-Z][a-z]+(?:['\u2019]s)?)(?=\s+(?:are|is|have|has|said|say"
    r"|says|told|want|wants|won't|can't|refused|excluded|keep|keeps)\b)"
)
# "QEGS have said": a school's initials (ending in S for School) doing what a school does.
_SCHOOL_INITIALS = re.compile(
    r"\b(?P<name>[A-Z]{2,5}S)\b(?=\s+(?:have|has|had|are|were|said|says|say|told|refused"
    r"|won't|wont|can't|cant|excluded|keep|keeps|never|don't|dont|didn't|didnt|put|will|want)\b)"
)
_SCHOOL_CONTEXT = re.compile(
    r"school|nursery|college|academy|senco|teacher|review|class|pupil|year\s*\d|ehcp|exclu"
    r"|placement|tribunal|transition|section\s+i\b|sixth\s+form|\bterm\b|timetable|\bgcse"
    r"|\bsats\b|\bexams?\b|extra\s+time|\bta\b|reception|\bplace\b|sent\s+home",
    re.IGNORECASE,
)
# What leads to a school even in a message that says nothing else of school: "we're
# trying to get her into Heathfield", "Mahad goes to BGS and".
_STRONG_SETTING_CUE = re.compile(
    r"(?:get|got|getting|gets)\s+(?:him|her|them)\s+into|goes\s+to|attends|attending|place\s+at"
    r"|started\s+at|starts\s+at",
    re.IGNORECASE,
)
_SETTING_KIND_WORDS = words(
    """
    school academy primary nursery college playgroup preschool pre-school centre unit base
    juniors infants high grammar montessori pru rc catholic
    """
)


def _school_words_other_languages() -> str:
    path = Path(__file__).with_name("data") / "school_words.txt"
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        found.extend(line.split("#", 1)[0].split())
    return "|".join(sorted((re.escape(w) for w in found), key=len, reverse=True))


_OTHER_LANGUAGE_SCHOOL_WORDS = frozenset(
    fold(word) for word in _school_words_other_languages().replace("\\", "").split("|")
)

# "مدرسة Rosewood", "szkoła Oakfield": a capitalised name after "school" in another language.
_SCHOOL_OTHER_LANGUAGE = re.compile(
    r"(?<!\w)(?i:" + _school_words_other_languages() + r")\s+(?:\(\s*)?"
    r"(?P<name>(?:St\.?\s+)?[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,4})"
)


# "he goes to brookfield and", "at kingsmead.": a lower-case word in no list after what
# leads to a setting, ending the clause (only in a message about school).
_SCHOOL_AT_END_LOWER = re.compile(
    r"\b(?:at|attends|attended|attending|goes\s+to|go\s+to|going\s+to|moved\s+to"
    r"|moving\s+to|started\s+at|starts\s+at|into|late\s+(?:to|for)|place\s+(?:at|in)"
    r"|excluded\s+from"
    # since 3.3: "sent home again from bridgewater today"
    r"|sent\s+home\s+(?:again\s+|early\s+)?from|home\s+early\s+from)\s+(?P<name>[a-z]{5,})"
    r"(?=\s*(?:[.!?,;:)\n]|$)|\s+(?:until|till|since|and|but|now|for|in\s+year|in\s+y\d"
    r"|because|where|which|so|every|this|next|last|today|after)\b)"
)
_NAME_SECONDARY = re.compile(r"\b(?P<name>[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})?)\s+Secondary\b")
# How English places (and the schools named after them) end: a word in no dictionary
# with one of these endings is a name ("brookfield", "kingsmead"), not a word run
# together ("lunchtime", "voicemail") or misspelt ("skool").
_PLACE_ENDINGS = (
    "field", "fields", "wood", "woods", "brook", "dale", "side", "bank", "hill", "hills",
    "mead", "ley", "leigh", "ton", "ham", "well", "wells", "croft", "gate", "moor", "lands",
    "grange", "park", "view", "hurst", "combe", "ford", "bury", "borough", "by", "worth",
    "stone", "lea", "holme", "royd", "thorpe", "stead", "stow", "wick", "mouth", "minster",
    "cliffe", "cliff", "haven", "lodge", "hall", "manor", "court", "acre", "acres", "green",
    "fold", "garth", "shaw", "den", "dene", "ridge", "vale", "water", "lake", "oaks", "trees",
    "way",
)  # fmt: skip


def _strongly_cued(text: str, start: int) -> bool:
    """Whether the words right before ``start`` lead to a school by themselves."""
    before = text[max(0, start - 30) : start].rstrip()
    return any(m.end() == len(before) for m in _STRONG_SETTING_CUE.finditer(before))


def _initials(key: str) -> bool:
    """Capitals that can be a school's initials: no word, name or listed abbreviation."""
    lexicon = load_lexicon()
    return not (lexicon.looks_like_word(key) or lexicon.is_first_name(key) or key in NOT_NAMES)


def _unknown(key: str) -> bool:
    """A word that can be a school's own name: in no dictionary or list."""
    lexicon = load_lexicon()
    return not (
        lexicon.looks_like_word(key)
        or lexicon.is_first_name(key)
        or key in lexicon.places
        or key in NOT_NAMES
        or key in SEND_TERMS
    )


def _school_like(key: str) -> bool:
    """A word that can name a school next to another school: in no dictionary, or a
    rarer word ("Lakeside"); never a first name, a place or a SEND term."""
    lexicon = load_lexicon()
    if lexicon.is_first_name(key) or key in lexicon.places or key in NOT_NAMES:
        return False
    if key in SEND_TERMS or key in _LOWER_GENERIC_WORDS or key.rstrip(".") in TITLES:
        return False
    return _unknown(key) or lexicon.word_rank.get(key, 99_999) > 3000


def _naming(words_: list[str]) -> list[str]:
    """The words of a would-be school name that name a particular one."""
    lexicon = load_lexicon()
    return [
        w
        for w in words_
        if w not in _LOWER_GENERIC_WORDS
        and w not in SEND_TERMS
        and w not in NOT_NAMES
        and w not in lexicon.places
        and not w.endswith("'s")
    ]


def _skip_generic(text: str, start: int, end: int) -> int:
    """Move ``start`` past leading words that name no school ("The", "Our"); a name with
    no kind word after it keeps its last word."""
    pieces = list(re.finditer(r"\S+", text[start:end]))
    for piece in pieces[:-1]:
        if fold(piece.group().strip(",.;:()")) not in _GENERIC_SETTING_WORDS:
            return start + piece.start()
    return start + pieces[-1].start() if pieces else end


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip()
    return not before or before[-1] in ".!?\n:;"


def _more_schools(text: str) -> Iterator[Span]:
    lexicon = load_lexicon()
    for match in _SCHOOL_LOWER_KIND.finditer(text):
        found = [fold(w) for w in match.group("name").split()]
        naming = _naming(found)
        if not naming or any(w.endswith("'s") for w in found):
            continue
        start = match.start() + max(0, fold(match.group("name")).find(naming[0]))
        # "Forest school", "Started school today": one everyday word opening a sentence
        if (
            _sentence_start(text, start)
            and len(naming) == 1
            and (lexicon.looks_like_word(naming[0]) or lexicon.is_first_name(naming[0]))
        ):
            continue
        yield Span(start, match.end(), "school", tag("school"))
    for match in _SCHOOL_FOR.finditer(text):
        start = _trim_generic_start(text, match.start(), match.end())
        yield Span(start, match.end(), "school", tag("school"))
    in_context = bool(_SCHOOL_CONTEXT.search(text))
    for match in _SCHOOL_AT_END.finditer(text):
        keys = [fold(w) for w in match.group("name").split()]
        if not in_context and not (
            _strongly_cued(text, match.start("name")) and all(_unknown(k) for k in keys)
        ):
            continue
        if all(_school_like(k) for k in keys):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _INITIALS_AFTER.finditer(text):
        if not in_context and not _strongly_cued(text, match.start("name")):
            continue
        key = fold(match.group("name"))
        if key not in _NOT_SCHOOL_INITIALS and key not in SEND_TERMS and _initials(key):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    # Since 3.3: "e la Ridgeway Secondary", "Moorfield Secondary said": a name in no
    # dictionary before "Secondary" ("Starting Secondary", "Local Authority Secondary" stay).
    for match in _NAME_SECONDARY.finditer(text):
        keys = [fold(w) for w in match.group("name").split()]
        if all(
            (_unknown(k) or k.endswith(_PLACE_ENDINGS))
            and k not in SEND_TERMS
            and k not in _GENERIC_SETTING_WORDS
            for k in keys
        ):
            yield Span(match.start("name"), match.end(), "school", tag("school"))
    if in_context:
        for match in _SCHOOL_AT_END_LOWER.finditer(text):
            key = match.group("name")
            if _unknown(key) and key.endswith(_PLACE_ENDINGS):
                yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _SCHOOL_NAMED_IN_PLAN.finditer(text):
        group = "name" if match.group("name") else "named"
        start = _skip_generic(text, match.start(group), match.end(group))
        found = [fold(w) for w in re.findall(r"[\w'\u2019\-]+", text[start : match.end(group)])]
        if start >= match.end(group) or not found[0][:1].isalpha():
            continue
        if not text[start].isupper() or not _naming(found):
            continue
        if len(found) == 1 and not _unknown(found[0]):
            continue
        yield Span(start, match.end(group), "school", tag("school"))
    for match in _ALL_SAINTS.finditer(text):
        start = match.start("name")
        for piece in re.finditer(r"\S+", match.group("name")):
            key = fold(piece.group())
            if key == "all" or _unknown(key):
                start = match.start("name") + piece.start()
                break
        yield Span(start, match.end("name"), "school", tag("school"))
    for match in _SAINT_KIND.finditer(text):
        yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _SETTING_BRACKETS.finditer(text):
        start = _skip_generic(text, match.start("name"), match.end("name"))
        found = [fold(w) for w in re.findall(r"[\w'\u2019\-]+", text[start : match.end("name")])]
        naming = _naming(found)
        if naming and (
            any(_unknown(w) for w in naming)
            or any(w in _SETTING_KIND_WORDS for w in found)
            or found[0] in ("st", "st.", "saint")
        ):
            yield Span(start, match.end("name"), "school", tag("school"))
    for match in _SETTING_COMMA.finditer(text):
        if _school_like(fold(match.group("name"))):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _SCHOOL_INITIALS.finditer(text):
        key = fold(match.group("name"))
        # a word in capitals ("THIS", "PIPS") is not one
        if key not in SEND_TERMS and key not in NOT_NAMES and not lexicon.looks_like_word(key):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _SETTING_THEN_NAME.finditer(text):
        found = [fold(w) for w in match.group("name").split()]
        naming = _naming(found)
        if naming and not any(w.rstrip(".") in TITLES for w in found):
            start = _skip_generic(text, match.start("name"), match.end("name"))
            yield Span(start, match.end("name"), "school", tag("school"))
    for match in _SAINT_SUBJECT.finditer(text):
        yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _SCHOOL_OTHER_LANGUAGE.finditer(text):
        found = [fold(w) for w in match.group("name").split()]
        if _naming(found) and not all(lexicon.is_first_name(w) for w in _naming(found)):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))


# "(Lakeside and Bramley Park Academy)": a name joined by "and" or a comma to a school.
_JOINED_BEFORE = re.compile(
    r"(?:\(|\bat\s+|\bbetween\s+|\bboth\s+)\s*(?P<name>[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,}){0,2})"
    r"\s*(?:,|and|&|or)\s*$"
)
_JOINED_AFTER = re.compile(
    r"^\s*(?:and|&|or)\s*(?P<name>[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,}){0,2})(?=\s*(?:[).,;!?]|$))"
)


def _listed_with_school(text: str, found: list[Span]) -> Iterator[Span]:
    for span in found:
        window = text[max(0, span.start - 60) : span.start]
        before = _JOINED_BEFORE.search(window)
        if before and _school_like(fold(before.group("name").split()[0])):
            offset = span.start - len(window)
            yield Span(
                offset + before.start("name"), offset + before.end("name"), "school", tag("school")
            )
        after = _JOINED_AFTER.match(text[span.end : span.end + 60])
        if after and _school_like(fold(after.group("name").split()[0])):
            yield Span(
                span.end + after.start("name"),
                span.end + after.end("name"),
                "school",
                tag("school"),
            )


# Since 3.5: what names a school with no kind word, or more than the rules took.
# "St Xs", "Cardinal Newman", "Bishop Challoner": a Catholic or Church of England school
# named after a churchman, after "at"/"to" (in English or another language) or in a
# message about school.
_CHURCHMAN_SCHOOL = re.compile(
    r"(?P<cue>(?<!\w)(?:at|to|from|into|attends|attending|attended|joined|w|we|do|na|à|a|en|em"
    r"|la|în|ở|tại|li|في|ke|al|ad|nella|alla|naar|zur|zum|в|у|до)\s+)?"
    r"\b(?P<name>(?:Cardinal|Bishop|Archbishop|Blessed|Pope|Canon)\s+[A-Z][a-z'\u2019\-]+"
    r"(?:\s+(?:C\s?of\s?E|CE|RC|Catholic))?)(?![\w\-])"
)
# "Ashton on Mersey School", "Truro and Penwith College": a place's name joined by "on",
# "upon", "under", "and"... to the school's name the rules found.
_JOINED_PLACE_BEFORE = re.compile(
    r"(?P<head>[A-Z][a-z'\u2019\-]{2,})\s+(?P<joint>on|upon|under|le|by|super|cum|and|&)\s+$"
)
# "Harris Academy Tottenham", "Oasis Academy Hadley'e": an academy of a chain, then the
# place that tells it from the others (a word in no dictionary or a place; a Turkish
# ending may follow: "Tottenham'a gidiyor").
_ACADEMY_PLACE_AFTER = re.compile(
    r"^\s+(?P<place>[A-Z][a-z]{3,})(?=['\u2019][a-zçğıöşü]{1,4}\b|\s*[.,;:!?)\n]|\s*$|\s+[a-z])"
)
# Going to or studying at a school in other languages, before its name: "chodzi do X"
# (Polish), "học ở X" (Vietnamese), "merge la X" (Romanian), "mokosi X" (Lithuanian)...
_STUDIES_AT_OTHER_LANGUAGE = re.compile(
    r"(?<!\w)(?i:chodzi\s+do|chodzą\s+do|uczęszcza\s+do|uczy\s+się\s+w|học\s+ở|học\s+tại"
    r"|mokosi|lanko|merge\s+la|învață\s+la|invata\s+la|vai\s+para\s+(?:a|o)|estuda\s+n[ao]"
    r"|estudia\s+en|shkon\s+në|ходить\s+до|ходить\s+у|ходит\s+в|учится\s+в|навчається\s+в"
    r"|wuxuu\s+dhiganayaa|waxay\s+dhiganaysaa|wuxuu\s+dhigtaa|waxay\s+dhigataa"
    r"|يدرس\s+في|تدرس\s+في|geht\s+(?:auf\s+die|zur|in\s+die))\s+"
    r"(?P<name>(?:St\.?\s+)?[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,3})"
)
# ... and after it: Kurdish "li X dixwîne" (studies at X), Turkish "X'a gidiyor" (goes to
# X), "X'de okuyor" (studies at X).
_STUDIES_AT_AFTER = re.compile(
    r"(?<!\w)li\s+(?P<kurdish>[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*){0,3})\s+(?:dixwîne|dixwine"
    r"|dixwînin|dixwinin)\b"
    r"|(?P<turkish>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})['\u2019](?:[ae]|y[ae]|n[ae]|d[ae]|t[ae])\s+"
    r"(?:gidiyor|gidiyo|gider|gitmeye|başladı|basladi|okuyor|okur|kaydoldu)\b"
)
# "he recommended Fairley House but", "LA named Moor Hall": a name and a house's word
# after what is said of a placement, in a message about school.
_BUILDING_SCHOOL = re.compile(
    r"\b(?:recommended|recommends|recommend|suggested|suggests|named|naming|wanted|wants"
    r"|requested|request|preferred|prefer|chose|chosen|applied\s+(?:to|for)|offered|visited"
    r"|visiting|looked\s+(?:at|round|around)|place\s+at|goes\s+to|attends|attending|into)\s+"
    r"(?P<name>(?P<first>[A-Z][a-z]{3,})\s+(?:House|Hall|Lodge|Manor|Grange|Court|Priory"
    r"|Abbey|Towers|Mount))\b"
)
_BUILDING_NAME_AFTER = re.compile(r"^(?:\s*[.,;:!?)\n]|\s*$|\s+[a-z])")


# Everyday words that end a school's name ("Sandhill View", "Oak Park").
_NAME_PLACE_WORDS = words(
    """
    view park hill hills green house hall grange lodge manor court wood woods field fields
    farm vale valley bank brook meadow meadows lane gate gardens heath moor cross bridge
    castle tree trees oak oaks acre acres mount rise side way end
    """
)


def _place_word(key: str) -> bool:
    lexicon = load_lexicon()
    return key in lexicon.places or (
        _unknown(key) or (key.endswith(_PLACE_ENDINGS) and not lexicon.is_everyday_word(key))
    )


def _schools_since_3_5(text: str, found: list[Span]) -> Iterator[Span]:
    lexicon = load_lexicon()
    in_context = bool(_SCHOOL_CONTEXT.search(text))
    for match in _CHURCHMAN_SCHOOL.finditer(text):
        key = fold(re.split(r"['\u2019]", match.group("name").split()[1])[0])
        if key in lexicon.places or key in TITLES:
            continue  # "Bishop Auckland" is a town
        if match.group("cue") or in_context:
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for span in found:
        window_start = max(0, span.start - 40)
        before = _JOINED_PLACE_BEFORE.search(text[window_start : span.start])
        if before:
            head = fold(before.group("head"))
            joined_by_and = before.group("joint") in ("and", "&")
            # "and" joins two schools ("Brackenwood and Hollins Park Academy") more
            # often than it names one; a college's name is the exception
            college = text[span.start : span.end].rstrip().endswith("College")
            listed = head in NOT_NAMES or head in SEND_TERMS or head in TITLES
            if (
                (college or not joined_by_and)
                and not listed
                and (
                    head in lexicon.places
                    or (_unknown(head) if joined_by_and else not lexicon.is_everyday_word(head))
                )
            ):
                yield Span(window_start + before.start("head"), span.end, "school", tag("school"))
        if text[span.start : span.end].rstrip().endswith("Academy"):
            after = _ACADEMY_PLACE_AFTER.match(text[span.end : span.end + 40])
            place = fold(after.group("place")) if after else ""
            if after and not lexicon.is_first_name(place) and _place_word(place):
                yield Span(span.start, span.end + after.end("place"), "school", tag("school"))
    for match in _STUDIES_AT_OTHER_LANGUAGE.finditer(text):
        keys = [fold(w) for w in match.group("name").split()]
        naming = _naming(keys)
        if (
            naming
            and any(_school_like(k) for k in naming)
            and not any(k.rstrip(".") in TITLES for k in keys)
        ):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _STUDIES_AT_AFTER.finditer(text):
        group = "kurdish" if match.group("kurdish") else "turkish"
        # the school's words are the last ones, back to a first name or everyday word
        # ("Kızım Elif Oakwood'a gidiyor" -> "Oakwood")
        pieces = list(re.finditer(r"\S+", match.group(group)))
        first = len(pieces)
        while first > 0:
            key = fold(pieces[first - 1].group())
            if lexicon.is_first_name(key) or not (
                _school_like(key) or key in _LOWER_GENERIC_WORDS or key in _NAME_PLACE_WORDS
            ):
                break
            first -= 1
        if any(_school_like(fold(p.group())) for p in pieces[first:]):
            start = match.start(group) + pieces[first].start()
            yield Span(start, match.end(group), "school", tag("school"))
    if in_context:
        for match in _BUILDING_SCHOOL.finditer(text):
            if _school_like(fold(match.group("first"))) and _BUILDING_NAME_AFTER.match(
                text[match.end("name") :]
            ):
                yield Span(match.start("name"), match.end("name"), "school", tag("school"))


# Since 3.6: a Welsh school, "Ysgol" (school) and its name, with the Welsh "y", "yr",
# "ar", "o" (the, on, of) between its words: "Ysgol y Graig", "Ysgol Bro Morgannwg"
# ("Ysgol Gymraeg", "a Welsh school", names none).
_YSGOL = re.compile(
    r"(?<!\w)(?P<name>(?i:ysgol)(?:\s+(?:(?:y|yr|ar|o|a)\s+)?[A-Z][\w'\u2019\-]*){1,5})"
)
_WELSH_SETTING_WORDS = words("ysgol gymraeg gynradd uwchradd feithrin babanod iau arbennig y yr")
# "excluded for 5 days from the Manor", "he started at the Grange in September": a house's
# or estate's word after "the", after what is done at a school (not "the Hall", too often
# a village's or a town's).
_THE_BUILDING_SCHOOL = re.compile(
    r"\b(?:excluded|expelled|suspended|exclusion|excluding|sent\s+home|off-?rolled|moved"
    r"|moving|transferred|started|starts|starting|left|leaving|attends|attended|attending"
    r"|goes|going|went|placed|placement|place|offered|visited|visiting|named|joined|joins"
    r"|joining|pupils?|teachers?|senco|head"
    # since 3.7: what a child has or is given at a school ("has an EHCP at the Grange")
    r"|(?i:ehcps?|ehc\s+plans?|statement|sen\s+support|provision|funding|1:1|one\s+to\s+one"
    r"|year\s+\d{1,2}|reception|class))\b[^.!?\n]{0,40}?\b(?:from|at|to|into|in|of)"
    r"\s+the\s+(?P<name>(?:Manor|Grange|Priory|Abbey|Laurels|Beeches|Willows|Hollies|Elms"
    r"|Limes|Cedars|Firs|Pines|Orchard|Croft|Ridge|Towers|Lodge|Gables|Paddocks|Brambles"
    r"|Rowans|Acorns|Meadows))\b"
    r"(?=\s*[.,;:!?)\n]|\s*$|\s+(?:and|but|because|for|in|on|last|this|since|after|today"
    r"|yesterday|again)\b)"
)
# "if little acorns nursery have", "at busy bees nursery": the everyday word that starts a
# nursery's name, before the name the rules found.
_SETTING_NAME_OPENER = re.compile(
    r"\b(?:little|tiny|busy|happy|bright|sunny|early|jolly|wise|golden|magic|kiddi?es"
    r"|small|first|precious|sunshine|twinkle)\s+$",
    re.IGNORECASE,
)


# Since 3.7 a nursery or pre-school by its playful last word, capitalised after a
# capitalised word, whatever stands around it ("Rainbow Tots referred us", "at Tiny
# Tiddlers"): these words name nothing else.
_PLAYFUL_SETTING = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z'\u2019]+\s+){1,2}(?:Tots|Tiddlers|Tinies|Tinys|Kidz|Kiddies"
    r"|Kiddiwinks|Kiddywinks|Toddlers|Ducklings|Cygnets|Tadpoles))\b"
)
# ... and by a last word that names other things too ("Little Stars", "Busy Bees"), when
# it does what a setting does ("Sunny Stars referred us", "Busy Bees said").
_SETTING_SUBJECT = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z'\u2019]+\s+){1,2}(?:Stars|Bees|Acorns|Sunbeams|Cubs|Owls"
    r"|Explorers|Learners|Treasures|Angels|Rainbows|Buttercups|Daisies|Bears|Bunnies|Chicks"
    r"|Rascals|Monkeys|Minis|Sprouts|Seedlings))\s+(?:referred|refer|said|says|told|noticed"
    r"|flagged|raised|reported|rang|called|phoned|emailed|wrote|sent|suggested|recommended"
    r"|asked|excluded|refused|won't|wont|can't|cant)\b"
)
_NOT_SETTING_OPENERS = words("the a an my our his her their these those all some many")


def _schools_since_3_7(text: str) -> Iterator[Span]:
    for pattern in (_PLAYFUL_SETTING, _SETTING_SUBJECT):
        for match in pattern.finditer(text):
            start = match.start("name")
            first = fold(match.group("name").split()[0])
            if first in _NOT_SETTING_OPENERS:
                start += len(match.group("name").split()[0])
                start += len(text[start:]) - len(text[start:].lstrip())
                if start >= match.end("name") or " " not in text[start : match.end("name")]:
                    continue
            yield Span(start, match.end("name"), "school", tag("school"))


def _schools_since_3_6(text: str) -> Iterator[Span]:
    for match in _YSGOL.finditer(text):
        words_ = [fold(w) for w in match.group("name").split()]
        if any(w not in _WELSH_SETTING_WORDS for w in words_):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _THE_BUILDING_SCHOOL.finditer(text):
        yield Span(match.start("name"), match.end("name"), "school", tag("school"))


def find_long_numbers(text: str) -> Iterator[Span]:
    """Other runs of six or more digits (case and reference numbers)."""
    for match in _LONG_NUMBER.finditer(text):
        yield Span(match.start(), match.end(), "number", tag("number"))


# Since 3.8 a school a child is excluded from, with words between ("EXCLUDED 4 TIMES THIS
# TERM FROM BROOKLANDS", "suspended twice this year from Oakfield."), also in capitals.
_EXCLUDED_FROM = re.compile(
    r"(?i:\b(?:excluded|expelled|suspended|kicked\s+out|off[\-\s]?rolled))"
    r"(?P<between>[^.!?\n]{0,40}?)(?i:\bfrom)\s+(?i:the\s+)?"
    r"(?P<name>[A-Z][a-z]{3,}(?:\s+[A-Z][a-z]{3,})?)(?=\s*(?:[.!?,;:)\n]|$))"
)
# ... a school a child is moved from to another ("moving Zara from Crestwood to a
# specialist school"; "moved from Leeds to a flat" stays: a place, no setting after).
_MOVED_FROM_TO_SETTING = re.compile(
    r"\b(?:mov(?:e|es|ed|ing)|transfer(?:s|red|ring)?|tak(?:e|es|ing)|took|pull(?:s|ed|ing)?)"
    r"\s+(?:[A-Za-z'\u2019]+\s+)?(?:out\s+)?from\s+(?:the\s+)?"
    r"(?P<name>[A-Z][a-z]{3,}(?:\s+[A-Z][a-z]{3,})?)\s+(?:in)?to\s+(?:a|an|another|the|his|her"
    r"|their|our)?\s*(?:new\s+|different\s+|local\s+|mainstream\s+)?(?:specialist|special"
    r"|school|provision|setting|pru|unit|academy|secondary|primary|resource|alternative"
    r"|independent|sen\b|send\b)",
    re.IGNORECASE,
)
# ... a school's name in brackets or after a comma right after "school": "school (the
# willows) say", "her school, the Beeches, said" (not "school (the local one)").
_SCHOOL_THEN_THE_NAME = re.compile(
    r"\b(?:school|nursery|college|academy|primary|secondary)\s*(?:\(|,)\s*the\s+"
    r"(?P<name>[A-Za-z][a-z'\u2019]{2,}(?:\s+[A-Za-z][a-z'\u2019]{2,})?)\s*[),]",
    re.IGNORECASE,
)
# ... a centre or unit by its name in lower case after "sent to the" ("sent to the bridge
# centre"; "sent to the assessment centre", "the leisure centre" stay).
_SENT_TO_THE_CENTRE = re.compile(
    r"\b(?:sent|moved|placed|referred|transferred|excluded|goes|going|go|attends|attending"
    r"|started)\s+(?:to|at|into)\s+the\s+(?P<name>[a-z]{3,}\s+(?:centre|center|unit|academy))\b"
)
_GENERIC_CENTRE_WORDS = words(
    """
    assessment leisure health job children's childrens community day family medical sports
    sport shopping garden city town learning resource support respite walk test vaccination
    referral hearing autism behaviour inclusion nurture sensory development child specialist
    special local main new other same old village language speech hub visitor treatment pupil
    youth contact access tuition education wellbeing play activity dental eye mental social
    early years kids parent parents carer carers advice arts music science dance gym sixth
    form wrong right big small nearest closest nearby crisis emergency urgent care sexual
    diagnostic child's sen send asd adhd pru tutoring exam isolation reflection quiet calm
    time homework study therapy
    """
)
# ... a school named before "or"/"and" and another found school, after a word for
# choosing ("want hillside or St Joseph's", "between Oakwood and St Mary's").
_CHOSEN_BEFORE_SCHOOL = re.compile(
    r"\b(?:want|wants|wanted|prefer|prefers|preferred|name|naming|named|chose|choose|chosen"
    r"|choosing|picked|pick|between|either|considering|applied\s+(?:to|for)|visited|visiting"
    r"|looked\s+at|looking\s+at|put|putting|listed|list)\s+(?:either\s+)?"
    r"(?P<name>[A-Za-z][a-z'\u2019]{3,}(?:\s+[A-Za-z][a-z'\u2019]{3,})?)\s+(?:or|and|&)\s+$",
    re.IGNORECASE,
)


# A saint's name, which a school often has ("St Joseph's", "Saint Mary's").
_SAINT_NAMED = re.compile(r"\b(?:St\.?|Saint)\s+[A-Z][a-z]+(?:['\u2019]s)?")


def _schools_since_3_8(text: str, found: list[Span]) -> Iterator[Span]:
    shaped = _unshout(text)
    for match in _EXCLUDED_FROM.finditer(shaped):
        if all(_school_like(fold(w)) for w in match.group("name").split()):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    lexicon = load_lexicon()
    for match in _MOVED_FROM_TO_SETTING.finditer(text):
        keys = [fold(w) for w in match.group("name").split()]
        if all(k in _WELSH_SETTING_WORDS for k in keys):
            continue  # "from Ysgol Gymraeg" (a Welsh-medium school) names none
        if all(_school_like(k) or _unknown(k) for k in keys) and not any(
            k in lexicon.places for k in keys
        ):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _SCHOOL_THEN_THE_NAME.finditer(text):
        keys = [fold(w) for w in match.group("name").split()]
        if any(k in _GENERIC_CENTRE_WORDS or k in ("one", "ones") for k in keys):
            continue
        if all(_school_like(k) or k in ("the",) for k in keys):
            yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    for match in _SENT_TO_THE_CENTRE.finditer(text):
        first = fold(match.group("name").split()[0])
        if first in _GENERIC_CENTRE_WORDS or first in SEND_TERMS or first in lexicon.places:
            continue
        yield Span(match.start("name"), match.end("name"), "school", tag("school"))
    starts = {span.start for span in found if span.label == "school"}
    starts |= {m.start() for m in _SAINT_NAMED.finditer(text)}
    for start in sorted(starts):
        span = Span(start, start, "school", "")
        before = _CHOSEN_BEFORE_SCHOOL.search(text[max(0, span.start - 60) : span.start])
        if not before:
            continue
        keys = [fold(w) for w in before.group("name").split()]
        if all(_school_like(k) for k in keys):
            offset = max(0, span.start - 60)
            yield Span(
                offset + before.start("name"), offset + before.end("name"), "school", tag("school")
            )
