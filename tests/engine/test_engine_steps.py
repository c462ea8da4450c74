"""Step quality: no repeated step, math (not words) in the LaTeX, the student's own term order."""

from __future__ import annotations

import itertools
import re

import pytest
import sympy as sp

from hisolver_core.mathengine import solve


def _latex(problem: str) -> list[str]:
    sol = solve(problem)
    assert sol.solved, sol.reason
    return [s.latex for s in sol.steps]


def test_quadratic_already_zero_factors_in_root_order_and_checks_in_student_order() -> None:
    sol = solve("What are the solutions of $x^2 - 5x + 6 = 0$?")
    assert [s.latex for s in sol.steps] == [
        "x^2 - 5x + 6 = 0",
        r"\left(x - 2\right) \left(x - 3\right) = 0",
        r"x - 2 = 0 \quad \text{or} \quad x - 3 = 0",
        r"x = 2 \quad \text{or} \quad x = 3",
        r"2^2 - 5 \cdot 2 + 6 = 0,\quad 3^2 - 5 \cdot 3 + 6 = 0",
    ]
    assert "Look for two numbers that multiply to 6 and add to -5." in sol.hints


def test_quadratic_not_in_zero_form_moves_terms_first() -> None:
    latex = _latex("What are the solutions of $x^2 = 6x - 9$?")
    assert latex[:4] == [
        "x^2 = 6x - 9",
        "x^{2} - 6 x + 9 = 0",
        r"\left(x - 3\right)^{2} = 0",
        r"x - 3 = 0 \;\Rightarrow\; x = 3",
    ]


def test_quadratic_formula_shows_the_numbers() -> None:
    sol = solve("What are the solutions of $x^2 - 2x - 1 = 0$?")
    latex = [s.latex for s in sol.steps]
    assert r"\Delta = b^2 - 4ac = \left(-2\right)^2 - 4 \cdot 1 \cdot \left(-1\right) = 8" in latex
    assert r"x = \frac{-b \pm \sqrt{\Delta}}{2a} = \frac{2 \pm \sqrt{8}}{2}" in latex
    assert any("a = 1, b = -2, c = -1" in h for h in sol.hints)


def test_sum_of_roots_adds_the_roots_instead_of_claiming_x_equals_the_sum() -> None:
    latex = _latex("What is the sum of the solutions of $x^2 - 7x + 10 = 0$?")
    assert latex[-1] == "2 + 5 = 7"
    assert "x = 7" not in latex


def test_quadratic_hint_never_gives_a_repeated_root_away() -> None:
    sol = solve("What are the solutions of $x^2 - 2x + 1 = 0$?")
    assert sol.answer_latex == "1"
    assert not any(re.search(r"(?<![\w.])1(?![\w.])", h) for h in sol.hints), sol.hints


def test_function_value_substitutes_into_the_definition() -> None:
    assert _latex("If $f(x) = 3x^2 - 2x + 1$, what is $f(2)$?") == [
        "f(x) = 3x^2 - 2x + 1",
        r"f(2) = 3\left(2\right)^2 - 2\left(2\right) + 1",
        "f(2) = 9",
    ]


def test_complex_product_is_multiplied_out_in_the_order_typed() -> None:
    latex = _latex("What is $(2 + 3i)(1 - i)$?")
    assert latex[0] == "(2 + 3i)(1 - i)"
    assert latex[1] == "(2 + 3i)(1 - i) = 2 + 3i - 2i - 3i^2"
    assert latex[-1] == "(2 + 3i)(1 - i) = 5 + i"


def test_percent_and_coordinates_show_the_numbers_not_words() -> None:
    assert _latex("What is 15% of 80?") == [r"\frac{15}{100} \times 80", r"\frac{15}{100} \times 80 = 12"]
    assert _latex("What is the slope of the line through $(1, 2)$ and $(3, 8)$?")[-1] == r"m = \frac{8 - 2}{3 - 1} = 3"
    assert _latex("What is the mean of 3, 5, 7, 9?")[-1] == r"\frac{3 + 5 + 7 + 9}{4} = \frac{24}{4} = 6"


def test_vertex_puts_the_coefficients_in() -> None:
    latex = _latex("What is the vertex of $y = x^2 - 4x + 3$?")
    assert latex[1] == r"h = -\frac{b}{2a} = -\frac{-4}{2 \cdot 1} = 2"
    assert latex[2] == r"(h, k) = \left(2, -1\right)"


def test_simplify_shows_the_expansion_before_collecting() -> None:
    assert _latex("Expand $(x+2)(x-3)$.")[1] == r"(x+2)(x-3) = x^{2} - 3 x + 2 x - 6"
    assert (
        _latex(r"Simplify $\frac{x^2-1}{x-1}$.")[1]
        == r"\frac{x^2-1}{x-1} = \frac{\left(x - 1\right) \left(x + 1\right)}{x - 1}"
    )


def test_identity_starts_from_the_identity_as_written() -> None:
    sol = solve("If $(x + 2)(x + 3) = x^2 + bx + 6$ for all $x$, what is $b$?")
    assert sol.steps[0].latex == "(x + 2)(x + 3) = x^2 + bx + 6"
    assert "coefficients" in sol.steps[2].text


STEP_PROBLEMS = [
    "What are the solutions of $x^2 - 5x + 6 = 0$?",
    "Find all $x$ such that $2x^2 + 5x - 3 = 0$.",
    "Solve $5x + 3 = 2x - 9$.",
    "Solve the system $x + y = 10$ and $x - y = 2$.",
    r"Solve $-3x + 4 \le 10$.",
    "What is the vertex of $y = x^2 - 4x + 3$?",
    "If $f(x) = 3x^2 - 2x + 1$, what is $f(2)$?",
    "What is the slope of the line through $(1, 2)$ and $(3, 8)$?",
    "What is 15% of 80?",
    "What is the median of 3, 1, 7, 9, 4?",
    "What is $(2 + 3i)(1 - i)$?",
    "Simplify $(x+1)^2 - x^2$.",
    "If $(x + 2)(x + 3) = x^2 + bx + 6$ for all $x$, what is $b$?",
]


@pytest.mark.parametrize("problem", STEP_PROBLEMS)
def test_no_step_repeats_the_previous_one_or_holds_sentences(problem: str) -> None:
    sol = solve(problem)
    assert sol.solved, sol.reason
    latex = [s.latex for s in sol.steps]
    assert all(a != b for a, b in itertools.pairwise(latex)), latex
    for text in latex:
        assert not re.search(r"\\text\{[^}]*[a-z]{2,} [a-z]{2,}", text), text  # no sentences inside LaTeX
        assert text.count("{") == text.count("}") and len(text) < 200, text
    answer = re.compile(rf"(?<![\w.]){re.escape(sol.answer_latex)}(?![\w.])")
    assert len(sol.hints) >= 3 and not any(answer.search(h) for h in sol.hints)


def test_general_equation_shows_its_roots_not_words() -> None:
    sol = solve("If $2^8=4^x$, what is the value of $x$?")
    latex = [s.latex for s in sol.steps]
    assert latex[1] == "x = 4" and r"\text" not in "".join(latex)
    assert latex[2].startswith("2^8=4^{\\left(4\\right)}")  # a substituted exponent stays braced


def test_three_unknowns_show_their_values_and_the_target_as_typed() -> None:
    latex = _latex("If $a+b=8$, $b+c=-3$, and $a+c= -5$, what is the value of the product $abc$?")
    assert latex[-2:] == [r"a = 3,\ b = 5,\ c = -8", "a b c = -120"]


def test_value_of_an_expression_keeps_the_students_form() -> None:
    latex = _latex(r"If $a = 8$, what is the value of $\left(16\sqrt[3]{a^2}\right)^{\frac 13}$?")
    assert latex == ["a = 8", r"\left(16\sqrt[3]{a^2}\right)^{\frac 13} = 4"]


def test_option_tests_show_the_substitution_and_the_expansion() -> None:
    sol = solve(
        "In the $xy$-plane, which of the following points lies on the line with equation $y=3x-2$ ?",
        ["(1, 2)", "(2, 4)", "(3, 6)", "(4, 8)"],
    )
    assert sol.choice == "B"
    assert r"4 = -2 + 3 \cdot 2" in [s.latex for s in sol.steps]  # option B put into the line, not worked out
    sol = solve("Which of the following is NOT equivalent to $2(x+3)$ ?", ["2x+6", "2x+3", "x+3+x+3", "2(3+x)"])
    assert sol.choice == "B" and sol.steps[1].latex == r"2 x + 6 = 2 \left(x + 3\right)"  # expanded, then compared


def test_story_givens_put_numbers_in_math() -> None:
    sol = solve("A trader sold an article at a profit of 20% for Rs.360. What is the cost price of the article?")
    assert sol.steps[0].latex == r"\text{profit percent} = 20,\quad \text{selling price} = 360"


def test_a_sympy_string_or_words_are_never_shown_as_the_students_equation() -> None:
    sol = solve(
        "If $y=kx$, where $k$ is a constant, and $y=12$ when $x=3$, what is the value of $y$ when $x=5$ ?",
        ["15", "17", "20", "24"],
    )
    latex = [s.latex for s in sol.steps]
    assert not any("Eq(" in t or "*" in t for t in latex), latex


def test_no_solved_dev_problem_repeats_a_step_or_writes_sentences_in_latex(solved_set) -> None:
    bad = []
    for item, sol in solved_set("sat_style_dev"):
        latex = [s.latex for s in sol.steps]
        if any(a.replace(" ", "") == b.replace(" ", "") for a, b in itertools.pairwise(latex)):
            bad.append(("repeat", item.problem, latex))
        words = [re.sub(r"\\ \\text\{[^}]*\}", "", t) for t in latex]  # units after a number are fine
        if any(not t.isascii() or re.search(r"\\text\{[a-z]+ [a-z]+ [a-z]+", t) for t in words):
            bad.append(("text", item.problem, latex))
    assert not bad, bad[:3]


def test_hints_name_the_problems_numbers() -> None:
    assert solve("If $f(x) = 3x^2 - 2x + 1$, what is $f(2)$?").hints[0] == "Replace x by 2 in $f(x) = 3x^2 - 2x + 1$."
    assert solve("What is 15% of 80?").hints[0] == "Write the percent as a fraction of 100: 15% = 15/100."


@pytest.mark.parametrize(
    "problem, answer",
    [
        ("Solve $x^2 + 4x = 12$.", "-6, 2"),
        ("Solve for x: x^2 = 9", "-3, 3"),
        ("Solve $|x - 3| = 5$.", "-2, 8"),
        ("Solve 2x + 3 = 7.", "2"),
    ],
)
def test_solve_asks_for_every_solution(problem, answer):
    solution = solve(problem)
    assert solution.solved and solution.verified, solution.reason
    assert solution.answer_latex == answer


def test_substitution_check_puts_the_value_in_without_doubled_parentheses() -> None:
    latex = _latex("If $2(x+3) = 14$, what is the value of $x$?")
    assert latex[-1] == r"2(4+3) = 14 \;\Rightarrow\; 14 = 14"
    assert _latex("If $-x+2 = 7$, what is $x$?")[-1].startswith(r"-\left(-5\right)+2 = 7")


@pytest.mark.parametrize(
    "problem, expected",
    [
        ("Solve $-3 < 2x+1 \\le 7$.", [r"-4 < 2 x \le 6", r"-2 < x \le 3"]),
        ("Solve $-7 \\le -2x + 3 < 5$.", [r"-10 \le - 2 x < 2", r"-1 < x \le 5"]),
        ("What is the greatest integer $x$ with $2 < 3x - 1 < 11$?", [r"3 < 3 x < 12", r"1 < x < 4"]),
    ],
)
def test_chained_inequality_works_on_all_three_parts(problem: str, expected: list[str]) -> None:
    sol = solve(problem)
    latex = [s.latex for s in sol.steps]
    assert latex[1:3] == expected
    assert "all three parts" in sol.steps[1].text and "all three parts" in sol.steps[2].text
    assert not any(r"\wedge" in item for item in latex)


def _compact(sol) -> list[str]:
    return [s.latex.replace(" ", "") for s in sol.steps]


def test_given_value_is_put_in_and_the_fraction_cleared_before_the_answer() -> None:
    """Issue 17's example: the student sees x - 1 = 9 before x = 10, not a jump to k = 3, x = 10."""
    sol = solve("If $\\frac{x-1}{3}=k$ and $k=3$, what is the value of $x$?", ["(A)2", "(B)4", "(C)9", "(D)10"])
    assert sol.choice == "D"
    shown = _compact(sol)
    assert shown.index("\\frac{x-1}{3}=3") < shown.index("x-1=9") < shown.index("x=10")
    assert any("given value k = 3" in s.text for s in sol.steps)
    assert not any("x=10" in h.replace(" ", "") for h in sol.hints)


def test_linear_equation_is_solved_one_operation_at_a_time() -> None:
    sol = solve("Solve for x: $5x + 7 = 2x - 8$")
    shown = _compact(sol)
    assert shown.index("3x+7=-8") < shown.index("3x=-15") < shown.index("x=-5")
    assert [s.text for s in sol.steps if s.text.startswith(("Subtract", "Divide"))][:3] == [
        "Subtract 2*x from both sides.",
        "Subtract 7 from both sides.",
        "Divide both sides by 3.",
    ]


def test_radical_equation_squares_and_rejects_the_extraneous_root() -> None:
    sol = solve("Solve $\\sqrt{x+7} = x - 5$.")
    assert sol.answer_latex == "9"
    shown = _compact(sol)
    assert "x^{2}-11x+18=0" in shown
    rejected = [s for s in sol.steps if s.text.startswith("Reject x = 2")]
    assert len(rejected) == 1 and "extraneous" in rejected[0].text
    assert not any(s.text.startswith("Reject x = 9") for s in sol.steps)


def test_radical_equation_with_no_extraneous_root_rejects_nothing() -> None:
    sol = solve("Solve $\\sqrt{2x+1} = 3$.")
    assert sol.answer_latex == "4"
    assert "2x+1=9" in _compact(sol)
    assert not any(s.text.startswith("Reject") for s in sol.steps)


def test_a_root_that_makes_a_denominator_zero_is_no_solution() -> None:
    from hisolver_core.mathengine.algebra import values_satisfy

    x = sp.Symbol("x")
    assert not values_satisfy([sp.Eq((x**2 - 1) / (x - 1), 2)], {x: 1})  # 0/0 there, not 2
    sol = solve(
        "How many solutions does the equation $\\frac{x^2-1}{x-1} = 2$ have?",
        ["(A)Zero", "(B)Exactly one", "(C)Exactly two", "(D)Infinitely many"],
    )
    assert sol.choice == "A"


def test_mean_of_a_list_is_one_line_without_a_repeated_value() -> None:
    sol = solve("Find the arithmetic mean of $2$, $3$ and $3$.")
    assert sol.answer_latex == "\\frac{8}{3}"
    last = sol.steps[-1].latex.replace(" ", "")
    assert last == "\\frac{2+3+3}{3}=\\frac{8}{3}"  # not "... = 8/3 = 8/3"
    assert len(sol.steps) == 2


def test_a_given_letter_is_not_the_unknown_asked_for() -> None:
    """SAT shape: "$$sqrt(x - a) = x - 4$$ If a = 2, what is the solution set?": x is asked; x = 3 is rejected."""
    sol = solve(
        "$$\\sqrt{x-a}=x-4$$ If $a=2$, what is the solution set of the equation above?",
        ["(A)$\\{3,6\\}$", "(B)$\\{2\\}$", "(C)$\\{3\\}$", "(D)$\\{6\\}$"],
    )
    assert sol.choice == "D"
    shown = _compact(sol)
    assert "\\sqrt{x-2}=x-4" in shown and "x^{2}-9x+18=0" in shown
    assert any(s.text.startswith("Reject x = 3") for s in sol.steps)


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        ("Find $0.4 \\cdot 0.6$.", "0.24"),
        ("Compute $1.5 + 2.25$.", "3.75"),
        ("What is $0.1^2$?", "0.01"),
        # a fraction, a repeating decimal or a division keeps the exact fraction
        ("What is $0.3 + \\frac{1}{3}$?", "\\frac{19}{30}"),
        ("Find $1.\\overline{3} + 0.5$.", "\\frac{11}{6}"),
    ],
)
def test_arithmetic_written_in_decimals_answers_in_decimals(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.solved and sol.answer_latex == expected
    assert sol.steps[-1].latex.endswith(expected) or sol.steps[-2].latex.endswith(expected)
