"""anonymise: contact details and obvious names leave before a view does."""

from __future__ import annotations

from bot.actions.anonymise import anonymise


def test_a_mobile_number_becomes_phone() -> None:
    assert anonymise("ring me 07700 900123 please") == "ring me [phone] please"


def test_numbers_in_other_formats_become_phone() -> None:
    cleaned = anonymise("call 07700900123, +44 7700 900456 or 0113 496 0000")
    assert cleaned == "call [phone], [phone] or [phone]"


def test_an_email_address_becomes_email() -> None:
    assert anonymise("my emails to jo@example.com went unanswered") == (
        "my emails to [email] went unanswered"
    )


def test_a_full_postcode_keeps_only_its_district() -> None:
    assert anonymise("We live in LS8 2AB near the park") == "We live in LS8 near the park"
    assert anonymise("postcode ls82ab") == "postcode LS8"
    assert anonymise("SW1A 1AA") == "SW1A"


def test_a_district_alone_is_kept() -> None:
    assert anonymise("schools in LS8 are full") == "schools in LS8 are full"


def test_years_amounts_and_counts_are_kept() -> None:
    text = "He is 12, waited 18 months since 2019, 20 weeks over, and £1500 for a report"
    assert anonymise(text) == text


def test_long_reference_numbers_become_number() -> None:
    assert anonymise("case ref 12345678 is wrong") == "case ref [number] is wrong"


def test_a_name_after_a_title_becomes_name_and_the_title_stays() -> None:
    cleaned = anonymise("Mrs Smith said no, and Dr. Ahmed Khan agreed")
    assert cleaned == "Mrs [name] said no, and Dr. [name] agreed"


def test_a_childs_name_after_called_becomes_child() -> None:
    assert anonymise("my son called Jack was sent home") == "my son called [child] was sent home"


def test_the_brief_example_is_cleaned() -> None:
    view = (
        "The annual review was a disaster, nobody from the council came and my emails to "
        "jo@example.com went unanswered, ring me 07700 900123"
    )
    assert anonymise(view) == (
        "The annual review was a disaster, nobody from the council came and my emails to "
        "[email] went unanswered, ring me [phone]"
    )


def test_text_with_nothing_to_remove_is_unchanged() -> None:
    text = "the short breaks scheme has been brilliant for our family"
    assert anonymise(text) == text
