"""``hisolver extract``: collected files -> Scene snippets -> duplicate clusters -> ``processed/`` JSON.

Incremental: a file is read again only when its content hash differs from the
one last extracted. Parsing runs in a process pool when there is enough work;
the database is written by this process only, in batches.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from ..blobs import BlobStore, open_blob_store
from ..config import Settings
from ..db import open_db, transaction, utcnow
from ..errors import HiSolverError, NotFoundError
from ..jobs import Progress, tracked_job
from .clusters import assign_clusters
from .hashing import code_hash, combine_digests, minhash, minhash_to_bytes
from .scenes import parse_source

__all__ = ["ExtractResult", "extract", "extract_file", "export_snippets", "export_key"]

log = logging.getLogger(__name__)

POOL_MIN_FILES = 300  # below this, starting worker processes costs more than it saves
BATCH = 200  # files per database transaction


@dataclass
class ExtractResult:
    """Counts from one extraction run."""

    files: int = 0
    files_failed: int = 0
    snippets_written: int = 0
    snippets_total: int = 0
    clusters: int = 0
    duplicates: int = 0
    exported: int = 0
    export_seconds: float = 0.0  # part of ``seconds``: one blob write per representative
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(self.__dict__)


# ----------------------------------------------------------------------------- per file (worker side)

_BLOBS: BlobStore | None = None


def _init_worker(settings: Settings) -> None:
    global _BLOBS
    _BLOBS = open_blob_store(settings)


def extract_file(data: bytes) -> dict[str, Any]:
    """Parse one file's bytes; return ``{"dialect", "error", "snippets": [...]}`` with hashes."""
    result = parse_source(data)
    snippets = [
        {
            "scene_name": s.scene_name,
            "code": s.code,
            "code_hash": code_hash(s.code),
            "ast_hash": combine_digests(result.digests, s.parts),
            "minhash": minhash_to_bytes(minhash(s.code)),
        }
        for s in result.snippets
    ]
    return {"dialect": result.dialect, "error": result.error, "snippets": snippets}


def _work(task: tuple[int, str, str]) -> tuple[int, str, dict[str, Any]]:
    file_id, blob_key, sha = task
    assert _BLOBS is not None
    try:
        data = _BLOBS.get(blob_key)
    except HiSolverError as exc:
        return file_id, sha, {"dialect": "unknown", "error": f"blob unreadable: {exc}", "snippets": []}
    return file_id, sha, extract_file(data)


# ----------------------------------------------------------------------------- database side


def _pending_files(db: Database) -> list[tuple[int, str, str]]:
    return [
        (r[0], r[1], r[2])
        for r in db.execute(
            "SELECT id, blob_key, sha256 FROM files WHERE blob_key IS NOT NULL "
            "AND (extracted_sha256 IS NULL OR extracted_sha256 != sha256) ORDER BY id"
        ).fetchall()
    ]


_UPSERT = (
    "INSERT INTO snippets (file_id, scene_name, code, dialect, code_hash, ast_hash, minhash, "
    "is_representative, render_status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) "
    "ON CONFLICT(file_id, scene_name) DO UPDATE SET "
    "render_status = CASE WHEN snippets.code_hash = excluded.code_hash AND snippets.dialect = excluded.dialect "
    "  THEN snippets.render_status ELSE excluded.render_status END, "
    "render_error = CASE WHEN snippets.code_hash = excluded.code_hash THEN snippets.render_error END, "
    "poster_key = CASE WHEN snippets.code_hash = excluded.code_hash THEN snippets.poster_key END, "
    "video_key = CASE WHEN snippets.code_hash = excluded.code_hash THEN snippets.video_key END, "
    "code = excluded.code, dialect = excluded.dialect, code_hash = excluded.code_hash, "
    "ast_hash = excluded.ast_hash, minhash = excluded.minhash "
    "WHERE snippets.code_hash IS NOT excluded.code_hash OR snippets.dialect IS NOT excluded.dialect"
)


def _write_batch(db: Database, results: list[tuple[int, str, dict[str, Any]]]) -> tuple[int, int]:
    """Record one batch of file results; return (snippets written, files failed)."""
    now = utcnow()
    written = failed = 0
    with transaction(db):
        for file_id, sha, res in results:
            failed += res["error"] is not None
            db.conn.execute(
                "UPDATE files SET parse_error = ?, extracted_sha256 = ? WHERE id = ?", [res["error"], sha, file_id]
            )
            status = "pending" if res["dialect"] == "community" else "not_renderable"
            rows = [
                (
                    file_id,
                    s["scene_name"],
                    s["code"],
                    res["dialect"],
                    s["code_hash"],
                    s["ast_hash"],
                    s["minhash"],
                    status,
                    now,
                )
                for s in res["snippets"]
            ]
            written += db.conn.executemany(_UPSERT, rows).rowcount if rows else 0
            _drop_vanished(db, file_id, [s["scene_name"] for s in res["snippets"]])
    return written, failed


def _drop_vanished(db: Database, file_id: int, names: list[str]) -> None:
    """Delete snippets a file no longer has, unless someone labelled them (labels keep history)."""
    marks = ", ".join("?" for _ in names) or "NULL"
    try:
        db.conn.execute(
            f"DELETE FROM snippets WHERE file_id = ? AND scene_name NOT IN ({marks}) "
            "AND id NOT IN (SELECT snippet_id FROM labels)",
            [file_id, *names],
        )
    except sqlite3.IntegrityError as exc:  # another table (a labeling queue) still points at it
        log.info("kept vanished snippets of file %d: %s", file_id, exc)


def _results(settings: Settings, tasks: list[tuple[int, str, str]], workers: int) -> Iterator[tuple[int, str, dict]]:
    # Called from a server's worker thread (Streamlit), forking could copy a lock another
    # thread holds into the child, and spawn re-imports the server's __main__: parse in-process.
    single = threading.current_thread() is not threading.main_thread()
    if workers <= 1 or len(tasks) < POOL_MIN_FILES or single:
        _init_worker(settings)
        yield from map(_work, tasks)
        return
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(settings,)) as pool:
        yield from pool.map(_work, tasks, chunksize=32)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# ----------------------------------------------------------------------------- export


def export_key(full_name: str, path: str, scene_name: str) -> str:
    """``processed/{owner}/{repo}/{path without .py}/{Scene}.json``."""
    from ..collection.records import blob_prefix

    base = blob_prefix(full_name)[len("raw/") :]
    stem = path[:-3] if path.endswith(".py") else path
    return f"processed/{base}{stem}/{scene_name}.json"


def export_snippets(db: Database, blobs: BlobStore, threads: int = 8) -> int:
    """Write each representative snippet as ``{"data": {"code": ...}, "meta": {...}}``; return the count.

    Duplicates that were exported earlier are removed, so ``processed/`` holds
    one file per cluster. Writes run on a few threads: each is an fsync (or a
    request, on GCS) that does not need the CPU.
    """
    rows = db.query(
        "SELECT s.id, s.scene_name, s.code, s.dialect, s.is_representative, s.cluster_id, f.path, "
        "r.full_name, r.license FROM snippets s JOIN files f ON f.id = s.file_id JOIN repos r ON r.id = f.repo_id"
    )
    with ThreadPoolExecutor(max_workers=threads) as pool:
        written = sum(pool.map(lambda row: _export_one(blobs, row), rows))
    return written


def _export_one(blobs: BlobStore, row: dict[str, Any]) -> int:
    key = export_key(row["full_name"], row["path"], row["scene_name"])
    if not row["is_representative"]:
        if blobs.exists(key):
            blobs.delete(key)
        return 0
    meta = {k: row[k] for k in ("scene_name", "dialect", "path", "license", "cluster_id")}
    meta.update(snippet_id=row["id"], repo=row["full_name"])
    doc = json.dumps({"data": {"code": row["code"]}, "meta": meta}, ensure_ascii=False, indent=1).encode()
    try:
        if blobs.get(key) == doc:
            return 1  # unchanged since the last export: skip the write
    except NotFoundError:
        pass
    blobs.put(key, doc, content_type="application/json")
    return 1


# ----------------------------------------------------------------------------- entry point


def extract(
    settings: Settings, progress: Progress | None = None, workers: int | None = None, export: bool = True
) -> ExtractResult:
    """Extract snippets from every new or changed collected file, cluster duplicates, export.

    Returns counts. Raises :class:`StorageError` when the store cannot be used.
    """
    started = time.monotonic()
    workers = workers or os.cpu_count() or 1
    db = open_db(settings)
    try:
        with tracked_job(db, "extract", {"workers": workers, "export": export}, progress) as job:
            result = _run(settings, db, job, workers, export)
            result.seconds = round(time.monotonic() - started, 3)
            job(1, 1, f"{result.files} files, {result.snippets_total} snippets, {result.clusters} clusters")
    finally:
        db.close()
    return result


def _run(settings: Settings, db: Database, job: Progress, workers: int, export: bool) -> ExtractResult:
    tasks = _pending_files(db)
    result = ExtractResult(files=len(tasks))
    done = 0
    for batch in _batched(_results(settings, tasks, workers), BATCH):
        written, failed = _write_batch(db, batch)
        result.snippets_written += written
        result.files_failed += failed
        done += len(batch)
        job(done, len(tasks) + 1, f"parsed {done}/{len(tasks)} files")
    result.clusters, result.duplicates = assign_clusters(db)
    result.snippets_total = db.execute("SELECT count(*) FROM snippets").fetchone()[0]
    if export:
        started = time.monotonic()
        result.exported = export_snippets(db, open_blob_store(settings))
        result.export_seconds = round(time.monotonic() - started, 3)
    return result
