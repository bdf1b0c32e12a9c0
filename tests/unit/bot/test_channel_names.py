"""channel_name: Rasa's input channel in the API's words."""

from __future__ import annotations

import pytest

from bot.actions.channel import channel_name


@pytest.mark.parametrize(
    ("input_channel", "expected"),
    [
        ("rest", "rest"),
        ("socketio", "webchat"),
        ("twilio", "sms"),
        ("twilio_sms", "sms"),
        ("sms", "sms"),
        ("telegram", "telegram"),
        ("my_telegram_connector", "telegram"),
        (None, "rest"),
        ("something_new", "rest"),
    ],
)
def test_input_channels_map_to_api_channels(input_channel: str | None, expected: str) -> None:
    assert channel_name(input_channel) == expected


def test_the_web_chat_page_metadata_wins_over_rest() -> None:
    assert channel_name("rest", {"channel": "webchat"}) == "webchat"


def test_unknown_metadata_is_ignored() -> None:
    assert channel_name("rest", {"channel": "carrier-pigeon"}) == "rest"
    assert channel_name("telegram", {"channel": 3}) == "telegram"
