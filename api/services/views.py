"""Storing views from the bot and reading them back for a forum."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, String, any_, bindparam, cast, func
from sqlalchemy import select as core_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Session, col, select

from api.models import Channel, QuoteStatus, View, ViewCreate, utc_now
from api.services.stats import ViewRow, lock_forums, record_views, unnest_rows

VIEWS = View.__table__  # type: ignore[attr-defined]


def view_row(item: ViewCreate, *, forum_id: int, created_at: datetime) -> ViewRow:
    """The `views` row for a view the bot sent, with the defaults the `View` model gives."""
    row = item.model_dump()
    row.update(
        forum_id=forum_id,
        created_at=created_at,
        quote_status=QuoteStatus.pending,
        quote_decided_at=None,
        quote_decided_by=None,
    )
    return row


def insert_views(*, session: Session, views: Sequence[View]) -> list[int]:
    """Insert new views and add them to the summary totals, in one transaction. Commits.

    The `View` objects passed in are left as they were (no ORM bookkeeping).

    Returns:
        The new views' ids, in order.

    Raises:
        sqlalchemy.exc.IntegrityError: A `client_ref` is already stored (nothing is kept).
    """
    return insert_rows(session=session, rows=[view.model_dump(exclude={"id"}) for view in views])


def insert_rows(*, session: Session, rows: Sequence[ViewRow]) -> list[int]:
    """Insert new `views` rows (without `id`) and add them to the totals. Commits.

    The fastest correct way in: one multi-row INSERT, totals updated set by set.

    Returns:
        The new views' ids, in order.

    Raises:
        sqlalchemy.exc.IntegrityError: A `client_ref` is already stored (nothing is kept).
    """
    if not rows:
        return []
    try:
        lock_forums(session=session, forum_ids={row["forum_id"] for row in rows})
        ids = _insert(session, rows, skip_stored=False)
        record_views(session=session, views=rows)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return [ids[row["client_ref"]] for row in rows]


def _insert(session: Session, rows: Sequence[ViewRow], *, skip_stored: bool) -> dict[str, int]:
    """Insert rows with one statement: `unnest` of column arrays on PostgreSQL, a multi-row
    VALUES list elsewhere (SQLAlchemy's "insertmanyvalues").

    With `skip_stored`, a row whose `client_ref` is already stored (by another request
    that got there between our look-up and now) is left out rather than failing the batch:
    `ON CONFLICT DO NOTHING`, on both databases.

    Returns:
        `client_ref` -> id of each row this call inserted.
    """
    if not rows:
        return {}
    on_postgresql = _on_postgresql(session)
    insert: Any = (postgresql if on_postgresql else sqlite).insert(VIEWS)
    if on_postgresql:
        names, source = unnest_rows(VIEWS, rows)
        insert = insert.from_select(names, source)
    if skip_stored:
        insert = insert.on_conflict_do_nothing(index_elements=["client_ref"])
    insert = insert.returning(VIEWS.c.client_ref, VIEWS.c.id)
    returned = session.execute(insert) if on_postgresql else session.execute(insert, list(rows))
    return {client_ref: view_id for client_ref, view_id in returned}


def _on_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _one_of(session: Session, column: Any, values: list[str]) -> ColumnElement[bool]:
    """`column IN values`; on PostgreSQL as one array parameter, whatever the count."""
    if _on_postgresql(session):
        return column == any_(bindparam("values", values, type_=ARRAY(String)))
    return column.in_(values)  # type: ignore[no-any-return]


def _stored_ids(session: Session, refs: Iterable[str]) -> dict[str, int]:
    """`client_ref` -> id of those of `refs` already stored: one query for the whole batch."""
    refs = list(refs)
    if not refs:
        return {}
    query = core_select(VIEWS.c.client_ref, VIEWS.c.id).where(
        _one_of(session, VIEWS.c.client_ref, refs)
    )
    return {client_ref: view_id for client_ref, view_id in session.execute(query)}


def store_views(
    *, session: Session, forum_id: int, items: Sequence[ViewCreate]
) -> list[tuple[int, bool]]:
    """Store views for a forum, each `client_ref` once. Commits.

    Set-based, whatever the batch size: one query finds the references stored before, one
    INSERT (`ON CONFLICT DO NOTHING`) writes the rest, and the totals are updated for
    exactly the rows this call inserted, in the same transaction.

    Returns:
        For each item, in order: its view's id, and True when this call stored it (False
        when the same `client_ref` was stored before, or earlier in the same batch).
    """
    now = utc_now()
    rows: dict[str, ViewRow] = {}
    for item in items:  # a reference sent twice in one batch: the first one is stored
        if item.client_ref not in rows:
            rows[item.client_ref] = view_row(item, forum_id=forum_id, created_at=now)
    try:
        # On PostgreSQL this waits for other writers of the forum, so the look-up below
        # sees what they committed; on SQLite a writer that slips in between is caught
        # by ON CONFLICT DO NOTHING and looked up again.
        lock_forums(session=session, forum_ids={forum_id})
        known = _stored_ids(session, rows)
        fresh = _insert(
            session, [row for ref, row in rows.items() if ref not in known], skip_stored=True
        )
        missed = [ref for ref in rows if ref not in known and ref not in fresh]
        known |= _stored_ids(session, missed)
        record_views(session=session, views=[rows[ref] for ref in fresh])
        session.commit()
    except Exception:
        session.rollback()
        raise
    results: list[tuple[int, bool]] = []
    for item in items:
        ref = item.client_ref
        if ref in fresh:  # the first time this call sees it
            results.append((fresh.pop(ref), True))
            known[ref] = results[-1][0]
        else:
            results.append((known[ref], False))
    return results


def store_view(*, session: Session, forum_id: int, data: ViewCreate) -> tuple[View, bool]:
    """Store a view for a forum, once per `client_ref`.

    Returns:
        The view, and True when this call stored it (False when the same `client_ref`
        had been stored before, in which case nothing changes).
    """
    ((view_id, created),) = store_views(session=session, forum_id=forum_id, items=[data])
    view = session.get(View, view_id)
    assert view is not None
    return view, created


def _has_theme(session: Session, theme: str) -> ColumnElement[bool]:
    """A condition true when a view's `themes` list holds `theme`."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(View.themes, JSONB).contains([theme])
    each = func.json_each(View.themes).table_valued("value").alias("theme_each")
    return select(1).select_from(each).where(each.c.value == theme).exists()


def list_views(
    *,
    session: Session,
    forum_id: int,
    since: datetime | None = None,
    theme: str | None = None,
    quote_status: QuoteStatus | None = None,
    limit: int = 100,
) -> Sequence[View]:
    """A forum's views, newest first.

    Args:
        session: An open session.
        forum_id: Only this forum's views are returned.
        since: Only views stored at or after this time (a naive time is taken as UTC).
        theme: Only views carrying this theme code.
        quote_status: Only views with this quote decision.
        limit: At most this many views.
    """
    statement = select(View).where(View.forum_id == forum_id)
    if since is not None:
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
        statement = statement.where(View.created_at >= since)
    if theme is not None:
        statement = statement.where(_has_theme(session, theme))
    if quote_status is not None:
        statement = statement.where(View.quote_status == quote_status)
    statement = statement.order_by(col(View.created_at).desc(), col(View.id).desc()).limit(limit)
    return session.exec(statement).all()


def decide_quote(
    *, session: Session, forum_id: int, view_id: int, status: QuoteStatus, key_id: int
) -> View | None:
    """Approve or reject a forum's view as a quote (or set it back to pending). Commits.

    Returns:
        The view, or None when the forum has no view with that id.
    """
    view = session.get(View, view_id)
    if view is None or view.forum_id != forum_id:
        return None
    view.quote_status = status
    pending = status is QuoteStatus.pending
    view.quote_decided_at = None if pending else utc_now()
    view.quote_decided_by = None if pending else key_id
    session.add(view)
    session.commit()
    session.refresh(view)
    return view


def approved_quotes(
    *, session: Session, forum_id: int, start: datetime, end: datetime
) -> Sequence[View]:
    """A forum's approved quotes given from `start` up to (not including) `end`, newest first."""
    return session.exec(
        select(View)
        .where(
            View.forum_id == forum_id,
            View.quote_status == QuoteStatus.approved,
            View.created_at >= start,
            View.created_at < end,
        )
        .order_by(col(View.created_at).desc(), col(View.id).desc())
    ).all()


def hear_back_views(
    *, session: Session, forum_id: int, theme: str, start: datetime, end: datetime
) -> Sequence[tuple[str, str, str | None]]:
    """(contributor, channel, recipient_ref) of each view on `theme` from parents who asked
    to hear back, given from `start` up to `end`, oldest first."""
    rows = session.exec(
        select(View.contributor, View.channel, View.recipient_ref)
        .where(
            View.forum_id == forum_id,
            col(View.hear_back).is_(True),
            View.created_at >= start,
            View.created_at < end,
            _has_theme(session, theme),
        )
        .order_by(col(View.created_at), col(View.id))
    ).all()
    return [(contributor, Channel(channel).value, ref) for contributor, channel, ref in rows]
