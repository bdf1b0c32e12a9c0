"""GET /health says whether the API and its database are working."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_health_says_ok_when_the_database_answers(client: TestClient) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_answers_503_when_the_database_is_down(client: TestClient, tmp_path: Path) -> None:
    working_engine = client.app.state.engine  # type: ignore[attr-defined]
    # A folder is not a database file: SQLite cannot open it.
    client.app.state.engine = create_engine(f"sqlite:///{tmp_path}")  # type: ignore[attr-defined]
    try:
        response = client.get("/health")
    finally:
        client.app.state.engine.dispose()  # type: ignore[attr-defined]
        client.app.state.engine = working_engine  # type: ignore[attr-defined]

    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "database_unavailable"
    assert error["message"]
