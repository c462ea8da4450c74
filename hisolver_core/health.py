"""Health checks for the Settings page and ``hisolver health``: each says how to fix itself."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import uuid
from dataclasses import dataclass

from .config import Settings
from .errors import HiSolverError

__all__ = ["Check", "run_checks"]


@dataclass(frozen=True)
class Check:
    """One health check: its name, whether it passed, what was seen, how to fix it."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


def _manim() -> Check:
    spec = importlib.util.find_spec("manim")  # no import: that alone costs ~0.8 s
    if spec is None:
        return Check(
            "Manim importable",
            False,
            "the manim package is not installed",
            "run `make setup` (pip install -r requirements.txt)",
        )
    return Check("Manim importable", True, f"found at {spec.origin}")


def _latex() -> Check:
    missing = [tool for tool in ("latex", "dvisvgm") if shutil.which(tool) is None]
    if missing:
        return Check(
            "LaTeX present",
            False,
            f"missing: {', '.join(missing)}",
            "apt-get install texlive-latex-base texlive-latex-extra dvisvgm (or run `make setup`)",
        )
    return Check("LaTeX present", True, "latex and dvisvgm on PATH")


def _blobs(settings: Settings) -> Check:
    from .blobs import open_blob_store

    key = f"health/{uuid.uuid4().hex}"
    try:
        store = open_blob_store(settings)
        store.put(key, b"ok")
        ok = store.get(key) == b"ok"
        store.delete(key)
    except HiSolverError as exc:
        return Check(
            "Blob store reachable", False, str(exc), "check HISOLVER_BLOB_BACKEND, the bucket name and credentials"
        )
    return Check("Blob store reachable", ok, store.describe(), "" if ok else "the store returned different bytes")


def _database(settings: Settings) -> Check:
    from .db import open_db, transaction

    try:
        db = open_db(settings)
        with transaction(db):
            db.execute("CREATE TEMP TABLE IF NOT EXISTS _health (x)")
            db.execute("INSERT INTO _health VALUES (1)")
        db.close()
    except (HiSolverError, sqlite3.Error) as exc:
        return Check(
            "Database writable", False, str(exc), f"make {settings.data_dir} writable or set HISOLVER_DATA_DIR"
        )
    return Check("Database writable", True, str(settings.db_path))


def _sandbox(settings: Settings) -> Check:
    from .rendering.sandbox import isolation

    prefix, how = isolation()
    if prefix:
        return Check("Render sandbox isolated", True, how)
    if settings.allow_unisolated_render:
        return Check(
            "Render sandbox isolated",
            False,
            f"{how}; untrusted code renders anyway (HISOLVER_ALLOW_UNISOLATED_RENDER=1)",
            "run as root or in Docker with --cap-add SYS_ADMIN, then unset HISOLVER_ALLOW_UNISOLATED_RENDER",
        )
    return Check(
        "Render sandbox isolated",
        False,
        f"{how}; only the app's own scenes render",
        "run as root, or in Docker add --cap-add SYS_ADMIN, so Linux namespaces are available",
    )


def _backends(settings: Settings) -> Check:
    from .llm import get_backend

    models = [name for name in settings.backend_chain if name != "builtin"]
    if not models:
        return Check("Model backends configured", True, "built-in engine only (HISOLVER_BACKENDS=builtin)")
    problems = []
    for name in models:
        try:
            get_backend(settings, name)  # built from settings only: no request is sent
        except HiSolverError as exc:
            problems.append(f"{name}: {exc}")
    if problems:
        return Check(
            "Model backends configured",
            False,
            "; ".join(problems),
            "set the variables named above, or remove the backend from HISOLVER_BACKENDS",
        )
    return Check("Model backends configured", True, ", ".join(models) + " configured; built-in engine last")


def run_checks(settings: Settings) -> list[Check]:
    """Run every check and return the results (never raises for a failed check)."""
    return [_manim(), _latex(), _blobs(settings), _database(settings), _sandbox(settings), _backends(settings)]
