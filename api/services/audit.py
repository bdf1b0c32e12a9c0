"""The audit log: recording each request made with a forum key, and reading it back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from sqlmodel import Session, col, select

from api.models import AuditEvent, AuditEventCreate

MAX_PARAMS = 20
MAX_VALUE_LENGTH = 200
# Never stored, whatever a caller sends: keys and tokens put in an address by mistake.
SECRET_PARAMS = frozenset({"key", "api_key", "token", "access_token", "signature", "sig"})


def audit_query(query_string: bytes) -> dict[str, Any]:
    """The query parameters to record: at most 20, each cut to 200 characters, secrets
    replaced by `[removed]`. A name sent twice keeps its values as a list."""
    params: dict[str, Any] = {}
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    for name, value in pairs[:MAX_PARAMS]:
        name = name[:MAX_VALUE_LENGTH]
        value = "[removed]" if name.lower() in SECRET_PARAMS else value[:MAX_VALUE_LENGTH]
        if name in params:
            existing = params[name]
            params[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            params[name] = value
    return params


def record_event(*, session: Session, data: AuditEventCreate) -> AuditEvent:
    """Store one audit event. Commits."""
    event = AuditEvent.model_validate(data)
    session.add(event)
    session.commit()
    session.refresh(event)
    return event


def list_events(
    *,
    session: Session,
    forum_id: int,
    since: datetime | None = None,
    key_id: int | None = None,
    limit: int = 100,
) -> Sequence[AuditEvent]:
    """A forum's audit events, newest first."""
    statement = select(AuditEvent).where(AuditEvent.forum_id == forum_id)
    if since is not None:
        statement = statement.where(AuditEvent.created_at >= since)
    if key_id is not None:
        statement = statement.where(AuditEvent.key_id == key_id)
    statement = statement.order_by(col(AuditEvent.created_at).desc(), col(AuditEvent.id).desc())
    return session.exec(statement.limit(limit)).all()
