"""Functions by cases or of several inputs (``definitions.py``), operations defined in the text (``operations.py``)
and calls that nest through inverses: answered when one reading holds, declined otherwise."""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve
from hisolver_core.mathengine.build import Decline
from hisolver_core.mathengine.definitions import Definition, read_definition
from hisolver_core.mathengine.parse import parse_math

CASES = r"f(x) = \begin{cases} 3x + 5 &\text{if }x<-3, \\ 7-4x&\text{if }x\ge -3. \end{cases}"


def test_cases_become_pieces() -> None:
    defn = read_definition(CASES, parse_math)
    assert isinstance(defn, Definition) and defn.by_cases
    x = sp.Symbol("x")
    assert defn.apply([sp.Integer(-10)]) == -25
    assert defn.apply([sp.Integer(-3)]) == 19
    with pytest.raises(Decline):
        defn.apply([x])  # only at numbers


def test_several_inputs() -> None:
    defn = read_definition(r"F(a, b, c) = a^b + c", parse_math)
    assert defn is not None and defn.params == tuple(sp.symbols("a b c"))
    assert defn.apply([sp.Integer(2), sp.Integer(3), sp.Integer(1)]) == 9
    with pytest.raises(Decline):
        defn.apply([sp.Integer(2)])
    assert read_definition(r"P(a, b) = (3, 4)", parse_math) is None  # a point, not a formula
    assert read_definition(r"F(a, b) = a + c", parse_math) is None  # c is not an input: an equation


ANSWERED = [
    (rf"Let \[{CASES} \]Find $f(-10)$.", "-25"),
    (
        r"Let \[ f(x) = \begin{cases} -\sqrt[3]x & \text{if } x \geq 0,\\ x^2& \text{if } x <0. \end{cases} \]"
        r"Compute $f(f(f(f(512)))).$",
        "16",
    ),
    (
        r"For integers $n$, let \[f(n) = \left\{ \begin{array}{cl} n^2 + 1 & \text{ if }n\text{ is odd}, \\ "
        r"n/2 & \text{ if }n\text{ is even}. \end{array} \right.\]Find $f(f(6))$.",
        "10",
    ),
    (
        r"Let \[g(x) = \begin{cases} x^2 & \text{if } x > 2 \\ 5 & \text{otherwise} \end{cases}\] Find $g(1) + g(3)$.",
        "14",
    ),
    (r"For nonzero $a$, $b$, $c$, define \[\text{{D}}(a,b,c)=\frac{a+b}{c}.\]Find $\text{{D}}(2,4,3)$.", "2"),
    (r"If $F(a, b, c) = a^b + c$, what is the value of $b$ such that $F(3, b, 1) = 28$?", "3"),
    (
        r"$P$ and $Q$ represent numbers, and $P \ast Q$ means $\cfrac{P+Q}{3}$. What is $6 \ast (1 \ast 2)$?",
        r"\frac{7}{3}",
    ),
    (r"Let $\Psi$ be the relation defined by $A\ \Psi\ B=A+2B$. What is the value of $1\ \Psi\ (2\ \Psi\ 3)$?", "17"),
    (
        r"If $A\ \heartsuit\ B$ is defined as $A\ \heartsuit\ B = 2A + B$, what is $A$ for which $A\ \heartsuit\ 3 = 11$?",
        "4",
    ),
    (r"If $*$ represents an operation defined by $a*b=a+b^2$, find $(1*2)*1$.", "6"),
    # MATH: a plain * defined for all its inputs is an operation (2a + 3b at 4, 3; 2^6 + 6^2)
    (r"If $a * b = 2a + 3b$ for all $a$ and $b$, then what is the value of $4 * 3$?", "17"),
    (
        r"If $a * b = a^b + b^a$, for all positive integer values of $a$ and $b$, then what is the value of $2 * 6$?",
        "100",
    ),
    (r"If $\&x$ is defined as $\&x = x - 1$ and $\#x$ is defined as $\#x = 2x$, what is the value of $\#(\&4)$?", "6"),
    (r"For any number $x$, we are told that $x\&=5-x$ and $\&x = x -5$. What is the value of $\&(12\&)$?", "-12"),
    (r"Let $f(x)=x+2$ and $g(x)=3x$. Compute $f(g^{-1}(f^{-1}(g(f(1)))))$.", "\\frac{13}{3}"),
    (r"If $f(x)=x^3+1$, what is $f^{-1}(f(f^{-1}(28)))$?", "3"),
]


@pytest.mark.parametrize("problem, answer", ANSWERED)
def test_answered(problem: str, answer: str) -> None:
    sol = solve(problem)
    assert sol.solved, sol.reason
    assert sol.answer_latex == answer


DECLINED = [
    # no case covers 1/2, two cases cover 1
    r"Let \[f(x) = \begin{cases} x &\text{if }x<0, \\ 2&\text{if }x > 1. \end{cases} \]Find $f(\frac{1}{2})$.",
    r"Let \[f(x) = \begin{cases} x &\text{if }x \le 1, \\ 2x&\text{if }x \ge 1. \end{cases} \]Find $f(1)$.",
    # parity at a fraction; a condition it cannot read
    r"Let \[f(n) = \begin{cases} n+1 &\text{if }n\text{ is odd}, \\ n&\text{if }n\text{ is even}. \end{cases} \]"
    r"Find $f(\frac{3}{2})$.",
    r"Let \[f(n) = \begin{cases} n+1 &\text{if }n\text{ is prime}, \\ n&\text{otherwise}. \end{cases} \]Find $f(7)$.",
    # a function by cases at an unknown input, or inverted
    r"Let \[f(x) = \begin{cases} x+1 &\text{if }x<0, \\ 2x&\text{if }x \ge 0. \end{cases} \]If $f(a) = 4$, find $a$.",
    r"Let \[f(x) = \begin{cases} x+1 &\text{if }x<0, \\ 2x&\text{if }x \ge 0. \end{cases} \]Find $f^{-1}(4)$.",
    # a symbol used both on two numbers and on one
    r"If $a \& b = a + b$ and $\&x = x^2$, find $\&(1 \& 2)$.",
    # a function of three inputs given two
    r"If $F(a, b, c) = a + b + c$, what is $F(1, 2)$?",
]


@pytest.mark.parametrize("problem", DECLINED)
def test_declined(problem: str) -> None:
    sol = solve(problem)
    assert not sol.solved, f"answered {sol.answer_latex}"
    assert sol.reason


def test_a_star_without_an_operation_multiplies() -> None:
    sol = solve(r"If $a*b = 12$ and $a = 3$, what is the value of $b$?")
    assert sol.solved and sol.answer_latex == "4"


def test_piecewise_steps_show_the_definition() -> None:
    sol = solve(rf"Let \[{CASES} \]Find $f(-10)$.")
    assert any("case" in s.text for s in sol.steps)


def test_a_function_known_by_values() -> None:
    text = (
        r"Given that $f(x)$ is a function such that $f(2)=5$, $f(5)=1$, $f(1)=8$, and $f^{-1}(x)$ is the inverse "
        r"of $f(x)$, what is $f^{-1}(f^{-1}(1))$?"
    )
    sol = solve(text)
    assert sol.solved and sol.answer_latex == "2", sol.reason


@pytest.mark.parametrize(
    "problem",
    [
        r"Given that $f(2)=5$ and $f(5)=1$, what is $f(3)$?",  # not a listed input
        r"Given that $f(2)=5$ and $f(3)=5$, what is $f^{-1}(5)$?",  # two inputs share the value
        r"If $f(1)=2$, $f(2)=3$ and $f(x+1) = f(x) + 1$, what is $f(3)$?",  # an equation about f, not a list
    ],
)
def test_values_that_do_not_fix_the_answer(problem: str) -> None:
    assert not solve(problem).solved


FRACTION_OP = r"The operation @ is defined as $\frac{m}{n}@\frac{p}{q} = (m)(p)\left(\frac{q}{n}\right)$ for simplified fractions $\frac{p}{q}$."


def test_an_operation_on_fractions_reads_their_parts() -> None:
    sol = solve(FRACTION_OP + r" What is the simplified value of $\frac{3}{10}@\frac{5}{6}$?")
    assert sol.solved and sol.answer_latex == "9", sol.reason


def test_an_operation_on_fractions_declines_a_fraction_not_in_lowest_terms() -> None:
    assert not solve(FRACTION_OP + r" What is the value of $\frac{2}{4}@\frac{5}{6}$?").solved


@pytest.mark.parametrize("src", [r"\Delta x = 5", r"x\% = 0.2", r"x* = 3"])
def test_a_value_is_not_a_one_input_operation(src: str) -> None:
    from hisolver_core.mathengine.operations import _definition

    assert _definition(src, None) is None


def test_a_definition_input_may_share_a_function_name() -> None:
    sol = solve(r"Let $n(h)=40h$ and $C(n)=2n+150$. What is the value of $C(n(8))$?")
    assert sol.solved and sol.answer_latex == "790", sol.reason


def test_a_named_linear_function_before_its_values() -> None:
    from hisolver_core.mathengine.problem import analyze

    assert analyze(r"For a linear function $f, f(2)=7$ and $f(6)=19$. What is $f(0)$?").math[:3] == [
        "f",
        "f(2)=7",
        "f(6)=19",
    ]
    assert analyze(r"If $x, y = 3$, what is $y$?").math[0] == "x, y = 3"  # not a function's name: kept whole
