"""One contract for every model backend: openai and vertex against their stubs, local with a tiny model.

What the chain relies on, whichever backend answers: the reply comes back as
text; a slow answer raises a *transient* :class:`BackendError` within the
backend's own deadline (so the chain may retry it); an HTTP 5xx is transient
and a 4xx is not; the key never appears in an error message; an unconfigured
backend names the variable to set. Backend-specific behaviour (streaming,
response formats, prediction shapes, the worker process) stays in each
backend's own test file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from llm_stub_servers import Reply

from hisolver_core.config import Settings
from hisolver_core.llm import BackendError, BackendUnavailable, ModelBackend, get_backend

MESSAGES = [{"role": "system", "content": "Reply briefly."}, {"role": "user", "content": "Say hello."}]
SECRET = "sk-contract-secret-0123456789"
TIMEOUT_S = 0.5  # each backend's own deadline in the timeout test
MARGIN_S = 1.5  # connection teardown and thread scheduling on a loaded 2-core machine


@dataclass
class Harness:
    """How to configure one backend and make its server misbehave."""

    name: str
    variable: str  # what an unconfigured backend must ask for
    configure: Callable[[Settings], Settings]
    push: Callable[[Reply], None] | None  # None: no HTTP server to script (the local worker)
    slow: Callable[[Settings], tuple[Settings, dict]]  # settings and generate kwargs for a slow answer


def _openai(request: pytest.FixtureRequest) -> Harness:
    stub = request.getfixturevalue("openai_stub")
    return Harness(
        name="openai",
        variable="HISOLVER_OPENAI_BASE_URL",
        configure=lambda s: s.replace(
            openai_base_url=stub.base_url,
            openai_model="stub-model",
            openai_api_key=SECRET,
            openai_timeout_s=5.0,
            backend_retries=0,
        ),
        push=stub.push,
        slow=lambda s: (s.replace(openai_timeout_s=TIMEOUT_S), {}),
    )


def _vertex(request: pytest.FixtureRequest) -> Harness:
    stub = request.getfixturevalue("vertex_stub")
    return Harness(
        name="vertex",
        variable="HISOLVER_VERTEX_ENDPOINT",
        configure=lambda s: s.replace(
            vertex_project="demo-project",
            vertex_location="us-central1",
            vertex_endpoint="1234567890",
            vertex_api_endpoint=stub.api_endpoint,
            vertex_timeout_s=5.0,
            backend_retries=0,
        ),
        push=stub.push,
        slow=lambda s: (s.replace(vertex_timeout_s=TIMEOUT_S), {}),
    )


def _local(request: pytest.FixtureRequest) -> Harness:
    def configure(s: Settings) -> Settings:
        model_dir, _ = request.getfixturevalue("tiny_model")  # built only when a local test needs it
        return s.replace(local_model_path=str(model_dir), local_max_new_tokens=8, local_timeout_s=60, backend_retries=0)

    return Harness(
        name="local",
        variable="HISOLVER_LOCAL_MODEL_PATH",
        configure=configure,
        push=None,
        # the tiny model stops early unless told not to: 4,000 tokens cannot finish in the deadline
        slow=lambda s: (s.replace(local_timeout_s=TIMEOUT_S * 2, local_max_new_tokens=4000), {"min_new_tokens": 4000}),
    )


HARNESSES = {"openai": _openai, "vertex": _vertex, "local": _local}
ALL = ["openai", "vertex", pytest.param("local", marks=pytest.mark.slow)]
HTTP = ["openai", "vertex"]  # the local worker has no status codes
KEYED = ["openai"]  # vertex authenticates with Google credentials the client builds; local has no key


@pytest.fixture
def harness(request: pytest.FixtureRequest) -> Harness:
    return HARNESSES[request.param](request)


def _backend(harness: Harness, settings: Settings, **generate: Any) -> ModelBackend:
    if generate:  # only the local backend takes generation arguments
        from hisolver_core.llm.local_backend import LocalBackend

        return LocalBackend(settings, generate_kwargs=generate)
    backend = get_backend(settings, harness.name)
    assert isinstance(backend, ModelBackend)
    return backend


@pytest.mark.parametrize("harness", ALL, indirect=True)
def test_the_reply_comes_back_as_text(harness: Harness, settings: Settings) -> None:
    configured = harness.configure(settings)
    if harness.push is not None:
        harness.push(Reply("Hello from the contract."))
        assert _backend(harness, configured).complete(MESSAGES) == "Hello from the contract."
    else:  # the tiny model's words are nonsense: the contract is a non-empty string
        text = _backend(harness, configured, min_new_tokens=4).complete(MESSAGES)
        assert isinstance(text, str) and text


@pytest.mark.parametrize("harness", ALL, indirect=True)
def test_a_slow_answer_is_a_transient_error_within_the_deadline(harness: Harness, settings: Settings) -> None:
    slow_settings, generate = harness.slow(harness.configure(settings))
    backend = _backend(harness, slow_settings, **generate)
    deadline = TIMEOUT_S
    if harness.push is not None:
        harness.push(Reply("too late", delay_s=TIMEOUT_S + 3))
    else:
        backend.info()  # loading the weights is bounded separately; the deadline is the answer's
        deadline = slow_settings.local_timeout_s
    started = time.monotonic()
    with pytest.raises(BackendError, match="timed out") as info:
        backend.complete(MESSAGES)
    assert info.value.transient
    assert time.monotonic() - started < deadline + MARGIN_S


@pytest.mark.parametrize("harness", HTTP, indirect=True)
@pytest.mark.parametrize("status, transient", [(500, True), (503, True), (400, False), (403, False), (404, False)])
def test_5xx_is_transient_and_4xx_is_not(harness: Harness, settings: Settings, status: int, transient: bool) -> None:
    assert harness.push is not None
    harness.push(Reply(status=status))
    with pytest.raises(BackendError) as info:
        _backend(harness, harness.configure(settings)).complete(MESSAGES)
    assert info.value.transient is transient, str(info.value)
    assert not isinstance(info.value, BackendUnavailable)


@pytest.mark.parametrize("harness", KEYED, indirect=True)
@pytest.mark.parametrize("status", [401, 500])
def test_the_key_never_appears_in_a_message(harness: Harness, settings: Settings, status: int) -> None:
    """A server (or a proxy) that echoes the key it was sent must not carry it into the message users see."""
    assert harness.push is not None
    harness.push(Reply(status=status, message=f"Incorrect API key provided: {SECRET}"))
    with pytest.raises(BackendError) as info:
        _backend(harness, harness.configure(settings)).complete(MESSAGES)
    assert SECRET not in str(info.value) and SECRET not in repr(info.value.args)
    assert str(status) in str(info.value)  # the rest of the message survives


@pytest.mark.parametrize("harness", ["openai", "vertex", "local"], indirect=True)
def test_an_unconfigured_backend_names_the_variable_to_set(harness: Harness, settings: Settings) -> None:
    with pytest.raises(BackendUnavailable, match=harness.variable):
        get_backend(settings, harness.name)
