"""Storing views from the bot and reading them back for a forum."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, String, any_, bindparam, cast, func
from sqlalchemy import select as core_select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.models import Channel, QuoteStatus, View, ViewCreate, utc_now
from api.services.stats import lock_forums, record_views


def get_view_by_client_ref(*, session: Session, client_ref: str) -> View | None:
    """The view stored under the bot's reference, or None."""
    return session.exec(select(View).where(View.client_ref == client_ref)).first()


def insert_views(*, session: Session, views: Sequence[View]) -> list[int]:
    """Insert new views and add them to the summary totals, in one transaction. Commits.

    The views are written with one batched INSERT (no ORM bookkeeping), then their ids are
    read back by `client_ref`; the `View` objects passed in are left as they were.

    Returns:
        The new views' ids, in order.

    Raises:
        sqlalchemy.exc.IntegrityError: A `client_ref` is already stored (nothing is kept).
    """
    if not views:
        return []
    table = View.__table__  # type: ignore[attr-defined]
    rows = [view.model_dump(exclude={"id"}) for view in views]
    refs = [view.client_ref for view in views]
    try:
        lock_forums(session=session, forum_ids={view.forum_id for view in views})
        session.execute(table.insert(), rows)
        ids: dict[str, int] = {
            ref: view_id
            for ref, view_id in session.execute(
                core_select(table.c.client_ref, table.c.id).where(
                    _one_of(session, table.c.client_ref, refs)
                )
            )
        }
        record_views(session=session, views=views)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return [ids[ref] for ref in refs]


def _one_of(session: Session, column: Any, values: list[str]) -> ColumnElement[bool]:
    """`column IN values`; on PostgreSQL as one array parameter, whatever the count."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam("values", values, type_=ARRAY(String)))
    return column.in_(values)  # type: ignore[no-any-return]


def store_views(
    *, session: Session, forum_id: int, items: Sequence[ViewCreate]
) -> list[tuple[int, bool]]:
    """Store views for a forum, each `client_ref` once.

    Returns:
        For each item, in order: its view's id, and True when this call stored it (False
        when the same `client_ref` was stored before, or earlier in the same batch).
    """
    refs = list(dict.fromkeys(item.client_ref for item in items))
    known: dict[str, int] = {
        ref: view_id
        for ref, view_id in session.exec(
            select(View.client_ref, View.id).where(col(View.client_ref).in_(refs))
        ).all()
        if view_id is not None
    }
    new: dict[str, View] = {}
    for item in items:  # a reference sent twice in one batch: the first one is stored
        if item.client_ref not in known and item.client_ref not in new:
            new[item.client_ref] = View.model_validate(item, update={"forum_id": forum_id})
    try:
        new_ids = insert_views(session=session, views=list(new.values()))
    except IntegrityError:
        # Some arrived at the same moment from a retry: store them one at a time.
        if len(items) == 1:
            stored = get_view_by_client_ref(session=session, client_ref=items[0].client_ref)
            if stored is None or stored.id is None:
                raise
            return [(stored.id, False)]
        return [
            _stored(store_view(session=session, forum_id=forum_id, data=item)) for item in items
        ]
    fresh: dict[str, int] = dict(zip(new, new_ids, strict=True))
    results: list[tuple[int, bool]] = []
    for item in items:
        if item.client_ref in fresh:
            results.append((fresh.pop(item.client_ref), True))
            known[item.client_ref] = results[-1][0]
        else:
            results.append((known[item.client_ref], False))
    return results


def _stored(result: tuple[View, bool]) -> tuple[int, bool]:
    view, created = result
    assert view.id is not None
    return view.id, created


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
