"""Local part 1 then part 2 end to end: fixture repositories, people labelling in between, a tiny model.

part 1 fills the label queue -> an annotator labels it -> part 2 freezes a dataset version, trains
and evaluates a tiny model, registers it and deploys it (no production model yet) -> a second part 2
on the same version is judged against production and kept, with its reason.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hisolver_core import labeling, models
from hisolver_core.cli import main as cli

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent.parent / "collection" / "fixtures"


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """The training tests' tiny chat model, built from a config."""
    from tests.training.conftest import build_tiny

    return build_tiny(tmp_path_factory.mktemp("tiny") / "base")


def _run(args: list[str]) -> dict:
    result = CliRunner().invoke(cli, ["pipeline", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_part1_then_part2_make_a_dataset_a_run_a_model_and_a_deploy_decision(env, settings, db, tmp_path, tiny_model):
    repo = tmp_path / "repo"
    repo.mkdir()
    for path in FIXTURES.glob("*.py.txt"):
        shutil.copy(path, repo / path.name.removesuffix(".txt"))

    first = _run(["part1", "--source", str(repo)])
    assert first["status"] == "succeeded" and first["snippets_waiting"] >= 2

    while (item := labeling.next_snippet(db, "ann")) is not None:  # the people between the parts
        labeling.save_label(db, "ann", item.snippet_id, f"Animate the scene {item.scene_name}")

    common = ["--base-model", str(tiny_model), "--method", "full", "--max-steps", "2"]
    second = _run(["part2", "--new-version", "e2e-v1", "--val-fraction", "0.5", *common])
    assert second["status"] == "succeeded", second["error"]
    assert second["dataset_version"] == "e2e-v1" and second["training_run"] and second["model"]
    model = models.get_model(db, second["model"])
    assert model["run_id"] == second["training_run"] and model["dataset_version"] == "e2e-v1"
    assert "render_success" in model["metrics"]
    assert second["deploy_decision"] == "deploy" and "no production model yet" in second["deploy_reason"]
    assert models.production_model(db)["name"] == second["model"]

    again = _run(["part2", "--dataset", "e2e-v1", *common])
    assert again["status"] == "succeeded" and again["model"] != second["model"]
    assert again["deploy_reason"] and f"production {second['model']}'s" in again["deploy_reason"]
    expected = "deploy" if models.get_model(db, again["model"])["metrics"]["render_success"] > \
        model["metrics"]["render_success"] else "keep"  # fmt: skip
    assert again["deploy_decision"] == expected
    assert models.production_model(db)["name"] == (again["model"] if expected == "deploy" else second["model"])
