"""When outbound messages may go: quiet hours (UK time) and a messages-a-second pace.

Plain logic, with the clock passed in so tests can stand at any hour:

- ``QuietHours``: no SMS from 21:00 to 08:00 Europe/London (``SMS_QUIET_HOURS``), on
  British Summer Time or not; ``next_allowed`` says when the window ends;
- ``Pacer``: at most ``rate`` messages a second, spaced evenly (a steady drip, not bursts),
  as Twilio queues a long code at one segment a second and Telegram allows about 30 a second;
- ``backoff``: the pause before retry ``n`` (exponential, capped, with jitter).
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")
DEFAULT_QUIET_HOURS = "21:00-08:00"
_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class QuietHours:
    """A daily window, in UK time, when nothing is sent. ``start == end`` means none."""

    start: clock_time = clock_time(21, 0)
    end: clock_time = clock_time(8, 0)

    @classmethod
    def parse(cls, text: str | None) -> QuietHours:
        """``"21:00-08:00"`` (the default when empty); ``"off"`` for no quiet hours."""
        if text and text.strip().lower() in {"off", "none"}:
            return cls(clock_time(0, 0), clock_time(0, 0))
        match = _WINDOW.match(text or DEFAULT_QUIET_HOURS)
        if not match:
            raise ValueError(f"Quiet hours must look like {DEFAULT_QUIET_HOURS!r} or 'off'.")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        return cls(clock_time(h1, m1), clock_time(h2, m2))

    def is_quiet(self, when: datetime) -> bool:
        """Whether ``when`` (any time zone; naive means UTC) falls in the quiet window."""
        local = _uk(when).time()
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def next_allowed(self, when: datetime) -> datetime:
        """The first moment at or after ``when`` outside the window (UK time)."""
        local = _uk(when)
        if not self.is_quiet(local):
            return local
        candidate = local.replace(
            hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0
        )
        if candidate <= local:
            candidate = candidate + timedelta(days=1)
            candidate = candidate.replace(tzinfo=UK)  # same wall-clock time on the next day
        return candidate


def _uk(when: datetime) -> datetime:
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo("UTC"))
    return when.astimezone(UK)


class Pacer:
    """At most ``rate`` messages a second, evenly spaced (shared by all senders of a channel).

    Args:
        rate: Messages a second (> 0).
        clock: Monotonic seconds.
        sleep: Async sleep.
    """

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """Pace at ``rate`` messages a second."""
        if rate <= 0:
            raise ValueError("The rate must be more than 0 messages a second.")
        self.interval = 1.0 / rate
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        """Wait for this message's turn."""
        async with self._lock:
            now = self._clock()
            if self._next > now:
                await self._sleep(self._next - now)
                now = self._next
            self._next = max(now, self._next) + self.interval


def backoff(attempt: int, *, base: float = 1.0, cap: float = 60.0) -> float:
    """Seconds to wait before retry ``attempt`` (1, 2, 3...): doubling, capped, +-20% jitter."""
    pause = min(cap, base * 2 ** max(0, attempt - 1))
    return pause * random.uniform(0.8, 1.2)  # noqa: S311 - jitter, not security
