"""Keyed pseudonyms, so views can be counted per person without knowing who they are."""

from __future__ import annotations

import hashlib
import hmac
import os

DEFAULT_SECRET = "local-pseudonym-secret"  # noqa: S105 - documented local default


def _secret(secret: str | None) -> bytes:
    value = secret if secret is not None else os.environ.get("PSEUDONYM_SECRET", DEFAULT_SECRET)
    return value.encode("utf-8")


def contributor_id(channel: str, sender_id: str, *, secret: str | None = None) -> str:
    """Return the contributor pseudonym for a person on a channel.

    Args:
        channel: ``rest``, ``webchat``, ``sms`` or ``telegram``.
        sender_id: The channel's id for the person (a phone number, a chat id...).
        secret: The HMAC key; by default ``PSEUDONYM_SECRET`` from the environment.

    Returns:
        HMAC-SHA256 of ``f"{channel}:{sender_id}"``, hex.
    """
    message = f"{channel}:{sender_id}".encode()
    return hmac.new(_secret(secret), message, hashlib.sha256).hexdigest()


def client_ref(sender_id: str, timestamp: float | str, *, secret: str | None = None) -> str:
    """Return the idempotency key of a view: the same message always gives the same key.

    Keyed like the contributor id, so the key does not reveal the sender.

    Args:
        sender_id: The conversation id.
        timestamp: The timestamp of the user message that carried the view.
        secret: The HMAC key; by default ``PSEUDONYM_SECRET`` from the environment.

    Returns:
        A 64-character hex string.
    """
    stamp = f"{timestamp:.6f}" if isinstance(timestamp, float | int) else str(timestamp)
    message = f"view:{sender_id}:{stamp}".encode()
    return hmac.new(_secret(secret), message, hashlib.sha256).hexdigest()
