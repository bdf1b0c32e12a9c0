"""Anonymised views, for a forum's moderators."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ModeratorDep, SessionDep
from api.errors import InvalidRequest, error_responses
from api.models import QuoteStatus, ViewPublic
from api.services.views import list_views
from api.themes import theme_codes

router = APIRouter(prefix="/views", tags=["views"])


@router.get(
    "",
    response_model=list[ViewPublic],
    responses=error_responses(401, 403, 422),
)
def read_views(
    caller: ModeratorDep,
    session: SessionDep,
    since: Annotated[
        datetime | None,
        Query(
            description="Only views stored at or after this time, ISO 8601, "
            "e.g. `2025-01-31T00:00:00Z`. A time without an offset is taken as UTC.",
            examples=["2025-01-31T00:00:00Z"],
        ),
    ] = None,
    theme: Annotated[
        str | None,
        Query(
            max_length=64,
            description="Only views with this theme code, e.g. `transport`.",
            examples=["transport"],
        ),
    ] = None,
    quote_status: Annotated[
        QuoteStatus | None,
        Query(description="Only views with this quote decision.", examples=["pending"]),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=500, description="At most this many views.", examples=[100])
    ] = 100,
) -> list[ViewPublic]:
    """List your forum's anonymised views, newest first."""
    if theme is not None and theme not in theme_codes():
        raise InvalidRequest(
            f"We do not know the theme '{theme}'. Use a code from themes.yml.",
            details=[
                {
                    "location": ["query", "theme"],
                    "message": "Use a theme code from themes.yml, such as transport.",
                    "type": "unknown_theme",
                }
            ],
        )
    assert caller.forum.id is not None
    views = list_views(
        session=session,
        forum_id=caller.forum.id,
        since=since,
        theme=theme,
        quote_status=quote_status,
        limit=limit,
    )
    return [ViewPublic.model_validate(view) for view in views]
