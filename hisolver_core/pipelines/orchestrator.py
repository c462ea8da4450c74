"""Run a pipeline's steps in order, each as a job; stop at the first failure; resume from there.

:func:`start_pipeline` checks the input (part 2 needs labels that split into
train and validation) and records a queued run, so bad input makes nothing.
:func:`run_pipeline` runs every step not yet finished, recording each step's
job, timings and output, and the lineage on the run; a failed step stops the
run with its error. A resumed run reuses what its finished steps produced.
"""

from __future__ import annotations

import logging
import os
import time
from contextlib import closing
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from ..config import Settings
from ..db import open_db, utcnow
from ..errors import HiSolverError, NotFoundError
from .records import (
    create_run,
    get_run,
    process_alive,
    seconds_between,
    step_outputs,
    update_run,
    update_step,
)
from .runners import JobStepRunner, StepResult, StepRunner
from .steps import PipelineError, Step, check_part, steps_of

log = logging.getLogger(__name__)

__all__ = ["PipelineStepFailed", "start_pipeline", "run_pipeline", "resume_pipeline", "reap_lost_runs",
           "auto_dataset_name", "check_part2_input"]  # fmt: skip


class PipelineStepFailed(PipelineError):
    """A step failed; the run stopped there and can be resumed."""


def auto_dataset_name() -> str:
    """A fresh dataset version name for part 2 when none is given: ``auto-YYYYMMDD-HHMMSS``."""
    return datetime.now(UTC).strftime("auto-%Y%m%d-%H%M%S")


def check_part2_input(settings: Settings, db: Database, params: dict[str, Any]) -> None:
    """Refuse part 2 before anything is made: no labels, too few to split, an unknown or taken version.

    Raises :class:`PipelineError` with what to do.
    """
    from .. import datasets
    from ..labeling import waiting_for_labels

    name = params["dataset"]
    if params["reuse_dataset"]:
        try:
            counts = datasets.read_manifest(settings, name)["counts"]
        except NotFoundError:
            raise PipelineError(
                f"there is no dataset version {name!r}: use --new-version {name} to make it, "
                "or pick one from 'hisolver dataset list'"
            ) from None
        train, val, labels = counts.get("train", 0), counts.get("val", 0), counts.get("labels", 0)
    else:
        datasets.check_name(name)
        if db.execute("SELECT 1 FROM dataset_versions WHERE name = ?", [name]).fetchone():
            raise PipelineError(
                f"dataset version {name!r} already exists: pass --dataset {name} to train on it, "
                "or --new-version with a new name"
            )
        split = datasets.preview_split(
            db, approved_only=bool(params.get("approved_only")), val_fraction=float(params.get("val_fraction", 0.1))
        )
        train, val, labels = split["train"], split["val"], split["labels"]
    if labels == 0:
        raise PipelineError(
            f"part 2 needs labels and there are none yet: {waiting_for_labels(db)} snippets wait "
            "on the Label page (run part 1 first if the queue is empty)"
        )
    if train == 0 or val == 0:
        raise PipelineError(
            f"too few labels to split: {labels} labels give {train} training and {val} validation "
            "rows; label more snippets so that both sides get at least one"
        )


def start_pipeline(settings: Settings, part: str, params: dict[str, Any], runner: str = "local") -> int:
    """Check the input and record a queued run of ``part``; return its id (nothing runs yet).

    Raises :class:`PipelineError` for bad input (then nothing is recorded).
    """
    check_part(part)
    with closing(open_db(settings)) as db:
        if part == "part2":
            check_part2_input(settings, db, params)
        return create_run(db, part, params, runner)


def reap_lost_runs(db: Database) -> list[int]:
    """Mark local runs whose orchestrating process died as failed (resumable); return their ids."""
    lost = [r["id"] for r in db.table("pipeline_runs").rows_where("status = 'running' and runner = 'local'")
            if not process_alive(r["pid"])]  # fmt: skip
    for run_id in lost:
        now = utcnow()
        for row in db.table("pipeline_steps").rows_where("run_id = ? and status = 'running'", [run_id]):
            update_step(db, run_id, row["name"], status="failed", error="the pipeline process ended during this step",
                        finished_at=now, seconds=seconds_between(row["started_at"], now))  # fmt: skip
        update_run(
            db,
            run_id,
            status="failed",
            pid=None,
            finished_at=now,
            error=f"the pipeline process ended (killed or crashed): hisolver pipeline resume {run_id}",
        )
    return lost


def _record_lineage(db: Database, run_id: int, step: Step, output: dict[str, Any]) -> None:
    changes = {column: output[key] for column, key in step.lineage.items() if output.get(key) is not None}
    if changes:
        update_run(db, run_id, **changes)


def _run_step(db: Database, run_id: int, step: Step, args: list[str], runner: StepRunner) -> StepResult:
    """Run one step, recording its start, job, end, output or error."""
    started, clock = utcnow(), time.monotonic()
    update_step(db, run_id, step.name, status="running", args=args, started_at=started, finished_at=None,
                seconds=None, error=None, output={}, job_id=None)  # fmt: skip
    try:
        result = runner.run(step, args, lambda job_id: update_step(db, run_id, step.name, job_id=job_id))
    except HiSolverError as exc:
        result = StepResult(False, {}, str(exc))
    except BaseException:
        now = utcnow()
        update_step(db, run_id, step.name, status="failed", error="interrupted", finished_at=now,
                    seconds=seconds_between(started, now))  # fmt: skip
        raise
    update_step(db, run_id, step.name, status="succeeded" if result.ok else "failed", output=result.output,
                error=result.error or None, finished_at=utcnow(), seconds=round(time.monotonic() - clock, 2),
                **({"job_id": result.job_id} if result.job_id else {}))  # fmt: skip
    return result


def _cancel_running_step_jobs(settings: Settings, db: Database, run_id: int) -> None:
    """On an interrupted run, stop the step job it was waiting on (it would run on unwatched)."""
    from ..jobs import ACTIVE, cancel_job, get_job

    for row in db.table("pipeline_steps").rows_where("run_id = ? and job_id is not null", [run_id]):
        try:
            if get_job(db, row["job_id"])["status"] in ACTIVE:
                cancel_job(settings, row["job_id"])
        except HiSolverError as exc:
            log.warning("could not cancel job %s of run %s: %s", row["job_id"], run_id, exc)


def run_pipeline(settings: Settings, run_id: int, runner: StepRunner | None = None) -> dict[str, Any]:
    """Run every unfinished step of run ``run_id`` in order; return the finished run.

    Raises :class:`PipelineStepFailed` (after recording it) when a step fails,
    :class:`PipelineError` when the run is already running or finished.
    """
    from ..jobs import tracked_job

    runner = runner or JobStepRunner(settings)
    with closing(open_db(settings)) as db:
        run = get_run(db, run_id)
        if run["status"] == "running" and process_alive(run["pid"]):
            raise PipelineError(f"pipeline run {run_id} is already running (process {run['pid']})")
        if run["status"] == "succeeded":
            raise PipelineError(f"pipeline run {run_id} has already succeeded: start a new run instead")
        steps = steps_of(run["part"])
        update_run(db, run_id, status="running", pid=os.getpid(), error=None, finished_at=None,
                   started_at=run["started_at"] or utcnow())  # fmt: skip
        outputs = step_outputs(run["steps"])
        done = {s["name"] for s in run["steps"] if s["status"] in ("succeeded", "skipped")}
        try:
            with tracked_job(db, "pipeline", {"run": run_id, "part": run["part"]}) as job:
                update_run(db, run_id, job_id=job.job_id)
                for i, step in enumerate(steps):
                    if step.name in done:
                        continue  # a resumed run reuses what this step made
                    job(i, len(steps), f"step {i + 1}/{len(steps)}: {step.name}")
                    args = [str(a) for a in step.args(run["params"], outputs)]
                    result = _run_step(db, run_id, step, args, runner)
                    if not result.ok:
                        raise PipelineStepFailed(
                            f"step {step.name} failed: {result.error} (fix it, then: hisolver pipeline resume {run_id})"
                        )
                    outputs[step.name] = result.output
                    _record_lineage(db, run_id, step, result.output)
                job(len(steps), len(steps), f"{run['part']} finished")
        except PipelineError as exc:
            update_run(db, run_id, status="failed", error=str(exc), pid=None, finished_at=utcnow())
            raise
        except BaseException:
            _cancel_running_step_jobs(settings, db, run_id)
            update_run(db, run_id, status="cancelled", error="interrupted", pid=None, finished_at=utcnow())
            raise
        update_run(db, run_id, status="succeeded", pid=None, finished_at=utcnow())
        log.info("pipeline run %d (%s) succeeded", run_id, run["part"])
        return get_run(db, run_id)


def resume_pipeline(settings: Settings, run_id: int, runner: StepRunner | None = None) -> dict[str, Any]:
    """Continue run ``run_id`` from its first unfinished step (a queued run starts); return it finished.

    Raises :class:`PipelineError` for a run on Vertex AI, one still running or
    one that succeeded, :class:`PipelineStepFailed` when a step fails again.
    """
    with closing(open_db(settings)) as db:
        reap_lost_runs(db)
        run = get_run(db, run_id)
        if run["runner"] != "local":
            raise PipelineError(
                f"pipeline run {run_id} runs on Vertex AI Pipelines: retry it there "
                f"({run['console_url'] or 'see the console'})"
            )
        for step in run["steps"]:
            if step["status"] in ("failed", "running"):
                update_step(db, run_id, step["name"], status="pending")
    return run_pipeline(settings, run_id, runner)
