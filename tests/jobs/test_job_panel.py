"""``pages/_shared.job_panel``: a job's live progress, then its outcome, in any page."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from hisolver_core.jobs import JobSpec, submit_job, wait_job


def _panel_app() -> None:
    import streamlit as st

    from pages import _shared as ui

    ui.job_panel(ui.get_settings(), int(st.session_state["job_id"]), key="test")


def _run(job_id: int) -> AppTest:
    at = AppTest.from_function(_panel_app, default_timeout=30)
    at.session_state["job_id"] = job_id
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_panel_shows_progress_while_running_then_the_outcome(env, settings):
    job_id = submit_job(settings, JobSpec("selftest", ("jobs", "selftest", "--seconds", "30")))
    running = _run(job_id)
    bars = running.get("progress")
    assert bars and f"Job #{job_id} · selftest" in bars[0].proto.text
    from hisolver_core.jobs import cancel_job

    cancel_job(settings.replace(job_cancel_grace_s=1.0), job_id)
    done = _run(job_id)
    assert not done.get("progress") and f"Job #{job_id} · selftest · cancelled" in done.warning[0].value


def test_the_panel_shows_a_failure_and_an_unknown_job(env, settings):
    job_id = submit_job(settings, JobSpec("selftest", ("jobs", "selftest", "--seconds", "0.1", "--fail")))
    wait_job(settings, job_id, timeout_s=60, poll_s=0.1)
    assert "failed on purpose" in _run(job_id).error[0].value
    assert "there is no job 999" in _run(999).warning[0].value
