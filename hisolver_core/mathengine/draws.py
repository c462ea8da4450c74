"""Draws from a container without replacement: "A bag contains 3 white balls and 6 black balls. Two balls
are drawn at random. What is the probability that both are white?"

The container is read as labelled objects of named kinds ("3 white balls and 6 black balls",
"4 red and 6 blue marbles", "16 blocks, 4 of which are blue and 12 of which are red"); the draw as k of
them taken together or one after another without putting back; the event as "all are X", "one is X and
one is Y", "the same colour", "not X". Every set of k objects is equally likely: the favourable sets are
counted by walking them, and the probability is exact.

Precision rules: each sentence must be one of these shapes (``fullmatch``), every number must be a kind's
count, their total or the number drawn, a kind named in the event must be in the container, and a draw
with replacement (or any other wording) returns ``None``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

import sympy as sp

from ..solution import Solution
from .build import solved, step
from .counting import plain_text
from .problem import Problem
from .readers import reader
from .words import singular

__all__ = ["read_draw"]

_BOX = r"(?:a|the) (?:bag|box|jar|urn|drawer|basket|bowl|closet) (?:contains|has|holds)|[a-z]+ has"
_KINDS = re.compile(rf"(?:{_BOX}) (?P<kinds>[a-z0-9, ]+?)(?: in (?:his|her|the|a) [a-z]+)?")
_OF_WHICH = re.compile(
    r"(\d+) (?:congruent |identical )?([a-z]+), (\d+) of which are ([a-z]+),? and (\d+) of which are ([a-z]+)"
)
_ITEM = re.compile(r"(\d+) ([a-z]+)(?: ([a-z]+))?")
_TAKEN = r"(?:randomly )?(?:drawn|selected|chosen|pulled|picked|taken|removed)(?: out)?(?: (?:of|from) the [a-z]+)?"
_DRAW = re.compile(
    rf"(?P<k>\d+) (?P<noun>[a-z]+) are {_TAKEN}(?: at random)?(?:,? (?:and )?without replacement| at the same time)?"
    rf"|a (?P<noun2>[a-z]+) is {_TAKEN}(?: at random)? and not replaced, then a second is {_TAKEN}"
)
_ONE = re.compile(
    r"if (?:he|she|you|we|they|i) randomly (?:selects?|chooses?|picks?|draws?) (?:1|one) of these (?P<noun>[a-z]+), "
)
_ALL = r"(?:both|all|they both|they all|both (?:of them|[a-z]+)|all \d+ (?:of them|[a-z]+)|they|the \d+ [a-z]+)"
_ALL += " (?:are|will be)"
_EVENTS = [
    ("all", re.compile(rf"{_ALL} (?:both |all )?(?P<a>[a-z]+)")),
    ("same", re.compile(rf"{_ALL} (?:both |all )?(?:the same (?:color|colour|kind|type))")),
    (
        "pair",
        re.compile(r"(?:one|1) (?:[a-z]+ )?is (?P<a>[a-z]+) and (?:one|1|the other) (?:[a-z]+ )?is (?P<b>[a-z]+)"),
    ),
    (
        "is",
        re.compile(
            r"(?:it|the [a-z]+) (?:(?P<not>is not|will not be)|is|will be) (?:a |an )?(?P<a>[a-z]+)(?: (?P<n>[a-z]+))?"
        ),
    ),
]


def _contents(words: str) -> tuple[str, Counter] | None:
    """(noun, {kind: count}) from "3 white balls and 6 black balls", "4 red and 6 blue marbles", "16 blocks, 4 of
    which are blue and 12 of which are red"; None for anything else."""
    m = _OF_WHICH.fullmatch(words)
    if m:
        total, noun, a, x, b, y = m.groups()
        ok = int(a) + int(b) == int(total) and x != y
        return (singular(noun, english=True), Counter({x: int(a), y: int(b)})) if ok else None
    items = [_ITEM.fullmatch(p) for p in re.split(r", and |, | and ", words)]
    if len(items) < 2 or any(it is None for it in items):
        return None
    nouns = {singular(it.group(3), english=True) for it in items if it is not None and it.group(3)}
    kinds = Counter({it.group(2): int(it.group(1)) for it in items if it is not None})
    last = items[-1]
    if len(nouns) != 1 or last is None or not last.group(3) or len(kinds) != len(items):
        return None
    return nouns.pop(), kinds


def _favourable(event: str, m: re.Match, kinds: Counter, k: int) -> int | None:
    """The number of k-sets of the objects where the event holds; None when the event names an unknown kind."""
    named = [m.group(g) for g in ("a", "b") if g in m.re.groupindex and m.group(g)]
    if any(name not in kinds for name in named) or (event == "pair" and (k != 2 or named[0] == named[1])):
        return None
    if (event == "is") != (k == 1):
        return None
    objects = [kind for kind, n in kinds.items() for _ in range(n)]
    count = 0
    for chosen in itertools.combinations(range(len(objects)), k):
        seen = sorted(objects[i] for i in chosen)
        if event == "all":
            count += set(seen) == {named[0]}
        elif event == "same":
            count += len(set(seen)) == 1
        elif event == "pair":
            count += seen == sorted(named)
        else:
            count += (seen[0] == named[0]) != bool(m.group("not"))
    return count


@reader("draws", handles="objects of named kinds drawn from a container without replacement (probability)", order=97)
def read_draw(prob: Problem) -> Solution | None:
    """The probability of an event when k objects are drawn together from a container; None when not that."""
    text = plain_text(prob)
    parts = re.split(r"(?<=[.?]) ", text)
    one = _ONE.search(parts[-1])
    question = _ONE.sub("", parts[-1]) if one else parts[-1]
    box = _KINDS.fullmatch(parts[0].rstrip("."))
    draw = _DRAW.fullmatch(parts[1].rstrip(".")) if len(parts) == 3 else None
    asked = re.fullmatch(r"what is the probability that (.+?)\??", question)
    if box is None or asked is None or (draw is None) == (one is None) or len(parts) != (2 if one else 3):
        return None
    found = _contents(box.group("kinds"))
    if found is None:
        return None
    noun, kinds = found
    if draw is not None:
        named, k = draw.group("noun") or draw.group("noun2"), int(draw.group("k") or 2)
    else:
        assert one is not None
        named, k = one.group("noun"), 1
    total = sum(kinds.values())
    if singular(named, english=True) != noun or not 1 <= k <= min(total, 6) or total > 60:
        return None
    numbers = {int(x) for x in re.findall(r"\d+", text)}
    if not numbers <= {*kinds.values(), total, k}:
        return None
    for event, pattern in _EVENTS:
        m = pattern.fullmatch(asked.group(1))
        if m is not None and "n" in m.re.groupindex and m.group("n") and singular(m.group("n"), english=True) != noun:
            return None  # "it is a red ball" asked of marbles
        if m is not None:
            favourable = _favourable(event, m, kinds, k)
            if favourable is not None:
                break
    else:
        return None
    sets = math.comb(total, k)
    value = sp.Rational(favourable, sets)
    said = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
    what = f"{sets} equally likely ways to draw {k}" if k > 1 else f"{sets} equally likely choices"
    steps = [
        step(
            f"\\binom{{{total}}}{{{k}}} = {sets}",
            f"{total} in all ({said}): {what}.",
        ),
        step(f"\\frac{{{favourable}}}{{{sets}}} = {sp.latex(value)}", f"{favourable} of them fit: {asked.group(1)}."),
        step(sp.latex(value), "This is the answer."),
    ]
    hints = ["Count the equally likely ways to draw.", "Count the draws where the event happens; divide."]
    return solved(prob.raw, "probability", steps, hints, value, verification="counted exactly: every draw listed")
