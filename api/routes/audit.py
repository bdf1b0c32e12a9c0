"""Your forum's audit log: which key pulled what, and when (admin)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminDep, SessionDep
from api.errors import error_responses
from api.models import AuditEventPublic
from api.services.audit import list_events

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("", response_model=list[AuditEventPublic], responses=error_responses(401, 403, 422))
def read_audit_log(
    caller: AdminDep,
    session: SessionDep,
    since: Annotated[
        datetime | None,
        Query(
            description="Only events at or after this time, ISO 8601 (UTC if no offset).",
            examples=["2025-03-01T00:00:00Z"],
        ),
    ] = None,
    key_id: Annotated[
        int | None,
        Query(ge=1, le=2**31 - 1, description="Only this key's requests.", examples=[3]),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=1000, description="At most this many events.", examples=[100])
    ] = 100,
) -> list[AuditEventPublic]:
    """List your forum's audit events, newest first."""
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)
    events = list_events(
        session=session, forum_id=caller.forum_id, since=since, key_id=key_id, limit=limit
    )
    return [AuditEventPublic.model_validate(event) for event in events]
