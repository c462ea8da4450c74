"""The two pipelines as data: each step is a ``hisolver`` command built from the run's parameters.

The same step lists drive the local orchestrator (each step a job running the
command) and the Kubeflow spec compiled for Vertex AI Pipelines (each step a
container component running the command in the project's image), so the two
can never drift apart.

A step's arguments are built by a function of the run's parameters and of the
outputs of the steps before it. Under kfp the parameters are placeholders and
there are no earlier outputs, so a builder must pass parameter values through
unchanged (never format them into a string) and have a form that needs no
earlier output (the deploy step then finds the model by its dataset version).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import HiSolverError

__all__ = [
    "PipelineError",
    "Step",
    "PARTS",
    "PART1",
    "PART2",
    "steps_of",
    "check_part",
    "part1_params",
    "part2_params",
    "last_json_line",
]

Params = Mapping[str, Any]
Outputs = Mapping[str, dict]


class PipelineError(HiSolverError):
    """A pipeline cannot be run, resumed, compiled or submitted as asked."""


@dataclass(frozen=True)
class Step:
    """One step: its name, the job kind it runs as, and how its ``hisolver`` arguments are built."""

    name: str
    title: str
    kind: str
    build: Callable[[Params, Outputs], list[Any]]
    # which run columns the step's JSON output fills (lineage), e.g. {"dataset_version": "name"}
    lineage: dict[str, str] = field(default_factory=dict)

    def args(self, params: Params, outputs: Outputs | None = None) -> list[Any]:
        """Return the step's ``hisolver`` arguments for ``params`` and the earlier steps' ``outputs``."""
        return self.build(params, outputs or {})


def _collect(p: Params, _: Outputs) -> list[Any]:
    if p.get("source"):
        return ["collect", "local", p["source"], "--json"]
    return ["collect", "github", "--query", p["query"], "--max-repos", p["max_repos"], "--json"]


def _render_check(p: Params, _: Outputs) -> list[Any]:
    limit = p.get("render_limit")
    return ["render-check", "--json"] + (["--limit", limit] if limit else [])


def _dataset(p: Params, _: Outputs) -> list[Any]:
    if p.get("reuse_dataset"):
        return ["dataset", "show", p["dataset"], "--json"]  # an existing version: read its manifest
    args = ["dataset", "create", p["dataset"], "--json"] + (["--approved-only"] if p.get("approved_only") else [])
    if p.get("val_fraction") not in (None, 0.1):  # 0.1 is the command's own default
        args += ["--val-fraction", p["val_fraction"]]
    return args


def _train(p: Params, out: Outputs) -> list[Any]:
    dataset = out.get("dataset", {}).get("name", p["dataset"])
    args = ["train", "start", "--dataset", dataset, "--base-model", p["base_model"]]
    for option in ("method", "max_steps"):
        if p.get(option):  # under kfp always given (a placeholder); 0 steps means the trainer's epochs
            args += [f"--{option.replace('_', '-')}", p[option]]
    return args + ["--json"]


def _deploy(p: Params, out: Outputs) -> list[Any]:
    model = out.get("train", {}).get("model")
    which = ["--model", model] if model else ["--dataset", p["dataset"]]
    return ["pipeline", "deploy", *which, "--target", p.get("deploy_target", "local"), "--json"]


PART1: tuple[Step, ...] = (
    Step("collect", "Collect Manim code", "collect", _collect),
    Step("extract", "Extract Scene snippets", "extract", lambda p, o: ["extract", "--no-export", "--json"]),
    Step("render-check", "Render-check snippets", "render-check", _render_check),
    Step("export", "Export processed/ and fill the label queue", "export",
         lambda p, o: ["pipeline", "export", "--json"], {"snippets_waiting": "waiting_for_labels"}),
)  # fmt: skip

PART2: tuple[Step, ...] = (
    Step("dataset", "Dataset version", "dataset", _dataset, {"dataset_version": "name"}),
    Step("train", "Train, evaluate, register", "train", _train, {"training_run": "run", "model": "model"}),
    Step("deploy", "Deploy gate (render success)", "deploy", _deploy,
         {"deploy_decision": "decision", "deploy_reason": "reason"}),
)  # fmt: skip

PARTS: dict[str, tuple[Step, ...]] = {"part1": PART1, "part2": PART2}


def check_part(part: str) -> str:
    """Return ``part`` when it is ``part1`` or ``part2``; raises :class:`PipelineError`."""
    if part not in PARTS:
        raise PipelineError(
            f"unknown pipeline {part!r}: use part1 (collect to label queue) or part2 (dataset to deploy)"
        )
    return part


def steps_of(part: str) -> tuple[Step, ...]:
    """Return the steps of ``part`` in order; raises :class:`PipelineError` for an unknown part."""
    return PARTS[check_part(part)]


def part1_params(
    query: str = "manim language:python", max_repos: int = 0, source: str | None = None, render_limit: int = 0
) -> dict[str, Any]:
    """Return part 1's parameters, checked; raises :class:`PipelineError` for a bad value."""
    if max_repos < 0 or render_limit < 0:
        raise PipelineError("--max-repos and --render-limit must be 0 (no limit) or more")
    if not source and not query.strip():
        raise PipelineError("part 1 needs a GitHub search (--query) or a local folder or archive (--source)")
    params: dict[str, Any] = {"query": query, "max_repos": max_repos, "render_limit": render_limit}
    if source:
        params["source"] = source
    return params


def part2_params(
    dataset: str,
    base_model: str,
    *,
    reuse_dataset: bool,
    method: str = "",
    max_steps: int = 0,
    approved_only: bool = False,
    val_fraction: float = 0.1,
    deploy_target: str = "local",
) -> dict[str, Any]:
    """Return part 2's parameters, checked; raises :class:`PipelineError` for a bad value."""
    if not base_model.strip():
        raise PipelineError("part 2 needs a base model: pass --base-model (a local model folder or a model id)")
    if max_steps < 0:
        raise PipelineError("--max-steps must be 0 (the trainer's default) or more")
    if deploy_target not in ("local", "vertex", "registry"):
        raise PipelineError(f"unknown deploy target {deploy_target!r}: use local, vertex or registry (promote only)")
    if not 0.0 < val_fraction < 1.0:
        raise PipelineError(f"--val-fraction must be above 0 and below 1, got {val_fraction}")
    return {"dataset": dataset, "reuse_dataset": reuse_dataset, "base_model": base_model, "method": method,
            "max_steps": max_steps, "approved_only": approved_only, "val_fraction": val_fraction,
            "deploy_target": deploy_target}  # fmt: skip


def last_json_line(text: str) -> dict[str, Any]:
    """Return the last line of ``text`` that is a JSON object (a step's result), or ``{}`` when none is."""
    import json

    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                return value
    return {}
