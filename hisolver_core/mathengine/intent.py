"""What a problem asks for: the target, the task, aggregations and conditions on the answer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp

from .build import Decline
from .context import Context, Segment

__all__ = ["Intent", "read_intent"]

# aggregation name -> (pattern on the question, words the pattern may use)
_AGGREGATES: list[tuple[str, str]] = [
    (
        "sum",
        r"\bsum of (?:all |the )?(?:possible |distinct |real )*(?:values|solutions|roots|numbers|x-values"
        r"|(?:positive |negative )?integers\b)",
    ),
    (
        "product",
        r"\bproduct of (?:all |the )?(?:possible |distinct |real )*(?:values|solutions|roots|numbers"
        r"|(?:positive |negative )?integers\b)",
    ),
    ("difference", r"\b(?:positive )?difference between (?:the )?(?:two )?(?:solutions|roots|values)"),
    (
        "count",
        r"\bhow many (?:distinct |different |real |possible |positive |negative |integer )*"
        r"(?:values|solutions|roots|numbers|integers|integer values)",
    ),
    (
        "max",
        r"\b(?:largest|greatest|biggest|larger|greater|maximum) (?:possible |real |integer |positive |whole )*(?:value"
        r"|solution|root|number|integer)",
    ),
    (
        "min",
        r"\b(?:smallest|least|smaller|lesser|minimum) (?:possible |real |integer |positive |whole )*(?:value|solution"
        r"|root|number|integer)",
    ),
    ("positive", r"\bpositive (?:value|solution|root|number|real number)\b"),
    ("negative", r"\bnegative (?:value|solution|root|number|real number)\b"),
    ("all", r"\b(?:all (?:possible |real )*(?:values|solutions)|all solutions|find all|solutions? (?:set|to|of))"),
    ("all", r"\bone (?:possible )?(?:value|solution)\b"),
    ("all", r"^\W*solve\b(?!:? *(?:the )?system)"),  # "Solve x^2 + 4x = 12." asks for every solution
]
_AGG_WORDS = {
    "sum",
    "product",
    "all",
    "possible",
    "distinct",
    "real",
    "values",
    "solutions",
    "roots",
    "numbers",
    "positive",
    "difference",
    "between",
    "two",
    "how",
    "many",
    "different",
    "largest",
    "greatest",
    "biggest",
    "larger",
    "greater",
    "maximum",
    "smallest",
    "least",
    "smaller",
    "lesser",
    "minimum",
    "value",
    "solution",
    "root",
    "number",
    "negative",
    "set",
    "x",
    "the",
    "integers",
    "integer",
    "one",
    "whole",
    "there",  # "how many solutions are there"
}
_CONDITIONS = {
    "positive": r"⟦\d+⟧ (?:is|are) (?:a |both )?positive|positive (?:integer|real|number)s? ⟦\d+⟧"
    r"|(?:is|are) (?:both )?positive",
    "negative": r"⟦\d+⟧ (?:is|are) (?:a )?negative|(?:is|are) negative",
    "integer": r"⟦\d+⟧ (?:is|are) (?:an |a )?(?:two |both )?(?:distinct |different )?(?:positive |negative )?integers?"
    r"|integers? ⟦\d+⟧",
    "distinct": r"⟦\d+⟧ and ⟦\d+⟧ are (?:two )?(?:distinct|different)\b",
}
_COND_WORDS = {
    "positive",
    "negative",
    "integer",
    "integers",
    "real",
    "number",
    "numbers",
    "both",
    "distinct",
    "different",
}
_SIMPLIFY = re.compile(
    r"\b(simplify|simplified|expand|expanded|factor(?!s? of\b)|factored|single fraction|combine|rewrite|rewritten"
    r"|write)\b"
)


@dataclass
class Intent:
    """The question's target segment and what to do with the values found."""

    target: Segment | None
    task: str  # value | simplify | expand | factor
    aggregate: str | None = None
    conditions: set[str] = field(default_factory=set)
    in_terms_of: set = field(default_factory=set)  # symbols the answer may contain
    identity: object = None  # the variable of an identity ("for all x", "can be written as")
    solution_count: str | None = None  # "none" or "infinite": a system asked to have no / infinitely many solutions
    part: tuple[str, sp.Expr] | None = None  # ("coefficient", x**2) or ("exponent", x): a part of the simplified form


def read_intent(ctx: Context, extra_words: set[str] | frozenset[str] = frozenset()) -> Intent:
    """Read the target and task; raise Decline when words remain that this engine cannot interpret."""
    q = ctx.problem.question
    aggregate = None
    allowed = set(extra_words)
    for name, pattern in _AGGREGATES:
        if re.search(pattern, q):
            aggregate = name
            allowed |= _AGG_WORDS
            break
    conditions = {name for name, pattern in _CONDITIONS.items() if re.search(pattern, q)}
    if aggregate == "count" and re.search(r"\b(?:solutions? exists?|do we have)\b", q):
        allowed |= {"exist", "exists", "do", "we", "have"}  # filler: "how many solutions exist for", "do we have"
    if aggregate == "all" and re.search(r"\b(?:sum|product|how many|number of)\b", q):
        # "the sum of the ... that are solutions of": "solutions of" alone would answer the whole set
        raise Decline("I cannot tell what the question asks about the solutions.")
    signed = re.search(
        r"\b(?:sum of|product of|how many) (?:all |the )?(\w+ )?(?:integers|integer values|integer solutions)\b", q
    )
    if aggregate in ("sum", "product", "count") and (m := signed):
        conditions.add("integer")  # "the sum of the positive integers that are solutions of ..."
        if m.group(1) in ("positive ", "negative "):
            conditions.add(m.group(1).strip())
    if aggregate in ("max", "min") and re.search(
        r"\b(?:largest|greatest|biggest|maximum|smallest|least|minimum) (?:possible |positive |whole )*integer", q
    ):
        conditions.add("integer")
    if conditions:
        allowed |= _COND_WORDS
        if re.search(r"\bare two (?:distinct |different )", q):
            allowed.add("two")  # "a and b are two distinct integers": the count of the letters named
    solution_count = None
    if re.search(r"\b(?:has|have) no (?:real )?solutions?\b", q):
        solution_count = "none"
    elif re.search(r"\b(?:has|have) infinitely many (?:real )?solutions\b", q):
        solution_count = "infinite"
    if solution_count:
        allowed |= {"has", "have", "no", "infinitely", "many", "solution", "solutions", "system", "below", "above"}
        aggregate = None if aggregate in ("count", "all") else aggregate
    in_terms = _in_terms_of(ctx, q)
    identity = _identity_variable(ctx, q)
    if identity is not None or re.search(r"\b(?:can be|is) (?:written|expressed|rewritten)\b", q):
        allowed |= _IDENTITY_WORDS
    if ctx.templated:  # "the linear function f", its graph or table: the given values must fix its coefficients
        allowed |= _TEMPLATE_WORDS
    part = _asked_part(ctx, q)
    if part is not None:
        allowed |= {"coefficient", "exponent", "term", "simplified", "expanded", "expansion", "product"}
    unknown = ctx.problem.unknown_words(allowed | ctx.words)
    if unknown:
        raise Decline(
            f"The wording ({', '.join(sorted(set(unknown))[:5])}) needs reading that this engine does not do."
        )
    targets = [
        s
        for s in ctx.segments
        if (s.kind in ("expression", "symbol") or _symbol_tuple(s)) and (part is None or s.obj is not part[1])
    ]
    target = targets[-1] if targets else None
    others = [s for s in targets[:-1] if s.kind != "symbol" and not _symbol_tuple(s)]
    if others:
        raise Decline("The problem has several expressions and I cannot tell which one is asked about.")
    m = _SIMPLIFY.search(q)
    task = "simplify" if part is not None else "value"  # a coefficient or exponent is read off the simplified form
    if m:
        word = m.group(1)
        task = "expand" if word.startswith("expand") else "factor" if word.startswith("factor") else "simplify"
    if in_terms and (target is None or target.kind != "symbol"):
        raise Decline("I cannot tell which unknown to solve for.")
    return Intent(
        target=target,
        task=task,
        aggregate=aggregate,
        conditions=conditions,
        in_terms_of=in_terms,
        identity=identity,
        solution_count=solution_count,
        part=(part[0], part[1]) if part else None,
    )


def _asked_part(ctx: Context, q: str) -> tuple[str, sp.Expr] | None:
    """("coefficient", x**k) for "the coefficient of ⟦x^k⟧ (term)", ("exponent", x) for "the exponent of ⟦x⟧";
    None when the question asks for neither or the named segment is not a power of one letter."""
    m = re.search(r"\b(coefficient|exponent) of (?:the )?⟦(\d+)⟧(?: term)?", q)
    if m is None:
        return None
    seg = next((s for s in ctx.segments if s.index == int(m.group(2))), None)
    obj = seg.obj if seg is not None else None
    if not isinstance(obj, sp.Expr) or len(obj.free_symbols) != 1:
        return None
    (x,) = obj.free_symbols
    if m.group(1) == "exponent" and obj != x:
        return None
    if obj != x and not (isinstance(obj, sp.Pow) and obj.base == x and obj.exp.is_Integer and obj.exp > 1):
        return None
    return m.group(1), obj


def _symbol_tuple(seg: Segment) -> bool:
    """``(x, y)`` as a target: the question asks for an ordered pair."""
    return seg.kind == "tuple" and all(isinstance(v, sp.Symbol) for v in seg.obj)


_TEMPLATE_WORDS = {
    "linear",
    "quadratic",
    "function",
    "functions",
    "has",
    "table",
    "graph",
    "shows",
    "shown",
    "some",
    "values",
    "above",
    "below",
    "plane",
    "xy",
    "of",
    "three",
    "two",
    "defines",
    "define",
    "could",
    "according",
    "to",
}
_IDENTITY_WORDS = {
    "for",
    "all",
    "values",
    "value",
    "real",
    "numbers",
    "can",
    "be",
    "written",
    "expressed",
    "equivalent",
    "identical",
    "true",
    "constants",
    "constant",
    "integers",
    "where",
    "form",
    "both",
    "sides",
    "defined",
    "positive",
    "nonzero",
}


def _in_terms_of(ctx: Context, q: str) -> set:
    m = re.search(r"in terms of ((?:⟦\d+⟧(?:,? (?:and )?)?)+)", q)
    if not m:
        return set()
    syms = set()
    for k in re.findall(r"⟦(\d+)⟧", m.group(1)):
        seg = next((s for s in ctx.segments if s.index == int(k)), None)
        src = ctx.problem.math[int(k)].strip() if int(k) < len(ctx.problem.math) else ""
        if seg is None and re.fullmatch(r"[a-zA-Z]", src):
            syms.add(sp.Symbol(src))  # already taken out by an earlier reading of the same question
            continue
        if seg is None or seg.kind != "symbol":
            raise Decline("I cannot read what the answer should be expressed in terms of.")
        syms.add(seg.obj)
        ctx.segments.remove(seg)
    return syms


def _identity_variable(ctx: Context, q: str):
    """The variable of an identity, or None when the question states no identity."""
    m = re.search(r"for all (?:real )?(?:values of |numbers )?⟦(\d+)⟧", q)
    if m:
        seg = next((s for s in ctx.segments if s.index == int(m.group(1))), None)
        if seg is not None and seg.kind == "symbol":
            ctx.segments.remove(seg)
            return seg.obj
    if re.search(r"for all (?:real )?(?:values|numbers)\b|\bfor all\b", q):
        return sp.Symbol("x")
    m = re.search(
        r"⟦(\d+)⟧ (?:can be|is) (?:written|expressed|rewritten|equivalent|identical)(?: to| as| in the form)? ⟦(\d+)⟧",
        q,
    )
    if m:
        a = next((s for s in ctx.segments if s.index == int(m.group(1))), None)
        b = next((s for s in ctx.segments if s.index == int(m.group(2))), None)
        if (
            a is not None
            and b is not None
            and a.kind == "expression"
            and b.kind == "equation"
            and sp.simplify(b.obj.lhs - a.obj) == 0
            and len(a.obj.free_symbols) == 1
        ):
            ctx.segments.remove(a)  # "f(x) is written in the form f(x) = 2(x - h)^2 + k": b states the identity
            return next(iter(a.obj.free_symbols))
        if a is None or b is None or a.kind not in ("expression", "symbol") or b.kind != "expression":
            return None
        unknown = re.search(r"⟦(\d+)⟧ is an expression in terms of ⟦(\d+)⟧", q)
        if unknown and a.kind == "expression" and len(a.obj.free_symbols) == 1:
            ctx.segments.remove(a)  # "E can be written as A - 2/(2x + 3), where A is an expression in x": solve for A
            b.obj, b.kind = sp.Eq(a.obj, b.obj), "equation"
            return None
        given = a.obj.free_symbols
        if not given and a.obj.has(sp.I) and b.obj.free_symbols:
            ctx.segments.remove(a)
            b.obj, b.kind = sp.Eq(a.obj, b.obj), "equation"
            return sp.I  # match real and imaginary parts
        if len(given) != 1:
            return None
        var = next(iter(given))
        ctx.segments.remove(a)
        b.obj, b.kind = sp.Eq(a.obj, b.obj), "equation"
        return var
    return None
