"""Sending on SMS (Twilio's REST API) and Telegram (the Bot API), and each channel's settings.

Used by the connectors (replies) and by the outbound dispatcher. Both use the providers' own
Python libraries, asynchronously: ``twilio`` with its ``AsyncTwilioHttpClient`` and
``messages.create_async``; ``python-telegram-bot`` v22 with ``Application.builder()
.token(...).updater(None)``. ``TWILIO_API_URL`` and ``TELEGRAM_API_URL`` point them somewhere
else than the real services (the fakes in ``tests/fakes``).

A send returns a ``SendResult``: accepted with the provider's id, or not, and then whether
trying again later could help (a network error, 429, 5xx) or not (an unknown number, a person
who blocked the bot or sent STOP to the carrier).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

TWILIO_API = "https://api.twilio.com"
TELEGRAM_API = "https://api.telegram.org/bot"
# Twilio error codes that no retry will fix.
_TWILIO_OPTED_OUT = {21610}
TELEGRAM_MAX_CHARS = 4096


def quiet_provider_logs() -> None:
    """Keep the providers' HTTP libraries to warnings: at INFO they log every request, with
    the Telegram bot token in its URL and Twilio's headers (the redaction filter would
    catch the token; this keeps the noise out too)."""
    for name in ("httpx", "httpcore", "twilio", "telegram"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _env(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


@dataclass(frozen=True)
class TwilioConfig:
    """The Twilio number and where Twilio calls us.

    Attributes:
        account_sid: ``TWILIO_ACCOUNT_SID`` (AC...).
        auth_token: ``TWILIO_AUTH_TOKEN``: the key of ``X-Twilio-Signature``.
        from_number: ``TWILIO_FROM_NUMBER`` (E.164), or
        messaging_service_sid: ``TWILIO_MESSAGING_SERVICE_SID`` (MG...), which wins if set.
        public_url: ``TWILIO_PUBLIC_URL``: the public base address Twilio calls (no trailing
            slash), for checking signatures behind a proxy and for status callbacks.
        api_url: ``TWILIO_API_URL``: Twilio's REST API (a fake in tests).
    """

    account_sid: str = ""
    auth_token: str = ""
    from_number: str = ""
    messaging_service_sid: str = ""
    public_url: str = ""
    api_url: str = TWILIO_API

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, overrides: Mapping[str, Any] | None = None
    ) -> TwilioConfig:
        """Read the ``TWILIO_*`` variables; ``overrides`` (credentials.yml) win when set."""
        env, given = _env(environ), dict(overrides or {})

        def pick(key: str, name: str, default: str = "") -> str:
            value = given.get(key)
            return str(value).strip() if value else (env.get(name) or default).strip()

        return cls(
            account_sid=pick("account_sid", "TWILIO_ACCOUNT_SID"),
            auth_token=pick("auth_token", "TWILIO_AUTH_TOKEN"),
            from_number=pick("from_number", "TWILIO_FROM_NUMBER"),
            messaging_service_sid=pick("messaging_service_sid", "TWILIO_MESSAGING_SERVICE_SID"),
            public_url=pick("public_url", "TWILIO_PUBLIC_URL").rstrip("/"),
            api_url=pick("api_url", "TWILIO_API_URL", TWILIO_API).rstrip("/"),
        )

    @property
    def configured(self) -> bool:
        """Whether there is an account, a token and a sender."""
        return bool(
            self.account_sid
            and self.auth_token
            and (self.from_number or self.messaging_service_sid)
        )

    @property
    def status_callback(self) -> str | None:
        """The public address of our status callback, if we know our public address."""
        return f"{self.public_url}/webhooks/twilio_sms/status" if self.public_url else None


@dataclass(frozen=True)
class TelegramConfig:
    """The Telegram bot.

    Attributes:
        token: ``TELEGRAM_BOT_TOKEN`` from BotFather.
        secret: ``TELEGRAM_WEBHOOK_SECRET``: sent by Telegram in
            ``X-Telegram-Bot-Api-Secret-Token`` (1-256 of ``A-Z a-z 0-9 _ -``).
        webhook_url: ``TELEGRAM_WEBHOOK_URL``: our public webhook, registered at start-up
            (empty: register it yourself, see docs/channels.md).
        api_url: ``TELEGRAM_API_URL``: the Bot API base (``.../bot``; a fake in tests).
    """

    token: str = ""
    secret: str = ""
    webhook_url: str = ""
    api_url: str = TELEGRAM_API

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, overrides: Mapping[str, Any] | None = None
    ) -> TelegramConfig:
        """Read the ``TELEGRAM_*`` variables; ``overrides`` (credentials.yml) win when set."""
        env, given = _env(environ), dict(overrides or {})

        def pick(key: str, name: str, default: str = "") -> str:
            value = given.get(key)
            return str(value).strip() if value else (env.get(name) or default).strip()

        return cls(
            token=pick("access_token", "TELEGRAM_BOT_TOKEN"),
            secret=pick("webhook_secret", "TELEGRAM_WEBHOOK_SECRET"),
            webhook_url=pick("webhook_url", "TELEGRAM_WEBHOOK_URL"),
            api_url=pick("api_url", "TELEGRAM_API_URL", TELEGRAM_API),
        )

    @property
    def configured(self) -> bool:
        """Whether there is a token and a webhook secret (we never run without the secret)."""
        return bool(self.token and self.secret)


@dataclass(frozen=True)
class SendResult:
    """What the provider said.

    Attributes:
        ok: The provider accepted the message.
        provider_id: Twilio's ``MessageSid`` or ``tg:<message_id>`` (never the chat id).
        status: ``queued``/``delivered`` when accepted, else ``failed`` or ``opted_out``.
        retry: Not accepted, but a later try may work.
        error: A short reason, no personal data.
    """

    ok: bool
    provider_id: str | None = None
    status: str = "queued"
    retry: bool = False
    error: str | None = None


class TwilioSender:
    """Sends SMS through Twilio's REST API (``twilio``'s async client)."""

    channel = "sms"

    def __init__(self, config: TwilioConfig, *, timeout: float = 10.0) -> None:
        """Send as ``config`` says; the HTTP client is made on first use, in the event loop."""
        self.config = config
        self.timeout = timeout
        self._client: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _twilio(self) -> Any:
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:
            from twilio.http.async_http_client import AsyncTwilioHttpClient
            from twilio.rest import Client

            http = AsyncTwilioHttpClient(timeout=self.timeout)
            client = Client(self.config.account_sid, self.config.auth_token, http_client=http)
            client.api.base_url = self.config.api_url
            self._client, self._loop = client, loop
        return self._client

    async def send(self, to: str, body: str, *, buttons: Sequence[Any] = ()) -> SendResult:
        """Send one SMS (one part of a reply) to ``to`` (E.164)."""
        from twilio.base.exceptions import TwilioRestException

        values: dict[str, Any] = {"to": to, "body": body}
        if self.config.messaging_service_sid:
            values["messaging_service_sid"] = self.config.messaging_service_sid
        else:
            values["from_"] = self.config.from_number
        if self.config.status_callback:
            values["status_callback"] = self.config.status_callback
        try:
            message = await self._twilio().messages.create_async(**values)
        except TwilioRestException as error:
            if error.code in _TWILIO_OPTED_OUT:
                return SendResult(False, status="opted_out", error=f"twilio {error.code}")
            retry = error.status == 429 or error.status >= 500
            return SendResult(
                False, status="failed", retry=retry, error=f"twilio {error.code or error.status}"
            )
        except (OSError, asyncio.TimeoutError) as error:
            return SendResult(False, status="failed", retry=True, error=type(error).__name__)
        except Exception as error:  # noqa: BLE001 - aiohttp's errors and the like: try later
            return SendResult(False, status="failed", retry=True, error=type(error).__name__)
        return SendResult(True, provider_id=message.sid, status=str(message.status or "queued"))

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._client is not None:
            session = getattr(self._client.http_client, "session", None)
            if session is not None:
                await session.close()
            self._client = None


class TelegramSender:
    """Sends Telegram messages (python-telegram-bot's ``Application``, no updater)."""

    channel = "telegram"

    def __init__(self, config: TelegramConfig) -> None:
        """Send as ``config`` says; the application is built on first use."""
        self.config = config
        self._app: Any = None
        self._lock: asyncio.Lock | None = None

    async def application(self) -> Any:
        """The initialised PTB application (its ``bot`` is what sends)."""
        if self._app is None:
            if self._lock is None:
                self._lock = asyncio.Lock()
            async with self._lock:
                if self._app is None:
                    from telegram.ext import Application

                    app = (
                        Application.builder()
                        .token(self.config.token)
                        .base_url(self.config.api_url)
                        .updater(None)
                        .build()
                    )
                    await app.initialize()
                    self._app = app
        return self._app

    async def bot(self) -> Any:
        """The PTB ``Bot``."""
        return (await self.application()).bot

    async def send(
        self, to: str, body: str, *, buttons: Sequence[tuple[str, str]] = ()
    ) -> SendResult:
        """Send one message to chat ``to``, with an inline keyboard of ``(title, data)``."""
        from telegram import InlineKeyboardButton, InlineKeyboardMarkup
        from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

        markup = (
            InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d)] for t, d in buttons])
            if buttons
            else None
        )
        try:
            bot = await self.bot()
            message = await bot.send_message(
                chat_id=int(to), text=body[:TELEGRAM_MAX_CHARS], reply_markup=markup
            )
        except Forbidden:
            return SendResult(False, status="opted_out", error="telegram forbidden")
        except BadRequest as error:
            return SendResult(
                False, status="failed", error=f"telegram bad request: {type(error).__name__}"
            )
        except (RetryAfter, NetworkError) as error:
            return SendResult(False, status="failed", retry=True, error=type(error).__name__)
        except TelegramError as error:
            return SendResult(False, status="failed", retry=True, error=type(error).__name__)
        return SendResult(True, provider_id=f"tg:{message.message_id}", status="delivered")

    async def close(self) -> None:
        """Shut the application down."""
        if self._app is not None:
            await self._app.shutdown()
            self._app = None
