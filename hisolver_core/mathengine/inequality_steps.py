"""Worked steps for a linear inequality in one unknown: collect terms, divide (flipping the sign if negative)."""

from __future__ import annotations

import sympy as sp

from ..solution import Step
from .build import step

__all__ = ["linear_inequality_steps"]

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
