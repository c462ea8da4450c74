"""The degree of a combination of polynomials known only by their degrees.

"If f(x) is a polynomial of degree 3 and g(x) one of degree 5, what is the degree of 2f(x) + 4g(x)?": each
named polynomial becomes a general one of its degree (a coefficient letter for every power, the leading one
nonzero); the combination is expanded, and its degree is the highest power whose coefficient cannot vanish:
a product of leading coefficients. When the top coefficient could cancel (f - g with f and g both of degree
4), the degree is not determined by what is given, and the question is declined.
"""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution
from .build import Decline, solved, step, tex
from .parse import parse_math
from .problem import Problem
from .readers import reader
from .words import ORDINALS

__all__ = ["read_degree"]

_P = r"(⟦\d+⟧)"
_DEGREE = r"(⟦\d+⟧|[a-z]+)"
_DECLARED = (  # each names the polynomials (placeholders of f(x)) and their degree
    re.compile(rf"{_P} is a polynomial (?:in ⟦\d+⟧ )?of degree {_DEGREE}"),
    re.compile(rf"{_P} is an? {_DEGREE}-degree polynomial(?: in ⟦\d+⟧)?"),
    re.compile(
        rf"{_P} and {_P} are (?:both )?(?:polynomials (?:in ⟦\d+⟧ )?of degree {_DEGREE}|{_DEGREE}-degree polynomials"
        r"(?: in ⟦\d+⟧)?)"
    ),
)
_ASKED = re.compile(r"what is the degree of (?:the )?(?:polynomial )?(⟦\d+⟧)")
_CONNECTIVES = re.compile(r"\b(?:if|and|then|let|suppose|that|given)\b|[,.?;\s]")
_CALL = re.compile(r"^\s*([a-zA-Z])\s*\(\s*([a-zA-Z])\s*\)\s*$")


def _degree(token: str, prob: Problem) -> int | None:
    if token.startswith("⟦"):
        value = prob.math[int(token.strip("⟦⟧"))].strip()
        return int(value) if value.isdigit() else None
    return ORDINALS.get(token)


def _general(name: str, var: str, degree: int, arg: str) -> tuple[str, sp.Symbol]:
    """LaTeX of a general polynomial of ``degree`` in ``arg`` and its leading coefficient."""
    terms = [f"c_{{{name}{k}}} \\cdot \\left({arg}\\right)^{{{k}}}" for k in range(degree, 0, -1)]
    return "\\left(" + " + ".join([*terms, f"c_{{{name}0}}"]) + "\\right)", sp.Symbol(f"c_{{{name}{degree}}}")


@reader("poly_degree", handles="the degree of a combination of polynomials given only by their degrees", order=146)
def read_degree(prob: Problem) -> Solution | None:
    """Answer "what is the degree of E" for E built from polynomials of stated degrees; None when not that."""
    q = prob.question
    asked = _ASKED.search(q)
    if not asked or prob.options:
        return None
    rest = q[: asked.start()] + q[asked.end() :]
    degrees: dict[str, tuple[str, int]] = {}  # function name -> (variable, degree)
    for pattern in _DECLARED:
        for m in pattern.finditer(rest):
            tokens = [g for g in m.groups() if g]
            degree = _degree(tokens[-1], prob)
            if degree is None:
                return None
            for token in tokens[:-1]:
                call = _CALL.match(prob.math[int(token.strip("⟦⟧"))])
                if not call:
                    return None
                degrees[call.group(1)] = (call.group(2), degree)
        rest = pattern.sub(" ", rest)
    if not degrees or _CONNECTIVES.sub("", re.sub(r"⟦\d+⟧", "", rest)):
        return None  # a word the reader does not place
    source = prob.math[int(asked.group(1).strip("⟦⟧"))]
    leading: list[sp.Symbol] = []

    def general(m: re.Match) -> str:
        var, degree = degrees[m.group(1)]
        text, lead = _general(m.group(1), var, degree, m.group(2))
        leading.append(lead)
        return text

    names = "".join(degrees)
    expanded = re.sub(rf"(?<![a-zA-Z\\])([{names}])\s*\(([^()]*)\)", general, source)
    try:
        expr = sp.expand(parse_math(expanded))
    except Exception:  # noqa: BLE001 - the combination is not one the parser reads
        return None
    variables = {sp.Symbol(var) for var, _ in degrees.values()}
    if len(variables) != 1 or not isinstance(expr, sp.Expr):
        return None
    (x,) = variables
    try:
        poly = sp.Poly(expr, x)
    except sp.PolynomialError:
        return None
    top = poly.degree()
    coefficient = sp.factor(poly.LC())
    factors = sp.Mul.make_args(coefficient)
    if not all(f.is_number and f != 0 or (f.as_base_exp()[0] in leading) for f in factors):
        raise Decline("The degree is not fixed by what is given: the leading terms could cancel.")
    shown = ", ".join(f"\\deg {name}({var}) = {d}" for name, (var, d) in degrees.items())
    steps = [
        step(shown, "Write each polynomial by its leading term: its coefficient is not 0."),
        step(
            f"{tex(coefficient)} \\cdot {x}^{{{top}}}",
            "The highest power in the combination, with a nonzero coefficient.",
        ),
        step(str(top), "So this is the degree."),
    ]
    hints = [
        "A product's degree is the sum of the degrees; a sum's is the larger degree unless the leading terms can "
        "cancel."
    ]
    sol = solved(prob.raw, "polynomials", steps, hints, sp.Integer(top), verification="leading terms tracked exactly")
    sol.reader = "poly_degree"
    return sol
