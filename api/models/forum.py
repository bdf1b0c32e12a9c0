"""Forums: each parent carer forum sees only its own views."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from api.models.api_key import ApiKeyCreated
from api.models.base import utc_now
from api.settings import SLUG_PATTERN

# Through the API, an admin may raise k or lower it to 3 at the least; below that, summaries
# would show single parents' views. (The command line may still set any k from 1.)
MIN_K_BY_API = 3


class ForumBase(SQLModel):
    """Fields a forum is created with."""

    slug: str = Field(
        max_length=64,
        unique=True,
        index=True,
        schema_extra={"pattern": SLUG_PATTERN, "examples": ["north-yorkshire"]},
        description="Short name used in commands and URLs, e.g. `local`.",
    )
    name: str = Field(
        min_length=1,
        max_length=200,
        description="Display name.",
        schema_extra={"examples": ["North Yorkshire Parent Carer Forum"]},
    )
    k: int = Field(
        default=5,
        ge=1,
        le=100,
        description="Smallest group size shown in summaries; smaller counts are suppressed.",
        schema_extra={"examples": [5]},
    )


class ForumCreate(ForumBase):
    """What an admin sends to create a forum."""


class Forum(ForumBase, table=True):
    """A parent carer forum."""

    __tablename__ = "forums"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utc_now)


class ForumPublic(ForumBase):
    """A forum as the API shows it."""

    id: int = Field(description="The forum's id.", schema_extra={"examples": [1]})
    created_at: datetime = Field(
        description="When it was created (UTC).",
        schema_extra={"examples": ["2025-01-06T10:00:00Z"]},
    )


class ForumUpdate(SQLModel):
    """What an admin may change about their own forum. Fields left out stay as they are."""

    name: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="New display name.",
        schema_extra={"examples": ["North Yorkshire Parent Carer Forum"]},
    )
    k: int | None = Field(
        default=None,
        ge=MIN_K_BY_API,
        le=100,
        description=f"New smallest group size, {MIN_K_BY_API} to 100. Summaries suppress "
        "any count from fewer people than this.",
        schema_extra={"examples": [10]},
    )


class ForumCreated(SQLModel):
    """A new forum and its first admin key, to hand to the forum's lead."""

    forum: ForumPublic = Field(description="The new forum.")
    admin_key: ApiKeyCreated = Field(
        description="The new forum's first admin key, shown only this once."
    )
