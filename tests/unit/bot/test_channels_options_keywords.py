"""Numbered options for channels without buttons, and the STOP/START/HELP keywords."""

from __future__ import annotations

import pytest

from channels.keywords import Keyword, keyword
from channels.options import (
    choice_list,
    numbered_text,
    options_from_buttons,
    payload_for_reply,
    plain_title,
)
from channels.render import render_sms, render_telegram

MENU_BUTTONS = [
    {"title": "1 Ask about support for your child", "payload": "/menu_topics"},
    {"title": "2 Tell the parent carer forum your views", "payload": "/menu_view"},
    {"title": "3 Help", "payload": "/help"},
]


def test_a_text_that_already_lists_its_options_is_left_alone() -> None:
    text = "What would you like to do?\n1 Ask about support\n2 Tell the forum\n3 Help"
    assert numbered_text(text, options_from_buttons(MENU_BUTTONS), "Reply 1, 2 or 3.") == text


def test_buttons_the_text_does_not_list_become_numbered_lines_and_a_reply_line() -> None:
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    rendered = render_sms({"text": "Shall I go on?", "buttons": buttons}, "en")
    assert rendered.parts == ("Shall I go on?\n1 Yes\n2 No\nReply 1 or 2.",)


def test_choice_lists_read_naturally() -> None:
    assert choice_list(2) == "1 or 2"
    assert choice_list(3) == "1, 2 or 3"
    assert plain_title("3 Yes, and keep me posted") == "Yes, and keep me posted"


@pytest.mark.parametrize(
    ("reply", "payload"),
    [
        ("1", "/menu_topics"),
        (" 2 ", "/menu_view"),
        ("3.", "/help"),
        ("#3", "/help"),
    ],
)
def test_a_numbered_reply_maps_back_to_the_buttons_payload(reply: str, payload: str) -> None:
    assert payload_for_reply(reply, MENU_BUTTONS) == payload


@pytest.mark.parametrize("reply", ["4", "0", "yes", "1 and 2", "", "12 please"])
def test_anything_else_is_sent_as_it_was_written(reply: str) -> None:
    assert payload_for_reply(reply, MENU_BUTTONS) is None
    assert payload_for_reply("1", []) is None


def test_telegram_buttons_carry_their_payload_or_an_index_when_it_is_too_long() -> None:
    long_payload = '/inform{"text": "' + "x" * 80 + '"}'
    rendered = render_telegram(
        {
            "text": "Pick",
            "buttons": [*MENU_BUTTONS[:1], {"title": "Long", "payload": long_payload}],
        },
        None,
    )
    assert rendered.buttons == (
        ("1 Ask about support for your child", "/menu_topics"),
        ("Long", "#2"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "STOP",
        "stop",
        "Stop.",
        "STOPALL",
        "stop all",
        "UNSUBSCRIBE",
        "cancel",
        "END",
        "quit!",
        "/stop",
        "/stop@send_voices_bot",
    ],
)
def test_every_opt_out_word_is_an_opt_out(text: str) -> None:
    assert keyword(text) is Keyword.opt_out


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("START", Keyword.opt_in),
        ("unstop", Keyword.opt_in),
        ("HELP", Keyword.help),
        ("info", Keyword.help),
    ],
)
def test_start_and_help_are_keywords_too(text: str, meaning: Keyword) -> None:
    assert keyword(text) is meaning


@pytest.mark.parametrize(
    "text",
    ["stop the annual review", "yes", "please help me with my EHCP", "the end of term", "", None],
)
def test_sentences_that_contain_a_keyword_are_not_keywords(text: str | None) -> None:
    assert keyword(text) is None
