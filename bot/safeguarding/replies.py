"""Which responses make up the urgent-help reply, and the words that fill it.

Responses live in the domain (``bot/domain/safeguarding.yml``). Their reviewed
translations are in ``bot/translations/<code>.yml`` under the same response names, like
every other reviewed reply, and the NLG (``bot/nlg.py`` -> ``bot.language.localise``)
sends them in the person's language. These responses are never machine translated:
in a language without a reviewed translation the English text is sent
(``bot.language.localise.NEVER_MACHINE_TRANSLATED``).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping

from bot.language.reviewed import ReviewedStrings, reviewed_strings

URGENT = "utter_safeguarding_urgent"
AGAIN = "utter_safeguarding_again"
# Extra help for one kind of risk, sent after the urgent reply.
EXTRA = {"domestic_abuse": "utter_safeguarding_domestic_abuse"}
# Every response of the urgent-help reply.
RESPONSES = (URGENT, AGAIN, *EXTRA.values())
DEFAULT_LANGUAGE = "en"
# Fills {childrens_services} when no number is configured. Its reviewed translations are
# in each language file's `overrides:`, keyed by this exact English.
NUMBER_ON_WEBSITE = "the number is on your council's website"


def reply_responses(*, category: str | None, available: Collection[str], again: bool) -> list[str]:
    """The responses to send, in order.

    Args:
        category: The kind of risk found.
        available: The response names the domain has.
        again: True when the urgent reply was already sent in this conversation; a shorter
            one is sent so that the contacts stay easy to see.
    """
    names = [AGAIN if again else URGENT]
    extra = EXTRA.get(category or "")
    if extra and extra in available:
        names.append(extra)
    return names


def childrens_services(
    environ: Mapping[str, str] | None = None,
    *,
    language: str | None = None,
    reviewed: ReviewedStrings | None = None,
) -> str:
    """The words that fill ``{childrens_services}``: the configured number, or where to find it.

    Args:
        environ: Where ``CHILDRENS_SERVICES_PHONE`` is read (default: the environment).
        language: The language the urgent reply is sent in (the ``language`` slot).
        reviewed: The reviewed translations (default: the shipped ones).

    Returns:
        In English (and in any language the urgent reply has no reviewed translation
        in, since it is then sent in English): "call <number>", or "the number is on
        your council's website". In a language with a reviewed urgent reply: the number
        alone (the translation says "call"), or the reviewed translation of that sentence.
    """
    env = os.environ if environ is None else environ
    phone = (env.get("CHILDRENS_SERVICES_PHONE") or "").strip()
    if language and language != DEFAULT_LANGUAGE:
        strings = reviewed or reviewed_strings()
        if strings.response(language, URGENT):
            if phone:
                return phone
            translated = strings.override(language, NUMBER_ON_WEBSITE)
            if translated:
                return translated
    if phone:
        return f"call {phone}"
    return NUMBER_ON_WEBSITE
