"""Quotes: views a moderator approved for summaries and reports (stored on the view)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from api.models.view import QuoteStatus


class QuoteBase(SQLModel):
    """A moderator's decision."""

    status: QuoteStatus = Field(
        description="approved (shown in summaries), rejected, or pending (not decided yet).",
        schema_extra={"examples": ["approved"]},
    )


class QuoteDecision(QuoteBase):
    """What a moderator sends (`PUT /api/v1/views/{view_id}/quote`)."""


class QuotePublic(QuoteBase):
    """A view's quote decision."""

    view_id: int = Field(description="The view's id.", schema_extra={"examples": [12]})
    decided_at: datetime | None = Field(
        description="When it was decided (UTC); null while pending.",
        schema_extra={"examples": ["2025-03-15T11:00:00Z"]},
    )
    decided_by: int | None = Field(
        description="The id of the moderator's key; null while pending.",
        schema_extra={"examples": [2]},
    )
