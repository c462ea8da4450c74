"""Read a student's answer in the forms people write, and print an answer in those forms.

A student may answer ``3x - 4 > 5`` with ``x > 3``, ``3 < x`` or ``(3, oo)``, and the x-intercepts
2 and 4 with ``2 and 4``, ``x=2 or x=4``, ``(2,0) and (4,0)`` or ``{2, 4}``. Every such answer is read
into one set of real numbers (a finite set, an interval or a union), so comparing two answers is
comparing two sets: equal is right, a proper subset of a finite answer is "part of the answer".
"""

from __future__ import annotations

import re

import sympy as sp

from .equivalence import to_value

__all__ = ["as_set", "read_answer_set", "printed_forms", "mixed_number"]

_INF = re.compile(r"\\infty|∞|\binfinity\b|\binf\b|\boo\b", re.I)
_PM = re.compile(r"\\pm|±|\+/-|\+-")
_MIXED = re.compile(r"^\s*(-?)(\d+)\s+(\d+)\s*/\s*(\d+)\s*$")
_INTERVAL = re.compile(r"^\s*([(\[])\s*([^,()\[\]]+?)\s*,\s*([^,()\[\]]+?)\s*([)\]])\s*$")
_RELATION = re.compile(r"<=|>=|≤|≥|\\leq?|\\geq?|<|>")
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bor\b|\\text\{\s*(?:and|or)\s*\}|\\cup|∪|\bU\b)\s*")


def as_set(value) -> sp.Set | None:
    """The engine's answer as a set of real numbers (solutions, an interval), or None when it is not one.

    A Python tuple is a list of solutions; a SymPy ``Tuple`` is a point and is not a set.
    """
    if isinstance(value, sp.Set):
        return value
    if isinstance(value, tuple) and value and all(_is_number(v) or _is_point(v) for v in value):
        return sp.FiniteSet(*value)  # solutions, or points such as the two x-intercepts
    if isinstance(value, sp.Expr) and value.is_number and value.is_extended_real:
        return sp.FiniteSet(value)
    if isinstance(value, sp.Rel) and len(value.free_symbols) == 1:
        return _relation_set(value)
    return None


def _is_number(v) -> bool:
    return isinstance(v, sp.Expr) and bool(v.is_number)


def _is_point(v) -> bool:
    return isinstance(v, sp.Tuple) and len(v) == 2 and all(_is_number(c) for c in v)


def read_answer_set(text: str, *, intercepts: bool = False) -> sp.Set | None:
    """Read ``text`` (a list, inequality, interval, set, ± form) as a set of real numbers; None if unreadable.

    With ``intercepts`` a point ``(a, 0)`` counts as the number ``a`` (an x-intercept written as a point).
    """
    s = _normalise(text)
    if not s:
        return None
    if s.startswith("{") and s.endswith("}"):
        s = s[1:-1]
    parts = _top_level_split(s)
    if parts is None:
        return None
    joiners = set(re.findall(r"\b(and|or)\b", _outside_brackets(s)))
    sets = [_part_set(p, intercepts) for p in parts]
    if not sets or any(x is None for x in sets):
        return None
    if all(p_is_relation(p) for p in parts) and joiners == {"and"}:
        return sp.Intersection(*sets)  # "x > 3 and x < 5"
    return sp.Union(*sets)


def p_is_relation(part: str) -> bool:
    """True when ``part`` is an inequality (``x > 3``, ``3 < x``)."""
    return bool(_RELATION.search(part))


def _normalise(text: str) -> str:
    s = (text or "").strip().strip("$").strip()
    s = re.sub(r"\\(?:left|right)(?![a-zA-Z])", "", s)
    s = s.replace("\\{", "{").replace("\\}", "}").replace("−", "-").replace("\\lt", "<").replace("\\gt", ">")
    s = re.sub(r"\\(?:,|;|!| |quad)", " ", s)
    s = _INF.sub("oo", s)
    s = re.sub(r"^(?:[a-zA-Z]\s*(?:=|\\in|∈)\s*)(?=[{(\[])", "", s)  # "x ∈ (3, oo)", "x = {2, 4}"
    return s.rstrip(". ")


def _outside_brackets(s: str) -> str:
    depth, out = 0, []
    for ch in s:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        out.append(ch if depth == 0 else "\x00")  # not a space: the split pattern eats spaces
    return "".join(out)


def _top_level_split(s: str) -> list[str] | None:
    """Split on commas, "and", "or", unions outside brackets; None when the brackets do not balance."""
    outside = _outside_brackets(s)
    if sum(ch in "([{" for ch in s) != sum(ch in ")]}" for ch in s):
        return None
    parts, start = [], 0
    for m in _SPLIT.finditer(outside):
        parts.append(s[start : m.start()])
        start = m.end()
    parts.append(s[start:])
    return [p.strip() for p in parts if p.strip()]


def _part_set(part: str, intercepts: bool) -> sp.Set | None:
    if _PM.search(part):
        plus, minus = _PM.sub("+", part, count=1), _PM.sub("-", part, count=1)
        a, b = _part_set(plus, intercepts), _part_set(minus, intercepts)
        return None if a is None or b is None else sp.Union(a, b)
    mixed = _MIXED.match(part)
    if mixed:
        sign = -1 if mixed.group(1) else 1
        return sp.FiniteSet(sign * (int(mixed.group(2)) + sp.Rational(int(mixed.group(3)), int(mixed.group(4)))))
    interval = _interval(part)
    if interval is not None:
        return interval
    if p_is_relation(part):
        return _inequality_set(part)
    value = to_value(part)
    if isinstance(value, sp.Tuple) and len(value) == 2 and intercepts and value[1] == 0:
        value = value[0]  # "(2, 0)" names the x-intercept 2
    if isinstance(value, sp.Expr) and value.is_number and value.is_extended_real:
        return sp.FiniteSet(value)
    if _is_point(value):
        return sp.FiniteSet(value)
    return None


def _interval(part: str) -> sp.Set | None:
    m = _INTERVAL.match(part)
    if not m or "oo" not in part and m.group(1) == "(" and m.group(4) == ")":
        return None  # "(2, 4)" alone is a point or a pair of values, not an interval
    ends = []
    for raw in (m.group(2), m.group(3)):
        raw = raw.replace(" ", "")
        value = {"oo": sp.oo, "+oo": sp.oo, "-oo": -sp.oo}.get(raw)
        if value is None:
            value = to_value(raw)
        if not isinstance(value, sp.Expr) or not (value.is_number and value.is_extended_real):
            return None
        ends.append(value)
    return sp.Interval(ends[0], ends[1], left_open=m.group(1) == "(", right_open=m.group(4) == ")")


def _inequality_set(part: str) -> sp.Set | None:
    text = part.replace("≤", "<=").replace("≥", ">=")
    text = re.sub(r"\\leq?(?![a-zA-Z])", "<=", text)
    text = re.sub(r"\\geq?(?![a-zA-Z])", ">=", text)
    pieces = re.split(r"(<=|>=|<|>)", text)
    if len(pieces) not in (3, 5):
        return None
    values = [to_value(p) if not re.fullmatch(r"\s*-?oo\s*", p) else None for p in pieces[::2]]
    symbols = {s for v in values if isinstance(v, sp.Basic) for s in v.free_symbols}
    if None in values or len(symbols) != 1:
        return None
    var = symbols.pop()
    ops = {"<": sp.StrictLessThan, ">": sp.StrictGreaterThan, "<=": sp.LessThan, ">=": sp.GreaterThan}
    result: sp.Set = sp.S.Reals
    for k, op in enumerate(pieces[1::2]):
        found = _relation_set(ops[op](values[k], values[k + 1]), var)
        if found is None:
            return None
        result = sp.Intersection(result, found)
    return result


def _relation_set(rel, var=None) -> sp.Set | None:
    var = var or next(iter(rel.free_symbols))
    try:
        return sp.solveset(rel, var, domain=sp.S.Reals)
    except (NotImplementedError, TypeError, ValueError):
        return None


def mixed_number(value: sp.Rational) -> str | None:
    """``20/9`` -> ``"2 2/9"``; None for an integer or a proper fraction."""
    if not isinstance(value, sp.Rational) or value.is_integer or abs(value) < 1:
        return None
    whole, rest = divmod(abs(value.p), value.q)
    return f"{'-' if value < 0 else ''}{whole} {rest}/{value.q}"


def printed_forms(answer, answer_latex: str | None) -> list[str]:
    """Ways a person writes the engine's answer: its LaTeX, plain text, and for sets and lists the other notations.

    Returns distinct strings; the first is the answer's own LaTeX.
    """
    forms = [answer_latex] if answer_latex else []
    if isinstance(answer, sp.Basic) and not isinstance(answer, sp.Set):
        forms.append(_plain(answer))
    if isinstance(answer, sp.Rational):
        forms.append(mixed_number(answer) or "")
    values = as_set(answer)
    if isinstance(values, sp.FiniteSet) and len(values) > 1:
        items = [_plain(v) for v in values]
        forms += [" and ".join(items), " or ".join(f"x = {v}" for v in items), "{" + ", ".join(reversed(items)) + "}"]
    elif isinstance(values, sp.Interval) and values.measure is not sp.S.Zero:
        forms += _interval_forms(values)
    return list(dict.fromkeys(f for f in forms if f))


def _plain(value: sp.Basic) -> str:
    """Plain text as a person types it: ``x^2``, ``2 + 3i``, ``y = 2x + 3``."""
    if isinstance(value, sp.Equality):
        return f"{_plain(value.lhs)} = {_plain(value.rhs)}"
    text = sp.sstr(value).replace("**", "^")
    return re.sub(r"\*?\bI\b", "i", text)


def _interval_forms(interval: sp.Interval) -> list[str]:
    lo, hi = interval.start, interval.end
    less = "<" if interval.right_open else "<="
    more = ">" if interval.left_open else ">="
    rev = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
    forms = [
        f"{'(' if interval.left_open else '['}{sp.sstr(lo) if lo.is_finite else '-oo'}, "
        f"{sp.sstr(hi) if hi.is_finite else 'oo'}{')' if interval.right_open else ']'}"
    ]
    if lo.is_finite and not hi.is_finite:
        forms += [f"x {more} {sp.sstr(lo)}", f"{sp.sstr(lo)} {rev[more]} x"]
    elif hi.is_finite and not lo.is_finite:
        forms += [f"x {less} {sp.sstr(hi)}", f"{sp.sstr(hi)} {rev[less]} x"]
    elif lo.is_finite and hi.is_finite:
        forms.append(f"{sp.sstr(lo)} {'<' if interval.left_open else '<='} x {less} {sp.sstr(hi)}")
    return forms
