"""Passing web chat messages to the assistant (Rasa's REST channel) and back."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import httpx

from api.errors import BadGateway, ServiceUnavailable

logger = logging.getLogger(__name__)

RASA_TIMEOUT_SECONDS = 30.0
WEBHOOK_PATH = "/webhooks/rest/webhook"


class AssistantUnavailable(ServiceUnavailable):
    """The assistant cannot be reached just now."""

    code = "assistant_unavailable"
    message = (
        "Sorry, the assistant is not available just now. Please try again in a few minutes. "
        "If you need advice today, your local SEND information, advice and support service "
        "(SENDIASS) can help."
    )


class AssistantError(BadGateway):
    """The assistant answered with something we could not use."""

    code = "assistant_error"
    message = "Sorry, something went wrong with the assistant. Please try again in a few minutes."


async def send_to_assistant(
    *,
    client: httpx.AsyncClient,
    rasa_url: str,
    sender: str,
    message: str,
    metadata: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Send one web chat message to Rasa and return Rasa's replies unchanged.

    Args:
        client: A shared HTTP client.
        rasa_url: Base address of the Rasa server, e.g. `http://127.0.0.1:5005`.
        sender: The conversation id the page keeps.
        message: What the person typed, or a button's payload.
        metadata: What the page asked for (`language`, `easy_read`), passed to Rasa with the
            message. The channel is always `webchat`: it cannot be overridden.

    Returns:
        Rasa's list of replies, e.g. `[{"recipient_id": "...", "text": "...", "buttons": [...]}]`.

    Raises:
        AssistantUnavailable: Rasa could not be reached or took too long.
        AssistantError: Rasa answered with an error or with something other than a list.
    """
    payload = {
        "sender": sender,
        "message": message,
        "metadata": {**(metadata or {}), "channel": "webchat"},
    }
    try:
        response = await client.post(
            rasa_url + WEBHOOK_PATH, json=payload, timeout=RASA_TIMEOUT_SECONDS
        )
    except httpx.TransportError as exc:
        logger.warning("The assistant could not be reached: %s", type(exc).__name__)
        raise AssistantUnavailable() from exc
    if response.status_code >= 500:
        logger.warning("The assistant answered with status %s", response.status_code)
        raise AssistantUnavailable()
    if response.status_code >= 400:
        logger.warning("The assistant refused a message with status %s", response.status_code)
        raise AssistantError()
    try:
        replies = response.json()
    except ValueError as exc:
        logger.warning("The assistant answered with something that is not JSON")
        raise AssistantError() from exc
    if not isinstance(replies, list):
        logger.warning("The assistant answered with JSON that is not a list")
        raise AssistantError()
    return replies
