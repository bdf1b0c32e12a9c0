"""Shared fixtures for the bot's unit tests: a real domain, trackers, a local views API."""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from bot_factories import SERVICE_TOKEN, ViewsApi

from bot.actions.api_client import forget_quick_views

REPO_ROOT = Path(__file__).resolve().parents[3]
DOMAIN_DIR = REPO_ROOT / "bot" / "domain"


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The assistant's real domain (bot/domain), as rasa-sdk receives it."""
    from rasa.shared.core.domain import Domain

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Domain.load(str(DOMAIN_DIR)).as_dict()


@pytest.fixture
def make_tracker() -> Callable[..., Any]:
    """Build a rasa-sdk ``Tracker`` inline, the way rasa-sdk's own tests do."""
    from rasa_sdk import Tracker

    def _make(
        *,
        sender_id: str = "parent-1",
        slots: dict[str, Any] | None = None,
        events: list[dict[str, Any]] | None = None,
        latest_message: dict[str, Any] | None = None,
        active_loop: str | None = None,
    ) -> Tracker:
        events = list(events or [])
        if latest_message is None:
            users = [e for e in events if e.get("event") == "user"]
            latest_message = dict(users[-1]["parse_data"]) if users else {}
            if users and users[-1].get("metadata"):
                latest_message["metadata"] = users[-1]["metadata"]
        return Tracker(
            sender_id=sender_id,
            slots=dict(slots or {}),
            latest_message=latest_message,
            events=events,
            paused=False,
            followup_action=None,
            active_loop={"name": active_loop} if active_loop else {},
            latest_action_name="action_listen",
        )

    return _make


@pytest.fixture
async def views_api() -> AsyncIterator[ViewsApi]:
    """The stand-in API, listening on 127.0.0.1 for the length of one test."""
    api = ViewsApi()
    app = web.Application()
    app.router.add_post("/api/v1/internal/views", api.handle)
    api.server = TestServer(app, host="127.0.0.1", port=0)
    await api.server.start_server()
    try:
        yield api
    finally:
        await api.server.close()


@pytest.fixture(autouse=True)
async def no_background_flush_left() -> AsyncIterator[None]:
    """Stop the outbox's background flush a test started, before its event loop closes."""
    yield
    from bot.actions.api_client import stop_background_flush

    await stop_background_flush()


@pytest.fixture
def outbox_path(tmp_path: Path) -> Path:
    """A fresh outbox file for one test."""
    return tmp_path / "outbox.db"


@pytest.fixture
def api_env(monkeypatch: pytest.MonkeyPatch, views_api: ViewsApi, outbox_path: Path) -> ViewsApi:
    """Point the action server's settings at the stand-in API and a fresh outbox."""
    monkeypatch.setenv("API_URL", views_api.url)
    monkeypatch.setenv("API_SERVICE_TOKEN", SERVICE_TOKEN)
    monkeypatch.setenv("OUTBOX_DB", str(outbox_path))
    monkeypatch.setenv("PSEUDONYM_SECRET", "test-pseudonym-secret")
    return views_api


@pytest.fixture
def libretranslate() -> Any:
    """A stand-in LibreTranslate server on 127.0.0.1 (tests/fakes), for one test."""
    import sys

    sys.path.insert(0, str(REPO_ROOT / "tests" / "fakes"))
    from libretranslate import FakeLibreTranslate

    fake = FakeLibreTranslate().start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture(autouse=True)
def no_kept_quick_views() -> Iterator[None]:
    """Each test reads the open quick views afresh (the action server keeps them 15 s)."""
    forget_quick_views()
    yield
    forget_quick_views()
