"""Job records: every long-running task (collect, extract, render-check, train, evaluate) writes one row.

The row is the shared view of a job for the CLI, the Jobs page and a cloud
runner: status, progress in [0, 1], a one-line message, timings.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from typing import Any, cast

from sqlite_utils import Database

from ..db import transaction, utcnow
from ..errors import NotFoundError

__all__ = [
    "ACTIVE",
    "FINISHED",
    "JOB_ID_ENV",
    "STATUSES",
    "JobCancelled",
    "JobProgress",
    "Progress",
    "finish_job",
    "get_job",
    "list_jobs",
    "reap_lost_jobs",
    "set_job_metrics",
    "start_job",
    "tracked_job",
    "update_job",
]

STATUSES = ("queued", "running", "succeeded", "failed", "cancelled")
ACTIVE = ("queued", "running")
FINISHED = ("succeeded", "failed", "cancelled")
# set by a runner in a job's own process: tracked_job then adopts that row instead of inserting one
JOB_ID_ENV = "HISOLVER_JOB_ID"


class JobCancelled(BaseException):
    """Raised in a job's process when it is asked to stop (SIGTERM); recorded as ``cancelled``."""


# progress(done, total, message="") as called by long-running work
Progress = Callable[..., None]


def start_job(db: Database, kind: str, params: dict[str, Any] | None = None) -> int:
    """Record a running job of ``kind`` for this process; return its id.

    In a job's own process (``HISOLVER_JOB_ID`` set by a runner) the runner's row is
    adopted instead: marked running with this process's pid, and the variable is
    dropped so that nested work records rows of its own.
    """
    adopted = _adopt(db)
    if adopted is not None:
        return adopted
    now = utcnow()
    with transaction(db):
        return cast(
            int,
            db.table("jobs")
            .insert(
                {
                    "kind": kind,
                    "status": "running",
                    "params": json.dumps(params or {}, default=str),
                    "progress": 0.0,
                    "message": "",
                    "pid": os.getpid(),
                    "runner": "inline",
                    "created_at": now,
                    "started_at": now,
                }
            )
            .last_pk,
        )


def _adopt(db: Database) -> int | None:
    """Take over the row named by ``HISOLVER_JOB_ID`` when it is still active; return its id or None."""
    raw = os.environ.pop(JOB_ID_ENV, None)
    if not raw or not raw.isdigit():
        return None
    job_id = int(raw)
    with transaction(db):
        cur = db.execute(
            "UPDATE jobs SET status = 'running', pid = ?, started_at = coalesce(started_at, ?) "
            # only the job's own process: a child that inherited the variable must not take the row
            "WHERE id = ? AND status IN ('queued', 'running') AND (pid IS NULL OR pid = ?)",
            [os.getpid(), utcnow(), job_id, os.getpid()],
        )
    return job_id if cur.rowcount else None


def update_job(db: Database, job_id: int, progress: float | None = None, message: str | None = None) -> None:
    """Record progress (0..1) and/or a message for a running job."""
    changes: dict[str, Any] = {}
    if progress is not None:
        changes["progress"] = max(0.0, min(1.0, float(progress)))
    if message is not None:
        changes["message"] = message[:500]
    if changes:
        with transaction(db):
            db.table("jobs").update(job_id, changes)


def finish_job(db: Database, job_id: int, status: str, message: str = "") -> bool:
    """Mark an active job ``succeeded``, ``failed`` or ``cancelled`` with a closing message.

    Returns False (and changes nothing) when the job had already finished, so a
    late writer never overwrites a recorded cancel. Raises ``ValueError`` for
    another status.
    """
    if status not in FINISHED:
        raise ValueError(f"finish status must be one of {FINISHED}, got {status!r}")
    progress = ", progress = 1.0" if status == "succeeded" else ""
    with transaction(db):
        cur = db.execute(
            f"UPDATE jobs SET status = ?, message = ?, finished_at = ?{progress} "
            "WHERE id = ? AND status IN ('queued', 'running')",
            [status, message[:500], utcnow(), job_id],
        )
    return bool(cur.rowcount)


def set_job_metrics(db: Database, job_id: int, metrics: dict[str, Any]) -> None:
    """Store ``metrics`` (JSON-serialisable: losses, scores) on the job row; the Jobs page shows them."""
    with transaction(db):
        db.table("jobs").update(job_id, {"metrics": json.dumps(metrics, default=str)})


def get_job(db: Database, job_id: int) -> dict[str, Any]:
    """Return one job row; raises :class:`NotFoundError`."""
    rows = list(db.table("jobs").rows_where("id = ?", [job_id]))
    if not rows:
        raise NotFoundError(f"no job {job_id}")
    return rows[0]


def list_jobs(
    db: Database, limit: int = 100, kind: str | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """Return the most recent jobs first (optionally of one kind and/or one status)."""
    clauses, args = [], []
    for column, value in (("kind", kind), ("status", status)):
        if value:
            clauses.append(f"{column} = ?")
            args.append(value)
    where = " and ".join(clauses) or None
    return list(db.table("jobs").rows_where(where, args, order_by="id desc", limit=limit))


def pid_alive(pid: int) -> bool:
    """True while process ``pid`` exists and is not a zombie (exited, waiting to be reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            # the state follows the parenthesised command name, which may itself hold spaces
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True  # no /proc (macOS): trust kill(0)


def _is_job_worker(pid: int) -> bool:
    """False when ``pid`` now belongs to another program (the job's pid was reused after it died)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return b"hisolver_core.jobs.worker" in fh.read()
    except FileNotFoundError:
        return False
    except OSError:
        return True  # no /proc (macOS) or not ours to read: trust the pid


def reap_lost_jobs(db: Database) -> list[int]:
    """Mark ``running`` jobs whose process is gone (killed, crashed) as failed; return their ids.

    Jobs run on this machine record their own pid; a job started elsewhere (a
    cloud runner) records none and is left alone.
    """
    lost = [
        row["id"]
        for row in db.table("jobs").rows_where(
            "status = 'running' and pid is not null and coalesce(runner, '') != 'vertex'"
        )
        if not pid_alive(int(row["pid"])) or (row.get("runner") == "local" and not _is_job_worker(int(row["pid"])))
    ]
    for job_id in lost:
        finish_job(db, job_id, "failed", "the process ended without finishing (killed or crashed); retry it to resume")
    return lost


class JobProgress:
    """Throttled progress writes to the ``jobs`` row, plus an optional callback."""

    def __init__(self, db: Database, job_id: int, callback: Progress | None = None, every_s: float = 0.5) -> None:
        """Write to job ``job_id`` at most every ``every_s`` seconds (always the last step)."""
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

    def metrics(self, metrics: dict[str, Any]) -> None:
        """Store ``metrics`` on the job row (see :func:`set_job_metrics`)."""
        set_job_metrics(self.db, self.job_id, metrics)


@contextlib.contextmanager
def tracked_job(
    db: Database, kind: str, params: dict[str, Any], callback: Progress | None = None
) -> Iterator[JobProgress]:
    """Record a job row for the block: ``succeeded`` on exit, ``failed`` on an error, else ``cancelled``.

    Every way out is recorded: an ``Exception`` is ``failed``; a ``BaseException``
    (``KeyboardInterrupt``, ``SystemExit``, :class:`JobCancelled` from SIGTERM,
    Streamlit's stop and rerun) is ``cancelled``. In a runner's job process the
    runner's row is adopted (see :func:`start_job`). The exception is re-raised.
    """
    job_id = start_job(db, kind, params)
    progress = JobProgress(db, job_id, callback)
    try:
        yield progress
    except Exception as exc:
        finish_job(db, job_id, "failed", str(exc) or type(exc).__name__)
        raise
    except BaseException as exc:
        reason = "cancelled" if isinstance(exc, JobCancelled) else f"interrupted ({type(exc).__name__})"
        finish_job(db, job_id, "cancelled", reason)
        raise
    finish_job(db, job_id, "succeeded", progress.message)
