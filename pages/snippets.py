"""Snippets page: browse, search and filter extracted Scene snippets with their render previews."""

from __future__ import annotations

from contextlib import closing

import pandas as pd
import streamlit as st

from hisolver_core.auth import Role
from hisolver_core.errors import HiSolverError
from hisolver_core.extraction.stats import (
    SnippetFilter,
    count_table,
    filter_options,
    get_snippet,
    search_snippets,
    snippet_stats,
)
from hisolver_core.storage import open_blob_store
from hisolver_core.store import open_db
from pages import _shared as ui

DUPLICATE_CHOICES = {"representatives": "One per cluster", "duplicates": "Duplicates only", "all": "All"}
PAGE_SIZE = 200


def show_stats(db) -> None:
    stats = snippet_stats(db)
    cols = st.columns(5)
    cols[0].metric("Repositories", stats["repos"])
    cols[1].metric("Files", stats["files"], help=f"{stats['files_unparsable']} could not be parsed")
    cols[2].metric("Snippets", stats["snippets"])
    cols[3].metric("Duplicates", stats["duplicates"])
    cols[4].metric("Rendered ok", stats["by_render_status"].get("ok", 0))
    rows = count_table(db)
    if rows:
        chart = pd.DataFrame(rows)
        st.bar_chart(chart, x="dialect", y="count", color="render_status", horizontal=True, height=200)


def filters(db) -> SnippetFilter:
    options = filter_options(db)
    text = st.text_input("Search code and scene names", key="snip_search", placeholder="e.g. Axes plot")
    c1, c2, c3 = st.columns(3)
    dialects = c1.multiselect("Dialect", options["dialects"], key="snip_dialects")
    statuses = c2.multiselect("Render status", options["render_statuses"], key="snip_status")
    dup = c3.selectbox(
        "Duplicates", list(DUPLICATE_CHOICES), format_func=DUPLICATE_CHOICES.get, key="snip_dups"
    )
    c4, c5 = st.columns(2)
    repo = c4.selectbox("Repository", ["(any)", *options["repos"]], key="snip_repo")
    lic = c5.selectbox("License", ["(any)", *options["licenses"]], key="snip_license")
    return SnippetFilter(
        text=text, dialects=tuple(dialects), render_statuses=tuple(statuses), duplicates=dup,
        repo="" if repo == "(any)" else repo, license="" if lic == "(any)" else lic, limit=PAGE_SIZE,
    )  # fmt: skip


def show_preview(settings, snippet: dict) -> None:
    blobs = open_blob_store(settings)
    poster, video = snippet.get("poster_key"), snippet.get("video_key")
    try:
        if video:
            st.video(blobs.get(video))
        elif poster:
            st.image(blobs.get(poster), caption="Poster frame")
        else:
            st.caption("No preview: run `hisolver render-check` to render Community snippets.")
    except HiSolverError as exc:
        st.warning(f"Preview unavailable: {exc}")


def show_code(code: str, snippet_id: int) -> None:
    try:
        from streamlit_ace import st_ace
    except ImportError:  # the editor is optional; plain code still reads well
        st.code(code, language="python")
        return
    st_ace(value=code, language="python", theme="github", readonly=True, auto_update=True,
           height=420, key=f"snip_ace_{snippet_id}")  # fmt: skip


def show_detail(settings, db, snippet_id: int) -> None:
    snippet = ui.run_or_stop(get_snippet, db, snippet_id)
    st.subheader(f"{snippet['scene_name']}  ·  {snippet['repo']}")
    st.caption(
        f"{snippet['path']} · dialect {snippet['dialect']} · license {snippet['license'] or 'none'} · "
        f"render {snippet['render_status']} · cluster {snippet['cluster_id']} ({snippet['cluster_size']} snippets)"
        + (" · representative" if snippet["is_representative"] else " · duplicate")
    )
    if snippet.get("render_error"):
        st.error(f"Render error: {snippet['render_error']}")
    left, right = st.columns([3, 2])
    with left:
        show_code(snippet["code"], snippet_id)
    with right:
        show_preview(settings, snippet)


def run() -> None:
    settings = ui.require(Role.ADMIN)
    st.title("Snippets")
    with closing(open_db(settings)) as db:
        show_stats(db)
        flt = filters(db)
        total, rows = ui.run_or_stop(search_snippets, db, flt)
        st.write(f"{total} snippets match" + (f" (first {PAGE_SIZE} shown)" if total > PAGE_SIZE else ""))
        if not rows:
            st.info("No snippets yet: collect code on the Collect page, then run `hisolver extract`.")
            return
        st.dataframe(pd.DataFrame(rows), hide_index=True, height=260, key="snip_table")
        labels = {r["id"]: f"#{r['id']} {r['scene_name']} — {r['repo']}/{r['path']}" for r in rows}
        chosen = st.selectbox("Open snippet", list(labels), format_func=labels.get, key="snip_open")
        if chosen is not None:
            show_detail(settings, db, chosen)


run()
