"""Core commands: settings, health, db."""

from __future__ import annotations

import click

from ..config import describe_settings
from ..db import connect, migrate
from ..health import run_checks
from .common import emit_json, settings_from_env


@click.command("settings")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def settings_cmd(as_json: bool) -> None:
    """Show the effective configuration (secrets masked).

    \b
    Example:
      HISOLVER_DATA_DIR=/tmp/hs hisolver settings --json
    """
    rows = describe_settings(settings_from_env())
    if as_json:
        emit_json({r["setting"]: r["value"] for r in rows})
        return
    width = max(len(r["variable"]) for r in rows)
    for r in rows:
        click.echo(f"{r['variable']:<{width}}  {r['value']}")


@click.command("health")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def health_cmd(as_json: bool) -> None:
    """Check Manim, LaTeX, the blob store, the database, the sandbox and model backends; exit 1 if any fails.

    \b
    Example:
      hisolver health
    """
    checks = run_checks(settings_from_env())
    if as_json:
        emit_json({"ok": all(c.ok for c in checks), "checks": [c.__dict__ for c in checks]})
    else:
        for c in checks:
            mark = "ok  " if c.ok else "FAIL"
            click.echo(f"{mark} {c.name}: {c.detail}" + (f"\n     fix: {c.fix}" if not c.ok and c.fix else ""))
    if not all(c.ok for c in checks):
        raise SystemExit(1)


@click.group("db")
def db_group() -> None:
    """Database maintenance.

    \b
    Example:
      hisolver db migrate
    """


@db_group.command("migrate")
def db_migrate() -> None:
    """Apply pending schema migrations (applying twice changes nothing).

    \b
    Example:
      hisolver db migrate
    """
    settings = settings_from_env()
    db = connect(settings.db_path)
    applied = migrate(db)
    click.echo(f"applied: {', '.join(applied)}" if applied else "database is up to date")
