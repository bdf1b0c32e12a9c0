"""The assistant's messages as each channel shows them (plain logic, no Rasa).

- SMS: options as numbered lines (left alone when the text lists them already) and a
  "Reply 1, 2 or 3." line in the person's language, then one-segment numbered parts
  (``channels.sms_text``);
- Telegram: the text with an inline keyboard, one button a row; a button's callback data is
  its payload when that fits Telegram's 64 bytes, else ``#<n>`` (read back from the stored
  options).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from channels.limits import reply
from channels.options import choice_list, numbered_text, options_from_buttons
from channels.sms_text import split_reply

CALLBACK_MAX_BYTES = 64


@dataclass(frozen=True)
class Rendered:
    """One message ready for a provider: its parts and buttons, and what it costs."""

    parts: tuple[str, ...]
    buttons: tuple[tuple[str, str], ...] = ()
    segments: int = 0


def render_sms(message: dict[str, Any], language: str | None) -> Rendered:
    """One of Rasa's messages (``{"text", "buttons"}``) as SMS parts."""
    options = options_from_buttons(message.get("buttons"))
    numbers = choice_list(len(options), word_or=reply("or", language))
    line = reply("reply_numbers", language, numbers=numbers)
    text = numbered_text(message.get("text") or "", options, line)
    sms = split_reply(text)
    return Rendered(sms.parts, (), sms.segments)


def callback_data(payload: str, index: int) -> str:
    """The payload itself when it fits Telegram's 64 bytes, else ``#<n>`` (the n-th option)."""
    return payload if len(payload.encode()) <= CALLBACK_MAX_BYTES else f"#{index}"


def render_telegram(message: dict[str, Any], language: str | None) -> Rendered:
    """One of Rasa's messages as a Telegram message with an inline keyboard."""
    buttons = [
        (str(b.get("title") or b.get("payload")), callback_data(str(b["payload"]), i))
        for i, b in enumerate(message.get("buttons") or [], start=1)
        if b.get("payload")
    ]
    return Rendered((message.get("text") or " ",), tuple(buttons), 0)


RENDERERS = {"sms": render_sms, "telegram": render_telegram}
