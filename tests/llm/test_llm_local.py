"""The local backend: a tiny Llama with a locally trained tokenizer and a LoRA adapter, in a worker process.

The model's output is nonsense; what is tested is the plumbing: adapter
loading, the token limit, the timeout that kills the worker, and a clean
fallback to the built-in engine.
"""

from __future__ import annotations

import os

import pytest

from hisolver_core.llm import BackendError, BackendUnavailable, get_backend
from hisolver_core.llm.local_backend import LocalBackend
from hisolver_core.llm.prompting import solution_messages
from hisolver_core.solving import solve_with_chain

pytestmark = pytest.mark.slow  # builds a model and starts worker processes

MESSAGES = solution_messages("Solve 2x + 3 = 7 for x.")


@pytest.fixture
def local_settings(settings, tiny_model):
    model_dir, _ = tiny_model
    return settings.replace(
        backends="local",
        local_model_path=str(model_dir),
        local_max_new_tokens=24,
        local_timeout_s=60,
        backend_retries=0,
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_nonsense_output_falls_back_to_builtin(local_settings):
    solution = solve_with_chain(local_settings, "Solve 2x + 3 = 7 for x.")
    assert solution.backend == "builtin" and solution.answer_latex == "2"
    assert any(n.startswith("local failed: invalid output twice") for n in solution.notes), solution.notes


def test_token_limit_is_enforced(local_settings):
    backend = LocalBackend(local_settings, generate_kwargs={"min_new_tokens": 9})  # no early stop
    assert backend.generate(MESSAGES, max_new_tokens=9).new_tokens == 9
    assert backend.generate(MESSAGES, max_new_tokens=3).new_tokens == 3
    assert get_backend(local_settings, "local").generate(MESSAGES).new_tokens <= 24


def test_adapter_is_loaded_and_changes_the_output(local_settings, tiny_model):
    _, adapter_dir = tiny_model
    base = LocalBackend(local_settings, generate_kwargs={"min_new_tokens": 12})
    tuned = LocalBackend(
        local_settings.replace(local_adapter_path=str(adapter_dir)), generate_kwargs={"min_new_tokens": 12}
    )
    info = tuned.info()
    assert info["peft"] and info["adapter"] == str(adapter_dir) and info["parameters"] > base.info()["parameters"]
    assert base.generate(MESSAGES, 12).text != tuned.generate(MESSAGES, 12).text
    # an adapter folder alone is enough: its config names the base model
    alone = LocalBackend(local_settings.replace(local_model_path=str(adapter_dir)))
    assert alone.adapter_path == str(adapter_dir) and alone.info()["pid"] == info["pid"]


def test_timeout_kills_the_worker_and_the_next_request_starts_a_new_one(local_settings):
    slow = LocalBackend(local_settings.replace(local_timeout_s=1.0), generate_kwargs={"min_new_tokens": 4000})
    pid = slow.info()["pid"]  # loaded; the timeout below covers generation only
    with pytest.raises(BackendError, match="timed out"):
        slow.generate(MESSAGES, max_new_tokens=4000)
    assert not _alive(pid)
    assert LocalBackend(local_settings).info()["pid"] != pid


def test_missing_or_broken_folders_are_reported(settings, tmp_path, tiny_model):
    model_dir, _ = tiny_model  # no folder at all: see test_backend_contract.py
    with pytest.raises(BackendUnavailable, match="config.json"):
        get_backend(settings.replace(local_model_path=str(tmp_path)), "local")
    with pytest.raises(BackendUnavailable, match="adapter_config.json"):
        get_backend(settings.replace(local_model_path=str(model_dir), local_adapter_path=str(tmp_path)), "local")
    (tmp_path / "config.json").write_text('{"model_type": "no-such-architecture"}')
    broken = get_backend(settings.replace(local_model_path=str(tmp_path)), "local")
    with pytest.raises(BackendUnavailable, match="could not be loaded"):
        broken.generate(MESSAGES)
