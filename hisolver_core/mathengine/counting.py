"""Counting and probability read generally: equally likely outcomes, counted exactly.

- the arrangements of a word's letters ("the number of ways to arrange the letters of the word NINE"), or of
  identical objects in a row ("2 identical apple trees and 5 identical pear trees in one row"): n! over the
  factorial of each repeated letter's (kind's) count;
- a random integer from a described set ("A number is selected at random from 1 through 100,
  inclusive. What is the probability that the number is a divisor of 50?"): both sets are read by the
  integer-property grammar (``integers.read_question``) and counted by walking them;
- k different integers from a described set ("they are both odd", "their sum is 7"): every k-set listed;
- handshakes among n people, each pair once: C(n, 2);
- numbers formed from given digits ("How many three-digit odd numbers can be formed using the digits 3, 4,
  5 and 6 if digits cannot be repeated?"): every number listed and tested; the repetition must be stated.

Each reading must place the whole question; a word it does not read returns ``None``. Probabilities
are exact ``Rational`` values, shown as "favourable / total".
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable

import sympy as sp

from ..solution import Solution
from .build import Decline, solved, step
from .integer_phrases import Cond
from .integer_solve import Subject, all_members, answer
from .integers import read_question
from .problem import Problem, analyze, strip_format
from .readers import reader
from .rewrite import words_to_numbers

__all__ = ["read_counting", "conditions", "plain_text"]

_HINTS = [
    "List (or count) every equally likely outcome.",
    "Count the outcomes where the event happens; the probability is favourable over total.",
]


def plain_text(prob: Problem) -> str:
    """The question in one lower-case line: format sentences and math delimiters removed, number words as digits."""
    text = strip_format(prob.raw).replace("$", " ").replace("\\!", "").replace("{,}", "")
    text = re.sub(r"\\[dt]?frac\{(\d+)\}\{(\d+)\}", r"\1/\2", text)
    text = words_to_numbers(text.lower().replace("’", "'"))
    text = re.sub(r"\b(\d{1,3}),(\d{3})\b", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()


def conditions(words: str) -> list[Cond] | None:
    """The integer grammar's conditions for "n is ``words``" ("a divisor of 50", "between 3 and 11, inclusive").

    Returns None when the grammar does not read ``words`` whole; a phrase read two ways keeps its ``alt``.
    """
    query = read_question(analyze(f"How many integers are {_bare(words)}?"))
    if query is None or query.subject is None or query.subject.conds or query.subject.select:
        return None
    return query.subject.after or None


def _event_conditions(event: str) -> list[Cond] | None:
    """The conditions of an event on one number: "7" (equal to it) or what :func:`conditions` reads."""
    return [Cond(f"equal to {event}", pool=(int(event),))] if event.isdigit() else conditions(event)


def _bare(words: str) -> str:
    """``words`` without a leading article (a lone "a" before a number would read as a variable)."""
    return re.sub(r"^(?:a|an) ", "", words)


def _readings(conds: list[Cond]) -> list[list[Cond]]:
    """Each reading of ``conds`` (a phrase with two readings gives two)."""
    options = [[c] if c.alt is None else [c, c.alt] for c in conds]
    return [list(choice) for choice in itertools.product(*options)]


def _holds(conds: list[Cond], n: int) -> bool:
    return all(c.holds(n) for c in conds)


def _probability_steps(favourable: int, total: int, what: str) -> tuple[sp.Rational, list]:
    value = sp.Rational(favourable, total)
    return value, [
        step(f"\\frac{{{favourable}}}{{{total}}} = {sp.latex(value)}", f"{favourable} of the {total} {what}.")
    ]


def _finish(prob: Problem, topic: str, steps: list, value: sp.Expr, verification: str) -> Solution:
    steps.append(step(sp.latex(value), "This is the answer."))
    return solved(prob.raw, topic, steps, _HINTS, value, verification=verification)


# --- the letters of a word ----------------------------------------------------------------------

_DISTINCT = r"(?:distinct |different )?"
_ARRANGE = re.compile(
    rf"(?:determine |find |what is )?(?:in )?how many {_DISTINCT}(?:ways (?:are there )?(?:can you |can i |can we )?"
    rf"(?:to )?(?:arrange|rearrange) the letters of the word|{_DISTINCT}(?:[a-z0-9]+-letter )?(?:arrangements"
    rf"|rearrangements) (?:are there )?of the word|{_DISTINCT}arrangements are there of(?: the word)?)"
    r"\W*(?P<word>[a-z]+)\W*(?:can (?:i|you|we) (?:form|make))?\W*"
    rf"|(?:determine |find |what is )?the number of {_DISTINCT}(?:ways to (?:arrange|rearrange) the letters"
    r"|arrangements of the letters|(?:arrangements|rearrangements)) of the word\W*(?P<word2>[a-z]+)\W*"
)


def _letters(prob: Problem) -> Solution | None:
    raw = strip_format(prob.raw).replace("$", "").replace("``", "").replace("''", "")
    m = _ARRANGE.fullmatch(re.sub(r"\s+", " ", raw.lower()).strip().rstrip("?.").strip())
    if not m:
        return None
    word = m.group("word") or m.group("word2")
    stated = re.search(r"(\d+)-letter", words_to_numbers(raw.lower()))
    if len(word) < 2 or len(word) > 20 or (stated and int(stated.group(1)) != len(word)):
        return None
    counts = sorted(Counter(word).items())
    repeats = [(ch, k) for ch, k in counts if k > 1]
    value = sp.Integer(math.factorial(len(word)) // math.prod(math.factorial(k) for _, k in repeats))
    below = " \\cdot ".join(f"{k}!" for _, k in repeats)
    shown = f"\\frac{{{len(word)}!}}{{{below}}}" if repeats else f"{len(word)}!"
    said = ", ".join(f"{ch.upper()} {k} times" for ch, k in repeats)
    steps = [
        step(
            f"{shown} = {value}",
            f"{word.upper()} has {len(word)} letters"
            + (
                f"; swapping equal letters gives the same word ({said}), so divide by each count's factorial."
                if said
                else ", all different: arrange them in " + f"{len(word)}! ways."
            ),
        )
    ]
    return _finish(prob, "counting", steps, value, "counted exactly: n! over the repeats' factorials")


_ROW = re.compile(
    r"[a-z ]+? (?:wishes|wants|needs|has) to (?:plant|put|place|arrange|line up|hang) (?P<groups>[a-z0-9 ]+?)"
    r" in (?:a|one) row\. how many (?:distinct|different) arrangements are possible\?"
)
_SAME = re.compile(r"(\d+) (?:of (?:his|her|their) )?(?:identical|indistinguishable) ([a-z ]+)")


def _identical_in_row(prob: Problem, m: re.Match) -> Solution | None:
    """ "2 identical apple trees and 5 identical pear trees in one row": (2 + 5)! / (2! 5!) arrangements."""
    groups = [_SAME.fullmatch(g) for g in m.group("groups").split(" and ")]
    if len(groups) < 2 or any(g is None for g in groups) or len({g.group(2) for g in groups if g}) != len(groups):
        return None
    counts = [int(g.group(1)) for g in groups if g]
    value = sp.Integer(math.factorial(sum(counts)) // math.prod(math.factorial(k) for k in counts))
    below = " \\cdot ".join(f"{k}!" for k in counts)
    said = ", ".join(f"{k} {g.group(2)}" for k, g in zip(counts, groups, strict=True) if g)
    steps = [
        step(
            f"\\frac{{{sum(counts)}!}}{{{below}}} = {value}",
            f"{sum(counts)} places in the row; swapping identical objects ({said}) gives the same row.",
        )
    ]
    return _finish(prob, "counting", steps, value, "counted exactly: n! over each kind's factorial")


_HANDSHAKES = re.compile(
    r"(?P<n>\d+) (?:people|persons|students|guests|players|friends) (?:attend|are at|meet at|come to)"
    r" (?:a|the) [a-z]+\."
    r" (?:during the [a-z]+,? )?(?:every(?:one|body)|each person) shakes hands (?:exactly once |once )?with"
    r" (?:every(?:one|body) else|every other person|each other person)(?: exactly once| once)?\."
    r" how many handshakes (?:take place|are there|occur)(?: at the [a-z]+)?\?"
)


def _handshakes(prob: Problem, m: re.Match) -> Solution | None:
    """n people, each pair shaking hands once: C(n, 2) handshakes."""
    n = int(m.group("n"))
    if n < 2:
        return None
    value = sp.Integer(math.comb(n, 2))
    steps = [step(f"\\binom{{{n}}}{{2}} = \\frac{{{n} \\cdot {n - 1}}}{{2}} = {value}", "One handshake for each pair.")]
    return _finish(prob, "counting", steps, value, "counted exactly: one per pair, C(n, 2)")


# --- a random integer from a described set ------------------------------------------------------

_PICKED = (
    r"(?:randomly selected|selected at random|randomly chosen|chosen at random|randomly picked|picked at random"
    r"|drawn at random|randomly drawn)"
)
_RANDOM = re.compile(
    rf"(?:a|an) (?P<subject>[a-z0-9 ,-]+?) is {_PICKED}(?: from (?:the (?:integers|numbers|whole numbers) )?"
    r"(?P<range>[a-z0-9 ,-]+?))?\. what is the probability that (?:the (?:number|integer)(?: selected| chosen)?|it)"
    r" (?:is|will be) (?P<event>[a-z0-9 ,-]+?)\??"
)


_IN_SET = re.compile(
    r"what is the probability that (?:a|an) randomly (?:selected|chosen) (?:integer|number) (?:in|from) the set"
    r" \\\{(?P<list>[0-9, ]+\\[cl]?dots[0-9, ]+)\\\} is (?P<event>[a-z0-9 ,-]+?)\??"
)


def _random_integer(prob: Problem, m: re.Match) -> Solution | None:
    described = m.group("subject") + (f" from {m.group('range')}" if m.group("range") else "")
    asked = f"How many {described} are there?", f"How many {described} are {_bare(m.group('event'))}?"
    return _pick_one(prob, asked, described, m.group("event"))


def _from_set(prob: Problem, m: re.Match) -> Solution | None:
    """A number from a set written with dots ("{1, 2, 3, \\ldots, 100}"), read as the integer grammar's list."""
    listed = m.group("list")
    asked = (
        f"How many numbers are in the list ${listed}$?",
        f"How many numbers in the list ${listed}$ are {m.group('event')}?",
    )
    return _pick_one(prob, asked, f"the numbers {listed}", m.group("event"))


def _pick_one(prob: Problem, asked: tuple[str, str], described: str, said: str) -> Solution | None:
    """One number picked from a set: the integer grammar counts the set and the members where the event holds."""
    universe, event = (read_question(analyze(q)) for q in asked)
    if universe is None or event is None or universe.target != "count" or event.target != "count":
        return None
    total, favourable = int(answer(universe)), int(answer(event))
    if total == 0:
        raise Decline("No integer fits the description, so there is nothing to choose from.")
    value, steps = _probability_steps(favourable, total, f"equally likely choices are {said}")
    members = _members(universe.subject), _members(event.subject)
    steps.insert(0, step(_listing(members[1]), f"The choices that are {said} ({favourable})."))
    steps.insert(0, step(_listing(members[0]), f"The equally likely choices: {described} ({total})."))
    return _finish(prob, "probability", steps, value, "counted exactly: every choice tested against the event")


_CHOSEN = r"(?:randomly )?(?:chosen|selected|picked)(?: at random)?"
_SEVERAL = re.compile(
    rf"(?:suppose (?:that )?)?(?P<k>\d+) (?:distinct|different) (?P<subject>integers|numbers|whole numbers|positive"
    rf" integers) are {_CHOSEN} from (?P<range>[a-z0-9 ,-]+?)\. what is the probability that (?:(?:they are|both"
    r" are|all are|they are all) (?:both )?|(?:their|the) (?P<op>sum|product)(?: of the numbers)? is )"
    r"(?P<event>[a-z0-9 ,-]+?)\??"
)


_COMBINE: dict[str, Callable[[tuple[int, ...]], int]] = {"sum": sum, "product": math.prod}


def _several_integers(prob: Problem, m: re.Match) -> Solution | None:
    """k distinct integers from a described set: "they are both odd", "their sum is even"."""
    if not 2 <= int(m.group("k")) <= 4:
        return None
    described = f"{m.group('subject')} from {m.group('range')}"
    universe = read_question(analyze(f"How many {described} are there?"))
    event, k = m.group("event"), int(m.group("k"))
    conds = _event_conditions(event)
    if universe is None or universe.target != "count" or conds is None:
        return None
    members = _members(universe.subject)
    if not k <= len(members) or math.comb(len(members), k) > 20_000:  # every k-set is walked
        return None
    sets = list(itertools.combinations(members, k))
    op = m.group("op")
    combine = _COMBINE[op] if op else None
    counts = set()
    for reading in _readings(conds):
        fits = [all(_holds(reading, n) for n in s) if combine is None else _holds(reading, combine(s)) for s in sets]
        counts.add(sum(fits))
    if len(counts) != 1:
        raise Decline("The event can be read two ways with different answers.")
    favourable = counts.pop()
    what = f"their {op} is {event}" if op else f"all {k} are {event}"
    steps = [
        step(_listing(members), f"The {len(members)} {described}."),
        step(
            f"\\binom{{{len(members)}}}{{{k}}} = {len(sets)}",
            f"{len(sets)} equally likely ways to choose {k} different ones.",
        ),
    ]
    value, shown = _probability_steps(favourable, len(sets), f"choices fit: {what}")
    return _finish(prob, "probability", steps + shown, value, "counted exactly: every choice listed")


def _members(subject: Subject | None) -> list[int]:
    assert subject is not None
    return all_members(subject)


def _listing(nums: list[int]) -> str:
    if len(nums) <= 12:
        return ", ".join(map(str, nums)) or "\\varnothing"
    return ", ".join(map(str, nums[:3])) + ", \\ldots, " + ", ".join(map(str, nums[-2:]))


# --- numbers formed from given digits --------------------------------------------------------------

_FORMED = re.compile(
    r"how many (?:different |distinct )?(?P<pre>(?:[a-z]+ )*?)(?P<n>\d+)-digit (?P<post>(?:[a-z]+ )*?)"
    r"(?:counting |whole |positive )?(?:numbers|integers) can be (?:formed|made|written) (?:using|from|with"
    r"|by choosing digits from) (?:the digits|the set) \\?\{?(?P<digits>\d(?:(?:, (?:and )?| and )\d)*)\\?\}?"
    r" if (?P<rep>digits (?:can|may) be repeated|digits (?:cannot|can't|may not) be repeated"
    r"|no digit (?:is|may be|can be) repeated|each digit (?:may|can) be used more than once)\??"
)


def _formed(prob: Problem, m: re.Match) -> Solution | None:
    n, digits = int(m.group("n")), [int(d) for d in re.findall(r"\d", m.group("digits"))]
    words = (m.group("pre") + m.group("post")).split()
    conds = conditions(" and ".join(words)) if words else []
    repeat = re.match(r"digits (?:can|may) be|each digit", m.group("rep")) is not None
    if conds is None or len(set(digits)) != len(digits) or not 1 <= n <= 7 or (not repeat and n > len(digits)):
        return None
    strings = itertools.product(digits, repeat=n) if repeat else itertools.permutations(digits, n)
    values = [int("".join(map(str, ds))) for ds in strings if ds[0] != 0 or n == 1]
    counts = {sum(_holds(c, v) for v in values) for c in _readings(conds)}
    if len(counts) != 1:
        raise Decline("The condition can be read two ways with different answers.")
    favourable = counts.pop()
    k = len(digits)
    ways = f"{k}^{{{n}}}" if repeat else " \\cdot ".join(str(k - i) for i in range(n))
    said = "each place may use any of them" if repeat else "each digit used at most once"
    steps = [step(f"{ways} = {len(values)}", f"{n}-digit numbers from the {k} digits ({said}); none starts with 0.")]
    if words:
        steps.append(step(str(favourable), f"Of these, {favourable} are {' and '.join(words)} (each one tested)."))
    return _finish(prob, "counting", steps, sp.Integer(favourable), "counted exactly: every number formed tested")


@reader(
    "counting",
    handles="counting and probability: a word's letter arrangements, a random integer from a set, numbers formed",
    order=95,
)
def read_counting(prob: Problem) -> Solution | None:
    """Answer a counting or probability question read in full; None when it is not one.

    Raises :class:`Decline` when it is read but its readings disagree or nothing can be chosen.
    """
    found = _letters(prob)
    if found is not None:
        return found
    text = plain_text(prob)
    for pattern, read in _WHOLE:
        m = pattern.fullmatch(text)
        found = read(prob, m) if m else None
        if found is not None:
            return found
    return None


# each question shape (matched whole) and its reader
_WHOLE: list[tuple[re.Pattern, Callable[[Problem, re.Match], Solution | None]]] = [
    (_RANDOM, _random_integer),
    (_IN_SET, _from_set),
    (_SEVERAL, _several_integers),
    (_FORMED, _formed),
    (_ROW, _identical_in_row),
    (_HANDSHAKES, _handshakes),
]
