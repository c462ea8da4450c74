"""Shared fixtures: every test gets its own data folder, so instances never mix."""

from __future__ import annotations

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


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a fresh, private data folder and nothing else configured."""
    return load_settings({"HISOLVER_DATA_DIR": str(tmp_path / "data")}, secrets_file=tmp_path / "none.toml")


@pytest.fixture
def db(settings: Settings):
    """A migrated metadata database in the test's own data folder."""
    from hisolver_core.store import open_db

    database = open_db(settings)
    yield database
    database.close()


@pytest.fixture
def blobs(settings: Settings):
    """The local blob store in the test's own data folder."""
    from hisolver_core.storage import open_blob_store

    return open_blob_store(settings)
