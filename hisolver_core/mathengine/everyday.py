"""Everyday quantity families about change and units: growth and decay, unit conversion (stated or
known factors, rates converted), map scales, rates asked the other way round, amounts in a stated
ratio; and :data:`EVERYDAY_FAMILIES`, every everyday family in the order they are tried, the mean
families of :mod:`.mean_stories` and the chance families of :mod:`.chance_stories` among them.

Money and counting stories (fees, purchases, budgets, load limits) are in :mod:`.purchases`.

Same contract as :mod:`.story`: each family reads the quantities by their roles
and returns a :class:`~.story.Story` (equations, knowns, target, the numbers it
used), or None when the wording is not one it reads. ``solve_story`` declines
unless every number in the problem was used.
"""

from __future__ import annotations

import re

import sympy as sp

from .build import decimal_latex, tex
from .chance_stories import neither, probability_counts, sample_estimate, subgroup_probability
from .mean_stories import (
    group_average_goal,
    list_statistic,
    mean_after_removal,
    mean_change,
    mean_goal,
    mean_missing,
    numbers_in,
    weighted_mean,
)
from .proportion import _SPANS
from .story import NUM, Story, _n, question_of
from .words import singular, unit_singular

__all__ = ["EVERYDAY_FAMILIES"]


_GROW_WORDS = {
    "doubles": 2,
    "triples": 3,
    "quadruples": 4,
    "halves": sp.Rational(1, 2),
    "is doubled": 2,
    "is tripled": 3,
    "is halved": sp.Rational(1, 2),
    "decreases by half": sp.Rational(1, 2),
    "is reduced by half": sp.Rational(1, 2),
    "drops by half": sp.Rational(1, 2),
    "decreases by 1/2": sp.Rational(1, 2),
    "is reduced by 1/2": sp.Rational(1, 2),
    "is cut in half": sp.Rational(1, 2),
}
_UP = (
    r"(?:increases|grows|rises|gains|appreciates|goes up|earns|pays|has increased|has grown|increased|grew|"
    r"has risen|rose)"
)
_DOWN = (
    r"(?:decreases|declines|falls|loses|depreciates|drops|goes down|shrinks|decays|has decreased|has declined|"
    r"decreased|declined|fell|dropped|lost)"
)
_PERIOD = r"(second|minute|hour|day|week|month|year|decade)s?"
_MONTHS = {"month": 1, "year": 12, "decade": 120}


def _periods(asked_unit: str, period_unit: str) -> sp.Expr | None:
    """How many ``period_unit`` make one ``asked_unit`` (None when they do not convert)."""
    a, b = singular(asked_unit), singular(period_unit)
    if a == b:
        return sp.Integer(1)
    if a in _SPANS and b in _SPANS:
        return sp.Rational(_SPANS[a], _SPANS[b])
    if a in _MONTHS and b in _MONTHS:
        return sp.Rational(_MONTHS[a], _MONTHS[b])
    return None


def _growth(s: str) -> Story | None:
    """ "500 bacteria double every 3 hours: how many after 12 hours?" and "loses 15% of its value each year"."""
    if re.search(
        r"\b(?:continuously|simple|quarterly|monthly|semiannually|daily|(?<!since )then|instead|more than|less than|"
        r"ratio|average)\b",
        s,
    ) or (
        re.search(r"\b(?:interest|compound)", s) and not re.search(r"\binterest,? compounded (?:annually|yearly)\b", s)
    ):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    factor = used_rate = None
    m = re.search(rf"\b(?:a )?(?:half-life|1/2-life|half life) (?:of|is) ()(?:{NUM} )?{_PERIOD}\b", body) or re.search(
        rf"\b(doubles|triples|quadruples|halves|is doubled|is tripled|is halved|decreases by half|is reduced by half|"
        rf"drops by half|decreases by 1/2|is reduced by 1/2|is cut in half)(?: in (?:size|number|value))? "
        rf"(?:every|each) (?:{NUM} )?{_PERIOD}\b",
        body,
    )
    if m:
        word, span, unit = m.groups()
        factor, used_rate = _GROW_WORDS.get(word or "halves"), ["1/2"] if "1/2" in m.group(0) else []
    else:
        m = re.search(
            rf"\b({_UP}|{_DOWN})(?: in (?:value|size|number))?(?: by| at a rate of)? {NUM} percent"
            rf"(?: of (?:its|their|the) [a-z]+)? (?:each|every|per|a) (?:{NUM} )?{_PERIOD}\b",
            body,
        )
        interest = re.search(
            rf"\b(earns|pays|gains) {NUM} percent (?:annual )?interest,? compounded (?:annually|yearly)\b()()", body
        )
        yearly = re.search(
            rf"\b(?:each|every) {_PERIOD},? the [a-z ]+? ({_UP}|{_DOWN}) by {NUM} percent(?: of (?:its|their"
            rf"|the) [a-z]+"
            rf"(?: (?:from|in) the previous [a-z]+)?)?\b",
            body,
        )
        if not m and not interest and not yearly:
            return None
        if interest:  # compounded once a year: the balance is multiplied by 1 + r each year
            m, unit_word = interest, "year"
            word, pct, span, unit = m.group(1), m.group(2), None, unit_word
        elif not m:  # "each year, the value decreases by 15% of its value from the previous year"
            assert yearly is not None, "the guard above returned when nothing matched"
            m = yearly
            unit, word, pct = yearly.groups()
            span = None
        else:
            word, pct, span, unit = m.groups()
        up = re.fullmatch(_UP, word) is not None
        factor, used_rate = 1 + (1 if up else -1) * _n(pct) / 100, [pct]
    span = span or "1"
    assert m is not None, "every branch above set m to a match"
    rest = body[: m.start()] + " " + body[m.end() :]
    restated = re.search(
        rf"\b(?:is reduced by half|decreases by half|halves|is halved) every {re.escape(span)} {unit}s?\b", rest
    )
    if restated and "life" in m.group(0):  # "a half-life of 8 hours, which means ... reduced by half every 8 hours"
        rest = rest.replace(restated.group(0), " ")
        used_rate = [*used_rate, span]
    years = re.findall(
        r"\b(?:in|since|after|from|of) ((?:19|20)\d\d)\b", s
    )  # "12,000 in 2015 ... t years after 2015": dates
    rest = re.sub(r"\b(?:in|since|after|from|of) (?:19|20)\d\d\b", " ", rest)
    start = numbers_in(rest)
    if len(start) != 1 or start[0].startswith("-"):
        return None
    if re.search(r"\b(?:interest|increase|decrease|gain|loss|change|more|less|difference|earned|lost)\b", q):
        return None  # the question asks for the change (interest earned), not the amount
    t_letter = re.search(rf"\b(?:after|in) ([a-z]) {_PERIOD}\b|\b([a-z]) {_PERIOD} (?:after|since|from)\b", q)
    t_number = re.search(
        rf"\b(?:after|in|at the end of) {NUM} {_PERIOD}\b|\b{NUM} {_PERIOD} (?:later|from now|after)\b", q
    )
    if bool(t_letter) == bool(t_number) or not re.search(r"\b(?:what|how many|how much|which|find)\b", q):
        return None
    asked = t_letter or t_number  # exactly one matched; their groups 2 and 4 are both the period
    assert asked is not None
    asked_unit = asked.group(2) or asked.group(4)
    per = _periods(asked_unit, unit)
    if per is None:
        return None
    y = sp.Symbol("y", positive=True)
    hints = [
        "Each period multiplies the amount by the same factor.",
        f"The factor for one period is {sp.sstr(factor)}.",
        "Raise the factor to the number of periods and multiply by the starting amount.",
    ]
    given = [f"starting amount: {start[0]}", f"factor {sp.sstr(factor)} every {span} {singular(unit)}"]
    if t_letter:
        letter = t_letter.group(1) or t_letter.group(3)
        if letter in ("a", "i"):
            return None
        t = sp.Symbol(letter)
        exponent = t * per / _n(span)
        eq = sp.Eq(y, _n(start[0]) * sp.Pow(factor, exponent))
        shown = rf"{tex(_n(start[0]))} \cdot \left({decimal_latex(factor) or tex(factor)}\right)^{{{tex(exponent)}}}"
        return Story(
            "exponential models",
            [eq],
            {},
            y,
            [start[0], *used_rate, *([span] if span != "1" else []), *years],
            hints,
            given,
            params=(t,),
            answer_latex=shown,
        )
    assert t_number is not None, "t_letter did not match, so t_number did"
    elapsed = t_number.group(1) or t_number.group(3)
    eq = sp.Eq(y, _n(start[0]) * factor ** (_n(elapsed) * per / _n(span)))
    return Story(
        "exponential models",
        [eq],
        {},
        y,
        [start[0], *used_rate, *([span] if span != "1" else []), elapsed, *years],
        hints,
        given,
    )


def _conversion(s: str) -> Story | None:
    """ "1 inch equals 2.54 centimeters: how many centimeters are in 12 inches?" (one conversion factor)."""
    if re.search(r"\b(?:per|each|every|percent|more|less|than|ratio|speed|rate)\b", s):
        return None
    q = question_of(s)
    m = re.search(
        rf"\b(1|one|an?) ([a-z]+) (?:is equal to|equals|is|=|is the same as) {NUM} ([a-z]+)\b", s
    ) or re.search(rf"\bthere (?:are|is) {NUM} ([a-z]+) in (1|one|an?|each|every) ([a-z]+)\b", s)
    if not m:
        return None
    if m.re.pattern.startswith(r"\bthere"):
        factor, small, unit_count, big = m.groups()
    else:
        unit_count, big, factor, small = m.groups()
    mq = re.search(
        rf"\bhow many ([a-z]+) (?:are )?(?:there )?(?:in|equal|are equal to|is|make) {NUM} ([a-z]+)\b", q
    ) or re.search(rf"\b{NUM} ([a-z]+) (?:is|are|equals?) (?:equal to )?how many ([a-z]+)\b", q)
    if not mq:
        return None
    if mq.re.pattern.startswith(r"\bhow"):
        asked, amount, have = mq.groups()
    else:
        amount, have, asked = mq.groups()
    x = sp.Symbol("x", positive=True)
    if unit_singular(asked) == unit_singular(small) and unit_singular(have) == unit_singular(big):
        eq = sp.Eq(x, _n(amount) * _n(factor))
    elif unit_singular(asked) == unit_singular(big) and unit_singular(have) == unit_singular(small):
        eq = sp.Eq(x, _n(amount) / _n(factor))
    else:
        return None
    used = [factor, amount] + (["1"] if unit_count == "1" else [])
    hints = [
        f"Write down how many {small} make one {singular(big)}.",
        "Decide whether the answer should be a bigger or a smaller number.",
        "Multiply (or divide) by the conversion factor.",
    ]
    return Story("unit conversion", [eq], {}, x, used, hints, [f"1 {unit_singular(big)} = {factor} {small}"])


def _ratio_amounts(s: str) -> Story | None:
    """ "Flour and sugar in a ratio of 3 cups of flour to 2 cups of sugar; 7.5 cups of flour: how many cups of
    sugar?"."""
    if re.search(r"\b(?:percent|more|less|than|left|remaining|instead|each other|total|altogether)\b", s):
        return None
    m = re.search(rf"\b{NUM} ([a-z]+) of ([a-z]+) (?:to|for every|for each|per) {NUM} ([a-z]+) of ([a-z]+)\b", s)
    if not m:
        return None
    a, unit_a, what_a, b, unit_b, what_b = m.groups()
    if what_a == what_b:
        return None
    q = question_of(s)
    rest = s[m.end() :]
    given = re.findall(rf"\b{NUM} ({unit_a}|{unit_b}) of ({what_a}|{what_b})\b", rest)
    asked = re.match(rf"how (?:many|much) (?:({unit_a}|{unit_b}) of )?({what_a}|{what_b})\b", q)
    if len(given) != 1 or not asked or asked.group(2) == given[0][2]:
        return None
    amount, unit, what = given[0]
    if (what == what_a and unit != unit_a) or (what == what_b and unit != unit_b):
        return None
    y = sp.Symbol("y", positive=True)
    per_given, per_asked = (_n(a), _n(b)) if what == what_a else (_n(b), _n(a))
    eq = sp.Eq(y / _n(amount), per_asked / per_given)
    hints = [
        "The two amounts stay in the same ratio.",
        "Write the unknown amount over the known one, equal to the ratio.",
        "Cross-multiply and solve.",
    ]
    return Story(
        "ratio", [eq], {}, y, [a, b, amount], hints, [f"ratio {a} {unit_a} of {what_a} to {b} {unit_b} of {what_b}"]
    )


def _rate_inverse(s: str) -> Story | None:
    """ "The car traveled 217 miles on 7 gallons. At this rate, how many gallons to travel 558 miles?"."""
    used = re.search(
        rf"\bused {NUM} ([a-z]+)(?: of [a-z]+)? to travel {NUM} ([a-z]+)\. at (?:this|that|the same) rate,? "
        rf"how many ([a-z]+)(?: of [a-z]+)? [a-z ]+? (?:to|for) (?:[a-z]+ )?{NUM} ([a-z]+)\s*\??$",
        s,
    )
    if used:  # "used 12 gallons to travel 300 miles": the same rate, read the other way round
        b, unit_b, a, unit_a, asked, c, unit_c = used.groups()
        if singular(asked) != singular(unit_b) or singular(unit_c) != singular(unit_a):
            return None
        y = sp.Symbol("y", positive=True)
        hints = [
            f"Find how many {unit_b} go with one {singular(unit_a)}.",
            "The same rate holds for the new amount.",
            f"Multiply that rate by {c}.",
        ]
        return Story(
            "ratios and rates",
            [sp.Eq(y / _n(c), _n(b) / _n(a))],
            {},
            y,
            [a, b, c],
            hints,
            [f"{b} {unit_b} for {a} {unit_a}"],
        )
    m = re.search(
        rf"\b{NUM} ([a-z]+) (?:on|using|with|per|for|in|every|each) {NUM} ([a-z]+)(?: of [a-z]+)?\. at (?:this|that"
        rf"|the same) rate,? "
        rf"how many ([a-z]+)(?: of [a-z]+)? [a-z ]+? (?:to|for) (?:[a-z]+ )?{NUM} ([a-z]+)\s*\??$",
        s,
    )
    if not m:
        return None
    a, unit_a, b, unit_b, asked, c, unit_c = m.groups()
    if singular(asked) != singular(unit_b) or singular(unit_c) != singular(unit_a):
        return None
    y = sp.Symbol("y", positive=True)
    eq = sp.Eq(y / _n(c), _n(b) / _n(a))
    hints = [
        f"Find how many {unit_b} go with one {singular(unit_a)}.",
        "The same rate holds for the new amount.",
        f"Multiply that rate by {c}.",
    ]
    return Story("ratios and rates", [eq], {}, y, [a, b, c], hints, [f"{a} {unit_a} per {b} {unit_b}"])


def _map_scale(s: str) -> Story | None:
    """ "On a map, 1 centimeter represents 2.5 kilometers; the lakes are 8.4 centimeters apart: the actual
    distance?"."""
    m = re.search(
        rf"\b(1|one|{NUM}) ([a-z]+) (?:represents|stand for|stands for|equals"
        rf"|corresponds to) (?:an actual distance of )?"
        rf"{NUM} ([a-z]+)\b",
        s,
    )
    if not m:
        return None
    map_units, _, small, real, big = m.groups()
    factor = str(_n(real) / (1 if map_units in ("1", "one") else _n(map_units)))
    rest = s[m.end() :]
    apart = re.search(rf"\b{NUM} ([a-z]+) (?:apart|long|wide|away|from)\b", rest)
    if apart and unit_singular(apart.group(2)) != unit_singular(small):
        return None
    q = question_of(s)
    if not apart or not re.search(r"\bactual (?:distance|length|width)\b", q) or not re.search(rf"\b{big}\b", q):
        return None
    x = sp.Symbol("x", positive=True)
    eq = sp.Eq(x, _n(apart.group(1)) * sp.Rational(factor))
    counts = ["2"] * len(
        re.findall(r"\b2 [a-z]+s (?:are|were)\b|\bthe 2 [a-z]+s\b", s)
    )  # "2 campsites are": places, no quantity
    hints = [
        "The scale says how many real units one map unit stands for.",
        "Multiply the map distance by the scale factor.",
        "Keep the unit the question asks for.",
    ]
    used = [real, apart.group(1), *counts] + ([map_units] if map_units not in ("one",) else [])
    return Story("ratios and rates", [eq], {}, x, used, hints, [f"{map_units} {small} = {real} {big}"])


_UNIT_ALIASES = {
    "km": "kilometer",
    "m": "meter",
    "cm": "centimeter",
    "mm": "millimeter",
    "ml": "milliliter",
    "g": "gram",
    "kg": "kilogram",
    "ft": "foot",
    "in": "inch",
    "mi": "mile",
    "l": "liter",
    "litre": "liter",
    "metre": "meter",
}
# metric and time factors a student is expected to know: how many of the second unit make one of the first
_KNOWN_FACTORS = {
    ("kilometer", "meter"): 1000,
    ("meter", "centimeter"): 100,
    ("centimeter", "millimeter"): 10,
    ("meter", "millimeter"): 1000,
    ("kilogram", "gram"): 1000,
    ("liter", "milliliter"): 1000,
}


def _unit(word: str) -> str:
    base = unit_singular(word)
    return _UNIT_ALIASES.get(base, base)


def _factor(big: str, small: str, stated: tuple[str, str, str] | None):
    """How many ``small`` make one ``big`` (either direction), from the stated "(1 mile = 5,280 feet)" or a metric
    fact."""
    if big == small:
        return sp.Integer(1)
    if stated:
        one, n, other = stated
        if (_unit(one), _unit(other)) == (big, small):
            return _n(n)
        if (_unit(one), _unit(other)) == (small, big):
            return 1 / _n(n)
        return None
    if (big, small) in _KNOWN_FACTORS:
        return sp.Integer(_KNOWN_FACTORS[(big, small)])
    if (small, big) in _KNOWN_FACTORS:
        return sp.Rational(1, _KNOWN_FACTORS[(small, big)])
    return None


def _rate_conversion(s: str) -> Story | None:
    """ "66 feet per second: the speed in miles per hour? (1 mile = 5,280 feet)" and "3 centimeters per second: how many
    meters in 1 hour?" -> the rate with both units converted."""
    if re.search(r"\b(?:percent|then|more|less|than|each other|total|plus|after the first)\b", s):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    rate = list(
        re.finditer(
            rf"\b{NUM} ([a-z]+)(?: of [a-z]+)? (?:per|every|each) (?:{NUM} )?(second|minute|hour|day)s?\b", body
        )
    )
    stated = re.search(rf"\(\s*1 ([a-z]+) ?= ?{NUM} ([a-z]+)\s*\)", s)
    if len(rate) != 1:
        return None
    value, unit_a, span, per = rate[0].groups()
    span = span or "1"
    as_rate = re.search(r"\bspeed,? in ([a-z]+) per (second|minute|hour|day)\b", q)
    as_amount = re.search(
        r"\bhow many ([a-z]+)(?: of [a-z]+)? [a-z ]+? in (one|a|an|\d+(?:\.\d+)?) (second|minute|hour|day)s?\s*\??$", q
    )
    if bool(as_rate) == bool(as_amount):
        return None
    asked = as_rate or as_amount  # exactly one matched
    assert asked is not None
    target = asked.group(1)
    stated_parts = (stated[1], stated[2], stated[3]) if stated else None
    factor = _factor(_unit(unit_a), _unit(target), stated_parts)
    if factor is None:
        return None
    x = sp.Symbol("x", positive=True)
    used = [value] + ([span] if span != "1" else []) + (["1", stated.group(2)] if stated else [])
    rate_text = f"rate: {value} {unit_a} per {span + ' ' if span != '1' else ''}{per}"
    conversion = [f"1 {_unit(stated_parts[0])} = {stated_parts[1]} {_unit(stated_parts[2])}"] if stated_parts else []
    if as_rate:
        seconds = sp.Rational(_SPANS[as_rate.group(2)], _SPANS[per])
        given = [rate_text, *conversion, f"asked: {target} per {as_rate.group(2)}"]
    else:
        assert as_amount is not None
        count = {"one": "1", "a": "1", "an": "1"}.get(as_amount.group(2), as_amount.group(2))
        seconds = _n(count) * sp.Rational(_SPANS[as_amount.group(3)], _SPANS[per])
        used += [count] if as_amount.group(2) not in ("one", "a", "an") else []
        given = [rate_text, *conversion, f"time: {count} {as_amount.group(3)}"]
    # value / span (a rate) times the unit factor times the number of rate periods, shown unevaluated
    eq = sp.Eq(x, sp.Mul(_n(value) / _n(span), factor, seconds, evaluate=False))
    hints = [
        "Convert one unit at a time and keep track of what cancels.",
        "Multiply by a conversion fraction equal to 1 (such as 1 mile / 5,280 feet).",
        "Convert the time unit too, then compute.",
    ]
    return Story("unit conversion", [eq], {}, x, used, hints, given)


EVERYDAY_FAMILIES = (
    mean_missing,
    mean_goal,
    mean_after_removal,
    probability_counts,
    _growth,
    _conversion,
    _ratio_amounts,
    list_statistic,
    mean_change,
    subgroup_probability,
    weighted_mean,
    sample_estimate,
    _rate_inverse,
    neither,
    _map_scale,
    group_average_goal,
    _rate_conversion,
)
