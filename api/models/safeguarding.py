"""Safeguarding events: that someone needed urgent help, never what they wrote.

The bot records one when a message shows a current risk (suicidal thoughts, self-harm now,
a child at risk, domestic abuse, a missing child, immediate danger). An event holds the
kind of risk, the channel, the language, the time and the person's keyed pseudonym, so the
council's designated safeguarding lead can see how often the service meets people at risk
(and whether the same person comes back), without the message and without being able to
tell who it was.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from api.models.base import EnumAsString, utc_now
from api.models.view import CLIENT_REF_PATTERN, CONTRIBUTOR_PATTERN, LANGUAGE_PATTERN, Channel


class SafeguardingCategory(str, enum.Enum):
    """What kind of risk the message showed."""

    immediate_danger = "immediate_danger"
    suicide = "suicide"
    self_harm = "self_harm"
    harm_to_child = "harm_to_child"
    domestic_abuse = "domestic_abuse"
    missing_child = "missing_child"
    unspecified = "unspecified"


class SafeguardingEventBase(SQLModel):
    """What a safeguarding event says."""

    category: SafeguardingCategory = Field(
        sa_type=EnumAsString(SafeguardingCategory, length=32),
        description="The kind of risk: immediate_danger, suicide, self_harm, harm_to_child, "
        "domestic_abuse, missing_child, or unspecified when the kind was not known.",
        schema_extra={"examples": ["suicide"]},
    )
    channel: Channel = Field(
        sa_type=EnumAsString(Channel, length=16),
        description="The channel the person used: rest, webchat, sms or telegram.",
        schema_extra={"examples": ["sms"]},
    )
    language: str = Field(
        max_length=3,
        schema_extra={"pattern": LANGUAGE_PATTERN, "examples": ["en"]},
        description="ISO 639 code of the language the person wrote in.",
    )
    occurred_at: datetime = Field(
        description="When the person sent the message (UTC).",
        schema_extra={"examples": ["2025-03-14T21:40:00Z"]},
    )


class SafeguardingEventCreate(SafeguardingEventBase):
    """An event as the bot's action server sends it. There is no field for the message."""

    client_ref: str = Field(
        max_length=128,
        schema_extra={"pattern": CLIENT_REF_PATTERN, "examples": ["9c1e..."]},
        description="The bot's own reference. Sending the same reference again stores nothing.",
    )
    person: str | None = Field(
        default=None,
        max_length=128,
        schema_extra={"pattern": CONTRIBUTOR_PATTERN, "examples": ["3f9a" * 16]},
        description="The person's keyed pseudonym (HMAC of channel and sender), or null.",
    )


class SafeguardingEvent(SafeguardingEventBase, table=True):
    """A stored safeguarding event."""

    __tablename__ = "safeguarding_events"
    __table_args__ = (
        Index("ix_safeguarding_events_forum_id_occurred_at", "forum_id", "occurred_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forums.id")
    client_ref: str = Field(max_length=128, unique=True, index=True)
    person: str | None = Field(default=None, max_length=128, index=True)
    created_at: datetime = Field(default_factory=utc_now)


class SafeguardingEventPublic(SafeguardingEventBase):
    """An event as the forum's admin (for the designated safeguarding lead) sees it."""

    id: int = Field(description="The event's id.", schema_extra={"examples": [4]})
    person: str | None = Field(
        description="A keyed pseudonym: the same value means the same person on the same "
        "channel; it cannot be turned back into a phone number or chat id. Null after the "
        "person asked for their data to be deleted.",
        schema_extra={"examples": ["3f9a" * 16]},
    )
    created_at: datetime = Field(
        description="When the API stored it (UTC).",
        schema_extra={"examples": ["2025-03-14T21:40:01Z"]},
    )


class SafeguardingEventStored(SQLModel):
    """The answer to recording an event."""

    id: int = Field(description="The stored event's id.", schema_extra={"examples": [4]})
    created: bool = Field(
        description="True when this call stored it; false when the client_ref was stored before.",
        schema_extra={"examples": [True]},
    )
