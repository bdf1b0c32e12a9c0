"""Which channel a message came through, in the API's words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CHANNELS = ("rest", "webchat", "sms", "telegram")

_BY_INPUT_CHANNEL = {
    "rest": "rest",
    "callback": "rest",
    "webchat": "webchat",
    "socketio": "webchat",
    "sms": "sms",
    "twilio": "sms",
    "twilio_sms": "sms",
    "telegram": "telegram",
}


def channel_name(input_channel: str | None, metadata: Mapping[str, Any] | None = None) -> str:
    """Name the channel for the views API.

    Args:
        input_channel: Rasa's input channel name (``tracker.get_latest_input_channel()``).
        metadata: The message metadata; the web chat page sends ``{"channel": "webchat"}``
            through the REST channel, and that wins when it names a known channel.

    Returns:
        One of ``rest``, ``webchat``, ``sms``, ``telegram`` (``rest`` if unknown).
    """
    if metadata:
        claimed = metadata.get("channel")
        if isinstance(claimed, str) and claimed.strip().lower() in CHANNELS:
            return claimed.strip().lower()
    if input_channel:
        name = input_channel.strip().lower()
        if name in _BY_INPUT_CHANNEL:
            return _BY_INPUT_CHANNEL[name]
        if "sms" in name or "twilio" in name:
            return "sms"
        if "telegram" in name:
            return "telegram"
    return "rest"
