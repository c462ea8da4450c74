"""The hisolver command: help with examples, settings, health, db."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from hisolver_core.cli import COMMANDS, main


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(tmp_path / "data"))
    return CliRunner()


def _all_commands(group, prefix=()):
    import click

    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, prefix + (name,))


def test_every_subcommand_has_help_with_an_example(runner):
    seen = []
    for path, _cmd in _all_commands(main):
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Example" in result.output and "hisolver" in result.output.split("Example")[1], path
        seen.append(path[0])
    assert set(COMMANDS) <= set(seen)


def test_settings_json_masks_secrets(runner, monkeypatch):
    monkeypatch.setenv("HISOLVER_GITHUB_TOKEN", "ghp_secret")
    result = runner.invoke(main, ["settings", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["github_token"] == "(set, hidden)"
    assert "ghp_secret" not in result.output


def test_health_reports_each_check(runner):
    result = runner.invoke(main, ["health", "--json"])
    data = json.loads(result.output.strip().splitlines()[-1])
    names = [c["name"] for c in data["checks"]]
    assert names == [
        "Manim importable",
        "LaTeX present",
        "Blob store reachable",
        "Database writable",
        "Render sandbox isolated",
        "Model backends configured",
    ]
    assert result.exit_code == (0 if data["ok"] else 1)


def test_health_fails_with_a_fix_when_data_dir_is_unwritable(runner, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(blocker / "data"))
    result = runner.invoke(main, ["health"])
    assert result.exit_code == 1
    assert "FAIL Database writable" in result.output and "fix:" in result.output


def test_db_migrate_twice(runner):
    first = runner.invoke(main, ["db", "migrate"])
    second = runner.invoke(main, ["db", "migrate"])
    assert "applied: m001_initial" in first.output
    assert "up to date" in second.output


def test_config_error_is_one_line_not_a_traceback(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HISOLVER_RENDER_WORKERS": "lots", "HISOLVER_DATA_DIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "hisolver_core.cli", "settings"], env=env, capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == "Error: HISOLVER_RENDER_WORKERS must be a whole number, got 'lots'"
