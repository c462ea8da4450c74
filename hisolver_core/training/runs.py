"""The ``training_runs`` and ``training_metrics`` tables: one row per run, one per logged step."""

from __future__ import annotations

import json
import math
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from ..db import transaction, utcnow
from ..errors import NotFoundError

__all__ = [
    "RunNotFound",
    "new_run_id",
    "create_run",
    "update_run",
    "get_run",
    "list_runs",
    "record_metrics",
    "run_metrics",
]

_JSON_COLUMNS = ("params", "metrics", "artifacts")
_METRIC_COLUMNS = ("epoch", "loss", "learning_rate", "grad_norm", "tokens_per_s", "gpu_mem_mb", "eval_loss")


class RunNotFound(NotFoundError):
    """No training run has that id."""


def new_run_id() -> str:
    """Return a fresh run id like ``run-20261202-061500-3f9a`` (sortable by start time)."""
    return f"run-{datetime.now(UTC):%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for column in _JSON_COLUMNS:
        out[column] = json.loads(row.get(column) or "{}")
    return out


def create_run(
    db: Database,
    run_id: str,
    *,
    dataset_version: str,
    base_model: str,
    method: str,
    params: dict[str, Any],
    job_id: int | None = None,
) -> dict[str, Any]:
    """Insert run ``run_id`` as ``running``; return its row."""
    now = utcnow()
    with transaction(db):
        db.table("training_runs").insert(
            {
                "id": run_id,
                "dataset_version": dataset_version,
                "dataset_hash": "",
                "base_model": base_model,
                "method": method,
                "params": json.dumps(params),
                "status": "running",
                "metrics": "{}",
                "artifact_uri": f"models/{run_id}/",
                "artifacts": "{}",
                "model": "",
                "job_id": job_id,
                "step": 0,
                "max_steps": 0,
                "created_at": now,
                "started_at": now,
                "finished_at": None,
                "error": "",
            }
        )
    return get_run(db, run_id)


def update_run(db: Database, run_id: str, **changes: Any) -> None:
    """Update columns of run ``run_id``; dicts for the JSON columns are encoded."""
    for column in _JSON_COLUMNS:
        if column in changes and not isinstance(changes[column], str):
            changes[column] = json.dumps(changes[column], default=str)
    with transaction(db):
        db.table("training_runs").update(run_id, changes)


def get_run(db: Database, run_id: str) -> dict[str, Any]:
    """Return run ``run_id`` with params, metrics and artifacts decoded; raises :class:`RunNotFound`."""
    rows = list(db.table("training_runs").rows_where("id = ?", [run_id]))
    if not rows:
        raise RunNotFound(f"no training run {run_id!r}; `hisolver train list` shows the runs")
    return _decode(rows[0])


def list_runs(db: Database, limit: int = 100) -> list[dict[str, Any]]:
    """Return the most recent runs first."""
    return [_decode(r) for r in db.table("training_runs").rows_where(order_by="created_at desc, id desc", limit=limit)]


def _finite(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def record_metrics(db: Database, run_id: str, step: int, values: dict[str, Any]) -> None:
    """Store the metrics logged at ``step`` (merged with any already stored for it; NaN kept as NULL)."""
    row: dict[str, Any] = {"run_id": run_id, "step": int(step), "at": utcnow()}
    row.update({k: _finite(values[k]) for k in _METRIC_COLUMNS if k in values})
    with transaction(db):
        db.table("training_metrics").upsert(row, pk=("run_id", "step"))


def run_metrics(db: Database, run_id: str) -> list[dict[str, Any]]:
    """Return the stored per-step metrics of ``run_id`` in step order."""
    return list(db.table("training_metrics").rows_where("run_id = ?", [run_id], order_by="step"))
