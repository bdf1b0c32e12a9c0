"""Disclosure control: which counts a forum may see.

A cell (a theme, a channel, a month...) is *suppressed* when it comes from fewer than k
contributors. Whenever a table suppresses anything, it also suppresses enough other cells
(the smallest first) that the suppressed cells together include at least one group of k
or more contributors: the totals published next to a table then only ever give away the
sum of a group that large, never a small cell by subtraction ("complementary suppression").
Zero cells are shown: they give no one away.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class Count:
    """A cell's views and distinct contributors."""

    views: int
    contributors: int


def protect(cells: Mapping[Key, Count], *, k: int) -> set[Key]:
    """The keys of the cells to suppress.

    Args:
        cells: Every cell of one table (a breakdown, or the themes, or the months).
        k: The forum's smallest group that may be shown.

    Returns:
        Cells under k (primary), and the smallest others needed so that the suppressed
        cells include a cell of at least k contributors (complementary). When no such cell
        is left, every non-zero cell is suppressed.
    """
    suppressed = {key for key, count in cells.items() if 0 < count.contributors < k}
    while suppressed and max(cells[key].contributors for key in suppressed) < k:
        shown = [key for key, count in cells.items() if key not in suppressed and count.views]
        if not shown:
            break
        suppressed.add(
            min(shown, key=lambda key: (cells[key].contributors, cells[key].views, str(key)))
        )
    return suppressed


def shown(count: Count, *, k: int) -> bool:
    """Whether a single count (not part of a table) may be shown."""
    return count.contributors == 0 or count.contributors >= k
