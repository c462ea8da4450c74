"""The two pipelines as Kubeflow Pipelines v2 specs for Vertex AI Pipelines, built from :mod:`.steps`.

Each step is a container component running the project's image
(``HISOLVER_VERTEX_IMAGE``) with the step's ``hisolver`` command; the tasks run
one after another. The training task gets the accelerator as pipeline
parameters and its CPU and memory from a machine type chosen at compile time
(Vertex AI Pipelines picks the machine that fits them; without
google-cloud-pipeline-components kfp has no machine-type field).
"""

# no ``from __future__ import annotations``: kfp reads the pipeline functions' annotations as types
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .steps import PART1, PART2, PipelineError, Step, check_part

__all__ = ["MACHINES", "PARAMETERS", "build_pipeline", "compile_pipeline", "read_template", "task_step"]

# machine type -> (vCPUs, memory) for the training task's resource limits
MACHINES: dict[str, tuple[int, str]] = {
    "n1-standard-4": (4, "15G"), "n1-standard-8": (8, "30G"), "n1-standard-16": (16, "60G"),
    "g2-standard-4": (4, "16G"), "g2-standard-8": (8, "32G"), "g2-standard-16": (16, "64G"),
    "a2-highgpu-1g": (12, "85G"), "e2-standard-4": (4, "16G"), "e2-standard-8": (8, "32G"),
}  # fmt: skip

# pipeline parameters (name -> kfp type), in the order the signature lists them
PARAMETERS: dict[str, dict[str, str]] = {
    "part1": {"query": "String", "max_repos": "Integer", "render_limit": "Integer"},
    "part2": {"dataset": "String", "base_model": "String", "method": "String", "max_steps": "Integer",
              "accelerator_type": "String", "accelerator_count": "Integer", "deploy_target": "String"},
}  # fmt: skip
_PREFIX = "hisolver-"


def task_step(task_name: str) -> str:
    """The step name of a compiled task (``hisolver-render-check`` -> ``render-check``)."""
    return task_name.removeprefix(_PREFIX)


def _component(step: Step, image: str, part: str) -> Any:
    """A container component for ``step``: ``hisolver <args>`` in ``image``, inputs for the parameters it uses."""
    import yaml
    from kfp import components

    placeholders = {name: {"inputValue": name} for name in PARAMETERS[part]}
    args = step.args(placeholders, {})
    used = [a["inputValue"] for a in args if isinstance(a, dict)]
    spec = {
        "name": f"{_PREFIX}{step.name}",
        "description": step.title,
        "inputs": [{"name": n, "type": PARAMETERS[part][n]} for n in PARAMETERS[part] if n in used],
        "implementation": {"container": {
            "image": image, "command": ["hisolver"], "args": [a if isinstance(a, dict) else str(a) for a in args],
        }},
    }  # fmt: skip
    return components.load_component_from_text(yaml.safe_dump(spec, sort_keys=False))


def _chain(
    part: str, steps: tuple[Step, ...], image: str, values: dict[str, Any], configure: Callable[[str, Any], None]
) -> None:
    """Add one task per step, each after the one before (called inside the pipeline function)."""
    previous = None
    for step in steps:
        component = _component(step, image, part)
        inputs = {name: values[name] for name in (component.component_spec.inputs or {})}
        task = component(**inputs).set_display_name(step.title).set_caching_options(False)
        configure(step.name, task)
        if previous is not None:
            task.after(previous)
        previous = task


def build_pipeline(
    part: str,
    image: str,
    machine_type: str = "g2-standard-8",
    accelerator_type: str = "NVIDIA_L4",
    accelerator_count: int = 1,
) -> Any:
    """Return the ``@dsl.pipeline`` function of ``part`` for ``image``.

    Raises :class:`PipelineError` for an unknown part or machine type, or no image.
    """
    from kfp import dsl

    check_part(part)
    if not image.strip():
        raise PipelineError(
            "the pipeline needs the project's container image: set HISOLVER_VERTEX_IMAGE or pass --image"
        )
    if machine_type not in MACHINES:
        raise PipelineError(f"unknown machine type {machine_type!r}: use one of {', '.join(sorted(MACHINES))}")
    cpu, memory = MACHINES[machine_type]
    if part == "part1":

        @dsl.pipeline(name="hisolver-part1", description="collect -> extract -> render-check -> processed/ export")
        def part1(query: str = "manim language:python", max_repos: int = 100, render_limit: int = 0) -> None:
            values = {"query": query, "max_repos": max_repos, "render_limit": render_limit}
            _chain("part1", PART1, image, values, lambda name, task: None)

        return part1

    @dsl.pipeline(name="hisolver-part2", description="dataset version -> train, evaluate, register -> deploy gate")
    def part2(
        dataset: str,
        base_model: str,
        method: str = "lora",
        max_steps: int = 0,
        accelerator_type: str = accelerator_type,
        accelerator_count: int = accelerator_count,
        deploy_target: str = "registry",
    ) -> None:
        values = {
            "dataset": dataset,
            "base_model": base_model,
            "method": method,
            "max_steps": max_steps,
            "deploy_target": deploy_target,
        }

        def configure(name: str, task: Any) -> None:
            if name == "train":
                task.set_cpu_limit(str(cpu)).set_memory_limit(memory)
                task.set_accelerator_type(accelerator_type).set_accelerator_limit(accelerator_count)

        _chain("part2", PART2, image, values, configure)

    return part2


def compile_pipeline(part: str, path: str | Path, image: str, **machine: Any) -> Path:
    """Compile ``part`` to the YAML file ``path`` (written whole or not at all); return the path.

    ``machine`` takes ``machine_type``, ``accelerator_type`` and ``accelerator_count``.
    Raises :class:`PipelineError` when kfp is missing or the pipeline does not compile.
    """
    try:
        from kfp import compiler
    except ImportError as exc:
        raise PipelineError("compiling a pipeline needs kfp: pip install -r requirements.txt") from exc
    func = build_pipeline(part, image, **machine)
    target = Path(path)
    fd, tmp = tempfile.mkstemp(suffix=".yaml", dir=target.parent if target.parent.is_dir() else None)
    os.close(fd)
    try:
        compiler.Compiler().compile(func, tmp)
        read_template(tmp)
        os.replace(tmp, target)
    except (ValueError, TypeError, RuntimeError, OSError) as exc:
        raise PipelineError(f"pipeline {part} does not compile: {exc}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def read_template(path: str | Path) -> dict[str, Any]:
    """Return a compiled pipeline file's spec; raises :class:`PipelineError` when it is not one."""
    import yaml

    try:
        spec = yaml.safe_load(Path(path).read_text())
    except (OSError, yaml.YAMLError) as exc:
        raise PipelineError(f"cannot read pipeline file {path}: {exc}") from exc
    if not isinstance(spec, dict) or not all(k in spec for k in ("pipelineInfo", "root", "deploymentSpec")):
        raise PipelineError(
            f"{path} is not a compiled pipeline (no pipelineInfo, root and deploymentSpec): "
            "make one with 'hisolver pipeline compile part1|part2 -o FILE.yaml'"
        )
    return spec
