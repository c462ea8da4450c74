"""``MathProgram``: the one intermediate form between reading a problem and solving it.

A reader (a rule-based one, the table reader, or the model formaliser) turns a problem's text into
a program: the unknowns with their domains, the givens, the relations (equations and
inequalities), function definitions, data tables, and one target saying what is asked. The
pipeline then checks the program's invariants, solves it with SymPy, verifies the answer and
explains it. Every part keeps where in the text it came from (``Span``), so a check such as
"every number in the text is used" can be made, and a step can quote the sentence it rests on.

Math is held as text in SymPy's syntax (``"2*x + 3"``, ``"Eq(f(x), x**2 - 6*x + 8)"`` is *not*
used: a relation is ``"2*x + 3 = 7"`` or ``"x**2 < 9"``), so a program is plain JSON data that a
model can write and a test can spell out; :func:`MathProgram.from_json` validates it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..errors import HiSolverError

__all__ = [
    "DOMAINS",
    "TARGET_KINDS",
    "PROPERTIES",
    "Span",
    "Unknown",
    "Relation",
    "FunctionDef",
    "Table",
    "Target",
    "MathProgram",
    "ProgramError",
]

# what an unknown may range over
DOMAINS = ("real", "integer", "positive", "positive_integer", "nonnegative", "nonnegative_integer")

# what a program may ask for
TARGET_KINDS = (
    "value",  # the value of ``expr`` (an unknown or an expression in them)
    "solutions",  # every solution of the relations (a set, an interval for inequalities)
    "sum",  # the sum of ``expr``'s values over the solutions
    "product",  # the product of ``expr``'s values over the solutions
    "count",  # how many solutions there are
    "property",  # ``property`` of the object ``of`` (a function, line, circle, parabola)
    "in_terms_of",  # ``expr`` written in the letters ``letters``
    "parameter",  # the value of the parameter ``expr`` for which the relations have ``solution_count`` solutions
    "option",  # the option that satisfies (or, with ``negated``, fails) the relations; with property "factor":
    # the option that divides ``expr`` exactly
    "statistic",  # ``property`` (mean, median, range, ...) of a table's column ``of``
    "equivalent",  # the option equivalent to the expression ``expr`` (for every value of its letters)
)

# properties a "property" or "statistic" target may name
PROPERTIES = (
    "x_intercepts",
    "y_intercept",
    "zeros",
    "vertex",
    "maximum",
    "minimum",
    "slope",
    "perpendicular_slope",  # the slope of a line perpendicular to ``of``
    "parallel_slope",  # the slope of a line parallel to ``of``
    "center",
    "radius",
    "axis_of_symmetry",
    "argmin",  # the input at which ``of`` takes its minimum (a quadratic opening up)
    "argmax",  # the input at which ``of`` takes its maximum (a quadratic opening down)
    "vertical_asymptotes",  # how many vertical asymptotes the graph of a rational ``of`` has
    "domain_least_integer",  # the least integer at which ``of`` is defined (a real number)
    "domain_greatest_integer",  # the greatest integer at which ``of`` is defined
    "mean",
    "median",
    "mode",
    "range",
    "sum",
    "percent_of_total",
    "conditional_probability",
    "factor",  # an "option" target: the option that is a factor of ``expr``
    "implied",  # an "option" target: the option (an inequality) that every solution of the relations satisfies
)


class ProgramError(HiSolverError):
    """A program that is malformed: unknown fields, math that does not parse, an unknown target kind."""


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of the problem text a part was read from."""

    start: int
    end: int


@dataclass
class Unknown:
    """A letter the problem asks about or leaves open, and the numbers it may take."""

    name: str
    domain: str = "real"
    meaning: str = ""  # "the number of tickets sold": what the letter stands for, in the text's words
    span: Span | None = None


@dataclass
class Relation:
    """An equation or inequality between expressions, in SymPy syntax with ``=`` / ``<`` / ``<=`` ..."""

    text: str
    span: Span | None = None


@dataclass
class FunctionDef:
    """``name(var) = body``."""

    name: str
    var: str
    body: str
    span: Span | None = None


@dataclass
class Table:
    """A data table: column headers and rows of cells (numbers as text, as typed)."""

    columns: list[str]
    rows: list[list[str]]
    kind: str = "data"  # function (x -> f(x)) | counts (two-way) | frequency (value, count) | data
    span: Span | None = None


@dataclass
class Target:
    """What the question asks for; see :data:`TARGET_KINDS`."""

    kind: str
    expr: str | None = None
    property: str | None = None
    of: str | None = None
    letters: list[str] = field(default_factory=list)
    solution_count: str | None = None  # none | one | infinite (with kind "parameter")
    negated: bool = False  # NOT / EXCEPT questions
    rounding: int | None = None  # decimal places asked for ("to the nearest tenth": 1)
    approximate: bool = False  # "closest to": the option nearest the exact answer
    any_one: bool = False  # "could be" / "one possible value": any one solution (among the options)
    pick: str | None = None  # "max" / "min": the largest (smallest) of the values ("the greatest value of x")
    statements: list[str] = field(default_factory=list)  # Roman-numeral statements I, II, III (options name them)
    span: Span | None = None


@dataclass
class MathProgram:
    """A problem read into math; see the module docstring."""

    target: Target
    unknowns: list[Unknown] = field(default_factory=list)
    givens: dict[str, str] = field(default_factory=dict)  # letter -> value, e.g. {"k": "3"}
    relations: list[Relation] = field(default_factory=list)
    functions: list[FunctionDef] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)  # (letter, text) as in the problem
    reader: str = ""  # which reader wrote the program (recorded in the solution)
    hints: list[str] = field(default_factory=list)  # hint lines fitting the question (the reader's form)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data."""
        return asdict(self)

    def to_json(self) -> str:
        """One line of JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Any) -> MathProgram:
        """Validate and build a program from JSON data; raise :class:`ProgramError` when malformed."""
        if not isinstance(data, dict):
            raise ProgramError("A program is a JSON object.")
        try:
            target = _build(Target, data.get("target"))
            program = cls(
                target=target,
                unknowns=[_build(Unknown, u) for u in _list(data, "unknowns")],
                givens={str(k): str(v) for k, v in _dict(data, "givens").items()},
                relations=[
                    _build(Relation, r if isinstance(r, dict) else {"text": r}) for r in _list(data, "relations")
                ],
                functions=[_build(FunctionDef, f) for f in _list(data, "functions")],
                tables=[_build(Table, t) for t in _list(data, "tables")],
                options=[(str(o[0]), str(o[1])) for o in _list(data, "options")],
                reader=str(data.get("reader", "")),
                hints=[str(h) for h in _list(data, "hints")],
            )
        except (TypeError, ValueError, IndexError, KeyError) as exc:
            raise ProgramError(f"The program is malformed: {exc}") from None
        unknown_fields = set(data) - set(cls.__dataclass_fields__)
        if unknown_fields:
            raise ProgramError(f"The program has unknown fields: {', '.join(sorted(unknown_fields))}.")
        program.validate()
        return program

    @classmethod
    def from_json(cls, text: str) -> MathProgram:
        """Parse and validate JSON text (as a model writes it)."""
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, TypeError) as exc:
            raise ProgramError(f"The program is not JSON: {exc}") from None
        return cls.from_dict(data)

    def validate(self) -> None:
        """Check the vocabulary (domains, target kinds, properties); the math is checked when solved."""
        if self.target.kind not in TARGET_KINDS:
            raise ProgramError(f"Unknown target kind {self.target.kind!r}.")
        if self.target.pick not in (None, "max", "min"):
            raise ProgramError(f"Unknown pick {self.target.pick!r}: max or min.")
        if self.target.property is not None and self.target.property not in PROPERTIES:
            raise ProgramError(f"Unknown property {self.target.property!r}.")
        for unknown in self.unknowns:
            if unknown.domain not in DOMAINS:
                raise ProgramError(f"Unknown domain {unknown.domain!r} for {unknown.name!r}.")
            if not unknown.name.isidentifier():
                raise ProgramError(f"{unknown.name!r} is not a name.")


def _list(data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ProgramError(f"{key!r} must be a list.")
    return value


def _dict(data: dict, key: str) -> dict:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise ProgramError(f"{key!r} must be an object.")
    return value


def _build(kind: type, data: Any) -> Any:
    if not isinstance(data, dict):
        raise ProgramError(f"{kind.__name__} must be a JSON object, not {type(data).__name__}.")
    extra = set(data) - {f.name for f in fields(kind)}
    if extra:
        raise ProgramError(f"{kind.__name__} has unknown fields: {', '.join(sorted(extra))}.")
    values = dict(data)
    if isinstance(values.get("span"), dict):
        values["span"] = Span(int(values["span"]["start"]), int(values["span"]["end"]))
    elif "span" in values and values["span"] is not None:
        raise ProgramError("A span is an object with start and end.")
    return kind(**values)
