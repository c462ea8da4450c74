"""Settings precedence: environment, then secrets.toml, then defaults."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from hisolver_core.config import Settings, describe_settings, load_settings
from hisolver_core.errors import ConfigError


def write_secrets(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "secrets.toml"
    path.write_text(text)
    return path


def test_defaults_without_env_or_secrets(tmp_path):
    s = load_settings({}, secrets_file=tmp_path / "absent.toml")
    assert s == Settings()
    assert s.data_dir == Path("data")
    assert s.db_path == Path("data/hisolver.db")
    assert s.blob_dir == Path("data/blobs")
    assert s.backend_chain == ["builtin"]


def test_secrets_file_overrides_defaults(tmp_path):
    path = write_secrets(
        tmp_path, 'admin_password = "s3"\nHISOLVER_OPENAI_MODEL = "m1"\nrender_workers = 3\n[other]\nx = 1\n'
    )
    s = load_settings({}, secrets_file=path)
    assert s.admin_password == "s3"
    assert s.openai_model == "m1"
    assert s.render_workers == 3


def test_environment_overrides_secrets(tmp_path):
    path = write_secrets(tmp_path, 'admin_password = "from-file"\nenv = "production"\n')
    s = load_settings({"HISOLVER_ADMIN_PASSWORD": "from-env"}, secrets_file=path)
    assert s.admin_password == "from-env"
    assert s.is_production


def test_secrets_file_found_through_env(tmp_path):
    path = write_secrets(tmp_path, 'openai_model = "via-env-path"\n')
    s = load_settings({"HISOLVER_SECRETS_FILE": str(path)})
    assert s.openai_model == "via-env-path"


def test_data_dir_moves_database_and_blobs(tmp_path):
    s = load_settings({"HISOLVER_DATA_DIR": str(tmp_path / "elsewhere")}, secrets_file=tmp_path / "x.toml")
    assert s.db_path == tmp_path / "elsewhere" / "hisolver.db"
    assert s.blob_dir == tmp_path / "elsewhere" / "blobs"


@pytest.mark.parametrize(
    "env, message",
    [
        ({"HISOLVER_RENDER_WORKERS": "many"}, "whole number"),
        ({"HISOLVER_SOLVE_TIMEOUT_S": "soon"}, "number"),
        ({"HISOLVER_BLOB_BACKEND": "s3"}, "'local' or 'gcs'"),
        ({"HISOLVER_BLOB_BACKEND": "gcs"}, "HISOLVER_GCS_BUCKET"),
    ],
)
def test_bad_values_raise_config_error(tmp_path, env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(env, secrets_file=tmp_path / "x.toml")


def test_broken_secrets_file_is_a_config_error(tmp_path):
    path = write_secrets(tmp_path, "admin_password = \n")
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings({}, secrets_file=path)


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().env = "production"  # type: ignore[misc]


def test_backend_chain_always_ends_with_builtin():
    assert Settings(backends="openai, local").backend_chain == ["openai", "local", "builtin"]
    assert Settings(backends="builtin,openai").backend_chain == ["builtin", "openai"]


def test_describe_masks_secrets():
    rows = {r["setting"]: r for r in describe_settings(Settings(admin_password="hunter2", openai_api_key="sk-abc"))}
    assert rows["admin_password"]["value"] == "(set, hidden)"
    assert rows["openai_api_key"]["value"] == "(set, hidden)"
    assert rows["annotator_password"]["value"] == "(not set)"
    assert rows["data_dir"]["variable"] == "HISOLVER_DATA_DIR"
    assert "hunter2" not in str(rows) and "sk-abc" not in str(rows)


def test_every_test_gets_its_own_data_folder(settings, tmp_path):
    """The autouse fixture in conftest: settings read from the environment never point at ./data."""
    assert load_settings().data_dir == settings.data_dir
    assert settings.data_dir.is_relative_to(tmp_path) and load_settings().data_dir != Path("data")
