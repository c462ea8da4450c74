"""Label page: annotators write the request behind each Manim snippet; maintainers review.

Keyboard: the summary box takes the focus for each new snippet; Ctrl+Enter
(Cmd+Enter) submits it, Tab reaches Submit, then the skip reason, Skip and Flag.
The guidelines and shortcuts sit beside the task; the last submission can be
undone for a short while; the annotator's own recent labels are listed.
"""

from __future__ import annotations

import time
from contextlib import closing

import pandas as pd
import streamlit as st
from streamlit_ace import st_ace

from hisolver_core import labeling
from hisolver_core.auth import Role
from hisolver_core.db import open_db
from hisolver_core.errors import HiSolverError
from pages import _shared as ui

FLASH_KEY = "label_flash"
EXPORT_KEY = "label_ls_export"
LAST_KEY = "label_last_submission"  # (label id, snippet id, when) for Undo
RESTORE_KEY = "label_restore"  # (snippet id, summary) to put back in the box after an undo
GUIDELINES = """**Write the request, not the code.** One to three sentences a student or teacher would type to
get this animation: what appears, what moves or changes, in what order (*"Draw a unit circle, then
trace the sine wave its point makes"*).

- name the math objects (graph of y = x², a triangle, a number line), not Manim classes;
- say what changes and when; colours and positions only when they matter;
- **Skip** when you are unsure, **Flag** code that is broken, not math, or unsafe.

**Shortcuts:** Ctrl+Enter (Cmd+Enter) submits · Tab moves to Submit, then the skip reason, Skip and
Flag · the next snippet appears by itself after a submit or a skip · **Undo** takes back your last
submission for two minutes."""


def annotator_name() -> str:
    """The name labels are saved under, kept for the browser session."""
    return st.text_input(
        "Your name", key="label_annotator", placeholder="e.g. ada", help="Labels and counts are kept under this name."
    ).strip()


def show_progress(db, annotator: str) -> labeling.Progress:
    p = labeling.progress(db, annotator)
    a, b, c = st.columns(3)
    a.metric("Labeled today", p.labeled_today)
    b.metric("Labeled in all", p.labeled_total)
    c.metric("Remaining for you", p.remaining)
    return p


def suggestion_for(settings, item) -> str | None:
    """The model's draft for this snippet, asked once per session and snippet."""
    key = f"label_suggestion_{item.snippet_id}"
    if key not in st.session_state:
        with st.spinner("Asking the model for a draft..."):
            st.session_state[key] = labeling.suggest_summary(settings, item.code)
    return st.session_state[key]


def show_preview(settings, item) -> None:
    preview = labeling.load_preview(settings, item.video_key, item.poster_key)
    if preview is None:
        st.caption("No rendered preview for this snippet.")
    elif preview[0] == "video":
        st.video(preview[1], format="video/mp4", autoplay=True, loop=True, muted=True)
    else:
        st.image(preview[1], caption="Poster frame (no video)")


def summary_form(db, annotator: str, item, suggestion: str | None) -> None:
    if suggestion:
        st.info(f"**Suggested draft (from the model, check it):** {suggestion}", icon=":material/smart_toy:")
    restored = st.session_state.get(RESTORE_KEY)
    start = restored[1] if restored and restored[0] == item.snippet_id else suggestion or ""
    with st.form(key="label_form", border=True):
        summary = st.text_area(
            "What would a student or teacher type to get this animation?",
            value=start,
            key=f"label_summary_{item.snippet_id}",
            max_chars=labeling.MAX_SUMMARY_CHARS,
            placeholder="e.g. Show how the graph of y = x^2 shifts when we add 3",
            help="Describe the animation as a request, not the code. Ctrl+Enter submits.",
        )
        submitted = st.form_submit_button("Submit (Ctrl+Enter)", type="primary", key="label_submit")
    if submitted:
        label_id = ui.run_or_stop(
            labeling.save_label, db, annotator, item.snippet_id, summary, suggested_from=suggestion
        )
        st.session_state[FLASH_KEY] = f"Saved label {label_id}."
        st.session_state[LAST_KEY] = (label_id, item.snippet_id, time.monotonic())
        st.session_state.pop(RESTORE_KEY, None)
        st.rerun()


def undo_last(db, annotator: str) -> None:
    """An Undo button for the last submission while its window is open."""
    last = st.session_state.get(LAST_KEY)
    if last is None or time.monotonic() - last[2] > labeling.UNDO_SECONDS:
        return
    if st.button(f"Undo: take back label {last[0]}", key="label_undo", icon=":material/undo:"):
        st.session_state.pop(LAST_KEY, None)
        try:
            undone = labeling.undo_label(db, annotator, last[0])
        except HiSolverError as exc:
            st.error(f"Nothing was undone: {exc}.")
            return
        st.session_state[RESTORE_KEY] = (undone["snippet_id"], undone["summary"])
        st.session_state[FLASH_KEY] = f"Took back label {last[0]}: snippet {undone['snippet_id']} is back."
        st.rerun()


def own_history(db, annotator: str) -> None:
    rows = labeling.list_labels(db, annotator=annotator, limit=10)
    with st.expander(f"Your recent labels ({len(rows)})", icon=":material/history:"):
        if not rows:
            st.caption("None yet.")
        for row in rows:
            st.markdown(
                f"**#{row['id']}** · {row['status']} · snippet {row['snippet_id']} "
                f"{ui.md_literal(row['scene_name'])} · {row['updated_at'][:16].replace('T', ' ')} UTC  \n"
                f"{ui.md_literal(row['summary'])}"
            )


# Puts the cursor in the summary box when a new snippet appears (after a save or skip, Streamlit's
# rerun leaves the focus on the page body), unless the annotator is already typing elsewhere.
_FOCUS_JS = """<script>/* snippet %d */
const doc = document; let tries = 0;
const timer = setInterval(() => {
  const box = doc.querySelector('textarea[aria-label^="What would a student"]');
  if (box && (doc.activeElement === doc.body || doc.activeElement === null)) { box.focus(); }
  if (box || ++tries > 40) { clearInterval(timer); }
}, 50);
</script>"""


def focus_summary(item) -> None:
    """Focus the summary box for a new snippet, so labeling one after another needs no mouse."""
    st.html(_FOCUS_JS % item.snippet_id, unsafe_allow_javascript=True)


def skip_form(db, annotator: str, item) -> None:
    with st.form(key="label_skip_form", border=False):
        reason = st.text_input("Reason (for skip or flag)", key=f"label_skip_reason_{item.snippet_id}")
        with st.container(horizontal=True):  # side by side, wrapping on a narrow screen (never truncated)
            skip = st.form_submit_button("Skip", key="label_skip")
            flag = st.form_submit_button("Flag as bad code", key="label_flag")
    if skip or flag:
        ui.run_or_stop(labeling.skip_snippet, db, annotator, item.snippet_id, reason, flag=flag)
        st.session_state[FLASH_KEY] = "Flagged as bad code." if flag else "Skipped."
        st.rerun()


def label_tab(settings, db) -> None:
    annotator = annotator_name()
    if not annotator:
        st.info("Enter your name to start labeling.")
        return
    if FLASH_KEY in st.session_state:
        st.success(st.session_state.pop(FLASH_KEY))
    undo_last(db, annotator)
    done = show_progress(db, annotator)
    own_history(db, annotator)
    item = ui.run_or_stop(labeling.next_snippet, db, annotator)
    if item is None:
        st.success("Nothing left to label for you right now. Thank you!")
        st.caption(
            "The queue holds Manim Community snippets that rendered, one per duplicate cluster; "
            "a maintainer adds more with Collect, then its render check."
        )
        return
    st.caption(
        f"Snippet {item.snippet_id} · {ui.md_literal(item.scene_name)} · {item.label_count} label(s) so far · "
        f"reserved for you until {item.lease_expires_at[11:16]} UTC"
    )
    left, right = st.columns([2, 3])
    with left:
        show_preview(settings, item)
        summary_form(db, annotator, item, suggestion_for(settings, item))
        skip_form(db, annotator, item)
        focus_summary(item)
    with right:
        with st.expander("Guidelines and shortcuts", expanded=done.labeled_total < 3):
            st.markdown(GUIDELINES)
        # auto_update: no "Apply" button under read-only code; font 15: at 14 px Linux's fallback
        # monospace font clips underscores (x_range reads "x range")
        st_ace(
            value=item.code,
            language="python",
            readonly=True,
            theme="chrome",
            min_lines=20,
            font_size=15,
            wrap=True,
            auto_update=True,
            key=f"label_code_{item.snippet_id}",
        )


def review_list(db, reviewer: str) -> None:
    left, right = st.columns(2)
    status = left.selectbox("Status", ["submitted", "approved", "rejected", "all"], key="review_status")
    who = right.text_input("Annotator (blank for all)", key="review_annotator").strip()
    rows = labeling.list_labels(db, status=None if status == "all" else status, annotator=who or None, limit=25)
    if not rows:
        st.caption("No labels match.")
    for row in rows:
        with st.container(border=True):
            tag = " · from a model suggestion" if row["source"] == "llm-suggested" else ""
            st.markdown(
                f"**#{row['id']}** by **{ui.md_literal(row['annotator'])}** · {row['status']}{tag} · "
                f"{ui.md_literal(row['scene_name'])}"
            )
            st.markdown(ui.md_literal(row["summary"]))
            with st.expander("Code"):
                st.code(row["code"], language="python")
            with st.form(key=f"review_form_{row['id']}", border=False):
                note = st.text_input("Note", key=f"review_note_{row['id']}", value=row["review_note"] or "")
                a, b = st.columns(2)
                approve = a.form_submit_button("Approve", key=f"review_approve_{row['id']}")
                reject = b.form_submit_button("Reject", key=f"review_reject_{row['id']}")
            if approve or reject:
                ui.run_or_stop(labeling.review_label, db, row["id"], "approve" if approve else "reject", reviewer, note)
                st.rerun()


def review_tab(db, reviewer: str) -> None:
    st.subheader("Per annotator")
    counts = labeling.annotator_counts(db)
    if counts:
        st.dataframe(pd.DataFrame(counts), hide_index=True, key="review_counts")
    with st.form(key="review_k_form", border=False):
        k = st.number_input("Labels per snippet (k)", 1, 10, labeling.get_labels_per_snippet(db), key="review_k")
        if st.form_submit_button("Save k", key="review_k_save"):
            ui.run_or_stop(labeling.set_labels_per_snippet, db, int(k))
            st.rerun()
    flags = labeling.list_flags(db)
    if flags:
        st.subheader("Flagged as bad code")
        st.dataframe(pd.DataFrame(flags), hide_index=True, key="review_flags")
    st.subheader("Labels")
    review_list(db, reviewer)


def agreement_tab(db) -> None:
    st.caption(
        "Similarity: Jaccard index of the two summaries' lower-cased word sets (1 = same words, "
        "0 = none shared), averaged over pairs. Lowest first."
    )
    rows = labeling.agreement(db)
    if not rows:
        st.info("No snippet has two labels yet: set k >= 2 under Review to collect them.")
    for row in rows:
        with st.container(border=True):
            st.markdown(
                f"**Snippet {row.snippet_id}** {ui.md_literal(row.scene_name)} · similarity **{row.score:.2f}**"
            )
            for col, lab in zip(st.columns(len(row.labels)), row.labels, strict=True):
                col.markdown(f"*{ui.md_literal(lab['annotator'])}* ({lab['status']})")
                col.markdown(ui.md_literal(lab["summary"]))


def label_studio_import(db) -> None:
    st.subheader("Import")
    upload = st.file_uploader("Label Studio JSON export", type=["json"], key="ls_upload")
    approve = st.checkbox("Mark imported labels approved (a reviewed project)", key="ls_approve")
    if upload is None or not st.button("Import", key="ls_import"):
        return
    try:  # a bad file is this section's error: Export below keeps working
        tasks = labeling.parse_label_studio(upload.getvalue().decode("utf-8", "replace"), upload.name)
        report = labeling.import_label_studio(db, tasks, status="approved" if approve else "submitted")
    except HiSolverError as exc:
        st.error(f"Nothing was imported: {exc}")
        return
    st.success(report.summary())


def label_studio_export(db) -> None:
    st.subheader("Export")
    approved_only = st.checkbox("Approved labels only", key="ls_export_approved")
    statuses = ("approved",) if approved_only else ("submitted", "approved")
    ready = st.session_state.get(EXPORT_KEY)
    # built on request, not on every rerun of the page: an export reads every label
    if st.button("Prepare the export", key="ls_prepare", icon=":material/sync:"):
        try:
            tasks = labeling.export_label_studio(db, statuses=statuses)
            ready = st.session_state[EXPORT_KEY] = (statuses, len(tasks), labeling.dumps_label_studio(tasks))
        except HiSolverError as exc:
            st.error(f"The export could not be built: {exc}")
            return
    if ready is None or ready[0] != statuses:
        st.caption("Prepare the export to download it.")
        return
    st.download_button(
        f"Download {ready[1]} tasks as Label Studio JSON",
        ready[2],
        file_name="hisolver-labels.json",
        mime="application/json",
        key="ls_download",
    )


def label_studio_tab(db) -> None:
    label_studio_import(db)
    label_studio_export(db)
    with st.expander("Label Studio labeling config for a compatible project"):
        st.code(labeling.LABEL_CONFIG, language="xml")


settings = ui.require(Role.ANNOTATOR)
st.title("Label")
# the role picked in the sidebar decides, also in local mode: an annotator sees only the labeling view
is_maintainer = ui.current_role() >= Role.ADMIN
with closing(open_db(settings)) as db:
    if not is_maintainer:
        label_tab(settings, db)
    else:
        # keyed and tracked, so an approve or reject (which reruns the page) stays on its tab
        tab_label, tab_review, tab_agree, tab_ls = st.tabs(
            ["Label", "Review", "Agreement", "Label Studio"], key="label_tabs", on_change="rerun"
        )
        # only the open tab runs: agreement and export read every label
        reviewer = st.session_state.get("label_annotator", "").strip() or "maintainer"
        if tab_label.open:
            with tab_label:
                label_tab(settings, db)
        if tab_review.open:
            with tab_review:
                review_tab(db, reviewer)
        if tab_agree.open:
            with tab_agree:
                agreement_tab(db)
        if tab_ls.open:
            with tab_ls:
                label_studio_tab(db)
