"""SAT problems wrapped in a story: "The equation h = -16t^2 + 64t + 5 models the height h, in feet, of a
ball t seconds after it is thrown. ..." followed by a question.

Two readers:

* :func:`without_context` drops the story sentences when they only name the letters of the model, so
  the question is solved from the math alone ("If I = 2 - i and Z = 3 + 4i, what is V?"). A story
  sentence is dropped only when it states no number the kept math does not hold, and no word that
  could constrain the answer (positive, integer, at least, not, ...); its equations stay.
* :func:`model_extremum` answers "what is the maximum height" and "how many seconds after it is thrown
  does the ball reach its maximum height / hit the ground" for a single quadratic model whose output
  the story names ("the height h").
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..solution import Solution
from .build import Decline, solved, step, tex
from .context import Context
from .models import SCALED
from .problem import Problem
from .words import sentences, singular

__all__ = ["model_extremum", "model_value", "rectangle_expression", "without_context"]

_CONSTRAINT = re.compile(
    r"\b(?:positive|negative|integers?|whole|nonzero|not|no|never|only|except|at least|at most|more|less|fewer|greater|"
    r"smaller|larger|maximum|minimum|between|even|odd|each other|exceeds?|below|above|under|over|"
    r"within|round(?:ed)?|nearest|approximately|about|if|unless|than|twice|half|double|triple|percent|per)\b"
)


def without_context(prob: Problem) -> Problem | None:
    """``prob`` with its story sentences replaced by the math they hold; None when that would lose anything."""
    parts = sentences(prob.text, before_capital=True)
    if len(parts) < 2 or prob.has_figure:
        return None
    story, question = parts[:-1], parts[-1]
    rearrange = re.search(
        r"\b(?:express(?:es)?|gives|represents) ⟦\d+⟧ in terms of ⟦\d+⟧(?:(?:,| and|, and) ⟦\d+⟧)*\s*\??$",
        question,
        re.I,
    )
    if not (
        rearrange or re.search(r"\b(?:what is|find|value of|values of) (?:the value of )?⟦\d+⟧", question, re.I)
    ) or re.search(r"\b(?:represents?|means?|meaning|interpret\w*|describes?|best)\b", question, re.I):
        return None  # only a question about a letter's value (or the formula solved for it) is safe without its story
    kept: list[str] = []
    for sentence in story:
        low = sentence.lower()
        if (_CONSTRAINT.search(low) and not rearrange) or re.search(r"\d", re.sub(r"⟦\d+⟧", " ", sentence)):
            return None  # rearranging a formula is pure algebra: the story's words cannot change it
        keys = re.findall(r"⟦(\d+)⟧", sentence)
        for k in keys:
            source = prob.math[int(k)].strip()
            if re.fullmatch(r"(?:[A-Za-z]|\\(?:ell|alpha|beta|theta|lambda|mu|rho|sigma|omega))(?:\([a-z]\))?", source):
                continue  # a letter named by the story ("the height $h$"): the model keeps it
            if re.fullmatch(r"[-+]?\d+(?:[.,]\d+)*", source.replace("\\$", "").replace("¤", "").strip()):
                if not any(_holds_number(prob.math[int(j)], source) for j in _model_keys(prob, story)):
                    return None  # a number only the story states would be lost
                continue
            if (
                "=" not in source
                and "<" not in source
                and ">" not in source
                and "\\le" not in source
                and "\\ge" not in source
            ):
                return None  # an expression the story talks about: its role is in the words
            kept.append(f"⟦{k}⟧")
    if not kept:
        return None
    text = " and ".join(kept) + ". " + question
    return replace(prob, text=text, math=list(prob.math), options=list(prob.options))


def _model_keys(prob: Problem, story: list[str]) -> list[str]:
    return [k for sentence in story for k in re.findall(r"⟦(\d+)⟧", sentence) if "=" in prob.math[int(k)]]


def _holds_number(source: str, number: str) -> bool:
    """True when the number appears as a token of the equation's source (``6`` in ``\\frac{1}{6}``)."""
    plain = number.replace(",", "").replace("\\$", "").replace("¤", "").strip()
    return bool(re.search(rf"(?<![\d.]){re.escape(plain)}(?![\d.])", source.replace(",", "")))


_MAX = r"(?:maximum|greatest|highest|largest)"
_MIN = r"(?:minimum|least|lowest|smallest)"


def _output_noun(ctx: Context, out: sp.Symbol) -> str | None:
    """The noun the story gives the output: "the height ⟦1⟧" -> height."""
    keys = [s.index for s in ctx.segments if s.kind == "symbol" and s.obj == out]
    keys += [k for k, src in enumerate(ctx.problem.math) if src.strip() == out.name and out.name in ctx.functions]
    for k in keys:
        m = re.search(rf"\b(?:the|its|a) ((?:[a-z]+ )?[a-z]+),? ⟦{k}⟧", ctx.problem.question)
        if m:
            return m.group(1).split()[-1]
    return None


def _input_unit(ctx: Context, var: sp.Symbol) -> str | None:
    keys = [s.index for s in ctx.segments if s.kind == "symbol" and s.obj == var]
    for k in keys:
        m = re.search(rf"⟦{k}⟧ ([a-z]+) after\b", ctx.problem.question)
        if m:
            return m.group(1)
    return None


def _paren(value) -> str:
    return f"\\left({tex(value)}\\right)" if value < 0 else tex(value)


def model_extremum(ctx: Context) -> Solution | None:
    """The greatest (least) output of a quadratic model, when it happens, or when the output reaches 0."""
    eqs = [s.obj for s in ctx.of_kind("equation")]
    if not eqs and len(ctx.functions) == 1:  # "modeled by the function h(t) = -16t^2 + 64t + 5"
        name, (var, body) = next(iter(ctx.functions.items()))
        eqs = [sp.Eq(sp.Symbol(name), body)]
    if (
        len(eqs) != 1
        or not isinstance(eqs[0].lhs, sp.Symbol)
        or len(eqs[0].rhs.free_symbols) != 1
        or len(ctx.functions) > 1
    ):
        return None
    if (
        ctx.inequalities
        or ctx.conditions
        or any(s.kind not in ("equation", "symbol") for s in ctx.segments)
        or SCALED.search(ctx.problem.question)
    ):
        return None  # a domain, another number or a scaled unit in the story could change the answer
    out, body = eqs[0].lhs, sp.expand(eqs[0].rhs)
    var = next(iter(body.free_symbols))
    if not body.is_polynomial(var) or sp.degree(body, var) != 2:
        return None
    question = (sentences(ctx.problem.question.strip()) or [""])[-1]
    noun, unit = _output_noun(ctx, out), _input_unit(ctx, var)
    if noun is None or "⟦" in question:
        return None
    unit = unit or "\x00"  # no unit named: only the "what price will produce the greatest revenue" form can match
    a = body.coeff(var, 2)
    peak = -body.coeff(var, 1) / (2 * a)
    value = sp.nsimplify(body.subs(var, peak))
    asks_value = re.fullmatch(
        rf"(?:what is )?the ({_MAX}|{_MIN}) {noun}(?:, in [a-z ]+,?)?(?: of the [a-z]+| (?:that|which) [a-z ]+)?"
        rf"\s*\??",
        question,
    )
    asks_when = re.fullmatch(
        rf"how many {unit} after [a-z ]+ (?:does|will|did) [a-z ]+ (?:reach|attain|have) (?:its|the) "
        rf"({_MAX}|{_MIN}) {noun}\??",
        question,
    )
    asks_when = asks_when or re.fullmatch(
        rf"what [a-z ]+? (?:will|would) (?:produce|give|result in|yield) the ({_MAX}|{_MIN}) "
        rf"{noun}\s*\??",
        question,
    )
    asks_ground = re.fullmatch(
        rf"how many {unit} after [a-z ]+ (?:does|will|did) [a-z ]+ (?:hit|reach|return to|land on) "
        rf"the ground\??",
        question,
    )
    if peak < 0 and (asks_value or asks_when):
        raise Decline("The turning point of the model is before its input starts.")
    asked = asks_value or asks_when
    if asked:
        word = asked.group(1)
        if bool(re.fullmatch(_MAX, word)) != bool(a < 0):
            raise Decline("The model has no such extreme value.")
        steps = [
            step(eqs[0], "Write the model."),
            step(
                rf"{tex(var)} = -\frac{{b}}{{2a}} = -\frac{{{tex(body.coeff(var, 1))}}}{{2 \cdot {_paren(a)}}} = "
                rf"{tex(peak)}",
                "A parabola turns at its vertex.",
            ),
            step(f"{out} = {tex(value)}", f"Put {var} = {tex(peak)} into the model."),
        ]
        answer = value if asks_value else peak
        hints = [
            "The model is a quadratic: its graph is a parabola.",
            "The vertex is where a parabola turns: x = -b/(2a).",
            "Substitute the vertex's input into the model if the question asks for the output.",
        ]
        return solved(
            ctx.problem.raw,
            "quadratic models",
            steps,
            hints,
            answer,
            verification="found the vertex of the quadratic model",
        )
    if asks_ground and noun == "height":
        xr = sp.Symbol(var.name, real=True)
        roots = [r for r in sp.solve(body.subs(var, xr), xr) if r.is_real and r > 0]
        if len(roots) != 1:
            raise Decline("The model does not reach the ground exactly once after it starts.")
        steps = [
            step(eqs[0], "Write the model."),
            step(sp.Eq(body, 0), "On the ground the height is 0."),
            step(f"{tex(var)} = {tex(roots[0])}", "Solve and keep the positive time."),
        ]
        hints = [
            "On the ground the height is 0.",
            "Set the model equal to 0 and solve.",
            "Only a positive time makes sense.",
        ]
        return solved(
            ctx.problem.raw,
            "quadratic models",
            steps,
            hints,
            roots[0],
            verification="solved model = 0 and kept the one positive solution",
        )
    return None


_RECT = re.compile(
    r"\brectangular (?:[a-z]+ ){1,2}(?:has|with"
    r"|is) (?:a )?length (?:of )?⟦(?P<l>\d+)⟧(?: [a-z]+)?,? and (?:a )?width (?:of )?"
    r"⟦(?P<w>\d+)⟧(?: [a-z]+)?\.\s*(?P<q>.*)$",
    re.I,
)
_RECT_ASK = re.compile(
    r"^(?:which of the following (?:expressions )?(?:represents|gives|is)|what is) the (?P<what>area|perimeter)"
    r" of the [a-z]+(?:, in (?:square )?[a-z]+,?)?\s*\??$",
    re.I,
)


def rectangle_expression(ctx: Context) -> Solution | None:
    """ "A rectangular patio has a length of (3x + 2) meters and a width of (x - 1) meters": its area or perimeter."""
    m = _RECT.search(ctx.problem.text)
    ask = _RECT_ASK.match(m.group("q").strip()) if m else None
    if m is None or not ask:
        return None
    length, width = (next((s for s in ctx.segments if s.index == int(m.group(k))), None) for k in ("l", "w"))
    if length is None or width is None or length.kind != "expression" or width.kind != "expression":
        return None
    if len(ctx.segments) != 2 or ctx.problem.text[: m.start()].count("⟦"):
        return None  # another quantity in the story
    area = ask.group("what").lower() == "area"
    formula = "A = l \\cdot w" if area else "P = 2(l + w)"
    value = sp.expand(length.obj * width.obj) if area else sp.expand(2 * (length.obj + width.obj))
    work = (
        f"\\left({tex(length.obj)}\\right)\\left({tex(width.obj)}\\right) = {tex(value)}"
        if area
        else f"2\\left(({tex(length.obj)}) + ({tex(width.obj)})\\right) = {tex(value)}"
    )
    steps = [
        step(formula, f"The {'area' if area else 'perimeter'} of a rectangle."),
        step(work, "Put in the length and width and expand."),
    ]
    hints = [
        f"Recall the {'area' if area else 'perimeter'} formula of a rectangle.",
        "Multiply (or add) the two expressions as whole quantities, using parentheses.",
        "Expand and collect like terms.",
    ]
    return solved(ctx.problem.raw, "polynomials", steps, hints, value, verification="expanded the formula with SymPy")


_LINKS = (
    "is",
    "are",
    "was",
    "were",
    "and",
    "of",
    "in",
    "for",
    "where",
    "be",
    "that",
    "as",
    "to",
    "can",
    "at",
    "on",
    "by",
    "from",
    "with",
    "after",
    "before",
    "since",
    "per",
    "each",
    "will",
    "would",
)
_STOP = {
    "the",
    "a",
    "an",
    "of",
    "in",
    "its",
    "their",
    "his",
    "her",
    "number",
    "total",
    "estimated",
    "predicted",
    "amount",
}


def _described(ctx: Context, letter: str) -> tuple[set[str], str | None]:
    """Words the story puts before a letter ("the stopping distance, in feet," -> {stopping, distance}) and the unit
    word after it ("⟦v⟧ miles per hour" -> miles)."""
    keys = [k for k, src in enumerate(ctx.problem.math) if src.strip() == letter]
    words: set[str] = set()
    unit = None
    for k in keys:
        before = re.search(rf"((?:[a-z'-]+ ){{0,3}}[a-z'-]+)(?:, in [a-z ]+,)?,? ⟦{k}⟧", ctx.problem.question)
        if before:  # the head noun only ("the number of daily visitors V" -> visitors): modifiers may be left out
            head = [w for w in before.group(1).split() if w not in _STOP and len(w) > 2][-1:]
            words |= set(head)
        measured = re.search(
            rf"⟦{k}⟧,? in ([a-z]+)\b", ctx.problem.question
        )  # "M, in grams,": "how many grams" names it
        if measured and measured.group(1) not in ("the", "a", "an"):
            words.add(measured.group(1))
        after = re.search(rf"⟦{k}⟧ ([a-z-]+)(?: ([a-z-]+))?", ctx.problem.question)
        if after and after.group(1) not in _LINKS:
            unit = after.group(1) if after.group(2) in (None, *_LINKS) else f"{after.group(1)}|{after.group(2)}"
            if re.fullmatch(r"[a-z]+(?:ing|ed)|left|owed", after.group(1)):
                words.add(after.group(1))  # "the number of tickets N remaining": remaining is part of what N counts
    if not words and letter in ctx.functions:  # "the function S(v) = ... to estimate the stopping distance"
        source = ctx.function_sources.get(letter, "")
        defined = next((i for i, src in enumerate(ctx.problem.math) if src.strip() == source.strip()), None)
        what = (
            re.search(
                rf"⟦{defined}⟧,? (?:to (?:estimate|model|find|calculate|compute|predict)|gives|models|estimates"
                rf"|represents|"
                rf"predicts) (?:the )?((?:[a-z'-]+ ){{0,3}}[a-z'-]+)",
                ctx.problem.question,
            )
            if defined is not None
            else None
        )
        if what:
            words = {w for w in what.group(1).split() if w not in _STOP and len(w) > 2}
    return words, unit


def model_value(ctx: Context) -> Solution | None:
    """A model in a story, asked at an input named in words: "what is the stopping distance of a car traveling at 40
    miles per hour?" (substitute), or "how many T-shirts must the club sell to earn a profit of $490?" (solve)."""
    eqs = [s.obj for s in ctx.of_kind("equation")]
    if not eqs and len(ctx.functions) == 1:
        name, (var, body) = next(iter(ctx.functions.items()))
        eqs = [sp.Eq(sp.Symbol(name), body)]
    if (
        len(eqs) != 1
        or not isinstance(eqs[0].lhs, sp.Symbol)
        or len(eqs[0].rhs.free_symbols) != 1
        or len(ctx.functions) > 1
    ):
        return None
    if ctx.inequalities or ctx.conditions or SCALED.search(ctx.problem.question):
        return None  # a scaled output ("in thousands of dollars") need not be in the question's units
    out, body = eqs[0].lhs, eqs[0].rhs
    var = next(iter(body.free_symbols))
    parts = sentences(ctx.problem.question.strip()) or [""]
    question, story = parts[-1], " ".join(parts[:-1])
    numbers = [s for s in ctx.segments if s.kind == "expression" and s.obj.is_number]
    if len(numbers) != 1 or f"⟦{numbers[0].index}⟧" not in question or not story:
        return None  # one number, in the question; the story only names the letters
    if any(f"⟦{s.index}⟧" in question for s in ctx.segments if s.kind != "expression") or re.search(
        r"\bnot\b|\bmore\b|\bless\b|\bchange|\bincrease|\bdecrease|\bdifference\b|\badditional\b|\baverage\b"
        r"|\bper (?!hour|minute|second|day|week|month|year|gallon|mile)|\beach\b|\bevery\b|\btotal\b|\bboth\b"
        r"|\btwice\b|\bdouble\b|\bhalf\b|\bpercent\b"
        r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|dozen)\b",
        question,
    ):
        return None  # "two kayaks", "the average cost per loaf", "how much more": not the model's plain output
    value = numbers[0].obj
    if any(not re.search(rf"\b{re.escape(w)}\b", story) for w in re.findall(r"\bin ([a-z]+)\b", question)):
        return None  # "in cents" when the model counts dollars
    model_latex = (
        ctx.function_sources.get(out.name)
        or next((s.source for s in ctx.segments if s.kind == "equation"), "")
        or f"{tex(out)} = {tex(body)}"
    ).strip()
    out_words, _ = _described(ctx, out.name)
    _, unit = _described(ctx, var.name)
    if unit is None or not out_words:
        return None
    k = numbers[0].index
    units = "|".join(
        f"{re.escape(u)}|{re.escape(singular(u))}s?" for u in unit.split("|")
    )  # "custom t-shirts": either word
    given_input = re.search(rf"⟦{k}⟧ ({units})\b", question)
    asks_input = re.search(rf"\bhow many ({units})\b", question)
    measured = {m for m in re.findall(r"⟦\d+⟧,? in ([a-z]+)\b", story)}
    named = [w for w in out_words if w not in measured]
    mentions_output = (
        all(re.search(rf"\b{re.escape(w)}\b", question) for w in named)
        if named
        else any(re.search(rf"\b{re.escape(w)}\b", question) for w in out_words)
    )
    mentions_output = mentions_output or any(
        re.match(rf"how (?:many|much) {re.escape(u)}\b", question) for u in measured
    )
    if "dollars" in measured and re.search(r"\b(?:paid|pays|spent|spends|charged|billed)\b", question) and asks_input:
        mentions_output = True  # "if a customer paid $89 ..., how many flyers": the money is the model's cost
    if given_input and not asks_input and mentions_output and re.match(r"(?:what|how much|how many)\b", question):
        answer = sp.nsimplify(body.subs(var, value))
        steps = [
            step(model_latex, "Write the model."),
            step(f"{tex(var)} = {tex(value)}", f"The question gives {tex(value)} {unit}: that is the input {var}."),
            step(
                f"{tex(out)} = {tex(body.subs(var, sp.UnevaluatedExpr(value)))} = {tex(answer)}",
                "Substitute and compute.",
            ),
        ]
        hints = [
            "Find which letter the given number stands for.",
            f"The number of {unit} is the input {var}.",
            "Substitute it into the model.",
        ]
        return solved(
            ctx.problem.raw, "models", steps, hints, answer, verification="substituted the stated input into the model"
        )
    if asks_input and not given_input and mentions_output:
        xr = sp.Symbol(var.name, real=True)
        found = [r for r in sp.solve(sp.Eq(body.subs(var, xr), value), xr) if r.is_real and r >= 0]
        if len(found) != 1:
            raise Decline("The model does not give one input for that value.")
        steps = [
            step(model_latex, "Write the model."),
            step(f"{tex(value)} = {tex(body)}", f"Set the output equal to {tex(value)}."),
            step(f"{tex(var)} = {tex(found[0])}", "Solve for the input."),
        ]
        hints = [
            "Which letter is the number you are given?",
            "Set the model equal to that value.",
            "Solve for the input.",
        ]
        return solved(
            ctx.problem.raw,
            "models",
            steps,
            hints,
            found[0],
            verification="solved the model for the input and kept the one nonnegative solution",
        )
    return None
