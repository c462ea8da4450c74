"""The table reader: the questions asked of a table in the text, or of a list of numbers in it.

Tables are found and read into data by :mod:`.table_layouts` (LaTeX ``tabular``/``array``, markdown,
plain columns, the one-line layout). This reader (:func:`read_table`) answers the option that fits a
function table (every row checked against every option; exactly one must fit), the value of the
tabled function at a point (read, or fitted exactly through every row when the text names the
form), shares and conditional probabilities from a two-way table of counts, and statistics through
:mod:`.table_stats`. It never answers from a table it did not read in full: a table it finds but
cannot use declines the problem.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import sympy as sp

from ..solution import Solution, Step
from .build import Decline, solved, step, tex
from .parse import ParseFailure, parse_math
from .program import MathProgram, Table
from .readers import reader
from .table_layouts import Block, cell_number, clean_cell, find_blocks, is_number
from .table_stats import finish, list_program, solve_statistic, statistic_target
from .tex import arrays_as_cases
from .words import asked_sentence

if TYPE_CHECKING:
    from .problem import Problem

__all__ = ["program_of", "read_table"]

# ---------------------------------------------------------------- function tables

_FORM = re.compile(r"\b(linear|exponential|quadratic)\b", re.I)


def _function_table(table: Table) -> tuple[str, sp.Symbol, list[tuple[sp.Rational, sp.Rational]]]:
    name_match = re.fullmatch(r"([a-zA-Z])(?:\(\s*([a-z])\s*\))?", table.columns[1].replace(" ", ""))
    if not name_match:
        raise Decline("The table's output column is not a function.")
    pairs = []
    for row in table.rows:
        x, y = cell_number(row[0]), cell_number(row[1])
        if x is None or y is None:
            raise Decline("A cell of the function table is not a number.")
        pairs.append((x, y))
    if len({x for x, _ in pairs}) != len(pairs):
        raise Decline("The table gives two outputs for one input: it is not a function.")
    return name_match.group(1), sp.Symbol(table.columns[0]), pairs


def _fit(form: str, x: sp.Symbol, pairs: list[tuple[sp.Rational, sp.Rational]]) -> sp.Expr:
    """The ``form`` through every row, or Decline; needs one row more than the form has parameters."""
    a, b, c = sp.symbols("a b c")
    model = {"linear": a * x + b, "exponential": a * b**x, "quadratic": a * x**2 + b * x + c}[form]
    params = [p for p in (a, b, c) if model.has(p)]
    if len(pairs) < len(params) + 1:
        raise Decline(f"The table has too few rows to pin down a {form} function and check it.")
    sols = sp.solve([model.subs(x, px) - py for px, py in pairs[: len(params)]], params, dict=True)
    sols = [s for s in sols if all(v.is_real for v in s.values()) and (form != "exponential" or s[b] > 0)]
    if len(sols) != 1:
        raise Decline(f"No single {form} function fits the table.")
    fitted = model.subs(sols[0])
    if any(sp.simplify(fitted.subs(x, px) - py) != 0 for px, py in pairs):
        raise Decline(f"The table's values do not all fit one {form} function.")
    return sp.expand(fitted) if form != "exponential" else fitted


def _solve_function_table(prob: Problem, table: Table, question: str) -> Solution:
    name, x, pairs = _function_table(table)
    rows_tex = ", ".join(f"{name}({tex(px)}) = {tex(py)}" for px, py in pairs)
    read = step(rows_tex, f"Read the {len(pairs)} rows of the table.")
    if prob.options and re.search(r"\bwhich\b", question, re.I):
        return _fitting_option(prob, name, x, pairs, read)
    calls = re.findall(rf"(?<![A-Za-z]){name}\s*\(\s*(-?\d+(?:\.\d+)?)\s*\)", question)
    asked = _asked_expression(question, name)
    if not calls or asked is None:
        raise Decline("I read the table but not what the question asks of it.")
    table_values = dict(pairs)
    fitted: sp.Expr | None = None
    steps = [read]
    values: dict[str, sp.Expr] = {}
    for arg in dict.fromkeys(calls):
        point = sp.Rational(arg)
        if point in table_values:
            values[arg] = table_values[point]
            continue
        if fitted is None:
            forms = {m.lower() for m in _FORM.findall(prob.raw)}
            if len(forms) != 1:
                raise Decline(
                    f"{name}({arg}) is not in the table and the text does not say what kind of function {name} is."
                )
            fitted = _fit(forms.pop(), x, pairs)
            steps.append(step(f"{name}({x}) = {tex(fitted)}", "This function passes through every row of the table."))
        values[arg] = fitted.subs(x, point)
        steps.append(step(f"{name}({arg}) = {tex(values[arg])}", f"Substitute {arg} for {x}."))
    expr_text = re.sub(
        rf"(?<![A-Za-z]){name}\s*\(\s*(-?\d+(?:\.\d+)?)\s*\)", lambda m: f"({values[m.group(1)]})", asked
    )
    try:
        answer = parse_math(expr_text)
    except (ParseFailure, RecursionError):
        raise Decline("I could not read the expression the question asks for.") from None
    if not isinstance(answer, sp.Expr) or not answer.is_number:
        raise Decline("The expression asked for has letters I cannot evaluate from the table.")
    answer = sp.nsimplify(sp.simplify(answer))
    steps.append(step(f"{asked} = {tex(answer)}", "Evaluate with the values from the table."))
    hints = [f"Find each input in the table and read the value of {name} beside it."]
    verification = "Every value was read from the table" + (
        " or from the function fitted through every row." if fitted is not None else "."
    )
    return finish(prob, answer, steps, hints, list(prob.options), verification=verification)


def _asked_expression(question: str, name: str) -> str | None:
    """The math the question asks to evaluate: the last ``$...$`` holding ``name(...)``, or the one plain run.

    Without ``$...$`` the run holds only numbers, operators and calls of ``name``, and no other math
    may be left in the question (``2g(3) - f(1)`` is not read as ``- f(1)``).
    """
    call = rf"(?<![A-Za-z]){name}\s*\(\s*-?\d"
    segments = re.findall(r"\$([^$]+)\$", question)
    if segments:
        asked = [s.strip().rstrip("?.") for s in segments if re.search(call, s)]
        return asked[-1] if asked else None
    number = r"\d+(?:\.\d+)?"
    run = rf"(?:{number}|(?<![A-Za-z]){name}\s*\(\s*-?{number}\s*\)|[-+*/^()\s])+"  # numbers, calls, operators
    runs = [m for m in re.finditer(run, question) if re.search(call, m.group())]
    if len(runs) != 1:
        return None
    rest = question[: runs[0].start()] + question[runs[0].end() :]
    return None if re.search(r"[\d()+\-*/^=]", rest) else runs[0].group().strip()


def _fitting_option(prob: Problem, name: str, x: sp.Symbol, pairs, read: Step) -> Solution:
    y = sp.Symbol("y")
    fits: list[str] = []
    for letter, text in prob.options:
        s = clean_cell(text)
        s = re.sub(rf"(?<![A-Za-z]){name}\s*\(\s*{x}\s*\)", "y", s)
        try:
            value = parse_math(s)
        except (ParseFailure, RecursionError):
            raise Decline(f"I could not read option {letter} as a function.") from None
        rel = (
            value.lhs - value.rhs
            if isinstance(value, sp.Equality)
            else (y - value if isinstance(value, sp.Expr) else None)
        )
        if rel is None or not rel.free_symbols <= {x, y} or y not in rel.free_symbols:
            raise Decline(f"Option {letter} is not a function of {x}.")
        if all(sp.simplify(rel.subs({x: px, y: py})) == 0 for px, py in pairs):
            fits.append(letter)
    if len(fits) != 1:
        raise Decline(
            "Not exactly one option fits every row of the table." if fits else "No option fits every row of the table."
        )
    choice = dict(prob.options)[fits[0]]
    sol = solved(
        prob.raw,
        "function_table",
        [
            read,
            step(
                clean_cell(choice), f"Option {fits[0]} gives every value in the table; each other option misses a row."
            ),
        ],
        ["Substitute each input from the table into each option and compare with the output."],
        sp.Symbol(fits[0]),
        answer_latex=clean_cell(choice),
        verification="Every row of the table was substituted into every option; exactly one fits them all.",
    )
    sol.choice = fits[0]
    return sol


# ---------------------------------------------------------------- two-way tables

_TOTAL = re.compile(r"^\s*(?:grand )?totals?\s*$", re.I)
_SHARE = re.compile(r"\b(probability|fraction|proportion|percent|percentage)\b")


def _mentions(label: str, text: str) -> bool:
    low = label.lower().strip()
    if len(low) < 3 or _TOTAL.match(low):
        return False
    forms = {low, low + "s", low + "es", low[:-1] if low.endswith("s") else low}
    return any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text) for f in forms)


def _two_way(table: Table) -> tuple[list[str], list[str], dict[tuple[str, str], sp.Rational], dict[str, sp.Rational]]:
    """Row labels, column labels, the inner counts and every total (checked against the table's own totals)."""
    cols = [c for c in table.columns[1:] if not _TOTAL.match(c)]
    body = [r for r in table.rows if not _TOTAL.match(r[0])]
    rows = [r[0] for r in body]
    if not cols or not rows or len(set(rows)) != len(rows) or len(set(cols)) != len(cols):
        raise Decline("The two-way table's labels are missing or repeated.")
    cell: dict[tuple[str, str], sp.Rational] = {}
    for r in body:
        for j, c in enumerate(table.columns[1:], start=1):
            value = cell_number(r[j])
            if value is None or value < 0:
                raise Decline(f"A count in the table is not a number: {r[j]!r}.")
            if c in cols:
                cell[(r[0], c)] = value
    totals = {r: sum((cell[(r, c)] for c in cols), sp.Integer(0)) for r in rows}
    totals.update({c: sum((cell[(r, c)] for r in rows), sp.Integer(0)) for c in cols})
    grand = sum((totals[r] for r in rows), sp.Integer(0))
    for j, c in enumerate(table.columns[1:], start=1):  # the table's own totals must add up
        if _TOTAL.match(c):
            for r in body:
                if cell_number(r[j]) != totals[r[0]]:
                    raise Decline("The table's row totals do not add up, so I may have misread it.")
    for r in table.rows:
        if _TOTAL.match(r[0]):
            for j, c in enumerate(table.columns[1:], start=1):
                expected = grand if _TOTAL.match(c) else totals[c]
                if cell_number(r[j]) != expected:
                    raise Decline("The table's column totals do not add up, so I may have misread it.")
    if grand == 0:
        raise Decline("The table counts nothing.")
    totals[""] = grand
    return rows, cols, cell, totals


def _forms(label: str) -> str:
    low = re.escape(label.lower().strip())
    bare = low[:-1] if low.endswith("s") else low
    return rf"(?:{low}(?:e?s)?|{bare})"


_LINKS = frozenset("are is were was who that which have has had do did does be a an".split())


def _conditions_on(label: str, q: str, labels: list[str]) -> bool:
    """``label`` names the group the fraction is taken of: "of the seniors", "given that ... bus".

    Up to two words may stand between "of the" and the label ("of the female students"), none of
    them a verb or another label: "of the students are juniors" is not "of the juniors".
    """
    f = _forms(label)
    for m in re.finditer(rf"\b(?:of|among|from) (?:the |all (?:the )?|those )?((?:[\w']+ ){{0,2}}?){f}(?![\w-])", q):
        filler = m.group(1).split()
        if not any(w in _LINKS or any(_mentions(lab, w) for lab in labels) for w in filler):
            return True
    return bool(
        re.search(rf"\bgiven that (?:[\w']+ ){{0,8}}?{f}(?![\w-])", q)
        or re.search(rf"\bif (?:[\w']+ ){{0,8}}?{f}(?![\w-])[^?]*\bwhat\b", q)
    )


def _of_everyone(q: str, labels: list[str]) -> bool:
    """The fraction is of the whole table: "of all the students", "of the people surveyed"."""
    m = re.search(r"\b(?:of|among|from) (?:the |all (?:the )?|those )+([a-z]+)", q)
    if m is None:
        return False
    return not any(_mentions(lab, m.group(1)) for lab in labels)


def _solve_counts(prob: Problem, table: Table, question: str) -> Solution:
    q = re.sub(r"\s+", " ", clean_cell(asked_sentence(question)).lower())
    share = _SHARE.search(q)
    if not share:
        raise Decline("I read the two-way table but not what the question asks of it.")
    rows, cols, cell, totals = _two_way(table)
    row_hits = [r for r in rows if _mentions(r, q)]
    col_hits = [c for c in cols if _mentions(c, q)]
    if len(row_hits) > 1 or len(col_hits) > 1 or not (row_hits or col_hits):
        raise Decline("I could not tell which row and column of the table the question is about.")
    cond = [lab for lab in row_hits + col_hits if _conditions_on(lab, q, rows + cols)]
    if len(cond) > 1 or (not cond and not _of_everyone(q, rows + cols)):
        raise Decline("I could not tell which group the question's fraction is taken of.")
    if len(row_hits) + len(col_hits) == 2:
        r, c = row_hits[0], col_hits[0]
        part = cell[(r, c)]
        whole_label = cond[0] if cond else ""
        part_text = f"Read the count for {r} and {c}: {tex(part)}."
    else:
        if cond:
            raise Decline("The question names one group of the table and no part of it.")
        label = (row_hits + col_hits)[0]
        part, whole_label = totals[label], ""
        part_text = f"Add the counts for {label}: {tex(part)}."
    whole = totals[whole_label]
    whole_text = f"the total for {whole_label}" if whole_label else "the total of the table"
    answer: sp.Expr = part / whole
    steps = [
        step(tex(part), part_text),
        step(f"\\frac{{{tex(part)}}}{{{tex(whole)}}} = {tex(answer)}", f"Divide by {whole_text}, {tex(whole)}."),
    ]
    if share.group(1) in ("percent", "percentage"):
        answer = answer * 100
        steps.append(step(f"{tex(answer)}\\%", "Multiply by 100 for a percent."))
    hints = ["Find the row and the column the question names.", f"The fraction is taken of {whole_text}."]
    return finish(
        prob, answer, steps, hints, list(prob.options), verification="Read from the table; its totals were checked."
    )


# ---------------------------------------------------------------- the reader


def _question(raw: str, blocks: list[Block]) -> str:
    """The text with its table blocks cut out."""
    out, pos = [], 0
    for b in sorted(blocks, key=lambda b: b.start):
        if b.end > b.start:
            out.append(raw[pos : b.start])
            pos = b.end
    out.append(raw[pos:])
    return " ".join(out)


def _column_asked(table: Table, question: str) -> str | None:
    """The one numeric column the question names (or the only numeric column)."""
    numeric = [
        c
        for j, c in enumerate(table.columns)
        if all(is_number(r[j]) for r in table.rows if not re.fullmatch(r"totals?", r[0].strip(), re.I))
    ]
    if len(table.columns) == 1:
        return numeric[0] if numeric else None
    q = clean_cell(question).lower()
    named = [c for c in numeric if c and re.search(rf"(?<![\w.]){re.escape(c.lower())}(?![\w.])", q)]
    return named[0] if len(named) == 1 else None  # a column the question does not name is never guessed


def _frequency_or_data(table: Table, question: str) -> Table:
    """A (value, count) table, unless the question is about the second column's own numbers.

    "Week | Number of customers": "the mean number of customers" averages the second column;
    "Outcome | # of occurrences" or "Score | Frequency" weights each value by its count.
    """
    q = clean_cell(question).lower()
    counts_header = table.columns[1].lower()
    if re.search(rf"(?<![\w]){re.escape(counts_header)}(?![\w])", q):
        return Table(columns=table.columns, rows=table.rows, kind="data", span=table.span)
    if re.search(r"frequency|tally|occurrences|#|\bcount\b", counts_header):
        return table
    raise Decline("I could not tell whether the table's second column counts the first or is data of its own.")


def program_of(prob: Problem) -> MathProgram | Solution | None:
    """The table program (or, for function tables, the finished solution) of ``prob``; None when it has no table."""
    blocks = find_blocks(arrays_as_cases(prob.raw))  # a function by cases is not a table
    if not blocks:
        program = list_program(prob)
        return program
    if all(b.kind == "system" for b in blocks):
        return None  # equations typeset in an array: the equation readers solve the system
    if any(b.kind == "system" for b in blocks):
        raise Decline("The problem mixes a table with a system of equations; I read one or the other.")
    unread = [b for b in blocks if b.kind == "other"]
    if unread:
        raise Decline(unread[0].reason or "The problem has a table I cannot read.")
    tables = [b.table for b in blocks if b.table is not None]
    if len(tables) != 1:
        raise Decline("The problem has more than one table; I read problems with one.")
    table = tables[0]
    question = _question(prob.raw, blocks)
    target = statistic_target(question)
    if table.kind == "function":
        if target is None:
            return _solve_function_table(prob, table, question)
        if re.search(r"\b(?:rate|change|per|increase|decrease|growth|when|if|for)\b", question.lower()):
            raise Decline("I read the table, but the question asks about how its values change, not their statistics.")
        # "What is the mean of y?" over an x | y table: the column's own numbers are the data
        table = Table(columns=table.columns, rows=table.rows, kind="data", span=table.span)
    if table.kind == "counts":
        return _solve_counts(prob, table, question)
    if target is None:
        raise Decline("I read the table but not what the question asks of it.")
    if table.kind == "frequency":
        table = _frequency_or_data(table, question)
    if table.kind not in ("frequency", "stem_leaf"):
        target.of = _column_asked(table, question)
        if target.of is None:
            raise Decline("I could not tell which column of the table the question is about.")
    return MathProgram(target=target, tables=[table], options=list(prob.options), reader="tables")


@reader(
    "tables",
    handles="tables (LaTeX, markdown, plain) and number lists: the fitting option, f at a point, statistics",
    order=50,
)
def read_table(prob: Problem) -> Solution | None:
    """The table reader: a solved statistic or function-table question, a decline, or None (no table).

    Statistic programs are solved here by :func:`solve_statistic`; once ``program_solve.solve_program``
    dispatches target kind ``"statistic"`` to it, this may return the program itself.
    """
    found = program_of(prob)
    if isinstance(found, MathProgram):
        return solve_statistic(found, prob)
    return found
