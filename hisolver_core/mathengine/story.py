"""Story problems in their common phrasings: rate × time, work together, simple and compound interest,
profit and loss, consecutive integers and two numbers (ratios are in :mod:`.ratios`, more families in
:mod:`.proportion`, :mod:`.everyday`, :mod:`.purchases` and :mod:`.classic`).

Each family reads the quantities it knows by their units or roles, writes the
relationship as SymPy equations, solves for what the question asks and checks
the solution by substitution. A family declines (returns None) unless every
number in the problem was given a role, so a problem with a quantity the
family does not understand is never answered from the other numbers. With
options, the answer is matched to exactly one option (:mod:`.numeric_options`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

import sympy as sp

from ..solution import Solution
from .algebra import values_satisfy
from .build import Decline, solved, step, tex
from .numeric_options import pick_numeric_option
from .problem import Problem, strip_format
from .rewrite import words_to_numbers
from .words import sentences

__all__ = ["solve_story", "story_text", "question_of", "Story", "NUM"]

NUM = r"(\d+(?:\.\d+)?(?:/\d+)?)"
_NUM_TOKEN = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:/\d+)?(?![\w.]*\d)")


def story_text(prob: Problem) -> str:
    """The raw question, lower case, numbers in digits, currency and percent signs normalised."""
    s = strip_format(prob.raw).lower().replace("\\%", "%").replace("\\$", "$").replace("’", "'")
    s = re.sub(r"\\(?:text|mathrm)\{([^{}]*)\}", r"\1", s)
    s = re.sub(
        r"\$\s?(\d+(?:\.\d+)?) (?=(?:per|an|a|each) (?:second|minute|hour|day|week|month|year)\b)", r"\1 dollars ", s
    )
    s = s.replace("$", " ").replace("\\", " ")
    s = re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)
    s = words_to_numbers(s)
    s = re.sub(r"\b(?:rs|inr|usd)\.?\s*(?=\d)", "", s)
    s = re.sub(r"\s*(?:%|per cent\b|percent\b)", " percent", s)
    s = re.sub(
        r"\b(?:kmph|km/hr|km/h|kmh|kilometers per hour|kilometres per hour|km an hour|kilometers an hour)\b",
        "km per hour",
        s,
    )
    s = re.sub(r"\b(?:mph|miles an hour|miles/hour|miles/hr)\b", "miles per hour", s)
    s = re.sub(r"\b(?:m/s|m/sec|meters per second|metres per second|m per sec)\b", "m per second", s)
    s = re.sub(r"(\d)\s*(km|m|cm|hrs?|mins?|secs?)\b", r"\1 \2", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def _n(text: str) -> sp.Rational:
    return sp.Rational(text)


@dataclass
class Story:
    """A story problem read into equations: ``knowns`` fix some symbols, ``target`` is asked."""

    topic: str
    equations: list[sp.Eq]
    knowns: dict
    target: sp.Expr
    used: list[str]
    hints: list[str]
    given: list[str] = field(default_factory=list)  # one sentence per known, for the steps
    scale: sp.Expr = sp.Integer(1)  # the target's value is divided by this (unit conversion)
    unit: str = ""
    integer: bool = False  # the answer counts things: it must be a whole number
    positive: bool = True  # the answer must be positive
    requires: list = field(default_factory=list)  # relations a solution must satisfy (e.g. x > y)
    params: tuple = ()  # letters the answer is expressed in ("for h hours"): they stay free
    answer_latex: str = ""  # how to print an answer in letters when SymPy's form reads badly (2500·1.04^t)
    parity: str | None = None  # "even" or "odd" for consecutive integers: checked after solving


def _all_numbers_used(s: str, used: list[str]) -> bool:
    """True when the numbers in ``s`` are exactly those in ``used`` (as a multiset)."""
    found = sorted(_NUM_TOKEN.findall(s))
    return found == sorted(used)


# --- rate × time ---------------------------------------------------------------------------------

_DIST = {
    "km": 1000,
    "kilometer": 1000,
    "kilometre": 1000,
    "kilometers": 1000,
    "kilometres": 1000,
    "m": 1,
    "meter": 1,
    "meters": 1,
    "metre": 1,
    "metres": 1,
    "mile": sp.Rational(1609344, 1000),
    "miles": sp.Rational(1609344, 1000),
    "feet": sp.Rational(3048, 10000),
    "foot": sp.Rational(3048, 10000),
    "ft": sp.Rational(3048, 10000),
    "yards": sp.Rational(9144, 10000),
    "yard": sp.Rational(9144, 10000),
}
_TIME = {
    "hour": 3600,
    "hours": 3600,
    "hr": 3600,
    "hrs": 3600,
    "minute": 60,
    "minutes": 60,
    "min": 60,
    "mins": 60,
    "second": 1,
    "seconds": 1,
    "sec": 1,
    "secs": 1,
}
_DU = "|".join(sorted(_DIST, key=len, reverse=True))
_TU = "|".join(sorted(_TIME, key=len, reverse=True))
_SPEED = re.compile(rf"\b{NUM} ({_DU}) (?:per|an|a|each|every) ({_TU})\b")
_DISTANCE = re.compile(rf"\b{NUM} ({_DU})\b(?! (?:per|an|a|each|every) (?:{_TU})\b)(?! long| wide| high| tall| deep)")
_DURATION = re.compile(rf"\b{NUM} ({_TU})\b")
_RATE_BLOCK = re.compile(
    r"\b(?:train|platform|bridge|tunnel|pole|stream|current|still water|upstream|downstream|"
    r"opposite|towards each other|meet|overtake|catch up|round trip|return|back|"
    r"late|early|faster|slower|increase|decrease|reduce|rest|stop|stops|walks? and|remaining|half|"
    r"first|second|third|then|another|other|each way|circular|track|lap|escalator|both|two|"
    r"man|person|boy|girl|wind|against|along|relative)\b"
)


def _rate(s: str) -> Story | None:
    pole = re.search(rf"\btrain (?:is )?{NUM} ({_DU}) long\b", s)
    if (
        pole
        and re.search(r"\b(?:pole|post|telegraph pole|lamp ?post|tree|signal post)\b", s)
        and "train" not in s[pole.end() :]
    ):
        s = s[: pole.start()] + f"train covers {pole.group(1)} {pole.group(2)} " + s[pole.end() :]
        s = re.sub(r"\b(?:the |a )?(?:telegraph pole|lamp ?post|signal post|pole|post|tree)\b", "the mark", s)
        s = s.replace("train", "vehicle")
    if _RATE_BLOCK.search(s) or not re.search(
        r"\b(?:speed|travel|travels|traveled|travelled|drive|drives|drove|"
        r"driving|run|runs|ran|walk|walks|walked|cycle|cycles|rides|covers?|"
        r"covered|flies|fly|goes|moves?|swims?|how far|how long|how many)\b",
        s,
    ):
        return None
    v, t, d = sp.symbols("v t d", positive=True)
    speeds, dists, times = _SPEED.findall(s), _DISTANCE.findall(s), _DURATION.findall(s)
    q = question_of(s)
    known, used, given = {}, [], []
    for value, du, tu in speeds:
        known[v] = _n(value) * _DIST[du] / _TIME[tu]
        used.append(value)
        given.append(f"speed: {value} {du} per {tu}")
    time_text = re.sub(_SPEED, " ", s)
    times = _DURATION.findall(time_text)
    for value, tu in times:
        known[t] = _n(value) * _TIME[tu]
        used.append(value)
        given.append(f"time: {value} {tu}")
    for value, du in dists:
        known[d] = _n(value) * _DIST[du]
        used.append(value)
        given.append(f"distance: {value} {du}")
    if len(speeds) > 1 or len(times) > 1 or len(dists) > 1 or len(known) != 2:
        return None
    missing = ({v, t, d} - set(known)).pop()
    if missing == t:
        m = re.search(rf"\bhow (?:many|much) ({_TU}|time)\b", q)
        if not m:
            return None
        unit = m.group(1) if m.group(1) != "time" else next(iter(re.findall(rf"\b({_TU})\b", s)), None)
        if unit is None or unit not in _TIME:
            return None
        scale, unit_name = sp.Integer(_TIME[unit]), unit
    elif missing == d:
        m = re.search(rf"\b(?:how (?:many|far)|distance|what distance)\b.*?\b({_DU})\b", q) or re.search(
            r"\bhow far\b", q
        )
        unit = m.group(1) if m and m.groups() else next(iter(du for _, du, _ in speeds), None)
        if unit is None or not re.search(r"\bhow far\b|\bdistance\b|\bhow many\b", q):
            return None
        scale, unit_name = sp.Integer(1) * _DIST[unit], unit
    else:
        if not re.search(r"\b(?:speed|how fast|rate)\b", q) or re.search(r"\bhow (?:far|long|many|much)\b", q):
            return None  # "at that rate, how far ... in 36 hours" asks for a distance, not the speed
        m = re.search(rf"\b({_DU}) per ({_TU})\b", q)
        if m:
            du, tu = m.groups()
        elif dists and times:
            du, tu = dists[0][1], times[0][1]
        else:
            return None
        scale, unit_name = sp.Integer(1) * _DIST[du] / _TIME[tu], f"{du} per {tu}"
    hints = [
        "Distance, speed and time are linked by distance = speed × time.",
        "Write every quantity in matching units before you combine them.",
        "Solve the relation for the quantity the question asks for, then convert to the asked unit.",
    ]
    return Story("rate", [sp.Eq(d, v * t)], known, missing, used, hints, given, scale, unit_name)


# --- work together -------------------------------------------------------------------------------

_WORK_TIME = re.compile(rf"\bin {NUM} (days|hours|minutes|day|hour|minute)\b")


def _work(s: str) -> Story | None:
    q = question_of(s)
    last = re.split(r"(?<=[.!])\s+", s.strip())[-1]  # "If they work together at these rates, how many hours ...?"
    if not re.search(
        r"\b(?:together|both|working together|all (?:of them|3|together)|simultaneously|if (?:both|all) "
        r"(?:pipes|taps) are opened)\b",
        last,
    ) or not re.search(
        r"\bhow (?:many|long|much time)\b|\bin how many\b|"
        r"\bwhat time\b",
        q,
    ):
        return None
    if re.search(
        r"\b(?:empties|emptied|emptying|leak|drain|drains|left|leaves|after|remaining|rest|efficient|"
        r"twice|times|wages|paid|share|percent|more|less|than|half)\b|\balone (?:for|works?|worked|starts?)\b"
        r"|\b(?:can|to|will|would) empty\b",
        s,
    ):
        return None  # "working alone, A can ..." only names a rate; "A works alone for 2 hours" changes the story
    body = s[: len(s) - len(q)]
    found = _WORK_TIME.findall(body)
    sizes = re.findall(rf"\b{NUM} ([a-z]+) in {NUM} (?:days|hours|minutes|day|hour|minute)\b", body)
    job = re.search(rf"\b{NUM} ([a-z]+)\s*\??$", q)  # "fill 240 bottles": the same job each machine does
    job_numbers = (
        [size[0] for size in sizes] + [job.group(1)]
        if len(sizes) == len(found) and job and len({size[:2] for size in sizes} | {(job.group(1), job.group(2))}) == 1
        else []
    )
    if (
        len(found) not in (2, 3)
        or len({u.rstrip("s") for _, u in found}) != 1
        or not re.search(r"\b(?:can|could|takes?|alone)\b", body)
    ):
        return None
    unit = found[0][1] if found[0][1].endswith("s") else found[0][1] + "s"
    if not re.search(rf"\b{unit}\b|\bhow long\b|\bhow much time\b|\bin how many\b", q):
        return None
    t = sp.Symbol("T", positive=True)
    rates = [sp.Symbol(f"t_{i + 1}", positive=True) for i in range(len(found))]
    known = {r: _n(value) for r, (value, _) in zip(rates, found, strict=True)}
    eq = sp.Eq(sp.Add(*(1 / r for r in rates)), 1 / t)
    hints = [
        "Think of rates: a worker who finishes in k days does 1/k of the job per day.",
        "Working together, their rates add up.",
        "The time together is 1 divided by the combined rate.",
    ]
    given = [f"one worker alone: {value} {unit}" for value, _ in found]
    return Story("work rate", [eq], known, t, [v for v, _ in found] + job_numbers, hints, given, sp.Integer(1), unit)


def _work_alone(s: str) -> Story | None:
    """ "A and B together finish a job in 6 days; A alone in 10 days. How long for B alone?" (rates subtract)."""
    q = question_of(s)
    if not re.search(r"\b(?:alone|by himself|by herself|by itself)\b", q) or not re.search(
        r"\bhow (?:many|long|much time)\b|\bin how many\b", q
    ):
        return None
    if re.search(
        r"\b(?:empty|empties|emptied|leak|drain|drains|left|leaves|after|remaining|rest|efficient|twice|times|"
        r"wages|paid|share|percent|more|less|than|half|then|for \d+)\b",
        s,
    ):
        return None
    body = s[: len(s) - len(q)]
    found = _WORK_TIME.findall(body)
    together = re.findall(
        rf"\btogether\b[^.?,]*?\bin {NUM} (days|hours|minutes)\b|\bin {NUM} (days|hours|minutes),? "
        rf"(?:working |if they work )?together\b",
        body,
    )
    if len(found) != 2 or len(together) != 1 or len({u.rstrip("s") for _, u in found}) != 1:
        return None
    both = [g for g in together[0] if g][0]
    single = [v for v, _ in found]
    if single.count(both) != 1 and single[0] != single[1]:
        return None
    single.remove(both)
    unit = found[0][1] if found[0][1].endswith("s") else found[0][1] + "s"
    x = sp.Symbol("T", positive=True)
    eq = sp.Eq(1 / _n(both), 1 / _n(single[0]) + 1 / x)
    hints = [
        "Think of rates: finishing in k days means doing 1/k of the job per day.",
        "The rate together is the sum of the two rates.",
        "Subtract the known worker's rate from the rate together, then invert.",
    ]
    return Story(
        "work rate",
        [eq],
        {},
        x,
        [both, single[0]],
        hints,
        [f"together: {both} {unit}", f"one alone: {single[0]} {unit}"],
        sp.Integer(1),
        unit,
    )


# --- interest ------------------------------------------------------------------------------------


def _interest(s: str) -> Story | None:
    compound = bool(re.search(r"\bcompound(?:ed)? (?:interest|annually|yearly)|\bcompounded\b|\bc\.i\b", s))
    if not (compound or re.search(r"\bsimple interest\b|\bs\.i\b", s)):
        return None
    if re.search(r"\b(?:half[- ]yearly|quarterly|monthly|semi|difference|months?|double|triple|times|itself)\b", s):
        return None
    p, r, t, i, a = sp.symbols("P r t I A", positive=True)
    two = re.search(
        rf"\b(?:amounts? to|becomes?|grows? to)\s+{NUM}\s+in\s+{NUM}\s+years?,?\s+and\s+(?:to\s+)?{NUM}\s+in\s+{NUM}\s"
        rf"+years?\b",
        s,
    )
    if two and not compound:
        return _interest_two_amounts(s, two)
    known, used, given = {}, [], []
    m = re.search(rf"\b{NUM} percent(?: per (?:annum|year)| p\.?a\.?| a year| annually| yearly)?\b", s)
    if m:
        known[r] = _n(m.group(1))
        used.append(m.group(1))
        given.append(f"rate: {m.group(1)}% per year")
    m = re.search(rf"\b(?:for|after|in) {NUM} years?\b", s)
    if m:
        known[t] = _n(m.group(1))
        used.append(m.group(1))
        given.append(f"time: {m.group(1)} years")
    m = re.search(
        rf"\b(?:sum of|principal of|borrow(?:s|ed)?|invest(?:s|ed)?|deposit(?:s|ed)?|lends?|lent|loan of|"
        rf"principal is|sum is|interest on|amount on)\s+(?:money\s+)?(?:of\s+)?{NUM}(?! percent)\b",
        s,
    )
    if m:
        known[p] = _n(m.group(1))
        used.append(m.group(1))
        given.append(f"principal: {m.group(1)}")
    m = re.search(rf"\b(?:amounts? to|amount (?:of|is|will be)|becomes?|grows? to|total of)\s+{NUM}(?! percent)\b", s)
    if m:
        known[a] = _n(m.group(1))
        used.append(m.group(1))
        given.append(f"amount: {m.group(1)}")
    m = re.search(
        rf"\binterest (?:of|is|was|earned is|received is|amounts to)\s+{NUM}(?! percent)\b|\b{NUM} (?:as"
        rf"|in) interest\b",
        s,
    )
    if m:
        value = m.group(1) or m.group(2)
        known[i] = _n(value)
        used.append(value)
        given.append(f"interest: {value}")
    q = re.split(r"\d", question_of(s))[0]  # what is asked comes before the given numbers
    if re.search(r"\b(?:rate|percent)\b", q):
        target = r
    elif re.search(r"\b(?:time|how many years|how long|period)\b", q):
        target = t
    elif re.search(
        r"\b(?:principal|sum|how much (?:money )?(?:was|did|must|should) (?:be )?(?:invested|borrowed|deposited"
        r"|lent))\b",
        q,
    ):
        target = p
    elif re.search(r"\b(?:amount|total|pay|paid|clear|repay|balance|worth)\b", q):
        target = a
    elif re.search(r"\binterest\b", q):
        target = i
    else:
        return None
    if target in known or len(known) != 3:
        return None
    growth = p * (1 + r / 100) ** t if compound else p * (1 + r * t / 100)
    eqs = [sp.Eq(a, growth), sp.Eq(i, a - p)]
    hints = (
        [
            "Compound interest multiplies the balance by (1 + r/100) every year.",
            "After t years the amount is P(1 + r/100)^t; the interest is the amount minus the principal.",
            "Put the known values into the formula and solve for the unknown.",
        ]
        if compound
        else [
            "Simple interest is the same every year: I = P × r × t / 100.",
            "The amount owed or held is the principal plus the interest.",
            "Put the known values into the formula and solve for the unknown.",
        ]
    )
    return Story("compound interest" if compound else "simple interest", eqs, known, target, used, hints, given)


def _interest_two_amounts(s: str, m: re.Match) -> Story | None:
    """ "A sum amounts to 815 in 3 years and to 854 in 4 years at simple interest": the yearly interest is the
    difference."""
    a1, t1, a2, t2 = (_n(g) for g in m.groups())
    if t1 == t2 or re.search(r"\b\d+(?:\.\d+)? percent\b", s):
        return None
    p, r = sp.symbols("P r", positive=True)
    q = re.split(r"\d", question_of(s))[0]
    if re.search(r"\brate\b|\bpercent\b", q):
        target = r
    elif re.search(r"\b(?:sum|principal)\b", q):
        target = p
    else:
        return None
    eqs = [sp.Eq(p * (1 + r * t1 / 100), a1), sp.Eq(p * (1 + r * t2 / 100), a2)]
    hints = [
        "With simple interest the same interest is added every year.",
        "The difference between the two amounts is the interest for the difference in years.",
        "Subtract that interest from the first amount to recover the principal, then find the rate.",
    ]
    return Story(
        "simple interest",
        eqs,
        {},
        target,
        list(m.groups()),
        hints,
        [f"amount {m.group(1)} after {m.group(2)} years", f"amount {m.group(3)} after {m.group(4)} years"],
    )


# --- profit and loss -----------------------------------------------------------------------------


def _profit(s: str) -> Story | None:
    if not re.search(r"\b(?:profit|gain|loss|cost price|selling price|marked price|discount)\b", s):
        return None
    if re.search(
        r"\b(?:each|per|dozen|kg|articles|items|successive|two|both|tax|commission|instead|had|would|"
        r"were|if he|if she|if it|more|less|interest|ratio|share|partners?|mixture)\b",
        s,
    ):
        return None
    c, sale, g, mark, dsc = sp.symbols("C S g M d", real=True)
    known, used, given = {}, [], []

    def grab(pattern: str, sym, label: str, sign: int = 1) -> bool:
        m = re.search(pattern, s)
        if not m or sym in known:
            return bool(m)
        value = next(g for g in m.groups() if g)
        known[sym] = sign * _n(value)
        used.append(value)
        given.append(f"{label}: {value}")
        return True

    gain = grab(rf"\b(?:profit|gain) of {NUM} percent\b|\b{NUM} percent (?:profit|gain)\b", g, "profit percent")
    if grab(rf"\bloss of {NUM} percent\b|\b{NUM} percent loss\b", g, "loss percent", -1) and gain:
        return None
    grab(rf"\bdiscount of {NUM} percent\b|\b{NUM} percent discount\b", dsc, "discount percent")
    grab(
        rf"\b(?:cost price (?:of [a-z ]+ )?(?:is|was|of)|costs? (?:him |her |them )?|(?:bought|buys"
        rf"|purchased)\b[^.;,]*?\b(?:for|at)|"
        rf"cost price (?:is|was|of))\s*{NUM}(?! percent)\b",
        c,
        "cost price",
    )
    grab(
        rf"\b(?:selling price (?:of [a-z ]+ )?(?:is|was|of)|(?:sold|sells?)\b[^.;,]*?\b(?:for"
        rf"|at))\s*{NUM}(?! percent)\b",
        sale,
        "selling price",
    )
    grab(
        rf"\bmarked price (?:of [a-z ]+ )?(?:is|was|of)\s*{NUM}(?! percent)\b|\bmarked (?:at"
        rf"|up to)\s*{NUM}(?! percent)\b",
        mark,
        "marked price",
    )
    q = re.split(r"\d", question_of(s))[0]
    if re.search(
        r"\b(?:profit|gain|loss) (?:percent|percentage)\b|\bpercent(?:age)? (?:of )?(?:profit|gain|loss)\b", q
    ):
        target = g if "loss" not in q else -g
    elif re.search(r"\bcost price\b|\bcost of\b|\bbuy\b|\bbought\b|\bcost\b", q):
        target = c
    elif re.search(r"\bselling price\b|\bsell\b|\bsold\b|\bsale price\b", q):
        target = sale
    elif re.search(r"\bmarked price\b|\bmark\b|\bmarked\b|\blist price\b", q):
        target = mark
    else:
        return None
    eqs = [sp.Eq(sale, c * (1 + g / 100))]
    if dsc in known or mark in known or target == mark:
        eqs.append(sp.Eq(sale, mark * (1 - dsc / 100)))
    symbols = set().union(*(e.free_symbols for e in eqs))
    if not set(known) <= symbols or len(symbols) - len(known) != len(eqs):
        return None
    hints = [
        "Profit or loss percent is always measured on the cost price.",
        "Selling price = cost price × (1 + profit%/100); a loss makes the percent negative; a discount is taken off "
        "the marked price.",
        "Put in the known prices and percents and solve for the one that is asked.",
    ]
    return Story("profit and loss", eqs, known, target, used, hints, given, positive=target != -g and target != g)


def _consecutive(s: str) -> Story | None:
    m = re.search(
        r"\bsum of (\d+) consecutive (even |odd )?(?:positive )?(?:integers|numbers|whole numbers)"
        r"(?: is| equals| is equal to) (-?\d+)\b",
        s,
    )
    if not m:
        return None
    count, parity, total = int(m.group(1)), (m.group(2) or "").strip(), m.group(3)
    q = question_of(s)
    if count < 2 or count > 20:
        return None
    step_size = 2 if parity else 1
    x = sp.Symbol("x", integer=True)
    terms = [x + step_size * i for i in range(count)]
    if re.search(r"\b(?:difference|product|sum|between|average|mean|both|and)\b", q):
        return None  # "the difference between the greatest and smallest" asks for more than one number
    if re.search(r"\b(?:smallest|least|first|lowest|smaller)\b", q):
        target = terms[0]
    elif re.search(r"\b(?:largest|greatest|biggest|last|highest|larger)\b", q):
        target = terms[-1]
    elif re.search(r"\b(?:middle)\b", q) and count % 2:
        target = terms[count // 2]
    else:
        return None
    eq = sp.Eq(sp.Add(*terms), _n(total))
    hints = [
        f"Call the first number x; the next ones are x + {step_size}, x + {2 * step_size}, ….",
        "Add the expressions and set the sum equal to the given total.",
        "Solve for x, then find the number the question asks for.",
    ]
    story = Story(
        "consecutive integers",
        [eq],
        {},
        target,
        [m.group(1), total],
        hints,
        [f"{count} consecutive {parity or ''} integers".replace("  ", " ")],
        positive=False,
    )
    story.parity = parity  # checked after solving
    return story


def _two_numbers(s: str) -> Story | None:
    """ "The sum of two numbers is 30 and their difference is 6. What is the larger number?"."""
    if not re.search(r"\b(?:two|2) (?:positive )?(?:numbers|integers)\b", s):
        return None
    x, y = sp.symbols("x y", real=True)
    facts = [
        (
            rf"\bsum (?:of (?:the |these )?(?:two|2) (?:positive )?(?:numbers|integers) )?is {NUM}\b",
            lambda v: sp.Eq(x + y, v),
        ),
        (
            rf"\b(?:their |the )?(?:positive )?difference(?: between them| of (?:the |these )?(?:two |2 )?(?:numbers"
            rf"|integers))? is {NUM}\b",
            lambda v: sp.Eq(x - y, v),
        ),
        (
            rf"\b(?:their |the )?product(?: of (?:the |these )?(?:two |2 )?(?:numbers|integers))? is {NUM}\b",
            lambda v: sp.Eq(x * y, v),
        ),
        (
            rf"\b(?:one|the larger|the greater|the bigger) (?:number |integer )?is {NUM} more than the (?:other"
            rf"|smaller)\b",
            lambda v: sp.Eq(x - y, v),
        ),
        (
            rf"\b(?:one|the larger|the greater|the bigger) (?:number |integer )?is {NUM} times the (?:other|smaller)\b",
            lambda v: sp.Eq(x, v * y),
        ),
    ]
    eqs, used = [], []
    for pattern, build in facts:
        found = re.findall(pattern, s)
        if len(found) > 1:
            return None
        if found:
            eqs.append(build(_n(found[0])))
            used.append(found[0])
    used += ["2"] * len(re.findall(r"\b2 (?:positive )?(?:numbers|integers)\b", s))
    q = question_of(s)
    if len(eqs) != 2 or re.search(r"\b(?:squares?|reciprocals?|digits?|consecutive|ratio|average|percent)\b", s):
        return None
    if re.search(r"\b(?:larger|largest|greater|bigger)\b", q):
        target = x
    elif re.search(r"\b(?:smaller|smallest|lesser|less)\b", q):
        target = y
    else:
        return None
    hints = [
        "Call the larger number x and the smaller number y.",
        "Write one equation for each fact you are given.",
        "Solve the two equations together (adding them often eliminates y).",
    ]
    return Story(
        "systems of equations", eqs, {}, target, used, hints, ["two numbers x > y"], positive=False, requires=[x > y]
    )


def question_of(s: str) -> str:
    """The last sentence: the question."""
    parts = sentences(s, glued=True)
    qs = [p for p in parts if "?" in p or re.match(r"(?:what|how|find|calculate|determine|in how)\b", p)]
    q = (qs[-1] if qs else parts[-1]) if parts else s
    m = re.match(
        r"^(?:if|when|given that|since) [^?]*? ?, (?:then )?((?:how|what|which|find|calculate|in how|for how"
        r"|for what)\b.*)$",
        q,
    )
    return m.group(1) if m else q


_EXTREMAL_OK = {"_consecutive", "_two_numbers", "_ratio", "_lcm_hcf", "_average", "_capacity", "_budget"}
_NOT_OK = {"_probability_counts"}
_LIMIT_OK = {"_capacity", "_budget"}
_FAMILIES = (_consecutive, _two_numbers, _interest, _profit, _work, _work_alone, _rate)


def _solve_story(story: Story) -> sp.Expr:
    eqs = [e.subs(story.knowns) for e in story.equations]
    unknowns = sorted(set().union(*(e.free_symbols for e in eqs)) - set(story.params), key=lambda u: u.name)
    try:
        sols = sp.solve(eqs, unknowns, dict=True)
    except (NotImplementedError, ValueError, TypeError) as exc:
        raise Decline("SymPy could not solve the story's equations.") from exc
    values = []
    for sol in sols:
        if not values_satisfy(eqs, sol) or not all(bool(r.subs(story.knowns).subs(sol)) for r in story.requires):
            continue
        raw = sp.sympify(story.target).subs(story.knowns).subs(sol) / story.scale
        growth = any(p.exp.free_symbols for p in raw.atoms(sp.Pow))  # 200000·1.03^t: simplify would split the base
        value = raw if growth else sp.nsimplify(sp.simplify(raw))
        if value.free_symbols - set(story.params) or (not value.free_symbols and not value.is_real):
            continue
        values.append(value)
    values = list(dict.fromkeys(values))
    if len(values) != 1:
        return None
    return values[0]


Family = Callable[..., "Story | None"]  # a family reads the story text (and, for some, the options' text)


def solve_story(
    prob: Problem, families: Sequence[Family] = (), *, with_options: Collection[Family] = ()
) -> Solution | None:
    """Solve a story problem in a phrasing a family reads; None when none does. Raises Decline on an option mismatch.

    This module's families are tried first, then ``families`` (the modules that build on this one's
    ``Story`` pass theirs in, so this module imports none of them); a family in ``with_options``
    also gets the options' text.
    """
    s = story_text(prob)
    q = question_of(s)
    if len(s) > 600 or re.search(r"\b(?:none|except|approximately|about|nearly)\b", q):
        return None
    negated = bool(re.search(r"\bnot\b", q))
    limited = bool(re.search(r"\b(?:at least|at most|maximum|minimum)\b", q))  # a bound in the question
    extremal = bool(re.search(r"\b(?:least|most|greatest|smallest|largest|fewest|highest|lowest)\b", q))
    options_text = " ".join(text.lower() for _, text in prob.options)
    chain: tuple[Family, ...] = (*_FAMILIES, *families)
    for family in chain:
        if extremal and family.__name__ not in _EXTREMAL_OK:
            continue  # "the least time ..." asks for an optimum these families do not look for
        if negated and family.__name__ not in _NOT_OK:
            continue  # "... is not blue": only a family that reads the negation may answer
        if limited and family.__name__ not in _LIMIT_OK:
            continue  # "without exceeding the maximum load": only a family that reads the bound may answer
        story = family(s, options_text) if family in with_options else family(s)
        if story is None or not _all_numbers_used(s, story.used):
            continue
        value = _solve_story(story)
        if value is None or (story.topic == "consecutive integers" and not _parity_ok(story, value)):
            continue
        if not value.free_symbols and ((story.positive and value <= 0) or (story.integer and not value.is_integer)):
            continue
        return _story_solution(prob, story, value)
    return None


def _parity_ok(story: Story, value) -> bool:
    if not value.is_integer:
        return False
    parity = getattr(story, "parity", "")
    return not parity or (int(value) % 2 == (0 if parity == "even" else 1))


def _unit_noise(eq) -> bool:
    """True when unit conversion left huge fractions (``\\frac{9656064}{125}``) that would only confuse."""
    return any(abs(r.p) > 10**5 or r.q > 10**4 for r in eq.atoms(sp.Rational))


def _given_latex(given: str) -> str:
    """``speed: 12 miles per hour`` as ``\\text{speed} = 12\\ \\text{miles per hour}``: the number as math."""

    def text(words: str) -> str:
        return r"\text{" + words.replace("%", r"\%").replace("$", r"\$") + "}"

    m = re.fullmatch(r"([^:]+):\s*(-?\d+(?:\.\d+)?(?:/\d+)?)(%?)\s*(.*)", given)
    if not m:
        return text(given)
    label, number, percent, unit = m.groups()
    return f"{text(label)} = {number}" + (r"\%" if percent else "") + (rf"\ {text(unit)}" if unit else "")


def decimal_latex(value) -> str | None:
    """``30.48`` for 762/25 (a story given in decimals reads best in decimals); None unless it terminates briefly."""
    if not isinstance(value, sp.Rational) or value.is_Integer:
        return None
    q = int(value.q)
    for prime in (2, 5):
        while q % prime == 0:
            q //= prime
    if q != 1:
        return None
    text = f"{float(value):.6f}".rstrip("0")
    return text if sp.Rational(text) == value else None


def _story_solution(prob: Problem, story: Story, value) -> Solution:
    steps = (
        [step(r",\quad ".join(_given_latex(g) for g in story.given), "List the given quantities.")]
        if story.given
        else []
    )
    steps += [step(e, "Write the relationship between the quantities.") for e in story.equations]
    substituted = [e.subs(story.knowns) for e in story.equations]
    steps += [
        step(e, "Substitute the known values.")
        for e in substituted
        if e not in story.equations and e is not sp.true and not _unit_noise(e)
    ]
    unit = f" ({story.unit})" if story.unit else ""
    asked = sp.sympify(story.target)
    money = story.topic in (
        "percent",
        "mean",
        "statistics",
        "unit conversion",
        "systems of equations",
        "linear models",
    ) or any("." in n for n in story.used)  # decimals read best
    value_latex = decimal_latex(value) if money else None
    if value_latex is None and isinstance(value, sp.Rational) and value.q > 1000:
        value_latex = (
            rf"\approx {float(value):.2f}"  # 2433.31 reads better than 190102016/78125; the exact value is kept
        )
    value_latex = value_latex or tex(value)
    relation = "" if value_latex.startswith("\\approx") else "= "
    shown = f"{tex(asked)} {relation}{value_latex}" if isinstance(asked, sp.Symbol) else value_latex
    if not steps or steps[-1].latex != shown:
        steps.append(step(shown, f"Solve for the asked quantity{unit}."))
    else:
        steps[-1] = step(shown, f"Substitute the known values: this is the asked quantity{unit}.")
    if value.free_symbols:
        return _expression_solution(prob, story, steps, value)
    if prob.rounding is not None:
        from .build import rounded

        value = rounded(value, prob.rounding)
    sol = solved(
        prob.raw,
        story.topic,
        steps,
        story.hints,
        value,
        answer_latex=value_latex if prob.rounding is None else None,
        verification="solved the story's equations with SymPy and checked the solution by substitution",
    )
    if prob.options:
        letter = pick_numeric_option(value, prob.options, prob.raw)
        sol.choice = letter
        sol.verification += f"; option {letter} is the only option equal to it"
        sol.steps.append(step(rf"\text{{({letter})}}", f"Option {letter} matches the answer."))
    return sol


def _expression_solution(prob: Problem, story: Story, steps, value) -> Solution:
    """An answer in terms of the problem's letter ("for h hours"): matched to an option by equivalence."""
    from .options import choose_option  # options builds on the algebra modules; import late

    sol = solved(
        prob.raw,
        story.topic,
        steps,
        story.hints,
        value,
        answer_latex=story.answer_latex or None,
        verification="built the expression from the stated rates and checked it against the relation",
    )
    if prob.options:
        sol = choose_option(sol, prob.options)
    return sol
