"""How the answer is asked for: rounding to a place (halves away from zero, as taught; tens and hundreds too),
"an improper fraction", "the radical", and givens set apart by \\qquad in one display.

Questions marked MATH are quoted from the MATH test set (../shared/data/math_test.jsonl).
"""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve
from hisolver_core.mathengine.build import rounded
from hisolver_core.mathengine.problem import analyze


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (sp.Rational(5, 2), 0, 3),  # Python's round(2.5) is 2: not what a student is taught
        (sp.Rational(-5, 2), 0, -3),
        (sp.Rational(7, 2), 0, 4),
        (sp.Rational(1245, 100), 1, sp.Rational(125, 10)),  # 12.45 -> 12.5 (the float 12.45 is just below)
        (sp.Integer(6287215), -4, 6290000),
        (sp.Integer(250), -2, 300),
        (sp.sqrt(2), 2, sp.Rational(141, 100)),
    ],
)
def test_rounding_halves_away_from_zero(value: sp.Expr, places: int, expected) -> None:
    result = rounded(value, places)
    assert sp.Rational(str(result)) == expected
    assert isinstance(result, sp.Integer) == (places <= 0)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Round $6287215$ to the nearest ten thousand.", "6290000"),  # MATH
        ("Estimate $14.7923412^2$ to the nearest hundred.", "200"),  # MATH: 218.8...
        ("Round $2.5$ to the nearest whole number.", "3"),
        ("Simplify the radical $\\sqrt{2940}$.", "14 \\sqrt{15}"),  # MATH: 2940 = 196 * 15
        ("Express $1.\\overline{234}$ as an improper fraction.", "\\frac{137}{111}"),  # MATH: 1 + 234/999
        (  # MATH: (-2/3)(5/7) / (-11/13) = 130/231
            "Suppose that the values of $x$, $y$, and $z$ are given by  \\[x=-\\frac{2}{3} \\qquad y=\\frac{5}{7}"
            " \\qquad z=-\\frac{11}{13}.\\]What is $\\frac{xy}{z}$?",
            "\\frac{130}{231}",
        ),
    ],
)
def test_answers(question: str, expected: str) -> None:
    sol = solve(question)
    assert sol.solved, sol.reason
    assert sol.answer_latex == expected


def test_estimate_without_a_place_is_not_an_exact_answer() -> None:
    assert not solve("Estimate $49 \\times 51$.").solved  # an estimate could be 2500: the exact 2499 is not it


def test_improper_fraction_is_a_fraction_form() -> None:
    assert analyze("Express $1.\\overline{3}$ as an improper fraction.").form == "common fraction"


def test_qquad_splits_only_equations() -> None:
    assert analyze("Let \\[x=2 \\qquad y=3.\\] What is $x+y$?").math[:2] == ["x=2", "y=3"]
    assert len(analyze("What is $2 \\qquad 3$?").math) == 1
