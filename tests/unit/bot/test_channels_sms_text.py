"""SMS text: GSM-7 or UCS-2, segments, and long replies split at sentence ends."""

from __future__ import annotations

import pytest

from channels.sms_text import (
    encoding,
    is_gsm7,
    length,
    segment_count,
    segments,
    split_reply,
    to_gsm,
)

URDU_STOP = (
    "ٹھیک ہے۔ آپ کو ہماری طرف سے مزید پیغامات نہیں ملیں گے۔ دوبارہ شروع کرنے کے لیے START بھیجیں۔"
)


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_plain_english_is_gsm7_and_160_characters_fit_one_segment() -> None:
    assert encoding("Hello, and welcome! £5 @ home.") == "GSM-7"
    assert segment_count("a" * 160) == 1
    assert segment_count("a" * 161) == 2
    assert segment_count("a" * 306) == 2
    assert segment_count("a" * 307) == 3


def test_extension_characters_count_twice_and_are_never_cut_in_half() -> None:
    assert length("[]€") == 6
    assert segment_count("€" * 80) == 1
    assert segment_count("€" * 81) == 2
    text = "a" * 152 + "€" + "b" * 10
    first, second = segments(text)
    assert first == "a" * 152 and second.startswith("€")


@pytest.mark.parametrize("text", ["اردو", "Zażółć", "Thanks 👍", "Ciao ł"])
def test_urdu_arabic_polish_letters_or_an_emoji_make_a_message_ucs2(text: str) -> None:
    assert not is_gsm7(text)
    assert encoding(text) == "UCS-2"


def test_ucs2_segments_are_70_code_units_or_67_when_concatenated() -> None:
    assert segment_count("ا" * 70) == 1
    assert segment_count("ا" * 71) == 2
    assert segment_count("ا" * 134) == 2
    assert segment_count("ا" * 135) == 3
    # An emoji is two UTF-16 code units and is never split.
    assert segment_count("👍" * 35) == 1
    assert all(utf16_units(part) <= 67 for part in segments("a" + "👍" * 40))


def test_typographic_punctuation_becomes_plain_so_english_stays_gsm7() -> None:
    text = "I\u2019m here \u2013 \u201cok\u201d\u2026"
    assert to_gsm(text) == 'I\'m here - "ok"...'
    reply = split_reply(text)
    assert reply.encoding == "GSM-7" and reply.parts == (to_gsm(text),)


def test_a_short_reply_is_sent_as_it_is() -> None:
    reply = split_reply("OK. You will not get any more messages from us.")
    assert reply.parts == ("OK. You will not get any more messages from us.",)
    assert reply.segments == 1


def test_a_long_reply_is_cut_at_sentence_ends_into_numbered_one_segment_parts() -> None:
    text = (
        "Thank you for telling me. May I pass this on to your local parent carer forum? "
        "Only the forum will see it. They are parents who use views like yours to make "
        "services better. I will take out names, numbers and schools first.\n"
        "Reply 1 for yes, 2 for no, or 3 for yes and to hear back if things change."
    )
    reply = split_reply(text)
    total = len(reply.parts)
    assert total > 1 and reply.segments == total
    for number, part in enumerate(reply.parts, start=1):
        assert part.startswith(f"{number}/{total} ")
        assert len(part) <= 160
        assert part.rstrip().endswith((".", "?", "!")), part
    assert " ".join(p.split(" ", 1)[1] for p in reply.parts).split() == text.split()


def test_an_urdu_reply_is_split_into_ucs2_segments_at_the_urdu_full_stop() -> None:
    reply = split_reply(URDU_STOP)
    assert reply.encoding == "UCS-2"
    assert reply.parts == (
        "1/2 ٹھیک ہے۔ آپ کو ہماری طرف سے مزید پیغامات نہیں ملیں گے۔",
        "2/2 دوبارہ شروع کرنے کے لیے START بھیجیں۔",
    )
    assert all(utf16_units(p) <= 70 for p in reply.parts)
    assert reply.segments == 2


def test_a_sentence_too_long_for_a_segment_is_cut_between_words() -> None:
    sentence = " ".join(["word"] * 80) + "."
    reply = split_reply(sentence)
    assert all(len(p) <= 160 for p in reply.parts)
    assert " ".join(p.split(" ", 1)[1] for p in reply.parts).split() == sentence.split()


def test_menus_keep_their_options_on_lines_of_their_own() -> None:
    text = "What would you like to do? Reply with a number:\n1 Ask\n2 Tell\n3 Help"
    assert split_reply(text).parts == (text,)
