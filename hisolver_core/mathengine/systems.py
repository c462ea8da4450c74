""" "Solve the system ..." and "Find x and y ...": the question asks for every unknown, as an ordered tuple."""

from __future__ import annotations

import re

import sympy as sp

from .context import Context, Segment
from .intent import Intent, read_intent

__all__ = ["elimination_steps", "whole_system_intent"]

_SOLVE_SYSTEM = re.compile(
    r"\bsolve (?:the |this |each |following |given )*(?:linear )?(?:system|simultaneous equations)\b"
)
_NAME = r"(?:⟦(\d+)⟧|\b([a-z])\b)"
_NAMED = re.compile(
    rf"\b(?:find|determine|solve for|what are|compute) (?:the values? of |both )?{_NAME}(?:,? {_NAME})?,? and {_NAME}"
)
_WORDS = {
    "solve",
    "system",
    "find",
    "and",
    "of",
    "equations",
    "the",
    "values",
    "value",
    "determine",
    "following",
    "linear",
    "simultaneous",
    "both",
    "what",
    "are",
    "compute",
    "given",
    "this",
    "each",
}


def _named_symbols(ctx: Context, m: re.Match) -> tuple[list[sp.Symbol], set[int], set[str]] | None:
    """The unknowns the question names, the segment indexes naming them, and the bare letters used as words."""
    syms, indexes, letters = [], set(), set()
    groups = m.groups()
    for k, letter in zip(groups[0::2], groups[1::2], strict=False):
        if k is None and letter is None:
            continue
        if letter is not None:
            syms.append(sp.Symbol(letter))
            letters.add(letter)
            continue
        seg = next((s for s in ctx.segments if s.index == int(k)), None)
        if seg is None or seg.kind != "symbol":
            return None
        syms.append(seg.obj)
        indexes.add(seg.index)
    return syms, indexes, letters


def whole_system_intent(ctx: Context) -> Intent | None:
    """An intent whose target is the tuple of all unknowns, for questions that ask to solve a whole system.

    Returns None when the question does not ask for the whole system (another target is named,
    fewer than two equations, or the named unknowns are not exactly the system's unknowns);
    raises Decline (from :func:`read_intent`) when other wording is not understood.
    """
    eqs = ctx.equations
    if len(eqs) < 2:
        return None
    q = ctx.problem.question
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)), key=lambda s: s.name)
    if len(unknowns) < 2:
        return None
    named = _NAMED.search(q)
    letters: set[str] = set()
    if named:
        found = _named_symbols(ctx, named)
        if found is None or set(found[0]) != set(unknowns) or len(found[0]) != len(unknowns):
            return None
        order, indexes, letters = found
        ctx.segments = [s for s in ctx.segments if s.index not in indexes]
        unknowns = order
    elif not _SOLVE_SYSTEM.search(q):
        return None
    intent = read_intent(ctx, _WORDS | letters)
    if intent.target is not None or intent.aggregate is not None or intent.in_terms_of or intent.solution_count:
        if named:
            return None if intent.target is None else intent
        return intent
    intent.target = Segment(index=-1, source="", obj=sp.Tuple(*unknowns), kind="tuple")
    return intent


def elimination_steps(eqs: list, unknowns: list, solution: dict) -> list | None:
    """Worked elimination for two linear equations in two unknowns with one solution; None otherwise.

    Returns steps: scale the equations so one unknown's coefficients match, subtract, divide,
    then substitute back into the first equation for the other unknown.
    """
    from .build import step

    if len(eqs) != 2 or len(unknowns) != 2 or set(solution) != set(unknowns):
        return None
    x, y = unknowns
    rows = []
    for e in eqs:
        expr = sp.expand(e.lhs - e.rhs)
        if not expr.is_polynomial(x, y) or sp.Poly(expr, x, y).total_degree() != 1:
            return None
        a, b, c = expr.coeff(x, 1), expr.coeff(y, 1), -expr.subs({x: 0, y: 0})
        if not all(v.is_number for v in (a, b, c)):
            return None
        rows.append((a, b, c))
    (a1, b1, c1), (a2, b2, c2) = rows
    if b1 == 0 or b2 == 0 or a1 * b2 - a2 * b1 == 0:
        return None
    k1, k2 = abs(b2), abs(b1)
    g = sp.gcd(k1, k2)
    k1, k2 = k1 / g, k2 / g
    steps = []
    if (k1, k2) != (1, 1):
        steps.append(
            step(
                f"{sp.latex(sp.Eq(k1 * a1 * x + k1 * b1 * y, k1 * c1))},\\quad "
                f"{sp.latex(sp.Eq(k2 * a2 * x + k2 * b2 * y, k2 * c2))}",
                f"Multiply the equations so the {y} terms have the same size of coefficient.",
            )
        )
    sign = 1 if (b1 > 0) == (b2 > 0) else -1  # same signs: subtract; opposite signs: add
    coef, const = k1 * a1 - sign * k2 * a2, k1 * c1 - sign * k2 * c2
    if coef == 0 or sp.simplify(coef * solution[x] - const) != 0:
        return None  # the shown elimination must lead to the verified solution
    how = "Subtract the second equation from the first" if sign == 1 else "Add the equations"
    steps.append(step(sp.Eq(coef * x, const), f"{how}: the {y} terms cancel."))
    steps.append(
        step(sp.Eq(x, solution[x]), f"Divide both sides by {sp.sstr(coef)}." if coef != 1 else f"This gives {x}.")
    )
    if b1 != 1:
        steps.append(
            step(
                sp.Eq(b1 * y, c1 - a1 * solution[x]),
                f"Substitute {x} = {sp.sstr(solution[x])} into the first equation.",
            )
        )
        steps.append(step(sp.Eq(y, solution[y]), f"Solve for {y}."))
    else:
        steps.append(
            step(
                sp.Eq(y, solution[y]),
                f"Substitute {x} = {sp.sstr(solution[x])} into the first equation and solve for {y}.",
            )
        )
    return steps
