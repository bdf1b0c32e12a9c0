"""Settings: local defaults work out of the box; production refuses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from api.db import create_db_engine
from api.settings import Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Ignore the developer's own environment and `.env` file."""
    for name in (
        "ENVIRONMENT",
        "DATABASE_URL",
        "API_SERVICE_TOKEN",
        "RASA_URL",
        "DEFAULT_FORUM",
        "DEFAULT_K",
        "CHAT_ORIGIN",
        "LOG_LEVEL",
        "REPORT_LINK_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_the_local_defaults_are_the_documented_ones() -> None:
    settings = Settings()

    assert settings.ENVIRONMENT == "development"
    assert settings.DATABASE_URL == "sqlite:///var/api.db"
    assert settings.service_token == "local-service-token"
    assert settings.RASA_URL == "http://127.0.0.1:5005"
    assert settings.DEFAULT_FORUM == "local"
    assert settings.DEFAULT_K == 5
    assert settings.CHAT_ORIGIN is None


def test_production_refuses_the_local_service_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")

    with pytest.raises(ValidationError, match="API_SERVICE_TOKEN"):
        Settings()


def test_production_refuses_a_short_service_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("API_SERVICE_TOKEN", "short")

    with pytest.raises(ValidationError):
        Settings()


def test_production_accepts_a_long_random_service_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("API_SERVICE_TOKEN", "f" * 48)

    assert Settings().ENVIRONMENT == "production"


def test_the_service_token_is_not_shown_in_the_settings_repr(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("API_SERVICE_TOKEN", "a-very-secret-token-value")

    assert "a-very-secret-token-value" not in repr(Settings())


@pytest.mark.parametrize(
    "url",
    ["postgresql://u@db/api", "postgres://u@db/api", "postgresql+psycopg://u@db/api"],
)
def test_postgresql_addresses_use_the_psycopg_driver(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)

    assert Settings().DATABASE_URL == "postgresql+psycopg://u@db/api"


def test_an_unsupported_database_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://u@db/api")

    with pytest.raises(ValidationError, match="DATABASE_URL"):
        Settings()


def test_the_rasa_address_loses_its_trailing_slash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASA_URL", "http://rasa:5005/")

    assert Settings().RASA_URL == "http://rasa:5005"


def test_the_sqlite_folder_is_created_when_missing(tmp_path: Path) -> None:
    engine = create_db_engine("sqlite:///var/nested/api.db")
    engine.dispose()

    assert (tmp_path / "var" / "nested").is_dir()


def test_production_is_recognised_whatever_its_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "Production")

    with pytest.raises(ValidationError, match="API_SERVICE_TOKEN"):
        Settings()


def test_report_links_are_signed_with_a_key_derived_from_the_service_token_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("API_SERVICE_TOKEN", "a-very-secret-token-value")
    derived = Settings().report_link_key

    monkeypatch.setenv("REPORT_LINK_SECRET", "another-long-secret-value")
    explicit = Settings().report_link_key

    assert derived != b"a-very-secret-token-value" and len(derived) == 32
    assert explicit == b"another-long-secret-value"


def test_production_refuses_a_short_report_link_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("API_SERVICE_TOKEN", "f" * 48)
    monkeypatch.setenv("REPORT_LINK_SECRET", "short")

    with pytest.raises(ValidationError, match="REPORT_LINK_SECRET"):
        Settings()
