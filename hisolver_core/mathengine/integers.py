"""Integer-property questions: a set of integers described in words, and what is asked about it.

"What is the largest multiple of 73 less than 1000?", "How many positive two-digit integers are
factors of both 100 and 150?", "What is the sum of the prime factors of 91?": the question is read
into a **subject** (a set of integers: a head noun with adjectives, complements and clauses, each
one a condition from the phrase table :data:`PHRASES`) and a **target** (how many, the greatest or
least, the sum, product or mean, a gcd or lcm, a remainder). The answer is computed exactly by
walking a bounded range (or a finite pool such as the divisors of N), never estimated.

Precision rules, the same as the rest of the engine's:

- every word of the question must be placed by the grammar; a word left over returns ``None``;
- a set that is unbounded in the direction the target needs (the largest integer, with no upper
  bound; how many, with no bounds) is declined, as is a search larger than :data:`SEARCH_LIMIT`;
- a phrase with two common readings ("between 1 and 10": the ends in or out; "the prime factors of
  12": with or without repeats) is solved both ways and declined when the readings disagree;
- "numbers" is read as integers only when a condition says so (divisible, prime, from 1 through 9).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import sympy as sp

from ..solution import Solution
from .build import Decline, solved, step
from .parse import ParseFailure, parse_math
from .problem import Problem
from .readers import reader
from .rewrite import words_to_numbers
from .words import singular

__all__ = ["PHRASES", "SEARCH_LIMIT", "read_integers"]

SEARCH_LIMIT = 200_000  # candidates walked at most (a bound past it is declined, not estimated)
_MAX_VALUE = 10**12  # numbers beyond this are not integer-property questions at this level


Build = Callable[..., "Cond | None"]  # a phrase's slot values -> its condition (None: the values do not fit)


class _Unread(Exception):
    """The grammar does not place this part of the question (the reader returns None)."""


# --- conditions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cond:
    """One condition on an integer: a test and/or bounds, a pool of candidates, how it reads."""

    text: str  # as the steps say it: "a multiple of 73", "less than 1000"
    test: Callable[[int], bool] | None = None
    lo: int | None = None
    hi: int | None = None
    step: int | None = None  # every member is a multiple of ``step`` (walk only those)
    pool: tuple[int, ...] | None = None  # the members lie in this finite list (with repeats for a multiset)
    integral: bool = True  # False for bounds alone: "numbers less than 10" are not only integers
    alt: Cond | None = None  # another common reading of the same words (both must agree)

    def holds(self, n: int) -> bool:
        """True when ``n`` satisfies the condition."""
        if self.lo is not None and n < self.lo or self.hi is not None and n > self.hi:
            return False
        if self.step is not None and n % self.step:
            return False
        if self.pool is not None and n not in self.pool:
            return False
        return self.test is None or self.test(n)


def _is_square(n: int) -> bool:
    return n >= 0 and math.isqrt(n) ** 2 == n


def _is_cube(n: int) -> bool:
    root = round(abs(n) ** (1 / 3))
    return any((root + d) ** 3 == abs(n) for d in (-1, 0, 1))


def _consecutive_product(k: int, positive: bool) -> Callable[[int], bool]:
    """A test: n is the product of ``k`` consecutive integers (of positive ones with ``positive``)."""

    def test(n: int) -> bool:
        if n == 0:
            return not positive
        if n < 0 and (positive or k % 2 == 0):
            return False  # a negative product of an even run would need a zero in it
        root = round(abs(n) ** (1 / k))
        return any(math.prod(range(m, m + k)) == abs(n) for m in range(max(1, root - k), root + 2))

    return test


def _consecutive_sum(k: int, positive: bool) -> Callable[[int], bool]:
    least = k * (k + 1) // 2
    return lambda n: (n - k * (k - 1) // 2) % k == 0 and (not positive or n >= least)


def _digit_count(d: int) -> Cond:
    return Cond(f"{d}-digit", lo=10 ** (d - 1), hi=10**d - 1)


def _divisible(nums: list[int]) -> Cond:
    if any(k == 0 for k in nums):
        raise _Unread
    step = math.lcm(*nums)
    return Cond(f"divisible by {_join(nums)}", step=step)


def _divides(nums: list[int]) -> Cond:
    if any(k <= 0 for k in nums):
        raise _Unread
    g = math.gcd(*nums)
    return Cond(f"a factor of {_join(nums)}", pool=tuple(int(d) for d in sp.divisors(g)))


def _prime_factors(n: int) -> Cond:
    if n < 2:
        raise _Unread
    distinct = tuple(int(p) for p in sp.primefactors(n))
    repeated = tuple(int(p) for p, e in sp.factorint(n).items() for _ in range(e))
    base = Cond(f"a prime factor of {n}", pool=distinct)
    return base if distinct == repeated else replace(base, alt=replace(base, pool=repeated))


def _join(nums: list[int]) -> str:
    return str(nums[0]) if len(nums) == 1 else ", ".join(map(str, nums[:-1])) + f" and {nums[-1]}"


def _remainder(r: int, k: int) -> Cond:
    if k <= 0 or not 0 <= r < k:
        raise _Unread
    return Cond(f"leaving remainder {r} when divided by {k}", test=lambda n: n % k == r)


def _ends_in(v: int) -> Cond:
    if v < 0:
        raise _Unread
    size = 10 ** len(str(v))
    return Cond(f"ending in {v}", test=lambda n: abs(n) % size == v)


# Words before the head noun ("positive", "odd", "3-digit") and the condition each adds.
ADJECTIVES: dict[str, Cond] = {
    "positive": Cond("positive", lo=1, integral=False),
    "negative": Cond("negative", hi=-1, integral=False),
    "nonnegative": Cond("nonnegative", lo=0, integral=False),
    "odd": Cond("odd", test=lambda n: n % 2 == 1),
    "even": Cond("even", test=lambda n: n % 2 == 0),
    "prime": Cond("prime", lo=2, test=lambda n: bool(sp.isprime(n))),
    "composite": Cond("composite", lo=4, test=lambda n: not sp.isprime(n)),
    "whole": Cond("whole", lo=0),
    "natural": Cond("natural", lo=1),
    "counting": Cond("counting", lo=1),
}
_SQUARE = Cond("a perfect square", lo=0, test=_is_square, alt=Cond("a positive perfect square", lo=1, test=_is_square))
_CUBE = Cond("a perfect cube", test=_is_cube)

# Phrases of the grammar, as data: words with typed slots -> the condition they add.
# {n}: one integer; {nums}: a list ("3, 4, and 5", "both 100 and 150"); {set}: a described finite set.
# Words are compared singular ("multiples" = "multiple"); "[a]" is an optional article.
PHRASES: list[tuple[str, Build]] = [
    ("less than or equal to {n}", lambda n: Cond(f"at most {n}", hi=n, integral=False)),
    ("greater than or equal to {n}", lambda n: Cond(f"at least {n}", lo=n, integral=False)),
    ("at most {n}", lambda n: Cond(f"at most {n}", hi=n, integral=False)),
    ("no more than {n}", lambda n: Cond(f"at most {n}", hi=n, integral=False)),
    ("no greater than {n}", lambda n: Cond(f"at most {n}", hi=n, integral=False)),
    ("not exceeding {n}", lambda n: Cond(f"at most {n}", hi=n, integral=False)),
    ("at least {n}", lambda n: Cond(f"at least {n}", lo=n, integral=False)),
    ("no less than {n}", lambda n: Cond(f"at least {n}", lo=n, integral=False)),
    ("less than {n}", lambda n: Cond(f"less than {n}", hi=n - 1, integral=False)),
    ("smaller than {n}", lambda n: Cond(f"less than {n}", hi=n - 1, integral=False)),
    ("below {n}", lambda n: Cond(f"less than {n}", hi=n - 1, integral=False)),
    ("under {n}", lambda n: Cond(f"less than {n}", hi=n - 1, integral=False)),
    ("greater than {n}", lambda n: Cond(f"greater than {n}", lo=n + 1, integral=False)),
    ("larger than {n}", lambda n: Cond(f"greater than {n}", lo=n + 1, integral=False)),
    ("more than {n}", lambda n: Cond(f"greater than {n}", lo=n + 1, integral=False)),
    ("above {n}", lambda n: Cond(f"greater than {n}", lo=n + 1, integral=False)),
    ("between {n} and {n} , inclusive", lambda a, b: Cond(f"from {a} to {b}", lo=a, hi=b)),
    ("between {n} and {n} inclusive", lambda a, b: Cond(f"from {a} to {b}", lo=a, hi=b)),
    (
        "between {n} and {n}",
        lambda a, b: Cond(
            f"between {a} and {b}", lo=a + 1, hi=b - 1, integral=False, alt=Cond(f"from {a} to {b}", lo=a, hi=b)
        ),
    ),
    ("from {n} through {n}", lambda a, b: Cond(f"from {a} through {b}", lo=a, hi=b)),
    ("from {n} to {n} , inclusive", lambda a, b: Cond(f"from {a} to {b}", lo=a, hi=b)),
    ("from {n} to {n} inclusive", lambda a, b: Cond(f"from {a} to {b}", lo=a, hi=b)),
    ("from {n} to {n}", lambda a, b: Cond(f"from {a} to {b}", lo=a, hi=b)),
    ("divisible by {nums}", _divisible),
    ("divisible by {set}", _divisible),
    ("evenly divisible by {nums}", _divisible),
    ("not divisible by {n}", lambda k: Cond(f"not divisible by {k}", test=lambda n: n % k != 0) if k else None),
    ("[a] multiple of {n}", lambda k: _divisible([k])),
    ("[a] multiple of both {nums}", _divisible),
    ("[a] multiple of each of {nums}", _divisible),
    ("[a] common multiple of {nums}", _divisible),
    ("[a] factor of {n}", lambda k: _divides([k])),
    ("[a] divisor of {n}", lambda k: _divides([k])),
    ("[a] factor of both {nums}", _divides),
    ("[a] divisor of both {nums}", _divides),
    ("[a] factor of each of {nums}", _divides),
    ("[a] common factor of {nums}", _divides),
    ("[a] common divisor of {nums}", _divides),
    ("[a] prime factor of {n}", _prime_factors),
    ("[a] prime divisor of {n}", _prime_factors),
    ("[a] prime number", lambda: ADJECTIVES["prime"]),
    ("[a] prime", lambda: ADJECTIVES["prime"]),
    ("[a] perfect square", lambda: _SQUARE),
    ("[a] perfect cube", lambda: _CUBE),
    (
        "the product of {n} consecutive positive integer",
        lambda k: Cond(f"the product of {k} consecutive positive integers", test=_consecutive_product(k, True)),
    ),
    (
        "the product of {n} consecutive integer",
        lambda k: Cond(f"the product of {k} consecutive integers", test=_consecutive_product(k, False)),
    ),
    (
        "the sum of {n} consecutive positive integer",
        lambda k: Cond(f"the sum of {k} consecutive positive integers", test=_consecutive_sum(k, True)),
    ),
    (
        "the sum of {n} consecutive integer",
        lambda k: Cond(f"the sum of {k} consecutive integers", test=_consecutive_sum(k, False)),
    ),
    ("relatively prime to {n}", lambda k: Cond(f"relatively prime to {k}", test=lambda n: math.gcd(n, k) == 1)),
    ("{n} more than [a] multiple of {n}", lambda r, k: _remainder(r % k, k) if k > 0 else None),
    ("{n} less than [a] multiple of {n}", lambda r, k: _remainder(-r % k, k) if k > 0 else None),
    ("other than {n}", lambda v: Cond(f"other than {v}", test=lambda n: n != v)),
]

# After "has"/"have"/"with" (and the verbs named here), the phrases of what a number has or does.
HAVE_PHRASES: list[tuple[str, Build]] = [
    ("[a] {n} in the unit place", lambda d: _ends_in(d) if 0 <= d <= 9 else None),
    ("[a] {n} in the one place", lambda d: _ends_in(d) if 0 <= d <= 9 else None),
    ("[a] unit digit of {n}", lambda d: _ends_in(d) if 0 <= d <= 9 else None),
    ("[a] one digit of {n}", lambda d: _ends_in(d) if 0 <= d <= 9 else None),
    ("exactly {n} positive factor", lambda k: _divisor_count(k)),
    ("exactly {n} positive divisor", lambda k: _divisor_count(k)),
    ("exactly {n} factor", lambda k: _divisor_count(k)),
    ("exactly {n} divisor", lambda k: _divisor_count(k)),
    ("[a] remainder of {n} when divided by {n}", _remainder),
]
VERB_PHRASES: list[tuple[str, Build]] = [
    ("leave [a] remainder of {n} when divided by {n}", _remainder),
    ("give [a] remainder of {n} when divided by {n}", _remainder),
    ("divide {n}", lambda k: _divides([k])),
    ("divide {n} evenly", lambda k: _divides([k])),
    ("end in {n}", _ends_in),
    ("end with {n}", _ends_in),
]


def _divisor_count(k: int) -> Cond:
    return Cond(f"with exactly {k} positive divisors", lo=1, test=lambda n: n > 0 and int(sp.divisor_count(n)) == k)


# Head nouns of a described set; "integer"/"number" add nothing but the integer reading.
_HEADS = {"integer", "number", "numeral"}
_SUPERLATIVES = {
    "greatest": "greatest",
    "largest": "greatest",
    "biggest": "greatest",
    "highest": "greatest",
    "least": "least",
    "smallest": "least",
    "lowest": "least",
}
_AGGREGATES = {"sum": "sum", "product": "product", "mean": "mean", "average": "mean", "arithmetic": "mean"}
_TERMS = {
    ("greatest", "common", "factor"): "gcd",
    ("greatest", "common", "divisor"): "gcd",
    ("highest", "common", "factor"): "gcd",
    ("gcf",): "gcd",
    ("gcd",): "gcd",
    ("hcf",): "gcd",
    ("least", "common", "multiple"): "lcm",
    ("lowest", "common", "multiple"): "lcm",
    ("lcm",): "lcm",
}
_LEADS = (("what", "is"), ("what's",), ("find",), ("compute",), ("determine",), ("calculate",), ("give",))

# --- reading the question ---------------------------------------------------------------------


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
    nums: list[int] = field(default_factory=list)  # gcd / lcm / remainder arguments


class _Words:
    """The question's tokens with a cursor; words compare singular ("multiples" = "multiple")."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self, k: int = 0) -> str | None:
        j = self.i + k
        return self.tokens[j] if j < len(self.tokens) else None

    def word(self, k: int = 0) -> str | None:
        tok = self.peek(k)
        return singular(tok, english=True) if tok is not None else None

    def take(self, *words: str) -> bool:
        """Consume ``words`` (compared singular) when they come next; True when they did."""
        if all(self.word(k) == singular(w, english=True) for k, w in enumerate(words)):
            self.i += len(words)
            return True
        return False

    def number(self) -> int | None:
        tok = self.peek()
        if tok is not None and re.fullmatch(r"-?\d+", tok):
            self.i += 1
            return int(tok)
        return None

    def at_end(self) -> bool:
        return self.i >= len(self.tokens)


def _numbers(w: _Words) -> list[int] | None:
    """ "3, 4, and 5" / "100 and 150" / "7": a list of integers (the cursor moves only on success)."""
    start = w.i
    first = w.number()
    if first is None:
        return None
    nums = [first]
    while True:
        mark = w.i
        w.take(",")
        joined = w.take("and")
        value = w.number()
        if value is None:
            w.i = mark
            break
        nums.append(value)
        if joined:
            break
    if len(nums) > 2 and not joined:  # "3, 4, 5" with no "and" closing the list
        w.i = start
        return None
    return nums


def _pattern(w: _Words, pattern: str) -> list | None:
    """Match one phrase pattern at the cursor; return its slot values, or None (cursor unchanged)."""
    start = w.i
    values: list = []
    value: object
    for part in pattern.split():
        if part == "[a]":
            w.take("a") or w.take("an")
            continue
        if part == "{n}":
            value = w.number()
        elif part == "{nums}":
            value = _numbers(w)
        elif part == "{set}":
            value = _finite_set(w)
        else:
            value = True if w.take(part) else None
        if value is None:
            w.i = start
            return None
        if part != "{n}" and part != "{nums}" and part != "{set}":
            continue
        values.append(value)
    return values


def _phrase(w: _Words, table: list[tuple[str, Build]], first: frozenset[str] | set[str] | None = None) -> Cond | None:
    """The longest phrase of ``table`` at the cursor, built into its condition; None when none matches."""
    best: tuple[int, Cond] | None = None
    start = w.i
    for pattern, build in table:
        if first is not None and pattern.removeprefix("[a] ").split()[0] not in first:
            continue
        values = _pattern(w, pattern)
        if values is not None:
            cond = build(*values)
            if cond is not None and (best is None or w.i > best[0]):
                best = (w.i, cond)
        w.i = start
    if best is None:
        return None
    w.i = best[0]
    return best[1]


# the phrases that may follow a noun directly ("integers less than 100", "numbers divisible by 3")
_POSTMODIFIER_STARTS = frozenset(
    ["less", "greater", "at", "no", "not", "smaller", "below", "under", "larger", "more", "above", "between"]
    + ["from", "divisible", "evenly", "relatively", "other"]
)


def _finite_set(w: _Words) -> list[int] | None:
    """ "the four smallest odd, positive integers": a described set, listed (it must be finite)."""
    start = w.i
    w.take("the")
    try:
        subject = _subject(w)
        members = _all_members(subject)
    except (_Unread, Decline):
        w.i = start
        return None
    return members or None


def _subject(w: _Words) -> Subject:
    """A described set at the cursor: [selection] adjectives head [complement] postmodifiers."""
    select = None
    if w.take("first"):
        k = w.number()
        if k is None:
            raise _Unread
        select = ("least", k)
    elif w.peek() is not None and re.fullmatch(r"\d+", w.peek() or "") and w.word(1) in _SUPERLATIVES:
        k = w.number()
        assert k is not None
        select = (_SUPERLATIVES[w.word() or ""], k)
        w.i += 1
    conds: list[Cond] = []
    distinct = False
    while True:
        tok = w.word()
        if tok in ADJECTIVES and not (tok == "prime" and w.word(1) in ("factor", "divisor")):
            conds.append(ADJECTIVES[tok])
        elif tok is not None and tok.startswith("digit:"):
            conds.append(_digit_count(int(tok[6:])))
        elif tok == "distinct":
            distinct = True
        elif tok == "integer" and w.word(1) in ("multiple", "factor", "divisor"):
            # "integer multiples": the head says it; "integer factors" may count the negative ones too
            if w.word(1) != "multiple" and not any(c.lo == 1 for c in conds):
                raise _Unread
        elif tok == "," and conds and (w.word(1) in ADJECTIVES or (w.word(1) or "").startswith("digit:")):
            pass
        else:
            break
        w.i += 1
    noun, head = _head(w, conds, distinct)
    conds.extend(head)
    conds.extend(_postmodifiers(w))
    return Subject(noun=noun, conds=conds, select=select)


def _head(w: _Words, conds: list[Cond], distinct: bool) -> tuple[str, list[Cond]]:
    """The head noun and the conditions it brings ("multiples of 7": divisible by 7)."""
    for pattern in ("perfect square", "square number", "perfect cube"):
        if w.take(*pattern.split()):
            return pattern, [_CUBE if "cube" in pattern else _SQUARE]
    for noun in ("multiple", "factor", "divisor", "common"):
        if w.word() == noun or (noun == "factor" and w.word() == "prime" and w.word(1) in ("factor", "divisor")):
            cond = _phrase(w, PHRASES, {noun, "prime"})
            if cond is None:
                raise _Unread
            if cond.alt is not None and distinct:
                cond = replace(cond, alt=None)
            return noun, [cond]
    if w.word() in _HEADS:
        noun = w.word() or ""
        w.i += 1
        return noun, []
    if conds and conds[-1] is ADJECTIVES["prime"]:
        return "prime", []  # "primes less than 20": the adjective was the noun
    raise _Unread


def _postmodifiers(w: _Words) -> list[Cond]:
    """Conditions after the head: "less than 100", "that are divisible by 3", "with a units digit of 4"."""
    conds: list[Cond] = []
    while not w.at_end():
        mark = w.i
        w.take(",")
        if conds:
            w.take("and")
        if w.take("that") or w.take("which"):
            conds.extend(_verb_phrase(w))
            continue
        if w.take("with"):
            conds.extend(_listed(w, lambda: _phrase(w, HAVE_PHRASES)))
            continue
        if w.take("whose", "unit", "digit", "is") or w.take("whose", "one", "digit", "is"):
            d = w.number()
            if d is None or not 0 <= d <= 9:
                raise _Unread
            conds.append(_ends_in(d))
            continue
        cond = _phrase(w, PHRASES, _POSTMODIFIER_STARTS)
        if cond is None:
            w.i = mark
            break
        conds.append(cond)
    return conds


def _listed(w: _Words, one: Callable[[], Cond | None]) -> list[Cond]:
    """One or more conditions read by ``one``, joined by commas and "and"; at least one."""
    first = one()
    if first is None:
        raise _Unread
    out = [first]
    while True:
        mark = w.i
        w.take(",")
        w.take("and")
        cond = one()
        if cond is None:
            w.i = mark
            return out
        out.append(cond)


def _verb_phrase(w: _Words) -> list[Cond]:
    """ "are divisible by 4 and have a 2 in the units place": the conditions of one or more verbs."""
    conds: list[Cond] = []
    while True:
        w.take("also")
        if w.take("is") or w.take("are") or w.take("be"):
            w.take("also")
            w.take("both")
            conds.extend(_listed(w, lambda: _predicate(w)))
        elif w.take("has") or w.take("have"):
            conds.extend(_listed(w, lambda: _phrase(w, HAVE_PHRASES)))
        else:
            cond = _phrase(w, VERB_PHRASES)
            if cond is None:
                raise _Unread
            conds.append(cond)
        mark = w.i
        w.take(",")
        if not (w.take("and") and w.word() in ("is", "are", "has", "have", "leave", "divide", "end", "also")):
            w.i = mark
            return conds


def _predicate(w: _Words) -> Cond | None:
    """One predicate after "is"/"are": a phrase, an adjective ("odd"), "a positive 3-digit integer", or "not" one."""
    if w.take("not"):
        inner = _predicate(w)
        if inner is None:
            raise _Unread
        return _negated(inner)
    cond = _phrase(w, PHRASES)
    if cond is not None:
        return cond
    start = w.i
    w.take("a") or w.take("an")
    adjectives: list[Cond] = []
    while (tok := w.word()) is not None and (tok in ADJECTIVES or tok.startswith("digit:")):
        adjectives.append(ADJECTIVES[tok] if tok in ADJECTIVES else _digit_count(int(tok[6:])))
        w.i += 1
        w.take(",")
    w.take("integer") or w.take("number")
    if not adjectives:
        w.i = start
        return None
    return _all_of(adjectives)


def _all_of(conds: list[Cond]) -> Cond:
    if len(conds) == 1:
        return conds[0]
    lo = max((c.lo for c in conds if c.lo is not None), default=None)
    hi = min((c.hi for c in conds if c.hi is not None), default=None)
    return Cond(" ".join(c.text for c in conds), test=lambda n: all(c.holds(n) for c in conds), lo=lo, hi=hi)


def _negated(cond: Cond) -> Cond:
    alt = _negated(cond.alt) if cond.alt is not None else None
    return Cond(f"not {cond.text}", test=lambda n: not cond.holds(n), integral=cond.integral, alt=alt)


def _query(w: _Words) -> Query:
    """The question frame: how many / the greatest, least / the sum, product, mean / gcd, lcm / a remainder."""
    if w.take("how", "many"):
        w.take("of", "the")
        subject = _subject(w)
        if w.take("are", "there") or w.take("is", "there"):
            subject.conds.extend(_postmodifiers(w))
        if not w.at_end():
            subject.after.extend(_verb_phrase(w))
        return Query("count", subject)
    any(w.take(*lead) for lead in _LEADS)
    w.take("the") or w.take("a")
    for words, kind in _TERMS.items():
        if w.take(*words) and w.take("of"):
            nums = _numbers(w)
            if nums is None or len(nums) < 2 or any(n <= 0 for n in nums):
                raise _Unread
            return Query(kind, nums=nums)
    if w.take("number", "of"):
        w.take("the")
        subject = _subject(w)
        if not w.at_end():
            subject.after.extend(_verb_phrase(w))
        return Query("count", subject)
    if (sup := _SUPERLATIVES.get(w.word() or "")) is not None:
        w.i += 1
        w.take("possible")
        return Query(sup, _subject(w))
    if (agg := _AGGREGATES.get(w.word() or "")) is not None:
        w.i += 1
        w.take("mean")
        if not w.take("of"):
            raise _Unread
        w.take("all")
        w.take("of")
        w.take("the")
        return Query(agg, _subject(w))
    return _remainder_query(w)


def _remainder_query(w: _Words) -> Query:
    """ "the remainder when 2004 is divided by 12", "the remainder of 21 divided by 7", "the modulo 4 residue of 6"."""
    for pattern, order in (
        ("remainder when {n} is divided by {n}", (0, 1)),
        ("remainder of {n} divided by {n}", (0, 1)),
        ("remainder of {n} when divided by {n}", (0, 1)),
        ("remainder of {n} when it is divided by {n}", (0, 1)),
        ("modulo {n} residue of {n}", (1, 0)),
        ("modulo {n} remainder of {n}", (1, 0)),
        ("residue of {n} modulo {n}", (0, 1)),
    ):
        values = _pattern(w, pattern)
        if values is not None:
            n, k = values[order[0]], values[order[1]]
            if k <= 0 or n < 0:
                raise _Unread
            return Query("remainder", nums=[n, k])
    raise _Unread


# --- the question's words as tokens ---------------------------------------------------------

_TOKEN = re.compile(r"digit:\d+|-?\d+|[a-z]+(?:'[a-z]+)?|'s|[,?.]")
_SCALE = re.compile(r"\b(one|a|\d+) (hundred|thousand)\b")


def _segment_numbers(src: str) -> list[int] | None:
    """A math segment as integers: ``73``, ``1{,}000``, ``2^8``, ``3, 4,``; None for anything else."""
    text = re.sub(r"\\[,!;]|\{,\}|~", "", src).strip().rstrip("?.!,;: ").strip()
    parts = [p.strip() for p in text.split(",")] if re.fullmatch(r"-?\d+(?:\s*,\s*-?\d+)+", text) else [text]
    if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+", text):
        parts = [text.replace(",", "")]
    values = []
    for part in parts:
        if re.fullmatch(r"-?\d+", part):
            values.append(int(part))
            continue
        if re.search(r"\^\s*\{?\s*\d{3,}", part):
            return None  # a power too large to be a number this reader walks to
        try:
            value = parse_math(part)
            value = value.doit() if isinstance(value, sp.Basic) else value
        except (ParseFailure, Exception):  # noqa: BLE001  (SymPy raises many kinds on odd input)
            return None
        if not (isinstance(value, sp.Integer) and abs(int(value)) <= _MAX_VALUE):
            return None
        values.append(int(value))
    return values if all(abs(v) <= _MAX_VALUE for v in values) else None


def _tokens(prob: Problem) -> list[str] | None:
    """The question as tokens (math segments as their integers), or None when something is not words or integers."""

    def number(m: re.Match) -> str:
        values = _segment_numbers(prob.math[int(m.group(1))])
        if values is None:
            raise _Unread
        return " " + " , ".join(map(str, values)) + " "

    try:
        text = re.sub(r"⟦(\d+)⟧", number, prob.text)
    except _Unread:
        return None
    text = words_to_numbers(text.lower().replace("’", "'"))
    text = re.sub(r"\b(\d{1,3}(?:,\d{3})+)\b", lambda m: m.group(1).replace(",", ""), text)
    text = _SCALE.sub(lambda m: str((1 if m.group(1) in ("one", "a") else int(m.group(1))) * _SCALES[m.group(2)]), text)
    text = re.sub(r"\b(\d+)[- ]digit\b", r"digit:\1", text).replace("non-negative", "nonnegative")
    tokens = _TOKEN.findall(text)
    if re.sub(r"\s+", "", text) != "".join(tokens):
        return None  # a sign or symbol the grammar does not read
    if tokens and tokens[-1] in ("?", "."):
        tokens = tokens[:-1]
    if any(t in ("?", ".") for t in tokens):
        return None  # more than one sentence
    return tokens


_SCALES = {"hundred": 100, "thousand": 1000}


def read_question(prob: Problem) -> Query | None:
    """The integer-property question ``prob`` asks, fully read; None when any word is left unplaced."""
    tokens = _tokens(prob)
    if not tokens:
        return None
    tokens = _divisor_count_frame(tokens)
    w = _Words(tokens)
    try:
        query = _query(w)
    except _Unread:
        return None
    return query if w.at_end() else None


def _divisor_count_frame(tokens: list[str]) -> list[str]:
    """ "how many positive divisors does 36 have" reads as "how many positive divisors of 36"."""
    if len(tokens) > 4 and tokens[:2] == ["how", "many"] and tokens[-1] == "have" and tokens[-3] in ("does", "do"):
        if singular(tokens[-4], english=True) in ("factor", "divisor") and re.fullmatch(r"\d+", tokens[-2]):
            return [*tokens[:-3], "of", tokens[-2]]
    return tokens


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


def _all_members(subject: Subject) -> list[int]:
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


def _integral(subject: Subject) -> bool:
    return subject.noun not in ("number", "numeral") or any(c.integral for c in subject.conds + subject.after)


def _value(query: Query) -> sp.Integer | sp.Rational:
    """The exact answer of ``query`` under one reading of its words."""
    if query.target == "gcd":
        return sp.Integer(math.gcd(*query.nums))
    if query.target == "lcm":
        return sp.Integer(math.lcm(*query.nums))
    if query.target == "remainder":
        return sp.Integer(query.nums[0] % query.nums[1])
    subject = query.subject
    assert subject is not None
    if query.target in ("greatest", "least") and subject.select is None:
        found = next(_walk(subject.conds + subject.after, query.target == "least"), None)
        if found is None:
            raise Decline("No integer meets every condition in the question.")
        return sp.Integer(found)
    members = _all_members(subject)
    if query.target == "count":
        return sp.Integer(len(members))
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
    return sp.Rational(sum(members), len(members))


def _readings(query: Query) -> list[Query]:
    """The query under each reading of its two-way phrases: as read, each alternative alone, all of them."""
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
    values = {_value(q) for q in _readings(query)}
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
}


def _listing(nums: list[int], joiner: str = ", ") -> str:
    if len(nums) <= 12:
        return joiner.join(map(str, nums))
    return joiner.join(map(str, nums[:3])) + f"{joiner}\\ldots{joiner}" + joiner.join(map(str, nums[-2:]))


def _factored(n: int) -> str:
    return " \\cdot ".join(f"{p}^{{{e}}}" if e > 1 else str(p) for p, e in sorted(sp.factorint(n).items())) or "1"


def _described(subject: Subject) -> str:
    words = [c.text for c in subject.conds + subject.after]
    return f"the {subject.noun}s that are " + ", ".join(words) if words else f"the {subject.noun}s"


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
    members = _all_members(subject)
    if r.pool is not None:
        steps.append(step(_listing(sorted(r.pool)), "List the candidates."))
    steps.append(step(_listing(members) or "\\varnothing", f"The integers that meet every condition ({len(members)})."))
    if query.target == "count" and len(members) > 12 and _arithmetic(members):
        d = members[1] - members[0]
        steps.append(step(f"\\frac{{{members[-1]} - {members[0]}}}{{{d}}} + 1 = {value}", "Count them."))
    elif query.target == "sum":
        steps.append(step(f"{_listing(members, ' + ')} = {value}", "Add them."))
    elif query.target == "product":
        steps.append(step(_listing(members, " \\cdot ") + f" = {value}", "Multiply them."))
    elif query.target == "mean":
        steps.append(
            step(f"\\frac{{{sum(members)}}}{{{len(members)}}} = {sp.latex(value)}", "Divide the sum by the count.")
        )
    elif query.target in ("greatest", "least"):
        steps.append(step(sp.latex(value), f"The {query.target} of them is {value}."))
    return steps


def _arithmetic(nums: list[int]) -> bool:
    return len(nums) > 2 and all(b - a == nums[1] - nums[0] for a, b in zip(nums, nums[1:], strict=False))


def _number_steps(query: Query, value: sp.Expr) -> list:
    nums = query.nums
    if query.target == "remainder":
        n, k = nums
        return [step(f"{n} = {k} \\cdot {n // k} + {value}", f"Divide {n} by {k}: the remainder is what is left.")]
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


def _hints(query: Query) -> list[str]:
    if query.target in ("gcd", "lcm"):
        return ["Write each number as a product of primes.", "Compare the powers of each prime in the numbers."]
    if query.target == "remainder":
        return ["Divide and keep what is left over.", "The remainder is less than the divisor."]
    return [
        "Write down each condition the integers must meet.",
        "Find the range the conditions allow, then test the candidates in order.",
    ]


@reader(
    "integers",
    handles="integer-property questions: how many / the greatest, least / sum of integers described in words; gcd, lcm",
    order=140,
)
def read_integers(prob: Problem) -> Solution | None:
    """Answer an integer-property question read in full; None when it is not one (or a word is unplaced).

    Raises :class:`Decline` when the question is read but its set is unbounded, too large to search,
    empty, or reads two ways that disagree.
    """
    query = read_question(prob)
    if query is None or (query.subject is not None and not _integral(query.subject)):
        return None
    value = answer(query)
    steps = _subject_steps(query, value) if query.subject is not None else _number_steps(query, value)
    steps.append(step(sp.latex(value), "This is the answer."))
    return solved(
        prob.raw,
        "number theory",
        steps,
        _hints(query),
        value,
        verification="computed exactly: every candidate in the allowed range was tested against every condition",
    )
