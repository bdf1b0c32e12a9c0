"""Against PostgreSQL: migrations, and a view going from the bot to a forum moderator."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlmodel import Session, SQLModel, select

import api.models  # noqa: F401  (registers the tables)
from api.db import alembic_config, create_db_engine, run_migrations
from api.models import Role, View
from api.services.forums import ensure_forum
from api.services.keys import create_api_key

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

REPO_ROOT = Path(__file__).resolve().parents[3]
SERVICE_HEADERS = {"Authorization": "Bearer integration-service-token-0123456789"}


def make_key(client: TestClient, *, forum: str, role: Role) -> str:
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        forum_row, _ = ensure_forum(session=session, slug=forum)
        _, key = create_api_key(session=session, forum=forum_row, role=role)
    return key


def view_body(client_ref: str, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client_ref": client_ref,
        "text": "We waited 40 weeks for the EHCP. Nobody called back. [phone]",
        "language": "en",
        "channel": "telegram",
        "contributor": "c0ffee" * 10,
        "themes": ["ehcp_process", "communication"],
        "sentiment": -0.7,
        "hear_back": True,
    }
    body.update(fields)
    return body


def test_the_migrations_build_exactly_what_the_models_describe_on_postgresql(
    create_database: Callable[[], str],
) -> None:
    url = create_database()

    run_migrations(url)
    run_migrations(url)  # a second run finds nothing to do

    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            head = ScriptDirectory.from_config(alembic_config()).get_current_head()
            assert context.get_current_revision() == head
            assert compare_metadata(context, SQLModel.metadata) == []
            themes_type = connection.execute(
                text(
                    "SELECT data_type FROM information_schema.columns "
                    "WHERE table_name = 'views' AND column_name = 'themes'"
                )
            ).scalar_one()
            assert themes_type == "jsonb"
    finally:
        engine.dispose()


def test_the_migrations_can_be_undone_and_redone_on_postgresql(
    create_database: Callable[[], str],
) -> None:
    url = create_database()
    run_migrations(url)
    engine = create_db_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()

    run_migrations(url)


def test_a_view_sent_by_the_bot_can_be_read_by_the_forums_moderator(client: TestClient) -> None:
    moderator = make_key(client, forum="local", role=Role.moderator)
    headers = {"Authorization": f"Bearer {moderator}"}
    started = datetime.now(timezone.utc) - timedelta(seconds=1)

    first = client.post("/api/v1/internal/views", json=view_body("pg-1"), headers=SERVICE_HEADERS)
    again = client.post("/api/v1/internal/views", json=view_body("pg-1"), headers=SERVICE_HEADERS)
    other = client.post(
        "/api/v1/internal/views",
        json=view_body("pg-2", themes=["transport"], text="The taxi did not come."),
        headers=SERVICE_HEADERS,
    )

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == {"id": first.json()["id"], "created": False}
    assert other.status_code == 201

    since = started.isoformat().replace("+00:00", "Z")
    views = client.get("/api/v1/views", params={"since": since}, headers=headers).json()
    assert [view["id"] for view in views] == [other.json()["id"], first.json()["id"]]
    assert views[1]["text"] == view_body("pg-1")["text"]
    assert views[1]["themes"] == ["ehcp_process", "communication"]
    assert "contributor" not in views[1] and "client_ref" not in views[1]

    by_theme = client.get(
        "/api/v1/views", params={"theme": "communication", "since": since}, headers=headers
    ).json()
    assert [view["id"] for view in by_theme] == [first.json()["id"]]


def test_created_at_keeps_its_timezone_on_postgresql(client: TestClient) -> None:
    response = client.post(
        "/api/v1/internal/views", json=view_body("pg-tz"), headers=SERVICE_HEADERS
    )

    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        view = session.exec(select(View).where(View.id == response.json()["id"])).one()
    assert view.created_at.utcoffset() == timedelta(0)
    assert abs(datetime.now(timezone.utc) - view.created_at) < timedelta(minutes=1)


def test_another_forums_key_sees_none_of_the_local_views(client: TestClient) -> None:
    client.post("/api/v1/internal/views", json=view_body("pg-scope"), headers=SERVICE_HEADERS)
    stranger = make_key(client, forum="elsewhere", role=Role.admin)

    response = client.get("/api/v1/views", headers={"Authorization": f"Bearer {stranger}"})

    assert response.status_code == 200
    assert response.json() == []


def test_the_cli_makes_a_working_key_on_postgresql(
    client: TestClient, api_env: dict[str, str]
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "api.cli", "forum-key", "--forum", "pg-forum", "--role", "reader"],
        cwd=REPO_ROOT,
        env={**os.environ, **api_env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    key = result.stdout.splitlines()[-1]
    response = client.get("/api/v1/views", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 403  # a reader key: known, but not allowed to see views
