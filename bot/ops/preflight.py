"""Checks, before the production profile starts, that its servers can do their job.

Rasa hides both failures this catches: with an unreachable tracker database it falls back
to keeping conversations in memory (lost on restart), and with a Redis that refuses writes
(for example ``MISCONF`` after a failed snapshot) every message fails and the REST channel
answers with no reply at all. Better to refuse to start, with a message that says why.

Run as ``python -m bot.ops.preflight``; settings come from the environment (scripts/env.sh).
"""

from __future__ import annotations

import os
import sys
import uuid


def check_redis(env: dict[str, str]) -> str | None:
    import redis

    client = redis.Redis(
        host=env.get("REDIS_HOST", "127.0.0.1"),
        port=int(env.get("REDIS_PORT", "6379")),
        db=int(env.get("REDIS_DB", "0")),
        password=env.get("REDIS_PASSWORD") or None,
        socket_timeout=5,
    )
    key = f"sendbot:preflight:{uuid.uuid4().hex}"
    try:
        client.set(key, "1", ex=10)
        client.delete(key)
    except redis.RedisError as error:
        where = client.connection_pool.connection_kwargs
        return f"Redis at {where['host']}:{where['port']} refuses writes: {error}"
    finally:
        client.close()
    return None


def check_tracker_db(env: dict[str, str]) -> str | None:
    """The tracker database answers; it is created first if the server lacks it.

    Rasa's SQL tracker store does not create a missing database (only with ``login_db``):
    it logs "Could not create tables" and then keeps every conversation in memory.
    """
    import psycopg2

    host, port = env.get("TRACKER_DB_HOST", "127.0.0.1"), env.get("TRACKER_DB_PORT", "5432")
    name = env.get("TRACKER_DB_NAME", "sendvoices_tracker")
    settings = {
        "host": host,
        "port": port,
        "user": env.get("TRACKER_DB_USER", "postgres"),
        "password": env.get("TRACKER_DB_PASSWORD") or None,
        "connect_timeout": 5,
    }
    try:
        psycopg2.connect(dbname=name, **settings).close()
        return None
    except psycopg2.OperationalError as error:
        if "does not exist" not in str(error):
            return f"the tracker database at {host}:{port} cannot be reached: {_first_line(error)}"
    try:
        create_database(name, dbname=env.get("TRACKER_DB_LOGIN_DB", "postgres"), **settings)
    except psycopg2.Error as error:
        return f"the tracker database {name!r} does not exist and could not be created: " + (
            _first_line(error)
        )
    print(f"preflight: created the tracker database {name!r}")
    return None


def create_database(name: str, **settings: object) -> None:
    """``CREATE DATABASE name`` through a connection to another database (``settings``)."""
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(**settings)
    try:
        connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg2.errors.DuplicateDatabase:
        pass  # another process created it meanwhile
    finally:
        connection.close()


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else repr(error)


def main() -> int:
    env = dict(os.environ)
    problems = [p for p in (check_redis(env), check_tracker_db(env)) if p]
    for problem in problems:
        print(f"preflight: {problem}", file=sys.stderr)
    if not problems:
        print("preflight: Redis accepts writes and the tracker database answers")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
