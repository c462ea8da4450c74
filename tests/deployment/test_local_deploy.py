"""Deploy locally: the registered tiny model becomes what the `local` backend uses, without a restart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from serving_fixtures import put_folder

from hisolver_core.deployment import DeployError, deploy_local, deployed_settings, list_deployments, rollback_local
from hisolver_core.llm import get_backend
from hisolver_core.models import ModelNotFound, archive_model, promote_model, register_model

pytestmark = pytest.mark.slow  # starts local model workers

ROOT = Path(__file__).resolve().parents[2]


def test_deploy_local_switches_the_local_backend(settings, db, blobs, registered_model):
    before = settings  # built before the deploy, like a page run that started earlier
    row = deploy_local(settings, db, blobs, registered_model["name"])
    assert row["status"] == "active" and row["smoke_ok"] == 1 and row["smoke_detail"].startswith("answered in")
    backend = get_backend(before, "local")  # no new settings, no restart: the registry reads the deployment
    assert backend.adapter_path == row["config"]["adapter_path"]
    assert Path(backend.adapter_path).is_relative_to(settings.data_dir / "cache" / "models")
    assert backend.info()["peft"] is True
    explicit = settings.replace(local_model_path="/elsewhere/model")
    assert deployed_settings(explicit).local_model_path == "/elsewhere/model"  # explicit settings win


def test_production_model_by_default_and_rollback(settings, db, blobs, registered_model, tiny_model):
    with pytest.raises(DeployError, match="no model is in production"):
        deploy_local(settings, db, blobs)
    promote_model(db, registered_model["name"])
    first = deploy_local(settings, db, blobs)
    put_folder(blobs, tiny_model[1], "models/run-2/adapter/")
    second_model = register_model(
        db,
        blobs,
        run_id="run-2",
        base_model=str(tiny_model[0]),
        dataset_version="v2",
        artifact_uri="models/run-2/",
        artifacts={"adapter": "models/run-2/adapter/"},
        metrics={},
    )
    second = deploy_local(settings, db, blobs, second_model["name"])
    assert [r["status"] for r in list_deployments(db, "local")] == ["active", "replaced"]
    assert get_backend(settings, "local").adapter_path == second["config"]["adapter_path"]
    back = rollback_local(db)
    assert back["id"] == first["id"] and back["status"] == "active"
    assert get_backend(settings, "local").adapter_path == first["config"]["adapter_path"]
    with pytest.raises(DeployError, match="no earlier local deployment"):
        rollback_local(db)


def test_bad_models_deploy_nothing(settings, db, blobs, registered_model):
    with pytest.raises(ModelNotFound):
        deploy_local(settings, db, blobs, "no-such-model")
    hub = register_model(
        db,
        blobs,
        run_id="run-hub",
        base_model="Qwen/Qwen2.5-0.5B",
        dataset_version="v1",
        artifact_uri="models/run-tiny-1/",
        artifacts={"adapter": "models/run-tiny-1/adapter/"},
        metrics={},
    )
    with pytest.raises(DeployError, match="not a local folder"):
        deploy_local(settings, db, blobs, hub["name"])
    archive_model(db, hub["name"])
    with pytest.raises(DeployError, match="archived"):
        deploy_local(settings, db, blobs, hub["name"])
    gone = register_model(
        db,
        blobs,
        run_id="run-gone",
        base_model="x",
        dataset_version="v1",
        artifact_uri="models/x/",
        artifacts={"adapter": "models/run-tiny-1/adapter/"},
        metrics={},
    )
    for key in list(blobs.list("models/run-tiny-1/adapter/")):
        blobs.delete(key)
    with pytest.raises(DeployError, match="cannot be read"):
        deploy_local(settings, db, blobs, gone["name"])
    assert list_deployments(db) == []


def test_cli_deploy_local_and_list(env, settings, registered_model):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "hisolver_core.cli", "deploy", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )

    result = run("local", registered_model["name"], "--json")
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout.strip().splitlines()[-1])
    assert row["status"] == "active" and row["target"] == "local"
    listed = json.loads(run("list", "--json").stdout.strip().splitlines()[-1])
    assert [r["id"] for r in listed] == [row["id"]]
    missing = run("vertex", registered_model["name"])
    assert missing.returncode == 1 and "HISOLVER_VERTEX_PROJECT" in missing.stderr and "Traceback" not in missing.stderr
