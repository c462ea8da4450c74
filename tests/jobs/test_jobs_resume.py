"""A collect job killed with SIGKILL is reaped as failed; its retry stores every file exactly once."""

from __future__ import annotations

import os
import signal
import time
from contextlib import closing

import pytest

from hisolver_core.blobs import open_blob_store
from hisolver_core.db import open_db
from hisolver_core.jobs import find_job, retry_job, submit_job, wait_job
from hisolver_core.jobs.commands import collect_local_spec

FILES = 1500


def make_folder(root, count: int = FILES):
    """``count`` small distinct scene files in nested folders."""
    for n in range(count):
        path = root / f"part{n // 100}" / f"scene_{n}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"from manim import *\n\n\nclass S{n}(Scene):\n    def construct(self):\n        self.wait({n})\n"
        )
    return root


@pytest.mark.slow
def test_sigkill_then_retry_loses_and_doubles_nothing(settings, tmp_path):
    folder = make_folder(tmp_path / "big")
    job_id = submit_job(settings, collect_local_spec(folder, "big"))
    raw = settings.blob_dir / "raw" / "local" / "big"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (raw.is_dir() and any(raw.rglob("*.py"))):
        time.sleep(0.02)  # kill it once it has stored some files but (very likely) not all
    os.kill(find_job(settings, job_id)["pid"], signal.SIGKILL)
    row = wait_job(settings, job_id, timeout_s=30, poll_s=0.05)  # the reaper finds the dead pid
    assert row["status"] == "failed" and "retry it to resume" in row["message"]

    again = wait_job(settings, retry_job(settings, job_id), timeout_s=300, poll_s=0.2)
    assert again["status"] == "succeeded", again["message"]
    with closing(open_db(settings)) as db:
        paths = [
            r[0]
            for r in db.execute(
                "SELECT f.path FROM files f JOIN repos r ON r.id = f.repo_id WHERE r.full_name = 'local:big'"
            )
        ]
    assert len(paths) == len(set(paths)) == FILES
    keys = list(open_blob_store(settings).list("raw/local/big/"))
    assert len(keys) == FILES and not any(k.endswith(".part") for k in keys)
