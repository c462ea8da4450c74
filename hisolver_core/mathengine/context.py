"""Parse a problem's math segments into equations, inequalities, expressions and points.

Function definitions (``f(x) = 3x - 2``) are kept as lambdas and every call
``f(...)`` in the other segments is replaced by its value before parsing, so
``f(-2) + f(-1)`` and ``g(f(5) - 1)`` become plain expressions.
"""

from __future__ import annotations

import re

import sympy as sp

from .build import Decline
from .definitions import read_definition, value_table
from .operations import apply_operations, names_operation, read_operations
from .parse import ParseFailure, UndefinedFunction, parse_math
from .problem import Problem, top_level_split
from .rewrite import rewrite_verbal
from .segments import Context, Segment, _kind

__all__ = ["Context", "build_context", "context_of", "Segment"]

_DEF = re.compile(r"^\s*([a-zA-Z])\s*\(\s*([a-z])\s*\)\s*=\s*(.+)$", re.S)
I_SYM = sp.Symbol("i")


def _expand_calls(source: str, ctx: Context) -> str:
    """Replace innermost calls ``f(arg)``, ``f^{-1}(v)`` and ``F(a, b)`` of defined functions by placeholder
    symbols ``\\Omega_{k}``, innermost first so that calls and inverses may nest in any order.

    The placeholder values are kept in ``ctx.placeholders``; :func:`_parse` puts them back.
    """
    names = "".join(ctx.functions) + "".join(ctx.definitions)
    if not names:
        return source
    pattern = re.compile(
        rf"(?<![a-zA-Z\\])([{names}])\s*(\^\s*\{{?\s*-1\s*\}}?)?\s*(?:\\left)?\(\s*([^()]*?)\s*(?:\\right)?\)"
    )
    for _ in range(16):
        m = pattern.search(source)
        if not m:
            return source
        args = [_parse(a, ctx, expand=False) for a in top_level_split(m.group(3))]
        value = _inverse_value(m.group(1), args, ctx) if m.group(2) else _call_value(m.group(1), args, ctx)
        key = len(ctx.placeholders)
        ctx.placeholders[sp.Symbol(f"Omega_{key}")] = value
        source = source[: m.start()] + f"\\Omega_{{{key}}}" + source[m.end() :]
    raise Decline("The function calls nest too deeply.")


def _call_value(name: str, args: list, ctx: Context):
    """The value of the defined function ``name`` at ``args``; raise Decline when it cannot be had exactly."""
    if name in ctx.definitions:
        return ctx.definitions[name].apply(args)
    if len(args) != 1 or not isinstance(args[0], sp.Expr):
        raise Decline("A function is applied to something that is not a number or expression.")
    var, body = ctx.functions[name]
    return sp.simplify(body.subs(var, args[0]))


def _inverse_value(name: str, args: list, ctx: Context):
    """The one real input where the function ``name`` takes the value ``args[0]``; raise Decline otherwise."""
    if name in ctx.definitions and len(args) == 1:
        return ctx.definitions[name].inverse(args[0])
    if name not in ctx.functions or len(args) != 1:
        raise Decline("I can invert only a function of one input given by one formula.")
    var, body = ctx.functions[name]
    real = sp.Symbol(var.name, real=True)
    try:
        found = sp.solve(sp.Eq(body.subs(var, real), args[0]), real)
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise Decline("I could not invert the function.") from exc
    if len(found) != 1:
        raise Decline("The inverse function value is not unique.")
    return found[0]


def _parse(source: str, ctx: Context, expand: bool = True, var: sp.Symbol | None = None):
    """``source`` parsed with calls of defined functions and placeholders put in; ``var``, the input of a definition
    being read, may share a function's name (``C(n) = 2n + 150`` beside ``n(h) = 40h``). Raises Decline."""
    text = _expand_calls(source, ctx) if expand else source
    try:
        obj = parse_math(text)
    except UndefinedFunction as exc:
        raise Decline(f"In {source!r}, {exc}: give its formula (such as P(x) = ...) to have it evaluated.") from exc
    except ParseFailure as exc:
        raise Decline(f"I could not read the math {source!r}.") from exc
    if isinstance(obj, sp.Basic) and ctx.placeholders:
        obj = obj.xreplace(ctx.placeholders)
    if (
        expand
        and isinstance(obj, sp.Basic)
        and {s.name for s in obj.free_symbols - {var}} & (set(ctx.functions) | set(ctx.definitions))
    ):
        raise Decline("A function is used in a way I cannot evaluate.")
    return obj


_TEMPLATES = {"linear": ("m", "b"), "quadratic": ("a", "b", "c")}


def _named_functions(problem: Problem, ctx: Context) -> None:
    """Functions the text names without a formula: a linear or quadratic one gets unknown coefficients
    (``f(x) = mx + b``), so ``f(2) = 11`` reads as ``2m + b = 11``; any other undefined ``f(2)`` is declined
    rather than read as the product ``f * 2``."""
    for m in re.finditer(r"\b(?:(linear|quadratic) )?functions? ⟦(\d+)⟧", problem.text, re.I):
        name = problem.math[int(m.group(2))].strip()
        if not re.fullmatch(r"[a-zA-Z]", name) or name in ctx.functions or not m.group(1):
            continue
        letters = {c for src in problem.math for c in re.findall(r"(?<![\\a-zA-Z])[a-zA-Z](?![a-zA-Z])", src)}
        x = sp.Symbol("x")
        names = _TEMPLATES[m.group(1).lower()]
        coeffs = [sp.Symbol(c if c not in letters else f"{c}_{{{name}}}") for c in names]
        body = sum(c * x ** (len(coeffs) - 1 - k) for k, c in enumerate(coeffs))
        ctx.functions[name] = (x, body)
        ctx.function_sources[name] = f"{name}(x) = {sp.latex(body)}"
        ctx.templated.add(name)
    asked = re.search(r"\bwhich of the following (?:could )?defines? ⟦(\d+)⟧", problem.text, re.I)
    name = problem.math[int(asked.group(1))].strip() if asked else ""
    if name and re.fullmatch(r"[a-zA-Z]", name) and name not in ctx.functions:
        values = [
            src for src in problem.math if re.fullmatch(rf"\s*{name}\s*\(\s*-?\d+(?:\.\d+)?\s*\)\s*=.+", src, re.S)
        ]
        if 2 <= len(values) <= 3:  # f known by values only: the polynomial of least degree through them, then compare
            x = sp.Symbol("x")
            coeffs = [sp.Symbol(f"c_{{{k}}}") for k in range(len(values))]
            body = sum(c * x**k for k, c in enumerate(coeffs))
            ctx.functions[name] = (x, body)
            ctx.function_sources[name] = f"{name}(x) = {sp.latex(body)}"
            ctx.templated.add(name)
    for src in problem.math:
        for call in re.findall(r"(?<![\\a-zA-Z])([fghpqr])\s*\(", src):
            if (
                call not in ctx.functions
                and call not in ctx.definitions
                and not re.fullmatch(rf"\s*{call}\s*\([^()]*\)\s*=.*", src, re.S)
            ):
                raise Decline(f"The function {call} is used but never defined.")


def _read_definitions(problem: Problem, ctx: Context) -> set[int]:
    used: set[int] = set()
    raw: dict[str, tuple[sp.Symbol, str, str]] = {}
    shifts: dict[str, sp.Expr | None] = {}
    for i, src in enumerate(problem.math):
        for part in re.split(r"(?<=\S)\s*(?:,|;|\\text\{\s*and\s*\})\s*(?=[a-zA-Z]\s*\()", src):
            if _defines(part, ctx, raw):
                used.add(i)
                continue
            plain = _DEF.match(part)
            found = (plain[1], plain[2], plain[3], None) if plain else _shifted_definition(part, problem.text)
            if not found or found[0] in "xyz" or found[0] in raw:
                continue  # a second "f(x) = ..." is an equation about f, not a new definition
            name, var, body_src, shift = found
            raw[name] = (sp.Symbol(var), body_src, part.strip())
            shifts[name] = shift
            used.add(i)
    pending = dict(raw)
    for _ in range(len(raw) + 1):  # definitions may use each other, in any order
        for name, (var, body_src, part) in list(pending.items()):
            others = {n for n in pending if n != name}
            if any(re.search(rf"(?<![a-zA-Z\\]){n}\s*\(", body_src) for n in others):
                continue
            body = _parse(body_src, ctx, var=var)
            if not isinstance(body, sp.Expr):
                raise Decline("A function definition is not a single expression.")
            if shifts.get(name) is not None:  # f(x - 1) = 2x + 5 for all x: f(u) = 2(u + 1) + 5
                body = sp.expand(body.subs(var, shifts[name]))
            ctx.functions[name] = (var, body)
            ctx.function_sources[name] = part
            del pending[name]
    if pending:
        raise Decline("The function definitions refer to each other in a loop.")
    return used


def _defines(part: str, ctx: Context, raw: dict) -> bool:
    """True when ``part`` defines a function by cases or of several inputs (kept in ``ctx.definitions``)."""
    defn = read_definition(part, lambda s: _parse(s, ctx))
    if defn is None or defn.name in ctx.definitions or defn.name in raw or defn.name in "xyz":
        return False  # a second "F(a, b) = ..." is an equation about F
    ctx.definitions[defn.name] = defn
    ctx.function_sources[defn.name] = part.strip()
    return True


_SHIFTED = re.compile(r"^\s*([a-zA-Z])\s*\(\s*([^()=,]+?)\s*\)\s*=\s*(.+)$", re.S)


def _shifted_definition(part: str, text: str) -> tuple[str, str, str, sp.Expr] | None:
    """``f(x - 1) = 2x + 5`` stated "for all values of x": (name, variable, body, x written in the new input)."""
    m = _SHIFTED.match(part)
    if not m or not re.search(r"\bfor all\b", text, re.I):
        return None
    try:
        arg = parse_math(m.group(2))
    except ParseFailure:
        return None
    if not isinstance(arg, sp.Expr) or len(arg.free_symbols) != 1:
        return None
    var = next(iter(arg.free_symbols))
    if not arg.is_polynomial(var) or sp.degree(arg, var) != 1 or arg == var:
        return None
    u = sp.Dummy("u")
    inverse = sp.solve(sp.Eq(arg, u), var)[0]
    return m.group(1), var.name, m.group(3), inverse.subs(u, var)


_DOTS = {"\\dots", "\\ldots", "\\cdots", "...", "\\dotsb", "\\dotsc"}


def _value_tables(problem: Problem, ctx: Context) -> set[int]:
    """Functions the text gives only by values (``f(1) = 2``, ``f(4) = 3``) and uses in calls; return the segments."""
    used: set[int] = set()
    if re.search(r"\b(?:linear|quadratic|polynomial|exponential|defines?|graph|table|degree)\b", problem.text, re.I):
        return used  # a function of a named kind: its values fix its coefficients (see _named_functions)
    sources = dict(enumerate(problem.math))
    for name in sorted({n for src in problem.math for n in re.findall(r"(?<![\\a-zA-Z])([fgh])\s*\(", src)}):
        if name in ctx.functions or name in ctx.definitions:
            continue
        found = value_table(name, sources)
        if found is not None:
            ctx.definitions[name], segments = found
            ctx.function_sources[name] = ", ".join(problem.math[i] for i in sorted(segments) if "=" in problem.math[i])
            ctx.words |= {"inverse", "given"}
            used |= segments
    return used


def _names_only(src: str, ctx: Context) -> bool:
    """True when ``src`` is only the name of a defined function (or its inverse) or operation."""
    name = re.sub(r"\^\s*\{?\s*-1\s*\}?\s*$", "", src.strip()) if src.strip()[:1] in ctx.functions else src.strip()
    if name != src.strip() and name in ctx.functions:
        ctx.words |= {"inverse", "inverses", "also"}  # "also denote the inverses of these functions as f^{-1}"
    return name in ctx.functions or name in ctx.definitions or names_operation(src, ctx)


def build_context(problem: Problem) -> Context:
    """Parse every math segment; raise Decline when one cannot be read."""
    ctx = Context(problem=problem)
    defs = _read_definitions(problem, ctx) | read_operations(problem, ctx, lambda s: _parse(s, ctx))
    defs |= _value_tables(problem, ctx)
    _named_functions(problem, ctx)
    placed = set(re.findall(r"⟦(\d+)⟧", problem.text))
    for i, src in enumerate(problem.math):
        if i in defs or str(i) not in placed:
            continue  # a definition, or math a reader took out of the wording
        if _names_only(src, ctx):
            continue  # "the function $f$ is defined by ...", "denote its inverse as $f^{-1}$" only name it
        if src.strip() in _DOTS:
            ctx.segments.append(Segment(index=i, source=src, obj=None, kind="dots"))
            continue
        obj = _parse(apply_operations(src, ctx, lambda s: _parse(s, ctx, expand=False)), ctx)
        ctx.segments.append(Segment(index=i, source=src, obj=obj, kind=_kind(obj)))
    ctx.complex_mode = _wants_complex(ctx)
    if ctx.complex_mode and any(
        isinstance(s.obj, sp.Basic) and sp.Symbol("I") in s.obj.free_symbols for s in ctx.segments
    ):
        raise Decline("The letter I beside the imaginary unit i is ambiguous to me.")
    if ctx.complex_mode:
        for seg in ctx.segments:
            try:
                seg.obj = seg.obj.subs(I_SYM, sp.I) if isinstance(seg.obj, sp.Basic) else seg.obj
            except TypeError as exc:  # e.g. an inequality that would compare complex numbers
                raise Decline("The problem mixes the imaginary unit with comparisons.") from exc
            seg.kind = _kind(seg.obj)
        for name, (var, body) in list(ctx.functions.items()):
            ctx.functions[name] = (var, body.subs(I_SYM, sp.I))
    rewrite_verbal(ctx)
    return ctx


def context_of(problem: Problem) -> Context:
    """The Context of ``problem``, built by :func:`build_context` on first use and cached on the problem.

    The pipeline's context readers share it, as the hand-written chain shared one Context; a
    problem derived with ``dataclasses.replace`` starts without one (the cache is not an init field).
    """
    if not isinstance(problem.context_cache, Context):
        problem.context_cache = build_context(problem)
    return problem.context_cache


def _wants_complex(ctx: Context) -> bool:
    """``i`` means the imaginary unit unless it is the unknown being solved for."""
    q = ctx.problem.question
    uses_i = any(isinstance(s.obj, sp.Basic) and I_SYM in s.obj.free_symbols for s in ctx.segments)
    uses_i = uses_i or any(I_SYM in body.free_symbols for _, body in ctx.functions.values())
    if not uses_i:
        return False
    if re.search(r"(?:solve for|value of|find) ⟦\d+⟧", q):
        for m in re.finditer(r"(?:solve for|value of|find) ⟦(\d+)⟧", q):
            src = ctx.problem.math[int(m.group(1))].strip()
            if src == "i":
                return False
    return True
