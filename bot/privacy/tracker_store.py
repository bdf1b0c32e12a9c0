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
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, AllSlotsReset, Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.redaction import install_log_redaction
from bot.privacy.retention import erase_sender

logger = logging.getLogger(__name__)

ERASE_ACTION = "action_delete_my_data"


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


class PrivacySQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that erases a conversation when the person asked for it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Same arguments as Rasa's ``SQLTrackerStore``."""
        install_log_redaction()
        super().__init__(*args, **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Save as usual, unless the person's data was just deleted: then erase it all."""
        if not asks_for_erasure(tracker.events):
            await super().save(tracker)
            return
        with self.engine.begin() as connection:
            deleted = erase_sender(connection, tracker.sender_id)
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        logger.info("A conversation was erased at the person's request (%d events)", deleted)
