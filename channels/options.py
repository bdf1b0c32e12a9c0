"""Buttons on channels without buttons: numbered options, and a number back to its payload.

Plain logic, no Rasa. The assistant's menus already list their options as numbered lines
("1 Yes\\n2 Not now"); those are left as they are. Buttons the text does not list are added
as lines, with a "Reply 1, 2 or 3." line. A reply that is just one of the numbers (``2``,
``2.``, `` 2 ``) is mapped back to that button's payload, so it means on SMS exactly what
pressing the button means in the web chat.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_NUMBER = re.compile(r"^\s*#?(\d{1,2})\s*[.)]?\s*$")
_LEADING_NUMBER = re.compile(r"^[\s\u200e\u200f]*\d{1,2}\s*[.):-]?\s+")


@dataclass(frozen=True)
class Option:
    """One button: what it says and what it sends."""

    title: str
    payload: str


def options_from_buttons(buttons: Iterable[Mapping[str, Any]] | None) -> list[Option]:
    """Rasa's ``[{"title", "payload"}]`` as options (buttons without a payload are skipped)."""
    out = []
    for button in buttons or []:
        payload = button.get("payload")
        title = button.get("title") or payload
        if isinstance(payload, str) and payload and isinstance(title, str):
            out.append(Option(title=title, payload=payload))
    return out


def plain_title(title: str) -> str:
    """A button title without its leading number ("1 Yes" -> "Yes")."""
    return _LEADING_NUMBER.sub("", title, count=1).strip() or title.strip()


def choice_list(count: int, *, word_or: str = "or") -> str:
    """``1, 2 or 3`` for ``count`` options."""
    numbers = [str(i) for i in range(1, count + 1)]
    if count <= 1:
        return "".join(numbers)
    return f"{', '.join(numbers[:-1])} {word_or} {numbers[-1]}"


def _listed(text: str, number: int) -> bool:
    # A right-to-left reply starts each line with an invisible direction mark (bot.language.bidi).
    return re.search(rf"(?m)^[\s\u200e\u200f]*{number}\s*[.):-]?\s+\S", text) is not None


def numbered_text(text: str, options: Sequence[Option], reply_line: str) -> str:
    """The message with its options as numbered lines.

    Args:
        text: The assistant's message.
        options: Its buttons.
        reply_line: The instruction added when the text does not list the options itself,
            already filled in (for example "Reply 1, 2 or 3.").

    Returns:
        ``text`` unchanged when it already lists every option by number; otherwise ``text``,
        one line per option and ``reply_line``.
    """
    if not options:
        return text
    if all(_listed(text, i) for i in range(1, len(options) + 1)):
        return text
    lines = [text.rstrip()] if text.strip() else []
    lines += [f"{i} {plain_title(o.title)}" for i, o in enumerate(options, start=1)]
    lines.append(reply_line)
    return "\n".join(lines)


def chosen_number(text: str | None) -> int | None:
    """The number in a reply that is only a number (``"2"``, ``"2."``, ``"#2"``), else None."""
    if not text:
        return None
    match = _NUMBER.match(text)
    return int(match.group(1)) if match else None


def payload_for_reply(text: str | None, options: Sequence[Mapping[str, str]] | None) -> str | None:
    """The payload of the option a numbered reply picks, or None (send the text as it is).

    Args:
        text: What the person sent.
        options: The options of the assistant's latest message, as stored
            (``[{"title", "payload"}]``).
    """
    number = chosen_number(text)
    if number is None or not options or not 1 <= number <= len(options):
        return None
    payload = options[number - 1].get("payload")
    return payload if isinstance(payload, str) and payload else None
