"""Blob storage: a small interface, a local-folder default and Google Cloud Storage."""

from __future__ import annotations

from ..config import Settings
from .base import BlobStore, check_key
from .local import LocalBlobStore

__all__ = ["BlobStore", "LocalBlobStore", "open_blob_store", "check_key"]


def open_blob_store(settings: Settings) -> BlobStore:
    """Return the blob store that ``settings.blob_backend`` names.

    Raises :class:`StorageError` when the cloud client cannot be built.
    """
    if settings.blob_backend == "gcs":
        from .gcs import GCSBlobStore  # imported lazily: the cloud client is slow to import

        return GCSBlobStore(
            settings.gcs_bucket,
            prefix=settings.gcs_prefix,
            project=settings.gcs_project,
            credentials_file=settings.gcs_credentials_file,
        )
    return LocalBlobStore(settings.blob_dir)
