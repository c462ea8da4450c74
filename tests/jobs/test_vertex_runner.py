"""The Vertex AI runner through google-cloud-aiplatform (REST transport) against the stub on 127.0.0.1."""

from __future__ import annotations

import json
from contextlib import closing

import pytest
from vertex_stub import FAIL_MESSAGE

from hisolver_core.db import open_db
from hisolver_core.errors import ConfigError
from hisolver_core.jobs import (
    JobSpec,
    cancel_job,
    find_job,
    job_logs,
    list_jobs,
    poll_jobs,
    submit_job,
    wait_job,
)

TRAIN = JobSpec(
    "train", ("jobs", "selftest", "--seconds", "1"), {"dataset": "v1"},
    machine_type="g2-standard-8", accelerator_type="NVIDIA_L4", accelerator_count=1, env={"HF_HUB_OFFLINE": "1"},
)  # fmt: skip


def test_the_custom_job_is_sent_as_specified(vertex_settings, vertex_stub):
    settings = vertex_settings.replace(openai_api_key="sk-secret-never-sent", github_token="ghp_secret")
    job_id = submit_job(settings, TRAIN, runner="vertex")
    (body,) = vertex_stub.created()
    pool = body["jobSpec"]["workerPoolSpecs"][0]
    from google.cloud.aiplatform_v1.types import AcceleratorType

    assert pool["machineSpec"] == {
        "machineType": "g2-standard-8",
        "acceleratorType": AcceleratorType.NVIDIA_L4.value,
        "acceleratorCount": 1,
    }
    assert int(pool["replicaCount"]) == 1
    container = pool["containerSpec"]
    assert container["imageUri"] == "us-docker.pkg.dev/proj/hisolver/app:test"
    assert container["command"] == ["hisolver"] and container["args"] == ["jobs", "selftest", "--seconds", "1"]
    env = {e["name"]: e.get("value", "") for e in container["env"]}
    assert env["HISOLVER_BLOB_BACKEND"] == "gcs" and env["HISOLVER_GCS_BUCKET"] == "hisolver-staging"
    assert env["HF_HUB_OFFLINE"] == "1"
    assert body["jobSpec"]["baseOutputDirectory"]["outputUriPrefix"] == f"gs://hisolver-staging/jobs/{job_id}"
    assert body["jobSpec"]["serviceAccount"] == "jobs@proj.iam.gserviceaccount.com"
    assert "secret" not in json.dumps(body)
    assert all(r["path"].startswith("/v1/projects/proj/locations/europe-west4/") for r in vertex_stub.requests)
    row = find_job(settings, job_id)
    assert row["status"] == "queued" and row["external_id"].endswith("/customJobs/1001")
    assert "europe-west4" in row["console_url"] and "1001" in row["log_url"]


def test_states_are_polled_into_the_row_until_succeeded(vertex_settings):
    job_id = submit_job(vertex_settings, TRAIN, runner="vertex")
    seen = []
    for _ in range(4):
        poll_jobs(vertex_settings)
        seen.append(find_job(vertex_settings, job_id)["status"])
    assert seen == ["running", "succeeded", "succeeded", "succeeded"]
    row = find_job(vertex_settings, job_id)
    assert row["progress"] == 1.0 and row["started_at"] and row["finished_at"]
    assert row["console_url"] in job_logs(vertex_settings, job_id)


def test_a_failed_job_shows_vertex_error(vertex_settings):
    job_id = submit_job(vertex_settings, JobSpec("train", ("jobs", "selftest", "--fail")), runner="vertex")
    row = wait_job(vertex_settings, job_id, timeout_s=30, poll_s=0.01)
    assert row["status"] == "failed" and row["message"] == f"Vertex AI: {FAIL_MESSAGE}"


def test_cancel_goes_through_the_api(vertex_settings, vertex_stub):
    job_id = submit_job(vertex_settings, JobSpec("train", ("jobs", "selftest", "--seconds", "3600")), runner="vertex")
    poll_jobs(vertex_settings)
    assert find_job(vertex_settings, job_id)["status"] == "running"
    assert cancel_job(vertex_settings, job_id)["status"] == "cancelled"
    assert any(r["path"].endswith("/customJobs/1001:cancel") for r in vertex_stub.requests)


@pytest.mark.parametrize(
    "changes, variable",
    [
        ({"vertex_image": ""}, "HISOLVER_VERTEX_IMAGE"),
        ({"vertex_staging_bucket": ""}, "HISOLVER_VERTEX_STAGING_BUCKET"),
        ({"vertex_staging_bucket": "hisolver-staging"}, "HISOLVER_VERTEX_STAGING_BUCKET"),
        ({"vertex_project": ""}, "HISOLVER_VERTEX_PROJECT"),
    ],
)
def test_missing_configuration_is_one_sentence_and_nothing_is_sent(vertex_settings, vertex_stub, changes, variable):
    with pytest.raises(ConfigError, match=variable):
        submit_job(vertex_settings.replace(**changes), TRAIN, runner="vertex")
    assert vertex_stub.requests == []
    with closing(open_db(vertex_settings)) as db:
        assert list_jobs(db) == []


def test_the_default_runner_comes_from_settings(vertex_settings, vertex_stub):
    submit_job(vertex_settings.replace(job_runner="vertex"), TRAIN)
    assert len(vertex_stub.created()) == 1


def test_state_reads_are_throttled_per_job(vertex_settings, vertex_stub):
    settings = vertex_settings.replace(vertex_job_poll_s=3600)
    job_id = submit_job(settings, TRAIN, runner="vertex")
    for _ in range(5):
        poll_jobs(settings)
    gets = [r for r in vertex_stub.requests if r["method"] == "GET"]
    assert len(gets) == 1 and find_job(settings, job_id)["status"] == "running"
