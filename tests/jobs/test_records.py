"""Job records: progress, finishing, and jobs whose process died."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from hisolver_core.errors import NotFoundError
from hisolver_core.jobs import (
    JOB_ID_ENV,
    JobCancelled,
    finish_job,
    get_job,
    list_jobs,
    reap_lost_jobs,
    start_job,
    tracked_job,
    update_job,
)


def test_job_lifecycle(db):
    job = start_job(db, "extract", {"workers": 2})
    update_job(db, job, progress=1.7, message="halfway")
    row = get_job(db, job)
    assert row["status"] == "running" and row["progress"] == 1.0 and row["message"] == "halfway"
    finish_job(db, job, "succeeded", "done")
    row = get_job(db, job)
    assert row["status"] == "succeeded" and row["finished_at"]
    with pytest.raises(ValueError):
        finish_job(db, job, "running")
    with pytest.raises(NotFoundError):
        get_job(db, 999)


def test_list_newest_first_and_by_kind(db):
    ids = [start_job(db, kind) for kind in ["collect", "extract", "collect"]]
    assert [j["id"] for j in list_jobs(db)] == ids[::-1]
    assert [j["id"] for j in list_jobs(db, kind="collect")] == [ids[2], ids[0]]


def test_a_killed_job_is_marked_failed(db):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    live = start_job(db, "render-check")  # this process: alive
    lost = start_job(db, "collect")
    db["jobs"].update(lost, {"pid": dead.pid})
    assert reap_lost_jobs(db) == [lost]
    assert get_job(db, lost)["status"] == "failed" and "ended without finishing" in get_job(db, lost)["message"]
    assert get_job(db, live)["status"] == "running"


@pytest.mark.parametrize(
    "error, status",
    [
        (RuntimeError("disk full"), "failed"),
        (KeyboardInterrupt(), "cancelled"),
        (SystemExit(1), "cancelled"),
        (JobCancelled(), "cancelled"),
    ],
)
def test_tracked_job_records_every_way_out(db, error, status):
    with pytest.raises(type(error)), tracked_job(db, "extract", {}):
        raise error
    row = list_jobs(db)[0]
    assert row["status"] == status and row["finished_at"]
    assert row["message"] == ("disk full" if status == "failed" else row["message"])


def test_in_a_job_process_tracked_job_adopts_the_runners_row(db, monkeypatch):
    queued = db["jobs"].insert({"kind": "collect", "status": "queued", "runner": "local"}).last_pk
    monkeypatch.setenv(JOB_ID_ENV, str(queued))
    with tracked_job(db, "collect", {}) as job:
        job(1, 2, "half")
        with tracked_job(db, "extract", {}):  # nested work gets a row of its own
            pass
    rows = {r["id"]: r for r in list_jobs(db)}
    assert len(rows) == 2 and rows[queued]["status"] == "succeeded" and rows[queued]["pid"] == os.getpid()
    assert JOB_ID_ENV not in os.environ


def test_a_finished_job_is_never_overwritten(db):
    job = start_job(db, "train")
    assert finish_job(db, job, "cancelled", "by request")
    assert not finish_job(db, job, "succeeded", "late")
    assert get_job(db, job)["status"] == "cancelled"


def test_a_local_job_whose_pid_now_belongs_to_another_program_is_reaped(db):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        job = db["jobs"].insert({"kind": "collect", "status": "running", "runner": "local", "pid": other.pid}).last_pk
        inline = start_job(db, "extract")  # this process, not a job worker: inline rows keep the old rule
        assert reap_lost_jobs(db) == [job]
        assert get_job(db, inline)["status"] == "running"
    finally:
        other.kill()
        other.wait()


def test_a_child_that_inherited_the_job_id_does_not_take_the_row(db, monkeypatch):
    theirs = (
        db["jobs"].insert({"kind": "extract", "status": "running", "runner": "local", "pid": os.getpid() + 1}).last_pk
    )
    monkeypatch.setenv(JOB_ID_ENV, str(theirs))
    mine = start_job(db, "extract")
    assert mine != theirs and get_job(db, theirs)["pid"] == os.getpid() + 1
