"""Summary periods are whole calendar months; `from` and `to` are read generously."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from api.errors import InvalidRequest
from api.services.periods import Period, add_months, month_of, parse_month, resolve_period

TODAY = date(2025, 5, 20)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2025-01", 202501),
        ("2025-01-31", 202501),
        ("2025-01-31T23:00:00Z", 202501),
        ("2025-02-01T00:30:00+01:00", 202501),  # 23:30 UTC on 31 January
        (" 2024-12 ", 202412),
    ],
)
def test_a_month_can_be_given_as_a_month_a_date_or_a_time(text: str, month: int) -> None:
    assert parse_month(text, name="from") == month


@pytest.mark.parametrize("text", ["2025-13", "2025", "last quarter", "2025-00-10", "1899-01"])
def test_a_month_that_cannot_be_read_is_refused_in_plain_words(text: str) -> None:
    with pytest.raises(InvalidRequest) as error:
        parse_month(text, name="from")

    assert "'from'" in error.value.message
    assert error.value.details[0]["location"] == ["query", "from"]


def test_the_default_period_is_this_month_and_the_two_before() -> None:
    period = resolve_period(from_=None, to=None, today=TODAY)

    assert (period.first, period.last) == (202503, 202505)


def test_the_previous_period_has_the_same_length_and_ends_just_before() -> None:
    period = resolve_period(from_="2025-01", to="2025-03", today=TODAY)

    assert period.previous() == Period(first=202410, last=202412)
    assert period.public().from_ == date(2025, 1, 1)
    assert period.public().to == date(2025, 3, 31)
    assert period.public().months == 3


def test_a_period_runs_from_the_first_moment_of_its_first_month_to_the_end_of_its_last() -> None:
    period = Period(first=202402, last=202402)

    assert period.start == datetime(2024, 2, 1, tzinfo=timezone.utc)
    assert period.end == datetime(2024, 3, 1, tzinfo=timezone.utc)
    assert period.last_day == date(2024, 2, 29)


def test_from_after_to_is_refused() -> None:
    with pytest.raises(InvalidRequest, match="earlier"):
        resolve_period(from_="2025-04", to="2025-03", today=TODAY)


def test_a_period_longer_than_five_years_is_refused() -> None:
    with pytest.raises(InvalidRequest, match="60 months"):
        resolve_period(from_="2019-01", to="2025-01", today=TODAY)


def test_months_add_across_years() -> None:
    assert add_months(202412, 1) == 202501
    assert add_months(202501, -1) == 202412
    assert add_months(202503, -15) == 202312
    assert month_of(datetime(2025, 3, 31, 23, 59, tzinfo=timezone.utc)) == 202503
