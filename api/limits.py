"""Limits that protect the API: request size, and messages a minute through the web chat.

- ``RequestSizeLimit``: an ASGI middleware that refuses a body larger than
  ``MAX_REQUEST_BYTES`` (``MAX_BATCH_REQUEST_BYTES`` for the batch endpoints) with ``413``
  in the API's error shape: at once from ``Content-Length`` when the client sends one,
  otherwise by counting as it reads (it never holds more than the limit).
- ``RateLimiter``: at most N events a key a minute, in memory (one count a process). The web
  chat uses it a sender and a client address. The limits are generous on purpose: the REST
  channel behind it holds each sender to ``RATE_LIMIT_PER_MINUTE`` and always lets a
  message that shows a safeguarding risk through, which this API cannot tell.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOO_LARGE = "That request is too large. Please send less at a time."
TOO_FAST = (
    "You are sending messages very quickly. Please wait a minute, then try again. "
    "If anyone is in danger now, call 999."
)


def _error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message, "details": []}}).encode()


class RequestSizeLimit:
    """Refuse request bodies over a size limit with 413, in the API's error shape."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, max_batch_bytes: int) -> None:
        """Wrap ``app``; ``max_batch_bytes`` applies to paths ending in ``/batch``."""
        self.app = app
        self.max_bytes = max_bytes
        self.max_batch_bytes = max_batch_bytes

    def limit_for(self, path: str) -> int:
        """The byte limit for a path."""
        return self.max_batch_bytes if path.rstrip("/").endswith("/batch") else self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check ``Content-Length`` first, then count the body as it arrives."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > limit
            except ValueError:
                too_large = False
            if too_large:
                await self._refuse(send)
                return

        # Read the body first (at most `limit` bytes are held), then hand it on whole.
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away; let the app see it
            received += len(message.get("body", b""))
            if received > limit:
                await self._refuse(send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                message = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return message
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(send: Send) -> None:
        body = _error_body("payload_too_large", TOO_LARGE)
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """At most ``limit`` events a key in any ``window`` seconds (memory bounded)."""

    def __init__(
        self,
        limit: int,
        window: float = 60.0,
        *,
        max_keys: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Allow ``limit`` events a key in ``window`` seconds."""
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._clock = clock
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Record an event for ``key``; False if it is over the limit (then not recorded)."""
        now = self._clock()
        with self._lock:
            times = self._seen.pop(key, None) or deque()
            while times and now - times[0] >= self.window:
                times.popleft()
            allowed = len(times) < self.limit
            if allowed:
                times.append(now)
            self._seen[key] = times
            while len(self._seen) > self.max_keys:
                self._seen.popitem(last=False)
            return allowed
