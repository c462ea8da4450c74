"""Helpers shared by CLI subcommands: settings, JSON output, and running a subcommand as a background job."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..config import Settings, load_settings

__all__ = ["JOB_OPTION_NAMES", "command_args", "emit_json", "job_options", "maybe_submit", "settings_from_env"]

JOB_OPTION_NAMES = ("background", "runner", "machine_type", "accelerator_type", "accelerator_count")
_META_KEY = "hisolver.job_options"


def settings_from_env() -> Settings:
    """Load settings for a CLI run (environment, then secrets.toml, then defaults)."""
    return load_settings()


def emit_json(obj: object) -> None:
    """Print ``obj`` as one JSON line on stdout (the last line a script reads)."""
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))
    sys.stdout.flush()


def echo_rows(rows: list[dict[str, Any]], as_json: bool, line: Callable[[dict[str, Any]], str], empty: str) -> None:
    """Print ``rows`` as one JSON array (``as_json``), else one ``line(row)`` each, or ``empty`` when there are none."""
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(empty)
    for row in rows:
        click.echo(line(row))


def job_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give a long subcommand ``--background``, ``--runner`` and the Vertex machine options.

    The options are taken off the command's keyword arguments (the function
    keeps its signature); :func:`maybe_submit` reads them. Usage, two lines::

        @click.command("extract")
        @click.option("--workers", type=int, default=0)
        @job_options
        def extract_cmd(workers: int) -> None:
            if maybe_submit("extract", {"workers": workers}):
                return  # submitted: the job id was printed as the last line
            ...  # the foreground work, as before

    ``--runner vertex`` implies ``--background``. In the job the same command
    runs again without these options, so it does the work in the foreground.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        ctx.meta[_META_KEY] = {name: kwargs.pop(name) for name in JOB_OPTION_NAMES}
        return func(*args, **kwargs)

    options = [
        click.option("--background", is_flag=True, help="Run as a job and return at once; prints the job id last."),
        click.option("--runner", type=click.Choice(["local", "vertex"]), default=None,
                     help="Where the job runs (default HISOLVER_JOB_RUNNER); vertex implies --background."),
        click.option("--machine-type", default=None, help="Vertex only: machine type, e.g. g2-standard-8."),
        click.option("--accelerator-type", default=None, help="Vertex only: accelerator, e.g. NVIDIA_L4."),
        click.option("--accelerator-count", type=int, default=0, show_default=True,
                     help="Vertex only: how many accelerators."),
    ]  # fmt: skip
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def _abs_path(value: Any) -> Any:
    # the job may run from another folder: paths that exist here are passed in full
    if isinstance(value, str) and value and os.path.exists(value):
        return str(Path(value).resolve())
    return value


def command_args(ctx: click.Context, skip: tuple[str, ...] = JOB_OPTION_NAMES) -> list[str]:
    """Rebuild the ``hisolver`` arguments that invoked ``ctx``'s command (without the job options).

    Returns e.g. ``["collect", "local", "/abs/path", "--name", "x"]``: subcommand
    names, then each option that differs from its default, then arguments.
    """
    names: list[str] = []
    node: click.Context | None = ctx
    while node is not None and node.parent is not None:
        names.append(node.info_name or "")
        node = node.parent
    args = names[::-1]
    positional: list[str] = []
    for param in ctx.command.params:
        if param.name is None or param.name in skip or param.name not in ctx.params:
            continue
        value = ctx.params[param.name]
        if isinstance(param, click.Argument):
            values = value if isinstance(value, (list, tuple)) else [value]
            positional.extend(str(_abs_path(v)) for v in values if v is not None)
            continue
        if not isinstance(param, click.Option) or value is None or value == param.default:
            continue
        flag = max(param.opts, key=len)
        if param.is_flag:
            if param.secondary_opts:
                args.append(flag if value else max(param.secondary_opts, key=len))
            elif value:
                args.append(flag)
            continue
        for item in value if param.multiple else [value]:
            args.extend([flag, str(_abs_path(item))])
    return args + (["--", *positional] if any(p.startswith("-") for p in positional) else positional)


def maybe_submit(kind: str, params: dict[str, Any] | None = None, ctx: click.Context | None = None) -> int | None:
    """Submit the current command as a job when ``--background`` (or ``--runner vertex``) was given.

    Returns the new job's id after printing it as the last line, or None when the
    command should do its work in the foreground. ``params`` are shown on the
    Jobs page (default: the command's own parameters). Raises
    :class:`HiSolverError` (shown as one line) when the job cannot be submitted.
    """
    from ..jobs import JobSpec, submit_job

    ctx = ctx or click.get_current_context()
    opts = ctx.meta.get(_META_KEY) or {}
    runner = opts.get("runner")
    if not (opts.get("background") or runner == "vertex"):
        return None
    shown = (
        params
        if params is not None
        else {k: v for k, v in ctx.params.items() if k not in JOB_OPTION_NAMES and k != "as_json"}
    )
    spec = JobSpec(
        kind=kind, args=tuple(command_args(ctx)), params=shown,
        machine_type=opts.get("machine_type"), accelerator_type=opts.get("accelerator_type"),
        accelerator_count=int(opts.get("accelerator_count") or 0),
    )  # fmt: skip
    job_id = submit_job(settings_from_env(), spec, runner=runner)
    click.echo(f"job {job_id} submitted ({kind}); follow it with: hisolver jobs logs {job_id} --follow", err=True)
    click.echo(str(job_id))
    sys.stdout.flush()
    return job_id
