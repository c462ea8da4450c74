"""Fixtures for the jobs tests: a Vertex AI REST stub on 127.0.0.1 and settings pointing at it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from vertex_stub import VertexStub


@pytest.fixture(scope="session")
def vertex_stub_server():
    """One stub server for the session (the SDK import alone costs seconds)."""
    stub = VertexStub()
    yield stub
    stub.close()


@pytest.fixture
def vertex_stub(vertex_stub_server, monkeypatch):
    """The stub, emptied for this test; the SDK's job polling wait lowered."""
    from google.cloud.aiplatform import jobs as aip_jobs

    monkeypatch.setattr(aip_jobs, "_JOB_WAIT_TIME", 0.01)
    vertex_stub_server.reset()
    return vertex_stub_server


@pytest.fixture
def vertex_settings(settings, vertex_stub):
    """Settings for Vertex AI jobs against the stub."""
    return settings.replace(
        vertex_image="us-docker.pkg.dev/proj/hisolver/app:test",
        vertex_staging_bucket="gs://hisolver-staging",
        vertex_project="proj",
        vertex_location="europe-west4",
        vertex_api_endpoint=vertex_stub.api_endpoint,
        vertex_service_account="jobs@proj.iam.gserviceaccount.com",
        vertex_job_poll_s=0.0,
    )
