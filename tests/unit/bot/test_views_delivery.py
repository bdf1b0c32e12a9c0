"""The outbox: several endpoints, an old outbox file, and a background flush that delivers
everything once the API is back, none twice."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from forums_api_standin import SERVICE_TOKEN, ForumsApi

from bot.actions.api_client import (
    LISTENED_PATH,
    VIEWS_PATH,
    ApiSettings,
    Outbox,
    deliver,
    flush_outbox,
    start_background_flush,
    stop_background_flush,
)


@pytest.fixture
async def forums_api() -> AsyncIterator[ForumsApi]:
    api = ForumsApi()
    await api.start()
    try:
        yield api
    finally:
        assert api.server is not None
        await api.server.close()


def settings_for(api: ForumsApi, outbox: Path, **changes: float) -> ApiSettings:
    return ApiSettings(
        api_url=api.url,
        token=SERVICE_TOKEN,
        outbox_path=str(outbox),
        timeout=2.0,
        attempts=1,
        backoff=0.01,
        flush_interval=changes.get("flush_interval", 0.05),
        max_backoff=changes.get("max_backoff", 0.2),
        batch=int(changes.get("batch", 50)),
    )


def view(ref: str) -> dict[str, object]:
    return {"client_ref": ref, "text": f"view {ref}", "language": "en", "channel": "rest"}


async def wait_for(condition, timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.02)
    return condition()


async def test_a_listened_score_goes_to_its_own_endpoint(
    forums_api: ForumsApi, tmp_path: Path
) -> None:
    settings = settings_for(forums_api, tmp_path / "outbox.db")
    score = {"client_ref": "s1", "contributor": "ab" * 32, "channel": "sms", "score": 4}

    assert await deliver(score, path=LISTENED_PATH, settings=settings) == "sent"

    assert forums_api.bodies(LISTENED_PATH) == [score]
    assert forums_api.bodies(VIEWS_PATH) == []


async def test_an_answer_to_a_closed_quick_view_is_rejected_and_not_retried(
    forums_api: ForumsApi, tmp_path: Path
) -> None:
    forums_api.closed.add(7)
    settings = settings_for(forums_api, tmp_path / "outbox.db")
    body = {"contributor": "ab" * 32, "channel": "rest", "option": 1}
    path = "/api/v1/internal/quick-views/7/answers"

    assert await deliver(body, path=path, ref="answer-1", settings=settings) == "rejected"
    await flush_outbox(settings)

    assert len(forums_api.bodies(path)) == 1
    assert Outbox(settings.outbox_path).pending_items() == []


async def test_an_outbox_written_before_items_had_a_path_still_sends_its_views(
    forums_api: ForumsApi, tmp_path: Path
) -> None:
    path = tmp_path / "outbox.db"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE outbox (client_ref TEXT PRIMARY KEY, payload TEXT NOT NULL,"
            " created_at REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
            " last_status TEXT, rejected INTEGER NOT NULL DEFAULT 0)"
        )
        db.execute(
            "INSERT INTO outbox (client_ref, payload, created_at) VALUES (?, ?, ?)",
            ("old", '{"client_ref": "old", "text": "old view"}', 1.0),
        )

    assert await flush_outbox(settings_for(forums_api, path)) == 1
    assert forums_api.bodies(VIEWS_PATH) == [{"client_ref": "old", "text": "old view"}]


async def test_more_than_one_batch_is_sent_in_one_flush(
    forums_api: ForumsApi, tmp_path: Path
) -> None:
    settings = settings_for(forums_api, tmp_path / "outbox.db", batch=2)
    outbox = Outbox(settings.outbox_path)
    for number in range(5):
        outbox.add(view(f"v{number}"))

    assert await flush_outbox(settings) == 5
    assert [b["client_ref"] for b in forums_api.bodies(VIEWS_PATH)] == [f"v{n}" for n in range(5)]


async def test_with_the_api_down_views_wait_and_the_background_flush_sends_each_once(
    forums_api: ForumsApi, tmp_path: Path
) -> None:
    forums_api.unavailable = True
    settings = settings_for(forums_api, tmp_path / "outbox.db")

    results = [await deliver(view(f"v{n}"), settings=settings) for n in range(3)]
    assert results == ["queued"] * 3
    await asyncio.sleep(0.3)  # the background task tries, and backs off
    assert forums_api.bodies(VIEWS_PATH) == []

    forums_api.unavailable = False  # the API is back
    assert await wait_for(lambda: len(forums_api.stored_refs) == 3)
    await asyncio.sleep(0.3)  # and nothing more arrives afterwards

    refs = [b["client_ref"] for b in forums_api.bodies(VIEWS_PATH)]
    assert sorted(refs) == ["v0", "v1", "v2"]
    assert Outbox(settings.outbox_path).pending_items() == []
    await stop_background_flush()


async def test_the_background_flush_starts_once_per_event_loop(
    forums_api: ForumsApi, tmp_path: Path
) -> None:
    settings = settings_for(forums_api, tmp_path / "outbox.db")
    first = start_background_flush(settings)
    assert first is not None and start_background_flush(settings) is first
    await stop_background_flush()
    assert first.cancelled()


def test_outside_an_event_loop_no_background_flush_is_started() -> None:
    assert start_background_flush(ApiSettings()) is None


def test_the_flush_timings_are_read_from_the_environment() -> None:
    settings = ApiSettings.from_env({"OUTBOX_FLUSH_INTERVAL": "1.5", "OUTBOX_MAX_BACKOFF": "9"})
    assert (settings.flush_interval, settings.max_backoff) == (1.5, 9.0)


def test_the_first_views_queued_at_once_are_all_kept(tmp_path: Path) -> None:
    """Several worker threads queue the first views into a new (or old-format) outbox."""
    from concurrent.futures import ThreadPoolExecutor

    for name, old_format in (("new.db", False), ("old.db", True)):
        path = tmp_path / name
        if old_format:
            with sqlite3.connect(path) as db:
                db.execute(
                    "CREATE TABLE outbox (client_ref TEXT PRIMARY KEY, payload TEXT NOT NULL,"
                    " created_at REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
                    " last_status TEXT, rejected INTEGER NOT NULL DEFAULT 0)"
                )
        outbox = Outbox(path)
        refs = [f"view-{n}" for n in range(16)]
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda ref, box=outbox: box.add({"client_ref": ref}, ref=ref), refs))

        assert sorted(item.ref for item in outbox.pending_items()) == sorted(refs)
