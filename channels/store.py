"""The channels' own records, in one SQLite file (``CHANNEL_DB``, default ``var/channels.db``).

Plain logic (stdlib ``sqlite3``), shared by the Rasa server's SMS and Telegram connectors and
by the outbound dispatcher (``python -m channels.outbound``):

- ``identities``: one row per person per channel, keyed by the conversation id (a keyed
  hash, ``channels.identity``): the address **encrypted** (Fernet), whether they opted in
  to messages they did not ask for (hear back, quick questions), whether they sent STOP, their
  language, and the numbered options of the last message they were sent;
- ``seen``: webhook ids already handled (Twilio ``MessageSid``, Telegram ``update_id``), so a
  provider's retry gives one reply;
- ``deliveries``: every message sent, with the provider's id and its latest status (Twilio's
  status callback updates it), and for outbound messages the outbox or quick view it came
  from; a unique key stops one outbound message going to one person twice.

Each call opens its own short connection (WAL mode), so several processes can share it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from channels.identity import AddressBox

DEFAULT_CHANNEL_DB = "var/channels.db"
SEEN_KEEP_SECONDS = 7 * 24 * 3600

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS identities ("
    " conversation TEXT PRIMARY KEY,"
    " channel TEXT NOT NULL,"
    " address TEXT NOT NULL,"
    " opted_in INTEGER NOT NULL DEFAULT 0,"
    " opted_out INTEGER NOT NULL DEFAULT 0,"
    " opted_out_at REAL,"
    " language TEXT,"
    " options TEXT,"
    " created_at REAL NOT NULL,"
    " updated_at REAL NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_identities_channel ON identities (channel, opted_in, opted_out)",
    "CREATE TABLE IF NOT EXISTS seen ("
    " channel TEXT NOT NULL, key TEXT NOT NULL, at REAL NOT NULL, PRIMARY KEY (channel, key))",
    "CREATE TABLE IF NOT EXISTS deliveries ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " channel TEXT NOT NULL,"
    " conversation TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " ref TEXT,"
    " provider_id TEXT,"
    " status TEXT NOT NULL,"
    " error TEXT,"
    " segments INTEGER,"
    " reported INTEGER NOT NULL DEFAULT 0,"
    " created_at REAL NOT NULL,"
    " updated_at REAL NOT NULL)",
    "CREATE UNIQUE INDEX IF NOT EXISTS ux_deliveries_outbound"
    " ON deliveries (kind, ref, conversation) WHERE ref IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS ix_deliveries_provider ON deliveries (provider_id)",
)

# Delivery states, in Twilio's words (Telegram: sendMessage answered ok = delivered).
FINAL_OK = frozenset({"delivered", "read"})
FINAL_FAILED = frozenset({"failed", "undelivered", "opted_out", "refused"})


@dataclass(frozen=True)
class Identity:
    """A person on a channel, with the address decrypted (only in memory)."""

    conversation: str
    channel: str
    address: str
    opted_in: bool
    opted_out: bool
    language: str | None
    options: list[dict[str, str]]

    @property
    def reachable(self) -> bool:
        """Opted in and not opted out: may get messages they did not ask for."""
        return self.opted_in and not self.opted_out


@dataclass(frozen=True)
class DeliveryRow:
    """One sent (or refused) message."""

    id: int
    channel: str
    conversation: str
    kind: str
    ref: str | None
    provider_id: str | None
    status: str
    error: str | None
    reported: bool
    updated_at: float


class ChannelStore:
    """The SQLite file, with the encryption box for addresses."""

    def __init__(self, path: str | os.PathLike[str], box: AddressBox | None = None) -> None:
        """Use the file at ``path`` (created on first use) and ``box`` (from the environment)."""
        self.path = Path(path)
        self.box = box or AddressBox.from_env()
        self._ready = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ChannelStore:
        """The store at ``CHANNEL_DB`` with the key in ``CHANNEL_ENCRYPTION_KEY``."""
        env = os.environ if environ is None else environ
        return cls(env.get("CHANNEL_DB") or DEFAULT_CHANNEL_DB, AddressBox.from_env(env))

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            if not self._ready:
                connection.execute("PRAGMA journal_mode=WAL")
                for statement in _SCHEMA:
                    connection.execute(statement)
                self._ready = True
            # WAL with synchronous=NORMAL: never corrupt, at most the last commits lost
            # on a power cut (a resend is prevented by the provider's own id, not this).
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            connection.close()

    # --- identities ---------------------------------------------------------------------

    def remember(self, channel: str, conversation: str, address: str) -> None:
        """Record (or refresh) the encrypted address of a person who wrote to us."""
        now = time.time()
        sealed = self.box.seal(address)
        with self._db() as db:
            db.execute(
                "INSERT INTO identities (conversation, channel, address, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (conversation) DO UPDATE SET"
                " address = excluded.address, updated_at = excluded.updated_at",
                (conversation, channel, sealed, now, now),
            )

    def get(self, conversation: str) -> Identity | None:
        """The person with this conversation id, address decrypted; None if unknown."""
        with self._db() as db:
            row = db.execute(
                "SELECT conversation, channel, address, opted_in, opted_out, language, options"
                " FROM identities WHERE conversation = ?",
                (conversation,),
            ).fetchone()
        return self._identity(row) if row else None

    def _identity(self, row: Sequence[Any]) -> Identity:
        return Identity(
            conversation=row[0],
            channel=row[1],
            address=self.box.open(row[2]),
            opted_in=bool(row[3]),
            opted_out=bool(row[4]),
            language=row[5],
            options=json.loads(row[6]) if row[6] else [],
        )

    def _set(self, conversation: str, **values: Any) -> bool:
        columns = ", ".join(f"{name} = ?" for name in values)
        with self._db() as db:
            cursor = db.execute(
                f"UPDATE identities SET {columns}, updated_at = ? WHERE conversation = ?",  # noqa: S608 - names are ours
                (*values.values(), time.time(), conversation),
            )
        return cursor.rowcount > 0

    def opt_out(self, conversation: str) -> bool:
        """STOP: nothing more is sent to this person until they send START."""
        return self._set(conversation, opted_out=1, opted_out_at=time.time())

    def opt_back_in(self, conversation: str) -> bool:
        """START: lift a STOP (an earlier opt-in to hear back holds again)."""
        return self._set(conversation, opted_out=0, opted_out_at=None)

    def opt_in(self, conversation: str) -> bool:
        """The person agreed to hear back (and to the forum's quick questions)."""
        return self._set(conversation, opted_in=1)

    def forget(self, conversation: str) -> None:
        """DELETE MY DATA: remove the person's address, settings and delivery records.

        A STOP is kept (with the address still encrypted, nothing else), so an opted-out
        number is never messaged again by mistake.
        """
        with self._db() as db:
            db.execute("DELETE FROM deliveries WHERE conversation = ?", (conversation,))
            db.execute(
                "DELETE FROM identities WHERE conversation = ? AND opted_out = 0", (conversation,)
            )
            db.execute(
                "UPDATE identities SET opted_in = 0, language = NULL, options = NULL"
                " WHERE conversation = ?",
                (conversation,),
            )

    def is_opted_out(self, conversation: str) -> bool:
        """Whether the person has sent STOP (and not START since)."""
        with self._db() as db:
            row = db.execute(
                "SELECT opted_out FROM identities WHERE conversation = ?", (conversation,)
            ).fetchone()
        return bool(row and row[0])

    def set_language(self, conversation: str, language: str | None) -> None:
        """Remember the person's language for the channel's own replies."""
        if language:
            self._set(conversation, language=language)

    def set_options(self, conversation: str, options: Sequence[Mapping[str, str]]) -> None:
        """The numbered options of the latest message sent (empty: a number means nothing)."""
        self._set(conversation, options=json.dumps([dict(o) for o in options]) if options else None)

    def subscribers(self, channel: str | None = None) -> list[str]:
        """Conversation ids of people who may get messages they did not ask for."""
        query = "SELECT conversation FROM identities WHERE opted_in = 1 AND opted_out = 0"
        args: tuple[Any, ...] = ()
        if channel:
            query += " AND channel = ?"
            args = (channel,)
        with self._db() as db:
            return [row[0] for row in db.execute(query + " ORDER BY created_at", args)]

    # --- webhook deduplication ---------------------------------------------------------------

    def first_time(self, channel: str, key: str) -> bool:
        """Claim a webhook id: True the first time, False for a retry of the same one."""
        now = time.time()
        with self._db() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO seen (channel, key, at) VALUES (?, ?, ?)",
                (channel, key, now),
            )
            if cursor.rowcount and int(now) % 100 == 0:  # now and then, forget old ids
                db.execute("DELETE FROM seen WHERE at < ?", (now - SEEN_KEEP_SECONDS,))
        return cursor.rowcount > 0

    # --- deliveries -------------------------------------------------------------------------

    def claim_outbound(self, channel: str, conversation: str, kind: str, ref: str) -> int | None:
        """Reserve one outbound message for one person.

        Returns:
            The delivery id; None if it is already reserved, sent or delivered (a failed or
            released one may be tried again).
        """
        now = time.time()
        with self._db() as db:
            cursor = db.execute(
                "INSERT INTO deliveries (channel, conversation, kind, ref, status,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, 'claimed', ?, ?)"
                " ON CONFLICT (kind, ref, conversation) WHERE ref IS NOT NULL DO UPDATE SET"
                " status = 'claimed', provider_id = NULL, error = NULL, reported = 0,"
                " updated_at = excluded.updated_at"
                " WHERE deliveries.status IN ('failed', 'undelivered', 'released')",
                (channel, conversation, kind, ref, now, now),
            )
            if not cursor.rowcount:
                return None
            row = db.execute(
                "SELECT id FROM deliveries WHERE kind = ? AND ref = ? AND conversation = ?",
                (kind, ref, conversation),
            ).fetchone()
        return int(row[0])

    def outbound(self, kind: str, ref: str, conversation: str) -> DeliveryRow | None:
        """The delivery of an outbound message to a person, if there is one."""
        with self._db() as db:
            row = db.execute(
                f"{_DELIVERY_SELECT} WHERE kind = ? AND ref = ? AND conversation = ?",  # noqa: S608
                (kind, ref, conversation),
            ).fetchone()
        return DeliveryRow(*row[:8], bool(row[8]), row[9]) if row else None

    def record(
        self,
        *,
        channel: str,
        conversation: str,
        kind: str,
        status: str,
        provider_id: str | None = None,
        error: str | None = None,
        segments: int | None = None,
        delivery_id: int | None = None,
    ) -> int:
        """Record a message sent (or not): a new row, or an update of a claimed one."""
        now = time.time()
        with self._db() as db:
            if delivery_id is not None:
                db.execute(
                    "UPDATE deliveries SET status = ?, provider_id = COALESCE(?, provider_id),"
                    " error = ?, segments = COALESCE(?, segments), updated_at = ? WHERE id = ?",
                    (status, provider_id, error, segments, now, delivery_id),
                )
                return delivery_id
            cursor = db.execute(
                "INSERT INTO deliveries (channel, conversation, kind, provider_id, status, error,"
                " segments, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (channel, conversation, kind, provider_id, status, error, segments, now, now),
            )
            return int(cursor.lastrowid or 0)

    def release(self, delivery_id: int) -> None:
        """Forget a claim that was not sent (quiet hours, a failure to retry later)."""
        with self._db() as db:
            db.execute(
                "DELETE FROM deliveries WHERE id = ? AND provider_id IS NULL", (delivery_id,)
            )

    def status_callback(self, provider_id: str, status: str, error: str | None = None) -> bool:
        """A provider's delivery report; a final state is never replaced by an earlier one."""
        with self._db() as db:
            cursor = db.execute(
                "UPDATE deliveries SET status = ?, error = ?, updated_at = ?"
                " WHERE provider_id = ? AND status NOT IN"
                " ('delivered', 'read', 'failed', 'undelivered')",
                (status, error, time.time(), provider_id),
            )
        return cursor.rowcount > 0

    def deliveries(
        self, *, kind: str | None = None, conversation: str | None = None
    ) -> list[DeliveryRow]:
        """Deliveries, oldest first, optionally of one kind or one person."""
        query, args = _DELIVERY_SELECT + " WHERE 1 = 1", []
        if kind:
            query += " AND kind = ?"
            args.append(kind)
        if conversation:
            query += " AND conversation = ?"
            args.append(conversation)
        with self._db() as db:
            rows = db.execute(query + " ORDER BY id", args).fetchall()
        return [DeliveryRow(*row[:8], bool(row[8]), row[9]) for row in rows]

    def unreported(self, kind: str) -> list[DeliveryRow]:
        """Outbound deliveries of ``kind`` whose outcome the API has not been told yet."""
        with self._db() as db:
            rows = db.execute(
                f"{_DELIVERY_SELECT} WHERE kind = ? AND reported = 0 AND provider_id IS NOT NULL",  # noqa: S608
                (kind,),
            ).fetchall()
        return [DeliveryRow(*row[:8], bool(row[8]), row[9]) for row in rows]

    def mark_reported(self, delivery_id: int) -> None:
        """The API has been told the outcome of this delivery."""
        with self._db() as db:
            db.execute("UPDATE deliveries SET reported = 1 WHERE id = ?", (delivery_id,))


_DELIVERY_SELECT = (
    "SELECT id, channel, conversation, kind, ref, provider_id, status, error, reported,"
    " updated_at FROM deliveries"
)
