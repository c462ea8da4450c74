"""The Vertex AI backend: the real aiplatform client (REST transport) against a stub on 127.0.0.1."""

from __future__ import annotations

import pytest
from llm_stub_servers import Reply, answer_json

from hisolver_core.llm import BackendError, BackendUnavailable, get_backend
from hisolver_core.llm.vertex_backend import flatten_messages, prediction_text
from hisolver_core.solving import solve_with_chain

PROBLEM = "Solve 2x + 3 = 7 for x."


@pytest.fixture
def vertex_settings(settings, vertex_stub):
    return settings.replace(
        backends="vertex",
        vertex_project="demo-project",
        vertex_location="us-central1",
        vertex_endpoint="1234567890",
        vertex_api_endpoint=vertex_stub.api_endpoint,
        vertex_timeout_s=5.0,
        backend_retries=0,
    )


def test_predict_goes_to_the_stub_and_parses(vertex_settings, vertex_stub):
    vertex_stub.push(answer_json())
    solution = get_backend(vertex_settings, "vertex").solve(PROBLEM)
    assert solution.backend == "vertex" and solution.answer_latex == "x = 2"
    predict = [r for r in vertex_stub.requests if r["method"] == "POST"][0]
    assert predict["path"].startswith("/v1/projects/demo-project/locations/us-central1/endpoints/1234567890:predict")
    instance = predict["body"]["instances"][0]
    assert instance["messages"][1]["role"] == "user" and instance["prompt"].endswith("Assistant:")
    assert instance["max_tokens"] > 0 and instance["temperature"] == 0


def test_full_resource_name_and_chain_verification(vertex_settings, vertex_stub):
    vertex_stub.push(answer_json())
    named = vertex_settings.replace(
        vertex_project="", vertex_endpoint="projects/other/locations/europe-west4/endpoints/42"
    )
    solution = solve_with_chain(named, PROBLEM)
    assert solution.backend == "vertex" and solution.verified
    assert any("/projects/other/locations/europe-west4/endpoints/42:predict" in r["path"] for r in vertex_stub.requests)


def test_endpoint_errors_fall_back_to_builtin(vertex_settings, vertex_stub):
    vertex_stub.push(Reply(status=500))
    solution = solve_with_chain(vertex_settings, PROBLEM)
    assert solution.backend == "builtin" and solution.answer_latex == "2"
    assert any(n.startswith("vertex failed:") for n in solution.notes), solution.notes


# Status codes, timeouts and the unconfigured backend: see test_backend_contract.py.


def test_an_endpoint_id_without_a_project_says_what_to_set(settings):
    with pytest.raises(BackendUnavailable, match="HISOLVER_VERTEX_PROJECT"):
        get_backend(settings.replace(vertex_endpoint="42"), "vertex")


@pytest.mark.parametrize(
    "prediction, text",
    [
        ("plain", "plain"),
        ('Prompt:\nSystem: hi\nOutput:\n{"a": 1}', '{"a": 1}'),
        ({"generated_text": "g"}, "g"),
        ({"choices": [{"message": {"content": "c"}}]}, "c"),
        ({"choices": [{"text": "t"}]}, "t"),
        ([{"content": "nested"}], "nested"),
    ],
)
def test_prediction_shapes(prediction, text):
    assert prediction_text(prediction) == text


def test_prediction_without_text_is_an_error():
    with pytest.raises(BackendError):
        prediction_text({"scores": [0.1]})


def test_flatten_messages():
    flat = flatten_messages([{"role": "system", "content": "S"}, {"role": "user", "content": "U"}])
    assert flat == "System: S\n\nUser: U\n\nAssistant:"
