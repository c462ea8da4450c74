"""Read ``.py`` files out of a folder, a ``.zip`` or a ``.tar.gz`` safely.

Only regular files ending in ``.py`` are read; links, devices, absolute paths
and ``..`` parts are ignored; each file and the whole archive have size caps,
so a hostile archive (zip bomb, path traversal) cannot escape or exhaust the disk.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import HiSolverError

__all__ = ["SourceFile", "iter_py_files", "iter_tar", "iter_zip", "iter_folder", "MAX_FILE_BYTES", "tar_commit"]

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 2_000_000  # a bigger .py file is data, not a scene; it is recorded as skipped
MAX_TOTAL_BYTES = 500_000_000  # all .py content of one archive


@dataclass
class SourceFile:
    """A file found in a source: repository-relative path and content (None when too large)."""

    path: str
    data: bytes | None
    size: int

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.data).hexdigest() if self.data is not None else None


def _clean(path: str) -> str | None:
    """A safe relative POSIX path, or None when it could escape or is not a .py file."""
    path = path.replace("\\", "/")
    if path.startswith("/") or "\x00" in path or not path.endswith(".py"):
        return None
    norm = posixpath.normpath(path)
    parts = norm.split("/")
    if norm.startswith("..") or any(p in ("", ".", "..") for p in parts):
        return None
    return norm


def _strip_common_root(paths: list[str]) -> str:
    """GitHub tarballs and most zips put everything under one top folder: return it ('' if not)."""
    tops = {p.split("/", 1)[0] for p in paths}
    if len(tops) == 1 and all("/" in p for p in paths):
        return next(iter(tops)) + "/"
    return ""


def _read_capped(fh, size: int, budget: list[int]) -> bytes | None:
    if size > MAX_FILE_BYTES:
        return None
    data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return None
    budget[0] -= len(data)
    if budget[0] < 0:
        raise HiSolverError(f"archive holds more than {MAX_TOTAL_BYTES} bytes of Python; stopped")
    return data


def iter_tar(path: str | Path) -> Iterator[SourceFile]:
    """Yield the ``.py`` files of a (compressed) tar, top folder stripped, in archive order."""
    budget = [MAX_TOTAL_BYTES]
    try:
        with tarfile.open(path, mode="r:*") as tar:
            members = [m for m in tar.getmembers() if m.isreg() and _clean(m.name)]
            root = _strip_common_root([m.name for m in members])
            for m in members:
                rel = _clean(m.name[len(root) :] if root and m.name.startswith(root) else m.name)
                if rel is None:
                    continue
                fh = tar.extractfile(m)
                if fh is None:
                    continue
                yield SourceFile(rel, _read_capped(fh, m.size, budget), m.size)
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        raise HiSolverError(f"cannot read archive {Path(path).name}: {exc}") from exc


def tar_commit(path: str | Path) -> str | None:
    """The commit id GitHub stores in a tarball's pax header (``git archive``), or None."""
    try:
        with tarfile.open(path, mode="r:*") as tar:
            tar.next()
            comment = tar.pax_headers.get("comment", "")
    except (tarfile.TarError, EOFError, OSError):
        return None
    comment = comment.strip()
    return comment if len(comment) == 40 and all(c in "0123456789abcdef" for c in comment) else None


def tar_short_commit(path: str | Path) -> str | None:
    """The abbreviated commit in a GitHub tarball's top folder (``owner-repo-1a2b3c4/``), or None."""
    try:
        with tarfile.open(path, mode="r:*") as tar:
            first = tar.next()
    except (tarfile.TarError, EOFError, OSError):
        return None
    top = first.name.split("/", 1)[0] if first is not None else ""
    short = top.rsplit("-", 1)[-1] if "-" in top else ""
    return short if 7 <= len(short) <= 40 and all(c in "0123456789abcdef" for c in short) else None


def iter_zip(path: str | Path) -> Iterator[SourceFile]:
    """Yield the ``.py`` files of a zip archive, top folder stripped."""
    budget = [MAX_TOTAL_BYTES]
    try:
        with zipfile.ZipFile(path) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir() and _clean(i.filename)]
            root = _strip_common_root([i.filename for i in infos])
            for info in infos:
                if (info.external_attr >> 16) & 0o170000 == 0o120000:
                    continue  # a symlink stored in the zip
                if info.flag_bits & 0x1:
                    continue  # an encrypted member: nothing to read without its password
                rel = _clean(info.filename[len(root) :] if root else info.filename)
                if rel is None:
                    continue
                with zf.open(info) as fh:
                    yield SourceFile(rel, _read_capped(fh, info.file_size, budget), info.file_size)
    except (zipfile.BadZipFile, OSError, zlib.error, NotImplementedError, RuntimeError, EOFError, ValueError) as exc:
        raise HiSolverError(f"cannot read archive {Path(path).name}: {exc}") from exc


_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", ".venv", "venv", "node_modules", ".tox", "media"}


def iter_folder(path: str | Path) -> Iterator[SourceFile]:
    """Yield the ``.py`` files under a folder (no symlinks followed), sorted by path."""
    root = Path(path)
    budget = [MAX_TOTAL_BYTES]
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not Path(dirpath, d).is_symlink())
        for name in sorted(files):
            full = Path(dirpath, name)
            rel = _clean(full.relative_to(root).as_posix())
            if rel is None or full.is_symlink() or not full.is_file():
                continue
            try:
                size = full.stat().st_size
                with full.open("rb") as fh:
                    data = _read_capped(fh, size, budget)
            except OSError as exc:  # unreadable (permissions, a file vanishing): skip it, keep the rest
                log.warning("skipping %s: %s", rel, exc.strerror or exc)
                continue
            yield SourceFile(rel, data, size)


def iter_py_files(path: str | Path) -> Iterator[SourceFile]:
    """Yield ``.py`` files from a folder, ``.zip``, ``.tar``, ``.tar.gz`` or ``.tgz``.

    Raises :class:`HiSolverError` when ``path`` is missing or not a readable archive.
    """
    p = Path(path)
    if p.is_dir():
        return iter_folder(p)
    if not p.is_file():
        raise HiSolverError(f"{p} does not exist: give a folder, a .zip or a .tar.gz")
    if zipfile.is_zipfile(p):
        return iter_zip(p)
    if tarfile.is_tarfile(p):
        return iter_tar(p)
    raise HiSolverError(f"{p.name} is neither a folder, a .zip nor a .tar(.gz) archive")
