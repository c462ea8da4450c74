"""Arithmetic asked in words: rounding to a place, and the least
common multiple or greatest common divisor of numbers named in the text.

Each family reads the numbers by their role in one sentence shape of its own kind and computes the
answer exactly; a problem with a number the family does not place, or a twist it does not read
("the larger angle" when the time gives an acute one), returns None or declines: it never guesses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce

import sympy as sp

from ..solution import Solution
from .build import Decline, solved, step
from .parse import ParseFailure, parse_latex
from .problem import Problem
from .readers import reader
from .rewrite import words_to_numbers
from .words import asked_sentence, sentences

__all__ = ["plain_text", "read_arithmetic"]

_NUM = r"\d+(?:\.\d+)?"
# place values by name: "the nearest ten thousand" is 10**4, "the nearest hundredth" is 10**-2
_PLACES = {
    "whole number": 0,
    "one": 0,
    "ten": 1,
    "hundred": 2,
    "thousand": 3,
    "ten thousand": 4,
    "hundred thousand": 5,
    "million": 6,
    "tenth": -1,
    "one-tenth": -1,
    "hundredth": -2,
    "thousandth": -3,
}


def plain_text(raw: str) -> str:
    """``raw`` without TeX delimiters and spacing, digit groups joined (``$2\\!:\\!48$`` -> ``2:48``)."""
    text = re.sub(r"\\[!,;: ]|\{,\}|\\\$|\$", "", raw.replace("\\%", "%").replace("\\text", ""))
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _numbers(text: str) -> list[str]:
    return re.findall(rf"(?<![\w.]){_NUM}", text)


# --- rounding ------------------------------------------------------------------------------------

_PLACE_RE = (
    r"(?:nearest|closest) (ten thousand|hundred thousand|whole number|one-tenth|tenth|hundredth|thousandth"
    r"|ten|hundred|thousand|million|one|1\d*)\b"
)


def _place(word: str) -> int:
    return len(word) - 1 if word.isdigit() else _PLACES[word]


def _round(value: Decimal, place: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(place), rounding=ROUND_HALF_UP)


# a story that changes its one number before the question (half of it, so much a day, what is left)
_CHANGED = re.compile(
    r"\b(?:half|twice|double|triple|third|quarter|percent|dozen|each|per|every|times|more|less|fewer|left|remain\w*"
    r"|after|now|altogether|total|sum|difference|product|estimate|average|round trip|up|down)\b"
    r"|%|(?<!in )\ban? (?:day|week|month|year|hour|minute|second)\b"
)
_PERIOD = re.compile(r"\b(?:day|week|month|year|hour|minute|second)s?\b")


def _rounding(prob: Problem, text: str) -> Solution | None:
    """ "What is 836 rounded to the nearest 10?", or the one number of a one-sentence story rounded to a place."""
    q = asked_sentence(text).lower()
    m = re.search(rf"\brounded to the {_PLACE_RE}\s*\??$", q)
    if not m or prob.options and any(len(_numbers(plain_text(o))) != 1 for _, o in prob.options):
        return None
    story = text[: text.rfind(asked_sentence(text))].lower()
    periods = set(_PERIOD.findall(q)) - set(_PERIOD.findall(story))
    if not re.match(r"(?:what is|how many|how much)\b", q) or len(sentences(story)) > 1 or periods:
        return None
    if re.search(r"\b(?:smallest|largest|least|greatest|possible|such|could|rounds)\b", q):
        return None  # "the smallest integer that rounds to 50 when rounded to the nearest ten": not 50 rounded
    rest = words_to_numbers(text.lower().replace(m.group(0), ""))
    numbers = set(_numbers(rest))
    if len(numbers) != 1 or _CHANGED.search(rest) or re.search(r"-\s*\d|\bnegative\b", rest):
        return None
    place = _place(m.group(1))
    value = Decimal(numbers.pop())
    answer = _round(value, place)
    unit = Decimal(1).scaleb(place)
    steps = [
        step(
            f"{value} \\approx {answer}",
            f"Round {value} to the nearest {unit.normalize():f}: look at the digit after that place.",
        ),
    ]
    return _answer(prob, steps, sp.Rational(str(answer)), "rounding", f"Round to the nearest {unit.normalize():f}.")


def _could_be_rounded(prob: Problem, text: str) -> Solution | None:
    """ "Rounded to the nearest 10,000, ... was 4,530,000. Which number could (not) be the actual ...?"."""
    q = asked_sentence(text).lower()
    if not prob.options or not re.match(r"which (?:number|two numbers)\b", q):
        return None
    m = re.search(rf"\brounded (?:\w+ )*?to the {_PLACE_RE}", text.lower())
    if re.search(r"\b(?:up|down)\b|-\s*\d|\bnegative\b", text.lower()):
        return None  # rounding up or down, or a negative number: not the rounding to the nearest read here
    negated = bool(re.search(r"\bcould not\b|\bcannot\b", q))
    if not m or not re.search(r"\bcould (?:not )?be\b|\bboth round\b", q):
        return None
    stated = [n for n in _numbers(text.lower().replace(m.group(0), "")) if not re.fullmatch(r"(?:19|20)\d\d", n)]
    if len(stated) != 1:
        return None
    place, target = _place(m.group(1)), Decimal(stated[0])
    fits = [
        letter
        for letter, option in prob.options
        if (ns := _numbers(plain_text(option))) and all(_round(Decimal(n), place) == target for n in ns)
    ]
    chosen = [letter for letter, _ in prob.options if (letter not in fits) == negated]
    if len(chosen) != 1:
        raise Decline("The options do not single out one number that rounds that way.")
    option = dict(prob.options)[chosen[0]]
    verb = "does not round" if negated else "rounds"
    steps = [step(f"\\text{{{option.strip()}}}", f"Only this option {verb} to {target} at that place.")]
    sol = _answer(prob, steps, sp.Rational(_numbers(plain_text(option))[0]), "rounding", "Round each option.")
    sol.choice = chosen[0]
    return sol


# --- lcm and gcd ---------------------------------------------------------------------------------

_FN = r"(least common multiple|lcm|greatest common (?:factor|divisor)|gcf|gcd)"
_ITEM = r"\d+!?"
_LIST = rf"({_ITEM}(?:(?:,? and |, ){_ITEM})*)"


def _fn(name: str) -> tuple[Callable[..., int], str]:
    return (sp.ilcm, "lcm") if name in ("least common multiple", "lcm") else (sp.igcd, "gcd")


def _items(listed: str) -> list[int]:
    return [math.factorial(int(x[:-1])) if x.endswith("!") else int(x) for x in re.findall(_ITEM, listed)]


def _of_range(phrase: str) -> list[int] | None:
    m = re.fullmatch(
        r"(?:all |the )?(?:first (\d+) |)positive integers(?: (?:smaller|less) than (\d+)| (?:up to|through) (\d+))?",
        phrase,
    )
    if not m or bool(m.group(1)) == bool(m.group(2) or m.group(3)):
        return None
    top = int(m.group(1) or m.group(3) or int(m.group(2)) - 1)
    return list(range(1, top + 1)) if 1 <= top <= 50 else None


def _lcm_gcd(prob: Problem, text: str) -> Solution | None:
    """gcd / lcm of listed numbers, of the first n positive integers, their product, or a shift of one."""
    q = words_to_numbers(asked_sentence(text)).lower().rstrip("?. ")
    m = re.fullmatch(
        rf"(?:what is|find|compute) (?:the (product|sum) of )?the {_FN}(?: and the {_FN})? of (.+?)"
        r"(?: (?:is )?(increased|decreased) by (\d+))?",
        re.sub(r"^what is the result when ", "what is ", q),
    )
    if not m or prob.options or len(_numbers(text)) != len(_numbers(asked_sentence(text))):
        return None
    combine, first, second, subject, shift, by = m.groups()
    if bool(combine) != bool(second):
        return None
    values = _of_range(subject) or (_items(subject) if re.fullmatch(_LIST, subject) else None)
    if not values or len(values) < 2:
        return None
    steps, results = [], []
    for name in filter(None, (first, second)):
        fn, short = _fn(name)
        result = reduce(fn, values)
        results.append(result)
        shown = ", ".join(map(str, values)) if len(values) <= 12 else f"1, 2, \\ldots, {values[-1]}"
        steps.append(step(f"\\operatorname{{{short}}}({shown}) = {result}", f"The {name} of the numbers."))
    answer = sp.Integer(results[0])
    if combine:
        answer = sp.Integer(results[0] * results[1] if combine == "product" else results[0] + results[1])
        sign = "\\cdot" if combine == "product" else "+"
        steps.append(step(f"{results[0]} {sign} {results[1]} = {answer}", f"The {combine} of the two."))
    if shift:
        before, answer = answer, answer + int(by) if shift == "increased" else answer - int(by)
        steps.append(
            step(f"{before} {'+' if shift == 'increased' else '-'} {by} = {answer}", f"{shift.capitalize()} by {by}.")
        )
    return _answer(prob, steps, answer, "number theory", "Factor each number into primes.")


def _other_of_pair(prob: Problem, text: str) -> Solution | None:
    """ "The lcm of two integers is L and their gcd is G. One of them is A: what is the other?" (a*b = L*G)."""
    low = words_to_numbers(plain_text(text)).lower()
    pattern = (
        rf"the {_FN} of (?:two|2) (?:positive )?(?:integers|numbers) is ({_ITEM}),? "
        rf"and (?:their |the )?{_FN} is ({_ITEM})\. (?:given that|if) one of (?:the|them|these) "
        rf"(?:integers |numbers )?is ({_ITEM}),? (?:then )?what is the other(?: integer| number)?(?:\?|\.|$)"
    )
    m = re.search(pattern, low)
    if not m or prob.options:
        return None
    f1, v1, f2, v2, one = m.groups()
    if _fn(f1)[1] == _fn(f2)[1]:
        return None
    lcm, gcd = (_items(v1)[0], _items(v2)[0]) if _fn(f1)[1] == "lcm" else (_items(v2)[0], _items(v1)[0])
    a = _items(one)[0]
    other, rest = divmod(lcm * gcd, a)
    if rest or sp.igcd(a, other) != gcd or sp.ilcm(a, other) != lcm:
        raise Decline("No integer has that lcm and gcd with the one given.")
    x = sp.Symbol("x")
    steps = [
        step(f"{a} x = {lcm} \\cdot {gcd}", "The product of two numbers equals the product of their lcm and gcd."),
        step(sp.Eq(x, other), f"Divide both sides by {a}."),
        step(f"\\gcd({a}, {other}) = {gcd},\\ \\operatorname{{lcm}}({a}, {other}) = {lcm}", "Check: both hold."),
    ]
    return _answer(prob, steps, sp.Integer(other), "number theory", "Use gcd(a, b) · lcm(a, b) = a · b.")


# --- a set's extremes, the nearest integer ------------------------------------------------------


def _math_value(tex: str) -> sp.Expr | None:
    """The number that the TeX ``tex`` writes (no letters), else None."""
    try:
        value = parse_latex(tex)
    except ParseFailure:
        return None
    return value if isinstance(value, sp.Expr) and value.is_number and value.is_real else None


def _set_extremes(prob: Problem, text: str) -> Solution | None:
    """ "The positive difference between the greatest and the least member of the set {3/7, 4/3, ...}"."""
    q = asked_sentence(prob.raw)
    m = re.fullmatch(
        r"(?:what is|find) the positive difference between the (?:greatest|largest) and the (?:least|smallest) "
        r"(?:member|element|number)s? of the set \$(?:\\left)?\\\{(.+?)(?:\\right)?\\\}\$\s*\?",
        q.strip(),
        re.I,
    )
    if not m or prob.options or len(sentences(prob.raw)) > 2:
        return None
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(body := m.group(1)):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    read = [_math_value(t) for t in [*parts, body[start:]]]
    values = [v for v in read if v is not None and v.is_Rational]
    if len(values) < 2 or len(values) != len(read):
        return None
    top, low = max(values), min(values)
    answer = top - low
    steps = [
        step(f"\\max = {sp.latex(top)},\\ \\min = {sp.latex(low)}", "Compare the members (over a common denominator)."),
        step(
            f"{sp.latex(top)} - {sp.latex(low) if low >= 0 else f'({sp.latex(low)})'} = {sp.latex(answer)}",
            "The positive difference is greatest minus least.",
        ),
    ]
    return _answer(prob, steps, answer, "comparing numbers", "Write the members over a common denominator.")


def _closest_integer(prob: Problem, text: str) -> Solution | None:
    """ "$E$ is closest to what integer?" / "What integer is closest to $E$?" for a number E written in TeX."""
    q = asked_sentence(prob.raw).strip()
    m = re.fullmatch(
        r"(?:the (?:expression|value of|number) )?\$([^$]+)\$ is closest to (?:what|which) integer\s*\?", q, re.I
    )
    m = m or re.fullmatch(r"what integer is closest to (?:the value of )?\$([^$]+)\$\s*\?", q, re.I)
    value = _math_value(m.group(1)) if m and not prob.options and len(sentences(prob.raw)) == 1 else None
    if value is None:
        return None
    nearest = sp.floor(value + sp.Rational(1, 2))
    if sp.simplify(value + sp.Rational(1, 2) - nearest) == 0:
        raise Decline("The number is halfway between two integers.")
    approx = sp.N(value, 8)
    steps = [
        step(f"{sp.latex(value)} \\approx {approx}", "Work out the value."),
        step(f"{approx} \\approx {nearest}", "Round it."),
    ]
    return _answer(
        prob, steps, sp.Integer(nearest), "estimation", "Estimate the value, then round to the nearest integer."
    )


# --- means of groups ------------------------------------------------------------------------------

_MEAN = r"(?:arithmetic )?(?:mean|average)(?: \(mean\))?"
_GROUP = (  # a group of n things with its mean: "the mean of 20 numbers is 30", "25 students average 84"
    rf"\b(?:the )?{_MEAN} of (?:the |these )?(\d+) ((?:other )?[a-z]+(?: [a-z]+)?) (?:is|was) ({_NUM})\b",
    rf"\b(\d+) ((?:other )?[a-z]+) (?:average|averages|averaged) ({_NUM})\b",
    rf"\b(\d+) ((?:other )?[a-z]+) (?:have|has|had) (?:a|an) {_MEAN}(?: [a-z]+)? of ({_NUM})\b",
)


def _groups(text: str) -> list[tuple[int, str, sp.Rational]]:
    found = sorted((m.start(), m.groups()) for pattern in _GROUP for m in re.finditer(pattern, text))
    return [(int(n), noun, sp.Rational(mean)) for _, (n, noun, mean) in found]


def _group_means(prob: Problem, text: str) -> Solution | None:
    """Two groups' means combined ("the average of all 50 numbers"), or the one value whose removal
    (or addition) moves a group's mean to a stated new mean."""
    low = words_to_numbers(text).lower()
    groups, q = _groups(low), asked_sentence(low)
    if prob.options or not groups or re.search(r"\b(?:median|mode|range|weighted|counts? (?:as )?twice)\b", low):
        return None
    x = sp.Symbol("x")
    changed = re.search(
        rf"\bif (?:one|a|an) (?:of the (?:\d+ )?[a-z]+ |[a-z]+ )?is (removed|added)\b,? the (?:new )?{_MEAN} "
        rf"(?:becomes|is|is now|will be) ({_NUM})\b",
        low,
    )
    if len(groups) == 2 and not changed:
        (n1, noun1, m1), (n2, noun2, m2) = groups
        whole = re.search(
            rf"\b(?:(?:overall|combined) {_MEAN}|{_MEAN} of (?:all|both)(?: the)?(?: (\d+))? [a-z]+(?: [a-z]+)?)"
            r"\s*[?.]?$",
            q,
        )
        # the second group is other things than the first: "30 other numbers", "another group of 20"
        apart = noun2.startswith("other ") or re.search(
            rf"\b(?:another|the other|the remaining)(?: group of)? {n2}\b", low
        )
        if not whole or not (apart or whole.group(1)) or whole.group(1) and int(whole.group(1)) != n1 + n2:
            return None
        equation = sp.Eq(x, (n1 * m1 + n2 * m2) / (n1 + n2))
        used = {str(n1), str(m1), str(n2), str(m2), str(n1 + n2)}
        shown = f"x = \\frac{{{n1} \\cdot {sp.latex(m1)} + {n2} \\cdot {sp.latex(m2)}}}{{{n1} + {n2}}}"
        why = "The mean of all is the sum of both totals over the number of all."
    elif len(groups) == 1 and changed:
        (n, noun, m), (how, new) = groups[0], changed.groups()
        asked = re.search(
            rf"\b(?:what is |find )?the (?:value of the )?(?:[a-z]+ )?(?:that|which) (?:is|was) {how}\b", q
        )
        if not asked:
            return None
        sign, k = (-1, n - 1) if how == "removed" else (1, n + 1)
        equation = sp.Eq(n * m + sign * x, k * sp.Rational(new))
        used = {str(n), str(m), new, str(k)}
        shown = f"{n} \\cdot {sp.latex(m)} {'-' if sign < 0 else '+'} x = {k} \\cdot {new},\\ {sp.latex(equation)}"
        why = f"The {n} {noun} total {n} times their mean; with one {how}, the {k} then total {k} times the new mean."
    else:
        return None
    if not set(_numbers(low)) <= used:
        return None  # a number the reading does not place
    answer = sp.solve(equation, x)
    if len(answer) != 1:
        return None
    steps = [step(shown, why), step(sp.Eq(x, answer[0]), "Solve for x.")]
    return _answer(prob, steps, answer[0], "means", "A mean times its count is the total.")


def _answer(prob: Problem, steps: list, answer: sp.Expr, topic: str, hint: str) -> Solution:
    shown = sp.latex(answer)
    if answer.is_Rational and not answer.is_integer and set(sp.factorint(answer.q)) <= {2, 5}:
        shown = f"{Decimal(answer.p) / Decimal(answer.q):f}"  # 45/2 reads as 22.5: the text's numbers are decimals
    steps.append(step(shown, "This is the answer."))
    sol = solved(
        prob.raw,
        topic,
        steps,
        [hint],
        answer,
        answer_latex=shown,
        verification="computed exactly from the text's numbers",
    )
    sol.reader = "arithmetic"
    return sol


_FAMILIES = (
    _rounding,
    _could_be_rounded,
    _lcm_gcd,
    _other_of_pair,
    _set_extremes,
    _closest_integer,
    _group_means,
)


@reader(
    "arithmetic",
    handles="rounding to a place, lcm and gcd of numbers named in words",
    order=144,  # after integers (140), which reads gcd and lcm of two numbers itself
)
def read_arithmetic(prob: Problem) -> Solution | None:
    """The first family's answer to ``prob``; None when none reads it. Raises Decline on a read twist."""
    text = plain_text(prob.raw)
    for family in _FAMILIES:
        sol = family(prob, text)
        if sol is not None:
            return sol
    return None
