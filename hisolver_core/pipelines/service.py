"""What the CLI and the Pipelines page call: start a run in the background or on Vertex, an overview, a graph."""

from __future__ import annotations

import logging
from contextlib import closing
from typing import Any

from ..config import Settings
from ..db import open_db
from ..errors import HiSolverError
from .orchestrator import reap_lost_runs, start_pipeline
from .records import list_runs, update_run

log = logging.getLogger(__name__)

__all__ = ["launch_pipeline", "pipeline_overview", "step_graph", "STATUS_COLOURS"]

STATUS_COLOURS = {"pending": "#e0e0e0", "queued": "#e0e0e0", "running": "#90caf9", "succeeded": "#a5d6a7",
                  "failed": "#ef9a9a", "skipped": "#fff59d", "cancelled": "#ffcc80"}  # fmt: skip


def launch_pipeline(
    settings: Settings,
    part: str,
    params: dict[str, Any],
    runner: str = "local",
    template: str | None = None,
    **machine: Any,
) -> dict[str, Any]:
    """Start ``part`` without waiting: a local run as a ``pipeline`` job, or a Vertex AI Pipelines run.

    Returns ``{"run": id, "job": job id or None, "console_url": ...}``. Raises
    :class:`PipelineError` / :class:`ConfigError` for bad input (nothing is made then).
    """
    from ..jobs import JobSpec, submit_job

    if runner == "vertex":
        from .vertex import submit_vertex

        run = submit_vertex(settings, part, params, template=template, **machine)
        return {"run": run["id"], "job": None, "console_url": run["console_url"]}
    run_id = start_pipeline(settings, part, params)
    spec = JobSpec(kind="pipeline", args=("pipeline", "resume", str(run_id)), params={"run": run_id, "part": part})
    try:
        job_id = submit_job(settings, spec, runner="local")  # the run and its steps are on this machine
    except HiSolverError as exc:
        with closing(open_db(settings)) as db:
            update_run(db, run_id, status="failed", error=f"could not start its job: {exc}")
        raise
    with closing(open_db(settings)) as db:
        update_run(db, run_id, job_id=job_id)
    log.info("pipeline run %d (%s) started as job %d", run_id, part, job_id)
    return {"run": run_id, "job": job_id, "console_url": None}


def pipeline_overview(settings: Settings, limit: int = 20) -> dict[str, Any]:
    """Return recent runs (lost local runs marked failed, Vertex runs in flight refreshed) and the label counts.

    ``waiting_for_labels``: snippets that still need labels (part 1 fills the
    queue); ``labels``: what part 2 would freeze now (``labels``, ``train``, ``val``).
    """
    from ..datasets import preview_split
    from ..labeling import waiting_for_labels

    with closing(open_db(settings)) as db:
        reap_lost_runs(db)
        runs = list_runs(db, limit)
        waiting = waiting_for_labels(db)
        labels = preview_split(db)
    refreshed = []
    for run in runs:
        if run["runner"] == "vertex" and run["status"] in ("queued", "running") and run["external_id"]:
            from .vertex import refresh_vertex_run

            try:
                run = refresh_vertex_run(settings, run["id"])
            except HiSolverError as exc:
                log.warning("%s", exc)  # shown as it was last read
        refreshed.append(run)
    return {"runs": refreshed, "waiting_for_labels": waiting, "labels": labels}


def step_graph(run: dict[str, Any]) -> str:
    """Return a Graphviz DOT graph of ``run``'s steps, left to right, coloured by status, with durations."""
    nodes, edges = [], []
    for i, step in enumerate(run["steps"]):
        took = f"\\n{step['seconds']:.0f} s" if step.get("seconds") is not None else ""
        colour = STATUS_COLOURS.get(step["status"], "#ffffff")
        nodes.append(f'  "{step["name"]}" [label="{step["name"]}\\n{step["status"]}{took}", fillcolor="{colour}"];')
        if i:
            edges.append(f'  "{run["steps"][i - 1]["name"]}" -> "{step["name"]}";')
    return "\n".join(['digraph pipeline {', '  rankdir=LR;', '  node [shape=box, style="rounded,filled"];',
                      *nodes, *edges, '}'])  # fmt: skip
