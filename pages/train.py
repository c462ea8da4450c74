"""Train page: start a fine-tuning job, follow its curves live, read a run's card and samples, compare two runs."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from hisolver_core import training
from hisolver_core.auth import Role
from hisolver_core.training import views
from hisolver_core.training.launch import VERTEX_DEFAULTS, launch_run
from pages import _shared as ui

DEFAULTS = training.TrainParams()
LIVE_S = 2  # seconds between refreshes of a running run's curves


def start_form(settings, versions: list[dict]) -> None:
    """The form that submits a ``train`` job."""
    if not versions:
        st.info("No dataset versions yet: make one on the Datasets page first.")
        return
    names = [v["name"] for v in versions]
    counts = {v["name"]: f"{v['name']} ({v['train_count']} train / {v['val_count']} val)" for v in versions}
    with st.expander("Start a run", expanded=False), st.form(key="train_form"):
        dataset = st.selectbox("Dataset version", names, format_func=counts.get, key="train_dataset")
        base = st.text_input(
            "Base model",
            value="Qwen/Qwen2.5-Coder-0.5B-Instruct",
            key="train_base",
            help="A local transformers folder, or a Hugging Face id (downloaded where the Hub is reachable).",
        )
        method = st.radio(
            "Method",
            training.METHODS,
            horizontal=True,
            key="train_method",
            help="LoRA trains a small adapter; QLoRA does so over a 4-bit base (needs CUDA); "
            "full trains every weight (tiny models only).",
        )
        c1, c2, c3 = st.columns(3)
        max_steps = c1.number_input("Max steps (0 = use epochs)", 0, 100_000, 0, key="train_max_steps")
        epochs = c2.number_input("Epochs", 0.1, 100.0, DEFAULTS.epochs, key="train_epochs")
        lr = c3.number_input("Learning rate", 1e-7, 1.0, DEFAULTS.learning_rate, format="%.1e", key="train_lr")
        batch = c1.number_input(
            "Batch size",
            1,
            512,
            DEFAULTS.batch_size,
            key="train_batch",
            help="Rows per device step, padded to the longest row of the batch.",
        )
        accum = c2.number_input("Gradient accumulation", 1, 512, DEFAULTS.grad_accum, key="train_accum")
        eval_limit = c3.number_input(
            "Eval prompts rendered",
            0,
            200,
            DEFAULTS.eval_limit,
            key="train_eval_limit",
            help="Validation prompts generated and rendered per model (about 1.5 s each).",
        )
        lora_r = c1.number_input("LoRA rank r", 1, 512, DEFAULTS.lora_r, key="train_lora_r")
        lora_alpha = c2.number_input("LoRA alpha", 1, 1024, DEFAULTS.lora_alpha, key="train_lora_alpha")
        dropout = c3.number_input("LoRA dropout", 0.0, 0.9, DEFAULTS.lora_dropout, key="train_lora_dropout")
        runner = st.radio(
            "Where",
            training.RUNNERS,
            horizontal=True,
            key="train_runner",
            format_func=lambda r: {"local": "this machine", "vertex": "Vertex AI"}[r],
        )
        v1, v2, v3 = st.columns(3)
        machine = v1.text_input("Machine type (Vertex)", VERTEX_DEFAULTS["machine_type"], key="train_machine")
        accelerator = v2.text_input("Accelerator (Vertex)", VERTEX_DEFAULTS["accelerator_type"], key="train_acc")
        acc_count = v3.number_input(
            "Accelerators (Vertex)", 0, 8, VERTEX_DEFAULTS["accelerator_count"], key="train_acc_count"
        )
        submitted = st.form_submit_button("Start training", type="primary", key="train_start")
    if submitted:
        params = ui.run_or_stop(
            training.TrainParams.from_dict,
            {
                "method": method,
                "max_steps": int(max_steps) or -1,
                "epochs": epochs,
                "learning_rate": lr,
                "batch_size": batch,
                "grad_accum": accum,
                "eval_limit": eval_limit,
                "lora_r": lora_r,
                "lora_alpha": lora_alpha,
                "lora_dropout": dropout,
            },
        )
        job_id = ui.run_or_stop(
            launch_run,
            settings,
            dataset,
            base.strip(),
            params,
            runner=runner,
            machine_type=machine,
            accelerator_type=accelerator,
            accelerator_count=acc_count,
        )
        st.session_state["train_job"] = job_id
        st.success(f"Job {job_id} submitted; its run appears below once it starts.")


def runs_table(runs: list[dict]) -> str | None:
    """The list of runs; returns the one picked."""
    rows = [
        {
            "run": r["id"],
            "status": r["status"],
            "method": r["method"],
            "dataset": r["dataset_version"],
            "base model": r["base_model"],
            "step": f"{r['step']}/{r['max_steps']}",
            "render success": r["metrics"].get("render_success"),
            "base render success": r["metrics"].get("base_render_success"),
            "val loss": r["metrics"].get("val_loss"),
            "model": r["model"],
            "error": r["error"],
        }
        for r in runs
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        key="train_runs_table",
        column_config={
            "render success": st.column_config.NumberColumn(format="percent"),
            "base render success": st.column_config.NumberColumn(format="percent"),
        },
    )
    return st.selectbox("Run", [r["id"] for r in runs], key="train_run")


def curves(steps: list[dict], key: str, color: str | None = None) -> None:
    """Loss (and eval loss), learning rate, grad norm, tokens/s, GPU memory: one small chart each."""
    frame = pd.DataFrame(steps)
    shown = [c for c in views.CURVES if c in frame and frame[c].notna().any()]
    if frame.empty or not shown:
        st.caption("No steps logged yet.")
        return
    cols = st.columns(2)
    for i, column in enumerate(shown):
        encode = {"x": alt.X("step:Q"), "y": alt.Y(f"{column}:Q", title=views.CURVES[column])}
        if color:
            encode["color"] = alt.Color(f"{color}:N")
        chart = alt.Chart(frame.dropna(subset=[column])).mark_line(point=len(frame) < 30).encode(**encode)
        cols[i % 2].altair_chart(chart.properties(height=180), key=f"{key}_{column}")


def show_run(settings, run_id: str) -> None:
    """One run: status, curves, before/after metrics, card, artifacts, generated samples."""
    detail = ui.run_or_stop(views.run_detail, settings, run_id)
    run = detail["run"]
    if run["status"] == "running":
        st.progress(min(1.0, run["step"] / max(run["max_steps"], 1)), text=f"step {run['step']}/{run['max_steps']}")
    elif run["status"] == "failed":
        st.error(
            f"Failed: {run['error']}"
            + (" - `hisolver train resume " + run_id + "` continues it." if "resume" not in run["error"] else "")
        )
    curves(detail["steps"], key="train_curve")
    m = run["metrics"]
    if "render_success" in m:
        table = [
            {"measure": label, "base model": m.get("base_" + k), "this run": m.get(k)}
            for label, k in (
                ("render success", "render_success"),
                ("share with a Scene class", "scene_share"),
                ("validation loss", "val_loss"),
                ("perplexity", "perplexity"),
            )
        ]
        st.subheader("Before and after")
        st.dataframe(pd.DataFrame(table), hide_index=True, key="train_before_after")
    if detail["card"]:
        with st.expander("Model card and artifacts"):
            st.markdown(detail["card"])
            st.json(run["artifacts"], expanded=False)
    for side in ("trained", "base"):
        for sample in detail["samples"].get(side, [])[:2]:
            with st.expander(
                f"{side}: {ui.md_literal(sample['request'])} - {'rendered' if sample['rendered'] else sample['error']}"
            ):
                left, right = st.columns(2)
                left.code(sample["code"], language="python")
                if sample.get("poster"):
                    right.image(sample["poster"], caption="rendered in the sandbox")


def compare(settings, runs: list[dict]) -> None:
    """Two runs: loss curves overlaid, metrics and differing parameters side by side."""
    ids = [r["id"] for r in runs]
    st.subheader("Compare two runs")
    left, right = st.columns(2)
    a = left.selectbox("Run A", ids, index=min(1, len(ids) - 1), key="train_cmp_a")
    b = right.selectbox("Run B", ids, index=0, key="train_cmp_b")
    if a == b:
        st.caption("Pick two different runs.")
        return
    result = ui.run_or_stop(views.compare_runs, settings, a, b)
    curves(result["steps"], key="train_cmp_curve", color="run")
    shown = [{k: "-" if v is None else str(v) for k, v in row.items()} for row in result["metrics"]]
    st.dataframe(pd.DataFrame(shown), hide_index=True, key="train_cmp_metrics")


def page() -> None:
    settings = ui.require(Role.ADMIN)
    st.title("Train")
    st.caption(
        "Fine-tune a causal LM on a dataset version (LoRA, QLoRA or full), here or on Vertex AI; each run "
        "is judged by how much of its generated code renders, before and after."
    )
    data = ui.run_or_stop(views.overview, settings)
    start_form(settings, data["versions"])
    if st.session_state.get("train_job"):
        ui.job_panel(settings, st.session_state["train_job"], key="train")
    if not data["runs"]:
        st.info(
            "No training runs yet. Start one above, or run `hisolver train start --dataset NAME --base-model PATH`."
        )
        return
    run_id = runs_table(data["runs"])
    running = any(r["id"] == run_id and r["status"] == "running" for r in data["runs"])
    if running and st.toggle(f"Refresh every {LIVE_S} s", value=True, key="train_live"):
        st.fragment(show_run, run_every=LIVE_S)(settings, run_id)
    else:
        show_run(settings, run_id)
    if len(data["runs"]) > 1:
        compare(settings, data["runs"])


page()
