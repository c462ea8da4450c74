"""One contract for every job runner (local processes, Vertex AI through its REST stub).

Each runner must: return at once from submit with a queued or running row; end a
good job ``succeeded`` with progress 1; end a failing one ``failed`` with a
message; cancel an active job (and refuse to cancel it twice, changing nothing);
serve some log text; retry with the same spec and runner.
"""

from __future__ import annotations

import pytest

from hisolver_core.errors import JobError
from hisolver_core.jobs import (
    JobRunner,
    JobSpec,
    cancel_job,
    find_job,
    get_runner,
    job_logs,
    retry_job,
    submit_job,
    wait_job,
)

QUICK = JobSpec("selftest", ("jobs", "selftest", "--seconds", "0.2"))
FAILING = JobSpec("selftest", ("jobs", "selftest", "--seconds", "0.1", "--fail"))
LONG = JobSpec("selftest", ("jobs", "selftest", "--seconds", "600"))


@pytest.fixture(params=["local", "vertex"])
def runner_settings(request, settings):
    """(runner name, settings) for each runner; the vertex one talks to the stub."""
    if request.param == "vertex":
        return "vertex", request.getfixturevalue("vertex_settings")
    return "local", settings.replace(job_cancel_grace_s=1.0)


def test_it_implements_the_interface(runner_settings):
    name, settings = runner_settings
    runner = get_runner(settings, name)
    assert isinstance(runner, JobRunner) and runner.name == name


def test_a_good_job_succeeds(runner_settings):
    name, settings = runner_settings
    job_id = submit_job(settings, QUICK, runner=name)
    assert find_job(settings, job_id)["status"] in ("queued", "running")
    row = wait_job(settings, job_id, timeout_s=60, poll_s=0.05)
    assert (row["status"], row["progress"], row["runner"]) == ("succeeded", 1.0, name)
    assert job_logs(settings, job_id).strip()


def test_a_failing_job_fails_with_a_message(runner_settings):
    name, settings = runner_settings
    row = wait_job(settings, submit_job(settings, FAILING, runner=name), timeout_s=60, poll_s=0.05)
    assert row["status"] == "failed" and row["message"]


def test_an_active_job_can_be_cancelled_once(runner_settings):
    name, settings = runner_settings
    job_id = submit_job(settings, LONG, runner=name)
    assert cancel_job(settings, job_id)["status"] == "cancelled"
    with pytest.raises(JobError, match="already finished"):
        cancel_job(settings, job_id)
    assert wait_job(settings, job_id, timeout_s=5)["status"] == "cancelled"


def test_retry_runs_the_same_spec_on_the_same_runner(runner_settings):
    name, settings = runner_settings
    first = wait_job(settings, submit_job(settings, QUICK, runner=name), timeout_s=60, poll_s=0.05)
    again = find_job(settings, retry_job(settings, first["id"]))
    assert (again["spec"], again["runner"], again["retry_of"]) == (first["spec"], name, first["id"])
    assert wait_job(settings, again["id"], timeout_s=60, poll_s=0.05)["status"] == "succeeded"
