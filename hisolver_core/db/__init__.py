"""Metadata store: SQLite through sqlite-utils, in WAL mode with a busy timeout.

Every write goes through one helper, :func:`transaction`::

    with transaction(db) as conn:
        conn.execute("UPDATE ...")
        db.table("table").insert({...})  # sqlite-utils joins it (a savepoint)

It takes SQLite's write lock up front (``BEGIN IMMEDIATE``): a deferred
transaction that reads and then writes can fail with "database is locked" when
another process wrote in between, so taking the lock first makes
read-check-write sequences atomic across processes, and the busy timeout makes
the others wait their turn instead of failing.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from ..config import Settings
from ..errors import StorageError
from .migrations import migrations

__all__ = ["open_db", "connect", "migrate", "transaction", "utcnow", "now_utc", "iso"]

BUSY_TIMEOUT_MS = 30_000


def now_utc() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """``moment`` as the ISO 8601 text every timestamp is stored as (seconds, UTC)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def utcnow() -> str:
    """The current UTC time as ISO 8601 text (how every timestamp is stored)."""
    return iso(now_utc())


@contextmanager
def transaction(db: Database) -> Iterator[sqlite3.Connection]:
    """Yield ``db``'s connection inside ``BEGIN IMMEDIATE``; commit on success, roll back on any error.

    Called while a transaction is already open on the connection (one writer
    calling another), it joins it as a savepoint: an error undoes this part and
    propagates, and the outer transaction commits or rolls back the whole.
    Raises :class:`StorageError` when the write lock cannot be taken within the
    busy timeout, when the database cannot be written at all, or when the commit
    fails (then nothing of the transaction is kept).
    """
    conn = db.conn
    if conn.in_transaction:
        with _savepoint(conn):
            yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StorageError(f"the database is busy (another writer held it too long), try again: {exc}") from exc
        raise StorageError(f"cannot write to the database ({exc}): check that its folder is writable") from exc
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    try:
        conn.commit()
    except sqlite3.Error as exc:  # e.g. a full disk: nothing of the transaction is kept
        conn.rollback()
        raise StorageError(f"the database could not save the change ({exc}); nothing was written") from exc


@contextmanager
def _savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    name = f"hisolver_{secrets.token_hex(8)}"
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # an error such as a failed COMMIT may already have ended it
            conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            conn.execute(f"RELEASE SAVEPOINT {name}")
        raise
    else:
        conn.execute(f"RELEASE SAVEPOINT {name}")


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
