"""``hisolver model``: the registry of trained model versions."""

from __future__ import annotations

from contextlib import closing

import click

from .. import models
from ..db import open_db
from .common import echo_rows, emit_json, settings_from_env


@click.group("model")
def model_group() -> None:
    """Registered model versions (one per successful training run) and their stage.

    \b
    Example:
      hisolver model list
      hisolver model promote hisolver-manim-v2
    """


def _line(m: dict) -> str:
    metrics = m["metrics"]
    rs = metrics.get("render_success")
    rs_text = f"render {rs:.0%}" if isinstance(rs, (int, float)) else "render ?"
    return (
        f"{m['name']:<22} {m['stage']:<10} run {m['run_id']:<24} data {m['dataset_version']:<12} "
        f"{rs_text}  base {m['base_model']}"
    )


@model_group.command("list")
@click.option("--stage", type=click.Choice(models.STAGES), default=None, help="Only models in this stage.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of models.")
def list_cmd(stage: str | None, as_json: bool) -> None:
    """List registered models, newest first.

    \b
    Example:
      hisolver model list --json
    """
    with closing(open_db(settings_from_env())) as db:
        rows = models.list_models(db, stage)
    echo_rows(rows, as_json, _line, "no registered models yet: a successful `hisolver train start` registers one")


@model_group.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def show_cmd(name: str, as_json: bool) -> None:
    """Show one model: run, data, base model, metrics and artifacts.

    \b
    Example:
      hisolver model show hisolver-manim-v1
    """
    with closing(open_db(settings_from_env())) as db:
        m = models.get_model(db, name)
    if as_json:
        emit_json(m)
        return
    click.echo(_line(m))
    click.echo(f"method {m['method']}; dataset hash {m['dataset_hash'] or '?'}; registered {m['created_at']}")
    for key, value in sorted(m["metrics"].items()):
        click.echo(f"  {key}: {value}")
    for kind, uri in sorted(m["artifacts"].items()):
        click.echo(f"  {kind}: {uri}")


@model_group.command("promote")
@click.argument("name")
@click.option("--note", default="", help="Why (kept in the model's history).")
def promote_cmd(name: str, note: str) -> None:
    """Make NAME the production model (the previous one becomes a candidate again).

    \b
    Example:
      hisolver model promote hisolver-manim-v2 --note "render success 71% vs 64%"
    """
    with closing(open_db(settings_from_env())) as db:
        m = models.promote_model(db, name, note)
    click.echo(f"{m['name']} is now in production")


@model_group.command("archive")
@click.argument("name")
@click.option("--note", default="", help="Why (kept in the model's history).")
def archive_cmd(name: str, note: str) -> None:
    """Archive NAME (refused for the production model).

    \b
    Example:
      hisolver model archive hisolver-manim-v1
    """
    with closing(open_db(settings_from_env())) as db:
        m = models.archive_model(db, name, note)
    click.echo(f"{m['name']} is archived")
