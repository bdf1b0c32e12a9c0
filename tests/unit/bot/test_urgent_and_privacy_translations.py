"""Issue #8: the urgent-help reply and the privacy notice in every reviewed language.

Every response of bot/domain/safeguarding.yml and bot/domain/privacy.yml has a reviewed
translation in each reviewed language, keeping every phone number, short code, link,
command word and placeholder, and the same lines and list items. The urgent-help reply
is never machine translated: without a reviewed translation it is sent in English.
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

from bot.language.bidi import LRI, PDI, RLM, is_rtl_safe
from bot.language.languages import CODES, REVIEWED
from bot.language.localise import NEVER_MACHINE_TRANSLATED, localise
from bot.language.reviewed import reviewed_strings
from bot.language.translator import Translation
from bot.nlg import TranslatingNLG
from bot.safeguarding.replies import NUMBER_ON_WEBSITE, RESPONSES, childrens_services

REPO = Path(__file__).resolve().parents[3]
SHIPPED = ("ar", "bn", "es", "pa", "pl", "pt", "ro", "so", "uk", "ur")

# Kept exactly as in English wherever the English has them.
VERBATIM = (
    "999",
    "116 123",
    "85258",
    "0808 800 5000",
    "0808 2000 247",
    "55",
    "0303 123 1113",
    "ico.org.uk",
    "Samaritans",
    "Shout",
    "NSPCC",
    "SHOUT",
    "STOP",
    "START",
    "HELP",
    "PRIVACY",
    "WHAT DO YOU KEEP",
    "DELETE MY DATA",
)
_NUMBER = re.compile(r"(?<![\w{])\d+(?: \d+)*(?![\w}])")
_PLACEHOLDER = re.compile(r"\{\w+\}")


def domain_responses(name: str) -> dict[str, Any]:
    data = yaml.safe_load((REPO / "bot" / "domain" / f"{name}.yml").read_text(encoding="utf-8"))
    return {key: value[0] for key, value in data["responses"].items()}


SAFEGUARDING = domain_responses("safeguarding")
PRIVACY = domain_responses("privacy")
ENGLISH = {**SAFEGUARDING, **PRIVACY}


class RecordingTranslator:
    """A translator that always fails, and records what it was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def from_english(self, text: str, target: str, *, extra: Any = ()) -> Translation:
        self.calls.append((text, target))
        return Translation(text, False, "failed")


def numbers(text: str) -> list[str]:
    return sorted(_NUMBER.findall(text))


def list_items(text: str) -> list[int]:
    return [i for i, line in enumerate(text.split("\n")) if line.startswith("- ")]


def test_the_shipped_reviewed_languages_are_the_ten_of_the_issue() -> None:
    assert sorted(REVIEWED) == sorted(SHIPPED)
    assert set(RESPONSES) == set(SAFEGUARDING) == NEVER_MACHINE_TRANSLATED


def test_the_checks_below_catch_a_lost_number_or_a_changed_list() -> None:
    english = SAFEGUARDING["utter_safeguarding_urgent"]["text"]
    broken = english.replace("116 123", "116123").replace("\n- Shout", " Shout")
    assert numbers(broken) != numbers(english)
    assert list_items(broken) != list_items(english)
    assert numbers("press 55 or 0808 2000 247.") == ["0808 2000 247", "55"]
    assert numbers("{retention_days} days, 116 123-এ") == ["116 123"]


@pytest.mark.parametrize("code", SHIPPED)
@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_every_urgent_and_privacy_reply_has_a_faithful_reviewed_translation(
    code: str, name: str
) -> None:
    source = ENGLISH[name]
    reviewed = reviewed_strings().response(code, name)
    assert reviewed, f"{code} has no reviewed {name}"
    text, english = reviewed["text"], source["text"]

    for word in VERBATIM:
        if word in english:
            assert word in text, f"{code} {name} lost {word!r}"
    assert numbers(text) == numbers(english), f"{code} {name} numbers"
    assert set(_PLACEHOLDER.findall(text)) == set(_PLACEHOLDER.findall(english)), name
    assert text.count("\n") == english.count("\n"), f"{code} {name} lines"
    assert list_items(text) == list_items(english), f"{code} {name} list items"
    assert text.strip() and text != english
    titles = reviewed.get("buttons") or []
    buttons = source.get("buttons") or []
    assert [t.split()[0] for t in titles] == [b["title"].split()[0] for b in buttons], name


@pytest.mark.parametrize("code", SHIPPED)
def test_every_reviewed_language_says_where_the_council_number_is(code: str) -> None:
    translated = reviewed_strings().override(code, NUMBER_ON_WEBSITE)
    assert translated and translated != NUMBER_ON_WEBSITE
    assert childrens_services({}, language=code) == translated
    configured = {"CHILDRENS_SERVICES_PHONE": "0113 496 0000"}
    assert childrens_services(configured, language=code) == "0113 496 0000"


def render(name: str, language: str, translator: RecordingTranslator, **values: Any) -> str:
    english = dict(ENGLISH[name])
    english["text"] = english["text"].replace(
        "{childrens_services}", str(values.get("childrens_services", "{childrens_services}"))
    )
    english["text"] = english["text"].replace(
        "{retention_days}", str(values.get("retention_days", "{retention_days}"))
    )
    out = localise(
        english,
        response=name,
        language=language,
        values=values,
        translator=translator,  # type: ignore[arg-type]
        reviewed=reviewed_strings(),
    )
    return str(out["text"])


def test_the_urgent_reply_in_urdu_is_the_reviewed_urdu_even_when_translation_fails() -> None:
    translator = RecordingTranslator()
    fill = childrens_services({"CHILDRENS_SERVICES_PHONE": "0113 496 0000"}, language="ur")

    text = render("utter_safeguarding_urgent", "ur", translator, childrens_services=fill)

    assert "آپ اہم ہیں" in text
    for contact in ("999", "116 123", "85258", "0808 800 5000", "0113 496 0000", "HELP"):
        assert contact in text, contact
    assert "call 0113" not in text and "{childrens_services}" not in text
    assert reviewed_strings().note("ur") not in text
    assert is_rtl_safe(text)
    assert translator.calls == []


def test_the_privacy_notice_in_polish_fills_the_retention_period() -> None:
    translator = RecordingTranslator()

    text = render("utter_privacy", "pl", translator, retention_days=30)

    assert text.startswith("Jak wykorzystujemy to, co nam mówisz:")
    assert "po 30 dniach" in text and "ico.org.uk" in text
    assert reviewed_strings().note("pl") not in text
    assert translator.calls == []


UNREVIEWED = sorted(set(CODES) - set(REVIEWED) - {"en"})


@pytest.mark.parametrize("code", UNREVIEWED)
@pytest.mark.parametrize("name", sorted(SAFEGUARDING))
def test_without_a_reviewed_translation_the_urgent_reply_is_english_never_machine_translated(
    code: str, name: str
) -> None:
    translator = RecordingTranslator()
    fill = childrens_services({"CHILDRENS_SERVICES_PHONE": "0113 496 0000"}, language=code)

    text = render(name, code, translator, childrens_services=fill)

    assert translator.calls == [], f"{name} went to the machine translator for {code}"
    text = text.replace(RLM, "").replace(LRI, "").replace(PDI, "")  # Persian is right to left
    english = SAFEGUARDING[name]["text"].replace("{childrens_services}", "call 0113 496 0000")
    for line in english.split("\n"):
        assert line in text
    assert text.startswith(reviewed_strings().note(code) or "")


def test_an_ordinary_reply_in_german_still_goes_to_the_translator() -> None:
    translator = RecordingTranslator()

    render("utter_privacy_before_view", "de", translator)

    assert [target for _, target in translator.calls] == ["de"]


@pytest.fixture(scope="module")
def rasa_domain() -> Domain:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Domain.load(str(REPO / "bot" / "domain"))


async def test_the_nlg_sends_the_polish_urgent_reply_with_the_council_website_line(
    rasa_domain: Domain,
) -> None:
    nlg = TranslatingNLG(domain=rasa_domain)
    nlg.translator = RecordingTranslator()  # type: ignore[assignment]
    tracker = DialogueStateTracker("parent-1", rasa_domain.slots)
    tracker.update(SlotSet("language", "pl"))

    message = await nlg.generate(
        "utter_safeguarding_urgent",
        tracker,
        "rest",
        childrens_services=childrens_services({}, language="pl"),
    )

    text = message["text"]
    assert text.startswith("Bardzo mi przykro")
    assert "116 123" in text and "999" in text
    assert "(children's services): numer jest na stronie internetowej Twojej gminy" in text
    assert nlg.translator.calls == []
