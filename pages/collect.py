"""Collect page: import Manim code from a local folder/archive or GitHub, extract snippets, render-check them.

Each action launches a background job (it survives closing the tab) and shows
its live progress here; each section fails on its own.
"""

from __future__ import annotations

import json
from contextlib import closing

import pandas as pd
import streamlit as st

from hisolver_core.auth import Role
from hisolver_core.collection import list_repos
from hisolver_core.db import open_db
from hisolver_core.jobs.commands import (
    collect_github_spec,
    collect_local_spec,
    extract_spec,
    render_check_spec,
    save_upload,
)
from pages import _shared as ui


def _fmt(value) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def show_result(result: dict, failed_what: str = "Some repositories failed (the next run retries them):") -> None:
    """The counts a finished job returned, and its per-item errors."""
    counts = "; ".join(f"{k.replace('_', ' ')} {_fmt(v)}" for k, v in result.items() if k != "errors" and v)
    if counts:
        st.success(f"Finished: {counts}.")
    errors = result.get("errors")
    if errors:
        st.warning(failed_what)
        pairs = errors.items() if isinstance(errors, dict) else enumerate(errors, 1)
        st.dataframe([{"item": str(k), "error": str(v)} for k, v in pairs], hide_index=True, width="stretch")


def _panel(settings, key: str, failed_what: str | None = None) -> dict | None:
    """This session's last job under ``key``: live progress, then its result; return the result when it succeeded."""
    job_id = ui.last_job(key)
    if job_id is None:
        return None
    row = ui.job_panel(settings, job_id, key=key)
    if not row or row["status"] != "succeeded" or not row.get("metrics"):
        return None
    result = json.loads(row["metrics"])
    show_result(result, *([failed_what] if failed_what else []))
    return result


def local_tab(settings) -> None:
    st.caption(
        "A folder on this machine, or an uploaded .zip / .tar.gz. Only .py files are kept. "
        "Importing again adds what is new and duplicates nothing."
    )
    path = st.text_input("Folder or archive path", key="collect_path")
    upload = st.file_uploader("…or upload an archive", type=["zip", "gz", "tgz", "tar"], key="collect_upload")
    name = st.text_input("Name (optional)", key="collect_name", help="Recorded as repository local:NAME")
    if st.button("Import", key="collect_local_go", type="primary"):
        if upload is not None:
            source = save_upload(settings, upload.name, upload.getvalue())
            spec = collect_local_spec(source, name or upload.name.split(".")[0])
        elif path.strip():
            spec = collect_local_spec(path.strip(), name or None)
        else:
            st.error("Give a path or upload an archive.")
            return
        ui.launch_job(settings, spec, "collect_local", runner="local")  # the files are on this machine
    _panel(settings, "collect_local")


def github_tab(settings) -> None:
    st.caption(
        f"API: {settings.github_api_url} · token: {'set' if settings.github_token else 'not set (60 requests/hour)'}. "
        "Runs are incremental and resumable: unchanged repositories cost nothing."
    )
    query = st.text_input("Search keywords", value="manim language:python", key="collect_query")
    c1, c2 = st.columns(2)
    max_repos = c1.number_input("Max repositories (0 = all)", min_value=0, value=50, step=10, key="collect_max")
    workers = c2.number_input("Parallel downloads", min_value=1, max_value=32, value=8, key="collect_workers")
    if st.button("Collect from GitHub", key="collect_github_go", type="primary"):
        ui.launch_job(settings, collect_github_spec(query, int(max_repos), int(workers)), "collect_github")
    _panel(settings, "collect_github")


def extract_section(settings) -> None:
    st.caption("Parses new or changed files (nothing is executed), groups duplicates, exports processed/ JSON.")
    if st.button("Extract now", key="collect_extract_go"):
        ui.launch_job(settings, extract_spec(), "collect_extract")
    _panel(settings, "collect_extract")


def render_check_section(settings) -> None:
    st.caption(
        "Renders each pending Community representative once in the sandbox at low quality and keeps "
        "its status and poster frame (the Label queue only offers snippets that rendered). Resumable."
    )
    c1, c2 = st.columns(2)
    limit = c1.number_input(
        "Snippets this run (0 = all pending)", min_value=0, value=0, step=10, key="collect_rc_limit"
    )
    retry = c2.checkbox("Retry failed renders too", key="collect_rc_retry")
    if st.button("Render pending snippets", key="collect_render_go"):
        ui.launch_job(settings, render_check_spec(int(limit) or None, retry), "collect_render")
    result = _panel(settings, "collect_render", "Some snippets did not render (see their errors on the Snippets page):")
    if result is not None and not result.get("checked"):
        st.info("Nothing to render: every Community representative has been checked (tick retry for failures).")


def repos_section(settings) -> None:
    with closing(open_db(settings)) as db:
        repos = list_repos(db)
    if not repos:
        st.info("Nothing collected yet.")
        return
    st.dataframe(pd.DataFrame(repos), hide_index=True, key="collect_repos")


def run() -> None:
    settings = ui.require(Role.ADMIN)
    st.title("Collect")
    local, github = st.tabs(["Local folder or archive", "GitHub"])
    with local:
        ui.guarded(local_tab, settings)
    with github:
        ui.guarded(github_tab, settings)
    st.subheader("Extract snippets")
    ui.guarded(extract_section, settings)
    st.subheader("Render check")
    ui.guarded(render_check_section, settings)
    st.subheader("Repositories")
    ui.guarded(repos_section, settings)


run()
