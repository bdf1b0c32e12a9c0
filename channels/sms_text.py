"""SMS text: GSM-7 or UCS-2, segments, and long replies split at sentence boundaries.

Plain logic, no Rasa and no Twilio. The numbers are the GSM 03.38 / 3GPP TS 23.040 ones
Twilio bills by:

- a text made only of GSM-7 characters is 160 characters in one segment, or 153 a segment
  when it needs several; the extension characters (``^{}[]~|\\€`` and form feed) take two;
- anything else (Urdu, Arabic, Bengali, Polish "ł", an emoji...) makes the whole message
  UCS-2: 70 UTF-16 code units in one segment, or 67 a segment (an emoji is two units).

``to_gsm`` first swaps typographic punctuation (curly quotes, dashes, "…") for plain GSM
characters, as Twilio's "smart encoding" does, so one curly apostrophe does not cost an
English reply half its room.

``split_reply`` keeps a reply that fits in one segment as it is; a longer one becomes as few
parts of one segment each as it can, numbered ``1/3``, ``2/3``... so they read in order on
any phone. Parts end at line and sentence ends when that costs no extra part, else between
words; never inside a phone number, a command ("DELETE MY DATA") or a menu option.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

GSM7_SINGLE, GSM7_MULTI = 160, 153
UCS2_SINGLE, UCS2_MULTI = 70, 67

_SMART = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2022": "-",
        "\u2026": "...",
    }
)

# A sentence ends at . ! ? (or the Urdu/Arabic full stop, question mark) and a space.
_SENTENCE_END = re.compile(r"(?<=[.!?\u06d4\u061f\u0964])\s+")


def to_gsm(text: str) -> str:
    """Swap typographic punctuation for plain GSM characters (the rest is unchanged)."""
    return text.translate(_SMART)


def is_gsm7(text: str) -> bool:
    """Whether every character of ``text`` is in the GSM-7 alphabet (with its extension)."""
    return all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text)


def encoding(text: str) -> str:
    """``"GSM-7"`` or ``"UCS-2"``: how a phone network would carry ``text``."""
    return "GSM-7" if is_gsm7(text) else "UCS-2"


def _units(text: str, gsm: bool) -> list[int]:
    """The cost of each character: septets (GSM-7) or UTF-16 code units (UCS-2)."""
    if gsm:
        return [2 if char in GSM7_EXTENSION else 1 for char in text]
    return [2 if ord(char) > 0xFFFF else 1 for char in text]


def length(text: str) -> int:
    """The length that counts for segments: septets for GSM-7, code units for UCS-2."""
    return sum(_units(text, is_gsm7(text)))


def segments(text: str) -> list[str]:
    """Cut ``text`` as a phone network would, never inside an escape or a surrogate pair.

    Returns:
        The segments' texts (one for a short text, none for an empty one).
    """
    if not text:
        return []
    gsm = is_gsm7(text)
    units = _units(text, gsm)
    single, multi = (GSM7_SINGLE, GSM7_MULTI) if gsm else (UCS2_SINGLE, UCS2_MULTI)
    if sum(units) <= single:
        return [text]
    parts: list[str] = []
    start, used = 0, 0
    for index, cost in enumerate(units):
        if used + cost > multi:
            parts.append(text[start:index])
            start, used = index, 0
        used += cost
    parts.append(text[start:])
    return parts


def segment_count(text: str) -> int:
    """How many segments ``text`` takes (what Twilio bills)."""
    if not text:
        return 0
    gsm = is_gsm7(text)
    total = sum(_units(text, gsm))
    single, multi = (GSM7_SINGLE, GSM7_MULTI) if gsm else (UCS2_SINGLE, UCS2_MULTI)
    if total <= single:
        return 1
    return max(len(segments(text)), math.ceil(total / multi))


@dataclass(frozen=True)
class SmsReply:
    """A reply as it goes out: its parts (one SMS each) and what they cost.

    Attributes:
        parts: The texts to send, in order.
        encoding: ``GSM-7`` or ``UCS-2`` (of the whole reply).
        segments: Segments over all parts.
    """

    parts: tuple[str, ...]
    encoding: str
    segments: int


# A space a sentence may be cut at: not one inside a phone number ("0808 800 5000").
_WORD_GAP = re.compile(r"(?<!\d) | (?!\d)")
_RLM = "\u200f"
_MENU_NUMBER = re.compile(r"^\d{1,2}[.)]?$")
_COMMAND_WORD = re.compile(r"^[A-Z]{2,}[.,:;!?)]*$")
_MENU_LINE = re.compile(r"^\d{1,2}[.)]?\s")
_NEVER = 1_000


@dataclass(frozen=True)
class _Word:
    """A word, what follows it (a space or a line end), and the cost of cutting after it."""

    text: str
    after: str
    cost: int  # 0 at a line or sentence end, 1 inside a sentence, _NEVER after a menu number


def _fits(text: str, limit: int, gsm: bool) -> bool:
    return sum(_units(text, gsm)) <= limit


def _cut_long_word(word: str, limit: int, gsm: bool) -> list[str]:
    """A word too long for a part (a huge link), cut at characters."""
    out: list[str] = []
    while not _fits(word, limit, gsm):
        cut = limit
        while cut > 1 and not _fits(word[:cut], limit, gsm):
            cut -= 1
        out.append(word[:cut])
        word = word[cut:]
    return [*out, word]


def _keep_commands(pieces: list[str]) -> list[str]:
    """Join words of a command in capitals ("WHAT DO YOU KEEP", "DELETE MY DATA") into one."""
    out: list[str] = []
    for piece in pieces:
        if out and _COMMAND_WORD.match(out[-1].rsplit(" ", 1)[-1]) and _COMMAND_WORD.match(piece):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _words(text: str, room: int, gsm: bool) -> list[_Word]:
    """The reply as words, each knowing whether a part may end after it, and at what cost."""
    words: list[_Word] = []
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line in lines:
        # A menu option ("3 Help in school") is kept whole when it fits in a part.
        option = _MENU_LINE.match(line) is not None and _fits(line, room, gsm)
        sentences = [s for s in _SENTENCE_END.split(line) if s]
        for s_index, sentence in enumerate(sentences):
            pieces = _keep_commands([w for w in _WORD_GAP.split(sentence) if w])
            for w_index, piece in enumerate(pieces):
                chunks = _cut_long_word(piece, room, gsm)
                for c_index, chunk in enumerate(chunks):
                    last_chunk = c_index == len(chunks) - 1
                    last_word = last_chunk and w_index == len(pieces) - 1
                    line_end = last_word and s_index == len(sentences) - 1
                    if not last_chunk:
                        words.append(_Word(chunk, "", 1))
                    elif line_end or last_word:
                        words.append(_Word(chunk, "\n" if line_end else " ", 0))
                    elif option or (s_index == 0 and w_index == 0 and _MENU_NUMBER.match(chunk)):
                        words.append(_Word(chunk, " ", _NEVER))  # "1 Yes" stays together
                    else:
                        words.append(_Word(chunk, " ", 1))
    return words


def _pack(text: str, room: int, gsm: bool) -> list[str]:
    """The parts' texts (unnumbered), each at most ``room`` long.

    As few parts as possible; among those, the one cut least often inside a sentence
    (at line and sentence ends when that costs no extra part, else between words, never
    inside a phone number, a command in capitals or a menu option).
    """
    words = _words(text, room, gsm)
    sizes = [sum(_units(w.text, gsm)) for w in words]
    count = len(words)
    # best[j]: (parts, cuts inside sentences, where the last part starts) for words[:j].
    best: list[tuple[int, int, int] | None] = [None] * (count + 1)
    best[0] = (0, 0, 0)
    for start in range(count):
        if best[start] is None:
            continue
        parts, cuts, _ = best[start]  # type: ignore[misc]
        used = 0
        for end in range(start + 1, count + 1):
            used += sizes[end - 1] + (len(words[end - 2].after) if end - 1 > start else 0)
            if used > room:
                break
            cost = 0 if end == count else words[end - 1].cost
            if cost >= _NEVER:
                continue
            candidate = (parts + 1, cuts + cost, start)
            if best[end] is None or candidate[:2] < best[end][:2]:  # type: ignore[index]
                best[end] = candidate
    if best[count] is None:  # cannot happen: every word fits a part on its own
        return [text]
    bounds: list[tuple[int, int]] = []
    end = count
    while end > 0:
        start = best[end][2]  # type: ignore[index]
        bounds.append((start, end))
        end = start
    return [
        "".join(w.text + w.after for w in words[start : end - 1]) + words[end - 1].text
        for start, end in reversed(bounds)
    ]


def split_reply(text: str, *, max_parts: int = 9) -> SmsReply:
    """Make a reply ready for SMS: plain punctuation, one segment a part, parts numbered.

    Args:
        text: The reply (lines and sentences).
        max_parts: More parts than this and the rest is sent as one last, longer part
            (a safety net: replies are written to be much shorter).

    Returns:
        The parts, the encoding and the total segments.
    """
    text = to_gsm(text).strip()
    if not text:
        return SmsReply((), "GSM-7", 0)
    gsm = is_gsm7(text)
    single = GSM7_SINGLE if gsm else UCS2_SINGLE
    if _fits(text, single, gsm):
        return SmsReply((text,), encoding(text), 1)

    # Room for a "3/5 " label at the start of each part; "12/12 " if it takes 10 or more.
    # A right-to-left reply (bot.language.bidi marks each line with U+200F) gets the mark
    # again at the start of a part that begins inside a line, so the part shows right to left.
    rtl = _RLM in text
    parts = _pack(text, single - 4 - rtl, gsm)
    if len(parts) > 9:
        parts = _pack(text, single - 6 - rtl, gsm)
    if rtl:
        parts = [part if part.startswith(_RLM) else _RLM + part for part in parts]
    if len(parts) > max_parts:
        parts = [*parts[: max_parts - 1], "\n".join(parts[max_parts - 1 :])]
    total = len(parts)
    numbered = tuple(f"{i}/{total} {part}" for i, part in enumerate(parts, start=1))
    return SmsReply(numbered, "GSM-7" if gsm else "UCS-2", sum(map(segment_count, numbered)))
