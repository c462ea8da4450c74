"""Which benchmark files there are, what format each is in, and where an uploaded one is kept.

The project's own SAT-style sets ship inside the package (``evaluation/data/``,
package data of the wheel and the Docker image), so the Evaluate page,
``bench/engine.py`` and the tests read the same files wherever the code runs.
Other benchmarks (MATH-500, GSM8K, AQuA) are read from ``HISOLVER_EVAL_DATA_DIR``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..errors import ProblemError

__all__ = ["BenchmarkFile", "PACKAGED_DIR", "packaged_set", "benchmark_files", "guess_format", "save_upload"]

log = logging.getLogger(__name__)

PACKAGED_DIR = Path(__file__).resolve().parent / "data"
# a checkout keeps the shared benchmark downloads beside the repository (../shared/data)
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data"
UPLOADS = ("cache", "eval-uploads")  # under data_dir
KEEP_UPLOADS = 20  # the most recent uploads kept; older ones are removed
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# a file's format from its name, first match wins
_FORMAT_HINTS = (("math", "math"), ("gsm8k", "gsm8k"), ("aqua", "aqua"), ("sat", "agieval"), ("agieval", "agieval"))


@dataclass(frozen=True)
class BenchmarkFile:
    """One benchmark file offered for evaluation."""

    name: str  # the file name, unique in the listing
    path: Path
    format: str  # agieval | math | gsm8k | aqua (a guess from the name for configured files)
    packaged: bool  # one of the project's own sets


def guess_format(name: str) -> str:
    """Return the format a file called ``name`` most likely has (``agieval`` when nothing matches)."""
    low = name.lower()
    return next((fmt for hint, fmt in _FORMAT_HINTS if hint in low), "agieval")


def packaged_set(name: str) -> Path:
    """Return the path of the packaged set ``name`` (with or without ``.jsonl``).

    Raises :class:`ProblemError` naming the sets there are when there is no such set.
    """
    path = PACKAGED_DIR / (name if name.endswith(".jsonl") else f"{name}.jsonl")
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in PACKAGED_DIR.glob("*.jsonl")))
        raise ProblemError(f"no benchmark set called {name!r}: the package has {known}")
    return path


def benchmark_files(settings: Settings) -> dict[str, BenchmarkFile]:
    """Return the files to offer, by name: those in the configured folder first, then the packaged sets.

    The folder is ``settings.eval_data_dir`` (default ``../shared/data`` beside a
    checkout); a missing folder simply offers the packaged sets. A configured
    file with the same name as a packaged set hides it.
    """
    folder = Path(settings.eval_data_dir) if settings.eval_data_dir else DEFAULT_DATA_DIR
    files: dict[str, BenchmarkFile] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.jsonl")):
            files[path.name] = BenchmarkFile(path.name, path, guess_format(path.name), packaged=False)
    for path in sorted(PACKAGED_DIR.glob("*.jsonl")):
        files.setdefault(path.name, BenchmarkFile(path.name, path, "agieval", packaged=True))
    return files


def save_upload(settings: Settings, data: bytes) -> Path:
    """Keep an uploaded benchmark file under ``data_dir/cache/eval-uploads``; return its path.

    The file is named by its content hash, so the same upload on every rerun of
    the page is one file, written once (atomically); only the
    :data:`KEEP_UPLOADS` most recent are kept. Raises :class:`ProblemError`
    for an empty or over-large file.
    """
    if not data.strip():
        raise ProblemError("the uploaded file is empty: upload a JSONL file with one problem per line")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ProblemError(
            f"the uploaded file is {len(data) / 2**20:.0f} MB; the limit is {MAX_UPLOAD_BYTES // 2**20} MB"
        )
    folder = Path(settings.data_dir).joinpath(*UPLOADS)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(data).hexdigest()[:32]}.jsonl"
    if path.is_file():
        os.utime(path)  # most recently used: kept by the pruning below
        return path
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _prune(folder, keep=path)
    return path


def _prune(folder: Path, keep: Path) -> None:
    uploads = sorted(folder.glob("*.jsonl"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in uploads[KEEP_UPLOADS:]:
        if old != keep:
            old.unlink(missing_ok=True)
            log.info("removed old evaluation upload %s", old.name)
