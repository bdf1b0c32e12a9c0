"""The outbound dispatcher: "you said, we did" and quick-question invitations, sent safely.

Run as ``python -m channels.outbound`` (a part of ``make run``, a service in Compose). Every
``OUTBOUND_POLL_SECONDS`` it:

1. leases the API's hear-back outbox (``GET /api/v1/internal/outbox``), opens each message's
   ``recipient_ref`` (sealed by the action server) to find the person in the channel store,
   and sends the message on that channel;
2. tells the API what happened: ``delivered`` (Telegram accepted it; Twilio's status callback
   said delivered, or said nothing for ``DELIVERY_REPORT_WAIT`` seconds) or ``failed`` (with
   ``retry`` when it may pass; ``opted_out`` without);
3. invites people who opted in to the forum's newest open quick question, once each
   (``OUTBOUND_QUICK_VIEWS=0`` turns this off).

Every single send goes through ``Dispatcher.send_one``, which enforces the rules:

- only to people who opted in on that channel (agreed to hear back) and have not sent STOP
  since; STOP is read again just before the send, so it stops messages already queued;
- never in SMS quiet hours (21:00-08:00 UK time, ``SMS_QUIET_HOURS``): the message waits;
- at most ``SMS_RATE_PER_SECOND`` / ``TELEGRAM_RATE_PER_SECOND`` messages a second;
- each (message, person) at most once (a unique delivery row), retried with exponential
  backoff (``OUTBOUND_MAX_TRIES``), every outcome recorded in ``deliveries``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import enum
import logging
import os
import signal
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import aiohttp

from bot.privacy.redaction import install_log_redaction
from bot.privacy.secrets import require_production_secrets
from channels.identity import UnreadableRef
from channels.limits import reply
from channels.render import RENDERERS
from channels.schedule import Pacer, QuietHours, backoff
from channels.senders import (
    SendResult,
    TelegramConfig,
    TelegramSender,
    TwilioConfig,
    TwilioSender,
    quiet_provider_logs,
)
from channels.store import FINAL_FAILED, FINAL_OK, ChannelStore

logger = logging.getLogger(__name__)

HEAR_BACK = "hear_back"
QUICK_VIEW = "quick_view"
OUTBOX_PATH = "/api/v1/internal/outbox"
QUICK_VIEWS_PATH = "/api/v1/internal/quick-views"
Buttons = Sequence[Mapping[str, str]]
QUICK_VIEW_OPTIONS = (
    {"title": "1 Yes", "payload": "/answer_quick_view"},
    {"title": "2 Not now", "payload": "/quick_view_later"},
)


def quick_view_options(language: str | None) -> list[dict[str, str]]:
    """The quick-question invitation's two buttons, titled in ``language`` when reviewed."""
    titles = (reply("quick_view_yes", language), reply("quick_view_not_now", language))
    return [
        {"title": title, "payload": option["payload"]}
        for title, option in zip(titles, QUICK_VIEW_OPTIONS, strict=True)
    ]


class Outcome(str, enum.Enum):
    """What happened to one message for one person."""

    sent = "sent"
    opted_out = "opted_out"
    not_opted_in = "not_opted_in"
    quiet_hours = "quiet_hours"
    unknown = "unknown"
    duplicate = "duplicate"
    failed_retry = "failed_retry"
    failed = "failed"


@dataclass(frozen=True)
class OutboundSettings:
    """The dispatcher's settings (environment variables in brackets)."""

    api_url: str = "http://127.0.0.1:8000"  # API_URL
    token: str = "local-service-token"  # noqa: S105 - API_SERVICE_TOKEN's local default
    poll_seconds: float = 30.0  # OUTBOUND_POLL_SECONDS
    sms_rate: float = 1.0  # SMS_RATE_PER_SECOND
    telegram_rate: float = 25.0  # TELEGRAM_RATE_PER_SECOND
    quiet_hours: QuietHours = field(default_factory=QuietHours)  # SMS_QUIET_HOURS
    max_tries: int = 4  # OUTBOUND_MAX_TRIES
    retry_base: float = 1.0  # OUTBOUND_RETRY_SECONDS
    report_wait: float = 600.0  # DELIVERY_REPORT_WAIT
    quick_views: bool = True  # OUTBOUND_QUICK_VIEWS
    concurrency: int = 4  # OUTBOUND_CONCURRENCY: sends in flight at once (still paced)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> OutboundSettings:
        """Read the settings; invalid numbers fall back to the defaults."""
        env = os.environ if environ is None else environ

        def number(name: str, default: float) -> float:
            try:
                value = float(env.get(name) or default)
            except ValueError:
                return default
            return value if value > 0 else default

        return cls(
            api_url=(env.get("API_URL") or cls.api_url).rstrip("/"),
            token=env.get("API_SERVICE_TOKEN") or cls.token,
            poll_seconds=number("OUTBOUND_POLL_SECONDS", cls.poll_seconds),
            sms_rate=number("SMS_RATE_PER_SECOND", cls.sms_rate),
            telegram_rate=number("TELEGRAM_RATE_PER_SECOND", cls.telegram_rate),
            quiet_hours=QuietHours.parse(env.get("SMS_QUIET_HOURS")),
            max_tries=int(number("OUTBOUND_MAX_TRIES", cls.max_tries)),
            retry_base=number("OUTBOUND_RETRY_SECONDS", cls.retry_base),
            report_wait=number("DELIVERY_REPORT_WAIT", cls.report_wait),
            quick_views=(env.get("OUTBOUND_QUICK_VIEWS") or "1").strip() not in {"0", "false"},
            concurrency=int(number("OUTBOUND_CONCURRENCY", cls.concurrency)),
        )


def utc_now() -> datetime:
    """Now, in UTC (a seam for tests)."""
    return datetime.now(timezone.utc)


class Dispatcher:
    """Sends outbound messages by the rules above.

    Args:
        store: The channel store (shared with the connectors).
        senders: ``{"sms": TwilioSender, "telegram": TelegramSender}``, the configured ones.
        settings: Rates, quiet hours, retries.
        now: The wall clock (for quiet hours).
        sleep: Async sleep (for backoff).
    """

    def __init__(
        self,
        store: ChannelStore,
        senders: Mapping[str, Any],
        settings: OutboundSettings | None = None,
        *,
        now: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """Send through ``senders``, recording in ``store``."""
        self.store = store
        self.senders = dict(senders)
        self.settings = settings or OutboundSettings()
        self.now = now
        self.sleep = sleep
        self.pacers = {
            "sms": Pacer(self.settings.sms_rate),
            "telegram": Pacer(self.settings.telegram_rate),
        }

    def quiet(self, channel: str) -> bool:
        """Whether ``channel`` is in its quiet hours now (SMS only)."""
        return channel == "sms" and self.settings.quiet_hours.is_quiet(self.now())

    async def send_one(
        self,
        *,
        channel: str,
        conversation: str,
        kind: str,
        ref: str,
        text: str,
        options: Sequence[Mapping[str, str]] = (),
    ) -> Outcome:
        """Send one outbound message to one person, if every rule allows it now."""
        sender = self.senders.get(channel)
        identity = await asyncio.to_thread(self.store.get, conversation)
        if sender is None or identity is None or identity.channel != channel:
            return Outcome.unknown
        if identity.opted_out:
            return Outcome.opted_out
        if not identity.opted_in:
            return Outcome.not_opted_in
        if self.quiet(channel):
            return Outcome.quiet_hours
        claim = await asyncio.to_thread(self.store.claim_outbound, channel, conversation, kind, ref)
        if claim is None:
            return Outcome.duplicate
        await self.pacers[channel].wait()
        # A STOP may have come in while this message waited its turn: it wins.
        if await asyncio.to_thread(self.store.is_opted_out, conversation):
            await asyncio.to_thread(
                self.store.record,
                channel=channel,
                conversation=conversation,
                kind=kind,
                status="opted_out",
                delivery_id=claim,
            )
            return Outcome.opted_out
        if self.quiet(channel):  # the clock may have passed 21:00 while waiting
            await asyncio.to_thread(self.store.release, claim)
            return Outcome.quiet_hours
        rendered = RENDERERS[channel]({"text": text, "buttons": list(options)}, identity.language)
        result = SendResult(False, status="failed", error="nothing to send")
        provider_ids = []
        for index, part in enumerate(rendered.parts):
            if index:
                await self.pacers[channel].wait()
            buttons = rendered.buttons if index == len(rendered.parts) - 1 else ()
            result = await self._send_with_backoff(sender, identity.address, part, buttons)
            if not result.ok:
                break
            provider_ids.append(result.provider_id)
        await asyncio.to_thread(
            self.store.record,
            channel=channel,
            conversation=conversation,
            kind=kind,
            status=result.status,
            provider_id=provider_ids[-1] if provider_ids else None,
            error=result.error,
            segments=rendered.segments or None,
            delivery_id=claim,
        )
        if result.ok:
            await asyncio.to_thread(self.store.set_options, conversation, options)
            return Outcome.sent
        if result.status == "opted_out":
            return Outcome.opted_out
        return Outcome.failed_retry if result.retry else Outcome.failed

    async def _send_with_backoff(
        self, sender: Any, address: str, body: str, buttons: Sequence[Any]
    ) -> SendResult:
        result = await sender.send(address, body, buttons=buttons)
        for attempt in range(1, self.settings.max_tries):
            if result.ok or not result.retry:
                break
            await self.sleep(backoff(attempt, base=self.settings.retry_base))
            result = await sender.send(address, body, buttons=buttons)
        return result

    async def broadcast(
        self,
        *,
        kind: str,
        ref: str,
        conversations: Iterable[str],
        text: str | Callable[[str | None], str],
        options: Buttons | Callable[[str | None], Buttons] = (),
    ) -> Counter[Outcome]:
        """Send one message to many people, one at a time, by the rules.

        Args:
            kind: ``quick_view`` or another kind of outbound message.
            ref: What it is (the quick view's id): each person gets it once.
            conversations: Who (conversation ids; the channel is each person's own).
            text: The text, or a function of the person's language giving it.
            options: Buttons (numbered on SMS), or a function of the person's language
                giving them.

        Returns:
            How many messages had each outcome.
        """
        outcomes: Counter[Outcome] = Counter()
        queue: asyncio.Queue[str] = asyncio.Queue()
        for conversation in conversations:
            queue.put_nowait(conversation)

        async def worker() -> None:
            # Several sends in flight (the provider's answer takes a while); the pacer
            # still lets them go only at the channel's rate.
            while not queue.empty():
                conversation = queue.get_nowait()
                identity = await asyncio.to_thread(self.store.get, conversation)
                if identity is None:
                    outcomes[Outcome.unknown] += 1
                    continue
                body = text(identity.language) if callable(text) else text
                buttons = options(identity.language) if callable(options) else options
                outcome = await self.send_one(
                    channel=identity.channel,
                    conversation=conversation,
                    kind=kind,
                    ref=ref,
                    text=body,
                    options=buttons,
                )
                outcomes[outcome] += 1

        await asyncio.gather(*(worker() for _ in range(self.settings.concurrency)))
        logger.info("Broadcast %s %s: %s", kind, ref, dict(outcomes))
        return outcomes


class ForumsApi:
    """The API's hear-back outbox and open quick views (service token)."""

    def __init__(self, settings: OutboundSettings, session: aiohttp.ClientSession) -> None:
        """Talk to ``settings.api_url`` with ``session``."""
        self.settings = settings
        self.session = session
        self.headers = {"Authorization": f"Bearer {settings.token}"}

    async def lease(self, limit: int = 50) -> list[dict[str, Any]]:
        """Pending hear-back messages, held for us for 5 minutes."""
        async with self.session.get(
            self.settings.api_url + OUTBOX_PATH, params={"limit": str(limit)}, headers=self.headers
        ) as response:
            response.raise_for_status()
            data = await response.json()
        return [m for m in data if isinstance(m, dict)] if isinstance(data, list) else []

    async def delivered(self, message_id: int) -> None:
        """Tell the API a message was delivered."""
        await self._post(f"{OUTBOX_PATH}/{message_id}/delivered", None)

    async def failed(self, message_id: int, reason: str, *, retry: bool) -> None:
        """Tell the API a message failed, and whether to list it again later."""
        await self._post(f"{OUTBOX_PATH}/{message_id}/failed", {"reason": reason, "retry": retry})

    async def _post(self, path: str, body: dict[str, Any] | None) -> None:
        async with self.session.post(
            self.settings.api_url + path, json=body, headers=self.headers
        ) as response:
            await response.read()
            if response.status >= 500:
                response.raise_for_status()

    async def open_quick_views(self) -> list[dict[str, Any]]:
        """The default forum's open quick views, newest first."""
        async with self.session.get(
            self.settings.api_url + QUICK_VIEWS_PATH, headers=self.headers
        ) as response:
            if response.status != 200:
                return []
            data = await response.json()
        return [q for q in data if isinstance(q, dict) and q.get("open", True)]


class OutboundWorker:
    """One round of the dispatcher's work; ``run_forever`` repeats it."""

    def __init__(self, dispatcher: Dispatcher, api: ForumsApi) -> None:
        """Work with ``dispatcher`` and ``api``."""
        self.dispatcher = dispatcher
        self.api = api
        self.store = dispatcher.store

    async def hear_back(self) -> Counter[str]:
        """Send the hear-back outbox; report what can be reported now."""
        counts: Counter[str] = Counter()
        for message in await self.api.lease():
            outcome = await self._hear_back_one(message)
            counts[outcome] += 1
        counts.update(await self.report())
        return counts

    async def _hear_back_one(self, message: dict[str, Any]) -> str:
        message_id = int(message["id"])
        ref = message.get("recipient_ref")
        if message.get("channel") not in self.dispatcher.senders or not ref:
            await self.api.failed(message_id, "no_way_to_reach", retry=False)
            return "unreachable"
        try:
            channel, conversation = self.store.box.read_recipient_ref(str(ref))
        except UnreadableRef:
            await self.api.failed(message_id, "unreadable_recipient", retry=False)
            return "unreadable"
        outcome = await self.dispatcher.send_one(
            channel=channel,
            conversation=conversation,
            kind=HEAR_BACK,
            ref=str(message_id),
            text=str(message.get("message") or ""),
        )
        if outcome in (Outcome.opted_out, Outcome.unknown, Outcome.failed):
            await self.api.failed(message_id, outcome.value, retry=False)
        elif outcome is Outcome.failed_retry:
            await self.api.failed(message_id, "unreachable", retry=True)
        # sent: reported by ``report``; quiet hours, duplicate: listed again after the lease.
        return outcome.value

    async def report(self) -> Counter[str]:
        """Tell the API the outcome of hear-back messages whose delivery is now known."""
        counts: Counter[str] = Counter()
        now = time.time()
        for row in await asyncio.to_thread(self.store.unreported, HEAR_BACK):
            if row.ref is None:
                continue
            waited = now - row.updated_at >= self.dispatcher.settings.report_wait
            no_receipts = row.channel == "sms" and not self._sms_receipts()
            if row.status in FINAL_OK or (row.status == "sent" and (waited or no_receipts)):
                await self.api.delivered(int(row.ref))
                counts["reported_delivered"] += 1
            elif row.status in FINAL_FAILED:
                await self.api.failed(int(row.ref), "undelivered", retry=True)
                counts["reported_failed"] += 1
            elif row.status == "queued" and (waited or no_receipts):
                await self.api.delivered(int(row.ref))
                counts["reported_delivered"] += 1
            else:
                continue
            await asyncio.to_thread(self.store.mark_reported, row.id)
        return counts

    def _sms_receipts(self) -> bool:
        sender = self.dispatcher.senders.get("sms")
        return bool(sender is not None and sender.config.status_callback)

    async def quick_views(self) -> Counter[Outcome]:
        """Invite everyone who opted in to the newest open quick question, once each."""
        views = await self.api.open_quick_views()
        if not views:
            return Counter()
        newest = views[0]
        subscribers = [
            c
            for channel in self.dispatcher.senders
            for c in await asyncio.to_thread(self.store.subscribers, channel)
        ]
        return await self.dispatcher.broadcast(
            kind=QUICK_VIEW,
            ref=str(newest["id"]),
            conversations=subscribers,
            text=lambda language: reply("quick_view_invite", language),
            options=quick_view_options,
        )

    async def round(self) -> None:
        """One round: hear back, then quick questions."""
        counts = await self.hear_back()
        if counts:
            logger.info("Hear-back round: %s", dict(counts))
        if self.dispatcher.settings.quick_views:
            await self.quick_views()


def senders_from_env(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The configured channels' senders."""
    senders: dict[str, Any] = {}
    twilio = TwilioConfig.from_env(environ)
    if twilio.configured:
        senders["sms"] = TwilioSender(twilio)
    telegram = TelegramConfig.from_env(environ)
    if telegram.configured:
        senders["telegram"] = TelegramSender(telegram)
    return senders


async def run_forever(once: bool = False) -> None:
    """Work every ``OUTBOUND_POLL_SECONDS`` until SIGTERM or SIGINT."""
    settings = OutboundSettings.from_env()
    senders = senders_from_env()
    if senders:
        require_production_secrets(("PSEUDONYM_SECRET", "CHANNEL_ENCRYPTION_KEY"))
    store = ChannelStore.from_env()
    dispatcher = Dispatcher(store, senders, settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    logger.info(
        "Outbound dispatcher: channels %s, every %.0f s",
        ",".join(senders) or "none (nothing to send)",
        settings.poll_seconds,
    )
    timeout = aiohttp.ClientTimeout(total=10)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        worker = OutboundWorker(dispatcher, ForumsApi(settings, session))
        while not stop.is_set():
            if senders:
                try:
                    await worker.round()
                except Exception as error:  # noqa: BLE001 - next round tries again
                    logger.warning("Outbound round failed (%s)", type(error).__name__)
            if once:
                break
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=settings.poll_seconds)
    for sender in senders.values():
        await sender.close()


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m channels.outbound [--once]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--once", action="store_true", help="one round, then exit")
    args = parser.parse_args(argv)
    install_log_redaction()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    quiet_provider_logs()
    asyncio.run(run_forever(once=args.once))


if __name__ == "__main__":
    main()
