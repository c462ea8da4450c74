"""Fixtures shared by tests/serving and tests/deployment: a registered tiny model and a live server.

The tiny model (tests/llm/llm_tiny_model.py) is built once per session; each test that asks for
``registered_model`` gets its adapter copied into its own blob store under
``models/<run>/adapter/`` and registered, exactly as a training run leaves it.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "llm"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deployment"))

import llm_fixtures  # noqa: E402
from llm_fixtures import *  # noqa: E402,F401,F403

__all__ = [
    "put_folder",
    "registered_model",
    "tiny_files",
    "live_server",
    "start_server",
    "wait_ready",
    "vertex_serving",
    "_vertex_serving",
    *llm_fixtures.__all__,
]

RUN = "run-tiny-1"


def put_folder(blobs, folder: Path, prefix: str) -> None:
    """Copy every file of ``folder`` into ``blobs`` under ``prefix``."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            blobs.put_file(prefix + path.relative_to(folder).as_posix(), path)


@pytest.fixture
def registered_model(db, blobs, tiny_model):
    """Register the tiny model's adapter (base = the tiny model folder) in this test's store; return its row."""
    from hisolver_core.models import register_model

    model_dir, adapter_dir = tiny_model
    put_folder(blobs, adapter_dir, f"models/{RUN}/adapter/")
    blobs.put(f"models/{RUN}/model_card.md", b"# tiny\n")
    return register_model(
        db,
        blobs,
        run_id=RUN,
        base_model=str(model_dir),
        dataset_version="v1",
        artifact_uri=f"models/{RUN}/",
        artifacts={"adapter": f"models/{RUN}/adapter/", "card": f"models/{RUN}/model_card.md"},
        metrics={"render_success": 0.5, "val_loss": 2.5},
    )


@pytest.fixture(scope="session")
def tiny_files(tiny_model):
    """:class:`ModelFiles` of the tiny model plus its adapter."""
    from hisolver_core.serving import ModelFiles

    model_dir, adapter_dir = tiny_model
    return ModelFiles("tiny", str(model_dir), str(adapter_dir))


def start_server(files, environ=None, **engine_kwargs):
    """Start ``hisolver serve``'s server in a thread (weights loading in the background); return it."""
    from hisolver_core.serving import Engine, make_server, serve_forever

    engine = Engine(files, **({"queue_size": 8, "max_tokens": 16, "timeout_s": 30, "threads": 1} | engine_kwargs))
    server = make_server(engine, "127.0.0.1", 0, model_name=files.name, environ=environ or {})
    thread = threading.Thread(target=serve_forever, args=(server,), daemon=True)
    thread.start()
    server.thread = thread
    return server


def wait_ready(server, timeout_s: float = 120.0) -> None:
    """Block until the server's engine is ready (or fail the test)."""
    import time

    deadline = time.monotonic() + timeout_s
    while server.engine.state == "loading" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.engine.state == "ready", server.engine.error


@pytest.fixture(scope="session")
def live_server(tiny_files):
    """One server for the tiny model for the whole session, with Vertex routes from AIP_* variables."""
    server = start_server(tiny_files, {"AIP_HEALTH_ROUTE": "/vertex/health", "AIP_PREDICT_ROUTE": "/vertex/predict"})
    wait_ready(server)
    yield server
    server.shutdown()


@pytest.fixture(scope="session")
def _vertex_serving():
    from vertex_deploy_stub import serving_stub

    stub = serving_stub()
    yield stub
    stub.close()


@pytest.fixture
def vertex_serving(_vertex_serving):
    """The Vertex REST stub with Model, Endpoint and predict routes (tests/deployment/vertex_deploy_stub.py), reset."""
    from vertex_deploy_stub import reset_serving

    return reset_serving(_vertex_serving)
