"""A person's rights over their data: what is held under their pseudonym, and erasing it.

The bot sends the keyed pseudonym (HMAC of channel and sender id); the API never knows who
it stands for. Erasing:

- deletes the person's views (their words, anonymised) and their waiting "you said, we did"
  messages (which hold their encrypted routing data), and the `contributor_months` rows
  that link their pseudonym's key to the months and themes they gave views in;
- keeps answers to quick views, "listened" scores and safeguarding events as counts, with
  the pseudonym replaced by a random value (so results and the safeguarding lead's counts
  do not change, but nothing leads back to the person);
- leaves totals already counted in summaries (`view_stats`, `contributor_firsts`), which
  hold no pseudonym, as they are.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from api.models import (
    ContributorMonth,
    ListenedScore,
    OutboxMessage,
    OutboxStatus,
    QuickViewAnswer,
    SafeguardingEvent,
    View,
)
from api.models.data_rights import ContributorData, ContributorErased
from api.services.stats import contributor_key


def _count(session: Session, statement: object) -> int:
    return int(session.exec(statement).one())  # type: ignore[call-overload]


def contributor_data(*, session: Session, pseudonym: str) -> ContributorData:
    """Count what is stored under a pseudonym, in every table that holds one."""
    return ContributorData(
        views=_count(
            session, select(func.count()).select_from(View).where(View.contributor == pseudonym)
        ),
        hear_back=_count(
            session,
            select(func.count())
            .select_from(View)
            .where(View.contributor == pseudonym, col(View.hear_back).is_(True)),
        ),
        quick_view_answers=_count(
            session,
            select(func.count())
            .select_from(QuickViewAnswer)
            .where(QuickViewAnswer.contributor == pseudonym),
        ),
        listened_scores=_count(
            session,
            select(func.count())
            .select_from(ListenedScore)
            .where(ListenedScore.contributor == pseudonym),
        ),
        pending_messages=_count(
            session,
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                OutboxMessage.contributor == pseudonym,
                OutboxMessage.status == OutboxStatus.pending,
            ),
        ),
        safeguarding_events=_count(
            session,
            select(func.count())
            .select_from(SafeguardingEvent)
            .where(SafeguardingEvent.person == pseudonym),
        ),
    )


def _unlink(session: Session, model: type, column: object, pseudonym: str) -> int:
    """Give each row holding the pseudonym its own random stand-in (unique constraints hold)."""
    ids: Sequence[int] = session.exec(
        select(model.id).where(column == pseudonym)  # type: ignore[attr-defined]
    ).all()
    for row_id in ids:
        session.execute(
            update(model)
            .where(model.id == row_id)  # type: ignore[attr-defined]
            .values({column.key: "e" + secrets.token_hex(31)})  # type: ignore[attr-defined]
        )
    return len(ids)


def erase_contributor(*, session: Session, pseudonym: str) -> ContributorErased:
    """Erase what is stored under a pseudonym (see the module docstring), in one transaction."""
    key = contributor_key(pseudonym)
    views = session.execute(delete(View).where(col(View.contributor) == pseudonym))
    messages = session.execute(
        delete(OutboxMessage).where(col(OutboxMessage.contributor) == pseudonym)
    )
    months = session.execute(
        delete(ContributorMonth).where(col(ContributorMonth.contributor_key) == key)
    )
    answers = _unlink(session, QuickViewAnswer, QuickViewAnswer.contributor, pseudonym)
    scores = _unlink(session, ListenedScore, ListenedScore.contributor, pseudonym)
    events = session.execute(
        update(SafeguardingEvent)
        .where(col(SafeguardingEvent.person) == pseudonym)
        .values(person=None)
    )
    session.commit()
    return ContributorErased(
        views_deleted=int(views.rowcount or 0),
        messages_deleted=int(messages.rowcount or 0),
        contributor_months_deleted=int(months.rowcount or 0),
        quick_view_answers_unlinked=answers,
        listened_scores_unlinked=scores,
        safeguarding_events_unlinked=int(events.rowcount or 0),
    )
