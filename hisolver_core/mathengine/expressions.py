"""Evaluate and simplify expressions: arithmetic, exponents and radicals, complex numbers,
polynomials and rational expressions, function values."""

from __future__ import annotations

import random

import sympy as sp

from ..solution import Solution
from .build import Decline, rounded, solved, step, tex
from .context import Context
from .intent import Intent

__all__ = ["evaluate_expression", "simplify_expression", "numerically_equal"]


def numerically_equal(a: sp.Expr, b: sp.Expr, trials: int = 4) -> bool:
    """True when ``a`` and ``b`` agree at random points (and exactly when both are numbers)."""
    syms = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    rng = random.Random(7)
    for _ in range(trials if syms else 1):
        point = {s: sp.Rational(rng.randint(3, 97), rng.randint(2, 11)) for s in syms}
        try:
            va, vb = complex(sp.N(a.subs(point), 30)), complex(sp.N(b.subs(point), 30))
        except (TypeError, ValueError, ZeroDivisionError):
            return False
        if abs(va - vb) > 1e-9 * max(1.0, abs(va)):
            return False
    return True


def _topic(expr: sp.Expr, ctx: Context) -> str:
    if ctx.functions:
        return "function evaluation"
    if expr.has(sp.I):
        return "complex numbers"
    if any(isinstance(n, sp.Pow) and not n.exp.is_Integer for n in sp.preorder_traversal(expr)):
        return "exponents and radicals"
    if any(isinstance(n, sp.Pow) and abs(n.exp) > 1 for n in sp.preorder_traversal(expr) if isinstance(n, sp.Pow) and n.exp.is_Integer):
        return "exponents and radicals"
    if expr.has(sp.log):
        return "logarithms"
    return "arithmetic"


def _check_finite(value: sp.Expr) -> None:
    if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or value.has(sp.Integral, sp.Limit, sp.Derivative):
        raise Decline("The expression has no finite value.")
    if any(isinstance(n, sp.core.function.AppliedUndef) for n in sp.preorder_traversal(value)):
        raise Decline("The expression uses a function I do not know.")


def evaluate_expression(ctx: Context, intent: Intent) -> Solution:
    """Evaluate a constant expression exactly and check it numerically."""
    expr = intent.target.obj
    if expr.free_symbols:
        raise Decline("The expression has unknowns and no equation gives their values.")
    value = sp.nsimplify(sp.simplify(expr.doit())) if expr.has(sp.Float) else sp.simplify(expr.doit())
    _check_finite(value)
    if not numerically_equal(expr, value):
        raise Decline("My exact and numeric evaluations disagree.")
    if ctx.problem.rounding is not None:
        value = rounded(value, ctx.problem.rounding)
    elif ctx.problem.form == "decimal" and value.is_rational:
        value = _decimal(value)
    topic = _topic(expr, ctx)
    steps = [step(expr, "Start from the expression.")]
    steps.extend(_function_steps(ctx))
    if topic == "complex numbers":
        steps.append(step(r"i^2 = -1", "Expand, then replace every i squared by -1."))
    elif topic == "exponents and radicals":
        steps.append(step(r"a^m a^n = a^{m+n},\ (a^m)^n = a^{mn}", "Use the exponent rules to combine powers."))
    else:
        steps.append(step(r"\text{order of operations}", "Work inside parentheses first, then powers, then products, then sums."))
    steps.append(step(f"{tex(expr)} = {tex(value)}", "Carry out the arithmetic."))
    hints = _value_hints(topic)
    figure = _function_figure(ctx)
    return solved(ctx.problem.raw, topic, steps, hints, value,
                  verification="exact evaluation agrees with a 30-digit numeric evaluation", figure=figure)


def _decimal(value: sp.Rational) -> sp.Expr:
    q = int(value.q)
    while q % 2 == 0:
        q //= 2
    while q % 5 == 0:
        q //= 5
    return sp.Float(float(value), 15) if q == 1 else value


def _function_steps(ctx: Context) -> list:
    return [step(src, f"Use the definition of {name}: replace {var} by each input.")
            for name, src in ctx.function_sources.items()
            for var in [ctx.functions[name][0]]][:2]


def _function_figure(ctx: Context) -> dict | None:
    if len(ctx.functions) != 1:
        return None
    var, body = next(iter(ctx.functions.values()))
    x = sp.Symbol("x")
    if body.has(sp.I) or body.free_symbols - {var}:
        return None
    return {"kind": "function", "expr": str(body.subs(var, x)), "points": []}


def _value_hints(topic: str) -> list[str]:
    if topic == "function evaluation":
        return ["Replace the variable in the definition by the given input.",
                "Evaluate the inner function first when functions are composed.",
                "Simplify the arithmetic carefully, one operation at a time."]
    if topic == "complex numbers":
        return ["Treat i like a variable while you expand.",
                "Replace i squared by -1.",
                "Collect the real parts and the imaginary parts separately."]
    if topic == "exponents and radicals":
        return ["Write every number as a power of a common base where you can.",
                "Multiply powers by adding exponents; raise a power to a power by multiplying exponents.",
                "Simplify radicals by pulling out perfect powers."]
    return ["Follow the order of operations: parentheses, powers, products, sums.",
            "Look for a shortcut, such as a common factor or a special product.",
            "Do the final arithmetic carefully and check it."]


def simplify_expression(ctx: Context, intent: Intent) -> Solution:
    """Simplify, expand or factor an expression with variables; verify equivalence at random points."""
    expr = intent.target.obj
    if not expr.free_symbols:
        return evaluate_expression(ctx, intent)
    if intent.task == "expand":
        result, topic = sp.expand(expr), "polynomials"
    elif intent.task == "factor":
        result, topic = sp.factor(expr), "polynomials"
    else:
        num, den = sp.fraction(sp.cancel(sp.together(expr)))
        if den == 1:
            result, topic = sp.expand(num), "polynomials"
        else:
            result, topic = sp.factor(num) / sp.factor(den), "rational expressions"
        if expr.has(sp.Pow) and any(not n.exp.is_Integer for n in sp.preorder_traversal(expr) if isinstance(n, sp.Pow)):
            result, topic = sp.simplify(expr), "exponents and radicals"
    _check_finite(result)
    if not numerically_equal(expr, result):
        raise Decline("My simplification failed its numeric check.")
    steps = [step(expr, "Start from the expression."),
             step(r"\text{distribute and combine like terms}", "Multiply out products, then collect terms of the same degree."),
             step(f"{tex(expr)} = {tex(result)}" if len(tex(expr)) < 120 else tex(result), "Write the simplified form.")]
    hints = ["Distribute each product over the sums inside parentheses.",
             "Collect like terms: the same variables raised to the same powers.",
             "For fractions, use a common denominator and cancel common factors."]
    return solved(ctx.problem.raw, topic, steps, hints, result,
                  verification="equivalent to the original at random values")
