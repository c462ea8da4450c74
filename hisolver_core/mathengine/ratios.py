"""Ratio stories: "the ratio of boys to girls is 3 to 4; there are 12 boys", totals shared in a ratio, and a
ratio with a difference ("24 more woodwind players than brass players").

Same contract as :mod:`.story`: each family returns a :class:`~.story.Story` or None.
"""

from __future__ import annotations

import re

import sympy as sp

from .story import NUM, Story, _n, question_of, reads

__all__ = ["RATIO_FAMILIES"]


_MEASURE = (
    r"(?:cups?|grams?|kilograms?|pounds?|ounces?|liters?|litres?|milliliters?|gallons?|meters?|feet|inches|miles|"
    r"kilometers?|hours?|minutes?|seconds?|days?|dollars?|cents?|tons?|quarts?|pints?|teaspoons?|tablespoons?)"
)


def _ratio_difference(s: str) -> Story | None:
    """ "The ratio of brass to woodwind players is 3 : 5; there are 24 more woodwind players than brass players"."""
    m = re.search(
        r"\bratio of (?:the )?(?:number of )?([a-z]+)(?: [a-z]+)? to (?:the )?(?:number of )?([a-z]+)(?: [a-z]+)? "
        r"(?:is|was) (\d+) ?(?::| to ) ?(\d+)\b",
        s,
    )
    if not m or re.search(
        r"\b(?:ratio[^.]*\bratio|becomes?|added|removed|new|after|then|instead|percent|total|times)\b", s[m.end() :]
    ):
        return None
    a_name, b_name, ra, rb = m.groups()
    diff = re.search(
        rf"\b(?:there (?:are|were) )?{NUM} (more|fewer) ({a_name}|{b_name})(?: [a-z]+)? than ({a_name}|{b_name})\b",
        s[m.end() :],
    )
    q = question_of(s)
    asked = re.search(rf"\bhow many ({a_name}|{b_name})\b", q)
    if not diff or not asked or diff.group(3) == diff.group(4):
        return None
    value, word, first, _ = diff.groups()
    parts = {a_name: _n(ra), b_name: _n(rb)}
    other = b_name if first == a_name else a_name
    gap = parts[first] - parts[other] if word == "more" else parts[other] - parts[first]
    if gap <= 0:
        return None  # the ratio says the opposite of "more"
    k = sp.Symbol("k", positive=True)
    eq = sp.Eq(gap * k, _n(value))
    hints = [
        "A ratio a : b means the amounts are a·k and b·k.",
        "The difference of the two amounts is the difference of the ratio numbers times k.",
        "Find k, then multiply the asked part of the ratio by it.",
    ]
    return Story(
        "ratio",
        [eq],
        {},
        parts[asked.group(1)] * k,
        [ra, rb, value],
        hints,
        [f"ratio {ra} to {rb}", f"difference: {value}"],
        integer=True,
    )


@reads("extremes")
def _ratio(s: str) -> Story | None:
    m = re.search(
        r"\bratio (?:of (?:the )?(?:number of )?([a-z]+)(?: [a-z]+)? to (?:the )?(?:number of )?([a-z]+)(?: "
        r"[a-z]+){0,3}?"
        r"(?:, by (?:weight|volume|mass),)? (?:is|was) )?(?:in the ratio )?(\d+) ?(?::| to ) ?(\d+)\b",
        s,
    )
    if not m or re.search(
        r"\b(?:ratio[^.]*\bratio|becomes?|added|removed|new|after|years?|ago|hence|age|ages|more|less|"
        r"percent|area|volume|speed|angles?|sides?|then|instead|mixture|replaced)\b",
        s[m.end() :] + " " + s[: m.start()],
    ):
        return None
    a_name, b_name, ra, rb = m.groups()
    q = question_of(s)
    rest = s[m.end() :]
    k = sp.Symbol("k", positive=True)
    known: dict[sp.Symbol, sp.Expr] = {}
    used = [ra, rb]
    total = re.search(
        rf"\b(?:total (?:of |is |number (?:of [a-z]+ )?is )?|altogether |in all |sum (?:of [a-z ]+ )?is |"
        rf"contains |has )?{NUM}(?: [a-z]+){{0,3}} (?:in total|altogether|in all)\b|\btotal (?:of |is )?{NUM}\b|"
        rf"\b{NUM} (?:is|was) (?:divided|shared|split)\b|\b(?:divide|share|split) {NUM}\b",
        s,
    )
    if total is None and a_name and b_name:
        mm = re.search(rf"\b(?:there are|there were|contains|has|have|had|with) (?:a total of )?{NUM} ([a-z]+)\b", s)
        if (
            mm
            and mm.group(2) not in (a_name, b_name)
            and not re.search(rf"\b{a_name}\b|\b{b_name}\b", s[mm.end() : mm.end() + 1])
        ):
            total = mm
    eqs = []
    if a_name and b_name and a_name != b_name:
        for name, part in ((a_name, ra), (b_name, rb)):
            other = b_name if name == a_name else a_name
            mm = re.search(
                rf"\b{NUM} (?:[a-z]+ of )?{name}\b(?! (?:and|or|plus) (?:the )?{other})|\b{name} (?:is|are|was"
                rf"|were) {NUM}\b",
                rest,
            )  # "64 cats and dogs in all" counts both
            if mm:
                value = mm.group(1) or mm.group(2)
                eqs.append(sp.Eq(_n(part) * k, _n(value)))
                used.append(value)
        given_names = {
            name
            for name in (a_name, b_name)
            if re.search(
                rf"\b{NUM} (?:[a-z]+ of )?{name}\b(?! (?:and|or|plus) )|\b{name} (?:is|are|was|were) {NUM}\b", rest
            )
        }
        asked = [name for name in (a_name, b_name) if re.search(rf"\bhow (?:many|much) (?:[a-z]+ of )?{name}\b", q)]
        if len(asked) != 1:
            asked = [name for name in (a_name, b_name) if re.search(rf"\b{name}\b", q) and name not in given_names]
    else:
        asked = []
    if total and not eqs:
        value = next(g for g in total.groups() if g and re.fullmatch(r"[\d./]+", g))
        eqs.append(sp.Eq((_n(ra) + _n(rb)) * k, _n(value)))
        used.append(value)
        if re.search(r"\b(?:larger|largest|greater|bigger|more)\b", q):
            asked = ["big"]
        elif re.search(r"\b(?:smaller|smallest|less|lesser)\b", q):
            asked = ["small"]
        elif a_name and b_name and len(asked) != 1:
            asked = [name for name in (a_name, b_name) if re.search(rf"\bhow many {name}\b|\b{name}\b", q)]
    if len(eqs) != 1 or len(asked) != 1:
        return None
    parts = {a_name: _n(ra), b_name: _n(rb), "big": max(_n(ra), _n(rb)), "small": min(_n(ra), _n(rb))}
    if asked[0] in ("big", "small") and ra == rb:
        return None
    target = parts[asked[0]] * k
    counted = bool(re.search(r"\bhow many\b", q)) and not re.search(rf"\bhow many {_MEASURE}\b", q)
    hints = [
        "A ratio a : b means the quantities are a·k and b·k for some number k.",
        "Use the number you are given to find k.",
        "Multiply the asked part of the ratio by k.",
    ]
    return Story("ratio", eqs, known, target, used, hints, [f"ratio {ra} to {rb}"], integer=counted)


# --- consecutive integers ------------------------------------------------------------------------


RATIO_FAMILIES = (_ratio, _ratio_difference)
