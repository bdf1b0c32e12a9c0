"""Telegram: ``channels.telegram.TelegramInput`` (Rasa name ``telegram``).

Routes (under Rasa's ``/webhooks/telegram/``):

- ``GET /``: health, and whether the bot is configured;
- ``POST /webhook``: Telegram's webhook. ``X-Telegram-Bot-Api-Secret-Token`` must equal
  ``TELEGRAM_WEBHOOK_SECRET`` (``hmac.compare_digest``), else ``403`` and nothing else
  happens. An ``update_id`` already handled is answered and dropped. The update is read with
  ``Update.de_json`` and handled in the background; the webhook answers ``200`` at once.

The webhook is registered once, at start-up, with the secret (``setWebhook``), when
``TELEGRAM_WEBHOOK_URL`` is set. Buttons are inline keyboards; pressing one answers the
callback query, removes the keyboard and sends the button's payload. ``/start`` greets (and
lifts a STOP), ``/help``, ``/stop`` (opts out of everything sent unasked until ``/start``),
``/language`` (a keyboard of languages, or ``/language polski``). Stickers, photos, voice
notes and other non-text messages, and edited messages, get a kind reply. Chat ids are kept
only encrypted (``channels.store``); Rasa knows the person by a keyed hash.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Awaitable, Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.privacy.redaction import install_log_redaction
from bot.privacy.secrets import require_production_secrets
from bot.safeguarding import check
from channels.identity import conversation_id
from channels.keywords import INTENT_PAYLOADS, Keyword, keyword
from channels.limits import MessageLimits, RateLimiter, reply
from channels.options import payload_for_reply
from channels.render import Rendered, render_telegram
from channels.senders import TelegramConfig, TelegramSender, quiet_provider_logs
from channels.store import ChannelStore
from channels.turns import Turns

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
TRANSLATIONS = Path(__file__).resolve().parents[1] / "bot" / "translations"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


@lru_cache(maxsize=1)
def language_names() -> tuple[str, ...]:
    """English, then each language with reviewed replies, named in its own script."""
    names = ["English"]
    for path in sorted(TRANSLATIONS.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if data.get("reviewed") is True and data.get("name"):
            names.append(str(data["name"]))
    return tuple(names)


class TelegramInput(InputChannel):
    """A Telegram bot by webhook, with its secret checked and updates deduplicated."""

    @classmethod
    def name(cls) -> str:
        """The address is ``/webhooks/telegram/webhook``."""
        return "telegram"

    def __init__(
        self,
        config: TelegramConfig,
        store: ChannelStore | None = None,
        sender: TelegramSender | None = None,
    ) -> None:
        """Use ``config``; the store and sender come from the environment by default."""
        install_log_redaction()
        quiet_provider_logs()
        self.config = config
        self.store = store or ChannelStore.from_env()
        self.sender = sender or TelegramSender(config)
        self.limiter = RateLimiter(MessageLimits.from_env().rate_per_minute, 60.0)
        self.turns = Turns(
            channel=CHANNEL,
            input_channel=self.name(),
            store=self.store,
            sender=self.sender,
            render=render_telegram,
        )

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Settings from ``credentials.yml`` (``${TELEGRAM_...}``) or the environment."""
        config = TelegramConfig.from_env(overrides=credentials)
        if config.configured:
            require_production_secrets(("PSEUDONYM_SECRET", "CHANNEL_ENCRYPTION_KEY"))
        else:
            logger.info("Telegram is not configured; its webhook will answer 503")
        return cls(config)

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        """Every message says it came by Telegram."""
        return {"channel": CHANNEL}

    def _authentic(self, request: Request) -> bool:
        given = (request.headers.get("X-Telegram-Bot-Api-Secret-Token") or "").encode()
        return hmac.compare_digest(given, self.config.secret.encode())

    async def register_webhook(self) -> None:
        """Tell Telegram where to send updates, with the secret (once, at start-up)."""
        if not (self.config.configured and self.config.webhook_url):
            return
        try:
            bot = await self.sender.bot()
            await bot.set_webhook(
                url=self.config.webhook_url,
                secret_token=self.config.secret,
                allowed_updates=ALLOWED_UPDATES,
            )
            logger.info("Telegram webhook registered")
        except Exception as error:  # noqa: BLE001 - the server still starts; say why
            logger.error("Could not register the Telegram webhook (%s)", type(error).__name__)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Health and the webhook; registers the webhook once the server has started."""
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.listener("after_server_start")
        async def register(app: Any, loop: Any) -> None:
            await self.register_webhook()

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.config.configured})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.config.configured:
                return response.json({"error": "Telegram is not configured here."}, status=503)
            if not self._authentic(request):
                logger.warning("A Telegram webhook with a wrong secret token was refused")
                return response.json({"error": "Forbidden."}, status=403)
            try:
                data = request.json
            except Exception:  # noqa: BLE001 - Sanic raises its own error for bad JSON
                data = None
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                return response.json({"error": "Not a Telegram update."}, status=400)
            if not await asyncio.to_thread(self.store.first_time, CHANNEL, str(data["update_id"])):
                logger.info("A repeated Telegram update was ignored")
                return response.json({})
            self.turns.start(self.handle(on_new_message, request.app, data))
            return response.json({})

        return webhook

    async def handle(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        app: Any,
        data: dict[str, Any],
    ) -> None:
        """Work out what the update asks for, then answer it."""
        from telegram import Update

        bot = await self.sender.bot()
        update = Update.de_json(data, bot)
        if update.callback_query is not None:
            await self.on_button(on_new_message, app, update)
            return
        if update.edited_message is not None:
            chat = str(update.edited_message.chat.id)
            await self.own_reply(chat, "edited")
            return
        message = update.message
        if message is None:
            return
        chat = str(message.chat.id)
        if not message.text:
            await self.own_reply(chat, "not_text")
            return
        await self.on_text(on_new_message, app, chat, message.text)

    async def on_button(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]], app: Any, update: Any
    ) -> None:
        """A button was pressed: acknowledge it, remove the keyboard, send its payload."""
        query = update.callback_query
        bot = await self.sender.bot()
        try:
            await bot.answer_callback_query(query.id)
            if query.message is not None:
                await bot.edit_message_reply_markup(
                    chat_id=query.message.chat.id, message_id=query.message.message_id
                )
        except Exception as error:  # noqa: BLE001 - the answer matters more than the keyboard
            logger.warning("Could not tidy a Telegram keyboard (%s)", type(error).__name__)
        chat = str(query.message.chat.id if query.message is not None else query.from_user.id)
        data = query.data or ""
        conversation = conversation_id(CHANNEL, chat)
        if data.startswith("#"):
            identity = await asyncio.to_thread(self.store.get, conversation)
            data = payload_for_reply(data, identity.options if identity else None) or ""
        if data:
            await self.on_text(on_new_message, app, chat, data, pressed=True)

    async def on_text(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        app: Any,
        chat: str,
        text: str,
        *,
        pressed: bool = False,
    ) -> None:
        """Commands, STOP/START/HELP, numbered replies, then the assistant."""
        conversation = conversation_id(CHANNEL, chat)
        await asyncio.to_thread(self.store.remember, CHANNEL, conversation, chat)
        identity = await asyncio.to_thread(self.store.get, conversation)
        opted_out = bool(identity and identity.opted_out)
        command, _, argument = text.strip().partition(" ")
        command = (
            command.split("@", 1)[0].lower() if command.startswith("/") and not pressed else ""
        )
        said = keyword(text) if not pressed else None
        if command == "/start":
            await asyncio.to_thread(self.store.opt_back_in, conversation)
            text = "/start" if opted_out else "/greet"
        elif command == "/language":
            if not argument.strip():
                await self.language_keyboard(chat, identity.language if identity else None)
                return
            text = argument.strip()
        elif said is not None or command in {"/stop", "/help"}:
            said = said or (Keyword.opt_out if command == "/stop" else Keyword.help)
            if said is Keyword.opt_out:
                await asyncio.to_thread(self.store.opt_out, conversation)
                logger.info("A Telegram chat opted out (STOP)")
            elif said is Keyword.opt_in:
                await asyncio.to_thread(self.store.opt_back_in, conversation)
            text = INTENT_PAYLOADS[said.value]
        elif command:
            text = text.strip()[1:]  # an unknown command: read it as words
        else:
            risk = check(text).risk
            if opted_out and not risk:
                await self.own_reply(chat, "stopped_already")
                return
            if not risk and not self.limiter.allow(conversation):
                await self.own_reply(chat, "too_fast")
                return
            if not pressed:
                text = payload_for_reply(text, identity.options if identity else None) or text
        await self.turns.run(
            on_new_message, text=text, conversation=conversation, address=chat, app=app
        )

    async def own_reply(self, chat: str, name: str) -> None:
        """One of the channel's own replies, in the person's language when reviewed."""
        conversation = conversation_id(CHANNEL, chat)
        await asyncio.to_thread(self.store.remember, CHANNEL, conversation, chat)
        language = await asyncio.to_thread(self.turns.language, conversation)
        await self.turns.send_rendered(
            Rendered((reply(name, language),)), conversation=conversation, address=chat
        )

    async def language_keyboard(self, chat: str, language: str | None) -> None:
        """Offer the languages as buttons; pressing one sends its name to the assistant."""
        conversation = conversation_id(CHANNEL, chat)
        buttons = tuple((name, name) for name in language_names())
        await self.turns.send_rendered(
            Rendered((reply("choose_language", language),), buttons),
            conversation=conversation,
            address=chat,
        )
