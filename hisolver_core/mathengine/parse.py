"""Turn LaTeX or plain-text math into SymPy objects, safely.

LaTeX goes through latex2sympy2_extended, plain text through SymPy's own
``parse_expr`` (after a character allow-list, since it evaluates Python).
Every parsed object passes :func:`guard`, which rejects expressions whose
evaluation could blow up (huge powers, huge factorials), so no later SymPy call
hangs on them. Parsing failures raise :class:`ParseFailure`; callers decline.
"""

from __future__ import annotations

import logging
import re

import sympy as sp
from latex2sympy2_extended import latex2sympy
from latex2sympy2_extended.latex2sympy2 import ConversionConfig
from sympy.core.function import AppliedUndef
from sympy.parsing.sympy_parser import (
    convert_xor,
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

from .tex import TexError, base_numerals, brace_arguments, nesting, repeating_decimals, sum_series

log = logging.getLogger(__name__)

__all__ = [
    "ParseFailure",
    "UndefinedFunction",
    "reject_undefined_calls",
    "parse_math",
    "parse_latex",
    "parse_plain",
    "guard",
    "clean_latex",
]

MAX_EXPONENT = 400
MAX_INT_DIGITS = 60
_CONVERSION = ConversionConfig(interpret_as_mixed_fractions=True, lowercase_symbols=False)
_TRANSFORMS = standard_transformations + (implicit_multiplication_application, convert_xor)
_PLAIN_OK = re.compile(r"^[0-9a-zA-Z+\-*/^().,=<>!|\s]*$")
_PLAIN_FUNCS = {"sqrt", "abs", "Abs", "log", "ln", "exp", "sin", "cos", "tan", "pi"}


class ParseFailure(ValueError):
    """The text is not math this engine can read."""


class UndefinedFunction(ParseFailure):
    """The math applies a function (``P(11)``) that the problem never defines."""


def _strip_trailing(s: str) -> str:
    """Drop sentence punctuation after math, keeping a factorial sign (``5!``)."""
    s = s.rstrip(" .,;:?")
    while s.endswith("!") and not re.search(r"[\d)}a-zA-Z]!$", s):
        s = s[:-1].rstrip(" .,;:?")
    return s


def clean_latex(text: str) -> str:
    """Normalise LaTeX spellings that the parser dislikes; return the new text."""
    s = text.strip()
    s = re.sub(r"\\(?:left|right|displaystyle|bigl|bigr|Bigl|Bigr|big|Big)(?![a-zA-Z])", "", s)
    s = re.sub(r"\\[dt]frac", r"\\frac", s)
    s = re.sub(
        r"\^\s*\{?\s*\\circ\s*\}?\s*(?:\\mathrm\{\s*[FC]\s*\}|\\text\{\s*[FC]\s*\}|[FC](?![a-zA-Z]))?", "", s
    )  # 68°F: degrees
    s = re.sub(r"(?<=\d),\\!(?=\d{3}(?!\d))", "", s)  # 1,\!000,\!000 is a million
    s = re.sub(r"\\(?:,|;|!|:| |quad|qquad)", " ", s)
    s = s.replace("\\le ", "\\leq ").replace("\\ge ", "\\geq ")
    s = re.sub(r"\\(?:text|mathrm|textbf|mbox)\{\s*\}", "", s)
    try:  # TeX's argument rules (\frac35, \sqrt8, \log_28\sqrt{2}), series, repeating decimals, bases (333_4)
        s = brace_arguments(sum_series(repeating_decimals(base_numerals(s))))
    except TexError as exc:
        raise ParseFailure(str(exc)) from exc
    s = re.sub(r"\^\s*(\\frac\{[^{}]*\}\{[^{}]*\})", r"^{\1}", s)
    s = re.sub(r"(\d),(\d{3})(?!\d)", r"\1\2", s)  # 1,000 -> 1000
    if re.search(r"\d\s*_", s) or re.search(r"\}\s*_\s*\{?\d", s):
        raise ParseFailure("numbers with subscripts (such as bases) are not supported")
    s = s.replace("−", "-").replace("–", "-").replace("×", "\\times ").replace("÷", "\\div ")
    s = re.sub(r"(\d+(?:\.\d+)?)\s*\\%", r"(\1/100)", s)  # 25\% is a quarter, not 25
    s = s.replace("\\%", "").replace("\\$", "").replace("¤", "")
    s = _without_outer_group(_strip_trailing(_brackets_as_parentheses(s)))
    # the LaTeX reader takes "3(11)" for the mixed number 3 + 11: a number against a bracket multiplies
    s = re.sub(r"(?<![\\a-zA-Z_^{])(\d)\s*\(", r"\1 \\cdot (", s)
    return s


def _without_outer_group(s: str) -> str:
    """``{(2p^2 - 1)(3p^2 + 4)}``: a TeX group around the whole math only groups; return what is inside it."""
    while s.startswith("{") and s.endswith("}"):
        depth = 0
        for i, ch in enumerate(s):
            depth += {"{": 1, "}": -1}.get(ch, 0)
            if depth == 0 and i < len(s) - 1:
                return s  # "{a}{b}": the first group closes early
        s = s[1:-1].strip()
    return s


def _brackets_as_parentheses(s: str) -> str:
    """``8[6^2 - 3(11)]`` groups with square brackets: make them parentheses (the LaTeX reader misreads them),
    leaving the index of ``\\sqrt[3]{x}`` alone."""
    if "[" not in s:
        return s
    out, stack = [], []
    for i, ch in enumerate(s):
        if ch == "[":
            root = s[:i].rstrip().endswith("\\sqrt")
            stack.append(root)
            out.append("[" if root else "(")
        elif ch == "]" and stack:
            out.append("]" if stack.pop() else ")")
        else:
            out.append(ch)
    return "".join(out)


def _bad_number(node: sp.Basic) -> bool:
    if isinstance(node, sp.Integer) and len(str(abs(int(node)))) > MAX_INT_DIGITS:
        return True
    if isinstance(node, sp.Pow):
        exp = node.exp
        if exp.is_number and exp.is_real and abs(float(sp.N(exp, 15))) > MAX_EXPONENT:
            base = node.base
            if not (base.is_number and base in (sp.Integer(1), sp.Integer(-1), sp.Integer(0))):
                return True
    if isinstance(node, (sp.factorial, sp.factorial2)):
        arg = node.args[0]
        if arg.is_number and (not arg.is_real or abs(float(arg)) > 200):
            return True
    return False


def exact(obj):
    """Replace decimal numbers by exact rationals (``1.5`` -> ``3/2``) so answers stay exact."""
    if isinstance(obj, sp.Basic) and obj.has(sp.Float):
        return obj.xreplace({f: sp.Rational(str(f)) for f in obj.atoms(sp.Float)})
    return obj


def guard(obj):
    """Return ``obj`` unchanged, or raise :class:`ParseFailure` if it is unsafe to evaluate."""
    items = obj if isinstance(obj, (list, tuple)) else [obj]
    for item in items:
        if not isinstance(item, sp.Basic):
            continue
        count = 0
        for node in sp.preorder_traversal(item):
            count += 1
            if count > 3000:
                raise ParseFailure("expression too large")
            try:
                bad = _bad_number(node)
            except (TypeError, ValueError):
                bad = False
            if bad:
                raise ParseFailure("numbers too large to work with exactly")
    return obj


# ``P(11)``, ``A(2)``, ``f(3)``: a capital letter (or f, g, h) written straight against a bracket holding one
# value names a function. Defined functions are put in before parsing, so one still here is undefined: reading
# it as the product ``P * 11`` gives a confident wrong answer. (A comma inside makes it a point: ``A(1, 2)``.)
_FUNCTION_CALL = re.compile(r"(?<![\\a-zA-Z])([A-Z]|[fgh])\(")


def reject_undefined_calls(text: str) -> None:
    """Raise :class:`ParseFailure` when ``text`` applies a function name (capital letter, f, g, h) to one value."""
    for m in _FUNCTION_CALL.finditer(text):
        depth, inner = 0, []
        for ch in text[m.end() - 1 :]:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            if depth == 0:
                break
            inner.append(ch)
        body = "".join(inner)[1:]
        if body.strip() and not (depth == 1 and "," in body) and "," not in _top_level(body):
            raise UndefinedFunction(
                f"{m.group(1)}({body}) uses a function {m.group(1)} that the problem does not define"
            )


def _top_level(body: str) -> str:
    """The characters of ``body`` outside nested brackets."""
    depth, out = 0, []
    for ch in body:
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(ch, 0)
        if depth == 0 or ch in "([{":
            out.append(ch if depth == 0 else "")
    return "".join(out)


def parse_latex(text: str):
    """Parse a LaTeX math string; return a SymPy object (expr, Eq, relational, And, Tuple).

    Raises :class:`ParseFailure` for unreadable or unsafe math and for undefined function calls.
    """
    nest = nesting(text)
    if nest is not None:
        return _limit(*nest)
    s = clean_latex(text)
    if not s:
        raise ParseFailure("empty math")
    reject_undefined_calls(s)
    if len(s) > 600:
        raise ParseFailure("math too long")
    try:
        result = latex2sympy(s, conversion_config=_CONVERSION)
    except Exception as exc:  # the ANTLR parser raises bare Exceptions
        raise ParseFailure(f"cannot read {s!r}") from exc
    if isinstance(result, tuple):
        result = sp.Tuple(*result)
    if (
        isinstance(result, sp.Interval)
        and s.startswith("(")
        and s.endswith(")")
        and s.count(",") == 1
        and result.start.is_finite
        and result.end.is_finite
    ):
        result = sp.Tuple(result.start, result.end)  # "(-1, 6)" is a point here, not an interval
    if isinstance(result, sp.Basic):
        result = _calls_as_products(result)
    if isinstance(result, sp.Basic) and re.search(r"(?<![\\a-zA-Z])I(?![a-zA-Z])", s):
        result = result.xreplace({sp.I: sp.Symbol("I")})  # a capital I is a letter (a current); i is the unit
    return guard(exact(_fix_symbols(result)))


def _limit(unit: str, closing: str) -> sp.Expr:
    """The value of ``unit`` nested in itself without end: the real root y of y = unit(y) that the nesting
    approaches (followed numerically from 1); raise ParseFailure when there is not exactly one such root."""
    inner = parse_latex(f"{unit} \\Xi {closing}")
    letters = [s for s in inner.free_symbols if "Xi" in s.name] if isinstance(inner, sp.Expr) else []
    if len(letters) != 1 or inner.free_symbols != set(letters):
        raise ParseFailure("a nesting that goes on holds unknowns")
    y = letters[0]
    step = sp.lambdify(y, inner, "math")
    value = 1.0
    try:
        for _ in range(400):
            value = float(step(value))
    except (ValueError, ZeroDivisionError, OverflowError, TypeError) as exc:
        raise ParseFailure("the nesting does not settle on a value") from exc
    roots = [r for r in sp.solve(sp.Eq(y, inner), y) if r.is_real and abs(float(r) - value) < 1e-9]
    if len(roots) != 1 or abs(float(step(value)) - value) > 1e-12:
        raise ParseFailure("the nesting does not settle on one value")
    return sp.nsimplify(roots[0]) if roots[0].is_rational else roots[0]


def _is_letter_call(node) -> bool:
    return isinstance(node, AppliedUndef) and len(node.func.__name__) == 1 and len(node.args) == 1


def _calls_as_products(obj):
    """``a(b)^x`` is a times b to the x: a one-letter "function" the parser made is a product, and a power of it
    raises only the bracket (defined functions were put in before parsing)."""
    if not obj.atoms(AppliedUndef):
        return obj

    def fix(node):
        if isinstance(node, sp.Pow) and _is_letter_call(node.base):
            return sp.Symbol(node.base.func.__name__) * fix(node.base.args[0]) ** fix(node.exp)
        if _is_letter_call(node):
            return sp.Symbol(node.func.__name__) * fix(node.args[0])
        if node.args and not isinstance(node, AppliedUndef):
            return node.func(*(fix(a) for a in node.args))
        return node

    try:
        return fix(obj)
    except (TypeError, ValueError):
        return obj


def _fix_symbols(obj):
    """Make every symbol a plain Symbol (no assumptions) so later solve calls agree."""
    if not isinstance(obj, sp.Basic):
        return obj
    subs = {}
    for sym in obj.free_symbols:
        if isinstance(sym, sp.Symbol) and sym.assumptions0:
            subs[sym] = sp.Symbol(sym.name)
    return obj.xreplace(subs) if subs else obj


def plain_to_python(text: str) -> str:
    """Rewrite plain-text math (unicode signs, ``^``) as a parse_expr input; raise ParseFailure."""
    s = _strip_trailing(text.strip())
    table = {"−": "-", "–": "-", "×": "*", "÷": "/", "·": "*", "²": "^2", "³": "^3", "≤": "<=", "≥": ">="}
    for k, v in table.items():
        s = s.replace(k, v)
    s = re.sub(r"√\s*\(", "sqrt(", s)
    s = re.sub(r"√\s*(\d+(?:\.\d+)?|[a-z])", r"sqrt(\1)", s)
    s = re.sub(r"(\d),(\d{3})(?!\d)", r"\1\2", s)
    s = re.sub(r"(\d+(?:\.\d+)?)\s*%", r"(\1/100)", s)
    s = s.replace("[", "(").replace("]", ")")
    if re.search(r"[\d)]\s+x\s+[\d(]", s) and not re.search(r"\dx|x\s*[\^=]|[a-pr-wyz]", s):
        s = re.sub(r"(?<=[\d)])\s+x\s+(?=[\d(])", " * ", s)  # "17 x 15" means times
    if not _PLAIN_OK.match(s):
        raise ParseFailure("unexpected characters")
    reject_undefined_calls(s)
    for word in re.findall(r"[A-Za-z]{2,}", s):
        if word not in _PLAIN_FUNCS:
            raise ParseFailure(f"unknown word {word!r}")
    if "**" in s or "__" in s:
        raise ParseFailure("unexpected operator")
    return s


def parse_plain(text: str):
    """Parse plain-text math such as ``2x + 3 = 7`` or ``3/4``; return a SymPy object."""
    s = plain_to_python(text)
    if not s:
        raise ParseFailure("empty math")
    if len(s) > 400:
        raise ParseFailure("math too long")
    local = {
        name: sp.Symbol(name) for name in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    }  # E, I, S: letters
    local.update(
        {"sqrt": sp.sqrt, "abs": sp.Abs, "Abs": sp.Abs, "pi": sp.pi, "ln": sp.log, "log": sp.log, "exp": sp.exp}
    )
    local.update({"sin": sp.sin, "cos": sp.cos, "tan": sp.tan})
    try:
        parts = re.split(r"(<=|>=|!=|=|<|>)", s)
        exprs = [parse_expr(p, local_dict=local, transformations=_TRANSFORMS, evaluate=False) for p in parts[::2]]
    except Exception as exc:  # parse_expr raises many kinds (SyntaxError, TokenError, TypeError)
        raise ParseFailure(f"cannot read {text!r}") from exc
    if any(isinstance(e, tuple) and Ellipsis in e for e in exprs):
        raise ParseFailure(f"a list with dots is not one value: {text!r}")  # "0, 1, 2, ..., 9"
    exprs = [sp.Tuple(*e) if isinstance(e, tuple) else e for e in exprs]
    exprs = [exact(e) for e in exprs]
    guard(exprs)
    if len(exprs) == 1:
        return exprs[0]
    ops = {"=": sp.Eq, "<": sp.StrictLessThan, ">": sp.StrictGreaterThan, "<=": sp.LessThan, ">=": sp.GreaterThan}
    ops["!="] = sp.Ne
    rels = []
    for i, op in enumerate(parts[1::2]):
        if op not in ops:
            raise ParseFailure("unsupported relation")
        try:
            rels.append(ops[op](exprs[i], exprs[i + 1], evaluate=False))
        except (sp.SympifyError, TypeError) as exc:
            raise ParseFailure(f"cannot relate {text!r}") from exc
    return rels[0] if len(rels) == 1 else sp.And(*rels, evaluate=False)


def looks_like_latex(text: str) -> bool:
    """True when the text uses LaTeX commands or braces."""
    return bool(re.search(r"\\[a-zA-Z]|[{}]", text))


_GCD_OF_LETTERS = re.compile(r"(?:gcd|lcm|\\operatorname\{(?:gcd|lcm)\})\s*\\?(?:left)?\(([^()]*[a-zA-Z][^()]*)\)")
# LaTeX reads 6^210^2 as 6^2 10^2, a plain reader as 6^(210^2): neither reading is safe
_RUN_ON_EXPONENT = re.compile(r"\^\s*\d\d+\s*\^")


def parse_math(text: str):
    """Parse LaTeX or plain text, trying the likelier reader first; return a SymPy object.

    Raises :class:`UndefinedFunction` when either reader met an undefined function call, else ParseFailure.
    """
    if _GCD_OF_LETTERS.search(text):
        raise ParseFailure("gcd and lcm of letters: SymPy would call gcd(a, b) 1 before a and b are known")
    if _RUN_ON_EXPONENT.search(text):
        raise ParseFailure("an exponent without braces before another power (6^210^2) is ambiguous")
    readers = (parse_latex, parse_plain) if looks_like_latex(text) else (parse_plain, parse_latex)
    failures: list[ParseFailure] = []
    for reader in readers:
        try:
            return _no_tuple_arithmetic(reader(text))
        except ParseFailure as exc:
            failures.append(exc)
    undefined = [f for f in failures if isinstance(f, UndefinedFunction)]
    raise (undefined or failures or [ParseFailure("cannot read math")])[-1]


def _no_tuple_arithmetic(obj):
    """Refuse a parse that multiplies or adds a tuple (``0()``, ``2[]``, ``0(]``): not math SymPy can evaluate."""
    if isinstance(obj, sp.Basic):
        for node in sp.preorder_traversal(obj):
            if isinstance(node, (sp.Mul, sp.Add, sp.Pow)) and any(isinstance(a, sp.Tuple) for a in node.args):
                raise ParseFailure("a bracket holds no number")
    return obj
