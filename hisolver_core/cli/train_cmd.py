"""``hisolver train``: fine-tune a model on a dataset version, list and show runs, evaluate, resume."""

from __future__ import annotations

from contextlib import closing
from typing import Any

import click

from ..errors import HiSolverError
from .common import echo_rows, emit_json, job_options, maybe_submit, settings_from_env


def _param_options() -> dict[str, str]:
    """click parameter name -> TrainParams field, for the hyper-parameters `train start` accepts."""
    from ..training.params import CLI_FLAGS, CLI_OPTIONS

    flags = {field: on for field, (on, _off) in CLI_FLAGS.items()}
    return {option[2:].replace("-", "_"): field for field, option in {**CLI_OPTIONS, **flags}.items()}


def params_from_options(options: dict[str, Any]) -> Any:
    """Return the ``TrainParams`` that `train start`'s options ask for (unset ones keep their defaults)."""
    from ..training import TrainParams

    return TrainParams.from_dict(
        {field: options[opt] for opt, field in _param_options().items() if options.get(opt) is not None}
    )


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


@click.group("train")
def train_group() -> None:
    """Fine-tune a causal LM (LoRA, QLoRA or full) on a dataset version; runs, evaluation, resume.

    \b
    Example:
      hisolver train start --dataset v1 --base-model Qwen/Qwen2.5-Coder-0.5B-Instruct --max-steps 200
      hisolver train list
    """


@train_group.command("start")
@click.option("--dataset", required=True, help="Dataset version name (see `hisolver dataset list`).")
@click.option("--base-model", required=True, help="A local transformers folder or a Hugging Face id.")
@click.option(
    "--method",
    type=click.Choice(["lora", "qlora", "full"]),
    default="lora",
    show_default=True,
    help="LoRA adapter, QLoRA (4-bit base, CUDA) or full fine-tuning (tiny models).",
)
@click.option("--max-steps", type=int, default=None, help="Optimizer steps; overrides --epochs.")
@click.option("--epochs", type=float, default=None, help="Passes over the training rows (default 3).")
@click.option("--lr", type=float, default=None, help="Peak learning rate (default 2e-4).")
@click.option("--batch-size", type=int, default=None, help="Rows per device step (default 4).")
@click.option("--grad-accum", type=int, default=None, help="Device steps per optimizer step (default 1).")
@click.option("--lora-r", type=int, default=None, help="LoRA rank (default 16).")
@click.option("--lora-alpha", type=int, default=None, help="LoRA alpha (default 32).")
@click.option("--lora-dropout", type=float, default=None, help="LoRA dropout (default 0.05).")
@click.option("--target-modules", default=None, help="all-linear (default) or e.g. q_proj,v_proj.")
@click.option("--max-length", type=int, default=None, help="Tokens per row; longer rows are cut (default 1024).")
@click.option("--packing/--no-packing", default=None, help="Pack rows into full sequences (default: off).")
@click.option("--warmup-ratio", type=float, default=None, help="Share of steps warming up (default 0.03).")
@click.option("--scheduler", default=None, help="Learning-rate schedule (default cosine).")
@click.option("--seed", type=int, default=None, help="Random seed (default 42).")
@click.option("--save-steps", type=int, default=None, help="Checkpoint every N steps, for resume (default 50).")
@click.option("--eval-steps", type=int, default=None, help="Eval loss every N steps (default: at the end).")
@click.option("--eval-limit", type=int, default=None, help="Validation prompts rendered per model (default 4).")
@click.option("--max-new-tokens", type=int, default=None, help="Token limit per generated file (default 384).")
@click.option(
    "--prompt-format",
    type=click.Choice(["auto", "chat", "plain"]),
    default=None,
    help="Chat template or plain prompt/completion (default auto).",
)
@click.option("--merge/--no-merge", default=None, help="Also save the merged model (default: yes).")
@click.option("--qlora-on-cpu", is_flag=True, default=None, help="Allow QLoRA's slow CPU path.")
@click.option("--json", "as_json", is_flag=True, help="Print only the final JSON line on stdout.")
@job_options
def start_cmd(dataset: str, base_model: str, as_json: bool, **options: Any) -> None:
    """Train BASE_MODEL on DATASET; end with one JSON line: run, status, metrics, artifacts, model.

    With --background (or --runner vertex and a machine) the same command runs as a job and the job
    id is printed last instead.

    \b
    Example:
      hisolver train start --dataset v1 --base-model ./tiny --method lora --max-steps 100
      hisolver train start --dataset v1 --base-model Qwen/Qwen2.5-Coder-0.5B-Instruct --runner vertex \\
        --machine-type g2-standard-8 --accelerator-type NVIDIA_L4 --accelerator-count 1
    """
    from .. import training

    params = params_from_options(options)  # checked before a job is submitted: bad input fails here
    if maybe_submit("train", {"dataset": dataset, "base_model": base_model, **params.to_dict()}):
        return
    settings = settings_from_env()
    again = training.run_to_resume(settings)
    if again:  # Retry on the Jobs page: continue the killed run instead of starting over
        click.echo(f"run {again}: retried, resuming from its last checkpoint", err=True)
        _run_and_report(lambda: training.resume_run(settings, again, echo=_echo_err), again)
        return
    run_id = training.runs.new_run_id()
    click.echo(f"run {run_id}: {params.method} on {dataset} from {base_model}", err=True)
    _run_and_report(
        lambda: training.start_run(settings, dataset, base_model, params, run_id=run_id, echo=_echo_err), run_id
    )


def _run_and_report(work: Any, run_id: str) -> None:
    """Run ``work``; print its JSON line, or a failed one then a one-line error (exit 1)."""
    try:
        result = work()
    except HiSolverError as exc:
        emit_json({"run": run_id, "status": "failed", "error": str(exc), "metrics": {}, "artifacts": {}, "model": None})
        raise click.ClickException(str(exc)) from exc
    emit_json(result)


@train_group.command("resume")
@click.argument("run")
@job_options
def resume_cmd(run: str) -> None:
    """Continue RUN from its last checkpoint (a killed or failed run); ends with the same JSON line as start.

    \b
    Example:
      hisolver train resume run-20261202-061500-3f9a
    """
    from .. import training

    if maybe_submit("train", {"resume": run}):
        return
    _run_and_report(lambda: training.resume_run(settings_from_env(), run, echo=_echo_err), run)


def _line(run: dict) -> str:
    m = run["metrics"]
    rs, base = m.get("render_success"), m.get("base_render_success")
    render = f"render {rs:.0%} (base {base:.0%})" if isinstance(rs, float) and isinstance(base, float) else ""
    return (
        f"{run['id']:<26} {run['status']:<10} {run['method']:<5} data {run['dataset_version']:<10} "
        f"step {run['step']}/{run['max_steps']}  {render}  {run['model'] or ''}"
    ).rstrip()


@train_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of runs.")
def list_cmd(as_json: bool) -> None:
    """List training runs, newest first.

    \b
    Example:
      hisolver train list --json
    """
    from ..db import open_db
    from ..training import runs

    with closing(open_db(settings_from_env())) as db:
        rows = runs.list_runs(db)
    empty = "no training runs yet: `hisolver train start --dataset NAME --base-model PATH` starts one"
    echo_rows(rows, as_json, _line, empty)


@train_group.command("show")
@click.argument("run")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (with the per-step metrics).")
def show_cmd(run: str, as_json: bool) -> None:
    """Show one run: data, base model, parameters, metrics, artifacts, error.

    \b
    Example:
      hisolver train show run-20261202-061500-3f9a
    """
    from ..db import open_db
    from ..training import runs

    db = open_db(settings_from_env())
    try:
        row = runs.get_run(db, run)
        row["steps"] = runs.run_metrics(db, run)
    finally:
        db.close()
    if as_json:
        emit_json(row)
        return
    click.echo(_line(row))
    click.echo(f"base {row['base_model']}; dataset hash {row['dataset_hash'] or '?'}; job {row['job_id']}")
    if row["error"]:
        click.echo(f"error: {row['error']}")
    for key, value in sorted(row["metrics"].items()):
        click.echo(f"  {key}: {value}")
    for kind, uri in sorted(row["artifacts"].items()):
        click.echo(f"  {kind}: {uri}")


@train_group.command("eval")
@click.argument("run")
@click.option("--eval-limit", type=int, default=None, help="Validation prompts rendered per model.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_cmd(run: str, eval_limit: int | None, as_json: bool) -> None:
    """Evaluate RUN again: render success, Scene share, val loss and perplexity, before and after.

    \b
    Example:
      hisolver train eval run-20261202-061500-3f9a --eval-limit 8
    """
    from .. import training

    result = training.evaluate_run(settings_from_env(), run, eval_limit, echo=_echo_err)
    if as_json:
        emit_json({"run": result["run"], "metrics": result["metrics"], "samples": result["samples"]})
        return
    m = result["metrics"]
    click.echo(f"{'measure':<26} {'base':>10} {'trained':>10}")
    for label, key in (
        ("render success", "render_success"),
        ("share with a Scene class", "scene_share"),
        ("validation loss", "val_loss"),
        ("perplexity", "perplexity"),
    ):
        click.echo(f"{label:<26} {_num(m.get('base_' + key)):>10} {_num(m.get(key)):>10}")


def _num(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, (int, float)) else "-"
