"""The kfp v2 specs: steps, order, parameters, images and commands; the kfp local runner; bad files."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from hisolver_core.cli import main as cli
from hisolver_core.pipelines import PipelineError
from hisolver_core.pipelines.kfp_spec import compile_pipeline, read_template

IMAGE = "us-docker.pkg.dev/proj/hisolver/app:test"


@pytest.fixture(scope="module")
def specs(tmp_path_factory):
    """Both pipelines compiled once, as parsed YAML."""
    folder = tmp_path_factory.mktemp("specs")
    return {part: yaml.safe_load(compile_pipeline(part, folder / f"{part}.yaml", IMAGE, machine_type="n1-standard-8",
                                                  accelerator_type="NVIDIA_TESLA_T4", accelerator_count=2).read_text())
            for part in ("part1", "part2")}  # fmt: skip


def _order(spec: dict) -> list[str]:
    """Task names from the first to the last, following dependentTasks."""
    tasks = spec["root"]["dag"]["tasks"]
    after = {name: task.get("dependentTasks", []) for name, task in tasks.items()}
    order: list[str] = []
    while len(order) < len(after):
        ready = [n for n, deps in after.items() if n not in order and all(d in order for d in deps)]
        assert len(ready) == 1, f"the steps must form one chain, got {ready} ready at once"
        order.append(ready[0])
    return order


def _container(spec: dict, task: str) -> dict:
    executor = spec["root"]["dag"]["tasks"][task]["componentRef"]["name"].replace("comp-", "exec-")
    return spec["deploymentSpec"]["executors"][executor]["container"]


def test_part1_is_one_chain_of_hisolver_commands_in_the_image(specs):
    spec = specs["part1"]
    assert spec["pipelineInfo"]["name"] == "hisolver-part1"
    assert _order(spec) == ["hisolver-collect", "hisolver-extract", "hisolver-render-check", "hisolver-export"]
    collect = _container(spec, "hisolver-collect")
    assert collect["image"] == IMAGE and collect["command"] == ["hisolver"]
    assert collect["args"] == ["collect", "github", "--query", "{{$.inputs.parameters['query']}}",
                               "--max-repos", "{{$.inputs.parameters['max_repos']}}", "--json"]  # fmt: skip
    assert _container(spec, "hisolver-extract")["args"] == ["extract", "--no-export", "--json"]
    assert _container(spec, "hisolver-export")["args"] == ["pipeline", "export", "--json"]
    params = spec["root"]["inputDefinitions"]["parameters"]
    assert set(params) == {"query", "max_repos", "render_limit"}
    assert params["query"]["defaultValue"] == "manim language:python"
    assert all(_container(spec, t)["image"] == IMAGE for t in spec["root"]["dag"]["tasks"])


def test_part2_trains_on_the_chosen_machine_and_gates_the_deploy(specs):
    spec = specs["part2"]
    assert _order(spec) == ["hisolver-dataset", "hisolver-train", "hisolver-deploy"]
    params = spec["root"]["inputDefinitions"]["parameters"]
    assert set(params) == {
        "dataset",
        "base_model",
        "method",
        "max_steps",
        "accelerator_type",
        "accelerator_count",
        "deploy_target",
    }
    assert params["deploy_target"]["defaultValue"] == "registry"
    assert params["accelerator_type"]["defaultValue"] == "NVIDIA_TESLA_T4"
    assert params["accelerator_count"]["defaultValue"] == 2
    assert "isOptional" not in params["dataset"] and "isOptional" not in params["base_model"]
    train = _container(spec, "hisolver-train")
    assert train["args"][:2] == ["train", "start"] and "--base-model" in train["args"] and train["args"][-1] == "--json"
    assert train["resources"]["resourceCpuLimit"] == "8" and train["resources"]["resourceMemoryLimit"] == "30G"
    assert "accelerator_type" in train["resources"]["accelerator"]["resourceType"]
    assert _container(spec, "hisolver-dataset")["args"] == ["dataset", "create", "{{$.inputs.parameters['dataset']}}",
                                                              "--json"]  # fmt: skip
    # no output passing between containers: the gate finds the model by its dataset version
    assert _container(spec, "hisolver-deploy")["args"] == [
        "pipeline", "deploy", "--dataset", "{{$.inputs.parameters['dataset']}}",
        "--target", "{{$.inputs.parameters['deploy_target']}}", "--json"]  # fmt: skip
    assert "resources" not in _container(spec, "hisolver-deploy")


def test_compile_command_writes_the_file(tmp_path, env):
    out = tmp_path / "p2.yaml"
    result = CliRunner().invoke(cli, ["pipeline", "compile", "part2", "-o", str(out), "--image", IMAGE])
    assert result.exit_code == 0, result.output
    assert read_template(out)["pipelineInfo"]["name"] == "hisolver-part2"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pipeline", "compile", "part1", "-o", "x.yaml"], "needs the project's container image"),
        (
            ["pipeline", "compile", "part2", "-o", "x.yaml", "--image", IMAGE, "--machine-type", "z9"],
            "unknown machine type 'z9'",
        ),
    ],
)
def test_compile_refuses_bad_input_and_writes_nothing(tmp_path, env, args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and message in result.output
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("text", ["not: [a, pipeline", "just: a mapping\n", "- a\n- list\n"])
def test_a_file_that_is_not_a_compiled_pipeline_is_refused(tmp_path, text):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(PipelineError, match="bad.yaml"):
        read_template(path)


def test_kfp_local_runner_runs_a_stand_in_of_the_step_order(tmp_path, monkeypatch):
    """kfp's own local runner executes lightweight stand-ins of part 1's steps, each after the one before."""
    monkeypatch.chdir(tmp_path)
    from kfp import local
    from kfp_stand_in import stand_in_pipeline

    from hisolver_core.pipelines.steps import PART1, PART2

    local.init(runner=local.SubprocessRunner(use_venv=False), pipeline_root=str(tmp_path / "root"))
    for steps in (PART1, PART2):
        result = stand_in_pipeline(steps)()
        assert result.output == ",".join(step.name for step in steps)
