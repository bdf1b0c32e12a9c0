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


def test_a_long_reply_is_cut_at_sentence_ends_when_that_costs_no_extra_part() -> None:
    text = (
        "Thank you for telling me. May I pass this on to your local parent carer forum? "
        "Only the forum will see it. I will take out names, numbers and schools first.\n"
        "You can ask the forum to delete it at any time. Reply 1 for yes, 2 for no, or 3 "
        "for yes and to hear back if things change."
    )
    reply = split_reply(text)
    total = len(reply.parts)
    assert total == 2 and reply.segments == total
    for number, part in enumerate(reply.parts, start=1):
        assert part.startswith(f"{number}/{total} ")
        assert len(part) <= 160
        assert part.rstrip().endswith((".", "?", "!")), part
    assert " ".join(p.split(" ", 1)[1] for p in reply.parts).split() == text.split()


def test_a_sentence_is_cut_between_words_when_that_saves_a_part() -> None:
    text = (
        "Thank you for telling me. May I pass this on to your local parent carer forum? "
        "Only the forum will see it. They are parents who use views like yours to make "
        "services better. I will take out names, numbers and schools first.\n"
        "Reply 1 for yes, 2 for no, or 3 for yes and to hear back if things change."
    )
    reply = split_reply(text)
    # 320 characters: 2 parts of 156 when cut inside a sentence, 3 at sentence ends only.
    assert len(reply.parts) == 2 and reply.segments == 2
    assert all(len(part) <= 160 for part in reply.parts)
    assert " ".join(p.split(" ", 1)[1] for p in reply.parts).split() == text.split()


def test_a_part_ends_where_the_fewest_parts_allow_a_sentence_end() -> None:
    sentences = ["One two three four five six seven eight nine ten." for _ in range(6)]
    reply = split_reply(" ".join(sentences))
    assert [p.split(" ", 1)[1].count(".") for p in reply.parts] == [3, 3]


def test_a_phone_number_is_never_cut_across_parts() -> None:
    text = (
        "Jeśli martwisz się o dziecko, zadzwoń do NSPCC pod numer 0808 800 5000, "
        "a w nagłym wypadku pod 999. Samarytanie: 116 123."
    )
    reply = split_reply(text)
    assert reply.encoding == "UCS-2" and len(reply.parts) > 1
    assert any("0808 800 5000" in part for part in reply.parts)
    assert any("116 123" in part for part in reply.parts)


def test_a_command_in_capitals_is_never_cut_across_parts() -> None:
    command = "Надішліть WHAT DO YOU KEEP або DELETE MY DATA, якщо хочете знати більше."
    for padding in range(1, 12):  # move the command across the places a part may end
        reply = split_reply("Так " * padding + command + " Дякую.")
        joined = [part.split(" ", 1)[1] for part in reply.parts]
        assert len(joined) > 1
        assert any("WHAT DO YOU KEEP" in part for part in joined), reply.parts
        assert any("DELETE MY DATA" in part for part in joined), reply.parts


def test_a_menu_option_is_never_cut_across_parts() -> None:
    options = ["1 Plany EHC", "2 Przegląd roczny", "3 Pomoc w szkole", "4 Przerwy wytchnieniowe"]
    text = "Zapytaj własnymi słowami albo odpisz numerem, proszę:\n" + "\n".join(options)
    reply = split_reply(text)
    assert len(reply.parts) > 1
    lines = [line for part in reply.parts for line in part.split(" ", 1)[1].split("\n")]
    for option in options:
        assert option in lines, (option, reply.parts)


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


def test_every_part_of_a_right_to_left_reply_starts_right_to_left() -> None:
    text = "\u200f" + "یہ ایک بہت لمبا جملہ ہے جس میں SENDIASS اور بہت سے دوسرے الفاظ ہیں " * 3
    reply = split_reply(text)
    assert len(reply.parts) > 1
    for part in reply.parts:
        assert part.split(" ", 1)[1].startswith("\u200f"), part
        assert utf16_units(part) <= 70
