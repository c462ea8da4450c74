"""The README stays true: every setting and every CLI command is documented there."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from hisolver_core.cli import COMMANDS
from hisolver_core.config import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_every_setting_is_in_the_readme():
    missing = [f"HISOLVER_{f.name.upper()}" for f in fields(Settings) if f"`HISOLVER_{f.name.upper()}`" not in README]
    assert not missing, f"add to the README's settings table: {missing}"


def test_every_command_is_in_the_readme():
    missing = [name for name in COMMANDS if f"hisolver {name}" not in README]
    assert not missing, f"add to the README's command table: {missing}"


def test_no_placeholders_are_left():
    import re

    assert not re.search(r"^[A-Z_]{6,}$", README, re.M), "a placeholder line is left in the README"
