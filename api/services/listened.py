"""Storing "feeling listened to" scores and averaging them without showing small groups."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from api.models import ListenedScore, ListenedScoreCreate
from api.models.summary import Listened, ListenedMonth
from api.services.disclosure import Count, protect
from api.services.periods import Period, month_label, month_of


def store_listened_score(
    *, session: Session, forum_id: int, data: ListenedScoreCreate
) -> tuple[ListenedScore, bool]:
    """Store a score once per `client_ref`. Commits.

    Returns:
        The score, and True when this call stored it.
    """
    statement = select(ListenedScore).where(ListenedScore.client_ref == data.client_ref)
    existing = session.exec(statement).first()
    if existing is not None:
        return existing, False
    score = ListenedScore.model_validate(data, update={"forum_id": forum_id})
    session.add(score)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        existing = session.exec(statement).first()
        if existing is None:
            raise
        return existing, False
    session.refresh(score)
    return score, True


def _average(total: int, responses: int) -> float:
    return round(total / responses, 2)


def listened_measure(*, session: Session, forum_id: int, period: Period, k: int) -> Listened:
    """The period's and the previous period's average scores, and month by month.

    A month or period is shown only when at least k parents scored in it; months follow
    the same complementary rule as every other table (see services/disclosure).
    """
    previous = period.previous()
    rows = session.exec(
        select(ListenedScore.created_at, ListenedScore.contributor, ListenedScore.score).where(
            ListenedScore.forum_id == forum_id,
            ListenedScore.created_at >= previous.start,
            ListenedScore.created_at < period.end,
        )
    ).all()
    months = set(period.months)
    monthly: dict[int, list[tuple[str, int]]] = defaultdict(list)
    earlier: list[tuple[str, int]] = []
    for created_at, contributor, score in rows:
        month = month_of(created_at)
        if month in months:
            monthly[month].append((contributor, score))
        else:
            earlier.append((contributor, score))
    now = [item for month in period.months for item in monthly[month]]

    def count(items: list[tuple[str, int]]) -> Count:
        return Count(views=len(items), contributors=len({who for who, _ in items}))

    period_count, earlier_count = count(now), count(earlier)
    period_shown = period_count.contributors >= k
    earlier_shown = earlier_count.contributors >= k
    cells = {month: count(monthly[month]) for month in period.months}
    hidden = protect(cells, k=k) if period_shown else {m for m, c in cells.items() if c.views}
    average = _average(sum(s for _, s in now), len(now)) if period_shown else None
    previous_average = _average(sum(s for _, s in earlier), len(earlier)) if earlier_shown else None
    return Listened(
        average=average,
        responses=period_count.views if period_shown or not now else None,
        contributors=period_count.contributors if period_shown or not now else None,
        previous_average=previous_average,
        change=(
            round(average - previous_average, 2)
            if average is not None and previous_average is not None
            else None
        ),
        monthly=[
            ListenedMonth(
                month=month_label(month),
                average=(
                    _average(sum(s for _, s in monthly[month]), cells[month].views)
                    if month not in hidden and cells[month].views
                    else None
                ),
                responses=None if month in hidden else cells[month].views,
                suppressed=month in hidden,
            )
            for month in period.months
        ],
    )
