"""Registered model versions in the ``models`` table, and their stage history in ``model_events``."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlite_utils import Database

from ..blobs import BlobStore
from ..db import transaction, utcnow
from ..errors import HiSolverError, NotFoundError

__all__ = [
    "STAGES",
    "ModelNotFound",
    "RegistryError",
    "register_model",
    "list_models",
    "get_model",
    "production_model",
    "previous_production",
    "promote_model",
    "archive_model",
    "update_model_metrics",
]

log = logging.getLogger(__name__)

STAGES = ("candidate", "production", "archived")
DEFAULT_FAMILY = "hisolver-manim"
# A folder is a loadable model or adapter only when transformers / peft find their config in it.
_MARKERS = ("config.json", "adapter_config.json")


class RegistryError(HiSolverError):
    """A model cannot be registered or moved to the stage asked for."""


class ModelNotFound(NotFoundError):
    """No registered model has that name."""


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["metrics"] = json.loads(row.get("metrics") or "{}")
    out["artifacts"] = json.loads(row.get("artifacts") or "{}")
    out["run"] = row["run_id"]  # the name the CLI's JSON promises
    return out


def _check_artifacts(blobs: BlobStore, artifacts: dict[str, str]) -> None:
    """Refuse to register unless every model folder holds a config (nothing half-written)."""
    folders = {k: v for k, v in artifacts.items() if v.endswith("/")}
    if not folders:
        raise RegistryError("a model needs at least one artifact folder (an adapter or a merged model)")
    for kind, prefix in folders.items():
        if not any(blobs.exists(prefix + marker) for marker in _MARKERS):
            raise RegistryError(
                f"the {kind} artifact {prefix} has no config.json or adapter_config.json: "
                "the run did not finish writing it, so it is not registered"
            )


def register_model(
    db: Database,
    blobs: BlobStore,
    *,
    run_id: str,
    base_model: str,
    dataset_version: str,
    artifact_uri: str,
    artifacts: dict[str, str],
    metrics: dict[str, Any],
    method: str = "lora",
    dataset_hash: str = "",
    name: str | None = None,
) -> dict[str, Any]:
    """Register the finished run ``run_id`` as a new ``candidate`` model version; return its row.

    ``artifacts`` maps kinds (``adapter``, ``merged``, ``card``, ...) to blob keys; folders end
    with ``/`` and must hold a ``config.json`` or ``adapter_config.json``. The name defaults to
    ``hisolver-manim-vN`` with the next free N. Registering the same run twice returns the
    existing row. Raises :class:`RegistryError` for missing artifacts or a name in use.
    """
    existing = list(db.table("models").rows_where("run_id = ?", [run_id]))
    if existing:
        return _decode(existing[0])
    _check_artifacts(blobs, artifacts)
    now = utcnow()
    with transaction(db):  # BEGIN IMMEDIATE: the version read and the insert are one step
        version = db.execute("select coalesce(max(version), 0) + 1 from models").fetchone()[0]
        name = name or f"{DEFAULT_FAMILY}-v{version}"
        if db.table("models").count_where("name = ?", [name]):
            raise RegistryError(f"a model named {name} is already registered: choose another name")
        db.table("models").insert(
            {
                "name": name,
                "version": version,
                "run_id": run_id,
                "dataset_version": dataset_version,
                "dataset_hash": dataset_hash,
                "base_model": base_model,
                "method": method,
                "metrics": json.dumps(metrics, default=str),
                "artifact_uri": artifact_uri,
                "artifacts": json.dumps(artifacts),
                "stage": "candidate",
                "created_at": now,
                "updated_at": now,
            }
        )
        db.table("model_events").insert(
            {"model": name, "stage": "candidate", "previous_stage": "", "note": "registered", "at": now}
        )
    log.info("registered model %s from run %s", name, run_id)
    return get_model(db, name)


def list_models(db: Database, stage: str | None = None) -> list[dict[str, Any]]:
    """Return registered models, newest first, optionally only those in ``stage``."""
    where, args = ("stage = ?", [stage]) if stage else (None, [])
    return [_decode(r) for r in db.table("models").rows_where(where, args, order_by="version desc")]


def get_model(db: Database, name: str) -> dict[str, Any]:
    """Return one model's row (metrics and artifacts decoded); raises :class:`ModelNotFound`."""
    rows = list(db.table("models").rows_where("name = ?", [name]))
    if not rows:
        raise ModelNotFound(f"no registered model named {name!r}; `hisolver model list` shows the registered ones")
    return _decode(rows[0])


def production_model(db: Database) -> dict[str, Any] | None:
    """Return the model in ``production``, or None when none has been promoted."""
    rows = list_models(db, "production")
    return rows[0] if rows else None


def previous_production(db: Database) -> dict[str, Any] | None:
    """Return the model that was in production before the current one (for rollback), or None."""
    current = production_model(db)
    rows = db.execute(
        "select model from model_events where stage = 'production' and model != ? order by id desc limit 1",
        [current["name"] if current else ""],
    ).fetchall()
    return get_model(db, rows[0][0]) if rows else None


def update_model_metrics(db: Database, run_id: str, metrics: dict[str, Any]) -> dict[str, Any] | None:
    """Replace the metrics of the model registered from ``run_id`` (after a re-evaluation).

    Returns the updated row, or None when that run registered no model.
    """
    rows = list(db.table("models").rows_where("run_id = ?", [run_id]))
    if not rows:
        return None
    with transaction(db):
        db.table("models").update(
            rows[0]["name"], {"metrics": json.dumps(metrics, default=str), "updated_at": utcnow()}
        )
    return get_model(db, rows[0]["name"])


def _set_stage(db: Database, name: str, stage: str, note: str) -> None:
    before = get_model(db, name)["stage"]
    now = utcnow()
    db.table("models").update(name, {"stage": stage, "updated_at": now})
    db.table("model_events").insert({"model": name, "stage": stage, "previous_stage": before, "note": note, "at": now})


def promote_model(db: Database, name: str, note: str = "") -> dict[str, Any]:
    """Make ``name`` the production model; the previous one goes back to ``candidate``.

    Returns the promoted row. Raises :class:`ModelNotFound`, or :class:`RegistryError` for an
    archived model (only candidates are promoted).
    """
    model = get_model(db, name)
    if model["stage"] == "production":
        return model
    if model["stage"] == "archived":
        raise RegistryError(f"{name} is archived; only candidate models can be promoted")
    with transaction(db):  # demote and promote together
        current = production_model(db)
        if current is not None:
            _set_stage(db, current["name"], "candidate", f"replaced by {name}")
        _set_stage(db, name, "production", note or "promoted")
    return get_model(db, name)


def archive_model(db: Database, name: str, note: str = "") -> dict[str, Any]:
    """Move ``name`` to ``archived``; returns its row.

    Raises :class:`RegistryError` for the production model (promote another one first).
    """
    model = get_model(db, name)
    if model["stage"] == "production":
        raise RegistryError(f"{name} is in production; promote another model before archiving it")
    if model["stage"] != "archived":
        with transaction(db):
            _set_stage(db, name, "archived", note or "archived")
    return get_model(db, name)
