"""Safeguarding detection: current risk in any language vs views about the past or services."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.safeguarding import CATEGORIES, check
from bot.safeguarding.lexicon import load_lexicons
from bot.safeguarding.normalise import clauses, correct_typo, damerau_levenshtein, fold, normalise

DATA = Path(__file__).resolve().parents[2] / "data" / "safeguarding"
SHIPPED_LANGUAGES = {"en", "pl", "ur", "bn", "pa", "ar", "ro", "so", "pt", "es", "uk"}


def load(name: str) -> list[dict]:
    return yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8"))["messages"]


def rates(messages: list[dict]) -> tuple[float, float]:
    risk = [m for m in messages if m["risk"]]
    safe = [m for m in messages if not m["risk"]]
    recall = sum(check(m["text"], m["lang"]).risk for m in risk) / len(risk)
    false_alarms = sum(check(m["text"], m["lang"]).risk for m in safe) / len(safe)
    return recall, false_alarms


def test_the_labelled_set_has_at_least_150_messages_in_every_shipped_language() -> None:
    messages = load("labelled") + load("holdout")
    assert len(messages) >= 150
    assert {m["lang"] for m in messages} == SHIPPED_LANGUAGES
    for language in SHIPPED_LANGUAGES:
        labels = {m["risk"] for m in messages if m["lang"] == language}
        assert labels == {True, False}, f"{language} needs risk and non-risk examples"
    assert all(m.get("category") in CATEGORIES for m in messages if m["risk"])


def test_recall_on_risk_and_false_alarms_meet_the_goals_on_the_labelled_set() -> None:
    recall, false_alarms = rates(load("labelled"))
    assert recall >= 0.97
    assert false_alarms <= 0.10


def test_the_held_out_set_meets_the_goals_too() -> None:
    recall, false_alarms = rates(load("holdout"))
    assert recall >= 0.97
    assert false_alarms <= 0.10


def test_the_example_from_the_issue_is_a_risk_of_suicide() -> None:
    found = check("i cant do this anymore, they would all be better off without me")
    assert found.risk and found.category == "suicide"


def test_talking_about_last_years_self_harm_and_camhs_is_a_view() -> None:
    assert not check("CAMHS discharged him after last year's self-harm").risk


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("im feeling sucidal", "suicide"),
        ("i wnt to kill myslef", "suicide"),
        ("i wanna kms", "suicide"),
        ("my sn is misisng", "missing_child"),
        ("my husbnd beat me up again", "domestic_abuse"),
        ("u wouldnt care if i was gone, im a burden, no way out", "suicide"),
        ("MY DAUGHTER IS SELF HARMING", "self_harm"),
        ("my daughter is self-harming!!!", "self_harm"),
    ],
)
def test_typos_capitals_and_text_speak_do_not_hide_a_risk(text: str, category: str) -> None:
    found = check(text)
    assert found.risk and found.category == category


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal, just exhausted",
        "I would never hurt myself, I just need help with the forms",
        "The waiting list is killing me",
        "I want to die my hair blue, is that allowed at his school?",
        "my son used to hurt himself but he is much better now",
        "There is no support for teenagers who self-harm in this area",
    ],
)
def test_negations_figures_of_speech_and_the_past_are_not_alerts(text: str) -> None:
    assert not check(text).risk


def test_the_present_outweighs_the_past_in_the_same_sentence() -> None:
    assert check("he took an overdose last year and he has taken another one tonight").risk
    assert not check("he took an overdose last year").risk


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("chce sie zabic", "pl"),
        ("nie chcę już żyć", "pl"),
        ("me quiero matar", "es"),
        ("vreau sa mor", "ro"),
        ("не хочу більше жити", "uk"),
        ("أريد أن أنتحر", "ar"),
        ("اريد ان انتحر", "ar"),
        ("main marna chahti hoon", "ur"),
        ("میں خودکشی کرنا چاہتی ہوں", "ur"),
        ("আমি আত্মহত্যা করতে চাই", "bn"),
        ("ਮੈਂ ਖੁਦਕੁਸ਼ੀ ਕਰਨਾ ਚਾਹੁੰਦਾ ਹਾਂ", "pa"),
        ("waxaan doonayaa inaan is dilo", "so"),
        ("quero morrer", "pt"),
    ],
)
def test_risk_is_found_in_every_shipped_language_with_or_without_accents(
    text: str, language: str
) -> None:
    found = check(text)
    assert found.risk
    assert found.language == language


def test_an_english_translation_is_checked_too_when_the_caller_has_one() -> None:
    words_no_lexicon_knows = "xyzzy plugh"  # stands for a language without a lexicon
    assert not check(words_no_lexicon_knows, "xx").risk
    found = check(words_no_lexicon_knows, "xx", text_en="I want to end my life")
    assert found.risk and found.language == "xx"


@pytest.mark.parametrize("text", [None, "", "   ", "😀😀", "a" * 10_000, "/greet"])
def test_empty_odd_and_long_messages_are_not_alerts_and_never_fail(text: str | None) -> None:
    assert not check(text).risk


def test_a_risk_at_the_end_of_a_long_message_is_found() -> None:
    view = "The annual review was late again and nobody from the council came. " * 30
    assert check(view + "Honestly I want to die.").risk


def test_every_lexicon_compiles_and_there_is_one_for_each_shipped_language() -> None:
    languages = {lexicon.language for lexicon in load_lexicons()}
    assert languages == SHIPPED_LANGUAGES


def test_folding_removes_accents_and_unifies_arabic_script_spellings() -> None:
    assert fold("Chcę się ZABIĆ") == "chce sie zabic"
    assert fold("să mă sinucid") == "sa ma sinucid"
    assert fold("أريد") == fold("اريد")
    assert fold("ي") == fold("ی")


def test_english_is_expanded_but_other_languages_keep_their_words() -> None:
    (clause,) = clauses("im gonna kms 2nite")
    assert clause.english == "i am going to kill myself tonight"
    (polish,) = clauses("lepiej im będzie")
    assert polish.plain == "lepiej im bedzie"
    assert normalise("He's fine. But I'm not") == "he is fine . i am not"


def test_only_key_words_close_to_a_term_are_corrected() -> None:
    assert correct_typo("sucidal") == "suicidal"
    assert correct_typo("myslef") == "myself"
    assert correct_typo("kissing") == "kissing"
    assert correct_typo("mission") == "mission"
    assert correct_typo("house") == "house"
    assert damerau_levenshtein("myslef", "myself") == 1
    assert damerau_levenshtein("abc", "xyz", limit=1) == 2
