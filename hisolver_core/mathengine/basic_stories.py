"""Story families in their common phrasings: rate × time, work together (and alone), simple and
compound interest, profit and loss, consecutive integers and two numbers.

Same contract as :mod:`.story`: each family reads the quantities by their units or roles and returns
a :class:`~.story.Story`, or None when the wording is not one it reads.
"""

from __future__ import annotations

import re

import sympy as sp

from .story import NUM, Story, _n, question_of, reads

__all__ = ["BASIC_FAMILIES", "DISTANCE_UNITS", "TIME_UNITS"]

# --- rate × time ---------------------------------------------------------------------------------

DISTANCE_UNITS = {
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
TIME_UNITS = {
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
_DU = "|".join(sorted(DISTANCE_UNITS, key=len, reverse=True))
_TU = "|".join(sorted(TIME_UNITS, key=len, reverse=True))
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
        known[v] = _n(value) * DISTANCE_UNITS[du] / TIME_UNITS[tu]
        used.append(value)
        given.append(f"speed: {value} {du} per {tu}")
    time_text = re.sub(_SPEED, " ", s)
    times = _DURATION.findall(time_text)
    for value, tu in times:
        known[t] = _n(value) * TIME_UNITS[tu]
        used.append(value)
        given.append(f"time: {value} {tu}")
    for value, du in dists:
        known[d] = _n(value) * DISTANCE_UNITS[du]
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
        if unit is None or unit not in TIME_UNITS:
            return None
        scale, unit_name = sp.Integer(TIME_UNITS[unit]), unit
    elif missing == d:
        m = re.search(rf"\b(?:how (?:many|far)|distance|what distance)\b.*?\b({_DU})\b", q) or re.search(
            r"\bhow far\b", q
        )
        unit = m.group(1) if m and m.groups() else next(iter(du for _, du, _ in speeds), None)
        if unit is None or not re.search(r"\bhow far\b|\bdistance\b|\bhow many\b", q):
            return None
        scale, unit_name = sp.Integer(1) * DISTANCE_UNITS[unit], unit
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
        scale, unit_name = sp.Integer(1) * DISTANCE_UNITS[du] / TIME_UNITS[tu], f"{du} per {tu}"
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


@reads("extremes")
def _consecutive(s: str) -> Story | None:
    run = r"sum of (?P<k>\d+) consecutive (?P<parity>even |odd )?(?:positive )?(?:integers|numbers|whole numbers)"
    m = re.search(rf"\b{run}(?: is| equals| is equal to) (?P<total>-?\d+)\b", s) or re.search(
        rf"\b(?P<total>-?\d+) (?:can be|is) (?:written|expressed) as (?:the|a) {run}", s
    )  # "the number 1341 can be written as the sum of three consecutive positive integers"
    if not m:
        return None
    count, parity, total = int(m.group("k")), (m.group("parity") or "").strip(), m.group("total")
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
        [m.group("k"), total],
        hints,
        [f"{count} consecutive {parity or ''} integers".replace("  ", " ")],
        positive=False,
    )
    story.parity = parity  # checked after solving
    return story


@reads("extremes")
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
    ratios = re.findall(
        r"\b(?:(?:their |the )?ratio(?: of (?:the |these )?(?:two|2) (?:numbers|integers))? is"
        r"|are in the ratio(?: of)?) (\d+) ?(?::|to) ?(\d+)\b",
        s,
    )  # "the ratio of two numbers is 3:5": the smaller to the larger (the larger is x)
    if len(ratios) > 1 or (ratios and (ratios[0][0] == ratios[0][1] or "ratio" in s.replace("ratio", "", 1))):
        return None
    if ratios:
        a, b = sorted(map(int, ratios[0]))
        eqs.append(sp.Eq(b * y, a * x))
        used += list(ratios[0])
    q = question_of(s)
    if len(eqs) != 2 or re.search(r"\b(?:squares?|reciprocals?|digits?|consecutive|average|percent)\b", s):
        return None
    if not ratios and "ratio" in s:
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


BASIC_FAMILIES = (_consecutive, _two_numbers, _interest, _profit, _work, _work_alone, _rate)
