"""Word problems in their common phrasings: percent, ratio and rate, mean/median/range, points and lines.

Each solver matches the whole question against a phrasing; anything else is
left to the other solvers (which decline on unknown words), so a word problem is
never answered from its numbers alone.
"""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution
from .build import Decline, rounded, solved, step, tex
from .parse import ParseFailure, parse_math
from .problem import Problem, strip_format

__all__ = ["solve_wording"]

NUM = r"(-?\d+(?:,\d{3})*(?:\.\d+)?(?:/\d+)?)"
PCT = NUM + r"\s*(?:%|percent)"


def _n(text: str) -> sp.Expr:
    """An exact rational from ``"1,200"``, ``"2.5"`` or ``"3/4"``."""
    return sp.Rational(text.replace(",", ""))


def _plain(prob: Problem) -> str:
    """The raw question in one lower-case line with math delimiters removed."""
    s = strip_format(prob.raw).lower().replace("\\%", "%").replace("$", " ").replace("\\", " ")
    s = re.sub(r"\s+", " ", s).strip().rstrip(" .")
    return s


def _finish(prob: Problem, topic: str, steps, hints, value, verification: str) -> Solution:
    if prob.rounding is not None:
        value = rounded(value, prob.rounding)
    return solved(prob.raw, topic, steps, hints, value, verification=verification)


_PERCENT_HINTS = [
    "Percent means per hundred: write the percent as a fraction of 100.",
    "Decide which number is the whole and which is the part.",
    "Use part = percent/100 × whole and solve for the missing quantity.",
]


def _paren_tex(value: sp.Expr) -> str:
    return f"\\left({tex(value)}\\right)" if value.is_negative else tex(value)


def _rule_latex(rule: str, fn, a, b) -> str:
    """A rule such as ``p% of w = p/100 × w`` as LaTeX with the problem's numbers: ``\\frac{15}{100} \\times 80``."""
    first, second = fn.__code__.co_varnames[:2]
    names = {first: a, second: b, "old": a, "new": b}
    expr = rule.split("=")[-1].strip()
    expr = re.sub(r"\(([^()]+)\)/(\w+)", r"\\frac{\1}{\2}", expr)
    expr = re.sub(r"\b(\w+)/(\w+)", r"\\frac{\1}{\2}", expr)
    expr = expr.replace("×", r"\times").replace("÷", r"\div")
    return re.sub(
        r"(?<!\\)\b(old|new|[a-z])\b",
        lambda m: _paren_tex(sp.nsimplify(names[m.group(1)])) if m.group(1) in names else m.group(0),
        expr,
    )


def _percents_in(s: str) -> list[str]:
    return re.findall(r"(-?\d+(?:\.\d+)?)\s*(?:%|percent\b)", s)


def _percent(prob: Problem, s: str) -> Solution | None:
    patterns = [
        (rf"^what is {PCT} of {NUM}\s*\??$", lambda p, w: p / 100 * w, "p% of w = p/100 × w"),
        (rf"^find {PCT} of {NUM}\s*\.?$", lambda p, w: p / 100 * w, "p% of w = p/100 × w"),
        (rf"^{NUM} is what (?:percent|%) of {NUM}\s*\??$", lambda a, b: a / b * 100, "a/b × 100"),
        (rf"^what (?:percent|%) of {NUM} is {NUM}\s*\??$", lambda b, a: a / b * 100, "a/b × 100"),
        (rf"^{NUM} is {PCT} of what number\s*\??$", lambda a, p: a / (p / 100), "a ÷ (p/100)"),
        (rf"^{PCT} of what number is {NUM}\s*\??$", lambda p, a: a / (p / 100), "a ÷ (p/100)"),
        (
            rf"^what (?:number|value) is {NUM} increased by {PCT}\s*\??$",
            lambda w, p: w * (1 + p / 100),
            "w × (1 + p/100)",
        ),
        (
            rf"^what (?:number|value) is {NUM} decreased by {PCT}\s*\??$",
            lambda w, p: w * (1 - p / 100),
            "w × (1 - p/100)",
        ),
        (rf"^(?:what is )?{NUM} increased by {PCT}\s*\??$", lambda w, p: w * (1 + p / 100), "w × (1 + p/100)"),
        (rf"^(?:what is )?{NUM} decreased by {PCT}\s*\??$", lambda w, p: w * (1 - p / 100), "w × (1 - p/100)"),
        (
            rf"^if {NUM} is (?:reduced|decreased|lowered) to {NUM},? (?:then )?what is the (?:reduction|decrease) "
            rf"(?:percent|percentage|%)\s*\??$",
            lambda a, b: (a - b) / a * 100,
            "(old - new)/old × 100",
        ),
        (
            rf"^if {NUM} is (?:increased|raised) to {NUM},? (?:then )?what is the increase (?:percent|percentage"
            rf"|%)\s*\??$",
            lambda a, b: (b - a) / a * 100,
            "(new - old)/old × 100",
        ),
        (
            rf"^(?:what is the )?percent(?:age)? (?:increase|change) from {NUM} to {NUM}\s*\??$",
            lambda a, b: (b - a) / a * 100,
            "(new - old)/old × 100",
        ),
        (
            rf"^(?:what is the )?percent(?:age)? decrease from {NUM} to {NUM}\s*\??$",
            lambda a, b: (a - b) / a * 100,
            "(old - new)/old × 100",
        ),
        (
            rf"^by what percent(?:age)? is {NUM} (?:more|greater|larger) than {NUM}\s*\??$",
            lambda a, b: (a - b) / b * 100,
            "(a - b)/b × 100",
        ),
        (
            rf"^by what percent(?:age)? is {NUM} (?:less|smaller) than {NUM}\s*\??$",
            lambda a, b: (b - a) / b * 100,
            "(b - a)/b × 100",
        ),
        (rf"^what (?:number )?is {NUM} more than {NUM}\s*\??$", lambda a, b: b + a, "b + a"),
        (rf"^what (?:number )?is {NUM} less than {NUM}\s*\??$", lambda a, b: b - a, "b - a"),
    ]
    chain = re.match(rf"^(?:what is|find|calculate) ((?:{PCT} of )+){NUM}(?: [a-z]+)?\s*\??$", s)
    if chain and chain.group(0).count("%") + chain.group(0).count("percent") >= 2:
        pcts = [_n(p) for p in re.findall(r"(-?\d+(?:\.\d+)?)\s*(?:%|percent)", chain.group(1))]
        value = _n(chain.groups()[-1])
        for p in pcts:
            value = p / 100 * value
        product = r" \times ".join(
            [rf"\frac{{{tex(sp.nsimplify(p))}}}{{100}}" for p in pcts]
            + [_paren_tex(sp.nsimplify(_n(chain.groups()[-1])))]
        )
        steps = [
            step(product, "Apply the percents one after another: each one as a fraction of 100."),
            step(f"{product} = {tex(sp.nsimplify(value))}", "Compute the result."),
        ]
        return _finish(
            prob, "percent", steps, _PERCENT_HINTS, sp.nsimplify(value), "computed exactly with rational arithmetic"
        )
    for pattern, fn, rule in patterns:
        m = re.match(pattern, s)
        if m:
            a, b = (_n(g) for g in m.groups())
            value = sp.nsimplify(fn(a, b))
            work = _rule_latex(rule, fn, a, b)
            hints = [f"Write the percent as a fraction of 100: {p}% = {p}/100." for p in _percents_in(s)][
                :1
            ] + _PERCENT_HINTS[1:]
            steps = [
                step(work, "Write the relationship between part, whole and percent, with the numbers put in."),
                step(f"{work} = {tex(value)}", "Compute the result."),
            ]
            return _finish(
                prob,
                "percent",
                steps,
                hints if len(hints) == 3 else _PERCENT_HINTS,
                value,
                "computed exactly with rational arithmetic",
            )
    return None


def _numbers_list(text: str) -> list[sp.Expr] | None:
    items = [t for t in re.split(r"\s*(?:,|\band\b)\s*", text.strip(" .?:")) if t]
    if len(items) < 2:
        return None
    try:
        values = [parse_math(t) for t in items]
    except ParseFailure:
        return None
    if not all(isinstance(v, sp.Expr) and v.is_number for v in values):
        return None
    return [sp.nsimplify(v) for v in values]


_STAT = r"(arithmetic mean|mean|average|median|range|mode)"


def _stat_request(s: str) -> tuple[str, str] | None:
    """(statistic, list text) from "the median of 3, 9, 1" or "$$3, 9, 1$$ What is the median of the list above?"."""
    m = re.match(
        rf"^(?:what is |find |compute )?the {_STAT} of "
        r"(?:the (?:following )?(?:list of numbers|numbers|values|data set|data|set|list)\s*:?\s*)?(.+?)\s*\??$",
        s,
    )
    if m:
        return m.group(1), m.group(2)
    m = re.match(
        rf"^([-\d.,\s]+?)\s*\.?\s*(?:what is |find )?the {_STAT} of the (?:list of numbers|numbers|values|"
        r"data set|data|list)(?: (?:shown|given|listed))? above\s*\??$",
        s,
    )
    return (m.group(2), m.group(1)) if m else None


def _statistics(prob: Problem, s: str) -> Solution | None:
    request = _stat_request(s)
    if request is None:
        return None
    kind, listed = request
    values = _numbers_list(listed)
    if values is None:
        return None
    kind = kind.replace("arithmetic ", "").replace("average", "mean")
    ordered = sorted(values, key=float)
    if kind == "mean":
        value = sp.Add(*values) / len(values)
        work = step(
            r"\frac{" + " + ".join(tex(v) for v in values) + "}{" + str(len(values)) + "}",
            "Add the numbers and divide by how many there are.",
        )
    elif kind == "median":
        n = len(ordered)
        value = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
        work = step(tex(ordered), "Sort the numbers and take the middle one (or the mean of the middle two).")
    elif kind == "range":
        value = ordered[-1] - ordered[0]
        work = step(f"{tex(ordered[-1])} - {tex(ordered[0])}", "Subtract the smallest number from the largest.")
    else:
        counts = {v: values.count(v) for v in values}
        top = max(counts.values())
        modes = [v for v, c in counts.items() if c == top]
        if len(modes) != 1 or top == 1:
            raise Decline("The list has no single mode.")
        value = modes[0]
        work = step(tex(ordered), "Sort the numbers and find the one that appears most often.")
    hints = [f"Recall the definition of the {kind}.", "Sorting the list first makes it easier to read.", work.text]
    result = tex(sp.nsimplify(value))
    total = rf"\frac{{{tex(sp.Add(*values))}}}{{{len(values)}}}" if kind == "mean" else result
    if kind in ("mean", "range") and len(work.latex) < 100:  # one line: the sum over the count, then the value
        shown = " = ".join(dict.fromkeys((work.latex, total, result)))
        steps = [step(tex(values), "List the numbers."), step(shown, f"{work.text} This is the {kind}.")]
    else:
        steps = [
            step(tex(values), "List the numbers."),
            work,
            step(f"\\text{{{kind}}} = {result}", f"This is the {kind}."),
        ]
    return _finish(prob, "statistics", steps, hints, sp.nsimplify(value), "computed exactly from the list")


_POINT = r"\(\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)"


def two_point_work(kind: str, p1, p2) -> str:
    """The slope, distance or midpoint formula with the coordinates put in (LaTeX, without the result)."""
    (x1, y1), (x2, y2) = ((_paren_tex(sp.nsimplify(v)) for v in p) for p in (p1, p2))
    if kind == "slope":
        return rf"m = \frac{{{y2} - {y1}}}{{{x2} - {x1}}}"
    if kind == "distance":
        return rf"d = \sqrt{{({x2} - {x1})^2 + ({y2} - {y1})^2}}"
    return rf"M = \left(\frac{{{x1} + {x2}}}{{2}}, \frac{{{y1} + {y2}}}{{2}}\right)"


def _points(prob: Problem, s: str) -> Solution | None:
    m = re.match(
        rf"^(?:what is |find |compute )?the (slope|distance|midpoint)(?:, in units,)? (?:of the line (?:segment )?)?"
        rf"(?:between|through|passing through|containing|joining|connecting|of the segment with endpoints) "
        rf"(?:the points )?{_POINT},? and {_POINT}\s*\??$",
        s,
    )
    if not m:
        return None
    kind = m.group(1)
    x1, y1, x2, y2 = (_n(g) for g in m.groups()[1:])
    if kind == "slope":
        if x1 == x2:
            raise Decline("The line is vertical: its slope is undefined.")
        value = (y2 - y1) / (x2 - x1)
        work = step(r"m = \frac{y_2 - y_1}{x_2 - x_1}", "Use the slope formula: rise over run.")
        b = y1 - value * x1
        figure = {
            "kind": "function",
            "expr": str(value * sp.Symbol("x") + b),
            "points": [{"x": float(x1), "y": float(y1), "label": "P"}, {"x": float(x2), "y": float(y2), "label": "Q"}],
        }
    elif kind == "distance":
        value = sp.sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2)
        work = step(r"d = \sqrt{(x_2 - x_1)^2 + (y_2 - y_1)^2}", "Use the distance formula.")
        figure = None
    else:
        value = sp.Tuple((x1 + x2) / 2, (y1 + y2) / 2)
        work = step(
            r"M = \left(\frac{x_1 + x_2}{2}, \frac{y_1 + y_2}{2}\right)",
            "Average the x-coordinates and the y-coordinates.",
        )
        figure = None
    hints = [f"Recall the {kind} formula for two points.", "Label the points (x1, y1) and (x2, y2).", work.text]
    steps = [
        step(f"({tex(x1)}, {tex(y1)}),\\ ({tex(x2)}, {tex(y2)})", "Label the two points."),
        work,
        step(
            f"{two_point_work(kind, (x1, y1), (x2, y2))} = {tex(value)}",
            f"Substitute the coordinates to get the {kind}.",
        ),
    ]
    sol = _finish(
        prob,
        "slope and lines" if kind == "slope" else "coordinate geometry",
        steps,
        hints,
        value,
        "computed exactly from the coordinates",
    )
    sol.figure = figure
    return sol


def solve_wording(prob: Problem) -> Solution | None:
    """Solve a recognised word phrasing; None when no phrasing matches."""
    s = _plain(prob)
    for solver in (_percent, _statistics, _points):
        sol = solver(prob, s)
        if sol is not None:
            return sol
    return None
