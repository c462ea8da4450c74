"""The phrase table of the integer-property reader: words -> conditions on an integer, kept as data.

A condition (:class:`Cond`) is a test on an integer and/or bounds, a step (the members are multiples of
it) or a finite pool (the divisors of N), the words the steps show, and optionally another common
reading of the same words (``alt``: "between 1 and 10" with the ends in); the reader solves both
readings and declines when they disagree. :data:`PHRASES` are what follows "is"/"are" (and, for the
ones starting with :data:`POSTMODIFIER_STARTS`, what may follow a noun directly), :data:`HAVE_PHRASES`
what follows "has"/"with", :data:`VERB_PHRASES` other verbs; :data:`ADJECTIVES` come before the noun.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import sympy as sp

__all__ = ["ADJECTIVES", "PALINDROME", "PHRASES", "HAVE_PHRASES", "VERB_PHRASES", "Cond", "Build", "Unread"]

MAX_VALUE = 10**12  # numbers beyond this are not integer-property questions at this level

Build = Callable[..., "Cond | None"]  # a phrase's slot values -> its condition (None: the values do not fit)


class Unread(Exception):
    """The grammar does not place this part of the question (the reader returns None)."""


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


def said(b: sp.Expr) -> str:
    """A bound as the steps say it: "100", or "$3 \\sqrt{5} \\approx 6.71$" for a bound that is not an integer."""
    if b.is_Integer:
        return str(b)
    return f"${sp.latex(b)} \\approx {float(b):.4g}$"


def _floor(b: sp.Expr) -> int:
    return int(sp.floor(b))


def _ceil(b: sp.Expr) -> int:
    return int(sp.ceiling(b))


# Bounds may be any real constant ("less than $100\\pi$", "between $3\\sqrt{5}$ and $5\\sqrt{3}$"): each is
# turned into the nearest integer bound on the side it keeps, so an integer n < b exactly when n <= ceil(b) - 1.
def _at_most(b: sp.Expr) -> Cond:
    return Cond(f"at most {said(b)}", hi=_floor(b), integral=False)


def _at_least(b: sp.Expr) -> Cond:
    return Cond(f"at least {said(b)}", lo=_ceil(b), integral=False)


def _less_than(b: sp.Expr) -> Cond:
    return Cond(f"less than {said(b)}", hi=_ceil(b) - 1, integral=False)


def _greater_than(b: sp.Expr) -> Cond:
    return Cond(f"greater than {said(b)}", lo=_floor(b) + 1, integral=False)


def _from_to(a: sp.Expr, b: sp.Expr) -> Cond:
    return Cond(f"from {said(a)} to {said(b)}", lo=_ceil(a), hi=_floor(b))


def _between(a: sp.Expr, b: sp.Expr) -> Cond:
    """ "between a and b": the ends out, or (the other common reading) in; for ends that are not integers
    the two readings are the same set."""
    inside = _from_to(a, b)
    return Cond(f"between {said(a)} and {said(b)}", lo=_floor(a) + 1, hi=_ceil(b) - 1, integral=False, alt=inside)


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


def digit_count(d: int) -> Cond:
    return Cond(f"{d}-digit", lo=10 ** (d - 1), hi=10**d - 1)


def _divisible(nums: list[int]) -> Cond:
    if any(k == 0 for k in nums):
        raise Unread
    step = math.lcm(*nums)
    return Cond(f"divisible by {join(nums)}", step=step)


def _divisible_by_any(nums: list[int]) -> Cond:
    """ "divisible by 3 or 5": by at least one of them (inclusive or, as counting questions mean it)."""
    if any(k == 0 for k in nums):
        raise Unread
    return Cond(f"divisible by {' or '.join(map(str, nums))}", test=lambda n: any(n % k == 0 for k in nums))


def _divisible_by_one(nums: list[int]) -> Cond:
    """ "divisible by 3 or 5 but not both": by exactly one of them."""
    if any(k == 0 for k in nums):
        raise Unread
    return Cond(f"divisible by exactly one of {join(nums)}", test=lambda n: sum(n % k == 0 for k in nums) == 1)


def divides_all(nums: list[int]) -> Cond:
    """A (positive) divisor of every number in ``nums``."""
    if any(k <= 0 for k in nums):
        raise Unread
    g = math.gcd(*nums)
    return Cond(f"a factor of {join(nums)}", pool=tuple(int(d) for d in sp.divisors(g)))


def _shared_with(kind: str, k: int, value: int) -> Cond | None:
    """n's greatest common divisor (``kind`` "gcd") or least common multiple ("lcm") with k is ``value``."""
    if k <= 0 or value <= 0:
        return None
    if kind == "gcd":
        return Cond(f"gcd(n, {k}) = {value}", test=lambda n: math.gcd(n, k) == value)
    return Cond(f"lcm(n, {k}) = {value}", test=lambda n: n > 0 and math.lcm(n, k) == value)


def _prime_factors(n: int) -> Cond:
    if n < 2:
        raise Unread
    distinct = tuple(int(p) for p in sp.primefactors(n))
    repeated = tuple(int(p) for p, e in sp.factorint(n).items() for _ in range(e))
    base = Cond(f"a prime factor of {n}", pool=distinct)
    return base if distinct == repeated else replace(base, alt=replace(base, pool=repeated))


def _is_power(k: int) -> Callable[[int], bool]:
    def test(n: int) -> bool:
        if n < 0 and k % 2 == 0:
            return False
        root = round(abs(n) ** (1 / k))
        return any((root + d) ** k == abs(n) for d in (-1, 0, 1))

    return test


def _digits(test: Callable[[list[int]], bool], text: str) -> Cond:
    """A condition on the decimal digits of a number."""
    return Cond(text, test=lambda n: test([int(c) for c in str(abs(n))]))


def _only_digits(nums: list[int]) -> Cond | None:
    if any(not 0 <= d <= 9 for d in nums):
        return None
    allowed = set(nums)
    return _digits(lambda ds: set(ds) <= allowed, f"written only with the digits {join(nums)}")


def join(nums: list[int]) -> str:
    return str(nums[0]) if len(nums) == 1 else ", ".join(map(str, nums[:-1])) + f" and {nums[-1]}"


def _digit_times(d: int, times: Callable[[int], bool], text: str) -> Cond | None:
    """A digit ``d`` written a number of times that ``times`` accepts ("exactly one 0")."""
    if not 0 <= d <= 9:
        return None
    return _digits(lambda ds: times(ds.count(d)), f"with {text} digit {d}")


def _remainder(r: int, k: int) -> Cond:
    if k <= 0 or not 0 <= r < k:
        raise Unread
    return Cond(f"leaving remainder {r} when divided by {k}", test=lambda n: n % k == r)


def _remainder_each(r: int, ks: list[int]) -> Cond:
    """ "a remainder of 2 when divided by each of 3, 4, 5 and 6": the same remainder for every divisor."""
    if not ks or any(k <= 0 or not 0 <= r < k for k in ks):
        raise Unread
    by = ", ".join(map(str, ks))
    return Cond(f"leaving remainder {r} when divided by each of {by}", test=lambda n: all(n % k == r for k in ks))


def ends_in(v: int) -> Cond:
    if v < 0:
        raise Unread
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
_UNIT_DIVIDES = Cond("divisible by its units digit", test=lambda n: n % 10 != 0 and n % (abs(n) % 10) == 0)
PALINDROME = Cond("a palindrome", lo=0, test=lambda n: str(n) == str(n)[::-1])
ADJECTIVES["palindromic"] = PALINDROME
SQUARE = Cond("a perfect square", lo=0, test=_is_square, alt=Cond("a positive perfect square", lo=1, test=_is_square))
CUBE = Cond("a perfect cube", test=_is_cube)
_POWERS = {"fourth": 4, "fifth": 5, "sixth": 6}
_DIGIT_SUM = "with digit sum {}"

# Phrases of the grammar, as data: words with typed slots -> the condition they add.
# {n}: one integer; {nums}: a list ("3, 4, and 5", "both 100 and 150"); {set}: a described finite set;
# {list}: a list written with dots ("6, 10, 14, \\ldots, 86").
# Words are compared singular ("multiples" = "multiple"); "[a]" is an optional article.
PHRASES: list[tuple[str, Build]] = [
    ("less than or equal to {b}", lambda b: _at_most(b)),
    ("greater than or equal to {b}", lambda b: _at_least(b)),
    ("at most {b}", lambda b: _at_most(b)),
    ("no more than {b}", lambda b: _at_most(b)),
    ("no greater than {b}", lambda b: _at_most(b)),
    ("not exceeding {b}", lambda b: _at_most(b)),
    ("at least {b}", lambda b: _at_least(b)),
    ("no less than {b}", lambda b: _at_least(b)),
    ("less than {b}", lambda b: _less_than(b)),
    ("smaller than {b}", lambda b: _less_than(b)),
    ("below {b}", lambda b: _less_than(b)),
    ("under {b}", lambda b: _less_than(b)),
    ("greater than {b}", lambda b: _greater_than(b)),
    ("larger than {b}", lambda b: _greater_than(b)),
    ("more than {b}", lambda b: _greater_than(b)),
    ("above {b}", lambda b: _greater_than(b)),
    ("between {b} and {b} , inclusive", lambda a, b: _from_to(a, b)),
    ("between {b} and {b} inclusive", lambda a, b: _from_to(a, b)),
    ("between {b} and {b}", lambda a, b: _between(a, b)),
    ("from {n} through {n}", lambda a, b: Cond(f"from {a} through {b}", lo=a, hi=b)),
    ("from {n} through {n} , inclusive", lambda a, b: Cond(f"from {a} through {b}", lo=a, hi=b)),
    ("from {n} through {n} inclusive", lambda a, b: Cond(f"from {a} through {b}", lo=a, hi=b)),
    ("in the range {n} through {n}", lambda a, b: Cond(f"from {a} through {b}", lo=a, hi=b)),
    ("in the range {n} through {n} , inclusive", lambda a, b: Cond(f"from {a} through {b}", lo=a, hi=b)),
    ("in the range {n} to {n} , inclusive", lambda a, b: Cond(f"from {a} to {b}", lo=a, hi=b)),
    ("from {n} to {n} , inclusive", lambda a, b: Cond(f"from {a} to {b}", lo=a, hi=b)),
    ("from {n} to {n} inclusive", lambda a, b: Cond(f"from {a} to {b}", lo=a, hi=b)),
    ("from {n} to {n}", lambda a, b: Cond(f"from {a} to {b}", lo=a, hi=b)),
    ("divisible by {alts}", lambda nums: _divisible_by_any(nums)),
    ("divisible by {alts} but not both", lambda nums: _divisible_by_one(nums) if len(nums) == 2 else None),
    ("[a] multiple of {alts} but not both", lambda nums: _divisible_by_one(nums) if len(nums) == 2 else None),
    ("[a] multiple of {alts}", lambda nums: _divisible_by_any(nums)),
    ("divisible by {nums}", _divisible),
    ("divisible by {set}", _divisible),
    ("divisible by each of {set}", _divisible),
    ("evenly divisible by {nums}", _divisible),
    ("not divisible by {n}", lambda k: Cond(f"not divisible by {k}", test=lambda n: n % k != 0) if k else None),
    ("[a] multiple of {n}", lambda k: _divisible([k])),
    ("[a] multiple of both {nums}", _divisible),
    ("[a] multiple of each of {nums}", _divisible),
    ("[a] common multiple of {nums}", _divisible),
    ("[a] factor of {n}", lambda k: divides_all([k])),
    ("[a] divisor of {n}", lambda k: divides_all([k])),
    ("[a] factor of both {nums}", divides_all),
    ("[a] divisor of both {nums}", divides_all),
    ("[a] factor of each of {nums}", divides_all),
    ("[a] common factor of {nums}", divides_all),
    ("[a] common divisor of {nums}", divides_all),
    ("[a] prime factor of {n}", _prime_factors),
    ("[a] prime divisor of {n}", _prime_factors),
    ("[a] prime number", lambda: ADJECTIVES["prime"]),
    ("[a] prime", lambda: ADJECTIVES["prime"]),
    ("[a] perfect square", lambda: SQUARE),
    ("[a] perfect cube", lambda: CUBE),
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
    ("relatively prime with {n}", lambda k: Cond(f"relatively prime to {k}", test=lambda n: math.gcd(n, k) == 1)),
    ("divisible by its unit digit", lambda: _UNIT_DIVIDES),
    ("divisible by their unit digit", lambda: _UNIT_DIVIDES),
    ("[a] palindrome", lambda: PALINDROME),
    ("{n} more than [a] perfect square", lambda k: _square_plus([k])),
    ("{n} or {n} more than [a] perfect square", lambda a, b: _square_plus([a, b])),
    ("{n} less than [a] perfect square", lambda k: _square_plus([-k])),
    *(
        (f"equal to {{n}} times [a] {word} integer", lambda k, c=cond: _times_of(k, c))
        for word, cond in (("even", "even"), ("odd", "odd"), ("positive", "positive"), ("prime", "prime"))
    ),
    ("equal to {n} times [a] integer", lambda k: _divisible([k])),
    ("{n} more than [a] multiple of {n}", lambda r, k: _remainder(r % k, k) if k > 0 else None),
    ("congruent to {n} modulo {n}", lambda r, k: _remainder(r % k, k) if k > 0 else None),
    ("congruent to {n} mod {n}", lambda r, k: _remainder(r % k, k) if k > 0 else None),
    ("{n} less than [a] multiple of {n}", lambda r, k: _remainder(-r % k, k) if k > 0 else None),
    ("in the list {list}", lambda nums: Cond("in the list", pool=tuple(nums))),
    ("other than {n}", lambda v: Cond(f"other than {v}", test=lambda n: n != v)),
    *(
        (f"[a] perfect {w} power", lambda k=k: Cond(f"a perfect power {k}", test=_is_power(k)))
        for w, k in _POWERS.items()
    ),
    ("whose digit sum to {n}", lambda t: _digits(lambda ds: sum(ds) == t, _DIGIT_SUM.format(t))),
    ("the sum of whose digit is {n}", lambda t: _digits(lambda ds: sum(ds) == t, _DIGIT_SUM.format(t))),
    ("the product of whose digit is {n}", lambda t: _digits(lambda ds: math.prod(ds) == t, f"digit product {t}")),
    ("{n} through {n}", lambda a, b: Cond(f"from {a} through {b}", lo=a, hi=b)),  # "the integers 1 through 9"
    ("whose digit add up to {n}", lambda t: _digits(lambda ds: sum(ds) == t, _DIGIT_SUM.format(t))),
    ("such that the digit add up to {n}", lambda t: _digits(lambda ds: sum(ds) == t, _DIGIT_SUM.format(t))),
    ("such that the sum of the digit is {n}", lambda t: _digits(lambda ds: sum(ds) == t, _DIGIT_SUM.format(t))),
    ("in which the sum of the digit is {n}", lambda t: _digits(lambda ds: sum(ds) == t, _DIGIT_SUM.format(t))),
    (
        "in which the product of the digit is {n}",
        lambda t: _digits(lambda ds: math.prod(ds) == t, f"digit product {t}"),
    ),
    (
        "such that the product of the digit is {n}",
        lambda t: _digits(lambda ds: math.prod(ds) == t, f"digit product {t}"),
    ),
]

# "whose greatest common divisor with 36 is 18", "for which the least common multiple of that integer and 6 is 30"
_SHARED = {"gcd": ("greatest common divisor", "greatest common factor"), "lcm": ("least common multiple",)}
_SHARED_FRAMES = (
    "whose {term} with {{n}} is {{n}}",
    "for which the {term} of that integer and {{n}} is {{n}}",
    "for which the {term} of that number and {{n}} is {{n}}",
    "for which the {term} of it and {{n}} is {{n}}",
    "such that the {term} of it and {{n}} is {{n}}",
)
PHRASES += [
    (frame.format(term=term), lambda k, v, kind=kind: _shared_with(kind, k, v))
    for kind, terms in _SHARED.items()
    for term in terms
    for frame in _SHARED_FRAMES
]

# After "has"/"have"/"with" (and the verbs named here), the phrases of what a number has or does.
HAVE_PHRASES: list[tuple[str, Build]] = [
    *(
        (f"[a] {term} of {{n}} with {{n}}", lambda v, k, kind=kind: _shared_with(kind, k, v))
        for kind, terms in _SHARED.items()
        for term in terms
    ),
    ("[a] {n} in the unit place", lambda d: ends_in(d) if 0 <= d <= 9 else None),
    ("[a] {n} in the one place", lambda d: ends_in(d) if 0 <= d <= 9 else None),
    ("[a] unit digit of {n}", lambda d: ends_in(d) if 0 <= d <= 9 else None),
    ("[a] one digit of {n}", lambda d: ends_in(d) if 0 <= d <= 9 else None),
    ("exactly {n} positive factor", lambda k: _divisor_count(k)),
    *(
        (f"{exact}{{n}} {kind} prime {noun}", lambda k: _prime_factor_count(k))
        for exact in ("", "exactly ")
        for kind in ("distinct", "different")
        for noun in ("factor", "divisor")
    ),
    ("exactly {n} positive divisor", lambda k: _divisor_count(k)),
    ("exactly {n} factor", lambda k: _divisor_count(k)),
    ("exactly {n} divisor", lambda k: _divisor_count(k)),
    ("[a] remainder of {n} when divided by {n}", _remainder),
    ("[a] remainder {n} when divided by {n}", _remainder),
    ("[a] remainder of {n} when divided by each of {nums}", _remainder_each),
    ("[a] remainder of {n} when divided by {nums}", _remainder_each),
    *(
        (f"{article} {parity} number of {positive}{noun}", lambda odd=parity == "odd": _divisor_parity(odd))
        for article in ("a", "an")
        for parity in ("odd", "even")
        for positive in ("", "positive ")
        for noun in ("factor", "divisor")
    ),
    ("only prime digit", lambda: _digits(lambda ds: all(d in (2, 3, 5, 7) for d in ds), "with only prime digits")),
    ("[a] digit product of {n}", lambda t: _digits(lambda ds: math.prod(ds) == t, f"digit product {t}")),
    ("nonzero digit", lambda: _digits(lambda ds: 0 not in ds, "with nonzero digits")),
    ("distinct digit", lambda: _digits(lambda ds: len(set(ds)) == len(ds), "with distinct digits")),
    ("[a] digit sum of {n}", lambda t: _digits(lambda ds: sum(ds) == t, _DIGIT_SUM.format(t))),
    ("the sum of their digit equal to {n}", lambda t: _digits(lambda ds: sum(ds) == t, _DIGIT_SUM.format(t))),
    ("only odd digit", lambda: _digits(lambda ds: all(d % 2 for d in ds), "with only odd digits")),
    ("only even digit", lambda: _digits(lambda ds: not any(d % 2 for d in ds), "with only even digits")),
    ("exactly {n} {n}", lambda k, d: _digit_times(d, lambda c: c == k, f"exactly {k}")),
    ("at least {n} {n}", lambda k, d: _digit_times(d, lambda c: c >= k, f"at least {k}")),
]
VERB_PHRASES: list[tuple[str, Build]] = [
    ("leave [a] remainder of {n} when divided by {n}", _remainder),
    ("leave [a] remainder {n} when divided by {n}", _remainder),
    ("give [a] remainder of {n} when divided by {n}", _remainder),
    ("leave [a] remainder of {n} when divided by each of {nums}", _remainder_each),
    ("leave [a] remainder of {n} when divided by each of the number {nums}", _remainder_each),
    ("leave [a] remainder of {n} when divided by {nums}", _remainder_each),
    ("give [a] remainder of {n} when divided by each of {nums}", _remainder_each),
    ("divide {n}", lambda k: divides_all([k])),
    ("divide {n} evenly", lambda k: divides_all([k])),
    ("end in {n}", ends_in),
    ("end with {n}", ends_in),
    ("end with the digit {n}", lambda d: ends_in(d) if 0 <= d <= 9 else None),
    ("end in the digit {n}", lambda d: ends_in(d) if 0 <= d <= 9 else None),
    ("contain exactly {n} {n}", lambda k, d: _digit_times(d, lambda c: c == k, f"exactly {k}")),
    ("contain exactly one {n}", lambda d: _digit_times(d, lambda c: c == 1, "exactly one")),
    ("contain at least one {n}", lambda d: _digit_times(d, lambda c: c >= 1, "at least one")),
    ("contain at least {n} {n}", lambda k, d: _digit_times(d, lambda c: c >= k, f"at least {k}")),
    ("can be written with only the digit {nums}", _only_digits),
    ("can be written using only the digit {nums}", _only_digits),
]


REMAINDERS = [(p, b) for p, b in HAVE_PHRASES if "remainder" in p]


def _divisor_parity(odd: bool) -> Cond:
    word = "an odd" if odd else "an even"
    return Cond(f"with {word} number of positive divisors", lo=1, test=lambda n: int(sp.divisor_count(n)) % 2 == odd)


def _square_plus(ks: list[int]) -> Cond:
    """ "1 or 2 more than a perfect square": n - k is a square for one of the ``ks``."""
    words = " or ".join(str(abs(k)) for k in ks) + (" more" if ks[0] > 0 else " less")
    return Cond(f"{words} than a perfect square", test=lambda n: any(_is_square(n - k) for k in ks))


def _times_of(k: int, adjective: str) -> Cond | None:
    """ "equal to 5 times an even integer": a multiple of k whose quotient has the adjective's property."""
    if k <= 0:
        return None
    inner = ADJECTIVES[adjective]
    return Cond(
        f"{k} times {'an' if adjective[0] in 'aeiou' else 'a'} {adjective} integer",
        step=k,
        test=lambda n: inner.holds(n // k),
    )


def _prime_factor_count(k: int) -> Cond:
    """n has exactly k distinct prime factors ("a perfect square with 3 different prime factors")."""
    return Cond(f"with {k} distinct prime factors", lo=2, test=lambda n: n > 1 and len(sp.primefactors(n)) == k)


def _divisor_count(k: int) -> Cond:
    return Cond(f"with exactly {k} positive divisors", lo=1, test=lambda n: n > 0 and int(sp.divisor_count(n)) == k)


# Head nouns of a described set; "integer"/"number" add nothing but the integer reading.
HEADS = {"integer", "number", "numeral"}
SUPERLATIVES = {
    "greatest": "greatest",
    "largest": "greatest",
    "biggest": "greatest",
    "highest": "greatest",
    "least": "least",
    "smallest": "least",
    "lowest": "least",
}
AGGREGATES = {
    "sum": "sum",
    "product": "product",
    "mean": "mean",
    "average": "mean",
    "arithmetic": "mean",
    "median": "median",
    "range": "range",
}
TERMS = {
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
LEADS = (("what", "is"), ("what's",), ("find",), ("compute",), ("determine",), ("calculate",), ("give",))
