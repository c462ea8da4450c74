"""``hisolver eval``: run the solver over a benchmark file and print the scores."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click
from tqdm import tqdm

from ..db import open_db
from ..evaluation import DEFAULT_TIME_LIMIT_S, FORMATS, run_eval
from .common import emit_json, job_options, maybe_submit, settings_from_env

__all__ = ["eval_cmd"]


def _chain_solve(settings, only: str, problem: str, options):
    """Solve through the configured backend chain (``only`` one backend unless it is "chain")."""
    from ..solving.chain import solve_with_chain

    return solve_with_chain(settings, problem, options, only=None if only == "chain" else only)


def _backend(name: str):
    """None for the built-in engine (the harness default), else a picklable solve callable."""
    key = name.strip().lower()
    if key == "builtin":
        return None
    from ..llm import BACKENDS

    if key != "chain" and key not in BACKENDS:
        raise click.BadParameter(
            f"unknown backend {name!r}; choose builtin, chain or one of {', '.join(BACKENDS)}", param_hint="--backend"
        )
    return functools.partial(_chain_solve, settings_from_env(), key)


def _print_table(title: str, table: dict) -> None:
    click.echo(f"\n{title:<28} {'total':>6} {'answered':>9} {'correct':>8} {'wrong':>6} {'precision':>10}")
    for name, row in table.items():
        precision = "-" if row["precision"] is None else f"{row['precision']:.1%}"
        click.echo(
            f"{name[:28]:<28} {row['total']:>6} {row['answered']:>9} {row['correct']:>8} {row['wrong']:>6}"
            f" {precision:>10}"
        )


def _dataset(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A JSONL file, or the name of a set shipped in the package (``sat_style_dev``): its path."""
    if Path(value).is_file():
        return value
    from ..errors import ProblemError
    from ..evaluation import packaged_set

    if Path(value).suffix not in ("", ".jsonl") or "/" in value:
        raise click.BadParameter(f"no file {value}", ctx=ctx, param=param)
    try:
        return str(packaged_set(value))
    except ProblemError as exc:
        raise click.BadParameter(f"no file {value}, and {exc}", ctx=ctx, param=param) from exc


@click.command("eval")
@click.option(
    "--dataset",
    "dataset",
    required=True,
    callback=_dataset,
    help="JSONL benchmark file, or a set shipped in the package: sat_style_dev, sat_style_fresh, sat_traps.",
)
@click.option("--format", "fmt", required=True, type=click.Choice(FORMATS), help="Record layout of the file.")
@click.option(
    "--backend",
    default="builtin",
    show_default=True,
    help="builtin (the engine), chain (the configured backend chain) or one backend name, e.g. openai.",
)
@click.option("--limit", type=int, default=None, help="Only the first N problems (after filters).")
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Write per-item results here (JSONL).")
@click.option("--subjects", default=None, help="MATH only: comma-separated subjects, e.g. Algebra,Prealgebra.")
@click.option("--max-level", type=int, default=None, help="MATH only: skip problems above this level.")
@click.option("--time-limit", type=float, default=DEFAULT_TIME_LIMIT_S, show_default=True, help="Seconds per problem.")
@click.option("--json", "as_json", is_flag=True, help="End with one JSON line holding the summary.")
@job_options
def eval_cmd(dataset, fmt, backend, limit, out, subjects, max_level, time_limit, as_json) -> None:
    """Evaluate a solver backend on a benchmark file (agieval, math, gsm8k or aqua JSONL).

    Scores the option letter where there are options and mathematical
    equivalence otherwise; prints the summary and a per-topic table.

    \b
    Example:
      hisolver eval --dataset math500_test.jsonl --format math --subjects Algebra,Prealgebra --max-level 3 --json
      hisolver eval --dataset sat_math.jsonl --format agieval --background
      hisolver eval --dataset sat_traps --format agieval
    """
    solve_fn = _backend(backend)  # an unknown backend fails here, before a job is submitted
    if maybe_submit("evaluate", {"dataset": dataset, "format": fmt, "backend": backend, "limit": limit}):
        return
    bar = tqdm(total=0, unit="problem", file=sys.stderr, disable=None)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    db = open_db(settings_from_env())
    try:
        report = run_eval(
            dataset,
            fmt,
            solve_fn,
            limit=limit,
            time_limit_s=time_limit,
            progress=progress,
            out=out,
            subjects=[s for s in subjects.split(",") if s] if subjects else None,
            max_level=max_level,
            db=db,
        )
    finally:
        bar.close()
        db.close()
    s = report.summary
    precision = "-" if s["precision"] is None else f"{s['precision']:.1%}"
    click.echo(
        f"total {s['total']}  answered {s['answered']}  correct {s['correct']}  wrong {s['wrong']}  "
        f"accuracy {s['accuracy']:.1%}  precision {precision}  timeouts {s['timeouts']}  "
        f"formalised {s.get('formalised', 0)}  {s['seconds']:.1f}s"
    )
    _print_table("topic", report.by_topic)
    if len(report.by_subject) > 1:
        _print_table("subject", report.by_subject)
    if out:
        click.echo(f"\nper-item results: {out}")
    if as_json:
        emit_json({**s, "by_topic": report.by_topic})
