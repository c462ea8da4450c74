"""Everyday quantity families about data, chance and change: means (missing, goal, changed, weighted),
statistics of a listed data set, probability from counts, growth and decay, unit conversion, map
scales, rates asked the other way round, amounts in a stated ratio and sample estimates.

Money and counting stories (fees, purchases, budgets, load limits) are in :mod:`.purchases`.

Same contract as :mod:`.story`: each family reads the quantities by their roles
and returns a :class:`~.story.Story` (equations, knowns, target, the numbers it
used), or None when the wording is not one it reads. ``solve_story`` declines
unless every number in the problem was used.
"""

from __future__ import annotations

import re

import sympy as sp

from .build import tex
from .proportion import _SPANS
from .story import NUM, Story, _n, decimal_latex, question_of
from .words import ORDINALS, singular

__all__ = ["EVERYDAY_FAMILIES"]

_ORDINALS = {word: k for word, k in ORDINALS.items() if 2 <= k <= 10}  # "the second ... tenth day"
_LIST = r"((?:-?\d+(?:\.\d+)?\s*,?\s*(?:and\s+)?)+)"


_IRREGULAR = {"feet": "foot", "foot": "foot", "people": "person", "children": "child", "men": "man", "women": "woman"}


def _base(word: str) -> str:
    """The singular of a unit or item word: inches -> inch, feet -> foot, liters -> liter."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if re.search(r"(?:ch|sh|x|ss)es$", word):
        return word[:-2]
    return singular(word)


def _forms(word: str) -> str:
    """A regex for the singular and plural of ``word``: delivery -> (?:delivery|deliveries|deliverys)."""
    base = _base(word)
    forms = {base, base + "s", base + "es"}
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        forms.add(base[:-1] + "ies")
    return "(?:" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + ")"


def _numbers(text: str) -> list[str]:
    return re.findall(r"-?\d+(?:\.\d+)?", text)


def _mean_missing(s: str) -> Story | None:
    """ "The mean of 5 numbers is 12. If 4 of the numbers are 10, 8, 15 and 13, what is the fifth number?"."""
    if re.search(r"\b(?:median|mode|range|wrongly|mistake|instead|replaced|removed|added|weighted|percent|ratio)\b", s):
        return None
    m = re.search(
        rf"\b(?:average|mean|arithmetic mean)(?: \(arithmetic mean\))? of (?:the |a list of |a set of |a group of |"
        rf"[a-z]+'s |her |his |their )?{NUM} ([a-z]+(?: [a-z]+)?) (?:is|was|equals) {NUM}\b",
        s,
    )
    if not m:
        return None
    count, noun, avg = m.groups()
    rest = s[m.end() :]
    mm = re.search(
        rf"\b{NUM} of (?:the |these |those |them |the {noun} )?(?:[a-z]+ )?(?:are|were)\s*:?\s*{_LIST}", rest
    ) or re.search(rf"\b(?:his|her|their|the) first {NUM} (?:[a-z]+ )?(?:[a-z]+ )?(?:are|were)\s*:?\s*{_LIST}", rest)
    if not mm or not count.isdigit():
        return None
    known, values = mm.group(1), _numbers(mm.group(2))
    q = question_of(s)
    ordinal = re.search(r"\b(" + "|".join(_ORDINALS) + r")\b", q)
    asks_rest = re.search(r"\b(?:remaining|other|missing|last|unknown)\b", q) or (
        ordinal and _ORDINALS[ordinal.group(1)] == int(count)
    )
    if (
        int(known) != int(count) - 1
        or len(values) != int(known)
        or not asks_rest
        or not re.search(r"\b(?:what|find|which)\b", q)
    ):
        return None
    x = sp.Symbol("x", real=True)
    eq = sp.Eq(sum(_n(v) for v in values) + x, _n(count) * _n(avg))
    hints = [
        "The mean times the number of values gives their total.",
        f"The total of all {count} values is {count} times {avg}.",
        "Subtract the known values from that total.",
    ]
    restated = [count] * (
        len(re.findall(rf"(?<![\d.]){count}(?![\d.])", s)) - 1
    )  # "on each of 5 days ... the 5 temperatures"
    return Story(
        "mean",
        [eq],
        {},
        x,
        [count, avg, known, *values, *restated],
        hints,
        [f"mean of {count} values: {avg}", f"known values: {', '.join(values)}"],
        positive=False,
    )


def _probability_counts(s: str) -> Story | None:
    """ "A bag has 4 red marbles and 6 blue marbles. One marble is chosen at random: the probability it is red?"."""
    q = question_of(s)
    body = s[: len(s) - len(q)]
    if re.search(
        r"\b(?:replacement|replaced|without|both|two|second|another|then|again|twice|neither|either|at least|"
        r"at most|percent|each|per|ratio|more|less|than)\b",
        s,
    ) or re.search(r"\bnot\b", body):
        return None
    if not re.search(r"\b(?:at random|randomly)\b", s):
        return None
    m = re.search(
        rf"\b(?:contains|has|holds|there are|there were|consists of|includes|with)\s+"
        rf"((?:{NUM} [a-z]+(?: [a-z]+)?(?:,? and|,)?\s*){{2,8}})",
        body,
    )
    if not m:
        return None
    parts = re.findall(rf"{NUM} ([a-z]+)(?: ([a-z]+))?", m.group(1))
    counts: dict[str, str] = {}
    nouns = set()
    for value, word, noun in parts:
        if word in counts or word in ("and",):
            return None
        counts[word] = value
        if noun and noun != "and":
            nouns.add(singular(noun))
    if len(counts) < 2 or len(nouns) > 1:
        return None
    asked = re.search(
        r"\bprobability (?:that )?(?:the [a-z]+ (?:selected |chosen |drawn |picked |taken |pulled |removed )?|it "
        r"|one )?"
        r"(?:is|will be|was|would be) (?P<neg>not )?(?:an? )?(?P<color>[a-z]+)(?: [a-z]+)?\s*\??$",
        q,
    ) or re.search(
        r"\bprobability of (?:selecting|choosing|drawing|picking|getting) (?:an? )?(?P<color>[a-z]+)"
        r"(?: [a-z]+)?\s*\??$",
        q,
    )
    if not asked or re.search(r"\bnot\b", q[: asked.start()] + q[asked.end() :]):
        return None
    negated, color = bool(asked.groupdict().get("neg")), asked.group("color")
    if color not in counts:
        return None
    total = sum(_n(v) for v in counts.values())
    p = sp.Symbol("p", positive=True)
    favourable = total - _n(counts[color]) if negated else _n(counts[color])
    eq = sp.Eq(p, favourable / total)
    hints = [
        "Probability is favourable outcomes over all equally likely outcomes.",
        "Add the counts to get the number of possible outcomes.",
        f"Count the ones that are {'not ' if negated else ''}{color} and divide by the total.",
    ]
    given = [f"{word}: {value}" for word, value in counts.items()]
    return Story("probability", [eq], {}, p, list(counts.values()), hints, given)


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
    start = _numbers(rest)
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
    if _base(asked) == _base(small) and _base(have) == _base(big):
        eq = sp.Eq(x, _n(amount) * _n(factor))
    elif _base(asked) == _base(big) and _base(have) == _base(small):
        eq = sp.Eq(x, _n(amount) / _n(factor))
    else:
        return None
    used = [factor, amount] + (["1"] if unit_count == "1" else [])
    hints = [
        f"Write down how many {small} make one {singular(big)}.",
        "Decide whether the answer should be a bigger or a smaller number.",
        "Multiply (or divide) by the conversion factor.",
    ]
    return Story("unit conversion", [eq], {}, x, used, hints, [f"1 {_base(big)} = {factor} {small}"])


def _mean_goal(s: str) -> Story | None:
    """ "Scored 18, 22, 15, 27 and 18 in the first 5 games: what score in the sixth makes the mean of the 6 games
    21?"."""
    if re.search(r"\b(?:median|mode|range|at least|at most|weighted|percent)\b", s):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    listed = re.search(
        rf"\b(?:first {NUM} [a-z]+[^.]*?)?\b(?:scored|earned|got|received|were|are|had|ran|sold|read)\s+{_LIST}", body
    )
    goal = re.search(
        rf"\b(?:mean|average)(?: [a-z]+)? (?:for|of|over) (?:his |her |their |the |all "
        rf"|all the )?{NUM}(?: [a-z]+){{1,2}} "
        rf"(?:is|will be|would be|to be|equals?)(?: exactly)? {NUM}\b",
        q,
    )
    if not listed or not goal:
        return None
    values = _numbers(listed.group(2))
    count_word = listed.group(1)
    ordinal = re.search(r"\b(" + "|".join(_ORDINALS) + r")\b", q)
    total, mean = goal.groups()
    if (
        int(total) != len(values) + 1
        or (count_word and int(count_word) != len(values))
        or not ordinal
        or _ORDINALS[ordinal.group(1)] != int(total)
    ):
        return None
    x = sp.Symbol("x", real=True)
    eq = sp.Eq(sum(_n(v) for v in values) + x, _n(total) * _n(mean))
    hints = [
        "The mean times the number of values is their total.",
        f"The {total} values must add up to {total} × {mean}.",
        "Subtract the values you already have from that total.",
    ]
    used = [*values, total, mean] + ([count_word] if count_word else [])
    return Story(
        "mean",
        [eq],
        {},
        x,
        used,
        hints,
        [f"values so far: {', '.join(values)}", f"goal: mean {mean} over {total}"],
        positive=False,
    )


def _mean_after_removal(s: str) -> Story | None:
    """ "9 values with a mean of 40; the value 72 is removed: the mean of the remaining 8 values?"."""
    if re.search(r"\b(?:median|mode|range|percent|replaced|instead)\b", s):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    m = re.search(rf"\b{NUM} ([a-z]+) with (?:a|an) (?:mean|average)(?: [a-z]+)? of {NUM}\b", body) or re.search(
        rf"\b(?:mean|average) of (?:the )?{NUM} ([a-z]+) (?:is|was) {NUM}\b", body
    )
    gone = re.search(rf"\b(?:the )?(?:value|number|score) {NUM} is (removed|dropped|taken away|added|included)\b", body)
    if not m or not gone:
        return None
    count, noun, mean = m.groups()
    value, how = gone.groups()
    removed = how in ("removed", "dropped", "taken away")
    new_count = int(count) - 1 if removed else int(count) + 1
    ask = re.fullmatch(
        rf"what is the (?:mean|average) of the (?:remaining |new |resulting )?(?:{new_count} )?[a-z]+\??", q
    )
    if not ask:
        return None
    x = sp.Symbol("x", real=True)
    eq = sp.Eq(x, (_n(count) * _n(mean) + (-1 if removed else 1) * _n(value)) / new_count)
    hints = [
        "The mean times the count gives the total.",
        f"Find the new total after the value is {how}.",
        "Divide the new total by the new count.",
    ]
    used = [count, mean, value] + ([str(new_count)] if re.search(rf"\b{new_count}\b", q) else [])
    return Story("mean", [eq], {}, x, used, hints, [f"{count} {noun}, mean {mean}", f"{how}: {value}"], positive=False)


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


def _list_statistic(s: str) -> Story | None:
    """ "The numbers of books read by 7 students were 4, 9, 6, 14, 8, 7 and 9. What is the median number?"."""
    if re.search(
        r"\b(?:percent|removed|added|replaced|instead|new|changed|if|after|more|less|than|increase|decrease)\b", s
    ):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    listed = list(re.finditer(rf"(?:\b(?:were|are|was|is|scored|earned|recorded)|:)\s+{_LIST}", body))
    asked = re.fullmatch(
        r"what (?:is|was) the (mean|average|arithmetic mean|median|range) (?:number of [a-z]+|[a-z]+)?"
        r"(?:,? [a-z0-9]+){0,8},?\s*\??",
        q,
    )
    if len(listed) != 1 or not asked:
        return None
    values = _numbers(listed[0].group(1))
    if len(values) < 3:
        return None
    counts = re.findall(rf"\b{NUM} [a-z]+\b", body[: listed[0].start()] + " " + q)
    if any(c != str(len(values)) for c in counts):
        return None  # "by 7 students" must count the values listed
    kind = asked.group(1).replace("arithmetic ", "").replace("average", "mean")
    nums = sorted(_n(v) for v in values)
    if kind == "mean":
        value, how = sum(nums) / len(nums), "Add the values and divide by how many there are."
    elif kind == "median":
        k = len(nums)
        value = nums[k // 2] if k % 2 else (nums[k // 2 - 1] + nums[k // 2]) / 2
        how = "Sort the values; the median is the middle one (or the mean of the middle two)."
    else:
        value, how = nums[-1] - nums[0], "Subtract the least value from the greatest."
    x = sp.Symbol("x", real=True)
    hints = [f"Recall what the {kind} of a list is.", "Sorting the list first helps.", how]
    return Story(
        "statistics",
        [sp.Eq(x, value)],
        {},
        x,
        [*values, *counts],
        hints,
        [f"values: {', '.join(str(v) for v in nums)}"],
        positive=False,
    )


def _mean_change(s: str) -> Story | None:
    """ "The mean of her first 5 quiz scores was 84; after a sixth quiz the mean of the 6 was 86: the sixth score?"
    and "the mean weight of 9 packages is 14; a tenth package of 32 is added: the mean of the 10?"."""
    if re.search(r"\b(?:median|mode|range|percent|removed|replaced|instead|weighted)\b", s):
        return None
    q = question_of(s)
    body = s[: len(s) - len(q)]
    first = re.search(
        rf"\b(?:mean|average)(?: [a-z]+){{0,3}} (?:on|of|for) (?:[a-z]+'s |her |his |their |the )?(?:first )?{NUM}"
        rf"(?: [a-z]+){{1,5}} (?:was|is|were|are) {NUM}\b",
        body,
    )
    if first:
        count, mean = first.groups()
    else:  # "scored a mean of 14 points per game in her first 5 games"
        first = re.search(
            rf"\b(?:scored|had|earned) (?:a mean|an average) of {NUM} [a-z]+(?: per [a-z]+)? in (?:her|his|their"
            rf"|the) first "
            rf"{NUM}(?: [a-z]+){{1,3}}\b",
            body,
        )
        if not first:
            return None
        mean, count = first.groups()
    nxt = str(int(count) + 1) if count.isdigit() else None
    if nxt is None:
        return None  # no whole count, no "sixth" value: neither reading below applies
    ordinal = next((w for w, k in _ORDINALS.items() if str(k) == nxt), None)
    rest = body[first.end() :]
    later = re.search(
        rf"\b(?:mean|average)(?: [a-z]+){{0,3}} (?:of|for) (?:her |his |their |the |all )?(?:{nxt} )(?:[a-z]+ ){{1,4}}"
        rf"(?:was|is|became|rose to|fell to) {NUM}\b",
        rest,
    )
    later_mean = later.group(1) if later else None
    # story_text reads "a sixth quiz" as "1/6 quiz": the ordinal may come as either
    nth = rf"(?:{ordinal}|1/{nxt})" if ordinal else None
    added = (
        re.search(
            rf"\b(?:a |an |the )?{nth} [a-z]+ (?:that |which |and )?(?:weighs|weighing|of|scored|scores|gets|earns|"
            rf"with a score of|costing|worth) {NUM}\b",
            rest + " " + q,
        )
        if ordinal
        else None
    )
    fraction_word = [f"1/{nxt}"] if nxt and re.search(rf"(?<![\d/]){re.escape(f'1/{nxt}')}\b", s) else []
    x = sp.Symbol("x", real=True)
    if (
        later_mean
        and not added
        and ordinal
        and re.search(rf"\b{ordinal}\b", q)
        and re.match(r"(?:what (?:was|is|score)|how many)", q)
    ):
        eq = sp.Eq(_n(count) * _n(mean) + x, int(nxt) * _n(later_mean))
        used = [count, mean, nxt, later_mean, *fraction_word]
        given = [f"first {count}: mean {mean}", f"all {nxt}: mean {later_mean}"]
    elif added and not later and re.search(rf"\b(?:mean|average)\b[^?]*\b{nxt}\b", q):
        eq = sp.Eq(x, (_n(count) * _n(mean) + _n(added.group(1))) / int(nxt))
        used = [count, mean, added.group(1), nxt, *fraction_word]
        given = [f"{count} values: mean {mean}", f"added: {added.group(1)}"]
    else:
        return None
    hints = [
        "The mean times the count is the total.",
        "Compare the total before and after the new value.",
        "The difference of the totals is the new value (or divide the new total by the new count).",
    ]
    return Story("mean", [eq], {}, x, used, hints, given, positive=False)


def _subgroup_probability(s: str) -> Story | None:
    """ "Of the 120 adults who prefer print books, 45 are under 40. If one of the adults who prefer print books is
    selected at random, what is the probability that the person is under 40?" -> 45/120."""
    if re.search(r"\b(?:replacement|two|both|second|at least|neither|either|percent)\b", s):
        return None
    m = re.search(
        rf"\bof (?:the|these) {NUM} ([a-z]+) (who|that|which) ([a-z ]+?), {NUM} (?:are|were|is|was|had"
        rf"|have) ([a-z0-9 ]+?)[.,]",
        s,
    )
    if not m:
        return None
    total, group, rel, condition, part, attribute = m.groups()
    q = question_of(s)
    pick = re.search(rf"\bone of the {group} {rel} {re.escape(condition)} is (?:selected|chosen|picked) at random\b", s)
    asked = re.search(
        rf"\bprobability that (?:the [a-z]+(?: selected| chosen)?|he or she|they|it) (?:is|was|has|had) "
        rf"{re.escape(attribute)}\s*\??$",
        q,
    )
    if not pick or not asked:
        return None
    p = sp.Symbol("p", positive=True)
    hints = [
        "Only the group the person is chosen from counts as the possible outcomes.",
        f"There are {total} {group} {rel} {condition}.",
        f"Of those, count the ones who are {attribute}.",
    ]
    numbers = [total, part] + re.findall(r"\d+(?:\.\d+)?", attribute) * s.count(attribute)
    surveyed = re.search(
        rf"\bsurvey (?:of|in which) {NUM} {group}\b", s
    )  # the whole survey: context, not an outcome count
    numbers += [surveyed.group(1)] if surveyed else []
    numbers += [total] * (
        len(re.findall(rf"(?<![\d.]){re.escape(total)}(?![\d.])", s)) - 1
    )  # "120 said ..." restates it
    return Story(
        "probability",
        [sp.Eq(p, _n(part) / _n(total))],
        {},
        p,
        numbers,
        hints,
        [f"{group} {rel} {condition}: {total}", f"of them {attribute}: {part}"],
    )


def _weighted_mean(s: str) -> Story | None:
    """ "12 students had a mean score of 78 and the other 18 a mean of 88: the mean of all 30?"."""
    if re.search(r"\b(?:median|percent|removed|instead)\b", s):
        return None
    groups = re.findall(rf"\b{NUM} [a-z]+ [^.,;]*?\b(?:mean|average)(?: [a-z]+)? (?:of|was|is) {NUM}\b", s)
    q = question_of(s)
    asked = re.search(
        rf"\b(?:mean|average)(?: [a-z]+){{0,3}} (?:of|for) (?:all|all the|the) (?:{NUM} )?[a-z]+\b"
        rf"(?: in the (2|two) [a-z]+(?: combined)?)?",
        q,
    )
    if len(groups) != 2 or not asked:
        return None
    (n1, m1), (n2, m2) = groups
    if asked.group(1) and _n(asked.group(1)) != _n(n1) + _n(n2):
        return None
    x = sp.Symbol("x", real=True)
    eq = sp.Eq(x, (_n(n1) * _n(m1) + _n(n2) * _n(m2)) / (_n(n1) + _n(n2)))
    hints = [
        "A group's mean times its size is its total.",
        "Add the two totals and the two counts.",
        "Divide the combined total by the combined count.",
    ]
    used = [n1, m1, n2, m2] + ([asked.group(1)] if asked.group(1) else []) + (["2"] if asked.group(2) == "2" else [])
    return Story("mean", [eq], {}, x, used, hints, [f"{n1} with mean {m1}", f"{n2} with mean {m2}"], positive=False)


def _sample_estimate(s: str) -> Story | None:
    """ "84,000 voters; in a random sample of 250, 140 support the tax: the best estimate of supporters in the
    city?"."""
    if re.search(r"\b(?:percent|margin|error|more|less|than)\b", s):
        return None
    population = re.search(rf"\b(?:has|have|of|there are) {NUM} ([a-z]+(?: [a-z]+)?)\b", s)
    sample = re.search(
        rf"\b(?:random )?sample of {NUM}(?: of (?:these|the|them)(?: [a-z]+)?)?,? {NUM} (?:said|say|were|are|had|have|"
        rf"reported|support|supported|prefer|preferred)\b",
        s,
    )
    q = question_of(s)
    if not population or not sample or not re.search(r"\b(?:best )?estimate\b", q):
        return None
    total, size, count = population.group(1), sample.group(1), sample.group(2)
    if _n(size) >= _n(total):
        return None
    x = sp.Symbol("x", positive=True)
    eq = sp.Eq(x, _n(total) * _n(count) / _n(size))
    hints = [
        "A random sample stands for the whole population.",
        f"Find the fraction of the sample: {count} out of {size}.",
        "Apply that fraction to the whole population.",
    ]
    return Story(
        "statistics", [eq], {}, x, [total, size, count], hints, [f"population: {total}", f"sample: {count} of {size}"]
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


def _neither(s: str) -> Story | None:
    """ "Of 40 people, 22 own a dog, 15 own a cat and 8 own both: the probability that a person owns neither?"."""
    m = re.search(
        rf"\b(?:of|in a group of|in a class of|in a survey of"
        rf"|there are) {NUM} ([a-z]+),? {NUM} ([a-z ]+?),? {NUM} ([a-z ]+?),? "
        rf"and {NUM} ([a-z ]+?both[a-z ]*?)[.,]",
        s,
    )
    q = question_of(s)
    if not m or not re.search(r"\bneither\b", q):
        return None
    total, _, a, _, b, _, both, _ = m.groups()
    neither = _n(total) - (_n(a) + _n(b) - _n(both))
    if neither < 0 or _n(both) > min(_n(a), _n(b)):
        return None
    probability = re.search(r"\bprobability\b", q)
    if not probability and not re.match(r"how many\b", q):
        return None
    x = sp.Symbol("x", nonnegative=True)
    eq = sp.Eq(x, neither / _n(total) if probability else neither)
    hints = [
        "Count the ones in at least one group: add the two groups and subtract those counted twice (both).",
        "Everyone else is in neither group.",
        "Divide by the total for a probability.",
    ]
    return Story(
        "probability" if probability else "statistics",
        [eq],
        {},
        x,
        [total, a, b, both],
        hints,
        [f"total: {total}", f"first group: {a}", f"second group: {b}", f"both: {both}"],
        positive=False,
    )


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
    if apart and _base(apart.group(2)) != _base(small):
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


def _group_average_goal(s: str) -> Story | None:
    """ "An average of 18 points in her first 12 games: what average in the next 4 makes 20 over all 16 games?"."""
    first = re.search(rf"\baverage of {NUM} [a-z]+(?: per [a-z]+)? in (?:her|his|their|the) first {NUM} ([a-z]+)\b", s)
    q = question_of(s)
    nxt = re.search(
        rf"\baverage(?: [a-z]+)? (?:be )?in (?:her|his|their|the) next {NUM} [a-z]+ so that (?:her|his|their|the) "
        rf"average for (?:all|all the|the) {NUM} [a-z]+ is {NUM}\b",
        q,
    )
    if not first or not nxt or int(first.group(2)) + int(nxt.group(1)) != int(nxt.group(2)):
        return None
    x = sp.Symbol("x", real=True)
    eq = sp.Eq(_n(first.group(2)) * _n(first.group(1)) + _n(nxt.group(1)) * x, _n(nxt.group(2)) * _n(nxt.group(3)))
    hints = [
        "Average times count gives a total.",
        "The totals of the two parts add up to the total for all of them.",
        "Solve for the average of the second part.",
    ]
    return Story(
        "mean",
        [eq],
        {},
        x,
        [first.group(1), first.group(2), *nxt.groups()],
        hints,
        [f"first {first.group(2)}: average {first.group(1)}", f"all {nxt.group(2)}: average {nxt.group(3)}"],
    )


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
    base = _base(word)
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
    _mean_missing,
    _mean_goal,
    _mean_after_removal,
    _probability_counts,
    _growth,
    _conversion,
    _ratio_amounts,
    _list_statistic,
    _mean_change,
    _subgroup_probability,
    _weighted_mean,
    _sample_estimate,
    _rate_inverse,
    _neither,
    _map_scale,
    _group_average_goal,
    _rate_conversion,
)
