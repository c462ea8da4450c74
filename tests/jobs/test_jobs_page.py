"""The Jobs page through AppTest: jobs outlive the session that started them; detail, cancel, retry, links."""

from __future__ import annotations

import json

import pytest

from hisolver_core.jobs import JobSpec, find_job, submit_job, wait_job
from tests.pagetest import open_page


def _table(at):
    return at.dataframe[0].value


@pytest.fixture
def slow_github(env):
    """The GitHub stub with 0.3 s per request: a collection of 4 repositories, one at a time, takes seconds."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "collection"))
    from github_stub import GitHubStub, make_repos

    stub = GitHubStub(make_repos(4, 3), latency=0.3).start()
    env.setenv("HISOLVER_GITHUB_API_URL", stub.url)
    yield stub
    stub.stop()


@pytest.mark.slow
def test_a_job_started_in_one_session_is_seen_running_then_finished_by_a_fresh_one(env, settings, slow_github):
    starter = open_page("collect")
    starter.number_input(key="collect_workers").set_value(1)
    starter.button(key="collect_github_go").click().run()
    job_id = starter.session_state["hisolver_job_collect_github"]
    del starter  # the session that started it is gone

    watcher = open_page("jobs")
    table = _table(watcher)
    assert table["id"].tolist() == [job_id] and table["status"].tolist()[0] in ("queued", "running")
    assert table["runner"].tolist() == ["local"]
    assert watcher.session_state["jobs_live"] is True  # refreshing itself while the job runs

    assert wait_job(settings, job_id, timeout_s=300, poll_s=0.2)["status"] == "succeeded"
    later = open_page("jobs")
    assert _table(later)["status"].tolist() == ["succeeded"]
    assert json.loads(find_job(settings, job_id)["metrics"])["repos_collected"] == 4
    assert "repos_collected: 4" in later.code[0].value  # the log tail
    assert [b.key for b in later.button if b.key in ("jobs_cancel", "jobs_retry")] == ["jobs_retry"]


def test_cancel_and_retry_from_the_page(env, settings):
    job_id = submit_job(settings, JobSpec("selftest", ("jobs", "selftest", "--seconds", "600")))
    at = open_page("jobs")
    assert at.selectbox(key="jobs_selected").value == job_id
    env.setenv("HISOLVER_JOB_CANCEL_GRACE_S", "1")
    at.button(key="jobs_cancel").click().run()
    assert not at.exception, at.exception
    assert find_job(settings, job_id)["status"] == "cancelled"
    at.button(key="jobs_retry").click().run()
    assert not at.exception, at.exception
    table = _table(at)
    assert len(table) == 2 and at.selectbox(key="jobs_selected").value == table["id"].tolist()[0]
    new_id = table["id"].tolist()[0]
    assert find_job(settings, new_id)["retry_of"] == job_id
    at.button(key="jobs_cancel").click().run()
    assert find_job(settings, new_id)["status"] == "cancelled"


def test_filters_metrics_and_the_vertex_console_link(env, settings, vertex_settings, monkeypatch):
    quick = submit_job(settings, JobSpec("selftest", ("jobs", "selftest", "--seconds", "0.1")))
    wait_job(settings, quick, timeout_s=60, poll_s=0.1)
    remote = submit_job(vertex_settings, JobSpec("train", ("jobs", "selftest", "--fail")), runner="vertex")
    from contextlib import closing

    from hisolver_core.db import open_db
    from hisolver_core.jobs import set_job_metrics

    with closing(open_db(settings)) as db:
        set_job_metrics(
            db, quick, {"loss": [2.0, 1.5, 1.1], "history": [{"step": 1, "loss": 2.0}, {"step": 2, "loss": 1.4}]}
        )
    for name in ("VERTEX_IMAGE", "VERTEX_STAGING_BUCKET", "VERTEX_PROJECT", "VERTEX_API_ENDPOINT"):
        env.setenv(f"HISOLVER_{name}", str(getattr(vertex_settings, name.lower())))
    env.setenv("HISOLVER_VERTEX_LOCATION", vertex_settings.vertex_location)
    at = open_page("jobs")
    assert _table(at)["id"].tolist() == [remote, quick]
    at.multiselect(key="jobs_kind").select("selftest").run()
    assert _table(at)["id"].tolist() == [quick]
    at.multiselect(key="jobs_kind").unselect("selftest").run()
    at.multiselect(key="jobs_status").select("succeeded").run()
    assert _table(at)["id"].tolist() == [quick]
    at.selectbox(key="jobs_selected").select(quick).run()
    assert len(at.get("vega_lite_chart")) == 2  # the loss curve and the history
    at.selectbox(key="jobs_selected").select(remote).run()
    buttons = {b.proto.label: b.proto.url for b in at.get("link_button")}
    row = find_job(settings, remote)
    assert buttons["Vertex AI console"] == row["console_url"] and "Cloud Logging" in buttons
    assert row["console_url"] in at.code[0].value
    assert json.loads(row["params"]) == {}


def test_the_page_with_no_jobs(env):
    at = open_page("jobs")
    assert any("No jobs yet" in i.value for i in at.info)
