"""The translation memory: machine translations of the assistant's own words, kept.

Each reply is translated once per language and then served from here, so a busy
day costs a few translations, not thousands, and a reply reads the same each time.
Only the assistant's text is stored (replies, explanations, directory entries):
a parent's message is never written here.

SQLite through the standard library: ``TRANSLATION_DB`` (default
``$VAR_DIR/translations.db``). Entries older than ``max_age_days`` are ignored, so a
better engine or a fixed glossary shows through in time.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from contextlib import closing
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translation_memory (
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    source_text TEXT NOT NULL,
    translated_text TEXT NOT NULL,
    provider TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (source_lang, target_lang, source_hash)
)
"""


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class TranslationMemory:
    """Stored translations of the assistant's text, by language pair.

    Args:
        path: The SQLite file (its folder is created if needed).
        max_age_days: Entries older than this are not used.
    """

    def __init__(self, path: str | Path, *, max_age_days: float = 90.0) -> None:
        self.path = Path(path)
        self.max_age = max_age_days * 86400
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=5)
        if not self._ready:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(_SCHEMA)
            connection.commit()
            self._ready = True
        return connection

    def get(self, text: str, *, source: str, target: str) -> str | None:
        """The stored translation of ``text``, or ``None``."""
        with closing(self._connect()) as db:
            row = db.execute(
                "SELECT translated_text, created_at FROM translation_memory "
                "WHERE source_lang = ? AND target_lang = ? AND source_hash = ?",
                (source, target, _key(text)),
            ).fetchone()
        if row is None or time.time() - row[1] > self.max_age:
            return None
        return str(row[0])

    def put(self, text: str, translated: str, *, source: str, target: str, provider: str) -> None:
        """Store (or replace) the translation of ``text``."""
        with closing(self._connect()) as db, db:
            db.execute(
                "INSERT OR REPLACE INTO translation_memory VALUES (?, ?, ?, ?, ?, ?, ?)",
                (source, target, _key(text), text, translated, provider, time.time()),
            )

    def count(self) -> int:
        """How many translations are stored."""
        with closing(self._connect()) as db:
            return int(db.execute("SELECT COUNT(*) FROM translation_memory").fetchone()[0])
