"""The model behind ``hisolver serve``: loaded once, one generation at a time, a bounded queue.

Requests wait in a queue of ``queue_size``; past it :class:`QueueFull` (the server answers 503).
Each request has a deadline: it is dropped if still waiting when it passes, and a generation in
progress stops at it (transformers' ``max_time``), so a slow prompt cannot hold the model.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field

from ..errors import HiSolverError
from .artifacts import ModelFiles

__all__ = ["Engine", "EngineBusy", "QueueFull", "RequestTimeout", "NotReady", "Completion"]

log = logging.getLogger(__name__)


class EngineBusy(HiSolverError):
    """The model cannot take this request now; ``status`` is the HTTP status to answer."""

    status = 503


class QueueFull(EngineBusy):
    """The request queue is at its bound: try again shortly."""


class NotReady(EngineBusy):
    """The weights are still loading (or failed to load)."""


class RequestTimeout(EngineBusy):
    """The request waited or generated past its deadline."""

    status = 504


@dataclass
class Completion:
    """One generation: the text, new tokens, and seconds spent waiting and generating."""

    text: str
    new_tokens: int
    queued_s: float
    generate_s: float


@dataclass
class _Job:
    messages: list[dict]
    max_tokens: int
    deadline: float
    enqueued: float = field(default_factory=time.monotonic)
    done: threading.Event = field(default_factory=threading.Event)
    result: Completion | None = None
    error: str = ""


class Engine:
    """Load ``files`` with transformers (and peft) and generate for queued chat requests."""

    def __init__(
        self,
        files: ModelFiles,
        *,
        queue_size: int = 8,
        max_tokens: int = 512,
        timeout_s: float = 120.0,
        threads: int | None = None,
    ) -> None:
        self.files = files
        self.max_tokens = max(1, int(max_tokens))
        self.timeout_s = float(timeout_s)
        self.threads = threads
        self.state = "loading"  # loading | ready | failed
        self.error = ""
        self._queue: queue.Queue[_Job] = queue.Queue(maxsize=max(1, int(queue_size)))
        self._tokenizer = self._model = None
        self._stop = threading.Event()

    def load(self) -> None:
        """Load the weights (seconds to minutes) and start the generation thread.

        Sets ``state`` to ``ready``, or to ``failed`` with ``error`` (and raises :class:`HiSolverError`).
        """
        from ..llm._local_worker import _load  # the local backend's loader: one way to load a model

        try:
            import torch

            if self.threads:
                torch.set_num_threads(self.threads)
            self._tokenizer, self._model = _load(self.files.model_path, self.files.adapter_path)
            if torch.cuda.is_available() and self._model is not None:
                self._model.to("cuda")
        except Exception as exc:  # transformers raises many types for a bad folder
            self.state, self.error = "failed", f"{type(exc).__name__}: {exc}"[:500]
            raise HiSolverError(f"the model {self.files.name} could not be loaded: {self.error}") from exc
        threading.Thread(target=self._run, name="hisolver-serve-gen", daemon=True).start()
        self.state = "ready"
        log.info("model %s ready", self.files.name)

    @property
    def waiting(self) -> int:
        """Requests in the queue now."""
        return self._queue.qsize()

    def generate(
        self, messages: list[dict], max_tokens: int | None = None, timeout_s: float | None = None
    ) -> Completion:
        """Return the model's reply to chat ``messages`` (at most ``max_tokens``, capped by the engine's limit).

        Raises :class:`NotReady`, :class:`QueueFull` or :class:`RequestTimeout` (see the module
        docstring), or :class:`HiSolverError` when generation itself failed.
        """
        if self.state != "ready":
            raise NotReady(f"the model is {self.state}" + (f": {self.error}" if self.error else ""))
        limit = min(self.max_tokens, int(max_tokens or self.max_tokens))
        wait_s = self.timeout_s if timeout_s is None else min(self.timeout_s, float(timeout_s))
        job = _Job(messages=messages, max_tokens=max(1, limit), deadline=time.monotonic() + wait_s)
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            raise QueueFull(f"{self._queue.maxsize} requests are already waiting: try again shortly") from None
        if not job.done.wait(wait_s + 1.0):
            raise RequestTimeout(f"no answer within {wait_s:g} s")
        if job.result is None:
            if job.error.startswith("timeout"):
                raise RequestTimeout(job.error)
            raise HiSolverError(f"generation failed: {job.error}")
        return job.result

    def _run(self) -> None:
        from ..llm._local_worker import _generate

        while not self._stop.is_set():
            try:
                job = self._queue.get(timeout=0.5)
            except queue.Empty:
                continue
            started = time.monotonic()
            remaining = job.deadline - started
            if remaining <= 0:
                job.error = "timeout: the request waited in the queue past its deadline"
                job.done.set()
                continue
            request = {
                "messages": job.messages,
                "max_new_tokens": job.max_tokens,
                "generate_kwargs": {"max_time": remaining},
            }
            try:
                reply = _generate(self._tokenizer, self._model, request)
                job.result = Completion(
                    reply["text"], reply["new_tokens"], started - job.enqueued, time.monotonic() - started
                )
            except Exception as exc:  # one bad request must not stop the server
                log.exception("generation failed")
                job.error = f"{type(exc).__name__}: {exc}"[:300]
            job.done.set()

    def close(self) -> None:
        """Stop the generation thread after the current request."""
        self._stop.set()
