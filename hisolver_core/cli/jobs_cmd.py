"""``hisolver jobs``: list, show, follow, cancel and retry background jobs."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from contextlib import closing
from typing import Any

import click

from .common import echo_rows, emit_json, job_options, maybe_submit, settings_from_env

__all__ = ["jobs_group"]

_FINAL = ("succeeded", "failed", "cancelled")


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"], "kind": row["kind"], "runner": row.get("runner") or "inline", "status": row["status"],
        "progress": round(float(row["progress"] or 0.0), 4), "message": row["message"] or "",
        "created_at": row["created_at"], "started_at": row["started_at"], "finished_at": row["finished_at"],
    }  # fmt: skip


def _full(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for key in ("params", "spec", "metrics"):
        if out.get(key):
            try:
                out[key] = json.loads(out[key])
            except ValueError:
                pass  # shown as stored
    return out


@click.group("jobs")
def jobs_group() -> None:
    """Background jobs: list, show, logs, cancel, retry.

    \b
    Example:
      hisolver extract --background
      hisolver jobs list
      hisolver jobs logs 12 --follow
    """


@jobs_group.command("list")
@click.option("--kind", default=None, help="Only jobs of this kind, e.g. collect.")
@click.option("--status", type=click.Choice(["queued", "running", "succeeded", "failed", "cancelled"]), default=None)
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="End with one JSON array of the jobs.")
def list_cmd(kind: str | None, status: str | None, limit: int, as_json: bool) -> None:
    """The most recent jobs first: id, kind, runner, status, progress, message.

    \b
    Example:
      hisolver jobs list --status running --json
    """
    from ..db import open_db
    from ..jobs import list_jobs, poll_jobs

    settings = settings_from_env()
    poll_jobs(settings)
    with closing(open_db(settings)) as db:
        rows = [_summary(r) for r in list_jobs(db, limit=limit, kind=kind, status=status)]
    echo_rows(rows, as_json, _job_line, "no jobs")


def _job_line(r: dict) -> str:
    return (
        f"{r['id']:>5}  {r['kind']:<13} {r['runner']:<7} {r['status']:<10} {r['progress']:>6.0%}  {r['message'][:60]}"
    )


@jobs_group.command("show")
@click.argument("job_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the job's row as one JSON object.")
def show_cmd(job_id: int, as_json: bool) -> None:
    """One job's row: parameters, spec, status, timings, metrics, links.

    \b
    Example:
      hisolver jobs show 12 --json
    """
    from ..jobs import find_job, poll_jobs

    settings = settings_from_env()
    poll_jobs(settings)
    row = _full(find_job(settings, job_id))
    if as_json:
        emit_json(row)
        return
    for key, value in row.items():
        if value not in (None, "", {}):
            click.echo(f"{key}: {json.dumps(value) if isinstance(value, (dict, list)) else value}")


@jobs_group.command("logs")
@click.argument("job_id", type=int)
@click.option("--follow", "-f", is_flag=True, help="Keep printing new lines until the job finishes.")
@click.option("--tail", type=int, default=None, help="Only the last N lines.")
def logs_cmd(job_id: int, follow: bool, tail: int | None) -> None:
    """Print a job's log (stdout and stderr of its process).

    \b
    Example:
      hisolver jobs logs 12 --follow
    """
    from ..jobs import find_job, job_logs, poll_jobs

    settings = settings_from_env()
    text = job_logs(settings, job_id, tail)
    click.echo(text, nl=False)
    if not follow:
        return
    shown = len(job_logs(settings, job_id))  # offsets count the whole log, whatever --tail showed
    while True:
        poll_jobs(settings)
        status = find_job(settings, job_id)["status"]
        text = job_logs(settings, job_id)
        if len(text) > shown:
            click.echo(text[shown:], nl=False)
            shown = len(text)
        if status in _FINAL:
            click.echo(f"\n[job {job_id} {status}]", err=True)
            return
        time.sleep(0.5)


@jobs_group.command("cancel")
@click.argument("job_id", type=int)
def cancel_cmd(job_id: int) -> None:
    """Stop a queued or running job (SIGTERM to its processes, SIGKILL after the grace period).

    \b
    Example:
      hisolver jobs cancel 12
    """
    from ..jobs import cancel_job

    row = cancel_job(settings_from_env(), job_id)
    click.echo(f"job {job_id} {row['status']}")


@jobs_group.command("retry")
@click.argument("job_id", type=int)
def retry_cmd(job_id: int) -> None:
    """Run a finished job again with the same spec; prints the new job's id as the last line.

    Collect, extract and render-check carry on from what the first run stored.

    \b
    Example:
      hisolver jobs retry 12
    """
    from ..jobs import retry_job

    new_id = retry_job(settings_from_env(), job_id)
    click.echo(f"job {new_id} submitted (retry of job {job_id})", err=True)
    click.echo(str(new_id))


_STUBBORN = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)"


@jobs_group.command("selftest")
@click.option("--seconds", type=float, default=2.0, show_default=True, help="How long the job counts.")
@click.option("--fail", is_flag=True, help="End with an error, to check that failures are reported.")
@click.option("--stubborn-child", is_flag=True, hidden=True, help="Start a child that ignores SIGTERM (cancel test).")
@job_options
def selftest_cmd(seconds: float, fail: bool, stubborn_child: bool) -> None:
    """Run a tiny job that counts for SECONDS with progress: checks a runner end to end.

    \b
    Example:
      hisolver jobs selftest --background
      hisolver jobs selftest --runner vertex --machine-type n1-standard-4
    """
    params = {"seconds": seconds, "fail": fail}
    if maybe_submit("selftest", params):
        return
    from ..db import open_db
    from ..errors import JobError
    from ..jobs import tracked_job

    with closing(open_db(settings_from_env())) as db, tracked_job(db, "selftest", params) as job:
        if stubborn_child:
            child = subprocess.Popen([sys.executable, "-c", _STUBBORN], stdin=subprocess.DEVNULL)
            click.echo(f"child pid {child.pid}")
        steps = max(1, int(seconds * 10))
        for step in range(1, steps + 1):
            time.sleep(seconds / steps)
            job(step, steps, f"step {step} of {steps}")
        if fail:
            raise JobError("the self-test failed on purpose (--fail)")
    click.echo("selftest ok")
