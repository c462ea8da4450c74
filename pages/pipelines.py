"""Pipelines page: start part 1 or part 2 (locally or on Vertex AI); each run's steps as a graph and a table."""

from __future__ import annotations

import streamlit as st

from hisolver_core.auth import Role
from hisolver_core.jobs import job_logs
from hisolver_core.pipelines import launch_pipeline, part1_params, part2_params, pipeline_overview, step_graph
from pages import _shared as ui

STARTED_KEY = "pipelines_started"


def _runner(key: str) -> str:
    return st.radio(
        "Run on",
        ["local", "vertex"],
        horizontal=True,
        key=key,
        format_func={"local": "this machine (each step a job)", "vertex": "Vertex AI Pipelines"}.get,
    )


def start_part1(settings) -> None:
    st.caption("collect → extract → render-check → processed/ export; leaves the label queue filled.")
    source = st.text_input("Local folder or archive (empty: search GitHub)", key="pl1_source")
    query = st.text_input("GitHub query", value="manim language:python", key="pl1_query")
    max_repos = st.number_input("Max repositories (0: all)", min_value=0, value=20, key="pl1_max")
    runner = _runner("pl1_runner")
    if st.button("Start part 1", key="pl1_go", type="primary"):
        params = ui.run_or_stop(part1_params, query, int(max_repos), source.strip() or None)
        st.session_state[STARTED_KEY] = ui.run_or_stop(launch_pipeline, settings, "part1", params, runner)


def start_part2(settings, labels: dict) -> None:
    st.caption(
        "dataset version → train, evaluate, register → deploy only if render success beats production "
        f"by more than {settings.pipeline_deploy_margin:.1%}."
    )
    st.caption(f"Labels ready to freeze: {labels['labels']} ({labels['train']} train / {labels['val']} validation).")
    mode = st.radio("Dataset", ["new version", "existing version"], horizontal=True, key="pl2_mode")
    name = st.text_input("Version name (empty: auto-<time>)" if mode == "new version" else "Version name",
                         key="pl2_dataset")  # fmt: skip
    base = st.text_input("Base model (a local folder or a model id)", key="pl2_base")
    method = st.selectbox("Method", ["lora", "qlora", "full"], key="pl2_method")
    steps = st.number_input("Max steps (0: the trainer's epochs)", min_value=0, value=0, key="pl2_steps")
    runner = _runner("pl2_runner")
    machine = {}
    if runner == "vertex":
        cols = st.columns(3)
        machine = {"machine_type": cols[0].text_input("Machine type", "g2-standard-8", key="pl2_machine"),
                   "accelerator_type": cols[1].text_input("Accelerator", "NVIDIA_L4", key="pl2_acc"),
                   "accelerator_count": int(cols[2].number_input("GPUs", 0, 8, 1, key="pl2_acc_n"))}  # fmt: skip
    if st.button("Start part 2", key="pl2_go", type="primary"):
        from hisolver_core.pipelines import auto_dataset_name

        dataset = name.strip() or auto_dataset_name()
        params = ui.run_or_stop(part2_params, dataset, base, reuse_dataset=mode != "new version", method=method,
                                max_steps=int(steps))  # fmt: skip
        params.update({k: v for k, v in machine.items() if k != "machine_type"})
        if runner == "vertex":
            params["deploy_target"] = "registry"  # the pipeline's own containers promote; deploy from the Deploy page
        started = ui.run_or_stop(launch_pipeline, settings, "part2", params, runner, **machine)
        st.session_state[STARTED_KEY] = started


def show_started(settings) -> None:
    started = st.session_state.get(STARTED_KEY)
    if not started:
        return
    if started["console_url"]:
        st.success(f"Run {started['run']} submitted to Vertex AI Pipelines: [console]({started['console_url']})")
    else:
        st.success(f"Run {started['run']} started.")
        ui.job_panel(settings, started["job"], key="pipeline_started")


def _lineage(run: dict) -> None:
    facts = {"dataset version": run["dataset_version"], "training run": run["training_run"], "model": run["model"],
             "snippets waiting for labels": run["snippets_waiting"]}  # fmt: skip
    shown = {k: v for k, v in facts.items() if v not in (None, "")}
    if shown:
        st.markdown(" · ".join(f"**{k}**: `{ui.md_literal(v)}`" for k, v in shown.items()))
    if run["deploy_decision"]:
        box = st.success if run["deploy_decision"] == "deploy" else st.info
        box(f"Deploy gate: **{run['deploy_decision']}**: {ui.md_literal(run['deploy_reason'] or '')}")
    if run["console_url"]:
        st.markdown(f"[Vertex AI console]({run['console_url']})")


def show_run(settings, run: dict) -> None:
    st.graphviz_chart(step_graph(run))
    if run["error"]:
        st.error(run["error"])
    _lineage(run)
    rows = [{"step": s["name"], "status": s["status"], "seconds": s["seconds"], "job": s["job_id"],
             "error": s["error"] or "", "output": s["output"]} for s in run["steps"]]  # fmt: skip
    st.dataframe(rows, hide_index=True, width="stretch", key=f"pl_steps_{run['id']}")
    for step in run["steps"]:
        if step["job_id"]:
            with st.expander(f"Log of {step['name']} (job {step['job_id']})"):
                st.code(ui.run_or_stop(job_logs, settings, step["job_id"], 60) or "(empty)", language=None)


def show_runs(settings) -> None:
    overview = ui.run_or_stop(pipeline_overview, settings)
    cols = st.columns(3)
    cols[0].metric("Snippets waiting for labels", overview["waiting_for_labels"])
    cols[1].metric("Labels ready for part 2", overview["labels"]["labels"])
    cols[2].metric("Runs", len(overview["runs"]))
    if not overview["runs"]:
        st.info("No pipeline runs yet. Start part 1 above, or run `hisolver pipeline part1`.")
        return
    runs = {r["id"]: r for r in overview["runs"]}
    chosen = st.selectbox(
        "Run",
        list(runs),
        key="pl_run",
        format_func=lambda i: (
            f"#{i} {runs[i]['part']} · {runs[i]['runner']} · {runs[i]['status']} · {runs[i]['created_at']}"
        ),
    )
    show_run(settings, runs[chosen])


def main() -> None:
    settings = ui.require(Role.ADMIN)
    st.title("Pipelines")
    part1_tab, part2_tab = st.tabs(["Part 1: collect to label queue", "Part 2: dataset to deploy"])
    with part1_tab:
        start_part1(settings)
    with part2_tab:
        overview_labels = ui.run_or_stop(pipeline_overview, settings, 1)["labels"]
        start_part2(settings, overview_labels)
    show_started(settings)
    st.divider()
    if st.toggle("Refresh every 2 s", value=True, key="pl_live"):
        st.fragment(show_runs, run_every=2)(settings)
    else:
        show_runs(settings)


main()
