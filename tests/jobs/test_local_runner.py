"""The local runner: detached job processes, adoption of the row, queue slots, cancel, reaping and retry."""

from __future__ import annotations

import os
import re
import signal
import time
from contextlib import closing

import pytest

from hisolver_core.db import open_db
from hisolver_core.errors import JobError, NotFoundError
from hisolver_core.jobs import (
    JobSpec,
    cancel_job,
    find_job,
    job_logs,
    list_jobs,
    poll_jobs,
    retry_job,
    submit_job,
    wait_job,
)
from hisolver_core.jobs.local import group_alive
from hisolver_core.jobs.records import pid_alive


def selftest(seconds: float = 0.3, *extra: str) -> JobSpec:
    return JobSpec("selftest", ("jobs", "selftest", "--seconds", str(seconds), *extra), {"seconds": seconds})


def wait_for(predicate, timeout: float = 30.0, every: float = 0.05):
    """Poll ``predicate`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    pytest.fail("timed out waiting")


def test_a_job_runs_detached_adopts_its_row_and_keeps_its_log(settings):
    job_id = submit_job(settings, selftest(0.3))
    row = find_job(settings, job_id)
    assert row["status"] in ("queued", "running") and row["runner"] == "local"
    final = wait_job(settings, job_id, timeout_s=60, poll_s=0.1)
    assert final["status"] == "succeeded" and final["exit_code"] == 0 and final["progress"] == 1.0
    assert final["message"] == "step 3 of 3"
    assert final["pid"] and final["pid"] != os.getpid()  # the job's own process, not ours
    with closing(open_db(settings)) as db:
        assert [j["id"] for j in list_jobs(db)] == [job_id]  # tracked_job adopted the row: no second one
    assert "selftest ok" in job_logs(settings, job_id)
    assert (settings.blob_dir / f"jobs/{job_id}/log.txt").read_text().strip() == "selftest ok"
    assert job_logs(settings, job_id, tail_lines=0) == ""


def test_a_failing_command_is_recorded_failed_with_its_error(settings):
    job_id = submit_job(settings, selftest(0.1, "--fail"))
    final = wait_job(settings, job_id, timeout_s=60, poll_s=0.1)
    assert final["status"] == "failed" and "failed on purpose" in final["message"]
    assert final["exit_code"] == 1
    assert "failed on purpose" in job_logs(settings, job_id)


def test_a_command_without_a_row_of_its_own_still_ends_recorded(settings):
    job_id = submit_job(settings, JobSpec("test", ("stats", "--json")))
    final = wait_job(settings, job_id, timeout_s=60, poll_s=0.1)
    assert final["status"] == "succeeded" and final["message"] == "done" and '"repos"' in job_logs(settings, job_id)
    bad = submit_job(settings, JobSpec("test", ("no-such-command",)))
    final = wait_job(settings, bad, timeout_s=60, poll_s=0.1)
    assert final["status"] == "failed" and final["exit_code"] == 2 and "exited with status 2" in final["message"]


def test_cancel_kills_the_whole_group_even_a_child_that_ignores_sigterm(settings):
    settings = settings.replace(job_cancel_grace_s=1.0)
    job_id = submit_job(settings, selftest(60, "--stubborn-child"))
    child = int(wait_for(lambda: re.search(r"child pid (\d+)", job_logs(settings, job_id))).group(1))
    leader = find_job(settings, job_id)["pid"]
    assert pid_alive(child) and group_alive(leader)
    after = cancel_job(settings, job_id)
    assert after["status"] == "cancelled"
    wait_for(lambda: not pid_alive(child), timeout=10)
    assert not group_alive(leader)
    with pytest.raises(JobError, match="already finished"):
        cancel_job(settings, job_id)
    assert find_job(settings, job_id)["status"] == "cancelled"  # nothing changed


def test_the_slot_limit_queues_the_second_job_and_the_first_one_starts_it(settings):
    settings = settings.replace(job_slots="selftest=1,default=2")
    first = submit_job(settings, selftest(1.5))
    second = submit_job(settings, selftest(0.1))
    assert find_job(settings, first)["status"] == "running"
    assert find_job(settings, second)["status"] == "queued"
    poll_jobs(settings)
    assert find_job(settings, second)["status"] == "queued"  # still no free slot
    # nobody polls from here on: the first job's own exit path starts the second
    wait_for(lambda: find_job(settings, second)["status"] == "succeeded", timeout=60, every=0.2)
    first_row, second_row = find_job(settings, first), find_job(settings, second)
    assert first_row["status"] == "succeeded" and second_row["started_at"] >= first_row["finished_at"]


def test_a_queued_job_cancelled_never_starts(settings):
    settings = settings.replace(job_slots="selftest=1")
    first = submit_job(settings, selftest(30))
    second = submit_job(settings, selftest(0.1))
    assert cancel_job(settings, second)["message"] == "cancelled before it started"
    cancel_job(settings, first)
    assert find_job(settings, second)["pid"] is None


def test_a_killed_job_is_reaped_failed_and_a_retry_is_a_new_job(settings):
    job_id = submit_job(settings, selftest(60))
    wait_for(lambda: find_job(settings, job_id)["message"].startswith("step"))
    os.kill(find_job(settings, job_id)["pid"], signal.SIGKILL)
    row = wait_job(settings, job_id, timeout_s=30, poll_s=0.1)
    assert row["status"] == "failed" and "retry it to resume" in row["message"]
    with pytest.raises(JobError, match="still"):
        retry_job(settings, submit_job(settings, selftest(30)))
    new_id = retry_job(settings, job_id)
    new = find_job(settings, new_id)
    assert new["retry_of"] == job_id and new["spec"] == row["spec"] and new["kind"] == "selftest"
    for active in list_jobs_active(settings):
        cancel_job(settings, active)


def list_jobs_active(settings) -> list[int]:
    with closing(open_db(settings)) as db:
        return [j["id"] for j in list_jobs(db) if j["status"] in ("queued", "running")]


def test_bad_input_is_one_sentence_and_changes_nothing(settings):
    with pytest.raises(JobError, match="unknown job runner 'mars'"):
        submit_job(settings, selftest(), runner="mars")
    with pytest.raises(NotFoundError, match="there is no job 42"):
        cancel_job(settings, 42)
    with pytest.raises(NotFoundError):
        retry_job(settings, 42)
    with pytest.raises(NotFoundError):
        job_logs(settings, 42)
    with pytest.raises(JobError, match="HISOLVER_JOB_SLOTS"):
        submit_job(settings.replace(job_slots="train=none"), selftest())
    with pytest.raises(JobError, match="kind"):
        JobSpec("Bad Kind", ("x",))
    with pytest.raises(JobError, match="HISOLVER_JOB_ID"):
        JobSpec("x", ("x",), env={"HISOLVER_JOB_ID": "3"})
    with closing(open_db(settings)) as db:
        assert list_jobs(db) == []
