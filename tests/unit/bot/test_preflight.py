"""The production preflight refuses a Redis that will not take writes, on a real redis-server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator

import psycopg2
import pytest
import redis

from bot.ops.preflight import check_redis, check_tracker_db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def redis_port(tmp_path) -> Iterator[int]:
    port = free_port()
    process = subprocess.Popen(
        [
            shutil.which("redis-server") or "/usr/bin/redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            redis.Redis(port=port).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield port
    process.terminate()
    process.wait(timeout=10)


def test_a_writable_redis_passes(redis_port: int) -> None:
    assert check_redis({"REDIS_PORT": str(redis_port)}) is None


def test_a_redis_that_refuses_writes_is_reported(redis_port: int) -> None:
    # A write refusal, as MISCONF gives after a failed snapshot: no replicas to write to.
    redis.Redis(port=redis_port).config_set("min-replicas-to-write", 1)
    problem = check_redis({"REDIS_PORT": str(redis_port)})
    assert problem is not None and "refuses writes" in problem


def test_an_unreachable_redis_is_reported() -> None:
    assert check_redis({"REDIS_PORT": str(free_port())}) is not None


def test_an_unreachable_tracker_database_is_reported() -> None:
    problem = check_tracker_db({"TRACKER_DB_PORT": str(free_port())})
    assert problem is not None and "cannot be reached" in problem


def test_a_missing_tracker_database_is_created() -> None:
    # Rasa's SQL tracker store would not create it: it would keep conversations in memory.
    name = f"preflight_{uuid.uuid4().hex[:8]}"
    try:
        assert check_tracker_db({"TRACKER_DB_NAME": name}) is None
        psycopg2.connect(host="127.0.0.1", dbname=name, user="postgres").close()
        assert check_tracker_db({"TRACKER_DB_NAME": name}) is None  # and again: no error
    finally:
        connection = psycopg2.connect(host="127.0.0.1", dbname="postgres", user="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.close()


def test_a_tracker_database_that_cannot_be_created_is_reported() -> None:
    problem = check_tracker_db(
        {"TRACKER_DB_NAME": f"preflight_{uuid.uuid4().hex[:8]}", "TRACKER_DB_LOGIN_DB": "nope"}
    )
    assert problem is not None and "could not be created" in problem
