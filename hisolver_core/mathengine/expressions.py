"""Evaluate and simplify expressions: arithmetic, exponents and radicals, complex numbers,
polynomials and rational expressions, function values."""

from __future__ import annotations

import random
import re

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
            if abs(va - vb) > 1e-9 * max(1.0, abs(va)):
                return False
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):  # 9^9^9 overflows a complex
            return False
    return True


def _topic(expr: sp.Expr, ctx: Context) -> str:
    if ctx.functions:
        return "function evaluation"
    if expr.has(sp.I):
        return "complex numbers"
    if any(isinstance(n, sp.Pow) and not n.exp.is_Integer for n in sp.preorder_traversal(expr)):
        return "exponents and radicals"
    if any(
        isinstance(n, sp.Pow) and abs(n.exp) > 1
        for n in sp.preorder_traversal(expr)
        if isinstance(n, sp.Pow) and n.exp.is_Integer
    ):
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
    assert intent.target is not None, "dispatched only for an intent with a target"
    expr = intent.target.obj
    if expr.free_symbols:
        raise Decline("The expression has unknowns and no equation gives their values.")
    if intent.aggregate in (
        "sum",
        "product",
        "count",
        "difference",
    ):  # "the sum of all n such that n is a factor of 24"
        raise Decline("The question asks about a set of values that no equation or inequality describes.")
    value = sp.nsimplify(sp.simplify(expr.doit())) if expr.has(sp.Float) else sp.simplify(expr.doit())
    if value.has(sp.I):
        value = sp.expand(value)  # a complex number in the form a + bi, not (2 - 3i)^2 left as it was
    _check_finite(value)
    if not numerically_equal(expr, value):
        raise Decline("My exact and numeric evaluations disagree.")
    if ctx.problem.rounding is not None:
        value = rounded(value, ctx.problem.rounding)
    elif ctx.problem.form == "decimal" and value.is_rational:
        value = _decimal(value)
    elif value.is_rational and not value.is_integer and ctx.problem.form is None and _in_decimals(intent.target.source):
        value = _decimal(value)  # "0.4 \cdot 0.6" is 0.24: decimals stay decimals (a terminating result only)
    topic = _topic(expr, ctx)
    steps = _value_steps(ctx, intent, expr, value, topic)
    hints = _value_hints(topic)
    if len(steps) > 1 and steps[1].text.startswith("Replace "):  # a single call, worked out
        hints[:2] = [
            f"{steps[1].text.replace('the definition.', '')}${steps[0].latex}$.",
            "Work out the powers first, then the products, then the sums.",
        ]
    figure = _function_figure(ctx)
    return solved(
        ctx.problem.raw,
        topic,
        steps,
        hints,
        value,
        verification="exact evaluation agrees with a 30-digit numeric evaluation",
        figure=figure,
    )


def _plain_source(source: str | None) -> str | None:
    """The student's LaTeX when it can be shown as is (short, no placeholders or text)."""
    if (
        not source
        or not source.isascii()
        or len(source) > 80
        or re.search(r"\\Omega|\\text|\$|=|⟦|\*|(?<![\\a-zA-Z])[a-zA-Z]{3,}", source)
    ):
        return None
    return source.strip()


def _call_steps(ctx: Context, call: str | None, value: sp.Expr) -> list | None:
    """``f(2) = 3(2)^2 - 2(2) + 1`` then ``f(2) = 9`` for a single call of a defined function."""
    m = re.fullmatch(r"\s*([a-zA-Z])\s*\(\s*(-?\d+(?:\.\d+)?)\s*\)\s*", call or "")
    if not m or m.group(1) not in ctx.functions:
        return None
    var, body = ctx.functions[m.group(1)]
    arg = sp.nsimplify(m.group(2))
    body_src = ctx.function_sources[m.group(1)].split("=", 1)[1].strip()
    if sp.simplify(body.subs(var, arg) - value) != 0 or len(body_src) > 60 or "\\Omega" in body_src:
        return None
    pattern = rf"(?<![\\a-zA-Z]){re.escape(str(var))}(?![a-zA-Z])"
    plugged = re.sub(pattern, lambda _: f"\\left({tex(arg)}\\right)", body_src)
    head = f"{m.group(1)}({tex(arg)})"
    return [
        step(f"{head} = {plugged}", f"Replace {var} by {tex(arg)} in the definition."),
        step(f"{head} = {tex(value)}", "Carry out the arithmetic."),
    ]


def _foil(expr: sp.Expr) -> str | None:
    """``(a + bi)(c + di)`` multiplied out term by term (``ac + adi + bci + bdi^2``); None for other shapes."""
    factors = sp.Mul.make_args(expr)
    if len(factors) != 2 or not all(f.is_Add for f in factors):
        return None
    (a, b), (c, d) = ((sp.re(f), sp.im(f)) for f in factors)
    if not all(v.is_Rational for v in (a, b, c, d)):
        return None
    out = ""
    for coeff, unit in ((a * c, ""), (a * d, "i"), (b * c, "i"), (b * d, "i^2")):
        if coeff == 0:
            continue
        body = tex(abs(coeff)) if unit == "" or abs(coeff) != 1 else ""
        sign = "-" if coeff < 0 else "+" if out else ""
        out += (f" {sign} " if out else sign) + body + unit
    return out or None


def _value_steps(ctx: Context, intent: Intent, expr: sp.Expr, value: sp.Expr, topic: str) -> list:
    """Steps for a value: the expression as written, the rule used, the result."""
    source = _plain_source(intent.target.source if intent.target is not None else None)
    definitions = _function_steps(ctx)
    if definitions:
        calls = _call_steps(ctx, source, value) if len(ctx.functions) == 1 else None
        if calls:
            return definitions + calls
        shown = source or tex(expr)
        start = [] if shown == tex(value) else [step(shown, "Start from the expression.")]
        return (
            start
            + definitions
            + [step(f"{shown} = {tex(value)}", "Evaluate the inner call first, then the outer one.")]
        )
    shown = source or tex(expr)
    steps = [step(shown, "Start from the expression.")]
    if topic == "complex numbers":
        foil = _foil(expr)
        if foil:
            steps.append(step(f"{shown} = {foil}", "Multiply out each pair of terms, treating i like a variable."))
            steps.append(
                step(f"{shown} = {tex(value)}", "Replace i squared by -1, then collect the real and imaginary parts.")
            )
            return steps
        steps.append(step(r"i^2 = -1", "Expand, then replace every i squared by -1."))
    elif topic == "exponents and radicals":
        steps.append(step(r"a^m a^n = a^{m+n},\ (a^m)^n = a^{mn}", "Use the exponent rules to combine powers."))
    steps.append(
        step(
            f"{shown} = {tex(value)}",
            "Carry out the arithmetic, following the order of operations."
            if topic == "arithmetic"
            else "Carry out the arithmetic.",
        )
    )
    return steps


def _fraction_factored(expr: sp.Expr) -> str | None:
    """``\\frac{(x - 1)(x + 1)}{x - 1}``: a quotient with top and bottom factored, before cancelling."""
    num, den = sp.fraction(sp.together(expr))
    if den == 1 or not den.free_symbols:
        return None
    top, bottom = sp.factor(num), sp.factor(den)
    if sp.gcd(top, bottom) == 1:
        return None
    return rf"\frac{{{tex(top)}}}{{{tex(bottom)}}}"


def _distributed(expr: sp.Expr) -> str | None:
    """A sum with each product multiplied out but like terms not yet collected (``x^2 + 2x + 1 - x^2``)."""
    factors = sp.Mul.make_args(expr)
    if len(factors) == 2 and all(f.is_Add and len(f.args) <= 3 for f in factors):
        products = [a * b for a in factors[0].as_ordered_terms() for b in factors[1].as_ordered_terms()]
        return _signed_sum([tex(p) for p in products])
    terms = sp.Add.make_args(expr)
    if len(terms) < 2 or len(terms) > 6 or all(sp.expand(t) == t for t in terms):
        return None
    return _signed_sum([tex(sp.expand(t)) for t in terms])


def _signed_sum(pieces: list[str]) -> str:
    out = ""
    for piece in pieces:
        out += piece if not out else (f" - {piece[1:].lstrip()}" if piece.startswith("-") else f" + {piece}")
    return out


def _in_decimals(source: str | None) -> bool:
    """True when the expression is written in decimals with only +, -, products and powers ("1.5 + 2.25")."""
    bare = re.sub(r"\\(?:cdot|times|left|right)", " ", source or "")
    return bool(re.search(r"\d\.\d", bare)) and not re.search(r"[a-zA-Z\\/÷]", bare)


def _decimal(value: sp.Rational) -> sp.Expr:
    q = int(value.q)
    while q % 2 == 0:
        q //= 2
    while q % 5 == 0:
        q //= 5
    return sp.Float(float(value), 15) if q == 1 else value


def _function_steps(ctx: Context) -> list:
    """A step showing each definition (at most two), saying how it is used."""
    out = []
    for name, src in ctx.function_sources.items():
        defn = ctx.definitions.get(name)
        if defn is not None and defn.by_cases:
            how = f"Use the definition of {name}: at each input, take the one case whose condition holds."
        else:
            inputs = ", ".join(p.name for p in defn.params) if defn is not None else ctx.functions[name][0]
            how = f"Use the definition of {name}: replace {inputs} by each input."
        out.append(step(src, how))
    return out[:2]


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
        return [
            "Replace the variable in the definition by the given input.",
            "Evaluate the inner function first when functions are composed.",
            "Simplify the arithmetic carefully, one operation at a time.",
        ]
    if topic == "complex numbers":
        return [
            "Treat i like a variable while you expand.",
            "Replace i squared by -1.",
            "Collect the real parts and the imaginary parts separately.",
        ]
    if topic == "exponents and radicals":
        return [
            "Write every number as a power of a common base where you can.",
            "Multiply powers by adding exponents; raise a power to a power by multiplying exponents.",
            "Simplify radicals by pulling out perfect powers.",
        ]
    return [
        "Follow the order of operations: parentheses, powers, products, sums.",
        "Look for a shortcut, such as a common factor or a special product.",
        "Do the final arithmetic carefully and check it.",
    ]


def simplify_expression(ctx: Context, intent: Intent) -> Solution:
    """Simplify, expand or factor an expression with variables; verify equivalence at random points."""
    assert intent.target is not None, "dispatched only for an intent with a target"
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
    if intent.part is not None:
        return _part_of(ctx, intent, expr, result)
    shown = _plain_source(intent.target.source) or tex(expr)
    steps = [step(shown, "Start from the expression.")]
    distributed = _distributed(expr) if intent.task != "factor" else None
    if distributed and distributed not in (shown, tex(result)):
        steps.append(step(f"{shown} = {distributed}", "Multiply out each product."))
    elif intent.task != "factor" and _fraction_factored(expr):
        steps.append(
            step(f"{shown} = {_fraction_factored(expr)}", "Factor the top and the bottom, then cancel common factors.")
        )
    elif intent.task == "factor":
        steps.append(step(r"ab + ac = a(b + c)", "Take out common factors, then look for special products."))
    else:
        steps.append(step(r"a(b + c) = ab + ac", "Multiply out products, then collect terms of the same degree."))
    steps.append(
        step(
            f"{shown} = {tex(result)}" if len(shown) < 120 else tex(result),
            "Collect like terms to get the simplified form." if distributed else "Write the simplified form.",
        )
    )
    hints = [
        "Distribute each product over the sums inside parentheses.",
        "Collect like terms: the same variables raised to the same powers.",
        "For fractions, use a common denominator and cancel common factors.",
    ]
    return solved(
        ctx.problem.raw, topic, steps, hints, result, verification="equivalent to the original at random values"
    )


def _part_of(ctx: Context, intent: Intent, expr: sp.Expr, result: sp.Expr) -> Solution:
    """The coefficient of x^k in the expanded polynomial, or the exponent of x in a single power of x."""
    assert intent.part is not None and intent.target is not None
    what, named = intent.part
    shown = _plain_source(intent.target.source) or tex(expr)
    x = next(iter(named.free_symbols))
    expanded = sp.expand(result)
    if what == "coefficient":
        if not expanded.is_polynomial(x):
            raise Decline("The simplified expression is not a polynomial, so it has no coefficients to read.")
        value = sp.Poly(expanded, x).coeff_monomial(named)
        last = f"The coefficient of {tex(named)} in {tex(expanded)}."
    else:
        coeff, value = sp.powsimp(sp.simplify(result), force=True).as_coeff_exponent(x)
        if coeff.has(x) or value == 0:
            raise Decline("The simplified expression is not a single power of the letter.")
        last = f"The exponent of {tex(x)} in {tex(coeff * x**value)}."
        expanded = coeff * x**value
    steps = [
        step(shown, "Start from the expression."),
        step(f"{shown} = {tex(expanded)}", "Simplify it."),
        step(tex(value), last),
    ]
    hints = [
        "Multiply out and collect like terms first.",
        f"Then read off the {what} of {tex(named)}.",
    ]
    return solved(ctx.problem.raw, "polynomials", steps, hints, value, verification="equivalent at random values")
