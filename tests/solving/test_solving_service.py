"""The solve service: validation, recording, statistics, the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from hisolver_core.cli import main
from hisolver_core.errors import ProblemError
from hisolver_core.solution import Solution
from hisolver_core.solving import record_solve, solve_and_record, solve_problem, solve_stats
from hisolver_core.solving.service import SolveOutcome, update_video_time


def test_solve_returns_a_verified_solution_with_timings(settings):
    outcome = solve_problem(settings, "If 2x + 3 = 11, what is the value of x?", "A) 2 B) 4 C) 7 D) 8")
    s = outcome.solution
    assert s.solved and s.verified and s.backend == "builtin"
    assert s.choice == "B"
    assert outcome.options == ["A) 2", "B) 4", "C) 7", "D) 8"]
    assert outcome.timings["steps_ms"] > 0


@pytest.mark.parametrize("problem", ["", "   \n ", "x" * 2001])
def test_empty_or_huge_problems_are_refused(settings, problem):
    with pytest.raises(ProblemError):
        solve_problem(settings, problem)


def test_unsupported_problem_is_declined_not_guessed(settings):
    outcome = solve_problem(settings, "Prove that there are infinitely many primes.")
    assert outcome.solution.status == "unsupported"
    assert outcome.solution.answer_latex is None
    assert outcome.solution.reason


def test_solve_and_record_writes_one_row(settings, db):
    outcome = solve_and_record(settings, "Solve 3x - 4 = 11.")
    row = db["solves"].get(outcome.solve_id)
    assert row["problem"] == "Solve 3x - 4 = 11."
    assert row["status"] == "solved" and row["verified"] == 1 and row["backend"] == "builtin"
    assert row["answer"] == "5"
    assert json.loads(row["timings"])["steps_ms"] == row["steps_ms"]


def _fake(db, status="solved", steps_ms=10.0, video_ms=None, backend="builtin"):
    outcome = SolveOutcome(
        Solution(problem="p", status=status, backend=backend, verified=status == "solved"),
        timings={"steps_ms": steps_ms},
    )
    record_solve(db, outcome)
    if video_ms is not None:
        update_video_time(db, outcome.solve_id, video_ms, outcome)
    return outcome


def test_stats_count_and_percentiles(db):
    for i in range(1, 101):
        _fake(db, steps_ms=float(i), video_ms=float(i * 10) if i % 2 else None)
    _fake(db, status="unsupported", steps_ms=5.0, backend="openai")
    stats = solve_stats(db)
    assert stats["total"] == 101 and stats["solved"] == 100 and stats["verified"] == 100
    assert stats["by_status"] == {"solved": 100, "unsupported": 1}
    assert stats["by_backend"] == {"builtin": 100, "openai": 1}
    assert stats["steps_ms_p50"] == 50.0
    assert 95.0 <= stats["steps_ms_p95"] <= 96.0
    assert stats["videos"] == 50
    assert stats["video_ms_p50"] == 500.0


def test_stats_of_an_empty_store(db):
    stats = solve_stats(db)
    assert stats["total"] == 0 and stats["steps_ms_p50"] is None


def test_cli_solve_json_last_line(settings, monkeypatch):
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(settings.data_dir))
    result = CliRunner().invoke(main, ["solve", "What is 20% of 150?", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    assert set(data) >= {
        "status",
        "topic",
        "steps",
        "hints",
        "answer",
        "choice",
        "verified",
        "backend",
        "video",
        "timings",
    }
    assert data["status"] == "solved" and data["answer"] == "30" and data["video"] is None
    assert len(data["hints"]) >= 3 and all("30" not in h for h in data["hints"])


def test_cli_solve_empty_problem_is_one_line_error(settings, monkeypatch):
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(settings.data_dir))
    result = CliRunner().invoke(main, ["solve", "  "])
    assert result.exit_code == 1
    assert "empty" in result.output and "Traceback" not in result.output


def test_a_database_failure_never_costs_the_student_the_answer(settings):
    blocker = settings.data_dir
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the data folder should be")  # the database cannot be opened
    outcome = solve_and_record(settings, "Solve 3x - 4 = 11.")
    assert outcome.solution.solved and outcome.solution.answer_latex == "5"
    assert outcome.solve_id is None
