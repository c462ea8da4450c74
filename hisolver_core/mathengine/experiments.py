"""Chance experiments read generally: dice, coins, or numbers chosen from a listed set, and an event on
the outcome. Every equally likely outcome is listed and the event tested, so the probability is exact.

The question is cut into three parts, each found wherever it stands:

- the experiment: "two fair 6-sided dice", "a standard die ... twice", "four coins: a penny, a nickel,
  a dime, and a quarter", "a fair coin is flipped 5 times", "two different numbers are randomly selected
  from the set {1, 2, 3, 4}";
- the ask: "what is the probability that / of" an event, or "the expected value of" a quantity;
- the event: the sum, product or difference of the numbers ("the two numbers rolled sum to 7", "the sum
  of the numbers rolled will be 3 or more", "the product is even"), the same number on every die,
  a number of heads ("exactly 2 heads", "they all come up heads"), or their sum against their product.
  A condition on a number is read by the integer grammar ("prime", "a multiple of 3", "greater than 4").

Precision rules: what is left once the three parts are cut out must be filler (pronouns, "suppose",
"if we roll them both", the name of the person rolling). Any other word, a second experiment, an
event that does not fit the experiment ("the two numbers" for three dice), a condition read two ways
that disagree, or a percent asked for returns ``None`` or declines.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from ..solution import Solution
from .build import Decline, solved, step
from .counting import conditions, plain_text
from .integer_phrases import Cond
from .problem import Problem
from .readers import reader

__all__ = ["read_experiment"]

_HINTS = [
    "List every equally likely outcome of the experiment.",
    "Count the outcomes where the event happens; the probability is favourable over total.",
]

Outcome = tuple[int, ...]


@dataclass(frozen=True)
class Experiment:
    """Equally likely outcomes: each a tuple with one entry per die, coin (1 = heads) or chosen number."""

    kind: str  # "dice", "coins" or "numbers"
    outcomes: list[Outcome]
    parts: int  # dice rolled, coins flipped, numbers chosen
    said: str  # "2 dice with 6 faces each"
    joined: str | None = None  # "... and they are multiplied": the event must be on the product


# --- the experiment ------------------------------------------------------------------------------

_COUNT = r"(?P<k>\d+|a|an|one)"
_ADJ = r"(?:(?:fair|standard|ordinary|regular|normal|cubical|unbiased)[, ]+)*"
_DIE = re.compile(
    rf"\b{_COUNT} {_ADJ}(?:(?P<f>\d+)-(?:sided|faced)[, ]+)?{_ADJ}(?P<noun>dice|die)\b"
    r"(?:,? (?:(?:each )?numbered|(?:with|having|have|has) (?:their |its |the )?(?:faces|sides) numbered)"
    r" (?:from )?1 (?:to|through) (?P<f2>\d+))?"
)
_COIN_NAME = r"(?:a (?:penny|nickel|dime|half-dollar|quarter)|1/4)"  # "a quarter" reads as 1/4 by then
_NAMED_COINS = re.compile(rf"\b{_COIN_NAME}(?:,? (?:and )?{_COIN_NAME})+")
_COIN = re.compile(rf"\b{_COUNT} {_ADJ}(?P<noun>coins?)\b")
_TIMES = re.compile(r"\b(?:twice|(?P<t>\d+) times)\b")
_FROM_SET = re.compile(
    rf"\b{_COUNT} (?:(?P<distinct>distinct|different) )?(?:numbers?|integers?) (?:are|is) (?:randomly )?"
    r"(?:selected|chosen|picked|drawn)(?: at random)?(?: (?P<repl>without|with) replacement)?"
    r" from (?:the set )?\\\{(?P<list>-?\d+(?:, ?-?\d+)+)\\\}(?: (?P<repl2>without|with) replacement)?"
    r"(?:,? and (?:they are|the numbers are) (?P<joined>multiplied|added)(?: together)?)?"
)
_WORD_COUNT = {"a": 1, "an": 1, "one": 1}
_FACES = (4, 6, 8, 10, 12, 20)


def _count(word: str) -> int:
    return _WORD_COUNT.get(word) or int(word)


def _experiment(text: str) -> tuple[Experiment, str] | None:
    """The one experiment the text describes and the text without it; None for none, two, or an odd one."""
    found = [
        (m, kind)
        for pattern, kind in ((_DIE, "dice"), (_COIN, "coins"), (_FROM_SET, "numbers"))
        for m in pattern.finditer(text)
    ]
    named = list(_NAMED_COINS.finditer(text))
    if named and len(found) == 1 and found[0][1] == "coins" and named[0].start() > found[0][0].end():
        stated = _count(found[0][0].group("k"))  # "4 coins: a penny, a nickel, a dime, and a quarter"
        if stated != len(re.findall(rf"{_COIN_NAME}", named[0].group(0))):
            return None
        text, found = _cut(text, found[0][0]), []
        named = list(_NAMED_COINS.finditer(text))
    if len(found) + len(named) != 1:
        return None
    times = list(_TIMES.finditer(text))
    if len(times) > 1:
        return None
    repeat = (2 if times[0].group(0) == "twice" else int(times[0].group("t"))) if times else None
    if named:
        m = named[0]
        if repeat is not None:
            return None
        n = len(re.findall(_COIN_NAME, m.group(0)))
        return _coins(n), _cut(text, m)
    m, kind = found[0]
    k = _count(m.group("k"))
    singular_noun = m.groupdict().get("noun") in ("die", "coin")
    if (k == 1) != singular_noun and kind != "numbers":
        return None  # "2 die", "a coins"
    if repeat is not None:
        if k != 1 or kind == "numbers":
            return None  # "two dice rolled twice": not read
        k = repeat
    rest = _cut(text, m)
    if times:
        rest = _cut(rest, _TIMES.search(rest))
    if kind == "dice":
        faces = {int(f) for f in (m.group("f"), m.group("f2")) if f}
        if len(faces) > 1 or (faces and faces.pop() not in _FACES) or not 1 <= k <= 4:
            return None
        f = int(m.group("f") or m.group("f2") or 6)
        outcomes = list(itertools.product(range(1, f + 1), repeat=k))
        said = f"{k} dice with {f} faces each" if k > 1 else f"one die with {f} faces"
        return Experiment("dice", outcomes, k, said), rest
    if kind == "coins":
        return (_coins(k), rest) if 1 <= k <= 16 else None
    members = [int(v) for v in m.group("list").split(",")]
    repl = m.group("repl") or m.group("repl2")
    if len(set(members)) != len(members) or not 2 <= k <= 4 or k > len(members) or math.comb(len(members), k) > 20_000:
        return None
    if repl == "with" or (repl is None and m.group("distinct") is None):
        return None  # whether a number may come twice is not said
    outcomes = list(itertools.combinations(members, k))
    said = f"{k} different numbers from {{{', '.join(map(str, members))}}}"
    joined = {"multiplied": "product", "added": "sum"}.get(m.group("joined") or "")
    return Experiment("numbers", outcomes, k, said, joined), rest


def _coins(n: int) -> Experiment:
    outcomes = list(itertools.product((1, 0), repeat=n))
    return Experiment("coins", outcomes, n, f"{n} coin flips" if n > 1 else "one coin flip")


def _cut(text: str, m: re.Match | None) -> str:
    assert m is not None
    return re.sub(r"\s+([,.?])", r"\1", re.sub(r"\s+", " ", text[: m.start()] + " " + text[m.end() :]))


# --- the event -----------------------------------------------------------------------------------

Event = Callable[[Outcome], bool]

_NUMS = (
    r"(?:(?:the |their )?(?:\d+ )?(?:numbers|values|results|rolls|faces|top faces|numbers on the (?:top )?faces)"
    r"(?: (?:rolled|shown|showing|obtained|that are rolled|on the dice|on the (?:top )?faces|of (?:both|the) dice))*)"
)
_VERB = r"(?:is|will be|are|equals|comes out to|is equal to)"
_AGG = re.compile(
    rf"(?:the |their )?(?P<op>sum|product)(?: of {_NUMS})?(?: (?:rolled|shown|on the dice|on the (?:top )?faces))?"
    rf" {_VERB} (?P<cond>.+)"
)
_TO = re.compile(rf"{_NUMS} (?:(?P<op>sum|add up|add|multiply) to|(?:have|has) a (?P<op2>sum|product) of) (?P<cond>.+)")
_DIFF = re.compile(rf"the (?:positive )?difference (?:between|of) {_NUMS} {_VERB} (?P<cond>.+)")
_SAME = re.compile(
    r"(?:rolling |getting |of rolling |that )?(?:the same number on (?:both|all|each of the) (?:\d+ )?(?:dice|die)"
    r"|(?:both|all|all \d+|all of the) (?:dice|die) (?:show|land on|come up|have) the same number"
    rf"|{_NUMS} (?:are|will be) (?:the same|equal))"
)
_HEADS = re.compile(
    r"(?:getting |flipping |tossing |of getting |of flipping |that (?:we|you|i) (?:get|flip) |it lands "
    r"|(?:flipping|tossing)(?: it)? (?:gives|produces|results in|yields) )?"
    r"(?P<how>exactly|at least|at most|fewer than|less than|more than|no more than|no fewer than)? ?"
    r"(?P<k>\d+)(?: of the (?:flips|tosses|coins) (?:come up|are|land(?: on)?|show|will be))? (?P<side>heads|tails)"
)
_ALL = re.compile(
    r"(?:they|the coins|all (?:\d+ )?(?:of them|of the coins|coins)?|all) (?:all )?(?:come up|land(?: on)?|are|show"
    r"|turn up|will be|will come up|will land(?: on)?) (?P<side>heads|tails)"
)
_COMPARE = re.compile(
    r"(?:the |their )?(?P<a>sum|product) (?:is|will be) (?P<rel>greater than|less than|equal to|more than)"
    r" (?:the |their )?(?P<b>sum|product)"
)
_BOTH = re.compile(r"(?:they are|both are|both numbers are|the numbers are|both of them are) (?:both )?(?P<cond>.+)")
_SINGLE = re.compile(
    r"(?:the number (?:rolled|shown|showing|that comes up|on the top face)(?: on the die)? (?:is|will be) "
    r"|(?:rolling|getting) (?:a |an )?)(?P<cond>.+)"
)
_LEAD = re.compile(
    r"^(?:(?:if|when) (?:you|we|i|he|she|they) (?:roll|toss|flip|throw|spin)"
    r"(?: (?:them|both|them both|the dice|the coins))?,? )"
)

_HOW: dict[str | None, Callable[[int, int], bool]] = {
    None: lambda c, k: c == k,
    "exactly": lambda c, k: c == k,
    "at least": lambda c, k: c >= k,
    "no fewer than": lambda c, k: c >= k,
    "at most": lambda c, k: c <= k,
    "no more than": lambda c, k: c <= k,
    "fewer than": lambda c, k: c < k,
    "less than": lambda c, k: c < k,
    "more than": lambda c, k: c > k,
}
_OPS: dict[str, Callable[[Outcome], int]] = {"sum": sum, "product": math.prod}


def _number_conds(cond: str) -> list[list[Cond]] | None:
    """Each reading of a condition on one number: "7", "prime", "3 or more", "greater than 4"."""
    cond = cond.strip(" ?.")
    cond = re.sub(r"^(\d+) or (?:more|greater|higher|above)$", r"at least \1", cond)
    cond = re.sub(r"^(\d+) or (?:less|fewer|lower|below)$", r"at most \1", cond)
    cond = re.sub(r"^(?:a |an )?(?:prime|even|odd) number$", lambda m: m.group(0).split()[-2], cond)
    if re.fullmatch(r"-?\d+", cond):
        return [[Cond(f"equal to {cond}", pool=(int(cond),))]]
    read = conditions(cond)
    if read is None:
        return None
    options = [[c] if c.alt is None else [c, c.alt] for c in read]
    return [list(choice) for choice in itertools.product(*options)]


def _stated_count(words: str, exp: Experiment) -> bool:
    """False when the event names another number of parts than the experiment has ("the 2 numbers" of 3 dice)."""
    stated = [int(n) for n in re.findall(r"\b(\d+) (?:numbers|values|rolls|dice|coins)\b", words)]
    if re.search(r"\bboth\b", words):
        stated.append(2)
    return all(n == exp.parts for n in stated)


def _events(event: str, exp: Experiment) -> tuple[list[Event], str] | None:
    """The event's readings (each a test of one outcome) and how it reads; None when it is not read whole."""
    event = _LEAD.sub("", event.strip(" ?.,"))
    if not _stated_count(event, exp):
        return None
    if exp.kind == "coins":
        if m := _ALL.fullmatch(event):
            side = 1 if m.group("side") == "heads" else 0
            return [lambda o: all(x == side for x in o)], f"every coin shows {m.group('side')}"
        if m := _HEADS.fullmatch(event):
            side, k, test = 1 if m.group("side") == "heads" else 0, int(m.group("k")), _HOW[m.group("how")]
            if k > exp.parts:
                return None
            return [
                lambda o: test(sum(x == side for x in o), k)
            ], f"{m.group('how') or 'exactly'} {k} {m.group('side')}"
        return None
    if exp.parts > 1 and (m := _SAME.fullmatch(event)):
        return [lambda o: len(set(o)) == 1], "every number the same"
    if exp.parts > 1 and (m := _COMPARE.fullmatch(event)) and m.group("a") != m.group("b"):
        a, b, rel = _OPS[m.group("a")], _OPS[m.group("b")], m.group("rel")
        compare: Callable[[int, int], bool] = {
            "greater than": lambda x, y: x > y,
            "more than": lambda x, y: x > y,
            "less than": lambda x, y: x < y,
            "equal to": lambda x, y: x == y,
        }[rel]
        return [lambda o: compare(a(o), b(o))], f"the {m.group('a')} {rel} the {m.group('b')}"
    value: Callable[[Outcome], int] | None = None
    m = None
    if exp.joined is not None and not (_AGG.fullmatch(event) or _TO.fullmatch(event)):
        return None
    if exp.parts > 1 and (m := _AGG.fullmatch(event) or _TO.fullmatch(event)):
        op = m.group("op") if "op2" not in m.groupdict() else (m.group("op") or m.group("op2"))
        value, said = (math.prod, "the product") if op in ("product", "multiply") else (sum, "the sum")
        if exp.joined is not None and said != f"the {exp.joined}":
            return None
    elif exp.parts == 2 and (m := _DIFF.fullmatch(event)):
        value, said = (lambda o: abs(o[0] - o[1])), "the difference"
    elif exp.parts > 1 and exp.kind == "numbers" and (m := _BOTH.fullmatch(event)):
        readings = _number_conds(m.group("cond"))
        if readings is None:
            return None
        return [_each_holds(r) for r in readings], f"all are {m.group('cond')}"
    elif exp.parts == 1 and exp.kind == "dice" and (m := _SINGLE.fullmatch(event)):
        value, said = (lambda o: o[0]), "the number rolled"
    if value is None or m is None:
        return None
    readings = _number_conds(m.group("cond"))
    if readings is None:
        return None
    return [_value_holds(r, value) for r in readings], f"{said} is {m.group('cond').strip(' ?.')}"


def _each_holds(reading: list[Cond]) -> Event:
    return lambda o: all(all(c.holds(x) for c in reading) for x in o)


def _value_holds(reading: list[Cond], value: Callable[[Outcome], int]) -> Event:
    return lambda o: all(c.holds(value(o)) for c in reading)


# --- the question --------------------------------------------------------------------------------

_ASK = re.compile(r"(?:what is|find|determine|compute) the probability (?:that |of )?(?P<event>[^?]+?)\s*\?")
_EXPECT = re.compile(
    r"(?:what is|find|determine|compute) the expected value of (?:the )?(?P<what>sum|product|number rolled|roll|number"
    r" shown)(?: of {nums})?\s*\?".replace("{nums}", _NUMS)
)
_FILLER = frozenset(
    "suppose that we you i he she they if when have has roll rolls rolled rolling toss tosses tossed tossing flip"
    " flips flipped flipping throw throws thrown spin them both once simultaneously are is to be the at random and"
    " then a an together same time so".split()
)
_ROLLER = re.compile(r"(?:^|[.] )([a-z]+) (?:rolls|rolled|flips|flipped|tosses|tossed|throws|threw|spins)\b")


def _filler_only(rest: str, raw: str) -> bool:
    names = {w for w in _ROLLER.findall(rest) if re.search(rf"\b{w.capitalize()}\b", raw)}
    words = re.findall(r"[a-z]+|\d+", rest)
    return all(w in _FILLER or w in names for w in words)


@reader(
    "experiments",
    handles="chance experiments: dice, coins or numbers from a set, and the probability of an event on them",
    order=94,
)
def read_experiment(prob: Problem) -> Solution | None:
    """The exact probability (or expected value) for a die, coin or set experiment read whole; else None."""
    if prob.has_figure or re.search(r"\bpercent\b|%", prob.raw):
        return None
    text = plain_text(prob)
    read = _experiment(text)
    if read is None:
        return None
    exp, rest = read
    if m := _EXPECT.search(rest):
        return _expected(prob, exp, m, rest)
    m = _ASK.search(rest)
    if m is None or not _filler_only(rest[: m.start()] + " " + rest[m.end() :], prob.raw):
        return None
    found = _events(m.group("event"), exp)
    if found is None:
        return None
    tests, said = found
    counts = {sum(test(o) for o in exp.outcomes) for test in tests}
    if len(counts) != 1:
        raise Decline("The event can be read two ways with different answers.")
    favourable, total = counts.pop(), len(exp.outcomes)
    value = sp.Rational(favourable, total)
    steps = [
        step(_total(exp), f"{_capital(exp.said)}: {total} equally likely outcomes."),
        step(
            f"\\frac{{{favourable}}}{{{total}}} = {sp.latex(value)}",
            f"The outcomes where {said}: {favourable}{_shown(exp, tests[0])}. Favourable over all outcomes.",
        ),
    ]
    return _finish(prob, steps, value, "counted exactly: every outcome listed and tested")


def _expected(prob: Problem, exp: Experiment, m: re.Match, rest: str) -> Solution | None:
    if exp.kind != "dice" or not _filler_only(rest[: m.start()] + " " + rest[m.end() :], prob.raw):
        return None
    what = m.group("what")
    if (what in ("sum", "product")) != (exp.parts > 1):
        return None
    f = math.prod if what == "product" else sum
    total = sum(f(o) for o in exp.outcomes)
    value = sp.Rational(total, len(exp.outcomes))
    said = f"the {what}" if exp.parts > 1 else "the number rolled"
    steps = [
        step(_total(exp), f"{_capital(exp.said)}: {len(exp.outcomes)} equally likely outcomes."),
        step(
            f"\\frac{{{total}}}{{{len(exp.outcomes)}}} = {sp.latex(value)}",
            f"The expected value is the average of {said} over every outcome.",
        ),
    ]
    return _finish(prob, steps, value, "computed exactly: the average over every outcome")


def _total(exp: Experiment) -> str:
    """How the outcomes are counted: 6^{2} = 36 for two dice, \\binom{4}{2} = 6 for two numbers of four."""
    n = len(exp.outcomes)
    if exp.kind == "numbers":
        size = len({x for o in exp.outcomes for x in o})
        return f"\\binom{{{size}}}{{{exp.parts}}} = {n}"
    base = round(n ** (1 / exp.parts))
    return f"{base}^{{{exp.parts}}} = {n}" if exp.parts > 1 else str(n)


def _capital(said: str) -> str:
    return said[0].upper() + said[1:]


def _shown(exp: Experiment, test: Event) -> str:
    hits = [o for o in exp.outcomes if test(o)]
    if not hits or len(hits) > 8 or exp.kind == "coins":
        return ""
    return " (" + ", ".join("(" + ", ".join(map(str, o)) + ")" if len(o) > 1 else str(o[0]) for o in hits) + ")"


def _finish(prob: Problem, steps: list, value: sp.Expr, verification: str) -> Solution:
    steps.append(step(sp.latex(value), "This is the answer."))
    return solved(prob.raw, "probability", steps, _HINTS, value, verification=verification)
