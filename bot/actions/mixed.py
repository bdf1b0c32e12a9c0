"""A question inside a view: "what even is an EHCP? we've waited 40 weeks and nobody answers".

When a message is taken as a view, the assistant still answers the question in it, if it
asks about a Local Offer topic, before asking whether it may pass the view on.
"""

from __future__ import annotations

import re

# A question: a question mark, or a sentence that starts like one.
_QUESTION = re.compile(
    r"\?|(?:^|[.!]\s*|\b(?:and|but|so)\s+)(?:what(?:'s| is| are| does| do)|how (?:do|does|can|long)"
    r"|can (?:i|we|you)|who (?:are|is|do)|where (?:do|can)|is there|are there|do i|does anyone)\b",
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


def topic_asked(text: str | None) -> str | None:
    """The topic response a view also asks about, e.g. ``utter_topic_ehcp``, or None.

    Only a sentence that is a question counts, so "the EHCP is 40 weeks late" asks nothing.
    """
    if not text:
        return None
    for sentence in re.split(r"(?<=[.!?\n])\s+", text):
        if not _QUESTION.search(sentence):
            continue
        lowered = sentence.lower()
        for topic, words in TOPIC_WORDS:
            if re.search(words, lowered):
                return f"utter_topic_{topic}"
    return None
