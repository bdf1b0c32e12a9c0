"""Alembic environment.

The app and the CLI call `api.db.run_migrations`, which hands over an open connection.
Run by the `alembic` command instead (`alembic -c api/alembic.ini upgrade head`), this reads
DATABASE_URL from the same `Settings` the app uses.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import api.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from api.db import create_migration_engine, hold_migration_lock
from api.settings import Settings

target_metadata = SQLModel.metadata

if context.config.config_file_name is not None:
    # Run from the `alembic` command: use the logging set up in alembic.ini.
    fileConfig(context.config.config_file_name, disable_existing_loggers=False)


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_migrations_offline() -> None:
    """Print the SQL instead of running it (`alembic upgrade head --sql`)."""
    url = context.config.get_main_option("sqlalchemy.url") or Settings().DATABASE_URL
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on a connection given by the caller, or on DATABASE_URL."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return

    url = context.config.get_main_option("sqlalchemy.url") or Settings().DATABASE_URL
    engine = create_migration_engine(url)
    try:
        with engine.begin() as own_connection:
            hold_migration_lock(own_connection)
            _configure(own_connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
