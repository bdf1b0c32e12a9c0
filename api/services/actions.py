"""You said, we did: recording changes, and queueing the parents who asked to hear back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.models import Action, ActionCreate, Forum, OutboxMessage
from api.services.views import hear_back_views


def _day_start(day: object) -> datetime:
    return datetime.combine(day, time.min, timezone.utc)  # type: ignore[arg-type]


def record_action(
    *, session: Session, forum: Forum, data: ActionCreate, key_id: int
) -> tuple[Action, int]:
    """Record a change and queue one message per parent (pseudonym and channel) who gave a
    view on its theme between `views_from` and `views_to` and asked to hear back. Commits.

    Returns:
        The action, and how many messages were queued.
    """
    assert forum.id is not None
    action = Action.model_validate(
        data,
        update={"forum_id": forum.id, "message": data.parents_message(), "created_by": key_id},
    )
    session.add(action)
    session.flush()
    assert action.id is not None
    recipients: dict[tuple[str, str], str | None] = {}
    for contributor, channel, recipient_ref in hear_back_views(
        session=session,
        forum_id=forum.id,
        theme=data.theme,
        start=_day_start(data.views_from),
        end=_day_start(data.views_to) + timedelta(days=1),
    ):
        # Oldest first, so the newest routing data the bot sent wins.
        if recipient_ref:
            recipients[(contributor, channel)] = recipient_ref
        else:
            recipients.setdefault((contributor, channel), None)
    session.add_all(
        OutboxMessage(
            forum_id=forum.id,
            action_id=action.id,
            contributor=contributor,
            channel=channel,  # type: ignore[arg-type]
            recipient_ref=recipient_ref,
            message=action.message,
        )
        for (contributor, channel), recipient_ref in recipients.items()
    )
    session.commit()
    session.refresh(action)
    return action, len(recipients)


def list_actions(
    *, session: Session, forum_id: int, theme: str | None = None, limit: int = 100
) -> Sequence[tuple[Action, int]]:
    """A forum's recorded changes, newest first, each with how many messages it queued."""
    queued = (
        select(OutboxMessage.action_id, func.count().label("queued"))
        .group_by(col(OutboxMessage.action_id))
        .subquery()
    )
    statement = (
        select(Action, func.coalesce(queued.c.queued, 0))
        .outerjoin(queued, queued.c.action_id == Action.id)
        .where(Action.forum_id == forum_id)
    )
    if theme is not None:
        statement = statement.where(Action.theme == theme)
    statement = statement.order_by(col(Action.created_at).desc(), col(Action.id).desc())
    return session.exec(statement.limit(limit)).all()


def count_actions_by_theme(
    *, session: Session, forum_id: int, start: datetime, end: datetime
) -> dict[str, int]:
    """How many changes were recorded against each theme from `start` up to `end`."""
    rows = session.exec(
        select(Action.theme, func.count())
        .where(Action.forum_id == forum_id, Action.created_at >= start, Action.created_at < end)
        .group_by(col(Action.theme))
    ).all()
    return {theme: int(count) for theme, count in rows}


def actions_in(
    *, session: Session, forum_id: int, start: datetime, end: datetime
) -> Sequence[Action]:
    """The changes recorded from `start` up to `end`, oldest first (for reports)."""
    return session.exec(
        select(Action)
        .where(Action.forum_id == forum_id, Action.created_at >= start, Action.created_at < end)
        .order_by(col(Action.created_at), col(Action.id))
    ).all()
