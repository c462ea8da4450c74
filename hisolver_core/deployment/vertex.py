"""Deploy a registered model to a Vertex AI endpoint, undeploy it, roll back (google-cloud-aiplatform).

``Model.upload`` points at the model's artifacts in GCS and at a serving container: the project's
own image running ``hisolver serve`` (``HISOLVER_VERTEX_IMAGE``), or Vertex's prebuilt vLLM
container for a merged bf16 model (:func:`vllm_args`). The endpoint is the one already serving
(or ``HISOLVER_VERTEX_ENDPOINT``), else a new one. ``deploy`` sends N % of traffic to the new
model; the split before it is recorded, so :func:`rollback_vertex` undeploys the new model and
restores it exactly. After every deploy one prediction (the smoke test) runs; when it fails the
new model is undeployed again, so nothing stays deployed half-way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from ..config import Settings
from ..errors import ConfigError, HiSolverError
from ..models import get_model, previous_production, promote_model
from .local import model_to_deploy
from .records import DeployError, active_deployments, add_deployment, get_deployment, update_deployment
from .smoke import smoke_test

__all__ = [
    "VertexOptions",
    "check_vertex",
    "deploy_vertex",
    "undeploy_vertex",
    "rollback_vertex",
    "vllm_args",
    "serving_container",
]

log = logging.getLogger(__name__)

ENDPOINT_NAME = "hisolver-manim"
Progress = Callable[[int, int, str], None]


class VertexOptions(dict):
    """Machine and traffic of one deploy (a dict so pages and the CLI pass it through unchanged)."""

    DEFAULTS = {
        "machine_type": "g2-standard-8",
        "accelerator_type": "NVIDIA_L4",
        "accelerator_count": 1,
        "min_replicas": 1,
        "max_replicas": 1,
        "traffic": 100,
        "container": "hisolver",
    }

    def __init__(self, **values: Any) -> None:
        super().__init__({**self.DEFAULTS, **{k: v for k, v in values.items() if v is not None}})
        if not 1 <= int(self["traffic"]) <= 100:
            raise DeployError(f"traffic must be 1 to 100 percent, got {self['traffic']}")
        if not 1 <= int(self["min_replicas"]) <= int(self["max_replicas"]):
            raise DeployError("replicas: need 1 <= min replicas <= max replicas")
        if self["container"] not in ("hisolver", "vllm"):
            raise DeployError("container must be 'hisolver' (the project's image) or 'vllm' (Vertex's vLLM image)")
        if int(self["accelerator_count"]) == 0 or not self["accelerator_type"]:
            self["accelerator_type"], self["accelerator_count"] = None, 0


def vllm_args(model_uri: str, accelerator_count: int, max_model_len: int = 4096) -> list[str]:
    """Return the arguments of Vertex's prebuilt vLLM container for a merged bf16 model at ``model_uri``."""
    return [
        "--host=0.0.0.0",
        "--port=8080",
        f"--model={model_uri}",
        f"--tensor-parallel-size={max(1, accelerator_count)}",
        f"--max-model-len={max_model_len}",
        "--dtype=bfloat16",
        "--gpu-memory-utilization=0.9",
        "--disable-log-stats",
    ]


def _gcs_uri(settings: Settings, key: str) -> str:
    if key.startswith("gs://"):
        return key
    if settings.blob_backend != "gcs" or not settings.gcs_bucket:
        raise ConfigError(
            "a Vertex deploy reads the model from Cloud Storage: set HISOLVER_BLOB_BACKEND=gcs and "
            "HISOLVER_GCS_BUCKET (the models must be in the bucket)"
        )
    prefix = settings.gcs_prefix.strip("/")
    return f"gs://{settings.gcs_bucket}/" + (f"{prefix}/" if prefix else "") + key.lstrip("/")


def serving_container(settings: Settings, model: dict[str, Any], options: VertexOptions) -> dict[str, Any]:
    """Return ``Model.upload`` keyword arguments for ``model``; raises :class:`ConfigError` / :class:`DeployError`."""
    artifacts = model.get("artifacts") or {}
    if options["container"] == "vllm":
        if not artifacts.get("merged"):
            raise DeployError(
                f"{model['name']} has no merged artifact: Vertex's vLLM container needs a merged bf16 "
                "model (use the project's image for an adapter)"
            )
        uri = _gcs_uri(settings, artifacts["merged"])
        return {
            "artifact_uri": uri,
            "serving_container_image_uri": settings.vertex_vllm_image,
            "serving_container_command": ["python", "-m", "vllm.entrypoints.api_server"],
            "serving_container_args": vllm_args(uri, int(options["accelerator_count"])),
            "serving_container_ports": [8080],
            "serving_container_predict_route": "/generate",
            "serving_container_health_route": "/ping",
        }
    if not settings.vertex_image:
        raise ConfigError(
            "set HISOLVER_VERTEX_IMAGE to the project's image (it runs `hisolver serve`), or deploy a "
            "merged model with --container vllm"
        )
    return {
        "artifact_uri": _gcs_uri(settings, model["artifact_uri"]),
        "serving_container_image_uri": settings.vertex_image,
        "serving_container_command": ["hisolver"],
        "serving_container_args": ["serve", "--base-model", model["base_model"]],
        "serving_container_ports": [8080],
        "serving_container_predict_route": "/predict",
        "serving_container_health_route": "/health",
        "serving_container_environment_variables": {"HF_HUB_OFFLINE": "0"},
    }


def _require_project(settings: Settings) -> None:
    if not settings.vertex_project:
        raise ConfigError("a Vertex deploy needs HISOLVER_VERTEX_PROJECT (and HISOLVER_VERTEX_LOCATION)")


def _aiplatform(settings: Settings) -> Any:
    """Return the ``aiplatform`` module initialised for ``settings`` (the caller holds the init lock)."""
    _require_project(settings)
    try:
        from google.cloud import aiplatform
    except ImportError as exc:  # pragma: no cover - pinned in requirements
        raise DeployError("the 'google-cloud-aiplatform' package is not installed") from exc
    credentials = None
    if settings.vertex_api_endpoint.startswith("http://"):
        from google.auth.credentials import AnonymousCredentials

        credentials = AnonymousCredentials()  # a local stub or a private proxy
    aiplatform.init(
        project=settings.vertex_project,
        location=settings.vertex_location,
        credentials=credentials,
        api_endpoint=settings.vertex_api_endpoint or None,
        api_transport="rest",
    )
    return aiplatform


def _vendor(action: str, exc: Exception) -> DeployError:
    return DeployError(f"Vertex AI refused to {action}: {' '.join(str(exc).split())[:300]}")


def _endpoint(aiplatform: Any, settings: Settings, db: Database) -> Any:
    current = active_deployments(db, "vertex")
    name = current[0]["endpoint"] if current else settings.vertex_endpoint
    if name:
        return aiplatform.Endpoint(name)
    return aiplatform.Endpoint.create(display_name=ENDPOINT_NAME, sync=True)


def check_vertex(
    settings: Settings, db: Database, name: str | None = None, **options: Any
) -> tuple[dict[str, Any], VertexOptions, dict[str, Any]]:
    """Return (model row, options, ``Model.upload`` arguments) when a Vertex deploy can start; nothing is sent.

    Raises :class:`ConfigError` (no project, bucket or image), :class:`DeployError` (bad options,
    archived model) or ``ModelNotFound``.
    """
    _require_project(settings)
    model = model_to_deploy(db, name)
    opts = VertexOptions(**options)
    return model, opts, serving_container(settings, model, opts)


def deploy_vertex(
    settings: Settings, db: Database, name: str | None = None, progress: Progress | None = None, **options: Any
) -> dict[str, Any]:
    """Upload model ``name`` (default: production) to Vertex AI; deploy it with ``options`` (:class:`VertexOptions`).

    ``progress(done, total, message)`` hears each of the four steps (upload, endpoint, deploy, smoke test).

    Returns the deployment row: ``active`` with the smoke test's result and the endpoint's traffic,
    or ``failed`` with the reason (the new model undeployed again). Raises :class:`ConfigError`
    (no project, bucket or image) or :class:`DeployError` before anything is sent.
    """
    from ..llm.vertex_backend import VertexBackend, _init_lock, forget_endpoints

    model, opts, upload = check_vertex(settings, db, name, **options)
    step = progress or (lambda done, total, message: None)
    with _init_lock:
        aiplatform = _aiplatform(settings)
        row = add_deployment(db, model["name"], "vertex", config=dict(opts))
        try:
            step(0, 4, f"uploading {model['name']} ({opts['container']} container)")
            uploaded = aiplatform.Model.upload(
                display_name=model["name"], labels={"hisolver-run": _label(model["run_id"])}, sync=True, **upload
            )
            step(1, 4, "finding or creating the endpoint")
            endpoint = _endpoint(aiplatform, settings, db)
            before = dict(endpoint.traffic_split)
            row = update_deployment(
                db,
                row["id"],
                vertex_model=uploaded.resource_name,
                endpoint=endpoint.resource_name,
                previous_traffic=before,
            )
            step(2, 4, f"deploying to {endpoint.resource_name} with {opts['traffic']}% of traffic")
            uploaded.deploy(
                endpoint=endpoint,
                deployed_model_display_name=model["name"],
                machine_type=opts["machine_type"],
                accelerator_type=opts["accelerator_type"],
                accelerator_count=opts["accelerator_count"] or None,
                min_replica_count=int(opts["min_replicas"]),
                max_replica_count=int(opts["max_replicas"]),
                traffic_percentage=int(opts["traffic"]),
                sync=True,
            )
            deployed = [d.id for d in endpoint.list_models() if d.model == uploaded.resource_name]
            row = update_deployment(
                db, row["id"], deployed_model_id=deployed[-1] if deployed else "", traffic=dict(endpoint.traffic_split)
            )
        except HiSolverError:
            raise
        except Exception as exc:  # vendor errors: recorded and translated
            update_deployment(db, row["id"], status="failed", error=str(_vendor("deploy", exc)))
            raise _vendor("deploy", exc) from exc
    forget_endpoints()  # the vertex backend builds its client again for the new endpoint
    step(3, 4, "smoke test: one prediction")
    ok, detail = smoke_test(VertexBackend(settings.replace(vertex_endpoint=row["endpoint"])))
    if not ok:
        try:
            split = _undeploy(settings, row)
        except DeployError as exc:  # still deployed: say so, so it can be undeployed by hand
            return update_deployment(
                db,
                row["id"],
                status="undeploy_failed",
                smoke_ok=0,
                smoke_detail=detail,
                error=f"the smoke test failed and undeploying failed too ({exc}): "
                f"run `hisolver deploy undeploy {row['id']}` once Vertex answers",
            )
        return update_deployment(
            db,
            row["id"],
            status="failed",
            smoke_ok=0,
            smoke_detail=detail,
            traffic=split,
            error="the smoke test failed: the new model was undeployed and the traffic restored",
        )
    log.info("deployed %s to %s with %s%% of traffic", model["name"], row["endpoint"], opts["traffic"])
    step(4, 4, f"{model['name']} serves {opts['traffic']}% of {row['endpoint']}; smoke test passed")
    return update_deployment(db, row["id"], status="active", smoke_ok=1, smoke_detail=detail)


def _label(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text.lower())[:63]


def _undeploy(settings: Settings, row: dict[str, Any]) -> dict[str, int]:
    """Undeploy ``row``'s model, giving the endpoint back its previous split; return the split now."""
    from ..llm.vertex_backend import _init_lock, forget_endpoints

    with _init_lock:
        aiplatform = _aiplatform(settings)
        try:
            endpoint = aiplatform.Endpoint(row["endpoint"])
            current = dict(endpoint.traffic_split)
            restore: dict | None = {
                k: v for k, v in row["previous_traffic"].items() if k != row["deployed_model_id"] and k in current
            }
            # the split from before the deploy, when its models are all still there; else the SDK rescales the rest
            restore = restore if restore and sum(restore.values()) == 100 else None
            if row["deployed_model_id"]:
                endpoint.undeploy(row["deployed_model_id"], traffic_split=restore)
            split = dict(endpoint.traffic_split)
        except Exception as exc:  # vendor errors
            raise _vendor("undeploy", exc) from exc
    forget_endpoints()
    return split


def undeploy_vertex(settings: Settings, db: Database, deployment_id: int) -> dict[str, Any]:
    """Undeploy one Vertex deployment, restoring the traffic it found; return the row (``undeployed``).

    Raises :class:`DeployError` for a deployment that is not an active Vertex one (or one whose
    undeploy after a failed smoke test failed: ``undeploy_failed``).
    """
    row = get_deployment(db, deployment_id)
    if row["target"] != "vertex" or row["status"] not in ("active", "undeploy_failed"):
        raise DeployError(
            f"deployment {deployment_id} is not an active Vertex deployment ({row['target']}, {row['status']})"
        )
    split = _undeploy(settings, row)
    return update_deployment(db, deployment_id, status="undeployed", traffic=split)


def rollback_vertex(settings: Settings, db: Database) -> dict[str, Any]:
    """Undo the newest active Vertex deployment: undeploy it and restore the traffic split from before it.

    The model that was in production before goes back to production. Returns the rolled-back row;
    raises :class:`DeployError` when nothing is deployed to Vertex.
    """
    current = active_deployments(db, "vertex")
    if not current:
        raise DeployError("nothing is deployed to Vertex AI: there is nothing to roll back")
    row = current[0]
    split = _undeploy(settings, row)
    row = update_deployment(db, row["id"], status="rolled_back", traffic=split)
    _restore_production(db, row["model"])
    return row


def _restore_production(db: Database, model: str) -> None:
    if get_model(db, model)["stage"] != "production":
        return
    previous = previous_production(db)
    if previous is not None and previous["stage"] != "archived":
        promote_model(db, previous["name"], note=f"rollback of {model}")
