"""The rendered preview of a snippet, read from the blob store."""

from __future__ import annotations

import logging

from ..blobs import open_blob_store
from ..config import Settings
from ..errors import StorageError

__all__ = ["load_preview"]

log = logging.getLogger(__name__)


def load_preview(settings: Settings, video_key: str | None, poster_key: str | None) -> tuple[str, bytes] | None:
    """Return ``("video", mp4 bytes)``, else ``("image", poster bytes)``, else None.

    A missing or unreadable blob falls through to the next kind (logged), so a
    preview problem never blocks labeling.
    """
    store = None
    for kind, key in (("video", video_key), ("image", poster_key)):
        if not key:
            continue
        try:
            store = store or open_blob_store(settings)
            return kind, store.get(key)
        except StorageError as exc:
            log.warning("preview %s unavailable: %s", key, exc)
    return None
