"""More story families: unit prices, workers × days, percent change to a new value, averages.

Same contract as :mod:`.story`: each family reads the quantities by their roles
and returns a :class:`~.story.Story` (equations, knowns, target, the numbers it
used), or None when the wording is not one it reads.
"""

from __future__ import annotations

import re

import sympy as sp

from .story import NUM, Story, _n, question_of, reads

__all__ = ["MORE_FAMILIES"]

_PLURAL = r"([a-z]+s)"
_BLOCK_COMMON = (
    r"\b(?:not|each other|remaining|left|more|less|fewer|than|instead|except|twice|half|times|ratio|percent)\b"
)


def _unit_price(s: str) -> Story | None:
    """ "5 pens cost 20. How much do 8 pens cost?" and "pens cost 0.25 each. How many pens can be bought with 5?"."""
    if re.search(_BLOCK_COMMON, s) or re.search(r"\b(?:discount|tax|profit|loss|change|dozen|pairs?|total|and)\b", s):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    c, k, n = sp.symbols("c k n", positive=True)  # price of one, count asked, total money
    m = re.search(rf"\b{NUM} {_PLURAL} (?:cost|costs|are sold for|sell for|is|are) {NUM}\b", body)
    if m:
        count, item, price = m.groups()
        one = f"(?:{item}|{item[:-1]})"
        mq = re.search(
            rf"\bhow much (?:do|does|would|will|did) {NUM} {one} cost\b|\bwhat (?:is|would be|will be) "
            rf"the (?:cost|price) of {NUM} {one}\b",
            q,
        )
        if mq:
            asked = mq.group(1) or mq.group(2)
            eqs = [sp.Eq(_n(count) * c, _n(price))]
            hints = [
                "Find the price of one item first.",
                f"Divide the cost by the number of {item}.",
                "Multiply the price of one item by the number asked about.",
            ]
            return Story(
                "unit rate",
                eqs,
                {},
                c * _n(asked),
                [count, price, asked],
                hints,
                [f"{count} {item} cost {price}", f"asked: {asked} {item}"],
            )
        mq = re.search(
            rf"\bhow many {item} (?:can|could) (?:be bought|be purchased|you buy|i buy|he buy|she buy|they buy|"
            rf"we buy) (?:for|with) {NUM}\b",
            q,
        )
        if mq:
            money = mq.group(1)
            eqs = [sp.Eq(_n(count) * c, _n(price)), sp.Eq(k * c, _n(money))]
            hints = [
                "Find the price of one item first.",
                "Divide the money available by the price of one item.",
                "Check that the count is a whole number.",
            ]
            return Story(
                "unit rate", eqs, {}, k, [count, price, money], hints, [f"{count} {item} cost {price}"], integer=True
            )
    m = re.search(rf"\b{_PLURAL} (?:cost|costs|are sold for|sell for|are priced at) {NUM} each\b", body)
    m = m or re.search(rf"\bsells? {_PLURAL} (?:for|at) {NUM} each\b", body)
    if m:
        item, price = m.groups()
        mq = re.search(
            rf"\bhow many {item} (?:can|could) (?:be bought|be purchased|you buy|i buy|he buy|she buy|they buy|"
            rf"we buy) (?:for|with) {NUM}\b",
            q,
        )
        if mq:
            money = mq.group(1)
            hints = [
                "Each item costs the same amount.",
                "Divide the money available by the price of one item.",
                "Check that the count is a whole number.",
            ]
            return Story(
                "unit rate",
                [sp.Eq(k * _n(price), _n(money))],
                {},
                k,
                [price, money],
                hints,
                [f"one costs {price}", f"money: {money}"],
                integer=True,
            )
        one = f"(?:{item}|{item[:-1]})"
        mq = re.search(
            rf"\bhow much (?:do|does|would|will|did) {NUM} {one} cost\b|\bwhat (?:is|would be|will be) "
            rf"the (?:total )?(?:cost|price)(?:, in dollars,)? of {NUM} {one}\b",
            q,
        )
        if mq:
            count = mq.group(1) or mq.group(2)
            hints = [
                "Each item costs the same amount.",
                "Multiply the price of one item by the number of items.",
                "Check the units: the answer is an amount of money.",
            ]
            return Story(
                "unit rate",
                [sp.Eq(k, _n(price) * _n(count))],
                {},
                k,
                [price, count],
                hints,
                [f"one costs {price}", f"count: {count}"],
            )
    return None


_CREW = r"(men|workers|persons|people|women|boys|girls|machines|pumps|painters|labourers|laborers|typists|taps|pipes)"
_SPAN = r"(days|hours|minutes|weeks)"


def _crew(s: str) -> Story | None:
    """ "8 men can finish a job in 6 days. How many days will 12 men take?" (workers × time is the same)."""
    if re.search(
        r"\b(?:hours a day|hours per day|hours each day|a day|per day|after|left|leave|join|joined|remaining|"
        r"rest|half|part|fraction|wages|efficient|twice|times|more|less|than|together|alone|and)\b",
        s,
    ):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    m = re.search(
        rf"^(?:if )?{NUM} {_CREW} (?:can |could |will )?(?:do|does|complete|completes|finish|finishes|build|builds|"
        rf"dig|digs|paint|paints|fill|fills|make|makes|reap|reaps|type|types|work|works|take|takes)\b[^.?]*?"
        rf"\bin {NUM} {_SPAN}\b",
        body,
    )
    if not m or body[m.end() :].strip(" ,.") not in ("", "then"):
        return None
    workers, crew, span, unit = m.groups()
    w2, t2 = sp.symbols("W T", positive=True)
    mq = re.search(
        rf"\bhow many {unit} (?:will|would|does|do) (?:it take )?{NUM} {crew}\b|\bin how many {unit} (?:will|would|can"
        rf"|could) "
        rf"{NUM} {crew}\b",
        q,
    )
    if mq:
        value = mq.group(1) or mq.group(2)
        eq = sp.Eq(_n(workers) * _n(span), _n(value) * t2)
        target, used = t2, [workers, span, value]
    else:
        mq = re.search(
            rf"\bhow many {crew} (?:are|will be|would be|is) (?:needed|required)\b[^?]*?\bin {NUM} {unit}\b", q
        )
        if not mq:
            return None
        value = mq.group(1)
        eq = sp.Eq(_n(workers) * _n(span), w2 * _n(value))
        target, used = w2, [workers, span, value]
    hints = [
        f"The total work is the same: count it in {crew[:-1]}-{unit}.",
        f"Multiply the {crew} by the {unit} for the known crew.",
        "Divide that total by the known quantity of the new crew (or time).",
    ]
    return Story(
        "work rate", [eq], {}, target, used, hints, [f"{workers} {crew} take {span} {unit}"], integer=target == w2
    )


def _percent_change(s: str) -> Story | None:
    """ "The price increased by 20% to 36. What was the original price?" (and decreases, discounts to a price)."""
    if re.search(r"\b(?:then|again|another|successive|second|first|twice|profit|loss|tax|interest|each|per)\b", s):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    m = re.search(
        rf"\b(increased|decreased|increases|decreases|rose|rises|fell|falls|dropped|drops|went up|went down|"
        rf"was reduced|is reduced|reduced|was raised|is raised|raised|was increased|was decreased|is increased"
        rf"|is decreased|"
        rf"was discounted|is discounted) by {NUM} percent (?:to|and (?:is|was) now|and became"
        rf"|and becomes)( \w+)? {NUM}\b",
        body,
    )
    after = re.search(
        rf"\bafter an? {NUM} percent (discount|increase|decrease|reduction|markup|raise|cut|rise)\b[^.?]*?"
        rf"\b(?:is|was|costs?|became|becomes|of|pays?|paid) {NUM}\b",
        body,
    ) or re.search(
        rf"\b(?:is|was|costs?|became|becomes|pays?|paid) {NUM} after an? {NUM} percent (discount|increase|"
        rf"decrease|reduction|markup|raise|cut|rise)\b",
        body,
    )
    if not re.search(
        r"\b(?:original|originally|before|at first|initially|previous|old|last year|earlier|was the)\b", q
    ):
        return None
    if not m and not after:  # "after its price was increased by 20%, a lamp sells for 54"
        after_was = re.search(
            rf"\bafter (?:its|the) price(?: of (?:a|an|the) [a-z]+)? (?:was )?(increased|decreased|reduced|raised|"
            rf"discounted|marked up|marked down) by {NUM} percent ?, (?:the |a |an )?[a-z ]*?(?:sells|sold|costs?"
            rf"|is priced|"
            rf"price of (?:a|an|the) [a-z]+ was|price was) (?:for|at)? ?{NUM}\b",
            body,
        )
        if after_was:
            word, pct, new = after_was.groups()
            m = after_was
            if body[m.end() :].strip(" ,.") == "":
                up = word in ("increased", "raised", "marked up")
                x = sp.Symbol("x", positive=True)
                eq = sp.Eq(x * (1 + (1 if up else -1) * _n(pct) / 100), _n(new))
                hints = [
                    "A change of p% multiplies the original by (1 ± p/100).",
                    "Write original × multiplier = new value.",
                    "Divide the new value by the multiplier to undo the change.",
                ]
                return Story("percent", [eq], {}, x, [pct, new], hints, [f"change: {pct}%, new value {new}"])
    later = re.search(
        rf"\b(discounted|reduced|marked down|decreased|increased|raised|marked up) by {NUM} percent ?\. "
        rf"(?:if )?the (?:sale|new|discounted|reduced|final|marked-up) price(?: of [a-z ]+)? (?:is|was) {NUM}\b",
        body,
    )
    if later and not m and not after:  # "discounted by 25%. If the sale price is 48, what was the price before?"
        word, pct, new = later.groups()
        m = later
    elif m and not after:
        word, pct, _, new = m.groups()
    elif after and not m:
        groups = after.groups()
        pct, word, new = groups if groups[1].isalpha() else (groups[1], groups[2], groups[0])
        m = after
    else:
        return None
    if body[m.end() :].strip(" ,.") != "":
        return None
    up = bool(re.search(r"increase|rose|rise|up|raise|markup|marked up", word))
    x = sp.Symbol("x", positive=True)
    eq = sp.Eq(x * (1 + (1 if up else -1) * _n(pct) / 100), _n(new))
    hints = [
        "A change of p% multiplies the original by (1 ± p/100).",
        "Write original × multiplier = new value.",
        "Divide the new value by the multiplier to undo the change.",
    ]
    return Story("percent", [eq], {}, x, [pct, new], hints, [f"change: {pct}%, new value {new}"])


@reads("extremes")
def _average(s: str) -> Story | None:
    """ "The average of 5 numbers is 20. If one number is removed, the average becomes 18. What is that number?"."""
    m = re.search(
        rf"\b(?:average|mean|arithmetic mean)(?: [a-z]+)? of {NUM} ([a-z]+(?: [a-z]+)?) (?:is|was) {NUM}\b", s
    )
    if not m or re.search(r"\b(?:wrongly|mistake|misread|instead|first|last|ratio|percent|consecutive|replaced)\b", s):
        return None
    count, _, avg = m.groups()
    rest = s[m.end() :]
    mm = re.search(
        rf"\b(?:if |when )?(?:one|a|1|another|the) (?:more )?(?:[a-z]+ )?(?:number |item |value |person |student |man "
        rf"|score |"
        rf"test |weight )?"
        rf"(?:is |was )?(excluded|removed|dropped|taken away|added|included|joins|leaves|left)\b[^.?]*?"
        rf"\b(?:average|mean)(?: (?:of the remaining|of the other|of the new|of the|of all)(?: {NUM})? [a-z]+"
        rf"| [a-z]+)? "
        rf"(?:becomes|is|will be|would be|changes to|falls to|drops to|rises to|"
        rf"increases to|decreases to|goes up to|goes down to) {NUM}\b",
        rest,
    )
    if not mm:
        return None
    kind, new_count, avg2 = mm.groups()
    if new_count and int(new_count) != int(count) + (1 if kind in ("added", "included", "joins") else -1):
        return None
    q = question_of(s)
    if not re.search(r"\b(?:what|find|how much|how old|which|weight|age|value|number|score|marks)\b", q):
        return None
    extreme = re.search(r"\b(?:least|most|greatest|smallest|largest|fewest|highest|lowest)\b", q)
    if extreme and extreme.group(0) not in mm.group(0):
        return None  # "what is the lowest score?" only names the score that was removed
    x = sp.Symbol("x", real=True)
    n1, a1, a2 = _n(count), _n(avg), _n(avg2)
    if kind in ("excluded", "removed", "dropped", "taken away", "leaves", "left"):
        eq = sp.Eq(n1 * a1 - x, (n1 - 1) * a2)
    else:
        eq = sp.Eq(n1 * a1 + x, (n1 + 1) * a2)
    hints = [
        "An average times the count gives the total.",
        "Compare the total before the change with the total after it.",
        "The difference between the two totals is the value that was added or removed.",
    ]
    return Story(
        "mean",
        [eq],
        {},
        x,
        [count, avg, avg2, *([new_count] if new_count else [])],
        hints,
        [f"{count} values, mean {avg}; then mean {avg2}"],
        positive=False,
    )


def _discount(s: str) -> Story | None:
    """ "A shirt that costs 40 is on sale for 25% off. What is the sale price?" (or a tax / tip / markup added)."""
    if re.search(
        r"\b(?:then|again|another|successive|second|additional|further|coupon|each|per|profit|loss|cost price|"
        r"interest|marked)\b",
        s,
    ) or re.search(r"\b(?:original(?:ly)?|before|regular(?:ly)?|initial(?:ly)?)\b", question_of(s)):
        return None  # asked for the price before the change: the price given is the changed one
    q = question_of(s)
    body = s[: len(s) - len(q)]
    price = re.findall(
        rf"(?<!sale )(?<!discounted )(?<!new )(?<!final )(?<!reduced )"
        rf"\b(?:(?:originally |normally |regularly )?costs?|costing|priced at|(?:regular |normal |list "
        rf"|original )?price (?:of [a-z ]+ )?(?:is|was|of)|"
        rf"sells? for|bill (?:is|was|of)|meal (?:costs?|is|was))\s+{NUM}(?! percent)\b",
        body,
    )
    off = re.findall(
        rf"\b{NUM} percent (off|discount|tax|sales tax|tip|markup)\b|\b(discount|tax|tip|markup) (?:of|is|was|rate is"
        rf"|rate of) {NUM} percent\b|"
        rf"\b(discounted|reduced|marked down|marked up|increased|decreased|raised|lowered|cut) by {NUM} percent\b",
        body + " " + q,
    )
    if len(price) != 1 or len(off) != 1:
        return None
    groups = [g for g in off[0] if g]
    pct = next(g for g in groups if re.fullmatch(r"[\d./]+", g))
    word = next(g for g in groups if not re.fullmatch(r"[\d./]+", g))
    down = word in ("off", "discount", "discounted", "reduced", "marked down", "decreased", "lowered", "cut")
    if not re.search(
        r"\b(?:sale price|new price|final price|discounted price|price after|total (?:cost|price|bill)|"
        r"how much (?:does|did|will|would) (?:he|she|they|you|i|[a-z]+) pay|what (?:is|was|will be) the (?:cost"
        r"|price))\b",
        q,
    ):
        return None
    x = sp.Symbol("x", positive=True)
    eq = sp.Eq(x, _n(price[0]) * (1 + (-1 if down else 1) * _n(pct) / 100))
    hints = [
        "A percent change multiplies the price by (1 ± p/100).",
        "A discount takes p% off; a tax, tip or markup adds p%.",
        "Multiply the price by the multiplier.",
    ]
    return Story("percent", [eq], {}, x, [price[0], pct], hints, [f"price {price[0]}, {pct}% {word}"])


_SPANS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}


def _percent_from_to(s: str) -> Story | None:
    """ "The price increased from 20 to 25. By what percent did it increase?" (change over the starting value)."""
    m = re.findall(
        rf"\b(increased|decreased|rose|fell|went up|went down|dropped|grew|changed|increases|decreases|rises|falls|"
        rf"drops|grows|changes|was raised|was reduced|was lowered|is raised"
        rf"|is reduced) from {NUM}(?:(?: [a-z]+){{1,7}})? "
        rf"to {NUM}\b",
        s,
    )
    q = question_of(s)
    if len(m) != 1 or not re.search(r"\b(?:what|which) percent\b|\bpercent(?:age)? (?:increase|decrease|change)\b", q):
        return None
    word, old, new = m[0]
    up = bool(re.search(r"increase|rose|rise|up|grew|grow|raise", word))
    asks_up = bool(re.search(r"\bincrease|\brise|\bgrow|\braise|\bgo up|\bmore\b", q))
    asks_down = bool(re.search(r"\bdecrease|\bfall|\bfell|\bdrop|\breduc|\blower|\bgo down|\bless\b", q))
    if (
        asks_up == asks_down
        or (_n(new) > _n(old)) != asks_up
        or (word != "changed" and word != "changes" and up != asks_up)
    ):
        return None
    x = sp.Symbol("p", positive=True)
    eq = sp.Eq(x, abs(_n(new) - _n(old)) / _n(old) * 100)
    hints = [
        "Percent change is measured against the starting value.",
        "Find the change: the new value minus the old value.",
        "Divide the change by the old value and multiply by 100.",
    ]
    return Story("percent", [eq], {}, x, [old, new], hints, [f"from {old} to {new}"])


def _percent_part(s: str) -> Story | None:
    """ "40% of the 200 students are boys. How many boys?" (part = percent × whole, the part named in the question)."""
    q = question_of(s)
    body = s[: len(s) - len(q)] or s
    m = re.findall(
        rf"\b{NUM} percent of (?:the |all |all the )?{NUM} ([a-z]+) (are|were|is|was|have|had|own|owned|like|liked|"
        rf"play|played|voted for|chose|prefer|preferred|passed|failed) ([a-z]+(?: [a-z]+)?)\b",
        body,
    )
    if len(m) != 1 or re.search(r"\b(?:not|rest|remaining|other|others|neither|both|and|more|less|than|then)\b", s):
        return None
    pct, total, noun, verb, what = m[0]
    mq = re.fullmatch(
        rf"how many (?:of (?:the|these|them) )?(?:{noun} )?({'|'.join(re.escape(w) for w in what.split())})\b.*", q
    )
    mq = mq or re.fullmatch(rf"how many (?:of (?:the|these|them) )?{noun} {verb} {re.escape(what)}\b\??", q)
    if not mq:
        return None
    x = sp.Symbol("x", positive=True)
    eq = sp.Eq(x, _n(pct) / 100 * _n(total))
    hints = [
        "Percent means per hundred.",
        "The part is the percent (as a fraction of 100) times the whole.",
        "Multiply and check that the count is a whole number.",
    ]
    return Story("percent", [eq], {}, x, [pct, total], hints, [f"{pct}% of {total} {noun}"], integer=True)


_FEE = (
    r"(?:flat|fixed|one-time|onetime|initial|base|basic|service|membership|set-up|setup|delivery|rental|entry|booking"
    r"|monthly|weekly)"
)
_EACH = r"(?:per|for each|each|an|a|for every)"


def _fee_model(s: str) -> Story | None:
    """ "A flat fee of 50 plus 30 per hour": total = fee + rate × units, for a number of units or a letter."""
    if re.search(
        r"\b(?:discount|tax|percent|tip|additional|after the first|first|minimum|maximum|at least|at most|except|"
        r"half|twice|times|more than|less than|each other|instead|then|both|two|2 |every other)\b",
        s,
    ):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    a = re.findall(
        rf"\b(?:{_FEE} )+(?:fee |charge |cost |amount |price |rate )?(?:of )?{NUM}(?: dollars)?(?: for (?:each|a|every"
        rf"|the) "
        rf"[a-z]+)?,? (?:plus|and|in addition to|\+) "
        rf"(?:an additional )?{NUM}(?: dollars)? {_EACH} ([a-z]+)\b",
        body,
    )
    b = re.findall(
        rf"\b{NUM}(?: dollars)? {_EACH} ([a-z]+),? plus (?:a |an )?(?:{_FEE} )+(?:fee|charge|cost) (?:of )?{NUM}\b",
        body,
    )
    c = list(
        re.finditer(
            rf"\b(?:bill|cost|charge|price|rent|total)(?: [a-z]+)? (?:is"
            rf"|was) {NUM}(?: dollars)? plus {NUM}(?: dollars)? "
            rf"(?:for each|per|each|for every) ([a-z]+)\b",
            body,
        )
    )
    if len(a) + len(b) + len(c) != 1:
        return None
    fee, rate, unit = a[0] if a else (b[0][2], b[0][0], b[0][1]) if b else c[0].groups()
    units = rf"(?:{unit}|{unit}s|{unit}es|{unit[:-1] if unit.endswith('s') else unit})"
    letter = re.findall(rf"\b([a-z]) {units}\b", q)
    count = re.findall(rf"\b{NUM} {units}\b", q)
    if (
        (c or a) and not letter and not count
    ):  # "the bill is 25 plus 8 for each gigabyte. The bill was 81: how many gigabytes?"
        end = c[0].end() if c else body.find(rate, body.find(fee) + len(fee)) + len(rate)
        rest = body[end:]
        paid = re.findall(
            rf"\b(?:bill|cost|charge|total|payment)\b[^.?\d]*?\b(?:was|is|came to|totaled) {NUM}\b"
            rf"|\b(?:billed|charged|paid) (?:a total of )?{NUM}\b",
            rest,
        )
        paid = [a or b for a, b in paid]
        if (
            len(paid) != 1
            or not re.match(rf"(?:for )?how many {units}\b", q)
            or re.search(r"\d", rest.replace(paid[0], "", 1))
        ):
            return None
        n = sp.Symbol("n", positive=True)
        eq = sp.Eq(_n(paid[0]), _n(fee) + _n(rate) * n)
        hints = [
            "The total is the fixed part plus the part that grows with each unit.",
            f"Write the total as {fee} + {rate} × (number of {unit}s).",
            "Set that equal to the total paid and solve.",
        ]
        return Story(
            "linear models", [eq], {}, n, [fee, rate, paid[0]], hints, [f"fixed part {fee}", f"rate {rate} per {unit}"]
        )
    if len(letter) + len(count) != 1 or re.search(r"\d", body.replace(fee, "", 1).replace(rate, "", 1)):
        return None
    total = sp.Symbol("C")
    params: tuple[sp.Symbol, ...]
    if letter:
        if letter[0] in ("a", "i", "c"):
            return None
        var = sp.Symbol(letter[0])
        params, used, known = (var,), [fee, rate], {}
    else:
        var = sp.Symbol("n", positive=True)
        params, used, known = (), [fee, rate, count[0]], {var: _n(count[0])}
    eq = sp.Eq(total, _n(fee) + _n(rate) * var)
    hints = [
        "The total is the fixed part plus the part that grows with each unit.",
        f"The part that grows is the rate times the number of {unit}s.",
        "Add the fixed fee to the rate times the number of units.",
    ]
    return Story(
        "linear models", [eq], known, total, used, hints, [f"fixed fee {fee}", f"rate {rate} per {unit}"], params=params
    )


MORE_FAMILIES = (
    _fee_model,
    _percent_from_to,
    _percent_part,
    _unit_price,
    _crew,
    _percent_change,
    _average,
    _discount,
)
