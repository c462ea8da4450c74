"""Tables found in a problem's text, in every syntax a student or a test writes, read into ``Table`` data.

The syntaxes: LaTeX ``tabular`` and ``array`` (``\\hline``, ``&``, ``\\\\``, ``\\multicolumn`` captions,
``$...$`` and ``\\text{}`` cells), markdown (``| x | f(x) |`` with its ``|---|`` rule), plain columns
separated by two or more spaces or tabs, and the one-line layout ``x | 1 | 2 | 3 ; f(x) | 4 | 7 | 10``.
Each becomes a :class:`~hisolver_core.mathengine.program.Table` with its columns, rows and kind:

- ``function``: an input letter and an output (``x`` / ``f(x)``), read by rows or by columns;
- ``frequency``: values and how often each occurs;
- ``counts``: a two-way table of counts with a total row or column;
- ``stem_leaf``: a stem-and-leaf plot (stems and their leaves);
- ``data``: anything else with a header row.

An ``array`` whose rows are equations is a system, not a table: it is left to the equation
readers (:func:`figures_unread` says it is no figure). A piecewise definition, a matrix of
letters, an addition typeset digit by digit stay figures this module does not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import sympy as sp

from .build import Decline
from .program import Table

__all__ = [
    "Block",
    "MAX_CELLS",
    "cell_number",
    "clean_cell",
    "find_blocks",
    "find_tables",
    "figures_unread",
    "is_number",
    "rational",
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
    return rational(s.replace(",", "").replace("+", ""))


def is_number(cell: str) -> bool:
    return cell_number(cell) is not None


def _years(row: list[str]) -> bool:
    """A header of years over the columns (``COUNTY | 2001 | 2002 | 2003``): a label, then increasing years."""
    years = [cell_number(c) for c in row[1:]]
    return (
        bool(row[0])
        and not is_number(row[0])
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
    labels = all(row[0] and not is_number(row[0]) for row in grid)
    rest_numeric = all(is_number(c) for row in grid for c in row[1:])
    if labels and rest_numeric and len(grid) <= 3 and width >= 3:
        columns = [row[0] for row in grid]  # read by rows: ``x | 1 | 2 | 3`` over ``f(x) | 4 | 7 | 10``
        rows = [[row[j] for row in grid] for j in range(1, width)]
    elif any(c and not is_number(c) for c in grid[0][1:]) or not grid[0][0] or header or _years(grid[0]):
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
    numeric = [all(is_number(r[j]) for r in rows) for j in range(len(columns))]
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
    header_words = any(not is_number(c) for c in run[0])
    body_numeric = all(all(is_number(c) for c in row[1:]) for row in run[1:])
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


def rational(text: str) -> sp.Rational | None:
    """``text`` as an exact number; None for ``0/0`` or ``3/0``."""
    try:
        return sp.Rational(text)
    except (ZeroDivisionError, ValueError, TypeError):
        return None
