"""Storing and listing safeguarding events (never any message text)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.models import SafeguardingEvent, SafeguardingEventCreate


def store_safeguarding_event(
    *, session: Session, forum_id: int, data: SafeguardingEventCreate
) -> tuple[SafeguardingEvent, bool]:
    """Store an event for a forum, once per `client_ref`.

    Returns:
        The event, and True when this call stored it.
    """
    statement = select(SafeguardingEvent).where(SafeguardingEvent.client_ref == data.client_ref)
    existing = session.exec(statement).first()
    if existing is not None:
        return existing, False
    occurred_at = data.occurred_at
    if occurred_at.tzinfo is None:
        occurred_at = occurred_at.replace(tzinfo=timezone.utc)
    event = SafeguardingEvent.model_validate(
        data, update={"forum_id": forum_id, "occurred_at": occurred_at}
    )
    session.add(event)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        existing = session.exec(statement).first()
        if existing is None:
            raise
        return existing, False
    session.refresh(event)
    return event, True


def list_safeguarding_events(
    *, session: Session, forum_id: int, since: datetime | None = None, limit: int = 100
) -> Sequence[SafeguardingEvent]:
    """A forum's safeguarding events, newest first."""
    statement = select(SafeguardingEvent).where(SafeguardingEvent.forum_id == forum_id)
    if since is not None:
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
        statement = statement.where(SafeguardingEvent.occurred_at >= since)
    statement = statement.order_by(
        col(SafeguardingEvent.occurred_at).desc(), col(SafeguardingEvent.id).desc()
    ).limit(limit)
    return session.exec(statement).all()
