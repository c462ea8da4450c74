"""The one pipeline: registered readers in order, one Context per problem version, shared checks, reader recorded."""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import context, readers, solve
from hisolver_core.mathengine.build import Decline, solved, step
from hisolver_core.mathengine.program import MathProgram
from hisolver_core.solution import Solution

# the chain the engine ran by hand before the pipeline (engine._solve_problem's or-chains), in its order
OLD_CHAIN = [
    "wording",
    "story",
    "statements",
    "solution_count_option",
    "fee_model",
    "needs_math",
    "interpret_model",
    "model_extremum",
    "model_value",
    "rectangle_expression",
    "form_option",
    "tolerance_option",
    "solution_set_option",
    "line_option",
    "formula_model",
    "graph_property",
    "written_math",
]


def _register(monkeypatch: pytest.MonkeyPatch, name: str, order: int, fn) -> None:
    """Register ``fn`` as a reader for this test only."""
    monkeypatch.setitem(readers._REGISTRY, name, readers.Reader(name=name, handles="a test", order=order, read=fn))


def test_the_old_families_run_in_the_old_order_each_saying_what_it_handles():
    names = [r.name for r in readers.registered_readers()]
    assert [n for n in names if n in OLD_CHAIN] == OLD_CHAIN
    assert all(r.handles.strip() for r in readers.registered_readers())


@pytest.mark.parametrize(
    ("problem", "options", "reader", "answer"),
    [
        ("If $3x + 2 = 11$, what is the value of $x$?", ["(A) 1", "(B) 3", "(C) 5", "(D) 7"], "written_math", "3"),
        ("The sum of two consecutive integers is 15. What is the larger integer?", None, "story", "8"),
        ("Ann has 3 apples. Bob has 5 more apples than Ann. How many apples does Bob have?", None, "statements", "8"),
    ],
)
def test_the_reader_that_answered_is_recorded_and_round_trips(problem, options, reader, answer):
    sol = solve(problem, options)
    assert sol.solved and sol.answer_latex == answer
    assert sol.reader == reader
    again = Solution.from_dict(sol.to_dict())
    assert again.reader == reader and again.to_dict() == sol.to_dict()


def test_a_declined_problem_names_no_reader():
    sol = solve("What colour is the sky on a sunny day?")
    assert not sol.solved and sol.reader == ""


def test_the_context_is_built_once_for_all_the_context_readers(monkeypatch):
    built: list[str] = []
    real = context.build_context

    def counting(problem):
        built.append(problem.text)
        return real(problem)

    monkeypatch.setattr(context, "build_context", counting)
    sol = solve("What is the value of $2^3 + 1$?")  # one sentence: no bare version; read by the last reader
    assert sol.solved and sol.answer_latex == "9" and sol.reader == "written_math"
    assert len(built) == 1


def test_the_option_check_runs_after_any_reader(monkeypatch):
    def answers_three(prob):
        return solved(
            prob.raw, "test", [step("x = 3", "Given."), step("3", "So.")], [], sp.Integer(3), verification="t"
        )

    _register(monkeypatch, "test_three", 1, answers_three)
    sol = solve("Pick the one that is three: $1$, $2$ or $3$?", ["(A) 1", "(B) 3", "(C) 5", "(D) 7"])
    assert sol.solved and sol.choice == "B" and sol.reader == "test_three"

    no_match = solve("Pick the one that is three: $1$, $2$ or $3$?", ["(A) 1", "(B) 2", "(C) 5", "(D) 7"])
    assert not no_match.solved  # the shared option check declines: no option equals the answer


def test_the_target_check_runs_after_any_reader(monkeypatch):
    def answers_a_fraction(prob):
        return solved(
            prob.raw, "test", [step("x", "Given."), step("y", "So.")], [], sp.Rational(13, 2), verification="t"
        )

    _register(monkeypatch, "test_fraction", 1, answers_a_fraction)
    sol = solve("A shop sells $12$ watches a day. How many days does it need to sell $78$ watches?")
    assert not sol.solved and "whole number" in sol.reason


def test_a_reader_that_declines_stops_the_ordinary_readers_with_its_reason(monkeypatch):
    def declines(prob):
        raise Decline("This test reader recognised the problem and cannot answer it.")

    _register(monkeypatch, "test_decline", 1, declines)
    for name in [r.name for r in readers.registered_readers() if r.is_fallback]:
        monkeypatch.delitem(readers._REGISTRY, name)
    sol = solve("If $3x + 2 = 11$, what is the value of $x$?")
    assert not sol.solved and sol.reason == "This test reader recognised the problem and cannot answer it."


def test_after_a_decline_only_the_fallback_readers_try(monkeypatch):
    seen: list[str] = []

    def declines(prob):
        raise Decline("This test reader recognised the problem and cannot answer it.")

    _register(monkeypatch, "test_decline", 1, declines)
    _register(monkeypatch, "test_ordinary", 2, lambda prob: seen.append("ordinary"))
    _register(monkeypatch, "a_fallback", readers.FALLBACK_ORDER, lambda prob: seen.append("fallback"))
    sol = solve("If $3x + 2 = 11$, what is the value of $x$?")
    assert "ordinary" not in seen and "fallback" in seen
    assert sol.solved and sol.reader == "forms"  # the project's fallback reads the written-out math


def test_a_reader_returning_none_lets_the_next_one_answer(monkeypatch):
    seen: list[str] = []
    _register(monkeypatch, "test_none", 1, lambda prob: seen.append(prob.raw))
    sol = solve("If $3x + 2 = 11$, what is the value of $x$?")
    assert seen and sol.solved and sol.reader == "written_math"


def test_a_program_reader_is_solved_and_recorded(monkeypatch):
    program = MathProgram.from_dict(
        {"target": {"kind": "value", "expr": "x"}, "unknowns": [{"name": "x"}], "relations": ["3*x + 2 = 11"]}
    )
    _register(monkeypatch, "test_program", 1, lambda prob: program)
    sol = solve("If $3x + 2 = 11$, what is the value of $x$?")
    assert sol.solved and sol.reader == "test_program" and sol.answer == 3 and sol.verified
