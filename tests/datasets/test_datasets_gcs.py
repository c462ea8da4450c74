"""A dataset version in Google Cloud Storage (gcp-storage-emulator on 127.0.0.1)."""

from __future__ import annotations

import os
import socket

import pytest

from hisolver_core import datasets, labeling
from hisolver_core.datasets import VersionExistsError

BUCKET = "hisolver-datasets-test"


@pytest.fixture
def gcs_settings(settings, tmp_path):
    from gcp_storage_emulator.server import create_server

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = create_server("127.0.0.1", port, in_memory=True, default_bucket=BUCKET)
    server.start()
    old = os.environ.get("STORAGE_EMULATOR_HOST")
    os.environ["STORAGE_EMULATOR_HOST"] = f"http://127.0.0.1:{port}"
    yield settings.replace(blob_backend="gcs", gcs_bucket=BUCKET, gcs_prefix=f"t{tmp_path.name}")
    server.stop()
    if old is None:
        os.environ.pop("STORAGE_EMULATOR_HOST", None)
    else:
        os.environ["STORAGE_EMULATOR_HOST"] = old


def test_version_in_gcs_loads_through_a_verified_local_cache(gcs_settings, db, make_snippets):
    for sid in make_snippets(4):
        labeling.save_label(db, "ada", sid, f"Grow circle {sid}")
    manifest = datasets.create_version(gcs_settings, "g1", val_fraction=0.5, db=db)
    version = datasets.load_version(gcs_settings, "g1")
    assert version.train_path.is_relative_to(gcs_settings.data_dir / "cache" / "datasets" / "g1")
    assert len(list(version.iter_train())) + len(list(version.iter_val())) == 4
    assert version.content_hash == manifest["content_hash"]
    with pytest.raises(VersionExistsError):
        datasets.create_version(gcs_settings, "g1", db=db)
