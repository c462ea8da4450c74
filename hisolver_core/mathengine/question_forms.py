"""SAT question forms kept as data, the question normaliser, and the matcher (used by ``forms.py``).

Each :class:`QuestionForm` lists patterns over the question sentence after :func:`normalise` (filler words
and synonyms do not decide), with typed math placeholders:

    {e1}  any expression (or a letter)     {n1}  a single letter (an unknown, a constant, a function)
    {r1}  an equation or inequality        {p1}  a point ``(a, b)``

and the :class:`~hisolver_core.mathengine.program.Target` it yields. Every form's ``example`` is a
whole problem the reader answers (each has a test).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["FORMS", "QuestionForm", "match_form", "normalise"]


@dataclass(frozen=True)
class QuestionForm:
    """One SAT question form: patterns over the normalised question, the target it yields, hint lines."""

    name: str
    patterns: tuple[str, ...]
    target: dict[str, Any]  # Target fields; "{e1}"-style values are filled from the placeholders
    example: str  # a whole problem the form reads (each has a test)
    hints: tuple[str, ...] = ()


_LINE_HINTS = (
    "Write the line in slope-intercept form y = mx + b.",
    "The slope is the coefficient m of x; the y-intercept is b.",
)
_QUAD_HINTS = (
    "Write the quadratic so that one side is 0.",
    "Factor it, or use the quadratic formula.",
)

FORMS: tuple[QuestionForm, ...] = (
    QuestionForm(
        "value",
        (
            "what is the value of {e1}",
            "what is {e1}",
            "find the value of {e1}",
            "find {e1}",
            "evaluate {e1}",
            "compute {e1}",
            "calculate {e1}",
            "what is the numerical value of {e1}",
            "what is the value of {e1} equal to",
            "{e1} equals what",
            "what value of {n1} satisfies the equation",
            "what value of {n1} is the solution of the equation",
            "round {e1}",
            "what number is {e1}",
            "what fraction is {e1}",
            "what fraction is the same as {e1}",
            "what number is the same as {e1}",
            "what fraction is equal to {e1}",
            "what number is equal to {e1}",
        ),
        {"kind": "value", "expr": "{e1}{n1}"},
        "If $3x + 5 = 20$, what is the value of $2x + 1$?",
        ("Solve the given equation for the unknown first.", "Then substitute into the expression asked for."),
    ),
    QuestionForm(
        "difference",
        (
            "what is the positive difference between {e1} and {e2}",
            "what is the absolute value of the difference between {e1} and {e2}",
        ),
        {"kind": "value", "expr": "Abs(({e1}) - ({e2}))"},
        "What is the positive difference between $2(6) + 4(3)$ and $8(3+3)$?",
        ("Work out each quantity first.", "Subtract the smaller from the larger."),
    ),
    QuestionForm(
        "how_much_greater",
        ("how much greater than {e1} is {e2}", "how much more than {e1} is {e2}", "by how much does {e2} exceed {e1}"),
        {"kind": "value", "expr": "({e2}) - ({e1})"},
        "How much greater than $27^2$ is $43^2$?",
        ("Work out each quantity first.", "Subtract: the second minus the first."),
    ),
    QuestionForm(
        "solve",
        (
            "solve {r1}",
            "solve {r1} for {n1}",
            "solve for {n1}",
            "solve for {n1} {r1}",
            "solve for {n1} in {r1}",
            "what is the solution to the equation",
            "what is the solution to {r1}",
            "what is the solution of {r1}",
            "what is the solution of the equation",
        ),
        {"kind": "value", "expr": "{n1}{var}"},
        "Solve for $x$: $2x - 7 = 9$.",
        ("Undo the operations on the unknown in reverse order.", "Do the same thing to both sides."),
    ),
    QuestionForm(
        "sum_of_solutions",
        (
            "what is the sum of the values of {n1}",
            "what is the sum of the solutions",
            "what is the sum of the roots",
            "what is the sum of the solutions of {r1}",
            "what is the sum of the x-coordinates of the points",
            "what is the sum of the roots of {r1}",
        ),
        {"kind": "sum", "expr": "{n1}{var}"},
        "What is the sum of all values of $x$ that satisfy $x^2 = 4x + 21$?",
        _QUAD_HINTS + ("Add the solutions (or use the sum of roots, -b/a).",),
    ),
    QuestionForm(
        "product_of_solutions",
        (
            "what is the product of the values of {n1}",
            "what is the product of the solutions",
            "what is the product of the roots",
            "what is the product of the solutions of {r1}",
        ),
        {"kind": "product", "expr": "{n1}{var}"},
        "What is the product of all values of $x$ for which $x^2 - 5x + 6 = 0$?",
        _QUAD_HINTS + ("Multiply the solutions (or use the product of roots, c/a).",),
    ),
    QuestionForm(
        "count_of_solutions",
        (
            "how many solutions does the equation have",
            "how many solutions does the system have",
            "how many solutions does {r1} have",
            "for how many values of {n1} is {r1}",
        ),
        {"kind": "count"},
        "How many real solutions does the equation $x^2 + 4 = 0$ have?",
        ("Bring everything to one side and look at the discriminant.",),
    ),
    QuestionForm(
        "x_intercepts",
        (
            "what are the x-intercepts of the graph of {n1}",
            "what are the x-intercepts of the graph",
            "what is the x-intercept of the graph of {n1}",
            "what is the x-intercept of the graph",
            "what are the x-intercepts of the graph of {r1}",
            "at what points does the graph of {n1} cross the x-axis",
        ),
        {"kind": "property", "property": "x_intercepts", "of": "{n1}{r1}{only}"},
        "The function f is defined by $f(x) = x^2 - 6x + 8$. What are the x-intercepts of the graph of f?",
        ("An x-intercept is where the graph meets the x-axis: set y (or f(x)) equal to 0.",) + _QUAD_HINTS,
    ),
    *(  # "the smallest integer x where ... is defined": the integer domain is read from the words, then folded
        QuestionForm(
            f"domain_{way}_integer",
            tuple(
                f"what is the {word} value of {{n1}} {link} {{e1}} {defined}"
                for word in words
                for link in ("where", "for which", "such that")
                for defined in ("is defined", "has a real number value", "is a real number")
            ),
            {"kind": "property", "property": f"domain_{way}_integer", "of": "{e1}"},
            f"Find the {words[0]} integer $x$ where the expression {example} is defined.",
            (
                "An expression is defined where every square root has a nonnegative inside and no denominator is 0.",
                "Write those conditions as inequalities, then find the integer asked for.",
            ),
        )
        for way, words, example in (
            ("least", ("smallest", "least"), "$\\frac{\\sqrt{x-2}}{x^2+x-6}$"),
            ("greatest", ("largest", "greatest"), "$\\frac{\\sqrt{7-x}}{x-7}$"),
        )
    ),
    QuestionForm(
        "zeros",
        ("what are the zeros of {n1}", "what are the zeros of the function", "what is the zero of {n1}"),
        {"kind": "property", "property": "zeros", "of": "{n1}{only}"},
        "Let $g(x) = 2x - 10$. What is the zero of $g$?",
        ("A zero of a function is an input where its value is 0: solve g(x) = 0.",),
    ),
    QuestionForm(
        "vertex",
        (
            "what are the coordinates of the vertex of the graph of {n1}",
            "what is the vertex of the graph of {n1}",
            "what are the coordinates of the vertex of the graph",
            "what is the vertex of the graph of {r1}",
            "what is the vertex of the parabola",
        ),
        {"kind": "property", "property": "vertex", "of": "{n1}{r1}{only}"},
        "The function f is defined by $f(x) = (x - 3)^2 + 4$. What is the vertex of the graph of f?",
        ("Write the quadratic in vertex form a(x - h)^2 + k; the vertex is (h, k).",),
    ),
    QuestionForm(
        "maximum",
        (
            "what is the maximum value of {n1}",
            "what is the maximum value of the function",
            "what is the maximum of {n1}",
        ),
        {"kind": "property", "property": "maximum", "of": "{n1}{only}"},
        "The function f is defined by $f(x) = -x^2 + 4x + 1$. What is the maximum value of f?",
        ("The maximum of a downward parabola is at its vertex.",),
    ),
    QuestionForm(
        "minimum",
        (
            "what is the minimum value of {n1}",
            "what is the minimum value of the function",
            "what is the minimum of {n1}",
        ),
        {"kind": "property", "property": "minimum", "of": "{n1}{only}"},
        "The function f is defined by $f(x) = x^2 - 2x + 5$. What is the minimum value of f?",
        ("The minimum of an upward parabola is at its vertex.",),
    ),
    QuestionForm(
        "slope",
        (
            "what is the slope of the line",
            "what is the slope of the graph of {n1}",
            "what is the slope of the graph of {r1}",
            "what is the slope of the line {r1}",
            "what is the slope of the graph",
            "what is the slope of {r1}",
        ),
        {"kind": "property", "property": "slope", "of": "{n1}{r1}{only}"},
        "What is the slope of the line $3x + 2y = 12$?",
        _LINE_HINTS,
    ),
    QuestionForm(
        "slope_through_points",
        (
            "what is the slope of the line through {p1} and {p2}",
            "what is the slope of the line that passes through {p1} and {p2}",
            "what is the slope of the line containing {p1} and {p2}",
            "what is the slope of the line passing through {p1} and {p2}",
            "a line passes through {p1} and {p2}. what is the slope of the line",
        ),
        {"kind": "value", "expr": "slope({p1}, {p2})"},
        "What is the slope of the line that passes through the points $(1, 2)$ and $(3, 8)$?",
        ("The slope through two points is the change in y over the change in x.", "Subtract in the same order."),
    ),
    QuestionForm(
        "y_intercept",
        (
            "what is the y-intercept of the graph of {n1}",
            "what is the y-intercept of the graph of {r1}",
            "what is the y-intercept of the line",
            "what is the y-intercept of the graph",
            "what is the y-coordinate of the y-intercept of the graph of {n1}",
        ),
        {"kind": "property", "property": "y_intercept", "of": "{n1}{r1}{only}"},
        "What is the y-intercept of the graph of $y = 4x - 7$?",
        ("The y-intercept is where x = 0.",) + _LINE_HINTS[:1],
    ),
    QuestionForm(
        "perpendicular_slope",
        (
            "what is the slope of a line perpendicular to the line",
            "what is the slope of a line perpendicular to {r1}",
            "what is the slope of a line perpendicular to the graph of {n1}",
            "what is the slope of a line that is perpendicular to the line",
            "what is the slope of a line that is perpendicular to {r1}",
        ),
        {"kind": "property", "property": "perpendicular_slope", "of": "{n1}{r1}{only}"},
        "What is the slope of a line perpendicular to the line $y = 2x + 5$?",
        _LINE_HINTS[:1] + ("Perpendicular slopes are negative reciprocals: their product is -1.",),
    ),
    QuestionForm(
        "parallel_slope",
        (
            "what is the slope of a line parallel to the line",
            "what is the slope of a line parallel to {r1}",
            "what is the slope of a line parallel to the graph of {n1}",
            "what is the slope of a line that is parallel to the line",
            "what is the slope of a line that is parallel to {r1}",
        ),
        {"kind": "property", "property": "parallel_slope", "of": "{n1}{r1}{only}"},
        "What is the slope of a line parallel to the line $6x - 3y = 9$?",
        _LINE_HINTS[:1] + ("Parallel lines have the same slope.",),
    ),
    QuestionForm(
        "center",
        (
            "what are the coordinates of the center of the circle",
            "what is the center of the circle",
            "what is the center of the circle {r1}",
            "what are the coordinates of the center of the circle {r1}",
        ),
        {"kind": "property", "property": "center", "of": "{r1}{only}"},
        "The equation of a circle is $(x - 2)^2 + (y + 3)^2 = 16$. What is the center of the circle?",
        ("Complete the square in x and in y to get (x - h)^2 + (y - k)^2 = r^2; the center is (h, k).",),
    ),
    QuestionForm(
        "radius",
        ("what is the radius of the circle", "what is the radius of the circle {r1}", "what is the radius of {r1}"),
        {"kind": "property", "property": "radius", "of": "{r1}{only}"},
        "What is the radius of the circle $x^2 + y^2 - 6x + 4y = 12$?",
        ("Complete the square in x and in y; the radius is the square root of the right side.",),
    ),
    QuestionForm(
        "distance",
        ("what is the distance between {p1} and {p2}", "find the distance between {p1} and {p2}"),
        {"kind": "value", "expr": "distance({p1}, {p2})"},
        "What is the distance between the points $(1, 2)$ and $(4, 6)$?",
        ("Use the distance formula: the square root of (change in x)^2 + (change in y)^2.",),
    ),
    QuestionForm(
        "parameter_no_solution",
        (
            "for what value of {n1} does the equation have no solution",
            "for what value of {n1} does {r1} have no solution",
            "for what value of {n1} does the system have no solution",
            "what is the value of {n1} for which the equation has no solution",
            "what is the value of {n1} for which the system has no solution",
        ),
        {"kind": "parameter", "expr": "{n1}", "solution_count": "none"},
        "In the equation $3(x + 2) = kx + 5$, $k$ is a constant. "
        "For what value of $k$ does the equation have no solution?",
        ("An equation ax + b = cx + d has no solution when a = c but b is not d.",),
    ),
    QuestionForm(
        "parameter_infinite",
        (
            "for what value of {n1} does the equation have infinitely many solutions",
            "for what value of {n1} does {r1} have infinitely many solutions",
            "for what value of {n1} does the system have infinitely many solutions",
            "what is the value of {n1} for which the equation has infinitely many solutions",
            "what is the value of {n1} for which the system has infinitely many solutions",
        ),
        {"kind": "parameter", "expr": "{n1}", "solution_count": "infinite"},
        "If $k$ is a constant, for what value of $k$ does $2(x + 3) = 2x + k$ have infinitely many solutions?",
        ("An equation has infinitely many solutions when both sides are the same expression.",),
    ),
    QuestionForm(
        "parameter_one",
        (
            "for what value of {n1} does the equation have exactly one solution",
            "for what value of {n1} does {r1} have exactly one solution",
            "what is the value of {n1} for which the equation has exactly one solution",
            "find a value for {n1} such that {r1} have exactly one solution",
            "find a value of {n1} such that {r1} have exactly one solution",
        ),
        {"kind": "parameter", "expr": "{n1}", "solution_count": "one"},
        "For what value of $c$ does the equation $x^2 - 6x + c = 0$ have exactly one solution?",
        ("A quadratic has exactly one solution when its discriminant b^2 - 4ac is 0.",),
    ),
    QuestionForm(
        "in_terms_of",
        (
            "what is {n1} in terms of {n2}",
            "what is {n1} in terms of {n2} and {n3}",
            "which expresses {n1} in terms of {n2}",
            "which expresses {n1} in terms of {n2} and {n3}",
            "which gives {n1} in terms of {n2}",
            "which gives {n1} in terms of {n2} and {n3}",
            "which is {n1} in terms of {n2}",
            "which is {n1} in terms of {n2} and {n3}",
            "solve for {n1} in terms of {n2}",
        ),
        {"kind": "in_terms_of", "expr": "{n1}", "letters": ["{n2}", "{n3}"]},
        "If $3a + 2b = 12$, which of the following gives $a$ in terms of $b$?",
        ("Isolate the letter asked for: move every other term to the other side.",),
    ),
    QuestionForm(
        "equivalent",
        (
            "which is equivalent to {e1}",
            "which expression is equivalent to {e1}",
            "{e1} is equivalent to which",
            "which is equivalent to the expression",
            "which expression is equivalent to the expression",
            "which is an equivalent form of {e1}",
            "which is an equivalent form of the expression",
        ),
        {"kind": "equivalent", "expr": "{e1}{only}"},
        "Which of the following is equivalent to $(x + 3)^2$? "
        "(A) $x^2 + 9$ (B) $x^2 + 6x + 9$ (C) $x^2 + 3x + 9$ (D) $2x + 6$",
        ("Expand or factor the expression and compare it with each option.",),
    ),
    QuestionForm(
        "point_on_graph",
        (
            "which point lies on the graph of {r1}",
            "which point lies on the graph of {n1}",
            "which point lies on the graph",
            "which ordered pair is a solution to the equation",
            "which ordered pair is a solution to the system",
            "which ordered pair satisfies the equation",
            "which ordered pair satisfies the system",
            "which point is on the graph of {n1}",
            "which point is on the graph of {r1}",
            "which ordered pair is a solution to the inequality",
            "which point lies on {r1}",
            "which is a solution of {r1}",
            "which value of {n1} satisfies {r1}",
            "which value of {n1} is a solution of {r1}",
            "which ordered pair {p1} is a solution of {r1}",
            "which ordered pair {p1} satisfies {r1}",
            "which ordered pair {p1} satisfies {r1} and {r2}",
            "which ordered pair {p1} is a solution to the system",
            "which ordered pair {p1} satisfies the system",
            "which is a zero of {n1}",
            "which could be {n1}",
            "which could be a solution of {r1}",
            "which is an x-intercepts of the graph of {r1}",
        ),
        {"kind": "option"},
        "Which point lies on the graph of $y = 2x - 1$? (A) $(1, 3)$ (B) $(2, 3)$ (C) $(3, 3)$ (D) $(0, 1)$",
        ("Substitute each option's x and y into the equation; the one that makes it true lies on the graph.",),
    ),
    QuestionForm(
        "not_solution",
        (
            "which is not a solution to the equation",
            "which is not a solution to the inequality",
            "which is not a solution to {r1}",
            "which is not a solution of {r1}",
            "which ordered pair is not a solution to the inequality",
            "which point does not lie on the graph of {r1}",
            "which value of {n1} is not a solution to the inequality",
            "all are solutions to the inequality except",
            "all are solutions to {r1} except",
            "which point does not lie on {r1}",
            "which value of {n1} is not a solution of {r1}",
            "which is not a zero of {n1}",
        ),
        {"kind": "option", "negated": True},
        "Which of the following is NOT a solution to $2x + 1 > 5$? (A) 3 (B) 4 (C) 2 (D) 5",
        ("This asks for the option that fails: test each option in the inequality.", "Exactly one option fails."),
    ),
    QuestionForm(
        "not_equivalent",
        (
            "which is not equivalent to {e1}",
            "which expression is not equivalent to {e1}",
            "all are equivalent to {e1} except",
        ),
        {"kind": "equivalent", "expr": "{e1}", "negated": True},
        "Which of the following is NOT equivalent to $2(x + 3)$? (A) $2x + 6$ (B) $2x + 3$ (C) $6 + 2x$ (D) $2(3 + x)$",
        ("This asks for the option that fails: simplify each option and find the one that differs.",),
    ),
    QuestionForm(
        "closest",
        (
            "which is closest to {e1}",
            "{e1} is closest to which",
            "what is {e1} closest to",
            "which is closest to the value of {e1}",
        ),
        {"kind": "value", "expr": "{e1}", "approximate": True},
        "Which of the following is closest to $\\sqrt{50}$? (A) 6 (B) 7 (C) 8 (D) 25",
        ("Compute the value (a decimal is enough here) and pick the nearest option.",),
    ),
    QuestionForm(
        "could_be",
        (
            "which could be the value of {n1}",
            "what is one possible value of {n1}",
            "what is a possible value of {n1}",
            "which is a possible value of {n1}",
            "which could be a solution to the equation",
            "which is a solution to the equation",
            "which could be the value of {e1}",
        ),
        {"kind": "value", "expr": "{n1}{e1}{var}", "any_one": True},
        "If $x^2 - 5x + 6 = 0$, which of the following could be the value of $x$? (A) 1 (B) 2 (C) 4 (D) 5",
        ("Find every solution; any one of them that appears among the options is the answer.",),
    ),
    QuestionForm(
        "solution_set",  # options that are inequalities: the one with the same solution set
        (
            "which is the solution of {r1}",
            "which describes the solution of {r1}",
            "which describes the values of {n1} that satisfy {r1}",
        ),
        {"kind": "option"},
        "Which of the following is the solution to the inequality $2x - 1 > 5$? (A) $x > 3$ (B) $x < 3$ (C) $x > 2$",
        ("Solve the inequality as you would an equation.", "Compare the solution set with each option's."),
    ),
    QuestionForm(
        "implied",  # "if ⟦r⟧, which must be true": the option that holds for every solution
        ("which is true",),
        {"kind": "option", "property": "implied"},
        "If $-3x + 7 \\leq 19$, which of the following must be true? (A) $x \\leq -4$ (B) $x \\geq -4$ (C) $x \\geq 4$",
        ("Solve the inequality first.", "The answer is the option that every solution satisfies."),
    ),
    QuestionForm(
        "roman_solutions",
        ("which is the solution of {r1}", "which is the solution to the equation", "which is true"),
        {"kind": "option", "statements": ["{roman}"]},
        "Which of the following are solutions to $x^2 = 9$? I. $3$ II. $-3$ III. $9$ "
        "(A) I only (B) II only (C) I and II only (D) I, II, and III",
        ("Check each numbered statement by itself, then pick the option listing exactly the true ones.",),
    ),
    QuestionForm(
        "argmin",
        (
            "what value of {n1} will find the minimum value for {e1}",
            "what value of {n1} will find the minimum value of {e1}",
            "what value of {n1} gives the minimum value of {e1}",
            "for what value of {n1} is {e1} minimized",
            "for what value of {n1} does {e1} have its minimum value",
        ),
        {"kind": "property", "property": "argmin", "of": "{e1}"},
        "What value of $x$ will give the minimum value for $x^2- 14x + 3$?",
        ("The minimum of an upward parabola is at its vertex.", "The vertex is at x = -b/(2a)."),
    ),
    QuestionForm(
        "argmax",
        (
            "what value of {n1} will find the maximum value for {e1}",
            "what value of {n1} will find the maximum value of {e1}",
            "what value of {n1} gives the maximum value of {e1}",
            "for what value of {n1} is {e1} maximized",
            "for what value of {n1} does {e1} have its maximum value",
        ),
        {"kind": "property", "property": "argmax", "of": "{e1}"},
        "What value of $x$ gives the maximum value of $-x^2 + 6x$?",
        ("The maximum of a downward parabola is at its vertex.", "The vertex is at x = -b/(2a)."),
    ),
    QuestionForm(
        "rationalize",
        ("rationalize the denominator {e1}", "rationalize the denominator of {e1}"),
        {"kind": "value", "expr": "{e1}"},
        "Rationalize the denominator: $\\frac{5}{\\sqrt{3}}$.",
        ("Multiply the top and the bottom by the root in the denominator.", "Simplify what is left."),
    ),
    QuestionForm(
        "largest_value",
        (
            "what is the largest value of {n1}",
            "what is the greatest value of {n1}",
            "what is the largest solution",
            "what is the greatest solution",
            "what is the largest solution of {r1}",
            "what is the greatest solution of {r1}",
            "what is the largest {n1}",
            "what is the greatest {n1}",
        ),
        {"kind": "value", "expr": "{n1}{var}", "pick": "max"},
        "What is the largest value of $x$ such that $x^2 = 5x - 6$?",
        ("Find every solution first.", "Then take the largest one."),
    ),
    QuestionForm(
        "smallest_value",
        (
            "what is the smallest value of {n1}",
            "what is the least value of {n1}",
            "what is the smallest solution",
            "what is the least solution",
            "what is the smallest solution of {r1}",
            "what is the least solution of {r1}",
            "what is the smallest {n1}",
            "what is the least {n1}",
        ),
        {"kind": "value", "expr": "{n1}{var}", "pick": "min"},
        "What is the smallest value of $x$ such that $|3x + 7| = 26$?",
        ("Find every solution first.", "Then take the smallest one."),
    ),
    QuestionForm(
        "power_of",
        (
            "{e1} equals {e2} raised to what power",
            "{e1} is equal to {e2} raised to what power",
            "{e1} is {e2} raised to what power",
            "{e2} raised to what power equals {e1}",
            "{e2} raised to what power is {e1}",
        ),
        {"kind": "value", "expr": "log({e1})/log({e2})"},
        "The expression $\\dfrac{\\sqrt{10}}{\\sqrt[4]{10}}$ equals 10 raised to what power?",
        ("Write each root as a power of the same base: a square root is the power 1/2.", "Subtract the exponents."),
    ),
    QuestionForm(
        "vertical_asymptotes",
        (
            "how many vertical asymptotes does the graph of {r1} have",
            "how many vertical asymptotes does {r1} have",
            "how many vertical asymptotes does the graph of {n1} have",
            "how many vertical asymptotes does {n1} have",
        ),
        {"kind": "property", "property": "vertical_asymptotes", "of": "{r1}{n1}"},
        "How many vertical asymptotes does the graph of $y=\\frac{2}{x^2+x-6}$ have?",
        (
            "A vertical asymptote is where the denominator is 0 and the numerator is not.",
            "Factor and cancel common factors first: a cancelled factor leaves a hole, not an asymptote.",
        ),
    ),
    QuestionForm(
        "intercept_count",
        ("how many y-intercepts does {r1} have", "how many x-intercepts does {r1} have"),
        {"kind": "count"},
        "How many $y$-intercepts does the graph of the parabola $x = y^2 - 4y - 1$ have?",
        ("A y-intercept is where x = 0 (an x-intercept: y = 0).", "Count the real solutions of what is left."),
    ),
    QuestionForm(
        "percent_of",
        ("what percent of {e1} is {e2}", "{e2} is what percent of {e1}"),
        {"kind": "value", "expr": "100*({e2})/({e1})"},
        "What percent of $80$ is $12$?",
        ("A percent is a part out of 100: divide the part by the whole.", "Multiply by 100."),
    ),
    QuestionForm(
        "factor",
        ("which is a factor of {e1}",),
        {"kind": "option", "property": "factor", "expr": "{e1}"},
        "Which of the following is a factor of $x^2 - x - 20$? (A) $x - 4$ (B) $x + 4$ (C) $x - 10$ (D) $x + 5$",
        ("Factor the polynomial, or divide it by each option.", "A factor leaves no remainder."),
    ),
    QuestionForm(
        "remainder",  # forms.py adds "divisor = 0": the dividend's value there is the remainder
        ("what is the remainder when {e1} is divided by {e2}",),
        {"kind": "value", "expr": "{e1}"},
        "What is the remainder when $x^3 - 2x^2 + 5$ is divided by $x - 2$?",
        (
            "The remainder theorem: dividing P(x) by x - a leaves the remainder P(a).",
            "Find where the divisor is 0, then put that value into P.",
        ),
    ),
    QuestionForm(
        "solution_difference",
        (
            "what is the positive difference between the solutions",
            "what is the positive difference of the solutions",
            "what is the absolute value of the difference of the solutions",
            "what is the positive difference between the solutions of {r1}",
        ),
        {"kind": "value", "expr": "Abs(r_1 - r_2)"},
        "The quadratic $x^2-4x-14=3x+16$ has two solutions. What is the positive difference between these solutions?",
        ("Bring everything to one side and solve the quadratic.", "Subtract the smaller solution from the larger."),
    ),
)

# --- normalising the question ---------------------------------------------------------------------------

_OBJECTS = (
    r"(equation|system of equations|system of inequalities|system|function|expression|inequality|graph|line|parabola"
    r"|circle)"
)
_NORMALISE: tuple[tuple[str, str], ...] = (
    (r"[’`]", "'"),
    (r"\s+", " "),
    (r": ", " "),
    (r"\b(?:could|might|can) be\b", "could be"),
    (
        r"\bwhich (?:one )?of (?:the following|these|the choices|the options|the answer choices)(?: \w+)?? "
        r"(?=is|are|could|does|must|gives|expresses|point|ordered|expression|value|equation)",
        "which ",
    ),
    (r"\bwhich of the following\b", "which"),
    (r"\bwhich (value|point|expression|ordered pair)s\b", r"which \1"),  # one option is the answer
    (r"\bwhat's\b", "what is"),
    (r"\b(?:what|which) (?:is|are) (?:equal to|equivalent to) ", "which is equivalent to "),
    (r"\b(?:determine|give)\b", "find"),
    (r"\bthe value of\b(?= ⟦\d+⟧ equal to\b)", "the value of"),
    (r"\bthe one (?:above|shown|given|below)\b", "the expression"),
    (
        rf"\b(?:the|this|that) (?:given |following |above |preceding )?{_OBJECTS}"
        r"(?: (?:given|shown|defined|stated|written))?(?: (?:above|below))?",
        r"the \1",
    ),
    (r"\bthe system of (?:equations|inequalities)\b", "the system"),
    (r"\b(?:the )?(?:equation|inequality|system)s? (?=⟦)", ""),  # "the inequality M" names M
    (r"\bthe (?:line|graph of the equation|graph of the line|graph of the linear equation) ⟦(\d+)⟧", r"⟦\1⟧"),
    (r"\bthe points? (?=⟦)", ""),
    (r"\b(?:the )?(?:numerical )?value of the expression (?=⟦)", "the value of "),
    (r"\bthe expression (?=⟦)", ""),
    (
        r"\b(?:the |a )?line (?:with|whose|that has|given by|defined by|described by)"
        r" (?:the )?(?:equation )?(?:is )?(?=⟦)",
        "",
    ),
    (
        r"\b(?:the |a )?(circle|parabola|graph) (?:with|whose|that has|given by|defined by|described by)"
        r" (?:the )?(?:equation )?(?:is )?(?=⟦)",
        r"the \1 ",
    ),
    (r"\bthe (?:two|three|possible|real) (values|solutions|roots)\b", r"the \1"),
    (r"\b(maximum|minimum|greatest|least|largest|smallest) possible value (?:for|of)\b", r"\1 value of"),
    (r"^find the\b", "what is the"),
    (r"\bpossible integer value for (?=⟦)", "integer value of "),
    (r"\b(?:will|could|can|would|might|must|should|do|does)(?= (?:the|⟦|it|this|there))", "does"),
    (r"\b(?:will|would|must|should) be\b", "is"),
    (r"\b(?:are|is) (?:all )?(?:the )?(?:possible )?(?:real )?(?=solutions?\b)", "is the "),
    (r"\ball (?:of )?(?:the )?(?:possible |real )*(?=values|solutions|roots)", "the "),
    (r"\bthe (?:possible |real )+(?=values|solutions|roots)", "the "),
    (r"(?<!square )(?<!cube )\b(?:solution|root)s? (?:set )?(?:of|to|for) ⟦", "solution of ⟦"),
    (r"\bthe solutions? (?:set )?(?:of|to|for) the (equation|system)", r"the solution to the \1"),
    (r"\bhow many (?:real |distinct |different )*solutions\b", "how many solutions"),
    (r"\b(?:has|have) no (?:real )?solutions?\b", "have no solution"),
    (r"\b(?:has|have) (?:an )?infinite(?:ly many)? (?:number of )?solutions?\b", "have infinitely many solutions"),
    (r"\b(?:has|have) (?:exactly |only )?(?:one|1) (?:real )?solutions?\b", "have exactly one solution"),
    (r"\bthe (values?) of (?:the (?:constant|number) )?(?=⟦)", r"the \1 of "),
    (r"\b(values?) of the (?:constant|number) (?=⟦)", r"\1 of "),
    (r"\bwhat (?:will|would|does) (⟦\d+⟧) be\b", r"what is \1"),
    (r"\bwhat does (the (?:\w+ )?values? of ⟦\d+⟧) be\b", r"what is \1"),  # "what could the value of x be"
    (r"^(.*?)(?<=, )(the (?:\w+ )?values? of ⟦\d+⟧) (?:is|does) what\b", r"\1what is \2"),  # "..., x is what?"
    (r"\bwhat (?:value|values) of ⟦", "what value of ⟦"),
    (r"\bx ?- ?intercepts?\b", "x-intercepts"),
    (r"\by ?- ?intercept\b", "y-intercept"),
    (r"\bcenter\b|\bcentre\b", "center"),
    # words that change nothing: how to work it out, and where the points live
    (r"\b(?:in your head|mentally)\b|\bwithout (?:using )?a calculator\b,?", ""),
    (r"(?:^|,? )in (?:a|the) (?:rectangular |cartesian |standard )?coordinate (?:system|plane)\b,?", " "),
    (r"\bhow many units long is\b", "what is the length of"),
    (r"\bwhat is the number of (?:square |cubic )?units in\b", "what is"),
    (r"\b(?:point|segment) (?=⟦)", ""),
    (r"\bwhat are the coordinates of (?=⟦)", "what is "),
    (r"\bthe graph of (?:the )?(?:parabola|line|curve|equation) (?=⟦)", ""),
    (r"\bthe x-coordinates of (?:the|these) (?:two |three )?points\b", "the x-coordinates of the points"),
    (
        r"\bwhat is the ordered pair (⟦\d+⟧) that satisf(?:y|ies) (?:both|the|these|all) (?:equations|system)",
        r"what is \1",
    ),
    (r"\bgiven (?:the )?(?:two |three )?functions (?=⟦)", "given "),
    (r"\bthe value of the fraction (?=⟦)", "the value of "),
    (r"\bthe value of (⟦\d+⟧) is\b", r"\1 is"),
    (r"\b(?:the )?arithmetic mean \(or average\)", "the mean"),
    (
        r"\b(how many values of ⟦\d+⟧ is) (?:the (?:sum|expression|quantity) )?(⟦\d+⟧) "
        r"(?=(?:less|greater|more) than|at (?:least|most))",
        r"\1 \2 is ",
    ),
    (r"\bthe (?:quadratic|quadratic equation|polynomial) (?=⟦)", ""),
    (r"\bthese (?:two )?(solutions|roots|numbers)\b", r"the \1"),
    (r"\s+", " "),
)
_NORMALISE_RE = [(re.compile(p), r) for p, r in _NORMALISE]


def normalise(text: str) -> str:
    """Lower-case the question and fold filler words and synonyms into one spelling each."""
    out = text.lower().strip()
    for pattern, repl in _NORMALISE_RE:
        out = pattern.sub(repl, out)
    out = re.sub(r"\b(?:the )?x-intercepts of the graph of the function\b", "x-intercepts of the graph", out)
    out = re.sub(r"\bthe graph of the function\b", "the graph", out)
    return out.strip(" ,;:")


# --- matching ----------------------------------------------------------------------------------------

_TYPES = {"e": ("expression", "letter", "point"), "n": ("letter",), "r": ("relation",), "p": ("point",)}


def _compile(pattern: str) -> re.Pattern[str]:
    body = re.escape(pattern)
    body = re.sub(r"\\\{([enrp]\d)\\\}", lambda m: f"(?P<{m.group(1)}>⟦\\d+⟧)", body)
    body = body.replace(r"\ ", " ").replace(" ", r",? ")
    return re.compile(rf"(?:so )?{body}\??")


_COMPILED: tuple[tuple[QuestionForm, tuple[re.Pattern[str], ...]], ...] = tuple(
    (form, tuple(_compile(p) for p in form.patterns)) for form in FORMS
)


def match_form(
    question: str, kinds: dict[int, str] | None = None, only: str | None = None
) -> tuple[QuestionForm, dict[str, int]] | None:
    """The first form one of whose patterns matches the whole normalised ``question``, with its placeholders.

    With ``kinds`` (segment -> relation / expression / letter / point), a placeholder matches only a segment
    of its type; ``only`` names the one form to try.
    """
    q = question.strip().rstrip("?.").strip()
    for form, patterns in _COMPILED:
        if only is not None and form.name != only:
            continue
        for pattern in patterns:
            m = pattern.fullmatch(q)
            if not m:
                continue
            slots = {k: int(v.strip("⟦⟧")) for k, v in m.groupdict().items() if v}
            if kinds is None or all(kinds.get(i) in _TYPES[slot[0]] for slot, i in slots.items()):
                return form, slots
    return None
