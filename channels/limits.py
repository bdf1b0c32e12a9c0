"""Limits on what one sender can send: message size and messages a minute.

Plain logic, no Rasa: ``MessageLimits`` (from the environment) and ``RateLimiter`` (a
sliding window a sender, in memory, bounded in size). A message that shows a safeguarding
risk is never held back by these limits: the channel checks that first.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.language.reviewed import reviewed_strings

DEFAULT_MAX_MESSAGE_CHARS = 2000
DEFAULT_MAX_BODY_BYTES = 32 * 1024
DEFAULT_RATE_PER_MINUTE = 20
REPLIES_FILE = Path(__file__).with_name("replies.yml")


@dataclass(frozen=True)
class MessageLimits:
    """The limits, from ``MAX_MESSAGE_CHARS``, ``MAX_BODY_BYTES``, ``RATE_LIMIT_PER_MINUTE``.

    Attributes:
        max_message_chars: Longer messages get a kind "please send it in parts" reply.
        max_body_bytes: Requests larger than this are refused before being read as JSON.
        rate_per_minute: Messages one sender may send in any 60 seconds.
    """

    max_message_chars: int = DEFAULT_MAX_MESSAGE_CHARS
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    rate_per_minute: int = DEFAULT_RATE_PER_MINUTE

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> MessageLimits:
        """Read the limits; missing or invalid values fall back to the defaults."""
        env = os.environ if environ is None else environ

        def number(name: str, default: int) -> int:
            try:
                value = int(env.get(name) or default)
            except ValueError:
                return default
            return value if value > 0 else default

        return cls(
            max_message_chars=number("MAX_MESSAGE_CHARS", DEFAULT_MAX_MESSAGE_CHARS),
            max_body_bytes=number("MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
            rate_per_minute=number("RATE_LIMIT_PER_MINUTE", DEFAULT_RATE_PER_MINUTE),
        )


class RateLimiter:
    """At most ``limit`` events a key in any ``window`` seconds.

    Memory is bounded: the least recently seen keys are forgotten beyond ``max_keys``.
    Each process has its own counts (several Rasa workers each allow ``limit``).
    """

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


@lru_cache(maxsize=1)
def _replies() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(REPLIES_FILE.read_text(encoding="utf-8"))
    return {language: dict(texts) for language, texts in data.items()}


def reply(name: str, language: str | None = None, **values: object) -> str:
    """A channel reply in ``language``, else in English.

    The reviewed translation (the ``channel`` section of ``bot/translations/<code>.yml``)
    when there is one, else ``replies.yml`` (English, and any language it lists).
    """
    texts = _replies()
    chosen = None
    if language and language != "en":
        chosen = reviewed_strings().channel_text(language, name)
    chosen = chosen or texts.get(language or "en", {}).get(name) or texts["en"][name]
    return chosen.format(**values)
