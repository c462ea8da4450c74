"""Blob store in a local folder; writes are atomic (temp file + rename)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import NotFoundError, StorageError
from .base import BlobStore, check_key

__all__ = ["LocalBlobStore"]

_TMP_SUFFIX = ".part"


class LocalBlobStore(BlobStore):
    """Blobs as files under ``root``; keys map to relative paths."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create the blob folder {self.root}: {exc.strerror or exc}") from exc
        self.name = f"local folder {self.root}"

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def put(self, key: str, data: bytes | BinaryIO, content_type: str | None = None) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=_TMP_SUFFIX)
            try:
                with os.fdopen(fd, "wb") as out:
                    if isinstance(data, (bytes, bytearray, memoryview)):
                        out.write(data)
                    else:
                        shutil.copyfileobj(data, out, 1 << 20)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, path)  # atomic on POSIX: readers never see a partial blob
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise StorageError(f"cannot write blob {key!r} to {self.root}: {exc.strerror or exc}") from exc

    def open(self, key: str) -> BinaryIO:
        path = self._path(key)
        try:
            return path.open("rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise NotFoundError(f"no blob {key!r} in {self.name}") from exc
        except OSError as exc:
            raise StorageError(f"cannot read blob {key!r}: {exc.strerror or exc}") from exc

    def list(self, prefix: str = "") -> Iterator[str]:
        # Walk only the deepest folder the prefix names, then filter by the rest.
        base = self.root
        if "/" in prefix:
            base = self.root / check_key(prefix.rsplit("/", 1)[0])
        if not base.is_dir():
            return iter(())
        keys = []
        for dirpath, _dirs, files in os.walk(base):
            for name in files:
                if name.endswith(_TMP_SUFFIX) and name.startswith("."):
                    continue  # an unfinished write
                key = Path(dirpath, name).relative_to(self.root).as_posix()
                if key.startswith(prefix):
                    keys.append(key)
        return iter(sorted(keys))

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        path = self._path(key)
        try:
            path.unlink()
        except FileNotFoundError as exc:
            raise NotFoundError(f"no blob {key!r} in {self.name}") from exc
        except OSError as exc:
            raise StorageError(f"cannot delete blob {key!r}: {exc.strerror or exc}") from exc
        # Tidy empty folders up to the root so listings stay small.
        parent = path.parent
        while parent != self.root:
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent
