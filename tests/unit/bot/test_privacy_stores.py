"""The tracker store that forgets a person, and pruning old conversation history."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.privacy.retention import (
    RetentionSettings,
    erase_sender,
    main,
    prune_events,
    prune_once,
    tracker_store_url,
)

MARKER = "tangerine-7c1e"
OTHER_MARKER = "plum-93ad"


@pytest.fixture(scope="module")
def rasa_domain():  # type: ignore[no-untyped-def]
    import warnings

    from rasa.shared.core.domain import Domain

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Domain.load(str(Path(__file__).resolve().parents[3] / "bot" / "domain"))


def conversation(  # type: ignore[no-untyped-def]
    sender: str, domain, *, erase: bool = False, erase_failed: bool = False, marker: str = MARKER
):
    from rasa.shared.core.events import (
        ActionExecuted,
        AllSlotsReset,
        BotUttered,
        SlotSet,
        UserUttered,
    )
    from rasa.shared.core.trackers import DialogueStateTracker

    events = [
        ActionExecuted("action_session_start"),
        ActionExecuted("action_listen"),
        UserUttered(f"my number is 07700 900123 {marker}", {"name": "share_view"}),
        SlotSet("view_text", f"my number is 07700 900123 {marker}"),
        BotUttered("May I pass it on?"),
    ]
    if erase or erase_failed:
        events += [
            UserUttered("delete my data", {"name": "delete_data"}),
            ActionExecuted("action_delete_my_data"),
            BotUttered("Done."),
        ]
        if erase:
            events.append(AllSlotsReset())
        events.append(ActionExecuted("action_listen"))
    return DialogueStateTracker.from_events(sender, events, domain.slots)


def store(path: Path, domain):  # type: ignore[no-untyped-def]
    from bot.privacy.tracker_store import PrivacySQLTrackerStore

    return PrivacySQLTrackerStore(domain=domain, dialect="sqlite", db=str(path))


def raw_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())


async def test_a_confirmed_deletion_erases_every_row_and_the_words_from_the_file(
    tmp_path: Path,
    rasa_domain,  # type: ignore[no-untyped-def]
) -> None:
    tracker_store = store(tmp_path / "tracker.db", rasa_domain)
    await tracker_store.save(conversation("+447700900123", rasa_domain))
    await tracker_store.save(conversation("someone-else", rasa_domain, marker=OTHER_MARKER))
    assert raw_bytes(tmp_path).count(MARKER.encode()) >= 1

    await tracker_store.save(conversation("+447700900123", rasa_domain, erase=True))

    assert await tracker_store.retrieve("+447700900123") is None
    assert await tracker_store.retrieve("someone-else") is not None
    with sqlite3.connect(tmp_path / "tracker.db") as db:
        senders = {row[0] for row in db.execute("SELECT sender_id FROM events")}
    assert senders == {"someone-else"}
    tracker_store.engine.dispose()
    content = raw_bytes(tmp_path)
    assert MARKER.encode() not in content
    assert b"+447700900123" not in content
    assert OTHER_MARKER.encode() in content  # someone else's conversation is untouched


async def test_a_deletion_that_failed_keeps_the_conversation(
    tmp_path: Path,
    rasa_domain,  # type: ignore[no-untyped-def]
) -> None:
    tracker_store = store(tmp_path / "tracker.db", rasa_domain)
    await tracker_store.save(conversation("parent", rasa_domain, erase_failed=True))
    assert await tracker_store.retrieve("parent") is not None


def events_db(path: Path, rows: list[tuple[str, str, float, str | None, dict]]) -> sa.Engine:
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT,"
            " timestamp REAL, intent_name TEXT, action_name TEXT, data TEXT)"
        )
        for sender, type_name, stamp, action, data in rows:
            connection.execute(
                sa.text(
                    "INSERT INTO events (sender_id, type_name, timestamp, action_name, data)"
                    " VALUES (:s, :t, :ts, :a, :d)"
                ),
                {"s": sender, "t": type_name, "ts": stamp, "a": action, "d": json.dumps(data)},
            )
    return engine


def remaining(engine: sa.Engine) -> list[tuple[str, str, str | None]]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.exec_driver_sql(
                "SELECT sender_id, type_name, action_name FROM events ORDER BY id"
            )
        ]


def test_pruning_deletes_old_history_but_keeps_recent_history_and_current_opt_outs(
    tmp_path: Path,
) -> None:
    now = time.time()
    old, recent = now - 40 * 86400, now - 5 * 86400
    engine = events_db(
        tmp_path / "tracker.db",
        [
            ("old-parent", "user", old, None, {"text": "an old message"}),
            ("old-parent", "slot", old, "opted_out", {"name": "opted_out", "value": False}),
            ("stopped", "user", old, None, {"text": "STOP"}),
            ("stopped", "slot", old, "opted_out", {"name": "opted_out", "value": True}),
            ("restarted", "slot", old, "opted_out", {"name": "opted_out", "value": True}),
            ("restarted", "slot", recent, "opted_out", {"name": "opted_out", "value": False}),
            ("recent", "user", recent, None, {"text": "a recent message"}),
        ],
    )

    deleted = prune_once(engine, days=30, now=now)

    assert deleted == 4
    assert remaining(engine) == [
        ("stopped", "slot", "opted_out"),
        ("restarted", "slot", "opted_out"),
        ("recent", "user", None),
    ]
    assert prune_once(engine, days=30, now=now) == 0


def test_erasing_and_pruning_a_store_with_no_table_yet_does_nothing(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with engine.begin() as connection:
        assert erase_sender(connection, "anyone") == 0
        assert prune_events(connection, time.time()) == 0


def test_the_settings_default_to_30_days_and_find_the_tracker_store() -> None:
    local = RetentionSettings.from_env({"TRACKER_DB": "var/x/tracker.db"})
    assert (local.days, local.database_url) == (30, "sqlite:///var/x/tracker.db")
    production = tracker_store_url(
        {
            "TRACKER_DB_HOST": "postgres",
            "TRACKER_DB_NAME": "sendvoices",
            "TRACKER_DB_USER": "sendvoices",
            "TRACKER_DB_PASSWORD": "p@ss word",
        }
    )
    assert production == "postgresql://sendvoices:p%40ss+word@postgres:5432/sendvoices"
    assert RetentionSettings.from_env({"RETENTION_DAYS": "7"}).days == 7
    with pytest.raises(ValueError, match="RETENTION_DAYS"):
        RetentionSettings.from_env({"RETENTION_DAYS": "0"})


def test_the_scheduled_job_prunes_once_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = events_db(
        tmp_path / "tracker.db",
        [("old", "user", time.time() - 90 * 86400, None, {"text": "old"})],
    )
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.db"))
    monkeypatch.setenv("RETENTION_DAYS", "30")

    assert main(["--once"]) == 0
    assert remaining(engine) == []


def test_erasing_overwrites_deleted_words_even_where_sqlite_would_not_by_default(
    tmp_path: Path,
) -> None:
    engine = events_db(tmp_path / "tracker.db", [("parent", "user", time.time(), None, {})])
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA secure_delete = OFF")
        assert erase_sender(connection, "parent") == 1
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


# The tracker kept in memory between turns must always equal what SQL would give.


async def _from_sql(tracker_store, sender: str):  # type: ignore[no-untyped-def]
    from rasa.core.tracker_store import SQLTrackerStore

    return await SQLTrackerStore.retrieve(tracker_store, sender)


async def test_the_saved_tracker_is_reused_and_equals_what_sql_holds(
    tmp_path: Path,
    rasa_domain,  # type: ignore[no-untyped-def]
) -> None:
    tracker_store = store(tmp_path / "tracker.db", rasa_domain)
    tracker = conversation("parent-1", rasa_domain)
    await tracker_store.save(tracker)

    again = await tracker_store.retrieve("parent-1")

    assert again is tracker
    from_sql = await _from_sql(tracker_store, "parent-1")
    assert [e.as_dict() for e in again.events] == [e.as_dict() for e in from_sql.events]


async def test_a_turn_saved_by_another_process_is_read_from_sql(
    tmp_path: Path,
    rasa_domain,  # type: ignore[no-untyped-def]
) -> None:
    from rasa.shared.core.events import BotUttered

    ours = store(tmp_path / "tracker.db", rasa_domain)
    theirs = store(tmp_path / "tracker.db", rasa_domain)
    await ours.save(conversation("parent-2", rasa_domain))
    elsewhere = await theirs.retrieve("parent-2")
    elsewhere.update(BotUttered("Saved by the other process."))
    await theirs.save(elsewhere)

    tracker = await ours.retrieve("parent-2")

    assert tracker.events[-1].text == "Saved by the other process."


async def test_a_turn_that_failed_before_saving_leaves_nothing_stale(
    tmp_path: Path,
    rasa_domain,  # type: ignore[no-untyped-def]
) -> None:
    from rasa.shared.core.events import BotUttered

    tracker_store = store(tmp_path / "tracker.db", rasa_domain)
    await tracker_store.save(conversation("parent-3", rasa_domain))
    failed = await tracker_store.retrieve("parent-3")
    failed.update(BotUttered("Never saved."))

    tracker = await tracker_store.retrieve("parent-3")

    assert tracker is not failed
    assert all(getattr(e, "text", None) != "Never saved." for e in tracker.events)


async def test_an_erased_conversation_is_not_kept(
    tmp_path: Path,
    rasa_domain,  # type: ignore[no-untyped-def]
) -> None:
    tracker_store = store(tmp_path / "tracker.db", rasa_domain)
    await tracker_store.save(conversation("parent-4", rasa_domain))
    await tracker_store.save(conversation("parent-4", rasa_domain, erase=True))

    assert await tracker_store.retrieve("parent-4") is None


async def test_a_tracker_holding_two_sessions_is_read_back_from_sql(
    tmp_path: Path,
    rasa_domain,  # type: ignore[no-untyped-def]
) -> None:
    from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered

    tracker_store = store(tmp_path / "tracker.db", rasa_domain)
    tracker = conversation("parent-5", rasa_domain)
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted(timestamp=time.time() + 1))
    tracker.update(UserUttered("hello again", {"name": "greet"}, timestamp=time.time() + 2))
    await tracker_store.save(tracker)

    again = await tracker_store.retrieve("parent-5")

    assert again is not tracker
    assert isinstance(again.events[0], SessionStarted)
    assert [e.as_dict() for e in again.events] == [
        e.as_dict() for e in (await _from_sql(tracker_store, "parent-5")).events
    ]


async def test_a_kept_tracker_stores_each_new_event_once(
    tmp_path: Path,
    rasa_domain,  # type: ignore[no-untyped-def]
) -> None:
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

    tracker_store = store(tmp_path / "tracker.db", rasa_domain)
    await tracker_store.save(conversation("parent-6", rasa_domain))
    for turn in range(3):
        tracker = await tracker_store.retrieve("parent-6")
        tracker.update(UserUttered(f"turn {turn}", {"name": "affirm"}))
        tracker.update(BotUttered(f"reply {turn}"))
        tracker.update(ActionExecuted("action_listen"))
        await tracker_store.save(tracker)

    with sqlite3.connect(tmp_path / "tracker.db") as db:
        (rows,) = db.execute("SELECT count(*) FROM events WHERE sender_id = 'parent-6'").fetchone()
    from_sql = await _from_sql(tracker_store, "parent-6")
    assert rows == len(from_sql.events) == len(tracker.events)
    assert [e.as_dict() for e in from_sql.events] == [e.as_dict() for e in tracker.events]
