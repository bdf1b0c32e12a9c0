"""Fixtures for the API's integration tests against a real PostgreSQL server.

Each test session creates its own databases (`api_test_<random>`) through the `postgres`
maintenance database and drops them at the end. The server defaults to the local one
(127.0.0.1:5432, user postgres, trust auth); set API_TEST_POSTGRES_ADMIN_URL to use another.
When no server answers, these tests are skipped, saying why.
"""

from __future__ import annotations

import os
import secrets
import warnings
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from api.main import create_app

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

ADMIN_URL = os.environ.get(
    "API_TEST_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
SERVICE_TOKEN = "integration-service-token-0123456789"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test here as needing PostgreSQL (`pytest -m "not postgres"` skips them)."""
    for item in items:
        if "tests/integration/api" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def create_database() -> Iterator[Callable[[], str]]:
    """Make fresh, empty databases: `create_database()` returns a SQLAlchemy URL."""
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        # CI has the server: there a missing database fails the run instead of hiding it.
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {ADMIN_URL}: {exc}")
        pytest.skip(f"PostgreSQL is not reachable at {ADMIN_URL}: {exc}")
    created: list[str] = []

    def _create() -> str:
        name = f"api_test_{secrets.token_hex(6)}"
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        created.append(name)
        url = make_url(ADMIN_URL).set(drivername="postgresql+psycopg", database=name)
        return url.render_as_string(hide_password=False)

    try:
        yield _create
    finally:
        for name in created:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        admin.close()


@pytest.fixture(scope="session")
def database_url(create_database: Callable[[], str]) -> str:
    """One database shared by the session's round-trip tests (each uses its own forum)."""
    return create_database()


@pytest.fixture
def api_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment variables for an app on the session's PostgreSQL database."""
    env = {
        "ENVIRONMENT": "test",
        "DATABASE_URL": database_url,
        "API_SERVICE_TOKEN": SERVICE_TOKEN,
        "RASA_URL": "http://127.0.0.1:9",
        "DEFAULT_FORUM": "local",
        "DEFAULT_K": "5",
        "CHAT_ORIGIN": "",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def client(api_env: dict[str, str]) -> Iterator[TestClient]:
    """A client for the app, started against PostgreSQL (migrations run at start-up)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette would rather use `httpx2` than `httpx`.
        from fastapi.testclient import TestClient

    with TestClient(create_app()) as test_client:
        yield test_client
