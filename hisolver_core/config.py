"""Settings: one frozen dataclass, from ``HISOLVER_*`` variables, then secrets.toml, then defaults.

Every field maps to the environment variable ``HISOLVER_<FIELD>`` (upper case)
and to the key ``<field>`` (or ``HISOLVER_<FIELD>``) in ``.streamlit/secrets.toml``.
Build settings once with :func:`load_settings` and pass them in; nothing reads
the environment behind the caller's back.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Settings", "load_settings", "SECRET_FIELDS", "describe_settings"]

ENV_PREFIX = "HISOLVER_"
ANIMATORS = ("template", "local", "openai", "vertex")  # HISOLVER_ANIMATOR values

# Fields whose values are never shown or logged.
SECRET_FIELDS = frozenset(
    {"admin_password", "annotator_password", "openai_api_key", "github_token", "gcs_credentials_file", "session_secret"}
)


@dataclass(frozen=True)
class Settings:
    """Effective configuration; see the README for each setting."""

    # -- deployment
    env: str = "development"  # "production" locks pages whose password is unset
    data_dir: Path = Path("data")  # database, local blob store, caches
    admin_password: str = ""
    annotator_password: str = ""
    session_hours: float = 12.0  # a staff sign-in lasts this long in one browser (a signed cookie)
    session_secret: str = ""  # key that signs the sign-in cookie; empty = a random key kept in data_dir

    # -- blob store
    blob_backend: str = "local"  # "local" (under data_dir/blobs) or "gcs"
    gcs_bucket: str = ""
    gcs_prefix: str = ""
    gcs_project: str = ""
    gcs_credentials_file: str = ""  # service-account JSON; empty = application default

    # -- solving
    backends: str = "builtin"  # comma-separated chain, built-in always last
    max_problem_chars: int = 2000
    eval_data_dir: str = ""  # benchmark JSONL files offered on the Evaluate page; empty = ../shared/data
    solve_timeout_s: float = 10.0
    formalise: int = 1  # 1 = when the engine declines, ask a model for a MathProgram and verify it; 0 = off

    # -- LLM backends
    openai_base_url: str = ""
    openai_api_key: str = ""
    openai_model: str = ""
    openai_timeout_s: float = 60.0
    vertex_project: str = ""
    vertex_location: str = "us-central1"
    vertex_endpoint: str = ""
    vertex_api_endpoint: str = ""
    local_model_path: str = ""
    local_adapter_path: str = ""  # optional peft adapter folder applied on top of local_model_path
    local_max_new_tokens: int = 1024  # token limit of one local generation
    local_timeout_s: float = 120.0  # wall clock of one local generation; the worker is killed past it
    vertex_timeout_s: float = 60.0  # one Vertex endpoint prediction
    openai_stream: int = 0  # 1 = stream chat answers (the timeout then bounds the whole stream)
    backend_retries: int = 1  # extra tries of a model backend on timeouts, 5xx and lost connections
    breaker_failures: int = 3  # a backend that failed this many times ...
    breaker_window_s: float = 300.0  # ... within this many seconds is skipped (circuit breaker)
    max_repairs: int = 2  # model repairs of failing Manim code before the template scene replaces it
    animator: str = "template"  # who writes a solution's Manim code: template | local | openai | vertex

    # -- serving and deployment
    serve_queue: int = 8  # requests waiting for `hisolver serve`'s model; past it 503
    serve_max_tokens: int = 512  # token limit of one `hisolver serve` generation
    serve_timeout_s: float = 120.0  # one request to `hisolver serve` (queue wait plus generation)
    # the project's image: `hisolver serve` for Vertex Model.upload, the CLI for Vertex AI custom jobs
    vertex_image: str = ""
    vertex_vllm_image: str = "us-docker.pkg.dev/vertex-ai/vertex-vision-model-garden-dockers/pytorch-vllm-serve:latest"

    # -- rendering
    render_workers: int = 0  # 0 = number of cores
    render_timeout_s: float = 60.0
    render_memory_mb: int = 1536
    allow_unisolated_render: int = 0  # 1 = render untrusted code even where namespaces are unavailable

    # -- jobs
    job_runner: str = "local"  # where background jobs run by default: "local" (a detached process) or "vertex"
    job_slots: str = "train=1,default=2"  # concurrent local jobs per kind; "default" is the limit for other kinds
    job_cancel_grace_s: float = 10.0  # seconds between SIGTERM and SIGKILL when a local job is cancelled
    vertex_job_poll_s: float = 10.0  # least seconds between two reads of one Vertex job's state (pages poll often)
    vertex_staging_bucket: str = ""  # gs://bucket[/prefix] for custom-job staging and output (AIP_MODEL_DIR)
    vertex_service_account: str = ""  # optional service account the custom job runs as

    # -- pipelines
    pipeline_deploy_margin: float = 0.0  # part 2 deploys when render success beats production's by more than this
    pipeline_root: str = ""  # gs://... root of Vertex AI Pipelines runs; empty = <vertex_staging_bucket>/pipeline_root

    # -- collection
    github_token: str = ""
    github_api_url: str = "https://api.github.com"

    @property
    def db_path(self) -> Path:
        """The SQLite file: ``data_dir/hisolver.db``."""
        return self.data_dir / "hisolver.db"

    @property
    def blob_dir(self) -> Path:
        """Root of the local blob store: ``data_dir/blobs``."""
        return self.data_dir / "blobs"

    @property
    def is_production(self) -> bool:
        """True when ``env`` is ``production``."""
        return self.env.strip().lower() == "production"

    @property
    def backend_chain(self) -> list[str]:
        """Backend names in order, with ``builtin`` appended when missing."""
        names = [n.strip().lower() for n in self.backends.split(",") if n.strip()]
        if "builtin" not in names:
            names.append("builtin")
        return names

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some fields changed."""
        return dataclasses.replace(self, **changes)


def _coerce(name: str, kind: Any, raw: Any) -> Any:
    if kind in (Path, "Path"):
        return Path(str(raw)).expanduser()
    if kind in (int, "int"):
        try:
            return int(raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{ENV_PREFIX}{name.upper()} must be a whole number, got {raw!r}") from exc
    if kind in (float, "float"):
        try:
            return float(raw)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"{ENV_PREFIX}{name.upper()} must be a number, got {raw!r}") from exc
    return str(raw)


def _read_secrets(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}  # no secrets file is the normal local case
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            continue  # sections belong to other tools
        name = key.lower()
        if name.startswith(ENV_PREFIX.lower()):
            name = name[len(ENV_PREFIX) :]
        out[name] = value
    return out


def load_settings(environ: Mapping[str, str] | None = None, secrets_file: str | Path | None = None) -> Settings:
    """Build :class:`Settings` from the environment, then secrets.toml, then defaults.

    ``secrets_file`` defaults to ``HISOLVER_SECRETS_FILE`` or ``.streamlit/secrets.toml``.
    Raises :class:`ConfigError` for a value of the wrong type or an unreadable file.
    """
    env = os.environ if environ is None else environ
    path = Path(secrets_file or env.get(f"{ENV_PREFIX}SECRETS_FILE") or ".streamlit/secrets.toml")
    secrets = _read_secrets(path)
    values: dict[str, Any] = {}
    for f in fields(Settings):
        raw = env.get(f"{ENV_PREFIX}{f.name.upper()}")
        if raw is None:
            raw = secrets.get(f.name)
        if raw is not None:
            values[f.name] = _coerce(f.name, f.type, raw)
    settings = Settings(**values)
    if settings.blob_backend not in ("local", "gcs"):
        raise ConfigError("HISOLVER_BLOB_BACKEND must be 'local' or 'gcs'")
    if settings.animator.strip().lower() not in ANIMATORS:
        raise ConfigError(f"HISOLVER_ANIMATOR must be one of {', '.join(ANIMATORS)}, got {settings.animator!r}")
    if settings.job_runner not in ("local", "vertex"):
        raise ConfigError(f"HISOLVER_JOB_RUNNER must be 'local' or 'vertex', got {settings.job_runner!r}")
    if settings.blob_backend == "gcs" and not settings.gcs_bucket:
        raise ConfigError("HISOLVER_BLOB_BACKEND=gcs needs HISOLVER_GCS_BUCKET")
    return settings


def describe_settings(
    settings: Settings, environ: Mapping[str, str] | None = None, secrets_file: str | Path | None = None
) -> list[dict[str, str]]:
    """Return one row per setting (name, variable, value, source), secrets masked.

    ``source`` says where the value came from: ``environment``, ``secrets file``
    or ``default`` (looked up the way :func:`load_settings` does; an unreadable
    secrets file counts as absent here).
    """
    env = os.environ if environ is None else environ
    path = Path(secrets_file or env.get(f"{ENV_PREFIX}SECRETS_FILE") or ".streamlit/secrets.toml")
    try:
        secrets = _read_secrets(path)
    except ConfigError:
        secrets = {}
    rows = []
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if f.name in SECRET_FIELDS:
            shown = "(set, hidden)" if value else "(not set)"
        else:
            shown = str(value)
        variable = f"{ENV_PREFIX}{f.name.upper()}"
        source = "environment" if variable in env else "secrets file" if f.name in secrets else "default"
        rows.append({"setting": f.name, "variable": variable, "value": shown, "source": source})
    return rows
