"""Disclosure rules: small counts are suppressed, and so is whatever would reveal them."""

from __future__ import annotations

import itertools
import random

from api.services.disclosure import Count, protect, shown


def cells(**counts: tuple[int, int]) -> dict[str, Count]:
    return {
        name: Count(views=views, contributors=people) for name, (views, people) in counts.items()
    }


def test_a_table_with_every_cell_at_k_or_more_suppresses_nothing() -> None:
    assert protect(cells(sms=(9, 5), webchat=(30, 20)), k=5) == set()


def test_a_cell_under_k_is_suppressed() -> None:
    hidden = protect(cells(sms=(3, 3), webchat=(30, 20), rest=(12, 10)), k=5)

    assert "sms" in hidden


def test_a_lone_small_cell_takes_the_next_smallest_with_it() -> None:
    # Without a second suppressed cell, the theme's total minus the shown cells gives sms.
    hidden = protect(cells(sms=(3, 3), webchat=(30, 20), rest=(12, 10)), k=5)

    assert hidden == {"sms", "rest"}


def test_many_views_from_too_few_people_are_suppressed() -> None:
    hidden = protect(cells(sms=(40, 2), webchat=(30, 20), rest=(12, 10)), k=5)

    assert "sms" in hidden


def test_two_small_cells_still_need_a_large_one_beside_them() -> None:
    hidden = protect(cells(a=(2, 2), b=(3, 3), c=(50, 40), d=(8, 6)), k=5)

    assert hidden == {"a", "b", "d"}


def test_zero_cells_are_shown_and_never_used_to_cover_a_small_one() -> None:
    hidden = protect(cells(a=(2, 2), b=(0, 0), c=(0, 0), d=(20, 11)), k=5)

    assert hidden == {"a", "d"}


def test_when_nothing_is_left_to_cover_with_every_non_zero_cell_is_suppressed() -> None:
    hidden = protect(cells(a=(2, 2), b=(1, 1), c=(0, 0)), k=5)

    assert hidden == {"a", "b"}


def test_a_single_count_is_shown_only_at_zero_or_at_least_k() -> None:
    assert shown(Count(views=0, contributors=0), k=5)
    assert not shown(Count(views=9, contributors=4), k=5)
    assert shown(Count(views=5, contributors=5), k=5)


def test_no_suppressed_cell_can_be_worked_out_from_the_total_and_the_shown_cells() -> None:
    rng = random.Random(20251124)
    for _ in range(500):
        table = {}
        for number in range(rng.randint(1, 6)):
            people = rng.choice([0, 1, 2, 3, 4, 5, 8, 20])
            table[f"c{number}"] = Count(views=people * rng.randint(1, 3), contributors=people)

        hidden = protect(table, k=5)

        small = {key for key, count in table.items() if 0 < count.contributors < 5}
        assert small <= hidden
        if small:
            # Subtracting the shown cells from the total gives only the hidden cells' sum,
            # and that always includes a group of at least k (or nothing is shown at all).
            nothing_shown = all(table[key].views == 0 for key in table if key not in hidden)
            assert nothing_shown or max(table[key].contributors for key in hidden) >= 5


def test_the_rule_does_not_depend_on_the_order_of_the_cells() -> None:
    table = cells(a=(2, 2), b=(9, 7), c=(9, 7), d=(30, 25))
    results = {
        frozenset(protect(dict(order), k=5)) for order in itertools.permutations(table.items())
    }

    assert len(results) == 1
