"""The audit log: which key pulled what, when. Never any view text, never the key itself."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from api.models.base import utc_now


class AuditEventBase(SQLModel):
    """What was asked for, and how the API answered."""

    method: str = Field(
        max_length=8, description="The HTTP method.", schema_extra={"examples": ["GET"]}
    )
    route: str = Field(
        max_length=200,
        description="The address pattern that answered (ids and link tokens not filled in).",
        schema_extra={"examples": ["/api/v1/themes/summary"]},
    )
    query: dict[str, Any] = Field(
        default_factory=dict,
        sa_type=JSON,
        description="The query parameters sent, each cut to 200 characters; secrets removed.",
        schema_extra={"examples": [{"from": "2025-01", "to": "2025-03"}]},
    )
    status_code: int = Field(
        description="The HTTP status of the answer.", schema_extra={"examples": [200]}
    )
    via_link: bool = Field(
        default=False,
        description="True when the request came through a signed report link the key made.",
        schema_extra={"examples": [False]},
    )


class AuditEventCreate(AuditEventBase):
    """An event as the audit middleware records it."""

    forum_id: int
    key_id: int


class AuditEvent(AuditEventBase, table=True):
    """One request made with a forum key (or with a report link that a key made)."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_forum_id_created_at", "forum_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forums.id")
    key_id: int = Field(foreign_key="api_keys.id")
    created_at: datetime = Field(default_factory=utc_now)


class AuditEventPublic(AuditEventBase):
    """An audit event as a forum's admin sees it."""

    id: int = Field(description="The event's id.", schema_extra={"examples": [451]})
    key_id: int = Field(
        description="The id of the key that made the request (see `GET /api/v1/keys`).",
        schema_extra={"examples": [3]},
    )
    created_at: datetime = Field(
        description="When the request was answered (UTC).",
        schema_extra={"examples": ["2025-03-14T09:31:12Z"]},
    )
