"""Written-out math read generally: SAT question forms kept as data, and the reader that uses them.

A problem whose relations and definitions are all written as math ("If $3x + 5 = 20$, what is the
value of $2x + 1$?", "The function f is defined by $f(x) = x^2 - 6x + 8$. What are the
x-intercepts of the graph of f?") needs no vocabulary gate: the words are only the question and a
few connectives. The question forms are data in ``question_forms.py``; the meaning words ("the
midpoint of", "50% of") in ``form_phrases.py``.

The reader (:func:`read_forms`) accepts a problem only when every sentence is either a statement
frame it knows ("If ⟦0⟧ and ⟦1⟧,", "The function ⟦f⟧ is defined by ⟦0⟧.", "⟦k⟧ is a positive
constant.") or the question, and every math segment is placed. A condition it cannot read makes it
return ``None``: a condition silently dropped is how wrong answers happen. Precision then comes from
the solver's checks (a unique answer, exactly one option matching).
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from ..solution import Solution
from .answer_forms import mixed_number
from .build import Decline, decimal_latex
from .context import Context, _parse, _read_definitions
from .form_phrases import (
    _M,
    _POINT_ITEM,
    _POINT_LITERAL,
    _SEGMENT_LITERAL,
    _as_point,
    _commit,
    _declare,
    _distance,
    _midpoint,
    _new,
    _phrases,
    _point_item,
    _Reading,
    _segments,
    _top_level_items,
)
from .problem import Problem
from .program import FunctionDef, MathProgram, Relation, Target, Unknown
from .program_solve import solve_program
from .question_forms import _TYPES, FORMS, QuestionForm, match_form, normalise
from .readers import FALLBACK_ORDER, reader
from .verbal import verbal_question, verbal_statement, verbal_text

__all__ = [
    "FORMS",
    "QuestionForm",
    "honour_format",
    "write_mixed_number",
    "normalise",
    "match_form",
    "read_forms",
    "solve_forms",
]


# --- statements ----------------------------------------------------------------------------------------

_MS = rf"{_M}(?:(?:,| and|, and) {_M})*"
_NAME_LIST = rf"{_M}(?:(?:,| and|, and) {_M})*"
_CONDITION_WORDS = (
    r"(?P<qual>(?:positive|negative|nonzero|non-zero|nonnegative|non-negative)(?: (?:real|whole))? )?"
    r"(?P<noun>constants?|integers?|real numbers?|numbers?|whole numbers?|digits?)"
)
_DECL = re.compile(
    rf"(?:where |and |if |suppose |given that )?(?:the )?(?P<names>{_NAME_LIST}) (?:is|are) "
    rf"(?:a |an |both |each )?(?:(?:different|distinct) )?{_CONDITION_WORDS}"
)
_RELATIONS = re.compile(rf"(?:if |given that |suppose (?:that )?|let |when |assume (?:that )?)?(?P<ms>{_MS})")
_DEFINED = re.compile(
    rf"(?:the |a )?(?:(?:linear|quadratic|polynomial) )?function (?P<f>{_M}) is (?:defined|given) by (?P<ms>{_MS})"
    rf"|(?P<f2>{_M}) is defined by (?P<ms2>{_MS})"
)
_ROOT = re.compile(rf"(?:given that |if |suppose )?(?P<v>{_M}) is (?:a|one) (?:solution|root|zero) of (?P<r>{_M})")
_OBJECT_IS = re.compile(
    rf"(?:the |an? )?(?:equation|graph) of (?:a|the) (?:circle|line|parabola)(?: in the xy-plane)? is (?P<ms>{_MS})"
    rf"|(?:a|the) (?:circle|line|parabola)(?: in the xy-plane)? (?:has|is given by|is defined by) "
    rf"(?:the )?(?:equation )?(?P<ms_b>{_MS})"
)
_SHAPE = r"(?:a|the) (?:circle|line|parabola)"
_DESCRIBED = re.compile(  # "the equation above defines a circle": what a relation already told is
    rf"(?:the equation|(?P<ms>{_M})) (?:(?:of {_SHAPE} )?is shown(?: above)?|defines {_SHAPE}|is (?:an? |the )?"
    rf"equation of {_SHAPE})"
)
_STATEMENT_LEAD = re.compile(rf"(?:in|for) (?:the )?(?:equation|system|inequality|expression)?s? ?(?P<ms>{_MS}), ")
_DECL_LEAD = re.compile(
    r"^(?:if|where|given that|suppose) (?P<decl>.+? for which .+?(?=,? then )|[^,]+(?=, ))(?:, |,? then )"
)
_LEAD = re.compile(
    rf"^(?:in the (?:equation|system|inequality|expression)(?: {_M})?|for the function (?P<f>{_M})|in the xy-plane"
    rf"|given (?:that )?{_MS}|if {_MS}|when {_MS}|for {_MS}|in {_MS})(?:,? then,?|,) "
)
_TAIL = re.compile(
    r" (?:in|if|for which|such that|that satisf(?:y|ies)|satisfying|when|given|given that|where|that makes?"
    rf"|which satisf(?:y|ies)|for|of) (?:all )?(?P<ms>{_MS})$"
)


_ROOT_NOUN = r"(?:(?:distinct|different|real) )*(?:solution|root|zero)s?"
_NAMED_ROOTS = re.compile(
    rf"(?P<r>{_M}) has (?:two|2) {_ROOT_NOUN},? (?P<names>{_M} and {_M})(?:,? (?:with|where) (?P<order>{_M}))?"
)
_NAMED_ROOTS_LET = re.compile(
    rf"(?:let |suppose |if )?(?P<names>{_M} and {_M}) (?:be|denote|are) the (?:two )?{_ROOT_NOUN} of (?P<r>{_M})"
    rf"(?:,? (?:with|where) (?P<order>{_M}))?"
)
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "1": 1, "2": 2, "3": 3}
_COUNT_CLAIM = re.compile(
    rf"there (?:are|is) (?P<n>one|two|three) {_ROOT_NOUN} (?:of|for|to) (?P<r>{_M})"
    rf"|(?P<r2>{_M}) has (?P<n2>two|three) {_ROOT_NOUN}"
)


_IN_THE_FORM = re.compile(
    rf"(?:(?P<e>{_M})|the equation of the line) (?:could be|is) (?:written|expressed|rewritten) (?:in the form|as) "
    rf"(?P<f>{_M})"
)
_LINE_THROUGH = re.compile(
    rf"(?:a|the) line(?: (?P<name>{_M}))? (?:passes|is drawn|goes|is) through (?P<pq>{_M} and {_M})"
)


def _point_statement(rd: _Reading, s: str) -> bool | None:
    """ "⟦P⟧ is ⟦(5, 3)⟧", "⟦M⟧ is ⟦midpoint⟧", "⟦A⟧ is one endpoint": None when ``s`` is not about points."""
    m = re.fullmatch(rf"(?:suppose |let |if |given that )?(?P<a>{_M}) (?:is|be) (?P<b>{_M})(?: and (?P<rest>.+))?", s)
    if m is None:
        m2 = re.fullmatch(rf"(?:suppose |given that )?(?P<a>{_M}) is (?:one|an|the other) endpoint", s)
        if m2 is None:
            return None
        return _as_point(rd, _segments(m2.group("a"))[0]) is not None and _mark(rd, m2.group("a"), points=True)
    (a,), (b,) = _segments(m.group("a")), _segments(m.group("b"))
    name = rd.objs[a].name if rd.kinds.get(a) == "letter" and isinstance(rd.objs[a], sp.Symbol) else ""
    if re.fullmatch(r"[A-Z]", name) and name not in rd.points and rd.kinds.get(b) == "point":
        rd.points[name] = rd.objs[b]  # "Suppose ⟦P⟧ is the point ⟦(5, 3)⟧": a name for the point
    pa, pb = _as_point(rd, a), _as_point(rd, b)
    if (
        pa is None
        or pb is None
        or "point" not in (rd.kinds.get(a), rd.kinds.get(b))
        and not ({str(rd.objs[a]), str(rd.objs[b])} & set(rd.points))
    ):
        return None  # "⟦A⟧ is ⟦B⟧" is about points only when one of them is known to be a point
    _mark(rd, m.group(0)[: m.end("b")], points=True)
    for u, v in zip(pa, pb, strict=True):
        if sp.simplify(u - v) != 0:
            rd.relations.append(_new(rd, "relation", sp.Eq(u, v)))
            if (isinstance(u, sp.Symbol) and v.is_number) or (isinstance(v, sp.Symbol) and u.is_number):
                rd.naming.add(rd.made)  # "⟦(m, n)⟧": n = 2 only names a coordinate
    return _statement(rd, m.group("rest")) if m.group("rest") else True


def _mark(rd: _Reading, ms: str, points: bool = False) -> bool:
    rd.used.update(_segments(ms))
    if points:
        _commit(rd, _segments(ms))
    return True


def _take_relations(rd: _Reading, ms: str) -> bool:
    for i in _segments(ms):
        if rd.kinds.get(i) == "definition":
            rd.used.add(i)
            continue
        if rd.kinds.get(i) != "relation":
            return False
        rd.used.add(i)
        rd.relations.append(i)
    return True


def _statement(rd: _Reading, sentence: str) -> bool:
    """Read one statement sentence into the reading; False when it says something not understood."""
    s = sentence.strip(" ,.;:")
    verbal = verbal_statement(rd, s)  # numbers stated in words, a variation law
    if verbal is not None:
        return verbal
    m = _ROOT.fullmatch(s)
    if m:
        v, r = _segments(m.group("v"))[0], _segments(m.group("r"))[0]
        if rd.kinds.get(v) not in ("expression", "letter") or rd.kinds.get(r) != "relation":
            return False
        if not isinstance(rd.objs[r], sp.Equality):
            return False
        rd.used.update((v, r))
        rd.roots.append((v, r))
        return True
    if not s:
        return True
    about_points = _point_statement(rd, s)
    if about_points is not None:
        return about_points
    m = _NAMED_ROOTS.fullmatch(s) or _NAMED_ROOTS_LET.fullmatch(s)
    if m and rd.kinds.get(_segments(m.group("r"))[0]) == "relation":
        names = _segments(m.group("names"))
        order = _segments(m.group("order") or "")
        if len(names) != 2 or not all(rd.kinds.get(i) == "letter" for i in names):
            return False
        if order and rd.kinds.get(order[0]) != "relation":
            return False
        rd.used.update(names + order + _segments(m.group("r")))
        rd.named_roots.append(
            ([str(rd.objs[i]) for i in names], _segments(m.group("r"))[0], order[0] if order else None)
        )
        return True
    m = re.fullmatch(rf"the solution of (?P<r>{_M}) is (?:expressed|written) in the form (?P<f>{_M})", s)
    if m:
        return _interval_form(rd, _segments(m.group("r"))[0], _segments(m.group("f"))[0])
    m = _IN_THE_FORM.fullmatch(s)
    if m:
        return _in_the_form(rd, _segments(m.group("e"))[0] if m.group("e") else None, _segments(m.group("f"))[0])
    m = _LINE_THROUGH.fullmatch(s)
    if m and (not m.group("name") or isinstance(rd.objs.get(_segments(m.group("name"))[0]), sp.Symbol)):
        p, q = (_as_point(rd, i) for i in _segments(m.group("pq")))
        if p is None or q is None:
            return False
        rd.line = (p, q)
        return _mark(rd, m.group("pq"), points=True) and _mark(rd, m.group(0))
    m = re.fullmatch(rf"(?:a |the )?triangle has vertices (?:at )?(?:coordinates )?(?P<ms>{_MS})", s)
    if m and not rd.polygon:
        corners = [
            p
            for i in _segments(m.group("ms"))
            for p in (rd.objs[i] if rd.kinds.get(i) == "point_list" else [_as_point(rd, i)])
        ]
        if len(corners) != 3 or None in corners:
            return False
        rd.polygon = [c for c in corners if c is not None]
        return _mark(rd, m.group("ms"), points=True)
    m = re.fullmatch(rf"(?P<ms>{_M} and {_M}) are the endpoints of a diameter of (?:a|the) circle", s)
    if m and rd.circle is None:
        p, q = (_as_point(rd, i) for i in _segments(m.group("ms")))
        if p is None or q is None:
            return False
        rd.circle = (_midpoint(p, q)[1], _distance(p, q)[1] / 2)
        return _mark(rd, m.group("ms"), points=True)
    m = re.fullmatch(rf"(?:the graphs of )?(?P<ms>{_M} and {_M}) intersect (?:at|in) (?P<n>one|two|three) points?", s)
    if m:
        rd.system_counts.append((_segments(m.group("ms")), _COUNT_WORDS[m.group("n")]))
        return _take_relations(rd, m.group("ms"))
    if re.fullmatch(r"⟦\d+⟧", s) and rd.kinds.get(_segments(s)[0]) == "expression" and rd.told is None:
        rd.told = _segments(s)[0]  # placed only when the question names "the expression" (see _fill)
        return True
    m = re.fullmatch(rf"the function (?P<f>{_M}) is defined (?:above|below)", s)
    if m:  # the definition is a segment of its own, read with the others
        (i,) = _segments(m.group("f"))
        return rd.kinds.get(i) == "letter" and str(rd.objs[i]) in rd.ctx.functions and _mark(rd, m.group("f"))
    m = re.fullmatch(rf"(?P<n>{_M}) satisf(?:y|ies) the (?:inequality|equation|system)", s)
    if m:  # "if ⟦x⟧ satisfies the inequality above": names the unknown of a relation already told
        (i,) = _segments(m.group("n"))
        told = [rd.objs[r].free_symbols for r in rd.relations]
        return rd.kinds.get(i) == "letter" and any(rd.objs[i] in f for f in told) and _mark(rd, m.group("n"))
    m = _COUNT_CLAIM.fullmatch(s)
    if m:
        r = _segments(m.group("r") or m.group("r2"))[0]
        rd.counts.append((r, _COUNT_WORDS[m.group("n") or m.group("n2")]))
        return _take_relations(rd, f"⟦{r}⟧")
    m = _DEFINED.fullmatch(s)
    if m:
        f, ms = (m.group("f"), m.group("ms")) if m.group("f") else (m.group("f2"), m.group("ms2"))
        i = _segments(f)[0]
        if rd.kinds.get(i) != "letter" or str(rd.objs[i]) not in rd.ctx.functions:
            return False
        rd.used.add(i)
        return _take_relations(rd, ms)
    m = _OBJECT_IS.fullmatch(s)
    if m:
        return _take_relations(rd, m.group("ms") or m.group("ms_b"))
    m = _DESCRIBED.fullmatch(s)
    if m:
        return _take_relations(rd, m.group("ms")) if m.group("ms") else len(rd.relations) == 1
    m = _STATEMENT_LEAD.match(s)
    if m:
        return _take_relations(rd, m.group("ms")) and _statement(rd, s[m.end() :])
    m = _DECL.fullmatch(s)
    if m and _declare(rd, m.group("names"), m.group("qual"), m.group("noun")):
        return True
    m = re.fullmatch(rf"(?P<decl>.+? (?:is|are) .+?) (?:for which|such that|so that|satisfying) (?P<ms>{_MS})", s)
    if m and _DECL.fullmatch(m.group("decl")):
        return _statement(rd, m.group("decl")) and _take_relations(rd, m.group("ms"))
    m = re.fullmatch(rf"(?:if |suppose |given that )?(?P<a>{_M}) is (?P<b>{_M})(?:,? and (?P<rest>.+))?", s)
    ab = _segments(m.group("a")) + _segments(m.group("b")) if m else []
    if m and all(rd.kinds.get(i) in ("expression", "letter") for i in ab):  # "⟦mean⟧ is ⟦10⟧"
        rd.used.update(ab)
        rd.relations.append(_new(rd, "relation", sp.Eq(rd.objs[ab[0]], rd.objs[ab[1]])))
        return _statement(rd, m.group("rest")) if m.group("rest") else True
    m = _RELATIONS.fullmatch(s)
    if m:
        return _take_relations(rd, m.group("ms"))
    # "⟦0⟧, where ⟦1⟧ is a constant": a relation and a declaration
    m = re.fullmatch(r"(?P<head>.*?),? (?P<decl>(?:where|and) .*)", s)
    if m and _DECL.fullmatch(m.group("decl")):
        d = _DECL.fullmatch(m.group("decl"))
        assert d is not None
        return _statement(rd, m.group("head")) and _declare(rd, d.group("names"), d.group("qual"), d.group("noun"))
    return False


def _classify(rd: _Reading) -> bool:
    defs = _read_definitions(rd.problem, rd.ctx)
    placed = set(_segments(rd.problem.text))
    for i, src in enumerate(rd.problem.math):
        if i not in placed:
            return False
        if i in defs:
            rd.kinds[i] = "definition"
            continue
        if src.strip() in rd.ctx.functions:
            rd.kinds[i], rd.objs[i] = "letter", sp.Symbol(src.strip())
            continue
        if src.strip() in ("\\%", "%"):  # "50$\%$": the sign alone
            rd.kinds[i], rd.objs[i] = "percent_sign", sp.Rational(1, 100)
            continue
        if re.fullmatch(r"\(([^()]*),([^()]*)\)\s*=\s*\(([^()]*),([^()]*)\)", src.strip()):  # (x, y) = (3, 9)
            a, b, c, d = (_parse(t, rd.ctx) for t in re.findall(r"[^(),=]+", src.strip()) if t.strip())
            rd.kinds[i], rd.objs[i] = "relation", sp.And(sp.Eq(a, c), sp.Eq(b, d))
            continue
        items = _top_level_items(src.strip())
        if len(items) > 1 and all(_POINT_ITEM.fullmatch(t) for t in items):  # "(1, 2), (7, 10)": several points
            points = [_point_item(rd, t) for t in items]
            rd.kinds[i], rd.objs[i] = "point_list", points
            continue
        named = _POINT_LITERAL.fullmatch(src.strip())
        if named and named.group(1) not in rd.ctx.definitions:  # "A(-2, 1)": a point and its name (not F(1, 2))
            rd.kinds[i], rd.objs[i] = "point", sp.Tuple(*(_parse(c, rd.ctx) for c in named.groups()[1:]))
            rd.points[named.group(1)] = rd.objs[i]
            continue
        braced = re.fullmatch(r"\\\{(.+)\\\}", src.strip())
        if braced and "," in braced.group(1):  # "\{5, 8, 10, x\}": a set of numbers, as listed (a repeat kept)
            values = [_parse(t, rd.ctx) for t in _top_level_items(braced.group(1))]
            if not all(isinstance(v, sp.Expr) for v in values):
                return False
            rd.kinds[i], rd.objs[i] = "number_list", values
            continue
        segment = _SEGMENT_LITERAL.fullmatch(src.strip())
        if segment:  # "\overline{AB}": the segment between the points A and B
            rd.kinds[i], rd.objs[i] = "segment_names", segment.groups()
            continue
        obj = _parse(re.sub(r"\s*,?\s*(?:\\text\{\s*and\s*\})?\s*$", "", src), rd.ctx)  # "x - y = 18,\text{ and}"
        rd.objs[i] = obj
        if isinstance(obj, (sp.Equality, sp.Unequality, sp.core.relational.Relational, sp.And)):
            rd.kinds[i] = "relation"
        elif isinstance(obj, sp.Symbol) and len(obj.name) == 1:
            rd.kinds[i] = "letter"
        elif isinstance(obj, sp.Tuple) and len(obj) == 2 and all(isinstance(v, sp.Expr) for v in obj):
            rd.kinds[i] = "point"
        elif isinstance(obj, sp.Expr):
            rd.kinds[i] = "expression"
        else:
            return False
    return True


def _relation_texts(obj: Any) -> list[str]:
    if isinstance(obj, sp.And):
        return [t for arg in obj.args for t in _relation_texts(arg)]
    if isinstance(obj, sp.Equality):
        return [f"{obj.lhs} = {obj.rhs}"]
    if isinstance(obj, sp.Unequality):
        return [f"{obj.lhs} != {obj.rhs}"]
    if isinstance(obj, sp.core.relational.Relational):
        return [f"{obj.lhs} {obj.rel_op} {obj.rhs}"]
    raise Decline("not a relation")


def _fill(rd: _Reading, form: QuestionForm, slots: dict[str, int]) -> Target | None:
    for slot, i in slots.items():
        if rd.kinds.get(i) not in _TYPES[slot[0]]:
            return None
        rd.used.add(i)
        if slot[0] == "r":
            rd.relations.append(i)
    letters = sorted(
        {s.name for i in rd.relations for s in rd.objs[i].free_symbols}
        | {s.name for f in rd.ctx.functions.values() for s in f[1].free_symbols if s != f[0]}
    )
    unknowns = [name for name in letters if name not in _givens(rd)]
    if form.target["kind"] == "option" and any(
        slot[0] == "p" and [str(c) for c in rd.objs[i]] != unknowns for slot, i in slots.items()
    ):
        return None  # "which ordered pair ⟦(x, y)⟧": the pair names the unknowns, in the order the options give them
    values: dict[str, str] = {}
    for slot, i in slots.items():
        obj = rd.objs[i]
        if slot[0] == "e" and isinstance(obj, sp.Symbol) and obj.name in rd.points:
            obj = rd.points[obj.name]  # "find ⟦T⟧": the point T's coordinates
        if slot[0] == "r":
            values[slot] = _relation_texts(obj)[0]
        else:
            values[slot] = str(obj) if slot[0] != "p" else f"({obj[0]}, {obj[1]})"
    values["var"] = unknowns[0] if len(unknowns) == 1 else ""
    values["only"] = ""
    if len(rd.relations) == 1 and not rd.ctx.functions:
        values["only"] = _relation_texts(rd.objs[rd.relations[0]])[0]
    elif len(rd.ctx.functions) == 1 and not rd.relations:
        values["only"] = next(iter(rd.ctx.functions))
    if rd.told is not None and "{only}" in str(form.target.get("expr")) and not any(s[0] == "e" for s in slots):
        values["only"] = str(rd.objs[rd.told])  # "the expression above"
        rd.used.add(rd.told)
    data: dict[str, Any] = {}
    for key, tmpl in form.target.items():
        if isinstance(tmpl, str):
            data[key] = _template(tmpl, values)
            if data[key] is None:
                return None
        elif isinstance(tmpl, list):
            if tmpl == ["{roman}"]:
                data[key] = []  # filled by the caller
                continue
            data[key] = [v for v in (_template(t, values) for t in tmpl) if v]
        else:
            data[key] = tmpl
    if "expr" in data and data["expr"] and form.name in ("slope_through_points", "distance"):
        data["expr"] = _point_formula(rd, slots, form.name)
    if form.name == "remainder":  # the remainder theorem: P at the divisor's zero
        divisor = _linear_divisor(rd.objs[slots["e1"]], rd.objs[slots["e2"]])
        if divisor is None:
            return None
        data["expr"] = str(rd.objs[slots["e1"]])
        rd.relations.append(_new(rd, "relation", sp.Eq(divisor, 0)))
    return Target(**data)


def _linear_divisor(poly: Any, divisor: Any) -> sp.Expr | None:
    """``divisor`` when it has degree 1 and both are polynomials in the same one letter; else None (no zero to
    put into ``poly``: long division is not read here)."""
    if not (isinstance(poly, sp.Expr) and isinstance(divisor, sp.Expr)):
        return None
    letters = poly.free_symbols | divisor.free_symbols
    if len(letters) != 1 or divisor.free_symbols != letters:
        return None
    x = next(iter(letters))
    if not (poly.is_polynomial(x) and divisor.is_polynomial(x)) or sp.degree(divisor, x) != 1:
        return None
    return divisor


def _template(tmpl: str, values: dict[str, str]) -> str | None:
    """``"{n1}{var}"`` (placeholders only): the first alternative that has a value; other text: filled in."""
    names = _PLACEHOLDER_ANY.findall(tmpl)
    if not names:
        return tmpl
    if _PLACEHOLDER_ANY.sub("", tmpl) == "":
        return next((values[n] for n in names if values.get(n)), None)
    if not all(values.get(n) for n in names):
        return None
    return _PLACEHOLDER_ANY.sub(lambda m: values[m.group(1)], tmpl)


_PLACEHOLDER_ANY = re.compile(r"\{(\w+)\}")


def _point_formula(rd: _Reading, slots: dict[str, int], name: str) -> str:
    (x1, y1), (x2, y2) = rd.objs[slots["p1"]], rd.objs[slots["p2"]]
    if name == "distance":
        return f"sqrt((({x2}) - ({x1}))**2 + (({y2}) - ({y1}))**2)"
    if sp.simplify(x2 - x1) == 0:
        raise Decline("The line through the two points is vertical: it has no slope.")
    return f"(({y2}) - ({y1}))/(({x2}) - ({x1}))"


def _givens(rd: _Reading) -> dict[str, str]:
    out = {}
    for i in rd.relations:
        obj = rd.objs[i]
        if isinstance(obj, sp.Equality) and isinstance(obj.lhs, sp.Symbol) and obj.rhs.is_number:
            out[obj.lhs.name] = str(obj.rhs)
    return out


_ROMAN = re.compile(r"\b(I{1,3}|IV)\s*[.):]\s*(⟦\d+⟧)")
_ROMAN_OPTION = re.compile(r"^(?:(?:I{1,3}|IV)(?:,? (?:and )?)?)+(?: only)?$|^(?:none|neither|all three)", re.I)


def _read(prob: Problem) -> MathProgram | None:
    if prob.has_figure or not prob.math:
        return None
    text = prob.text
    statements: list[str] = []
    for m in _ROMAN.finditer(text):
        statements.append(m.group(2))
    if statements:
        if not prob.options or not all(_ROMAN_OPTION.match(t.strip()) for _, t in prob.options):
            return None
        text = _ROMAN.sub(" ", text)
    ctx = Context(problem=prob)
    rd = _Reading(problem=prob, ctx=ctx)
    if not _classify(rd):
        return None
    ends = {str(i) for i, src in enumerate(prob.math) if src.rstrip().endswith(".")}  # "$$x^2 = 4.$$What is"
    opening = re.match(rf"\s*{_MS}(?=\s+[A-Z])", text)
    if opening:  # "$$x^2 = 4$$ How many ...": the math that opens the text is told before the question
        ends.add(str(_segments(opening.group(0))[-1]))
    text = re.sub(r"⟦(\d+)⟧(?=\s+[A-Z])", lambda m: m.group(0) + ("." if m.group(1) in ends else ""), text)
    sentences = [s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z⟦])", " ".join(text.split())) if s.strip()]
    if not sentences:
        return None
    *told, question = sentences
    if "; " in question:  # "... can be written in the form ⟦3⟧; compute ⟦4⟧."
        told.append(question[: question.rindex("; ")])
        question = question[question.rindex("; ") + 2 :]
    for s in told:
        if not _statement(rd, _phrases(rd, verbal_text(rd, normalise(s)))):
            return None
    q = _phrases(rd, verbal_text(rd, normalise(question)))
    for _ in range(3):  # "if ⟦0⟧ and ⟦1⟧, what is ..." / "in the equation above, ..." / "if ⟦k⟧ is a constant, ..."
        lead = _LEAD.match(q)
        if (
            lead
            and not lead.group("f")
            and any(rd.kinds.get(i) not in ("relation", "definition") for i in _segments(lead.group(0)))
        ):
            lead = None  # "if ⟦x⟧, ⟦y⟧, and ⟦z⟧ are real numbers for which ...": a declaration, not relations
        if not lead:
            decl = _DECL_LEAD.match(q)
            if decl is None:
                break
            if not _statement(rd, decl.group("decl")):
                return None
            q = q[decl.end() :]
            continue
        if lead.group("f"):
            i = _segments(lead.group("f"))[0]
            if rd.kinds.get(i) != "letter":
                return None
            rd.used.add(i)
        elif _segments(lead.group(0)) and not _take_relations(rd, lead.group(0)):
            return None
        q = q[lead.end() :]
    system = re.search(rf"\bdoes (?P<ms>{_M}(?:(?:,| and|, and) {_M})+) have\b", q)
    if system and all(rd.kinds.get(i) == "relation" for i in _segments(system.group("ms"))):
        _take_relations(rd, system.group("ms"))  # "how many solutions does ⟦0⟧ and ⟦1⟧ have"
        q = q[: system.start("ms")] + "the system" + q[system.end("ms") :]
    d = re.search(rf",? (?:where|and|if) (?:the )?{_NAME_LIST} (?:is|are) .*$", q.rstrip("?. "))
    if d and re.search(r" is defined$", d.group(0)):
        d = None  # "the smallest integer ⟦x⟧ where ⟦e⟧ is defined": what is asked, not a declaration
    if d:  # "..., where ⟦k⟧ is a constant?"
        decl = _DECL.fullmatch(d.group(0).strip(", "))
        if decl is None or not _declare(rd, decl.group("names"), decl.group("qual"), decl.group("noun")):
            return None
        q = q[: d.start()]
    only = "roman_solutions" if statements else None
    q = verbal_question(rd, q)
    q = _integer_asked(rd, _signed_value(rd, q))
    found = match_form(q, rd.kinds, only)
    such = re.search(r" (?:such that|so that) (?P<st>[^,]+)$", q.rstrip("?. "))
    if found is None and such and not _TAIL.search(q.rstrip("?. ")):  # "find ⟦T⟧ such that ⟦Q⟧ is ⟦midpoint⟧"
        if not _statement(rd, such.group("st")):
            return None
        q = q[: such.start()]
        found = match_form(q, rd.kinds, only)
    if found is None:
        t = _TAIL.search(q.rstrip("?. "))
        if t is None or not _take_relations(rd, t.group("ms")):
            return None
        found = match_form(q.rstrip("?. ")[: t.start()].rstrip(" ,"), rd.kinds, only)  # "..., where ⟦x > 0⟧"
        if found is None:
            return None
    form, slots = found
    target = _fill(rd, form, slots)
    if target is None:
        return None
    for v, r in rd.roots:  # the relation holds at that value of its one other letter
        asked = sp.sympify(target.expr).free_symbols if target.expr else set()
        others = rd.objs[r].free_symbols - asked
        if not asked or len(others) != 1:
            return None
        rd.objs[r] = rd.objs[r].subs(others.pop(), rd.objs[v])
        rd.relations.append(r)
    if form.name == "intercept_count":  # "how many y-intercepts": the curve where x = 0
        axis = "x" if "y-intercepts" in q else "y"
        rd.relations.append(_new(rd, "relation", sp.Eq(sp.Symbol(axis), 0)))
    if target.kind == "option" and not _zero_asked(rd, q, slots):
        return None
    if form.name == "sum_of_solutions" and "x-coordinates" in q:
        target.expr = "x"
    if form.name == "solution_difference":  # the two solutions named r_1 and r_2
        if len(rd.relations) != 1:
            return None
        rd.named_roots.append((["r_1", "r_2"], rd.relations.pop(), None))
    if not _place_named_roots(rd, target) or not _counts_hold(rd):
        return None
    if form.name == "roman_solutions" or statements:
        if form.name != "roman_solutions" or not statements:
            return None
        target.statements = [str(rd.objs[int(s.strip("⟦⟧"))]) for s in statements]
        rd.used.update(int(s.strip("⟦⟧")) for s in statements)
    if set(range(len(prob.math))) - rd.used:
        return None  # a segment placed nowhere: a condition we would drop
    if target.kind in ("option", "equivalent") and not prob.options:
        return None
    if target.kind == "value" and target.expr is None:
        return None
    if target.kind == "value" and not _real_or_open(target.expr or ""):
        return None  # "(-125)^(4/3)": SymPy's principal power is complex, the student means the real one
    if target.of and target.of not in ctx.functions and re.fullmatch(r"[a-zA-Z]", target.of):
        if len(rd.relations) != 1:
            return None  # "the minimum value of y": y must be defined by the one relation
        target.of = _relation_texts(rd.objs[rd.relations[0]])[0]
    if prob.rounding is not None:
        target.rounding = prob.rounding
    if target.kind == "value" and prob.form == "in terms of" and not rd.relations:
        letters = _answer_letters(prob.raw)  # "by how much does $x + 10$ exceed $10 - x$? ... in terms of $x$."
        if not letters:
            return None
        target.kind, target.letters = "in_terms_of", letters
    rd.relations = _without_unused_names(rd, target)
    if target.kind == "equivalent":  # "for x != 2": excludes where the expressions are undefined; no test needs it
        rd.relations = [i for i in rd.relations if not isinstance(rd.objs[i], sp.Unequality)]
    relations = [Relation(text) for i in rd.relations for text in _relation_texts(rd.objs[i])]
    givens = _givens(rd)
    relations = [r for r in relations if not _is_given(r.text, givens)]
    relations += [Relation(c) for c in rd.conditions]
    letters = sorted({s.name for i in rd.relations for s in rd.objs[i].free_symbols} | set(rd.domains))
    unknowns = [Unknown(name, rd.domains.get(name, "real")) for name in letters if name not in givens]
    functions = [FunctionDef(name, var.name, str(body)) for name, (var, body) in ctx.functions.items()]
    program = MathProgram(
        target=target,
        unknowns=unknowns,
        givens=givens,
        relations=relations,
        functions=functions,
        options=list(prob.options),
        reader="forms",
        hints=rd.hints + list(form.hints) if rd.relations or not rd.hints else rd.hints,
    )
    program.validate()
    return program


_SIGNED = {"nonzero": "!= 0", "positive": "> 0", "negative": "< 0"}


def _signed_value(rd: _Reading, q: str) -> str:
    """ "find a nonzero value for ⟦a⟧ such that ...": the condition on the letter, and the question without it."""
    m = re.search(r"\ba (non-?zero|positive|negative) value (for|of) ⟦(\d+)⟧", q)
    letter = rd.objs.get(int(m.group(3))) if m else None
    if m is None or not isinstance(letter, sp.Symbol):
        return q
    rd.conditions.append(f"{letter} {_SIGNED[m.group(1).replace('-', '')]}")
    return q[: m.start()] + f"a value {m.group(2)} ⟦{m.group(3)}⟧" + q[m.end() :]


_IN_TERMS = re.compile(r"in terms of ((?:\$[a-zA-Z]\$)(?:(?:,|,? and) \$[a-zA-Z]\$)*)")


def _answer_letters(raw: str) -> list[str]:
    """The letters an answer is to be written in ("in terms of $x$ and $y$"); [] when the text names none."""
    m = _IN_TERMS.search(raw)
    return re.findall(r"\$([a-zA-Z])\$", m.group(1)) if m else []


_INTEGER_ASKED = re.compile(
    r"what is the (?P<way>smallest|least|largest|greatest) (?:possible )?integer (?:that|which) satisf(?:y|ies)"
    r" (?:this|the|these|both|all) (?:conditions?|inequalit(?:y|ies))(?: above)?\??"
)


def _integer_asked(rd: _Reading, q: str) -> str:
    """ "what is the smallest integer that satisfies this condition?" with one letter in what was told: the
    extreme integer value of that letter."""
    m = _INTEGER_ASKED.fullmatch(q)
    letters = {s for i in rd.relations for s in rd.objs[i].free_symbols}
    if m is None or len(letters) != 1:
        return q
    letter = letters.pop()
    segment = next((i for i, obj in rd.objs.items() if obj == letter and rd.kinds.get(i) == "letter"), None)
    if segment is None:
        return q
    rd.domains[letter.name] = "integer"
    return f"what is the {m.group('way')} value of ⟦{segment}⟧"


def _in_the_form(rd: _Reading, e: int | None, f: int) -> bool:
    """ "⟦E⟧ can be written in the form ⟦F⟧": E - F is 0 for every x, so each coefficient of x is 0; "the
    equation of the line can be written in the form ⟦y = mx + b⟧": the form holds at both points of the line."""
    form = rd.objs.get(f)
    if e is None:
        if rd.line is None or not isinstance(form, sp.Equality):
            return False
        for px, py in rd.line:
            rd.relations.append(_new(rd, "relation", form.subs({sp.Symbol("x"): px, sp.Symbol("y"): py})))
        rd.used.add(f)
        rd.hints.append("Put each point's coordinates into the form: that gives one equation per point.")
        return True
    expr = rd.objs.get(e)
    if not (isinstance(expr, sp.Expr) and isinstance(form, sp.Expr)) or len(expr.free_symbols) != 1:
        return False
    x = next(iter(expr.free_symbols))
    if not (form.free_symbols - {x}):
        return False
    try:
        coefficients = sp.Poly(sp.expand(expr - form), x).all_coeffs()
    except sp.PolynomialError:
        return False
    for c in coefficients:
        if c.free_symbols:
            rd.relations.append(_new(rd, "relation", sp.Eq(c, 0)))
        elif c != 0:
            return False
    rd.used.update((e, f))
    rd.hints.append("Expand the form and match the coefficient of each power of x with the given expression.")
    return True


def _zero_asked(rd: _Reading, q: str, slots: dict[str, int]) -> bool:
    """ "which is (not) a zero of ⟦f⟧" adds f(x) = 0, "an x-intercept of the graph of ⟦r⟧" adds y = 0 (the option
    must make it hold); False when the function is not defined. True, adding nothing, for other questions."""
    if re.search(r"\ba zero of ⟦\d+⟧[?. ]*$", q):
        name = str(rd.objs[slots["n1"]])
        if name not in rd.ctx.functions:
            return False
        rd.relations.append(_new(rd, "relation", sp.Eq(rd.ctx.functions[name][1], 0)))
    elif re.search(r"\ban x-intercepts of the graph of ⟦\d+⟧[?. ]*$", q):
        # the x-axis, written 0 = y: a relation each option point must meet, not a given value of y
        rd.relations.append(_new(rd, "relation", sp.Eq(0, sp.Symbol("y"), evaluate=False)))
    return True


def _without_unused_names(rd: _Reading, target: Target) -> list[int]:
    """The relations, less a name given to a point's coordinate that nothing else uses ("the vertex is ⟦(m, n)⟧.
    What is ⟦m⟧?": n = 2 says nothing about m)."""
    value = sp.sympify(target.expr or "0", locals=_symbols(rd))
    asked = {str(s) for s in (sp.Tuple(*value) if isinstance(value, tuple) else value).free_symbols}
    kept = []
    for i in rd.relations:
        rel = rd.objs[i]
        name = (
            next((side for side in (rel.lhs, rel.rhs) if isinstance(side, sp.Symbol)), None) if i in rd.naming else None
        )
        others = [rd.objs[j] for j in rd.relations if j != i]
        if name is not None and name.name not in asked and not any(name in o.free_symbols for o in others):
            continue
        kept.append(i)
    return kept


def _symbols(rd: _Reading) -> dict[str, sp.Symbol]:
    return {s.name: s for i in rd.relations for s in rd.objs[i].free_symbols}


def _interval_form(rd: _Reading, r: int, f: int) -> bool:
    """ "The solution of ⟦-4 < 2(x - 1) < 8⟧ is written in the form ⟦a < x < b⟧": a and b are the interval's ends
    (an end's strictness must match the form's sign)."""
    rel, form = rd.objs.get(r), rd.objs.get(f)
    if not (isinstance(rel, (sp.And, sp.core.relational.Relational)) and isinstance(form, sp.And)):
        return False
    if len(rel.free_symbols) != 1 or len(form.args) != 2:
        return False
    x = next(iter(rel.free_symbols))
    xr = sp.Symbol(x.name, real=True)
    parts = list(rel.args) if isinstance(rel, sp.And) else [rel]
    try:
        found = sp.reduce_inequalities([p.xreplace({x: xr}) for p in parts], xr).as_set()
    except (NotImplementedError, ValueError, TypeError):
        return False
    lower, upper = form.args if form.args[0].rhs == x else form.args[::-1]
    if not (isinstance(found, sp.Interval) and lower.rhs == x and upper.lhs == x):
        return False
    if (lower.rel_op == "<") != bool(found.left_open) or (upper.rel_op == "<") != bool(found.right_open):
        return False
    if not (isinstance(lower.lhs, sp.Symbol) and isinstance(upper.rhs, sp.Symbol)):
        return False
    rd.relations += [
        _new(rd, "relation", sp.Eq(lower.lhs, found.inf)),
        _new(rd, "relation", sp.Eq(upper.rhs, found.sup)),
    ]
    rd.used.update((r, f))
    rd.hints.append("Solve the inequality, then read the ends of the interval.")
    return True


def _place_named_roots(rd: _Reading, target: Target) -> bool:
    """ "⟦a⟧ and ⟦b⟧ are the solutions of ⟦r⟧": r holds at a and at b, and a > b (the order given, or any order
    when the target does not depend on it); False when the target depends on an order nobody gave."""
    for names, r, order in rd.named_roots:
        rel = rd.objs[r]
        a, b = (sp.Symbol(n) for n in names)
        free = rel.free_symbols - {a, b} if isinstance(rel, sp.Equality) else set()
        if len(free) != 1 or not target.expr:
            return False
        x = free.pop()
        rd.relations += [_new(rd, "relation", rel.subs(x, v)) for v in (a, b)]
        if order is not None:
            o = rd.objs[order]
            strict = {">=": sp.Gt, ">": sp.Gt, "<=": sp.Lt, "<": sp.Lt}.get(getattr(o, "rel_op", ""))
            if strict is None or o.free_symbols != {a, b}:
                return False
            rd.relations.append(_new(rd, "relation", strict(o.lhs, o.rhs)))  # two solutions: distinct
            continue
        asked = sp.sympify(target.expr, locals={n: sp.Symbol(n) for n in names})
        if sp.simplify(asked - asked.subs({a: b, b: a}, simultaneous=True)) != 0:
            return False
        rd.relations.append(_new(rd, "relation", sp.Gt(a, b)))  # the target is symmetric: name them in order
    return True


def _counts_hold(rd: _Reading) -> bool:
    """ "⟦r⟧ has two solutions", "the graphs meet at two points": exactly that many real solutions."""
    for rels, n in rd.system_counts:
        eqs = [rd.objs[i] for i in rels]
        if not all(isinstance(e, sp.Equality) for e in eqs):
            return False
        letters = sorted(set().union(*(e.free_symbols for e in eqs)), key=str)
        try:
            found = sp.solve(eqs, letters, dict=True)
        except (NotImplementedError, ValueError, TypeError):
            return False
        real = [f for f in found if len(f) == len(letters) and all(v.is_real for v in f.values())]
        if len({tuple(sorted(f.items(), key=str)) for f in real}) != n:
            return False
    for r, n in rd.counts:
        rel = rd.objs[r]
        if not isinstance(rel, sp.Equality) or len(rel.free_symbols) != 1:
            return False
        x = next(iter(rel.free_symbols))
        try:
            found = sp.solveset(rel.lhs - rel.rhs, x, domain=sp.S.Reals)
        except (NotImplementedError, ValueError, TypeError):
            return False
        if not isinstance(found, sp.FiniteSet) or len(found) != n:
            return False
    return True


def _real_or_open(expr: str) -> bool:
    """False when ``expr`` raises a negative number to a fraction, or has no letters and is not real."""
    try:
        value = sp.sympify(expr, locals={n: sp.Symbol(n) for n in ("N", "S", "O", "Q")})  # letters, not SymPy's N()
    except (sp.SympifyError, TypeError, SyntaxError):
        return False
    if isinstance(value, (tuple, sp.Tuple)):  # a point asked for: each coordinate
        return all(_real_or_open(str(v)) for v in value)
    if not isinstance(value, sp.Expr):
        return False
    if any(p.base.is_negative and not p.exp.is_integer for p in value.atoms(sp.Pow)):
        return False
    return bool(value.free_symbols) or value.is_real is not False


def _is_given(text: str, givens: dict[str, str]) -> bool:
    m = re.fullmatch(r"(\w+) = (.+)", text)
    return bool(m and givens.get(m.group(1)) == m.group(2))


def read_forms(prob: Problem) -> MathProgram | None:
    """A program for a problem whose math is all written out and whose question matches a form; else None."""
    try:
        return _read(prob)
    except Decline:
        return None


@reader(
    "forms",
    handles="written-out math with a recognised SAT question form (no vocabulary gate), after the others",
    order=FALLBACK_ORDER,
)
def solve_forms(prob: Problem) -> Solution | None:
    """Read ``prob`` with :func:`read_forms` and solve the program; None when either declines.

    The form's hints come first in the solution's hint ladder (they fit the question asked).
    """
    return _solve_forms(prob, kinds=None)


# forms whose answer is the one option passing a test: these questions are this reader's (not written_math's)
_OPTION_KINDS = frozenset({"option", "equivalent"})


@reader(
    "option_forms",
    handles="a forms question answered by testing each option (equivalent, lies on, factor of, NOT ...)",
    order=540,  # where the option families were, before written_math (920) solves or evaluates the same math
    fallback=True,
)
def solve_option_forms(prob: Problem) -> Solution | None:
    """:func:`solve_forms` for the question forms that test each option; None for every other form."""
    return _solve_forms(prob, kinds=_OPTION_KINDS)


def _solve_forms(prob: Problem, kinds: frozenset[str] | None) -> Solution | None:
    """Read and solve ``prob`` when its form's target kind is among ``kinds`` (any, for None); None otherwise."""
    try:
        program = _read(prob)
        if program is None or (kinds is not None and program.target.kind not in kinds):
            return None
        sol = solve_program(program, prob)
    except Decline:
        return None
    if not sol.solved or (prob.options and sol.choice is None):
        return None  # an option question must end on exactly one option
    if not prob.options and not honour_format(prob, sol):
        return None
    sol.hints = list(dict.fromkeys([*program.hints, *sol.hints]))
    return sol


def write_mixed_number(sol: Solution) -> None:
    """Print a rational answer greater than 1 that is not whole as a mixed number (35/3 as 11 2/3)."""
    value = sol.answer
    if isinstance(value, sp.Rational) and mixed_number(value):
        whole, rest = divmod(abs(value.p), value.q)
        sol.answer_latex = f"{'-' if value < 0 else ''}{whole}\\frac{{{rest}}}{{{value.q}}}"


def honour_format(prob: Problem, sol: Solution) -> bool:
    """Print the answer as the problem asks ("as a decimal", "as a mixed number", "in simplest radical form");
    False when the answer cannot be put that way (an irrational "common fraction" means a misreading)."""
    value = sol.answer
    if not isinstance(value, sp.Expr) or not value.is_number:
        return True
    if re.search(r"\brationali[sz]e\b|\ban integer denominator\b", prob.raw, re.I):  # no root left below
        sol.answer = value = sp.radsimp(value)
        if not sp.fraction(sp.together(value))[1].is_rational:
            return False
        sol.answer_latex = sp.latex(value)
    if prob.form is None or prob.rounding is not None:
        return True
    if prob.form in ("common fraction", "mixed number", "integer") and not isinstance(value, sp.Rational):
        return False
    if prob.form == "integer":
        return bool(value.is_integer)
    if prob.form == "decimal" and not isinstance(value, sp.Rational):
        return False  # an irrational decimal needs a rounding instruction
    if prob.form == "decimal" and isinstance(value, sp.Rational):
        if sp.factorint(value.q).keys() - {2, 5}:
            return False  # a repeating decimal needs a rounding instruction
        sol.answer_latex = decimal_latex(value) or str(sp.Float(value, 30)).rstrip("0").rstrip(".")
    elif prob.form == "mixed number":
        write_mixed_number(sol)
    elif prob.form == "simplest radical form":
        sol.answer = sp.radsimp(value)
        sol.answer_latex = sp.latex(sol.answer)
    return True
