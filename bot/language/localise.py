"""Putting one reply into the person's language: the single place where replies are translated.

Called by the custom NLG (``bot/nlg.py``) for every response the assistant sends,
whether a rule utters it or an action asks for it by name.

1. English, or a language not served: the reply as it is.
2. A reviewed translation of the response (``bot/translations/<code>.yml``; by SMS its
   short ``sms`` version if it has one): used, with its placeholders filled. Prose
   values (a friendly label, a service description) are translated on their own; names,
   phone numbers and links are not.
3. Otherwise the filled English reply goes to the translator (reviewed override,
   memory, machine), with names, numbers and links protected. Except the urgent-help
   (safeguarding) replies in ``NEVER_MACHINE_TRANSLATED``: a mistranslated phone number
   or instruction could cost a life, so without a reviewed translation they are sent
   in English, as written, after the note.

Whatever could not be translated stays in English, after a short note in the
person's language. Right-to-left replies get direction marks (``bidi.py``). Button
payloads never change, only their titles.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.language.bidi import make_rtl
from bot.language.languages import RTL, is_served
from bot.language.reviewed import ReviewedStrings
from bot.language.translator import Translator

# Template values that are English prose, translated before they go into a reviewed
# template. Every other value (a name, a phone number, a link) is kept as it is.
PROSE_VALUES = frozenset({"label", "description", "meaning", "cost", "eligibility", "details"})

# Responses sent only as reviewed translations or in English, never machine translated:
# the urgent-help reply (bot/domain/safeguarding.yml).
NEVER_MACHINE_TRANSLATED = frozenset(
    {
        "utter_safeguarding_urgent",
        "utter_safeguarding_again",
        "utter_safeguarding_domestic_abuse",
    }
)

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``{name}`` placeholders that have a value; leave the others."""

    def swap(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        return match.group(0) if value is None else str(value)

    return _PLACEHOLDER.sub(swap, template)


def _verbatim(values: Mapping[str, Any]) -> list[str]:
    return [
        str(v)
        for k, v in values.items()
        if k not in PROSE_VALUES and isinstance(v, str | int) and len(str(v)) >= 2
    ]


def localise(
    message: dict[str, Any],
    *,
    response: str | None,
    language: str | None,
    values: Mapping[str, Any],
    translator: Translator,
    reviewed: ReviewedStrings,
    arguments: Mapping[str, Any] | None = None,
    channel: str | None = None,
) -> dict[str, Any]:
    """Return the reply in the person's language.

    Args:
        message: The English reply as Rasa filled it (``text``, ``buttons``...).
        response: The response name (``utter_menu``), if any.
        language: The ``language`` slot.
        values: Template values: slots and the arguments the action passed.
        translator: The translator (reviewed overrides, memory, machine).
        reviewed: The reviewed translations.
        arguments: The arguments the action passed (default: ``values``); those that
            are not prose (names, phone numbers, links) are kept exactly.
        channel: Rasa's output channel; on SMS a reviewed short (``sms``) version wins.

    Returns:
        A new message dict; the input is not changed.
    """
    if not language or language == "en" or not is_served(language) or not message.get("text"):
        return message
    out = dict(message)
    english_text = str(message["text"])
    failed = False
    kept = _verbatim(values if arguments is None else arguments)

    approved = reviewed.response(language, response, channel) if response else None
    if approved:
        local_values = dict(values)
        for name in PROSE_VALUES & set(_PLACEHOLDER.findall(approved["text"])):
            value = values.get(name)
            if isinstance(value, str) and value.strip():
                result = translator.from_english(value, language, extra=kept)
                local_values[name] = result.text
                failed |= not result.ok
        text = fill(approved["text"], local_values)
    elif response in NEVER_MACHINE_TRANSLATED:
        # No reviewed translation: the English as written, after the note.
        text = english_text
        failed = True
    else:
        result = translator.from_english(english_text, language, extra=kept)
        text = result.text
        failed |= not result.ok

    buttons = message.get("buttons")
    if buttons:
        titles = approved.get("buttons") if approved else None
        new_buttons = []
        for index, button in enumerate(buttons):
            button = dict(button)
            if titles and index < len(titles):
                button["title"] = fill(titles[index], values)
            elif button.get("title"):
                result = translator.from_english(str(button["title"]), language, extra=kept)
                button["title"] = result.text
            new_buttons.append(button)
        out["buttons"] = new_buttons

    if failed:
        note = reviewed.note(language)
        if note:
            text = f"{note}\n{text}"
    if language in RTL:
        text = make_rtl(text)
        if out.get("buttons"):
            out["buttons"] = [
                {**b, "title": make_rtl(str(b.get("title", "")))} for b in out["buttons"]
            ]
    out["text"] = text
    return out
