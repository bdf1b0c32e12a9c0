"""Forums: your own forum's details, and creating new forums (admin)."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.deps import AdminDep, ReaderDep, SessionDep
from api.errors import Conflict, InvalidRequest, error_responses
from api.models import ForumCreate, ForumCreated, ForumPublic, ForumUpdate, Role
from api.models.api_key import ApiKeyCreated
from api.models.forum import MIN_K_BY_API
from api.services.forums import create_forum, update_forum
from api.services.keys import create_api_key

router = APIRouter(tags=["forums"])


@router.get("/forum", response_model=ForumPublic, responses=error_responses(401))
def read_own_forum(caller: ReaderDep) -> ForumPublic:
    """Show the forum your key belongs to, with its k."""
    return ForumPublic.model_validate(caller.forum)


@router.patch("/forum", response_model=ForumPublic, responses=error_responses(401, 403, 422))
def change_own_forum(caller: AdminDep, session: SessionDep, body: ForumUpdate) -> ForumPublic:
    """Change your forum's display name or k (admin)."""
    forum = update_forum(session=session, forum=caller.forum, data=body)
    return ForumPublic.model_validate(forum)


@router.post(
    "/forums",
    response_model=ForumCreated,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 409, 422),
)
def create_new_forum(caller: AdminDep, session: SessionDep, body: ForumCreate) -> ForumCreated:
    """Create a forum and its first admin key, to hand to that forum's lead (admin)."""
    if body.k < MIN_K_BY_API:
        raise InvalidRequest(
            f"k must be at least {MIN_K_BY_API}, so that no summary shows a single parent.",
            details=[
                {
                    "location": ["body", "k"],
                    "message": f"Use {MIN_K_BY_API} to 100.",
                    "type": "greater_than_equal",
                }
            ],
        )
    forum = create_forum(session=session, data=body)
    if forum is None:
        raise Conflict(f"There is already a forum called '{body.slug}'. Choose another short name.")
    api_key, key = create_api_key(
        session=session,
        forum=forum,
        role=Role.admin,
        label=f"First admin key (made by key {caller.key_id})",
    )
    return ForumCreated(
        forum=ForumPublic.model_validate(forum),
        admin_key=ApiKeyCreated.model_validate(api_key, update={"key": key}),
    )
