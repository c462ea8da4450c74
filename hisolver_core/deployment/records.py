"""The ``deployments`` table: one row per deploy of a registered model, locally or to Vertex AI.

Statuses: ``deploying`` (in progress), ``active`` (serving), ``failed`` (the deploy or its smoke
test failed; nothing stays deployed), ``replaced`` (a later local deploy took over),
``undeployed``, ``rolled_back``, and ``undeploy_failed`` (a failed smoke test whose undeploy failed
too: the model may still serve; ``hisolver deploy undeploy ID`` retries).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, cast

from sqlite_utils import Database

from ..config import Settings
from ..db import transaction, utcnow
from ..errors import HiSolverError, NotFoundError

__all__ = [
    "DeployError",
    "DeploymentNotFound",
    "add_deployment",
    "update_deployment",
    "get_deployment",
    "list_deployments",
    "active_deployments",
    "read_active",
]

_JSON = ("traffic", "previous_traffic", "config")


class DeployError(HiSolverError):
    """A deploy, undeploy or rollback cannot be done; the message says why and what to do."""


class DeploymentNotFound(NotFoundError):
    """No deployment has that id."""


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for key in _JSON:
        out[key] = json.loads(row.get(key) or "{}")
    return out


def add_deployment(db: Database, model: str, target: str, **fields: Any) -> dict[str, Any]:
    """Insert a ``deploying`` row for ``model`` on ``target`` (``local`` | ``vertex``); return it."""
    now = utcnow()
    row = {
        "model": model,
        "target": target,
        "status": "deploying",
        "endpoint": "",
        "deployed_model_id": "",
        "vertex_model": "",
        "smoke_ok": None,
        "smoke_detail": "",
        "error": "",
        "created_at": now,
        "updated_at": now,
    }
    row.update({k: (json.dumps(v) if k in _JSON else v) for k, v in fields.items()})
    for key in _JSON:
        row.setdefault(key, "{}")
    with transaction(db):
        pk = cast(int, db.table("deployments").insert(row).last_pk)
    return get_deployment(db, pk)


def update_deployment(db: Database, deployment_id: int, **fields: Any) -> dict[str, Any]:
    """Change some columns of one deployment; return the row."""
    values = {k: (json.dumps(v) if k in _JSON else v) for k, v in fields.items()}
    values["updated_at"] = utcnow()
    with transaction(db):
        db.table("deployments").update(deployment_id, values)
    return get_deployment(db, deployment_id)


def get_deployment(db: Database, deployment_id: int) -> dict[str, Any]:
    """Return one deployment; raises :class:`DeploymentNotFound`."""
    rows = list(db.table("deployments").rows_where("id = ?", [deployment_id]))
    if not rows:
        raise DeploymentNotFound(f"no deployment {deployment_id}; `hisolver deploy list` shows them")
    return _decode(rows[0])


def list_deployments(db: Database, target: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Return deployments, newest first, optionally only one ``target``."""
    where, args = ("target = ?", [target]) if target else (None, [])
    return [_decode(r) for r in db.table("deployments").rows_where(where, args, order_by="id desc", limit=limit)]


def active_deployments(db: Database, target: str) -> list[dict[str, Any]]:
    """Return the ``active`` deployments of ``target``, newest first."""
    return [
        _decode(r)
        for r in db.table("deployments").rows_where("target = ? and status = 'active'", [target], order_by="id desc")
    ]


def read_active(settings: Settings, target: str) -> dict[str, Any] | None:
    """Return the newest active deployment of ``target`` without migrating or creating the database.

    Cheap enough for every backend lookup: None when there is no database, table or deployment.
    """
    if not settings.db_path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{settings.db_path}?mode=ro", uri=True, timeout=5)
        try:
            conn.row_factory = sqlite3.Row
            row = conn.execute(
                "select * from deployments where target = ? and status = 'active' order by id desc limit 1", [target]
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:  # no deployments table yet (an old database): nothing is deployed
        return None
    return _decode(dict(row)) if row else None
