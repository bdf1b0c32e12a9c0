"""Right-to-left text that shows correctly on phones (Arabic, Urdu, Persian).

Phones lay out each line with the Unicode bidirectional algorithm, which takes a
line's direction from its first strong letter. Two things go wrong in replies that
mix scripts:

- a line that starts with a Latin term or a number ("EHCP ...", "1 ...") can be laid
  out left to right, so the Arabic words come out in the wrong order;
- a phone number such as ``0113 496 0123`` inside Arabic text is shown with its
  groups reversed ("0123 496 0113"), because the spaces between digit groups take the
  direction of the Arabic around them.

``make_rtl`` starts every line with a RIGHT-TO-LEFT MARK (U+200F) and wraps each
left-to-right run that contains digits or spans several words (phone numbers, links,
email addresses, "EHC plan") in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE
(U+2066 ... U+2069), which keeps it in one piece, in its own order. Both marks are
invisible. Single Latin words such as "EHCP" need nothing more: the algorithm already
shows them correctly inside right-to-left text.
"""

from __future__ import annotations

import re
import unicodedata

RLM = "\u200f"
LRI = "\u2066"
PDI = "\u2069"

# A left-to-right run: Latin letters, digits and what joins them (spaces, dots,
# slashes, hyphens, @, +, :), starting and ending with a letter or digit.
_LTR_RUN = re.compile(
    r"(?:https?://|www\.)?[A-Za-z0-9+][A-Za-z0-9 .,:/@+\-_%#=?&()']*[A-Za-z0-9/)]|[A-Za-z0-9]"
)


def first_strong(text: str) -> str | None:
    """The bidirectional class of the first strong character: ``L``, ``R``, ``AL`` or ``None``."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind
    return None


def _needs_isolate(run: str) -> bool:
    # A menu number ("1") or a term ("LS8", "EHCP") is fine as it is; a phone number,
    # a link, an address or a phrase of several Latin words is not.
    digits = sum(c.isdigit() for c in run)
    return " " in run.strip() or "/" in run or "@" in run or digits > 3


def _isolate(match: re.Match[str]) -> str:
    run = match.group(0)
    # Keep trailing spaces and brackets that belong to the surrounding sentence outside.
    core = run.rstrip(" ")
    tail = run[len(core) :]
    if core.endswith(")") and "(" not in core:
        core, tail = core[:-1], ")" + tail
    if core.startswith("(") and ")" not in core:
        return "(" + _isolate_text(core[1:]) + tail
    return _isolate_text(core) + tail


def _isolate_text(core: str) -> str:
    return f"{LRI}{core}{PDI}" if core and _needs_isolate(core) else core


def make_rtl(text: str) -> str:
    """Prepare a right-to-left reply so it shows correctly, line by line.

    Args:
        text: The reply in Arabic, Urdu or Persian, possibly with Latin terms,
            numbers and links.

    Returns:
        The same text with invisible direction marks; applying it twice changes
        nothing more.
    """
    lines = []
    for line in text.split("\n"):
        if not line.strip():
            lines.append(line)
            continue
        body = line.lstrip(RLM)
        if LRI not in body:
            # A menu number at the start of a line stays on its own ("1 EHC ...").
            number = re.match(r"\d{1,2} ", body)
            prefix = number.group(0) if number else ""
            body = prefix + _LTR_RUN.sub(_isolate, body[len(prefix) :])
        lines.append(RLM + body)
    return "\n".join(lines)


def is_rtl_safe(text: str) -> bool:
    """Check a reply the way ``make_rtl`` leaves it (used by tests).

    Every non-empty line starts with a right-to-left mark or a right-to-left letter,
    and every run of digits with spaces inside it (a phone number) is isolated.
    """
    for line in text.split("\n"):
        if not line.strip():
            continue
        if not line.startswith(RLM) and first_strong(line) not in ("R", "AL"):
            return False
        outside = re.sub(f"{LRI}.*?{PDI}", "", line)
        if re.search(r"\d[\d ]*\s\d", outside):
            return False
    return True
