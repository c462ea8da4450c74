"""Read a ``MathProgram``'s math into SymPy, safely, and check what can be checked before solving.

Every relation, function body, given and target expression goes through the engine's guarded
plain-text parser (:func:`parse.parse_plain`: a character allow-list, no ``__``, no words it does
not know, size and exponent guards). A program may name unknowns with several letters
(``tickets``) or with subscripts (``x_1``); those names are swapped for spare single letters while
parsing and swapped back after, so the allow-list still applies to everything else. Defined
functions are written out (``f(3)`` becomes the body with 3 put in) before parsing, since the
parser rightly refuses a call it cannot see the definition of.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

import sympy as sp

from .build import Decline
from .parse import ParseFailure, parse_plain
from .program import MathProgram

__all__ = ["ReadProgram", "read_program", "parse_part"]

MAX_TEXT = 400  # characters in one part of a program
MAX_EXPANSIONS = 8  # function calls written out in one part (nested definitions included)
_NAME = r"(?<![A-Za-z0-9_]){}(?![A-Za-z0-9_])"
_KNOWN_WORDS = {"sqrt", "abs", "Abs", "log", "ln", "exp", "sin", "cos", "tan", "pi"}  # parse_plain's functions


@dataclass
class ReadProgram:
    """A program's math as SymPy objects, with what the checks and the step writer need."""

    program: MathProgram
    problem: str
    equations: list[sp.Equality] = field(default_factory=list)
    inequalities: list[sp.Rel] = field(default_factory=list)
    identities: list[str] = field(default_factory=list)  # relations true for every value (``2(x+1) = 2x+2``)
    contradictions: list[str] = field(default_factory=list)  # relations true for no value (``x + 1 = x``)
    sources: dict[int, str] = field(default_factory=dict)  # id(relation) -> the program's text for it
    givens: dict[sp.Symbol, sp.Expr] = field(default_factory=dict)
    functions: dict[str, tuple[sp.Symbol, sp.Expr]] = field(default_factory=dict)
    unknowns: list[sp.Symbol] = field(default_factory=list)  # declared first, then any other letter, by name
    domains: dict[sp.Symbol, str] = field(default_factory=dict)
    decimals: bool = False  # the problem wrote decimals: answers and steps keep them

    @property
    def relations(self) -> list:
        """Equations then inequalities."""
        return [*self.equations, *self.inequalities]

    def parse(self, text: str, what: str):
        """Parse one more piece of math in this program's names, givens put in; raise Decline."""
        obj = parse_part(text, self.program, what)
        return _substituted(obj, self.givens)


def _declared_names(program: MathProgram) -> list[str]:
    names = [u.name for u in program.unknowns] + list(program.givens) + [f.var for f in program.functions]
    names += list(program.target.letters)
    if program.target.expr and program.target.expr.isidentifier():
        names.append(program.target.expr)
    # a letter-name the program uses without declaring it (``price``) is an unknown too; never a dunder
    texts = [r.text for r in program.relations] + [program.target.expr or ""]
    for word in re.findall(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9_]*", " ".join(texts)):
        if word not in _KNOWN_WORDS and "__" not in word and not any(f.name == word for f in program.functions):
            names.append(word)
    return list(dict.fromkeys(names))


def _spare_letters(program: MathProgram) -> list[str]:
    texts = [r.text for r in program.relations] + [f.body for f in program.functions]
    texts += list(program.givens.values()) + [program.target.expr or ""]
    used = set(re.findall(r"[A-Za-z]", " ".join(texts))) | {n for n in _declared_names(program) if len(n) == 1}
    # a spare letter is one no part of the program uses, so a swapped name never collides with a real letter
    return [c for c in string.ascii_uppercase + string.ascii_lowercase if c not in used]


def _expand_calls(text: str, program: MathProgram, what: str) -> str:
    """``f(3) + 1`` with ``f(x) = x^2`` as ``((3)^2) + 1``: defined functions written out."""
    defs = {f.name: f for f in program.functions}
    if not defs:
        return text
    pattern = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(map(re.escape, defs)) + r")\s*\(")
    for _ in range(MAX_EXPANSIONS):
        m = pattern.search(text)
        if m is None:
            return text
        depth, end = 0, None
        for i in range(m.end() - 1, len(text)):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                end = i
                break
        if end is None:
            raise Decline(f"The {what} {text!r} has an unclosed bracket.")
        fn, arg = defs[m.group(1)], text[m.end() : end]
        body = re.sub(_NAME.format(re.escape(fn.var)), "(" + arg.replace("\\", r"\\") + ")", fn.body)
        text = text[: m.start()] + f"({body})" + text[end + 1 :]
        if len(text) > MAX_TEXT:
            break
    raise Decline(f"The {what} uses its functions too deeply to write out.")


def parse_part(text: str, program: MathProgram, what: str):
    """Parse ``text`` (SymPy syntax, ``**`` or ``^``) with the program's names; return a SymPy object.

    Raises :class:`Decline` naming the part (``what``) when it is too long, unsafe or unreadable.
    """
    if not isinstance(text, str) or not text.strip():
        raise Decline(f"The {what} is empty.")
    if len(text) > MAX_TEXT:
        raise Decline(f"The {what} is too long to read ({len(text)} characters).")
    source = _expand_calls(text, program, what).replace("**", "^")
    swapped: dict[str, str] = {}
    spare = iter(_spare_letters(program))
    for name in sorted(_declared_names(program), key=len, reverse=True):
        if len(name) == 1 and name in string.ascii_letters:
            continue
        if not re.search(_NAME.format(re.escape(name)), source):
            continue
        letter = next(spare, None)
        if letter is None:
            raise Decline(f"The {what} uses too many names.")
        swapped[letter] = name
        source = re.sub(_NAME.format(re.escape(name)), letter, source)
    try:
        obj = parse_plain(source)
    except ParseFailure as exc:
        raise Decline(f"The {what} {text[:80]!r} could not be read: {exc}.") from None
    except (RecursionError, MemoryError, OverflowError):
        raise Decline(f"The {what} {text[:80]!r} is too complex to read.") from None
    if not isinstance(obj, sp.Basic):
        raise Decline(f"The {what} {text[:80]!r} is not math.")
    if swapped:
        obj = obj.xreplace({sp.Symbol(k): sp.Symbol(v) for k, v in swapped.items()})
    return _evaluated(obj)


def _evaluated(obj):
    """The parser keeps ``1*1`` unevaluated (to show it as typed); solving wants it evaluated."""
    if isinstance(obj, sp.Rel):
        return obj.func(obj.lhs.doit(), obj.rhs.doit())
    if isinstance(obj, sp.And):
        return sp.And(*(_evaluated(a) for a in obj.args))
    return obj.doit() if isinstance(obj, sp.Basic) else obj


def _substituted(obj, givens: dict):
    if not givens or not isinstance(obj, sp.Basic):
        return obj
    return _evaluated(obj.xreplace(givens))


def read_program(program: MathProgram, problem: str = "") -> ReadProgram:
    """Parse every part of ``program``; check that every given is used; return the :class:`ReadProgram`.

    Raises :class:`Decline` when a part cannot be read, a given is unused, or a relation is not a relation.
    """
    read = ReadProgram(program=program, problem=problem)
    texts = [r.text for r in program.relations] + list(program.givens.values())
    texts += [f.body for f in program.functions] + [problem]
    read.decimals = any(re.search(r"\d\.\d", t or "") for t in texts)
    for name, value in program.givens.items():
        parsed = parse_part(value, program, f"given {name}")
        if not isinstance(parsed, sp.Expr) or parsed.free_symbols:
            raise Decline(f"The given {name} = {value} is not a number.")
        read.givens[sp.Symbol(name)] = parsed
    for fn in program.functions:
        if fn.name in read.functions or not fn.name.isidentifier():
            raise Decline(f"The function {fn.name!r} is defined twice or badly named.")
        body = read.parse(fn.body, f"definition of {fn.name}")
        if not isinstance(body, sp.Expr):
            raise Decline(f"The definition of {fn.name} is not an expression.")
        read.functions[fn.name] = (sp.Symbol(fn.var), body)
    raw_symbols: set[sp.Symbol] = set()
    for rel in program.relations:
        raw = parse_part(rel.text, program, "relation")
        if isinstance(raw, sp.Basic):
            raw_symbols |= raw.free_symbols
        _add_relation(read, _substituted(raw, read.givens), rel.text)
    _check_givens_used(read, raw_symbols)
    _collect_unknowns(read)
    return read


def _add_relation(read: ReadProgram, obj, text: str) -> None:
    parts = list(obj.args) if isinstance(obj, sp.And) else [obj]
    for part in parts:
        if part is sp.true:
            read.identities.append(text)
        elif part is sp.false:
            read.contradictions.append(text)
        elif isinstance(part, sp.Equality):
            read.equations.append(part)
            read.sources[id(part)] = text
        elif isinstance(part, sp.Rel) and part.rel_op in ("<", "<=", ">", ">=", "!="):  # != excludes a value
            read.inequalities.append(part)
            read.sources[id(part)] = text
        elif isinstance(part, sp.Rel):
            raise Decline(f"The relation {text!r} uses a sign ({part.rel_op}) I do not solve with.")
        else:
            raise Decline(f"The relation {text!r} is not an equation or inequality.")


def _check_givens_used(read: ReadProgram, raw_symbols: set[sp.Symbol]) -> None:
    """Every given must appear in a relation, a function or the target: an unused given means a misread."""
    target = read.program.target
    in_target: set[sp.Symbol] = set()
    for text in (target.expr, target.of):
        if text and text not in read.functions:
            try:
                obj = parse_part(text, read.program, "target")
            except Decline:
                continue
            in_target |= obj.free_symbols if isinstance(obj, sp.Basic) else set()
    raw_functions: set[sp.Symbol] = set()
    for fn in read.program.functions:
        raw_functions |= parse_part(fn.body, read.program, f"definition of {fn.name}").free_symbols
    used = raw_symbols | in_target | raw_functions
    for sym, value in read.givens.items():
        if sym not in used:
            raise Decline(f"The given {sym} = {value} is not used anywhere in the program.")


def _collect_unknowns(read: ReadProgram) -> None:
    declared = [sp.Symbol(u.name) for u in read.program.unknowns if sp.Symbol(u.name) not in read.givens]
    letters = set().union(*(r.free_symbols for r in read.relations)) if read.relations else set()
    others = sorted(letters - set(declared) - set(read.givens), key=lambda s: s.name)
    read.unknowns = list(dict.fromkeys(declared + others))
    read.domains = {sp.Symbol(u.name): u.domain for u in read.program.unknowns}
