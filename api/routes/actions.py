"""You said, we did: admins record changes; parents who asked to hear back are queued."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from api.deps import AdminDep, ReaderDep, SessionDep
from api.errors import InvalidRequest, error_responses
from api.models import Action, ActionCreate, ActionPublic
from api.services.actions import list_actions, record_action
from api.services.disclosure import Count, shown
from api.themes import theme_codes

router = APIRouter(prefix="/actions", tags=["you said, we did"])


def _public(action: Action, queued: int, *, k: int) -> ActionPublic:
    visible = shown(Count(views=queued, contributors=queued), k=k)
    return ActionPublic.model_validate(action, update={"parents_told": queued if visible else None})


@router.post(
    "",
    response_model=ActionPublic,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 422),
)
def record_change(caller: AdminDep, session: SessionDep, body: ActionCreate) -> ActionPublic:
    """Record a change made for a theme; queue the parents who asked to hear back."""
    action, queued = record_action(
        session=session, forum=caller.forum, data=body, key_id=caller.key_id
    )
    return _public(action, queued, k=caller.forum.k)


@router.get("", response_model=list[ActionPublic], responses=error_responses(401, 422))
def read_changes(
    caller: ReaderDep,
    session: SessionDep,
    theme: Annotated[
        str | None,
        Query(
            max_length=64, description="Only changes for this theme code.", examples=["transport"]
        ),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=500, description="At most this many changes.", examples=[50])
    ] = 100,
) -> list[ActionPublic]:
    """List your forum's recorded changes, newest first."""
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
    rows = list_actions(session=session, forum_id=caller.forum_id, theme=theme, limit=limit)
    return [_public(action, queued, k=caller.forum.k) for action, queued in rows]
