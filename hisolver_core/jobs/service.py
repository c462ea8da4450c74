"""Submit, watch, cancel and retry jobs through a runner; the ``jobs`` table is the shared record.

No scheduler daemon: :func:`poll_jobs` starts queued local jobs whose slot is
free, reaps dead ones and refreshes Vertex states. The Jobs page, the CLI's
``jobs`` commands, :func:`submit_job` and every finishing local job call it.
"""

from __future__ import annotations

import json
import logging
import time
from contextlib import closing
from typing import Any, cast

from sqlite_utils import Database

from ..config import Settings
from ..db import open_db, transaction, utcnow
from ..errors import HiSolverError, JobError, NotFoundError
from .local import group_alive, log_key
from .records import ACTIVE, finish_job, get_job, pid_alive, reap_lost_jobs
from .runner import get_runner
from .spec import RUNNERS, JobSpec, parse_slots

log = logging.getLogger(__name__)

# how long wait_job lets a finished local job's process save its log and exit
EXIT_SETTLE_S = 15.0

__all__ = [
    "cancel_job",
    "duration_s",
    "find_job",
    "job_logs",
    "poll_jobs",
    "recent_jobs",
    "retry_job",
    "save_log",
    "submit_job",
    "wait_job",
]  # fmt: skip

# a claimed local job whose process never recorded its pid within this time is marked failed
START_TIMEOUT_S = 60.0
# (database, job id) -> monotonic time of its last Vertex state read in this process (see HISOLVER_VERTEX_JOB_POLL_S)
_remote_read: dict[tuple[str, int], float] = {}


def _runner_name(settings: Settings, runner: str | None) -> str:
    name = (runner or settings.job_runner or "local").strip().lower()
    if name not in RUNNERS:
        raise JobError(f"unknown job runner {name!r}: use one of {', '.join(RUNNERS)}")
    return name


def submit_job(settings: Settings, spec: JobSpec, runner: str | None = None, retry_of: int | None = None) -> int:
    """Queue ``spec`` on ``runner`` (default ``settings.job_runner``) and return the new job's id at once.

    A local job starts now when its kind has a free slot (``HISOLVER_JOB_SLOTS``),
    else it waits as ``queued``; a Vertex job is submitted to Vertex AI now.
    Raises :class:`JobError` for an unknown runner and :class:`ConfigError` for
    a Vertex job without image or bucket; nothing is recorded then.
    """
    name = _runner_name(settings, runner)
    backend = get_runner(settings, name)
    backend.check(spec)
    parse_slots(settings.job_slots)  # a malformed setting fails here, before a row exists
    with closing(open_db(settings)) as db:
        with transaction(db):
            job_id = cast(int, db.table("jobs").insert(
                {
                    "kind": spec.kind, "status": "queued", "params": json.dumps(spec.params, default=str),
                    "progress": 0.0, "message": "queued", "runner": name, "spec": spec.to_json(),
                    "log_key": log_key(0), "created_at": utcnow(), "retry_of": retry_of,
                }
            ).last_pk)  # fmt: skip
            db.table("jobs").update(job_id, {"log_key": log_key(job_id)})
        if name != "local":
            _start(db, backend, job_id, spec)
    if name == "local":
        poll_jobs(settings)
    log.info("job %d (%s) submitted to the %s runner", job_id, spec.kind, name)
    return job_id


def _start(db: Database, backend: Any, job_id: int, spec: JobSpec) -> None:
    """Hand a claimed job to its runner; record what it returns, or the failure."""
    try:
        changes = backend.submit(job_id, spec)
    except HiSolverError as exc:
        finish_job(db, job_id, "failed", f"could not start: {exc}")
        raise
    with transaction(db):
        db.table("jobs").update(job_id, changes)


def find_job(settings: Settings, job_id: int) -> dict[str, Any]:
    """Return job ``job_id``'s row; raises :class:`NotFoundError` (one sentence) when there is none."""
    with closing(open_db(settings)) as db:
        try:
            return get_job(db, job_id)
        except NotFoundError:
            raise NotFoundError(f"there is no job {job_id}: `hisolver jobs list` shows the jobs there are") from None


def duration_s(row: dict[str, Any]) -> float | None:
    """Seconds a job has run (until now while it runs); None before it started."""
    started = _epoch(row.get("started_at"))
    if started is None:
        return None
    finished = _epoch(row.get("finished_at")) if row.get("finished_at") else time.time()
    return max(0.0, (finished or time.time()) - started)


def recent_jobs(settings: Settings, limit: int = 200) -> list[dict[str, Any]]:
    """Poll (see :func:`poll_jobs`), then return the most recent job rows, newest first, each with ``duration_s``."""
    poll_jobs(settings)
    with closing(open_db(settings)) as db:
        rows = list(db.table("jobs").rows_where(order_by="id desc", limit=limit))
    for row in rows:
        row["duration_s"] = duration_s(row)
    return rows


def cancel_job(settings: Settings, job_id: int) -> dict[str, Any]:
    """Stop an active job (a queued one never starts) and record ``cancelled``; return the row after.

    Raises :class:`NotFoundError` for an unknown id and :class:`JobError` for a
    job that has already finished (nothing is changed then).
    """
    row = find_job(settings, job_id)
    if row["status"] not in ACTIVE:
        raise JobError(f"job {job_id} has already finished ({row['status']}): there is nothing to cancel")
    with closing(open_db(settings)) as db:
        if row["status"] == "queued" and not row.get("pid") and not row.get("external_id"):
            finish_job(db, job_id, "cancelled", "cancelled before it started")
        else:
            get_runner(settings, row.get("runner") or "local").cancel(row)
            finish_job(db, job_id, "cancelled", "cancelled by request")
        after = get_job(db, job_id)
    save_log(settings, job_id)
    poll_jobs(settings)  # its slot is free now
    return after


def retry_job(settings: Settings, job_id: int) -> int:
    """Submit a new job with the same spec and runner as job ``job_id``; return the new id.

    Resumable commands (collect, render-check, train) carry on where the first
    run stopped. Raises :class:`NotFoundError`, or :class:`JobError` for a job
    still active or one that was not started by a runner.
    """
    row = find_job(settings, job_id)
    if row["status"] in ACTIVE:
        raise JobError(f"job {job_id} is still {row['status']}: wait for it or cancel it before retrying")
    if not row.get("spec"):
        raise JobError(f"job {job_id} ran inside another command, not as a job: run that command again instead")
    return submit_job(settings, JobSpec.from_json(row["spec"]), runner=row.get("runner"), retry_of=job_id)


def job_logs(settings: Settings, job_id: int, tail_lines: int | None = None) -> str:
    """Return job ``job_id``'s log text (its last ``tail_lines`` lines when given); raises :class:`NotFoundError`."""
    row = find_job(settings, job_id)
    if not row.get("spec"):
        return ""  # ran inline: its output went to the command that ran it
    return get_runner(settings, row.get("runner") or "local").logs(row, tail_lines)


def wait_job(settings: Settings, job_id: int, timeout_s: float | None = None, poll_s: float = 0.5) -> dict[str, Any]:
    """Block until job ``job_id`` has finished; return its final row.

    Raises :class:`NotFoundError`, or :class:`JobError` when it is still active after ``timeout_s``.
    """
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    settle_by: float | None = None
    while True:
        poll_jobs(settings)
        row = find_job(settings, job_id)
        # A local job's row turns final inside its command; its process then still saves the
        # log and drains the queue. Wait for the process too (briefly), so what it leaves is there.
        if row["status"] not in ACTIVE:
            exiting = row.get("runner") == "local" and row.get("pid") and pid_alive(int(row["pid"]))
            settle_by = settle_by or time.monotonic() + EXIT_SETTLE_S
            if not exiting or time.monotonic() >= settle_by:
                return row
        if deadline is not None and time.monotonic() >= deadline:
            raise JobError(f"job {job_id} is still {row['status']} after {timeout_s:g} s")
        time.sleep(poll_s)


def save_log(settings: Settings, job_id: int) -> None:
    """Copy a finished local job's log into a cloud blob store (the local store already holds it)."""
    if settings.blob_backend == "local":
        return
    from ..blobs import open_blob_store
    from .local import LocalRunner

    path = LocalRunner(settings).log_path(job_id)
    if path.is_file():
        try:
            open_blob_store(settings).put_file(log_key(job_id), path)
        except HiSolverError as exc:
            log.warning("could not copy the log of job %d to the blob store: %s", job_id, exc)


def poll_jobs(settings: Settings) -> None:
    """Reap dead local jobs, start queued local jobs whose slot is free, refresh Vertex states."""
    with closing(open_db(settings)) as db:
        for job_id in reap_lost_jobs(db):
            row = get_job(db, job_id)
            if row.get("pid") and group_alive(int(row["pid"])):
                get_runner(settings, "local").cancel(row)  # its children outlived it
        _fail_unstarted(db)
        _start_queued(settings, db)
        _refresh_remote(settings, db)


def _fail_unstarted(db: Database) -> None:
    cutoff = time.time() - START_TIMEOUT_S
    for row in db.table("jobs").rows_where("status = 'running' and runner = 'local' and pid is null"):
        started = _epoch(row.get("started_at"))
        if started is not None and started < cutoff:
            finish_job(db, row["id"], "failed", "the job's process never started; retry it")


def _epoch(text: str | None) -> float | None:
    from datetime import datetime

    try:
        return datetime.fromisoformat(text).timestamp() if text else None
    except ValueError:
        return None


def _claim_queued(settings: Settings, db: Database) -> list[dict[str, Any]]:
    """Mark the queued local jobs that fit their kind's slots as running; return them (one transaction)."""
    slots = parse_slots(settings.job_slots)
    total = slots.get("total")
    claimed: list[dict[str, Any]] = []
    # BEGIN IMMEDIATE: two pollers never both claim the same job or slot
    with transaction(db) as conn:
        running: dict[str, int] = {}
        for kind, count in conn.execute(
            "SELECT kind, count(*) FROM jobs WHERE runner = 'local' AND status = 'running' GROUP BY kind"
        ):
            running[kind] = count
        in_use = sum(running.values())
        queued = conn.execute("SELECT * FROM jobs WHERE runner = 'local' AND status = 'queued' ORDER BY id").fetchall()
        columns = [d[0] for d in conn.execute("SELECT * FROM jobs LIMIT 0").description]
        for values in queued:
            row = dict(zip(columns, values, strict=True))
            limit = slots.get(row["kind"], slots["default"])
            if running.get(row["kind"], 0) >= limit or (total is not None and in_use >= total):
                continue
            conn.execute(
                "UPDATE jobs SET status = 'running', started_at = ?, message = 'starting' WHERE id = ?",
                [utcnow(), row["id"]],
            )
            running[row["kind"]] = running.get(row["kind"], 0) + 1
            in_use += 1
            claimed.append(row)
    return claimed


def _start_queued(settings: Settings, db: Database) -> None:
    claimed = _claim_queued(settings, db)
    if not claimed:
        return
    backend = get_runner(settings, "local")
    for row in claimed:
        try:
            _start(db, backend, row["id"], JobSpec.from_json(row["spec"]))
        except HiSolverError as exc:
            log.warning("job %d could not start: %s", row["id"], exc)


def _refresh_remote(settings: Settings, db: Database) -> None:
    now = time.monotonic()
    rows = [
        row
        for row in db.table("jobs").rows_where(
            "status in ('queued', 'running') and runner = 'vertex' and external_id is not null"
        )
        if now - _remote_read.get((str(settings.db_path), row["id"]), float("-inf")) >= settings.vertex_job_poll_s
    ]
    if not rows:
        return
    for row in rows:
        _remote_read[(str(settings.db_path), row["id"])] = now
    backend = get_runner(settings, "vertex")
    for row in rows:
        try:
            changes = backend.status(row)
        except HiSolverError as exc:
            log.warning("cannot refresh job %d from Vertex AI: %s", row["id"], exc)
            continue
        if changes:
            with transaction(db):
                db.table("jobs").update(row["id"], changes)
