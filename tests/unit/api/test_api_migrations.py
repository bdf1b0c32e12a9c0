"""Migrations: they build what the models describe, and are safe to run twice or at once."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlmodel import Session, SQLModel

import api.models  # noqa: F401  (registers the tables)
from api.db import alembic_config, create_db_engine, run_migrations
from api.services.stats import rebuild_stats

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'migrations.db'}"


def schema_differences(url: str) -> list[object]:
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, SQLModel.metadata))
    finally:
        engine.dispose()


def current_revision(url: str) -> str | None:
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def test_the_migrations_build_exactly_what_the_models_describe(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)

    run_migrations(url)

    assert schema_differences(url) == []


def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)

    run_migrations(url)
    run_migrations(url)

    assert current_revision(url) == HEAD


def test_two_processes_can_migrate_a_new_database_at_the_same_time(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    errors: list[BaseException] = []

    def migrate() -> None:
        try:
            run_migrations(url)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=migrate) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert current_revision(url) == HEAD


def test_the_migrations_can_be_undone_and_redone(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
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

    assert schema_differences(url) == []


def rollups(engine: Engine) -> dict[str, list[Any]]:
    with engine.connect() as connection:
        return {
            table: sorted(
                tuple(row)
                for row in connection.execute(text(f"SELECT * FROM {table}"))  # noqa: S608
                if table != "contributor_firsts" or row[-1] != 0
            )
            for table in ("view_stats", "contributor_months", "contributor_firsts")
        }


def add_old_views(engine: Engine) -> None:
    """Views as revision 0001 stored them, over several months, from a few parents."""
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO forums (slug, name, k, created_at) VALUES ('local', 'Local', 5, :t)"),
            {"t": "2025-01-01 00:00:00.000000"},
        )
        for number in range(40):
            connection.execute(
                text(
                    "INSERT INTO views (forum_id, client_ref, text, themes, sentiment, language, "
                    "channel, contributor, hear_back, created_at) VALUES (1, :ref, 'A view.', "
                    ":themes, :sentiment, :language, :channel, :who, 0, :created_at)"
                ),
                {
                    "ref": f"old-{number}",
                    "themes": json.dumps(
                        [["transport"], ["ehcp_process", "transport"], []][number % 3]
                    ),
                    "sentiment": None if number % 4 == 0 else -0.5,
                    "language": "pl" if number % 5 == 0 else "en",
                    "channel": ["sms", "webchat"][number % 2],
                    "who": f"{number % 7:064x}",
                    "created_at": f"2025-{1 + number % 4:02d}-{1 + number % 27:02d} 10:00:00",
                },
            )


def test_upgrading_fills_the_summary_totals_from_views_already_stored(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    run_migrations(url, revision="0001")
    engine = create_db_engine(url)
    try:
        add_old_views(engine)

        run_migrations(url)
        migrated = rollups(engine)
        with Session(engine) as session:
            rebuild_stats(session=session, forum_id=1)
        rebuilt = rollups(engine)
    finally:
        engine.dispose()

    assert migrated["view_stats"], "the migration filled nothing"
    assert migrated == rebuilt
