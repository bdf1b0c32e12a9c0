"""Running totals behind the summaries, kept up to date as views arrive (see services/stats).

Three tables, all keyed by forum, month (`yyyymm`, e.g. 202503) and a *cell*: a theme code
(or `*` for all views) with a dimension (`t` the theme itself, `c` channel, `l` language,
`a` age band, `v` anonymiser version, `m` theme model version) and its value.

- `view_stats`: views, and the sum and count of sentiment, per cell and month.
- `contributor_months`: which contributors (a 63-bit key made from the pseudonym) gave a view in
  which cell in which month. Read only while storing views.
- `contributor_firsts`: per cell and month, how many contributors gave a view that month
  whose previous view in the same cell was in `prev_month` (0 for none). The distinct
  contributors of any run of months [m1, m2] is then the sum over months m1..m2 with
  `prev_month < m1`: each contributor counts once, in their first month of the run.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer
from sqlmodel import Field, SQLModel

WITHOUT_ROWID = {"sqlite_with_rowid": False}


class ViewStat(SQLModel, table=True):
    """Views and sentiment per forum, month and cell."""

    __tablename__ = "view_stats"
    __table_args__ = WITHOUT_ROWID

    forum_id: int = Field(foreign_key="forums.id", primary_key=True)
    month: int = Field(primary_key=True)
    theme: str = Field(max_length=64, primary_key=True)
    dim: str = Field(max_length=1, primary_key=True)
    value: str = Field(max_length=64, primary_key=True)
    views: int = 0
    sentiment_sum: float = 0.0
    sentiment_n: int = 0


class ContributorMonth(SQLModel, table=True):
    """A contributor gave at least one view in this cell in this month."""

    __tablename__ = "contributor_months"
    __table_args__ = WITHOUT_ROWID

    forum_id: int = Field(foreign_key="forums.id", primary_key=True)
    contributor_key: int = Field(
        sa_column=Column(BigInteger, primary_key=True, autoincrement=False)
    )
    theme: str = Field(max_length=64, primary_key=True)
    dim: str = Field(max_length=1, primary_key=True)
    value: str = Field(max_length=64, primary_key=True)
    month: int = Field(primary_key=True)


class ContributorFirst(SQLModel, table=True):
    """How many contributors in a cell and month had their previous view in `prev_month`."""

    __tablename__ = "contributor_firsts"
    __table_args__ = WITHOUT_ROWID

    forum_id: int = Field(foreign_key="forums.id", primary_key=True)
    month: int = Field(primary_key=True)
    theme: str = Field(max_length=64, primary_key=True)
    dim: str = Field(max_length=1, primary_key=True)
    value: str = Field(max_length=64, primary_key=True)
    prev_month: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    contributors: int = 0
