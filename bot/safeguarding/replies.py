"""Which responses make up the urgent-help reply, in the person's language where we can.

Responses live in the domain (``bot/domain/safeguarding.yml``). A reviewed translation is
added as the same response name with the language code at the end
(``utter_safeguarding_urgent_pl``); until one exists for a language, the English text is
sent. Machine translation is never used for this reply.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping

URGENT = "utter_safeguarding_urgent"
AGAIN = "utter_safeguarding_again"
# Extra help for one kind of risk, sent after the urgent reply.
EXTRA = {"domestic_abuse": "utter_safeguarding_domestic_abuse"}
DEFAULT_LANGUAGE = "en"


def localised(response: str, language: str | None, available: Collection[str]) -> str:
    """The response in ``language`` if a reviewed translation exists, else the English one."""
    if language and language != DEFAULT_LANGUAGE and f"{response}_{language}" in available:
        return f"{response}_{language}"
    return response


def reply_responses(
    *, category: str | None, language: str | None, available: Collection[str], again: bool
) -> list[str]:
    """The responses to send, in order.

    Args:
        category: The kind of risk found.
        language: The person's language (ISO 639-1).
        available: The response names the domain has.
        again: True when the urgent reply was already sent in this conversation; a shorter
            one is sent so that the contacts stay easy to see.
    """
    names = [localised(AGAIN if again else URGENT, language, available)]
    extra = EXTRA.get(category or "")
    if extra and extra in available:
        names.append(localised(extra, language, available))
    return names


def childrens_services(environ: Mapping[str, str] | None = None) -> str:
    """The words that fill ``{childrens_services}``: the configured number, or where to find it."""
    env = os.environ if environ is None else environ
    phone = (env.get("CHILDRENS_SERVICES_PHONE") or "").strip()
    if phone:
        return f"call {phone}"
    return "the number is on your council's website"
