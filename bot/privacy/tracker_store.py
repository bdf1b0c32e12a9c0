"""Rasa's SQL tracker store, able to forget a person completely.

Rasa 3.6 has no way to delete a conversation: its SQL tracker store only ever appends
events, and saving a tracker writes back every event of the session it does not find in
the table. So deleting rows from outside while a conversation is being handled does not
work (the next save writes them all back). This store does it from inside, at save time:

When ``action_delete_my_data`` has run and returned ``AllSlotsReset`` (it does so only once
the person confirmed and the API and outbox deletions succeeded), saving that tracker
deletes every row of the conversation (``SQLite secure_delete``, so the words are
overwritten) and writes nothing back. The next message starts a new, empty conversation.

Configured in ``bot/endpoints.yml`` as ``type: bot.privacy.tracker_store.PrivacySQLTrackerStore``
with the same settings as Rasa's ``SQL`` store. It also installs the log redaction in the
Rasa server.

It also keeps the tracker it last saved for each recent conversation in memory. Reading a
tracker back from SQL (every event parsed from JSON, then replayed) was the largest cost of
a turn after the policies. The kept tracker is used only while the table still holds exactly
what this process saved (same newest event id and number of events for the sender), so a
turn handled by another Rasa process, an erasure or a retention prune makes it read from
SQL again.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, AllSlotsReset, Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.redaction import install_log_redaction
from bot.privacy.retention import erase_sender

logger = logging.getLogger(__name__)

ERASE_ACTION = "action_delete_my_data"

# Conversations whose last saved tracker is kept in memory (each is tens of kilobytes).
KEPT_TRACKERS = 2000


def asks_for_erasure(events: Iterable[Event]) -> bool:
    """True when ``action_delete_my_data`` ran and returned ``AllSlotsReset`` (its success).

    The events of an action follow its ``ActionExecuted``, up to the next ``ActionExecuted``.
    """
    inside = False
    for event in events:
        if isinstance(event, ActionExecuted):
            inside = event.action_name == ERASE_ACTION
        elif inside and isinstance(event, AllSlotsReset):
            return True
    return False


def holds_one_session(events: Iterable[Event]) -> bool:
    """True when the events are what Rasa reads back for the latest session: no session
    start after the first two events (the session's own ``action_session_start`` and
    ``SessionStarted``)."""
    return not any(
        isinstance(event, SessionStarted) for index, event in enumerate(events) if index > 1
    )


class PrivacySQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that erases a conversation when the person asked for it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Same arguments as Rasa's ``SQLTrackerStore``."""
        install_log_redaction()
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self._tune_sqlite()
        # sender id -> (newest event id, number of events, tracker, its number of events)
        self._kept: OrderedDict[str, tuple[int, int, DialogueStateTracker, int]] = OrderedDict()
        # sender id -> (kept tracker handed to a turn, its number of events already stored)
        self._handed_out: dict[str, tuple[DialogueStateTracker, int]] = {}

    def _tune_sqlite(self) -> None:
        """Pooled connections and a write-ahead log for the local (SQLite) store.

        Rasa's engine opens a new SQLite connection for every query, and every commit
        waits for the disk twice. With a write-ahead log and ``synchronous=NORMAL`` a crash
        of the process loses nothing committed (a power cut may lose the last turns), and
        readers such as the retention job do not block the Rasa server.
        """
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False}
        )

        @sa.event.listens_for(self.engine, "connect")
        def _pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    @SQLTrackerStore.domain.setter  # type: ignore[attr-defined]
    def domain(self, domain: Any) -> None:
        """A new model's domain may define other slots: forget the kept trackers."""
        SQLTrackerStore.domain.fset(self, domain)  # type: ignore[attr-defined]
        if hasattr(self, "_kept"):
            self._kept.clear()

    def _table_state(self, sender_id: str) -> tuple[int, int]:
        """The newest event id and the number of events the table holds for a sender."""
        table = self.SQLEvent.__table__
        query = sa.select(sa.func.max(table.c.id), sa.func.count()).where(
            table.c.sender_id == sender_id
        )
        with self.engine.connect() as connection:
            newest, count = connection.execute(query).one()
        return newest or 0, count

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The latest session's tracker: the one kept in memory while the table still
        holds just what this process saved, else read from SQL as Rasa does."""
        # Taken out, not copied: the turn that gets it changes it, and puts it back by
        # saving. A turn that fails before saving leaves nothing stale behind.
        kept = self._kept.pop(sender_id, None)
        if kept is not None:
            newest, count, tracker, length = kept
            # In a worker thread: other conversations' turns go on while the database answers.
            state = await asyncio.to_thread(self._table_state, sender_id)
            if len(tracker.events) == length and state == (newest, count):
                self._handed_out[sender_id] = (tracker, length)
                return tracker
        self._handed_out.pop(sender_id, None)
        return await super().retrieve(sender_id)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterable[Event]:
        """The events to write: for a kept tracker, those after the ones already stored
        (Rasa counts the stored rows with a query)."""
        handed_out = self._handed_out.pop(tracker.sender_id, None)
        if handed_out is not None and handed_out[0] is tracker:
            return itertools.islice(tracker.events, handed_out[1], None)
        return super()._additional_events(session, tracker)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Save as usual, unless the person's data was just deleted: then erase it all."""
        self._kept.pop(tracker.sender_id, None)
        if not asks_for_erasure(tracker.events):
            await super().save(tracker)
            if holds_one_session(tracker.events):
                newest, count = await asyncio.to_thread(self._table_state, tracker.sender_id)
                self._kept[tracker.sender_id] = (newest, count, tracker, len(tracker.events))
                while len(self._kept) > KEPT_TRACKERS:
                    self._kept.popitem(last=False)
            return
        with self.engine.begin() as connection:
            deleted = erase_sender(connection, tracker.sender_id)
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        logger.info("A conversation was erased at the person's request (%d events)", deleted)
