"""Helpers shared by CLI subcommands."""

from __future__ import annotations

import json
import sys

import click

from ..config import Settings, load_settings

__all__ = ["settings_from_env", "emit_json"]


def settings_from_env() -> Settings:
    """Load settings for a CLI run (environment, then secrets.toml, then defaults)."""
    return load_settings()


def emit_json(obj: object) -> None:
    """Print ``obj`` as one JSON line on stdout (the last line a script reads)."""
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))
    sys.stdout.flush()
