"""With a GCS blob store, a local job's log is written on this machine while it runs, then kept in the bucket."""

from __future__ import annotations

import os

import pytest

from hisolver_core.blobs import open_blob_store
from hisolver_core.jobs import JobSpec, job_logs, submit_job, wait_job
from hisolver_core.jobs.local import LocalRunner
from tests.gcs_emulator import gcs_emulator

BUCKET = "hisolver-jobs-test"


@pytest.fixture
def gcs_settings(settings):
    """Settings with the blob store in gcp-storage-emulator on 127.0.0.1 (the job process inherits the host)."""
    with gcs_emulator(BUCKET):
        yield settings.replace(blob_backend="gcs", gcs_bucket=BUCKET, gcs_prefix="t")


def test_the_log_lands_in_the_bucket(gcs_settings):
    job_id = submit_job(gcs_settings, JobSpec("selftest", ("jobs", "selftest", "--seconds", "0.1")))
    assert wait_job(gcs_settings, job_id, timeout_s=60, poll_s=0.1)["status"] == "succeeded"
    assert open_blob_store(gcs_settings).get(f"jobs/{job_id}/log.txt").decode().strip() == "selftest ok"
    os.remove(LocalRunner(gcs_settings).log_path(job_id))  # the machine's copy is gone: the bucket still has it
    assert job_logs(gcs_settings, job_id).strip() == "selftest ok"
