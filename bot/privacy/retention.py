"""Erasing one person's conversation, and pruning old conversation history.

Rasa's SQL tracker store keeps every event of every conversation in one table, ``events``
(``sender_id``, ``type_name``, ``timestamp``, ``action_name``, ``data``...). These functions
work on that table with plain SQL, so the scheduled job runs without loading Rasa:

- ``erase_sender``: every row of one conversation, gone (on SQLite with ``secure_delete``,
  so the words are overwritten in the file, not only unlinked);
- ``prune_events``: rows older than the cut-off, gone, except one row a person who sent
  STOP keeps: the record that they opted out (the suppression list the law expects us to
  keep), until they send START or ask for their data to be deleted.

Run the job with ``python -m bot.privacy.retention`` (see ``main``): ``make run`` starts
it beside the other processes; in production it is its own service (docker/compose.yml),
or a cron job or Kubernetes CronJob running ``--once``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote_plus

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 30
DEFAULT_INTERVAL_SECONDS = 3600
EVENTS_TABLE = "events"
OPT_OUT_SLOT = "opted_out"


def _secure(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA secure_delete = ON")


def _table_exists(connection: Connection) -> bool:
    return sa.inspect(connection).has_table(EVENTS_TABLE)


def erase_sender(connection: Connection, sender_id: str) -> int:
    """Delete every stored event of one conversation.

    Args:
        connection: A connection to the tracker store's database, inside a transaction.
        sender_id: The conversation id (a phone number, chat id or web chat id).

    Returns:
        How many rows were deleted.
    """
    if not _table_exists(connection):
        return 0
    _secure(connection)
    result = connection.execute(
        sa.text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id = :sender"), {"sender": sender_id}
    )
    return int(result.rowcount or 0)


def _opt_outs_to_keep(connection: Connection, cutoff: float) -> set[int]:
    """Ids of old rows that record a current opt-out (the latest ``opted_out`` value is true)."""
    latest = connection.execute(
        sa.text(
            f"SELECT e.id, e.data FROM {EVENTS_TABLE} e JOIN ("  # noqa: S608 - fixed names
            f" SELECT sender_id, MAX(id) AS id FROM {EVENTS_TABLE}"
            " WHERE type_name = 'slot' AND action_name = :slot GROUP BY sender_id"
            ") last ON e.id = last.id WHERE e.timestamp < :cutoff"
        ),
        {"slot": OPT_OUT_SLOT, "cutoff": cutoff},
    ).fetchall()
    keep = set()
    for row_id, data in latest:
        try:
            value = json.loads(data or "{}").get("value")
        except ValueError:
            continue
        if value is True:
            keep.add(int(row_id))
    return keep


def prune_events(connection: Connection, cutoff: float) -> int:
    """Delete conversation events older than ``cutoff`` (a Unix time).

    The latest ``opted_out = true`` slot event of a person is kept (without any message),
    so a person who sent STOP is not messaged after their history is pruned.

    Returns:
        How many rows were deleted.
    """
    if not _table_exists(connection):
        return 0
    _secure(connection)
    keep = _opt_outs_to_keep(connection, cutoff)
    statement = f"DELETE FROM {EVENTS_TABLE} WHERE timestamp < :cutoff"  # noqa: S608
    params: dict[str, object] = {"cutoff": cutoff}
    if keep:
        statement += " AND id NOT IN :keep"
        params["keep"] = tuple(sorted(keep))
        result = connection.execute(
            sa.text(statement).bindparams(sa.bindparam("keep", expanding=True)), params
        )
    else:
        result = connection.execute(sa.text(statement), params)
    return int(result.rowcount or 0)


@dataclass(frozen=True)
class RetentionSettings:
    """How long conversation history is kept, where it is, and how often to prune.

    Attributes:
        database_url: SQLAlchemy URL of the tracker store.
        days: Conversation events older than this many days are deleted.
        interval: Seconds between prunes when the job keeps running.
    """

    database_url: str
    days: int = DEFAULT_RETENTION_DAYS
    interval: int = DEFAULT_INTERVAL_SECONDS

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> RetentionSettings:
        """Read ``RETENTION_DAYS``, ``RETENTION_INTERVAL_SECONDS`` and the tracker store.

        The tracker store is found the way the endpoints files find it: ``TRACKER_DB_HOST``
        (and ``TRACKER_DB_PORT``, ``TRACKER_DB_NAME``, ``TRACKER_DB_USER``,
        ``TRACKER_DB_PASSWORD``) for PostgreSQL, otherwise the SQLite file ``TRACKER_DB``.
        """
        env = os.environ if environ is None else environ
        days = int(env.get("RETENTION_DAYS") or DEFAULT_RETENTION_DAYS)
        if days < 1:
            raise ValueError("RETENTION_DAYS must be 1 or more.")
        interval = int(env.get("RETENTION_INTERVAL_SECONDS") or DEFAULT_INTERVAL_SECONDS)
        return cls(database_url=tracker_store_url(env), days=days, interval=max(interval, 1))


def tracker_store_url(env: Mapping[str, str]) -> str:
    """The SQLAlchemy URL of the tracker store described by the environment."""
    host = env.get("TRACKER_DB_HOST")
    if host:
        user = quote_plus(env.get("TRACKER_DB_USER", ""))
        password = quote_plus(env.get("TRACKER_DB_PASSWORD", ""))
        port = env.get("TRACKER_DB_PORT") or "5432"
        name = env.get("TRACKER_DB_NAME") or "rasa"
        return f"postgresql://{user}:{password}@{host}:{port}/{name}"
    return f"sqlite:///{env.get('TRACKER_DB') or 'var/tracker.db'}"


def prune_once(engine: Engine, days: int, now: float | None = None) -> int:
    """Prune conversation history older than ``days`` days; return the rows deleted."""
    cutoff = (now if now is not None else time.time()) - days * 86400
    with engine.begin() as connection:
        deleted = prune_events(connection, cutoff)
    if engine.dialect.name == "sqlite" and deleted:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return deleted


def main(argv: list[str] | None = None) -> int:
    """Prune now, then every ``RETENTION_INTERVAL_SECONDS`` (or once with ``--once``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--once", action="store_true", help="prune once and exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from bot.privacy.redaction import install_log_redaction

    install_log_redaction()
    settings = RetentionSettings.from_env()
    engine = sa.create_engine(settings.database_url)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    logger.info(
        "Retention: conversation history is kept %d days; pruning every %d s",
        settings.days,
        settings.interval,
    )
    try:
        while True:
            try:
                deleted = prune_once(engine, settings.days)
                logger.info("Retention: deleted %d old conversation events", deleted)
            except sa.exc.SQLAlchemyError as error:
                logger.warning(
                    "Retention: could not prune (%s); will try again", type(error).__name__
                )
            if args.once or stop.wait(settings.interval):
                return 0
    finally:
        engine.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
