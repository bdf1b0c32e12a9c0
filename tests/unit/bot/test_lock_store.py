"""The production lock store on the real local Redis: tickets issued by several Rasa
processes at once are all kept."""

from __future__ import annotations

import os
import threading
import uuid

import pytest

pytest.importorskip("redis")

PROCESSES = 6
TICKETS_EACH = 40


def redis_settings() -> dict:
    return {
        "host": os.environ.get("REDIS_HOST", "127.0.0.1"),
        "port": int(os.environ.get("REDIS_PORT", "6379")),
        "db": 7,
        "key_prefix": f"locktest{uuid.uuid4().hex[:8]}",
    }


def issue_from_many_processes(store_class) -> tuple[int, set[int]]:  # type: ignore[no-untyped-def]
    """Each thread is one Rasa process with its own connection, issuing tickets for one
    conversation at the same moment as the others."""
    settings = redis_settings()
    conversation = "parent-at-once"
    stores = [store_class(**settings) for _ in range(PROCESSES)]
    tickets: set[int] = set()
    start = threading.Barrier(PROCESSES)

    def issue(store) -> None:  # type: ignore[no-untyped-def]
        start.wait()
        for _ in range(TICKETS_EACH):
            tickets.add(store.issue_ticket(conversation))

    threads = [threading.Thread(target=issue, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lock = stores[0].get_lock(conversation)
    stores[0].delete_lock(conversation)
    return len(lock.tickets), tickets


def test_every_ticket_issued_at_once_is_kept() -> None:
    from bot.ops.lock_store import AtomicRedisLockStore

    kept, issued = issue_from_many_processes(AtomicRedisLockStore)

    assert kept == PROCESSES * TICKETS_EACH
    assert len(issued) == PROCESSES * TICKETS_EACH  # no number given out twice


async def test_messages_of_one_conversation_are_served_in_turn() -> None:
    from bot.ops.lock_store import AtomicRedisLockStore

    settings = redis_settings()
    first, second = AtomicRedisLockStore(**settings), AtomicRedisLockStore(**settings)
    order = []

    async def handle(store, name: str) -> None:  # type: ignore[no-untyped-def]
        async with store.lock("parent-two-messages", wait_time_in_seconds=0.01):
            order.append(f"{name} starts")
            order.append(f"{name} ends")

    import asyncio

    await asyncio.gather(handle(first, "one"), handle(second, "two"))

    assert order in (
        ["one starts", "one ends", "two starts", "two ends"],
        ["two starts", "two ends", "one starts", "one ends"],
    )
    assert first.get_lock("parent-two-messages") is None  # cleaned up when nobody waits


def test_rasa_creates_it_from_the_endpoint_settings() -> None:
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import EndpointConfig

    from bot.ops.lock_store import AtomicRedisLockStore

    settings = redis_settings()
    config = EndpointConfig(
        url=settings["host"],
        type="bot.ops.lock_store.AtomicRedisLockStore",
        port=settings["port"],
        db=settings["db"],
        key_prefix="sendbot",
    )

    store = LockStore.create(config)

    assert isinstance(store, AtomicRedisLockStore)
    assert store.key_prefix.startswith("sendbot:")


def test_the_lock_is_stored_as_rasa_stores_it_and_expired_tickets_go() -> None:
    from rasa.core.lock_store import RedisLockStore

    from bot.ops.lock_store import AtomicRedisLockStore

    settings = redis_settings()
    ours, rasas = AtomicRedisLockStore(**settings), RedisLockStore(**settings)
    conversation = "parent-formats"
    rasas.save_lock(rasas.create_lock(conversation))
    assert rasas.issue_ticket(conversation, lock_lifetime=-1) == 0  # Rasa's, already expired
    assert ours.issue_ticket(conversation) == 0  # the expired one is dropped, not counted
    assert ours.issue_ticket(conversation, lock_lifetime=60) == 1
    lock = rasas.get_lock(conversation)  # Rasa reads what the scripts wrote
    assert [t.number for t in lock.tickets] == [0, 1]
    assert lock.conversation_id == conversation
    assert not lock.is_locked(0) and lock.is_locked(1)

    ours.cleanup(conversation, 0)
    assert [t.number for t in rasas.get_lock(conversation).tickets] == [1]
    ours.cleanup(conversation, 1)
    assert rasas.get_lock(conversation) is None  # nobody waits: deleted

    assert ours.issue_ticket(conversation, lock_lifetime=-1) == 0
    ours.update_lock(conversation)
    assert len(rasas.get_lock(conversation).tickets) == 0  # expired: dropped
    ours.delete_lock(conversation)
