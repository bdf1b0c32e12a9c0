"""A person's data rights on every channel: what is kept about them, and deleting it.

Everything about a person is keyed by their conversation id (``sender_id``, which is a
phone number on SMS and a chat id on Telegram) or by the keyed pseudonyms made from it
(one a channel: the web chat uses the REST channel with a different channel name, so all
are tried). What is held, and where:

- the conversation history, in Rasa's tracker store: erased by ``PrivacySQLTrackerStore``
  when ``action_delete_my_data`` succeeds (see ``bot/privacy/tracker_store.py``);
- views and safeguarding events waiting in this action server's outbox (``OUTBOX_DB``);
- in the API: views, answers, "you said, we did" messages, links to the pseudonym
  (``DELETE /api/v1/internal/contributors/{pseudonym}``).

No function here logs the sender id or a pseudonym.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from bot.actions.api_client import ApiSettings
from bot.actions.channel import CHANNELS
from bot.actions.pseudonym import contributor_id
from bot.actions.safeguarding_events import EventOutbox

CONTRIBUTORS_PATH = "/api/v1/internal/contributors/"
_COUNT_FIELDS = (
    "views",
    "hear_back",
    "quick_view_answers",
    "listened_scores",
    "pending_messages",
    "safeguarding_events",
)


class DataRightsError(Exception):
    """The API could not be reached or refused; nothing can be promised to the person."""


def pseudonyms_for(sender_id: str) -> list[str]:
    """The keyed pseudonyms of a conversation id, one a channel."""
    return [contributor_id(channel, sender_id) for channel in CHANNELS]


def _views_outbox_rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    if not path.exists():
        return []
    connection = sqlite3.connect(path, timeout=5)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if "outbox" not in tables:
            return []
        rows = connection.execute("SELECT client_ref, payload FROM outbox").fetchall()
    finally:
        connection.close()
    return [(ref, json.loads(payload)) for ref, payload in rows]


def queued_views(outbox_path: str | Path, pseudonyms: Iterable[str]) -> int:
    """How many of the person's views wait in the outbox."""
    wanted = set(pseudonyms)
    rows = _views_outbox_rows(Path(outbox_path))
    return sum(payload.get("contributor") in wanted for _, payload in rows)


def delete_queued_views(outbox_path: str | Path, pseudonyms: Iterable[str]) -> int:
    """Delete the person's views still waiting in the outbox; return how many."""
    wanted = set(pseudonyms)
    path = Path(outbox_path)
    rows = _views_outbox_rows(path)
    refs = [ref for ref, payload in rows if payload.get("contributor") in wanted]
    if not refs:
        return 0
    connection = sqlite3.connect(path, timeout=5)
    try:
        with connection:
            connection.execute("PRAGMA secure_delete = ON")
            connection.executemany("DELETE FROM outbox WHERE client_ref = ?", [(r,) for r in refs])
    finally:
        connection.close()
    return len(refs)


@dataclass(frozen=True)
class HeldData:
    """What is kept about a person, in counts (for "what do you keep about me")."""

    views: int = 0
    hear_back: int = 0
    quick_view_answers: int = 0
    listened_scores: int = 0
    pending_messages: int = 0
    safeguarding_events: int = 0
    queued_views: int = 0


async def _call(
    session: aiohttp.ClientSession, method: str, url: str, token: str
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with session.request(method, url, headers=headers) as response:
            if response.status != 200:
                raise DataRightsError(f"HTTP {response.status}")
            body = await response.json()
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
        raise DataRightsError(type(error).__name__) from error
    if not isinstance(body, dict):
        raise DataRightsError("unexpected answer")
    return body


async def held_data(sender_id: str, settings: ApiSettings | None = None) -> HeldData:
    """Count what is kept about a person in the API and the outbox.

    Raises:
        DataRightsError: The API could not say.
    """
    settings = settings or ApiSettings.from_env()
    pseudonyms = pseudonyms_for(sender_id)
    totals = dict.fromkeys(_COUNT_FIELDS, 0)
    timeout = aiohttp.ClientTimeout(total=settings.timeout)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for pseudonym in pseudonyms:
            url = settings.api_url.rstrip("/") + CONTRIBUTORS_PATH + pseudonym
            body = await _call(session, "GET", url, settings.token)
            for name in _COUNT_FIELDS:
                totals[name] += int(body.get(name) or 0)
    waiting = await asyncio.to_thread(queued_views, settings.outbox_path, pseudonyms)
    return HeldData(**totals, queued_views=waiting)


async def erase_held_data(sender_id: str, settings: ApiSettings | None = None) -> None:
    """Delete what is kept about a person outside the tracker store.

    The outbox goes first (so nothing is sent after the API has forgotten the person), then
    the API, one pseudonym a channel.

    Raises:
        DataRightsError: The API could not erase; the outbox is already cleaned, and the
            person is told to try again (erasing twice is harmless).
    """
    settings = settings or ApiSettings.from_env()
    pseudonyms = pseudonyms_for(sender_id)
    await asyncio.to_thread(delete_queued_views, settings.outbox_path, pseudonyms)
    await asyncio.to_thread(EventOutbox(settings.outbox_path).forget_people, pseudonyms)
    timeout = aiohttp.ClientTimeout(total=settings.timeout)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for pseudonym in pseudonyms:
            url = settings.api_url.rstrip("/") + CONTRIBUTORS_PATH + pseudonym
            await _call(session, "DELETE", url, settings.token)
