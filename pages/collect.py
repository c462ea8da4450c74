"""Collect page: import Manim code from a local folder/archive or GitHub, then extract snippets."""

from __future__ import annotations

from contextlib import closing

import pandas as pd
import streamlit as st

from hisolver_core.auth import Role
from hisolver_core.collection import collect_github, collect_local, collect_upload, list_repos
from hisolver_core.collection.github import GitHubOptions
from hisolver_core.extraction import extract
from hisolver_core.extraction.render_check import render_check
from hisolver_core.store import open_db
from pages import _shared as ui


def progress_bar(label: str):
    """A Streamlit progress bar and the ``progress(done, total, message)`` callback that drives it."""
    bar = st.progress(0.0, text=label)

    def update(done: int, total: int, message: str = "") -> None:
        bar.progress(min(1.0, done / total) if total else 0.0, text=message or label)

    return update


def _fmt(value) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def show_result(result: dict, failed_what: str = "Some repositories failed (the next run retries them):") -> None:
    st.success(", ".join(f"{k.replace('_', ' ')}: {_fmt(v)}" for k, v in result.items() if k != "errors" and v))
    if result.get("errors"):
        st.warning(failed_what)
        st.json(result["errors"], expanded=len(result["errors"]) <= 5)


def local_tab(settings) -> None:
    st.caption("A folder on this machine, or an uploaded .zip / .tar.gz. Only .py files are kept.")
    path = st.text_input("Folder or archive path", key="collect_path")
    upload = st.file_uploader("…or upload an archive", type=["zip", "gz", "tgz", "tar"], key="collect_upload")
    name = st.text_input("Name (optional)", key="collect_name", help="Recorded as repository local:NAME")
    if st.button("Import", key="collect_local_go", type="primary"):
        progress = progress_bar("importing")
        if upload is not None:
            result = ui.run_or_stop(collect_upload, settings, upload.name, upload.getvalue(), name or None, progress)
        elif path.strip():
            result = ui.run_or_stop(collect_local, settings, path.strip(), name or None, progress)
        else:
            st.error("Give a path or upload an archive.")
            st.stop()
        show_result(result.to_dict())


def github_tab(settings) -> None:
    st.caption(
        f"API: {settings.github_api_url} · token: {'set' if settings.github_token else 'not set (60 requests/hour)'}. "
        "Runs are incremental: unchanged repositories cost nothing."
    )
    query = st.text_input("Search keywords", value="manim language:python", key="collect_query")
    c1, c2 = st.columns(2)
    max_repos = c1.number_input("Max repositories (0 = all)", min_value=0, value=50, step=10, key="collect_max")
    workers = c2.number_input("Parallel downloads", min_value=1, max_value=32, value=8, key="collect_workers")
    if st.button("Collect from GitHub", key="collect_github_go", type="primary"):
        opts = GitHubOptions(query=query, max_repos=int(max_repos), workers=int(workers))
        result = ui.run_or_stop(collect_github, settings, opts, progress_bar("searching"))
        show_result(result.to_dict())


def extract_section(settings) -> None:
    st.subheader("Extract snippets")
    st.caption("Parses new or changed files (nothing is executed), groups duplicates, exports processed/ JSON.")
    if st.button("Extract now", key="collect_extract_go"):
        result = ui.run_or_stop(extract, settings, progress_bar("parsing"))
        show_result(result.to_dict())


def render_check_section(settings) -> None:
    st.subheader("Render check")
    st.caption("Renders each pending Community representative once in the sandbox at low quality and keeps "
               "its status and poster frame (the Label queue only offers snippets that rendered). Resumable.")
    c1, c2 = st.columns(2)
    limit = c1.number_input("Snippets this run (0 = all pending)", min_value=0, value=0, step=10,
                            key="collect_rc_limit")
    retry = c2.checkbox("Retry failed renders too", key="collect_rc_retry")
    if st.button("Render pending snippets", key="collect_render_go"):
        result = ui.run_or_stop(render_check, settings, limit=int(limit) or None, retry_failed=retry,
                                progress=progress_bar("rendering"))
        if not result.checked:
            st.info("Nothing to render: every Community representative has been checked (tick retry for failures).")
            return
        show_result(result.to_dict(), "Some snippets did not render (see their errors on the Snippets page):")


def repos_section(settings) -> None:
    st.subheader("Repositories")
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
        local_tab(settings)
    with github:
        github_tab(settings)
    extract_section(settings)
    render_check_section(settings)
    repos_section(settings)


run()
