"""Render cache: finished renders in the blob store under ``renders/``, keyed by content hash.

Key = sha256 of (code, scene, quality, Manim version, cache format). A render
is stored as ``renders/<key>/video.mp4``, ``poster.png`` and ``meta.json``;
``meta.json`` is written last, so its presence means the entry is complete.
A local copy under ``data_dir/cache/renders/<key>/`` gives callers real file
paths (the page plays a file) and makes a repeat a few stat calls.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..blobs import BlobStore
from ..errors import StorageError

__all__ = ["RenderResult", "RenderCache", "cache_key", "manim_version"]

log = logging.getLogger(__name__)

CACHE_FORMAT = 2  # bump when the worker's output changes for the same inputs
PREFIX = "renders"


@dataclass
class RenderResult:
    """A finished render: local file paths, blob keys, and video metadata."""

    video_path: Path
    poster_path: Path
    duration_s: float
    log: str
    cached: bool
    video_key: str
    poster_key: str
    width: int
    height: int
    fps: float
    key: str = ""


@functools.cache
def manim_version() -> str:
    """The installed Manim version (read from package metadata: importing Manim costs 0.7 s)."""
    try:
        return metadata.version("manim")
    except metadata.PackageNotFoundError:
        return "unknown"


def cache_key(code: str, scene: str, quality: str) -> str:
    """Return the sha256 hex digest identifying one render request."""
    blob = json.dumps(
        {"code": code, "scene": scene, "quality": quality, "manim": manim_version(), "format": CACHE_FORMAT},
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


class RenderCache:
    """Look up and store renders in the blob store, with a local copy for file paths."""

    def __init__(self, blobs: BlobStore, local_dir: Path) -> None:
        self.blobs = blobs
        self.local_dir = Path(local_dir)

    @staticmethod
    def keys(key: str) -> tuple[str, str, str]:
        """Blob keys of (video, poster, meta) for a cache key."""
        return f"{PREFIX}/{key}/video.mp4", f"{PREFIX}/{key}/poster.png", f"{PREFIX}/{key}/meta.json"

    def _result(self, key: str, meta: dict, cached: bool) -> RenderResult:
        folder = self.local_dir / key
        video_key, poster_key, _ = self.keys(key)
        return RenderResult(
            video_path=folder / "video.mp4",
            poster_path=folder / "poster.png",
            duration_s=float(meta["duration_s"]),
            log=str(meta.get("log", "")),
            cached=cached,
            video_key=video_key,
            poster_key=poster_key,
            width=int(meta["width"]),
            height=int(meta["height"]),
            fps=float(meta["fps"]),
            key=key,
        )

    def get(self, key: str) -> RenderResult | None:
        """Return the cached render for ``key`` (``cached=True``), or None."""
        meta_path = self.local_dir / key / "meta.json"
        try:
            return self._result(key, json.loads(meta_path.read_text()), cached=True)
        except (OSError, ValueError, KeyError):
            pass
        video_key, poster_key, meta_key = self.keys(key)
        try:
            if not self.blobs.exists(meta_key):
                return None
            meta = json.loads(self.blobs.get(meta_key))
            self._write_local(key, self.blobs.get(video_key), self.blobs.get(poster_key), meta)
        except (StorageError, ValueError) as exc:
            log.warning("render cache entry %s unreadable: %s", key, exc)
            return None
        return self._result(key, meta, cached=True)

    def put(self, key: str, video: bytes, poster: bytes, meta: dict) -> RenderResult:
        """Store a fresh render; return it with ``cached=False``.

        A blob-store failure is logged and the local copy still served.
        """
        self._write_local(key, video, poster, meta)
        video_key, poster_key, meta_key = self.keys(key)
        try:
            self.blobs.put(video_key, video, content_type="video/mp4")
            self.blobs.put(poster_key, poster, content_type="image/png")
            self.blobs.put(meta_key, json.dumps(meta).encode(), content_type="application/json")
        except StorageError as exc:
            log.warning("could not store render %s in the blob store: %s", key, exc)
        return self._result(key, meta, cached=False)

    def _write_local(self, key: str, video: bytes, poster: bytes, meta: dict) -> None:
        """Write the local copy atomically: a temp folder renamed into place."""
        final = self.local_dir / key
        if (final / "meta.json").is_file():
            return
        self.local_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=self.local_dir, prefix=f".{key[:8]}-"))
        try:
            (tmp / "video.mp4").write_bytes(video)
            (tmp / "poster.png").write_bytes(poster)
            (tmp / "meta.json").write_text(json.dumps(meta))
            os.rename(tmp, final)
        except OSError:
            if not (final / "meta.json").is_file():  # not another process winning the race
                raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
