"""``hisolver serve``: a tiny model behind the OpenAI routes and Vertex's container contract."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from serving_fixtures import start_server, wait_ready

from hisolver_core.llm import get_backend
from hisolver_core.serving import MAX_BODY_BYTES, ModelFiles, ServeError, fetch_registered, from_storage_uri
from tests.gcs_emulator import gcs_emulator

pytestmark = pytest.mark.slow  # loads a (tiny) model

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = [{"role": "user", "content": "Animate a blue circle."}]


def _call(server, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.port}{path}",
        data=body,
        method=method,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read()), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}"), dict(exc.headers)


def test_openai_backend_gets_an_answer(live_server, settings):
    openai_settings = settings.replace(
        openai_base_url=f"http://127.0.0.1:{live_server.port}/v1", openai_model="tiny", openai_timeout_s=30
    )
    backend = get_backend(openai_settings, "openai")
    text = backend.complete(MESSAGES)
    assert isinstance(text, str) and text  # the tiny model's text is nonsense, but it is the model's
    listed = backend.client.models.list()
    assert [m.id for m in listed.data] == ["tiny"]


def test_openai_streaming_answer(live_server, settings):
    openai_settings = settings.replace(
        openai_base_url=f"http://127.0.0.1:{live_server.port}/v1",
        openai_model="tiny",
        openai_timeout_s=30,
        openai_stream=1,
    )
    assert get_backend(openai_settings, "openai").complete(MESSAGES)


def test_vertex_backend_through_the_contract_routes(live_server, settings, vertex_serving):
    # Vertex's frontend hands {"instances": ...} to the container's AIP_PREDICT_ROUTE; the stub does the same.
    vertex_serving.forward_to = f"http://127.0.0.1:{live_server.port}/vertex/predict"
    endpoint = "projects/demo/locations/us-central1/endpoints/555"
    vertex_serving.endpoints[endpoint] = {"name": endpoint, "deployedModels": [], "trafficSplit": {}}
    vertex_settings = settings.replace(
        vertex_project="demo",
        vertex_endpoint="555",
        vertex_timeout_s=30,
        vertex_api_endpoint=vertex_serving.api_endpoint,
    )
    text = get_backend(vertex_settings, "vertex").complete(MESSAGES)
    assert isinstance(text, str) and text
    status, body, _ = _call(live_server, "GET", "/vertex/health")
    assert status == 200 and body["status"] == "ready"


def test_predict_accepts_prompts_and_strings(live_server):
    payload = {"instances": [{"prompt": "circle", "max_tokens": 4}, "square"], "parameters": {"max_tokens": 3}}
    status, body, _ = _call(live_server, "POST", "/vertex/predict", json.dumps(payload).encode())
    assert status == 200 and len(body["predictions"]) == 2
    assert body["predictions"][0]["new_tokens"] <= 4 and body["predictions"][1]["new_tokens"] <= 3


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        (b"{not json", 400, "not JSON"),
        (b'{"a": "\x80"}', 400, "not UTF-8"),
        (b"[1, 2]", 400, "JSON object"),
        (json.dumps({"instances": []}).encode(), 400, "non-empty"),
        (json.dumps({"instances": [{"nothing": 1}]}).encode(), 400, "each instance"),
        (json.dumps({"instances": ["x"], "parameters": {"max_tokens": -1}}).encode(), 400, "positive"),
    ],
)
def test_bad_predict_bodies_get_a_clear_error(live_server, body, status, words):
    code, answer, _ = _call(live_server, "POST", "/vertex/predict", body)
    assert code == status and words in answer["error"]["message"]


def test_bodies_over_vertex_limit_get_413(live_server):
    big = json.dumps({"messages": [{"role": "user", "content": "x" * MAX_BODY_BYTES}]}).encode()
    code, answer, _ = _call(live_server, "POST", "/v1/chat/completions", big)
    assert code == 413 and "1.5 MB" in answer["error"]["message"]
    assert _call(live_server, "GET", "/v1/models")[0] == 200  # the server carries on


def test_bad_chat_messages_and_unknown_routes(live_server):
    code, answer, _ = _call(live_server, "POST", "/v1/chat/completions", json.dumps({"messages": "hi"}).encode())
    assert code == 400 and "messages" in answer["error"]["message"]
    assert _call(live_server, "GET", "/nowhere")[0] == 404


def test_health_is_loading_then_ready_and_queue_past_its_bound_is_503(tiny_files):
    server = start_server(tiny_files, queue_size=1, max_tokens=200)
    try:
        status, body, _ = _call(server, "GET", "/health")
        assert (status, body["status"]) in ((503, "loading"), (200, "ready"))
        if status == 503:
            code, answer, _ = _call(server, "POST", "/predict", json.dumps({"instances": ["x"]}).encode())
            assert code == 503 and "loading" in answer["error"]["message"]
        wait_ready(server)
        assert _call(server, "GET", "/health")[:2] == (200, {"status": "ready", "model": "tiny"})
        barrier, results = threading.Barrier(8), []

        def client() -> None:
            barrier.wait()
            code, answer, headers = _call(server, "POST", "/predict", json.dumps({"instances": ["circle"]}).encode())
            results.append((code, answer, headers))

        threads = [threading.Thread(target=client) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        codes = sorted(code for code, _, _ in results)
        assert codes.count(200) >= 1 and 503 in codes, codes
        refused = next(r for r in results if r[0] == 503)
        assert "try again" in refused[1]["error"]["message"] and refused[2].get("Retry-After") == "1"
        assert _call(server, "GET", "/health")[0] == 200  # no crash past the bound
    finally:
        server.shutdown()


def test_registered_model_is_copied_from_blobs(settings, blobs, registered_model):
    files = fetch_registered(settings, blobs, registered_model)
    assert Path(files.adapter_path, "adapter_config.json").is_file() and files.model_is_folder
    assert Path(files.adapter_path).is_relative_to(settings.data_dir)


def test_a_half_copied_or_missing_artifact_is_refused(settings, blobs, registered_model):
    broken = dict(registered_model, artifacts={"adapter": "models/nothing/adapter/"})
    with pytest.raises(ServeError, match="empty or cannot be read"):
        fetch_registered(settings.replace(data_dir=settings.data_dir / "other"), blobs, broken)


def test_storage_uri_folder_layouts(tmp_path, tiny_model, settings):
    model_dir, adapter_dir = tiny_model
    assert from_storage_uri(settings, str(model_dir)).model_path == str(model_dir)
    files = from_storage_uri(settings, str(adapter_dir))
    assert files.adapter_path == str(adapter_dir) and files.model_path == str(model_dir)
    with pytest.raises(ServeError, match="holds no model"):
        from_storage_uri(settings, str(tmp_path))
    with pytest.raises(ServeError, match="does not exist"):
        from_storage_uri(settings, str(tmp_path / "missing"))


def _cli(args: list[str], env_extra: dict, timeout: float = 60) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT), **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "hisolver_core.cli", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def test_cli_bad_model_is_a_clear_startup_error(env, settings, tmp_path):
    result = _cli(["serve", "no-such-model", "--port", "0"], {"HISOLVER_DATA_DIR": str(settings.data_dir)})
    assert result.returncode == 1 and "no registered model named 'no-such-model'" in result.stderr
    assert "Traceback" not in result.stderr
    (tmp_path / "empty").mkdir()
    result = _cli(
        ["serve", "--model-dir", str(tmp_path / "empty"), "--port", "0"], {"HISOLVER_DATA_DIR": str(settings.data_dir)}
    )
    assert result.returncode == 1 and "holds no model" in result.stderr and "Traceback" not in result.stderr


def test_cli_broken_weights_fail_at_startup(env, settings, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    result = _cli(["serve", "--model-dir", str(folder), "--port", "0"], {"HISOLVER_DATA_DIR": str(settings.data_dir)})
    assert result.returncode == 1 and "could not be loaded" in result.stderr and "Traceback" not in result.stderr


def test_model_files_from_a_hub_id_are_accepted_without_a_folder():
    from hisolver_core.serving import check_files

    assert check_files(ModelFiles("x", "Qwen/Qwen2.5-0.5B")).model_path == "Qwen/Qwen2.5-0.5B"


@pytest.fixture
def gcs():
    """gcp-storage-emulator on 127.0.0.1 (in memory) with a bucket ``models``."""
    with gcs_emulator("models"):
        yield


def test_aip_storage_uri_in_gcs(gcs, settings, tiny_model):
    from serving_fixtures import put_folder

    from hisolver_core.blobs.gcs import GCSBlobStore

    model_dir, adapter_dir = tiny_model
    put_folder(GCSBlobStore("models"), adapter_dir, "runs/r1/adapter/")
    files = from_storage_uri(settings, "gs://models/runs/r1/")
    assert Path(files.adapter_path, "adapter_config.json").is_file()
    assert files.model_path == str(model_dir)  # the base named in adapter_config.json
    with pytest.raises(ServeError, match="empty or cannot be read"):
        from_storage_uri(settings, "gs://models/runs/none/")
