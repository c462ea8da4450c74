"""Build ``Solution`` objects: LaTeX formatting, steps, the hint ladder, declines."""

from __future__ import annotations

import re

import sympy as sp

from ..solution import SOLVED, UNSUPPORTED, Solution, Step

__all__ = [
    "Decline",
    "tex",
    "step",
    "solved",
    "declined",
    "rounded",
    "rounding_text",
    "decimal_latex",
    "as_number",
    "one_point",
]


class Decline(Exception):
    """Raised inside a solver to decline the problem with a reason for the student."""


def tex(obj) -> str:
    """LaTeX for a SymPy object, a tuple of them, or a list (joined by commas)."""
    if isinstance(obj, (list, tuple)) and not isinstance(obj, sp.Tuple):
        return ", ".join(tex(o) for o in obj)
    if isinstance(obj, sp.Float):
        return _float_tex(obj)
    if isinstance(obj, sp.Tuple):
        return "\\left(" + ", ".join(tex(o) for o in obj) + "\\right)"
    if isinstance(obj, sp.Basic):
        try:
            return sp.latex(obj)
        except Exception:  # a printer bug must not break a solve
            return str(obj)
    return str(obj)


def _float_tex(value: sp.Float) -> str:
    text = f"{float(value):.10f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def step(latex_or_obj, text: str) -> Step:
    """One step: LaTeX (or a SymPy object to print) and a plain sentence."""
    latex = latex_or_obj if isinstance(latex_or_obj, str) else tex(latex_or_obj)
    return Step(latex=latex, text=text.strip())


def rounded(value: sp.Expr, places: int) -> sp.Expr:
    """``value`` rounded to ``places`` decimals, halves away from zero as taught (2.5 -> 3; an Integer when places
    is 0 or less: -2 rounds to the nearest hundred)."""
    exact = value if isinstance(value, sp.Rational) else sp.Rational(str(sp.N(value, 40)))
    scale = sp.Integer(10) ** places
    result = sp.sign(exact) * sp.floor(abs(exact) * scale + sp.Rational(1, 2)) / scale
    if places <= 0:
        return sp.Integer(result)
    return sp.Float(result, 15)


_PLACE_NAMES = {0: "a whole number", -1: "the nearest ten", -2: "the nearest hundred", -3: "the nearest thousand"}


def rounding_text(places: int) -> str:
    """The sentence of a rounding step: "Round to 2 decimal places.", "Round to the nearest ten."."""
    if places > 0:
        return f"Round to {places} decimal place{'s' if places > 1 else ''}."
    return f"Round to {_PLACE_NAMES.get(places, f'a multiple of 10^{-places}')}."


def decimal_latex(value) -> str | None:
    """``30.48`` for 762/25 (a story given in decimals reads best in decimals); None unless it terminates briefly."""
    if not isinstance(value, sp.Rational) or value.is_Integer:
        return None
    q = int(value.q)
    for prime in (2, 5):
        while q % prime == 0:
            q //= prime
    if q != 1:
        return None
    text = f"{float(value):.6f}".rstrip("0")
    return text if sp.Rational(text) == value else None


def one_point(conditions: list, free) -> dict | None:
    """A point where every condition holds with each ``free`` letter set to the same number, or None when
    none is found: a witness that the conditions are consistent (it never proves that they are not)."""
    t = sp.Symbol("t", real=True)
    along = [c.subs({f: t for f in free}) if isinstance(c, sp.Basic) else c for c in conditions]
    if any(c is sp.false or c is False for c in along):
        return None
    pending = [c for c in along if c is not sp.true and c is not True]
    try:
        room = sp.reduce_inequalities(pending, t).as_set() if pending else sp.S.Reals
    except (NotImplementedError, ValueError, TypeError, AttributeError):
        return None
    if room is sp.S.EmptySet:
        return None
    tries = [sp.Integer(0), sp.Integer(1), room.inf + 1, room.sup - 1, (room.inf + room.sup) / 2]
    point = next((p for p in tries if p.is_finite and room.contains(p) is sp.true), None)
    return None if point is None else {f: point for f in free}


def as_number(value) -> sp.Expr | None:
    """The value as a finite real or complex SymPy number, or None."""
    if not isinstance(value, sp.Expr) or value.free_symbols:
        return None
    if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        return None
    return value


def _safe_hints(hints: list[str], answer_latex: str, topic: str) -> list[str]:
    """Keep the ladder free of the answer; pad it to three rungs."""
    banned = {answer_latex.strip()} if answer_latex else set()
    out = []
    for hint in hints:
        if any(b and len(b) <= 40 and re.search(rf"(?<![\w.]){re.escape(b)}(?![\w.])", hint) for b in banned):
            continue
        out.append(hint)
    generic = [
        f"This is a {topic.replace('_', ' ')} problem: write down what is given and what is asked.",
        "Work one step at a time and keep both sides of every equation balanced.",
        "Check your result by substituting it back into the original problem.",
    ]
    for g in generic:
        if len(out) >= 3:
            break
        if g not in out:
            out.append(g)
    return out


def solved(
    problem: str,
    topic: str,
    steps: list[Step],
    hints: list[str],
    answer,
    *,
    verification: str,
    verified: bool = True,
    figure: dict | None = None,
    answer_latex: str | None = None,
    notes: list[str] | None = None,
) -> Solution:
    """A solved ``Solution`` with a safe hint ladder."""
    _check_elementary(answer)
    latex = answer_latex if answer_latex is not None else tex(answer)
    return Solution(
        problem=problem,
        status=SOLVED,
        topic=topic,
        steps=_without_repeats(steps),
        hints=_safe_hints(hints, latex, topic),
        answer_latex=latex,
        answer=answer,
        verified=verified,
        verification=verification,
        backend="builtin",
        figure=figure,
        notes=list(notes or []),
    )


def _without_repeats(steps: list[Step]) -> list[Step]:
    """The steps with any step that repeats the one before it dropped (keeping at least two)."""

    def same(a: Step, b: Step) -> bool:
        return a.latex.replace(" ", "") == b.latex.replace(" ", "")

    kept = [s for i, s in enumerate(steps) if i == 0 or not same(s, steps[i - 1])]
    return kept if len(kept) >= 2 else steps


_ALLOWED_FUNCS = (sp.log, sp.exp, sp.Abs, sp.floor, sp.ceiling)


def _check_elementary(answer) -> None:
    """Decline answers that need special functions (Lambert W, gamma...): beyond SAT level, rarely intended."""
    items = answer if isinstance(answer, (tuple, list, sp.Tuple)) else [answer]
    for item in items:
        if not isinstance(item, sp.Basic):
            continue
        for node in sp.preorder_traversal(item):
            if isinstance(node, sp.Function) and not isinstance(node, _ALLOWED_FUNCS):
                raise Decline("The exact answer needs functions beyond this engine's level.")


def declined(problem: str, reason: str, topic: str = "") -> Solution:
    """An unsupported ``Solution`` carrying the reason."""
    return Solution(problem=problem, status=UNSUPPORTED, topic=topic, reason=reason, backend="builtin")
