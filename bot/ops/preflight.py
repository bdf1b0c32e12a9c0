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
    import psycopg2

    host, port = env.get("TRACKER_DB_HOST", "127.0.0.1"), env.get("TRACKER_DB_PORT", "5432")
    try:
        psycopg2.connect(
            host=host,
            port=port,
            dbname=env.get("TRACKER_DB_NAME", "sendvoices_tracker"),
            user=env.get("TRACKER_DB_USER", "postgres"),
            password=env.get("TRACKER_DB_PASSWORD") or None,
            connect_timeout=5,
        ).close()
    except psycopg2.Error as error:
        if "does not exist" in str(error):
            return None  # the server answers; Rasa's SQL tracker store creates the database
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        return f"the tracker database at {host}:{port} cannot be reached: {first_line}"
    return None


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
