"""The hear-back outbox: one message per parent (pseudonym and channel) per recorded change.

The bot's side reads it with the service token, sends each message on its channel, and
says whether it was delivered. Forum keys never see it: it holds `recipient_ref`.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.base import EnumAsString, utc_now
from api.models.view import Channel

MAX_ATTEMPTS = 5


class OutboxStatus(str, enum.Enum):
    """Where a message is: waiting to be sent, delivered, or given up on."""

    pending = "pending"
    delivered = "delivered"
    failed = "failed"


class OutboxMessageBase(SQLModel):
    """Who gets the message, where, and what it says."""

    contributor: str = Field(
        max_length=128,
        description="The parent's pseudonym, as the bot sent it with their views.",
        schema_extra={"examples": ["3f9a" * 16]},
    )
    channel: Channel = Field(
        sa_type=EnumAsString(Channel, length=16),
        description="The channel to send it on.",
        schema_extra={"examples": ["sms"]},
    )
    recipient_ref: str | None = Field(
        default=None,
        max_length=2048,
        description="The newest routing data the bot sent with the parent's views, if any.",
        schema_extra={"examples": ["gAAAAABn...encrypted"]},
    )
    message: str = Field(
        sa_type=Text,
        description="The text to send.",
        schema_extra={"examples": ["You said: the helpline never answers. We did: ..."]},
    )


class OutboxMessage(OutboxMessageBase, table=True):
    """A queued hear-back message."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        UniqueConstraint("action_id", "contributor", "channel"),
        Index("ix_outbox_messages_status_id", "status", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forums.id")
    action_id: int = Field(foreign_key="actions.id", index=True)
    status: OutboxStatus = Field(
        default=OutboxStatus.pending, sa_type=EnumAsString(OutboxStatus, length=16)
    )
    attempts: int = 0
    leased_until: datetime | None = None
    failure_reason: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    delivered_at: datetime | None = None


class OutboxMessagePublic(OutboxMessageBase):
    """A message for the bot to send. It is held for the bot for 5 minutes after listing."""

    id: int = Field(description="The message's id.", schema_extra={"examples": [31]})
    action_id: int = Field(
        description="The recorded change it tells about.", schema_extra={"examples": [4]}
    )
    forum: str = Field(description="The forum's short name.", schema_extra={"examples": ["local"]})
    theme: str = Field(
        description="The change's theme code.", schema_extra={"examples": ["transport"]}
    )
    attempts: int = Field(description="Failed tries so far.", schema_extra={"examples": [0]})
    created_at: datetime = Field(
        description="When it was queued (UTC).",
        schema_extra={"examples": ["2025-04-02T14:00:00Z"]},
    )


class OutboxFailure(SQLModel):
    """Why a message could not be delivered, and whether to try again later."""

    reason: str = Field(
        min_length=1,
        max_length=200,
        description="Short reason, without personal details, e.g. `opted_out`, `unreachable`.",
        schema_extra={"examples": ["unreachable"]},
    )
    retry: bool = Field(
        default=False,
        description=f"Try again later. After {MAX_ATTEMPTS} tries a message is given up on.",
        schema_extra={"examples": [True]},
    )


class OutboxMessageState(SQLModel):
    """Where a message is now."""

    id: int = Field(description="The message's id.", schema_extra={"examples": [31]})
    status: OutboxStatus = Field(
        description="pending, delivered or failed.", schema_extra={"examples": ["delivered"]}
    )
    attempts: int = Field(description="Failed tries so far.", schema_extra={"examples": [0]})
