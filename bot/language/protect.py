"""Keeping SEND terms, names, numbers and links exactly as they are through translation.

Before text goes to a machine translator, each protected piece is replaced by a
numbered placeholder (``[0]``, ``[1]``...): square-bracketed numbers look like
footnote marks, which translation engines carry over untouched. After translation
the pieces are put back. A translation that lost a placeholder is refused, so a
garbled "EHCP" never reaches a parent.

Protected: the SEND terms in ``data/protected_terms.txt`` (whole words, exact case),
links, email addresses, phone numbers, postcodes and postcode districts ("LS8"),
template placeholders (``{label}``), and any extra strings the caller names
(service names, for example).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data")

_URL = r"(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_PHONE = r"(?<![\w+])\+?\d[\d ]{6,}\d(?!\w)"
_POSTCODE = r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"
_DISTRICT = r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\b"
_TEMPLATE = r"\{[A-Za-z_][A-Za-z0-9_]*\}"
_PLACEHOLDER_LIKE = r"\[\d+\]"

# A placeholder as it may come back: spaces added, other digits (Arabic-Indic,
# Persian, Bengali, Gurmukhi...) or full-width brackets.
_BACK = re.compile(r"[\[［【]\s*(\d+)\s*[\]］】]")


@lru_cache(maxsize=1)
def protected_terms() -> tuple[str, ...]:
    """The SEND terms kept verbatim, longest first."""
    lines = (_DATA / "protected_terms.txt").read_text(encoding="utf-8").splitlines()
    terms = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return tuple(sorted(terms, key=lambda term: (-len(term), term)))


@lru_cache(maxsize=1)
def _terms_pattern() -> str:
    return r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in protected_terms()) + r")(?![\w-])"


@dataclass(frozen=True)
class Protected:
    """Text ready for a translator, and the pieces to put back afterwards.

    Attributes:
        text: The text with each protected piece replaced by ``[n]``.
        kept: ``kept[n]`` is the piece that ``[n]`` stands for.
    """

    text: str
    kept: tuple[str, ...] = field(default_factory=tuple)


def _pattern(extra: Iterable[str]) -> re.Pattern[str]:
    extras = sorted({e for e in extra if e and e.strip()}, key=len, reverse=True)
    parts = [rf"(?<!\w){re.escape(e)}(?!\w)" for e in extras]
    parts += [_URL, _EMAIL, _TEMPLATE, _PLACEHOLDER_LIKE, _PHONE, _POSTCODE, _terms_pattern()]
    parts.append(_DISTRICT)
    return re.compile("|".join(f"(?:{p})" for p in parts))


def protect(text: str, *, extra: Iterable[str] = ()) -> Protected:
    """Replace the protected pieces of a text by numbered placeholders.

    Args:
        text: English (or any) text about to be translated.
        extra: More strings to keep exactly (service names, links...).

    Returns:
        The text with placeholders, and the pieces in placeholder order. The same
        piece used twice gets the same placeholder.
    """
    kept: list[str] = []

    def swap(match: re.Match[str]) -> str:
        piece = match.group(0)
        if piece not in kept:
            kept.append(piece)
        return f"[{kept.index(piece)}]"

    return Protected(_pattern(extra).sub(swap, text), tuple(kept))


def restore(translated: str, kept: tuple[str, ...] | list[str]) -> str | None:
    """Put the protected pieces back into a translation.

    Args:
        translated: What the translator gave back.
        kept: The pieces from ``protect``.

    Returns:
        The translation with every piece restored, or ``None`` if a placeholder is
        missing or unknown (the translation cannot be trusted).
    """
    seen: set[int] = set()
    failed = False

    def swap(match: re.Match[str]) -> str:
        nonlocal failed
        digits = "".join(str(unicodedata.digit(c)) for c in match.group(1))
        index = int(digits)
        if index >= len(kept):
            failed = True
            return match.group(0)
        seen.add(index)
        return kept[index]

    result = _BACK.sub(swap, translated)
    if failed or len(seen) != len(kept):
        return None
    return result


def strip_protected(text: str) -> str:
    """Remove SEND terms, links, numbers and postcodes (for language detection).

    "szkola mowi o EHCP" becomes "szkola mowi o ": the acronym says nothing about the
    language a parent writes in.
    """
    return _pattern(()).sub(" ", text)
