"""api_client: views reach the API, or wait safely in the outbox until it is back."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from bot_factories import SERVICE_TOKEN, ViewsApi, unused_local_url

from bot.actions.api_client import (
    DEFAULT_API_URL,
    DEFAULT_OUTBOX_DB,
    DEFAULT_SERVICE_TOKEN,
    ApiSettings,
    Outbox,
    _flush_lock,
    _quick_views_cache,
    build_view_payload,
    deliver_view,
    fetch_open_quick_views,
    flush_outbox,
    stop_background_flush,
)


def a_view(*, ref: str = "ref-1", text: str = "The taxi was late again, ring me [phone]") -> dict:
    return build_view_payload(
        client_ref=ref,
        text=text,
        language="en",
        channel="rest",
        contributor="c" * 64,
    )


def settings_for(url: str, outbox: Path) -> ApiSettings:
    return ApiSettings(api_url=url, token=SERVICE_TOKEN, outbox_path=str(outbox), backoff=0.01)


def outbox_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT client_ref, payload, rejected FROM outbox ORDER BY created_at"
        ).fetchall()


def test_the_payload_has_exactly_the_documented_fields() -> None:
    assert set(a_view()) == {
        "client_ref",
        "text",
        "language",
        "channel",
        "contributor",
        "themes",
        "sentiment",
        "text_en",
        "hear_back",
    }
    assert a_view()["themes"] == []
    assert a_view()["hear_back"] is False


def test_settings_come_from_the_environment_with_local_defaults() -> None:
    assert ApiSettings.from_env({}) == ApiSettings(
        api_url=DEFAULT_API_URL, token=DEFAULT_SERVICE_TOKEN, outbox_path=DEFAULT_OUTBOX_DB
    )
    custom = ApiSettings.from_env(
        {"API_URL": "http://api:8000/", "API_SERVICE_TOKEN": "t", "OUTBOX_DB": "var/other.db"}
    )
    assert custom.views_url == "http://api:8000/api/v1/internal/views"
    assert custom.token == "t"
    assert custom.outbox_path == "var/other.db"


async def test_a_view_is_posted_with_the_service_token(
    views_api: ViewsApi, outbox_path: Path
) -> None:
    result = await deliver_view(a_view(), settings_for(views_api.url, outbox_path))

    assert result == "sent"
    assert views_api.received == [a_view()]
    assert views_api.auth_headers == [f"Bearer {SERVICE_TOKEN}"]
    assert outbox_rows(outbox_path) == []


async def test_a_view_is_retried_after_a_server_error(
    views_api: ViewsApi, outbox_path: Path
) -> None:
    views_api.fail_next = 2

    result = await deliver_view(a_view(), settings_for(views_api.url, outbox_path))

    assert result == "sent"
    assert len(views_api.auth_headers) == 3
    assert views_api.received == [a_view()]


async def test_when_the_api_is_down_the_view_waits_in_the_outbox(outbox_path: Path) -> None:
    result = await deliver_view(a_view(), settings_for(unused_local_url(), outbox_path))

    assert result == "queued"
    assert Outbox(outbox_path).pending() == [a_view()]


async def test_the_outbox_is_sent_first_oldest_first_once_the_api_is_back(
    views_api: ViewsApi, outbox_path: Path
) -> None:
    await deliver_view(a_view(ref="older"), settings_for(unused_local_url(), outbox_path))

    result = await deliver_view(a_view(ref="newer"), settings_for(views_api.url, outbox_path))

    assert result == "sent"
    assert [body["client_ref"] for body in views_api.received] == ["older", "newer"]
    assert outbox_rows(outbox_path) == []


async def test_a_wrong_token_keeps_the_view_for_later(
    views_api: ViewsApi, outbox_path: Path
) -> None:
    settings = ApiSettings(api_url=views_api.url, token="wrong", outbox_path=str(outbox_path))

    result = await deliver_view(a_view(), settings)

    assert result == "queued"
    assert len(views_api.auth_headers) == 1  # no pointless retries of a 401
    assert Outbox(outbox_path).pending() == [a_view()]


async def test_a_view_the_api_rejects_is_kept_aside_and_does_not_block_others(
    views_api: ViewsApi, outbox_path: Path
) -> None:
    views_api.reject_texts = {"bad"}
    settings = settings_for(unused_local_url(), outbox_path)
    await deliver_view(a_view(ref="bad-one", text="bad"), settings)
    await deliver_view(a_view(ref="good-one"), settings)

    delivered = await flush_outbox(settings_for(views_api.url, outbox_path))

    assert delivered == 1
    assert [body["client_ref"] for body in views_api.received] == ["good-one"]
    assert [(ref, rejected) for ref, _, rejected in outbox_rows(outbox_path)] == [("bad-one", 1)]
    assert Outbox(outbox_path).pending() == []


def test_queueing_the_same_view_twice_keeps_one_copy(outbox_path: Path) -> None:
    outbox = Outbox(outbox_path)
    outbox.add(a_view())
    outbox.add(a_view())
    assert outbox.pending() == [a_view()]


async def test_flushing_an_empty_outbox_sends_nothing(
    views_api: ViewsApi, outbox_path: Path
) -> None:
    assert await flush_outbox(settings_for(views_api.url, outbox_path)) == 0
    assert views_api.auth_headers == []


async def test_a_parent_does_not_wait_while_the_outbox_is_being_sent(
    views_api: ViewsApi, outbox_path: Path
) -> None:
    # Under a burst another action is sending the outbox: this view must not queue behind
    # everyone else's (that wait once passed the action server's 60 s limit).
    settings = settings_for(views_api.url, outbox_path)
    async with _flush_lock():
        started = time.monotonic()
        result = await deliver_view(a_view(ref="during-burst"), settings)
        assert time.monotonic() - started < 1.0
    assert result == "queued"
    assert [v["client_ref"] for v in Outbox(outbox_path).pending()] == ["during-burst"]

    assert await flush_outbox(settings) == 1
    assert [body["client_ref"] for body in views_api.received] == ["during-burst"]


async def test_open_quick_views_are_read_once_for_a_few_seconds(
    monkeypatch: pytest.MonkeyPatch, outbox_path: Path
) -> None:
    requests: list[str] = []

    async def quick_views(request: web.Request) -> web.Response:
        requests.append(request.path)
        return web.json_response([{"id": 7, "question": "Is the bus on time?"}])

    app = web.Application()
    app.router.add_get("/api/v1/internal/quick-views", quick_views)
    server = TestServer(app, host="127.0.0.1", port=0)
    await server.start_server()
    try:
        settings = settings_for(str(server.make_url("")).rstrip("/"), outbox_path)
        first = await fetch_open_quick_views(settings)
        again = await fetch_open_quick_views(settings)
        assert first == again == [{"id": 7, "question": "Is the bus on time?"}]
        assert len(requests) == 1

        monkeypatch.setenv("QUICK_VIEWS_CACHE_SECONDS", "0")
        await fetch_open_quick_views(settings)
        assert len(requests) == 2
    finally:
        await server.close()
        await stop_background_flush()


async def test_many_turns_at_once_share_one_read_of_quick_views(
    outbox_path: Path,
) -> None:
    requests: list[str] = []

    async def slow_quick_views(request: web.Request) -> web.Response:
        requests.append(request.path)
        await asyncio.sleep(0.2)
        return web.json_response([{"id": 3}])

    app = web.Application()
    app.router.add_get("/api/v1/internal/quick-views", slow_quick_views)
    server = TestServer(app, host="127.0.0.1", port=0)
    await server.start_server()
    try:
        settings = settings_for(str(server.make_url("")).rstrip("/"), outbox_path)
        results = await asyncio.gather(*(fetch_open_quick_views(settings) for _ in range(20)))
        assert results == [[{"id": 3}]] * 20
        assert len(requests) == 1
    finally:
        await server.close()
        await stop_background_flush()


async def test_after_a_failed_read_the_api_is_left_alone_for_a_few_seconds(
    outbox_path: Path,
) -> None:
    settings = settings_for(unused_local_url(), outbox_path)
    assert await fetch_open_quick_views(settings) == []
    stamp, kept = _quick_views_cache[settings.url("/api/v1/internal/quick-views")]
    assert kept is None  # a failure, not an empty list
    assert await fetch_open_quick_views(settings) == []  # no second try at once
    await stop_background_flush()
