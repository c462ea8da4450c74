"""The model registry: registration guards, stages, promotion history, and the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from hisolver_core import models
from hisolver_core.cli import main
from hisolver_core.models import ModelNotFound, RegistryError


def _write_adapter(blobs, run: str) -> dict[str, str]:
    blobs.put(f"models/{run}/adapter/adapter_config.json", b"{}")
    blobs.put(f"models/{run}/adapter/adapter_model.safetensors", b"x")
    blobs.put(f"models/{run}/model_card.md", b"# card")
    return {"adapter": f"models/{run}/adapter/", "card": f"models/{run}/model_card.md"}


def _register(db, blobs, run: str, render: float = 0.5, **kw):
    return models.register_model(
        db,
        blobs,
        run_id=run,
        base_model="tiny",
        dataset_version="v1",
        artifact_uri=f"models/{run}/",
        artifacts=_write_adapter(blobs, run),
        metrics={"render_success": render},
        **kw,
    )


def test_register_names_versions_in_order_and_starts_as_candidate(db, blobs):
    a = _register(db, blobs, "r1")
    b = _register(db, blobs, "r2", render=0.7)
    assert (a["name"], a["version"], a["stage"]) == ("hisolver-manim-v1", 1, "candidate")
    assert b["name"] == "hisolver-manim-v2" and b["metrics"] == {"render_success": 0.7}
    assert [m["name"] for m in models.list_models(db)] == ["hisolver-manim-v2", "hisolver-manim-v1"]


def test_registering_the_same_run_twice_returns_the_first_row(db, blobs):
    first = _register(db, blobs, "r1")
    again = _register(db, blobs, "r1")
    assert again["name"] == first["name"] and len(models.list_models(db)) == 1


def test_half_written_artifacts_are_never_registered(db, blobs):
    blobs.put("models/r9/adapter/adapter_model.safetensors", b"x")  # weights but no config yet
    with pytest.raises(RegistryError, match="did not finish"):
        models.register_model(
            db,
            blobs,
            run_id="r9",
            base_model="tiny",
            dataset_version="v1",
            artifact_uri="models/r9/",
            artifacts={"adapter": "models/r9/adapter/"},
            metrics={},
        )
    assert models.list_models(db) == []


def test_promotion_keeps_one_production_model_and_remembers_the_previous(db, blobs):
    _register(db, blobs, "r1")
    _register(db, blobs, "r2")
    assert models.production_model(db) is None
    models.promote_model(db, "hisolver-manim-v1")
    models.promote_model(db, "hisolver-manim-v2", note="better")
    assert models.production_model(db)["name"] == "hisolver-manim-v2"
    assert models.get_model(db, "hisolver-manim-v1")["stage"] == "candidate"
    assert models.previous_production(db)["name"] == "hisolver-manim-v1"
    assert len(models.list_models(db, "production")) == 1


def test_archive_refuses_production_and_archived_cannot_be_promoted(db, blobs):
    _register(db, blobs, "r1")
    _register(db, blobs, "r2")
    models.promote_model(db, "hisolver-manim-v1")
    with pytest.raises(RegistryError, match="promote another"):
        models.archive_model(db, "hisolver-manim-v1")
    models.archive_model(db, "hisolver-manim-v2")
    with pytest.raises(RegistryError, match="archived"):
        models.promote_model(db, "hisolver-manim-v2")


def test_unknown_model_says_how_to_list(db):
    with pytest.raises(ModelNotFound, match="hisolver model list"):
        models.get_model(db, "nope")


def test_cli_lists_promotes_and_explains_errors(env, db, blobs):
    _register(db, blobs, "r1", render=0.625)
    runner = CliRunner()
    out = runner.invoke(main, ["model", "list", "--json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output.strip().splitlines()[-1])
    assert rows[0]["name"] == "hisolver-manim-v1" and rows[0]["run_id"] == "r1"
    assert {"name", "run", "stage", "metrics"} <= set(rows[0])
    assert "render 62%" in runner.invoke(main, ["model", "list"]).output
    assert runner.invoke(main, ["model", "promote", "hisolver-manim-v1"]).exit_code == 0
    assert models.get_model(db, "hisolver-manim-v1")["stage"] == "production"
    bad = runner.invoke(main, ["model", "show", "missing"])
    assert bad.exit_code == 1 and "no registered model" in bad.output and "Traceback" not in bad.output


def test_re_evaluated_metrics_replace_the_registered_ones(db, blobs):
    _register(db, blobs, "r1", render=0.25)
    assert models.update_model_metrics(db, "r1", {"render_success": 0.75})["metrics"] == {"render_success": 0.75}
    assert models.update_model_metrics(db, "no-such-run", {}) is None
