"""``hisolver deploy``: put a registered model to work locally or on a Vertex AI endpoint."""

from __future__ import annotations

from contextlib import closing

import click

from ..db import open_db
from .common import echo_rows, emit_json, settings_from_env


@click.group("deploy")
def deploy_group() -> None:
    """Deploy registered models (locally or to Vertex AI), list deployments, roll back.

    \b
    Example:
      hisolver deploy local hisolver-manim-v2
      hisolver deploy vertex hisolver-manim-v2 --traffic 10
      hisolver deploy rollback --target vertex
    """


def _report(row: dict, as_json: bool) -> None:
    if as_json:
        emit_json(row)
    else:
        smoke = {1: "passed", 0: "FAILED"}.get(row["smoke_ok"], "not run")
        click.echo(
            f"deployment {row['id']}: {row['model']} -> {row['target']} {row['status']}; smoke test {smoke}"
            + (f" ({row['smoke_detail'][:120]})" if row["smoke_detail"] else "")
        )
        if row["endpoint"]:
            click.echo(f"endpoint {row['endpoint']}  traffic {row['traffic']}")
        if row["error"]:
            click.echo(row["error"])
    if row["status"] in ("failed", "undeploy_failed"):
        raise SystemExit(1)


@deploy_group.command("local")
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the deployment as one JSON object.")
def local_cmd(name: str | None, as_json: bool) -> None:
    """Make model NAME (default: the production model) the one the `local` backend uses.

    The app picks it up on its next page run (no restart); exit 1 when the smoke test fails.

    \b
    Example:
      hisolver deploy local hisolver-manim-v2
    """
    from ..blobs import open_blob_store
    from ..deployment import deploy_local

    settings = settings_from_env()
    db = open_db(settings)
    try:
        row = deploy_local(settings, db, open_blob_store(settings), name)
    finally:
        db.close()
    _report(row, as_json)


@deploy_group.command("vertex")
@click.argument("name", required=False)
@click.option("--machine-type", default=None, help="e.g. g2-standard-8 (default).")
@click.option("--accelerator", "accelerator_type", default=None, help="e.g. NVIDIA_L4 (default); '' for none.")
@click.option("--accelerator-count", type=int, default=None, help="Accelerators per replica (default 1; 0 for none).")
@click.option("--min-replicas", type=int, default=None)
@click.option("--max-replicas", type=int, default=None)
@click.option(
    "--traffic", type=int, default=None, help="Percent of the endpoint's traffic for this model (default 100)."
)
@click.option(
    "--container",
    type=click.Choice(["hisolver", "vllm"]),
    default=None,
    help="hisolver: the project's image runs `hisolver serve`; vllm: Vertex's vLLM image (merged models).",
)
@click.option("--background", is_flag=True, help="Run as a job (see `hisolver jobs`) and print its id.")
@click.option("--json", "as_json", is_flag=True, help="Print the deployment as one JSON object.")
def vertex_cmd(name: str | None, as_json: bool, background: bool, **options) -> None:
    """Upload model NAME (default: production) to Vertex AI and deploy it to the endpoint with a traffic split.

    A smoke prediction runs after the deploy; when it fails the model is undeployed again (exit 1).
    Every run is recorded as a `deploy` job; --background returns at once with the job id.

    \b
    Example:
      hisolver deploy vertex hisolver-manim-v3 --traffic 10 --machine-type g2-standard-8
    """
    from ..deployment import deploy_vertex, model_to_deploy, submit_deploy
    from ..jobs import tracked_job

    settings = settings_from_env()
    db = open_db(settings)
    try:
        model = model_to_deploy(db, name)["name"]
        if background:
            emit_json(submit_deploy(settings, model, "vertex", **options))
            return
        with tracked_job(db, "deploy", {"model": model, "target": "vertex", **options}) as progress:
            row = deploy_vertex(settings, db, model, progress=progress, **options)
            progress.metrics({"deployment": row["id"], "status": row["status"], "smoke_ok": row["smoke_ok"]})
    finally:
        db.close()
    _report(row, as_json)


@deploy_group.command("rollback")
@click.option("--target", type=click.Choice(["vertex", "local"]), default="vertex", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the deployment as one JSON object.")
def rollback_cmd(target: str, as_json: bool) -> None:
    """Undo the newest deployment: Vertex restores the previous traffic split; local goes back one model.

    \b
    Example:
      hisolver deploy rollback --target local
    """
    from ..deployment import rollback_local, rollback_vertex

    settings = settings_from_env()
    db = open_db(settings)
    try:
        row = rollback_vertex(settings, db) if target == "vertex" else rollback_local(db)
    finally:
        db.close()
    _report(row, as_json)


@deploy_group.command("undeploy")
@click.argument("deployment_id", type=int)
def undeploy_cmd(deployment_id: int) -> None:
    """Undeploy one Vertex deployment (by id), restoring the traffic split it found.

    \b
    Example:
      hisolver deploy undeploy 3
    """
    from ..deployment import undeploy_vertex

    settings = settings_from_env()
    db = open_db(settings)
    try:
        _report(undeploy_vertex(settings, db, deployment_id), False)
    finally:
        db.close()


@deploy_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
def list_cmd(as_json: bool) -> None:
    """List deployments, newest first, with status, traffic and smoke test.

    \b
    Example:
      hisolver deploy list --json
    """
    from ..deployment import list_deployments

    with closing(open_db(settings_from_env())) as db:
        rows = list_deployments(db)
    echo_rows(rows, as_json, _deployment_line, "nothing deployed yet: `hisolver deploy local NAME`")


def _deployment_line(r: dict) -> str:
    smoke = {1: "smoke ok", 0: "smoke FAILED"}.get(r["smoke_ok"], "smoke -")
    return f"{r['id']:>4} {r['model']:<22} {r['target']:<7} {r['status']:<11} {smoke:<12} {r['traffic'] or ''}"
