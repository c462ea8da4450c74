"""Submit a pipeline run to Vertex AI Pipelines and poll its state into the run record.

``aiplatform.PipelineJob(template_path=..., pipeline_root="gs://.../pipeline_root",
parameter_values=...).submit()`` over the REST transport (a local stub in
tests). The run keeps the PipelineJob's resource name and console link; each
refresh copies the job's state and its tasks' states into the run and steps.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from contextlib import closing
from pathlib import Path
from typing import Any

from ..config import Settings
from ..db import open_db, utcnow
from ..errors import ConfigError
from .kfp_spec import PARAMETERS, compile_pipeline, read_template, task_step
from .records import create_run, get_run, update_run, update_step
from .steps import PipelineError, check_part

log = logging.getLogger(__name__)

__all__ = ["STATES", "pipeline_root", "check_vertex", "submit_vertex", "refresh_vertex_run"]

# PipelineState / task state name -> our status
STATES = {
    "PIPELINE_STATE_QUEUED": "queued", "PIPELINE_STATE_PENDING": "queued", "PIPELINE_STATE_UNSPECIFIED": "queued",
    "PIPELINE_STATE_RUNNING": "running", "PIPELINE_STATE_CANCELLING": "running", "PIPELINE_STATE_PAUSED": "running",
    "PIPELINE_STATE_SUCCEEDED": "succeeded", "PIPELINE_STATE_FAILED": "failed", "PIPELINE_STATE_CANCELLED": "cancelled",
}  # fmt: skip
TASK_STATES = {"PENDING": "pending", "RUNNING": "running", "SUCCEEDED": "succeeded", "SKIPPED": "skipped",
               "FAILED": "failed", "CANCELLED": "failed", "CANCEL_PENDING": "running", "CANCELLING": "running",
               "NOT_TRIGGERED": "pending"}  # fmt: skip
_lock = threading.Lock()  # aiplatform.init sets process-wide state


def pipeline_root(settings: Settings) -> str:
    """``HISOLVER_PIPELINE_ROOT``, else ``<HISOLVER_VERTEX_STAGING_BUCKET>/pipeline_root``, else empty."""
    if settings.pipeline_root:
        return settings.pipeline_root.rstrip("/")
    if settings.vertex_staging_bucket:
        return settings.vertex_staging_bucket.rstrip("/") + "/pipeline_root"
    return ""


def check_vertex(settings: Settings, needs_image: bool = True) -> None:
    """Raise :class:`ConfigError` naming the setting to set when the project, bucket or image is missing."""
    if not settings.vertex_project:
        raise ConfigError("a Vertex AI pipeline needs a project: set HISOLVER_VERTEX_PROJECT")
    root = pipeline_root(settings)
    if not root.startswith("gs://") or not root.removeprefix("gs://").split("/", 1)[0]:
        raise ConfigError(
            "a Vertex AI pipeline needs a bucket for its outputs: set HISOLVER_PIPELINE_ROOT "
            "(gs://BUCKET/pipeline_root) or HISOLVER_VERTEX_STAGING_BUCKET"
        )
    if needs_image and not settings.vertex_image:
        raise ConfigError("a Vertex AI pipeline needs the project's container image: set HISOLVER_VERTEX_IMAGE")


def _init(settings: Settings) -> Any:
    from google.cloud import aiplatform

    credentials = None
    if settings.vertex_api_endpoint.startswith("http://"):  # a local stub or a private proxy
        from google.auth.credentials import AnonymousCredentials

        credentials = AnonymousCredentials()
    aiplatform.init(project=settings.vertex_project, location=settings.vertex_location, credentials=credentials,
                    api_endpoint=settings.vertex_api_endpoint or None, api_transport="rest")  # fmt: skip
    return aiplatform


def _values(part: str, params: dict[str, Any]) -> dict[str, Any]:
    """The pipeline parameters of ``part`` that ``params`` gives (the others keep their defaults)."""
    return {k: params[k] for k in PARAMETERS[part] if params.get(k) not in (None, "")}


def submit_vertex(
    settings: Settings, part: str, params: dict[str, Any], template: str | None = None, **machine: Any
) -> dict[str, Any]:
    """Compile ``part`` (or use the compiled ``template``), submit it, record the run; return the run.

    Everything is checked before the run is recorded. Raises :class:`ConfigError`
    without a project, bucket or image, :class:`PipelineError` when the file
    does not compile or is not a pipeline, or when Vertex AI refuses the job
    (the run is then recorded as failed with the reason).
    """
    check_part(part)
    if params.get("source"):
        raise PipelineError("a local folder cannot be collected on Vertex AI: search GitHub (--query) instead")
    if params.get("deploy_target") == "local":
        raise PipelineError("a Vertex AI pipeline cannot deploy to this machine: use deploy target vertex or registry")
    if params.get("reuse_dataset"):
        raise PipelineError("on Vertex AI part 2 makes its dataset version: give a new version name")
    check_vertex(settings, needs_image=template is None)
    with tempfile.TemporaryDirectory(prefix="hisolver-pipeline-") as tmp:
        if template is None:
            template = str(compile_pipeline(part, Path(tmp) / f"{part}.yaml", settings.vertex_image, **machine))
        spec = read_template(template)
        name = spec["pipelineInfo"].get("name", "")
        if name != f"hisolver-{part}":
            raise PipelineError(f"{template} is the pipeline {name!r}, not hisolver-{part}")
        with closing(open_db(settings)) as db:
            run_id = create_run(db, part, params, runner="vertex")
            try:
                with _lock:
                    aiplatform = _init(settings)
                    job = aiplatform.PipelineJob(
                        display_name=f"hisolver-{part}-run-{run_id}", template_path=template,
                        pipeline_root=pipeline_root(settings), parameter_values=_values(part, params),
                        enable_caching=False, project=settings.vertex_project, location=settings.vertex_location,
                    )  # fmt: skip
                    job.submit(service_account=settings.vertex_service_account or None)
                    state = job._gca_resource.state.name  # as created: ``job.state`` would ask again
                    changes = {"external_id": job.resource_name, "console_url": job._dashboard_uri()}
            except Exception as exc:  # the SDK raises google.api_core errors, ValueError, RuntimeError ...
                update_run(db, run_id, status="failed", error=f"Vertex AI refused the pipeline: {exc}",
                           finished_at=utcnow())  # fmt: skip
                raise PipelineError(f"Vertex AI refused pipeline run {run_id}: {exc}") from exc
            update_run(db, run_id, status=STATES.get(state, "running"), remote_state=state, started_at=utcnow(),
                       **changes)  # fmt: skip
            log.info("pipeline run %d submitted to Vertex AI as %s", run_id, changes["external_id"])
            return get_run(db, run_id)


def refresh_vertex_run(settings: Settings, run_id: int) -> dict[str, Any]:
    """Copy the Vertex AI state of run ``run_id`` (and its tasks') into the record; return the run.

    Finished runs are returned as they are. Raises :class:`PipelineError` when
    the run is not a Vertex run or the state cannot be read.
    """
    with closing(open_db(settings)) as db:
        run = get_run(db, run_id)
        if run["runner"] != "vertex" or not run["external_id"]:
            raise PipelineError(f"pipeline run {run_id} is not a submitted Vertex AI run")
        if run["status"] in ("succeeded", "failed", "cancelled"):
            return run
        try:
            with _lock:
                resource = _init(settings).PipelineJob.get(run["external_id"])._gca_resource  # one GET
                state = resource.state.name
                tasks = list(resource.job_detail.task_details)
                error = resource.error.message if resource.error else ""
        except Exception as exc:
            raise PipelineError(f"cannot read the state of pipeline run {run_id} from Vertex AI: {exc}") from exc
        status = STATES.get(state, "running")
        names = {s["name"] for s in run["steps"]}
        for task in tasks:
            step = task_step(task.task_name)
            if step in names:
                update_step(db, run_id, step, status=TASK_STATES.get(task.state.name, "pending"),
                            error=task.error.message or None)  # fmt: skip
        changes: dict[str, Any] = {"remote_state": state, "status": status}
        if status in ("succeeded", "failed", "cancelled"):
            changes["finished_at"] = utcnow()
        if status == "failed":
            changes["error"] = error or "the Vertex AI pipeline failed: see its console page"
        update_run(db, run_id, **changes)
        return get_run(db, run_id)
