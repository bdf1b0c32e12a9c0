"""Rasa's Redis lock store, with each change to a conversation's lock made atomically.

Rasa 3.6's ``RedisLockStore`` changes a lock by reading it, changing it in Python and
writing it back. With two Rasa processes, two messages of one conversation arriving together
can both read the lock, each add a ticket and write it back; one ticket is lost, the other
process may then delete the lock as unused, and a waiting message fails with ``LockError``
(seen in the production-profile test that sends messages of one conversation at once).
Here every such read-change-write runs under a short Redis mutex for that conversation
(redis-py's ``Lock``: ``SET NX`` with an expiry, released by its owner only).

Configured in ``bot/endpoints.production.yml`` as ``type: bot.ops.lock_store.AtomicRedisLockStore``
with the settings of Rasa's ``redis`` lock store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# The changes guarded are a few Redis round trips; a holder that died frees it after this.
MUTEX_SECONDS = 5
# Waiting for the mutex blocks the event loop, so poll often and briefly.
MUTEX_POLL_SECONDS = 0.002


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` whose ticket changes cannot overwrite each other."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        """Rasa passes the ``lock_store`` section; tests may pass its settings directly."""
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    @contextmanager
    def _mutex(self, conversation_id: str) -> Iterator[None]:
        with self.red.lock(
            f"{self.key_prefix}{conversation_id}:mutex",
            timeout=MUTEX_SECONDS,
            sleep=MUTEX_POLL_SECONDS,
            blocking_timeout=MUTEX_SECONDS,
        ):
            yield

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Rasa's ``issue_ticket``, atomically."""
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        """Rasa's ``update_lock``, atomically."""
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Rasa's ``cleanup`` (finish serving, delete the lock if nobody waits), atomically."""
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
