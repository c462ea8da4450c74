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


# MMLU elementary mathematics prints fractions in words ("6 over 7", "3 and 5 over 9") and adds instructions
MMLU = [
    ("Find 4 over 7 + 2 over 7.", ["(A)6 over 14", "(B)8 over 49", "(C)14 over 28", "(D)6 over 7"], "D"),
    (
        "Solve 5 over 8 *m = 6.",
        ["(A)3 and 5 over 9", "(B)3 and 3 over 4", "(C)5 and 1 over 3", "(D)9 and 3 over 5"],
        "D",
    ),
    # 10 over 12 equals 5 over 6 too: "in simplest form" picks the reduced one
    ("Write 60 over 72 in simplest form.", ["(A)4 over 6", "(B)10 over 12", "(C)15 over 17", "(D)5 over 6"], "D"),
    (
        "Write 4 and 4 over 5 as an improper fraction.",
        ["(A)28 over 5", "(B)4 over 5", "(C)24 over 5", "(D)20 over 5"],
        "C",
    ),
    ("Find the difference of 142.76 – 16.5.", ["(A)159.26", "(B)2.224", "(C)14,111", "(D)126.26"], "D"),
    ("Subtract. 2,396 – 1,709", ["(A)687", "(B)787", "(C)1,493", "(D)1,695"], "A"),
    ("Use a number line to find the sum of −9 + (−8).", ["(A)−17", "(B)1", "(C)−1", "(D)17"], "A"),
    ("Simplify 5^3. Use a calculator, paper and pencil, or mental math.", ["(A)15", "(B)125", "(C)8", "(D)53"], "B"),
    ("Solve the equation −6x = −36. Check your answer.", ["(A)-6", "(B)6", "(C)-42", "(D)216"], "B"),
    ("What value of y makes y + 2.9 = 11 true?", ["(A)8.1", "(B)8.9", "(C)9.1", "(D)13.9"], "A"),
    (
        "Identify a solution for the equation x + 2.7 = 8.4 from the given numbers.",
        ["(A)11.1", "(B)5.7", "(C)3.7"],
        "B",
    ),
]


@pytest.mark.parametrize(("question", "options", "expected"), MMLU)
def test_fractions_in_words_and_instructions(question: str, options: list[str], expected: str) -> None:
    sol = solve(question, options)
    assert sol.solved, sol.reason
    assert sol.choice == expected


def test_simplest_form_with_no_reduced_option_is_declined() -> None:
    sol = solve("Write 60 over 72 in simplest form.", ["(A)10 over 12", "(B)20 over 24", "(C)1 over 2"])
    assert not sol.solved


def test_a_named_operation_stays_when_the_math_does_not_write_it() -> None:
    assert "difference" in analyze("What is the difference of 10 and 4?").text  # no minus sign: the words say it
    assert "sum" in analyze("Find the sum of 3 × 4.").text  # a product, not a sum: not dropped


@pytest.mark.parametrize(
    ("question", "options", "expected"),
    [
        ("What is 123 / 8?", ["(A)15 remainder 7", "(B)15 remainder 3", "(C)16 remainder 5", "(D)16 remainder 1"], "B"),
        ("Divide. 7,285 ÷ 4", ["(A)1,801", "(B)1,801 R1", "(C)1,821", "(D)1,821 R1"], "D"),  # 4 * 1821 + 1
        ("What is 2,316 / 4?", ["(A)579", "(B)579 r2", "(C)578", "(D)578 r2"], "A"),  # no remainder: the whole number
    ],
)
def test_quotient_and_remainder_options(question: str, options: list[str], expected: str) -> None:
    sol = solve(question, options)
    assert sol.solved, sol.reason
    assert sol.choice == expected


def test_remainder_options_need_the_division_written() -> None:
    sol = solve("What is $x$ if $8x = 123$?", ["(A)15 remainder 7", "(B)15 remainder 3"])
    assert not sol.solved  # 123/8 is not "15 remainder 3" unless the problem is that division
