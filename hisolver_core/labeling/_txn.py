"""Write transactions that take SQLite's write lock up front (``BEGIN IMMEDIATE``).

A deferred transaction that reads and then writes can fail with "database is
locked" when another process wrote in between; taking the lock first makes the
read-check-write sequences of the queue atomic across processes, and the busy
timeout set by ``open_db`` makes the others wait their turn instead of failing.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Iterator

from sqlite_utils import Database

from ..errors import StorageError

__all__ = ["write_transaction", "iso", "now_utc"]


def now_utc() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """``moment`` as the ISO 8601 text every timestamp is stored as (seconds, UTC)."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


@contextmanager
def write_transaction(db: Database) -> Iterator[sqlite3.Connection]:
    """Yield the connection inside ``BEGIN IMMEDIATE``; commit on success, roll back on error.

    Raises :class:`StorageError` when the lock cannot be taken within the busy
    timeout or when a transaction is already open on this connection.
    """
    conn = db.conn
    if conn.in_transaction:
        raise StorageError("a transaction is already open on this database connection")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StorageError(f"database busy, try again: {exc}") from exc
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    else:
        conn.commit()
