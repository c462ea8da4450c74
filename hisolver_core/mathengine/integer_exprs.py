"""Conditions written as math on the integer a question names: "integers $n$ such that $\\frac{12}{n}$ is an integer".

The integer-property grammar (``integers.py``) reads the words; this module turns a math segment in the
question's one variable into a :class:`~.integer_phrases.Cond` on that variable:

- an expression with a predicate: ``expr_condition`` (``$\\frac{n+1}{13-n}$ is a positive prime``,
  ``$3^n$ is a factor of $15!$``, ``$x^2 + 4x + 4$`` is between 10 and 50); "is an integer" is the
  predicate ``None``;
- a relation: ``relation_condition`` (``$10 \\le x \\le 99$``, ``$n^2 < 100$``).

Each value is computed exactly (a rational function with integers, anything else with SymPy); a point where
the expression is undefined fails the condition. The bounds that make a set finite are proved, never
guessed: an integer value of a proper fraction ``r(n)/d(n)`` added to a polynomial is impossible once
``|r(n)/d(n)|`` is below the polynomial's denominator step (the largest real root bounds where that
starts), and a bounded predicate (a factor of N, between 10 and 50) bounds ``n`` through the real
solution set of the inequality. A set with no such proof keeps the bounds the words give, so the
grammar declines it as unbounded when the target needs a bound.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import sympy as sp

from .integer_phrases import Cond, Unread

__all__ = ["expr_condition", "relation_condition"]

_EVAL_LIMIT = 5_000  # a non-rational expression is evaluated by SymPy at most this many times


def _evaluator(expr: sp.Expr, var: sp.Symbol) -> tuple[Callable[[int], sp.Expr | Fraction | None], bool]:
    """A function n -> the exact value of ``expr`` (None where undefined), and whether it is fast (rational)."""
    if expr.is_rational_function(var):
        num, den = sp.fraction(sp.together(expr))  # not cancelled: (n^2-1)/(n-1) stays undefined at 1
        try:
            top, bottom = sp.Poly(num, var), sp.Poly(den, var)
        except sp.PolynomialError:
            raise Unread from None
        if not all(c.is_rational for c in top.all_coeffs() + bottom.all_coeffs()):
            raise Unread
        p = [Fraction(int(c.p), int(c.q)) for c in top.all_coeffs()]
        q = [Fraction(int(c.p), int(c.q)) for c in bottom.all_coeffs()]

        def rational(n: int) -> Fraction | None:
            d = _horner(q, n)
            return None if d == 0 else _horner(p, n) / d

        return rational, True

    def symbolic(n: int) -> sp.Expr | None:
        value = expr.subs(var, n)
        return None if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or not value.is_real else value

    return symbolic, False


def _horner(coeffs: list[Fraction], n: int) -> Fraction:
    total = Fraction(0)
    for c in coeffs:
        total = total * n + c
    return total


def _as_int(value: sp.Expr | Fraction | None) -> int | None:
    """The value as an int when it is exactly an integer, else None."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else None
    if value.is_Integer:
        return int(value)
    simplified = sp.simplify(value)  # exact: log(8)/log(2) is 3 (nsimplify would also round a near-integer)
    return int(simplified) if simplified.is_Integer else None


def _root_bound(poly: sp.Poly) -> int:
    """An integer B with every real root of ``poly`` in [-B, B] (exact isolating intervals)."""
    ends = [abs(x) for (a, b), _ in poly.intervals() for x in (a, b)]
    return math.ceil(max(ends, default=0)) + 1


def _integrality_bound(expr: sp.Expr, var: sp.Symbol) -> int | None:
    """B such that ``expr`` is not an integer at any integer |n| > B; None when no such bound is proved.

    ``expr`` = q(n) + r(n)/d(n) with deg r < deg d and r != 0. With L the lcm of q's coefficient
    denominators, q(n) is a multiple of 1/L at integers, so q(n) + r(n)/d(n) can be an integer only when
    |r(n)/d(n)| >= 1/L or r(n) = 0: past every real root of (L r)^2 - d^2, r and d neither holds.
    """
    if not expr.is_rational_function(var):
        return None
    num, den = sp.fraction(sp.together(expr))
    top, bottom = sp.Poly(num, var, domain="QQ"), sp.Poly(den, var, domain="QQ")
    if bottom.degree() < 1:
        return None
    quotient, rest = sp.div(top, bottom)
    if rest.is_zero:
        return None
    scale = math.lcm(*(int(sp.Rational(c).q) for c in quotient.all_coeffs()))
    edge = (rest * scale) ** 2 - bottom**2
    return max(_root_bound(edge), _root_bound(rest), _root_bound(bottom))


def _range_bounds(expr: sp.Expr, var: sp.Symbol, lo: int | None, hi: int | None) -> tuple[int | None, int | None]:
    """Integer bounds on n from lo <= expr(n) <= hi, solved over the reals (None: that side unbounded or unknown)."""
    if lo is None and hi is None:
        return None, None
    real = sp.Symbol(var.name, real=True)
    e = expr.subs(var, real)
    solved: sp.Set = sp.S.Reals
    try:
        if lo is not None:
            solved = solved.intersect(sp.solveset(e >= lo, real, sp.S.Reals))
        if hi is not None:
            solved = solved.intersect(sp.solveset(e <= hi, real, sp.S.Reals))
        inf, sup = solved.inf, solved.sup
    except (NotImplementedError, TypeError, ValueError):
        return None, None
    low = math.floor(float(inf)) - 1 if inf.is_finite else None
    high = math.ceil(float(sup)) + 1 if sup.is_finite else None
    return low, high


def _pool_range(cond: Cond) -> tuple[int | None, int | None]:
    lo, hi = cond.lo, cond.hi
    if cond.pool is not None:
        lo = min(cond.pool) if lo is None else max(lo, min(cond.pool))
        hi = max(cond.pool) if hi is None else min(hi, max(cond.pool))
    return lo, hi


def expr_condition(expr: sp.Expr, var: sp.Symbol, inner: Cond | None, shown: str) -> Cond:
    """n meets the condition when ``expr`` at n is an integer meeting ``inner`` (``inner`` None: any integer)."""
    if expr.free_symbols != {var}:
        raise Unread
    value, fast = _evaluator(expr, var)

    def test(n: int) -> bool:
        v = _as_int(value(n))
        return v is not None and (inner is None or inner.holds(v))

    bounds: list[tuple[int | None, int | None]] = []
    b = _integrality_bound(expr, var)
    if b is not None:
        bounds.append((-b, b))
    if inner is not None:
        bounds.append(_range_bounds(expr, var, *_pool_range(inner)))
    lows = [lo for lo, _ in bounds if lo is not None]
    highs = [hi for _, hi in bounds if hi is not None]
    lo, hi = (max(lows) if lows else None), (min(highs) if highs else None)
    if not fast and (lo is None or hi is None or hi - lo > _EVAL_LIMIT):
        raise Unread  # a symbolic value at each of too many candidates
    text = f"{shown} is {'an integer' if inner is None else inner.text}"
    alt = expr_condition(expr, var, inner.alt, shown) if inner is not None and inner.alt is not None else None
    return Cond(text, test=test, lo=lo, hi=hi, alt=alt)


def relation_condition(relation: sp.Basic, var: sp.Symbol, shown: str) -> Cond:
    """n meets ``relation`` (an inequality or a chain of them in ``var``); its members are listed when bounded."""
    if relation.free_symbols != {var} or not isinstance(relation, (sp.And, sp.core.relational.Relational)):
        raise Unread
    if isinstance(relation, sp.Eq):
        raise Unread  # an equation is the equation solvers' to read
    real = sp.Symbol(var.name, real=True)
    parts = relation.args if isinstance(relation, sp.And) else (relation,)
    try:
        solved: sp.Set = sp.S.Reals
        for part in parts:
            solved = solved.intersect(sp.solveset(part.subs(var, real), real, sp.S.Reals))
        inf, sup = solved.inf, solved.sup
    except (NotImplementedError, TypeError, ValueError):
        raise Unread from None
    lo = math.floor(float(inf)) - 1 if inf.is_finite else None
    hi = math.ceil(float(sup)) + 1 if sup.is_finite else None

    def test(n: int) -> bool:
        return bool(solved.contains(n) is sp.true)

    if lo is not None and hi is not None and hi - lo <= 20_000:
        members = tuple(n for n in range(lo, hi + 1) if test(n))
        return Cond(shown, pool=members)
    return Cond(shown, test=test, lo=lo, hi=hi)
