"""The local runner: a job is a detached ``hisolver`` process in its own session and process group.

The process (:mod:`hisolver_core.jobs.worker`) outlives the page or CLI that
started it: its own session, stdin closed, stdout and stderr appended to
``jobs/<id>/log.txt`` (written straight into the local blob folder, so the log
grows as the job runs; with a cloud blob store it is copied there at the end).
Its pid is recorded on the row; the reaper keys on it.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from ..config import ENV_PREFIX, Settings
from ..errors import JobError
from .records import JOB_ID_ENV, pid_alive
from .spec import JobSpec

log = logging.getLogger(__name__)

__all__ = ["PROJECT_ROOT", "LocalRunner", "group_alive", "log_key"]

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # the folder holding hisolver_core


def log_key(job_id: int) -> str:
    """The blob key of a job's log: ``jobs/<id>/log.txt``."""
    return f"jobs/{job_id}/log.txt"


def settings_env(settings: Settings) -> dict[str, str]:
    """``settings`` as ``HISOLVER_*`` variables, so the job sees exactly its submitter's configuration."""
    out = {}
    for f in dataclasses.fields(settings):
        value = getattr(settings, f.name)
        out[f"{ENV_PREFIX}{f.name.upper()}"] = str(Path(value).resolve()) if isinstance(value, Path) else str(value)
    return out


def group_alive(pgid: int) -> bool:
    """True while any process of group ``pgid`` is alive (zombies, already exited, do not count)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        # after the name: state, ppid, pgrp, ...
        if int(fields[2]) == pgid and fields[0] != b"Z":
            return True
    return False


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass  # already gone
    except PermissionError as exc:
        raise JobError(f"cannot stop process group {pgid}: it belongs to another user") from exc


class LocalRunner:
    """Runs jobs as detached processes on this machine."""

    name = "local"

    def __init__(self, settings: Settings) -> None:
        """Use ``settings`` for the job's environment, its log folder and the cancel grace period."""
        self.settings = settings

    def log_path(self, job_id: int) -> Path:
        """Where the running job's log is written (inside the local blob folder when that is the backend)."""
        if self.settings.blob_backend == "local":
            return self.settings.blob_dir.resolve() / log_key(job_id)
        return self.settings.data_dir.resolve() / log_key(job_id)

    def check(self, spec: JobSpec) -> None:
        """Every spec can run locally (machine and accelerator fields are ignored here)."""

    def _env(self, job_id: int, spec: JobSpec) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
        env.update(settings_env(self.settings))
        env.update(spec.env)
        env[JOB_ID_ENV] = str(job_id)
        env["PYTHONUNBUFFERED"] = "1"  # the log shows lines as they are written
        env["TQDM_DISABLE"] = "1"  # no progress bars in a log file: progress goes to the row
        env["PYTHONPATH"] = os.pathsep.join(p for p in [str(PROJECT_ROOT), env.get("PYTHONPATH", "")] if p)
        return env

    def submit(self, job_id: int, spec: JobSpec) -> dict[str, Any]:
        """Start the job's process now; return ``{"pid": ...}``. Raises :class:`JobError` when it cannot start."""
        path = self.log_path(job_id)
        cmd = [sys.executable, "-m", "hisolver_core.jobs.worker", str(job_id), "--", *spec.args]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("ab") as out:
                proc = subprocess.Popen(
                    cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                    start_new_session=True, close_fds=True, env=self._env(job_id, spec), cwd=os.getcwd(),
                )  # fmt: skip
        except OSError as exc:
            raise JobError(f"cannot start job {job_id}: {exc.strerror or exc}") from exc
        # reap it when it ends, so a finished job never lingers as a zombie of this process
        threading.Thread(target=proc.wait, name=f"hisolver-job-{job_id}", daemon=True).start()
        log.info("job %d started as pid %d: hisolver %s", job_id, proc.pid, " ".join(spec.args))
        return {"pid": proc.pid}

    def status(self, row: dict[str, Any]) -> dict[str, Any]:
        """Local jobs write their own row; the reaper handles dead ones. Nothing to add."""
        return {}

    def logs(self, row: dict[str, Any], tail_lines: int | None = None) -> str:
        """The job's log so far (the local file while it runs, else the blob)."""
        path = self.log_path(int(row["id"]))
        text = ""
        if path.is_file():
            text = path.read_text(errors="replace")
        elif self.settings.blob_backend != "local":
            from ..blobs import open_blob_store

            store = open_blob_store(self.settings)
            if store.exists(log_key(int(row["id"]))):
                text = store.get(log_key(int(row["id"]))).decode(errors="replace")
        if tail_lines is not None:
            text = "".join(text.splitlines(keepends=True)[-tail_lines:]) if tail_lines > 0 else ""
        return text

    def cancel(self, row: dict[str, Any]) -> None:
        """SIGTERM to the job's process group, SIGKILL to whatever is left after the grace period."""
        pid = row.get("pid")
        if not pid:
            return  # queued: never started
        pgid = int(pid)  # the job leads its own session, so its group id is its pid
        _signal_group(pgid, signal.SIGTERM)
        deadline = time.monotonic() + max(0.0, self.settings.job_cancel_grace_s)
        while time.monotonic() < deadline and group_alive(pgid):
            time.sleep(0.05)
        if group_alive(pgid):
            log.warning(
                "job %s did not stop within %.0f s of SIGTERM: killing it", row["id"], self.settings.job_cancel_grace_s
            )
            _signal_group(pgid, signal.SIGKILL)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and (group_alive(pgid) or pid_alive(pgid)):
                time.sleep(0.05)
