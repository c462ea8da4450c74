"""Clean what a killed run left behind: half-written blobs, temporary folders, job rows still ``running``.

A run killed with SIGKILL runs no ``finally``: the local blob store's
``.<name>.part`` files (see :mod:`hisolver_core.blobs.local`) stay beside the
blobs, ``TemporaryDirectory`` folders stay in the system's temporary folder, and
the job row keeps saying ``running``. :func:`clean_leftovers` removes them; every
collect and render-check run calls it first, and so does the app at start-up.

Temporary folders carry their owner's pid (:func:`temp_prefix`), so a folder of a
run that is still going, in this process or another, is never touched.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from ..config import Settings
from ..jobs.records import pid_alive, reap_lost_jobs  # the same liveness test the job rows use

__all__ = ["Leftovers", "clean_leftovers", "temp_prefix"]

log = logging.getLogger(__name__)

TEMP_KINDS = ("collect", "upload", "render")
_KINDS = "|".join(TEMP_KINDS)
_OWNED = re.compile(rf"^hisolver-(?:{_KINDS})-(\d+)-")
_LEGACY = re.compile(rf"^hisolver-(?:{_KINDS})-(?!\d+-)")  # made before folders named their pid
PART_AGE_S = 600.0  # a .part file this old is no write in progress (blobs are written in seconds)
LEGACY_AGE_S = 86_400.0
BLOB_FOLDERS = ("raw", "processed")


def temp_prefix(kind: str) -> str:
    """The prefix of a temporary folder this process owns: ``hisolver-{kind}-{pid}-``."""
    if kind not in TEMP_KINDS:
        raise ValueError(f"unknown temporary folder kind {kind!r}")
    return f"hisolver-{kind}-{os.getpid()}-"


@dataclass(frozen=True)
class Leftovers:
    """What :func:`clean_leftovers` removed."""

    part_files: int = 0
    temp_dirs: int = 0
    lost_jobs: tuple[int, ...] = ()


def _part_files(root: Path, now: float) -> int:
    removed = 0
    for folder in BLOB_FOLDERS:
        for dirpath, _dirs, files in os.walk(root / folder):
            for name in files:
                if not (name.startswith(".") and name.endswith(".part")):
                    continue
                path = Path(dirpath) / name
                try:
                    if now - path.stat().st_mtime >= PART_AGE_S:
                        path.unlink()
                        removed += 1
                except OSError:  # gone already, or not ours to remove
                    continue
    return removed


def _temp_dirs(tmp: Path, now: float) -> int:
    removed = 0
    try:
        entries = list(tmp.iterdir())
    except OSError:
        return 0
    for path in entries:
        owned = _OWNED.match(path.name)
        if owned:
            stale = not pid_alive(int(owned.group(1)))
        elif _LEGACY.match(path.name):
            try:
                stale = now - path.stat().st_mtime >= LEGACY_AGE_S
            except OSError:
                continue
        else:
            continue
        if stale and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            removed += not path.exists()
    return removed


def clean_leftovers(settings: Settings, db: Database | None = None, *, tmp_dir: Path | None = None) -> Leftovers:
    """Remove orphan ``.part`` blobs, dead runs' temporary folders and mark dead jobs failed; return the counts.

    Only the local blob store keeps ``.part`` files (a cloud upload is atomic).
    Never raises for a file it cannot remove; a database error propagates.
    """
    now = time.time()
    parts = _part_files(settings.blob_dir, now) if settings.blob_backend == "local" else 0
    temps = _temp_dirs(Path(tmp_dir or tempfile.gettempdir()), now)
    lost: list[int] = []
    if db is not None:
        lost = reap_lost_jobs(db)
    found = Leftovers(parts, temps, tuple(lost))
    if parts or temps or lost:
        log.info(
            "cleaned after killed runs: %d .part files, %d temporary folders, jobs marked failed: %s",
            parts,
            temps,
            lost or "none",
        )
    return found
