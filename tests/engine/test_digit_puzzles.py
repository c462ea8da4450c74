"""The unknown-digits reader: a numeral with letters or a blank for digits, and a condition on it.

Questions marked MATH are quoted from the MATH test set (../shared/data/math_test.jsonl); the answers are
worked by hand below each one.
"""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import solve
from hisolver_core.mathengine.digit_puzzles import read_digit_puzzle
from hisolver_core.mathengine.problem import analyze

ANSWERS = [
    # MATH: divisible by 2 and 9: 3 + 7 + 4 + n = 14 + n is a multiple of 9 and n is even: n = 4
    ("The four-digit number $\\underline{374n}$ is divisible by 18. Find the units digit $n$.", "4"),
    # MATH: 202, 212, ..., 292: only 252 = 7 * 36
    ("If the three-digit number $\\underline{2d2}$ is divisible by 7, what is $d$?", "5"),
    # MATH: 2 - 0 + d - 7 = d - 5 is a multiple of 11: d = 5
    ("What digit must be placed in the blank to make the four-digit integer $20\\_7$ a multiple of 11?", "5"),
    # MATH: 7 + A + B is a multiple of 9: A + B = 2 or 11: 3 + 8 = 11 numerals
    (
        "The four-digit number $25AB$ is divisible by nine, with $A$ the tens digit and $B$ the units digit. How many"
        " different such four-digit numbers could $25AB$ represent?",
        "11",
    ),
    ("What digit $A$ will make the number $83A5$ divisible by $9$?", "2"),  # 16 + A = 18
    ("What is the sum of all digits $d$ for which $\\underline{5d}$ is divisible by 3?", "12"),  # 1 + 4 + 7
]


@pytest.mark.parametrize(("question", "expected"), ANSWERS)
def test_answers(question: str, expected: str) -> None:
    sol = solve(question)
    assert sol.solved, sol.reason
    assert sol.reader == "digit_puzzles"
    assert sol.answer_latex == expected


@pytest.mark.parametrize(
    "question",
    [
        "The number $2x4$ is divisible by 4. What is $x$?",  # not said to be a numeral: 2x4 may be a product
        "The three-digit number $2x$ is divisible by 4. What is $x$?",  # three digits said, two written
        "The two-digit number $\\underline{AB}$ is divisible by 7, and $A$ and $B$ are distinct digits. What is $A$?",
        "The three-digit number $\\underline{2d2}$ is divisible by 7 and is loved by Sam. What is $d$?",
    ],
)
def test_not_read(question: str) -> None:
    assert read_digit_puzzle(analyze(question)) is None


def test_many_fits_are_declined() -> None:
    sol = solve("If the three-digit number $\\underline{2d2}$ is divisible by 2, what is $d$?")  # every d works
    assert not sol.solved
    assert "not exactly one" in sol.reason


def test_too_many_unknown_digits_are_declined() -> None:
    sol = solve("The nine-digit number $\\underline{1abcdefgh}$ is divisible by 7. How many such numbers are there?")
    assert not sol.solved and "four unknown digits" in sol.reason  # 10^8 tries: declined, not attempted
