"""Quick views for forums: admins ask a question, readers see k-suppressed results."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from api.deps import AdminDep, ReaderDep, SessionDep
from api.errors import NotFound, error_responses
from api.models import QuickView, QuickViewCreate, QuickViewPublic, QuickViewResults
from api.services.quick_views import (
    close_quick_view,
    create_quick_view,
    get_quick_view,
    list_quick_views,
    quick_view_results,
)

router = APIRouter(prefix="/quick-views", tags=["quick views"])

QuickViewId = Annotated[
    int, Path(ge=1, le=2**31 - 1, description="The quick view's id.", examples=[5])
]


def public(quick_view: QuickView) -> QuickViewPublic:
    """A quick view as the API shows it."""
    return QuickViewPublic.model_validate(quick_view, update={"open": quick_view.is_open()})


def _found(quick_view: QuickView | None) -> QuickView:
    if quick_view is None:
        raise NotFound("Your forum has no quick view with that id.")
    return quick_view


@router.post(
    "",
    response_model=QuickViewPublic,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 422),
)
def ask_quick_view(caller: AdminDep, session: SessionDep, body: QuickViewCreate) -> QuickViewPublic:
    """Ask parents a short multiple-choice question through the assistant (admin)."""
    return public(
        create_quick_view(
            session=session, forum_id=caller.forum_id, data=body, key_id=caller.key_id
        )
    )


@router.get("", response_model=list[QuickViewPublic], responses=error_responses(401, 422))
def read_quick_views(
    caller: ReaderDep,
    session: SessionDep,
    limit: Annotated[
        int, Query(ge=1, le=500, description="At most this many quick views.", examples=[50])
    ] = 100,
) -> list[QuickViewPublic]:
    """List your forum's quick views, newest first."""
    return [
        public(q) for q in list_quick_views(session=session, forum_id=caller.forum_id, limit=limit)
    ]


@router.get(
    "/{quick_view_id}/results",
    response_model=QuickViewResults,
    responses=error_responses(401, 404, 422),
)
def read_quick_view_results(
    caller: ReaderDep, session: SessionDep, quick_view_id: QuickViewId
) -> QuickViewResults:
    """Show how many parents chose each option, with k-suppression."""
    quick_view = _found(
        get_quick_view(session=session, forum_id=caller.forum_id, quick_view_id=quick_view_id)
    )
    return quick_view_results(session=session, forum=caller.forum, quick_view=quick_view)


@router.post(
    "/{quick_view_id}/close",
    response_model=QuickViewPublic,
    responses=error_responses(401, 403, 404, 422),
)
def close(caller: AdminDep, session: SessionDep, quick_view_id: QuickViewId) -> QuickViewPublic:
    """Stop taking answers to a quick view (admin)."""
    quick_view = _found(
        get_quick_view(session=session, forum_id=caller.forum_id, quick_view_id=quick_view_id)
    )
    return public(close_quick_view(session=session, quick_view=quick_view))
