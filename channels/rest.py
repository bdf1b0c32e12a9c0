"""The REST channel with limits: the same address and JSON as Rasa's, and kind refusals.

Registered in ``bot/credentials.yml`` as ``channels.rest.SafeRestInput``; its name is still
``rest``, so it answers at ``POST /webhooks/rest/webhook`` (the public contract) with
Rasa's list of ``{"recipient_id", "text", "buttons"?}``.

What it adds to Rasa's REST channel:

- a request larger than ``MAX_BODY_BYTES``, or one that is not JSON with a text
  ``message`` and a ``sender``, gets ``400``/``413`` with a plain-words error (never a 500);
- a message longer than ``MAX_MESSAGE_CHARS`` gets a kind "please send it in parts" reply,
  and more than ``RATE_LIMIT_PER_MINUTE`` messages a minute from one sender get a kind
  "please wait" reply, both without reaching the assistant;
- except that a message showing a safeguarding risk always reaches the assistant, however
  long or fast: the urgent-help reply must never be held back;
- the client cannot choose the input channel name (Rasa's lets it say "sms", say);
- failures are logged without the message text.
"""

from __future__ import annotations

import json
import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.privacy.redaction import install_log_redaction
from bot.privacy.secrets import require_production_secrets
from bot.safeguarding import check
from channels.limits import MessageLimits, RateLimiter, reply

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 256


def _error(status: int, message: str) -> HTTPResponse:
    body = {"error": {"code": "bad_request" if status == 400 else "too_large", "message": message}}
    return response.json(body, status=status)


def _reply(sender: str, text: str) -> HTTPResponse:
    return response.json([{"recipient_id": sender, "text": text}])


class SafeRestInput(InputChannel):
    """Rasa's REST channel (``rest``) with size and rate limits."""

    @classmethod
    def name(cls) -> str:
        """Keep Rasa's name, so the address stays ``/webhooks/rest/webhook``."""
        return "rest"

    def __init__(self, limits: MessageLimits | None = None) -> None:
        """Use the limits given, or read them from the environment."""
        install_log_redaction()
        self.limits = limits or MessageLimits.from_env()
        self.limiter = RateLimiter(self.limits.rate_per_minute, 60.0)

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """No credentials: the limits come from the environment.

        Rasa builds its channels at start-up, so this is where the Rasa server refuses, in
        production, to run its HTTP API on the local default token.
        """
        require_production_secrets(("RASA_AUTH_TOKEN",))
        return cls()

    def parse(self, request: Request) -> tuple[str, str, dict[str, Any]] | HTTPResponse:
        """Read sender, message and metadata, or answer with a plain-words error."""
        if len(request.body or b"") > self.limits.max_body_bytes:
            return _error(413, "That request is too large.")
        try:
            body = json.loads(request.body or b"")
        except (ValueError, UnicodeDecodeError):
            return _error(400, "Please send JSON: {\"sender\": \"...\", \"message\": \"...\"}.")
        if not isinstance(body, dict):
            return _error(400, "Please send a JSON object with a sender and a message.")
        sender, message = body.get("sender"), body.get("message")
        if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
            return _error(400, f"Please send a sender id of 1 to {MAX_SENDER_CHARS} characters.")
        if message is None:
            message = ""
        if not isinstance(message, str):
            return _error(400, "Please send the message as text.")
        metadata = body.get("metadata")
        return sender, message, metadata if isinstance(metadata, dict) else {}

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The health route and the webhook, as Rasa's REST channel has them."""
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            parsed = self.parse(request)
            if isinstance(parsed, HTTPResponse):
                return parsed
            sender, text, metadata = parsed
            risk = check(text, text_en=metadata.get("text_en")).risk
            longest = self.limits.max_message_chars
            if not risk and len(text) > longest:
                logger.info("A message over %d characters was refused", longest)
                return _reply(sender, reply("too_long", limit=longest))
            if not self.limiter.allow(sender) and not risk:
                logger.info("A sender went over %d messages a minute", self.limits.rate_per_minute)
                return _reply(sender, reply("too_fast"))
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        text, collector, sender, input_channel=self.name(), metadata=metadata
                    )
                )
            except CancelledError:
                logger.error("The assistant took too long to answer a message")
            except Exception as error:  # noqa: BLE001 - the sender must still get an answer
                logger.error("The assistant failed on a message (%s)", type(error).__name__)
            return response.json(collector.messages)

        return webhook
