"""Fixtures for the pipeline tests: the shared Vertex AI REST stub with PipelineJob routes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "jobs"))
sys.path.insert(0, str(HERE))

from pipeline_stub import IMAGE, add_pipeline_routes  # noqa: E402
from vertex_stub import VertexStub  # noqa: E402


@pytest.fixture(scope="session")
def pipeline_stub_server():
    """One stub server for the session (the SDK import alone costs seconds)."""
    stub = VertexStub()
    yield stub
    stub.close()


@pytest.fixture
def pipeline_stub(pipeline_stub_server, monkeypatch):
    """The stub, emptied, serving PipelineJobs; the bucket check of ``submit`` goes to it too."""
    pipeline_stub_server.reset()
    add_pipeline_routes(pipeline_stub_server)
    monkeypatch.setenv("STORAGE_EMULATOR_HOST", pipeline_stub_server.api_endpoint)
    return pipeline_stub_server


@pytest.fixture
def vertex_settings(settings, pipeline_stub):
    """Settings for Vertex AI Pipelines against the stub."""
    return settings.replace(
        vertex_image=IMAGE, vertex_staging_bucket="gs://hisolver-staging", vertex_project="proj",
        vertex_location="europe-west4", vertex_api_endpoint=pipeline_stub.api_endpoint,
        vertex_service_account="pipelines@proj.iam.gserviceaccount.com",
    )  # fmt: skip
