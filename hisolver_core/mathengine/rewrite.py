"""Turn common verbal phrasings into math: "the sum of A and B", "the square root of A",
"twice A", "A percent of B", "a number", "A is B", "the point P lies on the line L".

Each rule replaces the matched words and placeholders by one new placeholder,
so the words it understood no longer trip the vocabulary gate, and words it did
not understand still do.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import sympy as sp

from .build import Decline
from .sat_rewrites import apply_sat_rules
from .segments import Context, Segment, _kind
from .words import ORDINALS

__all__ = ["NUMBER_WORDS", "rewrite_verbal", "words_to_numbers"]

E = r"⟦(\d+)⟧"
N_SYM = sp.Symbol("n")
X, Y = sp.Symbol("x"), sp.Symbol("y")

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
NUMBER_WORDS = _UNITS  # "seven" -> 7, for other modules
_DENOMS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "eighth": 8,
    "eighths": 8,
    "tenth": 10,
    "tenths": 10,
}


def ordinal_terms(text: str) -> str:
    """ "the fourth term" -> "the 4th term" (only before "term", where an ordinal cannot be a fraction)."""
    words = "|".join(ORDINALS)
    return re.sub(rf"\b({words}) term", lambda m: f"{ORDINALS[m.group(1).lower()]}th term", text, flags=re.I)


def words_to_numbers(text: str) -> str:
    """Replace fraction words ("two-thirds") and small number words ("twelve") by digits."""
    units = "|".join(sorted(_UNITS, key=len, reverse=True))
    denoms = "|".join(sorted(_DENOMS, key=len, reverse=True))
    text = re.sub(
        rf"\b(one|a|two|three|four|five|seven)[- ]({denoms})\b",
        lambda m: f"{_UNITS.get(m.group(1).lower(), 1)}/{_DENOMS[m.group(2).lower()]}",
        text,
        flags=re.I,
    )
    text = re.sub(
        rf"\b({units})-({units})\b",
        lambda m: str(_UNITS[m.group(1).lower()] + _UNITS[m.group(2).lower()]),
        text,
        flags=re.I,
    )
    cardinals = units.replace("one|", "")  # "one of the roots" is not the number 1
    return re.sub(
        rf"\b({cardinals})\b(?![- ](?:{denoms})\b)", lambda m: str(_UNITS[m.group(1).lower()]), text, flags=re.I
    )


def _value(ctx: Context, k: str):
    seg = next((s for s in ctx.segments if s.index == int(k)), None)
    if seg is None or seg.kind not in ("expression", "symbol"):
        return None, None
    return seg, seg.obj


def _fraction_like(seg: Segment) -> bool:
    src = seg.source.strip()
    if src.endswith("%") or src.startswith("0."):
        return True
    value = seg.obj
    return bool(value.is_number and value.is_rational and not value.is_integer)


def _binary(op: Callable) -> Callable:
    def build(ctx: Context, m: re.Match):
        a_seg, a = _value(ctx, m.group("a"))
        b_seg, b = _value(ctx, m.group("b"))
        if a is None or b is None:
            return None
        return op(a, b, a_seg, b_seg, m)

    return build


def _unary(op: Callable) -> Callable:
    def build(ctx: Context, m: re.Match):
        seg, a = _value(ctx, m.group("a"))
        return None if a is None else op(a, m)

    return build


def _percent_of(a, b, a_seg, b_seg, m):
    if m.group("pct"):
        return a / 100 * b
    return a * b if _fraction_like(a_seg) else None


def _changed_by(a, b, a_seg, b_seg, m):
    sign = 1 if m.group("dir") == "increased" else -1
    if m.group("pct") or b_seg.source.strip().endswith("%"):
        return a * (1 + sign * b / (1 if b_seg.source.strip().endswith("%") and not m.group("pct") else 100))
    return a + sign * b


def _more_less(a, b, a_seg, b_seg, m):
    """ "A more than B" is B + A; "A percent more than B" is B(1 + A/100); "less"/"fewer" subtract."""
    sign = 1 if m.group("dir") in ("more", "greater", "larger", "higher", "older", "longer") else -1
    if m.group("pct"):
        return b * (1 + sign * a / 100)
    if a_seg.source.strip().endswith("%"):
        return b * (1 + sign * a)
    return b + sign * a


def _is(a, b, a_seg, b_seg, m):
    if not (a.free_symbols or b.free_symbols):
        return None
    return sp.Eq(a, b)


_SUMLIKE = (
    r"(?:the )?(?P<op>sum|difference|product|quotient) (?:of|between) (?:the )?(?:(?:two|complex|real|rational|whole"
    r"|positive|following) )*(?:numbers? |expressions? |polynomials? |fractions? )?"
)
_OPS = {
    "sum": lambda a, b: a + b,
    "difference": lambda a, b: a - b,
    "product": lambda a, b: a * b,
    "quotient": lambda a, b: a / b,
}

RULES: list[tuple[str, Callable]] = [
    (
        rf"(?:the )?(?P<pos>positive )?square root of (?:the (?:product|sum|number|expression"
        rf"|quantity) )?{E.replace('(', '(?P<a>', 1)}",
        _unary(lambda a, m: sp.sqrt(a)),
    ),
    (
        rf"(?:the )?cube root of {E.replace('(', '(?P<a>', 1)}",
        _unary(lambda a, m: sp.real_root(a, 3) if a.is_number else None),
    ),
    (
        rf"(?:the )?(?P<p>square|cube) of {E.replace('(', '(?P<a>', 1)}",
        _unary(lambda a, m: a ** (2 if m.group("p") == "square" else 3)),
    ),
    (r"(?:the )?(?:sum|product|difference|quotient|expression) ⟦(?P<a>\d+)⟧(?! and)", _unary(lambda a, m: a)),
    (r"⟦(?P<a>\d+)⟧ (?P<p>squared|cubed)\b", _unary(lambda a, m: a ** (2 if m.group("p") == "squared" else 3))),
    # a factor before the first quantity binds first: "twice a number decreased by 7" is 2n - 7, not 2(n - 7)
    (
        r"(?<!twice )(?<!half )(?<!half of )(?<!times )(?<!multiplied by )(?<!divided by )"
        r"⟦(?P<a>\d+)⟧ (?P<dir>increased|decreased) by ⟦(?P<b>\d+)⟧(?P<pct> percent)?",
        _binary(_changed_by),
    ),
    (rf"(?:the )?reciprocal of {E.replace('(', '(?P<a>', 1)}", _unary(lambda a, m: 1 / a if a != 0 else None)),
    (rf"\btwice {E.replace('(', '(?P<a>', 1)}", _unary(lambda a, m: 2 * a)),
    (rf"\bhalf (?:of )?{E.replace('(', '(?P<a>', 1)}", _unary(lambda a, m: a / 2)),
    (r"⟦(?P<a>\d+)⟧ (?P<pct>percent )?of ⟦(?P<b>\d+)⟧", _binary(_percent_of)),
    (rf"{_SUMLIKE}⟦(?P<a>\d+)⟧ and ⟦(?P<b>\d+)⟧", _binary(lambda a, b, s1, s2, m: _OPS[m.group("op").lower()](a, b))),
    (r"⟦(?P<a>\d+)⟧ (?:times|multiplied by) ⟦(?P<b>\d+)⟧", _binary(lambda a, b, *_: a * b)),
    (r"⟦(?P<a>\d+)⟧ divided by ⟦(?P<b>\d+)⟧", _binary(lambda a, b, *_: a / b if b != 0 else None)),
    (r"⟦(?P<a>\d+)⟧ plus ⟦(?P<b>\d+)⟧", _binary(lambda a, b, *_: a + b)),
    (r"⟦(?P<a>\d+)⟧ minus ⟦(?P<b>\d+)⟧", _binary(lambda a, b, *_: a - b)),
    (r"\badd:? ⟦(?P<a>\d+)⟧ (?:to|and) ⟦(?P<b>\d+)⟧", _binary(lambda a, b, *_: b + a)),
    (r"\bsubtract ⟦(?P<a>\d+)⟧ from ⟦(?P<b>\d+)⟧", _binary(lambda a, b, *_: b - a)),
    (r"\bmultiply ⟦(?P<a>\d+)⟧ (?:by|and) ⟦(?P<b>\d+)⟧", _binary(lambda a, b, *_: a * b)),
    (r"\bdivide ⟦(?P<a>\d+)⟧ by ⟦(?P<b>\d+)⟧", _binary(lambda a, b, *_: a / b if b != 0 else None)),
    (
        r"⟦(?P<a>\d+)⟧ times as (?:many|much|large|great|big|long|old|heavy|far) as ⟦(?P<b>\d+)⟧",
        _binary(lambda a, b, *_: a * b),
    ),
    (
        r"⟦(?P<a>\d+)⟧ (?P<pct>percent )?(?P<dir>more|greater|larger|higher|less|fewer|smaller"
        r"|lower) than ⟦(?P<b>\d+)⟧",
        _binary(_more_less),
    ),
    (
        r"⟦(?P<a>\d+)⟧ is (?P<dir>increased|decreased) by ⟦(?P<b>\d+)⟧(?P<pct> percent)?(?=,? (?:then )?the result\b)",
        _binary(_changed_by),
    ),
    (r"⟦(?P<a>\d+)⟧ is (?:subtracted|taken away) from ⟦(?P<b>\d+)⟧", _binary(lambda a, b, *_: b - a)),
    (r"⟦(?P<a>\d+)⟧ is added to ⟦(?P<b>\d+)⟧", _binary(lambda a, b, *_: b + a)),
    (r"⟦(?P<a>\d+)⟧ is multiplied by ⟦(?P<b>\d+)⟧", _binary(lambda a, b, *_: a * b)),
    (r"⟦(?P<a>\d+)⟧ is divided by ⟦(?P<b>\d+)⟧", _binary(lambda a, b, *_: a / b if b != 0 else None)),
    (
        r"(?:the )?(?:units|ones|unit's|units') digit of ⟦(?P<a>\d+)⟧",
        _unary(lambda a, m: sp.Mod(a, 10) if a.is_integer and a.is_number and a >= 0 else None),
    ),
    (r"⟦(?P<a>\d+)⟧,? (?:then )?the result (?=is|equals)", _unary(lambda a, m: a)),
    # "A is B" states an equation only where A starts a clause ("If A is B", "..., A is B")
    (
        r"(?:^|(?<=\bif )|(?<=\bwhen )|(?<=\bsuppose )|(?<=\bthat )|(?<=, )|(?<=\. )|(?<=\band ))"
        r"⟦(?P<a>\d+)⟧ (?:is equal to|equals|is the same as|is) ⟦(?P<b>\d+)⟧",
        _binary(_is),
    ),
]


def _new_segment(ctx: Context, obj, source: str) -> str:
    index = len(ctx.problem.math)
    ctx.problem.math.append(source)
    ctx.segments.append(Segment(index=index, source=source, obj=obj, kind=_kind(obj)))
    return f"⟦{index}⟧"


def _splice(ctx: Context, m: re.Match, obj) -> None:
    """Replace the match in the problem text by a new segment holding ``obj``."""
    text = ctx.problem.text
    new_text = text[: m.start()] + " " + _new_segment(ctx, obj, m.group(0)) + " " + text[m.end() :]
    ctx.problem.text = re.sub(r" ([,.;:?!])", r"\1", re.sub(r"[ \t]+", " ", new_text)).strip()


def _drop(ctx: Context, m: re.Match) -> None:
    used = {int(k) for k in re.findall(r"⟦(\d+)⟧", m.group(0))}
    ctx.segments = [s for s in ctx.segments if s.index not in used]


_CURVE = (
    r"(?:the )?(?:graph of the equation|line|graph|curve|parabola|equation)(?: of| with (?:the )?equation"
    r"| whose equation is)? ⟦(?P<c>\d+)⟧"
)
_ON_CURVE = [
    rf"(?:the )?point ⟦(?P<p>\d+)⟧ (?:lies|is) on {_CURVE}",
    rf"{_CURVE},? (?:passes through|goes through|contains|(?P<axis>crosses|intersects"
    rf"|meets) the (?P<ax>[xy])-axis at) (?:the point )?⟦(?P<p>\d+)⟧",
]


def _point_on_curve(ctx: Context) -> bool:
    """ "The point P lies on the line E" / "the line E passes through P": substitute P into E."""
    text = ctx.problem.text
    m = next((found for pattern in _ON_CURVE if (found := re.search(pattern, text, flags=re.I))), None)
    if not m or re.search(
        r"\b(?:perpendicular|parallel) to\s*$|\b(?:perpendicular|parallel) to (?:the )?$", text[: m.start()], flags=re.I
    ):
        return False  # "a line perpendicular to the line E passes through P": P is not on E
    point = next((s for s in ctx.segments if s.index == int(m.group("p"))), None)
    curve = next((s for s in ctx.segments if s.index == int(m.group("c"))), None)
    if (
        "axis" in m.groupdict()
        and m.group("axis")
        and point is not None
        and isinstance(point.obj, (sp.Tuple, tuple))
        and len(point.obj) == 2
        and point.obj[0 if m.group("ax") == "y" else 1] != 0
    ):
        return False  # a point on an axis has that coordinate zero
    if (
        point is None
        or curve is None
        or curve.kind != "equation"
        or not isinstance(point.obj, (sp.Tuple, tuple))
        or len(point.obj) != 2
    ):
        return False
    if not curve.obj.free_symbols & {X, Y}:
        return False
    eq = curve.obj.subs({X: point.obj[0], Y: point.obj[1]}, simultaneous=True)
    if eq is sp.true or eq is sp.false:
        return False
    _drop(ctx, m)
    _splice(ctx, m, eq)
    return True


def _root_of_equation(ctx: Context) -> bool:
    """ "one of the roots of EQ is V" / "V is a solution of EQ": substitute V into EQ."""
    text = ctx.problem.text
    patterns = [
        r"(?:one of the |a |the )?(?:roots?|solutions?|zeros?) of (?:the )?(?:quadratic |given )?(?:equation "
        r"|polynomial )?⟦(?P<eq>\d+)⟧ is ⟦(?P<v>\d+)⟧",
        r"⟦(?P<v>\d+)⟧ is (?:a|one|the) (?:root|solution|zero) of (?:the )?(?:quadratic |given )?(?:equation "
        r"|polynomial )?⟦(?P<eq>\d+)⟧",
        r"(?:the )?(?:equation )?⟦(?P<eq>\d+)⟧ has (?:the |a |one )?(?:root|solution|zero) ⟦(?P<v>\d+)⟧",
    ]
    for pattern in patterns:
        m = re.search(pattern, text, flags=re.I)
        if not m:
            continue
        eq = next((s for s in ctx.segments if s.index == int(m.group("eq"))), None)
        val = next((s for s in ctx.segments if s.index == int(m.group("v"))), None)
        if eq is None or val is None or eq.kind != "equation":
            return False
        var, value = X, val.obj
        if val.kind == "equation" and isinstance(val.obj.lhs, sp.Symbol) and not val.obj.rhs.free_symbols:
            var, value = val.obj.lhs, val.obj.rhs  # "x = 2 is a solution"
        elif val.kind != "expression" or val.obj.free_symbols:
            return False
        if var not in eq.obj.free_symbols:
            return False
        new = eq.obj.subs(var, value)
        if new is sp.true or new is sp.false:
            return False
        _drop(ctx, m)
        _splice(ctx, m, new)
        return True
    return False


def _ratio_statement(ctx: Context) -> bool:
    """ "the ratio of A to B is p to q" (or "p:q") with unknowns in A or B -> q·A = p·B."""
    m = re.search(
        r"(?:the )?ratio of ⟦(?P<a>\d+)⟧ to ⟦(?P<b>\d+)⟧ is ⟦(?P<p>\d+)⟧(?: to ⟦(?P<q>\d+)⟧)?",
        ctx.problem.text,
        flags=re.I,
    )
    if not m:
        return False
    (_, a), (_, b), (p_seg, p) = _value(ctx, m.group("a")), _value(ctx, m.group("b")), _value(ctx, m.group("p"))
    q = _value(ctx, m.group("q"))[1] if m.group("q") else sp.Integer(1)
    if p is None and p_seg is not None and re.fullmatch(r"\s*\d+\s*:\s*\d+\s*", p_seg.source) and not m.group("q"):
        p, q = (sp.Integer(t) for t in p_seg.source.split(":"))
    if (
        None in (a, b, p, q)
        or not (a.free_symbols or b.free_symbols)
        or p.free_symbols
        or q.free_symbols
        or 0 in (p, q)
    ):
        return False
    _drop(ctx, m)
    _splice(ctx, m, sp.Eq(q * a, p * b))
    return True


def _mean_of_list(ctx: Context) -> bool:
    """ "the mean of A, B, x and C" -> (A + B + x + C)/4."""
    text = ctx.problem.text
    m = re.search(
        r"(?:the )?(?:arithmetic )?(?:mean|average) of (?:the (?:numbers|values|scores) )?"
        r"(?P<list>⟦\d+⟧(?:,? ⟦\d+⟧)*,? and ⟦\d+⟧)",
        text,
        flags=re.I,
    )
    if not m:
        return False
    items = []
    for k in re.findall(r"⟦(\d+)⟧", m.group("list")):
        seg, value = _value(ctx, k)
        if value is None:
            return False
        items.append(value)
    _drop(ctx, m)
    mean = sp.Add(*items) / len(items)
    _splice(ctx, m, mean)
    return True


def _undefined(ctx: Context) -> bool:
    """ "E is not defined" -> denominator of E = 0."""
    text = ctx.problem.text
    m = re.search(r"(?:the expression )?⟦(?P<a>\d+)⟧ (?:is )?(?:not defined|undefined)", text, flags=re.I)
    if not m:
        return False
    seg, value = _value(ctx, m.group("a"))
    if value is None or len(value.free_symbols) != 1:
        return False
    den = sp.denom(sp.together(value))
    if den.is_number:
        return False
    _drop(ctx, m)
    _splice(ctx, m, sp.Eq(den, 0))
    return True


def _power_of(ctx: Context) -> bool:
    """ "what power of B is equal to N" -> B^p = N, asking for p."""
    m = re.search(
        r"(?:to )?what power of ⟦(?P<a>\d+)⟧ (?:is equal to|equals|is|gives) ⟦(?P<b>\d+)⟧", ctx.problem.text, flags=re.I
    )
    if not m:
        return False
    _, base = _value(ctx, m.group("a"))
    _, value = _value(ctx, m.group("b"))
    if base is None or value is None or base.free_symbols or value.free_symbols:
        return False
    p = sp.Symbol("p")
    _drop(ctx, m)
    _splice(ctx, m, sp.Eq(base**p, value))
    ctx.problem.text += " " + _new_segment(ctx, p, "p")
    return True


def _square_of_binomial(ctx: Context) -> bool:
    """ "c such that x^2 + 25x + c is the square of a binomial" -> the identity x^2 + 25x + c = (p x + q)^2 in x."""
    m = re.search(
        r"(?:\bmakes? )?⟦(?P<a>\d+)⟧ (?:is |be |equals |is equal to |to be )?(?:equal to )?the square of a binomial",
        ctx.problem.text,
        flags=re.I,
    )
    if not m:
        return False
    _, expr = _value(ctx, m.group("a"))
    if expr is None:
        return False
    try:
        squared = [v for v in expr.free_symbols if sp.degree(expr, v) == 2]
    except sp.PolynomialError:
        return False
    if len(squared) != 1:
        return False
    var = squared[0]
    p, q = (sp.Symbol(n) for n in sorted({"p", "q", "r", "s", "t", "u"} - {v.name for v in expr.free_symbols})[:2])
    _drop(ctx, m)
    _splice(ctx, m, sp.Eq(expr, (p * var + q) ** 2))
    ctx.problem.text += " for all " + _new_segment(ctx, var, var.name)
    return True


def rewrite_verbal(ctx: Context) -> None:
    """Apply the verbal rules to ``ctx`` in place until none matches."""
    # "Find the number that makes $48/88 = q/11$ true": the number is the equation's own unknown, not a new n
    blank = (
        r"(?=(?:that|which) (?:makes?|satisf(?:y|ies)|solves?) (?:the (?:statement|equation|sentence|proportion) )?⟦)"
    )
    ctx.problem.text = re.sub(rf"\b(the|a) number {blank}", r"\1 value ", ctx.problem.text)
    if not any(seg.kind == "symbol" and seg.obj == N_SYM for seg in ctx.segments):
        pattern = r"\b(?:a|the|this|that) (?:certain )?number\b(?! of)"
        while m := re.search(pattern, ctx.problem.text, flags=re.I):
            ctx.problem.text = (
                ctx.problem.text[: m.start()] + _new_segment(ctx, N_SYM, "n") + ctx.problem.text[m.end() :]
            )
    _point_on_curve(ctx)
    apply_sat_rules(ctx)
    _root_of_equation(ctx)
    _ratio_statement(ctx)
    _mean_of_list(ctx)
    _undefined(ctx)
    _power_of(ctx)
    _square_of_binomial(ctx)
    if re.search(r"⟦\d+⟧ (?:percent )?of ⟦\d+⟧ (?:is )?(?:increased|decreased) by", ctx.problem.text, flags=re.I):
        # "0.20 of a number decreased by 4": 0.2n - 4 or 0.2(n - 4); the words do not say which
        raise Decline(
            "The sentence can be read two ways (a part of a number, then changed, or a part of the changed number)."
        )
    for _ in range(30):
        changed = False
        for pattern, build in RULES:
            for m in re.finditer(pattern, ctx.problem.text, flags=re.I):
                obj = build(ctx, m)
                if obj is None or obj is sp.true or obj is sp.false:
                    continue
                _drop(ctx, m)
                text = ctx.problem.text
                _splice(ctx, m, obj)
                changed = True
                break
            if changed:
                break
        if not changed:
            break
    text = ctx.problem.text
    half = re.search(r"\b(?:product|sum|difference|quotient)\s+of\s+(?:[a-z]+\s+){0,4}and\s+⟦(\d+)⟧", text, flags=re.I)
    if half and any(s.index == int(half.group(1)) and s.kind == "equation" for s in ctx.segments):
        # "the product of a number and three less than the number is forty": a rule read only the second half
        raise Decline("The sentence combines two quantities in a way I cannot read.")
    ctx.segments.sort(key=lambda seg: text.find(f"⟦{seg.index}⟧") % (len(text) + 1))
