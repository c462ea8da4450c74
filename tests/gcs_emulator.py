"""gcp-storage-emulator on 127.0.0.1 for the tests of the GCS paths (blob store, datasets, job logs, serving)."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gcs_emulator(bucket: str) -> Iterator[str]:
    """Run the emulator in memory on a free port with ``bucket``; yield its URL.

    ``STORAGE_EMULATOR_HOST`` names it while it runs (a job process started meanwhile
    inherits it) and is restored after.
    """
    from gcp_storage_emulator.server import create_server

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = create_server("127.0.0.1", port, in_memory=True, default_bucket=bucket)
    server.start()
    old = os.environ.get("STORAGE_EMULATOR_HOST")
    url = os.environ["STORAGE_EMULATOR_HOST"] = f"http://127.0.0.1:{port}"
    try:
        yield url
    finally:
        server.stop()
        if old is None:
            os.environ.pop("STORAGE_EMULATOR_HOST", None)
        else:
            os.environ["STORAGE_EMULATOR_HOST"] = old
