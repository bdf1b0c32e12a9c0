"""Rebuild other_script_words.txt and other_script_names_extra.txt (run by hand, rarely).

other_script_words.txt: the most frequent words of the languages in other scripts that
``wordfreq`` knows (Arabic, Persian, Urdu, Bengali, Hindi, Tamil, Russian, Ukrainian,
Bulgarian, Greek, Hebrew, Korean), without the names: they join the ``[stop]`` words of
other_scripts.py, so that a cue ("my son", a title) does not take an everyday word that
follows it ("ابني الآن", "сина тоже"). A word that is a name (in other_script_names.txt,
under [cue_only_names], a given or family name of the ``Faker`` person lists, or in
``MOSTLY_NAMES`` below, judged by hand) is left out: a stop word that is a name would keep
that name.

other_script_names_extra.txt: the given and family names of the ``Faker`` person lists in
these scripts (also Nepali, Gujarati, Sinhala, Georgian, Armenian), not yet listed. A name
that is also a frequent word of a language in its script (Zipf frequency 2.5 or more), or
of a language wordfreq does not know, goes under [cue_only_names]: a name only after a cue.

Neither package is needed at run time; the result is shipped.

    python3 -m venv /tmp/wf
    /tmp/wf/bin/pip install wordfreq==3.1.1 faker==40.63.0 phonenumbers
    /tmp/wf/bin/python bot/privacy/data/make_other_script_words.py
"""

from __future__ import annotations

import importlib
import math
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path

import wordfreq

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bot.privacy.other_scripts import _blank_separated, _sections, fold, in_other_script  # noqa: E402

HERE = Path(__file__).resolve().parent
TOP = 1500
# wordfreq's languages in other scripts, and the languages of each script
LANGUAGES = ("ar", "fa", "ur", "bn", "hi", "ta", "ru", "uk", "bg", "el", "he", "ko")
SCRIPT_LANGUAGES = {
    "ARABIC": ("ar", "fa", "ur"),
    "BENGALI": ("bn",),
    "DEVANAGARI": ("hi",),
    "TAMIL": ("ta",),
    "CYRILLIC": ("ru", "uk", "bg"),
    "GREEK": ("el",),
    "HEBREW": ("he",),
    "HANGUL": ("ko",),
}
FAKER_LOCALES = _blank_separated(
    "ar_AA ar_SA ar_PS ar_DZ fa_IR hi_IN bn_BD ne_NP ta_IN gu_IN si_LK ru_RU uk_UA bg_BG"
    " el_GR he_IL ka_GE hy_AM ko_KR mr_IN"
)
# the Faker locales whose language wordfreq knows
KNOWN_LOCALES = _blank_separated(
    "ar_AA ar_SA ar_PS ar_DZ fa_IR hi_IN bn_BD ta_IN ru_RU uk_UA bg_BG el_GR he_IL ko_KR"
)
# Frequent words that are mostly names (or a common part of one) though wordfreq ranks
# them with everyday words, or popular given names that are also nouns unlikely right
# after "my son" ("प्रकाश" light, "খুশি" joy, "کبیر" great): judged by hand, never stop
# words.
MOSTLY_NAMES = _blank_separated(
    """
    محمد علي علی احمد عبد عبدال الله الرحمن حسن حسين حسین فاطمة فاطمه عمر خالد يوسف
    ابراهيم مصطفى موسى عيسى مريم زينب عائشة سارة ليلى نور امل جمال كريم سلمان سعد
    رضا مهدی حسینی امیر ایران پرویز عباس جواد زهرا محمود نواز عمران شریف بلاول
    আলী আহমেদ মুহাম্মদ হাসিনা রহমান শেখ ইসলাম খান রাম কৃষ্ণ
    राम कृष्ण मोदी गांधी सिंह शर्मा कुमार राहुल लक्ष्मी गणेश शिव सीता
    ராம் கிருஷ்ணன் முருகன் சிவா சிவன் விஜய் ரஜினி கமல் அஜித்
    александр владимир сергей путин иван мария анна ольга наталья дмитрий андрей
    алексей михаил николай петр пётр юрий виктор павел борис олег игорь максим роман
    надежда любовь вера лев мир ирина елена татьяна светлана екатерина
    олександр володимир сергій андрій микола петро юрій віктор михайло іван зеленський
    олена оксана тетяна марія ганна надія любов софія богдан тарас
    георги иван мария димитър николай петър христо стефан
    γιώργος γιάννης νίκος μαρία ελένη κώστας δημήτρης
    דוד משה יוסף אברהם יצחק יעקב שרה רחל מרים ביבי נתניהו
    אורי אליהו בנימין ברוך דניאל חיים יהודה יהודית כהן לוי מאיר מרדכי צבי שלמה שמואל שמעון
    اکرم یزید مراد الحق الحکم الحی العزیز الملک الواحد الکریم
    प्रकाश विकास विशाल सपना भावना रचना दर्शन शक्ति सूर्य गंगा आनंद खुशी
    আনন্দ কবিতা খুশি বৃষ্টি இசை சக்தி தங்கம் மணி ஒளி
    صالح سالم کامل مالک فارس زیاد غالب رفیق هدایت شادی کبیر عزت קרן
    खान देव अशोक विष्णु यादव कपूर चौधरी जैन प्रसाद राव शाह मंडल কুমার দেব சசிகலா
    אבי אור חן טל גל שחר עומר נועה הדר שי רון אביב לי דן גיל עדן שלום ברק אלון ארז
    יובל תמר שירה נגה מאיה דור יונתן נתן אלי איתי רז ים שקד ליה עמית אדם נעם
    جون رسول اقبال خواجه میاں گل جان آل ال আল
    мира мир слава роза лиза саша маша женя надя люба вова миша паша дима коля толя
    витя костя лена оля таня света наташа катя юля галя валя вика ника ваня петя
    сеня соня тоня даша глеб лада вера влад ян марк лиля
    نبي نبی اختر شمس قمر بدر نجم ستاره بی‌بی بیگم بانو سلطان ملک شیخ صدیق فاروق قاری
    عبد دین الدین اسلام ایمان جمیل لطیف عزیز صابر شاکر ناصر منصور طاهر امین صادق سعید
    مسعود محبوب منیر نذیر بشیر اکبر اصغر اعظم افضل ارشد اشرف انور اظهر اطهر شهزاد
    پرویز نواز ریاض فیاض فیصل ظفر ناز پروین فرح سحر صبا ثنا دعا بهار باران آسمان ارزو
    آرزو امید ناهید شیرین گلاب لاله نرگس یاسمن مینا ترانه مهر ماه روشن خورشید ستار
    غفار رحمن مجید قادر عادل عالم عالیه والی ولي ولی امیر راجا راجه مرزا سید بیگ حبیب
    کریم رحیم کمال جمال حافظ خان شاه میر
    राज विजय अमर आशा प्रेम दीपक किरण सूरज चंद्र कमल अजय पूजा ज्योति देवी सागर आकाश
    रवि अनिल सुनील मोहन श्याम गीता माला रानी राजा
    আকাশ আশা প্রেম সাগর রাজা রানী আলো নদী তারা চাঁদ জয় রাজ বিজয় দীপ
    அன்பு மலர் செல்வம் ராஜா ராணி தமிழ் இனியா நிலா கண்மணி
    """
)


def _script(word: str) -> str:
    for ch in word:
        if ch.isalpha():
            return unicodedata.name(ch, "").split()[0]
    return ""


def _zipf(word: str) -> float:
    langs = SCRIPT_LANGUAGES.get(_script(word))
    if langs is None:
        return 9.0  # a language wordfreq does not know: cue only, to be safe
    frequency = max(_frequencies(lang).get(word, 0.0) for lang in langs)
    return math.log10(frequency * 1e9) if frequency else 0.0


@cache
def _frequencies(lang: str) -> dict[str, float]:
    """The word list itself (zipf_frequency would tokenise Korean with MeCab), by folded
    key: "مُرسي" and "مرسی" (thanks) are one word."""
    folded: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict(lang).items():
        key = fold(word)
        folded[key] = max(folded.get(key, 0.0), frequency)
    return folded


def _faker_names() -> dict[str, set[str]]:
    """Each name of the Faker person lists, with the locales that have it."""
    names: dict[str, set[str]] = {}
    for locale in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in dir(provider):
            if "first_name" in attr or "last_name" in attr:
                value = getattr(provider, attr)
                if isinstance(value, (list, tuple, set, dict)):
                    for name in value:
                        for part in name.split():
                            if in_other_script(part) and all(_is_letter(ch) for ch in part):
                                names.setdefault(part, set()).add(locale)
    return names


def main() -> None:
    """Write both files next to this script."""
    cues = _sections("other_script_cues.txt")
    listed = {fold(w) for w in _sections("other_script_names.txt")[""]}
    cue_only = {fold(w) for w in cues["cue_only_names"]}
    faker = _faker_names()
    # a Faker name that is among the most frequent words of its language ("אמר" said,
    # Amer) stays a stop word and is not listed, except in a script with capitals (Cyrillic,
    # Greek), where the capital tells the name ("Марта") from the word ("марта")
    cased = {fold(n) for n in faker if n[0].isupper()}
    names = listed | cue_only | cased | {fold(n) for n in MOSTLY_NAMES}
    stop_words: set[str] = set()
    lines = [
        "# Generated by make_other_script_words.py (do not edit): the most frequent words",
        "# of each language, names left out; other_scripts.py adds them to the [stop] words.",
    ]
    for lang in LANGUAGES:
        words = []
        for word in wordfreq.top_n_list(lang, TOP * 2):
            if lang == "el":
                word = re.sub(r"σ\b", "ς", word)  # wordfreq writes a final sigma as σ
            key = fold(word)
            if (
                len(key) < 2
                or not in_other_script(word)
                or not all(_is_letter(ch) for ch in word)
                or key in names
            ):
                continue
            if key not in words:
                words.append(key)
                stop_words.add(key)
            if len(words) >= TOP:
                break
        lines.append(f"# {lang}")
        lines.extend(" ".join(words[i : i + 12]) for i in range(0, len(words), 12))
    (HERE / "other_script_words.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")

    anywhere: list[str] = []
    only_after_cue: list[str] = []
    for name in sorted(faker):
        key = fold(name)
        if key in listed or key in cue_only or key in stop_words or len(key) < 2:
            continue
        zipf = _zipf(key)
        if (
            zipf >= 2.5
            # Nepali, Gujarati, Sinhala, Georgian, Armenian, Marathi: no word list to
            # tell a name from a word ("भाइ", brother, is a Nepali name part)
            or not faker[name] <= KNOWN_LOCALES
            # a short name no word list has is more likely a fragment than a name
            or (len(key) <= 3 and zipf < 1.0)
        ):
            only_after_cue.append(key)
        else:
            anywhere.append(key)
    out = [
        "# Generated by make_other_script_words.py (do not edit): given and family names of",
        "# the Faker person lists in scripts other than Latin, not in other_script_names.txt.",
        "[names]",
        *(" ".join(anywhere[i : i + 10]) for i in range(0, len(anywhere), 10)),
        "[cue_only_names]",
        "# also frequent words (or of a language wordfreq does not know): after a cue only",
        *(" ".join(only_after_cue[i : i + 10]) for i in range(0, len(only_after_cue), 10)),
    ]
    (HERE / "other_script_names_extra.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM" or ch in "\u200c\u200d'"


if __name__ == "__main__":
    main()
