"""api_client: views reach the API, or wait safely in the outbox until it is back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot_factories import SERVICE_TOKEN, ViewsApi, unused_local_url

from bot.actions.api_client import (
    DEFAULT_API_URL,
    DEFAULT_OUTBOX_DB,
    DEFAULT_SERVICE_TOKEN,
    ApiSettings,
    Outbox,
    build_view_payload,
    deliver_view,
    flush_outbox,
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
        "client_ref", "text", "language", "channel", "contributor", "themes", "sentiment",
        "text_en", "hear_back",
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
