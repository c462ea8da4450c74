"""Vertex AI deployment with the real aiplatform client (REST transport) against a stub on 127.0.0.1."""

from __future__ import annotations

import pytest
from vertex_deploy_stub import calls

from hisolver_core.deployment import (
    DeployError,
    deploy_vertex,
    deployed_settings,
    list_deployments,
    rollback_vertex,
    undeploy_vertex,
    vllm_args,
)
from hisolver_core.errors import ConfigError
from hisolver_core.models import get_model, promote_model, register_model

CODE = "from manim import *\n\nclass A(Scene):\n    def construct(self):\n        self.add(Circle())\n"
PARENT = "projects/demo/locations/us-central1"


@pytest.fixture
def stub(vertex_serving):
    vertex_serving.predict_reply = (200, CODE)  # the smoke test's prediction
    return vertex_serving


@pytest.fixture
def vx(settings, stub):
    return settings.replace(
        vertex_project="demo",
        vertex_location="us-central1",
        vertex_api_endpoint=stub.api_endpoint,
        vertex_image="us-docker.pkg.dev/demo/hisolver/app:1",
        blob_backend="gcs",
        gcs_bucket="demo-bucket",
        gcs_prefix="hisolver",
        vertex_timeout_s=5,
        backend_retries=0,
    )


def _second_model(db, blobs, registered_model, run="run-tiny-2"):

    adapter = blobs.list(registered_model["artifacts"]["adapter"])
    for key in adapter:
        blobs.put(key.replace(registered_model["run_id"], run), blobs.get(key))
    return register_model(
        db,
        blobs,
        run_id=run,
        base_model=registered_model["base_model"],
        dataset_version="v2",
        artifact_uri=f"models/{run}/",
        artifacts={"adapter": f"models/{run}/adapter/"},
        metrics={"render_success": 0.7},
    )


def test_upload_create_deploy_as_sent_and_smoke_tested(vx, db, stub, registered_model):
    row = deploy_vertex(
        vx,
        db,
        registered_model["name"],
        machine_type="n1-standard-8",
        accelerator_type="NVIDIA_TESLA_T4",
        accelerator_count=2,
        min_replicas=1,
        max_replicas=3,
        traffic=100,
    )
    assert row["status"] == "active" and row["smoke_ok"] == 1 and "from manim import" in row["smoke_detail"]
    upload = calls(stub, "upload")[0]["body"]["model"]
    assert upload["artifactUri"] == "gs://demo-bucket/hisolver/models/run-tiny-1/"
    container = upload["containerSpec"]
    assert container["imageUri"] == vx.vertex_image and container["command"] == ["hisolver"]
    assert container["args"][0] == "serve" and container["predictRoute"] == "/predict"
    assert container["healthRoute"] == "/health" and container["ports"] == [{"containerPort": 8080}]
    assert calls(stub, "create")[0]["path"].split("?")[0] == f"/v1/{PARENT}/endpoints"
    deploy = calls(stub, "deployModel")[0]["body"]
    resources = deploy["deployedModel"]["dedicatedResources"]
    from google.cloud.aiplatform_v1.types import AcceleratorType

    spec = resources["machineSpec"]  # enums travel as numbers (enum-encoding=int)
    assert (spec["machineType"], AcceleratorType(spec["acceleratorType"]).name, spec["acceleratorCount"]) == (
        "n1-standard-8",
        "NVIDIA_TESLA_T4",
        2,
    )
    assert (resources["minReplicaCount"], resources["maxReplicaCount"]) == (1, 3)
    assert deploy["trafficSplit"] == {"0": 100}
    assert row["traffic"] == {row["deployed_model_id"]: 100} and row["previous_traffic"] == {}
    # the vertex backend now reaches the endpoint through the deployment record
    assert deployed_settings(vx).vertex_endpoint == row["endpoint"]


def test_canary_split_then_rollback_restores_the_previous_traffic(vx, db, blobs, stub, registered_model):
    first = deploy_vertex(vx, db, registered_model["name"], traffic=100)
    promote_model(db, registered_model["name"])
    second_model = _second_model(db, blobs, registered_model)
    promote_model(db, second_model["name"])
    second = deploy_vertex(vx, db, second_model["name"], traffic=10)
    assert second["endpoint"] == first["endpoint"] and len(calls(stub, "create")) == 1  # same endpoint reused
    assert calls(stub, "deployModel")[1]["body"]["trafficSplit"] == {first["deployed_model_id"]: 90, "0": 10}
    assert second["traffic"] == {first["deployed_model_id"]: 90, second["deployed_model_id"]: 10}
    assert second["previous_traffic"] == {first["deployed_model_id"]: 100}
    rolled = rollback_vertex(vx, db)
    assert rolled["id"] == second["id"] and rolled["status"] == "rolled_back"
    undeploy = calls(stub, "undeployModel")[0]["body"]
    assert undeploy["deployedModelId"] == second["deployed_model_id"]
    assert undeploy["trafficSplit"] == {first["deployed_model_id"]: 100}
    assert stub.endpoints[first["endpoint"]]["trafficSplit"] == {first["deployed_model_id"]: 100}
    assert get_model(db, registered_model["name"])["stage"] == "production"  # the previous production model is back


def test_failed_smoke_test_undeploys_again(vx, db, stub, registered_model):
    stub.predict_reply = (500, None)
    row = deploy_vertex(vx, db, registered_model["name"])
    assert row["status"] == "failed" and row["smoke_ok"] == 0 and "undeployed" in row["error"]
    assert calls(stub, "undeployModel") and stub.endpoints[row["endpoint"]]["deployedModels"] == []
    assert deployed_settings(vx).vertex_endpoint == ""  # nothing left serving


def test_failed_smoke_whose_undeploy_fails_can_be_undeployed_later(vx, db, stub, registered_model):
    stub.predict_reply = (500, None)
    stub.fail_verbs["undeployModel"] = 503
    row = deploy_vertex(vx, db, registered_model["name"])
    assert row["status"] == "undeploy_failed" and f"hisolver deploy undeploy {row['id']}" in row["error"]
    stub.fail_verbs.clear()
    assert undeploy_vertex(vx, db, row["id"])["status"] == "undeployed"
    assert stub.endpoints[row["endpoint"]]["deployedModels"] == []


def test_undeploy_one_deployment(vx, db, stub, registered_model):
    row = deploy_vertex(vx, db, registered_model["name"])
    done = undeploy_vertex(vx, db, row["id"])
    assert done["status"] == "undeployed" and done["traffic"] == {}
    with pytest.raises(DeployError, match="not an active Vertex deployment"):
        undeploy_vertex(vx, db, row["id"])


def test_vendor_refusal_is_recorded_and_clear(vx, db, stub, registered_model):
    stub.fail_verbs["deployModel"] = 400
    with pytest.raises(DeployError, match="Vertex AI refused to deploy"):
        deploy_vertex(vx, db, registered_model["name"])
    assert list_deployments(db)[0]["status"] == "failed"


@pytest.mark.parametrize(
    ("changes", "error", "words"),
    [
        ({"vertex_project": ""}, ConfigError, "HISOLVER_VERTEX_PROJECT"),
        ({"blob_backend": "local"}, ConfigError, "HISOLVER_GCS_BUCKET"),
        ({"vertex_image": ""}, ConfigError, "HISOLVER_VERTEX_IMAGE"),
    ],
)
def test_missing_configuration_deploys_nothing(vx, db, stub, registered_model, changes, error, words):
    with pytest.raises(error, match=words):
        deploy_vertex(vx.replace(**changes), db, registered_model["name"])
    assert stub.requests == [] and list_deployments(db) == []


def test_bad_options_and_unknown_models(vx, db, stub, registered_model):
    from hisolver_core.models import ModelNotFound

    with pytest.raises(DeployError, match="traffic must be 1 to 100"):
        deploy_vertex(vx, db, registered_model["name"], traffic=0)
    with pytest.raises(DeployError, match="needs a merged bf16 model"):
        deploy_vertex(vx, db, registered_model["name"], container="vllm")
    with pytest.raises(ModelNotFound, match="no registered model"):
        deploy_vertex(vx, db, "nope")
    with pytest.raises(DeployError, match="nothing to roll back"):
        rollback_vertex(vx, db)
    assert stub.requests == []


def test_vllm_container_for_a_merged_model(vx, db, blobs, stub, registered_model):
    for key in blobs.list(registered_model["artifacts"]["adapter"]):
        blobs.put(key.replace("/adapter/", "/merged/").replace("adapter_config.json", "config.json"), blobs.get(key))
    merged = register_model(
        db,
        blobs,
        run_id="run-merged",
        base_model="x",
        dataset_version="v1",
        artifact_uri="models/run-tiny-1/",
        artifacts={"merged": "models/run-tiny-1/merged/"},
        metrics={},
    )
    row = deploy_vertex(vx, db, merged["name"], container="vllm", accelerator_count=2)
    assert row["status"] == "active"
    container = calls(stub, "upload")[0]["body"]["model"]["containerSpec"]
    assert container["imageUri"] == vx.vertex_vllm_image and container["predictRoute"] == "/generate"
    assert container["args"] == vllm_args("gs://demo-bucket/hisolver/models/run-tiny-1/merged/", 2)
    assert "--tensor-parallel-size=2" in container["args"] and "--dtype=bfloat16" in container["args"]


@pytest.mark.slow
def test_background_deploy_is_a_job_with_progress(env, vx, db, stub, registered_model):
    from hisolver_core.deployment import submit_deploy
    from hisolver_core.jobs import wait_job

    for name in ("vertex_project", "vertex_api_endpoint", "vertex_image", "gcs_prefix", "vertex_timeout_s"):
        env.setenv(f"HISOLVER_{name.upper()}", str(getattr(vx, name)))
    env.setenv("HISOLVER_BLOB_BACKEND", "gcs")
    env.setenv("HISOLVER_GCS_BUCKET", vx.gcs_bucket)
    env.setenv("PYTHONPATH", str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    job_id = submit_deploy(vx, registered_model["name"], "vertex", traffic=100, accelerator_count=0)
    job = wait_job(vx, job_id, timeout_s=120)
    assert job["status"] == "succeeded", job
    assert job["kind"] == "deploy" and "smoke test passed" in job["message"] and job["progress"] == 1.0
    row = list_deployments(db)[0]
    assert row["status"] == "active" and row["config"]["accelerator_count"] == 0
    assert (
        "acceleratorType"
        not in calls(stub, "deployModel")[0]["body"]["deployedModel"]["dedicatedResources"]["machineSpec"]
    )


def test_label_drafts_come_from_the_deployed_endpoint(vx, db, stub, registered_model):
    from hisolver_core.llm.vertex_backend import forget_endpoints
    from hisolver_core.solving import suggest_summary

    row = deploy_vertex(vx, db, registered_model["name"])
    stub.predict_reply = (200, "Animate a blue circle growing.")
    forget_endpoints()
    draft = suggest_summary(vx.replace(backends="vertex"), CODE)  # no HISOLVER_VERTEX_ENDPOINT: the deployment's
    assert draft == "Animate a blue circle growing."
    assert stub.requests[-1]["path"] == f"/v1/{row['endpoint']}:predict"
