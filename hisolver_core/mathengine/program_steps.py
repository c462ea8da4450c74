"""Steps that show the work for a solved ``MathProgram``, the hint ladder, and the answer as shown.

A linear equation gets one step per operation (``2x + 3 = 7``, ``2x = 4``, ``x = 2``); a quadratic
is factored or put through the formula (:mod:`.equation_steps`); a system of two linear equations
is solved by substitution (when a letter has coefficient 1) or elimination (:mod:`.systems`);
a candidate that fails the original relations or the unknown's domain is shown and rejected.
When the problem wrote decimals the steps and the answer keep them (0.5, not 1/2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp

from ..solution import Step
from .build import step, tex
from .equation_steps import final_step, quadratic_hints, quadratic_steps
from .equation_steps import linear_steps as equation_linear_steps
from .inequality_steps import chain_latex, chained_inequality_steps, linear_inequality_steps
from .program_read import ReadProgram

__all__ = [
    "Work",
    "answer_latex",
    "combine",
    "hints_for",
    "inequality_work",
    "shown",
    "solve_work",
    "verification_step",
]

_JOIN_OR = r" \quad \text{or} \quad "


@dataclass
class Work:
    """What the step writer needs: the program read, the solutions kept and rejected, the target."""

    read: ReadProgram
    unknowns: list[sp.Symbol]
    kept: list[dict]
    rejected: list[tuple[dict, str]]
    expr: sp.Basic
    values: list
    topic: str = "equations"
    verification: str = ""
    notes: list[str] = field(default_factory=list)


# --- showing numbers as the problem wrote them --------------------------------------------------------------


def decimal(read: ReadProgram, obj):
    """``obj`` with terminating fractions as decimals when the problem wrote decimals (else unchanged)."""
    if not read.decimals or not isinstance(obj, sp.Basic):
        return obj

    def terminating(r: sp.Rational) -> bool:
        q = int(r.q)
        for p in (2, 5):
            while q % p == 0:
                q //= p
        return q == 1

    swap = {r: sp.Float(str(sp.N(r, 15))) for r in obj.atoms(sp.Rational) if not r.is_Integer and terminating(r)}
    return obj.xreplace(swap) if swap else obj


def show(read: ReadProgram, obj) -> str:
    """LaTeX for ``obj``, decimals kept."""
    if isinstance(obj, (list, tuple)) and not isinstance(obj, sp.Tuple):
        return ", ".join(show(read, o) for o in obj)
    return tex(decimal(read, obj))


def number(read: ReadProgram, value) -> str:
    """A number for a sentence: ``0.5`` or ``1/2`` as the problem wrote them."""
    return sp.sstr(decimal(read, value), full_prec=False)


def shown(read: ReadProgram, text: str) -> str:
    """A program's relation text as LaTeX (never the question mark)."""
    s = text.replace("**", "^").replace("*", r" \cdot ").replace("?", "")
    return re.sub(r"\s+", " ", s).strip()


def answer_latex(read: ReadProgram, answer) -> str:
    """The answer's LaTeX, decimals kept."""
    return show(read, answer)


def _eq(lhs, rhs) -> sp.Equality:
    return sp.Eq(lhs, rhs, evaluate=False)


# --- the work --------------------------------------------------------------------------------------------


def solve_work(work: Work) -> list[Step]:
    """The steps from the givens to the solutions (the check and rounding are added by the caller)."""
    read = work.read
    steps = [
        step(f"{tex(s)} = {show(read, v)}", f"Use the given value {s} = {number(read, v)}.")
        for s, v in read.givens.items()
    ]
    eqs, many = read.equations, len(read.relations) > 1
    for rel in read.relations:
        steps.append(step(show(read, rel), "Write down the relations." if many else "Start from the given equation."))
    x = work.unknowns[0] if len(work.unknowns) == 1 else None
    worked: list[Step] | None = None
    if x is not None and len(eqs) == 1:
        worked, work.topic = _one_equation(read, eqs[0], x, work)
    elif len(eqs) == 2 and len(work.unknowns) == 2 and len(work.kept) == 1:
        worked = substitution_steps(read, eqs, work.unknowns, work.kept[0])
        if worked is None:
            from .systems import elimination_steps

            worked = elimination_steps(eqs, work.unknowns, work.kept[0])
        work.topic = "systems of equations"
    elif len(work.unknowns) > 1:
        work.topic = "systems of equations"
    steps.extend(worked or [_solutions_step(read, work)])
    steps.extend(_rejections(read, work.rejected))
    steps.extend(_target_step(read, work))
    n, m = len(work.kept), len(read.relations)
    work.verification = f"substituted {n} solution(s) into all {m} relation(s); each holds"
    if work.rejected:
        work.verification += f"; {len(work.rejected)} candidate(s) rejected"
    return steps


def _one_equation(read: ReadProgram, eq: sp.Equality, x: sp.Symbol, work: Work) -> tuple[list[Step] | None, str]:
    diff = sp.expand(eq.lhs - eq.rhs)
    if diff.is_polynomial(x) and not eq.has(sp.Abs):
        degree = sp.degree(diff, x)
        if degree == 1 and len(work.kept) == 1:
            return linear_steps(read, eq, x), "linear equations"
        if degree == 2:
            return quadratic_steps(eq, x), "quadratics"
    if eq.has(sp.Abs):
        return None, "absolute value"
    return None, "exponents and radicals" if eq.has(sp.Pow) else "equations"


def linear_steps(read: ReadProgram, eq: sp.Equality, x: sp.Symbol) -> list[Step] | None:
    """``a x + b = c x + d`` solved one operation at a time (decimals kept); None when not linear with one root."""
    return equation_linear_steps(
        eq, x, lambda obj: show(read, obj), lambda value: number(read, value), clear_fractions=not read.decimals
    )


def substitution_steps(read: ReadProgram, eqs: list, unknowns: list, solution: dict) -> list[Step] | None:
    """Two linear equations solved by substitution when one letter has coefficient 1 or -1; None otherwise."""
    for i, eq in enumerate(eqs):
        for v in unknowns:
            diff = sp.expand(eq.lhs - eq.rhs)
            if not diff.is_polynomial(*unknowns) or sp.Poly(diff, *unknowns).total_degree() != 1:
                return None
            if diff.coeff(v, 1) not in (1, -1):
                continue
            w = next(u for u in unknowns if u != v)
            isolated = sp.solve(eq, v)
            if len(isolated) != 1 or v not in solution or w not in solution:
                return None
            expr, other = isolated[0], eqs[1 - i]
            put = _eq(other.lhs.subs(v, sp.UnevaluatedExpr(expr)), other.rhs.subs(v, sp.UnevaluatedExpr(expr)))
            steps = [
                step(show(read, _eq(v, expr)), f"Solve the {'first' if i == 0 else 'second'} equation for {v}."),
                step(show(read, put), f"Substitute this for {v} in the other equation."),
            ]
            plain = _eq(sp.expand(other.lhs.subs(v, expr)), sp.expand(other.rhs.subs(v, expr)))
            steps.extend(linear_steps(read, plain, w) or [step(show(read, _eq(w, solution[w])), f"Solve for {w}.")])
            steps.append(
                step(
                    show(read, _eq(v, expr.subs(w, sp.UnevaluatedExpr(solution[w])))) + " = " + show(read, solution[v]),
                    f"Put {w} = {number(read, solution[w])} back into the expression for {v}.",
                )
            )
            return steps
    return None


def _solution_latex(read: ReadProgram, sol: dict) -> str:
    return r",\ ".join(f"{tex(k)} = {show(read, v)}" for k, v in sorted(sol.items(), key=lambda kv: kv[0].name))


def _solutions_step(read: ReadProgram, work: Work) -> Step:
    found = [*work.kept, *(s for s, _ in work.rejected)][:4]
    if not found:
        return step(r"\text{no solution}", "Solve the relations: nothing satisfies them.")
    return step(_JOIN_OR.join(_solution_latex(read, s) for s in found), "Solve, undoing each operation in turn.")


def _rejections(read: ReadProgram, rejected: list[tuple[dict, str]]) -> list[Step]:
    return [
        step(
            _solution_latex(read, sol) + r" \;\text{(rejected)}",
            f"Check {_solution_latex(read, sol)}: {why}, so reject it.",
        )
        for sol, why in rejected[:4]
    ]


def _target_step(read: ReadProgram, work: Work) -> list[Step]:
    kind = read.program.target.kind
    single = len(work.unknowns) == 1 and work.expr == work.unknowns[0]
    how = {"sum": "sum", "product": "product", "count": "count"}.get(kind)
    if single and how is None:
        return []
    values = [decimal(read, v) for v in work.values]
    if how in ("sum", "product", "count"):
        answer = sp.Integer(len(values)) if how == "count" else combine(list(work.values), how)
        return [final_step(work.expr, values, how, decimal(read, answer))]
    if len(work.values) == 1:
        return [
            step(
                f"{show(read, work.expr)} = {show(read, work.values[0])}", "Use the solution to compute what is asked."
            )
        ]
    return []


def combine(values: list, how: str | None):
    """The values combined as a target asks: their sum, product, all of them (sorted), or the one value."""
    if how == "sum":
        return sp.nsimplify(sp.simplify(sp.Add(*values))) if all(v.is_real for v in values) else sp.Add(*values)
    if how == "product":
        return sp.simplify(sp.Mul(*values))
    if how == "all" and len(values) > 1:
        return tuple(sorted(values, key=lambda v: float(sp.re(v)) if v.is_number else 0))
    return values[0]


def verification_step(work: Work, answer) -> Step:
    """The check: each relation with the solution put in, both sides agreeing."""
    read = work.read
    parts = []
    for sol in work.kept[:2]:
        for rel in read.relations[:3]:
            put = {k: sp.UnevaluatedExpr(decimal(read, v)) for k, v in sol.items()}
            try:
                lhs, rhs = decimal(read, rel.lhs).subs(put), decimal(read, rel.rhs).subs(put)
            except (TypeError, ValueError):
                continue
            op = {"==": "=", "<": "<", "<=": r"\le", ">": ">", ">=": r"\ge"}[rel.rel_op]
            parts.append(f"{tex(lhs)} {op} {tex(rhs)}")
    if not parts:
        return step(r"\text{check}", "Substitute the solution into every relation: each holds.")
    return step(r",\quad ".join(parts[:4]), "Check: substitute the solution into every relation; each one holds.")


# --- inequalities -----------------------------------------------------------------------------------------


def inequality_work(read: ReadProgram, x: sp.Symbol, solset: sp.Set) -> tuple[list[Step], list[str]]:
    """Steps and hints for the solution set of one unknown's inequalities."""
    rels = read.inequalities
    steps = [step(chain_latex(r, x) or show(read, r), "Start from the given inequality.") for r in rels]
    worked = linear_inequality_steps(rels[0], x) if len(rels) == 1 else None
    worked = worked or chained_inequality_steps(rels[0] if len(rels) == 1 else sp.And(*rels), x)
    if worked:
        steps.extend(worked)
        steps.append(step(show(read, solset), "Write the solution set in interval notation."))
    else:
        steps.append(
            step(
                show(read, solset),
                "Solve as for an equation, flipping the sign when multiplying or dividing by a negative.",
            )
        )
    hints = [
        "Treat the inequality like an equation, but watch the direction of the sign.",
        "Multiplying or dividing by a negative number reverses the inequality.",
        "Write the solution set and check one value from inside it.",
    ]
    return steps, hints


# --- hints --------------------------------------------------------------------------------------------------


def hints_for(work: Work) -> list[str]:
    """Three hints that fit the kind of work and what is asked."""
    names = ", ".join(str(u) for u in work.unknowns)
    topic = work.topic
    if topic == "linear equations":
        hints = [
            f"Get all the {names} terms on one side of the equation and the numbers on the other.",
            "Undo one operation at a time, doing the same to both sides.",
            "Divide both sides by the coefficient of the unknown.",
        ]
    elif topic == "quadratics":
        eq = work.read.equations[0]
        generic = [
            "Move every term to one side so the equation equals zero.",
            "Try to factor; if it does not factor nicely, use the quadratic formula.",
            "Set each factor to zero (or evaluate the formula) and check each root.",
        ]
        answer = work.values[0] if len(work.values) == 1 else sp.Integer(0)
        hints = quadratic_hints(eq, work.unknowns[0], generic, answer)
    elif topic == "systems of equations":
        hints = [
            "Look for an unknown that is easy to isolate in one equation.",
            "Substitute it into the other equation, or add multiples of the equations to eliminate it.",
            f"Solve for the remaining unknown, then back-substitute to find {names}.",
        ]
    elif topic == "absolute value":
        hints = [
            "An absolute value equals a number in two ways: the inside is that number or its opposite.",
            "Write the two cases as separate equations and solve each.",
            "Check each candidate in the original equation: some may not work.",
        ]
    else:
        hints = [
            "Undo the operations around the unknown one at a time.",
            "Rewrite both sides in a common form where that helps.",
            "Check each solution in the original equation: squaring or clearing fractions can add false ones.",
        ]
    kind = work.read.program.target.kind
    if kind in ("sum", "product", "count"):
        word = {"sum": "add them", "product": "multiply them", "count": "count them"}[kind]
        hints[-1] = f"Find every solution, check each one, then {word}."
    if kind == "in_terms_of":
        letters = ", ".join(work.read.program.target.letters)
        hints[-1] = f"Isolate the expression asked for, so that only {letters} remain on the other side."
    return hints
