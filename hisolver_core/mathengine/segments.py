"""The parsed form of a problem's math: its segments and the ``Context`` holding them.

Kept apart from ``context.py`` (which builds a Context) so that the verbal rewrite rules, which
work on a Context, and the builder, which applies them, import this module instead of each other.
``context.py`` re-exports ``Context`` and ``Segment``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sympy as sp

if TYPE_CHECKING:
    from .problem import Problem

__all__ = ["Context", "Segment"]


@dataclass
class Segment:
    """One parsed math segment."""

    index: int
    source: str
    # What the source parsed to: a SymPy object (Eq, relation, expression, Symbol, Tuple), a Python tuple of them,
    # or None for "dots"; ``kind`` says which. SymPy ships no type information, so its classes are Any to mypy.
    obj: Any
    kind: str  # equation | inequality | expression | symbol | point | tuple | dots | other


@dataclass
class Context:
    """Everything parsed from a problem's math."""

    problem: Problem
    segments: list[Segment] = field(default_factory=list)
    functions: dict[str, tuple[sp.Symbol, sp.Expr]] = field(default_factory=dict)
    function_sources: dict[str, str] = field(default_factory=dict)
    complex_mode: bool = False
    placeholders: dict = field(default_factory=dict)
    operators: dict = field(default_factory=dict)  # symbol -> (a, b, body)
    unary: dict = field(default_factory=dict)  # (symbol, "prefix" | "postfix") -> (a, body): \&x = x + 5
    definitions: dict = field(default_factory=dict)  # name -> definitions.Definition: by cases, several inputs
    words: set = field(default_factory=set)  # wording the definitions account for ("inverse", "means")
    templated: set = field(default_factory=set)  # functions named "linear" / "quadratic" with unknown coefficients

    def of_kind(self, *kinds: str) -> list[Segment]:
        """Segments of the given kinds, in order."""
        return [s for s in self.segments if s.kind in kinds]

    @property
    def equations(self) -> list[sp.Eq]:
        """Parsed equations."""
        return [s.obj for s in self.of_kind("equation")]

    @property
    def conditions(self) -> list:
        """Side conditions such as ``x \\neq 0``."""
        return [s.obj for s in self.of_kind("condition")]

    @property
    def inequalities(self) -> list:
        """Parsed inequalities (relationals or chained ``And``)."""
        return [s.obj for s in self.of_kind("inequality")]


def _kind(obj) -> str:
    if isinstance(obj, sp.Equality):
        return "equation"
    if isinstance(obj, sp.Unequality):
        return "condition"
    if isinstance(obj, (sp.core.relational.Relational, sp.And)):
        return "inequality"
    if isinstance(obj, (sp.Tuple, tuple)):
        return "point" if len(obj) == 2 and all(isinstance(v, sp.Expr) and v.is_number for v in obj) else "tuple"
    if isinstance(obj, sp.Symbol):
        return "symbol"
    if isinstance(obj, sp.Expr):
        return "expression"
    return "other"
