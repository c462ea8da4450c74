"""Worked steps for a linear inequality in one unknown: collect terms, divide (flipping the sign if negative)."""

from __future__ import annotations

import sympy as sp

from ..solution import Step
from .build import step, tex

__all__ = ["chain_latex", "chained_inequality_steps", "linear_inequality_steps"]

_FLIP = {">": "<", "<": ">", ">=": "<=", "<=": ">="}


def _relation(lhs, rhs, op: str):
    """``lhs op rhs`` unevaluated, so ``3x > 9`` is shown as written."""
    return sp.Rel(lhs, rhs, op, evaluate=False)


def linear_inequality_steps(rel, x: sp.Symbol) -> list[Step] | None:
    """Steps from ``a x + b  op  c x + d`` to ``x op value``; None when ``rel`` is not a linear inequality in ``x``.

    Each step is an inequality equivalent to the one before: the unknown's terms
    collected on the left and the numbers on the right, then a division by the
    coefficient, with the sign reversed when the coefficient is negative.
    """
    op = getattr(rel, "rel_op", None)
    if op not in _FLIP or rel.free_symbols != {x}:
        return None
    diff = sp.expand(rel.lhs - rel.rhs)
    if not diff.is_polynomial(x) or sp.degree(diff, x) != 1:
        return None
    a, b = diff.coeff(x, 1), diff.coeff(x, 0)
    if not (a.is_number and b.is_number and a.is_real and b.is_real) or a == 0:
        return None
    steps = []
    collected = _relation(a * x, -b, op)
    if collected != rel:
        steps.append(step(collected, f"Collect the {x} terms on the left and the numbers on the right."))
    if a == 1:
        return steps
    new_op = _FLIP[op] if a < 0 else op
    final = _relation(x, -b / a, new_op)
    if a < 0:
        text = f"Divide both sides by {sp.sstr(a)}; dividing by a negative number reverses the inequality sign."
    else:
        text = f"Divide both sides by {sp.sstr(a)}."
    steps.append(step(final, text))
    return steps


_LATEX_OP = {"<": "<", "<=": r"\le", ">": ">", ">=": r"\ge"}


def _bounds(rel, x: sp.Symbol):
    """``lo < a x + b <= hi`` as ``(lo, lo_op, middle, hi_op, hi)`` with ``<``-type operators; None otherwise."""
    parts = rel.args if isinstance(rel, sp.And) else ()
    if len(parts) != 2:
        return None
    lower = upper = None
    for part in parts:
        op = getattr(part, "rel_op", None)
        if op not in _FLIP:
            return None
        lhs, rhs = part.lhs.doit(), part.rhs.doit()  # the parser keeps terms like 1*1 unevaluated
        if x in rhs.free_symbols and x not in lhs.free_symbols:
            lhs, rhs, op = rhs, lhs, _FLIP[op]
        if x not in lhs.free_symbols or rhs.free_symbols:
            return None
        if op in ("<", "<="):
            upper = (lhs, op, rhs)
        else:
            lower = (lhs, _FLIP[op], rhs)
    if lower is None or upper is None or sp.expand(lower[0] - upper[0]) != 0:
        return None
    return lower[2], lower[1], lower[0], upper[1], upper[2]


def _chain_latex(lo, lo_op: str, middle, hi_op: str, hi) -> str:
    return f"{tex(lo)} {_LATEX_OP[lo_op]} {tex(middle)} {_LATEX_OP[hi_op]} {tex(hi)}"


def chain_latex(rel, x: sp.Symbol) -> str | None:
    """``lo < a x + b <= hi`` written as one chain (SymPy prints it as two relations joined by a wedge)."""
    found = _bounds(rel, x)
    return _chain_latex(*found) if found else None


def chained_inequality_steps(rel, x: sp.Symbol) -> list[Step] | None:
    """Steps for ``lo < a x + b <= hi``: the same operation on all three parts; None for any other shape."""
    found = _bounds(rel, x)
    if found is None:
        return None
    lo, lo_op, middle, hi_op, hi = found
    middle = sp.expand(middle)
    if not middle.is_polynomial(x) or sp.degree(middle, x) != 1:
        return None
    a, b = middle.coeff(x, 1), middle.coeff(x, 0)
    if not all(v.is_number and v.is_real for v in (a, b, lo, hi)):
        return None
    steps = []
    if b != 0:
        verb = f"Subtract {sp.sstr(b)} from" if b > 0 else f"Add {sp.sstr(-b)} to"
        steps.append(step(_chain_latex(lo - b, lo_op, a * x, hi_op, hi - b), f"{verb} all three parts."))
    if a == 1:
        return steps
    lo, hi = (lo - b) / a, (hi - b) / a
    if a > 0:
        steps.append(step(_chain_latex(lo, lo_op, x, hi_op, hi), f"Divide all three parts by {sp.sstr(a)}."))
    else:
        steps.append(
            step(
                _chain_latex(hi, hi_op, x, lo_op, lo),
                f"Divide all three parts by {sp.sstr(a)}; dividing by a negative number reverses both signs, "
                "so write the chain from the smaller end.",
            )
        )
    return steps
