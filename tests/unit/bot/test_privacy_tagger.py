"""The learned tagger: it loads, adds names the rules miss, and keeps SEND terms and places.

Every example here is made up for these tests (none is from a labelled set).
"""

from __future__ import annotations

import pytest

from bot.privacy import anonymise
from bot.privacy.anonymiser import find_identifiers
from bot.privacy.lexicon import SEND_TERMS, fold, load_lexicon
from bot.privacy.tagger import MODEL, THRESHOLD, Tagger, load_tagger, tokenise


def test_the_shipped_model_loads_once_and_is_small() -> None:
    tagger = load_tagger()
    assert isinstance(tagger, Tagger)
    assert load_tagger() is tagger
    assert tagger.threshold == THRESHOLD
    assert MODEL.stat().st_size < 3_000_000


def test_tokens_are_the_words_the_evaluation_counts() -> None:
    assert [t.text for t in tokenise("St Mary's, lily-mae (07700)")] == [
        "St",
        "Mary",
        "s",
        "lily",
        "mae",
        "07700",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ravindra from the council never rang back",
            "[name] from the council never rang back",
        ),
        ("hes at Ashcombe Vale till july", "hes at [school] till july"),
    ],
)
def test_the_tagger_removes_names_the_rules_miss(text: str, expected: str) -> None:
    rules = [text[s.start : s.end] for s in find_identifiers(text, rules_only=True)]
    assert rules == []
    assert anonymise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Autism Outreach said the EHCP needs a SALT section",
        "Kirklees SENDIASS were great, unlike Calderdale",
        "ADHD meds from CAMHS in Huddersfield, then Portage",
        "Down's syndrome support group in Bradford on Tuesday",
        "my son has PDA and the OT in Wakefield said sensory diet",
        "Makaton and PECS at nursery, SENCo says EP referral",
        "We moved from Poland to Leeds in March",
    ],
)
def test_the_tagger_never_removes_send_terms_or_places(text: str) -> None:
    tagger = load_tagger()
    assert tagger is not None
    lexicon = load_lexicon()
    # Even taking every word it gives any chance at all:
    for span in tagger.find(text, threshold=0.0001):
        for token in tokenise(text[span.start : span.end]):
            assert fold(token.text) not in SEND_TERMS
            if span.label != "school":
                assert fold(token.text) not in lexicon.places
    assert anonymise(text) == text


def test_views_anonymised_at_once_in_several_threads_are_each_right() -> None:
    """The action server anonymises views in worker threads at the same time."""
    from concurrent.futures import ThreadPoolExecutor

    from bot.privacy import anonymise

    texts = [
        f"my son Kwame is {n} and his school never call me back about the transport"
        + " and the taxi is late again" * (n % 4)
        for n in range(40)
    ]
    alone = [anonymise(text) for text in texts]

    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(anonymise, texts * 5))

    assert together == alone * 5
    assert all("Kwame" not in text for text in together)


@pytest.mark.parametrize(
    "text",
    [
        "córka czeka na terapię mowy od roku",
        "the school counsellor has helped her so much",
        "my son hasn't slept properly for weeks",
        "informal exclusions are illegal aren't they",
    ],
)
def test_the_tagger_takes_no_lower_case_words_for_a_school_or_a_verb_for_a_name(text: str) -> None:
    assert anonymise(text) == text


@pytest.mark.parametrize("text", ["nobody replies -- markup123456", "see you at 3pm -- ref A12b"])
def test_a_word_with_digits_is_no_persons_name(text: str) -> None:
    assert anonymise(text) == text


@pytest.mark.parametrize(
    "text",
    [
        # since 3.2: a verb before the kind of school is no school's name
        "he's 12 and finding secondary school really hard, what support should they give?",
        # everyday words the frequency list lacked are no person
        "where is the list of what the council has, someone said its online",
        "is there funding for SEND support at nurseries and pre-schools?",
    ],
)
def test_everyday_words_are_no_name_or_school_since_3_2(text: str) -> None:
    assert anonymise(text) == text
