"""Quotes: moderators approve or reject views for summaries and reports."""

from __future__ import annotations

from fastapi import APIRouter, Path

from api.deps import ModeratorDep, SessionDep
from api.errors import NotFound, error_responses
from api.models import QuoteDecision, QuotePublic
from api.services.views import decide_quote

router = APIRouter(tags=["quotes"])


@router.put(
    "/views/{view_id}/quote",
    response_model=QuotePublic,
    responses=error_responses(401, 403, 404, 422),
)
def decide_view_quote(
    caller: ModeratorDep,
    session: SessionDep,
    body: QuoteDecision,
    view_id: int = Path(ge=1, le=2**31 - 1, description="The view's id.", examples=[12]),
) -> QuotePublic:
    """Approve or reject one of your forum's views as a quote (or set it back to pending)."""
    view = decide_quote(
        session=session,
        forum_id=caller.forum_id,
        view_id=view_id,
        status=body.status,
        key_id=caller.key_id,
    )
    if view is None:
        raise NotFound("Your forum has no view with that id.")
    assert view.id is not None
    return QuotePublic(
        view_id=view.id,
        status=view.quote_status,
        decided_at=view.quote_decided_at,
        decided_by=view.quote_decided_by,
    )
