"""API keys: one forum, one role each. Only the key's SHA-256 hash is stored."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlmodel import Field, SQLModel

from api.models.base import EnumAsString, utc_now

KEY_PREFIX_LENGTH = 8


class Role(str, enum.Enum):
    """What a key may do. Each role can do everything the roles before it can."""

    reader = "reader"
    moderator = "moderator"
    admin = "admin"

    @property
    def rank(self) -> int:
        """Position in the order reader < moderator < admin."""
        return list(Role).index(self)

    def includes(self, required: Role) -> bool:
        """True when this role is `required` or a higher one."""
        return self.rank >= required.rank


class ApiKeyBase(SQLModel):
    """Fields a key is created with."""

    role: Role = Field(
        sa_type=EnumAsString(Role, length=16),
        description="reader (summaries and reports), moderator (also views and quotes) or "
        "admin (also forums, keys, actions and the audit log).",
        schema_extra={"examples": ["reader"]},
    )
    label: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Who or what holds the key, so the audit log makes sense to people.",
        schema_extra={"examples": ["Chair of the forum (Jo)"]},
    )


class ApiKeyCreate(ApiKeyBase):
    """What an admin sends to create a key."""


class ApiKey(ApiKeyBase, table=True):
    """A forum's API key. The key itself is shown once, when it is created, and never stored."""

    __tablename__ = "api_keys"

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forums.id", index=True)
    key_hash: str = Field(max_length=64, unique=True, index=True)
    prefix: str = Field(max_length=KEY_PREFIX_LENGTH)
    created_at: datetime = Field(default_factory=utc_now)
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None


class ApiKeyPublic(ApiKeyBase):
    """A key as an admin sees it later: its prefix, never the key."""

    id: int = Field(
        description="The key's id, as the audit log shows it.", schema_extra={"examples": [3]}
    )
    forum_id: int = Field(
        description="The forum the key belongs to.", schema_extra={"examples": [1]}
    )
    prefix: str = Field(
        description="The first characters of the key, to tell keys apart.",
        schema_extra={"examples": ["sv_Zm9vY"]},
    )
    created_at: datetime = Field(
        description="When it was made (UTC).", schema_extra={"examples": ["2025-01-06T10:00:00Z"]}
    )
    revoked_at: datetime | None = Field(
        description="When it was revoked, or null while it works.",
        schema_extra={"examples": [None]},
    )
    last_used_at: datetime | None = Field(
        description="When it was last used (to the minute), or null if never.",
        schema_extra={"examples": ["2025-03-14T09:31:00Z"]},
    )


class ApiKeyCreated(ApiKeyPublic):
    """A new key: the only time the key itself is shown."""

    key: str = Field(
        description="The key. Keep it somewhere safe: it is shown only this once.",
        schema_extra={"examples": ["sv_" + "Zm9v" * 10 + "YmE"]},
    )
