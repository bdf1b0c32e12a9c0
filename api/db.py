"""Database engines and migrations.

Nothing here runs at import time: the app and the CLI each call `create_db_engine` and
`run_migrations` when they start.

SQLite notes: the database runs in WAL mode with a busy timeout, so the CLI can add a forum
key while the server is reading and writing. Migrations use their own short-lived engine that
opens `BEGIN IMMEDIATE` transactions, so two processes starting at once (the server and the
CLI, say) run the migrations one after the other instead of both at the same time.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_SECONDS = 30
# Pages the WAL may hold before SQLite copies them back into the database file (its
# default is 1,000, about 4 MB). Storing a batch of views into a large database dirties
# pages all over the running totals' indexes; with the default, nearly every batch's
# commit ran a checkpoint (about 30% of the time of storing it, measured on a million
# views). With 10,000 (about 40 MB of WAL) a page changed by several batches is copied
# once per checkpoint instead of once per batch, and commits took half as long.
SQLITE_WAL_AUTOCHECKPOINT_PAGES = 10_000
# Any fixed number will do: it names the PostgreSQL advisory lock held while migrating.
MIGRATION_LOCK_ID = 7_316_001


def _is_sqlite(database_url: str) -> bool:
    return make_url(database_url).get_backend_name() == "sqlite"


def _ensure_sqlite_folder(database_url: str) -> None:
    """Create the folder that will hold a SQLite file (`var/` for the local default)."""
    database = make_url(database_url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _enable_wal(cursor: sqlite3.Cursor) -> None:
    """Switch the database file to WAL mode (once; the mode is stored in the file).

    SQLite answers "database is locked" at once, without waiting for the busy timeout,
    when two connections race to switch a brand-new file, so this retries for a while.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_SECONDS
    while True:
        try:
            (mode,) = cursor.execute("PRAGMA journal_mode").fetchone()
            if str(mode).lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        _enable_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_WAL_AUTOCHECKPOINT_PAGES}")
    finally:
        cursor.close()


def create_db_engine(database_url: str, *, echo: bool = False) -> Engine:
    """Create the engine the app (or the CLI) uses for its sessions.

    Args:
        database_url: A SQLAlchemy URL, e.g. `sqlite:///var/api.db` or
            `postgresql+psycopg://user@host/db`.
        echo: Log every SQL statement (for debugging). Parameters, which may hold view
            text, are hidden from logs and error messages either way.

    Returns:
        A new engine. The caller disposes of it.
    """
    if _is_sqlite(database_url):
        _ensure_sqlite_folder(database_url)
        engine = create_engine(
            database_url,
            echo=echo,
            hide_parameters=True,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
        )
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(database_url, echo=echo, hide_parameters=True, pool_pre_ping=True)


def create_migration_engine(database_url: str) -> Engine:
    """An engine for migrating: its transactions make SQLite DDL atomic and take a write lock.

    Used with `hold_migration_lock`, two processes migrating at once run one after the other.
    """
    if not _is_sqlite(database_url):
        return create_engine(database_url, poolclass=NullPool, hide_parameters=True)
    _ensure_sqlite_folder(database_url)
    engine = create_engine(
        database_url,
        poolclass=NullPool,
        hide_parameters=True,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, record: Any) -> None:
        _set_sqlite_pragmas(dbapi_connection, record)
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def alembic_config() -> Config:
    """The Alembic configuration for `api/migrations`, built in code (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def hold_migration_lock(connection: Connection) -> None:
    """Hold PostgreSQL's migration lock until the transaction ends (SQLite needs no more)."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:lock_id)"), {"lock_id": MIGRATION_LOCK_ID}
        )


def run_migrations(database_url: str, *, revision: str = "head") -> None:
    """Bring the database schema up to `revision` (the newest by default).

    Safe to call from several processes at once: the first one migrates, the others wait
    and then find nothing left to do.
    """
    engine = create_migration_engine(database_url)
    try:
        with engine.begin() as connection:
            hold_migration_lock(connection)
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()
    logger.info("Database schema is at revision %s", revision)


def check_database(engine: Engine) -> None:
    """Run `SELECT 1`; raises the driver's error when the database cannot be reached."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
