"""Jobs page: every background job (local or Vertex AI), filters, and one job's detail with its log and metrics."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from hisolver_core.auth import Role
from hisolver_core.jobs import (
    ACTIVE,
    STATUSES,
    cancel_job,
    find_job,
    job_logs,
    recent_jobs,
    retry_job,
)
from pages import _shared as ui

REFRESH_S = 2.0
LOG_LINES = 200
SELECTED = "jobs_selected"


def _fmt_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def jobs_table(settings) -> None:
    """The filtered jobs table; reruns the whole page once nothing is active any more."""
    jobs = ui.run_or_stop(recent_jobs, settings)
    if not jobs:
        st.info(
            "No jobs yet. Collect, Extract, Render-check and Evaluate (pages or `--background` on the CLI) "
            "run as jobs and appear here."
        )
        return
    c1, c2 = st.columns(2)
    # empty means all: a default of every kind would change under the live refresh as new kinds appear
    kinds = c1.multiselect("Kind", sorted({j["kind"] for j in jobs}), key="jobs_kind", placeholder="All kinds")
    statuses = c2.multiselect("Status", list(STATUSES), key="jobs_status", placeholder="All statuses")
    rows = [
        {
            "id": j["id"], "kind": j["kind"], "runner": j["runner"] or "inline", "status": j["status"],
            "progress": j["progress"] or 0.0, "message": j["message"], "started": j["started_at"],
            "duration": _fmt_duration(j["duration_s"]), "params": j["params"],
        }
        for j in jobs
        if (not kinds or j["kind"] in kinds) and (not statuses or j["status"] in statuses)
    ]  # fmt: skip
    st.dataframe(
        pd.DataFrame(rows), hide_index=True, width="stretch", key="jobs_table",
        column_config={"progress": st.column_config.ProgressColumn("progress", min_value=0.0, max_value=1.0)},
    )  # fmt: skip
    st.session_state["jobs_ids"] = [j["id"] for j in jobs]
    if st.session_state.get("jobs_live") and not any(j["status"] in ACTIVE for j in jobs):
        st.session_state["jobs_live"] = False
        st.rerun()  # the last active job finished: stop refreshing


def _metrics_chart(metrics: dict) -> None:
    """Curves for any list of numbers (or of numeric records) the job wrote, e.g. a training loss."""
    for name, value in metrics.items():
        if isinstance(value, list) and len(value) > 1:
            if all(isinstance(v, (int, float)) for v in value):
                st.line_chart(pd.DataFrame({name: value}), height=220)
            elif all(isinstance(v, dict) for v in value):
                frame = pd.DataFrame(value).select_dtypes("number")
                if not frame.empty:
                    st.caption(name)
                    st.line_chart(frame, height=220)


def log_tail(settings, job_id: int) -> None:
    """The last lines of the job's log (refreshed while the job runs)."""
    text = ui.run_or_stop(job_logs, settings, job_id, LOG_LINES)
    st.code(text or "(nothing logged yet)", language=None)
    if find_job(settings, job_id)["status"] not in ACTIVE and st.session_state.get("jobs_log_live"):
        st.session_state["jobs_log_live"] = False
        st.rerun()


def job_detail(settings, ids: list[int]) -> None:
    """One job: status, parameters, metrics, log tail, links, Cancel and Retry."""
    wanted = st.query_params.get("job")
    if wanted and wanted.isdigit() and int(wanted) in ids and SELECTED not in st.session_state:
        st.session_state[SELECTED] = int(wanted)
    job_id = st.selectbox("Job", ids, key=SELECTED, format_func=lambda i: f"#{i}")
    row = ui.run_or_stop(find_job, settings, job_id)
    st.markdown(
        f"**#{row['id']} {ui.md_literal(row['kind'])}** on **{row['runner'] or 'inline'}**: "
        f"{row['status']} · {ui.md_literal(row['message'] or '')}"
    )
    st.progress(float(row["progress"] or 0.0))
    left, right = st.columns(2)
    left.caption("Parameters")
    left.json(json.loads(row["params"] or "{}"), expanded=True)
    if row.get("metrics"):
        metrics = json.loads(row["metrics"])
        right.caption("Metrics")
        right.json(metrics, expanded=False)
        with right:
            _metrics_chart(metrics)
    links = st.columns(4)
    if row.get("console_url"):
        links[0].link_button("Vertex AI console", row["console_url"])
    if row.get("log_url"):
        links[1].link_button("Cloud Logging", row["log_url"])
    active = row["status"] in ACTIVE
    if active and links[2].button("Cancel", key="jobs_cancel", type="primary"):
        ui.run_or_stop(cancel_job, settings, job_id)
        st.rerun()
    if not active and row.get("spec") and links[3].button("Retry", key="jobs_retry"):
        new_id = ui.run_or_stop(retry_job, settings, job_id)
        st.session_state.pop(SELECTED, None)
        st.query_params["job"] = str(new_id)
        st.rerun()
    st.caption(f"Log (last {LOG_LINES} lines)")
    if active:
        st.session_state["jobs_log_live"] = True
        st.fragment(log_tail, run_every=REFRESH_S)(settings, job_id)
    else:
        log_tail(settings, job_id)


def main() -> None:
    settings = ui.require(Role.ADMIN)
    st.title("Jobs")
    # live while any job is active: a job started from the CLI or another tab shows up without a reload
    active = any(j["status"] in ACTIVE for j in ui.run_or_stop(recent_jobs, settings, 50))
    st.session_state["jobs_live"] = active
    if active:
        st.fragment(jobs_table, run_every=REFRESH_S)(settings)
    else:
        jobs_table(settings)
        st.button("Refresh", key="jobs_refresh")
    ids = st.session_state.get("jobs_ids") or []
    if ids:
        st.subheader("Job detail")
        job_detail(settings, ids)


main()
