"""Factories for the bot's unit tests: events as rasa-sdk receives them, a dead URL."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

SERVICE_TOKEN = "test-service-token"


def user_event(
    text: str,
    *,
    intent: str | None = None,
    timestamp: float = 1_700_000_000.0,
    input_channel: str = "rest",
    metadata: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A ``user`` event as rasa-sdk receives it."""
    parse_data: dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99} if intent else {},
        "entities": [],
        "intent_ranking": [{"name": intent, "confidence": 0.99}] if intent else [],
    }
    if metadata:
        parse_data["metadata"] = metadata
    event = {
        "event": "user",
        "timestamp": timestamp,
        "text": text,
        "parse_data": parse_data,
        "input_channel": input_channel,
    }
    if metadata:
        event["metadata"] = metadata
    return event


def bot_event(text: str, *, response: str | None = None, **metadata: Any) -> dict[str, Any]:
    """A ``bot`` event; ``response`` is recorded as Rasa does, in ``utter_action``."""
    meta = dict(metadata)
    if response:
        meta["utter_action"] = response
    return {"event": "bot", "timestamp": 1_700_000_000.0, "text": text, "metadata": meta}


def unused_local_url() -> str:
    """A URL on 127.0.0.1 where nothing is listening (the API is down)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@dataclass
class ViewsApi:
    """A tiny stand-in for the forums API's view ingestion endpoint."""

    server: TestServer | None = None
    received: list[dict[str, Any]] = field(default_factory=list)
    auth_headers: list[str] = field(default_factory=list)
    fail_next: int = 0  # answer 503 to this many requests first
    reject_texts: set[str] = field(default_factory=set)  # answer 422 to these texts

    @property
    def url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("")).rstrip("/")

    @property
    def stored(self) -> dict[str, dict[str, Any]]:
        return {body["client_ref"]: body for body in self.received}

    async def handle(self, request: web.Request) -> web.Response:
        self.auth_headers.append(request.headers.get("Authorization", ""))
        if request.headers.get("Authorization") != f"Bearer {SERVICE_TOKEN}":
            return web.json_response({"error": {"code": "unauthorised"}}, status=401)
        if self.fail_next:
            self.fail_next -= 1
            return web.json_response({"error": {"code": "unavailable"}}, status=503)
        body = await request.json()
        if body.get("text") in self.reject_texts:
            return web.json_response({"error": {"code": "invalid"}}, status=422)
        already = body["client_ref"] in self.stored
        self.received.append(body)
        return web.json_response(
            {"id": len(self.stored), "created": not already}, status=200 if already else 201
        )
