"""The words that work on every text channel whatever the conversation: STOP, START, HELP.

Plain logic. A message that is only one of these words (any case, with or without a final
full stop or exclamation mark) is a keyword; a sentence that contains one is not ("stop the
annual review" is a view, not an opt-out). The lists are the ones UK and US carriers and
Twilio's Advanced Opt-Out use, without ``YES`` (here it answers the consent question).
"""

from __future__ import annotations

import re
from enum import Enum

OPT_OUT_WORDS = frozenset(
    {"STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"}
)
OPT_IN_WORDS = frozenset({"START", "UNSTOP"})
HELP_WORDS = frozenset({"HELP", "INFO"})

# What the assistant is sent for each: its own intents, so the reply is the assistant's
# (reviewed and translated) STOP, START or HELP answer.
INTENT_PAYLOADS = {"opt_out": "/stop", "opt_in": "/start", "help": "/help"}


class Keyword(str, Enum):
    """What a keyword message asks for."""

    opt_out = "opt_out"
    opt_in = "opt_in"
    help = "help"


_TRAILING = re.compile(r"[\s.!]+$")


def keyword(text: str | None) -> Keyword | None:
    """The keyword a message is, or None for an ordinary message."""
    if not text:
        return None
    word = " ".join(_TRAILING.sub("", text.strip()).upper().split())
    if word.startswith("/"):  # Telegram's /stop, /help, /start (also with @BotName)
        word = word[1:].split("@", 1)[0]
    if word in OPT_OUT_WORDS:
        return Keyword.opt_out
    if word in OPT_IN_WORDS:
        return Keyword.opt_in
    if word in HELP_WORDS:
        return Keyword.help
    return None
