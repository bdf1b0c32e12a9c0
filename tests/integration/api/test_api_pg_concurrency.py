"""Against PostgreSQL: totals stay exact and the outbox hands out each message once, when
several workers write or read at the same moment."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from sqlmodel import Session, select

from api.db import create_db_engine, run_migrations
from api.models import Action, Channel, OutboxMessage, Role, View
from api.services.forums import ensure_forum
from api.services.keys import create_api_key
from api.services.outbox import lease_messages
from api.services.stats import THEME, cell_totals
from api.services.views import insert_views


def run_together(workers: list[Callable[[], Any]]) -> list[Any]:
    results: list[Any] = [None] * len(workers)
    errors: list[BaseException] = []
    start = threading.Barrier(len(workers))

    def run(index: int) -> None:
        try:
            start.wait(timeout=30)
            results[index] = workers[index]()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


def test_views_stored_at_the_same_moment_are_counted_exactly(
    create_database: Callable[[], str],
) -> None:
    url = create_database()
    run_migrations(url)
    engine = create_db_engine(url)
    with Session(engine) as session:
        forum, _ = ensure_forum(session=session, slug="busy")
        assert forum.id is not None
        forum_id = forum.id

    def writer(worker: int) -> Callable[[], None]:
        def write() -> None:
            with Session(engine) as session:
                for batch in range(5):
                    insert_views(
                        session=session,
                        views=[
                            View(
                                forum_id=forum_id,
                                client_ref=f"w{worker}-{batch}-{n}",
                                text="A view.",
                                themes=["transport"],
                                language="en",
                                channel=Channel.sms,
                                contributor=f"{n % 9 + 1:064x}",  # the same parents in every worker
                                created_at=datetime(2025, 1 + n % 3, 10, tzinfo=timezone.utc),
                            )
                            for n in range(20)
                        ],
                    )

        return write

    try:
        run_together([writer(worker) for worker in range(4)])
        with Session(engine) as session:
            totals = cell_totals(session=session, forum_id=forum_id, first=202501, last=202503)
            stored = session.exec(select(View).where(View.forum_id == forum_id)).all()
    finally:
        engine.dispose()

    transport = totals[("transport", THEME, "")]
    assert transport.views == len(stored) == 400
    assert transport.contributors == 9


def test_two_workers_reading_the_outbox_at_once_get_different_messages(
    create_database: Callable[[], str],
) -> None:
    url = create_database()
    run_migrations(url)
    engine = create_db_engine(url)
    with Session(engine) as session:
        forum, _ = ensure_forum(session=session, slug="outbox")
        api_key, _ = create_api_key(session=session, forum=forum, role=Role.admin)
        assert forum.id is not None and api_key.id is not None
        action = Action(
            forum_id=forum.id,
            theme="transport",
            you_said="Late taxis.",
            we_did="New contract.",
            message="Thank you.",
            views_from=datetime(2025, 1, 1).date(),
            views_to=datetime(2025, 3, 31).date(),
            created_by=api_key.id,
        )
        session.add(action)
        session.commit()
        assert action.id is not None
        session.add_all(
            OutboxMessage(
                forum_id=forum.id,
                action_id=action.id,
                contributor=f"{n:064x}",
                channel=Channel.sms,
                message="Thank you.",
            )
            for n in range(40)
        )
        session.commit()

    def reader() -> list[int]:
        with Session(engine) as session:
            return [message.id or 0 for message, _, _ in lease_messages(session=session, limit=15)]

    try:
        results = run_together([reader for _ in range(3)])
    finally:
        engine.dispose()

    handed_out = [message_id for result in results for message_id in result]
    assert len(handed_out) == 40
    assert len(set(handed_out)) == 40
