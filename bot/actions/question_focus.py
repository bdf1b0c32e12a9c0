"""The question in a longer message: "She is 9 and dyslexic, with no plan. What should school do?"

Parents often give a line about their child before asking. The classifier then reads the
whole message as a view, and the question's topic may not be clear from the whole. Taken
alone, the question sentence usually is. The assistant's own Rasa server classifies it
(``POST /model/parse``: the same trained model, no second one to keep in step).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Mapping
from typing import Any

import requests

from bot.actions.mixed import QUESTION, TOPIC_INTENT

logger = logging.getLogger(__name__)

# How sure the model must be of the question sentence's topic to answer it.
MIN_CONFIDENCE = 0.5
TIMEOUT_SECONDS = 3.0

Parser = Callable[[str], Mapping[str, Any] | None]


def question_sentence(text: str | None) -> str | None:
    """The last sentence that asks something, when the message has more than that in it."""
    if not text:
        return None
    sentences = [s.strip() for s in re.split(r"(?<=[.!?\n])\s+", text.strip()) if s.strip()]
    if len(sentences) < 2:
        return None
    questions = [s for s in sentences if QUESTION.search(s)]
    return questions[-1] if questions else None


def focused_topic(text: str | None, parse: Parser) -> str | None:
    """The topic (``ehcp``...) that the message's question sentence asks about, or None."""
    sentence = question_sentence(text)
    if sentence is None:
        return None
    parsed = parse(sentence) or {}
    intent = parsed.get("intent") or {}
    name, confidence = intent.get("name") or "", intent.get("confidence") or 0.0
    if name.startswith(TOPIC_INTENT) and confidence >= MIN_CONFIDENCE:
        return name.removeprefix(TOPIC_INTENT)
    return None


def rasa_parser(environ: Mapping[str, str] | None = None) -> Parser:
    """A parser that asks this assistant's Rasa server (``RASA_URL``, ``RASA_AUTH_TOKEN``)."""
    env = os.environ if environ is None else environ
    url = env.get("RASA_URL", "http://127.0.0.1:5005").rstrip("/") + "/model/parse"
    token = env.get("RASA_AUTH_TOKEN", "")

    def parse(sentence: str) -> Mapping[str, Any] | None:
        try:
            response = requests.post(
                url, params={"token": token}, json={"text": sentence}, timeout=TIMEOUT_SECONDS
            )
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as error:
            # Only the question goes unanswered; the view itself is not affected.
            logger.warning("Could not classify the question sentence: %s", type(error).__name__)
            return None

    return parse
