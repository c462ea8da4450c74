"""Training as a job: the same `hisolver train start` submitted to Vertex AI (the jobs REST stub on 127.0.0.1)
and run in the background on this machine."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from hisolver_core.cli import main
from hisolver_core.db import open_db
from hisolver_core.jobs import find_job, job_logs, wait_job
from hisolver_core.training import TrainParams, list_runs
from hisolver_core.training.launch import launch_run
from tests.jobs.conftest import vertex_settings, vertex_stub, vertex_stub_server  # noqa: F401 - shared fixtures


def test_a_vertex_run_is_the_same_command_on_a_gpu_machine_with_gcs(vertex_settings, vertex_stub):  # noqa: F811
    params = TrainParams(method="qlora", max_steps=200, learning_rate=1e-4)
    job_id = launch_run(
        vertex_settings,
        "v1",
        "Qwen/Qwen2.5-Coder-0.5B-Instruct",
        params,
        runner="vertex",
        machine_type="g2-standard-8",
        accelerator_type="NVIDIA_L4",
        accelerator_count=1,
    )
    (body,) = vertex_stub.created()
    pool = body["jobSpec"]["workerPoolSpecs"][0]
    assert pool["machineSpec"]["machineType"] == "g2-standard-8" and pool["machineSpec"]["acceleratorCount"] == 1
    container = pool["containerSpec"]
    assert container["command"] == ["hisolver"]
    assert container["args"] == [
        "train",
        "start",
        "--dataset",
        "v1",
        "--base-model",
        "Qwen/Qwen2.5-Coder-0.5B-Instruct",
        "--method",
        "qlora",
        "--max-steps",
        "200",
        "--lr",
        "0.0001",
    ]
    env = {e["name"]: e.get("value", "") for e in container["env"]}
    assert env["HISOLVER_BLOB_BACKEND"] == "gcs"  # data read from and artifacts written to the bucket
    assert "HF_HUB_OFFLINE" not in env  # the job downloads the base model from the Hub
    row = find_job(vertex_settings, job_id)
    assert row["kind"] == "train" and json.loads(row["params"])["runner"] == "vertex"


def test_the_cli_submits_to_vertex_with_the_machine_options(vertex_settings, vertex_stub, monkeypatch):  # noqa: F811
    for name in (
        "vertex_image",
        "vertex_staging_bucket",
        "vertex_project",
        "vertex_location",
        "vertex_api_endpoint",
        "vertex_service_account",
    ):
        monkeypatch.setenv(f"HISOLVER_{name.upper()}", str(getattr(vertex_settings, name)))
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(vertex_settings.data_dir))
    result = CliRunner().invoke(
        main,
        [
            "train",
            "start",
            "--dataset",
            "v1",
            "--base-model",
            "distilgpt2",
            "--runner",
            "vertex",
            "--machine-type",
            "g2-standard-8",
            "--accelerator-type",
            "NVIDIA_L4",
            "--accelerator-count",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    job_id = int(result.stdout.strip().splitlines()[-1])
    (body,) = vertex_stub.created()
    assert body["jobSpec"]["workerPoolSpecs"][0]["containerSpec"]["args"][:6] == [
        "train",
        "start",
        "--dataset",
        "v1",
        "--base-model",
        "distilgpt2",
    ]
    assert find_job(vertex_settings, job_id)["kind"] == "train"


def test_bad_parameters_are_refused_before_anything_is_submitted(env, settings):
    result = CliRunner().invoke(
        main, ["train", "start", "--dataset", "v1", "--base-model", "x", "--lr", "-1", "--background"]
    )
    assert result.exit_code == 1 and "learning_rate must be a positive number" in result.output
    db = open_db(settings)
    try:
        assert db["jobs"].count == 0
    finally:
        db.close()


@pytest.mark.slow
def test_a_background_run_is_a_local_job_that_registers_its_model(env, settings, version, tiny_base):
    result = CliRunner().invoke(
        main,
        [
            "train",
            "start",
            "--dataset",
            "v1",
            "--base-model",
            str(tiny_base),
            "--max-steps",
            "3",
            "--eval-limit",
            "0",
            "--no-merge",
            "--background",
        ],
    )
    assert result.exit_code == 0, result.output
    job_id = int(result.stdout.strip().splitlines()[-1])
    row = wait_job(settings, job_id, timeout_s=300)
    assert row["status"] == "succeeded", (row["message"], job_logs(settings, job_id)[-4000:])
    db = open_db(settings)
    try:
        (run,) = list_runs(db)
    finally:
        db.close()
    assert run["job_id"] == job_id and run["status"] == "succeeded" and run["model"] == "hisolver-manim-v1"
    assert json.loads(row["metrics"])["model"] == "hisolver-manim-v1"


def test_the_image_does_not_set_hf_hub_offline():
    from pathlib import Path

    dockerfile = (Path(__file__).resolve().parents[2] / "Dockerfile").read_text()
    env_lines = [line for line in dockerfile.splitlines() if line.startswith("ENV ")]
    assert env_lines and not any("HF_HUB_OFFLINE" in line for line in env_lines)


def test_retry_on_the_jobs_page_resumes_the_run_of_the_retried_job(settings, db, monkeypatch):
    from hisolver_core.jobs import finish_job, start_job
    from hisolver_core.training import run_to_resume
    from hisolver_core.training.runs import create_run, update_run

    first = start_job(db, "train", {})
    finish_job(db, first, "failed", "killed")
    create_run(
        db, "run-20261202-000000-aaaa", dataset_version="v1", base_model="b", method="lora", params={}, job_id=first
    )
    update_run(db, "run-20261202-000000-aaaa", status="failed")
    retry = start_job(db, "train", {})
    with db.conn:
        db["jobs"].update(retry, {"retry_of": first})
    monkeypatch.setenv("HISOLVER_JOB_ID", str(retry))
    assert run_to_resume(settings) == "run-20261202-000000-aaaa"
    update_run(db, "run-20261202-000000-aaaa", status="succeeded")
    assert run_to_resume(settings) is None  # a finished run is not trained again
    monkeypatch.delenv("HISOLVER_JOB_ID")
    assert run_to_resume(settings) is None
