"""parse_consent: only a clear yes is a yes."""

from __future__ import annotations

import pytest

from bot.actions.consent import parse_consent


@pytest.mark.parametrize(
    "reply",
    [
        "yes",
        "Yes",
        "YES!",
        " yes ",
        "y",
        "Y",
        "yeah",
        "yep",
        "yup",
        "ok",
        "OK.",
        "okay",
        "sure",
        "Sure!",
        "of course",
        "Of course.",
        "go ahead",
        "Go ahead please",
        "1",
        "1.",
        " 1 ",
        "👍",
        "👍🏽",
        "yes please",
        "yes thanks",
        "ok sure",
        "yeah go on",
        "yes, that's fine",
        "no problem",
        "I don't mind",
        "1 yes",
        "Yes!!!",
        "share it",
        "yes you can x",
    ],
)
def test_a_clear_yes_is_consent(reply: str) -> None:
    assert parse_consent(reply) is True


@pytest.mark.parametrize(
    "reply",
    [
        "no",
        "No",
        "NO!",
        "n",
        "N",
        "nope",
        "no thanks",
        "No thank you.",
        "don't",
        "dont",
        "Don't!",
        "do not",
        "2",
        "2.",
        " 2 ",
        "👎",
        "no, sorry",
        "nah",
        "please don't",
        "don't share it",
        "I'd rather not",
        "2 no",
        "no way",
        "not now",
    ],
)
def test_a_clear_no_is_a_refusal(reply: str) -> None:
    assert parse_consent(reply) is False


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "   ",
        None,
        "maybe",
        "who will see it?",
        "3",
        "yes and no",
        "yes but don't",
        "what do you mean",
        "not sure",
        "yes but leave out the school name",
        "the taxi was late again",
        "thanks",
        "👍👎",
        "?",
        "hmm",
    ],
)
def test_anything_unclear_is_neither_yes_nor_no(reply: str | None) -> None:
    assert parse_consent(reply) is None
