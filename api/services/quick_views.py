"""Quick views: creating and closing them, storing answers, and counting them safely."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.models import (
    Forum,
    QuickView,
    QuickViewAnswer,
    QuickViewAnswerCreate,
    QuickViewCreate,
    QuickViewOptionResult,
    QuickViewResults,
    utc_now,
)
from api.services.disclosure import Count, protect, shown


class QuickViewClosed(Exception):
    """Answers are no longer taken."""


class NoSuchOption(Exception):
    """The answer names an option the quick view does not have."""


def create_quick_view(
    *, session: Session, forum_id: int, data: QuickViewCreate, key_id: int
) -> QuickView:
    """Store a new, open quick view. Commits."""
    quick_view = QuickView.model_validate(data, update={"forum_id": forum_id, "created_by": key_id})
    session.add(quick_view)
    session.commit()
    session.refresh(quick_view)
    return quick_view


def get_quick_view(*, session: Session, forum_id: int, quick_view_id: int) -> QuickView | None:
    """The forum's quick view with this id, or None."""
    quick_view = session.get(QuickView, quick_view_id)
    return quick_view if quick_view is not None and quick_view.forum_id == forum_id else None


def list_quick_views(
    *, session: Session, forum_id: int, only_open: bool = False, limit: int = 100
) -> Sequence[QuickView]:
    """A forum's quick views, newest first (only the open ones, if asked)."""
    statement = (
        select(QuickView)
        .where(QuickView.forum_id == forum_id)
        .order_by(col(QuickView.created_at).desc(), col(QuickView.id).desc())
    )
    quick_views = session.exec(statement).all()
    if only_open:
        now = utc_now()
        quick_views = [quick_view for quick_view in quick_views if quick_view.is_open(now)]
    return list(quick_views)[:limit]


def close_quick_view(*, session: Session, quick_view: QuickView) -> QuickView:
    """Stop taking answers (again is fine). Commits."""
    if quick_view.closed_at is None:
        quick_view.closed_at = utc_now()
        session.add(quick_view)
        session.commit()
        session.refresh(quick_view)
    return quick_view


def answer_quick_view(
    *, session: Session, quick_view: QuickView, data: QuickViewAnswerCreate
) -> tuple[QuickViewAnswer, bool]:
    """Store a parent's answer, or replace their earlier one. Commits.

    Returns:
        The answer, and True when it is the parent's first.

    Raises:
        QuickViewClosed: The quick view no longer takes answers.
        NoSuchOption: `data.option` is past the last option.
    """
    if not quick_view.is_open():
        raise QuickViewClosed
    if data.option > len(quick_view.options):
        raise NoSuchOption
    statement = select(QuickViewAnswer).where(
        QuickViewAnswer.quick_view_id == quick_view.id,
        QuickViewAnswer.contributor == data.contributor,
    )
    existing = session.exec(statement).first()
    if existing is not None:
        existing.option, existing.channel, existing.updated_at = (
            data.option,
            data.channel,
            utc_now(),
        )
        session.add(existing)
        session.commit()
        session.refresh(existing)
        return existing, False
    answer = QuickViewAnswer.model_validate(data, update={"quick_view_id": quick_view.id})
    session.add(answer)
    try:
        session.commit()
    except IntegrityError:  # the same parent's answer arrived twice at once
        session.rollback()
        return answer_quick_view(session=session, quick_view=quick_view, data=data)
    session.refresh(answer)
    return answer, True


def quick_view_results(
    *, session: Session, forum: Forum, quick_view: QuickView
) -> QuickViewResults:
    """The number of parents per option, under the same disclosure rules as summaries."""
    assert quick_view.id is not None
    counts = dict(
        session.exec(
            select(QuickViewAnswer.option, func.count())
            .where(QuickViewAnswer.quick_view_id == quick_view.id)
            .group_by(col(QuickViewAnswer.option))
        ).all()
    )
    cells = {
        number: Count(views=int(counts.get(number, 0)), contributors=int(counts.get(number, 0)))
        for number in range(1, len(quick_view.options) + 1)
    }
    total = sum(cell.views for cell in cells.values())
    total_shown = shown(Count(views=total, contributors=total), k=forum.k)
    hidden = protect(cells, k=forum.k) if total_shown else {n for n, c in cells.items() if c.views}
    return QuickViewResults(
        id=quick_view.id,
        question=quick_view.question,
        open=quick_view.is_open(),
        k=forum.k,
        answers=total if total_shown else None,
        options=[
            QuickViewOptionResult(
                number=number,
                option=quick_view.options[number - 1],
                answers=None if number in hidden else cells[number].views,
                suppressed=number in hidden,
            )
            for number in cells
        ],
    )
