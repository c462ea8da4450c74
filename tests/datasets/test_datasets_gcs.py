"""A dataset version in Google Cloud Storage (gcp-storage-emulator on 127.0.0.1)."""

from __future__ import annotations

import pytest

from hisolver_core import datasets, labeling
from hisolver_core.datasets import VersionExistsError
from tests.gcs_emulator import gcs_emulator

BUCKET = "hisolver-datasets-test"


@pytest.fixture
def gcs_settings(settings, tmp_path):
    with gcs_emulator(BUCKET):
        yield settings.replace(blob_backend="gcs", gcs_bucket=BUCKET, gcs_prefix=f"t{tmp_path.name}")


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
