"""Quick views: a short multiple-choice question a forum asks parents through the assistant."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from pydantic import field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.base import JSON_LIST, EnumAsString, utc_now
from api.models.view import CONTRIBUTOR_PATTERN, Channel

MIN_OPTIONS = 2
MAX_OPTIONS = 6


class QuickViewBase(SQLModel):
    """The question and its options."""

    question: str = Field(
        sa_type=Text,
        min_length=1,
        max_length=300,
        description="The question, in plain words.",
        schema_extra={"examples": ["Has your child's EHCP annual review happened on time?"]},
    )
    options: list[str] = Field(
        sa_type=JSON_LIST,
        min_length=MIN_OPTIONS,
        max_length=MAX_OPTIONS,
        description=f"{MIN_OPTIONS} to {MAX_OPTIONS} answers, each up to 80 characters. Parents "
        "answer with their number, from 1.",
        schema_extra={"examples": [["Yes", "No, it was late", "No, it has not happened"]]},
    )
    closes_at: datetime | None = Field(
        default=None,
        description="When answers stop being taken (UTC); null to keep it open until closed.",
        schema_extra={"examples": ["2025-04-30T23:59:00Z"]},
    )


class QuickViewCreate(QuickViewBase):
    """What an admin sends (`POST /api/v1/quick-views`)."""

    @field_validator("question", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @field_validator("options")
    @classmethod
    def _check_options(cls, value: list[str]) -> list[str]:
        options = [option.strip() for option in value]
        if any(not option or len(option) > 80 for option in options):
            raise PydanticCustomError("bad_option", "Each option must be 1 to 80 characters.")
        if len({option.lower() for option in options}) != len(options):
            raise PydanticCustomError("repeated_option", "Each option must be different.")
        return options

    @field_validator("closes_at")
    @classmethod
    def _in_the_future(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise PydanticCustomError(
                "naive_time", "Give closes_at with a time zone, e.g. 2025-04-30T23:59:00Z."
            )
        if value <= utc_now():
            raise PydanticCustomError("in_the_past", "closes_at must be in the future.")
        return value


class QuickView(QuickViewBase, table=True):
    """A stored quick view."""

    __tablename__ = "quick_views"

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forums.id", index=True)
    closed_at: datetime | None = None
    created_by: int = Field(foreign_key="api_keys.id")
    created_at: datetime = Field(default_factory=utc_now)

    def is_open(self, now: datetime | None = None) -> bool:
        """Whether answers are still taken."""
        now = now or utc_now()
        return self.closed_at is None and (self.closes_at is None or now < self.closes_at)


class QuickViewPublic(QuickViewBase):
    """A quick view as forum keys and the bot see it."""

    id: int = Field(description="The quick view's id.", schema_extra={"examples": [5]})
    open: bool = Field(
        description="True while answers are taken.", schema_extra={"examples": [True]}
    )
    closed_at: datetime | None = Field(
        description="When an admin closed it, if they did.", schema_extra={"examples": [None]}
    )
    created_at: datetime = Field(
        description="When it was created (UTC).",
        schema_extra={"examples": ["2025-04-01T09:00:00Z"]},
    )


class QuickViewAnswerBase(SQLModel):
    """A parent's answer."""

    option: int = Field(
        ge=1,
        le=MAX_OPTIONS,
        description="The number of the option the parent chose, from 1.",
        schema_extra={"examples": [2]},
    )
    channel: Channel = Field(
        sa_type=EnumAsString(Channel, length=16),
        description="The channel the parent answered on.",
        schema_extra={"examples": ["sms"]},
    )


class QuickViewAnswerCreate(QuickViewAnswerBase):
    """What the bot sends (`POST /api/v1/internal/quick-views/{id}/answers`)."""

    contributor: str = Field(
        max_length=128,
        schema_extra={"pattern": CONTRIBUTOR_PATTERN, "examples": ["3f9a" * 16]},
        description="The parent's pseudonym, as with views. One answer per pseudonym; a new "
        "answer replaces the old one until the quick view closes.",
    )

    @field_validator("contributor", mode="before")
    @classmethod
    def _pseudonym(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = value.lower()
        if not re.fullmatch(CONTRIBUTOR_PATTERN, value):
            raise PydanticCustomError(
                "pattern_mismatch",
                "Use the contributor's keyed hash, written as 16 to 128 hex characters.",
            )
        return value


class QuickViewAnswer(QuickViewAnswerBase, table=True):
    """A stored answer: one per contributor per quick view."""

    __tablename__ = "quick_view_answers"
    __table_args__ = (UniqueConstraint("quick_view_id", "contributor"),)

    id: int | None = Field(default=None, primary_key=True)
    quick_view_id: int = Field(foreign_key="quick_views.id")
    contributor: str = Field(max_length=128)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class QuickViewAnswerStored(SQLModel):
    """The answer to storing an answer."""

    id: int = Field(description="The answer's id.", schema_extra={"examples": [88]})
    created: bool = Field(
        description="True for a first answer; false when it replaced the parent's earlier one.",
        schema_extra={"examples": [True]},
    )


class QuickViewOptionResult(SQLModel):
    """How many parents chose one option."""

    number: int = Field(description="The option's number, from 1.", schema_extra={"examples": [1]})
    option: str = Field(description="The option's text.", schema_extra={"examples": ["Yes"]})
    answers: int | None = Field(
        description="Parents who chose it; null if suppressed.", schema_extra={"examples": [14]}
    )
    suppressed: bool = Field(
        description="True when the number is withheld.", schema_extra={"examples": [False]}
    )


class QuickViewResults(SQLModel):
    """A quick view's results, with the same k-suppression as summaries."""

    id: int = Field(description="The quick view's id.", schema_extra={"examples": [5]})
    question: str = Field(
        description="The question.",
        schema_extra={"examples": ["Has your child's EHCP annual review happened on time?"]},
    )
    open: bool = Field(
        description="True while answers are taken.", schema_extra={"examples": [False]}
    )
    k: int = Field(description="The forum's smallest shown group.", schema_extra={"examples": [5]})
    answers: int | None = Field(
        description="Parents who answered; null when fewer than k.", schema_extra={"examples": [31]}
    )
    options: list[QuickViewOptionResult] = Field(description="Each option, in order.")
