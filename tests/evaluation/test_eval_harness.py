"""The evaluation harness: dataset formats, scoring, the time limit, the CLI."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from hisolver_core.cli import main
from hisolver_core.errors import ProblemError
from hisolver_core.evaluation import EvalItem, load_items, run_eval, run_items
from hisolver_core.mathengine import solve
from hisolver_core.solution import Solution

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def agieval_file(tmp_path: Path) -> Path:
    return _write(
        tmp_path / "sat.jsonl",
        [
            {
                "passage": "",
                "question": r"If $\frac{x-1}{3}=k$ and $k=3$, what is the value of $x ?$",
                "options": ["(A)2", "(B)4", "(C)9", "(D)10"],
                "label": "D",
            },
            {
                "passage": "A farmer has cows.",
                "question": "How many legs do the cows have?",
                "options": ["(A)2", "(B)4"],
                "label": "B",
            },
            {"passage": "", "question": "Solve $2x + 1 = 7$ for $x$.", "options": ["(A)3", "(B)4"], "label": "B"},
        ],
    )


def test_load_each_format(tmp_path: Path, agieval_file: Path) -> None:
    items = load_items(agieval_file, "agieval")
    assert [i.expected_letter for i in items] == ["D", "B", "B"]
    assert items[1].problem.startswith("A farmer has cows.\n")
    math = _write(
        tmp_path / "m.jsonl",
        [
            {"problem": "p1", "answer": "1", "subject": "Algebra", "level": 2},
            {"problem": "p2", "answer": "2", "subject": "Geometry", "level": 1},
            {"problem": "p3", "answer": "3", "subject": "Algebra", "level": 5},
        ],
    )
    assert [i.problem for i in load_items(math, "math", subjects=["algebra"], max_level=3)] == ["p1"]
    assert [i.problem for i in load_items(math, "math", subjects=["algebra"], min_level=4)] == ["p3"]
    gsm = _write(tmp_path / "g.jsonl", [{"question": "q", "answer": "work <<1+1=2>>\n#### 1,234"}])
    assert load_items(gsm, "gsm8k")[0].expected == "1234"
    aqua = _write(tmp_path / "a.jsonl", [{"question": "q", "options": ["A)1", "B)2"], "correct": "B"}])
    item = load_items(aqua, "aqua")[0]
    assert item.options == ["A)1", "B)2"] and item.expected_letter == "B"
    assert len(load_items(math, "math", limit=2)) == 2


def test_load_errors(tmp_path: Path) -> None:
    with pytest.raises(ProblemError):
        load_items(tmp_path / "missing.jsonl", "math")
    with pytest.raises(ProblemError):
        load_items(_write(tmp_path / "x.jsonl", [{"question": "q"}]), "nope")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"problem": "p"}\n', encoding="utf-8")
    with pytest.raises(ProblemError, match="line 1"):
        load_items(bad, "math")


def test_run_eval_scores_and_reports(agieval_file: Path, tmp_path: Path) -> None:
    seen = []
    out = tmp_path / "results.jsonl"
    report = run_eval(agieval_file, "agieval", progress=lambda d, t: seen.append((d, t)), out=out)
    s = report.summary
    assert (s["total"], s["answered"], s["correct"], s["wrong"]) == (3, 2, 1, 1)
    assert s["accuracy"] == pytest.approx(1 / 3, abs=1e-3) and s["precision"] == 0.5
    assert seen == [(1, 3), (2, 3), (3, 3)]
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["correct"] for r in lines] == [True, None, False]
    assert report.wrong_items[0]["choice"] == "A"
    assert report.by_topic["declined"]["total"] == 1


def _sleepy(problem: str, options=None) -> Solution:
    if "slow" in problem:
        time.sleep(30)
    return solve(problem, options)


def test_time_limit_kills_a_slow_solve_and_carries_on() -> None:
    items = [
        EvalItem(id="1", problem="slow one", expected="1"),
        EvalItem(id="2", problem="Solve $3x = 12$ for $x$.", expected="4"),
    ]
    started = time.perf_counter()
    report = run_items(items, _sleepy, time_limit_s=0.5)
    assert time.perf_counter() - started < 10
    first, second = report.items
    assert first["timed_out"] and first["correct"] is None and "time limit" in first["reason"]
    assert second["correct"] is True
    assert report.summary["timeouts"] == 1


def _crashing(problem: str, options=None) -> Solution:
    raise RuntimeError("backend exploded")


def test_backend_errors_are_results() -> None:
    report = run_items([EvalItem(id="1", problem="x", expected="1")], _crashing, time_limit_s=5)
    assert report.items[0]["correct"] is None and "exploded" in report.items[0]["reason"]


def test_cli_json_last_line(agieval_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["eval", "--dataset", str(agieval_file), "--format", "agieval", "--json", "--out", str(tmp_path / "r.jsonl")],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert {"total", "answered", "correct", "wrong", "accuracy", "precision", "seconds"} <= set(summary)
    assert summary["total"] == 3 and summary["correct"] == 1
    assert "topic" in result.output


def test_cli_chain_backend_runs_offline(agieval_file: Path) -> None:
    result = CliRunner().invoke(
        main, ["eval", "--dataset", str(agieval_file), "--format", "agieval", "--backend", "chain", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["total"] == 3


def test_cli_rejects_unknown_backend(agieval_file: Path) -> None:
    result = CliRunner().invoke(
        main, ["eval", "--dataset", str(agieval_file), "--format", "agieval", "--backend", "gpt"]
    )
    assert result.exit_code != 0


def test_cli_runs_a_packaged_set_by_name() -> None:
    result = CliRunner().invoke(
        main, ["eval", "--dataset", "sat_style_dev", "--format", "agieval", "--limit", "3", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1])["total"] == 3


@pytest.mark.parametrize("name", ["sat_style_devv", "no/such/file.jsonl"])
def test_cli_says_what_datasets_there_are(name: str) -> None:
    result = CliRunner().invoke(main, ["eval", "--dataset", name, "--format", "agieval"])
    assert result.exit_code == 2 and f"no file {name}" in result.output
    assert ("sat_style_dev" in result.output) is ("/" not in name)


@pytest.mark.skipif(not (SHARED_DATA / "math500_test.jsonl").exists(), reason="shared data not present")
def test_math500_subset_precision_smoke() -> None:
    report = run_eval(
        SHARED_DATA / "math500_test.jsonl", "math", subjects=["Algebra", "Prealgebra"], max_level=3, limit=30
    )
    assert report.summary["total"] == 30
    assert report.summary["wrong"] == 0
    assert report.summary["answered"] >= 8


def test_a_run_with_a_database_is_recorded_as_a_job(tmp_path, db):
    from hisolver_core.evaluation import run_eval
    from hisolver_core.jobs import list_jobs

    data = tmp_path / "tiny.jsonl"
    data.write_text('{"problem": "Solve $2x = 8$.", "answer": "4"}\n{"problem": "Write a poem.", "answer": "1"}\n')
    seen = []
    report = run_eval(data, "math", db=db, progress=lambda done, total: seen.append((done, total)))
    assert report.summary["correct"] == 1 and seen[-1] == (2, 2)
    [job] = list_jobs(db, kind="evaluate")
    assert job["status"] == "succeeded" and job["progress"] == 1.0
    assert job["message"] == "1/2 correct, 1 answered, precision 100.0%"


@pytest.mark.parametrize(
    ("solution", "answer"),
    [
        (r"So $x = \boxed{5}$.", "5"),
        (r"First $\boxed{3}$ by one route; by another, $\boxed{4}$.", "4"),  # the last answer counts
        (r"Therefore, the answers are $\boxed{-2}$ and $\boxed{1}$.", "-2, 1"),  # a list boxed item by item
        (r"the values $a = \boxed{-1}$ and $a = \boxed{2}.$", "-1, 2"),
        (r"This yields $\boxed{x+11}$ or $\boxed{11+x}$.", "11+x"),  # "or": two forms of one answer
        (r"$\boxed{\frac{1}{2}}$", r"\frac{1}{2}"),
        ("no box here", ""),
    ],
)
def test_math_answer_is_the_boxed_run(solution: str, answer: str) -> None:
    from hisolver_core.evaluation.datasets import _boxed

    assert _boxed(solution) == answer
