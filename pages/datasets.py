"""Datasets page: freeze labels into immutable versions, see their make-up, compare two."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from hisolver_core import datasets
from hisolver_core.auth import Role
from pages import _shared as ui

COUNT_AXIS = alt.Axis(tickMinStep=1, format="d")  # row counts: whole-number ticks, never 0.2 rows


def create_form(settings) -> None:
    with st.expander("Create a version", expanded=False), st.form(key="ds_create_form"):
        name = st.text_input(
            "Name",
            key="ds_name",
            placeholder="e.g. v3-approved",
            help="Letters, digits, '.', '_' or '-'. A name is used once, forever.",
        )
        approved_only = st.checkbox("Approved labels only", value=True, key="ds_approved_only")
        val_fraction = st.slider("Validation share (by snippet hash)", 0.0, 0.5, 0.1, 0.05, key="ds_val_fraction")
        created_by = st.text_input("Created by", key="ds_created_by", value="maintainer")
        submitted = st.form_submit_button("Create version", type="primary", key="ds_create")
    if submitted:
        manifest = ui.run_or_stop(
            datasets.create_version,
            settings,
            name.strip(),
            approved_only=approved_only,
            val_fraction=val_fraction,
            created_by=created_by.strip(),
        )
        c = manifest["counts"]
        st.success(
            f"Created {manifest['name']}: {c['train']} train + {c['val']} validation rows, "
            f"content {manifest['content_hash'][:12]}."
        )
        if not c["val"]:
            st.warning(
                "This version has no validation rows, so training cannot report a validation loss and "
                "evaluation has no held-out prompts: raise the validation share or label more snippets."
            )
        # show the new version, and what changed since its parent, rather than the last one looked at
        st.session_state["ds_selected"] = manifest["name"]
        st.session_state["ds_diff_b"] = manifest["name"]
        if manifest["parent"]:
            st.session_state["ds_diff_a"] = manifest["parent"]


def histogram(values: list[int], title: str) -> alt.Chart:
    frame = pd.DataFrame({"chars": values})
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            alt.X("chars:Q", bin=alt.Bin(maxbins=30), title="characters"),
            alt.Y("count():Q", title="rows", axis=COUNT_AXIS),
        )
    )


def mix_chart(counts: dict[str, int], title: str) -> alt.Chart:
    frame = pd.DataFrame({"kind": list(counts), "rows": list(counts.values())})
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(alt.X("rows:Q", axis=COUNT_AXIS), alt.Y("kind:N", sort="-x", title=None))
    )


def show_version(manifest: dict) -> None:
    c = manifest["counts"]
    cols = st.columns(4)
    for col, (label, key) in zip(
        cols,
        [("Train rows", "train"), ("Validation rows", "val"), ("Labels", "labels"), ("Snippets", "snippets")],
        strict=True,
    ):
        col.metric(label, c[key])
    st.caption(
        f"Content hash `{manifest['content_hash']}` · parent {manifest['parent'] or 'none'} · "
        f"{'approved only' if manifest['approved_only'] else 'submitted and approved'} · "
        f"made by {manifest['created_by'] or '?'} at {manifest['created_at']}"
    )
    stats = datasets.summarize_items(manifest["items"])
    left, right = st.columns(2)
    left.altair_chart(histogram(stats["summary_chars"], "Summary length"), key="ds_summary_hist")
    right.altair_chart(histogram(stats["code_chars"], "Code length"), key="ds_code_hist")
    left.altair_chart(mix_chart(stats["dialect"], "Dialect mix"), key="ds_dialect_mix")
    right.altair_chart(mix_chart(stats["topic"], "Topic mix"), key="ds_topic_mix")
    st.caption(
        "Topic: the first keyword group the summary or code matches (3d, graph, equation, geometry, text), else other."
    )
    files = [
        {"file": f, "rows": i["rows"], "bytes": i["bytes"], "sha256": i["sha256"]} for f, i in manifest["files"].items()
    ]
    st.dataframe(pd.DataFrame(files), hide_index=True, key="ds_files")


def show_diff(settings, names: list[str]) -> None:
    st.subheader("Compare two versions")
    left, right = st.columns(2)
    a = left.selectbox("From", names, index=min(1, len(names) - 1), key="ds_diff_a")
    b = right.selectbox("To", names, index=0, key="ds_diff_b")
    d = ui.run_or_stop(datasets.diff_versions, settings, a, b)
    if d["same_content"]:
        st.info(f"{a} and {b} have the same content hash.")
    cols = st.columns(5)
    for col, key in zip(cols, ["added", "removed", "changed", "moved", "unchanged"], strict=True):
        col.metric(key.capitalize(), d[key] if key == "unchanged" else len(d[key]))
    rows = ui.run_or_stop(datasets.diff_details, settings, d)
    if rows:
        frame = pd.DataFrame(rows).fillna("(not stored with this version)")
        order = [c for c in ("change", "label_id", "summary", "was", "code") if c in frame]
        st.dataframe(
            frame[order],
            hide_index=True,
            key="ds_diff_rows",
            column_config={"was": "summary before", "code": st.column_config.TextColumn("code", width="large")},
        )


def main() -> None:
    settings = ui.require(Role.ADMIN)
    st.title("Datasets")
    create_form(settings)
    versions = ui.run_or_stop(datasets.list_versions, settings)
    if not versions:
        st.info(
            "No dataset versions yet. Label some snippets, then create one above "
            "(or run `hisolver dataset create NAME`)."
        )
        return
    table = pd.DataFrame(versions)[
        [
            "name",
            "train_count",
            "val_count",
            "label_count",
            "approved_only",
            "content_hash",
            "parent",
            "created_by",
            "created_at",
        ]
    ]
    st.dataframe(table, hide_index=True, key="ds_versions")
    names = [v["name"] for v in versions]
    name = st.selectbox("Version", names, key="ds_selected")
    show_version(ui.run_or_stop(datasets.read_manifest, settings, name))
    if len(names) >= 2:
        show_diff(settings, names)


main()
