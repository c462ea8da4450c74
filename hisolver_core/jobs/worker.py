"""A local job's own process: ``python -m hisolver_core.jobs.worker JOB_ID -- <hisolver args>``.

Runs the ``hisolver`` command in this process (so ``tracked_job`` adopts the
runner's row through ``HISOLVER_JOB_ID``), turns SIGTERM into
:class:`JobCancelled`, and on the way out records how the process ended for
commands that keep no row of their own, copies the log to a cloud blob store,
and starts the next queued jobs, so the queue drains with no page open.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import traceback
from typing import Any

from .records import JOB_ID_ENV, JobCancelled

log = logging.getLogger(__name__)

CANCELLED_EXIT = 128 + signal.SIGTERM


def _on_sigterm(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one cancel is enough; finish recording it
    raise JobCancelled()


def run_command(args: list[str]) -> tuple[int, Any]:
    """Run ``hisolver <args>`` here; return its exit status (143 when cancelled) and what the command returned."""
    import click

    from ..cli import main as cli

    try:
        return 0, cli.main(args=args, prog_name="hisolver", standalone_mode=False)
    except JobCancelled:
        print("hisolver: job cancelled (SIGTERM)", file=sys.stderr)
        return CANCELLED_EXIT, None
    except click.exceptions.Exit as exc:
        return int(exc.exit_code), None
    except click.ClickException as exc:
        exc.show()
        return int(exc.exit_code), None
    except click.Abort:
        return 1, None
    except SystemExit as exc:
        return (exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)), None
    except BaseException:  # noqa: BLE001 - the log must show why the job failed
        traceback.print_exc()
        return 1, None


def close_job(job_id: int, code: int, result: Any = None) -> None:
    """Record the exit status (and an outcome when the command recorded none), save the log, drain the queue.

    A dict the command returned (``collect``, ``extract``, ``render-check`` return
    their result counts) becomes the job's metrics unless the job wrote its own.
    """
    from ..config import load_settings
    from ..db import open_db, transaction
    from .records import finish_job, get_job
    from .service import poll_jobs, save_log

    settings = load_settings()
    db = open_db(settings)
    try:
        row = get_job(db, job_id)
        changes: dict[str, Any] = {"exit_code": code}
        if isinstance(result, dict) and not row.get("metrics"):
            changes["metrics"] = json.dumps(result, default=str)
        with transaction(db):
            db.table("jobs").update(job_id, changes)
        if row["status"] in ("queued", "running"):
            if code == 0:
                message = row["message"] if row["message"] not in ("", "queued", "starting") else "done"
                finish_job(db, job_id, "succeeded", message)
            elif code == CANCELLED_EXIT:
                finish_job(db, job_id, "cancelled", "cancelled")
            else:
                finish_job(db, job_id, "failed", f"exited with status {code}; see the log")
    finally:
        db.close()
    save_log(settings, job_id)
    poll_jobs(settings)


def main(argv: list[str]) -> int:
    """Entry point; returns the command's exit status."""
    if len(argv) < 2 or argv[1] != "--" or not argv[0].isdigit():
        print("usage: python -m hisolver_core.jobs.worker JOB_ID -- HISOLVER_ARGS...", file=sys.stderr)
        return 2
    job_id = int(argv[0])
    os.environ[JOB_ID_ENV] = str(job_id)
    signal.signal(signal.SIGTERM, _on_sigterm)
    code, result = run_command(argv[2:])
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a late cancel must not cut the bookkeeping short
    try:
        close_job(job_id, code, result)
    except Exception:  # noqa: BLE001 - the reaper still marks the row; the log says why
        traceback.print_exc()
    return code


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    sys.exit(main(sys.argv[1:]))
