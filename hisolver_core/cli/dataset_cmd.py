"""``hisolver dataset``: create, list, show and diff immutable dataset versions."""

from __future__ import annotations

import getpass

import click

from .. import datasets
from .common import emit_json, settings_from_env


def _whoami() -> str:
    """The OS user name, or ``unknown`` (containers often run as a uid with no name)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@click.group("dataset")
def dataset_group() -> None:
    """Immutable dataset versions (chat JSONL + manifest) under datasets/NAME/.

    \b
    Example:
      hisolver dataset create v1 --approved-only
    """


@dataset_group.command("create")
@click.argument("name")
@click.option("--approved-only", is_flag=True, help="Only approved labels (default: submitted and approved).")
@click.option("--val-fraction", type=float, default=0.1, show_default=True, help="Share of snippets for validation.")
@click.option("--parent", default=None, help="Parent version (default: the newest one).")
@click.option("--created-by", default=_whoami, show_default="your user name")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest summary as one JSON object.")
def create_cmd(
    name: str, approved_only: bool, val_fraction: float, parent: str | None, created_by: str, as_json: bool
) -> None:
    """Freeze the current labels into version NAME (refused if NAME exists).

    \b
    Example:
      hisolver dataset create v2 --approved-only --val-fraction 0.1
    """
    manifest = datasets.create_version(
        settings_from_env(),
        name,
        approved_only=approved_only,
        val_fraction=val_fraction,
        created_by=created_by,
        parent=parent,
    )
    summary = {k: manifest[k] for k in ("name", "content_hash", "parent", "counts", "created_by", "created_at")}
    if as_json:
        emit_json(summary)
        return
    c = manifest["counts"]
    click.echo(
        f"dataset {name}: {c['train']} train + {c['val']} val rows from {c['labels']} labels "
        f"({c['snippets']} snippets); content {manifest['content_hash'][:16]}; parent {manifest['parent']}"
    )


@dataset_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def list_cmd(as_json: bool) -> None:
    """List versions, newest first.

    \b
    Example:
      hisolver dataset list
    """
    rows = datasets.list_versions(settings_from_env())
    if as_json:
        emit_json({"versions": rows})
        return
    if not rows:
        click.echo("no dataset versions yet: hisolver dataset create NAME")
    for r in rows:
        click.echo(
            f"{r['name']:<20} {r['train_count']:>6} train {r['val_count']:>5} val  "
            f"{(r['content_hash'] or '')[:12]}  {r['created_at']}  {r['created_by'] or ''}"
        )


@dataset_group.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the whole manifest as one JSON object.")
def show_cmd(name: str, as_json: bool) -> None:
    """Show a version's manifest.

    \b
    Example:
      hisolver dataset show v1 --json
    """
    manifest = datasets.read_manifest(settings_from_env(), name)
    if as_json:
        emit_json(manifest)
        return
    stats = datasets.summarize_items(manifest["items"])
    click.echo(f"{manifest['name']}  content {manifest['content_hash']}")
    click.echo(f"created {manifest['created_at']} by {manifest['created_by'] or '?'}; parent {manifest['parent']}")
    click.echo(f"counts: {manifest['counts']}")
    for fname, info in manifest["files"].items():
        click.echo(f"  {fname}: {info['rows']} rows, {info['bytes']} bytes, sha256 {info['sha256']}")
    click.echo(f"dialects: {stats['dialect']}  topics: {stats['topic']}")


@dataset_group.command("diff")
@click.argument("a")
@click.argument("b")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def diff_cmd(a: str, b: str, as_json: bool) -> None:
    """What version B adds, removes and changes relative to A (by label id).

    \b
    Example:
      hisolver dataset diff v1 v2
    """
    d = datasets.diff_versions(settings_from_env(), a, b)
    if as_json:
        emit_json(d)
        return
    if d["same_content"]:
        click.echo(f"{a} and {b} have the same content")
    click.echo(
        f"added {len(d['added'])}, removed {len(d['removed'])}, changed {len(d['changed'])}, "
        f"moved split {len(d['moved'])}, unchanged {d['unchanged']}"
    )
    for key in ("added", "removed", "changed"):
        if d[key]:
            click.echo(f"  {key}: {', '.join(map(str, d[key][:50]))}{' ...' if len(d[key]) > 50 else ''}")
