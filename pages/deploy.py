"""Deploy page: registered models side by side, promote / archive, deploy locally or to Vertex AI,
the deployments with their traffic and smoke tests, rollback, and a smoke-test box."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from hisolver_core import deployment
from hisolver_core.auth import Role
from hisolver_core.errors import HiSolverError
from hisolver_core.solving.animator import animate_prompt
from pages import _shared as ui

SMOKE = "deploy_smoke_result"


def models_table(models: list[dict]) -> None:
    """Metrics side by side, and render success as a chart (what a maintainer compares)."""
    rows = [
        {
            "model": m["name"],
            "stage": m["stage"],
            "dataset": m["dataset_version"],
            "base": m["base_model"],
            "render success": m["metrics"].get("render_success"),
            "val loss": m["metrics"].get("val_loss"),
            "registered": m["created_at"],
        }
        for m in models
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={"render success": st.column_config.ProgressColumn(min_value=0, max_value=1, format="percent")},
    )
    scored = [r for r in rows if isinstance(r["render success"], (int, float))]
    if len(scored) > 1:
        chart = (
            alt.Chart(pd.DataFrame(scored), title="Render success of generated code (held-out prompts)")
            .mark_bar()
            .encode(
                alt.X("render success:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
                alt.Y("model:N", sort=None, title=None),
                alt.Color("stage:N"),
            )
        )
        st.altair_chart(chart, width="stretch")


def act(func, *args) -> None:
    """Button callback: run one core action before the page draws, keep its result or its error."""
    try:
        st.session_state["deploy_last"] = func(*args)
        st.session_state["deploy_error"] = ""
    except HiSolverError as exc:
        st.session_state["deploy_error"] = str(exc)


def stage_buttons(settings, name: str) -> None:
    left, right = st.columns(2)
    left.button(
        "Promote to production",
        key="deploy_promote",
        icon=":material/upgrade:",
        on_click=act,
        args=(deployment.set_stage, settings, name, "production"),
    )
    right.button(
        "Archive",
        key="deploy_archive",
        icon=":material/archive:",
        on_click=act,
        args=(deployment.set_stage, settings, name, "archived"),
    )


def show_result(row: dict) -> None:
    smoke = {1: "passed", 0: "failed"}.get(row["smoke_ok"], "not run")
    text = f"Deployment {row['id']}: {row['model']} → {row['target']} is **{row['status']}**; smoke test {smoke}."
    (st.success if row["status"] == "active" else st.error)(text)
    if row["smoke_detail"]:
        st.caption(ui.md_literal(row["smoke_detail"][:400]))
    if row["error"]:
        st.warning(ui.md_literal(row["error"]))


def vertex_options() -> dict:
    """The Vertex form's values (read in the submit callback, before the page draws)."""
    ss = st.session_state
    accelerator = ss["deploy_accelerator"]
    return {
        "machine_type": ss["deploy_machine"],
        "accelerator_type": None if accelerator == "none" else accelerator,
        "accelerator_count": int(ss["deploy_accelerator_count"]),
        "min_replicas": int(ss["deploy_min_replicas"]),
        "max_replicas": int(ss["deploy_max_replicas"]),
        "traffic": int(ss["deploy_traffic"]),
        "container": ss["deploy_container"],
    }


def deploy_vertex_job(settings, name: str) -> None:
    """Submit callback: a Vertex deploy takes minutes, so it runs as a job shown live below."""
    try:
        st.session_state["deploy_job"] = deployment.submit_deploy(settings, name, "vertex", **vertex_options())
        st.session_state["deploy_error"] = ""
    except HiSolverError as exc:
        st.session_state["deploy_error"] = str(exc)


def deploy_local_now(settings, name: str) -> dict:
    with st.spinner("Copying the model and running the smoke test…"):
        return deployment.deploy_model(settings, name, "local")


def deploy_forms(settings, name: str) -> None:
    local_tab, vertex_tab = st.tabs(["Locally", "Vertex AI"])
    with local_tab:
        st.caption("The `local` backend (and the Animate page) use this model from the next page run, no restart.")
        st.button(
            f"Deploy {name} locally",
            key="deploy_local",
            type="primary",
            on_click=act,
            args=(deploy_local_now, settings, name),
        )
    with vertex_tab, st.form("deploy_vertex_form"):
        c1, c2, c3 = st.columns(3)
        c1.text_input("Machine type", "g2-standard-8", key="deploy_machine")
        c2.selectbox(
            "Accelerator",
            ["NVIDIA_L4", "NVIDIA_TESLA_T4", "NVIDIA_A100_80GB", "NVIDIA_H100_80GB", "none"],
            key="deploy_accelerator",
        )
        c3.number_input("Accelerators", 0, 8, 1, key="deploy_accelerator_count")
        c4, c5, c6 = st.columns(3)
        c4.number_input("Min replicas", 1, 20, 1, key="deploy_min_replicas")
        c5.number_input("Max replicas", 1, 20, 1, key="deploy_max_replicas")
        c6.selectbox(
            "Container",
            ["hisolver", "vllm"],
            key="deploy_container",
            help="hisolver: the project's image runs `hisolver serve`; vllm: Vertex's vLLM image (merged models)",
        )
        st.slider("Traffic to this model (%)", 1, 100, 100, key="deploy_traffic")
        st.form_submit_button(
            "Deploy to Vertex AI",
            type="primary",
            key="deploy_vertex",
            on_click=deploy_vertex_job,
            args=(settings, name),
        )
    if st.session_state.get("deploy_job"):
        ui.job_panel(settings, st.session_state["deploy_job"], key="deploy")
    if st.session_state.get("deploy_error"):
        st.error(ui.md_literal(st.session_state["deploy_error"]))
    elif st.session_state.get("deploy_last", {}).get("target"):  # a deployment (not a model row)
        show_result(st.session_state["deploy_last"])


def deployments_table(settings, overview: dict) -> None:
    rows = overview["deployments"]
    if not rows:
        st.info("Nothing deployed yet.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "id": r["id"],
                    "model": r["model"],
                    "target": r["target"],
                    "status": r["status"],
                    "traffic": ", ".join(f"{k}: {v}%" for k, v in r["traffic"].items()) or "",
                    "smoke": {1: "passed", 0: "failed"}.get(r["smoke_ok"], ""),
                    "endpoint": r["endpoint"],
                    "at": r["created_at"],
                }
                for r in rows
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    left, mid, right = st.columns(3)
    left.button(
        "Roll back local",
        key="deploy_rollback_local",
        disabled=not overview["active"]["local"],
        on_click=act,
        args=(deployment.rollback, settings, "local"),
    )
    mid.button(
        "Roll back Vertex",
        key="deploy_rollback_vertex",
        disabled=not overview["active"]["vertex"],
        help="Undeploys the newest Vertex deployment and restores the traffic split from before it",
        on_click=act,
        args=(deployment.rollback, settings, "vertex"),
    )
    vertex_ids = [r["id"] for r in rows if r["target"] == "vertex" and r["status"] in ("active", "undeploy_failed")]
    if vertex_ids:
        pick = right.selectbox("Undeploy", vertex_ids, key="deploy_undeploy_id", label_visibility="collapsed")
        right.button(
            f"Undeploy {pick}", key="deploy_undeploy", on_click=act, args=(deployment.undeploy, settings, int(pick))
        )


def smoke_box(settings) -> None:
    with st.form("deploy_smoke_form"):
        prompt = st.text_input("Prompt", deployment.SMOKE_PROMPT, key="deploy_smoke_prompt")
        backend = st.selectbox("Backend", ["local", "vertex", "openai"], key="deploy_smoke_backend")
        go = st.form_submit_button("Try it", key="deploy_smoke_go")
    if go:
        renderer = ui.run_or_stop(ui.get_renderer, settings)
        with st.spinner("The model writes the scene, the sandbox renders it…"):
            st.session_state[SMOKE] = ui.run_or_stop(animate_prompt, settings, renderer, prompt, backend)
    result = st.session_state.get(SMOKE)
    if result is not None:
        st.caption(f"Written by `{result.model}` in {result.seconds:.1f} s")
        if result.ok:
            st.video(str(result.video_path))
        else:
            st.warning(ui.md_literal(result.message))
        if result.code:
            st.code(result.code, language="python")


settings = ui.require(Role.ADMIN)
st.title("Deploy")
overview = ui.run_or_stop(deployment.deploy_overview, settings)
st.subheader("Registered models")
if not overview["models"]:
    st.info("No registered models yet: a successful training run registers one (`hisolver train start`).")
else:
    models_table(overview["models"])
    names = [m["name"] for m in overview["models"]]
    name = st.selectbox("Model", names, key="deploy_model")
    stage_buttons(settings, name)
    st.subheader("Deploy")
    deploy_forms(settings, name)
st.subheader("Deployments")
deployments_table(settings, overview)
st.subheader("Smoke test")
smoke_box(settings)
