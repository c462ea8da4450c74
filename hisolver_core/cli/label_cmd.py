"""``hisolver label``: Label Studio import/export, review, counts, agreement and k."""

from __future__ import annotations

import getpass

import click

from .. import labeling
from ..db import open_db
from .common import emit_json, settings_from_env


def _whoami() -> str:
    """The OS user name, or ``unknown`` (containers often run as a uid with no name)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@click.group("label")
def label_group() -> None:
    """Labels: Label Studio import/export, review, counts, agreement, labels per snippet.

    \b
    Example:
      hisolver label export labels.json
    """


@label_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--approve", is_flag=True, help="Mark imported labels approved (a reviewed project).")
@click.option("--code-field", default="code", show_default=True, help="The task data field holding the code.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def import_cmd(file: str, approve: bool, code_field: str, as_json: bool) -> None:
    """Import tasks and text-area annotations from a Label Studio JSON export.

    Known code is matched to its snippet; unknown code becomes a new snippet.

    \b
    Example:
      hisolver label import project-1-at-2026-11-26.json --approve
    """
    tasks = labeling.read_label_studio_file(file)
    db = open_db(settings_from_env())
    try:
        report = labeling.import_label_studio(
            db, tasks, status="approved" if approve else "submitted", code_field=code_field
        )
    finally:
        db.close()
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(report.summary())


@label_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.option("--approved-only", is_flag=True, help="Only approved labels.")
@click.option("--include-unlabeled", is_flag=True, help="Also export queue snippets without labels, as tasks.")
@click.option("--config", "show_config", is_flag=True, help="Also print the Label Studio labeling config.")
def export_cmd(file: str, approved_only: bool, include_unlabeled: bool, show_config: bool) -> None:
    """Export labels as Label Studio JSON (tasks with text-area annotations on `code`).

    \b
    Example:
      hisolver label export labels.json --config
    """
    db = open_db(settings_from_env())
    try:
        statuses = ("approved",) if approved_only else ("submitted", "approved")
        tasks = labeling.export_label_studio(db, statuses=statuses, include_unlabeled=include_unlabeled)
    finally:
        db.close()
    labeling.write_label_studio_file(tasks, file)
    click.echo(f"wrote {len(tasks)} tasks, {sum(len(t['annotations']) for t in tasks)} annotations to {file}")
    if show_config:
        click.echo(labeling.LABEL_CONFIG)


@label_group.command("review")
@click.argument("label_id", type=int)
@click.argument("decision", type=click.Choice(["approve", "reject"]))
@click.option("--note", default="", help="Why (shown to the annotator).")
@click.option("--reviewer", default=_whoami, show_default="your user name")
def review_cmd(label_id: int, decision: str, note: str, reviewer: str) -> None:
    """Approve or reject one label.

    \b
    Example:
      hisolver label review 42 reject --note "describes the code, not the animation"
    """
    db = open_db(settings_from_env())
    try:
        row = labeling.review_label(db, label_id, decision, reviewer, note)
    finally:
        db.close()
    click.echo(f"label {row['id']}: {row['status']}")


@label_group.command("counts")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def counts_cmd(as_json: bool) -> None:
    """Per-annotator counts: today, submitted, approved, rejected, skipped, flagged.

    \b
    Example:
      hisolver label counts --json
    """
    db = open_db(settings_from_env())
    try:
        rows = labeling.annotator_counts(db)
        k = labeling.get_labels_per_snippet(db)
    finally:
        db.close()
    if as_json:
        emit_json({"labels_per_snippet": k, "annotators": rows})
        return
    click.echo(f"labels per snippet (k): {k}")
    for r in rows:
        click.echo(
            f"{r['annotator']}: today {r['today']}, submitted {r['submitted']}, approved {r['approved']}, "
            f"rejected {r['rejected']}, skipped {r['skipped']}, flagged {r['flagged']}"
        )


@label_group.command("agreement")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def agreement_cmd(as_json: bool) -> None:
    """Snippets with two or more labels, least agreement first (word-set Jaccard).

    \b
    Example:
      hisolver label agreement
    """
    db = open_db(settings_from_env())
    try:
        rows = labeling.agreement(db)
    finally:
        db.close()
    if as_json:
        emit_json({"snippets": [r.__dict__ for r in rows]})
        return
    for r in rows:
        click.echo(f"snippet {r.snippet_id} ({r.scene_name}): similarity {r.score:.2f}")
        for lab in r.labels:
            click.echo(f"  [{lab['annotator']}] {lab['summary']}")


@label_group.command("k")
@click.argument("k", type=int, required=False)
def k_cmd(k: int | None) -> None:
    """Show or set how many labels each snippet gets (1 to 10).

    \b
    Example:
      hisolver label k 2
    """
    db = open_db(settings_from_env())
    try:
        value = labeling.set_labels_per_snippet(db, k) if k is not None else labeling.get_labels_per_snippet(db)
    finally:
        db.close()
    click.echo(f"labels per snippet: {value}")
