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
from .numeric_options import option_number, pick_numeric_option

__all__ = ["choose_option", "which_of_following"]

_WHICH_WORDS = {
    "which", "following", "expressions", "expression", "equivalent", "same", "written", "form", "could", "must",
    "ordered", "pair", "pairs", "x", "y", "values", "value", "for", "all", "of", "possible", "nonzero",
    "solution", "solutions", "is", "satisfies", "satisfy", "the", "equal", "identical", "be",
}


_COUNT_WORDS = {"zero": 0, "no": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4}


def _count_value(text: str):
    """"Exactly one" -> 1, "Infinitely many" -> oo, "No solution" -> 0; None for other text."""
    low = text.strip().lower().rstrip(".")
    if re.fullmatch(r"infinitely many(?: solutions)?", low):
        return sp.oo
    m = re.fullmatch(r"(?:exactly )?(zero|no|none|one|two|three|four)(?: real)?(?: solutions?)?", low)
    return sp.Integer(_COUNT_WORDS[m.group(1)]) if m else None


def _option_values(options: list[tuple[str, str]], complex_mode: bool = False) -> list[tuple[str, object]]:
    out = []
    for letter, text in options:
        count = _count_value(text)
        value = count if count is not None else to_value(text)
        if complex_mode and isinstance(value, sp.Basic):
            value = value.subs(sp.Symbol("i"), sp.I)
        out.append((letter, value))
    return out


def _same(a, b) -> bool:
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
    texts = {re.sub(r"\s+", "", dict(options)[letter]) for letter, _ in matches}
    if not matches and isinstance(sol.answer, sp.Expr) and sol.answer.is_number and sol.answer.is_real:
        letter = pick_numeric_option(sol.answer, options)  # options with units or currency: "18 cm", "Rs. 400"
        matches = [(letter, to_value(str(option_number(dict(options)[letter])[0])))]
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
    if not ctx.problem.options or not re.search(r"\bwhich\b", q):
        return None
    intent = read_intent(ctx, _WHICH_WORDS)
    values = _option_values(ctx.problem.options, ctx.complex_mode)
    if any(v is None for _, v in values):
        raise Decline("I could not read every option.")
    target = intent.target
    if target is not None and target.kind != "symbol" and not _symbol_pair(target):
        if re.search(r"equivalent|equal|same as|written as|rewritten", q) and not ctx.equations:
            return _by_equivalence(ctx, target.obj, values)
        return None  # compute the expression's value, then match it to an option
    relations = ctx.equations + ctx.inequalities
    if relations and re.search(_ASKS_FOR_SOLUTION, q):
        return _by_substitution(ctx, relations, values)
    return None


_ASKS_FOR_SOLUTION = r"\bsolutions?\b|\bsatisf|\bcould be\b|\bpossible values?\b|\bvalues? of ⟦\d+⟧|\broots?\b|\bzeros?\b|\bordered pairs?\b"


def _symbol_pair(seg) -> bool:
    return seg.kind == "tuple" and all(isinstance(v, sp.Symbol) for v in seg.obj)


def _pick(ctx: Context, good: list[str], values) -> str:
    if len(good) != 1:
        raise Decline("Testing the options did not single out exactly one.")
    return good[0]


def _by_equivalence(ctx: Context, target, values) -> Solution:
    good = [letter for letter, v in values if isinstance(v, sp.Expr) and _sympy_equal(target, v)]
    letter = _pick(ctx, good, values)
    value = dict(values)[letter]
    steps = [step(target, "Start from the given expression."),
             step(r"\text{simplify each option}", "Simplify each option, or compare values at a few numbers."),
             step(f"{tex(target)} = {tex(value)}", f"Only option {letter} is equivalent.")]
    hints = ["Expand or simplify the given expression first.",
             "Compare the expanded form with each option, or plug the same number into both.",
             "Rule out options that give a different value at some number."]
    sol = solved(ctx.problem.raw, "equivalent expressions", steps, hints, value,
                 verification="the chosen option is equivalent; the others differ")
    sol.choice = letter
    return sol


def _by_substitution(ctx: Context, relations, values) -> Solution:
    syms = sorted(set().union(*(r.free_symbols for r in relations)), key=lambda s: s.name)
    good = []
    for letter, v in values:
        if isinstance(v, (sp.Tuple, tuple)) and len(v) == len(syms) and len(syms) > 1:
            point = dict(zip(syms, v))
        elif isinstance(v, sp.Expr) and len(syms) == 1 and not v.free_symbols:
            point = {syms[0]: v}
        else:
            raise Decline("The options do not fit the unknowns of the problem.")
        if values_satisfy(relations, point):
            good.append(letter)
    letter = _pick(ctx, good, values)
    value = dict(values)[letter]
    steps = [step(r, "Write down the condition.") for r in relations[:3]]
    steps.append(step(r"\text{substitute each option}", "Substitute each option and check whether the condition holds."))
    steps.append(step(tex(value), f"Only option {letter} makes every condition true."))
    hints = ["You do not have to solve: you can test the options.",
             "Substitute each option into the equations or inequalities.",
             "Keep the option that makes every condition true."]
    sol = solved(ctx.problem.raw, "substitution", steps, hints, value,
                 verification="substituted every option; only the chosen one satisfies the conditions")
    sol.choice = letter
    return sol
