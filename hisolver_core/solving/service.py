"""Solve a problem through the backend chain, time it, record it, summarise recent solves."""

from __future__ import annotations

import json
import logging
import sqlite3
import statistics
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from ..config import Settings
from ..db import transaction, utcnow
from ..errors import HiSolverError, StorageError
from ..solution import Solution

if TYPE_CHECKING:
    from ..rendering import RenderService
    from .animate import Animation

__all__ = ["SolveOutcome", "solve_problem", "record_solve", "update_video_time", "solve_stats"]

log = logging.getLogger(__name__)


@dataclass
class SolveOutcome:
    """A solution plus how long each stage took (milliseconds)."""

    solution: Solution
    options: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    solve_id: int | None = None


def solve_problem(settings: Settings, problem: str, options: Any = None, backend: str | None = None) -> SolveOutcome:
    """Solve ``problem`` (with optional answer ``options``) through the configured chain.

    ``backend`` forces one backend by name. Returns a :class:`SolveOutcome`
    whose solution may be ``unsupported`` (with a reason); raises
    :class:`ProblemError` for empty or over-long input and ``ConfigError`` for
    an unknown backend.
    """
    from .chain import solve_with_chain

    started = time.perf_counter()
    solution = solve_with_chain(settings, problem, options or None, only=backend)
    steps_ms = (time.perf_counter() - started) * 1000
    opts = [f"{letter}) {body}" for letter, body in _options_list(options)]
    return SolveOutcome(solution=solution, options=opts, timings={"steps_ms": round(steps_ms, 1)})


def _options_list(options: Any) -> list[tuple[str, str]]:
    if not options:
        return []
    from ..mathengine import parse_options

    return parse_options(options)


def record_solve(db: Database, outcome: SolveOutcome) -> int:
    """Store one solve (problem, backend, status, verified, timings); return its id."""
    s = outcome.solution
    with transaction(db):
        pk = (
            db.table("solves")
            .insert(
                {
                    "problem": s.problem,
                    "options": json.dumps(outcome.options),
                    "backend": s.backend,
                    "status": s.status,
                    "topic": s.topic,
                    "verified": int(bool(s.verified)),
                    "answer": s.answer_latex,
                    "steps_ms": outcome.timings.get("steps_ms"),
                    "video_ms": outcome.timings.get("video_ms"),
                    "timings": json.dumps(outcome.timings),
                    "created_at": utcnow(),
                }
            )
            .last_pk
        )
    if pk is None:  # SQLite always returns the rowid; a None here is a broken database
        raise StorageError("the solve was not stored: no row id came back")
    outcome.solve_id = int(pk)
    return outcome.solve_id


def update_video_time(db: Database, solve_id: int, video_ms: float, outcome: SolveOutcome | None = None) -> None:
    """Record how long the video took for solve ``solve_id``."""
    if outcome is not None:
        outcome.timings["video_ms"] = round(video_ms, 1)
    row = db.table("solves").get(solve_id)
    timings = json.loads(row["timings"] or "{}")
    timings["video_ms"] = round(video_ms, 1)
    with transaction(db):
        db.table("solves").update(solve_id, {"video_ms": round(video_ms, 1), "timings": json.dumps(timings)})


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1], 1)


def solve_stats(db: Database, limit: int = 1000) -> dict[str, Any]:
    """Summarise the ``limit`` most recent solves.

    Returns counts (total, by status, by backend, by topic, verified) and the
    p50/p95 of time to steps and time to video in milliseconds.
    """
    rows = list(db.table("solves").rows_where(order_by="id desc", limit=limit))
    steps = [r["steps_ms"] for r in rows if r["steps_ms"] is not None]
    video = [r["video_ms"] for r in rows if r["video_ms"] is not None]

    def count(key: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in rows:
            name = r[key] or "(none)"
            out[name] = out.get(name, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))

    return {
        "total": len(rows),
        "solved": sum(1 for r in rows if r["status"] == "solved"),
        "verified": sum(1 for r in rows if r["verified"]),
        "by_status": count("status"),
        "by_backend": count("backend"),
        "by_topic": count("topic"),
        "steps_ms_p50": _percentile(steps, 50),
        "steps_ms_p95": _percentile(steps, 95),
        "video_ms_p50": _percentile(video, 50),
        "video_ms_p95": _percentile(video, 95),
        "videos": len(video),
    }


def solve_and_record(settings: Settings, problem: str, options: Any = None, backend: str | None = None) -> SolveOutcome:
    """:func:`solve_problem`, then :func:`record_solve` in the settings' database."""
    from ..db import open_db

    outcome = solve_problem(settings, problem, options, backend=backend)
    try:
        db = open_db(settings)
        try:
            record_solve(db, outcome)
        finally:
            db.close()
    except (sqlite3.Error, HiSolverError) as exc:  # the student keeps the answer; the statistic is lost
        log.warning("solve not recorded: %s", exc)
    return outcome


def animate_and_record(
    settings: Settings, renderer: RenderService, outcome: SolveOutcome, code: str | None = None, **options: Any
) -> Animation:
    """Animate ``outcome``'s solution (see :func:`animate`, which takes ``options``) and record the time to video.

    Returns the :class:`~hisolver_core.solving.animate.Animation`. A re-render
    of edited ``code`` is not a new time to video and is not recorded.
    """
    from ..db import open_db
    from .animate import animate

    started = time.perf_counter()
    anim = animate(settings, renderer, outcome.solution, code=code, **options)
    if code is None and outcome.solve_id is not None:
        try:
            db = open_db(settings)
            try:
                update_video_time(db, outcome.solve_id, (time.perf_counter() - started) * 1000, outcome)
            finally:
                db.close()
        except (sqlite3.Error, HiSolverError) as exc:  # the video matters more than its timing
            log.warning("video time not recorded: %s", exc)
    return anim
