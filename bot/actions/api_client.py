"""Sending views (and scores and quick-view answers) to the forums API, without ever
losing one a parent agreed to share.

Everything is first written to a small SQLite outbox, then the outbox is sent in
order, oldest first. An item leaves the outbox only when the API has stored it
(``201``, or ``200`` for a ``client_ref`` it already had), so a crash, a timeout or an
API that is down only delays it. A background task in the action server
(``start_background_flush``, started on first use) keeps trying, with a growing pause,
until the API is back, so nothing waits for the next parent's message. The API's
idempotency on ``client_ref`` makes sending twice harmless.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sqlite3
import time
import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import aiohttp

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "http://127.0.0.1:8000"
DEFAULT_SERVICE_TOKEN = "local-service-token"  # noqa: S105 - documented local default
DEFAULT_OUTBOX_DB = "var/outbox.db"
VIEWS_PATH = "/api/v1/internal/views"
LISTENED_PATH = "/api/v1/internal/listened-scores"
QUICK_VIEWS_PATH = "/api/v1/internal/quick-views"

# The API stored the item (or already had it).
_DELIVERED = {200, 201}
# The API will never accept this body: keep it for a person to look at, stop retrying.
# (409: a quick view that has closed.)
_REJECTED = {400, 409, 413, 422}

Delivery = Literal["sent", "queued", "rejected"]


@dataclass(frozen=True)
class ApiSettings:
    """Where and how to send views.

    Attributes:
        api_url: Base URL of the forums API.
        token: The service token (``API_SERVICE_TOKEN``).
        outbox_path: The SQLite file that holds views not yet delivered.
        timeout: Seconds allowed for one request.
        attempts: Tries per view before leaving it in the outbox for next time.
        backoff: Seconds to wait after the first failed try; doubles each time.
        batch: The most views sent from the outbox in one go.
        flush_interval: Seconds between background checks of the outbox.
        max_backoff: The longest pause between background tries while the API is down.
    """

    api_url: str = DEFAULT_API_URL
    token: str = DEFAULT_SERVICE_TOKEN
    outbox_path: str = DEFAULT_OUTBOX_DB
    timeout: float = 2.0
    attempts: int = 3
    backoff: float = 0.25
    batch: int = 50
    flush_interval: float = 5.0
    max_backoff: float = 30.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ApiSettings:
        """Read ``API_URL``, ``API_SERVICE_TOKEN``, ``OUTBOX_DB``, ``OUTBOX_FLUSH_INTERVAL``
        and ``OUTBOX_MAX_BACKOFF`` (local defaults)."""
        env = os.environ if environ is None else environ
        return cls(
            api_url=env.get("API_URL") or DEFAULT_API_URL,
            token=env.get("API_SERVICE_TOKEN") or DEFAULT_SERVICE_TOKEN,
            outbox_path=env.get("OUTBOX_DB") or DEFAULT_OUTBOX_DB,
            flush_interval=float(env.get("OUTBOX_FLUSH_INTERVAL") or 5.0),
            max_backoff=float(env.get("OUTBOX_MAX_BACKOFF") or 30.0),
        )

    @property
    def views_url(self) -> str:
        """The full URL of the view ingestion endpoint."""
        return self.url(VIEWS_PATH)

    def url(self, path: str) -> str:
        """The full URL of an API path."""
        return self.api_url.rstrip("/") + path


@dataclass(frozen=True)
class Queued:
    """One item in the outbox: its key, where it goes and what is sent."""

    ref: str
    path: str
    payload: dict[str, Any]


class Outbox:
    """Views waiting to be delivered, in a SQLite file (stdlib ``sqlite3``).

    Each call opens its own short connection, so nothing is held open between
    conversations and several workers can share the file.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        """Use the outbox file at ``path``; it and its folder are created on first use."""
        self.path = Path(path)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """Open the file, make sure the table exists, commit and close afterwards."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=5)
        try:
            with connection:  # commits, or rolls back on error
                self._create_table(connection)
                yield connection
        finally:
            connection.close()

    @staticmethod
    def _create_table(connection: sqlite3.Connection) -> None:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS outbox ("
            " client_ref TEXT PRIMARY KEY,"
            " payload TEXT NOT NULL,"
            " created_at REAL NOT NULL,"
            " attempts INTEGER NOT NULL DEFAULT 0,"
            " last_status TEXT,"
            " rejected INTEGER NOT NULL DEFAULT 0,"
            f" path TEXT NOT NULL DEFAULT '{VIEWS_PATH}')"
        )
        columns = {row[1] for row in connection.execute("PRAGMA table_info(outbox)")}
        if "path" not in columns:  # an outbox written before items had a path
            try:
                connection.execute(
                    f"ALTER TABLE outbox ADD COLUMN path TEXT NOT NULL DEFAULT '{VIEWS_PATH}'"
                )
            except sqlite3.OperationalError as error:
                # Two first views at once: the other connection added it a moment ago.
                if "duplicate column" not in str(error):
                    raise

    def add(
        self, payload: Mapping[str, Any], *, path: str = VIEWS_PATH, ref: str | None = None
    ) -> None:
        """Queue an item for ``path``; queuing the same ``ref`` twice keeps one copy.

        ``ref`` defaults to the payload's ``client_ref``.
        """
        key = ref if ref is not None else payload["client_ref"]
        with self._connect() as db:
            db.execute(
                "INSERT OR IGNORE INTO outbox (client_ref, payload, created_at, path)"
                " VALUES (?, ?, ?, ?)",
                (key, json.dumps(dict(payload)), time.time(), path),
            )

    def pending(self, limit: int = 50) -> list[dict[str, Any]]:
        """Return the payloads of queued items not rejected by the API, oldest first."""
        return [item.payload for item in self.pending_items(limit)]

    def pending_items(self, limit: int = 50) -> list[Queued]:
        """Return queued items not rejected by the API, oldest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT client_ref, path, payload FROM outbox WHERE rejected = 0"
                " ORDER BY created_at, rowid LIMIT ?",
                (limit,),
            ).fetchall()
        return [Queued(row[0], row[1], json.loads(row[2])) for row in rows]

    def status(self, ref: str) -> Delivery:
        """``sent`` if the item left the outbox, ``rejected`` if the API refused it, or
        ``queued``."""
        with self._connect() as db:
            row = db.execute("SELECT rejected FROM outbox WHERE client_ref = ?", (ref,)).fetchone()
        if row is None:
            return "sent"
        return "rejected" if row[0] else "queued"

    def contains(self, client_ref: str) -> bool:
        """Say whether a view is still in the outbox (waiting or rejected)."""
        with self._connect() as db:
            row = db.execute("SELECT 1 FROM outbox WHERE client_ref = ?", (client_ref,)).fetchone()
        return row is not None

    def remove(self, client_ref: str) -> None:
        """Forget a delivered view."""
        with self._connect() as db:
            db.execute("DELETE FROM outbox WHERE client_ref = ?", (client_ref,))

    def record_failure(self, client_ref: str, status: str, *, rejected: bool = False) -> None:
        """Count a failed try; a rejected view is kept but no longer sent."""
        with self._connect() as db:
            db.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_status = ?, rejected = ?"
                " WHERE client_ref = ?",
                (status, int(rejected), client_ref),
            )


class _Unreachable(Exception):
    """The API could not be reached or did not answer well; try again later."""


async def _post_once(session: aiohttp.ClientSession, settings: ApiSettings, item: Queued) -> int:
    headers = {"Authorization": f"Bearer {settings.token}"}
    async with session.post(
        settings.url(item.path), json=item.payload, headers=headers
    ) as response:
        await response.read()
        return response.status


async def _post_with_retries(
    session: aiohttp.ClientSession, settings: ApiSettings, item: Queued
) -> int:
    """Post one view; return the final status, or raise ``_Unreachable``."""
    last_problem = "no attempt"
    for attempt in range(settings.attempts):
        if attempt:
            await asyncio.sleep(settings.backoff * 2 ** (attempt - 1))
        try:
            status = await _post_once(session, settings, item)
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            last_problem = type(error).__name__
            continue
        if status in _DELIVERED or status in _REJECTED:
            return status
        if status == 404 and item.path.startswith(QUICK_VIEWS_PATH):
            return status  # a quick view the API does not have (any more)
        last_problem = f"HTTP {status}"
        if status in (401, 403, 404):
            break  # a configuration problem: retrying now will not help
    raise _Unreachable(last_problem)


_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def _flush_lock() -> asyncio.Lock:
    """One flush at a time per event loop, so a send and the background task never race."""
    loop = asyncio.get_running_loop()
    lock = _locks.get(loop)
    if lock is None:
        lock = _locks[loop] = asyncio.Lock()
    return lock


async def flush_outbox(settings: ApiSettings | None = None) -> int:
    """Send queued items, oldest first, until the outbox is empty or the API fails.

    Args:
        settings: Where to send; by default read from the environment.

    Returns:
        How many items were delivered.
    """
    settings = settings or ApiSettings.from_env()
    async with _flush_lock():
        delivered = 0
        while True:
            sent, more = await _flush_batch(settings)
            delivered += sent
            if not more:
                return delivered


async def _flush_batch(settings: ApiSettings) -> tuple[int, bool]:
    """Send one batch; return how many were delivered and whether to go on."""
    outbox = Outbox(settings.outbox_path)
    queued = await asyncio.to_thread(outbox.pending_items, settings.batch)
    if not queued:
        return 0, False

    delivered = 0
    timeout = aiohttp.ClientTimeout(total=settings.timeout)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        for item in queued:
            ref = item.ref
            try:
                status = await _post_with_retries(session, settings, item)
            except _Unreachable as problem:
                await asyncio.to_thread(outbox.record_failure, ref, str(problem))
                logger.warning(
                    "Views API unavailable (%s); %d view(s) stay in the outbox",
                    problem,
                    len(queued) - delivered,
                    extra={"client_ref": ref},
                )
                return delivered, False
            if status in _DELIVERED:
                await asyncio.to_thread(outbox.remove, ref)
                delivered += 1
                logger.info("View delivered (HTTP %d)", status, extra={"client_ref": ref})
            else:
                await asyncio.to_thread(outbox.record_failure, ref, f"HTTP {status}", rejected=True)
                logger.error(
                    "Views API rejected an item (HTTP %d); kept in the outbox for review",
                    status,
                    extra={"client_ref": ref, "path": item.path},
                )
    return delivered, len(queued) == settings.batch


async def deliver(
    payload: Mapping[str, Any],
    *,
    path: str = VIEWS_PATH,
    ref: str | None = None,
    settings: ApiSettings | None = None,
) -> Delivery:
    """Queue an item and send the outbox (this item last, after any older ones).

    Also starts the background flush, so the item goes even if the API is down now.

    Args:
        payload: The JSON body for ``path``.
        path: The API path, e.g. ``VIEWS_PATH``.
        ref: The outbox key; by default the payload's ``client_ref``.
        settings: Where to send; by default read from the environment.

    Returns:
        ``"sent"`` if the API has it now, ``"queued"`` if it waits in the outbox,
        ``"rejected"`` if the API refused it for good (e.g. a closed quick view).

    Raises:
        sqlite3.Error: only if the item could not even be written to the outbox.
    """
    settings = settings or ApiSettings.from_env()
    key = ref if ref is not None else payload["client_ref"]
    outbox = Outbox(settings.outbox_path)
    await asyncio.to_thread(outbox.add, payload, path=path, ref=key)
    start_background_flush(settings)
    lock = _flush_lock()
    if not lock.locked():
        async with lock:
            await _flush_batch(settings)
    # Else the outbox is being sent right now (a busy moment): the item is safe in the
    # outbox and goes with that flush or the next. Waiting for the lock here made every
    # parent's "thank you" wait for everyone else's views; under a burst that passed the
    # action server's 60 s limit and the turn failed.
    return await asyncio.to_thread(outbox.status, key)


_background: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Task[None]] = (
    weakref.WeakKeyDictionary()
)


async def _keep_flushing(settings: ApiSettings) -> None:
    """Flush now and then for as long as the action server runs; pause longer while the
    API is down (doubling, up to ``max_backoff``)."""
    outbox = Outbox(settings.outbox_path)
    pause = settings.flush_interval
    while True:
        # Wait first: whoever started this loop has just flushed (a second try at once
        # would only repeat a refusal such as a wrong token).
        await asyncio.sleep(pause)
        try:
            waiting = await asyncio.to_thread(outbox.pending_items, 1)
            if waiting:
                await flush_outbox(settings)
                left = await asyncio.to_thread(outbox.pending_items, 1)
                pause = min(pause * 2, settings.max_backoff) if left else settings.flush_interval
            else:
                pause = settings.flush_interval
        except Exception:  # never let the loop die: the next round tries again
            logger.exception("Background outbox flush failed")
            pause = settings.max_backoff


def start_background_flush(settings: ApiSettings | None = None) -> asyncio.Task[None] | None:
    """Start (once per event loop) the task that keeps sending the outbox.

    Safe to call from every action: it does nothing if the task is already running.

    Returns:
        The task, or ``None`` outside a running event loop.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    task = _background.get(loop)
    if task is not None and not task.done():
        return task
    task = loop.create_task(_keep_flushing(settings or ApiSettings.from_env()))
    _background[loop] = task
    return task


async def stop_background_flush() -> None:
    """Stop this event loop's background flush (for tests and clean shut-downs)."""
    task = _background.pop(asyncio.get_running_loop(), None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def deliver_view(payload: Mapping[str, Any], settings: ApiSettings | None = None) -> Delivery:
    """Queue a view and send the outbox (this view last, after any older ones).

    Args:
        payload: The body for ``POST /api/v1/internal/views`` (see docs/architecture.md),
            with its ``client_ref``.
        settings: Where to send; by default read from the environment.

    Returns:
        ``"sent"`` if the API has the view now, ``"queued"`` if it waits in the outbox.

    Raises:
        sqlite3.Error: only if the view could not even be written to the outbox.
    """
    result = await deliver(payload, path=VIEWS_PATH, settings=settings)
    return "sent" if result == "sent" else "queued"


# Open quick views change a few times a month but are read on most turns: each action
# server keeps the list for a few seconds (QUICK_VIEWS_CACHE_SECONDS, 0 to always ask)
# instead of asking the API every time, and many turns at once share one request.
DEFAULT_QUICK_VIEWS_CACHE_SECONDS = 15.0
# After a failed read, no quick view is offered for this long (the API is struggling).
QUICK_VIEWS_RETRY_SECONDS = 5.0
_quick_views_cache: dict[str, tuple[float, list[dict[str, Any]] | None]] = {}
_quick_views_reads: dict[str, asyncio.Task[list[dict[str, Any]] | None]] = {}


async def fetch_open_quick_views(settings: ApiSettings | None = None) -> list[dict[str, Any]]:
    """The default forum's open quick views, newest first; an empty list if the API
    cannot be reached (the assistant then simply does not offer one).

    A list read in the last ``QUICK_VIEWS_CACHE_SECONDS`` (environment; default 15) is
    used again; after a failed read the API is left alone for ``QUICK_VIEWS_RETRY_SECONDS``.
    """
    settings = settings or ApiSettings.from_env()
    url = settings.url(QUICK_VIEWS_PATH)
    keep = float(os.environ.get("QUICK_VIEWS_CACHE_SECONDS", DEFAULT_QUICK_VIEWS_CACHE_SECONDS))
    cached = _quick_views_cache.get(url)
    if cached is not None:
        age = time.monotonic() - cached[0]
        if age < (keep if cached[1] is not None else min(keep, QUICK_VIEWS_RETRY_SECONDS)):
            return [dict(item) for item in cached[1] or []]
    read = _quick_views_reads.get(url)
    if read is None or read.done() or read.get_loop() is not asyncio.get_running_loop():
        read = asyncio.ensure_future(_read_open_quick_views(settings))
        _quick_views_reads[url] = read
    views = await asyncio.shield(read)
    _quick_views_cache[url] = (time.monotonic(), views)
    return [dict(item) for item in views or []]


def forget_quick_views() -> None:
    """Drop the kept list (for tests, and after a change made from this process)."""
    _quick_views_cache.clear()
    _quick_views_reads.clear()


async def _read_open_quick_views(settings: ApiSettings) -> list[dict[str, Any]] | None:
    """Ask the API; ``None`` if it cannot be reached or answers with an error."""
    start_background_flush(settings)
    headers = {"Authorization": f"Bearer {settings.token}"}
    timeout = aiohttp.ClientTimeout(total=settings.timeout)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.get(settings.url(QUICK_VIEWS_PATH), headers=headers) as response,
        ):
            if response.status != 200:
                return None
            data = await response.json()
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        return None
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


def build_view_payload(
    *,
    client_ref: str,
    text: str,
    language: str,
    channel: str,
    contributor: str,
    themes: list[str] | None = None,
    sentiment: float | None = None,
    text_en: str | None = None,
    hear_back: bool = False,
    anonymiser_version: str | None = None,
    theme_model_version: str | None = None,
    recipient_ref: str | None = None,
) -> dict[str, Any]:
    """Build the JSON body of ``POST /api/v1/internal/views`` (docs/architecture.md).

    The two versions are left out when unknown, so an older API takes the body too.
    ``recipient_ref`` (the bot's sealed way back to the parent) goes only with ``hear_back``.
    """
    body = {
        "client_ref": client_ref,
        "text": text,
        "language": language,
        "channel": channel,
        "contributor": contributor,
        "themes": list(themes or []),
        "sentiment": sentiment,
        "text_en": text_en,
        "hear_back": hear_back,
    }
    if anonymiser_version:
        body["anonymiser_version"] = anonymiser_version
    if theme_model_version:
        body["theme_model_version"] = theme_model_version
    if recipient_ref and hear_back:
        body["recipient_ref"] = recipient_ref
    return body
