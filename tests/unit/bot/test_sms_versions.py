"""Issue 6: short SMS versions of the long replies, and the channels' own texts translated.

- The domain's ``channel: twilio_sms`` variations (English) and each reviewed language's
  ``sms`` versions (bot/translations/<code>.yml) keep every fact a parent needs, every
  number, link, command and placeholder, and fit in at most 3 SMS (the privacy notice,
  which keeps every point, in at most 6 in the 70-character alphabets).
- They are picked only on the SMS channel; the web chat and Telegram keep the full text.
- The channels' own texts (channels/replies.yml) have a reviewed translation in each of the
  ten languages, and the person's language picks it.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.language.bidi import make_rtl
from bot.language.languages import RTL
from bot.language.localise import localise
from bot.language.reviewed import SMS_CHANNELS, reviewed_strings
from bot.language.translator import Translation
from bot.nlg import TranslatingNLG
from channels.limits import REPLIES_FILE, reply
from channels.options import numbered_text, options_from_buttons
from channels.outbound import QUICK_VIEW_OPTIONS, quick_view_options
from channels.render import render_sms

REPO = Path(__file__).resolve().parents[3]
SHIPPED = ("ar", "bn", "es", "pa", "pl", "pt", "ro", "so", "uk", "ur")
SMS = "twilio_sms"
TYPICAL = {
    "retention_days": "30",
    "messages": "12",
    "views": "2",
    "queued": "0",
    "hear_back": "1",
    "answers": "3",
}
# Kept exactly wherever the English has them.
VERBATIM = (
    "999",
    "0303 123 1113",
    "ico.org.uk",
    "SENDIASS",
    "STOP",
    "START",
    "MENU",
    "HELP",
    "PRIVACY",
    "WHAT DO YOU KEEP",
    "DELETE MY DATA",
)
# Every SMS version fits in 3 SMS but the privacy notice, which keeps every point.
MAX_SEGMENTS = {"utter_privacy": 6}
_NUMBER = re.compile(r"(?<![\w{])\d+(?: \d+)*(?![\w}])")
_PLACEHOLDER = re.compile(r"\{\w+\}")


def domain_variations() -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted((REPO / "bot" / "domain").glob("*.yml")):
        out.update((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses", {}))
    return out


RESPONSES = domain_variations()
ENGLISH_SMS = {
    name: next(v for v in variations if v.get("channel") == SMS)
    for name, variations in RESPONSES.items()
    if any(v.get("channel") == SMS for v in variations)
}


def english_source(name: str) -> dict[str, Any]:
    """What a language's SMS version translates: the English SMS variation, else the default."""
    return ENGLISH_SMS.get(name) or RESPONSES[name][0]


def filled(text: str) -> str:
    return _PLACEHOLDER.sub(lambda m: TYPICAL.get(m.group(0)[1:-1], "x"), text)


def sent_segments(text: str, buttons: list[dict[str, Any]], language: str) -> int:
    """Segments as the SMS channel sends it (direction marks for right-to-left languages)."""
    text = filled(text)
    if language in RTL:
        text = make_rtl(text)
        buttons = [{**b, "title": make_rtl(b["title"])} for b in buttons]
    return render_sms({"text": text, "buttons": buttons}, language).segments


def numbers(text: str) -> list[str]:
    return sorted(_NUMBER.findall(text))


SMS_VERSIONS = [
    (code, name) for code in SHIPPED for name in sorted(reviewed_strings().languages[code].sms)
]


# -- English: the domain's SMS variations -------------------------------------------------------


def test_the_long_english_replies_have_sms_variations() -> None:
    for name in ("utter_help", "utter_ask_view_consent", "utter_privacy"):
        assert name in ENGLISH_SMS, name
        assert RESPONSES[name][0].get("channel") is None, f"{name}: the default comes first"


@pytest.mark.parametrize("name", sorted(ENGLISH_SMS))
def test_every_english_sms_variation_fits_in_three_sms_and_keeps_the_buttons(name: str) -> None:
    variation, default = ENGLISH_SMS[name], RESPONSES[name][0]
    short = sent_segments(variation["text"], variation.get("buttons") or [], "en")
    assert short <= 3
    assert short <= sent_segments(default["text"], default.get("buttons") or [], "en")
    assert variation.get("buttons") == default.get("buttons")
    assert set(_PLACEHOLDER.findall(variation["text"])) == set(
        _PLACEHOLDER.findall(default["text"])
    )
    for word in VERBATIM:
        if word in default["text"]:
            assert word in variation["text"], f"{name} lost {word}"


def test_help_by_sms_says_who_runs_it_and_how_to_reach_a_person() -> None:
    text = ENGLISH_SMS["utter_help"]["text"]
    for words in ("parent carer forum", "anonymous", "not an emergency", "999", "SENDIASS"):
        assert words in text
    assert "STOP" in text and "MENU" in text


def test_the_consent_question_by_sms_says_who_sees_it_names_out_and_delete_later() -> None:
    text = ENGLISH_SMS["utter_ask_view_consent"]["text"]
    assert "parent carer forum" in text
    assert "Only the forum will see it" in text
    assert "take out names, numbers and schools" in text
    assert "delete it" in text
    assert text.endswith("\n1 Yes\n2 No\n3 Yes, and keep me posted")


def test_the_privacy_notice_by_sms_keeps_every_point() -> None:
    text = ENGLISH_SMS["utter_privacy"]["text"]
    for words in (
        "parent carer forum",
        "{retention_days} days",
        "never sell",
        "only if you say yes",
        "without names or numbers",
        "WHAT DO YOU KEEP",
        "DELETE MY DATA",
        "safeguarding lead, without your words",
        "To complain",
        "ico.org.uk",
        "0303 123 1113",
    ):
        assert words in text, words


# -- The reviewed languages' SMS versions -------------------------------------------------------


@pytest.mark.parametrize("code", SHIPPED)
def test_every_reviewed_language_has_sms_versions_of_help_consent_and_privacy(code: str) -> None:
    sms = reviewed_strings().languages[code].sms
    for name in ("utter_help", "utter_ask_view_consent", "utter_privacy"):
        assert name in sms, f"{code} has no SMS {name}"


@pytest.mark.parametrize(("code", "name"), SMS_VERSIONS)
def test_an_sms_version_keeps_numbers_links_commands_placeholders_and_options(
    code: str, name: str
) -> None:
    strings = reviewed_strings().languages[code]
    version, source = strings.sms[name], english_source(name)
    text, english = version["text"], source["text"]
    assert name in strings.responses, f"{code} {name}: an SMS version of a reviewed reply"
    assert set(_PLACEHOLDER.findall(text)) == set(_PLACEHOLDER.findall(english))
    assert numbers(text) == numbers(english), f"{code} {name} numbers"
    for word in VERBATIM:
        if word in english:
            assert word in text, f"{code} {name} lost {word!r}"
    assert re.findall(r"(?m)^(\d) ", text) == re.findall(r"(?m)^(\d) ", english)
    titles = version.get("buttons") or []
    buttons = source.get("buttons") or []
    assert [t.split()[0] for t in titles] == [b["title"].split()[0] for b in buttons]


@pytest.mark.parametrize(("code", "name"), SMS_VERSIONS)
def test_an_sms_version_is_short_enough(code: str, name: str) -> None:
    strings = reviewed_strings().languages[code]
    buttons = [
        {**button, "title": title}
        for button, title in zip(
            english_source(name).get("buttons") or [],
            strings.sms[name].get("buttons") or [],
            strict=True,
        )
    ]
    short = sent_segments(strings.sms[name]["text"], buttons, code)
    full = sent_segments(strings.responses[name]["text"], buttons, code)
    assert short <= MAX_SEGMENTS.get(name, 3), f"{code} {name}: {short} segments"
    assert short <= full


@pytest.mark.parametrize("code", SHIPPED)
def test_the_consent_question_by_sms_lists_yes_no_and_keep_me_posted(code: str) -> None:
    text = reviewed_strings().languages[code].sms["utter_ask_view_consent"]["text"]
    assert re.findall(r"(?m)^(\d) ", text) == ["1", "2", "3"]


def test_the_sms_version_is_picked_only_on_the_sms_channel() -> None:
    strings = reviewed_strings()
    assert {SMS} == SMS_CHANNELS
    short = strings.languages["pl"].sms["utter_help"]
    full = strings.languages["pl"].responses["utter_help"]
    assert strings.response("pl", "utter_help", SMS) == short
    for channel in (None, "rest", "telegram", "socketio"):
        assert strings.response("pl", "utter_help", channel) == full
    # A reply without an SMS version is the full reviewed one by SMS too.
    assert (
        strings.response("pl", "utter_stop", SMS) == strings.languages["pl"].responses["utter_stop"]
    )


class FailingTranslator:
    def from_english(self, text: str, target: str, *, extra: Any = ()) -> Translation:
        return Translation(text, False, "failed")


def test_localise_uses_the_sms_version_and_fills_it() -> None:
    english = {"text": ENGLISH_SMS["utter_privacy"]["text"].replace("{retention_days}", "30")}
    out = localise(
        english,
        response="utter_privacy",
        language="uk",
        values={"retention_days": 30},
        translator=FailingTranslator(),  # type: ignore[arg-type]
        reviewed=reviewed_strings(),
        channel=SMS,
    )
    assert out["text"].startswith("Цей помічник працює для форуму батьків.")
    assert "через 30 днів" in out["text"] and "0303 123 1113" in out["text"]


@pytest.fixture(scope="module")
def rasa_domain() -> Domain:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Domain.load(str(REPO / "bot" / "domain"))


def tracker(domain: Domain, language: str) -> DialogueStateTracker:
    t = DialogueStateTracker("sms-parent", domain.slots)
    t.update(SlotSet("language", language))
    return t


async def test_the_nlg_sends_the_sms_versions_by_sms_and_the_full_ones_elsewhere(
    rasa_domain: Domain,
) -> None:
    nlg = TranslatingNLG(domain=rasa_domain)
    nlg.translator = FailingTranslator()  # type: ignore[assignment]

    english_sms = await nlg.generate("utter_help", tracker(rasa_domain, "en"), SMS)
    english_web = await nlg.generate("utter_help", tracker(rasa_domain, "en"), "rest")
    polish_sms = await nlg.generate("utter_ask_view_consent", tracker(rasa_domain, "pl"), SMS)
    polish_tg = await nlg.generate("utter_ask_view_consent", tracker(rasa_domain, "pl"), "telegram")

    assert english_sms["text"] == ENGLISH_SMS["utter_help"]["text"]
    assert english_web["text"] == RESPONSES["utter_help"][0]["text"]
    assert (
        polish_sms["text"]
        == reviewed_strings().languages["pl"].sms["utter_ask_view_consent"]["text"]
    )
    assert (
        polish_tg["text"]
        == reviewed_strings().languages["pl"].responses["utter_ask_view_consent"]["text"]
    )
    assert [b["payload"] for b in polish_sms["buttons"]] == ["1", "2", "3"]
    titles = [b["title"] for b in polish_sms["buttons"]]
    assert titles == ["1 Tak", "2 Nie", "3 Tak, informujcie mnie"]


# -- The channels' own texts ----------------------------------------------------------------------

CHANNEL_TEXTS = yaml.safe_load(REPLIES_FILE.read_text(encoding="utf-8"))["en"]


@pytest.mark.parametrize("code", SHIPPED)
def test_every_channel_text_has_a_faithful_reviewed_translation(code: str) -> None:
    translated = reviewed_strings().languages[code].channel
    assert set(translated) == set(CHANNEL_TEXTS), code
    for name, english in CHANNEL_TEXTS.items():
        text = translated[name]
        assert set(_PLACEHOLDER.findall(text)) == set(_PLACEHOLDER.findall(english)), name
        for word in ("999", "START", "/start"):
            if word in english:
                assert word in text, f"{code} {name} lost {word}"
        assert sent_segments(text, [], code) <= 3, f"{code} {name}"
    invite = translated["quick_view_invite"].split("\n")
    assert invite[-2:] == [translated["quick_view_yes"], translated["quick_view_not_now"]]
    assert translated["quick_view_yes"].startswith("1 ")
    assert translated["quick_view_not_now"].startswith("2 ")


def test_a_channel_text_comes_in_the_persons_language_else_in_english() -> None:
    assert reply("too_fast", "pl").startswith("Wysyłasz wiadomości bardzo szybko.")
    assert reply("too_long", "es", limit=2000).endswith("de hasta 2000 caracteres cada una.")
    english = CHANNEL_TEXTS["too_fast"]
    assert reply("too_fast", "de") == english  # no reviewed German channel texts
    assert reply("too_fast", None) == english
    assert reply("too_fast", "en") == english


def test_the_reply_line_for_buttons_is_in_the_persons_language() -> None:
    buttons = [{"title": "Tak", "payload": "/affirm"}, {"title": "Nie", "payload": "/deny"}]
    assert render_sms({"text": "Czy mam kontynuować?", "buttons": buttons}, "pl").parts == (
        "Czy mam kontynuować?\n1 Tak\n2 Nie\nOdpisz 1 lub 2.",
    )
    three = [*buttons, {"title": "Pomoc", "payload": "/help"}]
    rendered = render_sms({"text": "¿Seguimos?", "buttons": three}, "es")
    assert rendered.parts[-1].endswith("Responda 1, 2 o 3.")


def test_a_right_to_left_reply_that_lists_its_options_gets_no_second_list() -> None:
    text = make_rtl("عذرًا، ما زلت لا أفهم. أرسل رقمًا:\n1 الدعم لطفلك\n2 رأيك للمنتدى\n3 مساعدة")
    buttons = [{"title": make_rtl(t), "payload": f"/{i}"} for i, t in enumerate("abc", start=1)]
    assert numbered_text(text, options_from_buttons(buttons), "أرسل 1, 2 أو 3.") == text


def test_quick_question_buttons_are_in_the_persons_language_with_the_same_payloads() -> None:
    ukrainian = quick_view_options("uk")
    assert [o["title"] for o in ukrainian] == ["1 Так", "2 Не зараз"]
    assert [o["payload"] for o in ukrainian] == [o["payload"] for o in QUICK_VIEW_OPTIONS]
    assert quick_view_options(None) == [dict(o) for o in QUICK_VIEW_OPTIONS]


def test_right_to_left_button_titles_are_numbered_once() -> None:
    buttons = [
        {"title": make_rtl("1 ہاں"), "payload": "/affirm"},
        {"title": make_rtl("2 نہیں"), "payload": "/deny"},
    ]
    text = make_rtl("کیا آپ کا مطلب تھا: شکریہ؟")
    lines = render_sms({"text": text, "buttons": buttons}, "ur").parts[0].split("\n")
    assert lines[1:] == ["1 ہاں", "2 نہیں", "1 یا 2 بھیجیں۔"]
