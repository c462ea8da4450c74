"""Snippets page: browse, search and filter extracted Scene snippets with their render previews."""

from __future__ import annotations

from contextlib import closing

import altair as alt
import pandas as pd
import streamlit as st

from hisolver_core.auth import Role
from hisolver_core.db import open_db
from hisolver_core.extraction.stats import (
    SnippetFilter,
    count_table,
    filter_options,
    get_snippet,
    search_snippets,
    snippet_stats,
)
from hisolver_core.labeling import load_preview
from pages import _shared as ui

DUPLICATE_CHOICES = {"representatives": "One per cluster", "duplicates": "Duplicates only", "all": "All"}
PAGE_SIZE = 200
# fixed colours so "ok" is green and "failed" red whatever statuses are present
STATUS_COLORS = {
    "ok": "#2e9e44",
    "failed": "#d62728",
    "rejected": "#ff7f0e",
    "pending": "#9e9e9e",
    "not_renderable": "#8fb8de",
}


def status_chart(rows: list[dict]) -> alt.Chart:
    """Horizontal stacked bars: snippets per dialect, coloured by render status."""
    scale = alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values()))
    return (
        alt.Chart(pd.DataFrame(rows), height=60 + 30 * len({r["dialect"] for r in rows}))
        .mark_bar()
        .encode(
            alt.X("sum(count):Q", title="snippets"),
            alt.Y("dialect:N", title=None),
            alt.Color("render_status:N", scale=scale, title="render status"),
            tooltip=["dialect", "render_status", "count"],
        )
    )


def show_stats(db) -> int:
    """Counts and the chart; return the number of snippets."""
    stats = snippet_stats(db)
    cols = st.columns(5)
    cols[0].metric("Repositories", stats["repos"])
    cols[1].metric("Files", stats["files"], help=f"{stats['files_unparsable']} could not be parsed")
    cols[2].metric("Snippets", stats["snippets"])
    cols[3].metric("Duplicates", stats["duplicates"])
    cols[4].metric("Rendered ok", stats["by_render_status"].get("ok", 0))
    rows = count_table(db)
    if rows:
        st.altair_chart(status_chart(rows), key="snip_chart")
    return stats["snippets"]


def filters(db) -> SnippetFilter:
    options = filter_options(db)
    text = st.text_input("Search code and scene names", key="snip_search", placeholder="e.g. Axes plot")
    c1, c2, c3 = st.columns(3)
    dialects = c1.multiselect("Dialect", options["dialects"], key="snip_dialects")
    statuses = c2.multiselect("Render status", options["render_statuses"], key="snip_status")
    dup = c3.selectbox("Duplicates", list(DUPLICATE_CHOICES), format_func=DUPLICATE_CHOICES.get, key="snip_dups")
    c4, c5 = st.columns(2)
    repo = c4.selectbox("Repository", ["(any)", *options["repos"]], key="snip_repo")
    lic = c5.selectbox("License", ["(any)", *options["licenses"]], key="snip_license")
    return SnippetFilter(
        text=text, dialects=tuple(dialects), render_statuses=tuple(statuses), duplicates=dup,
        repo="" if repo == "(any)" else repo, license="" if lic == "(any)" else lic, limit=PAGE_SIZE,
    )  # fmt: skip


def show_preview(settings, snippet: dict) -> None:
    poster, video = snippet.get("poster_key"), snippet.get("video_key")
    preview = load_preview(settings, video, poster)  # the same reader as the Label page; never raises
    if preview is not None:
        kind, data = preview
        if kind == "video":
            st.video(data)
        else:
            st.image(data, caption="Poster frame")
    elif video or poster:
        st.warning(
            "Preview unavailable: the stored video and poster could not be read (see the log); "
            "run the render check again to rebuild them."
        )
    elif snippet["dialect"] != "community":
        st.caption(f"No preview: only Manim Community code renders here; this is {snippet['dialect']} code.")
    elif snippet["render_status"] == "pending" and not snippet["is_representative"]:
        st.caption("No preview: duplicates are not rendered; open the cluster's representative.")
    elif snippet["render_status"] == "pending":
        st.caption("No preview yet: run the render check on the Collect page (or `hisolver render-check`).")
    else:
        st.caption("No preview: the render did not succeed.")


def show_code(code: str, snippet_id: int) -> None:
    try:
        from streamlit_ace import st_ace
    except ImportError:  # the editor is optional; plain code still reads well
        st.code(code, language="python")
        return
    # font 15: at Ace's default 14 px, Linux's fallback monospace font clips underscores (x_range reads "x range")
    st_ace(value=code, language="python", theme="github", readonly=True, auto_update=True, font_size=15,
           wrap=True, height=420, key=f"snip_ace_{snippet_id}")  # fmt: skip


def show_detail(settings, db, snippet_id: int) -> None:
    snippet = ui.run_or_stop(get_snippet, db, snippet_id)
    st.subheader(f"{snippet['scene_name']}  ·  {snippet['repo']}")
    st.caption(
        f"{snippet['path']} · dialect {snippet['dialect']} · license {snippet['license'] or 'none'} · "
        f"render {snippet['render_status']} · cluster {snippet['cluster_id']} ({snippet['cluster_size']} snippets)"
        + (" · representative" if snippet["is_representative"] else " · duplicate")
    )
    if snippet.get("render_error"):
        st.error(f"Render error: {ui.md_literal(snippet['render_error'])}")
    left, right = st.columns([3, 2])
    with left:
        show_code(snippet["code"], snippet_id)
    with right:
        show_preview(settings, snippet)


def run() -> None:
    settings = ui.require(Role.ADMIN)
    st.title("Snippets")
    with closing(open_db(settings)) as db:
        if not show_stats(db):
            st.info("No snippets yet: collect code on the Collect page, then extract it there (or `hisolver extract`).")
            return
        flt = filters(db)
        total, rows = ui.run_or_stop(search_snippets, db, flt)
        st.write(f"{total} snippets match" + (f" (first {PAGE_SIZE} shown)" if total > PAGE_SIZE else ""))
        if not rows:
            st.info("No snippet matches these filters: clear the search or widen the filters.")
            return
        height = min(260, 35 * (len(rows) + 1) + 3)  # no empty rows under a short result
        st.dataframe(pd.DataFrame(rows), hide_index=True, height=height, key="snip_table")
        labels = {r["id"]: f"#{r['id']} {r['scene_name']} — {r['repo']}/{r['path']}" for r in rows}
        chosen = st.selectbox("Open snippet", list(labels), format_func=labels.get, key="snip_open")
        if chosen is not None:
            show_detail(settings, db, chosen)


run()
