"""Run a solver over a benchmark, each problem under a hard time limit, and score it.

Solves run in a worker process. When one runs past the limit the worker is
killed and a fresh one started, so one slow problem (SymPy can hang) never
stalls the run. On Linux the worker is forked from this process, so it starts
in milliseconds with SymPy already imported and any ``backend_solve`` callable
works; elsewhere it is spawned and ``backend_solve`` must be picklable.
"""

from __future__ import annotations

import json
import logging
import multiprocessing as mp
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..errors import ProblemError
from ..jobs import tracked_job
from ..mathengine import answers_equivalent
from ..mathengine import solve as builtin_solve
from ..mathengine.equivalence import to_value
from ..solution import Solution
from .datasets import EvalItem, load_items, normalise_letter

log = logging.getLogger(__name__)

__all__ = ["EvalReport", "run_eval", "run_items", "score_item", "load_report", "DEFAULT_TIME_LIMIT_S"]

DEFAULT_TIME_LIMIT_S = 5.0
SolveFn = Callable[[str, list[str] | None], Solution]


@dataclass
class EvalReport:
    """Per-item results, the summary and per-topic / per-subject tables."""

    items: list[dict] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    by_topic: dict = field(default_factory=dict)
    by_subject: dict = field(default_factory=dict)

    @property
    def wrong_items(self) -> list[dict]:
        """Answered items whose answer was wrong."""
        return [r for r in self.items if r["correct"] is False]


def _worker_main(conn, solve_fn: SolveFn) -> None:
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        problem, options = task
        try:
            sol = solve_fn(problem, options or None)
            conn.send({"ok": True, "solution": sol.to_dict()})
        except Exception as exc:  # the backend's own error is a result, not a crash of the run
            conn.send({"ok": False, "error": f"{type(exc).__name__}: {exc}"})


class _Worker:
    """One solver process that can be killed and replaced."""

    def __init__(self, solve_fn: SolveFn) -> None:
        methods = mp.get_all_start_methods()
        self._ctx: Any = mp.get_context("fork" if "fork" in methods else "spawn")  # Fork- or SpawnContext
        self._solve_fn = solve_fn
        self._start()

    def _start(self) -> None:
        self._conn, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=_worker_main, args=(child, self._solve_fn), daemon=True)
        self._proc.start()
        child.close()

    def run(self, problem: str, options: list[str] | None, limit: float) -> dict | None:
        """Return the worker's reply, or None when it ran past ``limit`` seconds (it is then replaced)."""
        try:
            self._conn.send((problem, options))
            if self._conn.poll(limit):
                return self._conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            log.warning("solver worker died; starting a new one")
            self._restart()
            return {"ok": False, "error": "the solver process crashed"}
        self._restart()
        return None

    def _restart(self) -> None:
        self._proc.kill()
        self._proc.join(timeout=5)
        self._conn.close()
        self._start()

    def close(self) -> None:
        """Stop the worker."""
        try:
            self._conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self._proc.join(timeout=2)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join(timeout=2)
        self._conn.close()


def score_item(item: EvalItem, solution: dict | None) -> bool | None:
    """True/False for an answered item, None when the solver declined (or timed out)."""
    if not solution or solution.get("status") != "solved":
        return None
    if item.expected_letter:
        return normalise_letter(solution.get("choice")) == item.expected_letter
    answer = solution.get("answer_latex") or ""
    if item.rounded and _matches_rounded(answer, item.expected):
        return True
    verdict = answers_equivalent(answer, item.expected)
    return bool(verdict)


def _matches_rounded(answer: str, expected: str) -> bool:
    """True when ``answer`` is a number that, rounded to ``expected``'s printed decimals, equals it (17/3 ~ 5.7)."""
    m = re.fullmatch(r"-?\d+\.(\d+)", expected.strip())
    if not m:
        return False
    value = to_value(answer)
    try:
        return value is not None and bool(value.is_number) and round(float(value), len(m.group(1))) == float(expected)
    except (TypeError, ValueError, AttributeError):
        return False


def _result(item: EvalItem, reply: dict | None, seconds: float) -> dict:
    sol = reply.get("solution") if reply and reply.get("ok") else None
    reason = "time limit exceeded" if reply is None else (sol or {}).get("reason") or reply.get("error", "")
    return {
        "id": item.id,
        "subject": item.subject,
        "level": item.level,
        "problem": item.problem,
        "options": item.options,
        "expected": item.expected,
        "status": (sol or {}).get("status", "unsupported"),
        "topic": (sol or {}).get("topic") or "",
        "answer": (sol or {}).get("answer_latex"),
        "choice": (sol or {}).get("choice"),
        "reader": (sol or {}).get("reader") or "",
        "correct": score_item(item, sol),
        "timed_out": reply is None,
        "formalised": (sol or {}).get("reader") == "formalise",  # a model's MathProgram, solved by the engine
        "seconds": round(seconds, 4),
        "reason": "" if sol and sol.get("status") == "solved" else reason,
    }


def _table(results: list[dict], key: str) -> dict:
    table: dict[str, dict] = {}
    for r in results:
        name = r[key] or ("declined" if key == "topic" else "all")
        row = table.setdefault(name, {"total": 0, "answered": 0, "correct": 0, "wrong": 0})
        row["total"] += 1
        row["answered"] += r["correct"] is not None
        row["correct"] += r["correct"] is True
        row["wrong"] += r["correct"] is False
    for row in table.values():
        row["precision"] = round(row["correct"] / row["answered"], 4) if row["answered"] else None
    return dict(sorted(table.items()))


def summarise(results: list[dict], seconds: float) -> dict:
    """The summary dict: total, answered, correct, wrong, accuracy, precision, seconds, timing."""
    total = len(results)
    answered = sum(r["correct"] is not None for r in results)
    correct = sum(r["correct"] is True for r in results)
    times = sorted(r["seconds"] for r in results)
    return {
        "total": total,
        "answered": answered,
        "correct": correct,
        "wrong": answered - correct,
        "accuracy": round(correct / total, 4) if total else 0.0,
        "precision": round(correct / answered, 4) if answered else None,
        "coverage": round(answered / total, 4) if total else 0.0,
        "timeouts": sum(r["timed_out"] for r in results),
        "formalised": sum(bool(r.get("formalised")) for r in results),
        "seconds": round(seconds, 3),
        "median_s": round(statistics.median(times), 4) if times else None,
        "p95_s": round(times[min(len(times) - 1, int(0.95 * len(times)))], 4) if times else None,
    }


def run_items(
    items: list[EvalItem],
    backend_solve: SolveFn | None = None,
    *,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    progress: Callable[[int, int], None] | None = None,
    out: str | Path | None = None,
) -> EvalReport:
    """Solve and score ``items``; return an :class:`EvalReport`. ``out`` receives one JSON line per item."""
    solve_fn = backend_solve or builtin_solve
    if backend_solve is None:
        builtin_solve("2x + 3 = 7")  # warm SymPy's lazy imports once, before forking workers
    results: list[dict] = []
    started = time.perf_counter()
    worker = _Worker(solve_fn)
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    sink = Path(out).open("w", encoding="utf-8") if out else None
    try:
        for n, item in enumerate(items, start=1):
            t0 = time.perf_counter()
            reply = worker.run(item.problem, item.options or None, time_limit_s)
            result = _result(item, reply, time.perf_counter() - t0)
            results.append(result)
            if sink:
                sink.write(json.dumps(result, ensure_ascii=False, default=str) + "\n")
            if progress:
                progress(n, len(items))
    finally:
        worker.close()
        if sink:
            sink.close()
    return EvalReport(
        items=results,
        summary=summarise(results, time.perf_counter() - started),
        by_topic=_table(results, "topic"),
        by_subject=_table(results, "subject"),
    )


def load_report(out: str | Path, seconds: float = 0.0) -> EvalReport:
    """Rebuild the :class:`EvalReport` of a finished run from its per-item JSONL (``out``).

    Raises :class:`ProblemError` when the file is missing or unreadable.
    """
    try:
        results = [json.loads(line) for line in Path(out).read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as exc:
        raise ProblemError(f"cannot read the evaluation results {out}: {exc}") from exc
    return EvalReport(
        items=results,
        summary=summarise(results, seconds),
        by_topic=_table(results, "topic"),
        by_subject=_table(results, "subject"),
    )


def run_eval(
    path: str | Path,
    fmt: str,
    backend_solve: SolveFn | None = None,
    limit: int | None = None,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    progress: Callable[[int, int], None] | None = None,
    out: str | Path | None = None,
    *,
    subjects: list[str] | None = None,
    max_level: int | None = None,
    db: Database | None = None,
) -> EvalReport:
    """Run ``backend_solve`` (default: the built-in engine) over a benchmark file and score it.

    ``fmt`` is agieval, math, gsm8k or aqua; ``progress(done, total)`` is called
    after each item. With ``db`` the run is recorded as an ``evaluate`` job.
    Raises ProblemError for an unreadable dataset.
    """
    items = load_items(path, fmt, subjects=subjects, max_level=max_level, limit=limit)
    if db is None:
        return run_items(items, backend_solve, time_limit_s=time_limit_s, progress=progress, out=out)
    params = {"dataset": str(path), "format": fmt, "limit": limit, "subjects": subjects, "max_level": max_level}
    callback = None if progress is None else (lambda done, total, _message="": progress(done, total))
    with tracked_job(db, "evaluate", params, callback) as job:
        report = run_items(items, backend_solve, time_limit_s=time_limit_s, progress=job, out=out)
        s = report.summary
        precision = "-" if s["precision"] is None else f"{s['precision']:.1%}"
        job.message = f"{s['correct']}/{s['total']} correct, {s['answered']} answered, precision {precision}"
        job.metrics({**s, "by_topic": report.by_topic})  # the Jobs and Evaluate pages show them
    return report
