"""Solving an integer-property query exactly, and the steps that show the work.

A :class:`Query` (what is asked) of a :class:`Subject` (the described set) is answered by walking the
candidates the conditions leave (a bounded range, the multiples of a step, or a finite pool) and
testing each one against every condition; nothing is estimated. A walk past :data:`SEARCH_LIMIT`
candidates, a set unbounded in the direction asked, or readings that disagree are declined.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import sympy as sp

from .build import Decline, step
from .integer_phrases import Cond

__all__ = ["SEARCH_LIMIT", "Query", "Subject", "answer", "consecutive_run", "work_steps"]

SEARCH_LIMIT = 200_000  # candidates walked at most (a bound past it is declined, not estimated)


@dataclass
class Subject:
    """A described set of integers: its conditions, a selection ("the 4 smallest"), conditions after it."""

    noun: str
    conds: list[Cond]
    select: tuple[str, int] | None = None  # ("least", 4): the 4 smallest members
    after: list[Cond] = field(default_factory=list)  # "how many of the first 100 ... are divisible by 3"


@dataclass
class Query:
    """What is asked: ``target`` of ``subject`` (count, greatest, least, sum, product, mean), or of ``nums``."""

    target: str
    subject: Subject | None = None
    nums: list[int] = field(default_factory=list)  # gcd / lcm arguments, a number, a divisor
    inner: Query | None = None  # the value a remainder, digit or difference is taken of
    other: Query | None = None  # the second value of a difference


# --- solving ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Range:
    """The candidates the conditions leave: bounds, a step, or a finite pool."""

    lo: int | None
    hi: int | None
    step: int
    pool: tuple[int, ...] | None


def _range(conds: list[Cond]) -> _Range:
    lo = max((c.lo for c in conds if c.lo is not None), default=None)
    hi = min((c.hi for c in conds if c.hi is not None), default=None)
    step = math.lcm(*[abs(c.step) for c in conds if c.step], 1)
    pools = [c.pool for c in conds if c.pool is not None]
    return _Range(lo, hi, step, min(pools, key=len) if pools else None)


def _walk(conds: list[Cond], upward: bool) -> Iterator[int]:
    """The integers meeting every condition, from the least up (or the greatest down); Decline when unbounded."""
    r = _range(conds)
    if r.pool is not None:
        yield from (n for n in sorted(r.pool, reverse=not upward) if all(c.holds(n) for c in conds))
        return
    start = r.lo if upward else r.hi
    if start is None:
        raise Decline(f"The integers described have no {'least' if upward else 'greatest'} bound to search from.")
    n = -(-start // r.step) * r.step if upward else start - start % r.step
    stride = r.step if upward else -r.step
    for _ in range(SEARCH_LIMIT):
        if (r.hi is not None and n > r.hi) or (r.lo is not None and n < r.lo):
            return
        if all(c.holds(n) for c in conds):
            yield n
        n += stride
    raise Decline("The search for these integers is larger than I check exactly.")


def consecutive_run(kind: str, k: int, adjectives: list[Cond], total: int) -> Cond:
    """The one run of ``k`` consecutive integers (odd or even ones: step 2) meeting ``adjectives`` whose sum
    (``kind`` "sum") or product is ``total``, as a condition; Decline when there is none or more than one."""
    d = 2 if any(c.text in ("odd", "even") for c in adjectives) else 1
    if kind == "sum":
        rest = total - d * k * (k - 1) // 2
        starts = [rest // k] if rest % k == 0 else []
    else:
        reach = round(abs(total) ** (1 / k)) + k * d + 1
        starts = [m for m in range(-reach - k * d, reach + 1) if math.prod(range(m, m + k * d, d)) == total]
    candidates = [tuple(range(m, m + k * d, d)) for m in starts]
    runs = [run for run in candidates if all(c.holds(n) for c in adjectives for n in run)]
    if len(runs) != 1:
        raise Decline(f"I found {len(runs)} runs of consecutive integers that fit, not exactly one.")
    run = runs[0]
    terms = ["n", *(f"(n + {d * i})" for i in range(1, k))]
    shown = (" + " if kind == "sum" else " · ").join(terms)
    words = " ".join(c.text for c in adjectives)
    return Cond(
        f"one of the {k} consecutive {words + ' ' if words else ''}integers: {shown} = {total}, so n = {run[0]}",
        pool=run,
    )


def all_members(subject: Subject) -> list[int]:
    """Every member of a finite described set, least first (a selection keeps its order); Decline when unbounded."""
    if subject.select is not None:
        direction, k = subject.select
        members = []
        for n in _walk(subject.conds, direction == "least"):
            members.append(n)
            if len(members) == k:
                break
        if len(members) < k:
            raise Decline(f"There are fewer than {k} integers as described.")
    else:
        conds = subject.conds + subject.after
        r = _range(conds)
        if r.pool is None and (r.lo is None or r.hi is None):
            raise Decline("The integers described are not bounded on both sides, so there are infinitely many.")
        return list(_walk(conds, True))
    return [n for n in members if all(c.holds(n) for c in subject.after)]


def subjects(query: Query) -> Iterator[Subject]:
    if query.subject is not None:
        yield query.subject
    for part in (query.inner, query.other):
        if part is not None:
            yield from subjects(part)


def integral(subject: Subject) -> bool:
    return subject.noun not in ("number", "numeral") or any(c.integral for c in subject.conds + subject.after)


def value_of(query: Query) -> sp.Integer | sp.Rational:
    """The exact answer of ``query`` under one reading of its words."""
    if query.target == "gcd":
        return sp.Integer(math.gcd(*query.nums))
    if query.target == "lcm":
        return sp.Integer(math.lcm(*query.nums))
    if query.target == "number":
        return sp.Integer(query.nums[0])
    if query.other is not None and query.inner is not None:
        return sp.Abs(value_of(query.inner) - value_of(query.other))
    if query.inner is not None:
        inner = value_of(query.inner)
        if not inner.is_integer:
            raise Decline("A remainder or a digit is taken of a whole number, and this value is not one.")
        if query.target == "digit":
            return sp.Integer(abs(int(inner)) // query.nums[0] % 10)
        return sp.Integer(int(inner) % query.nums[0])
    subject = query.subject
    assert subject is not None
    if query.target in ("greatest", "least") and subject.select is None:
        found = next(_walk(subject.conds + subject.after, query.target == "least"), None)
        if found is None:
            raise Decline("No integer meets every condition in the question.")
        return sp.Integer(found)
    members = all_members(subject)
    if query.target == "count":
        return sp.Integer(len(members))
    if query.target == "digit_count":  # "how many times does the digit 6 appear ..."
        if any(n < 0 for n in members):
            raise Decline("Negative integers: the question does not say how their digits are written.")
        return sp.Integer(sum(str(n).count(str(query.nums[0])) for n in members))
    if query.target in ("percent", "fraction", "probability"):  # "what percent of the integers from 1 to 100 ..."
        whole = all_members(replace(subject, after=[]))
        if not whole:
            raise Decline("No integer is in the set the question takes a share of.")
        share = sp.Rational(len(members), len(whole))
        return share * 100 if query.target == "percent" else share
    if query.target == "only":
        if len(members) != 1:
            raise Decline(f"The question says there is only one such integer, and I find {len(members)}.")
        return sp.Integer(members[0])
    if not members:
        raise Decline("No integer meets every condition in the question.")
    if query.target == "greatest":
        return sp.Integer(max(members))
    if query.target == "least":
        return sp.Integer(min(members))
    if query.target == "sum":
        return sp.Integer(sum(members))
    if query.target == "product":
        return sp.Integer(math.prod(members))
    if query.target == "median":  # members are listed in increasing order
        middle = len(members) // 2
        return sp.Rational(members[middle] + members[~middle], 2)
    if query.target == "range":
        return sp.Integer(max(members) - min(members))
    return sp.Rational(sum(members), len(members))


def _readings(query: Query) -> list[Query]:
    """The query under each reading of its two-way phrases: as read, each alternative alone, all of them."""
    if query.inner is not None and query.other is not None:
        return [replace(query, inner=a, other=b) for a in _readings(query.inner) for b in _readings(query.other)]
    if query.inner is not None:
        return [replace(query, inner=q) for q in _readings(query.inner)]
    if query.subject is None:
        return [query]
    subject = query.subject
    both = [(i, c) for i, c in enumerate(subject.conds + subject.after) if c.alt is not None]
    if not both:
        return [query]

    def swapped(chosen: set[int]) -> Query:
        conds = [c.alt if i in chosen and c.alt is not None else c for i, c in enumerate(subject.conds + subject.after)]
        k = len(subject.conds)
        return replace(query, subject=replace(subject, conds=conds[:k], after=conds[k:]))

    return [query, *(swapped({i}) for i, _ in both), swapped({i for i, _ in both})]


def answer(query: Query) -> sp.Integer | sp.Rational:
    """The exact answer of ``query``; raise Decline when it is unbounded or its readings disagree."""
    values = {value_of(q) for q in _readings(query)}
    if len(values) > 1:
        raise Decline(
            "The question can be read two ways (ends included or not, repeats counted or not) with different answers."
        )
    return values.pop()


# --- steps and the reader -----------------------------------------------------------------------

_ASKED = {
    "count": "how many there are",
    "greatest": "the greatest of them",
    "least": "the least of them",
    "sum": "their sum",
    "product": "their product",
    "mean": "their mean",
    "median": "their median",
    "range": "their range (the greatest less the least)",
    "only": "the one integer that fits",
    "digit_count": "how many times the digit appears in them",
    "percent": "what percent of all of them they are",
    "fraction": "what fraction of all of them they are",
    "probability": "the probability that one chosen at random from all of them is one of these",
}


def _listing(nums: list[int], joiner: str = ", ") -> str:
    if len(nums) <= 12:
        return joiner.join(map(str, nums))
    return joiner.join(map(str, nums[:3])) + f"{joiner}\\ldots{joiner}" + joiner.join(map(str, nums[-2:]))


def _factored(n: int) -> str:
    return " \\cdot ".join(f"{p}^{{{e}}}" if e > 1 else str(p) for p, e in sorted(sp.factorint(n).items())) or "1"


def _described(subject: Subject) -> str:
    words = [c.text for c in subject.conds + subject.after]
    return "the integers that are " + ", ".join(words) if words else "the integers"


def _subject_steps(query: Query, value: sp.Expr) -> list:
    subject = query.subject
    assert subject is not None
    conds = subject.conds + subject.after
    latex = "\\text{" + "; ".join(c.text for c in conds) + "}" if conds else f"\\text{{{subject.noun}}}"
    steps = [step(latex, f"Read the question: {_described(subject)}; asked: {_ASKED[query.target]}.")]
    r = _range(conds)
    if query.target in ("greatest", "least") and subject.select is None:
        upward = query.target == "least"
        start = r.lo if upward else r.hi
        if r.pool is None and r.step > 1 and start is not None:
            q = -(-start // r.step) if upward else start // r.step
            bound = "at least" if upward else "at most"
            steps.append(
                step(
                    f"{start} \\div {r.step} \\approx {start / r.step:.4g},\\ {q} \\cdot {r.step} = {q * r.step}",
                    f"The {'first' if upward else 'last'} multiple of {r.step} {bound} {start} is {q * r.step}.",
                )
            )
        if r.pool is not None:
            steps.append(step(_listing(sorted(r.pool)), "List the candidates."))
        steps.append(
            step(
                f"{sp.latex(value)}",
                f"Checking the candidates {'upward' if upward else 'downward'}, {value} is the first that meets every"
                " condition.",
            )
        )
        return steps
    members = all_members(subject)
    if r.pool is not None:
        steps.append(step(_listing(sorted(r.pool)), "List the candidates."))
    steps.append(step(_listing(members) or "\\varnothing", f"The integers that meet every condition ({len(members)})."))
    if query.target == "count" and len(members) > 12 and _arithmetic(members):
        d = members[1] - members[0]
        steps.append(step(f"\\frac{{{members[-1]} - {members[0]}}}{{{d}}} + 1 = {value}", "Count them."))
    elif query.target == "sum":
        steps.append(step(f"{_listing(members, ' + ')} = {value}", "Add them."))
    elif query.target == "product":
        shown = str(value) if abs(value) < 10**24 else "N"
        steps.append(step(_listing(members, " \\cdot ") + f" = {shown}", "Multiply them."))
    elif query.target == "mean":
        steps.append(
            step(f"\\frac{{{sum(members)}}}{{{len(members)}}} = {sp.latex(value)}", "Divide the sum by the count.")
        )
    elif query.target == "digit_count":
        digit = str(query.nums[0])
        having = [n for n in members if digit in str(n)]
        shown = " + ".join(str(str(n).count(digit)) for n in having[:30]) + (" + \\cdots" if len(having) > 30 else "")
        steps.append(step(f"{shown or 0} = {value}", f"Count the {digit}s in each integer that has one, and add."))
    elif query.target == "median":
        middle = len(members) // 2
        pair = "the middle one" if len(members) % 2 else "the mean of the two middle ones"
        shown = f"{members[middle]}" if len(members) % 2 else f"\\frac{{{members[~middle]} + {members[middle]}}}{{2}}"
        steps.append(step(f"{shown} = {sp.latex(value)}", f"In increasing order the median is {pair}."))
    elif query.target == "range":
        steps.append(step(f"{max(members)} - {min(members)} = {value}", "Subtract the least from the greatest."))
    elif query.target in ("greatest", "least"):
        steps.append(step(sp.latex(value), f"The {query.target} of them is {value}."))
    elif query.target == "only":
        steps.append(step(sp.latex(value), f"Exactly one integer fits: {value}."))
    elif query.target in ("percent", "fraction", "probability"):
        whole = len(all_members(replace(subject, after=[])))
        share = f"\\frac{{{len(members)}}}{{{whole}}}"
        shown = (
            f"{share} \\times 100 = {sp.latex(value)}\\%"
            if query.target == "percent"
            else f"{share} = {sp.latex(value)}"
        )
        steps.append(
            step(shown, f"{len(members)} of the {whole} integers in the set do: divide the part by the whole.")
        )
    return steps


def _arithmetic(nums: list[int]) -> bool:
    return len(nums) > 2 and all(b - a == nums[1] - nums[0] for a, b in zip(nums, nums[1:], strict=False))


def work_steps(query: Query, value: sp.Expr) -> list:
    """The work for ``query``'s answer ``value``: the inner value's work first, then this one's."""
    if query.target == "number":
        return []
    if query.inner is not None and query.other is not None:
        a, b = value_of(query.inner), value_of(query.other)
        steps = [*work_steps(query.inner, a), *work_steps(query.other, b)]
        return [*steps, step(f"\\left|{sp.latex(a)} - {sp.latex(b)}\\right| = {sp.latex(value)}", "Subtract.")]
    if query.inner is not None:
        inner = value_of(query.inner)
        steps = work_steps(query.inner, inner)
        n = int(inner)
        k = 10 * query.nums[0] if query.target == "digit" else query.nums[0]
        if abs(n) >= 10**24:  # too long to show: its residue, computed exactly
            shown = f"N \\equiv {n % k} \\pmod{{{k}}}"
            steps.append(step(shown, f"Work out the number exactly and keep its remainder mod {k}."))
        elif query.target == "remainder":
            steps.append(step(f"{n} = {k} \\cdot {n // k} + {value}", f"Divide by {k}: the remainder is what is left."))
        if query.target == "digit":
            place = {1: "units", 10: "tens", 100: "hundreds"}[query.nums[0]]
            digits = str(abs(n)) if abs(n) < 10**24 else f"\\ldots{abs(n) % k:0{len(str(k)) - 1}d}"
            steps.append(step(digits, f"The {place} digit is {value}."))
        return steps
    if query.subject is not None:
        return _subject_steps(query, value)
    nums = query.nums
    factored = [step(f"{n} = {_factored(n)}", f"Factor {n} into primes.") for n in nums]
    word = "the lowest" if query.target == "gcd" else "the highest"
    name = "\\gcd" if query.target == "gcd" else "\\operatorname{lcm}"
    return [
        *factored,
        step(
            f"{name}({', '.join(map(str, nums))}) = {_factored(int(value))} = {value}",
            f"Take each prime with {word} power it has in the numbers.",
        ),
    ]


def hints_for(query: Query) -> list[str]:
    if query.target in ("gcd", "lcm"):
        return ["Write each number as a product of primes.", "Compare the powers of each prime in the numbers."]
    if query.target == "remainder":
        return ["Divide and keep what is left over.", "The remainder is less than the divisor."]
    return [
        "Write down each condition the integers must meet.",
        "Find the range the conditions allow, then test the candidates in order.",
    ]
