"""Numbered menus: what a bare "1", "2" or "3" means.

Every menu the assistant shows has buttons whose payloads are intents
(``/menu_topics``...) and the same options numbered in the text, so it works by SMS.
When someone types a number instead of tapping a button, ``resolve_choice`` turns it
into the intent the matching button would have sent, using the last menu offered.

The last menu offered is known from the response that showed it (``MENU_RESPONSES``),
which the action reads from the last bot message.
"""

from __future__ import annotations

import re

from bot.actions.consent import normalise, parse_consent

MAIN = "main"
TOPICS = "topics"
GUESS = "guess"  # "Did you mean ...? Reply 1 for yes or 2 for no."
QUICK_OFFER = "quick_offer"  # "The forum has one quick question... 1 Yes 2 Not now"
LISTENED = "listened"  # "How much do you feel listened to by services? 1-5"

# The options of each menu, in the order they are numbered (1, 2, 3...).
# Keep in step with the buttons of the responses in bot/domain/menu.yml;
# tests/unit/bot/test_menu.py checks that they match.
MENUS: dict[str, tuple[str, ...]] = {
    MAIN: ("menu_topics", "menu_view", "help"),
    TOPICS: (
        "topic_ehcp",
        "topic_annual_review",
        "topic_sen_support",
        "topic_short_breaks",
        "topic_transport",
        "topic_personal_budget",
        "topic_mediation",
        "topic_sendiass",
    ),
    QUICK_OFFER: ("answer_quick_view", "quick_view_later"),
}

# Which menu each response offers.
MENU_RESPONSES: dict[str, str] = {
    "utter_menu": MAIN,
    "utter_anything_else": MAIN,
    "utter_default": MAIN,
    "utter_topics_menu": TOPICS,
    "utter_ask_affirmation": GUESS,
    "utter_quick_view_offer": QUICK_OFFER,
    "utter_ask_listened": LISTENED,
}

# What "no" means after the main menu ("What else can I help with?" "No thanks").
DECLINE_MAIN = "goodbye"
# Other ways of saying "nothing else" after the main menu.
_DONE_PHRASES = {
    ("nothing",),
    ("nothing", "else"),
    ("that's", "all"),
    ("that's", "it"),
    ("that", "is", "all"),
    ("all", "good"),
    ("i'm", "fine"),
    ("i'm", "ok"),
    ("i'm", "good"),
    ("no", "that's", "all"),
    ("no", "that's", "it"),
    ("no", "i'm", "fine"),
    ("no", "i'm", "ok"),
    ("no", "i'm", "good"),
    ("no", "nothing", "else"),
}
# What "no" means after "Did you mean ...?": ask the person to say it another way.
ASK_AGAIN = "ask_again"

_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "first": 1,
    "second": 2,
    "third": 3,
}
_KEYCAP = re.compile("([0-9])\ufe0f?\u20e3")
_NUMBER = re.compile(
    r"^(?:(?:number|no|option|choice|choose|pick|press|reply)\s*)?#?\s*"
    r"(?P<n>[0-9]{1,2}|" + "|".join(_WORD_NUMBERS) + r")"
    r"(?:\s*(?:please|pls|thanks|thank you))?$"
)


def menu_for_response(response: str | None) -> str | None:
    """Name the menu a response offers.

    Args:
        response: The response name (``utter_action``) of the last bot message.

    Returns:
        ``"main"``, ``"topics"`` or ``"guess"``, or ``None`` if it offered no menu.
    """
    if response is None:
        return None
    return MENU_RESPONSES.get(response)


def parse_number(text: str | None) -> int | None:
    """Read a menu number from a short reply.

    Args:
        text: The reply: "1", " 2. ", "#3", "option 1", "number two", "1️⃣"...

    Returns:
        The number, or ``None`` if the reply is not just a number.
    """
    if not text:
        return None
    cleaned = _KEYCAP.sub(r"\1", text).strip().lower()
    cleaned = re.sub(r"[.!?,)\]:;]+$", "", cleaned).strip()
    cleaned = re.sub(r"^[(\[]", "", cleaned).strip()
    cleaned = re.sub(r"\bno\.", "no", cleaned)
    match = _NUMBER.match(cleaned)
    if not match:
        return None
    value = match.group("n")
    return _WORD_NUMBERS[value] if value in _WORD_NUMBERS else int(value)


def resolve_choice(
    text: str | None,
    *,
    menu: str | None,
    intent: str | None = None,
    guess: str | None = None,
) -> str | None:
    """Turn a reply to a menu into the intent its button would have sent.

    Args:
        text: The reply as typed.
        menu: The last menu offered (``MAIN``, ``TOPICS``, ``GUESS``); ``None`` is
            read as the main menu, the one people most often answer.
        intent: The intent of the reply. It is trusted only for button payloads
            (``/affirm``): for typed text, NLU can mistake gibberish for "yes"
            or "no", so the words themselves must say yes or no.
        guess: For ``GUESS``, the intent the assistant guessed.

    Returns:
        An intent name to act on, ``ASK_AGAIN`` when the person said the guess was
        wrong, or ``None`` when the reply does not pick anything.
    """
    menu = menu or MAIN
    number = parse_number(text)
    from_button = (text or "").strip().startswith("/")

    if menu == GUESS:
        if not guess:
            return None
        answer = parse_consent(text) if number is None else {1: True, 2: False}.get(number)
        if answer is None and from_button and intent in ("affirm", "deny"):
            answer = intent == "affirm"
        if answer is None:
            return None
        return guess if answer else ASK_AGAIN

    options = MENUS.get(menu, MENUS[MAIN])
    if menu == QUICK_OFFER and number is None:
        answer = parse_consent(text)
        if answer is None and from_button and intent in ("affirm", "deny"):
            answer = intent == "affirm"
        if answer is None:
            return None
        return options[0] if answer else options[1]
    if number is not None:
        return options[number - 1] if 1 <= number <= len(options) else None

    if menu == MAIN and (
        parse_consent(text) is False
        or tuple(normalise(text or "")) in _DONE_PHRASES
        or (from_button and intent == "deny")
    ):
        return DECLINE_MAIN
    return None
