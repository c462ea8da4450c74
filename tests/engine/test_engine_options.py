"""Multiple choice: option parsing, matching the computed answer, and testing each option."""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import parse_options, solve


def test_parse_options_forms() -> None:
    assert parse_options(["(A)2", "(B)4"]) == [("A", "2"), ("B", "4")]
    assert parse_options(["A)21", "B) 22"]) == [("A", "21"), ("B", "22")]
    assert parse_options("A) 2 B) 4 C) 6") == [("A", "2"), ("B", "4"), ("C", "6")]
    assert parse_options("(A)2 (B)4") == [("A", "2"), ("B", "4")]
    assert parse_options(["3", "5"]) == [("A", "3"), ("B", "5")]
    assert parse_options(None) == []


def test_sat_item_picks_the_matching_option() -> None:
    sol = solve(r"If $\frac{x-1}{3}=k$ and $k=3$, what is the value of $x ?$", ["(A)2", "(B)4", "(C)9", "(D)10"])
    assert sol.solved and sol.choice == "D" and sol.answer == 10


def test_inline_options_in_the_problem_text() -> None:
    sol = solve("Solve 2x + 3 = 7 for x. A) 1 B) 2 C) 3 D) 4")
    assert sol.choice == "B"


def test_which_of_the_following_is_equivalent() -> None:
    sol = solve(
        "Which of the following is equivalent to $(x+2)^2$?",
        ["(A)$x^2+4$", "(B)$x^2+4x+4$", "(C)$x^2+2x+4$", "(D)$2x+4$"],
    )
    assert sol.solved and sol.choice == "B" and sol.topic == "equivalent expressions"


def test_which_value_satisfies_by_substitution() -> None:
    sol = solve("Which of the following is a solution to $x^2 - 3x - 10 = 0$?", ["(A)-5", "(B)-2", "(C)2", "(D)3"])
    assert sol.solved and sol.choice == "B"


def test_which_ordered_pair_satisfies_system() -> None:
    sol = solve(
        "Which ordered pair $(x, y)$ satisfies $x + y = 5$ and $x - y = 1$?",
        ["(A)(2,3)", "(B)(3,2)", "(C)(4,1)", "(D)(1,4)"],
    )
    assert sol.solved and sol.choice == "B"


def test_no_matching_option_declines() -> None:
    sol = solve("Solve for $x$: $3x + 5 = 20$.", ["(A)1", "(B)2", "(C)3", "(D)4"])
    assert not sol.solved and "none of the options" in sol.reason


def test_options_with_units_are_matched() -> None:
    sol = solve("What is 20% of 50?", ["A)5 apples", "B)10 apples", "C)15 apples"])
    assert sol.choice == "B"


SAT_STYLE = [
    ("If $3x + 6 = 18$, what is the value of $x + 2$?", ["(A)4", "(B)6", "(C)8", "(D)10"], "B"),
    (
        "The function $f$ is defined by $f(x) = 2x^2 - 3$. What is the value of $f(3)$?",
        ["(A)9", "(B)12", "(C)15", "(D)33"],
        "C",
    ),
    (
        r"If $\frac{x}{y} = 4$ and $\frac{24x}{ny} = 4$, what is the value of $n$?",
        ["(A)4", "(B)6", "(C)24", "(D)96"],
        "C",
    ),
    (
        r"If $a^{-\frac{1}{2}} = x$, where $a > 0$, what is $a$ in terms of $x$?",
        [r"(A)$\sqrt{x}$", r"(B)$-\sqrt{x}$", r"(C)$\frac{1}{x^2}$", r"(D)$-\frac{1}{x^2}$"],
        "C",
    ),
    (
        "What is the slope of the line in the xy-plane that passes through the points $(-5, -2)$ and $(5, 4)$?",
        [r"(A)$-\frac{5}{3}$", r"(B)$-\frac{3}{5}$", r"(C)$\frac{3}{5}$", r"(D)$\frac{5}{3}$"],
        "C",
    ),
    ("If $|x - 3| = 7$, what is one possible value of $x$?", ["(A)$-4$", "(B)$-3$", "(C)4", "(D)7"], "A"),
    (
        "In the xy-plane, what is the y-coordinate of the vertex of the parabola $y = x^2 - 4x + 3$?",
        ["(A)$-1$", "(B)1", "(C)2", "(D)3"],
        "A",
    ),
    (
        "The sum of $-2x^2 + x + 31$ and $3x^2 + 7x - 8$ can be written in the form $ax^2 + bx + c$, where $a$, $b$, "
        "and $c$ are constants. What is the value of $a + b + c$?",
        ["(A)7", "(B)8", "(C)31", "(D)32"],
        "D",
    ),
    ("$x^3(x^2-5) = -4x$. If $x > 0$, what is one possible value of $x$?", ["(A)3", "(B)2", "(C)5", "(D)6"], "B"),
    (
        "What is the solution $(x, y)$ to the system of equations $2x + 3y = 12$ and $x - y = 1$?",
        ["(A)$(3, 2)$", "(B)$(2, 3)$", "(C)$(4, 1)$", "(D)$(1, 4)$"],
        "A",
    ),
    (
        "A line in the xy-plane has slope 2 and passes through the point $(1, 5)$. What is the y-intercept of the line?",
        ["(A)1", "(B)2", "(C)3", "(D)5"],
        "C",
    ),
    (
        "Which of the following is the equation of the line that passes through $(0, 2)$ and $(2, 8)$?",
        ["(A)$y = 3x + 2$", "(B)$y = 2x + 3$", "(C)$y = 3x - 2$", "(D)$y = x + 2$"],
        "A",
    ),
    (
        "If $(x + 2)(x - 5) = x^2 + bx - 10$ for all values of $x$, what is the value of $b$?",
        ["(A)$-7$", "(B)$-3$", "(C)3", "(D)7"],
        "B",
    ),
    (
        r"If $i = \sqrt{-1}$, which of the following is equal to $(1+i)^2$?",
        ["(A)0", "(B)2", "(C)$2i$", "(D)$2+2i$"],
        "C",
    ),
    (
        "For what value of $k$ does the system $3x - 2y = 5$ and $kx + 4y = 7$ have no solution?",
        ["(A)$-6$", "(B)$-3$", "(C)3", "(D)6"],
        "A",
    ),
]


@pytest.mark.parametrize("problem,options,label", SAT_STYLE, ids=[f"sat-{i}" for i in range(len(SAT_STYLE))])
def test_sat_style_items(problem: str, options: list[str], label: str) -> None:
    sol = solve(problem, options)
    assert sol.solved, sol.reason
    assert sol.choice == label


def test_sat_style_two_scenarios_fix_the_constant_first() -> None:
    # "y = 24 when x = 6" fixes k in y = kx (24 = 6k); the question's scenario then uses x = 5
    sol = solve(
        "If $y = kx$, where $k$ is a constant, and $y = 24$ when $x = 6$, what is the value of $y$ when $x = 5$?",
        ["(A)6", "(B)15", "(C)20", "(D)23"],
    )
    assert sol.solved and sol.answer == 20 and sol.choice == "C"


def test_two_scenarios_without_a_single_constant_decline() -> None:
    sol = solve(
        "If $y = kx + m$, where $k$ and $m$ are constants, and $y = 24$ when $x = 6$, what is $y$ when $x = 5$?"
    )
    assert not sol.solved


MORE_SAT = [
    ("If $x = 3$, which of the following is equal to $2x$?", ["(A)3", "(B)5", "(C)6", "(D)9"], "C"),
    ("If $3x = 12$, what is $x$ percent of 50?", ["(A)2", "(B)4", "(C)6", "(D)8"], "A"),
    ("If $2x + 3 = 11$, what is the value of $x$ squared?", ["(A)4", "(B)8", "(C)16", "(D)64"], "C"),
    ("If $x^2 = 16$ and $x < 0$, what is the value of $x$?", ["(A)$-4$", "(B)$-2$", "(C)2", "(D)4"], "A"),
    (
        r"If $\sqrt{x - 2} = x - 4$, what is the solution set?",
        [r"(A)$\{3\}$", r"(B)$\{6\}$", r"(C)$\{3, 6\}$", r"(D)$\{\}$"],
        "B",
    ),
    (
        "How many solutions does the equation $4(x+1) = 4x + 4$ have?",
        ["(A)Zero", "(B)Exactly one", "(C)Exactly two", "(D)Infinitely many"],
        "D",
    ),
    (
        "How many solutions does $3x + 2 = 3x - 1$ have?",
        ["(A)Zero", "(B)Exactly one", "(C)Exactly two", "(D)Infinitely many"],
        "A",
    ),
    ("If $5 - 2x > 1$, which of the following could be $x$?", ["(A)1", "(B)2", "(C)3", "(D)4"], "A"),
    ("A number increased by 5 is 12. What is the number?", ["(A)5", "(B)7", "(C)12", "(D)17"], "B"),
]


@pytest.mark.parametrize("problem,options,label", MORE_SAT, ids=[f"more-sat-{i}" for i in range(len(MORE_SAT))])
def test_more_sat_style_items(problem: str, options: list[str], label: str) -> None:
    sol = solve(problem, options)
    assert sol.solved, sol.reason
    assert sol.choice == label


@pytest.mark.parametrize(
    "problem",
    [
        "Which of the following is NOT a solution of $x^2 = 4$?",
        "A company sells $x$ shirts for $\\$12$ each. The cost is $5x + 70$ dollars. "
        "How many shirts must be sold to break even?",
    ],
)
def test_unread_wording_declines_even_with_options(problem: str) -> None:
    assert not solve(problem, ["(A)$-2$", "(B)2", "(C)4", "(D)10"]).solved
