"""Linear models in SAT phrasings: a formula that names its quantities, and "a fee plus a rate per unit".

* "The cost $C$, in dollars, of renting a kayak for $h$ hours is given by $C = 12h + 8$. What is the
  cost of renting it for 3 hours?" -> substitute h = 3 (or, asked "how many hours" for a given cost, solve).
* "A taxi charges $3 plus $2 per mile. How much for 5 miles?" -> 3 + 2 * 5; "the total was $13: how
  many miles?" -> solve 3 + 2m = 13.

Both read every number in the problem; a question about what a number means, a change ("more",
"additional"), or any number without a role makes them step aside (return None).
"""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution
from .build import Decline, solved, step, tex
from .context import Context
from .problem import Problem
from .words import sentences, singular

__all__ = ["fee_model", "formula_model"]

_ASIDE = re.compile(
    r"\brepresents?\b|\binterpret|\bmeaning\b|\bdescribes?\b|\bmore\b|\badditional\b|\bextra\b|\bless\b"
    r"|\bfewer\b|\bincrease|\bdecrease|\bchange|\bdifference\b|\bfirst\b|\beach additional\b|\bpercent\b"
    r"|\bdiscount|\btax\b|\btip\b|\bminimum\b|\bmaximum\b|\bthan\b|\baverage\b|\brate\b|\bper\b.*\bper\b"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|twice|half|double|triple|both|each|every|another)\b"
)


def _units_known(before: str, last: str, known: frozenset[str] = frozenset()) -> bool:
    """Every "in <unit>" of the question is a unit the earlier text used (no cents-for-dollars switch)."""
    return all(word in known or re.search(rf"\b{word}\b", before) for word in re.findall(r"\bin ([a-z]+)\b", last))


def _seg(ctx: Context, k: str):
    return next((s for s in ctx.segments if s.index == int(k)), None)


def _number(ctx: Context, k: str):
    """The number held by segment ``k`` (``¤ 3`` is three dollars), or None."""
    seg = _seg(ctx, k)
    if seg is None:
        return None
    m = re.fullmatch(r"\s*(?:¤|\\\$)?\s*(\d+(?:\.\d+)?)\s*", seg.source)
    if m:
        return sp.nsimplify(m.group(1))
    if seg.kind == "expression" and seg.obj.is_number and seg.obj.is_real:
        return seg.obj
    return None


def _sentences(q: str) -> tuple[str, str]:
    parts = sentences(q)
    return " ".join(parts[:-1]), parts[-1] if parts else ""


def _finish(prob: Problem, topic: str, model: sp.Eq, answer, known: str, hints) -> Solution:
    steps = [
        step(model, "Write the model."),
        step(known, "Put in the value that is given."),
        step(tex(answer), "Compute what is asked."),
    ]
    return solved(
        prob.raw,
        topic,
        steps,
        hints,
        answer,
        verification="substituted into the model; every number in the problem was used once",
    )


def _numbers_in(ctx: Context, text: str) -> list[str]:
    return [k for k in re.findall(r"⟦(\d+)⟧", text) if _number(ctx, k) is not None]


SCALED = re.compile(r"\bin (?:hundreds|thousands|millions|billions)\b")


def formula_model(ctx: Context) -> Solution | None:
    """A formula ``S = f(v)`` whose quantities the text names; the question gives v (or S) and asks the other."""
    q = ctx.problem.question
    eqs = ctx.of_kind("equation")
    if len(eqs) != 1 or _ASIDE.search(q) or ctx.functions or SCALED.search(q):
        return None  # "C, in thousands of dollars": the model's units are not the question's
    eq = eqs[0].obj
    if not isinstance(eq.lhs, sp.Symbol) or len(eq.rhs.free_symbols) != 1 or eq.lhs in eq.rhs.free_symbols:
        return None
    out, var = eq.lhs, next(iter(eq.rhs.free_symbols))
    before, last = _sentences(q)
    keys = {str(s.obj): s.index for s in ctx.segments if s.kind == "symbol"}
    if set(keys) - {out.name, var.name} or out.name not in keys or var.name not in keys:
        return None
    if not _units_known(before, last):
        return None
    unit = re.search(rf"⟦{keys[var.name]}⟧ is the number of ([a-z]+)|⟦{keys[var.name]}⟧ (?!is\b|are\b)([a-z]+)", before)
    noun = re.search(rf"\b([a-z]+),? ⟦{keys[out.name]}⟧", before)
    if not unit or not noun or f"⟦{keys[out.name]}⟧" in last or f"⟦{keys[var.name]}⟧" in last:
        return None
    unit_word = singular(unit.group(1) or unit.group(2))
    numbers = _numbers_in(ctx, q)
    if len(numbers) != 1 or f"⟦{numbers[0]}⟧" not in last:
        return None
    value = _number(ctx, numbers[0])
    given = re.search(rf"⟦{numbers[0]}⟧ ([a-z]+)", last)
    hints = [
        "Identify which letter stands for which quantity.",
        "Substitute the given value for its letter.",
        "Simplify (or solve) to get the quantity asked for.",
    ]
    if (
        given
        and singular(given.group(1)) == unit_word
        and re.search(rf"\b(?:what is|find|how much|how many)\b.*\b{noun.group(1)}\b", last)
    ):
        answer = sp.nsimplify(eq.rhs.subs(var, value))
        return _finish(ctx.problem, "linear models", eq, answer, f"{tex(var)} = {tex(value)}", hints)
    if re.search(rf"\bhow many {unit.group(1) or unit.group(2)}\b", last) and re.search(
        rf"\b{noun.group(1)}\b[^⟦]*\b(?:is|was|be|of|equals)\b ⟦{numbers[0]}⟧", last
    ):
        xr = sp.Symbol(var.name, real=True)
        found = [s for s in sp.solve(sp.Eq(value, eq.rhs.subs(var, xr)), xr) if s.is_real and s >= 0]
        if len(found) != 1:
            raise Decline("The model does not give one value for the quantity asked.")
        return _finish(ctx.problem, "linear models", eq, found[0], f"{tex(out)} = {tex(value)}", hints)
    return None


_FEE = re.compile(
    r"\b(?:charges?|costs?|pays?|earns?) (?:a (?:flat |fixed |one-time |base |service )?(?:fee|charge"
    r"|amount) of )?⟦(?P<a>\d+)⟧"
    r"(?: dollars)?(?: for (?:a |each |the |every )?[a-z]+)? plus ⟦(?P<b>\d+)⟧(?: dollars)? (?:per|for each|each"
    r"|an?) (?P<u>[a-z]+)\b"
)


def _raw_number(prob: Problem, k: str):
    m = re.fullmatch(r"\s*(?:¤|\\\$)?\s*(\d+(?:\.\d+)?)\s*", prob.math[int(k)])
    return sp.nsimplify(m.group(1)) if m else None


def fee_model(prob: Problem) -> Solution | None:
    """ "Charges A plus B per unit": the total for N units, or the number of units for a total T."""
    q = prob.question
    m = _FEE.search(q)
    if not m or _ASIDE.search(q.replace(m.group(0), " ")) or not re.match(r"(?: of [a-z]+)?[.,;]", q[m.end() :]):
        return None  # anything after "B per unit" ("for each passenger") changes the model
    keys = re.findall(r"⟦(\d+)⟧", q)
    others = [k for k in keys if k not in (m.group("a"), m.group("b"))]
    if len(keys) != 3 or len(others) != 1 or any(_raw_number(prob, k) is None for k in keys):
        return None
    fee, rate, unit = _raw_number(prob, m.group("a")), _raw_number(prob, m.group("b")), singular(m.group("u"))
    n = sp.Symbol("n")
    model = sp.Eq(sp.Symbol("T"), fee + rate * n)
    before, last = _sentences(q)
    money = frozenset({"dollars"}) if "¤" in prob.math[int(m.group("a"))] else frozenset()
    if not _units_known(before, last, money):
        return None
    given = _raw_number(prob, others[0])
    hints = [
        "Split the total into a fixed part and a part that grows with each unit.",
        "Total = fixed fee + (rate per unit) × (number of units).",
        "Substitute what is given and compute (or solve for) what is asked.",
    ]
    fwd = re.search(rf"\bfor (?:a [a-z]+ of |an? [a-z]+ (?:that is|lasting|of) )?⟦{others[0]}⟧ ([a-z]+)", last)
    if (
        fwd
        and singular(fwd.group(1)) == unit
        and re.search(r"\b(?:how much|what is the (?:total )?(?:cost|charge|fee|price|amount))", last)
    ):
        return _finish(prob, "linear models", model, fee + rate * given, f"n = {tex(given)}", hints)
    total = re.search(
        rf"\b(?:total|the) (?:charge|cost|bill|fee|amount|price)\b[^⟦?]*\b(?:was|is|of)\b ⟦{others[0]}⟧", q
    )
    if total and re.search(rf"\bhow many {m.group('u')}s?\b|\bhow many {unit}s?\b", last):
        count = (given - fee) / rate
        if count < 0:
            raise Decline("The total is less than the fixed fee.")
        return _finish(prob, "linear models", model, count, f"T = {tex(given)}", hints)
    return None
