"""You said, we did: a change made in answer to a theme, told to the parents who raised it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from api.models.base import utc_now
from api.themes import theme_codes

MESSAGE_MAX_LENGTH = 480


class ActionBase(SQLModel):
    """What was changed, and for which theme."""

    theme: str = Field(
        max_length=64,
        description="The theme code (themes.yml) the change answers.",
        schema_extra={"examples": ["transport"]},
    )
    you_said: str = Field(
        sa_type=Text,
        min_length=1,
        max_length=500,
        description="What parents told us, in a sentence.",
        schema_extra={"examples": ["The transport helpline never answers."]},
    )
    we_did: str = Field(
        sa_type=Text,
        min_length=1,
        max_length=1000,
        description="What changed because of it.",
        schema_extra={"examples": ["We now have a named transport officer, Sam, on 01632 960000."]},
    )
    views_from: date = Field(
        description="First day (UTC) of the views this answers. Parents who gave a view on the "
        "theme from this day to `views_to` and asked to hear back are told.",
        schema_extra={"examples": ["2025-01-01"]},
    )
    views_to: date = Field(
        description="Last day (UTC, included) of the views this answers.",
        schema_extra={"examples": ["2025-03-31"]},
    )


class ActionCreate(ActionBase):
    """What an admin sends to record a change (`POST /api/v1/actions`)."""

    message: str | None = Field(
        default=None,
        min_length=1,
        max_length=MESSAGE_MAX_LENGTH,
        description="The short message parents get. Left out, it is made from `you_said` and "
        "`we_did`.",
        schema_extra={
            "examples": [
                "You told us the transport helpline never answers. "
                "We now have a named transport officer."
            ]
        },
    )

    @model_validator(mode="before")
    @classmethod
    def _strip_text(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {
                name: value.strip() if isinstance(value, str) else value
                for name, value in data.items()
            }
        return data

    @model_validator(mode="after")
    def _check(self) -> ActionCreate:
        if self.theme not in theme_codes():
            raise PydanticCustomError(
                "unknown_theme",
                "We do not know the theme {theme}. Use a code from themes.yml.",
                {"theme": self.theme},
            )
        if self.views_to < self.views_from:
            raise PydanticCustomError("period_order", "views_to must be on or after views_from.")
        return self

    def parents_message(self) -> str:
        """The message parents get: the one given, or one made from the two sentences."""
        if self.message:
            return self.message
        text = f"You said: {self.you_said} We did: {self.we_did}"
        if len(text) > MESSAGE_MAX_LENGTH:
            text = text[: MESSAGE_MAX_LENGTH - 1].rstrip() + "…"
        return text


class Action(ActionBase, table=True):
    """A recorded change."""

    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_forum_id_created_at", "forum_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forums.id")
    message: str = Field(sa_type=Text)
    created_by: int = Field(foreign_key="api_keys.id")
    created_at: datetime = Field(default_factory=utc_now)


class ActionPublic(ActionBase):
    """A recorded change as forum keys see it."""

    id: int = Field(description="The change's id.", schema_extra={"examples": [4]})
    message: str = Field(
        description="The short message parents get.",
        schema_extra={"examples": ["You said: the helpline never answers. We did: ..."]},
    )
    created_at: datetime = Field(
        description="When it was recorded (UTC).",
        schema_extra={"examples": ["2025-04-02T14:00:00Z"]},
    )
    parents_told: int | None = Field(
        default=None,
        description="How many parents were queued to hear about it, or null when fewer than "
        "the forum's k (a small number could point to the people who raised it).",
        schema_extra={"examples": [12]},
    )
