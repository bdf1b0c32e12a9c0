"""Safeguarding events: the bot records them, the forum's admin reads them for the lead."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from api.deps import AdminDep, SessionDep, SettingsDep, require_service_token
from api.errors import error_responses
from api.models import SafeguardingEventCreate, SafeguardingEventPublic, SafeguardingEventStored
from api.services.forums import ensure_forum
from api.services.safeguarding import list_safeguarding_events, store_safeguarding_event

logger = logging.getLogger(__name__)

internal_router = APIRouter(
    prefix="/internal",
    tags=["internal"],
    dependencies=[Depends(require_service_token)],
)
router = APIRouter(prefix="/safeguarding-events", tags=["safeguarding"])


@internal_router.post(
    "/safeguarding-events",
    response_model=SafeguardingEventStored,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": SafeguardingEventStored, "description": "This client_ref was stored."},
        **error_responses(401, 422),
    },
)
def record_safeguarding_event(
    body: SafeguardingEventCreate, session: SessionDep, settings: SettingsDep, response: Response
) -> SafeguardingEventStored:
    """Record that someone needed urgent help: the kind of risk, channel, time, pseudonym."""
    forum, _ = ensure_forum(session=session, slug=settings.DEFAULT_FORUM, k=settings.DEFAULT_K)
    assert forum.id is not None
    event, created = store_safeguarding_event(session=session, forum_id=forum.id, data=body)
    assert event.id is not None
    if created:
        logger.warning(
            "Safeguarding event %s recorded (%s)",
            event.id,
            event.category.value,
            extra={"forum_id": forum.id},
        )
    else:
        response.status_code = status.HTTP_200_OK
    return SafeguardingEventStored(id=event.id, created=created)


@router.get(
    "",
    response_model=list[SafeguardingEventPublic],
    responses=error_responses(401, 403, 422),
)
def read_safeguarding_events(
    caller: AdminDep,
    session: SessionDep,
    since: Annotated[
        datetime | None,
        Query(
            description="Only events at or after this time, ISO 8601 (UTC if no offset).",
            examples=["2025-03-01T00:00:00Z"],
        ),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=1000, description="At most this many events.", examples=[100])
    ] = 100,
) -> list[SafeguardingEventPublic]:
    """List safeguarding events for your forum's designated safeguarding lead, newest first."""
    events = list_safeguarding_events(
        session=session, forum_id=caller.forum_id, since=since, limit=limit
    )
    return [SafeguardingEventPublic.model_validate(event) for event in events]
