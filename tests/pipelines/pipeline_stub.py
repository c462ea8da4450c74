"""PipelineJob routes for the shared Vertex AI REST stub (tests/jobs/vertex_stub.py), plus the bucket check.

``add_pipeline_routes(stub)`` serves PipelineJob create and get, and the bucket
calls ``PipelineJob.submit`` makes (through ``STORAGE_EMULATOR_HOST``) for the
pipeline root: is there a bucket, create it, give the run's service account
access (a new bucket keeps the SDK from asking Resource Manager, which no stub
serves, whether an existing bucket belongs to the project). A
pipeline job walks through ``stub.pipeline_script`` one state per ``GET``;
its tasks follow: all running, then all succeeded, or the last one failed.
"""

from __future__ import annotations

import re
from typing import Any

# the container image the pipeline tests configure (settings.vertex_image)
IMAGE = "us-docker.pkg.dev/proj/hisolver/app:test"

PIPELINE_STATES = {
    "PIPELINE_STATE_QUEUED": 1, "PIPELINE_STATE_PENDING": 2, "PIPELINE_STATE_RUNNING": 3,
    "PIPELINE_STATE_SUCCEEDED": 4, "PIPELINE_STATE_FAILED": 5, "PIPELINE_STATE_CANCELLED": 7,
}  # fmt: skip
TASK_STATES = {"PENDING": 1, "RUNNING": 2, "SUCCEEDED": 3, "FAILED": 7}
FAIL_MESSAGE = "The DAG failed because some tasks failed. The failed tasks are: [hisolver-train]."
_PARENT = r"/v1(?:beta1)?/(projects/[^/]+/locations/[^/]+)"


def _tasks(body: dict, state: str) -> list[dict]:
    names = list(body.get("pipelineSpec", {}).get("root", {}).get("dag", {}).get("tasks", {}))
    per = {"PIPELINE_STATE_RUNNING": "RUNNING", "PIPELINE_STATE_SUCCEEDED": "SUCCEEDED"}.get(state, "PENDING")
    tasks = [{"taskName": n, "state": TASK_STATES[per]} for n in names]
    if state == "PIPELINE_STATE_FAILED" and tasks:
        for t in tasks:
            t["state"] = TASK_STATES["SUCCEEDED"]
        tasks[-1] = {"taskName": names[-1], "state": TASK_STATES["FAILED"], "error": {"code": 9, "message": "exit 1"}}
    return tasks


def _job(stub: Any, name: str, state: str) -> dict:
    job = dict(stub.pipeline_jobs[name], state=PIPELINE_STATES[state])
    job["jobDetail"] = {"taskDetails": _tasks(job, state)}
    if state == "PIPELINE_STATE_FAILED":
        job["error"] = {"code": 9, "message": FAIL_MESSAGE}
    return job


def _create(stub: Any, match: re.Match, body: dict) -> tuple[int, Any]:
    name = f"{match.group(1)}/pipelineJobs/{stub.next_id()}"
    stub.pipeline_jobs[name] = {**body, "name": name, "createTime": "2026-12-01T00:00:00Z"}
    stub.pipeline_scripts[name] = list(stub.pipeline_script)
    return 200, _job(stub, name, "PIPELINE_STATE_PENDING")


def _get(stub: Any, match: re.Match, body: dict) -> tuple[int, Any]:
    name = f"{match.group(1)}/pipelineJobs/{match.group(2)}"
    if name not in stub.pipeline_jobs:
        return 404, {"error": {"code": 404, "message": f"PipelineJob {name} not found", "status": "NOT_FOUND"}}
    script = stub.pipeline_scripts[name]
    return 200, _job(stub, name, script.pop(0) if len(script) > 1 else script[0])


def _get_bucket(stub: Any, match: re.Match, body: dict) -> tuple[int, Any]:
    name = match.group(1)
    if name not in stub.buckets:
        return 404, {"error": {"code": 404, "message": "The specified bucket does not exist."}}
    return 200, {"kind": "storage#bucket", "name": name, "id": name}


def _create_bucket(stub: Any, match: re.Match, body: dict) -> tuple[int, Any]:
    stub.buckets.add(body["name"])
    return 200, {"kind": "storage#bucket", "name": body["name"], "id": body["name"]}


def _iam(stub: Any, match: re.Match, body: dict) -> tuple[int, Any]:
    if body:
        stub.bucket_policies[match.group(1)] = body
    return 200, stub.bucket_policies.get(match.group(1), {"kind": "storage#policy", "bindings": [], "etag": "CAE="})


def add_pipeline_routes(stub: Any, script: list[str] | None = None) -> Any:
    """Serve PipelineJob create/get and the bucket check on ``stub``; each job follows ``script``."""
    stub.pipeline_jobs = {}
    stub.pipeline_scripts = {}
    stub.pipeline_script = script or ["PIPELINE_STATE_RUNNING", "PIPELINE_STATE_SUCCEEDED"]
    stub.route("POST", _PARENT + r"/pipelineJobs", _create)
    stub.route("GET", _PARENT + r"/pipelineJobs/(\d+)", _get)
    stub.buckets, stub.bucket_policies = set(), {}
    stub.route("GET", r"/storage/v1/b/([^/]+)", _get_bucket)
    stub.route("POST", r"/storage/v1/b", _create_bucket)
    stub.route("GET", r"/storage/v1/b/([^/]+)/iam", _iam)
    stub.route("PUT", r"/storage/v1/b/([^/]+)/iam", _iam)
    return stub
