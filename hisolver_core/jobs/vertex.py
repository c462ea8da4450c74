"""The Vertex AI runner: a job is a ``CustomJob`` running this project's image with the same ``hisolver`` command.

One worker pool (one replica) runs ``hisolver <args>`` in ``HISOLVER_VERTEX_IMAGE``
on the spec's machine and accelerator; ``HISOLVER_VERTEX_STAGING_BUCKET`` is the
staging bucket and ``<bucket>/jobs/<id>`` the ``base_output_dir`` (Vertex sets
``AIP_MODEL_DIR`` under it). Inside the job the blob store is GCS. Submission
returns at once (``submit()``, never ``run()``); :func:`poll_jobs` copies the
state into the row. Only non-secret settings travel in the job's environment:
the console shows it to anyone who can see the job.
"""

from __future__ import annotations

import logging
import threading
from typing import Any
from urllib.parse import quote

from ..config import Settings
from ..errors import ConfigError, JobError
from .spec import JobSpec

log = logging.getLogger(__name__)

__all__ = ["STATES", "VertexRunner"]

# Vertex JobState name -> our status
STATES = {
    "JOB_STATE_QUEUED": "queued", "JOB_STATE_PENDING": "queued", "JOB_STATE_UNSPECIFIED": "queued",
    "JOB_STATE_RUNNING": "running", "JOB_STATE_CANCELLING": "running", "JOB_STATE_UPDATING": "running",
    "JOB_STATE_PAUSED": "running", "JOB_STATE_SUCCEEDED": "succeeded", "JOB_STATE_FAILED": "failed",
    "JOB_STATE_PARTIALLY_SUCCEEDED": "failed", "JOB_STATE_EXPIRED": "failed", "JOB_STATE_CANCELLED": "cancelled",
}  # fmt: skip
# aiplatform.init sets process-wide state: hold this while it and the calls that read it run
_lock = threading.Lock()


def _bucket_name(uri: str) -> str:
    return uri.removeprefix("gs://").split("/", 1)[0]


class VertexRunner:
    """Runs jobs as Vertex AI custom jobs (google-cloud-aiplatform over the REST transport)."""

    name = "vertex"

    def __init__(self, settings: Settings) -> None:
        """Use ``settings`` for the project, region, image, bucket and API endpoint."""
        self.settings = settings

    def check(self, spec: JobSpec) -> None:
        """Raise :class:`ConfigError` naming the setting to set when the image, bucket or project is missing."""
        s = self.settings
        if not s.vertex_image:
            raise ConfigError("a Vertex AI job needs the project's container image: set HISOLVER_VERTEX_IMAGE")
        if not s.vertex_staging_bucket.startswith("gs://") or not _bucket_name(s.vertex_staging_bucket):
            raise ConfigError(
                "a Vertex AI job needs a staging bucket: set HISOLVER_VERTEX_STAGING_BUCKET to gs://BUCKET"
            )
        if not s.vertex_project:
            raise ConfigError("a Vertex AI job needs a project: set HISOLVER_VERTEX_PROJECT")
        if spec.accelerator_count and not spec.accelerator_type:
            raise JobError("an accelerator count needs an accelerator type, e.g. NVIDIA_L4")

    def _init(self) -> Any:
        from google.cloud import aiplatform

        credentials = None
        if self.settings.vertex_api_endpoint.startswith("http://"):  # a local stub or a private proxy
            from google.auth.credentials import AnonymousCredentials

            credentials = AnonymousCredentials()
        aiplatform.init(
            project=self.settings.vertex_project, location=self.settings.vertex_location, credentials=credentials,
            api_endpoint=self.settings.vertex_api_endpoint or None, api_transport="rest",
            staging_bucket=self.settings.vertex_staging_bucket,
        )  # fmt: skip
        return aiplatform

    def job_env(self, spec: JobSpec) -> dict[str, str]:
        """The job container's environment: the spec's own, plus a GCS blob store (no secrets)."""
        env = dict(spec.env)
        env.update({
            "HISOLVER_BLOB_BACKEND": "gcs",
            "HISOLVER_GCS_BUCKET": self.settings.gcs_bucket or _bucket_name(self.settings.vertex_staging_bucket),
            "HISOLVER_GCS_PREFIX": self.settings.gcs_prefix,
            "HISOLVER_JOB_RUNNER": "local",  # work the job starts itself stays on its machine
            "PYTHONUNBUFFERED": "1", "TQDM_DISABLE": "1",
        })  # fmt: skip
        return {k: v for k, v in env.items() if v}

    def worker_pool_specs(self, spec: JobSpec) -> list[dict[str, Any]]:
        """The single worker pool: machine, accelerator, and ``hisolver <args>`` in the project's image."""
        machine: dict[str, Any] = {"machine_type": spec.machine_type or "n1-standard-4"}
        if spec.accelerator_type:
            machine["accelerator_type"] = spec.accelerator_type
            machine["accelerator_count"] = spec.accelerator_count or 1
        return [{
            "machine_spec": machine,
            "replica_count": 1,
            "container_spec": {
                "image_uri": self.settings.vertex_image, "command": ["hisolver"], "args": list(spec.args),
                "env": [{"name": k, "value": v} for k, v in sorted(self.job_env(spec).items())],
            },
        }]  # fmt: skip

    def submit(self, job_id: int, spec: JobSpec) -> dict[str, Any]:
        """Create the custom job (returns once Vertex has accepted it); return its name and links."""
        self.check(spec)
        staging = self.settings.vertex_staging_bucket.rstrip("/")
        try:
            with _lock:
                aiplatform = self._init()
                job = aiplatform.CustomJob(
                    display_name=f"hisolver-{spec.kind}-{job_id}", worker_pool_specs=self.worker_pool_specs(spec),
                    base_output_dir=f"{staging}/jobs/{job_id}", staging_bucket=staging,
                    labels={"hisolver-job": str(job_id), "hisolver-kind": spec.kind},
                )  # fmt: skip
                job.submit(service_account=self.settings.vertex_service_account or None)
                name, console = job.resource_name, job._dashboard_uri()
        except Exception as exc:
            raise JobError(f"Vertex AI did not accept the job: {_reason(exc)}") from exc
        job_num = name.rsplit("/", 1)[-1]
        project = self.settings.vertex_project
        logs = (
            "https://console.cloud.google.com/logs/query;query="
            + quote(f'resource.type="ml_job" resource.labels.job_id="{job_num}"')
            + f"?project={project}"
        )
        log.info("job %d submitted to Vertex AI as %s", job_id, name)
        return {"external_id": name, "console_url": console, "log_url": logs, "message": "submitted to Vertex AI"}

    def _get(self, row: dict[str, Any]) -> Any:
        with _lock:
            aiplatform = self._init()
            return aiplatform.CustomJob.get(row["external_id"])

    def status(self, row: dict[str, Any]) -> dict[str, Any]:
        """Read the custom job's state; return the row changes (status, message, times)."""
        from ..db import utcnow

        try:
            job = self._get(row)
            resource = job.gca_resource
        except Exception as exc:
            raise JobError(f"cannot read Vertex AI job {row['external_id']}: {_reason(exc)}") from exc
        status = STATES.get(resource.state.name, "running")
        changes: dict[str, Any] = {}
        if status != row["status"]:
            changes["status"] = status
        if status == "running" and not row.get("started_at"):
            changes["started_at"] = utcnow()
        if status in ("succeeded", "failed", "cancelled"):
            changes["finished_at"] = utcnow()
            error = resource.error.message if resource.error and resource.error.message else ""
            changes["message"] = {"succeeded": "done", "cancelled": "cancelled"}.get(status) or (
                f"Vertex AI: {error}" if error else f"Vertex AI ended the job as {resource.state.name}"
            )
            if status == "succeeded":
                changes["progress"] = 1.0
        elif status == "running" and row.get("message") in (None, "", "queued", "submitted to Vertex AI"):
            changes["message"] = "running on Vertex AI"
        return changes

    def logs(self, row: dict[str, Any], tail_lines: int | None = None) -> str:
        """Vertex keeps the job's output in Cloud Logging: return where, and the state recorded here."""
        job = row.get("external_id") or "(not submitted)"
        lines = [f"Vertex AI job {job}: {row['status']}. {row.get('message') or ''}".rstrip()]
        if row.get("log_url"):
            lines.append(f"Logs (Cloud Logging): {row['log_url']}")
        if row.get("console_url"):
            lines.append(f"Console: {row['console_url']}")
        return "\n".join(lines) + "\n"

    def cancel(self, row: dict[str, Any]) -> None:
        """Ask Vertex AI to cancel the job; raises :class:`JobError` when the API refuses."""
        if not row.get("external_id"):
            return
        try:
            job = self._get(row)
            with _lock:
                job.cancel()
        except Exception as exc:
            raise JobError(f"Vertex AI did not cancel job {row['external_id']}: {_reason(exc)}") from exc


def _reason(exc: Exception) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return message.splitlines()[0][:300]
