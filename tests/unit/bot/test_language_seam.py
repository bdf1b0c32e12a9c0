"""detect_language, the seam behind the language slot, and reading the pipeline's choice."""

from __future__ import annotations

from bot.actions.language import detect_language, is_language_code, language_after


def test_a_first_message_in_english_gives_english() -> None:
    assert detect_language("hi", None) == "en"


def test_a_short_word_keeps_the_current_language() -> None:
    assert detect_language("hello", "pl") == "pl"


def test_a_current_value_that_is_not_a_code_is_replaced_by_english() -> None:
    assert detect_language("hi", "English") == "en"
    assert detect_language(None, "") == "en"


def test_language_codes_are_two_lower_case_letters() -> None:
    assert is_language_code("ur")
    assert not is_language_code("EN")
    assert not is_language_code("eng")
    assert not is_language_code(None)


def test_the_language_chosen_by_the_nlu_pipeline_is_used() -> None:
    latest = {"text": "ok", "language": {"code": "pl", "detected": None}}
    assert language_after(latest, "en") == "pl"


def test_without_the_pipelines_choice_the_text_is_detected() -> None:
    latest = {"text": "Dzien dobry, syn ma autyzm, szkola mowi o EHCP, co to jest?"}
    assert language_after(latest, None) == "pl"
    assert language_after({"text": "1"}, "ur") == "ur"


def test_a_choice_that_is_not_a_served_language_is_ignored() -> None:
    assert language_after({"text": "hello there", "language": {"code": "xx"}}, None) == "en"
