"""Metadata store: migrations, WAL, busy timeout, concurrent writers."""

from __future__ import annotations

import multiprocessing as mp

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


def _insert_solves(path: str, worker: int, count: int, errors: str) -> None:
    try:
        db = connect(path)
        for i in range(count):
            with db.conn:
                db["solves"].insert({"problem": f"w{worker}-{i}", "status": "solved"})
    except Exception as exc:  # reported to the parent through a file, then re-raised
        with open(errors, "a") as fh:
            fh.write(f"worker {worker}: {type(exc).__name__}: {exc}\n")
        raise


def test_two_processes_write_without_loss(settings, tmp_path):
    open_db(settings).close()
    errors = tmp_path / "errors.txt"
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_insert_solves, args=(str(settings.db_path), w, 200, str(errors))) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(180)
        assert p.exitcode == 0, errors.read_text() if errors.exists() else f"exit code {p.exitcode}"
    db = open_db(settings)
    assert db["solves"].count == 400
    assert db.execute("select count(distinct problem) from solves").fetchone()[0] == 400
