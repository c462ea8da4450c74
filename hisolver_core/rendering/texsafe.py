"""Small, safe helpers for model-written math: a LaTeX allow-list, LaTeX to readable text, safe expressions.

Used by the scene generator (which LaTeX may go to MathTex, what a figure's
expression evaluates to) and by the still image (no LaTeX there at all).
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable

__all__ = ["tex_ok", "tex_to_text", "safe_function", "plain"]

MAX_TEX = 400
_MACRO = re.compile(r"\\([A-Za-z]+|.)")
SAFE_MACROS = frozenset(
    """frac dfrac tfrac sqrt cdot times div pm mp le leq ge geq ne neq approx lt gt left right text textbf
    mathrm mathbf mathit quad qquad infty pi theta alpha beta gamma delta epsilon lambda mu sigma phi omega
    Sigma Delta Pi sum prod int lim log ln exp sin cos tan sec csc cot arcsin arccos arctan circ angle
    overline vec hat bar cup cap in notin emptyset varnothing mathbb to rightarrow Rightarrow implies iff
    Leftrightarrow displaystyle boxed begin end cdots ldots dots bmod mod pmod mid nmid equiv sim perp
    parallel triangle degree prime lfloor rfloor lceil rceil langle rangle big Big bigg Bigg min max gcd
    operatorname underline binom choose over""".split()
) | {",", ";", "!", ":", " ", "%", "{", "}", "|", "\\", "$", "&", "#", "_"}
SAFE_ENVS = frozenset({"cases", "aligned", "array", "pmatrix", "bmatrix", "matrix"})

_REPLACE: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"\\left|\\right|\\displaystyle|\\big|\\Big|\\bigg|\\Bigg", ""),
    (r"\\(?:text|textbf|mathrm|mathbf|mathit|operatorname)\{([^{}]*)\}", r"\1"),
    (r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}", lambda m: f"{_group(m.group(1))}/{_group(m.group(2))}"),
    (r"\\(?:bar|overline)\{([^{}]*)\}", lambda m: "".join(c + "\u0304" for c in m.group(1))),
    (r"\\hat\{([^{}]*)\}", lambda m: m.group(1) + "\u0302"),
    (r"\\vec\{([^{}]*)\}", lambda m: m.group(1) + "\u20d7"),
    (r"\\sqrt\{([^{}]*)\}", r"√(\1)"),
    (r"\\boxed\{([^{}]*)\}", r"\1"),
    (r"\\begin\{[a-z]*\}|\\end\{[a-z]*\}", ""),
]


def _group(text: str) -> str:
    """Parenthesise a fraction part unless it is a single number or name."""
    return text if re.fullmatch(r"[A-Za-z0-9.]+", text.strip()) else f"({text})"


_SYMBOLS = {
    "cdot": "·",
    "times": "×",
    "div": "÷",
    "pm": "±",
    "mp": "∓",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "ne": "≠",
    "neq": "≠",
    "approx": "≈",
    "lt": "<",
    "gt": ">",
    "infty": "∞",
    "pi": "π",
    "theta": "θ",
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "lambda": "λ",
    "mu": "μ",
    "sigma": "σ",
    "Sigma": "Σ",
    "Delta": "Δ",
    "circ": "°",
    "degree": "°",
    "in": "∈",
    "cup": "∪",
    "cap": "∩",
    "to": "→",
    "rightarrow": "→",
    "Rightarrow": "⇒",
    "implies": "⇒",
    "iff": "⇔",
    "sqrt": "√",
    "quad": "  ",
    "qquad": "    ",
    "%": "%",
    ",": " ",
    ";": " ",
    "!": "",
    ":": " ",
    "{": "{",
    "}": "}",
    "\\": ";  ",
    "cdots": "…",
    "ldots": "…",
    "dots": "…",
    "equiv": "≡",
    "perp": "⊥",
    "angle": "∠",
    "emptyset": "∅",
    "varnothing": "∅",
}
_SUPER = str.maketrans("0123456789+-n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ⁿ")


def tex_ok(tex: str) -> bool:
    """True when ``tex`` is short, balanced and uses only allow-listed macros and environments."""
    if not isinstance(tex, str) or not tex.strip() or len(tex) > MAX_TEX or "__" in tex:
        return False
    if re.search(r"(?<!\\)\$", tex):  # inline-math dollars inside MathTex break the document
        return False
    depth = 0
    for ch in tex.replace("\\{", "").replace("\\}", ""):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    if depth:
        return False
    if any(m not in SAFE_MACROS for m in _MACRO.findall(tex)):
        return False
    if re.search(r"(?<!\\)[%#]", tex):
        return False
    envs = re.findall(r"\\(?:begin|end)\{([^}]*)\}", tex)
    return all(e in SAFE_ENVS for e in envs)


def tex_to_text(tex: str) -> str:
    """Readable Unicode for LaTeX (``\\frac{a}{b}`` becomes ``(a)/(b)``); never contains a backslash."""
    text = re.sub(r"(?<!\\)\$+", "", str(tex))  # math-mode delimiters; an escaped \$ stays a dollar sign
    for _ in range(3):  # nested fractions and roots, innermost first
        for pattern, repl in _REPLACE:
            text = re.sub(pattern, repl, text)
    text = _MACRO.sub(lambda m: _SYMBOLS.get(m.group(1), m.group(1)), text)
    text = re.sub(r"\^\{([0-9+\-n]+)\}|\^([0-9n])", lambda m: (m.group(1) or m.group(2)).translate(_SUPER), text)
    text = text.replace("{", "").replace("}", "").replace("&", "").replace("\\", "")
    return re.sub(r"\s+", " ", text).strip()


def plain(text: str, limit: int = 400) -> str:
    """Text safe to embed in generated code and show: no backslashes or dunders, bounded length."""
    text = str(text).replace("\\", "").replace("__", "_")
    text = "".join(ch for ch in text if ch.isprintable())
    return text[:limit]


_FUNCS: dict[str, Callable] = {
    "sqrt": math.sqrt,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "exp": math.exp,
    "log": math.log,
    "abs": abs,
    "Abs": abs,
}
_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.Call,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.Pow,
    ast.USub,
    ast.UAdd,
)


def safe_function(expr: str) -> tuple[str, Callable[[float], float]] | None:
    """Return (Python source in ``x``, callable) for a SymPy-style expression, or None when unsafe.

    Only numbers, ``x``, ``+ - * / **`` (small constant exponents) and a few
    math functions are accepted, so evaluating it cannot run anything else.
    """
    if not isinstance(expr, str) or len(expr) > 200:
        return None
    source = expr.replace("^", "**").strip()
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if not isinstance(node, _NODES):
            return None
        if isinstance(node, ast.Name) and node.id != "x" and node.id not in _FUNCS:
            return None
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in _FUNCS):
            return None
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            return None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            exponent = node.right.value if isinstance(node.right, ast.Constant) else None
            if not (isinstance(exponent, (int, float)) and abs(exponent) <= 10):
                return None
    code = compile(tree, "<figure>", "eval")
    env = {"__builtins__": {}, **_FUNCS}

    def func(x: float) -> float:
        return float(eval(code, env, {"x": x}))  # noqa: S307 - the tree was checked node by node above

    source = source.replace("Abs(", "abs(")
    for name in ("sqrt", "sin", "cos", "tan", "exp", "log"):
        source = re.sub(rf"\b{name}\(", f"math.{name}(", source)
    return source, func
