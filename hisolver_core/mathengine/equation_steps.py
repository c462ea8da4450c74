"""Worked steps for one-unknown equations: factoring and the quadratic formula, the substitution
check in the student's own order, and the final step (sums and products of roots)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeGuard

import sympy as sp

from ..solution import Step
from .build import step, tex

__all__ = [
    "check_step",
    "final_step",
    "linear_steps",
    "plain_source",
    "quadratic_hints",
    "quadratic_steps",
    "radical_steps",
]


def _eq(lhs, rhs) -> sp.Equality:
    return sp.Eq(lhs, rhs, evaluate=False)


def _denominator(side: sp.Expr) -> sp.Integer:
    """The least common multiple of the number denominators in ``side`` (1 when there are none or a Float)."""
    if side.has(sp.Float):
        return sp.Integer(1)
    dens = [sp.fraction(sp.together(term))[1] for term in sp.Add.make_args(side)]
    if not all(d.is_Integer for d in dens):
        return sp.Integer(1)
    return sp.Integer(sp.ilcm(1, *dens))


def linear_steps(
    eq: sp.Equality,
    x: sp.Symbol,
    show: Callable[[object], str] = tex,
    number: Callable[[object], str] = sp.sstr,
    clear_fractions: bool = True,
) -> list[Step] | None:
    """``a x + b = c x + d`` solved one operation at a time; None when it is not linear with a unique root.

    Number denominators are cleared first (``(x - 1)/3 = 3`` -> ``x - 1 = 9``) unless ``clear_fractions``
    is False (a problem written in decimals keeps them). ``show`` and ``number`` write an object as
    LaTeX and as words.
    """
    lhs, rhs = sp.expand(eq.lhs), sp.expand(eq.rhs)
    if not (lhs.is_polynomial(x) and rhs.is_polynomial(x)) or max(sp.degree(lhs, x), sp.degree(rhs, x)) > 1:
        return None
    steps: list[Step] = []
    den = sp.ilcm(_denominator(lhs), _denominator(rhs)) if clear_fractions else 1  # ilcm takes two or more
    if den != 1:
        lhs, rhs = sp.expand(lhs * den), sp.expand(rhs * den)
        steps.append(step(show(_eq(lhs, rhs)), f"Multiply both sides by {den} to clear the fractions."))
    elif (lhs, rhs) != (eq.lhs, eq.rhs) and tex(_eq(lhs, rhs)) != tex(eq):
        steps.append(step(show(_eq(lhs, rhs)), "Expand and combine like terms on each side."))
    a1, b1, a2, b2 = lhs.coeff(x, 1), lhs.coeff(x, 0), rhs.coeff(x, 1), rhs.coeff(x, 0)
    if a1 == 0:  # the unknown only on the right: read the equation the other way round
        a1, b1, a2, b2 = a2, b2, a1, b1
        steps.append(step(show(_eq(a1 * x + b1, b2)), f"Write the equation with {x} on the left."))
    if a2 != 0:
        if a1 == a2:
            return None
        verb = _move(number, a2 * x)
        a1 = a1 - a2
        steps.append(step(show(_eq(a1 * x + b1, b2)), f"{verb} both sides."))
    if b1 != 0:
        verb = _move(number, b1)
        b2 = b2 - b1
        steps.append(step(show(_eq(a1 * x, b2)), f"{verb} both sides."))
    if a1 != 1:
        if a1 == -1:
            text = "Multiply both sides by -1."
        elif a1.is_Rational and a1.p == 1:
            text = f"Multiply both sides by {a1.q}."
        else:
            text = f"Divide both sides by {number(a1)}."
        steps.append(step(show(_eq(x, sp.simplify(b2 / a1))), text))
    return steps


def _move(number: Callable[[object], str], term: sp.Expr) -> str:
    """ "Subtract 3 from" or "Add 3 to": the words for taking ``term`` off both sides."""
    if term.could_extract_minus_sign():
        return f"Add {number(-term)} to"
    return f"Subtract {number(term)} from"


def radical_steps(eq: sp.Equality, x: sp.Symbol, kept: list) -> list[Step] | None:
    """One square root of ``x``: isolate it, square, solve, and reject each root the squaring added.

    ``kept`` are the equation's real solutions (already checked in the original); None when the
    equation is not of this shape or the squared equation is not linear or quadratic.
    """
    diff = sp.expand(eq.lhs - eq.rhs)
    radicals = [p for p in diff.atoms(sp.Pow) if p.exp == sp.Rational(1, 2) and p.base.has(x)]
    if len(radicals) != 1:
        return None
    root = radicals[0]
    k = diff.coeff(root)
    rest = sp.expand(diff - k * root)
    if not k.is_number or k == 0 or rest.has(root):
        return None
    other = sp.expand(-rest / k)
    isolated, squared = _eq(root, other), _eq(root.base, sp.expand(other**2))
    poly = sp.expand(squared.lhs - squared.rhs)
    if not poly.is_polynomial(x) or sp.degree(poly, x) not in (1, 2):
        return None
    candidates = [c for c in sp.solve(poly, x) if c.is_real]
    if any(c not in candidates for c in kept):
        return None
    steps = [] if tex(isolated) == tex(eq) else [step(isolated, "Isolate the square root on one side.")]
    steps.append(step(squared, "Square both sides; squaring can add roots, so each one is checked after."))
    if sp.degree(poly, x) == 2:
        lead_positive = poly.coeff(x, 2) > 0
        worked: list[Step] | None = quadratic_steps(squared if lead_positive else _eq(squared.rhs, squared.lhs), x)
    else:
        worked = linear_steps(squared, x)
    if worked is None:
        return None
    steps.extend(worked)
    for c in candidates:
        if c in kept:
            continue
        left, right = sp.simplify(root.subs(x, c)), sp.simplify(other.subs(x, c))
        steps.append(
            step(
                rf"{tex(x)} = {tex(c)}:\; {tex(root.subs(x, sp.UnevaluatedExpr(c)))} = {tex(left)} \ne {tex(right)}",
                f"Reject {x} = {sp.sstr(c)}: a square root is never negative, so it does not satisfy the original "
                "equation (an extraneous root)."
                if right.is_negative
                else f"Reject {x} = {sp.sstr(c)}: it does not satisfy the original equation (an extraneous root).",
            )
        )
    return steps


def _linear_factor_latex(factor: sp.Expr, x: sp.Symbol) -> str:
    """``x - 3`` rather than SymPy's ``-3 + x`` order: the x term first."""
    a, b = factor.coeff(x, 1), factor.coeff(x, 0)
    lead = tex(a * x)
    return lead if b == 0 else f"{lead} {'-' if b < 0 else '+'} {tex(abs(b))}"


def _factored_steps(poly: sp.Expr, x: sp.Symbol) -> list[Step] | None:
    """Factored form (roots ascending), each factor set to zero, and the roots; None when it does not factor."""
    coeff, factors = sp.factor_list(poly, x)
    if not factors or any(sp.degree(f, x) != 1 for f, _ in factors):
        return None
    factors = sorted(factors, key=lambda fm: float(sp.solve(fm[0], x)[0]))
    parts = [f"\\left({_linear_factor_latex(f, x)}\\right)" + (f"^{{{m}}}" if m > 1 else "") for f, m in factors]
    lead = "" if coeff == 1 else "-" if coeff == -1 else tex(coeff)
    join = r" \quad \text{or} \quad "
    roots = [sp.solve(f, x)[0] for f, _ in factors]
    steps = [step(lead + " ".join(parts) + " = 0", "Factor the quadratic.")]
    if len(factors) > 1:
        steps.append(
            step(join.join(f"{_linear_factor_latex(f, x)} = 0" for f, _ in factors), "Set each factor equal to zero.")
        )
        steps.append(step(join.join(f"{tex(x)} = {tex(r)}" for r in roots), "Solve each equation."))
    else:
        steps.append(
            step(
                f"{_linear_factor_latex(factors[0][0], x)} = 0 \\;\\Rightarrow\\; {tex(x)} = {tex(roots[0])}",
                "The factor is squared, so there is one root: set it equal to zero.",
            )
        )
    return steps


def _paren(value: sp.Expr) -> str:
    """A number's LaTeX, in parentheses when it is negative or not a plain integer."""
    return tex(value) if value.is_Integer and value >= 0 else f"\\left({tex(value)}\\right)"


def quadratic_steps(eq: sp.Eq, x: sp.Symbol) -> list[Step]:
    poly = sp.expand(eq.lhs - eq.rhs)
    a, b, c = (poly.coeff(x, k) for k in (2, 1, 0))
    steps = []
    if eq.rhs != 0:
        steps.append(step(sp.Eq(poly, 0), "Move every term to one side so the equation equals zero."))
    elif tex(sp.Eq(poly, 0)) != tex(eq):  # already "= 0" but not expanded; when it is, nothing to repeat
        steps.append(step(sp.Eq(poly, 0), "Expand the left side."))
    factored = _factored_steps(poly, x) if all(k.is_rational for k in (a, b, c)) else None
    if factored:
        steps.extend(factored)
    else:
        disc = sp.simplify(b**2 - 4 * a * c)
        numbers = all(k.is_number for k in (a, b, c))
        plugged = f"{_paren(b)}^2 - 4 \\cdot {_paren(a)} \\cdot {_paren(c)} = " if numbers else ""
        steps.append(step(f"\\Delta = b^2 - 4ac = {plugged}{tex(disc)}", "Compute the discriminant."))
        steps.append(
            step(
                f"{tex(x)} = \\frac{{-b \\pm \\sqrt{{\\Delta}}}}{{2a}} = \\frac{{{tex(-b)} \\pm "
                f"\\sqrt{{{tex(disc)}}}}}{{{tex(2 * a)}}}",
                "Apply the quadratic formula.",
            )
        )
        roots = sp.solve(poly, x) if numbers else []
        if len(roots) == 2:
            steps.append(
                step(r" \quad \text{or} \quad ".join(f"{tex(x)} = {tex(r)}" for r in roots), "Simplify the two roots.")
            )
    return steps


def plain_source(source: str | None, equals: int = 1) -> TypeGuard[str]:
    """True for LaTeX the student typed that can be shown as is (not a rewritten SymPy string, no text)."""
    if not source:
        return False
    return (
        source.isascii()
        and source.count("=") <= equals
        and not re.search(r"\\Omega|\\text|\$|\*|⟦|(?<![\\a-zA-Z])[a-zA-Z]{3,}", source)
    )


def _plugged_source(source: str | None, x: sp.Symbol, value) -> str | None:
    """``x^2 - 5x + 6 = 0`` with ``x = 2`` written as ``2^{2} - 5 \\cdot 2 + 6 = 0``, in the student's order."""
    if not plain_source(source) or source.count("=") != 1 or len(source) > 60 or re.search(r"[<>]|\\[lg]e", source):
        return None
    pattern = rf"(?<![\\a-zA-Z]){re.escape(str(x))}(?![a-zA-Z])"
    if not re.search(pattern, source):
        return None
    bare = value.is_Integer and value >= 0 or value.is_Symbol

    def put(m: re.Match) -> str:
        before = source[: m.start()].rstrip()
        if before.endswith("^"):
            return "{%s}" % (tex(value) if bare else f"\\left({tex(value)}\\right)")
        if not bare:
            return f"\\left({tex(value)}\\right)"
        return (r" \cdot " if before and (before[-1].isdigit() or before[-1] in ")}") else "") + tex(value)

    return re.sub(pattern, put, source.replace("*", r" \cdot "))


def _substituted_source(source: str | None, x: sp.Symbol, answer) -> str | None:
    """``3x - 4 = 11`` with ``x = 5`` written as ``3(5) - 4 = 11``; None when the source cannot be used."""
    if not plain_source(source) or source.count("=") != 1 or len(source) > 80 or re.search(r"[<>]|\\[lg]e", source):
        return None
    name = re.escape(str(x))
    pattern = rf"(?<![\\a-zA-Z]){name}(?![a-zA-Z])"
    if not re.search(pattern, source):
        return None
    value = tex(answer)
    simple = answer.is_Integer and answer >= 0
    source = source.replace("*", r" \cdot ")

    def put(m: re.Match) -> str:
        before, after = source[: m.start()].rstrip(), source[m.end() :].lstrip()
        if before.endswith("^"):
            return f"{{\\left({value}\\right)}}"
        enclosed = before.endswith("(") and after.startswith(")")
        if enclosed or simple and (not before or before[-1] in "(+-=,"):
            return value  # 2(x + 3) with x = 4 reads 2(4 + 3), not 2((4) + 3)
        return f"\\left({value}\\right)"

    return re.sub(pattern, put, source)


def check_step(eqs: list[sp.Eq], x: sp.Symbol, answer, sources: list[str | None] | None = None) -> Step:
    """The substitution check, written out: the original equation with the value put in, both sides agreeing."""
    if len(eqs) == 1 and not isinstance(answer, tuple):
        shown = _substituted_source((sources or [None])[0], x, answer)
        lhs, rhs = (sp.simplify(side.subs(x, answer)) for side in (eqs[0].lhs, eqs[0].rhs))
        if shown is not None:
            return step(
                f"{shown} \\;\\Rightarrow\\; {tex(lhs)} = {tex(rhs)}",
                f"Substitute {sp.sstr(answer)} for {x}: both sides equal {sp.sstr(lhs)}.",
            )
        if len(tex(eqs[0])) < 80:
            value = sp.UnevaluatedExpr(answer)
            left, right = eqs[0].lhs.subs(x, value), eqs[0].rhs.subs(x, value)
            return step(f"{tex(left)} = {tex(right)}", f"Substitute {sp.sstr(answer)} for {x}: both sides agree.")
    if isinstance(answer, tuple) and len(eqs) == 1:
        plugged = [_plugged_source((sources or [None])[0], x, a) for a in answer[:3]]
        if all(plugged):
            return step(
                r",\quad ".join(p for p in plugged if p),
                "Substitute each solution into the original equation: both sides agree each time.",
            )
        parts = [
            f"{tex(eqs[0].lhs.subs(x, sp.UnevaluatedExpr(a)))} = {tex(eqs[0].rhs.subs(x, sp.UnevaluatedExpr(a)))}"
            for a in answer[:3]
        ]
        return step(
            r",\quad ".join(parts), "Substitute each solution into the original equation: both sides agree each time."
        )
    return step(
        r"\text{substitute } " + tex(x) + " = " + tex(answer) + r"\text{ into each equation}",
        "Substituting the solution into every original equation makes both sides agree.",
    )


def final_step(target, values: list, how: str | None, answer, source: str | None = None) -> Step:
    """The last step: the values combined as asked (``2 + 5 = 7``), or the target's value."""
    joins = {"sum": (" + ", "Add the solutions."), "product": (r" \cdot ", "Multiply the solutions.")}
    if how in joins and 1 < len(values) <= 4 and all(v.is_number for v in values):
        sign, text = joins[how]
        return step(
            sign.join(_paren(v) if how == "product" or v.is_negative else tex(v) for v in values) + " = " + tex(answer),
            text,
        )
    if how == "count" and values:
        return step(r"\#\{" + tex(list(values)) + r"\} = " + tex(answer), "Count the solutions.")
    shown = source.strip() if plain_source(source, 0) and len(source) < 80 else tex(target)
    return step(shown + " = " + tex(answer), "Use the solution to compute what is asked.")


def quadratic_hints(eq: sp.Eq, x: sp.Symbol, generic: list[str], answer) -> list[str]:
    """Hints that name this quadratic's numbers (product and sum, or a, b, c); generic ones where they would give the
    answer away."""
    poly = sp.expand(eq.lhs - eq.rhs)
    a, b, c = (poly.coeff(x, k) for k in (2, 1, 0))
    first = generic[0] if eq.rhs != 0 else "The equation already equals zero: look at the left side."
    if not all(k.is_Integer for k in (a, b, c)):
        return [first] + generic[1:]
    _, factors = sp.factor_list(poly, x)
    if all(sp.degree(f, x) == 1 for f, _ in factors):
        middle = (
            f"Look for two numbers that multiply to {c} and add to {b}."
            if a == 1
            else f"Look for two numbers that multiply to {a * c} (a times c) and add to {b}, then factor by grouping."
        )
        last = "Set each factor equal to zero and solve, then check each root."
    else:
        middle = f"It does not factor nicely: use the quadratic formula with a = {a}, b = {b}, c = {c}."
        last = f"Start with the discriminant b^2 - 4ac = {b**2 - 4 * a * c}, then simplify the square root."
    hints = [first, middle, last]
    shown = re.compile(rf"(?<![\w.]){re.escape(tex(answer))}(?![\w.])")
    return [h if not shown.search(h) else g for h, g in zip(hints, generic, strict=False)]
