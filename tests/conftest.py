"""Shared fixtures: every test gets its own data folder, so instances never mix."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from hisolver_core.config import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"

# Tests never read the developer's secrets file or environment configuration.
os.environ["HISOLVER_SECRETS_FILE"] = str(ROOT / "tests" / "no-such-secrets.toml")
for _name in list(os.environ):
    if _name.startswith("HISOLVER_") and _name != "HISOLVER_SECRETS_FILE":
        del os.environ[_name]
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(autouse=True)
def _private_data_dir(monkeypatch, tmp_path: Path) -> Path:
    """Every test's environment names its own data folder (the same one ``settings`` uses).

    Without it, code that reads settings from the environment (the CLI, pages,
    job subprocesses) falls back to ``./data`` and writes into the repository's
    own database.
    """
    folder = tmp_path / "data"
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a fresh, private data folder and nothing else configured."""
    return load_settings({"HISOLVER_DATA_DIR": str(tmp_path / "data")}, secrets_file=tmp_path / "none.toml")


@pytest.fixture
def env(monkeypatch, settings: Settings, tmp_path: Path):
    """Pages and CLI commands read settings from the environment: point them at this test's data folder."""
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(settings.data_dir))
    monkeypatch.chdir(tmp_path)  # no stray .streamlit/secrets.toml is read
    return monkeypatch


@pytest.fixture
def db(settings: Settings):
    """A migrated metadata database in the test's own data folder."""
    from hisolver_core.db import open_db

    database = open_db(settings)
    yield database
    database.close()


@pytest.fixture
def blobs(settings: Settings):
    """The local blob store in the test's own data folder."""
    from hisolver_core.blobs import open_blob_store

    return open_blob_store(settings)


# -- snippets for the labeling and dataset tests: inserted directly, with their repo and file rows

SNIPPET_CODE = """from manim import *


class {name}(Scene):
    def construct(self):
        self.play(Create(Circle(radius={n})))
"""


def insert_snippets(db, count: int, *, start: int = 0, repo: str = "local:test", **overrides) -> list[int]:
    """Insert ``count`` queue-eligible snippets (override any column); return their ids."""
    with db.conn:
        db.execute("INSERT OR IGNORE INTO repos (full_name, source) VALUES (?, 'local')", [repo])
    repo_id = db.execute("SELECT id FROM repos WHERE full_name = ?", [repo]).fetchone()[0]
    ids = []
    for n in range(start, start + count):
        file_id = db["files"].insert({"repo_id": repo_id, "path": f"scenes/s{n}.py"}, pk="id").last_pk
        code = SNIPPET_CODE.format(name=f"Scene{n}", n=n + 1)
        row = {
            "file_id": file_id,
            "scene_name": f"Scene{n}",
            "code": code,
            "dialect": "community",
            "code_hash": hashlib.sha256(code.encode()).hexdigest(),
            "is_representative": 1,
            "render_status": "ok",
            "video_key": None,
            "poster_key": None,
        }
        row.update(overrides)
        ids.append(db["snippets"].insert(row, pk="id").last_pk)
    return ids


@pytest.fixture
def make_snippets(db):
    """Call ``make_snippets(count, **columns)`` to add snippets to the test database."""
    counter = {"next": 0}

    def make(count: int = 1, **overrides) -> list[int]:
        ids = insert_snippets(db, count, start=counter["next"], **overrides)
        counter["next"] += count
        return ids

    return make
