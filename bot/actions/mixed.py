"""A question inside a view: "what even is an EHCP? we've waited 40 weeks and nobody answers".

When a message is taken as a view, the assistant still answers the question in it, if it
asks about a Local Offer topic, before asking whether it may pass the view on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

# A question: a question mark, or a sentence that starts like one.
QUESTION = re.compile(
    r"\?|(?:^|[.!,;]\s*|\b(?:and|but|so|now)\s+)"
    r"(?:(?:what|wat|wot|how|who|where|when|why|which)\b"
    r"|(?:can|could|will|would|should|is|are|do|does|did|has|have)\s+"
    r"(?:i|we|you|u|they|he|she|it|the|my|our|his|her|anyone|someone|somebody|there|this)\b)"
    # Text-speak often has no punctuation: "ma son is 2 n behind wat help is there".
    r"|\b(?:what|wat|wot|how|who|where)\s+(?:help|support|can|do|should|is|are)\b",
    re.IGNORECASE,
)
# A question or a request for information, also in text-speak with no punctuation ("wots a
# ehc plan do my son need 1", "is ther any help", "I wish to enquire about..."). Wider than
# QUESTION: used to tell a long statement ("the taxi never came again") from a question.
ASKS = re.compile(
    QUESTION.pattern
    + r"|(?:^|[.!,;:]\s*|\b(?:and|but|so|now|please|pls|plz|hi|hello|also|then|or)\s+)"
    r"(?:whats|what's|wats|wots|hw|whos|who's|wheres|where's|wer)\b"
    r"|(?:^|[.!,;:]\s*|\b(?:and|but|so|now|please|pls|plz|hi|hello|also|then|or)\s+)"
    r"(?:can|cn|could|will|would|should|shud|is|are|do|does|did|has|have|am|may)\b"
    r"|\b(?:what|whats|wat|wats|wot|wots|how|hw|who|whos|where|wheres|wer|when|why|which)\s+"
    r"(?:is|are|do|does|did|can|could|should|will|would|happens|happened|help|support|kind|sort"
    r"|type|about|if|long|much|many|often|soon|else|shud|r|cn)\b"
    r"|\b(?:is|are|r)\s+ther(?:e|es)?\b"
    r"|\bcan\s+(?:i|we|u|you|my|ma|the|he|she|they|someone|somebody|sum1|anyone|her|him)\b"
    r"|\b(?:do|does)\s+(?:i|we|they|he|she|my|ma|the|u|you)\s+(?:need|have|get|qualify)\b"
    r"|\b(?:explain|tell me|tell us|advise|advice|information|info|let me know|want to know"
    r"|like to know|wondering|grateful|please help|help me|help us|looking for|any help"
    r"|anything for|know if|know whether|know how|know what|enquir\w*|ask about|whether)\b",
    re.IGNORECASE,
)
# Topic responses (utter_topic_<name>) and words that name the topic, most specific first.
TOPIC_WORDS: tuple[tuple[str, str], ...] = (
    ("annual_review", r"annual review"),
    (
        "ehc_needs_assessment",
        r"needs assessment|assessment for an? ehc|request (?:an? )?assessment",
    ),
    ("ehcp", r"\behcp\b|\behc plan|education,? health and care plan"),
    ("senco", r"\bsenco\b"),
    ("sen_support", r"\bsen support\b"),
    ("short_breaks", r"short breaks?|respite"),
    ("transport", r"transport|\btaxi\b"),
    ("sendiass", r"sendiass|\biass\b"),
    ("personal_budget", r"personal budget|direct payments?"),
    ("mediation", r"mediation"),
    ("tribunal", r"tribunal|appeal"),
    ("local_offer", r"local offer"),
    ("parent_carer_forum", r"parent carer forum"),
    ("preparing_for_adulthood", r"preparing for adulthood|transition to adult"),
    ("speech_language_therapy", r"speech (?:and language )?therap|\bsalt\b"),
    ("disability_living_allowance", r"\bdla\b|disability living allowance"),
    ("carers_assessment", r"carers?'? assessment"),
    ("early_years", r"early years|nursery"),
)


# How sure the classifier must be of a topic, as its best guess after "share_view", to
# answer it when the question does not name the topic ("can the council give him a taxi"
# names it; "can the council help get him there every day" does not).
RANKED_TOPIC_MIN_CONFIDENCE = 0.15
TOPIC_INTENT = "topic_"


def topic_asked(
    text: str | None, ranking: Sequence[Mapping[str, Any]] | None = None
) -> str | None:
    """The topic response a view also asks about, e.g. ``utter_topic_ehcp``, or None.

    Only a sentence that is a question counts, so "the EHCP is 40 weeks late" asks nothing.
    A question that names a topic's words is answered with that topic; one that does not is
    answered with the classifier's best topic (``ranking``: the NLU ``intent_ranking``) when
    it is confident enough.
    """
    if not text:
        return None
    questions = [s for s in re.split(r"(?<=[.!?\n])\s+", text) if QUESTION.search(s)]
    for sentence in questions:
        lowered = sentence.lower()
        for topic, words in TOPIC_WORDS:
            if re.search(words, lowered):
                return f"utter_topic_{topic}"
    if not questions:
        return None
    for entry in ranking or ():
        name, confidence = entry.get("name"), entry.get("confidence") or 0.0
        if isinstance(name, str) and name.startswith(TOPIC_INTENT):
            if confidence >= RANKED_TOPIC_MIN_CONFIDENCE:
                return f"utter_{name}"
            return None  # the best topic is too unsure: better no answer than a wrong one
    return None


def topic_answered(
    parse: Mapping[str, Any],
    parse_sentence: Callable[[str], Mapping[str, Any] | None] | None = None,
) -> str | None:
    """The topic whose explanation a parsed message gets, as the rules and forms answer it.

    A topic intent is answered with its topic; a view is answered with the topic it also
    asks about (``topic_asked``, then the question sentence alone, classified by
    ``parse_sentence``: see ``question_focus``); anything else (a fallback, which asks
    "Did you mean...?") gets no explanation yet. A directory search for short-break
    services (clubs, respite) is answered as short breaks (``ActionFindServices``).
    Used by ``bench/topics.py`` to score what the parent is told.
    """
    name = (parse.get("intent") or {}).get("name") or ""
    if name.startswith(TOPIC_INTENT):
        return name.removeprefix(TOPIC_INTENT)
    if name == "share_view":
        response = topic_asked(parse.get("text"), parse.get("intent_ranking"))
        if response:
            return response.removeprefix("utter_topic_")
        if parse_sentence is not None:
            from bot.actions.question_focus import focused_topic

            return focused_topic(parse.get("text"), parse_sentence)
        return None
    if name == "find_service":
        # A search for clubs or respite is answered with short breaks, said as such.
        from bot.localoffer.query import read_query

        return read_query(parse.get("text")).topic
    if name == "ask_term":
        # A glossary word that is also a topic (SALT, DLA...) is answered with the topic.
        from bot.localoffer.glossary import find_term

        term = find_term(parse.get("text"))
        return term.topic if term and term.topic else None
    return None
