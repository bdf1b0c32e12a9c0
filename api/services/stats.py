"""Keeping and reading the running totals behind summaries (tables in api/models/stats.py).

Storing views adds them to the totals in the same transaction, so a summary is always
exactly what the views table says, without reading the views themselves.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ARRAY,
    JSON,
    BigInteger,
    Integer,
    String,
    Table,
    Text,
    and_,
    bindparam,
    cast,
    func,
    text,
)
from sqlalchemy import select as core_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Session, col, select

from api.models import ContributorFirst, ContributorMonth, Forum, View, ViewStat
from api.services.periods import month_of

ALL_THEMES = "*"
THEME = "t"
CHANNEL = "c"
LANGUAGE = "l"
AGE_BAND = "a"
ANONYMISER = "v"
THEME_MODEL = "m"
UNKNOWN_AGE = "unknown"
# Cells looked up per query (a query's arrays or JSON stay a few hundred kB at most).
_CELL_BATCH = 5000
_CELL_COLUMNS = (
    ("forum_id", Integer),
    ("contributor_key", BigInteger),
    ("theme", String),
    ("dim", String),
    ("value", String),
)

CellKey = tuple[str, str, str]  # theme, dim, value
# A `views` row as column name -> value (enums as enums). Storing builds these straight from
# what the bot sent: a million ORM objects would cost more than the database work.
ViewRow = Mapping[str, Any]


@dataclass
class CellTotals:
    """A cell's totals over some months."""

    views: int = 0
    contributors: int = 0
    sentiment_sum: float = 0.0
    sentiment_n: int = 0

    @property
    def sentiment(self) -> float | None:
        """Average sentiment, or None when no view was scored."""
        return self.sentiment_sum / self.sentiment_n if self.sentiment_n else None


def contributor_key(pseudonym: str) -> int:
    """A 63-bit number made from the pseudonym (BLAKE2b), to store and compare cheaply.

    Two pseudonyms sharing one (about one chance in 10^7 among a million contributors)
    would be counted as one contributor: that can only make counts smaller, and so
    suppress more, never less.
    """
    digest = hashlib.blake2b(pseudonym.encode("ascii"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def contributor_cells(view: ViewRow) -> list[CellKey]:
    """The cells whose distinct contributors this view (a `views` row) counts in."""
    channel = view["channel"].value
    cells: list[CellKey] = [(ALL_THEMES, THEME, ""), (ALL_THEMES, CHANNEL, channel)]
    age = view["age_band"].value if view["age_band"] is not None else UNKNOWN_AGE
    for theme in view["themes"] or []:
        cells += [
            (theme, THEME, ""),
            (theme, CHANNEL, channel),
            (theme, LANGUAGE, view["language"]),
            (theme, AGE_BAND, age),
        ]
    return cells


def version_cells(view: ViewRow) -> list[CellKey]:
    """The cells of the versions behind this view: counted for views, not contributors."""
    cells: list[CellKey] = []
    if view["anonymiser_version"]:
        cells.append((ALL_THEMES, ANONYMISER, view["anonymiser_version"]))
    if view["theme_model_version"]:
        cells.append((ALL_THEMES, THEME_MODEL, view["theme_model_version"]))
    return cells


def lock_forums(*, session: Session, forum_ids: Iterable[int]) -> None:
    """On PostgreSQL, hold the forums' rows until commit, so totals are updated one at a time.

    (SQLite lets one transaction write at a time anyway.)
    """
    if session.get_bind().dialect.name == "postgresql":
        session.exec(
            select(Forum.id).where(col(Forum.id).in_(sorted(set(forum_ids)))).with_for_update()
        ).all()


def unnest_rows(table: Table, rows: Sequence[Mapping[str, Any]]) -> tuple[list[str], Any]:
    """PostgreSQL: the rows as one SELECT over column arrays (`unnest`), so thousands of rows
    travel as a handful of parameters and are written by one statement.

    (A multi-row VALUES list would carry a parameter per value: psycopg then spends more
    time parsing the statement than PostgreSQL spends running it.) Columns missing from
    the rows, such as a serial `id`, are left to their defaults.

    Returns:
        The column names, and the SELECT to insert from.
    """
    names = [column.name for column in table.columns if column.name in rows[0]]
    arrays: list[Any] = []
    for name in names:
        values = [row[name] for row in rows]
        kind = table.c[name].type
        if isinstance(kind, JSON):  # as text, then cast: nested lists would read as a 2-D array
            texts = [None if value is None else json.dumps(value) for value in values]
            arrays.append(cast(func.unnest(bindparam(f"rows_{name}", texts, ARRAY(Text))), JSONB))
        else:
            arrays.append(func.unnest(bindparam(f"rows_{name}", values, type_=ARRAY(kind))))
    return names, core_select(*arrays)


def _insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert new rows (one statement on PostgreSQL, a batched insert elsewhere)."""
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        names, source = unnest_rows(table, rows)
        session.execute(table.insert().from_select(names, source))
        return
    session.execute(table.insert(), rows)


def _add_to(
    session: Session, table: Table, rows: list[dict[str, Any]], keys: Sequence[str]
) -> None:
    """Insert rows, or add their numbers to the rows already there."""
    if not rows:
        return
    on_postgresql = session.get_bind().dialect.name == "postgresql"
    statement: Any
    if on_postgresql:
        names, source = unnest_rows(table, rows)
        statement = postgresql.insert(table).from_select(names, source)
    else:
        statement = sqlite.insert(table)
    sums = {
        column.name: column + statement.excluded[column.name]
        for column in table.columns
        if column.name not in keys
    }
    upsert = statement.on_conflict_do_update(index_elements=list(keys), set_=sums)
    if on_postgresql:
        session.execute(upsert)
    else:
        session.execute(upsert, rows)


ContributorCell = tuple[int, int, str, str, str]  # forum, contributor key, theme, dim, value


# SQLite: the cells travel as one JSON parameter. CROSS JOIN makes SQLite read the cells
# first and look each one up in the primary key (its planner would otherwise scan the
# forum's rows); one parameter also keeps the statement the same whatever the count.
_SQLITE_CELL_MONTHS = text(
    """
    SELECT m.forum_id, m.contributor_key, m.theme, m.dim, m.value, m.month
    FROM json_each(:cells) AS cell CROSS JOIN contributor_months AS m
    WHERE m.forum_id = cell.value ->> 0 AND m.contributor_key = cell.value ->> 1
      AND m.theme = cell.value ->> 2 AND m.dim = cell.value ->> 3
      AND m.value = cell.value ->> 4
    """
)


def _cell_months(session: Session, cells: list[ContributorCell]) -> Iterable[Any]:
    """Rows (forum, contributor key, theme, dim, value, month) of the given cells."""
    if session.get_bind().dialect.name != "postgresql":
        return session.execute(_SQLITE_CELL_MONTHS, {"cells": json.dumps(cells)})
    # PostgreSQL: the cells as `unnest` of five arrays (five parameters, whatever the count).
    table = ContributorMonth.__table__  # type: ignore[attr-defined]
    wanted = core_select(
        *(
            func.unnest(
                bindparam(f"cells_{name}", [cell[i] for cell in cells], type_=ARRAY(kind))
            ).label(name)
            for i, (name, kind) in enumerate(_CELL_COLUMNS)
        )
    ).subquery("cells")
    matches = and_(*(table.c[name] == wanted.c[name] for name, _ in _CELL_COLUMNS))
    return session.execute(
        core_select(*(table.c[name] for name, _ in _CELL_COLUMNS), table.c.month).select_from(
            wanted.join(table, matches)
        )
    )


def _months_seen(session: Session, cells: set[ContributorCell]) -> dict[ContributorCell, list[int]]:
    """For each cell (a contributor's theme, channel, language...): the months it has a view in.

    Only the cells the new views fall in are read, one index look-up each. (Reading all
    the cells of each contributor instead returned ten times the rows and took most of the
    time of storing a batch once the database was full.)
    """
    seen: dict[ContributorCell, list[int]] = defaultdict(list)
    ordered = sorted(cells)
    for start in range(0, len(ordered), _CELL_BATCH):
        for forum_id, key, theme, dim, value, month in _cell_months(
            session, ordered[start : start + _CELL_BATCH]
        ):
            seen[(forum_id, key, theme, dim, value)].append(month)
    for months in seen.values():
        months.sort()
    return seen


def record_views(*, session: Session, views: Sequence[ViewRow]) -> None:
    """Add views just inserted (as `views` rows) to the running totals. The caller commits.

    Call `lock_forums` first in the same transaction on PostgreSQL.
    """
    if not views:
        return
    stats: dict[tuple[Any, ...], list[float]] = defaultdict(lambda: [0, 0.0, 0])
    firsts: dict[tuple[Any, ...], int] = defaultdict(int)
    new_months: list[dict[str, Any]] = []
    # Each view's cells are worked out once: they are used three times below.
    keyed = [
        (
            view,
            view["forum_id"],
            contributor_key(view["contributor"]),
            month_of(view["created_at"]),
            contributor_cells(view),
        )
        for view in views
    ]
    seen = _months_seen(
        session,
        {
            (forum_id, key, theme, dim, value)
            for _, forum_id, key, _, cells in keyed
            for theme, dim, value in cells
        },
    )

    for view, forum_id, key, month, cells in sorted(keyed, key=lambda item: item[0]["created_at"]):
        sentiment = view["sentiment"]
        for theme, dim, value in cells + version_cells(view):
            totals = stats[(forum_id, month, theme, dim, value)]
            totals[0] += 1
            if sentiment is not None:
                totals[1] += sentiment
                totals[2] += 1
        for theme, dim, value in cells:
            months = seen[(forum_id, key, theme, dim, value)]
            index = bisect.bisect_left(months, month)
            if index < len(months) and months[index] == month:
                continue
            previous = months[index - 1] if index else 0
            cell = (forum_id, theme, dim, value)
            firsts[cell + (month, previous)] += 1
            if index < len(months):  # a later month's first view now follows this one
                later = months[index]
                firsts[cell + (later, previous)] -= 1
                firsts[cell + (later, month)] += 1
            months.insert(index, month)
            new_months.append(
                {
                    "forum_id": forum_id,
                    "contributor_key": key,
                    "theme": theme,
                    "dim": dim,
                    "value": value,
                    "month": month,
                }
            )

    _insert_rows(session, ContributorMonth.__table__, new_months)  # type: ignore[attr-defined]
    cell_names = ("forum_id", "month", "theme", "dim", "value")
    _add_to(
        session,
        ViewStat.__table__,  # type: ignore[attr-defined]
        [
            {
                "forum_id": forum_id,
                "month": month,
                "theme": theme,
                "dim": dim,
                "value": value,
                "views": int(count),
                "sentiment_sum": total,
                "sentiment_n": int(scored),
            }
            for (forum_id, month, theme, dim, value), (count, total, scored) in sorted(
                stats.items()
            )
        ],
        cell_names,
    )
    _add_to(
        session,
        ContributorFirst.__table__,  # type: ignore[attr-defined]
        [
            {
                "forum_id": forum_id,
                "theme": theme,
                "dim": dim,
                "value": value,
                "month": month,
                "prev_month": previous,
                "contributors": count,
            }
            for (forum_id, theme, dim, value, month, previous), count in sorted(firsts.items())
            if count
        ],
        (*cell_names, "prev_month"),
    )


def cell_totals(
    *,
    session: Session,
    forum_id: int,
    first: int,
    last: int,
    dims: Collection[str] | None = None,
) -> dict[CellKey, CellTotals]:
    """Every cell's totals over months `first` to `last`, with exact distinct contributors."""
    stats = ViewStat.__table__  # type: ignore[attr-defined]
    firsts = ContributorFirst.__table__  # type: ignore[attr-defined]
    stat_query = (
        core_select(
            stats.c.theme,
            stats.c.dim,
            stats.c.value,
            func.sum(stats.c.views),
            func.sum(stats.c.sentiment_sum),
            func.sum(stats.c.sentiment_n),
        )
        .where(stats.c.forum_id == forum_id, stats.c.month.between(first, last))
        .group_by(stats.c.theme, stats.c.dim, stats.c.value)
    )
    first_query = (
        core_select(firsts.c.theme, firsts.c.dim, firsts.c.value, func.sum(firsts.c.contributors))
        .where(
            firsts.c.forum_id == forum_id,
            firsts.c.month.between(first, last),
            firsts.c.prev_month < first,
        )
        .group_by(firsts.c.theme, firsts.c.dim, firsts.c.value)
    )
    if dims is not None:
        stat_query = stat_query.where(stats.c.dim.in_(list(dims)))
        first_query = first_query.where(firsts.c.dim.in_(list(dims)))
    totals: dict[CellKey, CellTotals] = defaultdict(CellTotals)
    for theme, dim, value, views, sentiment_sum, sentiment_n in session.execute(stat_query):
        cell = totals[(theme, dim, value)]
        cell.views, cell.sentiment_sum, cell.sentiment_n = (
            int(views or 0),
            float(sentiment_sum or 0.0),
            int(sentiment_n or 0),
        )
    for theme, dim, value, contributors in session.execute(first_query):
        totals[(theme, dim, value)].contributors = int(contributors or 0)
    return dict(totals)


def monthly_theme_totals(
    *, session: Session, forum_id: int, first: int, last: int
) -> dict[tuple[str, int], CellTotals]:
    """Each theme's (and `*`'s) totals for each month from `first` to `last`."""
    stats = ViewStat.__table__  # type: ignore[attr-defined]
    firsts = ContributorFirst.__table__  # type: ignore[attr-defined]
    totals: dict[tuple[str, int], CellTotals] = defaultdict(CellTotals)
    rows = session.execute(
        core_select(
            stats.c.theme,
            stats.c.month,
            stats.c.views,
            stats.c.sentiment_sum,
            stats.c.sentiment_n,
        ).where(
            stats.c.forum_id == forum_id,
            stats.c.month.between(first, last),
            stats.c.dim == THEME,
        )
    )
    for theme, month, views, sentiment_sum, sentiment_n in rows:
        cell = totals[(theme, month)]
        cell.views, cell.sentiment_sum, cell.sentiment_n = views, sentiment_sum, sentiment_n
    contributor_rows = session.execute(
        core_select(firsts.c.theme, firsts.c.month, func.sum(firsts.c.contributors))
        .where(
            firsts.c.forum_id == forum_id,
            firsts.c.month.between(first, last),
            firsts.c.dim == THEME,
        )
        .group_by(firsts.c.theme, firsts.c.month)
    )
    for theme, month, contributors in contributor_rows:
        totals[(theme, month)].contributors = int(contributors or 0)
    return dict(totals)


def rebuild_stats(*, session: Session, forum_id: int, batch: int = 2000) -> int:
    """Recompute a forum's running totals from its views (after a repair). Commits.

    Returns:
        How many views were counted.
    """
    tables: list[Table] = [
        ViewStat.__table__,  # type: ignore[attr-defined]
        ContributorFirst.__table__,  # type: ignore[attr-defined]
        ContributorMonth.__table__,  # type: ignore[attr-defined]
    ]
    for table in tables:
        session.execute(table.delete().where(table.c.forum_id == forum_id))
    views_table = View.__table__  # type: ignore[attr-defined]
    counted = 0
    last_id = 0
    while True:
        views = [
            dict(row)
            for row in session.execute(
                core_select(views_table)
                .where(views_table.c.forum_id == forum_id, views_table.c.id > last_id)
                .order_by(views_table.c.id)
                .limit(batch)
            ).mappings()
        ]
        if not views:
            break
        record_views(session=session, views=views)
        counted += len(views)
        last_id = views[-1]["id"]
    session.commit()
    return counted
