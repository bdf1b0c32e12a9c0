"""Reviewed translations shipped in the repo (``bot/translations/<code>.yml``).

Each file holds, for one language:

- ``responses``: reviewed translations of domain responses, by response name. A
  response with buttons lists the button titles in the same order as the English.
- ``overrides``: reviewed translations of any other English text (an explanation,
  a glossary entry), keyed by the exact English. They win over the translation
  memory and the machine translator. An override whose English no longer exists
  is simply never used (tests flag it).
- ``sms``: shorter reviewed translations of responses for text messages, by response
  name (as ``responses``). Used on the SMS channel (``twilio_sms``) instead of the
  ``responses`` one, as the domain's ``channel: twilio_sms`` variations are in English.
- ``channel``: the SMS and Telegram connectors' own short texts (``channels/replies.yml``),
  by name.
- ``notes.untranslated``: the short note put before English text that could not be
  translated. Every served language has one.

Translations are written to read naturally, short and plain, keeping SEND terms
(EHCP, SENCo, SENDIASS) in English as families meet them in letters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "translations"

# Rasa output channels whose replies use a language's ``sms`` versions when it has them.
SMS_CHANNELS = frozenset({"twilio_sms"})


def normalise_key(text: str) -> str:
    """Whitespace-insensitive key for overrides."""
    return " ".join(text.split())


@dataclass
class LanguageStrings:
    """The reviewed strings of one language."""

    code: str
    reviewed: bool = False
    responses: dict[str, dict[str, Any]] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)
    sms: dict[str, dict[str, Any]] = field(default_factory=dict)
    channel: dict[str, str] = field(default_factory=dict)
    untranslated_note: str | None = None


def _response(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        return {"text": value}
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        buttons = value.get("buttons") or []
        return {"text": value["text"], "buttons": [str(b) for b in buttons]}
    raise ValueError(f"a reviewed response must be text or {{text, buttons}}, not {value!r}")


def load_language(path: Path) -> LanguageStrings:
    """Read one ``<code>.yml`` file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    code = str(data.get("language") or path.stem)
    notes = data.get("notes") or {}
    return LanguageStrings(
        code=code,
        reviewed=bool(data.get("reviewed")),
        responses={name: _response(v) for name, v in (data.get("responses") or {}).items()},
        overrides={normalise_key(k): str(v) for k, v in (data.get("overrides") or {}).items()},
        sms={name: _response(v) for name, v in (data.get("sms") or {}).items()},
        channel={name: str(v) for name, v in (data.get("channel") or {}).items()},
        untranslated_note=notes.get("untranslated"),
    )


class ReviewedStrings:
    """All reviewed translations, by language.

    Args:
        directory: Where the ``<code>.yml`` files are (``bot/translations``).
    """

    def __init__(self, directory: Path = TRANSLATIONS_DIR) -> None:
        self.languages: dict[str, LanguageStrings] = {}
        for path in sorted(directory.glob("*.yml")):
            strings = load_language(path)
            self.languages[strings.code] = strings

    def response(
        self, language: str, name: str, channel: str | None = None
    ) -> dict[str, Any] | None:
        """The reviewed ``{text, buttons}`` of a response, or ``None``.

        On an SMS channel (``SMS_CHANNELS``) the language's short ``sms`` version wins.
        """
        strings = self.languages.get(language)
        if not strings:
            return None
        if channel in SMS_CHANNELS and name in strings.sms:
            return strings.sms[name]
        return strings.responses.get(name)

    def channel_text(self, language: str, name: str) -> str | None:
        """One of the channels' own short texts (``channels/replies.yml``), or ``None``."""
        strings = self.languages.get(language)
        return strings.channel.get(name) if strings else None

    def override(self, language: str, english: str) -> str | None:
        """The reviewed translation of an English text, or ``None``."""
        strings = self.languages.get(language)
        return strings.overrides.get(normalise_key(english)) if strings else None

    def note(self, language: str) -> str | None:
        """The "this is in English" note in a language, or ``None``."""
        strings = self.languages.get(language)
        return strings.untranslated_note if strings else None


@cache
def reviewed_strings() -> ReviewedStrings:
    """The shipped reviewed translations, loaded once."""
    return ReviewedStrings()
