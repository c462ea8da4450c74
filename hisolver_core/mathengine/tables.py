"""Tables read into data, and the questions asked of them.

A table in a problem is found in any of the syntaxes a student or a test writes: LaTeX ``tabular``
and ``array`` (``\\hline``, ``&``, ``\\\\``, ``\\multicolumn`` captions, ``$...$`` and ``\\text{}``
cells), markdown (``| x | f(x) |`` with its ``|---|`` rule), plain columns separated by two or
more spaces or tabs, and the one-line layout ``x | 1 | 2 | 3 ; f(x) | 4 | 7 | 10``. Each becomes a
:class:`~hisolver_core.mathengine.program.Table` with its columns, rows and kind:

- ``function``: an input letter and an output (``x`` / ``f(x)``), read by rows or by columns;
- ``frequency``: values and how often each occurs;
- ``counts``: a two-way table of counts with a total row or column;
- ``stem_leaf``: a stem-and-leaf plot (stems and their leaves);
- ``data``: anything else with a header row.

An ``array`` whose rows are equations is a system, not a table: it is left to the equation
readers (:func:`figures_unread` says it is no figure). A piecewise definition, a matrix of
letters, an addition typeset digit by digit stay figures this module does not read.

The reader (:func:`read_table`) answers, from a table or from a list of numbers in the text:
the option that fits a function table (every row checked against every option; exactly one must
fit), the value of the tabled function at a point (read, or fitted exactly through every row when
the text names the form), and statistics (mean, median, mode, range, sum, and the sum, mean or
positive difference of two of them) through :func:`solve_statistic`. It never answers from a
table it did not read in full: a table it finds but cannot use declines the problem.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sympy as sp

from ..solution import Solution, Step
from .build import Decline, rounded, solved, step, tex
from .parse import ParseFailure, parse_math
from .program import MathProgram, Table, Target
from .readers import reader
from .tex import arrays_as_cases

if TYPE_CHECKING:
    from .problem import Problem

__all__ = [
    "Block",
    "find_blocks",
    "find_tables",
    "figures_unread",
    "numbers_of",
    "read_table",
    "solve_statistic",
    "statistic_values",
]

MAX_CELLS = 2000  # a larger table is not a student's table: declined without reading it through
MAX_TEXT = 20000

# ---------------------------------------------------------------- finding tables


@dataclass
class Block:
    """One table-like block of the text: a ``table``, a ``system`` of equations, or ``other`` (unread)."""

    kind: str
    table: Table | None = None
    equations: list[str] = field(default_factory=list)
    reason: str = ""
    start: int = 0
    end: int = 0
    title: str = ""


_BEGIN = re.compile(r"\\begin\{(tabular|array)\}")
_ROW_BREAK = re.compile(r"\\\\(?:\[[^\]]*\])?")
_RULES = re.compile(r"\\(?:hline|hhline\{[^}]*\}|cline\{[^}]*\}|toprule|midrule|bottomrule)")
_RELATION = re.compile(r"(?<![<>!])=|<|>|\\le(?:q)?\b|\\ge(?:q)?\b|≤|≥")
_NOT_TABLE = re.compile(r"\\text\{[^}]*\b(?:if|otherwise)\b|\bif\b|\\cdots|\\vdots|\\ddots|\\dots|\\ldots", re.I)


def _braced(text: str, i: int) -> tuple[str, int]:
    """The ``{...}`` group starting at ``text[i]`` (nested braces kept) and the index after it."""
    if i >= len(text) or text[i] != "{":
        raise Decline("A table's column layout is not in braces.")
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{" and text[j - 1 : j] != "\\":
            depth += 1
        elif text[j] == "}" and text[j - 1 : j] != "\\":
            depth -= 1
            if depth == 0:
                return text[i + 1 : j], j + 1
    raise Decline("A table's braces are not closed.")


def find_blocks(text: str) -> list[Block]:
    """Every table-like block of ``text``: LaTeX environments, markdown tables, plain tables."""
    if len(text) > MAX_TEXT:
        return [Block("other", reason="The text is too long to look for tables in.")]
    blocks = [*_latex_blocks(text), *_markdown_blocks(text)]
    if not blocks:
        blocks = [*_plain_blocks(text), *_one_line_blocks(text)]
    return blocks


def find_tables(text: str) -> list[Table]:
    """The tables of ``text`` this module reads (systems and unread blocks left out)."""
    return [b.table for b in find_blocks(text) if b.kind == "table" and b.table is not None]


def figures_unread(text: str) -> bool:
    """True when ``text`` has a ``tabular``/``array`` this module reads neither as a table nor as a system."""
    try:
        return any(b.kind == "other" for b in _latex_blocks(text))
    except Decline:
        return True


def _latex_blocks(text: str) -> Iterator[Block]:
    pos = 0
    while True:
        m = _BEGIN.search(text, pos)
        if not m:
            return
        name = m.group(1)
        j = m.end()
        opt = re.match(r"\s*\[[^\]]*\]", text[j:])
        j += opt.end() if opt else 0
        try:
            _spec, j = _braced(text, j)
        except Decline as exc:
            yield Block("other", reason=str(exc), start=m.start(), end=j)
            return
        end = text.find(f"\\end{{{name}}}", j)
        if end < 0:
            yield Block("other", reason=f"The {name} is not closed.", start=m.start(), end=len(text))
            return
        body = text[j:end]
        if _BEGIN.search(body):  # nested environments: not a plain table
            inner_end = text.find(f"\\end{{{name}}}", end + 1)
            yield Block("other", reason="Nested tables.", start=m.start(), end=inner_end)
            return
        block = _latex_block(body, text)
        block.start, block.end = m.start(), end + len(f"\\end{{{name}}}")
        yield block
        pos = block.end


def _latex_block(body: str, text: str) -> Block:
    if body.count("&") + body.count("\\\\") > MAX_CELLS:
        return Block("other", reason="The table is too large to read.")
    if _NOT_TABLE.search(body):
        return Block("other", reason="A piecewise definition or an elided table, not a table of values.")
    lines = [_RULES.sub(" ", line) for line in _ROW_BREAK.split(body)]
    grid: list[list[str]] = []
    title = ""
    for line in lines:
        if not line.strip():
            continue
        cells, spanned = _latex_cells(line)
        if not grid and spanned and sum(1 for c in cells if c) <= 1:
            title = " ".join(c for c in cells if c)  # a caption over the whole table
            continue
        grid.append(cells)
    if not grid:
        return Block("other", reason="The table is empty.")
    joined = [" ".join(row) for row in grid]
    if all(len(_RELATION.findall(row)) == 1 for row in joined):
        return Block("system", equations=[re.sub(r"\s+", " ", row).strip() for row in joined])
    if any(_RELATION.search(row) for row in joined):
        return Block("other", reason="Some rows hold relations and some do not.")
    stem = re.search(r"\bstem\b", text, re.I) and all(len(row) >= 1 for row in grid)
    if stem:
        return _stem_leaf(grid, title)
    bold = lines and all("\\textbf" in c or "\\bf" in c for c in re.split(r"(?<!\\)&", _first_row(lines)) if c.strip())
    return _grid_block(grid, title, header=bool(bold))


def _first_row(lines: list[str]) -> str:
    """The first row of a LaTeX table that is not its caption."""
    rows = [line for line in lines if line.strip() and "\\multicolumn" not in line]
    return rows[0] if rows else ""


def _latex_cells(line: str) -> tuple[list[str], bool]:
    """The cells of one LaTeX row (``\\multicolumn`` expanded to its span) and whether one spanned."""
    cells: list[str] = []
    spanned = False
    for raw in re.split(r"(?<!\\)&", line):
        m = re.match(r"\s*\\multicolumn\s*\{(\d+)\}", raw)
        if m:
            try:
                _, j = _braced(raw, raw.index("{", m.end()))
                content, _ = _braced(raw, raw.index("{", j))
            except (Decline, ValueError):
                content = ""
            n = int(m.group(1))
            if n < 1 or n > 50:
                raise Decline("A \\multicolumn spans an impossible number of columns.")
            cells.extend([clean_cell(content)] + [""] * (n - 1))
            spanned = True
        else:
            cells.append(clean_cell(raw))
    return cells, spanned


_WRAPPERS = re.compile(
    r"\\(?:textbf|textit|textsf|texttt|text|mathrm|mathbf|mathit|emph|mbox|boldsymbol)\s*\{([^{}]*)\}"
)


def clean_cell(cell: str) -> str:
    """A cell's text without LaTeX markup: ``$`` delimiters, ``\\text{}``, ``~``, ``\\%``, ``^{th}``."""
    s = cell.replace("\\$", "").replace("\\%", "%").replace("\\#", "#").replace("\\&", "and").replace("~", " ")
    for _ in range(3):
        s = _WRAPPERS.sub(r"\1", s)
    s = s.replace("$", "")
    s = re.sub(r"\\[,;:! ]|\\quad|\\qquad", " ", s)
    s = re.sub(r"\^\{?\s*(st|nd|rd|th)\s*\}?", r"\1", s)
    s = re.sub(r"\\d?frac\{(-?\d+)\}\{(\d+)\}", r"\1/\2", s)
    s = s.replace("{", "").replace("}", "").replace("−", "-")
    return re.sub(r"\s+", " ", s).strip()


_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+|[-+]?\d+/\d+")


def cell_number(cell: str) -> sp.Rational | None:
    """The number a cell holds (``1,200``, ``-3.5``, ``3/4``, ``40%`` as 40), or None for anything else."""
    s = cell.strip().rstrip("%").strip()
    if s.startswith("¤"):
        s = s[1:]
    if not _NUMBER.fullmatch(s):
        return None
    return _rational(s.replace(",", "").replace("+", ""))


def _is_number(cell: str) -> bool:
    return cell_number(cell) is not None


def _years(row: list[str]) -> bool:
    """A header of years over the columns (``COUNTY | 2001 | 2002 | 2003``): a label, then increasing years."""
    years = [cell_number(c) for c in row[1:]]
    return (
        bool(row[0])
        and not _is_number(row[0])
        and len(years) >= 2
        and all(y is not None and y.q == 1 and 1800 <= y <= 2100 for y in years)
        and all(a < b for a, b in zip(years, years[1:], strict=False))  # type: ignore[operator]  # None excluded above
    )


def _grid_block(grid: list[list[str]], title: str = "", header: bool = False) -> Block:
    """A rectangular table from a grid of cell texts: orientation, header and kind."""
    width = max(len(row) for row in grid)
    if width < 2 or len(grid) < 2:
        return Block("other", reason="A table needs at least two rows and two columns.")
    if width * len(grid) > MAX_CELLS:
        return Block("other", reason="The table is too large to read.")
    grid = [row + [""] * (width - len(row)) for row in grid]
    while all(not row[-1] for row in grid):  # a trailing ``&`` on every row
        grid = [row[:-1] for row in grid]
        width -= 1
    if any(c in {".", "..."} for row in grid for c in row):
        return Block("other", reason="The table continues past what is shown.")
    labels = all(row[0] and not _is_number(row[0]) for row in grid)
    rest_numeric = all(_is_number(c) for row in grid for c in row[1:])
    if labels and rest_numeric and len(grid) <= 3 and width >= 3:
        columns = [row[0] for row in grid]  # read by rows: ``x | 1 | 2 | 3`` over ``f(x) | 4 | 7 | 10``
        rows = [[row[j] for row in grid] for j in range(1, width)]
    elif any(c and not _is_number(c) for c in grid[0][1:]) or not grid[0][0] or header or _years(grid[0]):
        columns, rows = grid[0], grid[1:]
    else:
        columns, rows = [f"column {i + 1}" for i in range(width)], grid
    if not rows:
        return Block("other", reason="The table has a header and no rows.")
    table = Table(columns=columns, rows=rows, kind=_kind(columns, rows))
    return Block("table", table=table, title=title)


_INPUT = re.compile(r"[a-z]")
_OUTPUT = re.compile(r"[a-zA-Z](?:\(\s*[a-z]\s*\))?")


def _kind(columns: list[str], rows: list[list[str]]) -> str:
    numeric = [all(_is_number(r[j]) for r in rows) for j in range(len(columns))]
    if len(columns) == 2 and all(numeric):
        if _INPUT.fullmatch(columns[0]) and _OUTPUT.fullmatch(columns[1].replace(" ", "")):
            return "function"
        if re.search(r"(?:\b(?:frequency|count|tally|number of|occurrences|how many)\b|#)", columns[1], re.I):
            return "frequency"
    totals = re.compile(r"^\s*totals?\s*$", re.I)
    if (any(totals.match(c) for c in columns) or any(totals.match(r[0]) for r in rows)) and sum(numeric) >= 2:
        return "counts"
    return "data"


def _stem_leaf(grid: list[list[str]], title: str) -> Block:
    rows: list[list[str]] = []
    for row in grid:
        cells = [c for c in row if c]
        if not cells or not all(re.fullmatch(r"\d+", c) for c in cells):
            return Block("other", reason="A stem-and-leaf row holds something other than digits.")
        leaves = [d for c in cells[1:] for d in c]  # "0 2 2" or "022"
        rows.append([cells[0], " ".join(leaves)])
    return Block("table", table=Table(columns=["stem", "leaves"], rows=rows, kind="stem_leaf"), title=title)


_MD_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _lines_span(block: Block, lines: list[str], first: int, stop: int) -> Block:
    """``block`` placed over ``lines[first:stop]`` of the text (so the question can be read without it)."""
    block.start = sum(len(line) + 1 for line in lines[:first])
    block.end = block.start + sum(len(line) + 1 for line in lines[first:stop])
    return block


def _markdown_blocks(text: str) -> Iterator[Block]:
    lines = text.split("\n")
    i = 0
    while i < len(lines) - 1:
        if _MD_ROW.match(lines[i]) and _MD_RULE.match(lines[i + 1]):
            j = i + 2
            while j < len(lines) and _MD_ROW.match(lines[j]):
                j += 1
            grid = [_md_cells(lines[i])] + [_md_cells(line) for line in lines[i + 2 : j]]
            if len({len(r) for r in grid}) != 1:
                block = Block("other", reason="The markdown table's rows have different numbers of cells.")
            else:
                block = _header_block(grid)
            yield _lines_span(block, lines, i, j)
            i = j
        else:
            i += 1


def _md_cells(line: str) -> list[str]:
    return [clean_cell(c) for c in line.strip().strip("|").split("|")]


def _header_block(grid: list[list[str]]) -> Block:
    """A table whose first row is its header (markdown, plain): oriented like any grid."""
    block = _grid_block(grid)
    if block.table is not None and block.table.columns[0].startswith("column "):
        return Block("other", reason="The table's header row holds numbers only.")
    return block


_PLAIN_SPLIT = re.compile(r"\t+| {2,}")


def _plain_blocks(text: str) -> Iterator[Block]:
    run: list[list[str]] = []
    lines = [*text.split("\n"), ""]
    for n, line in enumerate(lines):
        cells = [c.strip() for c in _PLAIN_SPLIT.split(line.strip())] if line.strip() else []
        if len(cells) >= 2 and (not run or len(cells) == len(run[0])):
            run.append(cells)
            continue
        if len(run) >= 3 and _plain_ok(run):
            yield _lines_span(_header_block([[clean_cell(c) for c in row] for row in run]), lines, n - len(run), n)
        run = [cells] if len(cells) >= 2 else []


def _plain_ok(run: list[list[str]]) -> bool:
    """A header row then rows of numbers (a label first allowed), or label rows of numbers."""
    header_words = any(not _is_number(c) for c in run[0])
    body_numeric = all(all(_is_number(c) for c in row[1:]) for row in run[1:])
    return header_words and body_numeric


_ONE_LINE = re.compile(r"([A-Za-z][\w() ]{0,12}?)\s*\|\s*((?:[^|;\n]+\|\s*)+[^|;\n]+?)\s*(?:;|$)", re.M)


def _one_line_blocks(text: str) -> Iterator[Block]:
    """``x | 1 | 2 | 3 ; f(x) | 4 | 7 | 10``: rows of a table on one line, separated by semicolons."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        parts = [p.strip() for p in line.split(";") if "|" in p]
        rows = []
        for part in parts:
            m = _ONE_LINE.fullmatch(part + ";") or _ONE_LINE.fullmatch(part)
            if not m:
                break
            rows.append([m.group(1).strip()] + [clean_cell(c) for c in m.group(2).split("|")])
        if len(rows) >= 2 and len(rows) == len(parts) and len({len(r) for r in rows}) == 1:
            yield _lines_span(_grid_block(rows), lines, n, n + 1)


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
    asks = _last_question(q)
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
    return _finish(prob, answer, steps, [_HINTS[n] for n in names if n in _HINTS], options, values)


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


def _finish(
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
        steps.append(step(tex(answer), f"Round to {places} decimal places." if places else "Round to a whole number."))
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
    return _rational(m.group(1).replace(",", ""))


def _rational(text: str) -> sp.Rational | None:
    """``text`` as an exact number; None for ``0/0`` or ``3/0``."""
    try:
        return sp.Rational(text)
    except (ZeroDivisionError, ValueError, TypeError):
        return None


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


def _list_program(prob: Problem) -> MathProgram | None:
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
    return _finish(prob, answer, steps, hints, list(prob.options), verification=verification)


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


def _last_question(text: str) -> str:
    """The sentence that asks (the last one with a question mark, else the last sentence)."""
    parts = [p for p in re.split(r"(?<=[.!?])\s+", text.strip()) if p.strip()]
    asks = [p for p in parts if "?" in p]
    return (asks or parts or [""])[-1]


def _solve_counts(prob: Problem, table: Table, question: str) -> Solution:
    q = re.sub(r"\s+", " ", clean_cell(_last_question(question)).lower())
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
    return _finish(
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
        if all(_is_number(r[j]) for r in table.rows if not re.fullmatch(r"totals?", r[0].strip(), re.I))
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
        program = _list_program(prob)
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
