"""The sequence reader: listed runs, terms given by position, rules for the next term, and the traps it declines.

Questions marked MATH are quoted from the development half of the MATH set; the expected answers are
worked by hand (1000 - 13 * 76 = 12; 13 + 7(n - 1) = 2008 gives n = 286 ...).
"""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve
from hisolver_core.mathengine.problem import analyze
from hisolver_core.mathengine.program import MathProgram, Relation, Target, Unknown
from hisolver_core.mathengine.program_solve import solve_program
from hisolver_core.mathengine.sequences import read_sequence

SOLVED = [
    # a listed run, the n-th term or the terms that follow
    ("What is the 100th term of the arithmetic sequence 6, 10, 14, 18, ...?", "402"),  # MATH
    ("What is the 6th term of the sequence 2, 6, 18, 54, ...?", "486"),  # the numbers fix the kind: ratio 3
    ("What is the 10th term of the sequence 5, 8, 11, ...?", "32"),  # difference 3
    ("What is the fifth term of the geometric sequence 3, -6, ...?", "48"),  # the word fixes the kind
    (
        "What is the sum of the next two terms in the geometric sequence 1, $\\frac{1}{2}$, $\\frac{1}{4}$, "
        "$\\frac{1}{8}$, $\\ldots$? Express your answer as a common fraction.",
        "3/32",
    ),  # MATH
    # unknowns among the listed terms
    ("What is the value of $y$ in the arithmetic sequence $y + 6$, $12$, $y$?", "9"),  # MATH: 2*12 = 2y + 6
    (
        "Each successive term in the sequence $243, 81, x, y, 3, \\ldots$ is obtained by multiplying the previous "
        "term by a constant. What is the value of $x + y$?",
        "36",
    ),  # MATH: 27 + 9
    # terms given by position
    ("The third term of an arithmetic sequence is $5$ and the sixth term is $-1.$ Find the twelfth term.", "-13"),
    (
        "If the first term of an arithmetic sequence equals the third minus the second, and the fourth term is $8$, "
        "what is the first term?",
        "2",
    ),  # MATH: a = d, a + 3d = 8
    (
        "The first term of an arithmetic sequence is $2$. The sum of the third and the sixth terms is $25$. "
        "What is the fourth term?",
        "11",
    ),  # MATH: 4 + 7d = 25
    # a rule for the next term
    (
        "A sequence starts with the term 2222. Each succeeding term is found by adding 1010 to the previous term. "
        "What is the sum of the sixth and seventh terms?",
        "15554",
    ),  # MATH: 7272 + 8282
    (
        "A sequence starts with the term 5. Each term is obtained by multiplying the previous term by 2. "
        "What is the fourth term?",
        "40",
    ),
    # the common difference (ratio) named in words, the sum of the first n terms
    ("The first term of an arithmetic sequence is 2 and the common difference is 3. What is the tenth term?", "29"),
    ("The common ratio of a geometric sequence is 2 and the third term is 12. What is the first term?", "3"),
    ("What is the common difference of the sequence 2, 6, 10, ...?", "4"),
    ("What is the sum of the first two terms of the arithmetic sequence 6, 10, 14, ...?", "16"),
    ("What is the sum of the first ten terms of the arithmetic sequence 1, 3, 5, ...?", "100"),  # 10^2
    ("What is the sum of the first 5 terms of the geometric sequence 2, 6, 18, ...?", "242"),  # 2(3^5 - 1)/2
    ("What is the 2003rd term of the sequence of odd numbers 1, 3, 5, 7, $\\dots$?", "4005"),  # MATH
    # counts, positions, the least positive term
    ("How many integers belong to the arithmetic sequence 13, 20, 27, 34, $\\dots$, 2008?", "286"),  # MATH
    ("Which term of the arithmetic sequence 4, 7, 10, ... is 31?", "10"),
    (
        "For the arithmetic sequence $1000, ~987, ~974, ~961, \\ldots ,$ what is the least positive integer in the "
        "sequence?",
        "12",
    ),  # MATH: 1000 - 13 * 76
    ("What is the least positive integer in the arithmetic sequence -20, -17, -14, ...?", "1"),  # increasing
]


@pytest.mark.parametrize(("problem", "expected"), SOLVED)
def test_sequence_answers(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.solved and sol.reader == "sequences", sol.reason
    assert sp.simplify(sol.answer - sp.sympify(expected)) == 0
    assert sol.steps[0].latex.startswith("a_n = a_1"), "the formula is written out first"


DECLINED = [
    "What is the 5th term of the sequence 2, 4, ...?",  # two terms: arithmetic (10) or geometric (32)
    "What is the 5th term of the arithmetic sequence 2, 4, 8, ...?",  # the listed terms are not arithmetic
    "What is the 5th term of the sequence 1, 2, 4, 7, ...?",  # neither kind fits
    "What is the 5th term of the geometric sequence 2, 4, ...? Each term is found by adding 2 to the previous term.",
    "How many integers belong to the arithmetic sequence 13, 20, 27, 34, ..., 2009?",  # 2009 is not a term
    "How many integers belong to the arithmetic sequence 1, 1.5, 2, ..., 10?",  # not all terms are integers
    "What is the 100th term of the arithmetic sequence 6, 10, 14, 18, ... rounded up?",  # a word left over
    "What is the sum of the first two even terms of the arithmetic sequence 5, 10, 15, ...?",  # "even" not placed
    "What is the sum of the third, fourth and fifth terms of the arithmetic sequence 1, 3, 5, ...?",
    "What is the next term of the arithmetic sequence 1, 3, 5?",  # the run does not go on
    "The third term of an arithmetic sequence is 5. Find the twelfth term.",  # d is not fixed
    "What is the least positive integer in the geometric sequence 1000, 100, 10, ...?",  # no least positive term
    "The common difference of a geometric sequence is 2 and the third term is 12. What is the first term?",
    "The second term of a geometric sequence is 6 and the fourth term is 24. What is the third term?",  # r = 2 or -2
    "If d is 3 and the first term of an arithmetic sequence is 2, what is the fourth term?",  # the problem's own d
    "What is the 10th term of the sequence of even numbers 1, 3, 5, 7, ...?",  # the description does not fit
    "What is the 5th term of the arithmetic sequence 05, 10, 15, ...?",  # a number the reader does not read
]


@pytest.mark.parametrize("problem", DECLINED)
def test_sequence_traps_not_answered_by_the_reader(problem: str) -> None:
    sol = solve(problem)
    assert not (sol.solved and sol.reader == "sequences"), sol.answer


def test_kind_conflict_returns_no_reading() -> None:
    prob = analyze("Each term of the arithmetic sequence is found by multiplying the previous term by 3. What is x?")
    assert read_sequence(prob) is None


def test_relations_tie_each_term_to_the_model() -> None:
    prob = analyze("The third term of an arithmetic sequence is $5$ and the sixth term is $-1.$ Find the twelfth term.")
    read = read_sequence(prob)
    assert read is not None
    reading, kind = read
    assert kind == "arithmetic" and reading.relations == ["T3 = 5", "T6 = -1"] and reading.question == ("value", "T12")


@pytest.mark.parametrize(("pick", "expected"), [("min", 12), ("max", 1000)])
def test_extreme_of_an_expression_linear_in_an_integer_unknown(pick: str, expected: int) -> None:
    program = MathProgram(
        target=Target("value", expr="1013 - 13*n", pick=pick),
        unknowns=[Unknown("n", "positive_integer")],
        relations=[Relation("1013 - 13*n > 0")],
    )
    assert solve_program(program).answer == expected


def test_extreme_of_a_nonlinear_expression_declines() -> None:
    from hisolver_core.mathengine.build import Decline

    program = MathProgram(
        target=Target("value", expr="n**2", pick="min"),
        unknowns=[Unknown("n", "positive_integer")],
        relations=[Relation("n < 5")],
    )
    with pytest.raises(Decline):
        solve_program(program)
