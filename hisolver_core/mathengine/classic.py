"""Classic aptitude families: trains passing poles and platforms, boats and streams, counting
arrangements and selections, rectangles / squares / circles, LCM and HCF.

Same contract as :mod:`.story` (a :class:`~.story.Story` or None). Counting and
LCM/HCF answers are plain integers, so they reuse the same path with an equation
``answer = value``.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import sympy as sp

from .basic_stories import DISTANCE_UNITS, TIME_UNITS
from .story import NUM, Story, _n, question_of, reads
from .words import unit_singular

__all__ = ["CLASSIC_FAMILIES"]

_LEN = r"(m|metres|meters|metre|meter|km)"
_SPD = rf"{NUM} (km|m|miles) per (hour|second|minute)"


def _speed_unit(q: str, s: str, options_text: str) -> tuple[str, str] | None:
    m = re.search(r"\b(km|m|miles) per (hour|second|minute)\b", q)
    if m:
        return m.group(1), m.group(2)
    if re.search(r"km ?/ ?h|kmph|km per hour", options_text):
        return "km", "hour"
    if re.search(r"m ?/ ?s|m per second|m/sec", options_text):
        return "m", "second"
    return None


def _train(s: str, options_text: str = "") -> Story | None:
    """A train N m long passing a pole (distance N) or a platform / bridge / tunnel M m long (distance N + M)."""
    person = re.search(r"\b(?:man|person|boy|girl)\b", s) and not re.search(
        r"\b(?:man|person|boy|girl) standing\b|"
        r"\bstanding (?:man|person|boy|girl)\b",
        s,
    )
    if (
        "train" not in s
        or person
        or re.search(
            r"\b(?:2 trains|two trains|another train|other train|trains|opposite|same direction|"
            r"jogger|cyclist|car|overtakes?|meet|faster|slower|platforms|poles|"
            r"stoppages?|stops|late|early|half|then|after|increase|decrease|ratio|percent)\b",
            s,
        )
    ):
        return None
    q = question_of(s)
    train = re.findall(
        rf"\btrain (?:is |of length )?{NUM} {_LEN} long\b|\b{NUM} {_LEN}[- ]long train\b"
        rf"|\btrain of length {NUM} {_LEN}\b",
        s,
    )
    obj = re.findall(
        rf"\b(platform|bridge|tunnel) (?:of length |which is |that is |is )?{NUM} {_LEN} long\b|"
        rf"\b{NUM} {_LEN}[- ]long (platform|bridge|tunnel)\b|\b(platform|bridge|tunnel) of length {NUM} {_LEN}\b",
        s,
    )
    pole = re.search(
        r"\b(?:pole|post|telegraph post|lamp post|tree|signal post|man standing|standing man|milestone)\b", s
    )
    speeds = re.findall(rf"\b{_SPD}\b", s)
    times = re.findall(rf"\bin {NUM} (seconds|second|sec|secs|minutes|minute)\b", s)
    L, P, v, t = sp.symbols("L P v t", positive=True)
    known, used, given = {}, [], []
    for found in train:
        g = [x for x in found if x]
        known[L] = _n(g[0]) * DISTANCE_UNITS[g[1]]
        used.append(g[0])
        given.append(f"train: {g[0]} {g[1]}")
    for found in obj:
        g = [x for x in found if x]
        nums = [x for x in g if re.fullmatch(r"[\d./]+", x)]
        unit = next(x for x in g if x in DISTANCE_UNITS)
        known[P] = _n(nums[0]) * DISTANCE_UNITS[unit]
        used.append(nums[0])
        given.append(f"{next(x for x in g if x in ('platform', 'bridge', 'tunnel'))}: {nums[0]} {unit}")
    for value, du, tu in speeds:
        known[v] = _n(value) * DISTANCE_UNITS[du] / TIME_UNITS[tu]
        used.append(value)
        given.append(f"speed: {value} {du} per {tu}")
    for value, tu in times:
        known[t] = _n(value) * TIME_UNITS[tu]
        used.append(value)
        given.append(f"time: {value} {tu}")
    if len(train) > 1 or len(obj) > 1 or len(speeds) > 1 or len(times) > 1 or (bool(obj) == bool(pole)):
        return None
    if pole:
        known[P] = sp.Integer(0)
    if len(known) != 3:
        return None
    missing = ({L, P, v, t} - set(known)).pop()
    if missing == v:
        unit = _speed_unit(q, s, options_text)
        if unit is None or not re.search(r"\bspeed\b", q):
            return None
        scale, name = sp.Integer(1) * DISTANCE_UNITS[unit[0]] / TIME_UNITS[unit[1]], f"{unit[0]} per {unit[1]}"
    elif missing == t:
        m = re.search(r"\b(seconds|minutes)\b", q) or re.search(r"\b(sec|seconds|min|minutes)\b", options_text)
        if m is None or not re.search(
            r"\b(?:how long|how much time|time|how many seconds|how many minutes|in what time)\b", q
        ):
            return None
        unit = {"sec": "seconds", "min": "minutes"}.get(m.group(1), m.group(1))
        scale, name = sp.Integer(TIME_UNITS[unit]), unit
    elif missing in (L, P):
        what = "train" if missing == L else r"platform|bridge|tunnel"
        if not re.search(rf"\blength of the (?:{what})\b|\bhow long is the (?:{what})\b", q):
            return None
        scale, name = sp.Integer(1), "m"
    else:
        return None
    hints = [
        "To pass a pole the train covers its own length; to pass a platform, its length plus the platform's.",
        "Use distance = speed × time with matching units (km/h × 5/18 gives m/s).",
        "Solve for the quantity that is asked and convert it to the asked unit.",
    ]
    return Story("rate", [sp.Eq(L + P, v * t)], known, missing, used, hints, given, scale, name)


def _boat(s: str, options_text: str = "") -> Story | None:
    """Boats and streams: downstream = still + stream, upstream = still - stream."""
    if not re.search(r"\b(?:still water|downstream|upstream|current|stream)\b", s) or re.search(
        r"\b(?:and back|returns?|round trip|total time|takes? twice|times as|ratio|percent|average)\b", s
    ):
        return None
    b, c, dn, up = sp.symbols("b c d u", positive=True)
    unit = r"(km|m|miles) per (hour|minute)"
    facts = [
        (rf"\bin still water (?:is |of )?{NUM} {unit}\b|\b{NUM} {unit} in still water\b", b, "speed in still water"),
        (
            rf"\b(?:speed|rate) of (?:the )?(?:stream|current|river|water flow) (?:is )?{NUM} {unit}\b",
            c,
            "speed of the stream",
        ),
        (
            rf"\b(?:downstream|along the (?:current|stream)|with the (?:current|stream))(?: speed"
            rf"| rate)?(?: of (?:the |a |an )?[a-z]+)? "
            rf"(?:is )?{NUM} {unit}\b",
            dn,
            "downstream speed",
        ),
        (
            rf"\b(?:upstream|against the (?:current|stream))(?: speed| rate)?(?: of (?:the |a "
            rf"|an )?[a-z]+)? (?:is )?{NUM} {unit}\b",
            up,
            "upstream speed",
        ),
    ]
    known, used, given = {}, [], []
    for pattern, sym, label in facts:
        found = re.findall(pattern, s)
        if len(found) > 1:
            return None
        if found:
            g = [x for x in found[0] if x]
            known[sym] = _n(g[0]) * DISTANCE_UNITS[g[1]] / TIME_UNITS[g[2]]
            used.append(g[0])
            given.append(f"{label}: {g[0]} {g[1]} per {g[2]}")
    q = question_of(s)
    asks = [
        (r"\bin still water\b", b),
        (r"\b(?:stream|current)\b", c),
        (r"\b(?:downstream|along the|with the)\b", dn),
        (r"\b(?:upstream|against the)\b", up),
    ]
    targets = [sym for pattern, sym in asks if re.search(pattern, q) and sym not in known]
    if len(known) != 2 or len(targets) != 1 or not re.search(r"\b(?:speed|rate)\b", q):
        return None
    m = re.search(r"\b(km|m|miles) per (hour|minute)\b", q) or re.search(
        r"\b(km|m|miles) ?(?:per|/) ?(hour|hr|minute|min)\b", options_text
    )
    if m is None:
        return None
    tu = {"hr": "hour", "min": "minute"}.get(m.group(2), m.group(2))
    hints = [
        "Going downstream the stream helps: add its speed to the boat's speed in still water.",
        "Going upstream the stream works against the boat: subtract its speed.",
        "Write the two relations and solve for the speed that is asked.",
    ]
    return Story(
        "rate",
        [sp.Eq(dn, b + c), sp.Eq(up, b - c)],
        known,
        targets[0],
        used,
        hints,
        given,
        sp.Integer(1) * DISTANCE_UNITS[m.group(1)] / TIME_UNITS[tu],
        f"{m.group(1)} per {tu}",
    )


_ORDER_WORDS = (
    r"\b(?:together|not|never|always|except|between|adjacent|next to|first|last|ends?|begins?|starts?|vowels?|"
    r"consonants?|identical|same|alike|around|circle|circular|round|table|at least|at most|exactly|both|must|"
    r"included|include|excluded|particular|such that|if|only|odd|even|digits?|repetition|repeated|repeat|"
    r"boys and|girls and|men and|women and|and \d+|necklace|garland|beads|"
    # named roles make the order matter: 4 officers from 9 people is 9*8*7*6, not C(9, 4)
    r"officers?|president|vice|treasurer|secretary|captain|chair|positions?|roles?|offices?|prizes?)\b"
)


def _value_story(topic: str, value: int, used: list[str], hints: list[str], given: list[str]) -> Story:
    n = sp.Symbol("N", positive=True)
    return Story(topic, [sp.Eq(n, sp.Integer(value))], {}, n, used, hints, given, integer=True)


def _counting(s: str, options_text: str = "") -> Story | None:
    """Arrangements of n different things in a row (n!), of a word's letters, and selections of k from n."""
    q = question_of(s)
    if not re.search(
        r"\bways\b|\bhow many (?:different )?(?:arrangements|words|committees|groups|teams|selections)\b", q
    ):
        return None
    if re.search(_ORDER_WORDS, s):
        return None
    m = re.search(r"\bletters of the word \"?'?([a-z]+)\"?'?", s)
    if m:
        if re.search(r"\d", s) or not re.search(r"\b(?:arrange|arranged|arrangements|rearranged|words)\b", s):
            return None
        word = m.group(1)
        counts = Counter(word)
        value = math.factorial(len(word)) // math.prod(math.factorial(k) for k in counts.values())
        hints = [
            "Count the letters and how often each letter repeats.",
            "n different letters can be ordered in n! ways.",
            "Divide by k! for each letter that appears k times, since swapping equal letters changes nothing.",
        ]
        return _value_story("counting", value, [], hints, [f"letters of {word.upper()}"])
    numbers = re.findall(r"(?<![\w.])\d+(?![\w.]*\d)", s)
    if re.search(
        r"\b(?:arrange|arranged|arrangements|line up|lined up|in a row|in a line|on a shelf|in a queue|order)\b", s
    ):
        if (
            len(numbers) != 1
            or not re.search(r"\b(?:different|distinct)\b", s)
            and not re.search(r"\b(?:people|persons|students|children)\b", s)
        ):
            return None
        n = int(numbers[0])
        if not 1 <= n <= 12:
            return None
        hints = [
            "The first place can be filled in n ways, the next in n - 1, and so on.",
            "Multiply the choices for the places together.",
            "That product is n!.",
        ]
        return _value_story("counting", math.factorial(n), numbers, hints, [f"{n} different things in a row"])
    if (
        re.search(r"\b(?:choose|chosen|select|selected|selection|pick|picked|committee|formed)\b", s)
        and len(numbers) == 2
    ):
        n, k = max(int(x) for x in numbers), min(int(x) for x in numbers)
        if n == k or n > 100 or not re.search(r"\b(?:from|out of|among)\b", s):
            return None
        hints = [
            "The order of the chosen things does not matter, so count combinations.",
            "The number of ways to choose k of n things is C(n, k) = n! / (k! (n - k)!).",
            "Put in n and k and simplify.",
        ]
        return _value_story("counting", math.comb(n, k), numbers, hints, [f"choose {k} of {n}"])
    return None


def _shapes(s: str, options_text: str = "") -> Story | None:
    """Rectangles and squares: length, width, perimeter, area, diagonal; any two (one for a square) fix the rest."""
    square = bool(re.search(r"\bsquare\b(?! (?:m|cm|meters?|metres?|feet|foot|units|inches|km|yards?)\b)", s))
    rect = bool(re.search(r"\brectangle\b|\brectangular\b", s))
    if square == rect or re.search(
        r"\b(?:circle|triangle|semi|path|border|cost|rate|fence|tiles?|carpet|paint|increase|"
        r"decrease|percent|ratio|times|more|less|than|folded|cut|half|halved|twice|double[sd]?|triple[sd]?|thrice|"
        r"cube|box|room|walls?)\b",
        s,
    ):
        return None  # a second figure, a scaled side, or a shape in a story: more than one shape's measures
    length, width, area, perim, diag = sp.symbols("l w A P d", positive=True)
    unit = r"(?: (?:m|cm|mm|km|meters?|metres?|feet|foot|ft|inches|inch|units?|yards?))?"

    def fact(word: str) -> str:
        return (
            rf"\b{word} (?:of (?:the |a |an |its |this )?(?:[a-z]+ ){{0,2}}?(?=is |was |measures ))?"
            rf"(?:(?:is|was|measures|of|=) )?{NUM}{unit}\b"
        )

    facts = [
        (fact("length"), length),
        (fact("(?:width|breadth)"), width),
        (fact("(?:side|side length|each side)"), length),
        (fact("area"), area),
        (fact("perimeter"), perim),
        (fact("diagonal"), diag),
    ]
    q = question_of(s)
    body = s[: len(s) - len(q)] if re.search(r"\d", s[: len(s) - len(q)]) else s
    units = re.compile(r"\b(?:mm|cm|km|m|meters?|metres?|feet|foot|ft|inch(?:es)?|yards?|miles?)\b")
    if body != s and {unit_singular(u) for u in units.findall(q)} - {unit_singular(u) for u in units.findall(body)}:
        return None  # asked in another unit ("a side of 2 feet ... in square inches"): a conversion this does not do
    known, used = {}, []
    for pattern, sym in facts:
        found = re.findall(pattern, body)
        if len(found) > 1 or (found and sym in known):
            return None
        if found:
            known[sym] = _n(found[0])
            used.append(found[0])
    asks = [
        (r"\barea\b", area),
        (r"\bperimeter\b", perim),
        (r"\bdiagonal\b", diag),
        (r"\blength\b", length),
        (r"\b(?:width|breadth)\b", width),
        (r"\bside\b", length),
    ]
    targets = [sym for pattern, sym in asks if re.search(pattern, q) and sym not in known]
    if len(targets) != 1 or targets[0] in known:
        return None
    eqs = [sp.Eq(area, length * width), sp.Eq(perim, 2 * (length + width)), sp.Eq(diag**2, length**2 + width**2)]
    if square:
        eqs.append(sp.Eq(width, length))
    if len(known) != (1 if square else 2):
        return None
    hints = [
        "Draw the shape and label the sides you know.",
        "Area = length × width; perimeter = 2(length + width); the diagonal follows from Pythagoras.",
        "Use the facts you are given to find the missing side, then the asked quantity.",
    ]
    return Story("geometry", eqs, known, targets[0], used, hints, [f"{'square' if square else 'rectangle'}"])


@reads("extremes")
def _lcm_hcf(s: str, options_text: str = "") -> Story | None:
    """Least number divisible by a, b, c (plus a remainder); greatest number dividing them; LCM / HCF of a list."""
    if re.search(
        r"\b(?:digit|digits|square|perfect|bells?|toll|lights?|product|ratio|sum|difference|fraction|decimal)\b", s
    ):
        return None
    q = question_of(s)
    listed = r"(\d+(?:, ?\d+)*,? and \d+)"
    m = re.search(
        rf"\b(?:least|smallest|lowest) (?:positive )?(?:number|integer"
        rf"|whole number)\b[^?.]*?\b(?:exactly )?divisible by {listed}\b",
        s,
    )
    m2 = re.search(
        rf"\b(?:least|smallest|lowest) (?:positive )?(?:number|integer"
        rf"|whole number)\b[^?.]*?\bwhen divided by {listed},? "
        rf"(?:leaves|leaving) (?:a |the same )?remainder (?:of )?(\d+)(?: in each case)?\b",
        s,
    )
    m3 = re.search(rf"\b(?:greatest|largest|highest) (?:number|integer)\b[^?.]*?\bdivides? {listed}(?: exactly)?\b", s)
    m4 = re.search(rf"\b(l\.?c\.?m|h\.?c\.?f|g\.?c\.?d)\.? of {listed}\b", q)
    numbers = [x for x in re.findall(r"(?<![\w.])\d+(?![\w.]*\d)", s)]
    found = [x for x in (m, m2, m3, m4) if x]
    if len(found) != 1:
        return None
    values = [int(x) for x in re.findall(r"\d+", found[0].group(m4 and 2 or 1))]
    if len(values) < 2 or 0 in values:
        return None
    if m4:
        kind = m4.group(1).replace(".", "")
        value = math.lcm(*values) if kind == "lcm" else math.gcd(*values)
        extra: list[str] = []
    elif m3:
        if re.search(r"\bremainder\b", s):
            return None
        value, extra = math.gcd(*values), []
    else:
        rem = int(m2.group(2)) if m2 else 0
        if m2 and rem >= min(values):
            return None
        value, extra = math.lcm(*values) + rem, ([m2.group(2)] if m2 else [])
    used = [str(v) for v in values] + extra
    if sorted(numbers) != sorted(used):
        return None
    hints = [
        "A number divisible by each of several numbers is a multiple of their least common multiple.",
        "Find the LCM (or HCF) from the prime factorisations: highest powers for the LCM, lowest common powers for "
        "the HCF.",
        "Add any remainder the question asks for.",
    ]
    return _value_story("number theory", value, used, hints, [f"numbers {', '.join(map(str, values))}"])


CLASSIC_FAMILIES = (_train, _boat, _counting, _shapes, _lcm_hcf)
