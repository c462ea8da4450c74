"""Job specs for the app's long commands, so pages launch them without knowing CLI flags."""

from __future__ import annotations

import hashlib
import re
import uuid
from pathlib import Path

from ..config import Settings
from ..errors import JobError
from .spec import JobSpec

__all__ = [
    "collect_github_spec",
    "collect_local_spec",
    "eval_results_path",
    "evaluate_spec",
    "extract_spec",
    "render_check_spec",
    "save_upload",
]  # fmt: skip


def save_upload(settings: Settings, filename: str, data: bytes) -> Path:
    """Keep an uploaded archive under ``data_dir/uploads/`` (named by its content hash) for a job to read.

    Returns its path; the same bytes uploaded twice share one file. Raises
    :class:`JobError` for an archive type that cannot be imported.
    """
    low = filename.lower()
    suffix = next((s for s in (".zip", ".tar.gz", ".tgz", ".tar") if low.endswith(s)), None)
    if suffix is None:
        raise JobError(f"{filename!r} is not a .zip, .tar.gz or .tar archive")
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", Path(filename).name[: -len(suffix)]) or "upload"
    folder = settings.data_dir / "uploads" / hashlib.sha256(data).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}{suffix}"
    if not path.is_file():
        tmp = path.with_suffix(path.suffix + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)  # a job never reads a half-written archive
    return path.resolve()


def eval_results_path(settings: Settings) -> Path:
    """A fresh file under ``data_dir/evaluations/`` for one evaluation job's per-item results."""
    return (settings.data_dir / "evaluations" / f"{uuid.uuid4().hex[:12]}.jsonl").resolve()


def collect_local_spec(path: str | Path, name: str | None = None) -> JobSpec:
    """``hisolver collect local PATH [--name NAME]``; raises :class:`JobError` for a missing path."""
    resolved = Path(path).expanduser().resolve()
    if not resolved.exists():
        raise JobError(f"{path} does not exist: give a folder or a .zip / .tar.gz archive on this machine")
    args = ["collect", "local", str(resolved)] + (["--name", name] if name else [])
    return JobSpec("collect", tuple(args), {"source": "local", "path": str(resolved), "name": name})


def collect_github_spec(query: str, max_repos: int = 0, workers: int = 8) -> JobSpec:
    """``hisolver collect github --query Q --max-repos N --workers W``."""
    args = ("collect", "github", "--query", query, "--max-repos", str(max_repos), "--workers", str(workers))
    return JobSpec("collect", args, {"source": "github", "query": query, "max_repos": max_repos, "workers": workers})


def extract_spec(workers: int = 0, export: bool = True) -> JobSpec:
    """``hisolver extract [--workers N] [--no-export]``."""
    args = ["extract"] + (["--workers", str(workers)] if workers else []) + ([] if export else ["--no-export"])
    return JobSpec("extract", tuple(args), {"workers": workers, "export": export})


def render_check_spec(limit: int | None = None, retry_failed: bool = False) -> JobSpec:
    """``hisolver render-check [--limit N] [--retry-failed]``."""
    args = ["render-check"] + (["--limit", str(limit)] if limit else []) + (["--retry-failed"] if retry_failed else [])
    return JobSpec("render-check", tuple(args), {"limit": limit, "retry_failed": retry_failed})


def evaluate_spec(
    dataset: str | Path, fmt: str, limit: int | None = None, subjects: list[str] | None = None,
    max_level: int | None = None, out: str | Path | None = None,
) -> JobSpec:  # fmt: skip
    """``hisolver eval --dataset PATH --format FMT ...``; ``out`` keeps the per-item results (JSONL)."""
    dataset = str(Path(dataset).resolve())
    args = ["eval", "--dataset", dataset, "--format", fmt, "--json"]
    if limit:
        args += ["--limit", str(limit)]
    if subjects:
        args += ["--subjects", ",".join(subjects)]
    if max_level is not None:
        args += ["--max-level", str(max_level)]
    if out is not None:
        args += ["--out", str(Path(out).resolve())]
    params = {
        "dataset": Path(dataset).name,
        "format": fmt,
        "limit": limit,
        "subjects": subjects,
        "max_level": max_level,
    }
    return JobSpec("evaluate", tuple(args), params)
