"""Integer-property questions: a set of integers described in words, and what is asked about it.

"What is the largest multiple of 73 less than 1000?", "How many positive two-digit integers are
factors of both 100 and 150?", "What is the sum of the prime factors of 91?": the question is read
into a **subject** (a set of integers: a head noun with adjectives, complements and clauses, each
one a condition from the phrase table ``integer_phrases.PHRASES``) and a **target** (how many, the greatest or
least, the sum, product or mean, a gcd or lcm, a remainder). The answer is computed exactly by
walking a bounded range (or a finite pool such as the divisors of N), never estimated.

Precision rules, the same as the rest of the engine's:

- every word of the question must be placed by the grammar; a word left over returns ``None``;
- a set that is unbounded in the direction the target needs (the largest integer, with no upper
  bound; how many, with no bounds) is declined, as is a search past ``integer_solve.SEARCH_LIMIT``;
- a phrase with two common readings ("between 1 and 10": the ends in or out; "the prime factors of
  12": with or without repeats) is solved both ways and declined when the readings disagree;
- "numbers" is read as integers only when a condition says so (divisible, prime, from 1 through 9).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from ..solution import Solution
from .build import Decline, solved, step
from .integer_exprs import expr_condition, relation_condition
from .integer_phrases import (
    ADJECTIVES,
    AGGREGATES,
    CUBE,
    HAVE_PHRASES,
    HEADS,
    LEADS,
    MAX_VALUE,
    PALINDROME,
    PHRASES,
    REMAINDERS,
    SQUARE,
    SUPERLATIVES,
    TERMS,
    VERB_PHRASES,
    Build,
    Cond,
    Unread,
    digit_count,
    divides_all,
    ends_in,
)
from .integer_solve import (
    Query,
    Subject,
    all_members,
    answer,
    consecutive_run,
    hints_for,
    integral,
    subjects,
    work_steps,
)
from .integer_tokens import question_tokens, real_constant
from .parse import ParseFailure, parse_math
from .problem import Problem, analyze
from .readers import reader
from .words import singular

__all__ = ["read_integers", "read_predicate", "read_question"]


class _Words:
    """The question's tokens with a cursor; words compare singular ("multiples" = "multiple")."""

    def __init__(self, tokens: list[str], math: list[str] | None = None) -> None:
        self.tokens = tokens
        self.math = math or []  # the question's math segments (``expr_K`` and ``rel_K`` tokens index them)
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

    def number(self, big: bool = False) -> int | None:
        """The integer at the cursor (one past ``MAX_VALUE`` only when ``big``: a remainder or digit of it)."""
        tok = self.peek()
        if tok is not None and re.fullmatch(r"-?\d+", tok) and (big or len(tok) <= 13 and abs(int(tok)) <= MAX_VALUE):
            self.i += 1
            return int(tok)
        return None

    def bound(self) -> sp.Expr | None:
        """A bound at the cursor: an integer, or a real constant that is not one (a ``real_K`` token)."""
        tok = self.peek() or ""
        if tok.startswith("real_"):
            self.i += 1
            return real_constant(self.math[int(tok[5:])])
        value = self.number()
        return sp.Integer(value) if value is not None else None

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


def _alternatives(w: _Words) -> list[int] | None:
    """ "3 or 5" / "2, 3, or 5": integers of which any one will do (the cursor moves only on success)."""
    start = w.i
    nums = []
    while (value := w.number()) is not None:
        nums.append(value)
        w.take(",")
        if w.take("or"):
            last = w.number()
            if last is not None and nums:
                return [*nums, last]
            break
    w.i = start
    return None


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
        elif part == "{b}":
            value = w.bound()
        elif part == "{nums}":
            both = w.take("both")  # "divisible by both 2 and 3": two numbers, or not this phrase
            value = _numbers(w)
            if both and (value is None or len(value) != 2):
                value = None
        elif part == "{alts}":
            value = _alternatives(w)
        elif part == "{set}":
            value = _finite_set(w)
        elif part == "{list}":
            tok = w.peek() or ""
            value = [int(v) for v in tok[5:].split("_")] if tok.startswith("list_") else None
            w.i += value is not None
        else:
            value = True if w.take(part) else None
        if value is None:
            w.i = start
            return None
        if part not in ("{n}", "{b}", "{nums}", "{alts}", "{set}", "{list}"):
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
POSTMODIFIER_STARTS = frozenset(
    ["less", "greater", "at", "no", "not", "smaller", "below", "under", "larger", "more", "above", "between"]
    + ["from", "divisible", "evenly", "relatively", "other", "whose", "such", "in", "congruent", "for", "the", "{n}"]
)


def _finite_set(w: _Words) -> list[int] | None:
    """ "the four smallest odd, positive integers": a described set, listed (it must be finite)."""
    start = w.i
    w.take("the")
    try:
        subject = _subject(w)
        members = all_members(subject)
    except (Unread, Decline):
        w.i = start
        return None
    return members or None


def _subject(w: _Words) -> Subject:
    """A described set at the cursor: [selection] adjectives head [complement] postmodifiers."""
    select = None
    if w.take("first"):
        k = w.number()
        if k is None:
            raise Unread
        select = ("least", k)
    elif w.peek() is not None and re.fullmatch(r"\d+", w.peek() or "") and w.word(1) in SUPERLATIVES:
        k = w.number()
        assert k is not None
        select = (SUPERLATIVES[w.word() or ""], k)
        w.i += 1
    conds: list[Cond] = []
    distinct = False
    while True:
        tok = w.word()
        if tok in ADJECTIVES and not (tok == "prime" and w.word(1) in ("factor", "divisor")):
            conds.append(ADJECTIVES[tok])
        elif tok is not None and tok.startswith("digit:"):
            conds.append(digit_count(int(tok[6:])))
        elif tok == "distinct":
            distinct = True
        elif tok == "integer" and w.word(1) in ("multiple", "factor", "divisor"):
            # "integer multiples": the head says it; "integer factors" may count the negative ones too
            if w.word(1) != "multiple" and not any(c.lo == 1 for c in conds):
                raise Unread
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
            return pattern, [CUBE if "cube" in pattern else SQUARE]
    if w.take("palindrome"):
        return "palindrome", [PALINDROME]
    for noun in ("multiple", "factor", "divisor", "common"):
        if w.word() == noun or (noun == "factor" and w.word() == "prime" and w.word(1) in ("factor", "divisor")):
            cond = _phrase(w, PHRASES, {noun, "prime"})
            if cond is None:
                raise Unread
            if cond.alt is not None and distinct:
                cond = replace(cond, alt=None)
            return noun, [cond]
    if w.word() in HEADS:
        noun = w.word() or ""
        w.i += 1
        w.take("value", "of", "var") or w.take("var")  # "integers $n$", "integer values of $x$": the name
        return noun, []
    if conds and conds[-1] is ADJECTIVES["prime"]:
        return "prime", []  # "primes less than 20": the adjective was the noun
    raise Unread


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
        if _math_clause_start(w):
            conds.extend(_math_clauses(w))
            continue
        if w.take("whose", "unit", "digit", "is") or w.take("whose", "one", "digit", "is"):
            d = w.number()
            if d is None or not 0 <= d <= 9:
                raise Unread
            conds.append(ends_in(d))
            continue
        cond = _phrase(w, PHRASES, POSTMODIFIER_STARTS)
        if cond is None:
            w.i = mark
            break
        conds.append(cond)
    return conds


# the words between "the digit 6" and the integers it is counted in: "appear in the list of all the", "written when
# listing all", "used in writing"
_DIGIT_USE = frozenset("appear written used when in the list of all listing writing".split())
_CHOSEN = ("chosen", "selected", "picked", "drawn")
_CLAUSE_LEADS = (("such", "that"), ("for", "which"), ("if",), ("where",), ("so", "that"))


def _math_clause_start(w: _Words) -> bool:
    """Take "such that" (or "for which", "if", "where") when a condition written as math follows."""
    for lead in _CLAUSE_LEADS:
        nxt = w.peek(len(lead)) or ""
        if (nxt == "var" or nxt.startswith(("expr_", "rel_"))) and w.take(*lead):
            return True
    return False


def _math_clauses(w: _Words) -> list[Cond]:
    """ "$\\frac{12}{n}$ is an integer", "$n^2 < 100$", "$n$ has remainder 1 when divided by 3", joined by "and"."""
    conds = [*_math_clause(w)]
    while True:
        mark = w.i
        w.take(",")
        w.take("and")
        nxt = w.peek() or ""
        if not (nxt == "var" or nxt.startswith(("expr_", "rel_"))):
            w.i = mark
            return conds
        conds.extend(_math_clause(w))


def _math_clause(w: _Words) -> list[Cond]:
    tok = w.peek() or ""
    w.i += 1
    if tok == "var":  # the integer itself: "$n$ is odd", "$n$ has remainder 1 when divided by 3"
        return _verb_phrase(w)
    if tok.startswith("rel_"):
        relation, var = _parsed(w, tok)
        return [relation_condition(relation, var, f"${w.math[int(tok[4:])]}$")]
    if not (w.take("is") or w.take("be")):
        raise Unread
    return [_expr_predicate(w, tok)]


def _expr_predicate(w: _Words, tok: str) -> Cond:
    """The predicate of an expression token after "is": "an integer", "a positive prime number", "a factor of 24"."""
    expr, var = _parsed(w, tok)
    w.take("also")
    shown = f"${w.math[int(tok[5:])]}$"
    if w.take("an", "integer") or w.take("a", "whole", "number") or w.take("integer") or w.take("an", "integral"):
        return expr_condition(expr, var, None, shown)
    inner = _predicate(w)
    if inner is None:
        raise Unread
    return expr_condition(expr, var, inner, shown)


def _parsed(w: _Words, tok: str) -> tuple[sp.Basic, sp.Symbol]:
    """The SymPy object of math token ``tok`` and its one variable."""
    try:
        value = parse_math(w.math[int(tok.split("_")[1])])
    except ParseFailure:
        raise Unread from None
    symbols = value.free_symbols if isinstance(value, sp.Basic) else set()
    if len(symbols) != 1:
        raise Unread
    return value, next(iter(symbols))


def _listed(w: _Words, one: Callable[[], Cond | None]) -> list[Cond]:
    """One or more conditions read by ``one``, joined by commas and "and"; at least one."""
    first = one()
    if first is None:
        raise Unread
    out = [first]
    while True:
        mark = w.i
        w.take(",")
        w.take("and") and w.take("also")
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
            if w.take("a", "value"):  # "have a value between 10 and 1000": the number itself is
                conds.extend(_listed(w, lambda: _predicate(w)))
            else:
                conds.extend(_listed(w, lambda: _phrase(w, HAVE_PHRASES)))
        else:
            cond = _phrase(w, VERB_PHRASES)
            if cond is None:
                raise Unread
            conds.append(cond)
            while True:  # "leaves a remainder of 4 when divided by 5 and a remainder of 6 when divided by 7"
                mark = w.i
                w.take(",")
                w.take("and")
                more = _phrase(w, REMAINDERS)
                if more is None:
                    w.i = mark
                    break
                conds.append(more)
        mark = w.i
        w.take(",")
        if not (w.take("and") and w.word() in ("is", "are", "has", "have", "leave", "divide", "end", "also")):
            w.i = mark
            return conds


def _predicate(w: _Words) -> Cond | None:
    """One predicate after "is"/"are": a phrase, an adjective ("odd"), "a positive 3-digit integer", or "not" one."""
    cond = _phrase(w, PHRASES)
    if cond is not None:
        return cond
    if w.take("not"):
        inner = _predicate(w)
        if inner is None:
            raise Unread
        return _negated(inner)
    start = w.i
    w.take("a") or w.take("an")
    adjectives: list[Cond] = []
    while (tok := w.word()) is not None and (tok in ADJECTIVES or tok.startswith("digit:")):
        adjectives.append(ADJECTIVES[tok] if tok in ADJECTIVES else digit_count(int(tok[6:])))
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


def _shared_divisors(w: _Words) -> Query | None:
    """ "How many positive divisors do 48 and 156 have in common?": the divisors of both (cursor unchanged when
    the question is not that)."""
    start = w.i
    if w.take("how", "many"):
        w.take("positive")
        common = w.take("common")
        if (w.take("divisor") or w.take("factor")) and w.take("do"):
            nums = _numbers(w)
            if nums and len(nums) >= 2 and w.take("have") and (w.take("in", "common") or common) and w.at_end():
                return Query("count", Subject("integer", [ADJECTIVES["positive"], divides_all(nums)]))
    w.i = start
    return None


def _query(w: _Words) -> Query:
    """The question frame: "how many ...", or a lead ("what is", "find") and the value asked for."""
    if w.take("for", "how", "many"):  # "for how many positive integers $n$ is $\\frac{12}{n}$ an integer"
        subject = _subject(w)
        if not (w.take("is") or w.take("are")) or not (w.peek() or "").startswith("expr_"):
            raise Unread
        tok = w.peek() or ""
        w.i += 1
        subject.conds.append(_expr_predicate(w, tok))
        return Query("count", subject)
    shared = _shared_divisors(w)
    if shared is not None:
        return shared
    if w.take("how", "many", "times"):  # "how many times does the digit 6 appear in the list of the integers ..."
        if not ((w.take("does") or w.take("is")) and w.take("the", "digit")):
            raise Unread
        d = w.number()
        if d is None or not 0 <= d <= 9:
            raise Unread
        while w.word() in _DIGIT_USE:
            w.i += 1
        return Query("digit_count", _subject(w), nums=[d])
    if w.take("how", "many"):
        w.take("of", "the")
        subject = _subject(w)
        if w.take("are", "there") or w.take("is", "there"):
            w.take("on", "the", "number", "line")  # "How many integers are there on the number line between ..."
            subject.conds.extend(_postmodifiers(w))
        if not w.at_end():
            w.take(",")  # "from 1 to 100, inclusive, leave ..."
            subject.after.extend(_verb_phrase(w))
        return Query("count", subject)
    for share in ("percent", "fraction"):  # "what percent of the integers from 1 to 100 leave remainder 1 ..."
        if w.take("what", share, "of"):
            w.take("the")
            subject = _subject(w)
            w.take(",")  # "from 1 to 100, inclusive, leave ..."
            subject.after.extend(_verb_phrase(w))
            if not subject.after:
                raise Unread
            return Query(share, subject)
    if w.take("what", "is", "the", "probability", "that"):  # "... that a randomly chosen integer from 1 to 20 is prime"
        if not (w.take("a") or w.take("an")) or not w.take("randomly") or not any(map(w.take, _CHOSEN)):
            raise Unread
        subject = _subject(w)
        w.take(",")
        subject.after.extend(_verb_phrase(w))
        if not subject.after:
            raise Unread
        return Query("probability", subject)
    any(w.take(*lead) for lead in LEADS)
    return _value_phrase(w)


def _value_phrase(w: _Words) -> Query:
    """A value named in words: gcd / lcm, the number of, the greatest, least, sum ... of a set, a remainder,
    the units digit of another value."""
    w.take("the") or w.take("a")
    for place, word in ((1, "unit"), (1, "one"), (10, "ten"), (100, "hundred")):
        if w.take(word, "digit", "of"):
            return Query("digit", inner=_operand(w), nums=[place])
    if w.take("positive", "difference", "between"):
        first = _operand(w)
        if not w.take("and"):
            raise Unread
        return Query("difference", inner=first, other=_operand(w))
    for words, kind in TERMS.items():
        mark = w.i
        if w.take(*words) and w.take("of"):
            nums = _numbers(w)
            if nums is None or len(nums) < 2 or any(n <= 0 for n in nums):
                raise Unread
            return Query(kind, nums=nums)
        w.i = mark
    if w.take("number", "of"):
        w.take("the")
        subject = _subject(w)
        if not w.at_end() and w.word() != "is":
            subject.after.extend(_verb_phrase(w))
        return Query("count", subject)
    if w.take("only"):  # "the only integer value of $n$ for which ...": exactly one member, or declined
        return Query("only", _subject(w))
    if (sup := SUPERLATIVES.get(w.word() or "")) is not None:
        w.i += 1
        w.take("possible")
        return Query(sup, _subject(w))
    if (agg := AGGREGATES.get(w.word() or "")) is not None:
        w.i += 1
        w.take("mean")
        if not w.take("of"):
            raise Unread
        w.take("all")
        w.take("of")
        w.take("the")
        return Query(agg, _subject(w))
    return _remainder_phrase(w)


def _operand(w: _Words) -> Query:
    """A number ("the sum $1 + 2 + 3$" too), or a value named in words."""
    n = w.number(big=True)
    if n is not None:
        return Query("number", nums=[n])
    mark = w.i
    w.take("the")
    w.take("following")
    if any(w.take(noun) for noun in ("sum", "product", "number", "expression", "integer")):
        n = w.number(big=True)
        if n is not None:
            return Query("number", nums=[n])
    w.i = mark
    return _value_phrase(w)


def _remainder_phrase(w: _Words) -> Query:
    """ "the remainder when 2004 is divided by 12", "the remainder of 21 divided by 7", "the modulo 4 residue of 6"."""
    if w.take("modulo"):
        k = w.number()
        if k is None or not (w.take("residue", "of") or w.take("remainder", "of")):
            raise Unread
        return _remainder_of(_operand(w), k)
    if w.take("residue", "of"):
        inner = _operand(w)
        return _remainder_of(inner, w.number() if w.take("modulo") else None)
    if w.take("remainder", "when"):
        inner = _operand(w)
        return _remainder_of(inner, w.number() if w.take("is", "divided", "by") else None)
    if w.take("remainder", "of"):
        inner = _operand(w)
        divided = (
            w.take("divided", "by") or w.take("when", "divided", "by") or w.take("when", "it", "is", "divided", "by")
        )
        return _remainder_of(inner, w.number() if divided else None)
    raise Unread


def _remainder_of(inner: Query, k: int | None) -> Query:
    if k is None or k <= 0:
        raise Unread
    return Query("remainder", inner=inner, nums=[k])


# A sentence giving the usual definition of a term the grammar knows; it adds nothing, so it is dropped.
_DEFINITIONS = [
    re.compile(
        r"(?:\(\s*)?(?:an?|⟦\d+⟧) (?P<term>palindrome|⟦\d+⟧) is an? (?:positive )?(?:integer|number) (?:that|which)"
        r" reads the same forwards? and backwards?(?:,? like [^.?]*)?(?:\.\s*\)?|$)",
        re.I,
    ),
    re.compile(
        r"(?:two|⟦\d+⟧) (?:numbers|integers) are (?:said to be |called )?'?(?P<term>relatively prime)'?"
        r" if their greatest common (?:factor|divisor) is (?:1|one|⟦\d+⟧)\.\s*",
        re.I,
    ),
]


def _without_definitions(prob: Problem) -> Problem:
    """``prob`` with the definitions of known terms ("A palindrome is a number that reads the same ...") cut."""
    text = prob.text
    for pattern in _DEFINITIONS:
        m = pattern.search(text)
        if m is None:
            continue
        term = m.group("term")
        if term.startswith("⟦"):
            term = re.sub(r"\\text\w*\{([^{}]*)\}", r"\1", prob.math[int(term[1:-1])]).strip()
        if term.lower() in ("palindrome", "relatively prime"):
            text = text[: m.start()] + text[m.end() :]
    return prob if text == prob.text else replace(prob, text=text.strip())


def read_predicate(tokens: list[str]) -> Cond | None:
    """The condition ``tokens`` state about an integer ("divisible by 18", "a multiple of 11 and odd"), read whole;
    None when a token is left over."""
    w = _Words(tokens)
    try:
        conds = _listed(w, lambda: _predicate(w))
    except Unread:
        return None
    return _all_of(conds) if w.at_end() else None


def read_question(prob: Problem) -> Query | None:
    """The integer-property question ``prob`` asks, fully read; None when any word is left unplaced."""
    such = _such_questions(prob)
    if such:
        return such
    tokens = question_tokens(_without_definitions(prob))
    if not tokens:
        return None
    cut = [i for i, t in enumerate(tokens) if t in ("?", ".")]
    if len(cut) > 1:
        return None
    try:
        if cut:  # "The sum of three consecutive even integers is 66. What is the smallest of the three integers?"
            return _run_question(_Words(tokens[: cut[0]]), _Words(tokens[cut[0] + 1 :]))
        w = _Words(_divisor_count_frame(tokens), prob.math)
        query = _query(w)
    except Unread:
        return None
    return query if w.at_end() else None


_SUCH = re.compile(
    r"\s*(?:an?|the) (?P<said>[^.?]+)\.\s+what is the (?P<most>smallest|least|largest|greatest)"
    r" (?:such (?P<noun>[a-z]+)|(?P<noun2>[a-z]+) (?:it|this number) could be"
    r"|possible value of (?:the|this) (?P<noun3>[a-z]+))"
    r"\s*\?\s*",
    re.I,
)  # "... What is the smallest such number?", "What is the least integer it could be?"


def _such_questions(prob: Problem) -> Query | None:
    """ "A whole number larger than 2 leaves a remainder of 2 when divided by 3. What is the smallest such
    number?" read as "What is the smallest whole number larger than 2 that leaves ...?". The statement's
    subject ends where "that" makes the one question the grammar reads whole; None when no place does, or
    when two places read differently."""
    m = _SUCH.fullmatch(prob.raw)
    if m is None:
        return None
    said = m["said"].split()
    noun = singular((m["noun"] or m["noun2"] or m["noun3"]).lower())
    found: list[tuple[Query, object]] = []
    for k in range(1, len(said)):
        if noun not in {singular(w.lower()) for w in said[:k]}:
            continue
        text = f"What is the {m['most'].lower()} {' '.join(said[:k])} that {' '.join(said[k:])}?"
        query = read_question(analyze(text))
        if query is not None and all(integral(s) for s in subjects(query)):
            found.append((query, answer(query)))
    if not found or any(value != found[0][1] for _, value in found):
        return None
    return found[0][0]


_COMPARATIVES = {
    "greater": "greatest",
    "larger": "greatest",
    "bigger": "greatest",
    "smaller": "least",
    "lesser": "least",
}


def _run_question(statement: _Words, question: _Words) -> Query:
    """A run of consecutive integers given by its sum or product, then a question about its members."""
    statement.take("the")
    kind = statement.word()
    if kind not in ("sum", "product") or not statement.take(kind, "of"):
        raise Unread
    k = statement.number()
    adjectives = _adjectives(statement)
    if k is None or k < 2 or not statement.take("consecutive"):
        raise Unread
    adjectives += _adjectives(statement)
    if not (statement.take("integer") or statement.take("number")) or not (
        statement.take("is") or statement.take("equal")
    ):
        raise Unread
    total = statement.number()
    if total is None or not statement.at_end() or any(c is ADJECTIVES["prime"] for c in adjectives):
        raise Unread
    run = consecutive_run(kind, k, adjectives, total)
    any(question.take(*lead) for lead in LEADS)
    question.take("the")
    word = question.word() or ""
    target = SUPERLATIVES.get(word) or AGGREGATES.get(word) or (_COMPARATIVES.get(word) if k == 2 else None)
    if target is None:
        raise Unread
    question.i += 1
    question.take("of")
    question.take("the") or question.take("these") or question.take("those") or question.take("all")
    if question.number() not in (None, k):
        raise Unread
    if not all(c in adjectives for c in _adjectives(question)):
        raise Unread
    if not (question.take("integer") or question.take("number")) or not question.at_end():
        raise Unread
    return Query(target, Subject("integer", [run]))


def _adjectives(w: _Words) -> list[Cond]:
    found = []
    while (tok := w.word()) in ADJECTIVES:
        found.append(ADJECTIVES[tok or ""])
        w.i += 1
    return found


def _divisor_count_frame(tokens: list[str]) -> list[str]:
    """ "how many positive divisors does 36 have" reads as "how many positive divisors of 36"."""
    if len(tokens) > 4 and tokens[:2] == ["how", "many"] and tokens[-1] == "have" and tokens[-3] in ("does", "do"):
        if singular(tokens[-4], english=True) in ("factor", "divisor") and re.fullmatch(r"\d+", tokens[-2]):
            return [*tokens[:-3], "of", tokens[-2]]
    return tokens


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
    if query is None or not all(integral(s) for s in subjects(query)):
        return None
    value = answer(query)
    steps = work_steps(query, value)
    steps.append(step(sp.latex(value), "This is the answer."))
    return solved(
        prob.raw,
        "number theory",
        steps,
        hints_for(query),
        value,
        verification="computed exactly: every candidate in the allowed range was tested against every condition",
    )
