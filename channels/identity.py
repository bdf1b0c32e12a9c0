"""Who a person is on a channel, without keeping their phone number or chat id in the clear.

Plain logic. Two things:

- ``conversation_id(channel, address)``: the id Rasa knows the person by (its tracker key,
  ``sender_id``). A keyed hash (HMAC-SHA256 with ``PSEUDONYM_SECRET``) of the channel and the
  address, so the tracker store, the logs and the API never see the number or the chat id,
  and each channel identity has its own conversation (its own language and opt-out).
- ``AddressBox``: Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) with the key in
  ``CHANNEL_ENCRYPTION_KEY``. The channel store keeps only encrypted addresses; the action
  server seals ``recipient_ref`` with it, so the API holds a way back to a parent that only
  the bot can open.

``CHANNEL_ENCRYPTION_KEY`` may be a Fernet key (32 url-safe base64 bytes, ``Fernet.generate_key()``)
or any long secret, from which a key is derived with SHA-256. The local default
``local-channel-key`` is refused in production (``bot/privacy/secrets.py``). Several keys,
comma-separated, rotate: the first encrypts, all decrypt.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

DEFAULT_CHANNEL_KEY = "local-channel-key"  # noqa: S105 - documented local default
DEFAULT_PSEUDONYM_SECRET = "local-pseudonym-secret"  # noqa: S105 - documented local default
PREFIX = {"sms": "sms-", "telegram": "tg-"}


def conversation_id(channel: str, address: str, *, secret: str | None = None) -> str:
    """The conversation id for an address on a channel (``sms-<40 hex>``, ``tg-<40 hex>``).

    Args:
        channel: ``sms`` or ``telegram``.
        address: The phone number (E.164) or the Telegram chat id.
        secret: The HMAC key; by default ``PSEUDONYM_SECRET``.
    """
    key = secret if secret is not None else os.environ.get("PSEUDONYM_SECRET")
    digest = hmac.new(
        (key or DEFAULT_PSEUDONYM_SECRET).encode(),
        f"address:{channel}:{address}".encode(),
        hashlib.sha256,
    ).hexdigest()
    return f"{PREFIX.get(channel, channel + '-')}{digest[:40]}"


def _fernet_key(secret: str) -> bytes:
    try:
        if len(base64.urlsafe_b64decode(secret.encode())) == 32:
            return secret.encode()
    except (binascii.Error, ValueError):
        pass
    return base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest())


class UnreadableRef(ValueError):
    """A sealed value that this key cannot open (forged, damaged or another key's)."""


@dataclass
class AddressBox:
    """Encrypts and decrypts addresses and recipient refs."""

    fernet: MultiFernet

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> AddressBox:
        """The box for ``CHANNEL_ENCRYPTION_KEY`` (comma-separated keys rotate)."""
        env = os.environ if environ is None else environ
        secrets = (env.get("CHANNEL_ENCRYPTION_KEY") or DEFAULT_CHANNEL_KEY).split(",")
        return cls(MultiFernet([Fernet(_fernet_key(s.strip())) for s in secrets if s.strip()]))

    def seal(self, value: str) -> str:
        """Encrypt a text; the result is printable, without spaces."""
        return self.fernet.encrypt(value.encode()).decode("ascii")

    def open(self, token: str) -> str:
        """Decrypt a text sealed by ``seal``.

        Raises:
            UnreadableRef: The token was not made with this key, or was changed.
        """
        try:
            return self.fernet.decrypt(token.encode("ascii")).decode()
        except (InvalidToken, UnicodeError, ValueError) as error:
            raise UnreadableRef("That value cannot be read with this key.") from error

    def recipient_ref(self, channel: str, conversation: str) -> str:
        """The ``recipient_ref`` sent to the API with a hear-back view: the channel and the
        conversation id, sealed (the channel store maps the id to the address)."""
        return self.seal(json.dumps({"c": channel, "s": conversation}, separators=(",", ":")))

    def read_recipient_ref(self, token: str) -> tuple[str, str]:
        """``(channel, conversation id)`` from a ``recipient_ref``.

        Raises:
            UnreadableRef: Not one of ours.
        """
        try:
            data = json.loads(self.open(token))
            return str(data["c"]), str(data["s"])
        except (ValueError, KeyError, TypeError) as error:
            raise UnreadableRef("That recipient_ref cannot be read.") from error
