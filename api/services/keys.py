"""Forum API keys: `sv_` followed by 43 random URL-safe characters. Only a hash is stored.

A key is found by the SHA-256 hash of what the caller sent, so no stored secret is ever
compared character by character. Keys carry 256 random bits, so a plain (unsalted) hash
is enough.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from api.models import ApiKey, Forum, Role, utc_now
from api.models.api_key import KEY_PREFIX_LENGTH

KEY_PREFIX = "sv_"
KEY_RANDOM_BYTES = 32
# Recording every single use would turn each read into a write; once a minute is plenty.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def generate_key() -> str:
    """A new random key, e.g. `sv_Zm9v...`."""
    return KEY_PREFIX + secrets.token_urlsafe(KEY_RANDOM_BYTES)


def hash_key(key: str) -> str:
    """The SHA-256 hex digest stored in place of the key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_api_key(
    *, session: Session, forum: Forum, role: Role, label: str | None = None
) -> tuple[ApiKey, str]:
    """Create and commit a key for `forum` with `role` (and a label saying who holds it).

    Returns:
        The stored key record and the key itself. Show the key once; it cannot be
        recovered later.
    """
    if forum.id is None:
        raise ValueError("The forum must be saved before it can have keys.")
    key = generate_key()
    api_key = ApiKey(
        forum_id=forum.id,
        role=role,
        label=label,
        key_hash=hash_key(key),
        prefix=key[:KEY_PREFIX_LENGTH],
    )
    session.add(api_key)
    session.commit()
    session.refresh(api_key)
    return api_key, key


def find_active_key(*, session: Session, key: str) -> ApiKey | None:
    """The stored, unrevoked key matching `key`, or None."""
    if not key.startswith(KEY_PREFIX):
        return None
    statement = select(ApiKey).where(
        ApiKey.key_hash == hash_key(key), col(ApiKey.revoked_at).is_(None)
    )
    return session.exec(statement).first()


def record_key_use(*, session: Session, api_key: ApiKey, now: datetime | None = None) -> None:
    """Note when a key was last used (at most once a minute), for admins auditing keys."""
    now = now or utc_now()
    if api_key.last_used_at is not None and now - api_key.last_used_at < LAST_USED_RESOLUTION:
        return
    api_key.last_used_at = now
    session.add(api_key)
    session.commit()
    session.refresh(api_key)


class LastAdminKey(Exception):
    """Revoking this key would leave its forum with no admin key."""


def list_api_keys(*, session: Session, forum_id: int) -> Sequence[ApiKey]:
    """A forum's keys, revoked ones too, oldest first."""
    return session.exec(
        select(ApiKey).where(ApiKey.forum_id == forum_id).order_by(col(ApiKey.id))
    ).all()


def get_active_key(*, session: Session, key_id: int) -> ApiKey | None:
    """The unrevoked key with this id, or None."""
    api_key = session.get(ApiKey, key_id)
    return api_key if api_key is not None and api_key.revoked_at is None else None


def revoke_api_key(*, session: Session, forum_id: int, key_id: int) -> ApiKey | None:
    """Revoke one of a forum's keys (again is fine). Commits.

    Returns:
        The key, or None when the forum has no key with that id.

    Raises:
        LastAdminKey: It is the forum's last working admin key.
    """
    api_key = session.get(ApiKey, key_id)
    if api_key is None or api_key.forum_id != forum_id:
        return None
    if api_key.revoked_at is not None:
        return api_key
    if api_key.role is Role.admin:
        admins = session.exec(
            select(func.count())
            .select_from(ApiKey)
            .where(
                ApiKey.forum_id == forum_id,
                ApiKey.role == Role.admin,
                col(ApiKey.revoked_at).is_(None),
            )
        ).one()
        if admins <= 1:
            raise LastAdminKey
    api_key.revoked_at = utc_now()
    session.add(api_key)
    session.commit()
    session.refresh(api_key)
    return api_key
