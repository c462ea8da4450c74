"""Jobs page: recent long-running jobs with status and progress."""

import json

import streamlit as st

from hisolver_core.auth import Role
from hisolver_core.jobs import list_jobs, reap_lost_jobs
from hisolver_core.store import open_db
from pages import _shared as ui


def show_jobs(settings) -> None:
    """The jobs table, most recent first."""
    db = ui.run_or_stop(open_db, settings)
    reap_lost_jobs(db)
    jobs = list_jobs(db, limit=200)
    db.close()
    if not jobs:
        st.info("No jobs yet. Collection, extraction and render checks (from the Collect page or the CLI) "
                "appear here when they run.")
        return
    kinds = sorted({j["kind"] for j in jobs})
    # empty means all: a default of every kind would change under the live refresh as new kinds appear
    chosen = st.multiselect("Kind", kinds, key="jobs_kind", placeholder="All kinds")
    rows = [
        {
            "id": j["id"],
            "kind": j["kind"],
            "status": j["status"],
            "progress": j["progress"] or 0.0,
            "message": j["message"],
            "started": j["started_at"],
            "finished": j["finished_at"],
            "params": json.loads(j["params"] or "{}"),
        }
        for j in jobs
        if not chosen or j["kind"] in chosen
    ]
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={"progress": st.column_config.ProgressColumn("progress", min_value=0.0, max_value=1.0)},
        key="jobs_table",
    )


def main() -> None:
    settings = ui.require(Role.ADMIN)
    st.title("Jobs")
    # a job started from the CLI or another tab shows its progress here without a reload
    if st.toggle("Refresh every 2 s", value=True, key="jobs_live"):
        st.fragment(show_jobs, run_every=2)(settings)
    else:
        show_jobs(settings)


main()
