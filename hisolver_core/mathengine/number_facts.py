"""Facts about given numbers: digits of a decimal expansion, remainders and congruences, numerals in a
base, exponents in a prime factorization.

"What is the 453rd digit to the right of the decimal point in the decimal expansion of 6/13?", "If
n ≡ 2 (mod 7), find the remainder when (n + 2)(n + 4)(n + 6) is divided by 7", "What is 340 in base 7?",
"In the prime factorization of 109!, what is the exponent of 3?": the asked sentence is matched whole
against the patterns in :data:`QUESTIONS` (data: a pattern and the fact it asks), each placeholder bound
to a number the math gives, and the answer is computed exactly: long division with its repeating block,
arithmetic modulo m without forming huge powers, every residue of the unknowns tried against the
congruences given, SymPy's multiplicity. A sentence not matched whole, a number of the wrong kind (a
fraction where an integer is needed), and congruences that leave several answers are not answered.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

import sympy as sp

from ..solution import Solution, Step
from .build import solved, step, tex
from .options import choose_option
from .parse import parse_math
from .problem import Problem
from .readers import reader
from .words import ORDINALS, sentences

__all__ = ["QUESTIONS", "read_number_facts"]

_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ENUMERATION_LIMIT = 200_000  # residues (or candidates) tried at most for a congruence
_DECIMAL = r"(?:the )?(?:terminating |repeating )?decimal (?:expansion|representation)(?: of| for)?"
_EXPANSION = r"(?:the )?(?:decimal )?(?:expansion|representation)(?: of| for)?"  # after "the decimal point"
_BASE = r"base-?\s?(?P<b>⟦\d+⟧|ten|two|\d+)"

# (fact, pattern over the normalised asked sentence): {x} a number, {n} a position, {m} a modulus,
# {p} a prime, {v} the unknown asked for, {c} a congruence, {r} a range such as 0 <= n < 18
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("digit_at", r"what is the {n} digit (?:to the right of|past|after|beyond) the decimal(?: point)?(?: in)? {E} {x}"),
    ("digit_in", r"what is the {n} digit (?:in|of) {D} {x}"),  # digits after the point only for 0 < x < 1
    ("last_nonzero", r"what is the last nonzero digit to the right of the decimal point in {D} {x}"),
    # "when x is written as a decimal, ...": Problem's format reading takes "written as a decimal" out
    ("places", r"when {x} is how many digits are (?:there )?to the right of the decimal point"),
    ("places", r"how many digits does the decimal (?:equal to|for|of) {x} have to the right of the decimal point"),
    ("places", r"how many digits are (?:there )?to the right of the decimal point in {D} {x}"),
    ("decimal_digit_sum", r"what is the sum of the digits (?:in|of) {D} (?:the fraction )?{x}"),
    ("units", r"what is the (?:units|ones|last) digit (?:of|in) {x}"),
    (
        "units",
        r"what is the (?:units|ones|last) digit (?:when|if) {x} is (?:multiplied out|written out|computed|"
        r"evaluated|expanded)",
    ),
    ("units", r"when {x} is(?: notation| written out)? what is its (?:units|ones|last) digit"),
    (
        "place_digit",
        r"what is the (?P<place>tens|hundreds|thousands) digit (?:in|of) (?:the following (?:sum|product):? )?"
        r"(?:the (?:sum|product|number) )?{x}",
    ),
    ("last_digits", r"when {x} is evaluated what are the (?:final|last) (?P<k>two|three) digits"),
    ("last_digits", r"what are the (?:final|last) (?P<k>two|three) digits of {x}"),
    ("digit_count", r"how many digits are (?:there )?in (?:the number |the integer )?{x}"),
    (
        "digit_count",
        r"if (?:the product |the number )?{x} is how many digits are in this integer",
    ),
    (
        "decimal_place",
        r"what is the digit in the (?P<place>tenths|hundredths|thousandths) place of the decimal "
        r"(?:equivalent|expansion|representation) of {x}",
    ),
    ("to_decimal", r"convert {x} to a (?:terminating )?decimal"),
    ("remainder", r"what is the remainder when {x} is divided by {m}"),
    ("remainder", r"what is the remainder of {x} (?:when )?divided by {m}"),
    ("remainder", r"what is the remainder of {x} \(?mod(?:ulo)? {m}\)?"),
    ("remainder", r"what is the residue of {x} modulo {m}"),
    ("remainder", r"what is {x} (?:mod|modulo) {m}"),
    ("solve_residue", r"solve the congruence {c} as a residue modulo {m}"),
    ("solve_in_range", r"what integer {v} satisfies {r} and {c}"),
    ("solve_in_range", r"what is (?:the integer )?{v} {r} that satisfies {c}"),
    (
        "inverse",
        r"what is an integer {v} such that {r} and {u} is (?:a|the) multiplicative inverse (?:to|of) {x} "
        r"modulo {m}",
    ),
    ("to_base", r"what is {x} (?:when )?(?:expressed|written|converted) (?:in|to) " + _BASE),
    ("to_base", r"(?:convert|express|write) {x} (?:in|to) (?:a )?" + _BASE + r"(?: integer| number| numeral)?"),
    ("to_base", r"what is {x} in " + _BASE),
    ("base_digit_sum", r"what is the sum of the digits when {x} is (?:converted to|written in|expressed in) " + _BASE),
    (
        "base_digit_sum",
        r"when {x} is (?:converted to|written in|expressed in) " + _BASE + " what is the sum of the digits",
    ),
    ("base_length", r"how many digits does {x} have when (?:converted to|written in|expressed in) " + _BASE),
    ("base_last", r"what is the last digit of the " + _BASE + r" representation of {x}"),
    (
        "base_more_digits",
        r"how many more digits does {x} have when (?:expressed|written) in " + _BASE + r" than when "
        r"(?:expressed|written) in base-?\s?(?P<c>⟦\d+⟧|\d+)",
    ),
    (
        "base_extreme",
        r"what is the (?P<ext>largest|greatest|smallest|least) (?P<len>\d+)-digit " + _BASE + r" (?:integer|number)",
    ),
    ("unknown_base", r"if {x} is equal to {y} (?:find|what is) {v}(?: given that {r})?"),
    ("base_first_last", r"what is the product of the first and last digits of the " + _BASE + " representation of {x}"),
    ("base_arithmetic", r"(?:what is|subtract|add|multiply|simplify) {x}"),
    ("exponent", r"what is the exponent of {p} in the prime factorization of {x}"),
    ("exponent", r"in the prime factorization of {x} what is the exponent of {p}"),
    ("prime_count", r"how many (?:different|distinct) primes (?:appear|are there) in the prime factorization of {x}"),
    ("between_count", r"how many (?:integers|whole numbers) (?:lie |are there |are )?between {x} and {y}"),
    ("between_one", r"what is the integer (?:that lies |that is |lying )?between {x} and {y}"),
    ("between_value", r"what is {x}"),  # after "x is between the consecutive integers a and b"
)

_SLOTS = {
    "x": r"(?P<x>⟦\w+⟧)",
    "n": r"(?P<n>⟦\d+⟧)(?:st|nd|rd|th)?",
    "m": r"(?P<m>⟦\d+⟧)",
    "y": r"(?P<y>⟦\w+⟧)",
    "p": r"(?P<p>⟦\d+⟧)",
    "v": r"(?P<v>⟦\d+⟧)",
    "c": r"(?P<c>⟦\d+⟧)",
    "r": r"(?P<r>⟦\d+⟧)",
    "u": r"(?P<u>⟦\d+⟧)",
    "D": _DECIMAL,
    "E": _EXPANSION,
}


def _compile(pattern: str) -> re.Pattern[str]:
    seen: set[str] = set()

    def slot(m: re.Match) -> str:
        name = m.group(1)
        if name in seen and name not in "DE":
            return f"(?P={name})"  # the same placeholder again
        seen.add(name)
        return _SLOTS[name]

    return re.compile(re.sub(r"\{(\w)\}", slot, pattern).replace(" ", r",? "))


_COMPILED = tuple((fact, _compile(pattern)) for fact, pattern in QUESTIONS)

_NORMALISE = (
    (r"[’`]", "'"),
    (r"\s+", " "),
    (r"\bwhat's\b", "what is"),
    (r"^(?:then )?(?:find|determine|compute|calculate|give|evaluate)\b(?: the value of)?", "what is"),
    (r"\(\s*\)", ""),  # "(in base 10)" once the base request is taken out
    (r"\(\s*(⟦\d+⟧) factorial\s*\)", ""),
    (r"\bthe (?:number|integer|fraction|expression) (?=⟦\d+⟧ (?!\d))", ""),
    (r"\bmultiplied out\b", "multiplied out"),
)
# a parenthetical that only restates the format ("(Give an answer between 0 and 10.)", "(Reminder: ...)")
_ASIDE = re.compile(r"\s*\((?:reminder|that is|i\.e\.|give|when you|note|express)\b[^()]*(?:\([^()]*\)[^()]*)*\)", re.I)
_USE_DIGITS = re.compile(r"use (?:the )?digits [a-z, ]+ (?:if necessary|as needed)")
_INTEGERS = re.compile(r"(?:in this problem,? )?(?:⟦\d+⟧(?:,? and |, )?)+ (?:are|is an?) (?:positive )?integers?")
_BETWEEN = re.compile(
    r"(?:the value of )?(?P<x>⟦\d+⟧) (?:is|lies) between (?:the )?(?:two )?consecutive integers (?P<a>⟦\d+⟧) and "
    r"(?P<b>⟦\d+⟧)"
)
_IF_GIVEN = re.compile(r"^(?:if|given that|suppose that|suppose) (?P<g>⟦\d+⟧(?:,? and ⟦\d+⟧)*)(?:, (?:then )?| then )")
_CONGRUENCE = re.compile(
    r"^(?P<lhs>.+?)\\equiv(?P<rhs>.+?)\\?\(?\s*(?:\\pmod\s*\{?\s*|\\bmod\s*|mod\s*)(?P<m>\d+)\s*\}?\s*\)?[.~?\s]*$"
)


@dataclass
class _Reading:
    """The values of the question's placeholders and the congruences the problem gives."""

    prob: Problem
    values: dict[str, sp.Expr] = field(default_factory=dict)
    congruences: list[tuple[sp.Expr, int, str]] = field(default_factory=list)  # (lhs - rhs, modulus, source)
    between: tuple[sp.Expr, sp.Symbol, sp.Symbol] | None = None  # "x is between the consecutive integers a and b"
    between_source: str = ""  # x's LaTeX

    def segment(self, token: str) -> str:
        return self.prob.math[int(token.strip("⟦⟧"))]

    def value(self, token: str) -> sp.Expr | None:
        """The number (or expression) a placeholder stands for; None when it does not parse."""
        if token in self.values:
            return self.values[token]
        if not token:
            return None
        text = self.segment(token).strip()
        while text.endswith(")") and text.count(")") > text.count("("):  # "(mod 6)" cut as "6)"
            text = text[:-1]
        power = re.fullmatch(r"(\d+)\s*\^\s*\{?\s*(\d+)\s*\}?", text)
        if power:  # 1999^{2000}: the parser refuses to form it; arithmetic modulo m does not need to
            return sp.Pow(int(power.group(1)), int(power.group(2)), evaluate=False)
        try:
            obj = parse_math(text)
        except Exception:  # noqa: BLE001 - any parse failure means the placeholder is not a number here
            return None
        return obj if isinstance(obj, sp.Expr) else None

    def integer(self, token: str) -> int | None:
        value = self.value(token)
        if value is None or value.free_symbols:
            return None
        value = sp.nsimplify(value.doit())
        return int(value) if value.is_Integer else None

    def rational(self, token: str) -> sp.Rational | None:
        value = self.value(token)
        if value is None or value.free_symbols:
            return None
        value = sp.nsimplify(value.doit())
        return value if value.is_Rational else None


def _congruence(text: str) -> tuple[sp.Expr, int] | None:
    """``a \\equiv b \\pmod{m}`` as (a - b, m); None when ``text`` is not one."""
    m = _CONGRUENCE.match(text.strip())
    if not m:
        return None
    try:
        lhs, rhs = parse_math(m.group("lhs")), parse_math(m.group("rhs").strip(" ("))
    except Exception:  # noqa: BLE001 - not a congruence the engine reads
        return None
    modulus = int(m.group("m"))
    if not (isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)) or modulus < 2:
        return None
    return sp.expand(lhs - rhs), modulus


def _question(prob: Problem) -> tuple[str, _Reading] | None:
    """The normalised asked sentence and the reading of the rest; None when another sentence is not read."""
    reading = _Reading(prob)
    text = _ASIDE.sub("", prob.text)
    for i, source in enumerate(prob.math):
        found = _congruence(source)
        if found:
            reading.congruences.append((*found, source))
            reading.values[f"⟦{i}⟧"] = sp.Integer(0)  # marks a congruence segment
    parts = [s.strip().rstrip(".?!").strip() for s in sentences(text)]
    parts = [s for s in parts if not _USE_DIGITS.fullmatch(s.lower())]  # how to write digits past 9
    if not parts:
        return None
    *given, asked = parts
    for sentence in given:  # only "m and n are integers" and sentences of congruences may come before
        s = sentence.lower()
        if not (_INTEGERS.fullmatch(s) or _USE_DIGITS.fullmatch(s) or _only_congruences(s, reading)):
            if not (m := _BETWEEN.fullmatch(s)) or reading.between is not None:
                return None
            x, a, b = reading.value(m.group("x")), reading.value(m.group("a")), reading.value(m.group("b"))
            if not (x is not None and isinstance(a, sp.Symbol) and isinstance(b, sp.Symbol) and a != b):
                return None
            reading.between = (x, a, b)
            reading.between_source = reading.segment(m.group("x"))
    q = asked.lower()
    m = _IF_GIVEN.match(q)
    if m:
        if not _only_congruences(m.group("g"), reading):
            return None
        q = q[m.end() :]
    for pattern, repl in _NORMALISE:
        q = re.sub(pattern, repl, q)
    q = re.sub(r"the (sum|product) of (⟦\d+⟧) and (⟦\d+⟧)", lambda m: _combined(m, reading), q)
    # "the base 10 integer 269", "the base-ten number 340": numbers in base ten are what the math gives
    q = re.sub(r"\bthe base-?\s?(ten|\d+|⟦\d+⟧) (?:integer|number) (?=⟦)", lambda m: _base_ten(m, reading), q)
    return re.sub(r"\s+", " ", q).strip(" ,"), reading


def _base_ten(m: re.Match, reading: _Reading) -> str:
    base = m.group(1)
    return "" if base in ("ten", "10") or (base.startswith("⟦") and reading.integer(base) == 10) else m.group(0)


def _only_congruences(text: str, reading: _Reading) -> bool:
    marks = re.findall(r"⟦\d+⟧", text)
    rest = re.sub(r"⟦\d+⟧|\band\b|[,\s]|^(?:if|suppose(?: that)?|given that)\b", "", text)
    sources = {src for _, _, src in reading.congruences}
    return bool(marks) and not rest and all(reading.segment(t) in sources for t in marks)


def _combined(m: re.Match, reading: _Reading) -> str:
    a, b = reading.rational(m.group(2)), reading.rational(m.group(3))
    if a is None or b is None:
        return m.group(0)
    token = f"⟦{m.group(1)}{len(reading.values)}⟧"
    reading.values[token] = a + b if m.group(1) == "sum" else a * b
    return token


# --- exact arithmetic --------------------------------------------------------------------------------------


def _mod(expr: sp.Expr, m: int) -> int | None:
    """``expr`` modulo ``m`` for an integer expression (sums, products, powers, factorials), without forming
    huge powers; None when ``expr`` is not an integer expression of those."""
    if expr.is_Integer:
        return int(expr) % m
    if isinstance(expr, sp.Add):
        parts = [_mod(a, m) for a in expr.args]
        return None if None in parts else sum(parts) % m  # type: ignore[arg-type]
    if isinstance(expr, sp.Mul):
        out = 1
        for a in expr.args:
            r = _mod(a, m)
            if r is None:
                return None
            out = out * r % m
        return out
    if isinstance(expr, sp.Pow) and expr.exp.is_Integer and expr.exp >= 0:
        base = _mod(expr.base, m)
        exp = sp.sympify(expr.exp)
        return None if base is None else pow(base, int(exp), m)
    if isinstance(expr, sp.Pow) and expr.exp.free_symbols == set() and expr.base.is_Integer:
        exp = sp.sympify(expr.exp).doit()
        if exp.is_Integer and 0 <= exp < 10**6:
            return pow(int(expr.base) % m, int(exp), m)
    if isinstance(expr, sp.factorial) and expr.args[0].is_Integer:
        n = int(expr.args[0])
        return 0 if n >= m else math.factorial(n) % m
    return None


def _expansion(x: sp.Rational) -> tuple[str, str, str]:
    """The decimal expansion of ``x`` >= 0 as (integer part, digits before the repeating block, repeating block)."""
    p, q = int(x.p), int(x.q)
    whole, rest = divmod(p, q)
    twos_fives = q
    for f in (2, 5):
        while twos_fives % f == 0:
            twos_fives //= f
    start = max(sp.multiplicity(2, q), sp.multiplicity(5, q))
    period = int(sp.n_order(10, twos_fives)) if twos_fives > 1 else 0
    digits = []
    for _ in range(start + period):
        rest *= 10
        d, rest = divmod(rest, q)
        digits.append(str(d))
    fixed, block = "".join(digits[:start]), "".join(digits[start:])
    return str(whole), fixed, block


def _written(x: sp.Rational) -> str:
    whole, fixed, block = _expansion(x)
    return f"{whole}.{fixed}\\overline{{{block}}}" if block else f"{whole}.{fixed}" if fixed else whole


def _in_base(n: int, b: int) -> str:
    out = ""
    while True:
        n, d = divmod(n, b)
        out = _DIGITS[d] + out
        if n == 0:
            return out


def _base_of(token: str, reading: _Reading) -> int | None:
    b = {"ten": 10, "two": 2}.get(token)
    if b is None:
        b = reading.integer(token) if token.startswith("⟦") else int(token)
    return b if b is not None and 2 <= b <= 36 else None


# --- the facts ----------------------------------------------------------------------------------------------


@dataclass
class _Answer:
    value: sp.Expr
    steps: list[Step]
    hints: list[str]
    latex: str | None = None


def _integer_digits(fact: str, slots: dict[str, str], reading: _Reading) -> _Answer | None:
    """A digit of an integer counted from the right, its last two or three digits, or how many digits it has."""
    expr = reading.value(slots["x"])
    if expr is None or expr.free_symbols:
        return None
    if fact == "digit_count":
        n = reading.integer(slots["x"])
        if n is None or n < 1:
            return None
        return _Answer(
            sp.Integer(len(str(n))),
            [step(f"{tex(expr)} = {n}", "Work out the integer."), step(str(len(str(n))), "Count its digits.")],
            ["Write the number as an integer (or as a power of 10 times a small number) and count its digits."],
        )
    k = {"tens": 1, "hundreds": 2, "thousands": 3, "two": 2, "three": 3}[slots.get("place") or slots["k"]]
    modulus = 10 ** (k + 1) if fact == "place_digit" else 10**k
    r = _mod(expr, modulus)
    if r is None:
        return None
    work = step(f"{tex(expr)} \\equiv {r} \\pmod{{{modulus}}}", f"Only the last {len(str(modulus)) - 1} digits matter.")
    if fact == "place_digit":
        digit = r // 10**k
        return _Answer(sp.Integer(digit), [work, step(str(digit), "Read the digit.")], ["Work modulo a power of 10."])
    digits = str(r).zfill(k)
    return _Answer(sp.Integer(r), [work], ["Work modulo a power of 10."], latex=digits)


def _decimal_fact(fact: str, x: sp.Rational, n: int | None) -> _Answer | None:
    if x < 0:
        return None
    whole, fixed, block = _expansion(x)
    shown = step(f"{tex(x)} = {_written(x)}", "Divide to write the number as a decimal.")
    if fact == "digit_at":
        if n is None or n < 1:
            return None
        if n <= len(fixed):
            digit = int(fixed[n - 1])
            why = f"Digit {n} comes before any repeating block."
        elif not block:
            digit, why = 0, f"The decimal ends after {len(fixed)} digits, so digit {n} is 0."
        else:
            k = (n - len(fixed) - 1) % len(block)
            digit = int(block[k])
            why = (
                f"The block of {len(block)} digits repeats after the first {len(fixed)}: digit {n} is digit {k + 1} "
                "of the block."
            )
        return _Answer(
            sp.Integer(digit),
            [shown, step(str(digit), why)],
            ["Write the number as a decimal and find where its digits start repeating."],
        )
    if block:  # the remaining facts are about a terminating decimal
        return None
    if fact == "places":
        return _Answer(
            sp.Integer(len(fixed)),
            [shown, step(str(len(fixed)), "Count the digits after the decimal point.")],
            ["Write the denominator with powers of 2 and 5: the larger exponent is the number of decimal places."],
        )
    if fact == "last_nonzero":
        nonzero = fixed.rstrip("0")
        if not nonzero:
            return None
        return _Answer(sp.Integer(int(nonzero[-1])), [shown], ["Write the fraction as a decimal."])
    total = sum(int(d) for d in whole + fixed)
    return _Answer(
        sp.Integer(total),
        [shown, step(" + ".join(whole + fixed) + f" = {total}", "Add the digits.")],
        ["Write the fraction as a terminating decimal, then add its digits."],
    )


def _solve_congruences(reading: _Reading, target: sp.Expr, modulus: int | None, candidates=None) -> _Answer | None:
    """Every residue of the unknowns tried: the one value of ``target`` (mod ``modulus``) the congruences allow."""
    letters = sorted(target.free_symbols | {s for c, _, _ in reading.congruences for s in c.free_symbols}, key=str)
    if not letters or not reading.congruences:
        return None
    moduli = [m for _, m, _ in reading.congruences] + ([modulus] if modulus else [])
    period = math.lcm(*moduli)
    polys = [c for c, _, _ in reading.congruences] + [target]
    if not all(sp.Poly(e, *letters).domain.is_ZZ for e in polys if e.free_symbols):
        return None
    ranges = [range(period)] * len(letters) if candidates is None else [candidates]
    if candidates is not None and len(letters) != 1:
        return None
    if math.prod(len(r) for r in ranges) > _ENUMERATION_LIMIT:
        return None
    found: dict[int, list[dict]] = {}
    for point in itertools.product(*ranges):
        subs = dict(zip(letters, point, strict=True))
        if all(int(c.subs(subs)) % m == 0 for c, m, _ in reading.congruences):
            value = int(target.subs(subs))
            found.setdefault(value % modulus if modulus else value, []).append(subs)
    if len(found) != 1:
        return None
    value, points = found.popitem()
    where = ", ".join(f"{sp.latex(c)} \\equiv 0 \\pmod{{{m}}}" for c, m, _ in reading.congruences)
    steps = [
        step(where, "Each congruence says the difference of its sides is a multiple of the modulus."),
        step(
            str(value),
            "Try every residue of "
            + ", ".join(f"${sp.latex(s)}$" for s in letters)
            + (f" modulo {period}" if candidates is None else " in the range given")
            + ": the congruences leave this one answer.",
        ),
    ]
    if len(points) == 1 and modulus and target.free_symbols:  # one residue each: show the substitution
        (subs,) = points
        residues = ", ".join(f"{sp.latex(k)} \\equiv {v}" for k, v in subs.items())
        steps.insert(1, step(f"{residues} \\pmod{{{period}}}", "The congruences fix each unknown's remainder."))
        steps[-1] = step(
            f"{sp.latex(target)} \\equiv {sp.latex(target.subs(subs, simultaneous=True))} \\equiv {value} "
            f"\\pmod{{{modulus}}}",
            "Replace each unknown by its remainder and work modulo the divisor.",
        )
    return _Answer(sp.Integer(value), steps, ["Replace each unknown by its remainder: the congruences still hold."])


def _answer(fact: str, slots: dict[str, str], reading: _Reading) -> _Answer | None:  # noqa: C901, PLR0911, PLR0912
    x = slots.get("x", "")
    if fact in ("digit_at", "digit_in", "last_nonzero", "places", "decimal_digit_sum"):
        value = reading.rational(x)
        n = reading.integer(slots["n"]) if "n" in slots else None
        if value is None or (fact == "digit_in" and not 0 < value < 1):  # "the 5th digit of 12.34..." is unclear
            return None
        return _decimal_fact("digit_at" if fact == "digit_in" else fact, value, n)
    if fact == "base_arithmetic":
        value = reading.integer(x)
        if value is None:
            return None
        return _Answer(
            sp.Integer(value),
            [step(f"{tex(reading.value(x))} = {value}", "Write each numeral in base ten and work it out.")],
            ["Write each numeral in base ten, work out the value, then write it in the base asked for."],
        )
    if fact in ("place_digit", "last_digits", "digit_count"):
        return _integer_digits(fact, slots, reading)
    if fact in ("decimal_place", "to_decimal"):
        value = reading.rational(x)
        if value is None or value < 0:
            return None
        whole, fixed, block = _expansion(value)
        if fact == "to_decimal":
            if block:
                return None  # a repeating decimal is not what "terminating" asks for
            written = _written(value)
            return _Answer(value, [step(f"{tex(reading.value(x))} = {written}", "Divide.")], ["Divide."], latex=written)
        k = ("tenths", "hundredths", "thousandths").index(slots["place"]) + 1
        return _decimal_fact("digit_at", value, k)
    if fact in ("units", "remainder"):
        m = 10 if fact == "units" else reading.integer(slots["m"])
        expr = reading.value(x)
        if expr is None or m is None or m < 2:
            return None
        if expr.free_symbols:
            return _solve_congruences(reading, expr, m)
        r = _mod(expr, m)
        if r is None:
            return None
        why = "The units digit is the remainder on division by 10." if fact == "units" else f"Work modulo {m}."
        return _Answer(sp.Integer(r), [step(f"{tex(expr)} \\equiv {r} \\pmod{{{m}}}", why)], [why])
    if fact.startswith("between"):
        return _between(fact, slots, reading)
    if fact in ("solve_residue", "solve_in_range", "inverse"):
        return _congruence_fact(fact, slots, reading)
    if fact == "unknown_base":
        return _unknown_base(slots, reading)
    if fact.startswith("base") or fact == "to_base":
        return _base_fact(fact, slots, reading)
    n = reading.integer(x)
    if n is None or n < 2:
        return None
    if fact == "exponent":
        p = reading.integer(slots["p"])
        if p is None or not sp.isprime(p):
            return None
        k = int(sp.multiplicity(p, n))
        given = reading.value(x)
        work = [step(f"{p}^{{{k}}} \\mid {tex(given)}", f"{p} divides it exactly {k} times.")]
        factorial = re.fullmatch(r"\s*(\d+)\s*!\s*", reading.segment(x))
        if factorial:  # Legendre: the multiples of p, of p^2, ... up to N each add one
            top = int(factorial.group(1))
            powers = list(itertools.takewhile(lambda q: q <= top, (p**i for i in itertools.count(1))))
            terms = " + ".join(f"\\left\\lfloor \\frac{{{top}}}{{{q}}} \\right\\rfloor" for q in powers)
            counts = " + ".join(str(top // q) for q in powers)
            shown = f"{terms} = {counts} = {k}" if len(powers) > 1 else f"{terms} = {k}"
            work = [step(shown, f"Count the multiples of {p}, of {p}^2, ... up to {top}.")]
        return _Answer(
            sp.Integer(k),
            work,
            ["Count how many times the prime divides the number (for n!, add n/p, n/p^2, ... rounded down)."],
        )
    factors = sp.factorint(n, limit=10**6)
    if math.prod(p**e for p, e in factors.items()) != n or any(not sp.isprime(p) for p in factors):
        return None  # not fully factored
    shown = " \\cdot ".join(f"{p}^{{{e}}}" if e > 1 else str(p) for p, e in sorted(factors.items()))
    return _Answer(
        sp.Integer(len(factors)),
        [step(f"{tex(reading.value(x))} = {shown}", "Factor into primes."), step(str(len(factors)), "Count them.")],
        ["Write the number as a product of primes."],
    )


def _real(expr: sp.Expr) -> sp.Expr:
    """``expr`` with odd roots of negative numbers taken real (the cube root of -45 is -45^(1/3), not complex)."""

    def odd_root(p: sp.Basic) -> bool:
        return isinstance(p, sp.Pow) and p.base.is_negative and p.exp.is_Rational and p.exp.q % 2 == 1

    return expr.replace(odd_root, lambda p: (-1) ** p.exp.p * (-p.base) ** p.exp)


def _between(fact: str, slots: dict[str, str], reading: _Reading) -> _Answer | None:
    """Integers between two real numbers (neither an integer: "between 3 and 7" may or may not count the ends)."""
    if fact == "between_value":
        if reading.between is None:
            return None
        given, a, b = reading.between
        ends = [_real(given)]
        shown_ends = [reading.between_source]
        target = reading.value(slots["x"])
    else:
        if reading.between is not None:
            return None
        ends = [_real(v) for v in (reading.value(slots["x"]), reading.value(slots["y"])) if v is not None]
        shown_ends = [reading.segment(slots["x"]), reading.segment(slots["y"])]
        target = None
    if len(ends) != (1 if fact == "between_value" else 2) or any(e.free_symbols or e.is_real is not True for e in ends):
        return None
    if any(e.is_integer or sp.Integer(sp.floor(e)) == e for e in ends):
        return None
    order = sorted(range(len(ends)), key=lambda i: float(ends[i]))
    lo, hi = ends[order[0]], ends[order[-1]]
    first, last = int(sp.floor(lo)) + 1, int(sp.floor(hi))
    low_tex, high_tex = shown_ends[order[0]], shown_ends[order[-1]]
    bounds = step(
        f"{first - 1} < {low_tex} < {first}" + (f", \\quad {last} < {high_tex} < {last + 1}" if len(ends) == 2 else ""),
        "Find the integers on either side of each number.",
    )
    hints = ["Square (or cube) the numbers, or estimate them, to see which integers they lie between."]
    if fact == "between_count":
        count = max(0, last - first + 1)
        return _Answer(sp.Integer(count), [bounds, step(f"{last} - {first} + 1 = {count}", "Count them.")], hints)
    if fact == "between_one":
        if first != last:
            return None
        return _Answer(sp.Integer(first), [bounds], hints)
    if target is None or not target.free_symbols <= {a, b}:
        return None
    value = target.subs({a: first - 1, b: first}, simultaneous=True)
    if sp.simplify(value - target.subs({a: first, b: first - 1}, simultaneous=True)) != 0:
        return None  # which of a and b is the smaller one matters and the text does not say
    shown = step(f"{sp.latex(a)}, {sp.latex(b)} = {first - 1}, {first}", "The consecutive integers around it.")
    return _Answer(
        sp.nsimplify(value), [bounds, shown, step(f"{sp.latex(target)} = {sp.latex(value)}", "Substitute.")], hints
    )


def _congruence_fact(fact: str, slots: dict[str, str], reading: _Reading) -> _Answer | None:
    v = reading.value(slots["v"]) if "v" in slots else None
    if fact == "inverse":
        a, m = reading.integer(slots["x"]), reading.integer(slots["m"])
        if a is None or m is None or not isinstance(v, sp.Symbol) or reading.value(slots["u"]) != v or m < 2:
            return None
        reading.congruences.append((a * v - 1, m, f"{a}{v} \\equiv 1"))
    candidates = None
    if "r" in slots:
        candidates = _range_of(reading.segment(slots["r"]), v)
        if candidates is None:
            return None
    if fact == "solve_residue":
        m = reading.integer(slots["m"])
        if m is None or len(reading.congruences) != 1 or reading.congruences[0][1] != m:
            return None
        letters = list(reading.congruences[0][0].free_symbols)
        if len(letters) != 1:
            return None
        v, candidates = letters[0], range(m)
    if not isinstance(v, sp.Symbol) or candidates is None or not reading.congruences:
        return None
    return _solve_congruences(reading, v, None, candidates)


def _range_of(text: str, v: sp.Symbol | None) -> range | None:
    """``0 \\le n < 18`` as the integers it allows (the letter must be ``v``); None for anything else."""
    try:
        rel = parse_math(text)
    except Exception:  # noqa: BLE001 - not a range
        return None
    if v is None or not isinstance(rel, sp.And | sp.Rel):
        return None
    try:
        interval = sp.solve_univariate_inequality(rel, v, relational=False) if isinstance(rel, sp.Rel) else None
        if interval is None:
            interval = sp.Intersection(*(sp.solve_univariate_inequality(a, v, relational=False) for a in rel.args))
    except (NotImplementedError, ValueError, TypeError):
        return None
    if not isinstance(interval, sp.Interval) or not (interval.start.is_finite and interval.end.is_finite):
        return None
    lo = math.ceil(interval.start) + (1 if interval.left_open and interval.start.is_Integer else 0)
    hi = math.floor(interval.end) - (1 if interval.right_open and interval.end.is_Integer else 0)
    return range(lo, hi + 1) if hi - lo < _ENUMERATION_LIMIT else None


def _unknown_base(slots: dict[str, str], reading: _Reading) -> _Answer | None:
    """ "If 321_b is the base 10 integer 57, find b": the numeral's value as a polynomial in b, solved for a
    whole base larger than every digit."""
    m = re.fullmatch(r"\s*([0-9A-Z]+)_\{?\s*([a-z])\s*\}?\s*", reading.segment(slots["x"]))
    target, letter = reading.integer(slots["y"]), reading.value(slots["v"])
    if not m or target is None or not isinstance(letter, sp.Symbol) or letter.name != m.group(2):
        return None
    digits = [_DIGITS.index(d) for d in m.group(1)]
    value = sum(d * letter**k for k, d in enumerate(reversed(digits)))
    bases = [r for r in sp.solve(sp.Eq(value, target), letter) if r.is_Integer and r > max(digits) and r >= 2]
    if len(bases) != 1:
        return None
    steps = [
        step(f"{sp.latex(value)} = {target}", "Each digit times a power of the base gives the value."),
        step(f"{sp.latex(letter)} = {bases[0]}", "The one whole base larger than every digit that solves it."),
    ]
    return _Answer(bases[0], steps, ["Write the numeral with powers of the unknown base and solve."])


def _base_fact(fact: str, slots: dict[str, str], reading: _Reading) -> _Answer | None:
    if fact == "base_extreme":
        b, length = _base_of(slots["b"], reading), int(slots["len"])
        if b is None or not 1 <= length <= 64:
            return None
        value = b**length - 1 if slots["ext"] in ("largest", "greatest") else b ** (length - 1)
        numeral = _in_base(value, b)
        return _Answer(
            sp.Integer(value),
            [step(f"{numeral}_{{{b}}} = {value}", f"The {slots['ext']} {length}-digit numeral in base {b}.")],
            [f"Write the {slots['ext']} numeral with {length} digits in base {b}, then its value."],
        )
    if fact == "base_more_digits":
        n, b, c = reading.integer(slots["x"]), _base_of(slots["b"], reading), _base_of(slots["c"], reading)
        if n is None or b is None or c is None or n < 1:
            return None
        first, second = _in_base(n, b), _in_base(n, c)
        more = len(first) - len(second)
        return _Answer(
            sp.Integer(more),
            [
                step(f"{n} = {first}_{{{b}}} = {second}_{{{c}}}", "Write the number in both bases."),
                step(f"{len(first)} - {len(second)} = {more}", "Count the digits of each."),
            ],
            [f"Write {n} in base {b} and in base {c}."],
        )
    n = reading.integer(slots["x"])
    b = _base_of(slots["b"], reading) if "b" in slots else reading.prob.base
    if n is None or b is None or n < 0:
        return None
    numeral = _in_base(n, b)
    places = " + ".join(f"{_DIGITS.index(d)} \\cdot {b}^{{{k}}}" for k, d in reversed(list(enumerate(numeral[::-1]))))
    shown = step(f"{n} = {places}", f"Write {n} with powers of {b}.")
    hints = [f"Divide by {b} repeatedly: the remainders are the digits, last first."]
    if fact == "to_base":
        if b == 10:
            return _Answer(sp.Integer(n), [step(str(n), "Add up each digit times its place value.")], hints)
        return _Answer(sp.Integer(n), [shown], hints, latex=f"{numeral}_{{{b}}}")
    digits = [_DIGITS.index(d) for d in numeral]
    value = {
        "base_digit_sum": sum(digits),
        "base_length": len(digits),
        "base_last": digits[-1],
        "base_first_last": digits[0] * digits[-1],
    }[fact]
    return _Answer(sp.Integer(value), [shown, step(str(value), f"Read it from the numeral {numeral}_{{{b}}}.")], hints)


def _named_base_read(prob: Problem, fact: str) -> bool:
    """False when the problem asks for its answer in a base ("Express your answer in base 6") and the fact is not
    arithmetic on given numbers: the pipeline writes an answer in that base, which fits no other fact."""
    return prob.base in (None, 10) or fact == "base_arithmetic"


def _solution(prob: Problem, answer: _Answer) -> Solution:
    steps = [*answer.steps]
    if answer.latex:
        steps.append(step(answer.latex, "This is the answer."))
    sol = solved(
        prob.raw,
        "number theory",
        steps,
        answer.hints,
        answer.value,
        verification="computed exactly (integer arithmetic; every residue tried for a congruence)",
        answer_latex=answer.latex,
    )
    sol.reader = "number_facts"
    return sol


# --- days of the week -------------------------------------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHIFT = re.compile(r"(⟦\d+⟧) days? (ago|before|earlier|later|after|from now|from today|old)(?=\s*(?:[.,?!'`\"]|$))")
_BACK = ("ago", "before", "earlier")
_FIRST_DAY = re.compile(
    r"\bthe first day of (?:a|the|this) month is (?:a )?(?P<w>\w+day)\b.*\bwhat day of the week is the "
    r"(?P<n>⟦\d+⟧(?:st|nd|rd|th)?|[a-z]+(?:-[a-z]+)?) day(?: of (?:the|that) month)?\W*$"
)
_TENS = {"twenty": 20, "thirty": 30}


def _day_number(token: str, prob: Problem) -> int | None:
    if token.startswith("⟦"):
        text = prob.math[int(re.sub(r"\D", "", token))]
        return int(text) if text.isdigit() else None
    tens, _, unit = token.rpartition("-")
    if tens and tens not in _TENS:
        return None
    n = ORDINALS.get(unit)
    return None if n is None else _TENS.get(tens, 0) + n


def _weekday(prob: Problem) -> _Answer | None:
    """ "Today is Wednesday; 200 days ago?", "If the first day of a month is Monday, what day is the 23rd?"."""
    q = prob.question
    named = [w for w in _WEEKDAYS if re.search(rf"\b{w}s?\b", q)]
    if "day of the week" not in q or len(named) != 1 or re.search(r"\b(?:yesterday|tomorrow)\b", q):
        return None  # one named day is the reference ("tomorrow is Monday" would shift it)
    start = _WEEKDAYS.index(named[0])
    first = _FIRST_DAY.search(q)
    shifts = _SHIFT.findall(q)
    if first and not shifts:
        n = _day_number(first.group("n"), prob)
        if n is None or not 1 <= n <= 31:
            return None
        days, why = n - 1, f"Day {n} of the month is {n - 1} days after day 1."
    elif len(shifts) == 1 and len(re.findall(r"⟦\d+⟧ days?\b", q)) == 1 and not first:  # one count of days
        token, direction = shifts[0]
        n = int(prob.math[int(token.strip("⟦⟧"))]) if prob.math[int(token.strip("⟦⟧"))].isdigit() else None
        if n is None or (direction == "old" and not re.search(rf"\bborn on (?:a )?{named[0]}\b", q)):
            return None
        days = -n if direction in _BACK else n
        why = f"{n} days {'back' if days < 0 else 'on'} from {named[0].title()}."
    else:
        return None
    weeks, rest = divmod(abs(days), 7)
    answer = _WEEKDAYS[(start + (days % 7)) % 7].title()
    steps = [
        step(f"{abs(days)} = 7 \\cdot {weeks} + {rest}", why + " Whole weeks end on the same day of the week."),
        step(
            f"\\text{{{named[0].title()}}} {'-' if days < 0 else '+'} {rest} \\text{{ days}} = \\text{{{answer}}}",
            f"Count the {rest} days left over.",
        ),
    ]
    hints = ["Days of the week repeat every 7 days: only the remainder on division by 7 matters."]
    return _Answer(sp.Symbol(answer), steps, hints, latex=f"\\text{{{answer}}}")


@reader(
    "number_facts",
    handles="digits of a decimal expansion, units digits, remainders and congruences, numerals in a base, "
    "exponents in a prime factorization",
    order=145,
)
def read_number_facts(prob: Problem) -> Solution | None:
    """Answer a question about a given number's digits, remainders, base numeral or prime factors; else None."""
    if prob.has_figure:
        return None
    weekday = None if prob.options else _weekday(prob)
    if weekday is not None:
        return _solution(prob, weekday)
    if not prob.math:
        return None
    read = _question(prob)
    if read is None:
        return None
    q, reading = read
    for fact, pattern in _COMPILED:
        m = pattern.fullmatch(q)
        if not m:
            continue
        if not _named_base_read(prob, fact) or (fact == "base_arithmetic" and prob.base in (None, 10)):
            continue
        answer = _answer(fact, {k: v for k, v in m.groupdict().items() if v}, reading)
        if answer is None:
            continue  # the numbers are not of the kind this fact needs; a later pattern may still read them
        sol = _solution(prob, answer)
        if prob.options:
            sol = choose_option(sol, prob.options)
            return sol if sol.choice is not None else None
        return sol
    return None
