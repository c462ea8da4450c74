"""Multiple choice: test each option by equivalence or substitution, or match a computed answer."""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution
from .algebra import values_satisfy
from .build import Decline, solved, step, tex
from .context import Context
from .equivalence import _sympy_equal, to_value
from .intent import read_intent
from .numeric_options import nearest_option, option_number, pick_numeric_option
from .option_tests import plus_minus

__all__ = ["choose_option", "which_of_following"]

_WHICH_WORDS = {
    "which",
    "following",
    "expressions",
    "expression",
    "equivalent",
    "same",
    "written",
    "form",
    "could",
    "must",
    "ordered",
    "pair",
    "pairs",
    "x",
    "y",
    "values",
    "value",
    "for",
    "all",
    "of",
    "possible",
    "nonzero",
    "solution",
    "solutions",
    "is",
    "satisfies",
    "satisfy",
    "the",
    "equal",
    "identical",
    "be",
    "describes",
    "describe",
    "that",
}


_COUNT_WORDS = {"zero": 0, "no": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4}


def _count_value(text: str):
    """ "Exactly one" -> 1, "Infinitely many" -> oo, "No solution" -> 0; None for other text."""
    low = text.strip().lower().rstrip(".")
    if re.fullmatch(r"infinitely many(?: solutions)?", low):
        return sp.oo
    m = re.fullmatch(r"(?:exactly )?(zero|no|none|one|two|three|four)(?: real)?(?: solutions?)?", low)
    return sp.Integer(_COUNT_WORDS[m.group(1)]) if m else None


def _solution_list(value):
    """``x = 2 and x = 3`` (a set of equations in one unknown) -> the set of values {2, 3}."""
    if isinstance(value, sp.FiniteSet) and value.args and all(isinstance(e, sp.Equality) for e in value.args):
        lhs = {e.lhs for e in value.args}
        if len(lhs) == 1 and isinstance(next(iter(lhs)), sp.Symbol) and not any(e.rhs.free_symbols for e in value.args):
            return sp.FiniteSet(*(e.rhs for e in value.args))
    return value


_ASKS_ONE = re.compile(
    r"\bcould\b|\bone (?:of the |possible )?(?:values?|solutions?|roots?|zeros?)\b|\bpossible values? of\b"
    r"|\b(?:is|be) an? (?:possible )?(?:value|solution|root|zero|x-intercept)\b"
)


def _joined_points(text: str):
    """``$(-3,0)$ and $(3,0)$``: each ``$...$`` piece read on its own, as a set; None for other text."""
    pieces = re.split(r"\s+and\s+|\s*,\s*(?=\$)", text.strip())
    if len(pieces) < 2 or not all(re.fullmatch(r"\$[^$]+\$", p.strip()) for p in pieces):
        return None
    values = [to_value(p) for p in pieces]
    if any(not isinstance(v, (sp.Expr, sp.Tuple)) for v in values):
        return None
    return sp.FiniteSet(*values)


def _option_values(options: list[tuple[str, str]], complex_mode: bool = False) -> list[tuple[str, object]]:
    out = []
    for letter, text in options:
        count = _count_value(text)
        joined = _joined_points(text) if count is None else None
        both = plus_minus(text) if count is None and joined is None else None  # "x = -1 \pm \frac{\sqrt{15}}{3}"
        value = (
            count
            if count is not None
            else joined
            if joined is not None
            else both
            if both is not None
            else _solution_list(to_value(text))
        )
        if complex_mode and isinstance(value, sp.Basic):
            value = value.subs(sp.Symbol("i"), sp.I)
        out.append((letter, value))
    return out


_X, _Y = sp.Symbol("x"), sp.Symbol("y")


def _line_as_function(b):
    """``2x + 3y = 12`` as ``y = 4 - 2x/3`` (the option's y in terms of x); None for anything else."""
    if not isinstance(b, sp.Equality) or b.free_symbols != {_X, _Y}:
        return None
    found = sp.solve(b, _Y)
    return found[0] if len(found) == 1 else None


def _same(a, b) -> bool:
    if isinstance(a, sp.Expr) and a.free_symbols <= {_X} and _line_as_function(b) is not None:
        return bool(_sympy_equal(a, _line_as_function(b)))  # the answer y = f(x) against an option in standard form
    if isinstance(b, sp.FiniteSet):
        mine = a if isinstance(a, tuple) else (a,)
        return len(mine) == len(b) and all(any(_same(x, y) for y in b) for x in mine)
    if isinstance(a, tuple):
        return any(_same(x, b) for x in a)
    if b is None or not isinstance(b, (sp.Expr, sp.Tuple, tuple)):
        return False
    return bool(_sympy_equal(a, b))


def choose_option(sol: Solution, options: list[tuple[str, str]]) -> Solution:
    """Set ``sol.choice`` to the one option equal to its answer; raise Decline if none or several match."""
    answers = sol.answer if isinstance(sol.answer, tuple) else (sol.answer,)
    complex_mode = any(isinstance(a, sp.Basic) and a.has(sp.I) for a in answers)
    values = _option_values(options, complex_mode)
    matches = [(letter, v) for letter, v in values if _same(sol.answer, v)]
    if isinstance(sol.answer, tuple) and len(sol.answer) > 1 and not _ASKS_ONE.search(sol.problem.lower()):
        matches = [(letter, v) for letter, v in matches if isinstance(v, sp.FiniteSet)]  # all the values, not some
    texts = {re.sub(r"\s+", "", dict(options)[letter]) for letter, _ in matches}
    if not matches and isinstance(sol.answer, sp.Expr) and sol.answer.is_number:
        axis = re.search(r"\b([xy])-intercept\b", sol.problem.lower().replace("$", ""))
        if axis:  # "the y-intercept" answered 7, options written as points (0, 7)
            at = 1 if axis.group(1) == "y" else 0
            matches = [
                (letter, v)
                for letter, v in values
                if isinstance(v, (sp.Tuple, tuple))
                and len(v) == 2
                and v[1 - at] == 0
                and bool(_sympy_equal(sol.answer, v[at]))
            ]
            texts = {letter for letter, _ in matches}
    if (
        not matches
        and isinstance(sol.answer, sp.Expr)
        and sol.answer.is_number
        and sol.answer.is_real
        and re.search(r"\b(?:closest to|best approximation|approximately|to the nearest)\b", sol.problem.lower())
    ):
        nearest = nearest_option(sol.answer, options)  # "which is closest to the balance": one option clearly nearest
        if nearest:
            number = option_number(dict(options)[nearest])
            assert number is not None, "nearest_option picks only options that state a number"
            matches, texts = [(nearest, to_value(str(number[0])))], {nearest}
    if not matches and isinstance(sol.answer, sp.Expr) and sol.answer.is_number and sol.answer.is_real:
        letter = pick_numeric_option(sol.answer, options)  # options with units or currency: "18 cm", "Rs. 400"
        number = option_number(dict(options)[letter])
        assert number is not None, "pick_numeric_option picks only options that state a number"
        matches = [(letter, to_value(str(number[0])))]
        texts = {letter}
    if not matches:
        raise Decline(f"My answer {sol.answer_latex} matches none of the options.")
    if len(texts) > 1:
        raise Decline("More than one option matches my answer.")
    letter = matches[0][0]
    sol.choice = letter
    sol.verification += f"; option {letter} is the only option equal to it"
    sol.steps.append(step(f"\\text{{({letter})}}\\ {tex(matches[0][1])}", f"Option {letter} matches the answer."))
    return sol


def which_of_following(ctx: Context) -> Solution | None:
    """Test each option against the problem's expression or equations; None if this does not apply."""
    q = ctx.problem.question
    if not ctx.problem.options or not re.search(
        r"^which\b|\bwhich (?:of the following|one|ordered|value|point|pair)", q
    ):
        return None  # "the values of x for which ..." is not a "which of the following" question
    negate = bool(re.search(r"\b(?:is|are|does|do) not\b", q))  # "Which of the following is NOT ..."
    if re.search(r"\bnot\b", q) and not negate:
        raise Decline("I cannot tell what the word 'not' applies to.")
    intent = read_intent(ctx, _WHICH_WORDS | _POINT_WORDS | ({"not", "does", "do"} if negate else set()))
    if intent.solution_count and not negate:
        return None  # "for which value of a does the system have no solution": solve for a, then match
    values = _option_values(ctx.problem.options, ctx.complex_mode)
    if any(v is None for _, v in values):
        raise Decline("I could not read every option.")
    target = intent.target
    if target is not None and target.kind != "symbol" and not _symbol_pair(target):
        if re.search(r"equivalent|equal|same as|written as|rewritten", q) and not ctx.equations:
            return _by_equivalence(ctx, target.obj, values, negate)
        if negate:
            raise Decline("I test 'not' questions only by equivalence or substitution.")
        return None  # compute the expression's value, then match it to an option
    relations = ctx.equations + ctx.inequalities
    if (
        re.search(r"\bmust be true\b", q)
        and not negate
        and ctx.inequalities
        and not ctx.equations
        and all(isinstance(v, (sp.core.relational.Relational, sp.And)) for _, v in values)
    ):
        return _by_solution_set(ctx, ctx.inequalities, values, implied=True)
    if relations and re.search(_ASKS_FOR_SOLUTION, q):
        if (
            not negate
            and ctx.inequalities
            and not ctx.equations
            and all(isinstance(v, (sp.core.relational.Relational, sp.And)) for _, v in values)
        ):
            return _by_solution_set(ctx, ctx.inequalities, values)
        return _by_substitution(ctx, relations, values, negate)
    if negate:
        raise Decline("I could not find what the options should be tested against.")
    return None


_ASKS_FOR_SOLUTION = (
    r"\bsolutions?\b|\bsatisf|\bcould be\b|\bpossible values?\b|\bvalues? of ⟦\d+⟧|\broots?\b|\bzeros?\b"
    r"|\bordered pairs?\b|\blies? on\b|\bon the (?:line|graph|curve|parabola)\b"
)
_POINT_WORDS = {"point", "points", "lies", "lie", "line", "graph", "curve", "parabola", "on"}


def _interval(rels, x: sp.Symbol) -> sp.Set:
    xr = sp.Symbol(x.name, real=True)
    parts: list[sp.Basic] = []
    for rel in rels:
        parts.extend(rel.args if isinstance(rel, sp.And) else [rel])
    try:
        return sp.reduce_inequalities([p.xreplace({x: xr}) for p in parts], xr).as_set()
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise Decline("SymPy could not solve this inequality.") from exc


def _by_solution_set(ctx: Context, rels, values, implied: bool = False) -> Solution:
    """Options that are inequalities: the one whose solution set equals the problem's.

    With ``implied`` ("which of the following must be true?") the one whose set contains the problem's.
    """
    syms = set().union(*(r.free_symbols for r in rels))
    if len(syms) != 1 or any(v.free_symbols != syms for _, v in values):
        raise Decline("The options do not fit the unknown of the problem.")
    x = syms.pop()
    solset = _interval(rels, x)
    if solset.is_empty:
        raise Decline("The inequality has no solution.")
    if implied:
        good = [
            letter for letter, v in values if sp.simplify(sp.Complement(solset, _interval([v], x))) == sp.S.EmptySet
        ]
        verdict = "Every solution satisfies option {letter}, and no other option holds for them all."
    else:
        good = [
            letter
            for letter, v in values
            if sp.simplify(solset.symmetric_difference(_interval([v], x))) == sp.S.EmptySet
        ]
        verdict = "Only option {letter} describes the same set of numbers."
    letter = _pick(ctx, good, values)
    value = dict(values)[letter]
    steps = [step(r, "Start from the given inequality.") for r in rels]
    steps.append(step(tex(solset), "Solve it, reversing the sign when multiplying or dividing by a negative number."))
    steps.append(step(value, verdict.format(letter=letter)))
    hints = [
        "Solve the inequality as you would an equation.",
        "Multiplying or dividing both sides by a negative number reverses the inequality.",
        "Compare your result with each option.",
    ]
    sol = solved(
        ctx.problem.raw,
        "inequalities",
        steps,
        hints,
        value,
        verification="solved the inequality and every option; only the chosen option "
        + ("holds for every solution" if implied else "has the same solution set"),
    )
    sol.choice = letter
    return sol


def _symbol_pair(seg) -> bool:
    return seg.kind == "tuple" and all(isinstance(v, sp.Symbol) for v in seg.obj)


def _is_whole_solution_set(ctx: Context, relations, x: sp.Symbol, values: sp.FiniteSet) -> bool:
    """True when ``values`` is exactly the real solution set of one equation in ``x``."""
    if len(relations) != 1 or not isinstance(relations[0], sp.Equality) or ctx.complex_mode:
        return False
    if not all(values_satisfy(relations, {x: v}) for v in values):
        return False
    xr = sp.Symbol(x.name, real=True)
    eq = relations[0]
    try:
        found = sp.solveset((eq.lhs - eq.rhs).subs(x, xr), xr, domain=sp.S.Reals)
    except (NotImplementedError, ValueError, TypeError):
        return False
    if not isinstance(found, sp.FiniteSet):
        return False
    return len(found) == len(values) and all(any(sp.simplify(a - b) == 0 for b in values) for a in found)


def _pick(ctx: Context, good: list[str], values) -> str:
    if len(good) != 1:
        raise Decline("Testing the options did not single out exactly one.")
    return good[0]


_NEQ = r"\neq"


def _surely_different(a: sp.Expr, b: sp.Expr) -> bool:
    """True when ``a - b`` is a nonzero rational function: the two expressions differ for some value."""
    try:
        num, _ = sp.fraction(sp.together(sp.expand(a - b)))
        num = sp.expand(num)
        syms = sorted(num.free_symbols, key=lambda s: s.name)
        return num != 0 and (num.is_number or num.is_polynomial(*syms)) and not num.has(sp.I)
    except (TypeError, ValueError, sp.PolynomialError):
        return False


def _expanded_step(target) -> list:
    """The given expression expanded (to compare with each option the same way); none when it is already."""
    expanded = sp.expand(target) if isinstance(target, sp.Expr) else target
    if tex(expanded) == tex(target):
        return []
    return [step(f"{tex(target)} = {tex(expanded)}", "Expand the given expression, then each option, and compare.")]


def _substituted_step(relation, syms, value, letter: str) -> list:
    """Option ``letter`` put into the first condition, unevaluated; none when it does not fit one relation."""
    if isinstance(value, (sp.Tuple, tuple)) and len(value) == len(syms) > 1:
        point = dict(zip(syms, value, strict=True))
    elif isinstance(value, sp.Expr) and len(syms) == 1 and not value.free_symbols:
        point = {syms[0]: value}
    else:
        return []
    if not isinstance(relation, sp.core.relational.Relational):
        return []
    put = {k: sp.UnevaluatedExpr(v) for k, v in point.items()}
    lhs, rhs = relation.lhs.subs(put), relation.rhs.subs(put)
    rel = sp.latex(type(relation)(sp.Symbol("L"), sp.Symbol("R"))).split()[1]
    return [step(f"{tex(lhs)} {rel} {tex(rhs)}", f"Substitute option {letter} and check whether the condition holds.")]


def _by_equivalence(ctx: Context, target, values, negate: bool = False) -> Solution:
    good = [letter for letter, v in values if isinstance(v, sp.Expr) and _sympy_equal(target, v)]
    if negate:
        if any(
            not isinstance(v, sp.Expr) or (letter not in good and not _surely_different(target, v))
            for letter, v in values
        ):
            raise Decline("I could not decide every option.")
        good = [letter for letter, _ in values if letter not in good]
    letter = _pick(ctx, good, values)
    value = dict(values)[letter]
    steps = [
        step(target, "Start from the given expression."),
        *_expanded_step(target),
        step(
            f"{tex(target)} {_NEQ if negate else '='} {tex(value)}",
            f"Only option {letter} is {'not ' if negate else ''}equivalent.",
        ),
    ]
    hints = [
        "Expand or simplify the given expression first.",
        "Compare the expanded form with each option, or plug the same number into both.",
        "Rule out options that give a different value at some number.",
    ]
    sol = solved(
        ctx.problem.raw,
        "equivalent expressions",
        steps,
        hints,
        value,
        verification="the chosen option alone differs; the others are equivalent"
        if negate
        else "the chosen option is equivalent; the others differ",
    )
    sol.choice = letter
    return sol


def _by_substitution(ctx: Context, relations, values, negate: bool = False) -> Solution:
    syms = sorted(set().union(*(r.free_symbols for r in relations)), key=lambda s: s.name)
    good = []
    for letter, v in values:
        if (
            isinstance(v, (sp.Tuple, tuple))
            and len(v) == 2
            and len(syms) == 1
            and v[1] == 0
            and re.search(r"\bx-intercept", ctx.problem.raw.replace("$", ""))
        ):
            point = {syms[0]: v[0]}  # an x-intercept (a, 0) of the graph: a is a solution
        elif isinstance(v, (sp.Tuple, tuple)) and len(v) == len(syms) and len(syms) > 1:
            point = dict(zip(syms, v, strict=True))
        elif isinstance(v, sp.Expr) and len(syms) == 1 and not v.free_symbols:
            point = {syms[0]: v}
        elif isinstance(v, sp.FiniteSet) and len(syms) == 1 and all(isinstance(e, sp.Expr) and e.is_number for e in v):
            if negate:
                raise Decline("I test 'not' questions only with single values.")
            if _is_whole_solution_set(ctx, relations, syms[0], v):  # "-6 and 2": exactly the solutions
                good.append(letter)
            continue
        else:
            raise Decline("The options do not fit the unknowns of the problem.")
        if values_satisfy(relations, point) != negate:
            good.append(letter)
    letter = _pick(ctx, good, values)
    value = dict(values)[letter]
    steps = [step(r, "Write down the condition.") for r in relations[:3]]
    steps.extend(_substituted_step(relations[0], syms, value, letter))
    steps.append(
        step(tex(value), f"Only option {letter} makes {'some condition false' if negate else 'every condition true'}.")
    )
    hints = [
        "You do not have to solve: you can test the options.",
        "Substitute each option into the equations or inequalities.",
        "Keep the option that makes every condition true.",
    ]
    sol = solved(
        ctx.problem.raw,
        "substitution",
        steps,
        hints,
        value,
        verification="substituted every option; only the chosen one "
        + ("fails" if negate else "satisfies")
        + " the conditions",
    )
    sol.choice = letter
    return sol
