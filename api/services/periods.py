"""Summary periods: runs of whole calendar months (UTC), written as `yyyymm` numbers.

Whole months keep the numbers comparable from one period to the next, make it harder to
isolate a few days' views by subtracting one period from another, and let summaries come
from monthly running totals instead of scanning every view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from api.errors import InvalidRequest
from api.models.summary import PeriodPublic

MAX_MONTHS = 60
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100
DEFAULT_MONTHS = 3
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_of(moment: datetime | date) -> int:
    """The `yyyymm` number of the month a moment falls in (a naive time is taken as UTC)."""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.year * 100 + moment.month


def add_months(month: int, count: int) -> int:
    """`month` moved on by `count` months (back, when negative)."""
    index = (month // 100) * 12 + (month % 100 - 1) + count
    return (index // 12) * 100 + index % 12 + 1


def month_label(month: int) -> str:
    """`202503` -> `2025-03`."""
    return f"{month // 100:04d}-{month % 100:02d}"


def first_day(month: int) -> date:
    """The first day of a `yyyymm` month."""
    return date(month // 100, month % 100, 1)


@dataclass(frozen=True)
class Period:
    """Months `first` to `last`, both included."""

    first: int
    last: int

    @property
    def months(self) -> list[int]:
        """Every month of the period, oldest first."""
        result, month = [], self.first
        while month <= self.last:
            result.append(month)
            month = add_months(month, 1)
        return result

    @property
    def length(self) -> int:
        """How many months it spans."""
        return len(self.months)

    @property
    def start(self) -> datetime:
        """Its first moment (UTC)."""
        return datetime.combine(first_day(self.first), datetime.min.time(), timezone.utc)

    @property
    def end(self) -> datetime:
        """The first moment after it (UTC)."""
        return datetime.combine(
            first_day(add_months(self.last, 1)), datetime.min.time(), timezone.utc
        )

    @property
    def last_day(self) -> date:
        """The last day of its last month."""
        return first_day(add_months(self.last, 1)) - timedelta(days=1)

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(first=add_months(self.first, -self.length), last=add_months(self.first, -1))

    def public(self) -> PeriodPublic:
        """As the API shows it."""
        return PeriodPublic.model_validate(
            {"from": first_day(self.first), "to": self.last_day, "months": self.length}
        )


def _bad(name: str, message: str) -> InvalidRequest:
    return InvalidRequest(
        message,
        details=[{"location": ["query", name], "message": message, "type": "invalid_period"}],
    )


def parse_month(text: str, *, name: str) -> int:
    """Read a month from `YYYY-MM`, a date `YYYY-MM-DD`, or an ISO 8601 time.

    Raises:
        InvalidRequest: It is none of those, or outside 2000 to 2100.
    """
    value = text.strip()
    match = _MONTH.fullmatch(value)
    month: int | None = None
    if match:
        year, number = int(match.group(1)), int(match.group(2))
        month = year * 100 + number if 1 <= number <= 12 else None
    else:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            try:
                month = month_of(date.fromisoformat(value))
            except ValueError:
                month = None
        else:
            month = month_of(moment)
    if month is None:
        raise _bad(
            name,
            f"'{name}' must be a month like 2025-01, or a date like 2025-01-31.",
        )
    if not EARLIEST_YEAR <= month // 100 <= LATEST_YEAR:
        raise _bad(name, f"'{name}' must be between {EARLIEST_YEAR} and {LATEST_YEAR}.")
    return month


def resolve_period(*, from_: str | None, to: str | None, today: date) -> Period:
    """The whole months from `from_` to `to`, both included.

    Left out, `to` is this month and `from_` is two months before `to` (three months in all);
    a date inside a month stands for the whole month.

    Raises:
        InvalidRequest: A month cannot be read, `from` is after `to`, or the period is
            longer than 60 months.
    """
    last = parse_month(to, name="to") if to else month_of(today)
    first = parse_month(from_, name="from") if from_ else add_months(last, 1 - DEFAULT_MONTHS)
    if first > last:
        raise _bad("from", "'from' must be the same month as 'to' or earlier.")
    period = Period(first=first, last=last)
    if period.length > MAX_MONTHS:
        raise _bad("from", f"A period can be at most {MAX_MONTHS} months long.")
    if period.previous().first // 100 < EARLIEST_YEAR - 5:
        raise _bad("from", f"'from' must be between {EARLIEST_YEAR} and {LATEST_YEAR}.")
    return period
