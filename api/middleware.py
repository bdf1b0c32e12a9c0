"""The audit middleware: every request made with a forum key is written to the audit log
before its answer leaves the API.

`deps.get_caller` (and the report link route) fill in the request's `AuditSlot` once they
know which key is calling; when the answer starts, this middleware stores the key id, the
route, the query parameters and the status. If the event cannot be stored, the caller gets
a 503 instead of the data: nothing is pulled without a trace.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_json
from api.models import AuditEventCreate
from api.services.audit import audit_query, record_event

logger = logging.getLogger(__name__)

AUDIT_STATE = "audit"


@dataclass
class AuditSlot:
    """Who is calling, once a dependency has found out."""

    forum_id: int | None = None
    key_id: int | None = None
    via_link: bool = False


def audit_slot(request: Request) -> AuditSlot | None:
    """The request's audit slot (None when the middleware is not installed)."""
    slot = request.scope.get("state", {}).get(AUDIT_STATE)
    return slot if isinstance(slot, AuditSlot) else None


def route_template(scope: Scope) -> str:
    """The address pattern that answered, e.g. `/api/v1/reports/shared/{token}`.

    FastAPI's route knows its pattern without the prefix of the router it was included
    with; the prefix is what the real path has in front of the filled-in pattern.
    """
    path = str(scope.get("path", ""))
    pattern = getattr(scope.get("route"), "path", None)
    if not isinstance(pattern, str):
        return path
    try:
        filled = pattern.format(**scope.get("path_params", {}))
    except (KeyError, IndexError, ValueError):
        return pattern
    return path[: len(path) - len(filled)] + pattern if path.endswith(filled) else pattern


class AuditMiddleware:
    """Write an audit event for each request a forum key made (pure ASGI, no buffering)."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap `app`."""
        self.app = app

    def _record(self, scope: Scope, slot: AuditSlot, status: int) -> None:
        assert slot.forum_id is not None and slot.key_id is not None
        data = AuditEventCreate(
            forum_id=slot.forum_id,
            key_id=slot.key_id,
            method=str(scope.get("method", ""))[:8],
            route=route_template(scope)[:200],
            query=audit_query(scope.get("query_string", b"")),
            status_code=status,
            via_link=slot.via_link,
        )
        with Session(scope["app"].state.engine) as session:
            record_event(session=session, data=data)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; record the event as the answer starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        slot = AuditSlot()
        state: dict[str, Any] = scope.setdefault("state", {})
        state[AUDIT_STATE] = slot
        refused = False

        async def send_after_audit(message: Message) -> None:
            nonlocal refused
            if refused:
                return
            if message["type"] == "http.response.start" and slot.key_id is not None:
                try:
                    await run_in_threadpool(self._record, scope, slot, message["status"])
                except Exception:
                    logger.exception("Could not write the audit log; the answer was withheld")
                    refused = True
                    await error_json(
                        503,
                        code="audit_unavailable",
                        message="This service is not available just now. "
                        "Please try again in a few minutes.",
                    )(scope, receive, send)
                    return
            await send(message)

        await self.app(scope, receive, send_after_audit)
