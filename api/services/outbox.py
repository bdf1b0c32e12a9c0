"""The hear-back outbox, as the bot's side works through it.

Listing messages holds them for the caller for a few minutes (a lease), so two workers
polling at once do not send the same message twice (PostgreSQL skips rows another worker
has locked; SQLite lets one worker list at a time); a message not marked delivered or failed
before its lease ends is listed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from api.models import Action, Forum, OutboxMessage, OutboxStatus, utc_now
from api.models.outbox import MAX_ATTEMPTS

LEASE = timedelta(minutes=5)


def lease_messages(
    *, session: Session, limit: int, now: datetime | None = None
) -> Sequence[tuple[OutboxMessage, str, str]]:
    """Up to `limit` pending messages not held by anyone, oldest first, now held by the caller.

    Returns:
        Each message with its forum's slug and its action's theme. Commits.
    """
    now = now or utc_now()
    if session.get_bind().dialect.name == "sqlite":
        # SQLite has no SKIP LOCKED: take its write lock first (a write that changes nothing),
        # so two workers listing at once take turns instead of both reading the same rows.
        session.execute(update(OutboxMessage).where(col(OutboxMessage.id) == -1).values(attempts=0))
    statement = (
        select(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.pending,
            or_(
                col(OutboxMessage.leased_until).is_(None),
                col(OutboxMessage.leased_until) <= now,
            ),
        )
        .order_by(col(OutboxMessage.id))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    messages = list(session.exec(statement).all())
    for message in messages:
        message.leased_until = now + LEASE
        message.updated_at = now
        session.add(message)
    session.commit()
    if not messages:
        return []
    labels = {
        action_id: (slug, theme)
        for action_id, slug, theme in session.exec(
            select(Action.id, Forum.slug, Action.theme)
            .join(Forum, col(Forum.id) == Action.forum_id)
            .where(col(Action.id).in_({message.action_id for message in messages}))
        ).all()
    }
    for message in messages:
        session.refresh(message)
    return [(message, *labels[message.action_id]) for message in messages]


def mark_delivered(*, session: Session, message_id: int) -> OutboxMessage | None:
    """Mark a message delivered (again is fine). Commits. None when there is no such message."""
    message = session.get(OutboxMessage, message_id)
    if message is None:
        return None
    if message.status is not OutboxStatus.delivered:
        now = utc_now()
        message.status = OutboxStatus.delivered
        message.delivered_at = now
        message.updated_at = now
        message.leased_until = None
        session.add(message)
        session.commit()
        session.refresh(message)
    return message


def mark_failed(
    *, session: Session, message_id: int, reason: str, retry: bool
) -> OutboxMessage | None:
    """Record a failed try. With `retry`, the message is listed again once its lease ends
    (up to MAX_ATTEMPTS tries); otherwise it is given up on. Commits.

    Returns:
        The message, or None when there is no such message. A delivered message stays
        delivered.
    """
    message = session.get(OutboxMessage, message_id)
    if message is None:
        return None
    if message.status is OutboxStatus.pending:
        message.attempts += 1
        message.failure_reason = reason
        message.updated_at = utc_now()
        if retry and message.attempts < MAX_ATTEMPTS:
            message.leased_until = message.updated_at + LEASE
        else:
            message.status = OutboxStatus.failed
            message.leased_until = None
        session.add(message)
        session.commit()
        session.refresh(message)
    return message
