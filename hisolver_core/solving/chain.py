"""The fallback chain: try backends in ``settings.backend_chain`` order, built-in engine last.

Each model backend gets its own timeout (set on the backend), a few retries
with exponential backoff on transient errors, and a process-wide circuit
breaker. A model's answer is verified against the engine (see :mod:`.verify`);
a contradicted answer never reaches the student. ``Solution.backend`` names
who answered and ``Solution.notes`` says why earlier backends were skipped.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from typing import Any

from ..config import Settings
from ..errors import ConfigError, ProblemError
from ..llm import BackendError, BackendUnavailable, ModelBackend, get_backend
from ..llm.base import Options
from ..llm.breaker import breaker_for
from ..solution import UNSUPPORTED, Solution
from .verify import CONTRADICTED, verify_solution

__all__ = ["solve_with_chain", "suggest_summary", "normalize_options"]

log = logging.getLogger(__name__)

BACKOFF_BASE_S = 0.5
BACKOFF_MAX_S = 8.0


def normalize_options(problem: str, options: Any = None) -> list[tuple[str, str]]:
    """Return ``[(letter, text), ...]`` from ``options`` or, failing that, options inline in ``problem``."""
    from ..mathengine import parse_options

    parsed = parse_options(options) if options else []
    if parsed:
        return parsed
    try:
        from ..mathengine.problem import analyze

        return list(analyze(problem).options)
    except Exception:  # options inline in the text are a convenience, never a failure
        log.debug("inline options not read", exc_info=True)
        return []


def _check_problem(settings: Settings, problem: str) -> str:
    text = (problem or "").strip()
    if not text:
        raise ProblemError("the problem is empty: type a math problem")
    if len(text) > settings.max_problem_chars:
        raise ProblemError(
            f"the problem is too long ({len(text)} characters; the limit is {settings.max_problem_chars})"
        )
    return text


def _with_retries(
    settings: Settings, name: str, call: Callable[[], Any], sleep: Callable[[float], None] = time.sleep
) -> Any:
    retries = max(0, int(settings.backend_retries))
    for attempt in range(retries + 1):
        try:
            return call()
        except BackendError as exc:
            if not exc.transient or attempt == retries:
                raise
            delay = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2**attempt) * (1 + random.random() / 4)
            log.info("%s failed (%s); retry %d in %.2f s", name, exc, attempt + 1, delay)
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


class _Engine:
    """The built-in engine's solution, computed at most once per solve."""

    def __init__(self, settings: Settings, problem: str, options: Options) -> None:
        self._args = (settings, problem, options)
        self._solution: Solution | None = None

    def solution(self) -> Solution:
        if self._solution is None:
            settings, problem, options = self._args
            self._solution = get_backend(settings, "builtin").solve(problem, options or None)
        return self._solution


def _try_model(settings: Settings, backend: ModelBackend, problem: str, options: Options) -> Solution | str:
    """Return the backend's solution, or a note saying why there is none."""
    breaker = breaker_for(backend.key, settings.breaker_failures, settings.breaker_window_s)
    blocked = breaker.blocked_reason()
    if blocked:
        return f"{backend.name} skipped: {blocked}"
    started = time.monotonic()
    try:
        solution = _with_retries(settings, backend.name, lambda: backend.solve(problem, options or None))
    except BackendError as exc:
        breaker.record_failure()
        log.warning("backend %s failed: %s", backend.name, exc)
        return f"{backend.name} failed: {exc}"
    except Exception as exc:  # a client-library bug must not cost the student the answer
        breaker.record_failure()
        log.exception("backend %s raised unexpectedly", backend.name)
        return f"{backend.name} failed: internal error ({type(exc).__name__})"
    breaker.record_success()
    log.info("backend %s answered in %.2f s", backend.name, time.monotonic() - started)
    if not solution.solved:
        return f"{backend.name} declined: {solution.reason}"
    return solution


def solve_with_chain(settings: Settings, problem: str, options: Any = None, *, only: str | None = None) -> Solution:
    """Solve ``problem`` with the configured chain and return one :class:`Solution`.

    The built-in engine is the last resort, so the chain always returns a
    solution (``unsupported`` when nothing could answer); placed earlier
    (``builtin,openai``) it answers what it can and models get the rest. ``only`` forces one
    backend (``--backend NAME``): no fallback, the model's own answer even when
    verification contradicts it (``verification == "contradicted"``, engine's
    answer in ``notes``), and a model failure comes back as an ``unsupported``
    solution carrying the reason. ``options`` may be a
    list or text; inline options in the problem are read too. Raises
    :class:`ProblemError` for empty or over-long input and
    :class:`ConfigError` for an unknown or (with ``only``) unconfigured backend.
    """
    text = _check_problem(settings, problem)
    opts = normalize_options(text, options)
    names = [only.strip().lower()] if only else settings.backend_chain
    engine = _Engine(settings, text, opts)
    notes: list[str] = []
    for position, name in enumerate(names, 1):
        if name == "builtin":
            solution = engine.solution()
            if solution.solved or position == len(names):
                return _finish(solution, notes)
            notes.append(f"builtin declined: {solution.reason}")  # e.g. "builtin,openai": models take the rest
            continue
        try:
            backend = _model_backend(settings, name)
        except BackendUnavailable as exc:
            if only:
                raise ConfigError(f"backend {name!r} is {exc}") from exc
            notes.append(f"{name} skipped: {exc}")
            continue
        except ConfigError as exc:  # a typo in HISOLVER_BACKENDS: say so, keep answering
            if only:
                raise
            log.warning("%s", exc)
            notes.append(f"{name} skipped: {exc}")
            continue
        formalised = _try_formalise(settings, backend, engine, text, opts)
        if formalised is not None:
            return _finish(formalised, notes)
        outcome = _try_model(settings, backend, text, opts)
        if isinstance(outcome, str):
            notes.append(outcome)
            continue
        verdict = verify_solution(outcome, text, opts, _engine_or_none(engine))
        if verdict.outcome == CONTRADICTED and not verdict.replaced and not only:
            notes.extend(verdict.solution.notes)
            notes.append(f"{name}'s answer was discarded")
            continue
        # a forced backend is being judged (eval, --backend): show its own, flagged answer
        return _finish(verdict.model or verdict.solution if only else verdict.solution, notes)
    if only:
        return _finish(Solution(problem=text, status=UNSUPPORTED, reason=f"{only} gave no answer", backend=only), notes)
    return _finish(engine.solution(), notes)  # the engine declined earlier and no model answered


def _try_formalise(
    settings: Settings, backend: ModelBackend, engine: _Engine, text: str, opts: Options
) -> Solution | None:
    """The model's program for a problem the engine declined, solved by the engine (see :mod:`.formalise`)."""
    if not settings.formalise or _engine_or_none(engine) is None or engine.solution().solved:
        return None
    from .formalise import formalise

    try:
        found = formalise(backend, text, opts, time_limit_s=settings.solve_timeout_s)
    except Exception:  # the formaliser is an extra try: any failure leaves the chain as it was
        log.exception("formalising with %s failed", backend.name)
        return None
    return found.solution if found is not None else None


def _model_backend(settings: Settings, name: str) -> ModelBackend:
    """The model backend called ``name``; raises like :func:`get_backend`, and ConfigError for a non-model."""
    backend = get_backend(settings, name)
    if not isinstance(backend, ModelBackend):  # only "builtin", which the chain handles itself
        raise ConfigError(f"backend {name!r} is not a model backend")
    return backend


def _engine_or_none(engine: _Engine) -> Solution | None:
    try:
        return engine.solution()
    except ProblemError:
        return None


def _finish(solution: Solution, notes: list[str]) -> Solution:
    solution.notes = notes + [n for n in solution.notes if n not in notes]
    return solution


def suggest_summary(settings: Settings, code: str) -> str | None:
    """Return a one-sentence request that would produce ``code``, from the first model backend.

    Returns None when no model backend is configured, its breaker is open, or it fails.
    """
    for name in settings.backend_chain:
        if name == "builtin":
            continue
        try:
            backend = _model_backend(settings, name)
        except BackendUnavailable:
            continue
        breaker = breaker_for(backend.key, settings.breaker_failures, settings.breaker_window_s)
        if breaker.blocked_reason():
            continue
        try:
            summary = _with_retries(settings, name, functools.partial(backend.summarize_code, code))
        except BackendError as exc:
            breaker.record_failure()
            log.warning("summary from %s failed: %s", name, exc)
            return None
        breaker.record_success()
        return summary
    return None
