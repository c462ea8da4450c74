"""Blob store in a Google Cloud Storage bucket (optionally under a prefix).

Authentication is the client library's: a service-account file from settings,
or application default credentials. With ``STORAGE_EMULATOR_HOST`` set (tests,
gcp-storage-emulator) the client talks to the emulator without credentials.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import NotFoundError, StorageError
from .base import BlobStore, check_key

__all__ = ["GCSBlobStore"]


def _import_storage():
    try:
        from google.api_core import exceptions as gexc  # noqa: PLC0415
        from google.cloud import storage  # noqa: PLC0415 (optional dependency)
    except ImportError as exc:  # pragma: no cover - requirements.txt installs it
        raise StorageError("the GCS blob store needs google-cloud-storage: pip install google-cloud-storage") from exc
    return storage, gexc


class GCSBlobStore(BlobStore):
    """Blobs as objects ``{prefix}/{key}`` in ``bucket``."""

    def __init__(
        self, bucket: str, prefix: str = "", project: str = "", credentials_file: str = "", client=None
    ) -> None:
        storage, self._gexc = _import_storage()
        if client is None:
            try:
                if credentials_file and not os.environ.get("STORAGE_EMULATOR_HOST"):
                    client = storage.Client.from_service_account_json(credentials_file, project=project or None)
                else:
                    client = storage.Client(project=project or None)
            except Exception as exc:  # google.auth raises several unrelated types
                # Never repeat the exception text: a key pasted where a path belongs would be echoed.
                raise StorageError(
                    f"cannot connect to Google Cloud Storage ({type(exc).__name__}): "
                    "HISOLVER_GCS_CREDENTIALS_FILE must name a readable service-account JSON file, "
                    "or leave it unset for application default credentials"
                ) from None
        self._bucket = client.bucket(bucket)
        self._prefix = prefix.strip("/")
        self.name = f"gs://{bucket}/{self._prefix}".rstrip("/")

    def _object(self, key: str) -> str:
        key = check_key(key)
        return f"{self._prefix}/{key}" if self._prefix else key

    def _wrap(self, key: str, exc: Exception) -> StorageError:
        if isinstance(exc, self._gexc.NotFound):
            return NotFoundError(f"no blob {key!r} in {self.name}")
        return StorageError(f"{self.name}: {type(exc).__name__}: {exc}")

    def put(self, key: str, data: bytes | BinaryIO, content_type: str | None = None) -> None:
        blob = self._bucket.blob(self._object(key))
        try:
            # A GCS upload becomes visible only once complete, so it is atomic already.
            if isinstance(data, (bytes, bytearray, memoryview)):
                blob.upload_from_string(bytes(data), content_type=content_type or "application/octet-stream")
            else:
                blob.upload_from_file(data, content_type=content_type or "application/octet-stream")
        except Exception as exc:
            raise self._wrap(key, exc) from exc

    def open(self, key: str) -> BinaryIO:
        blob = self._bucket.blob(self._object(key))
        try:
            return io.BytesIO(blob.download_as_bytes())
        except Exception as exc:
            raise self._wrap(key, exc) from exc

    def list(self, prefix: str = "") -> Iterator[str]:
        full = f"{self._prefix}/{prefix}" if self._prefix else prefix
        cut = len(self._prefix) + 1 if self._prefix else 0
        try:
            names = [b.name[cut:] for b in self._bucket.client.list_blobs(self._bucket, prefix=full)]
        except Exception as exc:
            raise self._wrap(prefix, exc) from exc
        return iter(sorted(names))

    def exists(self, key: str) -> bool:
        try:
            return self._bucket.blob(self._object(key)).exists()
        except Exception as exc:
            raise self._wrap(key, exc) from exc

    def delete(self, key: str) -> None:
        try:
            self._bucket.blob(self._object(key)).delete()
        except Exception as exc:
            raise self._wrap(key, exc) from exc
