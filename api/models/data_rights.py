"""What the API holds about one contributor (a keyed pseudonym), and what erasing removed."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class ContributorData(SQLModel):
    """What is stored under one pseudonym. Counts only: no text leaves the API this way."""

    views: int = Field(description="Anonymised views stored.", schema_extra={"examples": [2]})
    hear_back: int = Field(
        description="Of those, views whose giver asked to hear what changed.",
        schema_extra={"examples": [1]},
    )
    quick_view_answers: int = Field(
        description="Answers to quick views.", schema_extra={"examples": [3]}
    )
    listened_scores: int = Field(
        description="Answers to 'did you feel listened to?'.", schema_extra={"examples": [0]}
    )
    pending_messages: int = Field(
        description="'You said, we did' messages waiting to be sent.",
        schema_extra={"examples": [0]},
    )
    safeguarding_events: int = Field(
        description="Safeguarding events (no words, only that urgent help was needed).",
        schema_extra={"examples": [0]},
    )


class ContributorErased(SQLModel):
    """What erasing a pseudonym did.

    Views and waiting messages are deleted. Answers to quick views, 'listened' scores and
    safeguarding events stay only as counts: their link to the pseudonym is removed. Totals
    already counted in summaries (which hold no pseudonym) are not changed.
    """

    views_deleted: int = Field(
        description="Views deleted (their text is gone).", schema_extra={"examples": [2]}
    )
    messages_deleted: int = Field(
        description="'You said, we did' messages deleted before being sent.",
        schema_extra={"examples": [0]},
    )
    contributor_months_deleted: int = Field(
        description="Rows linking the pseudonym's key to months and themes, deleted.",
        schema_extra={"examples": [4]},
    )
    quick_view_answers_unlinked: int = Field(
        description="Quick view answers kept as counts, the pseudonym replaced.",
        schema_extra={"examples": [3]},
    )
    listened_scores_unlinked: int = Field(
        description="'Listened' scores kept as counts, the pseudonym replaced.",
        schema_extra={"examples": [0]},
    )
    safeguarding_events_unlinked: int = Field(
        description="Safeguarding events kept as counts, the pseudonym removed.",
        schema_extra={"examples": [0]},
    )
