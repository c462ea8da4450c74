"""The blob store interface: keys are ``/``-separated paths such as ``raw/owner/repo/a.py``."""

from __future__ import annotations

import abc
import posixpath
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import StorageError

__all__ = ["BlobStore", "check_key"]


def check_key(key: str) -> str:
    """Return ``key`` normalised, or raise :class:`StorageError` if it could escape the store."""
    if not isinstance(key, str) or not key or key.startswith("/") or "\\" in key or "\x00" in key:
        raise StorageError(f"invalid blob key {key!r}: use a relative path like 'raw/a.py'")
    norm = posixpath.normpath(key)
    if norm != key.rstrip("/") or norm.startswith("..") or norm == ".":
        raise StorageError(f"invalid blob key {key!r}: no '.', '..' or empty parts")
    return norm


class BlobStore(abc.ABC):
    """Put, get, open, list, exists, delete. Implementations: local folder, GCS."""

    name: str = "blob store"

    @abc.abstractmethod
    def put(self, key: str, data: bytes | BinaryIO, content_type: str | None = None) -> None:
        """Store ``data`` (bytes or a readable binary file) under ``key``, replacing any old blob.

        Readers see either the old blob or the whole new one, never a part.
        """

    @abc.abstractmethod
    def open(self, key: str) -> BinaryIO:
        """Return a readable binary file for ``key``; raises :class:`NotFoundError`."""

    @abc.abstractmethod
    def list(self, prefix: str = "") -> Iterator[str]:
        """Yield the keys that start with ``prefix``, in sorted order."""

    @abc.abstractmethod
    def exists(self, key: str) -> bool:
        """Return True when ``key`` holds a blob."""

    @abc.abstractmethod
    def delete(self, key: str) -> None:
        """Remove ``key``; raises :class:`NotFoundError` when it does not exist."""

    def get(self, key: str) -> bytes:
        """Return the bytes under ``key``; raises :class:`NotFoundError`."""
        with self.open(key) as fh:
            return fh.read()

    def put_file(self, key: str, path) -> None:
        """Store the file at ``path`` under ``key``."""
        with open(path, "rb") as fh:
            self.put(key, fh)

    def describe(self) -> str:
        """A one-line description for the Settings page (no secrets)."""
        return self.name
