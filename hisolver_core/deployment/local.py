"""Deploy a registered model locally, and the settings resolution that makes the app use it.

"Deploy locally" copies the model's artifacts out of the blob store into
``data_dir/cache/models/<name>/``, smoke-tests them through the ``local`` backend (a worker
process), and only then records the deployment ``active`` (the previous one becomes
``replaced``). :func:`deployed_settings` fills ``local_model_path`` / ``local_adapter_path`` (and
``vertex_endpoint``) from the active deployments when those settings are unset; the backend
registry calls it on every lookup, and pages rebuild settings each rerun, so the app switches
models without a restart. Explicit settings always win.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlite_utils import Database

from ..blobs import BlobStore
from ..config import Settings
from ..db import transaction
from ..models import get_model, production_model
from .records import DeployError, active_deployments, add_deployment, list_deployments, read_active, update_deployment
from .smoke import smoke_test

__all__ = ["deploy_local", "deployed_settings", "model_to_deploy", "rollback_local"]

log = logging.getLogger(__name__)


def model_to_deploy(db: Database, name: str | None) -> dict[str, Any]:
    """Return the registry row to deploy: ``name``, or the production model when ``name`` is None.

    Raises :class:`ModelNotFound`, or :class:`DeployError` when there is no production model or
    the model is archived.
    """
    if name:
        model = get_model(db, name)
    else:
        production = production_model(db)
        if production is None:
            raise DeployError("no model is in production: promote one (hisolver model promote NAME) or name it")
        model = production
    if model["stage"] == "archived":
        raise DeployError(f"{model['name']} is archived; promote or register another model to deploy")
    return model


def deploy_local(settings: Settings, db: Database, blobs: BlobStore, name: str | None = None) -> dict[str, Any]:
    """Make model ``name`` (default: the production model) the one the ``local`` backend uses.

    Returns the deployment row (``active`` with its smoke test, or ``failed`` with the reason,
    in which case the previous local deployment stays active). Raises :class:`DeployError` /
    :class:`ModelNotFound` before anything is recorded when the model cannot be deployed at all.
    """
    from ..llm.local_backend import LocalBackend
    from ..serving import ServeError, fetch_registered

    model = model_to_deploy(db, name)
    try:
        files = fetch_registered(settings, blobs, model)
    except ServeError as exc:
        raise DeployError(f"{model['name']} cannot be deployed: {exc}") from exc
    if not files.model_is_folder:
        raise DeployError(
            f"{model['name']}'s base model {files.model_path!r} is not a local folder: the local backend "
            "needs one (copy it here, or register a merged model)"
        )
    config = {"model_path": files.model_path, "adapter_path": files.adapter_path or ""}
    row = add_deployment(db, model["name"], "local", config=config)
    try:
        backend = LocalBackend(
            settings.replace(
                local_model_path=files.model_path,
                local_adapter_path=files.adapter_path or "",
                local_max_new_tokens=min(64, settings.local_max_new_tokens),
            )
        )
        ok, detail = smoke_test(backend)
    except Exception as exc:  # a backend that cannot even start is a failed deploy, not a crash
        ok, detail = False, f"the local backend could not start: {exc}"
    if not ok:
        log.warning("local deploy of %s failed its smoke test: %s", model["name"], detail)
        return update_deployment(
            db,
            row["id"],
            status="failed",
            smoke_ok=0,
            smoke_detail=detail,
            error="the smoke test failed; the previous deployment stays active",
        )
    with transaction(db):
        for previous in active_deployments(db, "local"):
            update_deployment(db, previous["id"], status="replaced")
        row = update_deployment(db, row["id"], status="active", smoke_ok=1, smoke_detail=detail)
    log.info("deployed %s locally", model["name"])
    return row


def deployed_settings(settings: Settings) -> Settings:
    """Return ``settings`` with the active deployments filled in where the settings leave them unset.

    ``local_model_path`` / ``local_adapter_path`` come from the active local deployment and
    ``vertex_endpoint`` from the active Vertex one. Never raises (no database = nothing deployed).
    """
    changes: dict[str, Any] = {}
    if not settings.local_model_path:
        local = read_active(settings, "local")
        if local and local["config"].get("model_path"):
            changes["local_model_path"] = local["config"]["model_path"]
            changes["local_adapter_path"] = local["config"].get("adapter_path", "")
    if not settings.vertex_endpoint:
        vertex = read_active(settings, "vertex")
        if vertex and vertex["endpoint"]:
            changes["vertex_endpoint"] = vertex["endpoint"]  # a full resource name: project and region included
    return settings.replace(**changes) if changes else settings


def rollback_local(db: Database) -> dict[str, Any]:
    """Make the local deployment before the active one active again; return it.

    Raises :class:`DeployError` when there is no earlier local deployment to go back to.
    """
    current = active_deployments(db, "local")
    previous = [
        r
        for r in list_deployments(db, "local")
        if r["status"] == "replaced" and (not current or r["id"] < current[0]["id"])
    ]
    if not previous:
        raise DeployError("there is no earlier local deployment to roll back to")
    with transaction(db):
        for row in current:
            update_deployment(db, row["id"], status="rolled_back")
        return update_deployment(db, previous[0]["id"], status="active")
