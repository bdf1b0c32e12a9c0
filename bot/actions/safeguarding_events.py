"""Recording safeguarding events for the council's designated lead, without losing one.

An event says that someone needed urgent help: the kind of risk, the channel, the language,
the time and the person's keyed pseudonym. It never holds what they wrote. Like views,
events go first to a small SQLite outbox (a table of its own in ``OUTBOX_DB``) and leave it
only once the API has stored them (``POST /api/v1/internal/safeguarding-events``), so an
API that is down only delays them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import aiohttp

from bot.actions.api_client import ApiSettings

logger = logging.getLogger(__name__)

EVENTS_PATH = "/api/v1/internal/safeguarding-events"
_DELIVERED = {200, 201}
_REJECTED = {400, 413, 422}


class EventOutbox:
    """Safeguarding events waiting to be delivered (table ``safeguarding_outbox``)."""

    def __init__(self, path: str | Path) -> None:
        """Use the outbox file at ``path`` (shared with the views outbox)."""
        self.path = Path(path)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=5)
        try:
            with connection:
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS safeguarding_outbox ("
                    " client_ref TEXT PRIMARY KEY,"
                    " payload TEXT NOT NULL,"
                    " created_at REAL NOT NULL,"
                    " attempts INTEGER NOT NULL DEFAULT 0,"
                    " rejected INTEGER NOT NULL DEFAULT 0)"
                )
                yield connection
        finally:
            connection.close()

    def add(self, payload: Mapping[str, Any]) -> None:
        """Queue an event; the same ``client_ref`` twice keeps one copy."""
        with self._connect() as db:
            db.execute(
                "INSERT OR IGNORE INTO safeguarding_outbox (client_ref, payload, created_at)"
                " VALUES (?, ?, ?)",
                (payload["client_ref"], json.dumps(dict(payload)), time.time()),
            )

    def pending(self, limit: int = 50) -> list[dict[str, Any]]:
        """Queued events the API has not refused, oldest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT payload FROM safeguarding_outbox WHERE rejected = 0"
                " ORDER BY created_at LIMIT ?",
                (limit,),
            ).fetchall()
        return [json.loads(row[0]) for row in rows]

    def all(self) -> list[dict[str, Any]]:
        """Every queued event, refused or not."""
        with self._connect() as db:
            rows = db.execute("SELECT payload FROM safeguarding_outbox").fetchall()
        return [json.loads(row[0]) for row in rows]

    def remove(self, client_ref: str) -> None:
        """Forget a delivered event."""
        with self._connect() as db:
            db.execute("DELETE FROM safeguarding_outbox WHERE client_ref = ?", (client_ref,))

    def record_failure(self, client_ref: str, *, rejected: bool = False) -> None:
        """Count a failed try; a refused event is kept for a person to look at."""
        with self._connect() as db:
            db.execute(
                "UPDATE safeguarding_outbox SET attempts = attempts + 1, rejected = ?"
                " WHERE client_ref = ?",
                (int(rejected), client_ref),
            )

    def forget_people(self, pseudonyms: Iterable[str]) -> int:
        """Take these pseudonyms out of queued events (the events themselves stay).

        Returns:
            How many queued events were changed.
        """
        wanted = set(pseudonyms)
        changed = 0
        with self._connect() as db:
            rows = db.execute("SELECT client_ref, payload FROM safeguarding_outbox").fetchall()
            for client_ref, raw in rows:
                payload = json.loads(raw)
                if payload.get("person") in wanted:
                    payload["person"] = None
                    db.execute(
                        "UPDATE safeguarding_outbox SET payload = ? WHERE client_ref = ?",
                        (json.dumps(payload), client_ref),
                    )
                    changed += 1
        return changed


def build_event_payload(
    *,
    client_ref: str,
    category: str,
    channel: str,
    language: str,
    person: str | None,
    occurred_at: float | None = None,
) -> dict[str, Any]:
    """The JSON body of ``POST /api/v1/internal/safeguarding-events``. No message text."""
    when = datetime.fromtimestamp(occurred_at or time.time(), tz=timezone.utc)
    return {
        "client_ref": client_ref,
        "category": category,
        "channel": channel,
        "language": language,
        "person": person,
        "occurred_at": when.isoformat(),
    }


async def _post(session: aiohttp.ClientSession, url: str, token: str, payload: dict) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    async with session.post(url, json=payload, headers=headers) as response:
        await response.read()
        return response.status


async def flush_events(settings: ApiSettings | None = None) -> int:
    """Send queued events, oldest first, until the outbox is empty or the API fails.

    Returns:
        How many events were delivered.
    """
    settings = settings or ApiSettings.from_env()
    outbox = EventOutbox(settings.outbox_path)
    queued = await asyncio.to_thread(outbox.pending, settings.batch)
    url = settings.api_url.rstrip("/") + EVENTS_PATH
    delivered = 0
    if not queued:
        return 0
    timeout = aiohttp.ClientTimeout(total=settings.timeout)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for payload in queued:
            status = None
            for attempt in range(settings.attempts):
                if attempt:
                    await asyncio.sleep(settings.backoff * 2 ** (attempt - 1))
                try:
                    status = await _post(session, url, settings.token, payload)
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    continue
                if status in _DELIVERED or status in _REJECTED or status in (401, 403, 404):
                    break
            if status in _DELIVERED:
                await asyncio.to_thread(outbox.remove, payload["client_ref"])
                delivered += 1
                continue
            rejected = status in _REJECTED
            await asyncio.to_thread(outbox.record_failure, payload["client_ref"], rejected=rejected)
            logger.warning(
                "Safeguarding event not delivered (%s); kept in the outbox",
                f"HTTP {status}" if status else "API unreachable",
                extra={"client_ref": payload["client_ref"]},
            )
            if not rejected:
                break
    return delivered


async def record_event(payload: Mapping[str, Any], settings: ApiSettings | None = None) -> bool:
    """Queue an event and send the outbox; True if the API has it now.

    Raises:
        sqlite3.Error: only if the event could not even be written to the outbox.
    """
    settings = settings or ApiSettings.from_env()
    outbox = EventOutbox(settings.outbox_path)
    await asyncio.to_thread(outbox.add, payload)
    await flush_events(settings)
    waiting = await asyncio.to_thread(outbox.pending, 1000)
    return all(item["client_ref"] != payload["client_ref"] for item in waiting)
