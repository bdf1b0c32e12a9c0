"""Views: anonymised experiences and opinions that parents agreed to pass on."""

from __future__ import annotations

import enum
import re
from datetime import datetime
from typing import Any

from pydantic import ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from api.models.base import JSON_LIST, EnumAsString, utc_now
from api.themes import theme_codes

TEXT_MAX_LENGTH = 5000
MAX_THEMES = 3
LANGUAGE_PATTERN = r"^[a-z]{2,3}$"
CLIENT_REF_PATTERN = r"^[A-Za-z0-9._:-]{1,128}$"
CONTRIBUTOR_PATTERN = r"^[0-9a-f]{16,128}$"
VERSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"
RECIPIENT_REF_PATTERN = r"^[!-~]{1,2048}$"

# Plain-English errors for the fields that must match a pattern.
_PATTERN_ERRORS = {
    "language": (
        LANGUAGE_PATTERN,
        "Use a 2 or 3 letter lowercase language code, such as en, pl or ur.",
    ),
    "client_ref": (
        CLIENT_REF_PATTERN,
        "Use 1 to 128 letters, digits, dots, dashes, colons or underscores.",
    ),
    "contributor": (
        CONTRIBUTOR_PATTERN,
        "Use the contributor's keyed hash, written as 16 to 128 hex characters.",
    ),
    "anonymiser_version": (
        VERSION_PATTERN,
        "Use up to 64 letters, digits, dots, dashes, plus signs or underscores, e.g. 1.4.0.",
    ),
    "theme_model_version": (
        VERSION_PATTERN,
        "Use up to 64 letters, digits, dots, dashes, plus signs or underscores, e.g. 1.4.0.",
    ),
    "recipient_ref": (
        RECIPIENT_REF_PATTERN,
        "Use 1 to 2048 printable characters without spaces (the bot's encrypted routing data).",
    ),
}


class Channel(str, enum.Enum):
    """Where the parent talked to the assistant."""

    rest = "rest"
    webchat = "webchat"
    sms = "sms"
    telegram = "telegram"


class AgeBand(str, enum.Enum):
    """The child's age band, in years, when the parent said it."""

    early_years = "0-4"
    primary = "5-10"
    secondary = "11-15"
    young_adult = "16-25"


class QuoteStatus(str, enum.Enum):
    """A moderator's decision on using a view as a quote in summaries and reports."""

    pending = "pending"
    approved = "approved"
    rejected = "rejected"


class ViewBase(SQLModel):
    """The parts of a view a forum moderator may read."""

    text: str = Field(
        sa_type=Text,
        min_length=1,
        max_length=TEXT_MAX_LENGTH,
        description="The view in the parent's words, already anonymised by the assistant.",
        schema_extra={"examples": ["The annual review was late again and nobody rang back."]},
    )
    text_en: str | None = Field(
        default=None,
        sa_type=Text,
        max_length=TEXT_MAX_LENGTH,
        description="An English gloss when the view was given in another language.",
        schema_extra={"examples": [None]},
    )
    themes: list[str] = Field(
        default_factory=list,
        sa_type=JSON_LIST,
        max_length=MAX_THEMES,
        description="Up to 3 theme codes from themes.yml.",
        schema_extra={"examples": [["ehcp_process", "communication"]]},
    )
    sentiment: float | None = Field(
        default=None,
        ge=-1,
        le=1,
        description="From -1 (very negative) to 1 (very positive).",
        schema_extra={"examples": [-0.6]},
    )
    language: str = Field(
        max_length=3,
        schema_extra={"pattern": LANGUAGE_PATTERN, "examples": ["en"]},
        description="ISO 639 code of the language the view was given in, e.g. `en`, `pl`.",
    )
    channel: Channel = Field(
        sa_type=EnumAsString(Channel, length=16),
        description="The channel the parent used: rest, webchat, sms or telegram.",
        schema_extra={"examples": ["sms"]},
    )
    age_band: AgeBand | None = Field(
        default=None,
        sa_type=EnumAsString(AgeBand, length=8),
        description="The child's age band in years, when the parent said it; null otherwise.",
        schema_extra={"examples": ["5-10"]},
    )


class ViewCreate(ViewBase):
    """A view as the bot's action server sends it (`POST /api/v1/internal/views`)."""

    client_ref: str = Field(
        max_length=128,
        schema_extra={"pattern": CLIENT_REF_PATTERN, "examples": ["b2c5e1f0-view-1"]},
        description="The bot's own reference. Sending the same reference again stores nothing.",
    )
    contributor: str = Field(
        max_length=128,
        schema_extra={"pattern": CONTRIBUTOR_PATTERN, "examples": ["3f9a" * 16]},
        description="Keyed hash (hex) of the channel and sender, never the sender id itself.",
    )
    hear_back: bool = Field(
        default=False,
        description="The parent would like to hear what changed because of it.",
        schema_extra={"examples": [True]},
    )
    anonymiser_version: str | None = Field(
        default=None,
        max_length=64,
        schema_extra={"pattern": VERSION_PATTERN, "examples": ["anon-1.2.0"]},
        description="Version of the bot's anonymiser that produced `text`.",
    )
    theme_model_version: str | None = Field(
        default=None,
        max_length=64,
        schema_extra={"pattern": VERSION_PATTERN, "examples": ["themes-2025.11"]},
        description="Version of the model (or rules) that chose `themes` and `sentiment`.",
    )
    recipient_ref: str | None = Field(
        default=None,
        max_length=2048,
        schema_extra={"pattern": RECIPIENT_REF_PATTERN, "examples": ["gAAAAABn...encrypted"]},
        description="Optional opaque, encrypted routing data the bot can use to reach the "
        "parent again when something changes. Stored as it is, given back only to the bot "
        "(in the hear-back outbox), never to forum keys.",
    )

    @field_validator("text", "text_en", mode="before")
    @classmethod
    def _strip_text(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value
        value = value.strip()
        if info.field_name == "text" and not value:
            raise PydanticCustomError("empty_text", "The view's text is empty.")
        return value

    @field_validator("text_en")
    @classmethod
    def _empty_gloss_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator(
        "language",
        "client_ref",
        "contributor",
        "anonymiser_version",
        "theme_model_version",
        "recipient_ref",
        mode="before",
    )
    @classmethod
    def _match_pattern(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value  # the type check that follows explains what is wrong
        if info.field_name == "contributor":
            value = value.lower()
        pattern, message = _PATTERN_ERRORS[str(info.field_name)]
        if not re.fullmatch(pattern, value):
            raise PydanticCustomError("pattern_mismatch", message)
        return value

    @field_validator("themes")
    @classmethod
    def _known_themes(cls, value: list[str]) -> list[str]:
        known = theme_codes()
        unknown = [code for code in value if code not in known]
        if unknown:
            raise PydanticCustomError(
                "unknown_theme",
                "We do not know the theme {unknown}. Use codes from themes.yml.",
                {"unknown": ", ".join(unknown)},
            )
        return list(dict.fromkeys(value))


class View(ViewBase, table=True):
    """A stored view. `contributor`, `client_ref` and `recipient_ref` never leave the API.

    (`recipient_ref` goes back to the bot only, in the hear-back outbox.)
    """

    __tablename__ = "views"
    __table_args__ = (
        Index("ix_views_forum_id_created_at", "forum_id", "created_at"),
        Index("ix_views_forum_id_quote_status", "forum_id", "quote_status", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forums.id")
    client_ref: str = Field(max_length=128, unique=True, index=True)
    contributor: str = Field(max_length=128)
    hear_back: bool = False
    anonymiser_version: str | None = Field(default=None, max_length=64)
    theme_model_version: str | None = Field(default=None, max_length=64)
    recipient_ref: str | None = Field(default=None, max_length=2048)
    quote_status: QuoteStatus = Field(
        default=QuoteStatus.pending,
        sa_type=EnumAsString(QuoteStatus, length=16),
        sa_column_kwargs={"server_default": QuoteStatus.pending.value},
    )
    quote_decided_at: datetime | None = None
    quote_decided_by: int | None = Field(default=None, foreign_key="api_keys.id")
    created_at: datetime = Field(default_factory=utc_now)


class ViewPublic(ViewBase):
    """A view as a forum moderator sees it: no contributor pseudonym, no client reference."""

    id: int = Field(description="The view's id.", schema_extra={"examples": [12]})
    quote_status: QuoteStatus = Field(
        description="Whether a moderator approved it as a quote for summaries and reports.",
        schema_extra={"examples": ["approved"]},
    )
    created_at: datetime = Field(
        description="When the API stored it (UTC).",
        schema_extra={"examples": ["2025-03-14T09:30:00Z"]},
    )


class ViewStored(SQLModel):
    """The answer to an ingestion: the view's id, and whether this call stored it."""

    id: int = Field(description="The stored view's id.", schema_extra={"examples": [12]})
    created: bool = Field(
        description="True when this call stored it; false when the client_ref was stored before.",
        schema_extra={"examples": [True]},
    )


MAX_BATCH = 500


class ViewBatch(SQLModel):
    """Several views at once (`POST /api/v1/internal/views/batch`), each stored once."""

    views: list[ViewCreate] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        description=f"1 to {MAX_BATCH} views, each as for `POST /api/v1/internal/views`.",
    )


class ViewBatchStored(SQLModel):
    """What happened to each view of a batch, in the order they were sent."""

    results: list[ViewStored] = Field(description="One result per view sent, in order.")
