"""Pipeline run records: one ``pipeline_runs`` row per run, one ``pipeline_steps`` row per step.

A run holds its parameters, status, error and the lineage it produced (dataset
version, training run, model, deploy decision and reason); its steps hold their
status, timings, job id, the arguments they ran and their JSON output, which a
resumed run reuses.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, cast

from sqlite_utils import Database

from ..db import transaction, utcnow
from ..errors import NotFoundError
from .steps import steps_of

__all__ = [
    "RUN_STATUSES",
    "STEP_STATUSES",
    "create_run",
    "get_run",
    "list_runs",
    "update_run",
    "run_steps",
    "update_step",
    "step_outputs",
    "seconds_between",
]

RUN_STATUSES = ("queued", "running", "succeeded", "failed", "cancelled")
STEP_STATUSES = ("pending", "running", "succeeded", "failed", "skipped")
_JSON_COLUMNS = ("params", "args", "output")


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for key in _JSON_COLUMNS:
        if key in row:
            row[key] = json.loads(row[key]) if row[key] else ({} if key != "args" else [])
    return row


def create_run(db: Database, part: str, params: dict[str, Any], runner: str = "local") -> int:
    """Record a queued run of ``part`` with its steps pending; return the run id."""
    steps = steps_of(part)
    with transaction(db):
        run_id = (
            db.table("pipeline_runs")
            .insert(
                {
                    "part": part,
                    "status": "queued",
                    "runner": runner,
                    "params": json.dumps(params, default=str),
                    "created_at": utcnow(),
                }  # fmt: skip
            )
            .last_pk
        )
        db.table("pipeline_steps").insert_all(
            {"run_id": run_id, "position": i, "name": step.name, "status": "pending"} for i, step in enumerate(steps)
        )
    return cast(int, run_id)


def get_run(db: Database, run_id: int) -> dict[str, Any]:
    """Return run ``run_id`` with its ``steps`` (in order); raises :class:`NotFoundError`."""
    rows = list(db.table("pipeline_runs").rows_where("id = ?", [run_id]))
    if not rows:
        raise NotFoundError(f"no pipeline run {run_id} (see 'hisolver pipeline list')")
    run = _decode(rows[0])
    run["steps"] = run_steps(db, run_id)
    return run


def list_runs(db: Database, limit: int = 50) -> list[dict[str, Any]]:
    """Return the most recent runs first, each with its ``steps``."""
    runs = [_decode(r) for r in db.table("pipeline_runs").rows_where(order_by="id desc", limit=limit)]
    for run in runs:
        run["steps"] = run_steps(db, run["id"])
    return runs


def update_run(db: Database, run_id: int, **changes: Any) -> None:
    """Change columns of run ``run_id`` (``params`` is stored as JSON)."""
    if "params" in changes:
        changes["params"] = json.dumps(changes["params"], default=str)
    with transaction(db):
        db.table("pipeline_runs").update(run_id, changes)


def run_steps(db: Database, run_id: int) -> list[dict[str, Any]]:
    """Return the steps of run ``run_id`` in order, JSON columns decoded."""
    return [_decode(r) for r in db.table("pipeline_steps").rows_where("run_id = ?", [run_id], order_by="position")]


def update_step(db: Database, run_id: int, name: str, **changes: Any) -> None:
    """Change columns of step ``name`` of run ``run_id`` (``args`` and ``output`` stored as JSON)."""
    for key in ("args", "output"):
        if key in changes:
            changes[key] = json.dumps(changes[key], default=str)
    sets = ", ".join(f"[{k}] = ?" for k in changes)
    with transaction(db):
        db.execute(f"UPDATE pipeline_steps SET {sets} WHERE run_id = ? AND name = ?", [*changes.values(), run_id, name])


def step_outputs(steps: list[dict[str, Any]]) -> dict[str, dict]:
    """Return ``{step name: output}`` of the steps that finished (what a resumed run reuses)."""
    return {s["name"]: s["output"] for s in steps if s["status"] in ("succeeded", "skipped")}


def seconds_between(start: str | None, end: str | None) -> float | None:
    """Return the seconds from ISO time ``start`` to ``end`` (now when None), or None without a start."""
    if not start:
        return None
    finish = datetime.fromisoformat(end) if end else datetime.fromisoformat(utcnow())
    return round((finish - datetime.fromisoformat(start)).total_seconds(), 1)


def process_alive(pid: int | None) -> bool:
    """True when ``pid`` is a live process on this machine (False for None)."""
    from ..jobs.records import pid_alive

    return pid is not None and pid > 0 and pid_alive(pid)
