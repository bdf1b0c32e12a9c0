"""Your forum's API keys: list, make and revoke them (admin)."""

from __future__ import annotations

from fastapi import APIRouter, Path, status

from api.deps import AdminDep, SessionDep
from api.errors import Conflict, NotFound, error_responses
from api.models import ApiKeyCreate, ApiKeyCreated, ApiKeyPublic
from api.services.keys import LastAdminKey, create_api_key, list_api_keys, revoke_api_key

router = APIRouter(prefix="/keys", tags=["keys"])


@router.get("", response_model=list[ApiKeyPublic], responses=error_responses(401, 403))
def read_keys(caller: AdminDep, session: SessionDep) -> list[ApiKeyPublic]:
    """List your forum's keys, revoked ones too (never the keys themselves)."""
    keys = list_api_keys(session=session, forum_id=caller.forum_id)
    return [ApiKeyPublic.model_validate(api_key) for api_key in keys]


@router.post(
    "",
    response_model=ApiKeyCreated,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 422),
)
def make_key(caller: AdminDep, session: SessionDep, body: ApiKeyCreate) -> ApiKeyCreated:
    """Make a key for your forum; the answer holds the key, shown only this once."""
    api_key, key = create_api_key(
        session=session, forum=caller.forum, role=body.role, label=body.label
    )
    return ApiKeyCreated.model_validate(api_key, update={"key": key})


@router.post(
    "/{key_id}/revoke",
    response_model=ApiKeyPublic,
    responses=error_responses(401, 403, 404, 409, 422),
)
def revoke_key(
    caller: AdminDep,
    session: SessionDep,
    key_id: int = Path(ge=1, le=2**31 - 1, description="The key's id.", examples=[3]),
) -> ApiKeyPublic:
    """Revoke one of your forum's keys; it stops working at once."""
    try:
        api_key = revoke_api_key(session=session, forum_id=caller.forum_id, key_id=key_id)
    except LastAdminKey:
        raise Conflict(
            "This is your forum's last admin key. Make another admin key before revoking it."
        ) from None
    if api_key is None:
        raise NotFound("Your forum has no key with that id.")
    return ApiKeyPublic.model_validate(api_key)
