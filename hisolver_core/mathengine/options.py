"""Multiple choice: the one option that matches a computed answer (testing each option is ``option_forms``)."""

from __future__ import annotations

import math
import re

import sympy as sp

from ..solution import Solution
from .build import Decline, step, tex
from .equivalence import _sympy_equal, to_value
from .numeric_options import nearest_option, option_number, pick_numeric_option
from .option_tests import plus_minus
from .words import spoken_fractions

__all__ = ["choose_option"]

_COUNT_WORDS = {"zero": 0, "no": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4}


def _count_value(text: str):
    """ "Exactly one" -> 1, "Infinitely many" -> oo, "No solution" -> 0; None for other text."""
    low = text.strip().lower().rstrip(".")
    if re.fullmatch(r"infinitely many(?: solutions)?", low):
        return sp.oo
    m = re.fullmatch(r"(?:exactly )?(zero|no|none|one|two|three|four)(?: real)?(?: solutions?)?", low)
    return sp.Integer(_COUNT_WORDS[m.group(1)]) if m else None


def _solution_list(value):
    """``x = 2 and x = 3`` (a set of equations in one unknown) -> the set of values {2, 3}."""
    if isinstance(value, sp.FiniteSet) and value.args and all(isinstance(e, sp.Equality) for e in value.args):
        lhs = {e.lhs for e in value.args}
        if len(lhs) == 1 and isinstance(next(iter(lhs)), sp.Symbol) and not any(e.rhs.free_symbols for e in value.args):
            return sp.FiniteSet(*(e.rhs for e in value.args))
    return value


_ASKS_ONE = re.compile(
    r"\bcould\b|\bone (?:of the |possible )?(?:values?|solutions?|roots?|zeros?)\b|\bpossible values? of\b"
    r"|\b(?:is|be) an? (?:possible )?(?:value|solution|root|zero|x-intercept)\b"
)


def _joined_points(text: str):
    """``$(-3,0)$ and $(3,0)$``: each ``$...$`` piece read on its own, as a set; None for other text."""
    pieces = re.split(r"\s+and\s+|\s*,\s*(?=\$)", text.strip())
    if len(pieces) < 2 or not all(re.fullmatch(r"\$[^$]+\$", p.strip()) for p in pieces):
        return None
    values = [to_value(p) for p in pieces]
    if any(not isinstance(v, (sp.Expr, sp.Tuple)) for v in values):
        return None
    return sp.FiniteSet(*values)


def _option_values(options: list[tuple[str, str]], complex_mode: bool = False) -> list[tuple[str, object]]:
    out = []
    for letter, text in options:
        count = _count_value(text)
        joined = _joined_points(text) if count is None else None
        both = plus_minus(text) if count is None and joined is None else None  # "x = -1 \pm \frac{\sqrt{15}}{3}"
        value = (
            count
            if count is not None
            else joined
            if joined is not None
            else both
            if both is not None
            else _solution_list(to_value(text))
        )
        if complex_mode and isinstance(value, sp.Basic):
            value = value.subs(sp.Symbol("i"), sp.I)
        out.append((letter, value))
    return out


_X, _Y = sp.Symbol("x"), sp.Symbol("y")


def _line_as_function(b):
    """``2x + 3y = 12`` as ``y = 4 - 2x/3`` (the option's y in terms of x); None for anything else."""
    if not isinstance(b, sp.Equality) or b.free_symbols != {_X, _Y}:
        return None
    found = sp.solve(b, _Y)
    return found[0] if len(found) == 1 else None


def _same(a, b) -> bool:
    if isinstance(a, sp.Expr) and a.free_symbols <= {_X} and _line_as_function(b) is not None:
        return bool(_sympy_equal(a, _line_as_function(b)))  # the answer y = f(x) against an option in standard form
    if isinstance(b, sp.FiniteSet):
        mine = a if isinstance(a, tuple) else (a,)
        return len(mine) == len(b) and all(any(_same(x, y) for y in b) for x in mine)
    if isinstance(a, tuple):
        return any(_same(x, b) for x in a)
    if b is None or not isinstance(b, (sp.Expr, sp.Tuple, tuple)):
        return False
    return bool(_sympy_equal(a, b))


_SIMPLEST = re.compile(r"\b(?:simplest form|lowest terms)\b", re.I)


def _in_lowest_terms(text: str) -> bool:
    """True when every fraction the option writes (``5 over 6``, ``3 and 1/4``, ``\\frac{5}{6}``) is reduced."""
    plain = re.sub(r"\\[dt]?frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}", r"\1/\2", spoken_fractions(text))
    pairs = re.findall(r"(\d+)\s*/\s*(\d+)", plain)
    return all(math.gcd(int(p), int(q)) == 1 and int(q) > 1 for p, q in pairs)


_DIVISION = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\s*(?:/|÷|\\div)\s*(\d+)(?![\d.])")
_WITH_REMAINDER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s*(?:remainder|r)\s*(\d+)", re.I)


def _quotient_and_remainder(sol: Solution, options: list[tuple[str, str]]) -> tuple[str, str] | None:
    """ "What is 123 / 8?" with options "15 remainder 3", "1,801 R1": the option stating the whole-number quotient
    and the remainder of the one division the problem writes (a plain whole number states remainder 0)."""
    divisions = _DIVISION.findall(sol.problem)
    if len(divisions) != 1 or not any(_WITH_REMAINDER.fullmatch(t.strip()) for _, t in options):
        return None
    a, b = (int(x.replace(",", "")) for x in divisions[0])
    if b == 0 or not isinstance(sol.answer, sp.Rational) or sol.answer != sp.Rational(a, b):
        return None
    q, r = divmod(a, b)
    fits = []
    for letter, text in options:
        m = _WITH_REMAINDER.fullmatch(text.strip())
        plain = re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text.strip())
        stated = (m.group(1), m.group(2)) if m else (plain.group(), "0") if plain else None
        if stated is not None and (int(stated[0].replace(",", "")), int(stated[1])) == (q, r):
            fits.append(letter)
    return (fits[0], f"{a} = {b} \\cdot {q} + {r}") if len(fits) == 1 else None


def choose_option(sol: Solution, options: list[tuple[str, str]]) -> Solution:
    """Set ``sol.choice`` to the one option equal to its answer; raise Decline if none or several match."""
    answers = sol.answer if isinstance(sol.answer, tuple) else (sol.answer,)
    complex_mode = any(isinstance(a, sp.Basic) and a.has(sp.I) for a in answers)
    values = _option_values(options, complex_mode)
    matches = [(letter, v) for letter, v in values if _same(sol.answer, v)]
    if isinstance(sol.answer, tuple) and len(sol.answer) > 1 and not _ASKS_ONE.search(sol.problem.lower()):
        matches = [(letter, v) for letter, v in matches if isinstance(v, sp.FiniteSet)]  # all the values, not some
    texts = {re.sub(r"\s+", "", dict(options)[letter]) for letter, _ in matches}
    if not matches and isinstance(sol.answer, sp.Expr) and sol.answer.is_number:
        axis = re.search(r"\b([xy])-intercept\b", sol.problem.lower().replace("$", ""))
        if axis:  # "the y-intercept" answered 7, options written as points (0, 7)
            at = 1 if axis.group(1) == "y" else 0
            matches = [
                (letter, v)
                for letter, v in values
                if isinstance(v, (sp.Tuple, tuple))
                and len(v) == 2
                and v[1 - at] == 0
                and bool(_sympy_equal(sol.answer, v[at]))
            ]
            texts = {letter for letter, _ in matches}
    if (
        not matches
        and isinstance(sol.answer, sp.Expr)
        and sol.answer.is_number
        and sol.answer.is_real
        and re.search(r"\b(?:closest to|best approximation|approximately|to the nearest)\b", sol.problem.lower())
    ):
        nearest = nearest_option(sol.answer, options)  # "which is closest to the balance": one option clearly nearest
        if nearest:
            number = option_number(dict(options)[nearest])
            assert number is not None, "nearest_option picks only options that state a number"
            matches, texts = [(nearest, to_value(str(number[0])))], {nearest}
    if not matches and (division := _quotient_and_remainder(sol, options)) is not None:
        matches, texts = [division], {division[0]}  # shown as a = b q + r
    if not matches and isinstance(sol.answer, sp.Expr) and sol.answer.is_number and sol.answer.is_real:
        letter = pick_numeric_option(sol.answer, options)  # options with units or currency: "18 cm", "Rs. 400"
        number = option_number(dict(options)[letter])
        assert number is not None, "pick_numeric_option picks only options that state a number"
        matches = [(letter, to_value(str(number[0])))]
        texts = {letter}
    if not matches:
        raise Decline(f"My answer {sol.answer_latex} matches none of the options.")
    if len(texts) > 1 and _SIMPLEST.search(sol.problem):  # "in simplest form": 10 over 12 equals 5 over 6, unreduced
        reduced = [(letter, v) for letter, v in matches if _in_lowest_terms(dict(options)[letter])]
        matches, texts = reduced, {letter for letter, _ in reduced}
        if not matches:
            raise Decline("No option equal to my answer is written in simplest form.")
    if len(texts) > 1:
        raise Decline("More than one option matches my answer.")
    letter = matches[0][0]
    sol.choice = letter
    sol.verification += f"; option {letter} is the only option equal to it"
    sol.steps.append(step(f"\\text{{({letter})}}\\ {tex(matches[0][1])}", f"Option {letter} matches the answer."))
    return sol
