"""What a number in a model means: "What is the best interpretation of 0.12 in this context?".

The model is one equation ``C = 45 + 0.12m`` (or one function ``P(t) = 1500(1.04)^t``) whose input
the text names with a unit ("driving it m miles", "t years after 2010"). The asked number gets a role
from where it sits in the model:

* the constant term (or the starting amount of a growth model): the output when the input is 0;
* the slope of a linear model: the change in the output for each unit of the input;
* the base of a growth model: the factor the output is multiplied by each unit (a percent change);
* the input's intercept, or the solution of ``model = 0``: when the output reaches 0.

Each option (a sentence) is read for the same roles: "when it was purchased" or "initially" for the
start, "for each additional mile" for the rate (it must name the input's unit), "increases by 3% each
year" or "is 85% of its value the previous year" for the factor, "completely drained" for zero. An
option is chosen only when it alone has the role, every number it states fits, and its direction
(increase or decrease) agrees with the model; anything else is declined.
"""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution
from .build import Decline, decimal_latex, solved, step, tex
from .context import Context
from .words import singular

__all__ = ["interpret_model"]

_ASK = re.compile(
    r"\b(?:interpretation|meaning) of (?:the (?:number|value|constant|term) |⟦\d+⟧ )?⟦(\d+)⟧"
    r"|\bwhat does (?:the (?:number|value|constant) |⟦\d+⟧ )?⟦(\d+)⟧ (?:represent"
    r"|mean)\b"  # "the number" may be read as n
    r"|\b(?:interpretation|meaning) of the ⟦(\d+)⟧ ?-intercept\b"
    r"|\b(?:interpretation|meaning) of the solution (?:to|of) the equation ⟦(\d+)⟧"
)
_UP = r"\b(?:increases?|increased|grows?|rises?|gains?|more|climbs?|goes up)\b"
_DOWN = r"\b(?:decreases?|decreased|drains?|falls?|loses?|declines?|drops?|less|goes down|decays?)\b"
_ZERO = (
    r"\bcompletely\b|\bempty\b|\bno (?:value|water|money|gallons|fuel|longer)\b|\bzero\b|\bhits? the ground\b"
    r"|\breach(?:es)? the ground\b|\bruns? out\b|\bbreak[- ]even\b"
)
_START = (
    r"\binitial(?:ly)?\b|\bat first\b|\bat the (?:start|beginning)\b|\bbefore\b|\bwithout\b|\bat the moment\b|\bwhen\b"
)


def _plain(text: str) -> str:
    """Option text without LaTeX: ``$\\$ 0.12$`` -> ``0.12``, ``$3 \\%$`` -> ``3%``."""
    s = text.replace("\\$", " ").replace("\\%", "%").replace("$", " ")
    s = re.sub(r"\\[a-zA-Z]+", " ", s)
    s = re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)
    return re.sub(r"\s+", " ", s).strip().lower()


def _numbers(text: str) -> list[tuple[sp.Rational, bool]]:
    """Numbers in a plain option, each with whether a percent sign follows it."""
    return [
        (sp.Rational(m.group(1)), bool(m.group(2)))
        for m in re.finditer(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|percent)?", text)
    ]


def _model(ctx: Context):
    """(output name, input symbol, body) of the one model, or None."""
    eqs = [s for s in ctx.of_kind("equation") if isinstance(s.obj.lhs, sp.Symbol) and len(s.obj.rhs.free_symbols) == 1]
    found = [(s.obj.lhs.name, next(iter(s.obj.rhs.free_symbols)), s.obj.rhs) for s in eqs]
    found += [(name, var, body) for name, (var, body) in ctx.functions.items() if body.free_symbols == {var}]
    if len(found) != 1 or found[0][1].name == found[0][0]:
        return None
    return found[0]


def _input_words(ctx: Context, var: sp.Symbol) -> tuple[str, str] | None:
    """The input's unit ("mile") and, when it counts time from an event, the event ("it was purchased")."""
    keys = [s.index for s in ctx.segments if s.kind == "symbol" and s.obj == var]
    text = ctx.problem.question
    for k in keys:
        m = re.search(rf"⟦{k}⟧ ([a-z]+)(?: after ([^.,;?]+))?", text)
        if m and m.group(1) not in ("is", "are", "was", "in", "and", "of", "for", "where"):
            event = re.split(
                r"\b(?:with|can|by|where|according|and the|is (?:modeled|estimated|given|approximated|"
                r"represented|shown|defined))\b",
                m.group(2) or "",
            )[0].strip()
            return singular(m.group(1)), re.sub(r"⟦(\d+)⟧", lambda mm: _segment_text(ctx, mm.group(1)), event)
        m = re.search(rf"⟦{k}⟧ is the number of ([a-z]+)", text)
        if m:
            return singular(m.group(1)), ""
    return None


def _output_head(ctx: Context, out: str) -> str | None:
    """What the output measures: "where y is the percent of adults ..." -> percent; "the number of ..." -> number."""
    keys = [k for k, src in enumerate(ctx.problem.math) if src.strip() == out]
    for k in keys:
        m = re.search(
            rf"⟦{k}⟧ is the (percent|percentage|number|amount)\b|\bthe (percent|percentage|number"
            rf"|amount) of [a-z ]+?,? ⟦{k}⟧",
            ctx.problem.question,
        )
        if m:
            return (m.group(1) or m.group(2)).replace("percentage", "percent")
    return None


def _segment_text(ctx: Context, k: str) -> str:
    return ctx.problem.math[int(k)].strip() if int(k) < len(ctx.problem.math) else ""


def _growth_factor(body: sp.Expr, var: sp.Symbol):
    """The factor per unit of ``var`` in ``a * b^(c var)``; None for other shapes."""
    pows = [p for p in body.atoms(sp.Pow) if var in p.exp.free_symbols]
    if len(pows) != 1 or pows[0].base.free_symbols:
        return None
    rate = sp.simplify(pows[0].exp / var)
    if rate.free_symbols or not sp.simplify(body / pows[0]).is_number:
        return None
    return sp.nsimplify(pows[0].base ** rate)


def _roles(body: sp.Expr, var: sp.Symbol) -> dict:
    """The numbers a model gives meaning to: start, rate (linear), factor (growth), zero (the input at output 0)."""
    roles = {"start": sp.nsimplify(body.subs(var, 0))}
    poly = sp.expand(body)
    if poly.is_polynomial(var) and sp.degree(poly, var) == 1:
        roles["rate"] = poly.coeff(var, 1)
    factor = _growth_factor(body, var)
    if factor is not None:
        roles["factor"] = factor
    if "rate" in roles:
        roots = [r for r in sp.solve(sp.Eq(body, 0), var) if r.is_real and r > 0]
        if len(roots) == 1:
            roles["zero"] = roots[0]
    return roles


_ADVERB = {
    "year": "yearly|annual",
    "day": "daily",
    "hour": "hourly",
    "week": "weekly",
    "month": "monthly",
    "minute": "per-minute",
}
_SCALES = {"hundreds": 100, "thousands": 1000, "millions": 10**6, "billions": 10**9}


def _output_scale(ctx: Context) -> int:
    """1000 when the output is counted "in thousands of dollars" (options then state 2,400 for 2.4)."""
    found = {_SCALES[w] for w in re.findall(r"\bin (hundreds|thousands|millions|billions)\b", ctx.problem.question)}
    if len(found) > 1:
        raise Decline("The model mixes several scales.")
    return found.pop() if found else 1


def _head_conflict(text: str, head: str | None) -> bool:
    """True when the option measures another kind of quantity: "the number of adults" for a percent of adults."""
    kinds = {"percent": r"\bpercent(?:age)? of\b", "number": r"\bnumber of\b"}
    if head not in kinds:
        return False
    return any(re.search(pattern, text) for kind, pattern in kinds.items() if kind != head)


def _option_fits(role: str, value, text: str, unit: str, event: str, scale: int = 1) -> bool:
    """True when the option sentence gives ``role`` with ``value`` and says nothing that contradicts it.

    ``scale`` converts the model's output to the units the options state ("in thousands of dollars").
    """
    if role in ("start", "rate"):
        value = value * scale
    numbers = _numbers(text)
    percent = any(p for _, p in numbers)
    event_words = [
        w for w in re.findall(r"[a-z0-9]+", event.lower()) if len(w) > 2 and w not in ("the", "was", "its", "after")
    ]
    per_unit = re.search(
        rf"\b(?:each|every|per|a|an|for each|for every)(?: additional)? {unit}s?\b", text
    ) or re.search(rf"\b{_ADVERB.get(unit, '^$')}\b", text)  # "the yearly decrease"
    said_start = bool(re.search(_START, text)) and not re.search(r"\bafter\b", text)
    starts = said_start or (
        any(re.search(rf"\b{re.escape(w)}\b", text) for w in event_words) and not re.search(r"\bafter\b", text)
    )
    up, down = bool(re.search(_UP, text)), bool(re.search(_DOWN, text))
    plain_numbers = [n for n, p in numbers if not p and str(n) not in event_words]  # "in 2010" names the event
    if role == "start":
        return (
            starts
            and not per_unit
            and not percent
            and all(n == value for n in plain_numbers)
            and not re.search(r"\b(?:total|maximum|minimum|greatest|least)\b", text)
        )
    if role == "rate":
        if not per_unit or said_start or percent or (up and down) or re.search(r"\btotal\b", text):
            return False
        if (up and value < 0) or (down and value > 0):
            return False
        return all(n == abs(value) for n in plain_numbers)
    if role == "factor":
        if not percent or not re.search(rf"\b(?:each|every|per|a) {unit}\b|\bprevious {unit}\b", text):
            return False
        change = re.search(r"\bby (\d+(?:\.\d+)?)\s*(?:%|percent)", text)
        share = re.search(r"(\d+(?:\.\d+)?)\s*(?:%|percent) of\b", text)
        if bool(change) == bool(share) or len(numbers) != 1:
            return False
        if change:
            grows = value > 1
            return (
                (up if grows else down) and not (up and down) and sp.Rational(change.group(1)) == abs(value - 1) * 100
            )
        assert share is not None, "exactly one of change and share matched"
        return not up and not down and sp.Rational(share.group(1)) == value * 100
    if role == "zero":
        return bool(re.search(_ZERO, text)) and not per_unit and not percent and all(n == value for n in plain_numbers)
    return False


_EXPLAIN = {
    "start": "{n} is the value of {out} when {var} = 0: the starting amount.",
    "rate": "{n} is the coefficient of {var}: {out} goes {way} by {n} for each increase of 1 in {var}.",
    "factor": "{n} is the base of the power: each time {var} increases by 1, {out} is multiplied by {n}.",
    "zero": "{n} is the value of {var} that makes {out} equal to 0.",
}


def _num(value) -> str:
    return decimal_latex(value) or tex(value)


def _role_latex(role: str, out: str, var: sp.Symbol, value, start) -> str:
    """The role as math: ``m = 0 => C = 45``, ``m -> m + 1: C -> C + 0.12``, ``t -> t + 1: P -> 1.04 P``."""
    step_up = rf"{tex(var)} \to {tex(var)} + 1:\quad {out} \to "
    if role == "start":
        return rf"{tex(var)} = 0 \;\Rightarrow\; {out} = {_num(start)}"
    if role == "zero":
        return rf"{out} = 0 \;\Rightarrow\; {tex(var)} = {_num(value)}"
    if role == "rate":
        return step_up + f"{out} {'+' if value > 0 else '-'} {_num(abs(value))}"
    return step_up + rf"{_num(value)} \cdot {out}"


_PERCENT_PER = re.compile(
    r"\bby what percent(?:age)? does (?:the )?[a-z' ]+? (increase|decrease|grow|decay|decline|fall|rise) "
    r"(?:each|every|per) ([a-z]+)\s*\??$"
)


def percent_per_period(ctx: Context) -> Solution | None:
    """ "By what percent does the amount decrease each hour?" for a growth model ``250(0.8)^h``: 20."""
    m = _PERCENT_PER.search(ctx.problem.question)
    model = _model(ctx) if m else None
    if m is None or model is None:
        return None
    out, var, body = model
    words = _input_words(ctx, var)
    factor = _growth_factor(body, var)
    if words is None or factor is None or singular(m.group(2)) != words[0]:
        return None
    grows = m.group(1) in ("increase", "grow", "rise")
    if (factor > 1) != grows or factor == 1:
        raise Decline("The model changes the other way from what the question says.")
    percent = sp.nsimplify(abs(factor - 1) * 100)
    steps = [
        step(ctx.function_sources.get(out) or f"{out} = {tex(body)}", "Write the model."),
        step(_role_latex("factor", out, var, factor, None), f"Each {words[0]} multiplies {out} by {_num(factor)}."),
        step(
            rf"|{_num(factor)} - 1| \times 100\% = {_num(percent)}\%",
            f"A factor of {_num(factor)} is a {'gain' if grows else 'loss'} of {_num(percent)}% each {words[0]}.",
        ),
    ]
    hints = [
        "In a(b)^t, the base b is what the amount is multiplied by each period.",
        "A factor above 1 is growth, below 1 is decay.",
        "The percent change is the distance of b from 1, times 100.",
    ]
    return solved(
        ctx.problem.raw,
        "exponential models",
        steps,
        hints,
        percent,
        verification="read the growth factor per period from the model",
    )


def interpret_model(ctx: Context) -> Solution | None:
    """Choose the option that says what a number in the model means; None when the question is not this."""
    q = ctx.problem.question
    m = _ASK.search(q)
    if not m or not ctx.problem.options:
        return percent_per_period(ctx)
    model = _model(ctx)
    if model is None:
        raise Decline("I need exactly one model with one input to interpret a number in it.")
    out, var, body = model
    words = _input_words(ctx, var)
    if words is None:
        raise Decline("I could not tell what the model's input counts.")
    unit, event = words
    roles = _roles(body, var)
    seg = next((s for s in ctx.segments if s.index == int(next(g for g in m.groups() if g))), None)
    if seg is None:
        raise Decline("I could not read the number asked about.")
    if m.group(3):  # "the m-intercept": the input where the output is 0 (or the output's intercept: the start)
        role = "zero" if seg.obj == var else "start" if seg.kind == "symbol" and seg.obj.name == out else None
        asked = roles.get(role) if role else None
    elif m.group(4):  # "the solution to the equation -45d + 900 = 0"
        eq = seg.obj
        same = seg.kind == "equation" and eq.free_symbols == {var} and sp.simplify((eq.lhs - eq.rhs) - body) == 0
        role, asked = ("zero", roles.get("zero")) if same else (None, None)
    else:
        number = seg.obj
        matches = [
            name
            for name, value in roles.items()
            if name != "zero" and isinstance(number, sp.Expr) and number.is_number and abs(value) == abs(number)
        ]
        role = matches[0] if len(matches) == 1 else None
        asked = roles.get(role) if role else None
    if role is None or asked is None:
        raise Decline("The number asked about has no role in the model that I can describe.")
    scale = _output_scale(ctx)
    head = _output_head(ctx, out)
    fits = [
        letter
        for letter, text in ctx.problem.options
        if _option_fits(role, asked, _plain(text), unit, event, scale) and not _head_conflict(_plain(text), head)
    ]
    if len(fits) != 1:
        raise Decline("Reading the options did not single out exactly one interpretation.")
    letter = fits[0]
    shown = abs(asked) if role == "rate" else asked
    explain = _EXPLAIN[role].format(n=_num(shown), out=out, var=var, way="up" if asked > 0 else "down")
    source = next((s.source for s in ctx.segments if s.kind == "equation"), ctx.function_sources.get(out))
    model_latex = source.strip() if source else f"{out} = {tex(body)}"
    steps = [
        step(model_latex, "Write the model."),
        step(_role_latex(role, out, var, asked, roles["start"]), explain),
        step(rf"\text{{({letter})}}", f"Option {letter} says this in words; every number it states fits the model."),
    ]
    hints = [
        "Ask what the number does in the equation: is it added on its own, multiplied by the input, or raised to a "
        "power?",
        "A constant term is the output when the input is 0; a coefficient is the change for each unit of the input.",
        f"Here the input {var} counts {unit}s: find the option that describes the same role.",
    ]
    sol = solved(
        ctx.problem.raw,
        "interpreting models",
        steps,
        hints,
        shown,
        answer_latex=_num(shown),
        verification=f"found the role of the number in the model ({role}); only option {letter} states that role "
        "with numbers and a direction that fit",
    )
    sol.choice = letter
    return sol
