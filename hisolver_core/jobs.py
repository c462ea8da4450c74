"""Job records: every long-running task (collect, extract, render-check, train, evaluate) writes one row.

The row is the shared view of a job for the CLI, the Jobs page and a cloud
runner: status, progress in [0, 1], a one-line message, timings.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from typing import Any, Callable, Iterator

from sqlite_utils import Database

from .errors import NotFoundError
from .store import utcnow

__all__ = [
    "start_job",
    "update_job",
    "finish_job",
    "list_jobs",
    "get_job",
    "reap_lost_jobs",
    "tracked_job",
    "JobProgress",
    "Progress",
    "STATUSES",
]

STATUSES = ("queued", "running", "succeeded", "failed", "cancelled")

# progress(done, total, message="") as called by long-running work
Progress = Callable[..., None]


def start_job(db: Database, kind: str, params: dict[str, Any] | None = None) -> int:
    """Record a running job of ``kind`` for this process; return its id."""
    now = utcnow()
    with db.conn:
        return db["jobs"].insert(
            {
                "kind": kind,
                "status": "running",
                "params": json.dumps(params or {}, default=str),
                "progress": 0.0,
                "message": "",
                "pid": os.getpid(),
                "created_at": now,
                "started_at": now,
            }
        ).last_pk


def update_job(db: Database, job_id: int, progress: float | None = None, message: str | None = None) -> None:
    """Record progress (0..1) and/or a message for a running job."""
    changes: dict[str, Any] = {}
    if progress is not None:
        changes["progress"] = max(0.0, min(1.0, float(progress)))
    if message is not None:
        changes["message"] = message[:500]
    if changes:
        with db.conn:
            db["jobs"].update(job_id, changes)


def finish_job(db: Database, job_id: int, status: str, message: str = "") -> None:
    """Mark a job ``succeeded``, ``failed`` or ``cancelled`` with a closing message."""
    if status not in STATUSES[2:]:
        raise ValueError(f"finish status must be one of {STATUSES[2:]}, got {status!r}")
    changes: dict[str, Any] = {"status": status, "message": message[:500], "finished_at": utcnow()}
    if status == "succeeded":
        changes["progress"] = 1.0
    with db.conn:
        db["jobs"].update(job_id, changes)


def get_job(db: Database, job_id: int) -> dict[str, Any]:
    """Return one job row; raises :class:`NotFoundError`."""
    rows = list(db["jobs"].rows_where("id = ?", [job_id]))
    if not rows:
        raise NotFoundError(f"no job {job_id}")
    return rows[0]


def list_jobs(db: Database, limit: int = 100, kind: str | None = None) -> list[dict[str, Any]]:
    """Return the most recent jobs first (optionally of one kind)."""
    where, args = ("kind = ?", [kind]) if kind else (None, [])
    return list(db["jobs"].rows_where(where, args, order_by="id desc", limit=limit))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def reap_lost_jobs(db: Database) -> list[int]:
    """Mark ``running`` jobs whose process is gone (killed, crashed) as failed; return their ids.

    Jobs run on this machine record their pid; a job started elsewhere (a cloud
    runner) records none and is left alone.
    """
    lost = [
        row["id"]
        for row in db["jobs"].rows_where("status = 'running' and pid is not null")
        if not _alive(int(row["pid"]))
    ]
    for job_id in lost:
        finish_job(db, job_id, "failed", "the process ended without finishing (killed or crashed); run it again to resume")
    return lost


class JobProgress:
    """Throttled progress writes to the ``jobs`` row, plus an optional callback."""

    def __init__(self, db: Database, job_id: int, callback: Progress | None = None, every_s: float = 0.5) -> None:
        self.db, self.job_id, self.callback, self.every_s = db, job_id, callback, every_s
        self._last = 0.0
        self.message = ""

    def __call__(self, done: int, total: int, message: str = "") -> None:
        self.message = message
        if self.callback is not None:
            self.callback(done, total, message)
        now = time.monotonic()
        if now - self._last >= self.every_s or done >= total:
            self._last = now
            update_job(self.db, self.job_id, done / total if total else 0.0, message)


@contextlib.contextmanager
def tracked_job(
    db: Database, kind: str, params: dict[str, Any], callback: Progress | None = None
) -> Iterator[JobProgress]:
    """Record a job row for the block: ``succeeded`` on exit, ``failed``/``cancelled`` on error."""
    job_id = start_job(db, kind, params)
    progress = JobProgress(db, job_id, callback)
    try:
        yield progress
    except KeyboardInterrupt:
        finish_job(db, job_id, "cancelled", "interrupted")
        raise
    except Exception as exc:
        finish_job(db, job_id, "failed", str(exc))
        raise
    finish_job(db, job_id, "succeeded", progress.message)
