"""Checks on a found answer against what the question asks, applied after every reader.

Each reader answers the math it read; these checks compare that answer with the question's own
words, so a reader that solved the right equation for the wrong target is caught in one place:

- "a nonzero (positive, negative) solution" keeps the one solution that qualifies;
- a value that is not a real number is declined unless the problem is about complex numbers;
- "how many <things>" with a fractional count is declined (158 watches at 12 a day is not 13 1/6 days).
"""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution
from .build import Decline, step, tex
from .problem import BASE_NUMERAL, Problem, base_value

__all__ = ["check_target"]

_QUALIFIED = re.compile(
    r"\b(?:a|the|one|its) (nonzero|non-zero|positive|negative) (?:real )?(?:solution|root|value|zero)\b"
)
_TESTS = {
    "nonzero": lambda v: v != 0,
    "non-zero": lambda v: v != 0,
    "positive": lambda v: v > 0,
    "negative": lambda v: v < 0,
}
_COMPLEX_WORDS = re.compile(r"\b(?:complex|imaginary)\b", re.I)
_UNIT_I = re.compile(r"(?<![a-zA-Z\\])i(?![a-zA-Z])|\\sqrt\{-")
# counted things may be fractional when they are measures: hours, miles, pounds, dollars ... (not days:
# "how many days does he need" wants whole days)
_MEASURES = re.compile(
    r"^(?:hours?|minutes?|seconds?|miles?|feet|foot|inches?|yards?|meters?|metres?|"
    r"kilometers?|centimeters?|millimeters?|km|cm|mm|m|gallons?|liters?|litres?|quarts?|pints?|cups?|ounces?|pounds?|"
    r"grams?|kilograms?|calories|kg|g|lbs?|tons?|dollars?|cents?|percent|degrees?|units?|square|cubic|times|much)$"
)
_QUALIFIERS = {"more", "fewer", "less", "extra", "additional", "whole", "full", "total"}


def check_target(prob: Problem, sol: Solution) -> Solution:
    """Return ``sol`` narrowed to what the question asks (a qualified solution), or raise Decline.

    Raises :class:`Decline` when the answer cannot be what is asked: no or several qualifying
    solutions, a non-real value in a real problem, a fractional count of things.
    """
    if not sol.solved or sol.choice is not None:
        return sol
    _check_base(prob)
    q = prob.question
    sol = _qualified_solution(q, sol)
    if prob.base not in (None, 10):
        sol = _in_base(sol, prob.base)
    value = sol.answer
    if isinstance(value, sp.Expr) and value.is_number:
        complex_problem = _COMPLEX_WORDS.search(prob.raw) or any(_UNIT_I.search(src) for src in prob.math)
        if value.is_extended_real is False and not complex_problem:
            raise Decline("The value I found is not a real number, and the problem does not ask about complex numbers.")
        _check_count(q, value)
    return sol


_BASE_NAMED = re.compile(r"base[-\s]*(?:\$\s*\{?\s*(?P<b>\w+)\s*\}?\s*[.,;:?!]?\s*\$|(?P<n>\d+|[a-z]+)\b)", re.I)


def _check_base(prob: Problem) -> None:
    """Raise Decline when a problem with numerals in other bases names a base that is neither ten nor the one the
    answer is asked in ("the base-16 integer"): the engine reads bases only in numerals and in that request."""
    if not BASE_NUMERAL.search(prob.raw):
        return
    allowed = {10} if prob.base is None else {10, prob.base}
    named = [_BASE_NAMED.match(prob.raw, w.start()) for w in re.finditer(r"\bbase\b", prob.raw, re.I)]
    if any(m is None or base_value(m) not in allowed for m in named):  # every "base" must name one it reads
        raise Decline("The problem names a base I do not read beside its numerals.")


def _in_base(sol: Solution, base: int) -> Solution:
    """``sol`` with its integer answer written in ``base`` (``506_{7}``) and a step that shows the place values."""
    value = sol.answer
    if not isinstance(value, sp.Integer) or value < 0 or not 2 <= base <= 36:
        raise Decline(f"The answer is asked in base {base}, and it is not a whole number I can write there.")
    digits, n = [], int(value)
    while True:
        n, d = divmod(n, base)
        digits.append(d)
        if n == 0:
            break
    places = " + ".join(f"{d} \\cdot {base}^{{{k}}}" for k, d in reversed(list(enumerate(digits))))
    numeral = "".join("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[d] for d in reversed(digits)) + f"_{{{base}}}"
    sol.answer_latex = numeral
    sol.steps = [*sol.steps, step(f"{tex(value)} = {places} = {numeral}", f"Write {tex(value)} in base {base}.")]
    return sol


def _qualified_solution(q: str, sol: Solution) -> Solution:
    m = _QUALIFIED.search(q)
    values = sol.answer
    if (
        not m
        or not isinstance(values, (tuple, sp.Tuple))
        or not all(isinstance(v, sp.Expr) and v.is_real for v in values)
    ):
        return sol
    if re.search(r"\b(?:ordered pair|point|coordinates)\b", q):
        return sol  # a pair is one answer, not a list of solutions
    kept = [v for v in values if bool(_TESTS[m.group(1)](v))]
    if len(kept) != 1:
        raise Decline(f"The question asks for one {m.group(1)} solution, and I found {len(kept)}.")
    answer = kept[0]
    sol.answer, sol.answer_latex = answer, tex(answer)
    sol.steps = [
        *sol.steps,
        step(
            f"{m.group(1).replace('-', '')}:\\ {tex(answer)}", f"Keep the {m.group(1)} solution, as the question asks."
        ),
    ]
    return sol


def _check_count(q: str, value: sp.Expr) -> None:
    m = re.search(r"\bhow many ([a-z]+)(?: ([a-z]+))?", q)
    if not m or value.is_integer or value.is_finite is False:
        return
    first, second = m.groups()
    if _MEASURES.match(first) or (first in _QUALIFIERS and second and _MEASURES.match(second)):
        return
    raise Decline(f"The question counts {m.group(1)}, and the value I found ({tex(value)}) is not a whole number.")
