"""Option and parameter targets of a ``MathProgram``.

- "option": every option is tested (put into the relations, or compared with the target expression
  for "which is equivalent" questions); exactly one may satisfy them, or with ``negated`` exactly
  one may fail. Anything else is a decline.
- "parameter": the value of a letter for which the relations have no, exactly one or infinitely
  many solutions. Candidates come from the options, or from where the system's determinant (or a
  quadratic's discriminant, or a linear coefficient) vanishes; each candidate is put in and the
  solutions are counted, and exactly one candidate may give the count asked for.
- "equivalent": each option compared with the expression symbolically (under the sign the
  conditions give the letters, ``x > 0``) and at sample values inside the conditions; exactly one
  option may be equivalent (or, negated, differ), and an option neither shown equal nor told apart
  is a decline.
- closest ("approximate"): the nearest numeric option, unless the two nearest are within 1% of the
  options' spread of each other.
- Roman-numeral statements: each statement checked against the relations; exactly one option may
  name exactly the true ones.
- "could be" ("any_one"): every solution found, exactly one option may be among them.
"""

from __future__ import annotations

import re
from itertools import combinations

import sympy as sp

from ..solution import Solution
from .build import Decline, solved, step, tex
from .equivalence import to_value
from .numeric_options import option_number
from .program_core import candidates, domain_failure, holds
from .program_read import ReadProgram
from .program_steps import number, show

__all__ = [
    "nearest_choice",
    "pick_any_one",
    "same_expression",
    "solve_equivalent",
    "solve_option",
    "solve_parameter",
    "solve_statements",
]

_COUNT = {"none": sp.Integer(0), "one": sp.Integer(1), "infinite": sp.oo}


def _option_values(read: ReadProgram) -> list[tuple[str, object]]:
    out = []
    for letter, text in read.program.options:
        value = to_value(text)
        if value is None:
            raise Decline(f"Option {letter} could not be read.")
        out.append((letter, value))
    if len(out) < 2:
        raise Decline("An option question needs at least two options.")
    return out


def _assignment(read: ReadProgram, value) -> dict | None:
    unknowns = read.unknowns
    if isinstance(value, (sp.Tuple, tuple)) and len(value) == len(unknowns) > 1:
        return dict(zip(unknowns, value, strict=True))
    if isinstance(value, sp.Expr) and len(unknowns) == 1 and not value.free_symbols:
        return {unknowns[0]: value}
    return None


def _equivalent(read: ReadProgram, expr: sp.Expr, value) -> bool:
    if not isinstance(value, sp.Expr):
        return False
    diff = expr - value
    if read.equations:
        sols = candidates(read, read.unknowns[: len(read.equations)])
        return bool(sols) and all(sp.simplify(diff.subs(s)) == 0 for s in sols)
    return sp.simplify(diff) == 0 or sp.simplify(sp.expand(diff)) == 0


def _factor_letter(expr: sp.Expr | None) -> sp.Symbol:
    """The one letter of the polynomial ``expr`` whose factors are asked for; raise Decline otherwise."""
    letters = expr.free_symbols if isinstance(expr, sp.Expr) else set()
    if expr is None or len(letters) != 1 or not expr.is_polynomial(*letters):
        raise Decline("I test factors only of a polynomial in one unknown.")
    return next(iter(letters))


def _divides(poly: sp.Expr, value: object, x: sp.Symbol) -> bool:
    """True when ``value`` is a polynomial in ``x`` of degree 1 or more that leaves no remainder on ``poly``."""
    if not isinstance(value, sp.Expr) or not value.free_symbols <= {x} or not value.is_polynomial(x):
        return False
    return sp.degree(value, x) >= 1 and sp.rem(sp.expand(poly), sp.expand(value), x) == 0


def _relation_options(read: ReadProgram, values: list[tuple[str, object]]) -> bool:
    """True when every option is an inequality in the one unknown of relations that are inequalities too."""
    rels = read.relations
    if len(read.unknowns) != 1 or not rels or any(isinstance(r, sp.Equality) for r in rels):
        return False
    x = read.unknowns[0]
    return all(isinstance(v, (sp.Rel, sp.And)) and v.free_symbols == {x} for _, v in values)


def _solution_set(rels: list, x: sp.Symbol) -> sp.Set:
    """The real numbers satisfying every relation in ``rels`` (inequalities in ``x``); raise Decline."""
    xr = sp.Symbol(x.name, real=True)
    parts = [p for r in rels for p in (r.args if isinstance(r, sp.And) else [r])]
    try:
        return sp.reduce_inequalities([p.xreplace({x: xr}) for p in parts], xr).as_set()
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise Decline("SymPy could not solve this inequality.") from exc


def _by_solution_set(read: ReadProgram, values: list[tuple[str, object]], implied: bool) -> Solution:
    """The one option (an inequality) whose solution set equals the relations' (``implied``: contains it)."""
    x = read.unknowns[0]
    found = _solution_set(read.relations, x)
    if found.is_empty:
        raise Decline("The inequality has no solution.")
    steps = [step(show(read, r), "Start from the given inequality.") for r in read.relations]
    steps.append(step(tex(found), "Solve it, reversing the sign when multiplying or dividing by a negative number."))
    good = []
    for letter, value in values:
        other = _solution_set([value], x)
        ok = (found.is_subset(other) if implied else found == other) is True
        if ok:
            good.append(letter)
        what = ("holds for every solution" if implied else "has the same solutions") if ok else "does not fit"
        steps.append(
            step(f"\\text{{({letter})}}\\ {show(read, value)} \\;\\to\\; {tex(other)}", f"Option {letter} {what}.")
        )
    if len(good) != 1:
        raise Decline(f"{len(good)} options fit instead of exactly one.")
    value = dict(values)[good[0]]
    hints = [
        "Solve the inequality as you would an equation.",
        "Multiplying or dividing both sides by a negative number reverses the inequality.",
        "Compare your result with each option.",
    ]
    verdict = "holds for every solution" if implied else "has the same solution set"
    sol = solved(
        read.problem,
        "inequalities",
        steps,
        hints,
        value,
        verification=f"solved the inequality and every option; only option {good[0]} {verdict}",
        answer_latex=show(read, value),
    )
    sol.choice = good[0]
    return sol


def _substituted(read: ReadProgram, put: dict) -> str:
    """The first relation with the option's values put in, not yet worked out (``4 = -2 + 3 \\cdot 2``)."""
    rel = read.relations[0]
    held = {k: sp.UnevaluatedExpr(v) for k, v in put.items()}
    if not isinstance(rel, sp.core.relational.Relational):
        return show(read, rel)
    sign = sp.latex(type(rel)(sp.Symbol("L"), sp.Symbol("R"))).split()[1]
    return f"{tex(rel.lhs.subs(held))} {sign} {tex(rel.rhs.subs(held))}"


def solve_option(read: ReadProgram) -> Solution:
    """The one option that satisfies the relations (or, negated, the one that fails); raise Decline otherwise."""
    target = read.program.target
    values = _option_values(read)
    expr = read.parse(target.expr, "target") if target.expr else None
    if expr is None and not read.relations:
        raise Decline("An option question needs relations to test the options against.")
    steps = [step(show(read, r), "Write down the relations.") for r in read.relations]
    if expr is not None:
        steps.insert(0, step(show(read, expr), "Start from the expression."))
    good: list[tuple[str, object]] = []
    bad: list[tuple[str, object]] = []
    if _relation_options(read, values):
        return _by_solution_set(read, values, implied=target.property == "implied")
    if target.property == "implied":
        raise Decline("Only inequality options can be tested for what must be true.")
    factor_of = _factor_letter(expr) if target.property == "factor" else None
    if factor_of is not None:
        steps.append(step(show(read, sp.factor(expr)), "Factor it."))
    for letter, value in values:
        if factor_of is not None:
            ok = _divides(expr, value, factor_of)
            text = "divides it exactly" if ok else "does not divide it exactly"
        elif expr is not None:
            ok = _equivalent(read, expr, value)
            text = "is equivalent to the expression" if ok else "is not equivalent to the expression"
        else:
            put = _assignment(read, value)
            if put is None:
                raise Decline(f"Option {letter} does not give a value for each unknown.")
            ok = holds(read, read.relations, put) and domain_failure(read, put) is None
            text = "satisfies every relation" if ok else "fails a relation"
            steps.append(
                step(_substituted(read, put), f"Substitute option {letter} into {show(read, read.relations[0])}.")
            )
        (good if ok else bad).append((letter, value))
        steps.append(step(f"\\text{{({letter})}}\\ {show(read, value)}", f"Option {letter} {text}."))
    picked = bad if target.negated else good
    if len(picked) != 1:
        which = "fails" if target.negated else "works"
        raise Decline(f"{len(picked)} options {which} instead of exactly one.")
    letter, value = picked[0]
    steps.append(step(f"\\text{{({letter})}}\\ {show(read, value)}", f"Option {letter} is the answer."))
    if target.negated:
        hints = [
            "The question asks for the option that does NOT work: test each one.",
            "Substitute each option into the relations (or simplify it and compare).",
            "Every option but one works; the one that fails is the answer.",
        ]
    else:
        hints = [
            "Test each option: substitute it into the relations (or simplify it and compare).",
            "An option that breaks any one relation is out.",
            "Exactly one option should survive every test.",
        ]
    sol = solved(
        read.problem,
        "multiple choice",
        steps,
        hints,
        value,
        verification=f"tested all {len(values)} options; only option {letter} "
        + ("fails" if target.negated else "satisfies"),
        answer_latex=show(read, value),
    )
    sol.choice = letter
    return sol


# --- parameter ----------------------------------------------------------------------------------------------


def _linear(eqs: list, unknowns: list) -> bool:
    for e in eqs:
        diff = sp.expand(e.lhs - e.rhs)
        if not diff.is_polynomial(*unknowns) or sp.Poly(diff, *unknowns).total_degree() > 1:
            return False
    return True


def count_solutions(eqs: list, unknowns: list) -> sp.Expr:
    """How many solutions (0, n, or oo) the equations have in ``unknowns``; raise Decline when unsure."""
    eqs = [e for e in eqs if e is not sp.true]
    if any(e is sp.false for e in eqs):
        return sp.Integer(0)
    if not eqs:
        return sp.oo
    if _linear(eqs, unknowns):
        found = sp.linsolve(eqs, unknowns)
        if found is sp.EmptySet or not found:
            return sp.Integer(0)
        point = next(iter(found))
        return sp.oo if any(v.free_symbols & set(unknowns) for v in point) else sp.Integer(1)
    if len(eqs) == 1 and len(unknowns) == 1:
        x = unknowns[0]
        xr = sp.Symbol(x.name, real=True)
        try:
            found = sp.solveset((eqs[0].lhs - eqs[0].rhs).xreplace({x: xr}), xr, domain=sp.S.Reals)
        except (NotImplementedError, ValueError, TypeError) as exc:
            raise Decline("SymPy could not count the solutions.") from exc
        if found == sp.S.Reals:
            return sp.oo
        if isinstance(found, sp.FiniteSet):
            return sp.Integer(len(found))
    raise Decline("I could not count the solutions exactly.")


def _candidates(read: ReadProgram, k: sp.Symbol, unknowns: list) -> list[sp.Expr]:
    eqs = read.equations
    if read.program.options:
        values = [v for _, v in _option_values(read)]
        if any(not isinstance(v, sp.Expr) or v.free_symbols for v in values):
            raise Decline("The options are not values of the parameter.")
        return values
    if _linear(eqs, unknowns) and len(eqs) == len(unknowns):
        matrix, rhs = sp.linear_eq_to_matrix([e.lhs - e.rhs for e in eqs], unknowns)
        augmented = matrix.row_join(rhs)
        n = len(unknowns)  # the determinant, and every other n-by-n minor of the augmented matrix
        conditions = [augmented[:, list(cols)].det() for cols in combinations(range(n + 1), n)]
    elif len(eqs) == 1 and len(unknowns) == 1:
        poly = sp.Poly(sp.expand(eqs[0].lhs - eqs[0].rhs), unknowns[0])
        coeffs = poly.all_coeffs()
        if poly.degree() == 2:
            a, b, c = coeffs
            conditions = [b**2 - 4 * a * c, a]
        elif poly.degree() == 1:
            conditions = [coeffs[0]]
        else:
            raise Decline("I find parameters only for linear systems and quadratics.")
    else:
        raise Decline("I find parameters only for linear systems and quadratics.")
    found: list[sp.Expr] = []
    for cond in conditions:
        try:
            found += [v for v in sp.solve(cond, k) if v.is_real]
        except (NotImplementedError, TypeError, ValueError):
            continue
    return found


def solve_parameter(read: ReadProgram) -> Solution:
    """The parameter value giving the solution count asked for; raise Decline unless exactly one does."""
    target = read.program.target
    if not target.expr or target.solution_count not in _COUNT:
        raise Decline("A parameter target needs the parameter and a solution count (none, one, infinite).")
    k = sp.Symbol(target.expr)
    unknowns = [u for u in read.unknowns if u != k]
    if k not in set().union(*(e.free_symbols for e in read.equations)) if read.equations else True:
        raise Decline(f"The parameter {k} does not appear in the equations.")
    wanted = _COUNT[target.solution_count]
    good = []
    on_k = [r for r in read.inequalities if r.free_symbols == {k}]  # "a nonzero value for a": a != 0
    for value in dict.fromkeys(_candidates(read, k, unknowns)):
        if domain_failure(read, {k: value}) or any(r.subs(k, value) is sp.false for r in on_k):
            continue
        eqs = [e.subs(k, value) for e in read.equations]
        if count_solutions(eqs, unknowns) == wanted:
            good.append(value)
    if len(good) != 1:
        raise Decline(f"{len(good)} values of {k} give that many solutions, not exactly one.")
    value = good[0]
    words = {"none": "no solution", "one": "exactly one solution", "infinite": "infinitely many solutions"}
    steps = [step(show(read, e), "Write down the equations.") for e in read.equations]
    if _linear(read.equations, unknowns) and len(read.equations) == len(unknowns) > 1:
        steps.append(
            step(
                r"\frac{a_1}{a_2} = \frac{b_1}{b_2}",
                "A linear system fails to have one solution exactly when its lines are parallel or the same.",
            )
        )
    elif len(unknowns) == 1 and target.solution_count == "one":
        steps.append(step(r"b^2 - 4ac = 0", "A quadratic has exactly one solution when its discriminant is 0."))
    put = [sp.Eq(e.lhs.subs(k, value), e.rhs.subs(k, value), evaluate=False) for e in read.equations]
    steps.append(step(r",\quad ".join(show(read, e) for e in put), f"Put {k} = {number(read, value)} in."))
    steps.append(
        step(f"{tex(k)} = {show(read, value)}", f"With this value the equations have {words[target.solution_count]}.")
    )
    hints = [
        "Two lines meet in one point unless they are parallel or the same line.",
        "Parallel lines have proportional x and y coefficients; for a quadratic, look at the discriminant.",
        f"Choose {k} so the equations have {words[target.solution_count]}, then check by substituting.",
    ]
    sol = solved(
        read.problem,
        "systems of equations" if len(unknowns) > 1 else "quadratics",
        steps,
        hints,
        value,
        verification=f"put {k} = {sp.sstr(value)} in and counted the solutions: {words[target.solution_count]}",
        answer_latex=show(read, value),
    )
    if read.program.options:
        letter = next(letter for letter, v in _option_values(read) if v == value)
        sol.choice = letter
    return sol


# --- equivalent expressions, closest option, Roman-numeral statements, "could be" -------------------------

_SAMPLES = (0.7, 1.3, 2.6, 3.1, 4.9)
_SIGNED = (-1.7, 0.6, 2.3, -3.1, 4.4)


def _condition_assumptions(read: ReadProgram) -> dict[sp.Symbol, dict[str, bool]]:
    """Sign assumptions the conditions and domains give each letter (``x > 0``: positive)."""
    out: dict[sp.Symbol, dict[str, bool]] = {}
    for sym, domain in read.domains.items():
        if domain in ("positive", "positive_integer", "natural"):
            out[sym] = {"positive": True}
        elif domain == "nonnegative":
            out[sym] = {"nonnegative": True}
        elif domain == "negative":
            out[sym] = {"negative": True}
    for rel in read.inequalities:
        lhs, rhs, op = rel.lhs, rel.rhs, rel.rel_op
        if isinstance(rhs, sp.Symbol) and lhs == 0:
            lhs, rhs, op = rhs, lhs, {"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]
        if isinstance(lhs, sp.Symbol) and rhs.is_number and rhs >= 0 and op in (">", ">="):
            out[lhs] = {"positive": True} if (op == ">" or rhs > 0) else {"nonnegative": True}
        elif isinstance(lhs, sp.Symbol) and rhs.is_number and rhs <= 0 and op in ("<", "<="):
            out[lhs] = {"negative": True} if (op == "<" or rhs < 0) else {"nonpositive": True}
    return out


def same_expression(read: ReadProgram, expr: sp.Expr, value) -> bool | None:
    """Whether ``value`` equals ``expr`` for every value of the letters allowed by the conditions.

    True when SymPy shows the difference is 0 (under the conditions' sign assumptions) and no sample
    point disagrees; False when a sample point inside the conditions tells them apart; None when unsure.
    """
    if not isinstance(value, sp.Expr):
        return False
    assumed = _condition_assumptions(read)
    diff = expr - value
    letters = sorted(diff.free_symbols, key=lambda s: s.name)
    swap = {s: sp.Symbol(s.name, real=True, **assumed.get(s, {})) for s in letters}
    d = diff.xreplace(swap)
    try:
        symbolic = sp.simplify(d) == 0 or sp.expand(sp.simplify(d)) == 0 or sp.simplify(sp.expand(d)) == 0
    except (TypeError, ValueError, NotImplementedError):
        symbolic = False
    differs = False
    tested = 0
    for i in range(len(_SAMPLES)):
        point = {}
        for j, s in enumerate(letters):
            pool = _SAMPLES if assumed.get(s) else _SIGNED
            point[s] = sp.nsimplify(pool[(i + 2 * j) % len(pool)])
        if read.inequalities and not holds(read, read.inequalities, point):
            continue
        try:
            a, b = complex(sp.N(expr.subs(point), 30)), complex(sp.N(value.subs(point), 30))
        except (TypeError, ValueError, ZeroDivisionError):
            continue
        if any(v != v or abs(v) == float("inf") or abs(v.imag) > 1e-12 for v in (a, b)):
            continue  # undefined there (division by zero, a root of a negative number)
        tested += 1
        if abs(a - b) > 1e-9 * max(1.0, abs(a), abs(b)):
            differs = True
    if symbolic and not differs:
        return True
    if differs and not symbolic:
        return False
    return None if letters or tested else bool(symbolic)


def solve_equivalent(read: ReadProgram) -> Solution:
    """The one option equivalent to the target expression (or, negated, the one that is not); else Decline."""
    target = read.program.target
    if not target.expr:
        raise Decline("An equivalent-expression question needs the expression.")
    if read.equations:
        return solve_option(read)  # equivalent given the equations: each option compared at their solutions
    expr = read.parse(target.expr, "target")
    if not isinstance(expr, sp.Expr):
        raise Decline("The target is not an expression.")
    values = _option_values(read)
    steps = [step(show(read, expr), "Start from the given expression.")]
    for r in read.inequalities:
        steps.append(step(show(read, r), "Keep the condition in mind: it decides which forms are equal."))
    for form, why in ((sp.expand(expr), "Expand it."), (sp.factor(expr), "Factor it.")):
        if form != expr and sp.srepr(form) != sp.srepr(expr):
            steps.append(step(f"{show(read, expr)} = {show(read, form)}", why))
    good: list[tuple[str, object]] = []
    bad: list[tuple[str, object]] = []
    for letter, value in values:
        same = same_expression(read, expr, value)
        if same is None:
            raise Decline(f"I could not decide whether option {letter} is equivalent to the expression.")
        (good if same else bad).append((letter, value))
        text = (
            "is equivalent to the expression"
            if same
            else "is not equivalent: some value of the letters tells them apart"
        )
        steps.append(step(f"\\text{{({letter})}}\\ {show(read, value)}", f"Option {letter} {text}."))
    picked = bad if target.negated else good
    if len(picked) != 1:
        raise Decline(f"{len(picked)} options {'fail' if target.negated else 'are equivalent'} instead of exactly one.")
    letter, value = picked[0]
    steps.append(
        step(
            f"{show(read, expr)} \\equiv {show(read, value)}"
            if not target.negated
            else f"\\text{{({letter})}}\\ {show(read, value)}",
            f"Option {letter} is the answer.",
        )
    )
    hints = [
        "Rewrite the expression: expand the brackets, or factor it, and compare with each option.",
        "Two expressions are equivalent when they are equal for every allowed value of the letters.",
        "Try a value of the letter in the expression and in each option to rule options out.",
    ]
    sol = solved(
        read.problem,
        "equivalent expressions",
        steps,
        hints,
        value,
        verification=f"compared all {len(values)} options symbolically and at sample values; only option {letter} "
        + ("differs" if target.negated else "is equal for every value"),
        answer_latex=show(read, value),
    )
    sol.choice = letter
    return sol


def nearest_choice(value: sp.Expr, options: list[tuple[str, str]]) -> str:
    """The option nearest ``value``; Decline unless every option is a number and one is clearly nearest.

    Two options whose distances to ``value`` differ by at most 1% of the options' spread are a tie.
    """
    if not isinstance(value, sp.Expr) or not value.is_number or value.is_real is not True:
        raise Decline("The value is not a real number to compare with the options.")
    numbers = []
    for letter, text in options:
        n = option_number(text)
        if n is None:
            raise Decline(f"Option {letter} is not a number.")
        numbers.append((letter, float(n[0])))
    if len(numbers) < 2:
        raise Decline("A closest-to question needs at least two options.")
    exact = float(value)
    spread = max(n for _, n in numbers) - min(n for _, n in numbers)
    ranked = sorted((abs(exact - n), letter) for letter, n in numbers)
    if spread <= 0 or ranked[1][0] - ranked[0][0] <= 0.01 * spread:
        raise Decline("Two options are about equally close to the value.")
    return ranked[0][1]


def _roman_set(text: str) -> frozenset[str] | None:
    t = text.strip().lower().rstrip(".")
    if re.match(r"^(?:none|neither)\b", t):
        return frozenset()
    if t.startswith("all three"):
        return frozenset({"I", "II", "III"})
    found = re.findall(r"\b(iv|i{1,3})\b", t)
    return frozenset(f.upper() for f in found) if found else None


def _statement_true(read: ReadProgram, obj) -> bool:
    if isinstance(obj, sp.Rel) and not obj.free_symbols:
        return bool(obj)
    if obj in (sp.true, sp.false):
        return bool(obj)
    if not read.relations:
        raise Decline("There is nothing to check the statements against.")
    put = _assignment(read, obj)
    if put is None:
        raise Decline("A statement is not a value for the unknowns.")
    return holds(read, read.relations, put) and domain_failure(read, put) is None


def solve_statements(read: ReadProgram) -> Solution:
    """Roman-numeral statements: each checked, then the one option naming exactly the true ones; else Decline."""
    target = read.program.target
    numerals = ["I", "II", "III", "IV"][: len(target.statements)]
    if len(target.statements) > 4:
        raise Decline("Too many numbered statements.")
    steps = [step(show(read, r), "Write down the relations.") for r in read.relations]
    true = set()
    for name, text in zip(numerals, target.statements, strict=False):
        obj = read.parse(text, "statement")
        ok = _statement_true(read, obj)
        if ok:
            true.add(name)
        steps.append(
            step(f"\\text{{{name}.}}\\ {show(read, obj)}", f"Statement {name} is {'true' if ok else 'false'}.")
        )
    sets = []
    for letter, text in read.program.options:
        named = _roman_set(text)
        if named is None or not named <= set(numerals):
            raise Decline(f"Option {letter} does not name the statements.")
        sets.append((letter, named))
    picked = [(letter, s) for letter, s in sets if s == true]
    if len(picked) != 1:
        raise Decline(f"{len(picked)} options name exactly the true statements, not one.")
    letter = picked[0][0]
    text = dict(read.program.options)[letter]
    steps.append(step(f"\\text{{({letter}) {text}}}", f"Option {letter} lists exactly the true statements."))
    hints = [
        "Check each numbered statement on its own: put it into the relation.",
        "Keep a list of which statements are true.",
        "Pick the option that lists exactly the true statements, no more and no fewer.",
    ]
    sol = solved(
        read.problem,
        "multiple choice",
        steps,
        hints,
        sp.Symbol(letter),
        verification=f"checked each of the {len(numerals)} statements; option {letter} names exactly the true ones",
        answer_latex=f"\\text{{{text}}}",
    )
    sol.choice = letter
    return sol


def pick_any_one(read: ReadProgram, sol: Solution) -> Solution:
    """A "could be" target: ``sol`` answers every solution; the one option among them becomes the answer."""
    answer = sol.answer
    values = list(answer) if isinstance(answer, tuple) else [answer]
    options = read.program.options
    if not options:
        if len(values) != 1 or isinstance(answer, sp.Set):
            raise Decline("Several values are possible, and there are no options to pick one from.")
        return sol
    good = []
    for letter, text in options:
        v = to_value(text)
        if v is None:
            raise Decline(f"Option {letter} could not be read.")
        if isinstance(answer, sp.Set):
            inside = answer.contains(v) if isinstance(v, sp.Expr) and v.is_number else None
            if inside not in (sp.true, sp.false):
                raise Decline(f"I could not tell whether option {letter} is a solution.")
            ok = inside is sp.true
        else:
            ok = any(isinstance(v, sp.Basic) and _same_value(x, v) for x in values)
        if ok:
            good.append((letter, v))
    if len(good) != 1:
        raise Decline(f"{len(good)} options are possible values, not exactly one.")
    letter, value = good[0]
    sol.steps.append(
        step(f"\\text{{({letter})}}\\ {tex(value)}", f"Of the options only {letter} is one of the values.")
    )
    sol.answer, sol.answer_latex, sol.choice = value, tex(value), letter
    return sol


def _same_value(a, b) -> bool:
    try:
        return bool(sp.simplify(a - b) == 0)
    except (TypeError, ValueError):
        return False
