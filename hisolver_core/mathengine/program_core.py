"""The checks every ``MathProgram`` target shares: which candidate solutions hold, which fall outside
an unknown's domain, and whether every relation bears on what is asked."""

from __future__ import annotations

import sympy as sp
from sympy.polys.polyerrors import BasePolynomialError  # NotAlgebraic too, which is not a PolynomialError

from .algebra import values_satisfy
from .build import Decline, tex
from .program_read import ReadProgram

__all__ = ["candidates", "check_relations_used", "domain_failure", "holds", "solution_set"]

_DOMAIN_TEST = {
    "integer": lambda v: v.is_integer,
    "positive": lambda v: v.is_positive,
    "positive_integer": lambda v: v.is_integer and v.is_positive,
    "nonnegative": lambda v: v.is_nonnegative,
    "nonnegative_integer": lambda v: v.is_integer and v.is_nonnegative,
}
_DOMAIN_WORDS = {
    "integer": "an integer",
    "positive": "positive",
    "positive_integer": "a positive integer",
    "nonnegative": "at least 0",
    "nonnegative_integer": "a whole number",
}
MAX_ENUMERATE = 2000  # integers tried when an integer unknown is bounded only by inequalities


def holds(read: ReadProgram, relations, values: dict) -> bool:
    """True when every relation holds at ``values`` with both sides defined (no division by zero)."""
    for rel in relations:
        for side in (rel.lhs, rel.rhs):
            try:
                value = side.subs(values)
            except (TypeError, ValueError, ZeroDivisionError):
                return False
            if isinstance(value, sp.Expr) and value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
                return False
    return values_satisfy(relations, values)


def domain_failure(read: ReadProgram, sol: dict) -> str | None:
    """Why ``sol`` is outside the unknowns' domains (or not real); None when it is inside."""
    for sym, value in sol.items():
        if value.free_symbols:
            continue
        if value.is_real is False:
            return f"{sym} = {sp.sstr(value)} is not a real number"
        test = _DOMAIN_TEST.get(read.domains.get(sym, "real"))
        if test is not None and not test(value):
            return f"{sym} must be {_DOMAIN_WORDS[read.domains[sym]]}"
    return None


def candidates(read: ReadProgram, unknowns: list[sp.Symbol]) -> list[dict]:
    """Candidate solutions of the equations for ``unknowns`` (extraneous ones included: the caller checks)."""
    eqs = read.equations
    real = {s: sp.Symbol(s.name, real=True) for s in set().union(*(e.free_symbols for e in eqs))}
    back = {v: k for k, v in real.items()}
    try:
        raw = sp.solve([e.xreplace(real) for e in eqs], [real[u] for u in unknowns], dict=True, check=False)
    except (NotImplementedError, ValueError, TypeError, BasePolynomialError) as exc:
        raise Decline("SymPy could not solve these equations exactly.") from exc
    out = []
    for sol in raw:
        mapped = {back.get(k, k): sp.simplify(v.xreplace(back)) for k, v in sol.items()}
        out.append(mapped)
    return out


def _integer_points(read: ReadProgram, x: sp.Symbol) -> list[dict]:
    """The integers satisfying one unknown's inequalities, when it is an integer unknown and they are bounded."""
    xr = sp.Symbol(x.name, real=True)
    try:
        solset = sp.reduce_inequalities([r.xreplace({x: xr}) for r in read.inequalities], xr).as_set()
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise Decline("SymPy could not solve these inequalities.") from exc
    lo, hi = solset.inf, solset.sup
    if not (lo.is_finite and hi.is_finite) or hi - lo > MAX_ENUMERATE:
        raise Decline("The inequalities leave infinitely many (or too many) integers.")
    points = [sp.Integer(v) for v in range(int(sp.ceiling(lo)), int(sp.floor(hi)) + 1)]
    return [{x: v} for v in points if v in solset]


def solution_set(read: ReadProgram, unknowns: list[sp.Symbol]) -> tuple[list[dict], list[tuple[dict, str]]]:
    """The solutions kept (every relation holds, inside the domains) and those rejected with the reason."""
    if read.equations:
        found = candidates(read, unknowns)
    elif len(unknowns) == 1 and read.inequalities and "integer" in read.domains.get(unknowns[0], ""):
        found = _integer_points(read, unknowns[0])
    else:
        raise Decline("The relations do not pin the unknowns down to a list of values.")
    kept, rejected = [], []
    for sol in found:
        if not holds(read, read.relations, sol):
            rejected.append((sol, "it does not satisfy the original relations (extraneous)"))
            continue
        why = domain_failure(read, sol)
        if why:
            rejected.append((sol, why))
            continue
        kept.append(sol)
    return kept, rejected


def check_relations_used(read: ReadProgram, about: set[sp.Symbol]) -> None:
    """Every relation must share letters (directly or through others) with what is asked."""
    reach = set(about)
    pending = list(read.relations)
    grown = True
    while grown:
        grown = False
        for rel in list(pending):
            if rel.free_symbols & reach:
                reach |= rel.free_symbols
                pending.remove(rel)
                grown = True
    for rel in pending:
        raise Decline(f"The relation {read.sources.get(id(rel), tex(rel))} is not connected to what is asked.")
