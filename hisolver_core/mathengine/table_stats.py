"""Statistics of a table's column or of a list of numbers in the text, and the question that asks for one.

:func:`statistic_target` reads which statistic is asked (mean, median, mode, range, sum, or the sum,
mean or positive difference of two of them); :func:`solve_statistic` works it out exactly over the
values (a column, a frequency table weighted by its counts, a stem-and-leaf plot) with the steps;
:func:`numbers_of` finds the one list of numbers a question without a table is about.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sympy as sp

from ..solution import Solution, Step
from .build import Decline, rounded, rounding_text, solved, step, tex
from .parse import ParseFailure, parse_math
from .program import MathProgram, Table, Target
from .table_layouts import cell_number, clean_cell, rational
from .words import asked_sentence

if TYPE_CHECKING:
    from .problem import Problem

__all__ = [
    "finish",
    "list_program",
    "number_tex",
    "numbers_of",
    "solve_statistic",
    "statistic_target",
    "statistic_values",
]

# ---------------------------------------------------------------- statistics

_STAT_WORDS = {
    "mean": r"arithmetic mean|mean|average",
    "median": r"median",
    "mode": r"mode",
    "range": r"range",
}
_STAT = "|".join(_STAT_WORDS.values())
_COMBINE = re.compile(
    r"\b(sum|positive difference|product|arithmetic mean|mean|average) (?:of|between) "
    rf"the ({_STAT})s? and (?:the )?({_STAT})\b"
)


def _stat_name(word: str) -> str:
    return next(name for name, pattern in _STAT_WORDS.items() if re.fullmatch(pattern, word))


_ASK = re.compile(
    rf"\b(?:what (?:is|was|are|were|would be)|find|compute|calculate|determine|give)\s+(?:the\s+)?"
    rf"(?:[\w'’]+\s+){{0,3}}?(?:{_STAT}|sum)\b"
)
_NOT_ASKED = re.compile(
    r"\b(?:how many|how much|which|who|whose|more than|less than|greater than|fewer than|"
    r"at least|at most|exceeds?|closest)\b"
)


def statistic_target(question: str) -> Target | None:
    """The statistic a question asks for: one (``property``) or two combined (``expr`` over their names)."""
    q = question.lower()
    asks = asked_sentence(q)
    if not re.search(_ASK, asks) or re.search(_NOT_ASKED, asks):
        return None  # "how many scores are above the mean?" asks for a count, not the mean
    m = _COMBINE.search(q)
    if m:
        a, b = _stat_name(m.group(2)), _stat_name(m.group(3))
        how = m.group(1)
        expr = {"sum": f"{a} + {b}", "product": f"{a}*{b}", "positive difference": f"Abs({a} - {b})"}.get(
            how, f"({a} + {b})/2"
        )
        return None if a == b else Target(kind="statistic", expr=expr)
    named = {name for name, pattern in _STAT_WORDS.items() if re.search(rf"\b(?:{pattern})\b", q)}
    if len(named) == 1:
        return Target(kind="statistic", property=named.pop())
    if not named and re.search(r"\b(?:what is|find) the sum of (?:all )?(?:of )?the (?:numbers|values|data)\b", q):
        return Target(kind="statistic", property="sum")
    return None


def statistic_values(table: Table, column: str | None, text: str = "") -> list[sp.Rational]:
    """The data values a statistic is taken over: a column, a frequency table weighted, a stem-and-leaf plot."""
    if table.kind == "stem_leaf":
        return _stem_leaf_values(table, text)
    if table.kind == "frequency":
        values = []
        for row in table.rows:
            value, count = cell_number(row[0]), cell_number(row[1])
            if value is None or count is None or not count.is_integer or count < 0:
                raise Decline("A frequency in the table is not a whole number.")
            values.extend([value] * int(count))
        return values
    if column is None or column not in table.columns:
        raise Decline("I could not tell which column of the table the question is about.")
    j = table.columns.index(column)
    out = []
    for row in table.rows:
        if re.fullmatch(r"totals?", row[0].strip(), re.I):
            continue
        value = cell_number(row[j])
        if value is None:
            raise Decline(f"A cell of the column {column!r} is not a number: {row[j]!r}.")
        out.append(value)
    return out


def _stem_leaf_values(table: Table, text: str) -> list[sp.Rational]:
    scale = 10
    key = re.search(r"\$?\(?\s*(\d+)\s*\|\s*(\d)\s*\$?\s*(?:represents|means|stands for|=)\s*\$?(\d+(?:\.\d+)?)", text)
    if key:
        stem, leaf, value = int(key.group(1)), int(key.group(2)), sp.Rational(key.group(3))
        if value != stem * 10 + leaf:
            raise Decline("The stem-and-leaf key is not tens and units; I read only that layout.")
    values: list[sp.Rational] = []
    for stem_text, leaves in table.rows:
        values.extend(sp.Rational(int(stem_text) * scale + int(d)) for d in leaves.split())
    return values


@dataclass
class _Stat:
    value: sp.Rational | None
    steps: list[Step]


def _compute(name: str, values: list[sp.Rational]) -> _Stat:
    n = len(values)
    show = number_tex(values)
    listed = ", ".join(show(v) for v in values)
    ordered = sorted(values)
    if name == "mean":
        total = sum(values, sp.Integer(0))
        mean = total / n
        reduced = "" if mean == total / sp.Integer(n) and sp.gcd(total, n) == 1 else f" = {show(mean)}"
        return _Stat(
            mean,
            [
                step(
                    f"\\frac{{{' + '.join(show(v) for v in values)}}}{{{n}}} = \\frac{{{show(total)}}}{{{n}}}{reduced}",
                    f"The mean is the sum of the {n} values divided by {n}.",
                ),
            ],
        )
    if name == "median":
        sorted_step = step(", ".join(show(v) for v in ordered), f"Put the {n} values in order from least to greatest.")
        if n % 2:
            mid = ordered[n // 2]
            return _Stat(
                mid, [sorted_step, step(show(mid), f"With {n} values the median is value number {n // 2 + 1}.")]
            )
        a, b = ordered[n // 2 - 1], ordered[n // 2]
        mid = (a + b) / 2
        return _Stat(
            mid,
            [
                sorted_step,
                step(
                    f"\\frac{{{show(a)} + {show(b)}}}{{2}} = {show(mid)}",
                    f"With {n} values the median is the mean of values {n // 2} and {n // 2 + 1}.",
                ),
            ],
        )
    if name == "mode":
        counts = Counter(values).most_common()
        top = counts[0][1]
        leaders = [v for v, c in counts if c == top]
        if top == 1 or len(leaders) > 1:
            return _Stat(
                None, [step(listed, "No single value occurs more often than every other: there is no one mode.")]
            )
        return _Stat(
            leaders[0], [step(show(leaders[0]), f"{show(leaders[0])} occurs {top} times, more than any other value.")]
        )
    if name == "range":
        spread = ordered[-1] - ordered[0]
        return _Stat(
            spread,
            [
                step(
                    f"{show(ordered[-1])} - {show(ordered[0])} = {show(spread)}",
                    "The range is the greatest value minus the least.",
                )
            ],
        )
    if name == "sum":
        total = sum(values, sp.Integer(0))
        return _Stat(total, [step(f"{' + '.join(show(v) for v in values)} = {show(total)}", f"Add the {n} values.")])
    raise Decline(f"I do not compute the {name} of data.")


_HINTS = {
    "mean": "The mean is the sum of the values divided by how many values there are.",
    "median": "Order the values; the median is the middle one (or the mean of the two middle ones).",
    "mode": "The mode is the value that occurs most often.",
    "range": "The range is the greatest value minus the least value.",
    "sum": "Add every value, counting each one as often as it occurs.",
}


def solve_statistic(program: MathProgram, prob: Problem | None = None) -> Solution:
    """Solve a program whose target is a statistic of its first table's column ``target.of``.

    ``target.property`` names one statistic; ``target.expr`` combines several by name
    (``"median + mode"``). Raises ``Decline`` when the data cannot be read or the statistic does
    not exist (no single mode) and no option says so.
    """
    if program.target.kind != "statistic" or not program.tables:
        raise Decline("The program does not ask for a statistic of a table.")
    text = prob.raw if prob is not None else ""
    values = statistic_values(program.tables[0], program.target.of, text)
    if not values:
        raise Decline("The table holds no data values.")
    names = [program.target.property] if program.target.property else _names_in(program.target.expr or "")
    if not names:
        raise Decline("The program names no statistic.")
    steps = [step(", ".join(number_tex(values)(v) for v in values), f"Read the {len(values)} data values.")]
    found: dict[str, sp.Rational] = {}
    options = program.options
    for name in names:
        stat = _compute(name, values)
        steps.extend(stat.steps)
        if stat.value is None:
            return _no_mode(prob, steps, options)
        found[name] = stat.value
    if program.target.property:
        answer: sp.Expr = found[names[0]]
    else:
        try:
            answer = sp.sympify(program.target.expr, locals={n: sp.Symbol(n) for n in found}).subs(
                {sp.Symbol(n): v for n, v in found.items()}
            )
        except (sp.SympifyError, TypeError) as exc:
            raise Decline(f"The combination of statistics is malformed: {exc}") from None
        steps.append(step(f"{program.target.expr} = {tex(answer)}", "Combine the statistics as the question asks."))
    return finish(prob, answer, steps, [_HINTS[n] for n in names if n in _HINTS], options, values)


def _names_in(expr: str) -> list[str]:
    return [n for n in ("mean", "median", "mode", "range", "sum") if re.search(rf"\b{n}\b", expr)]


def _no_mode(prob: Problem | None, steps: list[Step], options: list[tuple[str, str]]) -> Solution:
    picks = [letter for letter, text in options if re.search(r"\bno mode\b", text, re.I)]
    if len(picks) != 1:
        raise Decline("The data have no single mode.")
    sol = solved(
        prob.raw if prob else "",
        "statistics",
        steps,
        [_HINTS["mode"]],
        sp.Integer(0),
        answer_latex="\\text{no mode}",
        verification="Counted how often each value occurs: no value occurs more often than every other.",
    )
    sol.choice = picks[0]
    return sol


def finish(
    prob: Problem | None,
    answer: sp.Expr,
    steps: list[Step],
    hints: list[str],
    options: list[tuple[str, str]],
    values: list[sp.Rational] | None = None,
    verification: str = "Computed exactly from every value read from the data.",
) -> Solution:
    answer = sp.nsimplify(answer) if isinstance(answer, sp.Float) else answer
    latex = None
    places = prob.rounding if prob is not None else None
    if places is not None and not (isinstance(answer, sp.Rational) and answer.q == 1):
        answer = rounded(answer, places)
        steps.append(step(tex(answer), rounding_text(places)))
    elif isinstance(answer, sp.Rational) and answer.q != 1 and values and _has_decimals(values) and _terminates(answer):
        latex = _decimal(answer)
    sol = solved(
        prob.raw if prob else "", "statistics", steps, hints, answer, verification=verification, answer_latex=latex
    )
    if options:
        sol.choice = _option_for(answer, options)
    return sol


def number_tex(values: list[sp.Rational]) -> Callable[[sp.Basic], str]:
    """LaTeX for numbers worked out from ``values``: decimals when the data were decimals, else ``tex``."""
    if not _has_decimals(values) or not all(_terminates(v) for v in values):
        return tex

    def show(value: sp.Basic) -> str:
        if isinstance(value, sp.Rational) and _terminates(value):
            return _decimal(value)
        return tex(value)

    return show


def _has_decimals(values: list[sp.Rational]) -> bool:
    return any(v.q != 1 for v in values)


def _terminates(value: sp.Rational) -> bool:
    q = int(value.q)
    for p in (2, 5):
        while q % p == 0:
            q //= p
    return q == 1


def _decimal(value: sp.Rational) -> str:
    text = f"{float(value):.10f}".rstrip("0").rstrip(".")
    return text


def _option_for(answer: sp.Expr, options: list[tuple[str, str]]) -> str:
    """The one option equal to ``answer``; declines when none or several are."""
    hits = []
    for letter, text in options:
        value = _option_number(text)
        if value is not None and sp.simplify(value - answer) == 0:
            hits.append(letter)
    if len(hits) != 1:
        raise Decline("My answer does not match exactly one option, so I may have misread the data.")
    return hits[0]


def _option_number(text: str) -> sp.Expr | None:
    s = clean_cell(text).replace("¤", "")
    m = re.match(
        r"^\s*\$?\s*([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\d+/\d+)\s*(?:[a-zA-Z°%][\w °%/]*)?\s*$", s
    )
    if not m:
        try:
            value = parse_math(s)
        except (ParseFailure, RecursionError):
            return None
        return value if isinstance(value, sp.Expr) and value.is_number else None
    return rational(m.group(1).replace(",", ""))


# ---------------------------------------------------------------- numbers listed in the text

_LIST_NUMBER = r"¤?\s*-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER_LIST = re.compile(rf"(?<![\w.,])(?:{_LIST_NUMBER}\s*,\s*(?:and\s+)?){{2,}}{_LIST_NUMBER}(?![\w])")
_COUNT_WORDS = {
    w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}
_CHANGES = re.compile(
    r"\b(?:if|added|removed|replaced|new|increase[sd]?|decrease[sd]?|missing|would|after|except|unknown|each of|"
    r"per|speed|rate|mph|hours?|weighted|percent)\b|%",
    re.I,
)


def numbers_of(text: str) -> list[sp.Rational] | None:
    """The one list of three or more numbers in ``text`` ("23, 13, 18, and 29"), or None."""
    runs = list(_NUMBER_LIST.finditer(text))
    if len(runs) != 1:
        return None
    if not re.search(r",\s", runs[0].group(0)) and re.search(r",\d{3}", runs[0].group(0)):
        return None  # "12,400,3": thousands or three numbers? ambiguous without spaces
    return [
        sp.Rational(n.replace(",", "").replace("¤", "").strip())
        for n in re.findall(r"¤?\s*-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", runs[0].group(0))
    ]


def list_program(prob: Problem) -> MathProgram | None:
    text = prob.raw.replace("\\$", "¤").replace("$", "¤")
    target = statistic_target(text)
    if target is None or _CHANGES.search(text):
        return None
    values = numbers_of(text)
    if values is None:
        return None
    rest = _NUMBER_LIST.sub(" ", text)
    if re.search(r"[=<>^*/+]|(?<!['’])\b[b-zB-HJ-Z]\b(?!['’])|\b[a-zA-Z]\s*\(", rest):
        return None  # other math beside the list (a function, an equation): not a question about the list alone
    for other in re.findall(r"\d+(?:\.\d+)?", rest):
        if sp.Rational(other) != len(values):
            return None  # a number outside the list: the question is about more than the list
    for word, n in _COUNT_WORDS.items():
        if re.search(rf"\b{word}\b", rest, re.I) and n != len(values) and word not in {"one"}:
            return None
    table = Table(columns=["value"], rows=[[str(v)] for v in values], kind="data")
    target.of = "value"
    return MathProgram(target=target, tables=[table], options=list(prob.options), reader="tables")
