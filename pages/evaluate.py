"""Evaluate page: run the solver benchmark on a packaged, configured or uploaded JSONL file, review the results."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import streamlit as st

from hisolver_core.auth import Role
from hisolver_core.db import open_db
from hisolver_core.evaluation import FORMATS, EvalReport, benchmark_files, guess_format, save_upload
from hisolver_core.evaluation.runner import load_report
from hisolver_core.jobs.commands import eval_results_path, evaluate_spec
from hisolver_core.solving import solve_stats
from pages import _shared as ui

UPLOAD = "Upload a JSONL file..."
RESULT_KEY = "eval_results"  # per-item results file of this session's last evaluation job


def choose_dataset(settings) -> tuple[Path | None, str]:
    """Widgets for the file and its format; return (path or None, format)."""
    files = benchmark_files(settings)
    source = st.selectbox("Dataset", [*files, UPLOAD], key="eval_source")
    path: Path | None = files[source].path if source in files else None
    default = files[source].format if source in files else guess_format("")
    format_key = f"eval_format_{source}"
    if source == UPLOAD:
        upload = st.file_uploader("JSONL file", type=["jsonl"], key="eval_upload")
        if upload is not None:
            path = ui.run_or_stop(save_upload, settings, upload.getvalue())
            default, format_key = guess_format(upload.name), f"eval_format_upload_{upload.name}"
    fmt = st.selectbox("Format", FORMATS, index=FORMATS.index(default), key=format_key)
    return path, fmt


def launch_eval(settings, path: Path, fmt: str, limit: int, subjects: list[str], max_level: int | None) -> None:
    """Start the harness as a background job; its per-item results go to a file the report is read from."""
    out = eval_results_path(settings)
    spec = evaluate_spec(path, fmt, limit=limit or None, subjects=subjects or None, max_level=max_level, out=out)
    if ui.launch_job(settings, spec, "eval", runner="local") is not None:  # the file and results are on this machine
        st.session_state[RESULT_KEY] = str(out)


def show_last_run(settings) -> None:
    """This session's evaluation job: live progress, then its report."""
    job_id = ui.last_job("eval")
    if job_id is None:
        return
    row = ui.job_panel(settings, job_id, key="eval")
    if row is not None and row["status"] == "succeeded" and st.session_state.get(RESULT_KEY):
        seconds = json.loads(row["metrics"] or "{}").get("seconds", 0.0)
        show_report(ui.run_or_stop(load_report, st.session_state[RESULT_KEY], seconds))


def _secs(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f} s"


def show_report(report: EvalReport) -> None:
    """Summary metrics, the per-topic table and the wrong items."""
    s = report.summary
    cols = st.columns(5)
    cols[0].metric("Problems", s["total"])
    cols[1].metric("Answered", s["answered"])
    cols[2].metric("Correct", s["correct"])
    cols[3].metric("Precision", "-" if s["precision"] is None else f"{s['precision']:.1%}")
    cols[4].metric("Accuracy", f"{s['accuracy']:.1%}")
    st.caption(
        f"{s['seconds']:.1f} s in all; median {_secs(s['median_s'])}, p95 {_secs(s['p95_s'])} per problem; "
        f"{s['timeouts']} over the time limit. Precision = correct / answered; the built-in engine declines "
        "what it cannot verify rather than guess, so declined problems lower accuracy, not precision."
    )
    st.subheader("By topic")
    st.dataframe(pd.DataFrame.from_dict(report.by_topic, orient="index"), key="eval_topics")
    wrong = report.wrong_items
    st.subheader(f"Wrong answers ({len(wrong)})")
    if not wrong:
        st.success("No wrong answers.")
    else:
        frame = pd.DataFrame(wrong)[["id", "topic", "problem", "answer", "choice", "expected"]]
        st.dataframe(frame, key="eval_wrong")


def render_recent_solves(settings) -> None:
    """Counts and timing percentiles of the most recent solves from the Solve page and the CLI."""
    st.subheader("Recent solves")
    db = ui.run_or_stop(open_db, settings)
    try:
        stats = solve_stats(db, limit=1000)
    finally:
        db.close()
    if not stats["total"]:
        st.info("No solves recorded yet: they appear here as students use the Solve page.")
        return
    cols = st.columns(4)
    cols[0].metric("Solves", stats["total"])
    cols[1].metric("Solved", stats["solved"], help="answered (not declined)")
    cols[2].metric("Verified", stats["verified"])
    cols[3].metric("Videos", stats["videos"])
    cols = st.columns(4)
    for col, key, label in zip(
        cols,
        ["steps_ms_p50", "steps_ms_p95", "video_ms_p50", "video_ms_p95"],
        ["Steps p50", "Steps p95", "Video p50", "Video p95"],
        strict=True,
    ):
        value = stats[key]
        col.metric(label, "–" if value is None else f"{value / 1000:.2f} s")
    left, right = st.columns(2)
    left.caption("By backend")
    left.bar_chart(stats["by_backend"], horizontal=True)
    right.caption("By topic")
    right.bar_chart(stats["by_topic"], horizontal=True)


def main() -> None:
    """The page: dataset choice, run, report, then recent solve statistics."""
    settings = ui.require(Role.ADMIN)
    st.title("Evaluate")
    st.write("Run the built-in solver on a benchmark file and review what it got wrong.")
    path, fmt = choose_dataset(settings)
    limit = st.number_input("Limit (0 = all)", min_value=0, value=50, step=10, key="eval_limit")
    subjects, max_level = [], None
    if fmt == "math":
        subjects = st.multiselect(
            "Subjects",
            [
                "Algebra",
                "Prealgebra",
                "Intermediate Algebra",
                "Number Theory",
                "Precalculus",
                "Geometry",
                "Counting & Probability",
            ],
            default=["Algebra", "Prealgebra"],
            key="eval_subjects",
        )
        max_level = st.slider("Highest level", 1, 5, 3, key="eval_max_level")
    if st.button("Run evaluation", type="primary", key="eval_run", disabled=path is None):
        launch_eval(settings, path, fmt, int(limit), subjects, max_level)
    show_last_run(settings)
    render_recent_solves(settings)


main()
