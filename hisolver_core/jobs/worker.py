"""A local job's own process: ``python -m hisolver_core.jobs.worker JOB_ID -- <hisolver args>``.

Runs the ``hisolver`` command in this process (so ``tracked_job`` adopts the
runner's row through ``HISOLVER_JOB_ID``), turns SIGTERM into
:class:`JobCancelled`, and on the way out records how the process ended for
commands that keep no row of their own, copies the log to a cloud blob store,
and starts the next queued jobs, so the queue drains with no page open.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import traceback

from .records import JOB_ID_ENV, JobCancelled

log = logging.getLogger(__name__)

CANCELLED_EXIT = 128 + signal.SIGTERM


def _on_sigterm(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one cancel is enough; finish recording it
    raise JobCancelled()


def run_command(args: list[str]) -> int:
    """Run ``hisolver <args>`` here; return its exit status (143 when cancelled)."""
    import click

    from ..cli import main as cli

    try:
        cli.main(args=args, prog_name="hisolver", standalone_mode=False)
    except JobCancelled:
        print("hisolver: job cancelled (SIGTERM)", file=sys.stderr)
        return CANCELLED_EXIT
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except click.Abort:
        return 1
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - the log must show why the job failed
        traceback.print_exc()
        return 1
    return 0


def close_job(job_id: int, code: int) -> None:
    """Record the exit status (and an outcome when the command recorded none), save the log, drain the queue."""
    from ..config import load_settings
    from ..store import open_db
    from .records import finish_job, get_job
    from .service import poll_jobs, save_log

    settings = load_settings()
    db = open_db(settings)
    try:
        row = get_job(db, job_id)
        with db.conn:
            db["jobs"].update(job_id, {"exit_code": code})
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
    code = run_command(argv[2:])
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a late cancel must not cut the bookkeeping short
    try:
        close_job(job_id, code)
    except Exception:  # noqa: BLE001 - the reaper still marks the row; the log says why
        traceback.print_exc()
    return code


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    sys.exit(main(sys.argv[1:]))
