"""``hisolver pipeline``: part 1 and part 2, locally (each step a job) or on Vertex AI Pipelines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from .. import pipelines
from .common import emit_json, settings_from_env

RUNNER = click.option(
    "--runner",
    type=click.Choice(["local", "vertex"]),
    default="local",
    show_default=True,
    help="local: each step a job on this machine; vertex: submit to Vertex AI Pipelines.",
)
BACKGROUND = click.option("--background", is_flag=True, help="Local runner: run as a job, print the run id at once.")
AS_JSON = click.option("--json", "as_json", is_flag=True, help="Print the run as one JSON object last.")


@click.group("pipeline")
def pipeline_group() -> None:
    """The two pipelines: part 1 (collect -> label queue), part 2 (dataset -> train -> deploy gate).

    \b
    Example:
      hisolver pipeline part1 --query manim --max-repos 50
      hisolver pipeline part2 --new-version v3 --base-model ./models/base
      hisolver pipeline resume 7
    """


class _EchoRunner:
    """The job-backed step runner, telling the terminal when each step starts and ends."""

    def __init__(self, inner: pipelines.StepRunner) -> None:
        self.inner = inner

    def run(self, step: pipelines.Step, args: list[str], on_job: Callable[[int], None]) -> pipelines.StepResult:
        def announce(job_id: int) -> None:
            click.echo(f"{step.name}: job {job_id} (hisolver {' '.join(args)}); logs: hisolver jobs logs {job_id}",
                       err=True)  # fmt: skip
            on_job(job_id)

        result = self.inner.run(step, args, announce)
        click.echo(f"{step.name}: {'done' if result.ok else 'FAILED: ' + result.error}", err=True)
        return result


def _summary(run: dict[str, Any]) -> str:
    lines = [f"run {run['id']} {run['part']} ({run['runner']}): {run['status']}"
             + (f" - {run['error']}" if run.get("error") else "")]  # fmt: skip
    for step in run["steps"]:
        took = f"{step['seconds']:.1f} s" if step.get("seconds") is not None else ""
        job = f"job {step['job_id']}" if step.get("job_id") else ""
        lines.append(f"  {step['name']:<13} {step['status']:<10} {took:>9}  {job}")
    for key in (
        "dataset_version",
        "training_run",
        "model",
        "deploy_decision",
        "deploy_reason",
        "snippets_waiting",
        "console_url",
    ):
        if run.get(key) not in (None, ""):
            lines.append(f"  {key}: {run[key]}")
    return "\n".join(lines)


def _launch(
    part: str,
    params: dict[str, Any],
    runner: str,
    background: bool,
    as_json: bool,
    vertex_options: dict[str, Any] | None = None,
    template: str | None = None,
) -> None:
    """Start ``part``: on Vertex AI, as a background job, or here (each step a job) to the end."""
    from ..pipelines.service import launch_pipeline

    settings = settings_from_env()
    if runner == "vertex" or background:
        started = launch_pipeline(settings, part, params, runner, template=template, **(vertex_options or {}))
        if started["console_url"]:
            click.echo(f"run {started['run']} submitted to Vertex AI Pipelines: {started['console_url']}", err=True)
        else:
            click.echo(f"run {started['run']} started as job {started['job']}; "
                       f"follow it with: hisolver pipeline show {started['run']}", err=True)  # fmt: skip
        emit_json(started) if as_json else click.echo(str(started["run"]))
        return
    run_id = pipelines.start_pipeline(settings, part, params)
    _finish(settings, run_id, as_json, pipelines.run_pipeline)


def _finish(settings: Any, run_id: int, as_json: bool, how: Callable[..., dict]) -> None:
    """Run ``how(settings, run_id, runner)`` and print the run; a failed step exits 1 with the run printed."""
    runner = _EchoRunner(pipelines.JobStepRunner(settings))
    try:
        run = how(settings, run_id, runner)
    except pipelines.PipelineStepFailed:
        _print_run(settings, run_id, as_json)
        raise
    emit_json(run) if as_json else click.echo(_summary(run))


def _print_run(settings: Any, run_id: int, as_json: bool) -> None:
    run = _read(settings, pipelines.get_run, run_id)
    emit_json(run) if as_json else click.echo(_summary(run), err=True)


@pipeline_group.command("part1")
@click.option("--query", default="manim language:python", show_default=True, help="GitHub search keywords.")
@click.option("--max-repos", type=int, default=0, help="Stop after this many repositories (0: all).")
@click.option(
    "--source",
    type=click.Path(exists=True),
    default=None,
    help="Import a local folder, .zip or .tar.gz instead of searching GitHub.",
)
@click.option("--render-limit", type=int, default=0, help="Render-check at most this many snippets (0: all pending).")
@RUNNER
@BACKGROUND
@AS_JSON
def part1_cmd(
    query: str, max_repos: int, source: str | None, render_limit: int, runner: str, background: bool, as_json: bool
) -> None:
    """Collect -> extract -> render-check -> processed/ export, leaving the label queue filled.

    \b
    Example:
      hisolver pipeline part1 --query "manim scene" --max-repos 20
      hisolver pipeline part1 --source ./lecture-scenes.zip --background
    """
    from pathlib import Path

    params = pipelines.part1_params(query, max_repos, str(Path(source).resolve()) if source else None, render_limit)
    _launch("part1", params, runner, background, as_json)


@pipeline_group.command("part2")
@click.option("--dataset", default=None, help="Train on this existing dataset version.")
@click.option("--new-version", default=None, help="Freeze the current labels into this new version first "
              "(default when --dataset is not given: auto-<time>).")  # fmt: skip
@click.option("--base-model", required=True, help="A local transformers folder or a model id.")
@click.option("--method", type=click.Choice(["lora", "qlora", "full"]), default="lora", show_default=True)
@click.option("--max-steps", type=int, default=0, help="Optimizer steps (0: the trainer's epochs).")
@click.option("--approved-only", is_flag=True, help="New version: approved labels only.")
@click.option("--val-fraction", type=float, default=0.1, show_default=True, help="New version: share for validation.")
@click.option(
    "--deploy-target",
    type=click.Choice(["local", "vertex", "registry"]),
    default=None,
    help="Where a model that passes the gate is deployed (default: local here, registry on Vertex, "
    "which only promotes it).",
)
@click.option("--machine-type", default="g2-standard-8", show_default=True, help="Vertex: the training step's machine.")
@click.option("--accelerator-type", default="NVIDIA_L4", show_default=True, help="Vertex: the training step's GPU.")
@click.option("--accelerator-count", type=int, default=1, show_default=True, help="Vertex: GPUs for training.")
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Vertex: submit this compiled pipeline file instead of compiling one.",
)
@RUNNER
@BACKGROUND
@AS_JSON
def part2_cmd(
    dataset: str | None,
    new_version: str | None,
    base_model: str,
    method: str,
    max_steps: int,
    approved_only: bool,
    val_fraction: float,
    deploy_target: str | None,
    machine_type: str,
    accelerator_type: str,
    accelerator_count: int,
    template: str | None,
    runner: str,
    background: bool,
    as_json: bool,
) -> None:
    """Dataset version -> train (evaluate, register) -> deploy only if render success beats production.

    \b
    Example:
      hisolver pipeline part2 --new-version v4 --base-model ./models/qwen-0.5b --max-steps 200
      hisolver pipeline part2 --dataset v3 --base-model Qwen/Qwen2.5-Coder-1.5B --runner vertex
    """
    if dataset and new_version:
        raise click.UsageError("give --dataset (an existing version) or --new-version (a new one), not both")
    params = pipelines.part2_params(
        dataset or new_version or pipelines.auto_dataset_name(),
        base_model,
        reuse_dataset=bool(dataset),
        method=method,
        max_steps=max_steps,
        approved_only=approved_only,
        val_fraction=val_fraction,
        deploy_target=deploy_target or ("registry" if runner == "vertex" else "local"),
    )
    if runner == "vertex":
        params.update(accelerator_type=accelerator_type, accelerator_count=accelerator_count)
    machine = {"machine_type": machine_type, "accelerator_type": accelerator_type,
               "accelerator_count": accelerator_count}  # fmt: skip
    _launch("part2", params, runner, background, as_json, machine, template)


@pipeline_group.command("resume")
@click.argument("run", type=int)
@AS_JSON
def resume_cmd(run: int, as_json: bool) -> None:
    """Continue run RUN from its first unfinished step, reusing what the finished steps made.

    \b
    Example:
      hisolver pipeline resume 7
    """
    _finish(settings_from_env(), run, as_json, pipelines.resume_pipeline)


def _read(settings: Any, what: Callable[..., Any], *args: Any) -> Any:
    """``what(db, *args)`` on a fresh database, after marking runs whose process died as failed."""
    from ..db import open_db

    db = open_db(settings)
    try:
        pipelines.reap_lost_runs(db)
        return what(db, *args)
    finally:
        db.close()


def _refreshed(settings: Any, run: dict[str, Any]) -> dict[str, Any]:
    if run["runner"] == "vertex" and run["status"] in ("queued", "running"):
        from ..pipelines.vertex import refresh_vertex_run

        return refresh_vertex_run(settings, run["id"])
    return run


@pipeline_group.command("list")
@click.option("--limit", type=int, default=20, show_default=True)
@AS_JSON
def list_cmd(limit: int, as_json: bool) -> None:
    """Recent pipeline runs, newest first, with their steps.

    \b
    Example:
      hisolver pipeline list --json
    """
    runs = _read(settings_from_env(), pipelines.list_runs, limit)
    if as_json:
        emit_json({"runs": runs})
        return
    if not runs:
        click.echo("no pipeline runs yet: hisolver pipeline part1")
    for run in runs:
        done = sum(s["status"] == "succeeded" for s in run["steps"])
        click.echo(f"{run['id']:>4} {run['part']} {run['runner']:<6} {run['status']:<10} {done}/{len(run['steps'])} "
                   f"steps  {run['created_at']}  {run.get('error') or ''}")  # fmt: skip


@pipeline_group.command("show")
@click.argument("run", type=int)
@AS_JSON
def show_cmd(run: int, as_json: bool) -> None:
    """One run: its steps (status, duration, job), lineage and deploy decision; Vertex runs are refreshed.

    \b
    Example:
      hisolver pipeline show 7
    """
    settings = settings_from_env()
    row = _refreshed(settings, _read(settings, pipelines.get_run, run))
    emit_json(row) if as_json else click.echo(_summary(row))


@pipeline_group.command("compile")
@click.argument("part", type=click.Choice(["part1", "part2"]))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The YAML file to write.")
@click.option("--image", default=None, help="Container image (default HISOLVER_VERTEX_IMAGE).")
@click.option("--machine-type", default="g2-standard-8", show_default=True, help="Part 2: the training machine.")
@click.option("--accelerator-type", default="NVIDIA_L4", show_default=True, help="Part 2: default GPU parameter.")
@click.option("--accelerator-count", type=int, default=1, show_default=True, help="Part 2: default GPU count.")
def compile_cmd(
    part: str, output: str, image: str | None, machine_type: str, accelerator_type: str, accelerator_count: int
) -> None:
    """Compile PART to a Kubeflow Pipelines v2 YAML file for Vertex AI Pipelines.

    \b
    Example:
      hisolver pipeline compile part2 -o part2.yaml --image us-docker.pkg.dev/p/r/hisolver:1
    """
    from ..pipelines.kfp_spec import compile_pipeline

    path = compile_pipeline(part, output, image or settings_from_env().vertex_image, machine_type=machine_type,
                            accelerator_type=accelerator_type, accelerator_count=accelerator_count)  # fmt: skip
    click.echo(f"wrote {path}")


@pipeline_group.command("export")
@AS_JSON
def export_cmd(as_json: bool) -> None:
    """Write processed/ (one JSON per representative snippet) and count the snippets waiting for labels.

    \b
    Example:
      hisolver pipeline export --json
    """
    result = pipelines.export_processed(settings_from_env())
    emit_json(result) if as_json else click.echo(
        f"{result['exported']} snippets in processed/; {result['waiting_for_labels']} wait for labels"
    )


@pipeline_group.command("deploy")
@click.option("--model", default=None, help="The registered model to judge.")
@click.option("--dataset", default=None, help="Or: the newest model trained on this dataset version.")
@click.option(
    "--margin", type=float, default=None, help="Render-success margin (default HISOLVER_PIPELINE_DEPLOY_MARGIN)."
)
@click.option(
    "--target",
    type=click.Choice(["local", "vertex", "registry"]),
    default="registry",
    show_default=True,
    help="Where a model that passes is deployed before it is promoted; registry: promote only.",
)
@AS_JSON
def deploy_cmd(model: str | None, dataset: str | None, margin: float | None, target: str, as_json: bool) -> None:
    """The deploy gate: promote the model only if its render success beats production's by the margin.

    \b
    Example:
      hisolver pipeline deploy --model hisolver-manim-v3 --margin 0.02
    """
    result = pipelines.deploy_if_better(settings_from_env(), model=model, dataset=dataset, margin=margin, target=target)
    emit_json(result) if as_json else click.echo(f"{result['decision']}: {result['reason']}")
