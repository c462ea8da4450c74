"""Sample solutions for every engine topic, built by hand (the engine is tested elsewhere).

A module of its own, not conftest.py: several test folders have a conftest, and `from conftest import`
reaches whichever was imported first.
"""

from __future__ import annotations

from hisolver_core.solution import SOLVED, Solution, Step


def _solved(
    problem: str, topic: str, steps: list[tuple[str, str]], answer: str, figure: dict | None = None
) -> Solution:
    return Solution(
        problem=problem,
        status=SOLVED,
        topic=topic,
        steps=[Step(a, b) for a, b in steps],
        answer_latex=answer,
        verified=True,
        figure=figure,
    )


SAMPLES: dict[str, Solution] = {
    "linear": _solved(
        "Solve 2x + 3 = 11.",
        "linear",
        [
            ("2x + 3 = 11", "Start from the equation."),
            ("2x = 8", "Subtract 3 from both sides."),
            ("x = 4", "Divide both sides by 2."),
        ],
        "x = 4",
    ),
    "inequality": _solved(
        "Solve 3x - 2 \\ge 7 and show the solution set.",
        "inequality",
        [
            ("3x - 2 \\ge 7", "Start from the inequality."),
            ("3x \\ge 9", "Add 2 to both sides."),
            ("x \\ge 3", "Divide by 3, a positive number, so the sign stays."),
        ],
        "x \\ge 3",
        {"kind": "number_line", "relation": ">=", "boundary": 3.0},
    ),
    "system": _solved(
        "Solve the system y = 2x + 1 and y = -x + 4.",
        "system",
        [
            ("y = 2x + 1,\\quad y = -x + 4", "Both lines are written as y = ..."),
            ("2x + 1 = -x + 4", "Set the two right-hand sides equal."),
            ("3x = 3", "Add x and subtract 1 on both sides."),
            ("x = 1", "Divide by 3."),
            ("y = 2(1) + 1 = 3", "Put x = 1 into the first equation."),
        ],
        "(x, y) = (1, 3)",
        {"kind": "system", "exprs": ["2*x + 1", "-x + 4"], "point": {"x": 1, "y": 3}},
    ),
    "quadratic": _solved(
        "Solve x^2 - 5x + 6 = 0 and find the vertex of the parabola.",
        "quadratic",
        [
            ("x^2 - 5x + 6 = 0", "Start from the equation."),
            ("(x - 2)(x - 3) = 0", "Factor: 2 and 3 multiply to 6 and add to 5."),
            ("x - 2 = 0 \\quad \\text{or} \\quad x - 3 = 0", "A product is zero when one factor is zero."),
            ("x = 2 \\quad \\text{or} \\quad x = 3", "Solve each factor."),
            ("x_v = \\frac{5}{2},\\; y_v = -\\frac{1}{4}", "The vertex sits halfway between the roots."),
        ],
        "x = 2 \\text{ or } x = 3",
        {
            "kind": "function",
            "expr": "x**2 - 5*x + 6",
            "points": [
                {"x": 2, "y": 0, "label": "root"},
                {"x": 3, "y": 0, "label": "root"},
                {"x": 2.5, "y": -0.25, "label": "vertex"},
            ],
        },
    ),
    "function": _solved(
        "If f(x) = 3x^2 - 2x + 1, what is f(2)?",
        "function",
        [
            ("f(2) = 3(2)^2 - 2(2) + 1", "Replace x by 2."),
            ("f(2) = 12 - 4 + 1", "Work out the powers and products."),
            ("f(2) = 9", "Add and subtract from left to right."),
        ],
        "f(2) = 9",
        {"kind": "function", "expr": "3*x**2 - 2*x + 1", "points": [{"x": 2, "y": 9, "label": "f(2)"}]},
    ),
    "percent": _solved(
        "A jacket costs $80 and is on sale for 25% off. What is the sale price?",
        "percent",
        [
            ("25\\% \\times 80 = 0.25 \\times 80 = 20", "The discount is 25 percent of 80 dollars."),
            ("80 - 20 = 60", "Subtract the discount from the original price."),
        ],
        "\\$60",
    ),
    "statistics": _solved(
        "Find the mean and median of 4, 8, 6, 5, 7.",
        "statistics",
        [
            ("\\text{sorted: } 4, 5, 6, 7, 8", "Sort the data from smallest to largest."),
            (
                "\\bar{x} = \\frac{4 + 5 + 6 + 7 + 8}{5} = \\frac{30}{5} = 6",
                "The mean is the sum divided by the count.",
            ),
            ("\\text{median} = 6", "With five values the median is the third one."),
        ],
        "\\bar{x} = 6,\\ \\text{median} = 6",
    ),
    "complex": _solved(
        "Simplify (2 + 3i)(1 - i).",
        "complex",
        [
            ("(2 + 3i)(1 - i) = 2 - 2i + 3i - 3i^2", "Multiply every term by every term."),
            ("= 2 + i - 3i^2", "Combine the i terms."),
            ("= 2 + i + 3", "Use i^2 = -1."),
            ("= 5 + i", "Add the real parts."),
        ],
        "5 + i",
    ),
    "identity": _solved(
        "Show that (a + b)^2 - (a - b)^2 = 4ab.",
        "polynomial",
        [
            ("(a + b)^2 = a^2 + 2ab + b^2", "Expand the first square."),
            ("(a - b)^2 = a^2 - 2ab + b^2", "Expand the second square."),
            (
                "(a^2 + 2ab + b^2) - (a^2 - 2ab + b^2) = 4ab",
                "Subtract: the squares cancel and the middle terms add up.",
            ),
        ],
        "(a + b)^2 - (a - b)^2 = 4ab",
    ),
    "unsupported": Solution(
        problem="Prove that there are infinitely many primes p such that p + 2 is prime.",
        reason="This is an open problem (the twin prime conjecture); the engine cannot verify an answer.",
    ),
    "long": _solved(
        "A deliberately long linear equation with many steps to check scrolling and scaling.",
        "linear",
        [
            (
                "\\frac{3}{4}x + \\frac{5}{6}(2x - 7) - \\frac{1}{3}(x + 12) + 9x - 14"
                " = \\frac{7}{12}x + 100 - \\frac{2}{5}(3x + 1) + 17x",
                "Start from this long equation; it must scale down to fit the frame without touching the edges.",
            ),
            ("12\\left(\\frac{3}{4}x + \\frac{5}{6}(2x - 7)\\right) = 9x + 20x - 70", "Multiply by 12."),
            ("29x - 70 = 9", "Collect the terms."),
            ("29x = 79", "Add 70."),
            ("x = \\frac{79}{29}", "Divide by 29."),
            ("\\badmacro{x} = 3", "A step with broken LaTeX falls back to text."),
            ("x \\approx 2.72", "Round to two decimals."),
        ],
        "x = \\frac{79}{29}",
    ),
}
