"""Vertex AI Pipelines submission through google-cloud-aiplatform's REST transport to a stub on 127.0.0.1."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pipeline_stub import IMAGE

from hisolver_core.cli import main as cli
from hisolver_core.errors import ConfigError
from hisolver_core.pipelines import PipelineError, get_run, part1_params, part2_params
from hisolver_core.pipelines.vertex import refresh_vertex_run, submit_vertex


def _created(stub) -> list[dict]:
    return stub.created("pipelineJobs")


def test_part2_is_submitted_as_compiled_and_polled_to_succeeded(vertex_settings, pipeline_stub, db):
    params = part2_params(
        "v5", "Qwen/Qwen2.5-Coder-0.5B", reuse_dataset=False, method="lora", max_steps=200, deploy_target="registry"
    )
    params.update(accelerator_type="NVIDIA_L4", accelerator_count=1)
    run = submit_vertex(vertex_settings, "part2", params)
    [body] = _created(pipeline_stub)
    assert body["displayName"] == f"hisolver-part2-run-{run['id']}"
    assert body["runtimeConfig"]["gcsOutputDirectory"] == "gs://hisolver-staging/pipeline_root"
    values = body["runtimeConfig"]["parameterValues"]
    assert values == {"dataset": "v5", "base_model": "Qwen/Qwen2.5-Coder-0.5B", "method": "lora", "max_steps": 200,
                      "accelerator_type": "NVIDIA_L4", "accelerator_count": 1, "deploy_target": "registry"}  # fmt: skip
    executors = body["pipelineSpec"]["deploymentSpec"]["executors"]
    assert {e["container"]["image"] for e in executors.values()} == {IMAGE}
    assert body["serviceAccount"] == "pipelines@proj.iam.gserviceaccount.com"
    assert pipeline_stub.buckets == {"hisolver-staging"}  # the SDK made the pipeline root's bucket
    assert run["runner"] == "vertex" and run["status"] == "queued"
    assert run["external_id"].startswith("projects/proj/locations/europe-west4/pipelineJobs/")
    assert run["console_url"].startswith("https://console.cloud.google.com/vertex-ai/locations/europe-west4/")
    running = refresh_vertex_run(vertex_settings, run["id"])
    assert running["status"] == "running" and running["remote_state"] == "PIPELINE_STATE_RUNNING"
    assert {s["status"] for s in running["steps"]} == {"running"}
    done = refresh_vertex_run(vertex_settings, run["id"])
    assert done["status"] == "succeeded" and done["finished_at"]
    assert [s["status"] for s in done["steps"]] == ["succeeded"] * 3
    assert refresh_vertex_run(vertex_settings, run["id"]) == done  # finished: not asked again
    assert len([r for r in pipeline_stub.requests if r["method"] == "GET" and "pipelineJobs" in r["path"]]) == 2


def test_a_failed_vertex_run_records_the_error_and_the_failed_step(vertex_settings, pipeline_stub, db):
    pipeline_stub.pipeline_script = ["PIPELINE_STATE_RUNNING", "PIPELINE_STATE_FAILED"]
    run = submit_vertex(vertex_settings, "part1", part1_params("manim", 5))
    assert _created(pipeline_stub)[0]["runtimeConfig"]["parameterValues"] == {
        "query": "manim",
        "max_repos": 5,
        "render_limit": 0,
    }
    refresh_vertex_run(vertex_settings, run["id"])
    failed = refresh_vertex_run(vertex_settings, run["id"])
    assert failed["status"] == "failed" and "hisolver-train" in failed["error"]
    [broken] = [s for s in failed["steps"] if s["status"] == "failed"]  # the stub fails one task
    assert broken["error"] == "exit 1"
    assert {s["status"] for s in failed["steps"] if s is not broken} == {"succeeded"}
    assert get_run(db, run["id"])["status"] == "failed"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"vertex_project": ""}, "needs a project: set HISOLVER_VERTEX_PROJECT"),
        ({"vertex_staging_bucket": "", "pipeline_root": ""}, "needs a bucket"),
        ({"vertex_staging_bucket": "", "pipeline_root": "/local/folder"}, "needs a bucket"),
        ({"vertex_image": ""}, "HISOLVER_VERTEX_IMAGE"),
    ],
)
def test_a_submission_without_project_bucket_or_image_makes_nothing(
    vertex_settings, pipeline_stub, db, changes, message
):
    with pytest.raises(ConfigError, match=message):
        submit_vertex(vertex_settings.replace(**changes), "part1", part1_params())
    assert db["pipeline_runs"].count == 0 and _created(pipeline_stub) == []


def test_a_template_that_is_not_the_right_pipeline_is_refused(vertex_settings, pipeline_stub, db, tmp_path):
    from hisolver_core.pipelines.kfp_spec import compile_pipeline

    other = compile_pipeline("part1", tmp_path / "p1.yaml", IMAGE)
    with pytest.raises(PipelineError, match="not hisolver-part2"):
        submit_vertex(
            vertex_settings,
            "part2",
            part2_params("v1", "m", reuse_dataset=False, deploy_target="registry"),
            template=str(other),
        )
    broken = tmp_path / "broken.yaml"
    broken.write_text("pipelineInfo: {name: x}\n")
    with pytest.raises(PipelineError, match="is not a compiled pipeline"):
        submit_vertex(
            vertex_settings,
            "part2",
            part2_params("v1", "m", reuse_dataset=False, deploy_target="registry"),
            template=str(broken),
        )
    assert db["pipeline_runs"].count == 0 and _created(pipeline_stub) == []


def test_the_cli_submits_and_show_polls(vertex_settings, pipeline_stub, env):
    for key, value in {
        "VERTEX_IMAGE": IMAGE,
        "VERTEX_STAGING_BUCKET": "gs://hisolver-staging",
        "VERTEX_PROJECT": "proj",
        "VERTEX_API_ENDPOINT": pipeline_stub.api_endpoint,
    }.items():
        env.setenv(f"HISOLVER_{key}", value)  # fmt: skip
    env.setenv("HISOLVER_VERTEX_SERVICE_ACCOUNT", "pipelines@proj.iam.gserviceaccount.com")
    runner = CliRunner()
    result = runner.invoke(cli, ["pipeline", "part1", "--runner", "vertex", "--max-repos", "3", "--json"])
    assert result.exit_code == 0, result.output
    assert "console.cloud.google.com" in result.output
    shown = runner.invoke(cli, ["pipeline", "show", "1"])
    assert "run 1 part1 (vertex): running" in shown.output
    result = runner.invoke(cli, ["pipeline", "resume", "1"])
    assert result.exit_code == 1 and "runs on Vertex AI Pipelines" in result.output


@pytest.mark.parametrize(
    ("part", "params", "message"),
    [
        ("part1", part1_params(source="/data/scenes"), "a local folder cannot be collected on Vertex AI"),
        (
            "part2",
            part2_params("v1", "m", reuse_dataset=True, deploy_target="registry"),
            "part 2 makes its dataset version",
        ),
        ("part2", part2_params("v1", "m", reuse_dataset=False), "cannot deploy to this machine"),
    ],
)
def test_what_only_works_here_is_refused_for_vertex(vertex_settings, pipeline_stub, db, part, params, message):
    with pytest.raises(PipelineError, match=message):
        submit_vertex(vertex_settings, part, params)
    assert db["pipeline_runs"].count == 0 and _created(pipeline_stub) == []
