"""Configuration read from environment variables (and a local `.env` file, if present)."""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The documented local default (see docs/architecture.md); refused in production.
LOCAL_SERVICE_TOKEN = "local-service-token"  # noqa: S105
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class Settings(BaseSettings):
    """Every setting the API reads. Names match the environment variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    ENVIRONMENT: Literal["development", "test", "staging", "production"] = "development"
    DATABASE_URL: str = "sqlite:///var/api.db"
    API_SERVICE_TOKEN: SecretStr = SecretStr(LOCAL_SERVICE_TOKEN)
    # Signs the short-lived report links readers make. Left unset, a key is derived from
    # API_SERVICE_TOKEN (which production already requires to be long and random).
    REPORT_LINK_SECRET: SecretStr | None = None
    RASA_URL: str = "http://127.0.0.1:5005"
    DEFAULT_FORUM: str = Field(default="local", pattern=SLUG_PATTERN)
    DEFAULT_K: int = Field(default=5, ge=1, le=100)
    CHAT_ORIGIN: str | None = None
    # Request bodies over these sizes get 413 (api/limits.py); batches may be larger.
    MAX_REQUEST_BYTES: int = Field(default=64 * 1024, ge=1024)
    MAX_BATCH_REQUEST_BYTES: int = Field(default=8 * 1024 * 1024, ge=1024)
    # Web chat messages a minute, a sender and a client address (api/limits.py).
    CHAT_RATE_LIMIT_PER_MINUTE: int = Field(default=30, ge=1)
    CHAT_IP_RATE_LIMIT_PER_MINUTE: int = Field(default=120, ge=1)
    LOG_LEVEL: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("ENVIRONMENT", mode="before")
    @classmethod
    def _lowercase_environment(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("DATABASE_URL")
    @classmethod
    def _normalise_database_url(cls, value: str) -> str:
        """Accept the usual PostgreSQL spellings and use the psycopg 3 driver for them."""
        value = value.strip()
        value = re.sub(r"^(postgres|postgresql)://", "postgresql+psycopg://", value)
        if not value.startswith(("sqlite:", "postgresql+psycopg:")):
            raise ValueError("DATABASE_URL must be a sqlite:/// or postgresql:// address.")
        return value

    @field_validator("RASA_URL")
    @classmethod
    def _strip_trailing_slash(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("RASA_URL must start with http:// or https://.")
        return value

    @field_validator("CHAT_ORIGIN")
    @classmethod
    def _empty_origin_is_none(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return value.strip().rstrip("/")

    @field_validator("REPORT_LINK_SECRET", mode="before")
    @classmethod
    def _empty_secret_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _refuse_local_secrets_in_production(self) -> Settings:
        if self.ENVIRONMENT == "production":
            token = self.API_SERVICE_TOKEN.get_secret_value()
            if token == LOCAL_SERVICE_TOKEN or len(token) < 16:
                raise ValueError(
                    "API_SERVICE_TOKEN is the local default or too short. "
                    "Set a long random value before running in production."
                )
            link_secret = self.REPORT_LINK_SECRET
            if link_secret is not None and len(link_secret.get_secret_value()) < 16:
                raise ValueError(
                    "REPORT_LINK_SECRET is too short. Use at least 16 random characters, "
                    "or leave it unset."
                )
        return self

    @property
    def report_link_key(self) -> bytes:
        """The key that signs report links."""
        if self.REPORT_LINK_SECRET is not None:
            return self.REPORT_LINK_SECRET.get_secret_value().encode("utf-8")
        return hmac.new(
            self.service_token.encode("utf-8"), b"send-voices report links", hashlib.sha256
        ).digest()

    @property
    def service_token(self) -> str:
        """The shared secret the bot's action server sends to the internal endpoints."""
        return self.API_SERVICE_TOKEN.get_secret_value()
