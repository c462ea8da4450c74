"""Several processes label against one SQLite file: no snippet handed out twice (k = 1),
no save lost or doubled."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from hisolver_core import labeling
from hisolver_core.config import load_settings
from hisolver_core.db import open_db

WORKERS = 4


def _open(data_dir: str):
    return open_db(load_settings({"HISOLVER_DATA_DIR": data_dir}, secrets_file=Path(data_dir) / "none.toml"))


def _drain_queue(args: tuple[str, str, object]) -> list[tuple[int, int]]:
    """Take snippets until the queue is empty, saving each; return (snippet, label) pairs."""
    data_dir, annotator, barrier = args
    db = _open(data_dir)
    barrier.wait()  # start together to maximise contention
    done = []
    while (item := labeling.next_snippet(db, annotator)) is not None:
        label_id = labeling.save_label(db, annotator, item.snippet_id, f"{annotator} labels {item.snippet_id}")
        done.append((item.snippet_id, label_id))
    db.close()
    return done


def _hammer_save(args: tuple[str, str, list[int], object]) -> list[int]:
    """Save the same labels many times over (double clicks, retries); return the ids given back."""
    data_dir, annotator, snippet_ids, barrier = args
    db = _open(data_dir)
    barrier.wait()
    ids = []
    for round_ in range(5):
        for sid in snippet_ids:
            ids.append(labeling.save_label(db, annotator, sid, f"{annotator} on {sid}, round {round_}"))
    db.close()
    return ids


def _run(func, jobs):
    ctx = mp.get_context("fork")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(len(jobs))
        with ctx.Pool(len(jobs)) as pool:
            return pool.map(func, [job + (barrier,) for job in jobs])


def test_k1_every_snippet_labeled_once_by_exactly_one_process(settings, db, make_snippets):
    ids = make_snippets(40)
    results = _run(_drain_queue, [(str(settings.data_dir), f"annotator{i}") for i in range(WORKERS)])
    handed = [sid for worker in results for sid, _ in worker]
    assert sorted(handed) == sorted(ids)  # every snippet once: none lost, none given to two annotators
    rows = list(db.query("SELECT id, snippet_id, annotator, summary FROM labels"))
    assert len(rows) == 40
    saved = {label_id: sid for worker in results for sid, label_id in worker}
    assert {r["id"]: r["snippet_id"] for r in rows} == saved
    assert all(r["summary"] == f"{r['annotator']} labels {r['snippet_id']}" for r in rows)


def test_k2_each_snippet_gets_two_labels_from_different_annotators(settings, db, make_snippets):
    ids = make_snippets(15)
    labeling.set_labels_per_snippet(db, 2)
    _run(_drain_queue, [(str(settings.data_dir), f"annotator{i}") for i in range(3)])
    counts = dict(db.execute("SELECT snippet_id, COUNT(DISTINCT annotator) FROM labels GROUP BY snippet_id").fetchall())
    assert counts == {sid: 2 for sid in ids}


def test_concurrent_repeated_saves_are_neither_lost_nor_doubled(settings, db, make_snippets):
    ids = make_snippets(6)
    jobs = [(str(settings.data_dir), name, ids) for name in ("ada", "bob", "ada", "bob")]
    results = _run(_hammer_save, jobs)
    rows = list(db.query("SELECT id, snippet_id, annotator, summary FROM labels"))
    assert len(rows) == 2 * len(ids)  # one per (snippet, annotator), however many saves
    by_key = {(r["snippet_id"], r["annotator"]): r for r in rows}
    for name, worker in zip(("ada", "bob", "ada", "bob"), results, strict=True):
        assert {by_key[(sid, name)]["id"] for sid in ids} == set(worker)
    assert all(r["summary"].startswith(f"{r['annotator']} on {r['snippet_id']}, round ") for r in rows)
