"""menu: bare numbers, yes and no mean the option of the last menu offered."""

from __future__ import annotations

import pytest

from bot.actions.menu import (
    ASK_AGAIN,
    DECLINE_MAIN,
    GUESS,
    MAIN,
    MENUS,
    TOPICS,
    menu_for_response,
    parse_number,
    resolve_choice,
)


@pytest.mark.parametrize(
    ("reply", "number"),
    [
        ("1", 1),
        (" 2 ", 2),
        ("3.", 3),
        ("3!", 3),
        ("#2", 2),
        ("(1)", 1),
        ("option 1", 1),
        ("Number 2", 2),
        ("no. 3", 3),
        ("two", 2),
        ("Three", 3),
        ("1 please", 1),
        ("1️⃣", 1),
        ("8", 8),
        ("first", 1),
    ],
)
def test_a_number_is_read_however_it_is_typed(reply: str, number: int) -> None:
    assert parse_number(reply) == number


@pytest.mark.parametrize("reply", ["", None, "yes", "1 2", "the taxi was 2 hours late", "one day"])
def test_a_reply_that_is_not_just_a_number_gives_no_number(reply: str | None) -> None:
    assert parse_number(reply) is None


def test_the_numbers_of_the_main_menu_pick_its_options_in_order() -> None:
    assert resolve_choice("1", menu=MAIN) == "menu_topics"
    assert resolve_choice("2", menu=MAIN) == "menu_view"
    assert resolve_choice("3", menu=MAIN) == "help"


def test_a_number_with_no_menu_offered_is_read_against_the_main_menu() -> None:
    assert resolve_choice("2", menu=None) == "menu_view"


def test_the_numbers_of_the_topics_menu_pick_topics() -> None:
    assert resolve_choice("1", menu=TOPICS) == "topic_ehcp"
    assert resolve_choice("4", menu=TOPICS) == "topic_short_breaks"
    assert resolve_choice("8", menu=TOPICS) == "topic_sendiass"


def test_a_number_outside_the_menu_picks_nothing() -> None:
    assert resolve_choice("4", menu=MAIN) is None
    assert resolve_choice("0", menu=MAIN) is None
    assert resolve_choice("9", menu=TOPICS) is None


def test_yes_or_1_after_a_guess_confirms_the_guess() -> None:
    for reply in ("1", "yes", "Yeah!", "ok"):
        assert resolve_choice(reply, menu=GUESS, guess="topic_transport") == "topic_transport"


def test_the_affirm_button_confirms_the_guess() -> None:
    choice = resolve_choice("/affirm", menu=GUESS, intent="affirm", guess="share_view")
    assert choice == "share_view"


def test_no_or_2_after_a_guess_asks_again() -> None:
    for reply in ("2", "no", "nope"):
        assert resolve_choice(reply, menu=GUESS, guess="topic_transport") == ASK_AGAIN


def test_a_guess_menu_without_a_guess_picks_nothing() -> None:
    assert resolve_choice("1", menu=GUESS, guess=None) is None


def test_no_thanks_after_the_main_menu_means_goodbye() -> None:
    for reply in ("no thanks", "No.", "nothing else", "that's all", "no I'm fine"):
        assert resolve_choice(reply, menu=MAIN, intent="deny") == DECLINE_MAIN


def test_gibberish_that_nlu_took_for_yes_or_no_picks_nothing() -> None:
    assert resolve_choice("fnord wibble", menu=MAIN, intent="deny") is None
    assert resolve_choice("qwxz plonk", menu=GUESS, intent="affirm", guess="topic_ehcp") is None


def test_yes_after_the_main_menu_picks_nothing() -> None:
    assert resolve_choice("yes", menu=MAIN, intent="affirm") is None


def test_menus_are_named_by_the_responses_that_offer_them() -> None:
    assert menu_for_response("utter_menu") == MAIN
    assert menu_for_response("utter_anything_else") == MAIN
    assert menu_for_response("utter_default") == MAIN
    assert menu_for_response("utter_topics_menu") == TOPICS
    assert menu_for_response("utter_ask_affirmation") == GUESS
    assert menu_for_response("utter_help") is None
    assert menu_for_response(None) is None


def test_every_menu_option_is_an_intent_name() -> None:
    for options in MENUS.values():
        assert all(option.replace("_", "").isalpha() for option in options)
