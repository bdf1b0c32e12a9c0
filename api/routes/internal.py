"""Endpoints for the bot's action server only (service token)."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, status

from api.deps import SessionDep, SettingsDep, require_service_token
from api.errors import Conflict, InvalidRequest, NotFound, error_responses
from api.models import (
    ListenedScoreCreate,
    ListenedScoreStored,
    QuickViewAnswerCreate,
    QuickViewAnswerStored,
    QuickViewPublic,
    ViewBatch,
    ViewBatchStored,
    ViewCreate,
    ViewStored,
)
from api.services.forums import ensure_forum
from api.services.listened import store_listened_score
from api.services.quick_views import (
    NoSuchOption,
    QuickViewClosed,
    answer_quick_view,
    get_quick_view,
    list_quick_views,
)
from api.services.views import store_view, store_views

logger = logging.getLogger(__name__)

router = APIRouter(
    prefix="/internal",
    tags=["internal"],
    dependencies=[Depends(require_service_token)],
)


@router.post(
    "/views",
    response_model=ViewStored,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": ViewStored, "description": "This client_ref was stored before."},
        **error_responses(401, 422),
    },
)
def ingest_view(
    body: ViewCreate, session: SessionDep, settings: SettingsDep, response: Response
) -> ViewStored:
    """Store an anonymised view for the default forum; the same client_ref is stored once."""
    forum, _ = ensure_forum(session=session, slug=settings.DEFAULT_FORUM, k=settings.DEFAULT_K)
    assert forum.id is not None
    view, created = store_view(session=session, forum_id=forum.id, data=body)
    assert view.id is not None
    if created:
        logger.info("Stored view %s", view.id, extra={"view_id": view.id, "forum_id": forum.id})
    else:
        response.status_code = status.HTTP_200_OK
    return ViewStored(id=view.id, created=created)


@router.post(
    "/views/batch",
    response_model=ViewBatchStored,
    responses=error_responses(401, 422),
)
def ingest_views(body: ViewBatch, session: SessionDep, settings: SettingsDep) -> ViewBatchStored:
    """Store up to 500 views at once for the default forum; each client_ref is stored once."""
    forum, _ = ensure_forum(session=session, slug=settings.DEFAULT_FORUM, k=settings.DEFAULT_K)
    assert forum.id is not None
    results = store_views(session=session, forum_id=forum.id, items=body.views)
    stored = sum(created for _, created in results)
    logger.info("Stored %d of %d views", stored, len(results), extra={"forum_id": forum.id})
    return ViewBatchStored(
        results=[ViewStored(id=view_id, created=created) for view_id, created in results]
    )


@router.post(
    "/listened-scores",
    response_model=ListenedScoreStored,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": ListenedScoreStored, "description": "This client_ref was stored before."},
        **error_responses(401, 422),
    },
)
def ingest_listened_score(
    body: ListenedScoreCreate, session: SessionDep, settings: SettingsDep, response: Response
) -> ListenedScoreStored:
    """Store a parent's "feeling listened to" score (1 to 5) for the default forum."""
    forum, _ = ensure_forum(session=session, slug=settings.DEFAULT_FORUM, k=settings.DEFAULT_K)
    assert forum.id is not None
    score, created = store_listened_score(session=session, forum_id=forum.id, data=body)
    assert score.id is not None
    if not created:
        response.status_code = status.HTTP_200_OK
    return ListenedScoreStored(id=score.id, created=created)


@router.get("/quick-views", response_model=list[QuickViewPublic], responses=error_responses(401))
def read_open_quick_views(session: SessionDep, settings: SettingsDep) -> list[QuickViewPublic]:
    """List the default forum's quick views that are taking answers, newest first."""
    forum, _ = ensure_forum(session=session, slug=settings.DEFAULT_FORUM, k=settings.DEFAULT_K)
    assert forum.id is not None
    return [
        QuickViewPublic.model_validate(quick_view, update={"open": True})
        for quick_view in list_quick_views(session=session, forum_id=forum.id, only_open=True)
    ]


@router.post(
    "/quick-views/{quick_view_id}/answers",
    response_model=QuickViewAnswerStored,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": QuickViewAnswerStored, "description": "The parent's answer was changed."},
        **error_responses(401, 404, 409, 422),
    },
)
def answer(
    body: QuickViewAnswerCreate,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
    quick_view_id: Annotated[
        int, Path(ge=1, le=2**31 - 1, description="The quick view's id.", examples=[5])
    ],
) -> QuickViewAnswerStored:
    """Store a parent's answer to a quick view; a later answer replaces it until it closes."""
    forum, _ = ensure_forum(session=session, slug=settings.DEFAULT_FORUM, k=settings.DEFAULT_K)
    assert forum.id is not None
    quick_view = get_quick_view(session=session, forum_id=forum.id, quick_view_id=quick_view_id)
    if quick_view is None:
        raise NotFound("There is no quick view with that id.")
    try:
        stored, created = answer_quick_view(session=session, quick_view=quick_view, data=body)
    except QuickViewClosed:
        raise Conflict("This quick view has closed and takes no more answers.") from None
    except NoSuchOption:
        raise InvalidRequest(
            f"This quick view has {len(quick_view.options)} options: choose 1 to "
            f"{len(quick_view.options)}.",
            details=[
                {
                    "location": ["body", "option"],
                    "message": f"Choose 1 to {len(quick_view.options)}.",
                    "type": "no_such_option",
                }
            ],
        ) from None
    assert stored.id is not None
    if not created:
        response.status_code = status.HTTP_200_OK
    return QuickViewAnswerStored(id=stored.id, created=created)
