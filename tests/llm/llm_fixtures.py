"""Fixtures shared by the backend tests (tests/llm) and the solve-flow tests (tests/solving).

Stub servers (one per session, reset per test), the tiny local model, and a
fresh breaker table per test. Each of those folders' ``conftest.py`` imports
them with ``from llm_fixtures import *``.
"""

from __future__ import annotations

import pytest
from llm_stub_servers import StubOpenAI, StubVertex

from hisolver_core.llm import reset_breakers
from hisolver_core.llm.openai_backend import reset_capabilities

__all__ = [
    "_fresh_backend_state",
    "_openai_stub",
    "openai_stub",
    "openai_settings",
    "_vertex_stub",
    "vertex_stub",
    "tiny_model",
]


@pytest.fixture(autouse=True)
def _fresh_backend_state():
    reset_breakers()
    reset_capabilities()
    yield
    reset_breakers()


@pytest.fixture(scope="session")
def _openai_stub():
    stub = StubOpenAI()
    yield stub
    stub.close()


@pytest.fixture
def openai_stub(_openai_stub: StubOpenAI) -> StubOpenAI:
    """The session's stub OpenAI server, with no scripted replies and no recorded requests."""
    _openai_stub.reset()
    return _openai_stub


@pytest.fixture
def openai_settings(settings, openai_stub):
    """Settings whose chain is openai -> builtin, pointed at the stub, no retries."""
    return settings.replace(
        backends="openai,builtin",
        openai_base_url=openai_stub.base_url,
        openai_model="stub-model",
        openai_api_key="sk-test-secret",
        openai_timeout_s=2.0,
        backend_retries=0,
        formalise=0,  # scripted replies are free-text answers; tests/solving/test_formalise.py turns it on
    )


@pytest.fixture(scope="session")
def _vertex_stub():
    stub = StubVertex()
    yield stub
    stub.close()


@pytest.fixture
def vertex_stub(_vertex_stub: StubVertex) -> StubVertex:
    """The session's stub Vertex REST server, reset."""
    _vertex_stub.reset()
    return _vertex_stub


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory):
    """(model folder, adapter folder) of a tiny Llama built once per session; workers stopped at the end."""
    from llm_tiny_model import build_tiny_model

    from hisolver_core.llm.local_backend import shutdown_workers

    folders = build_tiny_model(tmp_path_factory.mktemp("tiny-llm"))
    yield folders
    shutdown_workers()
