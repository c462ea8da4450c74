"""Metadata store: migrations, WAL, busy timeout, concurrent writers."""

from __future__ import annotations

import subprocess
import sys

from hisolver_core.store import connect, migrate, open_db
from hisolver_core.store.migrations import migrations

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
from hisolver_core.store import connect
db = connect(sys.argv[1])
for i in range(int(sys.argv[3])):
    with db.conn:
        db["solves"].insert({"problem": f"w{sys.argv[2]}-{i}", "status": "solved"})
"""


def test_two_processes_write_without_loss(settings):
    open_db(settings).close()
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(settings.db_path), str(w), "200"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for w in range(2)
    ]
    for p in procs:
        _out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err[-2000:]
    db = open_db(settings)
    assert db["solves"].count == 400
    assert db.execute("select count(distinct problem) from solves").fetchone()[0] == 400
