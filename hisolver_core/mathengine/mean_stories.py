"""Story families about means: a missing value, the score needed for a goal, a value removed, a mean
changed by a new value, weighted means (one test counting twice), a group's goal average, and
statistics of a listed data set.

Same contract as :mod:`.story`: each family reads the quantities by their roles and returns a
:class:`~.story.Story` (equations, knowns, target, the numbers it used), or None when the wording
is not one it reads. ``solve_story`` declines unless every number in the problem was used.
"""

from __future__ import annotations

import re

import sympy as sp

from .story import NUM, Story, _n, question_of
from .words import ORDINALS

__all__ = [
    "group_average_goal",
    "list_statistic",
    "mean_after_removal",
    "mean_change",
    "mean_goal",
    "mean_missing",
    "numbers_in",
    "weighted_mean",
]

_ORDINALS = {word: k for word, k in ORDINALS.items() if 2 <= k <= 10}  # "the second ... tenth day"
_LIST = r"((?:-?\d+(?:\.\d+)?\s*,?\s*(?:and\s+)?)+)"


def numbers_in(text: str) -> list[str]:
    return re.findall(r"-?\d+(?:\.\d+)?", text)


def mean_missing(s: str) -> Story | None:
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
    known, values = mm.group(1), numbers_in(mm.group(2))
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


def mean_goal(s: str) -> Story | None:
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
    values = numbers_in(listed.group(2))
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


def mean_after_removal(s: str) -> Story | None:
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


def list_statistic(s: str) -> Story | None:
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
    values = numbers_in(listed[0].group(1))
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


def mean_change(s: str) -> Story | None:
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


def weighted_mean(s: str) -> Story | None:
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


def group_average_goal(s: str) -> Story | None:
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
