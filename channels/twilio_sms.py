"""SMS through Twilio: ``channels.twilio_sms.TwilioSmsInput`` (Rasa name ``twilio_sms``).

Routes (under Rasa's ``/webhooks/twilio_sms/``):

- ``GET /``: health, and whether Twilio is configured;
- ``POST /webhook``: Twilio's incoming-message webhook. The ``X-Twilio-Signature`` is checked
  first, with ``RequestValidator.validate`` over the public address Twilio called
  (``TWILIO_PUBLIC_URL`` + path, else rebuilt from ``X-Forwarded-Proto``/``-Host`` behind
  nginx); anything else gets ``403`` and reaches nothing. A retry of a ``MessageSid`` already
  handled is answered and dropped. The webhook answers an empty TwiML ``<Response/>`` at once;
  the assistant's replies go out through Twilio's REST API, with a status callback;
- ``POST /status``: Twilio's status callback (signed the same way): records each delivery.

STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT (``channels.keywords``) opt the number out at
once, in the channel store, before the assistant sees anything; until START the number gets
nothing, except the answer to HELP, to START, and the urgent-help reply to a message that shows
someone is at risk. A reply that is one of the numbers of the last message's options is
that option's payload. Replies are numbered and split into one-segment parts
(``channels.sms_text``).

Without ``TWILIO_ACCOUNT_SID``, ``TWILIO_AUTH_TOKEN`` and a sender the channel is listed but
idle: its webhook answers ``503`` (``make run`` needs no Twilio account).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.privacy.redaction import install_log_redaction
from bot.privacy.secrets import require_production_secrets
from bot.safeguarding import check
from channels.identity import conversation_id
from channels.keywords import INTENT_PAYLOADS, Keyword, keyword
from channels.limits import MessageLimits, RateLimiter, reply
from channels.options import payload_for_reply
from channels.render import render_sms
from channels.senders import TwilioConfig, TwilioSender, quiet_provider_logs
from channels.store import ChannelStore
from channels.turns import Turns

logger = logging.getLogger(__name__)

CHANNEL = "sms"
TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
MAX_SMS_CHARS = 1600  # Twilio's own limit on a message


def public_url(request: Request, base: str = "") -> str:
    """The address Twilio called: ``base`` + path, or rebuilt from the proxy's headers."""
    path = request.path + (f"?{request.query_string}" if request.query_string else "")
    if base:
        return base.rstrip("/") + path
    proto = (request.headers.get("X-Forwarded-Proto") or request.scheme).split(",")[0].strip()
    host = (request.headers.get("X-Forwarded-Host") or request.host).split(",")[0].strip()
    return f"{proto}://{host}{path}"


def _ack() -> HTTPResponse:
    return response.text(TWIML_EMPTY, content_type="text/xml")


class TwilioSmsInput(InputChannel):
    """Twilio SMS in and out, with signatures, deduplication, opt-outs and segments."""

    @classmethod
    def name(cls) -> str:
        """The address is ``/webhooks/twilio_sms/webhook``."""
        return "twilio_sms"

    def __init__(
        self,
        config: TwilioConfig,
        store: ChannelStore | None = None,
        sender: TwilioSender | None = None,
    ) -> None:
        """Use ``config``; the store and sender come from the environment by default."""
        install_log_redaction()
        quiet_provider_logs()
        self.config = config
        self.store = store or ChannelStore.from_env()
        self.validator = RequestValidator(config.auth_token or "unset")
        self.limits = MessageLimits.from_env()
        self.limiter = RateLimiter(self.limits.rate_per_minute, 60.0)
        self.turns = Turns(
            channel=CHANNEL,
            input_channel=self.name(),
            store=self.store,
            sender=sender or TwilioSender(config),
            render=render_sms,
        )

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Settings from ``credentials.yml`` (``${TWILIO_...}``) or the environment."""
        config = TwilioConfig.from_env(overrides=credentials)
        if config.configured:
            require_production_secrets(("PSEUDONYM_SECRET", "CHANNEL_ENCRYPTION_KEY"))
        else:
            logger.info("SMS (Twilio) is not configured; its webhook will answer 503")
        return cls(config)

    def get_metadata(self, request: Request) -> dict[str, Any] | None:
        """Every message says it came by SMS."""
        return {"channel": CHANNEL}

    def _signed(self, request: Request) -> bool:
        signature = request.headers.get("X-Twilio-Signature") or ""
        if not signature:
            return False
        url = public_url(request, self.config.public_url)
        return bool(self.validator.validate(url, request.form, signature))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Health, the incoming-message webhook and the status callback."""
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.config.configured})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.config.configured:
                return response.json({"error": "SMS is not configured here."}, status=503)
            if not self._signed(request):
                logger.warning("An SMS webhook without a valid Twilio signature was refused")
                return response.json({"error": "Forbidden."}, status=403)
            form = request.form
            sid, number = form.get("MessageSid"), form.get("From")
            if (
                form.get("AccountSid") not in (None, self.config.account_sid)
                or not sid
                or not number
            ):
                return response.json({"error": "Not a message for this account."}, status=400)
            if not await asyncio.to_thread(self.store.first_time, CHANNEL, sid):
                logger.info("A repeated Twilio webhook was ignored", extra={"message_sid": sid})
                return _ack()
            self.turns.start(
                self.handle(on_new_message, request.app, number, form.get("Body") or "", form)
            )
            return _ack()

        @webhook.route("/status", methods=["POST"])
        async def status(request: Request) -> HTTPResponse:
            if not self.config.configured or not self._signed(request):
                return response.json({"error": "Forbidden."}, status=403)
            form = request.form
            sid, state = form.get("MessageSid"), form.get("MessageStatus")
            if sid and state:
                await asyncio.to_thread(
                    self.store.status_callback, sid, state, form.get("ErrorCode") or None
                )
            return response.empty()

        return webhook

    async def handle(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        app: Any,
        number: str,
        body: str,
        form: Any,
    ) -> None:
        """Decide what the message means, then run it through the assistant."""
        conversation = conversation_id(CHANNEL, number)
        await asyncio.to_thread(self.store.remember, CHANNEL, conversation, number)
        identity = await asyncio.to_thread(self.store.get, conversation)
        language = identity.language if identity else None
        said = keyword(body)
        if said is Keyword.opt_out:
            await asyncio.to_thread(self.store.opt_out, conversation)
            logger.info("An SMS number opted out (STOP)")
        elif said is Keyword.opt_in:
            await asyncio.to_thread(self.store.opt_back_in, conversation)
        if said is not None:
            text = INTENT_PAYLOADS[said.value]
        else:
            risk = check(body).risk
            if identity is not None and identity.opted_out and not risk:
                logger.info("An SMS from a number that sent STOP was not answered")
                return
            if not body.strip() and int(form.get("NumMedia") or 0):
                await self.send_own(conversation, number, reply("not_text", language))
                return
            if not risk and (len(body) > MAX_SMS_CHARS or not self.limiter.allow(conversation)):
                await self.send_own(conversation, number, reply("too_fast", language))
                return
            text = payload_for_reply(body, identity.options if identity else None) or body
        await self.turns.run(
            on_new_message, text=text, conversation=conversation, address=number, app=app
        )

    async def send_own(self, conversation: str, number: str, text: str) -> None:
        """Send one of the channel's own replies (not the assistant's)."""
        await self.turns.send_rendered(
            render_sms({"text": text}, None), conversation=conversation, address=number
        )
