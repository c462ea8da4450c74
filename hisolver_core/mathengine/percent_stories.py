"""One amount and one percent: a whole from its part, an amount before or after a change, and a
remainder. "48 vanilla milkshakes, which was 40% of the total" (120); "$14.40, which is 60% off the
original price" (36); "she paid 80% of the price with a loan and the remaining $49,400 with her
savings" (247,000); "a $44 lunch and a 20% tip: how much did she spend" (52.80).

The story holds exactly two numbers, the percent p and an amount X. How they relate is read from the
words: "X is (only) p% of ..." makes X a part; one family of change words ("off", "discount",
"marked down", "decrease" / "increase", "tip", "tax", "markup") makes X an amount before or after a
change by p%; "the remaining X" (or a question about those who do not) makes X the rest after p%.
The question must ask for the whole or the amount before the change ("original", "total", "last
year's", "entire") or for the amount after it ("new", "final", "with the discount", "spend"), never both.

Precision rules: a third number, a second percent, change words of both directions, a question that
names neither the whole nor the changed amount, or a count of things that is not whole returns None.
"""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution
from .build import decimal_latex, solved, step, tex
from .numeric_options import pick_numeric_option
from .problem import Problem
from .readers import reader
from .story import story_text
from .words import sentences

__all__ = ["read_percent_story"]

_NUMBER = r"\d+(?:\.\d+)?"
_DOWN = re.compile(r"\b(?:off|discount(?:ed)?|marked down|mark-?down|decrease[ds]?|reduc(?:ed|tion)|loses|lost)\b")
_UP = re.compile(r"\b(?:increase[ds]?|tip|tax|markup|marked up|mark-?up|raise[ds]?|gratuity)\b")
_REST = re.compile(r"\b(?:remaining|remainder|the rest|the other)\b")
_BASE = re.compile(
    r"\b(?:original|originally|regular|full|total|entire|whole|all|last year|before|purchase price|daily"
    r" (?:caloric )?requirement|in all|altogether|how many (?:coins|students|people) (?:are|were) in)\b"
)
_NEW = re.compile(r"\b(?:new|final|after|with the (?:discount|tip|tax|increase|proposed increase)|spend|spent|pay)\b")
_NOT = re.compile(r"\b(?:do not|don't|does not|doesn't|not)\b")


@reader(
    "percent_stories", handles="one amount and one percent: a whole from its part, before or after a change", order=127
)
def read_percent_story(prob: Problem) -> Solution | None:
    """The whole, the amount before or after a change, or the rest, for a story of one percent; else None."""
    text = story_text(prob)
    parts = sentences(text)
    if not parts or "?" not in parts[-1] or any("?" in p for p in parts[:-1]):
        return None
    numbers = re.findall(rf"(?<![\w.]){_NUMBER}(?!\w|\.\d)", text)
    percents = re.findall(rf"({_NUMBER}) percent\b", text)
    if (
        len(percents) != 1
        or len(numbers) != 2
        or percents[0] not in numbers  # ".1%": a number the two readings cut differently
        or re.search(r"\d\s*/\s*\d|\bper\b|\beach\b|\bevery\b", text)
    ):
        return None
    p = sp.Rational(percents[0]) / 100
    numbers.remove(percents[0])
    x = sp.Rational(numbers[0])
    question = parts[-1]
    story = " ".join(parts[:-1]) + " " + question
    base, new = bool(_BASE.search(question)), bool(_NEW.search(question))
    down, up, rest = bool(_DOWN.search(story)), bool(_UP.search(story)), bool(_REST.search(story))
    part = re.search(rf"\b(?:is|was|are|were) (?:only |just )?{re.escape(percents[0])} percent of\b", story)
    if not 0 < p < (10 if up and not down else 1):
        return None
    if part and not (down or up or rest):
        if not base or new:
            return None
        value, said = x / p, f"{tex(x)} is {tex(p * 100)}\\% of the whole, so the whole is {tex(x)} \\div {tex(p)}."
        shown = f"\\frac{{{tex(x)}}}{{{tex(p)}}} = {tex(x / p)}"
    elif rest and not (down or up) and re.search(rf"{re.escape(percents[0])} percent of\b", story):
        if base and not new:  # "paid 80% with a loan, the remaining 49,400": the rest is 20% of the whole
            value = x / (1 - p)
            shown = f"\\frac{{{tex(x)}}}{{1 - {tex(p)}}} = {tex(value)}"
            said = f"The rest, {tex(x)}, is {tex((1 - p) * 100)}\\% of the whole."
        elif _NOT.search(question) or _REST.search(question):  # "how many do not play strings"
            value = x * (1 - p)
            shown = f"{tex(x)} \\times (1 - {tex(p)}) = {tex(value)}"
            said = f"{tex(p * 100)}\\% of {tex(x)} do; the rest, {tex((1 - p) * 100)}\\%, do not."
        else:
            return None
    elif down != up and not part and not rest:
        factor = 1 - p if down else 1 + p
        sign = "-" if down else "+"
        if base and not new:  # X is the amount after the change
            value = x / factor
            shown = f"\\frac{{{tex(x)}}}{{1 {sign} {tex(p)}}} = {tex(value)}"
            said = f"After the change the amount is {tex(factor * 100)}\\% of what it was before."
        elif new and not base:
            value = x * factor
            shown = f"{tex(x)} \\times (1 {sign} {tex(p)}) = {tex(value)}"
            said = f"The change makes the amount {tex(factor * 100)}\\% of {tex(x)}."
        else:
            return None
    else:
        return None
    if value <= 0 or (re.match(r"how many\b", question) and not value.is_integer):
        return None
    steps = [step(f"{tex(p * 100)}\\% = {tex(p)}", "Write the percent as a number."), step(shown, said)]
    hints = [
        "Decide which amount the percent is taken of: the whole, or the amount before the change.",
        "A change of p% multiplies by 1 + p/100 (an increase) or 1 - p/100 (a decrease).",
        "To go back from the changed amount, divide by that factor.",
    ]
    sol = solved(
        prob.raw,
        "percent",
        steps,
        hints,
        value,
        verification="the percent relation solved exactly",
        answer_latex=decimal_latex(value),  # $28.75, not 115/4
    )
    if prob.options:
        sol.choice = pick_numeric_option(value, prob.options, prob.raw)
    return sol
