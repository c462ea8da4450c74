"""Metadata store: SQLite through sqlite-utils, in WAL mode with a busy timeout."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from ..config import Settings
from ..errors import StorageError
from .migrations import migrations

__all__ = ["open_db", "connect", "migrate", "utcnow"]

BUSY_TIMEOUT_MS = 30_000


def utcnow() -> str:
    """The current UTC time as ISO 8601 text (how every timestamp is stored)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def connect(path: str | Path) -> Database:
    """Open ``path`` (created with its folder if missing) with WAL and a busy timeout.

    Does not migrate; use :func:`open_db` for a ready database. Raises
    :class:`StorageError` when the file cannot be opened.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        db = Database(conn)
        db.enable_wal()
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"cannot open database {path}: {exc}") from exc
    return db


def migrate(db: Database) -> list[str]:
    """Apply pending migrations; return the names applied (empty when up to date)."""
    pending = [m.name for m in migrations.pending(db)]
    if pending:
        try:
            migrations.apply(db)
        except sqlite3.Error as exc:
            raise StorageError(f"database migration failed: {exc}") from exc
    return pending


def open_db(settings: Settings) -> Database:
    """Return the migrated metadata database under ``settings.data_dir``.

    Open one per request or per thread: a connection must not be shared across threads.
    """
    db = connect(settings.db_path)
    migrate(db)
    return db
