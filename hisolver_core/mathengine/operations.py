"""Operations the text defines with a symbol, and their evaluation before the math is parsed.

Binary ``a \\star b = 9a + 2b - ab + 5`` (also written ``A\\ \\Psi\\ B = 2A + 5B``, or named and then
explained: ``$P \\ast Q$ means $\\cfrac{P+Q}{2}$``), prefix ``\\&x = x + 5`` and postfix ``x\\& = 7 - x``.
Each use in the other math (``3 \\ast (6 \\ast 8)``, ``\\#(\\&4)``, ``\\&(15\\&)``) is evaluated innermost first
and replaced by a placeholder, as function calls are. A plain ``*`` is an operation only where the
text calls it one ("an operation defined by $a*b=a^b+b$") or defines it for all its inputs ("$a * b = 2a + 3b$
for all $a$ and $b$"); else it multiplies.

Precision: a symbol defined both as a binary and as a one-input operation, or an operation whose
definition uses its own symbol, is declined.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import sympy as sp

from .build import Decline
from .problem import Problem
from .segments import Context

__all__ = ["apply_operations", "read_operations"]

_SYMBOLS = (
    r"\\star|\\ast|\\bigstar|@|\\#|\\diamond|\\nabla|\\odot|\\oplus|\\otimes|\\triangle|\\clubsuit|\\spadesuit"
    r"|\\heartsuit|\\dagger|\\circledast|\\boxplus|\\bowtie|\\S|\\&|\\%|\\Delta|\\oslash|\\boxtimes|\\Psi|\*"
)
# an operand is a letter, or a fraction of letters whose numerator and denominator the formula uses
_OPERAND = r"[a-zA-Z]|\\frac\{[a-zA-Z]\}\{[a-zA-Z]\}"
_BINARY = re.compile(rf"^\s*({_OPERAND})\s*({_SYMBOLS})\s*({_OPERAND})\s*(?:=\s*(.+))?$", re.S)
_FRACTION = re.compile(r"^\\frac\{(-?\d+)\}\{(\d+)\}$")
_PREFIX = re.compile(rf"^\s*({_SYMBOLS})\s*([a-zA-Z])\s*(?:=\s*(.+))?$", re.S)
_POSTFIX = re.compile(rf"^\s*([a-zA-Z])\s*({_SYMBOLS})\s*(?:=\s*(.+))?$", re.S)
_ATOM = r"(-?\d+(?:\.\d+)?|\\frac\{[^{}]*\}\{[^{}]*\}|\\Omega_\{\d+\}|[a-zA-Z])"
# "$P \ast Q$ means $\cfrac{P+Q}{2}$": the words that join an operation's name to its formula
_LINK = re.compile(r"^\s*(?:means|is defined (?:as|by|to be)|is|equals|=|denotes)\s*$")
_SPACING = re.compile(r"\\[ ,;:!]")
# "a * b = 2a + 3b for all a and b": an identity in a and b, so * is an operation there, not a product
_FOR_ALL = re.compile(
    r"^⟦\d+⟧,? for (?:all|any|every) (?:(?:positive|negative|nonzero|real|whole|non-negative) )*"
    r"(?:(?:integer|real|whole) )?(?:(?:values|numbers|integers) )?(?:of )?⟦\d+⟧ and ⟦\d+⟧",
    re.I,
)

Parse = Callable[[str], Any]


def _spaced(src: str) -> str:
    """``A\\ \\Psi\\ B``: TeX spacing commands as plain spaces."""
    return _SPACING.sub(" ", src)


def read_operations(problem: Problem, ctx: Context, parse: Parse) -> set[int]:
    """Read each operation the math defines into ``ctx.operators`` / ``ctx.unary``; return the segments used.

    Raises Decline when a definition cannot be read with one meaning.
    """
    used: set[int] = set()
    sources = [_spaced(src) for src in problem.math]
    for i, src in enumerate(sources):
        found = _definition(src, _explained(problem, sources, i))
        domain = _FOR_ALL.search(problem.text[problem.text.find(f"⟦{i}⟧") :]) if f"⟦{i}⟧" in problem.text else None
        if found is None or (found[0] == "*" and not re.search(r"\boperations?\b", problem.text, re.I) and not domain):
            continue
        if domain:  # "for all positive integer values of $a$ and $b$": the definition's domain, read
            ctx.words |= set(domain.group(0).lower().split()) - {"and"}
        symbol, kind, params, body_src = found
        if symbol in body_src:
            raise Decline(f"The operation {symbol} is defined by a formula that uses it.")
        body = parse(body_src)
        if not isinstance(body, sp.Expr):
            raise Decline("A custom operation is not defined by one expression.")
        variables = tuple(_operand(p) for p in params)
        if kind == "binary":
            ctx.operators[symbol] = (*variables, body)
            if any(isinstance(v, tuple) for v in variables):
                ctx.words |= {"simplified", "fractions", "lowest", "terms"}  # "for simplified fractions p/q"
        else:
            ctx.unary[(symbol, kind)] = (variables[0], body)
        used.add(i)
        named = _BINARY.match(src)
        if named and named.group(4) is None:
            used.add(i + 1)  # the named operation's formula stood in the next segment
    if {s for s, _ in ctx.unary} & set(ctx.operators):
        raise Decline("A symbol is defined both as an operation on two numbers and on one.")
    ctx.words |= {"means", "relation", "represent", "represents", "symbol", "any", "we", "told"} if used else set()
    return used


def _explained(problem: Problem, sources: list[str], i: int) -> str | None:
    """The formula in the segment after ``i`` when the words between join a name to it ("means"), else None."""
    m = re.search(rf"⟦{i}⟧(.*?)⟦{i + 1}⟧", problem.text, re.S)
    if not m or i + 1 >= len(sources) or not _LINK.match(m.group(1)) or "=" in sources[i + 1]:
        return None
    return sources[i + 1]


def _definition(src: str, explained: str | None) -> tuple[str, str, tuple[str, ...], str] | None:
    """(symbol, binary | prefix | postfix, parameters, formula) that ``src`` defines, else None."""
    m = _BINARY.match(src)
    if m:
        body = m.group(4) or explained
        return (m.group(2), "binary", (m.group(1), m.group(3)), body) if body and m.group(1) != m.group(3) else None
    for pattern, kind, op, letter in ((_PREFIX, "prefix", 1, 2), (_POSTFIX, "postfix", 2, 1)):
        m = pattern.match(src)
        # "\Delta x = 5" and "x\% = 0.2" state values: a one-input operation's formula uses its input
        if m and m.group(3) and m.group(op) not in ("*", "\\%") and _uses(m.group(3), m.group(letter)):
            return m.group(op), kind, (m.group(letter),), m.group(3)
    return None


def _uses(formula: str, letter: str) -> bool:
    """True when ``formula`` writes the letter ``letter`` (not as part of a command)."""
    return bool(re.search(rf"(?<![\\a-zA-Z]){letter}(?![a-zA-Z])", formula))


def names_operation(src: str, ctx: Context) -> bool:
    """True when ``src`` only writes a defined operation on its own letters (``A \\spadesuit B`` "is defined as")."""
    src = _spaced(src)
    m = _BINARY.match(src)
    if m and m.group(4) is None and m.group(2) in ctx.operators:
        return (_operand(m.group(1)), _operand(m.group(3))) == ctx.operators[m.group(2)][:2]
    for pattern, kind, op, letter in ((_PREFIX, "prefix", 1, 2), (_POSTFIX, "postfix", 2, 1)):
        m = pattern.match(src)
        if m and m.group(3) is None and (m.group(op), kind) in ctx.unary:
            return ctx.unary[(m.group(op), kind)][0] == sp.Symbol(m.group(letter))
    operands = [v for a, b, _ in ctx.operators.values() for v in (a, b) if isinstance(v, tuple)]
    if re.fullmatch(_OPERAND, src.strip()) and _operand(src) in operands:
        return True  # "for simplified fractions p/q": the operand the definition names
    return src.strip() in ctx.operators or any(src.strip() == s for s, _ in ctx.unary)


def apply_operations(source: str, ctx: Context, parse: Parse) -> str:
    """``source`` with every use of a defined operation evaluated, innermost first, as a placeholder."""
    if not ctx.operators and not ctx.unary:
        return source
    source = _spaced(source)
    for _ in range(24):
        source = re.sub(r"\(\s*(\\Omega_\{\d+\})\s*\)", r"\1", source)
        found = _next_use(source, ctx)
        if found is None:
            return source
        start, end, value_of = found
        key = len(ctx.placeholders)
        ctx.placeholders[sp.Symbol(f"Omega_{key}")] = value_of(parse)
        source = source[:start] + f"\\Omega_{{{key}}}" + source[end:]
    raise Decline("The custom operations nest too deeply.")


def _next_use(source: str, ctx: Context) -> tuple[int, int, Callable[[Parse], Any]] | None:
    """Where the first evaluable use of an operation is, and how to get its value; None when there is none."""
    for op, (a, b, body) in ctx.operators.items():
        m = re.search(rf"{_ATOM}\s*{re.escape(op)}\s*{_ATOM}", source)
        if m:
            return m.start(), m.end(), _valuer(body, {a: m.group(1), b: m.group(2)})
    for (op, kind), (a, body) in ctx.unary.items():
        if kind == "prefix":
            m = re.search(rf"(?<![\w}}]){re.escape(op)}\s*{_ATOM}", source)
        else:
            m = re.search(rf"{_ATOM}\s*{re.escape(op)}(?!\s*[\w\\(-])", source)
        if m:
            return m.start(), m.end(), _valuer(body, {a: m.group(1)})
    return None


def _operand(src: str) -> Any:
    """The letter of an operand, or the (numerator, denominator) letters of a fraction operand."""
    letters = re.findall(r"(?<!\\)\b[a-zA-Z]\b", src.replace("\\frac", " "))
    return sp.Symbol(letters[0]) if len(letters) == 1 else tuple(sp.Symbol(c) for c in letters)


def _valuer(body: Any, operands: dict[Any, str]) -> Callable[[Parse], Any]:
    """A function that parses the operands and returns the operation's exact value.

    A fraction operand (``\\frac{m}{n}``) takes the numerator and denominator of a fraction written in lowest
    terms; any other operand there is declined, since its numerator would depend on how it is written.
    """

    def value(parse: Parse) -> Any:
        subs = {}
        for var, src in operands.items():
            if not isinstance(var, tuple):
                subs[var] = parse(src)
                continue
            m = _FRACTION.match(src.strip())
            if not m or sp.gcd(int(m.group(1)), int(m.group(2))) != 1:
                raise Decline("The operation takes fractions in lowest terms, and is given something else.")
            subs.update({var[0]: sp.Integer(m.group(1)), var[1]: sp.Integer(m.group(2))})
        return sp.simplify(body.subs(subs, simultaneous=True))

    return value
