"""SAT-style phrasings: lines in the xy-plane, option tests, linear models, systems and inequality steps."""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve

ABCD = ["(A)", "(B)", "(C)", "(D)"]


def _opts(*texts: str) -> list[str]:
    return [f"{mark}{text}" for mark, text in zip(ABCD, texts, strict=False)]


# -- linear inequalities show their steps -------------------------------------------------------


def test_linear_inequality_shows_each_step() -> None:
    sol = solve("Solve $3x - 4 > 5$.")
    assert sol.solved and sol.answer == sp.Interval.open(3, sp.oo)
    assert [s.latex for s in sol.steps] == ["3x - 4 > 5", "3 x > 9", "x > 3", r"\left(3, \infty\right)"]


def test_dividing_by_a_negative_flips_the_sign_in_the_steps() -> None:
    sol = solve(r"Solve $-2x + 5 \le 1$.")
    latex = [s.latex for s in sol.steps]
    assert latex[1:3] == [r"- 2 x \leq -4", r"x \geq 2"]
    assert "reverses" in sol.steps[2].text


def test_least_value_of_an_inequality_needs_a_closed_end() -> None:
    assert solve(r"If $-2x+5 \leq 1$, what is the least possible value of $x$?").answer == 2
    assert not solve(r"If $-2x+5 < 1$, what is the least possible value of $x$?").solved
    assert not solve(r"If $-2x+5 \leq 1$, what is the greatest possible value of $x$?").solved


# -- a whole system asked for ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "problem",
    [
        "Solve the system: $2x + y = 7$ and $x - y = 2$.",
        "Solve the system of equations $2x + y = 7$ and $x - y = 2$.",
        "Find x and y: $2x + y = 7$, $x - y = 2$.",
        "Find $x$ and $y$ if $2x + y = 7$ and $x - y = 2$.",
        "Find x and y: 2x + y = 7, x - y = 2",
    ],
)
def test_solving_a_system_answers_the_pair(problem: str) -> None:
    sol = solve(problem)
    assert sol.solved and sol.answer == sp.Tuple(3, 1)
    assert sol.topic == "systems of equations"


def test_three_unknowns_and_a_named_target_still_work() -> None:
    assert solve("Solve the system of equations: $x + y + z = 6$, $x - y = 0$, $z = 2$.").answer == sp.Tuple(2, 2, 2)
    assert solve("Solve the system $x+y=3$ and $x-y=1$. What is $x$?").answer == 1 + 1


def test_system_near_misses_decline() -> None:
    assert not solve("Solve the system $x + y = 3$ and $2x + 2y = 6$.").solved  # infinitely many pairs
    assert not solve("Solve the system $x^2 + y^2 = 25$ and $x + y = 7$.").solved  # two pairs
    assert not solve("Find x and z: $2x + y = 7$, $x - y = 2$.").solved  # z is not an unknown


@pytest.mark.parametrize(
    "problem,answer",
    [
        ("How many solutions does the system of equations $y=2x+3$ and $y=2x-1$ have?", 0),
        ("How many solutions does the system $x+y=2$ and $2x+2y=4$ have?", sp.oo),
        ("How many solutions does the system $x+y=2$ and $x-y=4$ have?", 1),
    ],
)
def test_counting_solutions_of_a_linear_system(problem: str, answer) -> None:
    assert solve(problem).answer == answer


def test_counting_solutions_of_a_nonlinear_system() -> None:
    # y = x - 4 gives x^2 + x - 6 = 0: (2, -2) and (-3, -7), checked by hand in both equations
    assert solve("How many solutions does the system $x^2+y=2$ and $x-y=4$ have?").answer == 2
    assert solve("How many solutions does the system $x^2+y=-5$ and $y=2$ have?").answer == 0


# -- lines in the xy-plane --------------------------------------------------------------------------


def test_xy_plane_words_are_not_math() -> None:
    sol = solve("In the $xy$-plane, what is the slope of the line with equation $2x+4y=9$?")
    assert sol.answer == sp.Rational(-1, 2)


def test_intercept_answered_as_a_point_when_the_options_are_points() -> None:
    sol = solve(
        "What is the $y$-intercept of the line with equation $5x-2y=8$ in the $xy$-plane?",
        _opts("$(0,-4)$", "$(0,4)$", r"$\left(0,-\frac{8}{5}\right)$", r"$\left(\frac{8}{5}, 0\right)$"),
    )
    assert sol.choice == "A"


@pytest.mark.parametrize(
    "problem,answer",
    [
        (
            "In the $xy$-plane, the line with equation $y=3x-6$ crosses the $x$-axis at the point $(a, 0)$. What is the value of $a$?",
            2,
        ),
        (
            "In the $xy$-plane, the line with equation $y=mx+4$ passes through the point $(2,10)$. What is the value of $m$?",
            3,
        ),
        ("The graph of $y = ax^2 - 3$ passes through $(2, 5)$. What is $a$?", 2),
    ],
)
def test_a_point_on_a_curve_gives_an_equation(problem: str, answer) -> None:
    assert solve(problem).answer == answer


def test_a_point_on_the_x_axis_with_nonzero_y_is_not_used() -> None:
    sol = solve("The line with equation $y=3x-6$ crosses the $x$-axis at the point $(a, 1)$. What is the value of $a$?")
    assert not sol.solved


def test_perpendicular_to_a_line_known_by_its_slope() -> None:
    assert (
        solve(
            r"Line $m$ has slope $\frac{1}{3}$. Line $n$ is perpendicular to line $m$. What is the slope of line $n$?"
        ).answer
        == -3
    )
    sol = solve(
        "Line $n$ passes through $(3,1)$ and is perpendicular to the line $y = 3x + 1$. What is the y-intercept of line $n$?"
    )
    assert sol.answer == 2


@pytest.mark.parametrize(
    "problem",
    [
        r"Line $m$ passes through $(3, 1)$ and has slope $\frac{1}{3}$. Line $n$ is perpendicular to line $m$. What is the y-intercept of line $n$?",
        "The line $y = 2x + 1$ passes through $(1,3)$. Line $n$ is perpendicular to it. What is the y-intercept of line $n$?",
    ],
)
def test_a_point_on_the_other_line_declines(problem: str) -> None:
    assert not solve(problem).solved


def test_which_line_is_parallel() -> None:
    sol = solve(
        "Which of the following is an equation of a line in the $xy$-plane that is parallel to the line with equation $y=2x-5$?",
        _opts("$y=-2x+1$", "$y=2x+3$", r"$y=\frac{1}{2} x-5$", r"$y=-\frac{1}{2} x$"),
    )
    assert sol.choice == "B"


def test_the_same_line_is_not_parallel_and_the_point_must_fit() -> None:
    sol = solve(
        "Which of the following is an equation of a line that is parallel to the line with equation $y=2x-5$?",
        _opts("$y=2x-5$", "$y=-2x+3$", "$4x-2y=2$", "$y=x$"),
    )
    assert sol.choice == "C"
    sol = solve(
        "Which of the following is an equation of a line that is perpendicular to the line with equation $y=2x-5$ "
        "and passes through the point $(2,0)$?",
        _opts(r"$y=-\frac{1}{2}x+1$", r"$y=-\frac{1}{2}x+3$", "$y=2x-4$", r"$y=\frac{1}{2}x-1$"),
    )
    assert sol.choice == "A"


def test_two_parallel_options_decline() -> None:
    sol = solve(
        "Which of the following is an equation of a line that is parallel to the line with equation $y=2x-5$?",
        _opts("$y=2x+1$", "$y=2x+3$", "$y=-2x$", "$y=x$"),
    )
    assert not sol.solved


# -- options tested for a property ---------------------------------------------------------------


def test_which_equation_has_no_real_solutions() -> None:
    sol = solve(
        "Which of the following equations has no real solutions?",
        _opts("$x^{2}+4=0$", "$x^{2}-4=0$", "$x^{2}-4x=0$", "$x^{2}+4x+4=0$"),
    )
    assert sol.choice == "A"
    sol = solve(
        "Which of the following equations has exactly one real solution?",
        _opts("$x^{2}+4=0$", "$x^{2}-4=0$", "$x^{2}-4x=0$", "$x^{2}+4x+4=0$"),
    )
    assert sol.choice == "D"


def test_no_solutions_without_real_declines_for_quadratics() -> None:
    sol = solve(
        "Which of the following equations has no solution?",
        _opts("$x^{2}+4=0$", "$x^{2}-4=0$", "$x^{2}-4x=0$", "$x^{2}+4x+4=0$"),
    )
    assert not sol.solved


def test_which_is_a_factor() -> None:
    sol = solve("Which of the following is a factor of $x^{2}-x-20$?", _opts("$x-4$", "$x+4$", "$x+5$", "$x-10$"))
    assert sol.choice == "B"
    assert not solve(
        "Which of the following is a factor of $x^{2}-x-20$?", _opts("$x-5$", "$x+4$", "$x+5$", "$x-10$")
    ).solved


def test_solution_pairs_as_options() -> None:
    sol = solve(
        "What are the solutions to the equation $x^{2}-5x+6=0$?",
        _opts("$x=-2$ and $x=-3$", "$x=2$ and $x=3$", "$x=1$ and $x=6$", "$x=2$ and $x=-3$"),
    )
    assert sol.choice == "B"
    sol = solve(
        "Which of the following are the solutions to the equation $x^{2}+4x-12=0$?",
        _opts("$-6$ and 2", "$-2$ and 6", "$-3$ and 4", "$-4$ and 3"),
    )
    assert sol.choice == "A"


def test_a_lone_root_beside_the_full_set_is_not_the_answer() -> None:
    sol = solve(
        "Which of the following are the solutions to the equation $x^{2}+4x-12=0$?",
        _opts("$-6$ and 2", "$-2$ and 6", "2", "$-4$ and 3"),
    )
    # "are the solutions" asks for all of them: the full set (A), never the lone root 2 (C); declining is fine too
    assert sol.choice in ("A", None)


# -- linear models ---------------------------------------------------------------------------------

KAYAK = r"The cost $C$, in dollars, of renting a kayak for $h$ hours is given by $C=12h+8$. "


def test_formula_model_forward_and_backward() -> None:
    assert solve(KAYAK + "What is the cost, in dollars, of renting a kayak for 3 hours?").answer == 44
    assert solve(KAYAK + r"If the cost was $\$ 68$, how many hours was the kayak rented?").answer == 5


@pytest.mark.parametrize(
    "question",
    [
        "What does the number 8 represent in the equation?",
        "What is the cost, in dollars, of renting a kayak for 3 more hours?",
        "How much more does it cost to rent the kayak for 3 hours than for 2 hours?",
    ],
)
def test_formula_model_near_misses_decline(question: str) -> None:
    assert not solve(KAYAK + question).solved


def test_fee_plus_rate() -> None:
    taxi = (
        r"A taxi charges $\$ 3$ plus $\$ 2$ per mile. How much does the taxi charge, in dollars, for a ride of 5 miles?"
    )
    assert solve(taxi).answer == 13
    plumber = (
        r"A plumber charges a fee of $\$ 45$ for a visit plus $\$ 30$ per hour of work. "
        r"If the total charge for a visit was $\$ 165$, how many hours did the plumber work?"
    )
    sol = solve(plumber, _opts("3", "4", "5", "6"))
    assert sol.answer == 4 and sol.choice == "B"


@pytest.mark.parametrize(
    "problem",
    [
        r"A taxi charges $\$ 3$ plus $\$ 2$ per mile. How much more does a 5-mile ride cost than a 3-mile ride?",
        r"A taxi charges $\$ 3$ plus $\$ 2$ per mile plus a $\$ 1$ toll. How much does the taxi charge for a ride of 5 miles?",
    ],
)
def test_fee_near_misses_decline(problem: str) -> None:
    assert not solve(problem).solved


def test_ratio_statement_becomes_an_equation() -> None:
    assert solve("The ratio of $a$ to $b$ is 3 to 5. If $b=40$, what is the value of $a$?").answer == 24
    assert solve("The ratio of $x$ to $y$ is $2:7$. If $y = 21$, what is $x$?").answer == 6


def test_has_the_solution_substitutes_the_value() -> None:
    sol = solve("If $k$ is a constant and the equation $3x+k=2x+7$ has the solution $x=4$, what is the value of $k$?")
    assert sol.answer == 3


def test_expresses_in_terms_of() -> None:
    sol = solve(
        "Which of the following expresses $y$ in terms of $x$ if $3x+y=12$?",
        _opts("$y=12-3x$", "$y=3x-12$", "$y=4-x$", "$y=12+3x$"),
    )
    assert sol.choice == "A"


# -- the development set as a whole --------------------------------------------------------------

# Measured December 2026: dev 164/170 (96.5%), fresh 508/680 (74.7%), traps 217/520 (41.7%), no wrong
# answer. The gates sit about one point below, so lost coverage fails here instead of going unnoticed;
# raise them when the engine answers more.
MIN_ANSWERED = {"sat_style_dev": (170, 163), "sat_style_fresh": (680, 503), "sat_traps": (520, 214)}


@pytest.mark.parametrize("name", sorted(MIN_ANSWERED))
def test_sat_style_sets_have_no_wrong_answers_and_keep_their_coverage(name: str, solved_set) -> None:
    """The dev set, sets written without sight of the engine, and ones built to trick it: never a wrong option."""
    solved = solved_set(name)
    size, least = MIN_ANSWERED[name]
    assert len(solved) == size  # a set that changes size needs its gate measured again
    answered = [(item, sol) for item, sol in solved if sol.solved]
    wrong = [
        (item.problem[:80], sol.choice, item.expected_letter)
        for item, sol in answered
        if sol.choice != item.expected_letter
    ]
    assert not wrong, wrong[:3]
    assert len(answered) >= least, f"{name}: {len(answered)} answered, the gate is {least}"


# -- systems and factors in SAT wording ----------------------------------------------------------


@pytest.mark.parametrize(
    "problem,answer",
    [
        ("The lines $y=2x+1$ and $y=-x+7$ intersect at the point $(a, b)$. What is the value of $a$?", 2),
        ("The graphs of $y=2x+1$ and $y=-x+7$ intersect at the point $(a, b)$. What is the value of $b$?", 5),
        (
            "If $(a, b)$ is the solution to the system of equations $y=3x-2$ and $y=x+4$, what is the value of $a+b$?",
            10,
        ),
        (
            "What is the $x$-coordinate of the point of intersection of the lines $y=2x+1$ and $y=-x+7$ in the $xy$-plane?",
            2,
        ),
        ("What is the point of intersection of the lines $y=2x+1$ and $y=-x+7$?", sp.Tuple(2, 5)),
        ("If $x-3$ is a factor of $x^{2}+kx-12$, what is the value of $k$?", 1),
        ("The equation $y=-3x+b$ passes through the point $(1,4)$. What is the value of $b$?", 7),
        ("If $y=kx$, where $k$ is a constant, and $y=12$ when $x=3$, what is the value of $y$ when $x=5$?", 20),
        ("In the equation $y=kx+2$, $k$ is a constant. If $y=14$ when $x=4$, what is the value of $k$?", 3),
    ],
)
def test_sat_rewrites(problem: str, answer) -> None:
    sol = solve(problem)
    assert sol.solved and sol.answer == answer


def test_parallel_lines_never_intersect() -> None:
    assert not solve(
        "The lines $y=2x+1$ and $y=2x+7$ intersect at the point $(a, b)$. What is the value of $a$?"
    ).solved


def test_system_steps_show_the_elimination() -> None:
    sol = solve("Solve the system $2x+3y=12$ and $5x-4y=7$.")
    latex = [s.latex for s in sol.steps]
    assert "23 x = 69" in latex and "x = 3" in latex and "3 y = 6" in latex and "y = 2" in latex
    assert any("Add the equations" in s.text for s in sol.steps)
    sol = solve("Solve the system $x - 2y = -4$ and $3x - 2y = 0$.")
    assert any(s.latex == "- 2 x = -4" and s.text.startswith("Subtract") for s in sol.steps)


# -- "NOT", points on a line, inequality options, horizontal lines ---------------------------------


def test_not_questions_invert_the_option_test() -> None:
    sol = solve(
        "Which of the following values of $x$ is NOT a solution to the inequality $x^{2}>4$?",
        _opts("$-3$", "$-1$", "3", "5"),
    )
    assert sol.choice == "B"
    sol = solve(
        "Which of the following is NOT equivalent to $2(x+3)$?", _opts("$2x+6$", "$2x+3$", "$6+2x$", "$2(3+x)$")
    )
    assert sol.choice == "B"
    sol = solve(
        "Which of the following points does NOT lie on the line $y=3x-2$?",
        _opts("$(1,1)$", "$(2,4)$", "$(3,6)$", "$(0,-2)$"),
    )
    assert sol.choice == "C"


def test_not_with_two_candidates_or_unclear_scope_declines() -> None:
    sol = solve(
        "Which of the following is NOT equivalent to $x^2-9$?",
        _opts("$(x-3)(x+3)$", "$(x+9)(x-1)$", "$x^2-3^2$", "$(x-3)^2$"),
    )
    assert not sol.solved
    assert not solve(
        "If $x$ is not 0, which of the following is equivalent to $\\frac{2x}{x}$?", _opts("1", "2", "x", "2x")
    ).solved


def test_which_point_lies_on_the_line() -> None:
    sol = solve(
        "In the $xy$-plane, which of the following points lies on the line $y=3x-2$?",
        _opts("$(1,2)$", "$(2,4)$", "$(3,6)$", "$(0,2)$"),
    )
    assert sol.choice == "B"


def test_inequality_options_compared_as_sets() -> None:
    sol = solve(
        r"Which of the following is the solution to $\frac{x+1}{3}>2$?", _opts("$x>5$", "$x>7$", "$x<5$", "$x>1$")
    )
    assert sol.choice == "A"
    sol = solve(
        r"Which of the following is the solution to $-2x \geq 6$?",
        _opts(r"$x \geq -3$", r"$x \leq -3$", "$x<-3$", r"$x \leq 3$"),
    )
    assert sol.choice == "B"


def test_horizontal_line_has_slope_zero() -> None:
    assert solve("What is the slope of the line $y=5$ in the $xy$-plane?").answer == 0


# -- precision guards found while probing ----------------------------------------------------------


def test_expression_question_with_expression_options() -> None:
    sol = solve("What is the average of $3x+2$ and $x-6$?", _opts("$2x-2$", "$4x-4$", "$2x+4$", "$x-2$"))
    assert sol.choice == "A"
    assert not solve("What is the average of $3x+2$ and $x-6$?").solved  # no options: the value is not fixed


def test_extreme_value_of_a_linear_expression_over_an_inequality() -> None:
    assert solve(r"If $x \geq 3$, what is the least possible value of $2x+1$?").answer == 7
    assert solve(r"If $x \geq 3$, what is the greatest possible value of $5-2x$?").answer == -1
    assert solve(r"If $3x - 4 \leq 11$, what is the greatest possible value of $3x$?").answer == 15


@pytest.mark.parametrize(
    "problem",
    [
        r"If $x \geq 3$, what is the greatest possible value of $2x+1$?",
        r"If $x > 3$, what is the least possible value of $2x+1$?",
        r"If $x \geq 3$, what is the least possible integer value of $2x+1$?",
        r"If $2 \leq x \leq 5$, what is the least possible value of $x^2$?",
    ],
)
def test_extreme_values_that_do_not_exist_or_are_not_linear_decline(problem: str) -> None:
    assert not solve(problem).solved


def test_a_point_on_a_perpendicular_line_is_not_put_into_the_given_line() -> None:
    sol = solve(
        "A line perpendicular to the line with equation $y=mx+4$ passes through the point $(2,10)$. What is the value of $m$?"
    )
    assert not sol.solved


@pytest.mark.parametrize(
    "question",
    [
        "What is the cost, in dollars, of renting two kayaks for 3 hours?",
        "What is the cost, in cents, of renting a kayak for 3 hours?",
    ],
)
def test_formula_model_multipliers_and_unit_changes_decline(question: str) -> None:
    assert not solve(KAYAK + question).solved


@pytest.mark.parametrize(
    "problem",
    [
        r"A taxi charges $\$ 3$ plus $\$ 2$ per mile for each passenger. How much does the taxi charge, in dollars, for a ride of 5 miles?",
    ],
)
def test_fee_model_extra_terms_and_unit_changes_decline(problem: str) -> None:
    assert not solve(problem).solved


def test_a_fee_asked_in_another_unit_is_converted_by_the_units_linear_model() -> None:
    sol = solve(
        r"A taxi charges $\$ 3$ plus $\$ 2$ per mile. How much does the taxi charge, in cents, for a ride of 5 miles?"
    )
    assert sol.solved and sol.answer == 1300 and sol.reader == "units"
    assert sol.steps[-1].latex.endswith(r"1300\ \text{cents}")


def test_exactly_one_real_solution_sets_the_discriminant_to_zero() -> None:
    assert (
        solve("The equation $x^{2}+bx+9=0$ has exactly one real solution. If $b>0$, what is the value of $b$?").answer
        == 6
    )
    assert solve("The equation $x^{2}-6x+c=0$ has exactly one real solution. What is the value of $c$?").answer == 9
    # two values of b, or a leading coefficient that could be zero: decline
    assert not solve("The equation $x^{2}+bx+9=0$ has exactly one real solution. What is the value of $b$?").solved
    assert not solve("If the equation $kx^{2}+4x+1=0$ has exactly one real solution, what is $k$?").solved


def test_all_the_values_are_needed_unless_one_is_asked_for() -> None:
    options = _opts("$(-3,0)$ and $(3,0)$", "$(0,-9)$ only", "$(9,0)$ and $(-9,0)$", "$(3,0)$ only")
    sol = solve(
        "In the $xy$-plane, the graph of the function $f(x)=x^{2}-9$ crosses the $x$-axis at which points?", options
    )
    assert sol.choice == "A"
    options = _opts("$(0,-9)$ only", "$(9,0)$ and $(-9,0)$", "$(3,0)$ only", "$(1,0)$ only")
    sol = solve(
        "In the $xy$-plane, the graph of the function $f(x)=x^{2}-9$ crosses the $x$-axis at which points?", options
    )
    assert not sol.solved  # "(3, 0) only" leaves out (-3, 0)
    sol = solve("What are the solutions of $x^{2}=9$?", _opts("3", "9", "81", "$-9$"))
    assert not sol.solved
    assert (
        solve("Which of the following could be a solution of $x^{2}=9$?", _opts("3", "9", "81", "$-9$")).choice == "A"
    )


def test_graph_of_y_equals_f_of_x() -> None:
    sol = solve(
        "The quadratic function $f$ is defined by $f(x)=2(x-1)^{2}+3$. What is the $y$-intercept of the graph of "
        "$y=f(x)$ in the $xy$-plane?",
        _opts("$(0,1)$", "$(0,3)$", "$(0,5)$", "$(1,3)$"),
    )
    assert sol.choice == "C"


@pytest.mark.parametrize(
    "problem,answer",
    [
        ("A car travels 180 miles in 3 hours. At this rate, how many miles will the car travel in 5 hours?", 300),
        ("A printer prints 45 pages in 3 minutes. At this rate, how many pages will it print in 8 minutes?", 120),
        # another time unit is converted to the rate's unit: 8 hours are 480 minutes
        ("A printer prints 45 pages in 3 minutes. At this rate, how many pages will it print in 8 hours?", 7200),
        (
            "A cyclist rode 18 kilometers in 45 minutes. If she continues to ride at the same rate, how many kilometers will "
            "she ride in 2 hours?",
            48,
        ),
        ("If 3 pounds of apples cost $4.50, how much do 7 pounds of apples cost at the same rate?", sp.Rational(21, 2)),
        (
            r"If $3$ pounds of apples cost $\$ 4.50$, how much do $7$ pounds of apples cost at the same rate?",
            sp.Rational(21, 2),
        ),
    ],
)
def test_rate_proportion(problem: str, answer) -> None:
    assert solve(problem).answer == answer


@pytest.mark.parametrize(
    "problem",
    [
        "A printer prints 45 pages in 3 minutes. At this rate, how many pages will it print in 8 miles?",
        "A car travels 180 miles in 3 hours. At this rate, how many miles will the car travel in 5 more hours?",
        "If 3 pounds of apples cost $4.50, how much do 7 pounds of pears cost?",
    ],
)
def test_rate_proportion_near_misses_decline(problem: str) -> None:
    assert not solve(problem).solved


def test_a_named_line_with_slope_and_point() -> None:
    q = "Line $k$ in the $xy$-plane has slope $-2$ and passes through the point $(1,3)$. "
    assert solve(q + "What is the $y$-intercept of line $k$?").answer == 5
    assert solve(q + "What is the $x$-intercept of line $k$?").answer == sp.Rational(5, 2)
    assert not solve(q + "Line $m$ is parallel to line $k$. What is the y-intercept of line $m$?").solved


def test_solution_count_written_as_a_number_and_number_of_units() -> None:
    sol = solve(
        "Which of the following equations has exactly two real solutions?",
        _opts("$x^{2}+1=0$", "$x^{2}-2x+1=0$", "$x^{2}-1=0$", "$x^{2}+2x+5=0$"),
    )
    assert sol.choice == "C"
    sol = solve(
        r"The cost $C$, in dollars, of a phone plan is given by $C=0.1m+20$, where $m$ is the number of minutes used. "
        "What is the cost, in dollars, of the plan if 150 minutes are used?"
    )
    assert sol.answer == 35
