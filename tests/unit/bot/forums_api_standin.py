"""A local stand-in for the forums API's internal endpoints (views, listened scores, quick
views), speaking HTTP on 127.0.0.1, for the bot's unit tests. The e2e tests use the real API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

SERVICE_TOKEN = "test-service-token"


@dataclass
class ForumsApi:
    """Records every request; answers like the real API for the happy paths."""

    server: TestServer | None = None
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    quick_views: list[dict[str, Any]] = field(default_factory=list)
    closed: set[int] = field(default_factory=set)
    unavailable: bool = False  # answer 503 to everything
    stored_refs: set[str] = field(default_factory=set)
    answers: dict[tuple[int, str], int] = field(default_factory=dict)

    @property
    def url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("")).rstrip("/")

    def bodies(self, path: str) -> list[dict[str, Any]]:
        return [body for p, body in self.requests if p == path]

    def _refuse(self, request: web.Request) -> web.Response | None:
        if request.headers.get("Authorization") != f"Bearer {SERVICE_TOKEN}":
            return web.json_response({"error": {"code": "unauthorised"}}, status=401)
        if self.unavailable:
            return web.json_response({"error": {"code": "unavailable"}}, status=503)
        return None

    async def store(self, request: web.Request) -> web.Response:
        refused = self._refuse(request)
        if refused is not None:
            return refused
        body = await request.json()
        self.requests.append((request.path, body))
        ref = body["client_ref"]
        created = ref not in self.stored_refs
        self.stored_refs.add(ref)
        return web.json_response(
            {"id": len(self.stored_refs), "created": created}, status=201 if created else 200
        )

    async def list_quick_views(self, request: web.Request) -> web.Response:
        refused = self._refuse(request)
        if refused is not None:
            return refused
        return web.json_response([q for q in self.quick_views if int(q["id"]) not in self.closed])

    async def answer(self, request: web.Request) -> web.Response:
        refused = self._refuse(request)
        if refused is not None:
            return refused
        quick_view_id = int(request.match_info["quick_view_id"])
        body = await request.json()
        self.requests.append((request.path, body))
        if quick_view_id in self.closed:
            return web.json_response({"error": {"code": "closed"}}, status=409)
        key = (quick_view_id, body["contributor"])
        created = key not in self.answers
        self.answers[key] = body["option"]
        return web.json_response({"id": 1, "created": created}, status=201 if created else 200)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/v1/internal/views", self.store)
        app.router.add_post("/api/v1/internal/listened-scores", self.store)
        app.router.add_get("/api/v1/internal/quick-views", self.list_quick_views)
        app.router.add_post("/api/v1/internal/quick-views/{quick_view_id}/answers", self.answer)
        self.server = TestServer(app, host="127.0.0.1", port=0)
        await self.server.start_server()
