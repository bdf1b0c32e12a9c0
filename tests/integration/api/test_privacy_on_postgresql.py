"""Erasure and retention on PostgreSQL, as in production."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import sqlalchemy as sa

from bot.privacy.retention import erase_sender, prune_once

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

SERVICE_HEADERS = {"Authorization": "Bearer integration-service-token-0123456789"}
PERSON = "9e8d" * 16


def test_deleting_a_contributor_removes_their_views_on_postgresql(client: TestClient) -> None:
    for number in range(2):
        response = client.post(
            "/api/v1/internal/views",
            json={
                "client_ref": f"pg-erase-{number}",
                "text": "The bus was late again.",
                "language": "en",
                "channel": "sms",
                "contributor": PERSON,
                "themes": ["transport"],
            },
            headers=SERVICE_HEADERS,
        )
        assert response.status_code == 201, response.text
    url = f"/api/v1/internal/contributors/{PERSON}"
    assert client.get(url, headers=SERVICE_HEADERS).json()["views"] == 2

    erased = client.delete(url, headers=SERVICE_HEADERS)

    assert erased.status_code == 200 and erased.json()["views_deleted"] == 2
    assert erased.json()["contributor_months_deleted"] > 0
    assert client.get(url, headers=SERVICE_HEADERS).json()["views"] == 0


def test_the_tracker_store_is_erased_and_pruned_on_postgresql(
    create_database: Callable[[], str],
) -> None:
    engine = sa.create_engine(create_database())
    now = time.time()
    rows = [
        ("erase-me", "user", now, None, {"text": "hello"}),
        ("old", "user", now - 40 * 86400, None, {"text": "old"}),
        ("stopped", "slot", now - 40 * 86400, "opted_out", {"name": "opted_out", "value": True}),
        ("recent", "user", now - 86400, None, {"text": "recent"}),
    ]
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "CREATE TABLE events (id SERIAL PRIMARY KEY, sender_id VARCHAR(255),"
                " type_name VARCHAR(255), timestamp FLOAT, intent_name VARCHAR(255),"
                " action_name VARCHAR(255), data TEXT)"
            )
            for sender, type_name, stamp, action, data in rows:
                connection.execute(
                    sa.text(
                        "INSERT INTO events (sender_id, type_name, timestamp, action_name, data)"
                        " VALUES (:s, :t, :ts, :a, :d)"
                    ),
                    {"s": sender, "t": type_name, "ts": stamp, "a": action, "d": json.dumps(data)},
                )
        with engine.begin() as connection:
            assert erase_sender(connection, "erase-me") == 1

        assert prune_once(engine, days=30, now=now) == 1

        with engine.connect() as connection:
            left = sorted(r[0] for r in connection.exec_driver_sql("SELECT sender_id FROM events"))
        assert left == ["recent", "stopped"]
    finally:
        engine.dispose()
