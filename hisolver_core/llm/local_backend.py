"""Local model backend: a transformers causal-LM folder plus an optional peft adapter.

Generation runs in a worker process (``python -m hisolver_core.llm._local_worker``:
a fresh interpreter, safe under Streamlit's threads and independent of the
caller's ``__main__``), which loads the model once and then answers JSON-line
requests over its stdin/stdout.
Each request has a token limit (``local_max_new_tokens``) and a wall-clock
limit (``local_timeout_s``): past it the worker is killed, the request fails,
and the next request starts a fresh worker. ``local_model_path`` may also be an
adapter folder on its own (its ``adapter_config.json`` names the base model).
"""

from __future__ import annotations

import json
import logging
import os
import select
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..config import Settings
from .base import BackendError, BackendUnavailable, ModelBackend

__all__ = ["LocalBackend", "Generation", "shutdown_workers"]

log = logging.getLogger(__name__)

LOAD_TIMEOUT_S = 300.0  # loading weights is not the request's fault; bounded separately
_workers: dict[tuple, _Worker] = {}
_workers_lock = threading.Lock()


@dataclass
class Generation:
    """One local generation: the text and how many new tokens it took."""

    text: str
    new_tokens: int
    seconds: float


def _resolve_paths(settings: Settings) -> tuple[str, str | None]:
    model = Path(settings.local_model_path).expanduser()
    adapter = Path(settings.local_adapter_path).expanduser() if settings.local_adapter_path else None
    if adapter is None and (model / "adapter_config.json").is_file():
        base = json.loads((model / "adapter_config.json").read_text()).get("base_model_name_or_path")
        if not base:
            raise BackendUnavailable(f"{model} is an adapter without base_model_name_or_path")
        model, adapter = Path(base), model
    if not (model / "config.json").is_file():
        raise BackendUnavailable(f"no model at {model} (HISOLVER_LOCAL_MODEL_PATH needs a folder with config.json)")
    if adapter is not None and not (adapter / "adapter_config.json").is_file():
        raise BackendUnavailable(f"no peft adapter at {adapter} (adapter_config.json missing)")
    return str(model), str(adapter) if adapter else None


class LocalBackend(ModelBackend):
    """Generates with a local transformers model in a worker process."""

    name = "local"

    def __init__(self, settings: Settings, *, generate_kwargs: dict | None = None) -> None:
        if not settings.local_model_path:
            raise BackendUnavailable("not configured (set HISOLVER_LOCAL_MODEL_PATH)")
        self.model_path, self.adapter_path = _resolve_paths(settings)
        self.max_new_tokens = int(settings.local_max_new_tokens)
        self.timeout_s = float(settings.local_timeout_s)
        self.generate_kwargs = dict(generate_kwargs or {})  # extra model.generate() arguments

    @property
    def key(self) -> str:
        """Name, model and adapter: two configurations never share a breaker."""
        return f"local|{self.model_path}|{self.adapter_path or ''}"

    def _worker(self) -> _Worker:
        wkey = (self.model_path, self.adapter_path)
        with _workers_lock:
            worker = _workers.get(wkey)
            if worker is None:
                worker = _workers[wkey] = _Worker(self.model_path, self.adapter_path)
            return worker

    def info(self) -> dict:
        """Return what the worker loaded (model class, adapter, parameter count, pid)."""
        return self._worker().request({"op": "info"}, self.timeout_s)["info"]

    def generate(self, messages: list[dict], max_new_tokens: int | None = None) -> Generation:
        """Return the model's continuation of chat ``messages``; raises :class:`BackendError`."""
        request = {
            "op": "generate",
            "messages": messages,
            "max_new_tokens": int(max_new_tokens or self.max_new_tokens),
            "generate_kwargs": self.generate_kwargs,
        }
        started = time.monotonic()
        reply = self._worker().request(request, self.timeout_s)
        return Generation(reply["text"], reply["new_tokens"], time.monotonic() - started)

    def complete(self, messages: list[dict], *, json_schema: dict | None = None) -> str:
        """Return the reply text; see :meth:`ModelBackend.complete` (no JSON mode locally)."""
        return self.generate(messages).text


class _Worker:
    """One worker process for one (model, adapter); one request at a time."""

    def __init__(self, model_path: str, adapter_path: str | None) -> None:
        self.model_path, self.adapter_path = model_path, adapter_path
        self.process: subprocess.Popen | None = None
        self._stderr: IO[bytes] | None = None
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs."""
        return self.process.pid if self.process is not None and self.process.poll() is None else None

    def _start(self) -> None:
        env = dict(os.environ)
        env.setdefault("HF_HUB_OFFLINE", "1")
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
        self._stderr = tempfile.TemporaryFile()  # kept for the error message if the worker dies
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hisolver_core.llm._local_worker", self.model_path, self.adapter_path or ""],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
        )
        reply = self._read(LOAD_TIMEOUT_S, "did not load")
        if not reply.get("ok"):
            self.kill()
            raise BackendUnavailable(f"the local model could not be loaded: {reply.get('error')}")

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        lines = self._stderr.read().decode(errors="replace").strip().splitlines()
        return lines[-1][:300] if lines else ""

    def _read(self, timeout_s: float, what: str, *, transient: bool = False) -> dict:
        assert self.process is not None and self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout_s)
        if not ready:
            self.kill()
            raise BackendError(f"{what} within {timeout_s:g} s (the local worker was stopped)", transient=transient)
        line = self.process.stdout.readline()
        if not line:
            detail = self._stderr_tail()
            self.kill()
            raise BackendError("the local model worker died" + (f": {detail}" if detail else ""))
        return json.loads(line)

    def request(self, payload: dict, timeout_s: float) -> dict:
        """Send one request and return the reply; kill the worker past ``timeout_s``."""
        if not self._lock.acquire(timeout=timeout_s):
            raise BackendError(f"the local model was busy for {timeout_s:g} s", transient=True)
        try:
            if self.pid is None:
                self._start()
            assert self.process is not None and self.process.stdin is not None
            try:
                self.process.stdin.write((json.dumps(payload) + "\n").encode())
                self.process.stdin.flush()
            except (BrokenPipeError, OSError) as exc:
                self.kill()
                raise BackendError("the local model worker died") from exc
            # a slow answer may be the prompt's fault or the machine's load: the chain may retry it (a fresh
            # worker); a model that does not load in LOAD_TIMEOUT_S is not retried
            reply = self._read(timeout_s, "timed out: no answer", transient=True)
        finally:
            self._lock.release()
        if not reply.get("ok"):
            raise BackendError(f"local generation failed: {reply.get('error')}")
        return reply

    def kill(self) -> None:
        """Stop the worker process (terminate, then kill)."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(2)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(2)
        for stream in (process.stdin, process.stdout) if process is not None else ():
            if stream is not None:
                stream.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None


def shutdown_workers() -> None:
    """Stop every local model worker of this process."""
    with _workers_lock:
        workers = list(_workers.values())
        _workers.clear()
    for worker in workers:
        worker.kill()
