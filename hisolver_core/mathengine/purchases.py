"""Money and counting stories: a first unit priced apart, two kinds of tickets, two purchases, chains of
percents, percents of a count, fees from two jobs, salary plus commission, break-even of two plans,
budgets and load limits (whole-number bounds), filling to a level, pay per hour plus per item, fuel
cost of a trip, farm legs and a rectangle's sides.

Same contract as :mod:`.story`: each family returns a :class:`~.story.Story` or None, and
``solve_story`` declines unless every number in the problem was used.
"""

from __future__ import annotations

import re

import sympy as sp

from .story import NUM, Story, _n, question_of, reads
from .words import singular, unit_singular, word_forms

__all__ = ["PURCHASE_FAMILIES"]


def _first_then_each(s: str) -> Story | None:
    """ "3 dollars for the first mile and 2 dollars for each additional mile": the cost of n miles (or n from a
    cost)."""
    if re.search(r"\b(?:percent|discount|tax|tip|fee|plus a|minimum|maximum|at least|at most|then|both)\b", s):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    m = re.search(
        rf"\b{NUM}(?: dollars| cents)? (?:for|in) the first ([a-z]+),? (?:and|plus) {NUM}(?: dollars| cents)? "
        rf"(?:for|per) (?:each|every) additional ([a-z]+)\b",
        s,
    )
    if not m or singular(m.group(2)) != singular(m.group(4)):
        return None
    first, unit, rate, _ = m.groups()
    units = rf"(?:{singular(unit)}s?)"
    n, total = sp.Symbol("n", positive=True), sp.Symbol("C", positive=True)
    eq = sp.Eq(total, sp.Add(_n(first), sp.Mul(_n(rate), n - 1, evaluate=False), evaluate=False))
    hints = [
        f"The first {singular(unit)} has its own price.",
        f"Every {singular(unit)} after the first costs {rate}: there are n - 1 of them.",
        "Add the first price to the rate times the number of additional units.",
    ]
    given = [f"first {singular(unit)}: {first}", f"additional {singular(unit)}: {rate}"]
    count = re.search(rf"\b{NUM}[- ]{units}\b", q)
    letter = re.search(rf"\b([a-z]) {units}\b", q)
    paid = re.search(rf"\b(?:cost|costs|paid|pays|charged|was|is) {NUM}\b", body[m.end() :])
    if count and not letter and not paid:
        return Story("linear models", [eq], {n: _n(count.group(1))}, total, [first, rate, count.group(1)], hints, given)
    if letter and not count and not paid and letter.group(1) not in ("a", "i"):
        var = sp.Symbol(letter.group(1))
        return Story("linear models", [eq.subs(n, var)], {}, total, [first, rate], hints, given, params=(var,))
    if paid and not count and not letter and re.search(r"\bhow (?:many|far|long)\b", q):
        return Story(
            "linear models",
            [eq],
            {total: _n(paid.group(1))},
            n,
            [first, rate, paid.group(1)],
            hints,
            given,
            integer=False,
        )
    return None


def _two_kinds(s: str) -> Story | None:
    """ "Sold 420 tickets; adult tickets cost 12 each and student tickets 7 each; collected 4340: how many student
    tickets?" -> x + y = 420 and 12x + 7y = 4340."""
    if re.search(r"\b(?:percent|discount|tax|fee|plus|more than|less than|twice|half|times|ratio|per|each other)\b", s):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    prices = re.findall(
        rf"\b([a-z]+) ([a-z]+) (?:cost|costs|sell for|sold for|are sold for|were sold for|are priced at|"
        rf"were priced at) {NUM}(?: dollars)? each\b",
        body,
    )
    if len(prices) != 2 or prices[0][1] != prices[1][1] or prices[0][0] == prices[1][0]:
        return None
    (kind_a, noun, price_a), (kind_b, _, price_b) = prices
    counted = re.findall(rf"\b(?:sold|bought|purchased|sells|has|had) (?:a total of )?{NUM} {noun}\b", body)
    money = re.findall(
        rf"\b(?:collected|earned|received|made|took in|paid|spent|brought in)\b(?: (?:a total of|a total|total|of))? "
        rf"{NUM}(?: dollars)?\b|\b(?:total )?(?:revenue|income|sales|amount collected|receipts)(?: from [a-z ]+?)? "
        rf"(?:was|were|is|totaled|came to) {NUM}\b",
        body,
    )
    money = [a or b for a, b in money]
    asked = re.fullmatch(rf"how many ({kind_a}|{kind_b}) {noun} (?:were|was|did [a-z ]+) [a-z ]*\??", q)
    if len(counted) != 1 or len(money) != 1 or not asked:
        return None
    x, y = sp.symbols("x y", nonnegative=True)
    eqs = [sp.Eq(x + y, _n(counted[0])), sp.Eq(_n(price_a) * x + _n(price_b) * y, _n(money[0]))]
    target = x if asked.group(1) == kind_a else y
    hints = [
        f"Let x be the number of {kind_a} {noun} and y the number of {kind_b} {noun}.",
        f"One equation counts the {noun}; the other adds up the money.",
        "Solve the two equations together (substitution or elimination).",
    ]
    given = [
        f"{kind_a} {noun}: x at {price_a} each",
        f"{kind_b} {noun}: y at {price_b} each",
        f"total {noun}: {counted[0]}",
        f"total money: {money[0]}",
    ]
    return Story(
        "systems of equations", eqs, {}, target, [price_a, price_b, counted[0], money[0]], hints, given, integer=True
    )


def _successive_percents(s: str) -> Story | None:
    """ "Regularly costs 80, at a 25% discount; a 6% sales tax is applied to the discounted price: what is paid?"."""
    q = question_of(s)
    body = s[: len(s) - len(q)]
    if re.search(r"\b(?:each|per|every|profit|loss|interest|ratio)\b", s) or re.search(r"\b(?:original|before)\b", q):
        return None
    price = re.findall(
        rf"\b(?:regularly |normally |originally |usually )?(?:costs?|priced at|price (?:is|was|of)"
        rf"|sells for) {NUM}(?! percent)\b",
        body,
    )
    changes = re.findall(
        rf"\b{NUM} percent (discount|off|sales tax|tax|tip|markup|increase|decrease)(?! of)\b"
        rf"|\b(discount|sales tax|tax|tip|markup) of {NUM} percent\b",
        body,
    )
    changes += [
        (pct, "discount" if word in ("reduced", "discounted", "decreased", "marked down") else "increase", "", "")
        for word, pct in re.findall(
            rf"\b(reduced|discounted|decreased|marked down|increased|raised|marked up) by {NUM} percent\b", body
        )
    ]
    if (
        len(price) != 1
        or len(changes) != 2
        or not re.search(r"\b(?:discounted|reduced|sale) price\b|\bthen\b|\bafter\b", body)
    ):
        return None
    if not re.search(r"\b(?:total|final|how much|what (?:is|was) the (?:cost|price|amount))\b", q):
        return None
    total = _n(price[0])
    used, given = [price[0]], [f"price: {price[0]}"]
    for first_pct, first_word, second_word, second_pct in changes:
        pct, word = (first_pct, first_word) if first_pct else (second_pct, second_word)
        down = word in ("discount", "off", "decrease")
        total *= 1 + (-1 if down else 1) * _n(pct) / 100
        used.append(pct)
        given.append(f"{word}: {pct}%")
    x = sp.Symbol("x", positive=True)
    hints = [
        "Apply the changes one after the other, each to the result of the one before.",
        "A discount of p% multiplies by (1 - p/100); a tax of p% multiplies by (1 + p/100).",
        "Multiply the price by both multipliers.",
    ]
    return Story("percent", [sp.Eq(x, total)], {}, x, used, hints, given)


_ITEM_PAIR = rf"{NUM} (?:([a-z]+) of )?([a-z]+) and {NUM} (?:([a-z]+) of )?([a-z]+)"


def _two_purchases(s: str) -> Story | None:
    """ "Marcus paid 19.50 for 3 bags of apples and 2 bags of pears; Dana paid 19.00 for 1 bag of apples and 4 bags of
    pears: the price of one bag of pears?" -> two equations in the two unit prices."""
    if re.search(r"\b(?:percent|discount|tax|change|each other|more|less|than|twice|half)\b", s):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    bought = [
        (m.group(1), m.groups()[1:])
        for m in re.finditer(rf"\b(?:paid|spent|pays|spends) {NUM} for {_ITEM_PAIR}\b", body)
    ]
    bought += [
        (m.group(7), m.groups()[:6])
        for m in re.finditer(rf"\b{_ITEM_PAIR} (?:cost|costs|cost a total of) {NUM}\b", body)
    ]
    if len(bought) != 2:
        return None
    items, rows, used = None, [], []
    for total, groups in bought:
        n1, _, item1, n2, _, item2 = groups[:6]
        pair = (singular(item1), singular(item2))
        if items is None:
            items = pair
        if set(pair) != set(items) or pair[0] == pair[1]:
            return None
        counts = {pair[0]: _n(n1), pair[1]: _n(n2)}
        rows.append((counts, _n(total)))
        used += [total, n1, n2]
    assert items is not None, "two purchases were read, so the first set the items"
    asked = re.search(r"\b(?:price|cost)(?:, in dollars,)? of (one|1|a|an|each) (?:[a-z]+ of )?([a-z]+)\b", q)
    if not asked or singular(asked.group(2)) not in items:
        return None
    used += ["1"] if asked.group(1) == "1" else []
    a, b = sp.symbols("a b", positive=True)
    price = {items[0]: a, items[1]: b}
    eqs = [sp.Eq(counts[items[0]] * a + counts[items[1]] * b, total) for counts, total in rows]
    hints = [
        f"Let a be the price of one {items[0]} and b the price of one {items[1]}.",
        "Each purchase gives one equation: count × price for each item adds up to what was paid.",
        "Solve the two equations together.",
    ]
    return Story(
        "systems of equations",
        eqs,
        {},
        price[singular(asked.group(2))],
        used,
        hints,
        [f"{items[0]}: a each", f"{items[1]}: b each"],
    )


def _rectangle_sides(s: str) -> Story | None:
    """ "The length of a rectangular garden is 4 feet greater than its width (or: a garden is 4 feet longer than it is
    wide); the area is 221 square feet: the width?"."""
    if not re.search(r"\brectang", s) or re.search(r"\b(?:border|path|frame|percent|ratio|diagonal|cut|removed)\b", s):
        return None
    q = question_of(s)
    rel = re.search(
        r"\b(?P<side>length|width) (?:of (?:the "
        r"|a )?(?:rectangular )?(?:[a-z]+ ){1,2})?is (?P<gap>\d+(?:\.\d+)?) (?:[a-z]+ )?"
        r"(?P<way>greater|more|longer|less|shorter|smaller) than (?:(?P<twice>twice) |(?P<k>\d+(?:\.\d+)?) times )?"
        r"(?:its|the) (?P<other>length|width)\b",
        s,
    )
    wide = re.search(r"\bis (\d+(?:\.\d+)?) (?:[a-z]+ )?(longer|shorter) than it is wide\b", s)
    if rel and rel.group("side") != rel.group("other"):
        side, other, gap, way = rel.group("side"), rel.group("other"), rel.group("gap"), rel.group("way")
        factor = 2 if rel.group("twice") else _n(rel.group("k")) if rel.group("k") else 1
        extra = [rel.group("k")] if rel.group("k") else []
    elif wide and not rel:
        side, other, gap, way, factor, extra = "length", "width", wide.group(1), wide.group(2), 1, []
    else:
        return None
    size = re.search(
        rf"\b(area|perimeter) (?:of (?:the |a )?(?:rectangular )?(?:[a-z]+ ){{1,2}})?(?:is|was) {NUM}\b", s
    )
    asked = re.search(r"\bwhat is the (length|width)\b", q)
    if not size or not asked:
        return None
    w, length = sp.symbols("w l", positive=True)
    sym = {"length": length, "width": w}
    sign = 1 if way in ("greater", "more", "longer") else -1
    eqs = [
        sp.Eq(sym[side], factor * sym[other] + sign * _n(gap)),
        sp.Eq(length * w, _n(size.group(2))) if size.group(1) == "area" else sp.Eq(2 * (length + w), _n(size.group(2))),
    ]
    hints = [
        "Name the width w; write the length in terms of w.",
        f"Use the {size.group(1)} formula to get one equation.",
        "Solve it and keep the positive solution.",
    ]
    return Story(
        "quadratics",
        eqs,
        {},
        sym[asked.group(1)],
        [gap, size.group(2), *extra],
        hints,
        [f"{size.group(1)}: {size.group(2)}"],
    )


def _percent_of_percent(s: str) -> Story | None:
    """ "40% of the residents are younger than 30; of those, 35% ride a bicycle: what percent of all residents ...?"."""
    first = re.search(rf"\b{NUM} percent of (?:the |all )?([a-z]+) (?:are|were|is|was|have|had) ([a-z0-9 ]+?)[.,]", s)
    second = re.search(
        rf"\bof (?:the|these|those) [a-z]+ (?:who are "
        rf"|that are )?[a-z0-9 ]*?,? {NUM} percent (?:of them )?([a-z ]+?)[.,]",
        s,
    )
    q = question_of(s)
    asked = re.match(r"what percent of (?:all )?(?:the )?[a-z ]+ (?:are|were|have)\b", q)
    if not first or not second or not asked or len(re.findall(r"\bpercent\b", s)) != 3:
        return None
    x = sp.Symbol("x", positive=True)
    eq = sp.Eq(x, _n(first.group(1)) * _n(second.group(1)) / 100)
    numbers = [first.group(1), second.group(1)]
    for n in re.findall(r"\d+", first.group(3)):  # "younger than 30" is restated: each mention names the group again
        numbers += [n] * len(re.findall(rf"(?<![\d.]){n}(?![\d.])", s))
    hints = [
        "A percent of a percent multiplies: take the second percent of the first.",
        f"{second.group(1)}% of {first.group(1)}% of the whole.",
        "Multiply the two percents as fractions and write the result as a percent.",
    ]
    return Story("percent", [eq], {}, x, numbers, hints, [f"first: {first.group(1)}%", f"of those: {second.group(1)}%"])


def _two_jobs(s: str) -> Story | None:
    """ "A fixed fee plus an hourly rate; a 3-hour job costs 245 and a 5-hour job costs 375: the fixed fee?"."""
    jobs = re.findall(
        rf"\b(?:a |an )?{NUM}[- ]([a-z]+) (?:[a-z]+ )?(?:job|call|rental|ride|trip|repair|visit|session|class|stay) "
        rf"(?:costs?|cost|was|is|totaled) {NUM}\b",
        s,
    )
    q = question_of(s)
    asked = re.search(
        r"\bwhat is the (?:[a-z']+ )?(fixed fee|flat fee|fee|hourly rate|rate|cost per [a-z]+|charge per [a-z]+)\b", q
    )
    if len(jobs) != 2 or not asked or jobs[0][1] != jobs[1][1] or not re.search(r"\bfixed\b|\bflat\b|\bplus\b", s):
        return None
    f, r = sp.symbols("f r")
    eqs = [sp.Eq(f + r * _n(n), _n(c)) for n, _, c in jobs]
    target = f if "fee" in asked.group(1) else r
    hints = [
        "The cost is a fixed fee plus a rate for each unit.",
        "The two jobs give two equations.",
        "Subtract them to find the rate first, then the fee.",
    ]
    return Story(
        "linear models",
        eqs,
        {},
        target,
        [v for n, _, c in jobs for v in (n, c)],
        hints,
        [f"{n} {u}: {c}" for n, u, c in jobs],
    )


_LEGS = {
    "chicken": 2,
    "duck": 2,
    "goose": 2,
    "bird": 2,
    "turkey": 2,
    "ostrich": 2,
    "cow": 4,
    "pig": 4,
    "horse": 4,
    "goat": 4,
    "sheep": 4,
    "dog": 4,
    "cat": 4,
    "rabbit": 4,
    "lamb": 4,
    "bicycle": 2,
    "tricycle": 3,
    "car": 4,
}


def _legs(s: str) -> Story | None:
    """ "A farm has only chickens and cows: 50 animals with 136 legs in all. How many cows?" (or bicycles and
    tricycles)."""
    m = re.search(r"\bonly ([a-z]+) and ([a-z]+)\b", s)
    if not m or re.search(r"\b(?:percent|more|less|than|each other|twice)\b", s):
        return None
    a, b = singular(m.group(1)), singular(m.group(2))
    if a not in _LEGS or b not in _LEGS or _LEGS[a] == _LEGS[b]:
        return None
    heads = re.search(rf"\btotal of {NUM} (?:animals|heads|vehicles|cycles)\b|\b{NUM} (?:animals|heads|vehicles)\b", s)
    if re.search(r"\b(?:percent|twice|times)\b", s):
        return None
    feet = re.search(rf"\btotal of {NUM} (?:legs|feet|wheels)\b|\b{NUM} (?:legs|feet|wheels)\b", s)
    q = question_of(s)
    asked = re.match(rf"how many ({m.group(1)}|{m.group(2)}|{a}s?|{b}s?)\b", q)
    if not heads or not feet or not asked:
        return None
    count, limbs = heads.group(1) or heads.group(2), feet.group(1) or feet.group(2)
    stated = re.findall(r"\beach ([a-z]+) has (\d+) (?:legs|wheels)\b", s)  # "if each chicken has 2 legs"
    if any(_LEGS.get(singular(kind)) != int(n) for kind, n in stated):
        return None
    x, y = sp.symbols("x y", nonnegative=True)
    eqs = [sp.Eq(x + y, _n(count)), sp.Eq(_LEGS[a] * x + _LEGS[b] * y, _n(limbs))]
    hints = [
        f"Let x be the number of {a}s and y the number of {b}s.",
        "One equation counts them; the other counts legs.",
        "Solve the two equations together.",
    ]
    return Story(
        "systems of equations",
        eqs,
        {},
        x if singular(asked.group(1)) == a else y,
        [count, limbs, *[n for _, n in stated]],
        hints,
        [f"{a}: {_LEGS[a]} each", f"{b}: {_LEGS[b]} each"],
        integer=True,
    )


def _commission(s: str) -> Story | None:
    """ "A base salary of 2400 plus a commission of 6% of her total sales; she earned 3630: her total sales?"."""
    m = re.search(
        rf"\bbase (?:salary|pay) of {NUM}(?: per [a-z]+)? plus (?:a )?commission of {NUM} percent of (?:her |his "
        rf"|their |the )?"
        rf"(?:total )?sales\b",
        s,
    )
    earned = re.search(rf"\bearned (?:a total of )?{NUM}\b", s[m.end() :]) if m else None
    q = question_of(s)
    if not m or not earned or not re.search(r"\bwhat (?:were|was|is|are) (?:her|his|their|the) (?:total )?sales\b", q):
        return None
    sales = sp.Symbol("S", positive=True)
    eq = sp.Eq(_n(m.group(1)) + _n(m.group(2)) / 100 * sales, _n(earned.group(1)))
    hints = [
        "Earnings = base salary + commission.",
        "The commission is the percent (as a fraction) times the sales.",
        "Subtract the base salary, then divide by the commission rate.",
    ]
    return Story(
        "percent",
        [eq],
        {},
        sales,
        [m.group(1), m.group(2), earned.group(1)],
        hints,
        [f"base: {m.group(1)}", f"commission: {m.group(2)}%"],
    )


def _percent_of_count(s: str) -> Story | None:
    """ "1,200 employees; 40% work remotely; of those, 25% are engineers: how many are engineers who work remotely?"."""
    total = re.search(rf"\b(?:with|of|has|surveyed|there are|sold|bought|received|produced|made) {NUM} ([a-z]+)\b", s)
    shares = re.findall(rf"(?:\b{NUM} percent|\bfrac\{{(\d+)\}}\{{(\d+)\}}|(?<![\d/])(\d+)/(\d+)(?![\d/]))", s)
    q = question_of(s)
    if (
        not total
        or len(shares) != 2
        or not re.match(r"how many\b", q)
        or not re.search(r"\bof (?:the|these|those) [a-z]+", s)
    ):
        return None
    factors, used = [], [total.group(1)]
    for pct, fa, fb, pa, pb in shares:
        if pct:
            factors.append(_n(pct) / 100)
            used.append(pct)
        else:
            num, den = (fa, fb) if fa else (pa, pb)
            factors.append(sp.Rational(int(num), int(den)))
            used += [f"{num}/{den}"] if pa else []
    x = sp.Symbol("x", positive=True)
    eq = sp.Eq(x, _n(total.group(1)) * factors[0] * factors[1])
    extra = [n for n in re.findall(r"(?<![\w./{])\d+(?:\.\d+)?(?![\w./}])", q)]
    hints = [
        "Take the first fraction of the whole group.",
        "Then take the second fraction of that part.",
        "Multiply the total by both fractions.",
    ]
    return Story("percent", [eq], {}, x, used + extra, hints, [f"total: {total.group(1)}"], integer=True)


@reads("extremes", "bounds")
def _capacity(s: str) -> Story | None:
    """ "A van can carry at most 3000 pounds; the driver weighs 180; each package 45: the greatest number of
    packages?"."""
    cap = re.search(
        rf"\bmaximum (?:load|weight|capacity) of {NUM}\b|\bcan (?:safely )?(?:carry|hold) (?:at most|up to) {NUM}\b", s
    )
    fixed = re.search(rf"\bdriver weighs {NUM}\b", s)
    each = re.search(rf"\beach ([a-z]+)(?: [a-z ]+?)? weighs {NUM}\b", s)
    q = question_of(s)
    asked = re.match(r"what is the (?:greatest|maximum|largest) number of ([a-z]+)\b", q)
    if not cap or not each or not asked or singular(asked.group(1)) != singular(each.group(1)):
        return None
    limit = _n(cap.group(1) or cap.group(2))
    driver = _n(fixed.group(1)) if fixed else 0
    n = sp.Symbol("n", nonnegative=True)
    count = sp.floor((limit - driver) / _n(each.group(2)))
    eq = sp.Eq(n, count)
    hints = [
        "Write the total weight: the driver plus the weight of n packages.",
        "That total must be at most the limit.",
        "Solve the inequality and take the greatest whole number.",
    ]
    used = [cap.group(1) or cap.group(2), each.group(2)] + ([fixed.group(1)] if fixed else [])
    return Story(
        "inequalities",
        [eq],
        {},
        n,
        used,
        hints,
        [f"limit: {limit}", f"each {singular(each.group(1))}: {each.group(2)}"]
        + ([f"driver: {driver}"] if fixed else []),
        integer=True,
    )


def _fill_to_level(s: str) -> Story | None:
    """ "A pool contains 12,000 gallons; water is pumped in at 450 gallons per hour: how many hours until it holds
    19,200?"."""
    start = re.search(rf"\b(?:contains|holds|has) {NUM} ([a-z]+)\b", s)
    rate = re.search(
        rf"\b(?:pumped|poured|added|drained|pumped out|removed|leaks?) (into|in|out of|from)? ?(?:the [a-z]+ )?"
        rf"(?:at )?(?:a )?(?:constant )?(?:rate of )?{NUM} ([a-z]+) per ([a-z]+)\b",
        s,
    )
    q = question_of(s)
    target = re.search(
        rf"\bhow many ([a-z]+) will it take (?:for )?(?:the [a-z]+ )?(?:to )?(?:contain|hold|have"
        rf"|reach) {NUM} ([a-z]+)\b",
        q,
    )
    if not start or not rate or not target or re.search(r"\b(?:percent|then|both|second|another)\b", s):
        return None
    unit = singular(start.group(2))
    if (
        singular(rate.group(3)) != unit
        or singular(target.group(3)) != unit
        or singular(rate.group(4)) != singular(target.group(1))
    ):
        return None
    sign = -1 if re.search(r"\b(?:drained|out|removed|leaks?)\b", rate.group(0)) else 1
    t = sp.Symbol("t", positive=True)
    eq = sp.Eq(_n(start.group(1)) + sign * _n(rate.group(2)) * t, _n(target.group(2)))
    hints = ["Amount = starting amount + rate × time.", "Set that equal to the target amount.", "Solve for the time."]
    return Story(
        "linear models",
        [eq],
        {},
        t,
        [start.group(1), rate.group(2), target.group(2)],
        hints,
        [f"start: {start.group(1)} {start.group(2)}", f"rate: {rate.group(2)} per {rate.group(4)}"],
    )


def _break_even(s: str) -> Story | None:
    """ "Company A charges 3.50 plus 2.25 per mile; company B charges 6.00 plus 1.75 per mile: same fare for how many
    miles?"."""
    plans = re.findall(
        rf"\b(?:charges?|costs?) {NUM}(?: dollars)?(?: per (?:month|week|year|day))? plus {NUM}(?: dollars)? "
        rf"(?:per|for each|each) ([a-z]+)\b",
        s,
    )
    q = question_of(s)
    if len(plans) != 2 or plans[0][2] != plans[1][2] or not re.search(r"\b(?:the same|equal)\b", q):
        return None
    unit = unit_singular(plans[0][2])
    if not re.search(rf"\bhow many (?:{unit}|{unit}s|{unit}es)\b", q):
        return None
    n = sp.Symbol("n", positive=True)
    eq = sp.Eq(_n(plans[0][0]) + _n(plans[0][1]) * n, _n(plans[1][0]) + _n(plans[1][1]) * n)
    hints = [
        "Write each plan's cost as fixed part + rate × units.",
        "Set the two costs equal.",
        "Solve for the number of units.",
    ]
    numbers = [v for plan in plans for v in plan[:2]] + ["2"] * len(
        re.findall(r"\b2 (?:[a-z]+ )?(?:plans|companies|options|services|gyms|stores|shops)\b", s)
    )  # "the 2 plans": which ones
    return Story(
        "linear models",
        [eq],
        {},
        n,
        numbers,
        hints,
        [f"plan 1: {plans[0][0]} + {plans[0][1]} per {unit}", f"plan 2: {plans[1][0]} + {plans[1][1]} per {unit}"],
    )


@reads("extremes", "bounds")
def _budget(s: str) -> Story | None:
    """ "At most 150 to spend; a one-time fee of 35 and 12 for each week: the greatest number of weeks?"."""
    budget = re.search(rf"\b(?:has|have|had) (?:at most|up to|no more than) {NUM} to spend\b|\bbudget of {NUM}\b", s)
    fee = re.search(rf"\b(?:one-time |registration |setup |set-up |entry |flat )+(?:[a-z]+ )?fee of {NUM}\b", s)
    rate = re.search(rf"\b(?:and|plus) {NUM} (?:for each|per|each) ([a-z]+)\b", s[fee.end() :]) if fee else None
    q = question_of(s)
    asked = re.match(r"what is the (?:greatest|maximum|largest) number of ([a-z]+)\b", q)
    if not budget or not fee or not rate or not asked or unit_singular(asked.group(1)) != unit_singular(rate.group(2)):
        return None
    limit = _n(budget.group(1) or budget.group(2))
    n = sp.Symbol("n", nonnegative=True)
    eq = sp.Eq(n, sp.floor((limit - _n(fee.group(1))) / _n(rate.group(1))))
    hints = [
        "Total cost = fee + rate × number of units.",
        "That total must be at most the budget.",
        "Solve and take the greatest whole number.",
    ]
    return Story(
        "inequalities",
        [eq],
        {},
        n,
        [budget.group(1) or budget.group(2), fee.group(1), rate.group(1)],
        hints,
        [f"budget: {limit}", f"fee: {fee.group(1)}", f"each {rate.group(2)}: {rate.group(1)}"],
        integer=True,
    )


def _pay_per_item(s: str) -> Story | None:
    """ "Paid 14 per hour plus 2.50 for each delivery; worked 6 hours and earned 119: how many deliveries?"."""
    m = re.search(rf"\bpaid {NUM} per hour plus {NUM} for each ([a-z]+)\b", s)
    worked = re.search(rf"\bworked {NUM} hours and earned (?:a total of )?{NUM}\b", s)
    q = question_of(s)
    if not m or not worked or not re.match(rf"how many {word_forms(m.group(3))}\b", q):
        return None
    d = sp.Symbol("d", nonnegative=True)
    eq = sp.Eq(_n(m.group(1)) * _n(worked.group(1)) + _n(m.group(2)) * d, _n(worked.group(2)))
    hints = [
        "Earnings = hourly pay × hours + pay per item × items.",
        "Put in the hours and the total earned.",
        "Solve for the number of items.",
    ]
    return Story(
        "linear models",
        [eq],
        {},
        d,
        [m.group(1), m.group(2), *worked.groups()],
        hints,
        [f"{m.group(1)} per hour", f"{m.group(2)} per {m.group(3)}"],
        integer=True,
    )


def _fuel_cost(s: str) -> Story | None:
    """ "30 miles per gallon; gasoline costs 3.60 per gallon: the cost of the gasoline for a 450-mile trip?"."""
    mileage = re.search(rf"\b(?:travels|gets|goes|averages)(?: an average of)? {NUM} miles per gallon\b", s)
    price = re.search(rf"\b(?:gasoline|gas|fuel) costs {NUM} per gallon\b", s)
    q = question_of(s)
    trip = re.search(rf"\b{NUM}[- ]mile trip\b", q)
    if not mileage or not price or not trip or not re.search(r"\bwhat is the cost\b", q):
        return None
    x = sp.Symbol("x", positive=True)
    eq = sp.Eq(x, _n(trip.group(1)) / _n(mileage.group(1)) * _n(price.group(1)))
    hints = [
        "First find how many gallons the trip uses: miles ÷ miles per gallon.",
        "Then multiply by the price per gallon.",
        "Check the units: miles ÷ (miles/gallon) = gallons; gallons × dollars/gallon = dollars.",
    ]
    return Story(
        "ratios and rates",
        [eq],
        {},
        x,
        [mileage.group(1), price.group(1), trip.group(1)],
        hints,
        [f"{mileage.group(1)} miles per gallon", f"{price.group(1)} per gallon"],
    )


PURCHASE_FAMILIES = (
    _first_then_each,
    _two_kinds,
    _successive_percents,
    _two_purchases,
    _rectangle_sides,
    _percent_of_percent,
    _two_jobs,
    _legs,
    _commission,
    _percent_of_count,
    _capacity,
    _fill_to_level,
    _break_even,
    _budget,
    _pay_per_item,
    _fuel_cost,
)
