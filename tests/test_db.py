"""Metadata store: migrations, WAL, busy timeout, concurrent writers."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hisolver_core.db import connect, migrate, open_db, transaction
from hisolver_core.db.migrations import migrations
from hisolver_core.errors import StorageError

TABLES = {"repos", "files", "snippets", "labels", "jobs", "solves"}


def test_first_open_creates_tables(db):
    assert TABLES <= set(db.table_names())


def test_migrations_are_idempotent(settings):
    db = connect(settings.db_path)
    first = migrate(db)
    schema = db.execute("select sql from sqlite_master order by name").fetchall()
    assert first == [m.name for m in migrations._migrations]
    assert migrate(db) == []
    assert db.execute("select sql from sqlite_master order by name").fetchall() == schema
    assert open_db(settings).execute("select count(*) from _sqlite_migrations").fetchone()[0] == len(first)


def test_wal_and_busy_timeout(db):
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma busy_timeout").fetchone()[0] >= 5000


# Each writer is a separate Python process (not multiprocessing: nothing is pickled or re-imported).
WRITER = """
import sys
from hisolver_core.db import connect, transaction
db = connect(sys.argv[1])
for i in range(int(sys.argv[3])):
    with transaction(db):
        db["solves"].insert({"problem": f"w{sys.argv[2]}-{i}", "status": "solved"})
"""


def test_two_processes_write_without_loss(settings):
    open_db(settings).close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(settings.db_path), str(w), "200"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(2)
    ]
    for p in procs:
        _out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err[-2000:]
    db = open_db(settings)
    assert db["solves"].count == 400
    assert db.execute("select count(distinct problem) from solves").fetchone()[0] == 400


# -- the one transaction helper every writer uses


def _count(db) -> int:
    return db.execute("select count(*) from solves").fetchone()[0]


def test_transaction_commits_and_takes_the_write_lock_up_front(db, settings):
    with transaction(db) as conn:
        conn.execute("insert into solves (problem, status) values ('a', 'solved')")
        other = sqlite3.connect(str(settings.db_path), timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):  # BEGIN IMMEDIATE: no second writer
            other.execute("BEGIN IMMEDIATE")
        other.close()
    assert _count(open_db(settings)) == 1


def test_transaction_rolls_back_everything_on_error(db):
    with pytest.raises(ValueError):
        with transaction(db):
            db["solves"].insert({"problem": "a", "status": "solved"})  # sqlite-utils' own atomic() joins it
            raise ValueError("half-way")
    assert _count(db) == 0 and not db.conn.in_transaction


def test_a_nested_writer_joins_and_its_failure_undoes_only_its_part(db):
    with transaction(db):
        db["solves"].insert({"problem": "outer", "status": "solved"})
        with pytest.raises(ValueError):
            with transaction(db):
                db["solves"].insert({"problem": "inner", "status": "solved"})
                raise ValueError("inner fails")
        assert db.conn.in_transaction  # the outer one is still open
    assert [r["problem"] for r in db["solves"].rows] == ["outer"]


def test_a_busy_database_is_a_storage_error_that_says_try_again(settings):
    holder = open_db(settings)
    holder.execute("BEGIN IMMEDIATE")
    impatient = connect(settings.db_path)
    impatient.conn.execute("PRAGMA busy_timeout = 50")  # instead of 30 s
    try:
        with pytest.raises(StorageError, match="busy.*try again"):
            with transaction(impatient):
                pass
    finally:
        holder.conn.rollback()


def test_a_failed_commit_keeps_nothing_and_says_so(db):
    class FailingCommit:
        """The connection, except that COMMIT fails as on a full disk (which a test cannot make on demand)."""

        def __init__(self, conn):
            self._conn = conn

        def commit(self):
            raise sqlite3.OperationalError("database or disk is full")

        def __getattr__(self, name):
            return getattr(self._conn, name)

    real = db.conn
    db.conn = FailingCommit(real)
    try:
        with pytest.raises(StorageError, match="nothing was written"):
            with transaction(db) as conn:
                conn.execute("insert into solves (problem, status) values ('lost', 'solved')")
    finally:
        db.conn = real
    assert _count(db) == 0 and not real.in_transaction


def test_every_writer_in_the_library_goes_through_transaction():
    """One way to write: no ``with db.conn:``, own ``BEGIN`` or bare commit outside ``hisolver_core.db``."""
    root = Path(__file__).resolve().parent.parent / "hisolver_core"
    pattern = re.compile(r"with [\w.]*conn\s*:|execute\(\s*['\"]BEGIN|\bconn\.(commit|rollback)\(")
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if path.parent.name != "db"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert not offenders, f"write through hisolver_core.db.transaction instead: {offenders}"
