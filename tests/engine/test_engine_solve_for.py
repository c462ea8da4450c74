"""'Solve for x', 'Find the value of x', 'What is x if ...' and the substitution check step."""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import answers_equivalent, solve

ASKS = [
    ("Solve for x: $3x - 4 = 11$", "5"),
    ("Solve for x: 3x - 4 = 11", "5"),
    ("Solve for y: $2y + 1 = 9$.", "4"),
    ("Find the value of x if $2x+1=9$.", "4"),
    ("Find the value of x: $5x = 20$", "4"),
    ("What is x if $2x + 1 = 9$?", "4"),
    ("What is the value of x when $x/2 = 3$?", "6"),
    ("Solve for a: $a + 7 = 2$", "-5"),
    ("Find the value of x in the equation $2x = 14$.", "7"),
]


@pytest.mark.parametrize("problem,expected", ASKS)
def test_solve_for_phrasings(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.solved, sol.reason
    assert answers_equivalent(sol.answer_latex, expected)


def test_check_step_shows_the_substitution() -> None:
    sol = solve("Solve for x: $3x - 4 = 11$")
    last = sol.steps[-1]
    assert last.latex.startswith(r"3\left(5\right) - 4 = 11")
    assert "11 = 11" in last.latex
    assert "Substitute 5 for x" in last.text
    assert [s.latex for s in sol.steps].count("x = 5") == 1  # the answer is not repeated as the check


def test_linear_hint_shows_the_collected_step_not_the_answer() -> None:
    sol = solve("Solve for x: $3x - 4 = 11$")
    assert any("3 x = 15" in h for h in sol.hints)
    assert not any("x = 5" in h for h in sol.hints)


def test_bare_letter_after_other_words_stays_wording() -> None:
    # "a" here is an article, not an unknown: the problem has no equation to solve for it
    sol = solve("Find a number: $2 + 2$")
    assert not sol.solved or sol.answer_latex == "4"
