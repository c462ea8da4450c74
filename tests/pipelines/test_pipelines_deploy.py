"""The deploy step for real: a tiny model that passes the gate is deployed locally (smoke test) and promoted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "llm"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "serving"))

import serving_fixtures  # noqa: E402

from hisolver_core import models, pipelines  # noqa: E402
from hisolver_core.deployment import list_deployments  # noqa: E402

pytestmark = pytest.mark.slow

# the serving tests' fixtures, used here by name
registered_model = serving_fixtures.registered_model
tiny_model = serving_fixtures.tiny_model


def test_a_model_that_passes_is_deployed_locally_then_promoted(settings, db, registered_model):
    result = pipelines.deploy_if_better(settings, model=registered_model["name"], target="local")
    assert result["decision"] == "deploy" and result["deployed"] is True
    assert result["deployment"]["status"] == "active" and result["deployment"]["target"] == "local"
    [deployment] = list_deployments(db, "local")
    assert deployment["model"] == registered_model["name"] and deployment["smoke_ok"] == 1
    assert models.production_model(db)["name"] == registered_model["name"]
    again = pipelines.deploy_if_better(settings, model=registered_model["name"], target="local")
    assert again["decision"] == "keep" and "already the production model" in again["reason"]
    assert len(list_deployments(db, "local")) == 1  # kept: nothing deployed again
