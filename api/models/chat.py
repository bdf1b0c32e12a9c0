"""Messages between the web chat page and the assistant."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator

MESSAGE_MAX_LENGTH = 2000


class ChatMessage(BaseModel):
    """A message typed (or a button pressed) on the `/chat` page."""

    sender: str = Field(
        min_length=1,
        max_length=128,
        description="A random id the page keeps in the browser, so a conversation can continue.",
    )
    message: str = Field(min_length=1, max_length=MESSAGE_MAX_LENGTH)
    language: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2,3}$",
        description="The language chosen on the page's picker (ISO 639-1 code), if any.",
    )
    easy_read: bool = Field(
        default=False,
        description="The person asked for Easy Read: shorter sentences, one idea at a time.",
    )

    def assistant_metadata(self) -> dict[str, Any]:
        """What the page asked for, as message metadata for the assistant.

        Only what was chosen is included, so a plain message carries no extra metadata.
        """
        metadata: dict[str, Any] = {}
        if self.language:
            metadata["language"] = self.language
        if self.easy_read:
            metadata["easy_read"] = True
        return metadata

    @field_validator("sender", "message", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value
