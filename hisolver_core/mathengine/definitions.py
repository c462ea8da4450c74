"""Functions the text defines by cases or of several inputs, and their exact evaluation.

``f(x) = \\begin{cases} 3x + 5 & \\text{if } x < -3 \\\\ 7 - 4x & \\text{if } x \\ge -3 \\end{cases}`` and
``F(a, b, c, d) = a^b + c \\times d`` become a :class:`Definition`: its inputs and its pieces, each a value
and the condition under which it holds (one piece that always holds for a formula). The context puts a
call's value in place of the call before the math is parsed, as it does for one-input functions. A
function known only by a list of values (``f(1) = 2``, ``f(4) = 3``) is a Definition by cases too, one
case per listed input, and is inverted by looking its values up.

Precision: a function by cases is evaluated only at numbers, where each condition is plainly true or
false and exactly one holds (a point that no case covers, or two cases cover, is declined); a condition
must be a comparison of the input, a parity ("n is odd") or "otherwise", so "if n is prime" is declined.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp

from .build import Decline

__all__ = ["Definition", "read_definition", "value_table"]

_CASES = re.compile(r"^\s*\\begin\{cases\}(.*)\\end\{cases\}\W*$", re.S)
_CASES_DEF = re.compile(r"^\s*([a-zA-Z])\s*\(\s*([a-z])\s*\)\s*=\s*(\\begin\{cases\}.*)$", re.S)
_MULTI_DEF = re.compile(r"^\s*([a-zA-Z])\s*\(\s*([a-z](?:\s*,\s*[a-z])+)\s*\)\s*=\s*(.+)$", re.S)
_TEXT = re.compile(r"\\(?:text|mbox|mathrm|textrm)\s*\{([^{}]*)\}")
_PARITY = re.compile(r"^if\s+([a-z])\s+is\s+(?:an?\s+)?(odd|even)(?:\s+integer)?$")


@dataclass(frozen=True)
class Definition:
    """A function of ``params`` given by ``pieces``: (value, condition) pairs, the condition a SymPy boolean."""

    name: str
    params: tuple[sp.Symbol, ...]
    pieces: tuple[tuple[Any, Any], ...]

    @property
    def by_cases(self) -> bool:
        """True when the function is defined by cases (more than one piece)."""
        return len(self.pieces) > 1

    def apply(self, args: list[Any]) -> Any:
        """The exact value at ``args``; raise Decline when the inputs do not fit or no single case applies."""
        if len(args) != len(self.params) or not all(isinstance(a, sp.Expr) for a in args):
            raise Decline(f"{self.name} takes {len(self.params)} input(s), and the problem gives it others.")
        subs = dict(zip(self.params, args, strict=True))
        if not self.by_cases:
            return sp.simplify(self.pieces[0][0].subs(subs, simultaneous=True))
        if not all(a.is_number and a.is_real for a in args):
            raise Decline(f"{self.name} is defined by cases, so I evaluate it only at numbers.")
        if any(cond.has(sp.Mod) for _, cond in self.pieces) and not all(a.is_integer for a in args):
            raise Decline(f"{self.name} is defined by parity, and its input is not an integer.")
        chosen = []
        for value, cond in self.pieces:
            holds = sp.simplify(cond.subs(subs)) if isinstance(cond, sp.Basic) else cond
            if holds not in (sp.true, sp.false, True, False):
                raise Decline(f"I cannot tell which case of {self.name} applies.")
            if holds:
                chosen.append(value)
        if len(chosen) != 1:
            raise Decline(f"{'No case' if not chosen else 'More than one case'} of {self.name} applies there.")
        return sp.simplify(chosen[0].subs(subs, simultaneous=True))

    def inverse(self, value: Any) -> Any:
        """The one listed input where a function known by its values takes ``value``; raise Decline otherwise."""
        points = [cond.rhs for _, cond in self.pieces if isinstance(cond, sp.Eq) and cond.lhs in self.params]
        if len(points) != len(self.pieces) or len(self.params) != 1:
            raise Decline(f"I can invert {self.name} only where it is given by a list of values.")
        found = [p for (v, _), p in zip(self.pieces, points, strict=True) if sp.simplify(v - value) == 0]
        if len(found) != 1:
            raise Decline(f"The values given for {self.name} do not fix its inverse at {value}.")
        return found[0]


_FACT = re.compile(r"^\s*([a-zA-Z])\s*\(\s*(-?\d+(?:\.\d+)?)\s*\)\s*=\s*(-?\d+(?:\.\d+)?)\s*$")
_MENTION = r"^\s*{name}\s*(?:\^\s*\{{?\s*-1\s*\}}?)?\s*\(\s*[a-z]\s*\)\s*$"


def value_table(name: str, sources: dict[int, str]) -> tuple[Definition, set[int]] | None:
    """``f(1) = 2, f(4) = 3, f(7) = 4``: the function ``name`` known only by values, as a Definition evaluated (and
    inverted) only at the listed points, and the segments it used; None unless at least two values are given and
    every other use of ``name`` is a call or a mention (``f(x)``, ``f^{-1}(x)``)."""
    facts: dict[Any, Any] = {}
    used: set[int] = set()
    for i, src in sources.items():
        m = _FACT.match(src)
        if m and m.group(1) == name:
            point, value = sp.nsimplify(m.group(2)), sp.nsimplify(m.group(3))
            if facts.get(point, value) != value:
                raise Decline(f"{name} is given two values at {point}.")
            facts[point] = value
            used.add(i)
        elif re.match(_MENTION.format(name=name), src):
            used.add(i)
        elif re.search(rf"(?<![\\a-zA-Z]){name}\s*\(\s*[a-z]", src):
            return None  # f(x + 1) = ...: an equation about f, not a list of values
    if len(facts) < 2:
        return None
    x = sp.Symbol("x")
    pieces = tuple((value, sp.Eq(x, point)) for point, value in facts.items())
    return Definition(name, (x,), pieces), used


def read_definition(part: str, parse: Callable[[str], Any]) -> Definition | None:
    """The Definition that ``part`` states (by cases, or of several inputs), else None; ``parse`` reads math.

    Raises Decline when ``part`` is such a definition but a case or condition cannot be read.
    """
    m = _CASES_DEF.match(part)
    rows = _CASES.match(m.group(3)) if m else None
    if m and rows:
        var = sp.Symbol(m.group(2))
        return Definition(m.group(1), (var,), _cases(rows.group(1), var, parse))
    m = _MULTI_DEF.match(part)
    if not m:
        return None
    params = tuple(sp.Symbol(p.strip()) for p in m.group(2).split(","))
    if len(set(params)) != len(params):
        return None
    body = parse(m.group(3))
    if not isinstance(body, sp.Expr) or not body.free_symbols <= set(params):
        return None  # "P(a, b) = (3, 4)" names a point; a body with other letters is an equation
    return Definition(m.group(1), params, ((body, sp.true),))


def _cases(rows_src: str, var: sp.Symbol, parse: Callable[[str], Any]) -> tuple[tuple[Any, Any], ...]:
    """The (value, condition) pieces of the rows of a ``cases`` block; raise Decline on a row it cannot read."""
    rows = [row for row in re.split(r"\\\\", rows_src) if row.strip()]
    pieces: list[tuple[Any, Any]] = []
    for k, row in enumerate(rows):
        if row.count("&") != 1:
            raise Decline("A case of the function does not say when it holds.")
        value_src, cond_src = row.split("&")
        value = parse(value_src)
        if not isinstance(value, sp.Expr):
            raise Decline("A case of the function is not one expression.")
        cond = _condition(cond_src, var, parse, last=k == len(rows) - 1)
        if cond is None:  # "otherwise": where no case above holds
            cond = sp.Not(sp.Or(*(c for _, c in pieces)))
        pieces.append((value, cond))
    if len(pieces) < 2:
        raise Decline("A function by cases needs at least two cases.")
    return tuple(pieces)


def _condition(src: str, var: sp.Symbol, parse: Callable[[str], Any], last: bool) -> Any:
    """The condition of one case: a comparison of ``var`` or a parity; None for "otherwise" (only in the last case).

    Raises Decline for any other condition ("if n is prime").
    """
    words = re.sub(r"\s+", " ", _TEXT.sub(r" \1 ", src)).strip(" ,.;").replace("\\", " \\").strip()
    if words == "otherwise" and last:
        return None
    parity = _PARITY.match(words)
    if parity:
        if parity.group(1) != var.name:
            raise Decline("A case's condition is about another letter.")
        return sp.Eq(sp.Mod(var, 2), 1 if parity.group(2) == "odd" else 0)
    if not words.startswith("if "):
        raise Decline(f"I cannot read the condition {src.strip()!r} of a case.")
    cond = parse(words[3:])
    if not isinstance(cond, (sp.core.relational.Relational, sp.And)) or cond.free_symbols != {var}:
        raise Decline(f"I cannot read the condition {src.strip()!r} of a case.")
    return cond
