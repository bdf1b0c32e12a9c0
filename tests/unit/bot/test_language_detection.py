"""Language detection on realistic phone text in each served language."""

from __future__ import annotations

import pytest

from bot.language.detect import choose_language, detect, detect_language, requested_language
from bot.language.languages import CODES, REVIEWED, fold


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Dzien dobry, syn ma autyzm, szkola mowi o EHCP, co to jest?", "pl"),
        ("moj syn nie chce chodzic do szkoly", "pl"),
        ("mera beta school nahi ja raha", "ur"),
        ("meri beti ko autism hai aur school kuch nahi kar raha", "ur"),
        ("میرا بیٹا اسکول نہیں جا رہا", "ur"),
        ("আমার ছেলের অটিজম আছে", "bn"),
        ("ਮੇਰੇ ਬੱਚੇ ਨੂੰ ਮਦਦ ਚਾਹੀਦੀ ਹੈ", "pa"),
        ("ابني لا يذهب إلى المدرسة", "ar"),
        ("buna ziua, copilul meu are nevoie de ajutor la scoala", "ro"),
        ("salaan, wiilkayga wuxuu qabaa autism", "so"),
        ("ola, o meu filho tem autismo e precisa de ajuda na escola", "pt"),
        ("hola, mi hija tiene autismo, que es un plan EHC?", "es"),
        ("привіт, мій син має аутизм", "uk"),
        ("що таке EHCP?", "uk"),
        ("merhaba oglum okula gitmiyor", "tr"),
        ("labas mano sunus turi autizma", "lt"),
        ("bonjour mon fils est autiste", "fr"),
        ("મારા દીકરાને મદદ જોઈએ છે", "gu"),
        ("what is an EHC plan?", "en"),
        ("wot does senco mean", "en"),
        ("my son needs help wiv skl", "en"),
        ("any holiday clubs for my 9 year old near LS8 that can cope with autism?", "en"),
    ],
)
def test_a_first_message_is_recognised_in_its_language(text: str, language: str) -> None:
    assert detect_language(text, None) == language


@pytest.mark.parametrize("text", ["ok", "1", "yes", "👍", "EHCP?", "tak", "sim", ""])
def test_a_short_unclear_first_message_gives_english(text: str) -> None:
    assert detect_language(text, None) == "en"


@pytest.mark.parametrize("text", ["ok", "1", "yes", "thanks", "EHCP", "👍", "no"])
def test_a_short_unclear_message_keeps_the_current_language(text: str) -> None:
    assert detect_language(text, "pl") == "pl"
    assert detect_language(text, "ur") == "ur"


def test_a_later_clear_message_in_another_language_switches() -> None:
    assert detect_language("hola, mi hija tiene autismo, que es un plan EHC?", "pl") == "es"
    assert detect_language("what is an EHC plan for my son?", "pl") == "en"


def test_a_later_word_in_another_script_switches() -> None:
    assert detect_language("ধন্যবাদ", "en") == "bn"


def test_sen_terms_say_nothing_about_the_language() -> None:
    assert detect("EHCP SENCo SENDIASS").language is None
    assert detect("EHCP 07700 900123 https://example.org").language is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Polish", "pl"),
        ("polski", "pl"),
        ("po polsku prosze", "pl"),
        ("اردو", "ur"),
        ("in Urdu please", "ur"),
        ("Urdu please", "ur"),
        ("urdu mein", "ur"),
        ("español", "es"),
        ("en espanol por favor", "es"),
        ("can you speak Arabic?", "ar"),
        ("العربية", "ar"),
        ("Bangla", "bn"),
        ("ਪੰਜਾਬੀ", "pa"),
        ("af soomaali", "so"),
        ("română", "ro"),
        ("português", "pt"),
        ("українською", "uk"),
        ("English please", "en"),
    ],
)
def test_naming_a_language_asks_for_it(text: str, language: str) -> None:
    assert requested_language(text) == language
    assert detect_language(text, "en" if language != "en" else "pl") == language


@pytest.mark.parametrize(
    "text",
    [
        "my son speaks Polish at school",
        "the school has no Urdu speakers",
        "Polish or Urdu",
        "please",
        "hello",
    ],
)
def test_mentioning_a_language_in_a_sentence_is_not_a_request(text: str) -> None:
    assert requested_language(text) is None


def test_a_detection_below_the_first_threshold_gives_english() -> None:
    from bot.language.detect import Detection

    assert choose_language(None, Detection("fr", 0.3, 4, "LATIN", "lingua")) == "en"
    assert choose_language(None, Detection("fr", 0.7, 4, "LATIN", "lingua")) == "fr"
    assert choose_language("pl", Detection("fr", 0.7, 2, "LATIN", "lingua")) == "pl"


def test_every_served_language_can_be_named_and_the_reviewed_ones_are_served() -> None:
    from bot.language.languages import BY_CODE

    for code in CODES:
        assert requested_language(BY_CODE[code].english) == code
        assert requested_language(BY_CODE[code].native) == code
    assert set(REVIEWED) <= set(CODES)


def test_folding_takes_accents_off_latin_letters_only() -> None:
    assert fold("Español") == "espanol"
    assert fold("Română") == "romana"
    assert fold("বাংলা") == "বাংলা"


@pytest.mark.parametrize(
    "text",
    [
        "The SENCo Mrs Kowalczyk never answers my emails and Wojciech's EHCP is late",
        "Szczepan and Grzegorz both have autism, can I get short breaks?",
        "Our caseworker Małgorzata Wiśniewska left and nobody replaced her",
        "Thanks Mrs Nowakowska",
        "Ionut's teacher Doamna Popescu says he needs more help",
        "Sofía García needs a wheelchair taxi to school",
        "Ayşe Demir cannot get an appointment with CAMHS",
    ],
)
def test_names_of_other_origins_do_not_make_english_another_language(text: str) -> None:
    assert detect_language(text, None) == "en"
    assert detect_language(text, "en") == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mój syn Kacper nie chodzi do szkoły", "pl"),
        ("Fiul meu Andrei are autism si nu are loc la scoala", "ro"),
        ("Meu filho João não tem transporte", "pt"),
        ("Hola, soy Carmen y mi hija Lucía tiene autismo", "es"),
    ],
)
def test_names_in_other_languages_leave_the_language_as_it_is(text: str, language: str) -> None:
    assert detect_language(text, None) == language
