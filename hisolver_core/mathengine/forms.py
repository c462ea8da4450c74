"""Written-out math read generally: SAT question forms kept as data, and the reader that uses them.

A problem whose relations and definitions are all written as math ("If $3x + 5 = 20$, what is the
value of $2x + 1$?", "The function f is defined by $f(x) = x^2 - 6x + 8$. What are the
x-intercepts of the graph of f?") needs no vocabulary gate: the words are only the question and a
few connectives. :data:`FORMS` lists the question forms; each pattern runs over the question
sentence after :func:`normalise` (filler words and synonyms do not decide), with typed math
placeholders:

    {e1}  any expression (or a letter)     {n1}  a single letter (an unknown, a constant, a function)
    {r1}  an equation or inequality        {p1}  a point ``(a, b)``

The reader (:func:`read_forms`) accepts a problem only when every sentence is either a statement
frame it knows ("If ⟦0⟧ and ⟦1⟧,", "The function ⟦f⟧ is defined by ⟦0⟧.", "⟦k⟧ is a positive
constant.") or the question, and every math segment is placed. A condition it cannot read makes it
return ``None``: a condition silently dropped is how wrong answers happen. Precision then comes from
the solver's checks (a unique answer, exactly one option matching).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..solution import Solution
from .answer_forms import mixed_number
from .build import Decline
from .context import Context, _parse, _read_definitions
from .problem import Problem
from .program import FunctionDef, MathProgram, Relation, Target, Unknown
from .program_solve import solve_program
from .readers import FALLBACK_ORDER, reader

__all__ = ["FORMS", "QuestionForm", "normalise", "match_form", "read_forms", "solve_forms"]


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
        ),
        {"kind": "option", "negated": True},
        "Which of the following is NOT a solution to $2x + 1 > 5$? (A) 3 (B) 4 (C) 2 (D) 5",
        ("This asks for the option that fails: test each option in the inequality.", "Exactly one option fails."),
    ),
    QuestionForm(
        "not_equivalent",
        ("which is not equivalent to {e1}", "all are equivalent to {e1} except"),
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

_OBJECTS = r"(equation|system of equations|system|function|expression|inequality|graph|line|parabola|circle)"
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
    (r"\bthe system of equations\b", "the system"),
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
    (r"\b(?:has|have) (?:exactly )?(?:one|1) (?:real )?solutions?\b", "have exactly one solution"),
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


# --- statements ----------------------------------------------------------------------------------------

_M = r"⟦\d+⟧"
_MS = rf"{_M}(?:(?:,| and|, and) {_M})*"
_NAME_LIST = rf"{_M}(?:(?:,| and|, and) {_M})*"
_CONDITION_WORDS = (
    r"(?P<qual>(?:positive|negative|nonzero|non-zero|nonnegative|non-negative)(?: (?:real|whole))? )?"
    r"(?P<noun>constants?|integers?|real numbers?|numbers?|whole numbers?|digits?)"
)
_DECL = re.compile(
    rf"(?:where |and |if |suppose |given that )?(?:the )?(?P<names>{_NAME_LIST}) (?:is|are) "
    rf"(?:a |an |both |each )?(?:(?:different|distinct) )?{_CONDITION_WORDS}"
)
_RELATIONS = re.compile(rf"(?:if |given that |suppose (?:that )?|let |when |assume (?:that )?)?(?P<ms>{_MS})")
_DEFINED = re.compile(
    rf"(?:the |a )?(?:(?:linear|quadratic|polynomial) )?function (?P<f>{_M}) is (?:defined|given) by (?P<ms>{_MS})"
    rf"|(?P<f2>{_M}) is defined by (?P<ms2>{_MS})"
)
_ROOT = re.compile(rf"(?:given that |if |suppose )?(?P<v>{_M}) is (?:a|one) (?:solution|root|zero) of (?P<r>{_M})")
_OBJECT_IS = re.compile(
    rf"(?:the |an? )?(?:equation|graph) of (?:a|the) (?:circle|line|parabola)(?: in the xy-plane)? is (?P<ms>{_MS})"
    rf"|(?:a|the) (?:circle|line|parabola)(?: in the xy-plane)? (?:has|is given by|is defined by) "
    rf"(?:the )?(?:equation )?(?P<ms_b>{_MS})"
)
_SHAPE = r"(?:a|the) (?:circle|line|parabola)"
_DESCRIBED = re.compile(  # "the equation above defines a circle": what a relation already told is
    rf"(?:the equation|(?P<ms>{_M})) (?:(?:of {_SHAPE} )?is shown(?: above)?|defines {_SHAPE}|is (?:an? |the )?"
    rf"equation of {_SHAPE})"
)
_STATEMENT_LEAD = re.compile(rf"(?:in|for) (?:the )?(?:equation|system|inequality|expression)?s? ?(?P<ms>{_MS}), ")
_DECL_LEAD = re.compile(
    r"^(?:if|where|given that|suppose) (?P<decl>.+? for which .+?(?=,? then )|[^,]+(?=, ))(?:, |,? then )"
)
_LEAD = re.compile(
    rf"^(?:in the (?:equation|system|inequality|expression)(?: {_M})?|for the function (?P<f>{_M})|in the xy-plane"
    rf"|given (?:that )?{_MS}|if {_MS}|when {_MS}|for {_MS}|in {_MS})(?:,? then,?|,) "
)
_TAIL = re.compile(
    r" (?:in|if|for which|such that|that satisf(?:y|ies)|satisfying|when|given|given that|where|that makes?"
    rf"|which satisf(?:y|ies)|for|of) (?:all )?(?P<ms>{_MS})$"
)


_ROOT_NOUN = r"(?:(?:distinct|different|real) )*(?:solution|root|zero)s?"
_NAMED_ROOTS = re.compile(
    rf"(?P<r>{_M}) has (?:two|2) {_ROOT_NOUN},? (?P<names>{_M} and {_M})(?:,? (?:with|where) (?P<order>{_M}))?"
)
_NAMED_ROOTS_LET = re.compile(
    rf"(?:let |suppose |if )?(?P<names>{_M} and {_M}) (?:be|denote|are) the (?:two )?{_ROOT_NOUN} of (?P<r>{_M})"
    rf"(?:,? (?:with|where) (?P<order>{_M}))?"
)
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "1": 1, "2": 2, "3": 3}
_COUNT_CLAIM = re.compile(
    rf"there (?:are|is) (?P<n>one|two|three) {_ROOT_NOUN} (?:of|for|to) (?P<r>{_M})"
    rf"|(?P<r2>{_M}) has (?P<n2>two|three) {_ROOT_NOUN}"
)


_IN_THE_FORM = re.compile(
    rf"(?:(?P<e>{_M})|the equation of the line) (?:could be|is) (?:written|expressed|rewritten) (?:in the form|as) "
    rf"(?P<f>{_M})"
)
_LINE_THROUGH = re.compile(
    rf"(?:a|the) line(?: (?P<name>{_M}))? (?:passes|is drawn|goes|is) through (?P<pq>{_M} and {_M})"
)


@dataclass
class _Reading:
    problem: Problem
    ctx: Context
    kinds: dict[int, str] = field(
        default_factory=dict
    )  # segment -> relation | expression | letter | point | definition
    objs: dict[int, Any] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)
    relations: list[int] = field(default_factory=list)
    domains: dict[str, str] = field(default_factory=dict)
    conditions: list[str] = field(default_factory=list)
    function_names: set[str] = field(default_factory=set)
    roots: list[tuple[int, int]] = field(default_factory=list)  # "⟦v⟧ is a solution of ⟦r⟧": (v, r)
    points: dict[str, sp.Tuple] = field(default_factory=dict)  # "⟦P⟧ is the point ⟦(5, 3)⟧", "A(-2, 1)"
    named_roots: list[tuple[list[str], int, int | None]] = field(default_factory=list)  # ([a, b], relation, order)
    counts: list[tuple[int, int]] = field(default_factory=list)  # "⟦r⟧ has two solutions": (relation, 2)
    system_counts: list[tuple[list[int], int]] = field(default_factory=list)  # "⟦r⟧ and ⟦s⟧ intersect at two points"
    made: int = 10_000  # synthetic segments (a phrase read into math) are numbered from here
    line: tuple[sp.Tuple, sp.Tuple] | None = None  # "a line passes through ⟦P⟧ and ⟦Q⟧"
    hints: list[str] = field(default_factory=list)  # hint lines of the phrases read
    naming: set[int] = field(default_factory=set)  # relations that only name a coordinate (n = 2)
    parts: set[int] = field(default_factory=set)  # synthetic percents ("50 %")
    polygon: list[sp.Tuple] = field(default_factory=list)  # "a triangle has vertices at ⟦P⟧, ⟦Q⟧ and ⟦R⟧"
    circle: tuple[sp.Tuple, sp.Expr] | None = None  # center and radius: "⟦P⟧ and ⟦Q⟧ are the endpoints of a diameter"


# --- meaning words: noun phrases that name a quantity, read into new math segments ----------------------
#
# "the square of ⟦0⟧", "⟦0⟧ of ⟦1⟧" (a percent or a fraction of), "the midpoint of ⟦P⟧ and ⟦Q⟧", "the
# distance from ⟦P⟧ to ⟦Q⟧", "the sum of the coordinates of ⟦B⟧": each is replaced by a new segment holding
# its value, innermost first, so phrases compose ("the positive difference between the sum of ⟦0⟧ and ⟦1⟧
# and the product of ⟦0⟧ and ⟦1⟧"). Operand types: {e} an expression or letter, {q} a percent or a numeric
# fraction, {l} a list of expressions, {p} a point (a pair, a named point, or a capital letter naming one),
# {s} a segment (``\\overline{AB}`` or one named by its endpoints).


def _midpoint(p: sp.Tuple, q: sp.Tuple) -> tuple[str, Any]:
    return "point", sp.Tuple((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)


def _distance(p: sp.Tuple, q: sp.Tuple) -> tuple[str, Any]:
    return "expression", sp.sqrt((q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2)


def _slope_of(p: sp.Tuple, q: sp.Tuple) -> tuple[str, Any]:
    if sp.simplify(q[0] - p[0]) == 0:
        raise Decline("The line through the two points is vertical: it has no slope.")
    return "expression", (q[1] - p[1]) / (q[0] - p[0])


def _vertex(rel: sp.Equality) -> tuple[str, Any]:
    x, y = sp.Symbol("x"), sp.Symbol("y")
    if rel.lhs != y or rel.rhs.free_symbols != {x} or sp.degree(rel.rhs, x) != 2:
        raise Decline("Only the graph of y = a quadratic in x has one vertex here.")
    a, b = sp.expand(rel.rhs).coeff(x, 2), sp.expand(rel.rhs).coeff(x, 1)
    h = -b / (2 * a)
    return "point", sp.Tuple(h, rel.rhs.subs(x, h))


def _through(rel: Any, p: sp.Tuple) -> Any:
    """The relations hold at the point ``p`` (its coordinates put in for x and y)."""
    return rel.xreplace({sp.Symbol("x"): p[0], sp.Symbol("y"): p[1]})


def _line(p: sp.Tuple, q: sp.Tuple) -> tuple[str, Any]:
    x, y = sp.Symbol("x"), sp.Symbol("y")
    if sp.simplify(q[0] - p[0]) == 0:
        return "relation", sp.Eq(x, p[0])
    m = (q[1] - p[1]) / (q[0] - p[0])
    return "relation", sp.Eq(y, sp.expand(m * (x - p[0]) + p[1]))


def _mean(items: list) -> tuple[str, Any]:
    return "expression", sp.Add(*items) / len(items)


_SEGMENT = r"(?:the |a )?(?:line )?segment (?:whose endpoints are|with endpoints(?: at)?|between|joining|connecting)"
_PHRASE_RULES: tuple[tuple[str, Any], ...] = (
    ("the origin", lambda: ("point", sp.Tuple(0, 0))),
    (_SEGMENT + " {p} and {p}", lambda p, q: ("segment", (p, q))),
    (r"the (?:line )?segment from {p} to {p}", lambda p, q: ("segment", (p, q))),
    ("the (?:positive )?square root of {e}", lambda a: ("expression", sp.sqrt(a))),
    ("the cube root of {e}", lambda a: ("expression", sp.real_root(a, 3))),
    ("the opposite of {e}", lambda a: ("expression", -a)),
    ("the sum of the squares of {l}", lambda items: ("expression", sp.Add(*(v**2 for v in items)))),
    ("the square of {e}", lambda a: ("expression", a**2)),
    ("the cube of {e}", lambda a: ("expression", a**3)),
    ("the reciprocal of {e}", lambda a: ("expression", 1 / a)),
    ("the absolute value of {e}", lambda a: ("expression", sp.Abs(a))),
    ("the sum of {l}", lambda items: ("expression", sp.Add(*items))),
    ("the product of {l}", lambda items: ("expression", sp.Mul(*items))),
    ("the (?:arithmetic )?(?:mean|average) of {l}", _mean),
    ("{q} of {e}", lambda a, b: ("expression", a * b)),
    ("the midpoint of {p} and {p}", _midpoint),
    ("the midpoint of {s}", lambda s: _midpoint(*s)),
    ("the distance between {p} and {p}", _distance),
    ("the distance from {p} to {p}", _distance),
    ("the length of {s}", lambda s: _distance(*s)),
    ("the slope of the line (?:through|containing|passing through|that passes through) {p} and {p}", _slope_of),
    ("the vertex of (?:the parabola |the graph of )?{r}", lambda r: _vertex(r)),
    ("twice {e}", lambda a: ("expression", 2 * a)),
    ("half (?:of )?{e}", lambda a: ("expression", a / 2)),
    ("{w} times {e}", lambda n, a: ("expression", n * a)),
    ("{w} (?:more|greater|larger) than (?:the value of )?{e}", lambda n, a: ("expression", a + n)),
    ("{w} (?:less|fewer|smaller) than (?:the value of )?{e}", lambda n, a: ("expression", a - n)),
    ("{e} is (?:equal to|the same as) {e}", lambda a, b: ("relation", sp.Eq(a, b))),
    ("{r} intersects {r} at {p}", lambda r1, r2, p: ("relation", _through(sp.And(r1, r2), p))),
    ("{e} is (?:greater|more) than {e} and less than {e}", lambda a, b, c: ("relation", sp.And(a > b, a < c))),
    ("{e} is less than {e} and (?:greater|more) than {e}", lambda a, b, c: ("relation", sp.And(a < b, a > c))),
    ("{e} is (?:greater|more) than or equal to {e}", lambda a, b: ("relation", a >= b)),
    ("{e} is less than or equal to {e}", lambda a, b: ("relation", a <= b)),
    ("{e} is (?:greater|more) than {e}", lambda a, b: ("relation", a > b)),
    ("{e} is less than {e}", lambda a, b: ("relation", a < b)),
    ("{e} is at least {e}", lambda a, b: ("relation", a >= b)),
    ("{e} is at most {e}", lambda a, b: ("relation", a <= b)),
    ("the sum of the coordinates of {p}", lambda p: ("expression", p[0] + p[1])),
    ("the product of the coordinates of {p}", lambda p: ("expression", p[0] * p[1])),
    ("the x-coordinate of {p}", lambda p: ("expression", p[0])),
    ("the y-coordinate of {p}", lambda p: ("expression", p[1])),
    ("the line (?:through|containing|passing through|that passes through) {p} and {p}", lambda p, q: _line(p, q)),
)
_PHRASE_HINTS = {  # a hint line for the phrases whose formula a student may not know
    "the midpoint": "The midpoint's coordinates are the averages of the endpoints' x's and of their y's.",
    "the distance": "Use the distance formula: the square root of (change in x)^2 + (change in y)^2.",
    "the length": "Use the distance formula: the square root of (change in x)^2 + (change in y)^2.",
    "the slope": "The slope through two points is the change in y over the change in x.",
    "{q} of": "'Of' means times: a percent is a number out of 100.",
    "the (?:arithmetic": "The mean is the sum of the numbers divided by how many there are.",
}
_OPERAND_RE = {"l": rf"({_M}(?:(?:,|, and| and) {_M})+)", "e": rf"({_M})", "q": rf"({_M})", "p": rf"({_M})"}
_OPERAND_RE["s"] = _OPERAND_RE["r"] = _OPERAND_RE["e"]
_NUMBER_WORDS = {w: k for k, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_OPERAND_RE["w"] = rf"({'|'.join(_NUMBER_WORDS)}|{_M})"
_COMPILED_PHRASES = tuple(
    (
        re.compile(
            r"(?<![\w-])" + re.sub(r"\{([elqpsrw])\}", lambda m: _OPERAND_RE[m.group(1)], pattern) + r"(?![\w-])"
        ),
        re.findall(r"\{([elqpsrw])\}", pattern),
        build,
        next((h for key, h in _PHRASE_HINTS.items() if pattern.startswith(key)), None),
    )
    for pattern, build in _PHRASE_RULES
)
_POINT_LITERAL = re.compile(r"([A-Z])\s*(?:\\[ ,;!])?\s*\(([^(),]+),([^(),]+)\)")
_SEGMENT_LITERAL = re.compile(r"\\overline\{?\s*([A-Z])\s*([A-Z])\s*\}?")


_POINT_ITEM = re.compile(r"(?:[A-Z]\s*(?:\\[ ,;!])?\s*)?\(([^(),]+),([^(),]+)\)")


def _top_level_items(src: str) -> list[str]:
    items, depth, start = [], 0, 0
    for k, ch in enumerate(src):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            items.append(src[start:k].strip())
            start = k + 1
    return [*items, src[start:].strip()]


def _point_item(rd: _Reading, text: str) -> sp.Tuple:
    m = _POINT_ITEM.fullmatch(text)
    assert m is not None
    point = sp.Tuple(*(_parse(c, rd.ctx) for c in m.groups()))
    if text[0].isalpha():
        rd.points[text[0]] = point
    return point


def _new(rd: _Reading, kind: str, obj: Any) -> int:
    rd.made += 1
    rd.kinds[rd.made], rd.objs[rd.made] = kind, obj
    return rd.made


def _as_point(rd: _Reading, i: int) -> sp.Tuple | None:
    """The point segment ``i`` names: a pair, or a capital letter (a point not yet known gets unknown coordinates)."""
    kind, obj = rd.kinds.get(i), rd.objs.get(i)
    if kind == "point":
        return obj
    if kind == "letter" and isinstance(obj, sp.Symbol) and re.fullmatch(r"[A-Z]", obj.name):
        return _named_point(rd, obj.name)
    return None


def _named_point(rd: _Reading, name: str) -> sp.Tuple:
    """The point called ``name``; one not yet known has unknown coordinates x_name, y_name (kept by _commit)."""
    return rd.points.get(name) or sp.Tuple(sp.Symbol(f"x_{name}"), sp.Symbol(f"y_{name}"))


def _commit(rd: _Reading, indices: Any) -> None:
    """The capital letters among ``indices`` were read as points: from now on they name those points."""
    for i in indices:
        obj = rd.objs.get(i)
        names: Any = obj if rd.kinds.get(i) == "segment_names" else [obj.name] if isinstance(obj, sp.Symbol) else []
        for name in names:
            if re.fullmatch(r"[A-Z]", name):
                rd.points[name] = _named_point(rd, name)


def _operand(rd: _Reading, i: int, kind: str) -> Any:
    obj = rd.objs.get(i)
    if kind == "e":
        named_point = isinstance(obj, sp.Symbol) and obj.name in rd.points
        return obj if rd.kinds.get(i) in ("expression", "letter") and not named_point else None
    if kind == "q":  # "⟦20%⟧ of", "⟦1/3⟧ of": a number that is a part of what follows
        source = rd.problem.math[i] if i < len(rd.problem.math) else ""
        part = (i in rd.parts or re.search(r"%|\\frac|/", source)) and isinstance(obj, sp.Expr) and obj.is_number
        return obj if part else None
    if kind == "p":
        return _as_point(rd, i)
    if kind == "r":
        return obj if isinstance(obj, sp.Equality) else None
    if kind == "w":
        return obj if isinstance(obj, sp.Expr) and obj.is_number and rd.kinds.get(i) == "expression" else None
    if rd.kinds.get(i) == "segment":
        return obj
    if rd.kinds.get(i) == "segment_names" and obj is not None:
        return tuple(_named_point(rd, n) for n in obj)
    return None


def _phrases(rd: _Reading, text: str) -> str:
    """``text`` with every phrase it can read replaced by a new segment holding its value (innermost first)."""
    for m in reversed(list(re.finditer(r"⟦(\d+)⟧ ⟦(\d+)⟧", text))):  # "⟦50⟧ ⟦%⟧": a percent
        n, sign = (int(g) for g in m.groups())
        if rd.kinds.get(sign) == "percent_sign" and isinstance(rd.objs.get(n), sp.Expr) and rd.objs[n].is_number:
            rd.used.update((n, sign))
            made = _new(rd, "expression", rd.objs[n] / 100)
            rd.parts.add(made)
            text = text[: m.start()] + f"⟦{made}⟧" + text[m.end() :]
    text = _integer_words(rd, text)
    text = _context_phrases(rd, text)
    for _ in range(12):
        for pattern, kinds, build, hint in _COMPILED_PHRASES:
            found = _first_phrase(rd, text, pattern, kinds, build)
            if found is not None:
                text = found
                rd.hints += [hint] if hint and hint not in rd.hints else []
                break
        else:
            return text
    return text


def _context_phrases(rd: _Reading, text: str) -> str:
    """Phrases about a figure a statement described: the triangle's sides, the circle's center, where the line
    crosses an axis."""
    sides = []
    if rd.polygon:
        corners = rd.polygon + rd.polygon[:1]
        sides = [_distance(p, q)[1] for p, q in zip(corners, corners[1:], strict=False)]
    found: dict[str, Any] = {}
    if sides and all(v.is_number for v in sides):
        found["the (?:length of the )?longest side of the (?:triangle|polygon)"] = max(sides, key=float)
        found["the (?:length of the )?shortest side of the (?:triangle|polygon)"] = min(sides, key=float)
        found["the perimeter of the (?:triangle|polygon)"] = sp.Add(*sides)
    if rd.circle is not None:
        found["the center of the circle"], found["the radius of the circle"] = rd.circle
    if rd.line is not None:
        slope = _line(*rd.line)[1]
        if slope.lhs == sp.Symbol("y"):
            found["the point where the line (?:intersects|crosses|meets) the y-axis"] = sp.Tuple(
                0, slope.rhs.subs("x", 0)
            )
    for pattern, value in found.items():
        m = re.search(rf"\b{pattern}\b", text)
        if m:
            kind = "point" if isinstance(value, sp.Tuple) else "expression"
            text = text[: m.start()] + f"⟦{_new(rd, kind, value)}⟧" + text[m.end() :]
    return text


def _integer_words(rd: _Reading, text: str) -> str:
    """ "all integer values of ⟦x⟧", "positive integers ⟦x⟧": the domain is read, the words fold to "values of"."""
    m = re.search(r"\b(all |the )*(positive |negative |nonnegative )?integer(s?)(?: value(s?))?(?: of)? (⟦\d+⟧)", text)
    if m is None or not _declare(rd, m.group(5), m.group(2), "integer"):
        return text
    noun = "values of " if m.group(3) or m.group(4) else "value of "  # "the greatest integer ⟦x⟧": one value
    return normalise(text[: m.start()] + (m.group(1) or "") + noun + m.group(5) + text[m.end() :])


def _first_phrase(rd: _Reading, text: str, pattern: re.Pattern[str], kinds: list[str], build: Any) -> str | None:
    for m in pattern.finditer(text):
        groups = [_segments(g) for g in m.groups()]
        if any(g in _NUMBER_WORDS for g in m.groups()):
            text = (
                text[: m.start()]
                + re.sub(
                    r"\b(" + "|".join(_NUMBER_WORDS) + r")\b",
                    lambda w: f"⟦{_new(rd, 'expression', sp.Integer(_NUMBER_WORDS[w.group(1)]))}⟧",
                    m.group(0),
                    count=1,
                )
                + text[m.end() :]
            )
            return text  # the word is a number now; the phrase is read on the next pass
        args = [
            [_operand(rd, i, "e") for i in g] if kind == "l" else _operand(rd, g[0], kind)
            for g, kind in zip(groups, kinds, strict=True)
        ]
        if any(a is None or (isinstance(a, list) and None in a) for a in args):
            continue
        kind, obj = build(*args)
        rd.used.update(i for g in groups for i in g)
        _commit(rd, [g[0] for g, k in zip(groups, kinds, strict=True) if k in ("p", "s")])
        made = _new(rd, kind, obj)
        if kinds[:1] == ["q"] and obj.is_number:
            rd.parts.add(made)  # "⟦50%⟧ of ⟦1/3⟧ of ⟦36⟧": a part of a part is a part
        return text[: m.start()] + f"⟦{made}⟧" + text[m.end() :]
    return None


def _point_statement(rd: _Reading, s: str) -> bool | None:
    """ "⟦P⟧ is ⟦(5, 3)⟧", "⟦M⟧ is ⟦midpoint⟧", "⟦A⟧ is one endpoint": None when ``s`` is not about points."""
    m = re.fullmatch(rf"(?:suppose |let |if |given that )?(?P<a>{_M}) (?:is|be) (?P<b>{_M})(?: and (?P<rest>.+))?", s)
    if m is None:
        m2 = re.fullmatch(rf"(?:suppose |given that )?(?P<a>{_M}) is (?:one|an|the other) endpoint", s)
        if m2 is None:
            return None
        return _as_point(rd, _segments(m2.group("a"))[0]) is not None and _mark(rd, m2.group("a"), points=True)
    (a,), (b,) = _segments(m.group("a")), _segments(m.group("b"))
    name = rd.objs[a].name if rd.kinds.get(a) == "letter" and isinstance(rd.objs[a], sp.Symbol) else ""
    if re.fullmatch(r"[A-Z]", name) and name not in rd.points and rd.kinds.get(b) == "point":
        rd.points[name] = rd.objs[b]  # "Suppose ⟦P⟧ is the point ⟦(5, 3)⟧": a name for the point
    pa, pb = _as_point(rd, a), _as_point(rd, b)
    if (
        pa is None
        or pb is None
        or "point" not in (rd.kinds.get(a), rd.kinds.get(b))
        and not ({str(rd.objs[a]), str(rd.objs[b])} & set(rd.points))
    ):
        return None  # "⟦A⟧ is ⟦B⟧" is about points only when one of them is known to be a point
    _mark(rd, m.group(0)[: m.end("b")], points=True)
    for u, v in zip(pa, pb, strict=True):
        if sp.simplify(u - v) != 0:
            rd.relations.append(_new(rd, "relation", sp.Eq(u, v)))
            if (isinstance(u, sp.Symbol) and v.is_number) or (isinstance(v, sp.Symbol) and u.is_number):
                rd.naming.add(rd.made)  # "⟦(m, n)⟧": n = 2 only names a coordinate
    return _statement(rd, m.group("rest")) if m.group("rest") else True


def _mark(rd: _Reading, ms: str, points: bool = False) -> bool:
    rd.used.update(_segments(ms))
    if points:
        _commit(rd, _segments(ms))
    return True


def _segments(ms: str) -> list[int]:
    return [int(i) for i in re.findall(r"⟦(\d+)⟧", ms)]


def _take_relations(rd: _Reading, ms: str) -> bool:
    for i in _segments(ms):
        if rd.kinds.get(i) == "definition":
            rd.used.add(i)
            continue
        if rd.kinds.get(i) != "relation":
            return False
        rd.used.add(i)
        rd.relations.append(i)
    return True


def _declare(rd: _Reading, names: str, qual: str | None, noun: str) -> bool:
    qual = (qual or "").strip().replace("-", "")
    qual = qual.split(" ")[0] if qual else ""
    noun = noun.rstrip("s")
    if noun == "digit":
        return False  # a digit is an integer 0..9: a condition the solver has no domain for
    integer = noun in ("integer", "whole number")
    if noun == "whole number" and not qual:
        qual = "nonnegative"
    if not all(rd.kinds.get(i) == "letter" for i in _segments(names)):
        return False
    for i in _segments(names):
        rd.used.add(i)
        name = str(rd.objs[i])
        if qual == "positive":
            rd.domains[name] = "positive_integer" if integer else "positive"
        elif qual == "nonnegative":
            rd.domains[name] = "nonnegative_integer" if integer else "nonnegative"
        elif qual == "negative":
            rd.conditions.append(f"{name} < 0")
            if integer:
                rd.domains[name] = "integer"
        elif qual == "nonzero":
            rd.conditions.append(f"{name} != 0")
            if integer:
                rd.domains[name] = "integer"
        elif integer:
            rd.domains[name] = "integer"
    return True


def _statement(rd: _Reading, sentence: str) -> bool:
    """Read one statement sentence into the reading; False when it says something not understood."""
    s = sentence.strip(" ,.;:")
    m = _ROOT.fullmatch(s)
    if m:
        v, r = _segments(m.group("v"))[0], _segments(m.group("r"))[0]
        if rd.kinds.get(v) not in ("expression", "letter") or rd.kinds.get(r) != "relation":
            return False
        if not isinstance(rd.objs[r], sp.Equality):
            return False
        rd.used.update((v, r))
        rd.roots.append((v, r))
        return True
    if not s:
        return True
    about_points = _point_statement(rd, s)
    if about_points is not None:
        return about_points
    m = _NAMED_ROOTS.fullmatch(s) or _NAMED_ROOTS_LET.fullmatch(s)
    if m and rd.kinds.get(_segments(m.group("r"))[0]) == "relation":
        names = _segments(m.group("names"))
        order = _segments(m.group("order") or "")
        if len(names) != 2 or not all(rd.kinds.get(i) == "letter" for i in names):
            return False
        if order and rd.kinds.get(order[0]) != "relation":
            return False
        rd.used.update(names + order + _segments(m.group("r")))
        rd.named_roots.append(
            ([str(rd.objs[i]) for i in names], _segments(m.group("r"))[0], order[0] if order else None)
        )
        return True
    m = re.fullmatch(rf"the solution of (?P<r>{_M}) is (?:expressed|written) in the form (?P<f>{_M})", s)
    if m:
        return _interval_form(rd, _segments(m.group("r"))[0], _segments(m.group("f"))[0])
    m = _IN_THE_FORM.fullmatch(s)
    if m:
        return _in_the_form(rd, _segments(m.group("e"))[0] if m.group("e") else None, _segments(m.group("f"))[0])
    m = _LINE_THROUGH.fullmatch(s)
    if m and (not m.group("name") or isinstance(rd.objs.get(_segments(m.group("name"))[0]), sp.Symbol)):
        p, q = (_as_point(rd, i) for i in _segments(m.group("pq")))
        if p is None or q is None:
            return False
        rd.line = (p, q)
        return _mark(rd, m.group("pq"), points=True) and _mark(rd, m.group(0))
    m = re.fullmatch(rf"(?:a |the )?triangle has vertices (?:at )?(?:coordinates )?(?P<ms>{_MS})", s)
    if m and not rd.polygon:
        corners = [
            p
            for i in _segments(m.group("ms"))
            for p in (rd.objs[i] if rd.kinds.get(i) == "point_list" else [_as_point(rd, i)])
        ]
        if len(corners) != 3 or None in corners:
            return False
        rd.polygon = [c for c in corners if c is not None]
        return _mark(rd, m.group("ms"), points=True)
    m = re.fullmatch(rf"(?P<ms>{_M} and {_M}) are the endpoints of a diameter of (?:a|the) circle", s)
    if m and rd.circle is None:
        p, q = (_as_point(rd, i) for i in _segments(m.group("ms")))
        if p is None or q is None:
            return False
        rd.circle = (_midpoint(p, q)[1], _distance(p, q)[1] / 2)
        return _mark(rd, m.group("ms"), points=True)
    m = re.fullmatch(rf"(?:the graphs of )?(?P<ms>{_M} and {_M}) intersect (?:at|in) (?P<n>one|two|three) points?", s)
    if m:
        rd.system_counts.append((_segments(m.group("ms")), _COUNT_WORDS[m.group("n")]))
        return _take_relations(rd, m.group("ms"))
    m = _COUNT_CLAIM.fullmatch(s)
    if m:
        r = _segments(m.group("r") or m.group("r2"))[0]
        rd.counts.append((r, _COUNT_WORDS[m.group("n") or m.group("n2")]))
        return _take_relations(rd, f"⟦{r}⟧")
    m = _DEFINED.fullmatch(s)
    if m:
        f, ms = (m.group("f"), m.group("ms")) if m.group("f") else (m.group("f2"), m.group("ms2"))
        i = _segments(f)[0]
        if rd.kinds.get(i) != "letter" or str(rd.objs[i]) not in rd.ctx.functions:
            return False
        rd.used.add(i)
        return _take_relations(rd, ms)
    m = _OBJECT_IS.fullmatch(s)
    if m:
        return _take_relations(rd, m.group("ms") or m.group("ms_b"))
    m = _DESCRIBED.fullmatch(s)
    if m:
        return _take_relations(rd, m.group("ms")) if m.group("ms") else len(rd.relations) == 1
    m = _STATEMENT_LEAD.match(s)
    if m:
        return _take_relations(rd, m.group("ms")) and _statement(rd, s[m.end() :])
    m = _DECL.fullmatch(s)
    if m and _declare(rd, m.group("names"), m.group("qual"), m.group("noun")):
        return True
    m = re.fullmatch(rf"(?P<decl>.+? (?:is|are) .+?) (?:for which|such that|so that|satisfying) (?P<ms>{_MS})", s)
    if m and _DECL.fullmatch(m.group("decl")):
        return _statement(rd, m.group("decl")) and _take_relations(rd, m.group("ms"))
    m = re.fullmatch(rf"(?:if |suppose |given that )?(?P<a>{_M}) is (?P<b>{_M})(?:,? and (?P<rest>.+))?", s)
    ab = _segments(m.group("a")) + _segments(m.group("b")) if m else []
    if m and all(rd.kinds.get(i) in ("expression", "letter") for i in ab):  # "⟦mean⟧ is ⟦10⟧"
        rd.used.update(ab)
        rd.relations.append(_new(rd, "relation", sp.Eq(rd.objs[ab[0]], rd.objs[ab[1]])))
        return _statement(rd, m.group("rest")) if m.group("rest") else True
    m = _RELATIONS.fullmatch(s)
    if m:
        return _take_relations(rd, m.group("ms"))
    # "⟦0⟧, where ⟦1⟧ is a constant": a relation and a declaration
    m = re.fullmatch(r"(?P<head>.*?),? (?P<decl>(?:where|and) .*)", s)
    if m and _DECL.fullmatch(m.group("decl")):
        d = _DECL.fullmatch(m.group("decl"))
        assert d is not None
        return _statement(rd, m.group("head")) and _declare(rd, d.group("names"), d.group("qual"), d.group("noun"))
    return False


def _classify(rd: _Reading) -> bool:
    defs = _read_definitions(rd.problem, rd.ctx)
    placed = set(_segments(rd.problem.text))
    for i, src in enumerate(rd.problem.math):
        if i not in placed:
            return False
        if i in defs:
            rd.kinds[i] = "definition"
            continue
        if src.strip() in rd.ctx.functions:
            rd.kinds[i], rd.objs[i] = "letter", sp.Symbol(src.strip())
            continue
        if src.strip() in ("\\%", "%"):  # "50$\%$": the sign alone
            rd.kinds[i], rd.objs[i] = "percent_sign", sp.Rational(1, 100)
            continue
        if re.fullmatch(r"\(([^()]*),([^()]*)\)\s*=\s*\(([^()]*),([^()]*)\)", src.strip()):  # (x, y) = (3, 9)
            a, b, c, d = (_parse(t, rd.ctx) for t in re.findall(r"[^(),=]+", src.strip()) if t.strip())
            rd.kinds[i], rd.objs[i] = "relation", sp.And(sp.Eq(a, c), sp.Eq(b, d))
            continue
        items = _top_level_items(src.strip())
        if len(items) > 1 and all(_POINT_ITEM.fullmatch(t) for t in items):  # "(1, 2), (7, 10)": several points
            points = [_point_item(rd, t) for t in items]
            rd.kinds[i], rd.objs[i] = "point_list", points
            continue
        named = _POINT_LITERAL.fullmatch(src.strip())
        if named:  # "A(-2, 1)": a point and its name
            rd.kinds[i], rd.objs[i] = "point", sp.Tuple(*(_parse(c, rd.ctx) for c in named.groups()[1:]))
            rd.points[named.group(1)] = rd.objs[i]
            continue
        segment = _SEGMENT_LITERAL.fullmatch(src.strip())
        if segment:  # "\overline{AB}": the segment between the points A and B
            rd.kinds[i], rd.objs[i] = "segment_names", segment.groups()
            continue
        obj = _parse(re.sub(r"\s*,?\s*(?:\\text\{\s*and\s*\})?\s*$", "", src), rd.ctx)  # "x - y = 18,\text{ and}"
        rd.objs[i] = obj
        if isinstance(obj, (sp.Equality, sp.Unequality, sp.core.relational.Relational, sp.And)):
            rd.kinds[i] = "relation"
        elif isinstance(obj, sp.Symbol) and len(obj.name) == 1:
            rd.kinds[i] = "letter"
        elif isinstance(obj, sp.Tuple) and len(obj) == 2 and all(isinstance(v, sp.Expr) for v in obj):
            rd.kinds[i] = "point"
        elif isinstance(obj, sp.Expr):
            rd.kinds[i] = "expression"
        else:
            return False
    return True


def _relation_texts(obj: Any) -> list[str]:
    if isinstance(obj, sp.And):
        return [t for arg in obj.args for t in _relation_texts(arg)]
    if isinstance(obj, sp.Equality):
        return [f"{obj.lhs} = {obj.rhs}"]
    if isinstance(obj, sp.Unequality):
        return [f"{obj.lhs} != {obj.rhs}"]
    if isinstance(obj, sp.core.relational.Relational):
        return [f"{obj.lhs} {obj.rel_op} {obj.rhs}"]
    raise Decline("not a relation")


def _fill(rd: _Reading, form: QuestionForm, slots: dict[str, int]) -> Target | None:
    for slot, i in slots.items():
        if rd.kinds.get(i) not in _TYPES[slot[0]]:
            return None
        rd.used.add(i)
        if slot[0] == "r":
            rd.relations.append(i)
    letters = sorted(
        {s.name for i in rd.relations for s in rd.objs[i].free_symbols}
        | {s.name for f in rd.ctx.functions.values() for s in f[1].free_symbols if s != f[0]}
    )
    unknowns = [name for name in letters if name not in _givens(rd)]
    values: dict[str, str] = {}
    for slot, i in slots.items():
        obj = rd.objs[i]
        if slot[0] == "e" and isinstance(obj, sp.Symbol) and obj.name in rd.points:
            obj = rd.points[obj.name]  # "find ⟦T⟧": the point T's coordinates
        if slot[0] == "r":
            values[slot] = _relation_texts(obj)[0]
        else:
            values[slot] = str(obj) if slot[0] != "p" else f"({obj[0]}, {obj[1]})"
    values["var"] = unknowns[0] if len(unknowns) == 1 else ""
    values["only"] = ""
    if len(rd.relations) == 1 and not rd.ctx.functions:
        values["only"] = _relation_texts(rd.objs[rd.relations[0]])[0]
    elif len(rd.ctx.functions) == 1 and not rd.relations:
        values["only"] = next(iter(rd.ctx.functions))
    data: dict[str, Any] = {}
    for key, tmpl in form.target.items():
        if isinstance(tmpl, str):
            data[key] = _template(tmpl, values)
            if data[key] is None:
                return None
        elif isinstance(tmpl, list):
            if tmpl == ["{roman}"]:
                data[key] = []  # filled by the caller
                continue
            data[key] = [v for v in (_template(t, values) for t in tmpl) if v]
        else:
            data[key] = tmpl
    if "expr" in data and data["expr"] and form.name in ("slope_through_points", "distance"):
        data["expr"] = _point_formula(rd, slots, form.name)
    return Target(**data)


def _template(tmpl: str, values: dict[str, str]) -> str | None:
    """``"{n1}{var}"`` (placeholders only): the first alternative that has a value; other text: filled in."""
    names = _PLACEHOLDER_ANY.findall(tmpl)
    if not names:
        return tmpl
    if _PLACEHOLDER_ANY.sub("", tmpl) == "":
        return next((values[n] for n in names if values.get(n)), None)
    if not all(values.get(n) for n in names):
        return None
    return _PLACEHOLDER_ANY.sub(lambda m: values[m.group(1)], tmpl)


_PLACEHOLDER_ANY = re.compile(r"\{(\w+)\}")


def _point_formula(rd: _Reading, slots: dict[str, int], name: str) -> str:
    (x1, y1), (x2, y2) = rd.objs[slots["p1"]], rd.objs[slots["p2"]]
    if name == "distance":
        return f"sqrt((({x2}) - ({x1}))**2 + (({y2}) - ({y1}))**2)"
    if sp.simplify(x2 - x1) == 0:
        raise Decline("The line through the two points is vertical: it has no slope.")
    return f"(({y2}) - ({y1}))/(({x2}) - ({x1}))"


def _givens(rd: _Reading) -> dict[str, str]:
    out = {}
    for i in rd.relations:
        obj = rd.objs[i]
        if isinstance(obj, sp.Equality) and isinstance(obj.lhs, sp.Symbol) and obj.rhs.is_number:
            out[obj.lhs.name] = str(obj.rhs)
    return out


_ROMAN = re.compile(r"\b(I{1,3}|IV)\s*[.):]\s*(⟦\d+⟧)")
_ROMAN_OPTION = re.compile(r"^(?:(?:I{1,3}|IV)(?:,? (?:and )?)?)+(?: only)?$|^(?:none|neither|all three)", re.I)


def _read(prob: Problem) -> MathProgram | None:
    if prob.has_figure or not prob.math:
        return None
    text = prob.text
    statements: list[str] = []
    for m in _ROMAN.finditer(text):
        statements.append(m.group(2))
    if statements:
        if not prob.options or not all(_ROMAN_OPTION.match(t.strip()) for _, t in prob.options):
            return None
        text = _ROMAN.sub(" ", text)
    ctx = Context(problem=prob)
    rd = _Reading(problem=prob, ctx=ctx)
    if not _classify(rd):
        return None
    ends = {str(i) for i, src in enumerate(prob.math) if src.rstrip().endswith(".")}  # "$$x^2 = 4.$$What is"
    opening = re.match(rf"\s*{_MS}(?=\s+[A-Z])", text)
    if opening:  # "$$x^2 = 4$$ How many ...": the math that opens the text is told before the question
        ends.add(str(_segments(opening.group(0))[-1]))
    text = re.sub(r"⟦(\d+)⟧(?=\s+[A-Z])", lambda m: m.group(0) + ("." if m.group(1) in ends else ""), text)
    sentences = [s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z⟦])", " ".join(text.split())) if s.strip()]
    if not sentences:
        return None
    *told, question = sentences
    if "; " in question:  # "... can be written in the form ⟦3⟧; compute ⟦4⟧."
        told.append(question[: question.rindex("; ")])
        question = question[question.rindex("; ") + 2 :]
    for s in told:
        if not _statement(rd, _phrases(rd, normalise(s))):
            return None
    q = _phrases(rd, normalise(question))
    for _ in range(3):  # "if ⟦0⟧ and ⟦1⟧, what is ..." / "in the equation above, ..." / "if ⟦k⟧ is a constant, ..."
        lead = _LEAD.match(q)
        if (
            lead
            and not lead.group("f")
            and any(rd.kinds.get(i) not in ("relation", "definition") for i in _segments(lead.group(0)))
        ):
            lead = None  # "if ⟦x⟧, ⟦y⟧, and ⟦z⟧ are real numbers for which ...": a declaration, not relations
        if not lead:
            decl = _DECL_LEAD.match(q)
            if decl is None:
                break
            if not _statement(rd, decl.group("decl")):
                return None
            q = q[decl.end() :]
            continue
        if lead.group("f"):
            i = _segments(lead.group("f"))[0]
            if rd.kinds.get(i) != "letter":
                return None
            rd.used.add(i)
        elif _segments(lead.group(0)) and not _take_relations(rd, lead.group(0)):
            return None
        q = q[lead.end() :]
    system = re.search(rf"\bdoes (?P<ms>{_M}(?:(?:,| and|, and) {_M})+) have\b", q)
    if system and all(rd.kinds.get(i) == "relation" for i in _segments(system.group("ms"))):
        _take_relations(rd, system.group("ms"))  # "how many solutions does ⟦0⟧ and ⟦1⟧ have"
        q = q[: system.start("ms")] + "the system" + q[system.end("ms") :]
    d = re.search(rf",? (?:where|and|if) (?:the )?{_NAME_LIST} (?:is|are) .*$", q.rstrip("?. "))
    if d:  # "..., where ⟦k⟧ is a constant?"
        decl = _DECL.fullmatch(d.group(0).strip(", "))
        if decl is None or not _declare(rd, decl.group("names"), decl.group("qual"), decl.group("noun")):
            return None
        q = q[: d.start()]
    only = "roman_solutions" if statements else None
    found = match_form(q, rd.kinds, only)
    such = re.search(r" (?:such that|so that) (?P<st>[^,]+)$", q.rstrip("?. "))
    if found is None and such and not _TAIL.search(q.rstrip("?. ")):  # "find ⟦T⟧ such that ⟦Q⟧ is ⟦midpoint⟧"
        if not _statement(rd, such.group("st")):
            return None
        q = q[: such.start()]
        found = match_form(q, rd.kinds, only)
    if found is None:
        t = _TAIL.search(q.rstrip("?. "))
        if t is None or not _take_relations(rd, t.group("ms")):
            return None
        found = match_form(q.rstrip("?. ")[: t.start()].rstrip(" ,"), rd.kinds, only)  # "..., where ⟦x > 0⟧"
        if found is None:
            return None
    form, slots = found
    target = _fill(rd, form, slots)
    if target is None:
        return None
    for v, r in rd.roots:  # the relation holds at that value of its one other letter
        asked = sp.sympify(target.expr).free_symbols if target.expr else set()
        others = rd.objs[r].free_symbols - asked
        if not asked or len(others) != 1:
            return None
        rd.objs[r] = rd.objs[r].subs(others.pop(), rd.objs[v])
        rd.relations.append(r)
    if form.name == "intercept_count":  # "how many y-intercepts": the curve where x = 0
        axis = "x" if "y-intercepts" in q else "y"
        rd.relations.append(_new(rd, "relation", sp.Eq(sp.Symbol(axis), 0)))
    if form.name == "sum_of_solutions" and "x-coordinates" in q:
        target.expr = "x"
    if form.name == "solution_difference":  # the two solutions named r_1 and r_2
        if len(rd.relations) != 1:
            return None
        rd.named_roots.append((["r_1", "r_2"], rd.relations.pop(), None))
    if not _place_named_roots(rd, target) or not _counts_hold(rd):
        return None
    if form.name == "roman_solutions" or statements:
        if form.name != "roman_solutions" or not statements:
            return None
        target.statements = [str(rd.objs[int(s.strip("⟦⟧"))]) for s in statements]
        rd.used.update(int(s.strip("⟦⟧")) for s in statements)
    if set(range(len(prob.math))) - rd.used:
        return None  # a segment placed nowhere: a condition we would drop
    if target.kind in ("option", "equivalent") and not prob.options:
        return None
    if target.kind == "value" and target.expr is None:
        return None
    if target.kind == "value" and not _real_or_open(target.expr or ""):
        return None  # "(-125)^(4/3)": SymPy's principal power is complex, the student means the real one
    if target.of and target.of not in ctx.functions and re.fullmatch(r"[a-zA-Z]", target.of):
        if len(rd.relations) != 1:
            return None  # "the minimum value of y": y must be defined by the one relation
        target.of = _relation_texts(rd.objs[rd.relations[0]])[0]
    if prob.rounding is not None:
        target.rounding = prob.rounding
    rd.relations = _without_unused_names(rd, target)
    relations = [Relation(text) for i in rd.relations for text in _relation_texts(rd.objs[i])]
    givens = _givens(rd)
    relations = [r for r in relations if not _is_given(r.text, givens)]
    relations += [Relation(c) for c in rd.conditions]
    letters = sorted({s.name for i in rd.relations for s in rd.objs[i].free_symbols} | set(rd.domains))
    unknowns = [Unknown(name, rd.domains.get(name, "real")) for name in letters if name not in givens]
    functions = [FunctionDef(name, var.name, str(body)) for name, (var, body) in ctx.functions.items()]
    program = MathProgram(
        target=target,
        unknowns=unknowns,
        givens=givens,
        relations=relations,
        functions=functions,
        options=list(prob.options),
        reader="forms",
        hints=rd.hints + list(form.hints) if rd.relations or not rd.hints else rd.hints,
    )
    program.validate()
    return program


def _in_the_form(rd: _Reading, e: int | None, f: int) -> bool:
    """ "⟦E⟧ can be written in the form ⟦F⟧": E - F is 0 for every x, so each coefficient of x is 0; "the
    equation of the line can be written in the form ⟦y = mx + b⟧": the form holds at both points of the line."""
    form = rd.objs.get(f)
    if e is None:
        if rd.line is None or not isinstance(form, sp.Equality):
            return False
        for px, py in rd.line:
            rd.relations.append(_new(rd, "relation", form.subs({sp.Symbol("x"): px, sp.Symbol("y"): py})))
        rd.used.add(f)
        rd.hints.append("Put each point's coordinates into the form: that gives one equation per point.")
        return True
    expr = rd.objs.get(e)
    if not (isinstance(expr, sp.Expr) and isinstance(form, sp.Expr)) or len(expr.free_symbols) != 1:
        return False
    x = next(iter(expr.free_symbols))
    if not (form.free_symbols - {x}):
        return False
    try:
        coefficients = sp.Poly(sp.expand(expr - form), x).all_coeffs()
    except sp.PolynomialError:
        return False
    for c in coefficients:
        if c.free_symbols:
            rd.relations.append(_new(rd, "relation", sp.Eq(c, 0)))
        elif c != 0:
            return False
    rd.used.update((e, f))
    rd.hints.append("Expand the form and match the coefficient of each power of x with the given expression.")
    return True


def _without_unused_names(rd: _Reading, target: Target) -> list[int]:
    """The relations, less a name given to a point's coordinate that nothing else uses ("the vertex is ⟦(m, n)⟧.
    What is ⟦m⟧?": n = 2 says nothing about m)."""
    value = sp.sympify(target.expr or "0", locals=_symbols(rd))
    asked = {str(s) for s in (sp.Tuple(*value) if isinstance(value, tuple) else value).free_symbols}
    kept = []
    for i in rd.relations:
        rel = rd.objs[i]
        name = (
            next((side for side in (rel.lhs, rel.rhs) if isinstance(side, sp.Symbol)), None) if i in rd.naming else None
        )
        others = [rd.objs[j] for j in rd.relations if j != i]
        if name is not None and name.name not in asked and not any(name in o.free_symbols for o in others):
            continue
        kept.append(i)
    return kept


def _symbols(rd: _Reading) -> dict[str, sp.Symbol]:
    return {s.name: s for i in rd.relations for s in rd.objs[i].free_symbols}


def _interval_form(rd: _Reading, r: int, f: int) -> bool:
    """ "The solution of ⟦-4 < 2(x - 1) < 8⟧ is written in the form ⟦a < x < b⟧": a and b are the interval's ends
    (an end's strictness must match the form's sign)."""
    rel, form = rd.objs.get(r), rd.objs.get(f)
    if not (isinstance(rel, (sp.And, sp.core.relational.Relational)) and isinstance(form, sp.And)):
        return False
    if len(rel.free_symbols) != 1 or len(form.args) != 2:
        return False
    x = next(iter(rel.free_symbols))
    xr = sp.Symbol(x.name, real=True)
    parts = list(rel.args) if isinstance(rel, sp.And) else [rel]
    try:
        found = sp.reduce_inequalities([p.xreplace({x: xr}) for p in parts], xr).as_set()
    except (NotImplementedError, ValueError, TypeError):
        return False
    lower, upper = form.args if form.args[0].rhs == x else form.args[::-1]
    if not (isinstance(found, sp.Interval) and lower.rhs == x and upper.lhs == x):
        return False
    if (lower.rel_op == "<") != bool(found.left_open) or (upper.rel_op == "<") != bool(found.right_open):
        return False
    if not (isinstance(lower.lhs, sp.Symbol) and isinstance(upper.rhs, sp.Symbol)):
        return False
    rd.relations += [
        _new(rd, "relation", sp.Eq(lower.lhs, found.inf)),
        _new(rd, "relation", sp.Eq(upper.rhs, found.sup)),
    ]
    rd.used.update((r, f))
    rd.hints.append("Solve the inequality, then read the ends of the interval.")
    return True


def _place_named_roots(rd: _Reading, target: Target) -> bool:
    """ "⟦a⟧ and ⟦b⟧ are the solutions of ⟦r⟧": r holds at a and at b, and a > b (the order given, or any order
    when the target does not depend on it); False when the target depends on an order nobody gave."""
    for names, r, order in rd.named_roots:
        rel = rd.objs[r]
        a, b = (sp.Symbol(n) for n in names)
        free = rel.free_symbols - {a, b} if isinstance(rel, sp.Equality) else set()
        if len(free) != 1 or not target.expr:
            return False
        x = free.pop()
        rd.relations += [_new(rd, "relation", rel.subs(x, v)) for v in (a, b)]
        if order is not None:
            o = rd.objs[order]
            strict = {">=": sp.Gt, ">": sp.Gt, "<=": sp.Lt, "<": sp.Lt}.get(getattr(o, "rel_op", ""))
            if strict is None or o.free_symbols != {a, b}:
                return False
            rd.relations.append(_new(rd, "relation", strict(o.lhs, o.rhs)))  # two solutions: distinct
            continue
        asked = sp.sympify(target.expr, locals={n: sp.Symbol(n) for n in names})
        if sp.simplify(asked - asked.subs({a: b, b: a}, simultaneous=True)) != 0:
            return False
        rd.relations.append(_new(rd, "relation", sp.Gt(a, b)))  # the target is symmetric: name them in order
    return True


def _counts_hold(rd: _Reading) -> bool:
    """ "⟦r⟧ has two solutions", "the graphs meet at two points": exactly that many real solutions."""
    for rels, n in rd.system_counts:
        eqs = [rd.objs[i] for i in rels]
        if not all(isinstance(e, sp.Equality) for e in eqs):
            return False
        letters = sorted(set().union(*(e.free_symbols for e in eqs)), key=str)
        try:
            found = sp.solve(eqs, letters, dict=True)
        except (NotImplementedError, ValueError, TypeError):
            return False
        real = [f for f in found if len(f) == len(letters) and all(v.is_real for v in f.values())]
        if len({tuple(sorted(f.items(), key=str)) for f in real}) != n:
            return False
    for r, n in rd.counts:
        rel = rd.objs[r]
        if not isinstance(rel, sp.Equality) or len(rel.free_symbols) != 1:
            return False
        x = next(iter(rel.free_symbols))
        try:
            found = sp.solveset(rel.lhs - rel.rhs, x, domain=sp.S.Reals)
        except (NotImplementedError, ValueError, TypeError):
            return False
        if not isinstance(found, sp.FiniteSet) or len(found) != n:
            return False
    return True


def _real_or_open(expr: str) -> bool:
    """False when ``expr`` raises a negative number to a fraction, or has no letters and is not real."""
    try:
        value = sp.sympify(expr)
    except (sp.SympifyError, TypeError, SyntaxError):
        return False
    if isinstance(value, (tuple, sp.Tuple)):  # a point asked for: each coordinate
        return all(_real_or_open(str(v)) for v in value)
    if not isinstance(value, sp.Expr):
        return False
    if any(p.base.is_negative and not p.exp.is_integer for p in value.atoms(sp.Pow)):
        return False
    return bool(value.free_symbols) or value.is_real is not False


def _is_given(text: str, givens: dict[str, str]) -> bool:
    m = re.fullmatch(r"(\w+) = (.+)", text)
    return bool(m and givens.get(m.group(1)) == m.group(2))


def read_forms(prob: Problem) -> MathProgram | None:
    """A program for a problem whose math is all written out and whose question matches a form; else None."""
    try:
        return _read(prob)
    except Decline:
        return None


@reader(
    "forms",
    handles="written-out math with a recognised SAT question form (no vocabulary gate), after the others",
    order=FALLBACK_ORDER,
)
def solve_forms(prob: Problem) -> Solution | None:
    """Read ``prob`` with :func:`read_forms` and solve the program; None when either declines.

    The form's hints come first in the solution's hint ladder (they fit the question asked).
    """
    try:
        program = _read(prob)
        if program is None:
            return None
        sol = solve_program(program, prob)
    except Decline:
        return None
    if not sol.solved or (prob.options and sol.choice is None):
        return None  # an option question must end on exactly one option
    if not prob.options and not _honour_format(prob, sol):
        return None
    sol.hints = list(dict.fromkeys([*program.hints, *sol.hints]))
    return sol


def _honour_format(prob: Problem, sol: Solution) -> bool:
    """Print the answer as the problem asks ("as a decimal", "as a mixed number", "in simplest radical form");
    False when the answer cannot be put that way (an irrational "common fraction" means a misreading)."""
    value = sol.answer
    if not isinstance(value, sp.Expr) or not value.is_number:
        return True
    if re.search(r"\brationali[sz]e\b", prob.raw, re.I):  # "Rationalize the denominator": no root left below
        sol.answer = value = sp.radsimp(value)
        if not sp.fraction(sp.together(value))[1].is_rational:
            return False
        sol.answer_latex = sp.latex(value)
    if prob.form is None or prob.rounding is not None:
        return True
    if prob.form in ("common fraction", "mixed number", "integer") and not isinstance(value, sp.Rational):
        return False
    if prob.form == "integer":
        return bool(value.is_integer)
    if prob.form == "decimal" and not isinstance(value, sp.Rational):
        return False  # an irrational decimal needs a rounding instruction
    if prob.form == "decimal" and isinstance(value, sp.Rational):
        if sp.factorint(value.q).keys() - {2, 5}:
            return False  # a repeating decimal needs a rounding instruction
        sol.answer_latex = str(sp.Float(value, 30)).rstrip("0").rstrip(".")
    elif prob.form == "mixed number" and mixed_number(value) and isinstance(value, sp.Rational):
        whole, rest = divmod(abs(value.p), value.q)
        sol.answer_latex = f"{'-' if value < 0 else ''}{whole}\\frac{{{rest}}}{{{value.q}}}"
    elif prob.form == "simplest radical form":
        sol.answer = sp.radsimp(value)
        sol.answer_latex = sp.latex(sol.answer)
    return True
