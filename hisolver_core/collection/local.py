"""Import Manim code from a local folder, ``.zip`` or ``.tar.gz`` (``hisolver collect local``)."""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..blobs import BlobStore, open_blob_store
from ..config import Settings
from ..db import open_db
from ..jobs import Progress, tracked_job
from .archive import MAX_FILE_BYTES, SourceFile, iter_py_files
from .cleanup import clean_leftovers, temp_prefix
from .records import CollectResult, blob_prefix, known_files, save_repo_files, upsert_repo

__all__ = ["collect_local", "collect_upload", "store_files", "content_digest"]

log = logging.getLogger(__name__)


def store_files(
    blobs: BlobStore, prefix: str, files: Iterable[SourceFile], known: dict[str, str]
) -> list[dict[str, Any]]:
    """Write each file's bytes to ``prefix + path`` (skipped when unchanged); return file rows.

    A file over the size cap gets a row without a blob, its ``parse_error`` says why.
    Blob writes are atomic, so a crash never leaves half a file.
    """
    rows = []
    for f in files:
        if f.data is None:
            rows.append(
                {"path": f.path, "blob_key": None, "sha256": None, "size": f.size,
                 "parse_error": f"skipped: larger than {MAX_FILE_BYTES} bytes"}
            )  # fmt: skip
            continue
        key = prefix + f.path
        sha = f.sha256
        if known.get(f.path) != sha or not blobs.exists(key):
            blobs.put(key, f.data, content_type="text/x-python")
        rows.append({"path": f.path, "blob_key": key, "sha256": sha, "size": f.size, "parse_error": None})
    return rows


def content_digest(rows: list[dict[str, Any]]) -> str:
    """A commit-like id for an import: hash of the sorted (path, sha256) pairs."""
    h = hashlib.sha256()
    for r in sorted(rows, key=lambda r: r["path"]):
        h.update(f"{r['path']}\0{r['sha256']}\n".encode())
    return h.hexdigest()[:40]


def _default_name(path: Path) -> str:
    name = path.name
    for suffix in (".tar.gz", ".tgz", ".tar", ".zip"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return re.sub(r"[^A-Za-z0-9._-]", "_", name) or "import"


def collect_local(
    settings: Settings, path: str | Path, name: str | None = None, progress: Progress | None = None
) -> CollectResult:
    """Import the ``.py`` files under ``path`` as repository ``local:{name}``; return counts.

    Files go to ``raw/local/{name}/{path}``; importing again updates changed
    files and duplicates nothing. Raises :class:`HiSolverError` for a missing
    path or an unreadable archive.
    """
    path = Path(path).expanduser()
    files_iter = iter_py_files(path)  # raises early for a bad path
    name = name or _default_name(path.resolve())
    full_name = f"local:{name}"
    started = time.monotonic()
    db = open_db(settings)
    blobs = open_blob_store(settings)
    try:
        clean_leftovers(settings, db)  # what a killed run left: .part blobs, temporary folders, 'running' rows
        with tracked_job(db, "collect", {"source": "local", "path": str(path), "name": name}, progress) as job:
            repo = upsert_repo(db, full_name, {"source": "local", "license": None})
            job(0, 1, f"reading {path.name}")
            rows = store_files(blobs, blob_prefix(full_name), files_iter, known_files(db, repo["id"]))
            save_repo_files(db, repo["id"], rows, content_digest(rows))
            result = CollectResult(
                repos_seen=1,
                repos_collected=1,
                files=len(rows),
                bytes=sum(r["size"] for r in rows),
                seconds=time.monotonic() - started,
            )
            job(1, 1, f"imported {len(rows)} files as {full_name}")
    finally:
        db.close()
    log.info("imported %d files from %s as %s", result.files, path, full_name)
    return result


def collect_upload(
    settings: Settings, filename: str, data: bytes, name: str | None = None, progress: Progress | None = None
) -> CollectResult:
    """Import an uploaded ``.zip`` or ``.tar.gz`` (its bytes); see :func:`collect_local`."""
    suffix = ".zip" if filename.lower().endswith(".zip") else ".tar.gz"
    with tempfile.TemporaryDirectory(prefix=temp_prefix("upload")) as tmp:
        path = Path(tmp) / (Path(filename).name or f"upload{suffix}")
        path.write_bytes(data)
        return collect_local(settings, path, name=name or _default_name(Path(filename)), progress=progress)
