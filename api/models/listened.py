"""Scores for 'feeling listened to': parents rate, 1 to 5, how far they feel listened to."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from pydantic import ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from api.models.base import EnumAsString, utc_now
from api.models.view import CLIENT_REF_PATTERN, CONTRIBUTOR_PATTERN, Channel

_PATTERNS = {
    "client_ref": (
        CLIENT_REF_PATTERN,
        "Use 1 to 128 letters, digits, dots, dashes, colons or underscores.",
    ),
    "contributor": (
        CONTRIBUTOR_PATTERN,
        "Use the contributor's keyed hash, written as 16 to 128 hex characters.",
    ),
}


class ListenedScoreBase(SQLModel):
    """A parent's answer to "How far do you feel listened to?"."""

    score: int = Field(
        ge=1,
        le=5,
        description="1 (not at all listened to) to 5 (fully listened to).",
        schema_extra={"examples": [2]},
    )
    channel: Channel = Field(
        sa_type=EnumAsString(Channel, length=16),
        description="Where the parent answered.",
        schema_extra={"examples": ["webchat"]},
    )


class ListenedScoreCreate(ListenedScoreBase):
    """A score as the bot's action server sends it (`POST /api/v1/internal/listened-scores`)."""

    client_ref: str = Field(
        max_length=128,
        schema_extra={"pattern": CLIENT_REF_PATTERN, "examples": ["b2c5e1f0-listened-1"]},
        description="The bot's own reference. Sending the same reference again stores nothing.",
    )
    contributor: str = Field(
        max_length=128,
        schema_extra={"pattern": CONTRIBUTOR_PATTERN, "examples": ["3f9a" * 16]},
        description="The same keyed hash the bot sends with views.",
    )

    @field_validator("client_ref", "contributor", mode="before")
    @classmethod
    def _match_pattern(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value
        if info.field_name == "contributor":
            value = value.lower()
        pattern, message = _PATTERNS[str(info.field_name)]
        if not re.fullmatch(pattern, value):
            raise PydanticCustomError("pattern_mismatch", message)
        return value


class ListenedScore(ListenedScoreBase, table=True):
    """A stored score. Only averages over at least k people ever leave the API."""

    __tablename__ = "listened_scores"
    __table_args__ = (Index("ix_listened_scores_forum_id_created_at", "forum_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forums.id")
    client_ref: str = Field(max_length=128, unique=True, index=True)
    contributor: str = Field(max_length=128)
    created_at: datetime = Field(default_factory=utc_now)


class ListenedScoreStored(SQLModel):
    """The answer to storing a score: its id, and whether this call stored it."""

    id: int = Field(description="The stored score's id.", schema_extra={"examples": [7]})
    created: bool = Field(
        description="True when this call stored it; false when the client_ref was stored before.",
        schema_extra={"examples": [True]},
    )
