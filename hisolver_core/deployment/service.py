"""Settings-level entry points for the Deploy page and scripts: each opens the store, does one thing, closes it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlite_utils import Database

from ..config import Settings

__all__ = ["deploy_overview", "set_stage", "deploy_model", "submit_deploy", "rollback", "undeploy"]


@contextmanager
def _store(settings: Settings) -> Iterator[Database]:
    from ..db import open_db

    db = open_db(settings)
    try:
        yield db
    finally:
        db.close()


def deploy_overview(settings: Settings) -> dict[str, Any]:
    """Return ``{"models": [...], "deployments": [...], "active": {"local": row|None, "vertex": row|None}}``."""
    from ..models import list_models
    from .records import active_deployments, list_deployments

    with _store(settings) as db:
        active = {t: next(iter(active_deployments(db, t)), None) for t in ("local", "vertex")}
        return {"models": list_models(db), "deployments": list_deployments(db), "active": active}


def set_stage(settings: Settings, name: str, stage: str) -> dict[str, Any]:
    """Promote (``production``) or archive (``archived``) model ``name``; return its row.

    Raises :class:`~hisolver_core.models.RegistryError` / ``ModelNotFound``.
    """
    from ..models import archive_model, promote_model

    with _store(settings) as db:
        return promote_model(db, name) if stage == "production" else archive_model(db, name)


def deploy_model(settings: Settings, name: str, target: str, **options: Any) -> dict[str, Any]:
    """Deploy ``name`` to ``target`` (``local`` or ``vertex`` with :class:`VertexOptions`); return the deployment.

    Raises what :func:`deploy_local` / :func:`deploy_vertex` raise.
    """
    from .local import deploy_local
    from .vertex import deploy_vertex

    with _store(settings) as db:
        if target == "local":
            from ..blobs import open_blob_store

            return deploy_local(settings, db, open_blob_store(settings), name)
        return deploy_vertex(settings, db, name, **options)


def rollback(settings: Settings, target: str) -> dict[str, Any]:
    """Roll back the newest ``target`` deployment; return the row now serving (local) or rolled back (Vertex)."""
    from .local import rollback_local
    from .vertex import rollback_vertex

    with _store(settings) as db:
        return rollback_local(db) if target == "local" else rollback_vertex(settings, db)


def undeploy(settings: Settings, deployment_id: int) -> dict[str, Any]:
    """Undeploy one Vertex deployment; return its row."""
    from .vertex import undeploy_vertex

    with _store(settings) as db:
        return undeploy_vertex(settings, db, deployment_id)


def submit_deploy(settings: Settings, name: str, target: str, **options: Any) -> int:
    """Run ``hisolver deploy TARGET NAME ...`` as a local job (a Vertex deploy takes minutes); return its id.

    ``options`` are :class:`VertexOptions` fields. The deploy is checked here first (project,
    bucket, image, options), so it is refused before any job exists. Raises ``ConfigError``,
    :class:`DeployError`, ``ModelNotFound`` or ``JobError``.
    """
    from ..jobs import JobSpec, submit_job
    from .vertex import check_vertex

    args = ["deploy", target, name]
    if target == "vertex":
        with _store(settings) as db:
            _, opts, _ = check_vertex(settings, db, name, **options)  # refuse now, not minutes later in the job
        flags = {
            "machine_type": "--machine-type",
            "accelerator_type": "--accelerator",
            "accelerator_count": "--accelerator-count",
            "min_replicas": "--min-replicas",
            "max_replicas": "--max-replicas",
            "traffic": "--traffic",
            "container": "--container",
        }
        for key, value in opts.items():
            args += [flags[key], "" if value is None else str(value)]
    spec = JobSpec(kind="deploy", args=tuple(args), params={"model": name, "target": target, **options})
    return submit_job(settings, spec, runner="local")  # the job only talks to Vertex: no machine of its own
