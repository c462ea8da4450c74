"""Unordered selections from groups: committees, teams, toppings; any nouns, counted as products of binomials.

"There are 30 men and 40 women in the club. In how many ways can they form a committee with 3 men and
4 women?" is read as a **selection** ("3 men and 4 women", after choose / select / pick / with /
consisting of) and, for each noun chosen, its **pool** ("30 men") elsewhere in the text; the answer is
the product of C(pool, chosen). "Select 4 of them" takes the one other number in the text as the pool.

Precision rules:

- the question asks for a number of choices ("in how many ways", "how many different ...", "are possible");
- a question about order, seats, offices, repeats, restrictions ("not", "at least", "together",
  "must include") or probability is not a plain selection and is left alone (``_NOT_PLAIN``);
- every number in the text must be a pool, a number chosen, or a total of them ("a 7-person committee
  with 3 men and 4 women", "100 members, 55 Republicans and 45 Democrats"); any other number declines;
- each chosen noun has exactly one pool size, at least as large as the number chosen.
"""

from __future__ import annotations

import math
import re

import sympy as sp

from ..solution import Solution
from .build import solved, step
from .counting import plain_text
from .problem import Problem
from .readers import reader
from .words import singular

__all__ = ["read_selection", "read_offices"]

# wording that makes a choice ordered, restricted or repeated: not a product of binomials
_NOT_PLAIN_WORDS = (
    "not, no, never, none, cannot, can't, won't, don't, doesn't, isn't, except, unless, replace, replacement, least,"
    " most, exactly, include, includes, including, exclude, together, adjacent, next, both, either, neither, refuse,"
    " refuses, insist, insists, same, identical, indistinguishable, distinguishable, repeat, repeated, repetition,"
    " in order, the order, any order, order matters, ordered, row, line, arrange, arranged, arrangement,"
    " arrangements, sit, seat, seats, seated, shelf, stack, first, second, third, last, president, vice, treasurer,"
    " secretary, captain, chair, leader, office, offices, role, roles, position, positions, box, boxes, pile, piles,"
    " probability, random, randomly, married, couple, couples, pair, pairs, twin, twins, brother, brothers, sister,"
    " sisters, must, only one, only two, more, fewer, less, than, each, every, per, twice, half, percent, some, total,"
    " left, did, one to, another, gold, silver, bronze, medal, medals, prize, prizes, award, awards, assign, assigned,"
    " task, tasks, job, jobs, duty, duties, respectively, bag, urn, jar, draw, drawn, double, whose, odd, even, prime,"
    " sum, product, all, consecutive, multiple, divisible, digit, digits"
)
# ("to 3 different people", "among 3 distinct friends": distinct roles; "2 different toppings" is a plain choice)
_NOT_PLAIN = re.compile(
    r"\b(?:" + "|".join(w.strip() for w in _NOT_PLAIN_WORDS.split(",")) + r")\b"
    r"|(?<!\d )(?<!many )\bdifferent (?!kinds? of|types? of)|\b(?:to|among|between) \d+ (?:different|distinct)\b"
)
# sentences that only say order does not matter (removed before the check above)
_ORDER_FREE = re.compile(
    r"\(?(?:the )?order in which [^.()?]*? (?:does not|doesn't) matter\.?\)?|,? ?without regard to the order[^.?]*"
    r"|\(?order does not matter\.?\)?|must consist of"
)
# a question that asks for a number of choices ("in how many ways", "how many different pizzas", "... are possible")
_ASKS = re.compile(
    r"\bhow many (?:different |distinct |possible )+[a-z-]+|\bhow many ways\b|\bin how many (?:different )?ways\b"
    r"|\bhow many [a-z-]+ (?:are|is) possible\b"
)
_ITEM = r"(\d+) (?:different |distinct )?(?:kinds of |types of )?([a-z][a-z-]*)"
_VERB = r"\b(?:choose|select|pick|choosing|selecting|picking|consisting of|consist of|with)"
_SELECTION = re.compile(rf"{_VERB} ({_ITEM}(?:(?:, (?:and )?| and ){_ITEM})*)")
_OF_THEM = re.compile(rf"{_VERB} (\d+) of (?:them|the ([a-z-]+))\b")
_NUMBER = re.compile(r"(?<![\w.])\d+(?![\w.]|\.\d)")


def _pool(text: str, noun: str, span: tuple[int, int]) -> int | None:
    """The one number counting ``noun`` outside ``span`` ("30 men", "10 different kinds of canned soup")."""
    sizes = []
    for m in re.finditer(r"(\d+)((?: (?!and\b|or\b)[a-z-]+){1,6})", text):
        words = re.sub(r"^ (?:different |distinct )?(?:kinds of |types of )?", "", m.group(2)).split()
        if noun in (singular(w, english=True) for w in words[:3]) and not span[0] <= m.start() < span[1]:
            sizes.append(int(m.group(1)))
    return sizes[0] if len(sizes) == 1 else None  # "5 red balls and 5 blue balls": two pools of balls


def _choices(text: str) -> list[tuple[list[tuple[str, int, int]], tuple[int, int]]]:
    """Each selection read from ``text``: (noun, pool, chosen) for every group, and the selection's span."""
    found = []
    for m in _SELECTION.finditer(text):
        groups = []
        for k, noun in re.findall(_ITEM, m.group(1)):
            name = singular(noun, english=True)
            n = _pool(text, name, m.span())
            if n is None:
                break
            groups.append((noun, n, int(k)))
        else:
            found.append((groups, m.span()))
    for m in _OF_THEM.finditer(text):
        outside = {int(x.group()) for x in _NUMBER.finditer(text) if not m.start() <= x.start() < m.end()}
        k = int(m.group(1))
        if m.group(2):
            n = _pool(text, singular(m.group(2), english=True), m.span())
            outside = {n} if n is not None else set()
        if len(outside - {k}) == 1:
            found.append(([(m.group(2) or "", (outside - {k}).pop(), k)], m.span()))
    return found


def _numbers_placed(text: str, groups: list[tuple[str, int, int]]) -> bool:
    """True when every number in ``text`` is a pool, a number chosen, or a total of either."""
    pools, chosen = [n for _, n, _ in groups], [k for _, _, k in groups]
    allowed = {*pools, *chosen, sum(pools), sum(chosen)}
    return all(int(x.group()) in allowed for x in _NUMBER.finditer(text))


@reader("selections", handles="unordered selections from groups: committees, teams, toppings (binomials)", order=96)
def read_selection(prob: Problem) -> Solution | None:
    """The number of ways to choose the groups a selection names from their pools; None when not one."""
    text = re.sub(r"\b(\d+) ([a-z]+) numbered 1 (?:through|to) \1\b", r"\1 \2", plain_text(prob))  # labels, not counts
    if not _ASKS.search(text) or _NOT_PLAIN.search(_ORDER_FREE.sub(" ", text)):
        return None
    answers = {}
    for groups, _ in _choices(text):
        if groups and all(k <= n for _, n, k in groups) and _numbers_placed(text, groups):
            answers[math.prod(math.comb(n, k) for _, n, k in groups)] = groups
    if len(answers) != 1:
        return None
    value, groups = answers.popitem()
    steps = [
        step(
            f"\\binom{{{n}}}{{{k}}} = {math.comb(n, k)}",
            f"Choose {k} of the {n} {noun}: order does not matter.".replace("  ", " "),
        )
        for noun, n, k in groups
    ]
    if len(groups) > 1:
        product = " \\cdot ".join(str(math.comb(n, k)) for _, n, k in groups)
        steps.append(step(f"{product} = {value}", "Each choice of one group goes with each choice of the others."))
    steps.append(step(str(value), "This is the answer."))
    hints = ["Order does not matter in a group: count with binomial coefficients.", "Multiply the separate choices."]
    return solved(prob.raw, "counting", steps, hints, sp.Integer(value), verification="counted exactly: C(n, k)")


# --- offices: an ordered choice of named roles ------------------------------------------------------

_OFFICE = r"(?:president|vice-president|vice president|secretary|treasurer|captain|co-captain|historian)"
_A = "(?:a |an |the )?"
_OFFICES = re.compile(rf"\b(?:choose|select|pick|elect|fill) {_A}({_OFFICE}(?:(?:, (?:and )?| and ){_A}{_OFFICE})+)")
_ONE_EACH = re.compile(
    r"(?:if )?(?:we have no restrictions other than )?(?:that )?(?:no (?:member|one|person)|nobody) (?:can|may) hold"
    r" more than one (?:office|position)|(?:if )?(?:we have no restrictions other than )?the same (?:person|member)"
    r" (?:can't|cannot) hold (?:both|two|more than one) (?:offices|positions)"
)
_MANY_EACH = re.compile(r"(?:if )?(?:individual )?members (?:may|can) hold more than one (?:office|position)")


@reader("offices", handles="named offices filled from a group, with or without one person holding two", order=97)
def read_offices(prob: Problem) -> Solution | None:
    """The number of ways to fill the named offices from the members; None when not that question.

    The question must say whether one person may hold two offices (n · (n-1) · ... or n^r); otherwise None.
    """
    text = plain_text(prob)
    m = _OFFICES.search(text)
    if m is None or not _ASKS.search(text):
        return None
    offices = re.findall(_OFFICE, m.group(1))
    one, many = _ONE_EACH.search(text), _MANY_EACH.search(text)
    if len(set(offices)) != len(offices) or (one is None) == (many is None):
        return None
    rest = _ONE_EACH.sub(" ", _MANY_EACH.sub(" ", text.replace(m.group(0), " ")))
    sizes = sorted((int(x.group()) for x in _NUMBER.finditer(text)), reverse=True)
    if not sizes or sum(sizes[1:]) not in (0, sizes[0]) or _NOT_PLAIN.search(rest.replace("officers", "")):
        return None
    n, r = sizes[0], len(offices)
    words = [singular(w, english=True) for w in re.findall(r"[a-z]+", text)]
    parts = [singular(p.group(2), english=True) for p in re.finditer(r"\b(\d+) ([a-z]+)", text) if int(p.group(1)) != n]
    if any(words.count(p) > 1 for p in parts):  # "10 boys and 10 girls ... from the girls": a part is named again
        return None
    if r > n and one is not None:
        return None
    counts = [n - i if one is not None else n for i in range(r)]
    value = math.prod(counts)
    why = "no one holds two offices" if one is not None else "one member may hold several offices"
    said = ", ".join(f"{c} for {office}" for c, office in zip(counts, offices, strict=True))
    steps = [
        step(" \\cdot ".join(map(str, counts)) + f" = {value}", f"Fill the offices in turn ({why}): {said}."),
        step(str(value), "This is the answer."),
    ]
    hints = ["Fill the offices one at a time.", "Ask whether the same member may hold two offices."]
    return solved(prob.raw, "counting", steps, hints, sp.Integer(value), verification="counted exactly: in turn")
