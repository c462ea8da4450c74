"""Unknowns stated in words and variation, for the forms reader (``forms.py``).

"The sum of two numbers is 40 and their difference is 12", "two consecutive odd integers", "three numbers
⟦a⟧, ⟦b⟧ and ⟦c⟧": an introduction is replaced by the list of the numbers as math (``⟦x⟧ and ⟦y⟧``), and the
words that refer back to them ("their sum", "the numbers", "the larger", "its reciprocal") by that list or
one member, so the phrase rules of ``form_phrases.py`` read "the sum of ⟦x⟧ and ⟦y⟧" as they read any sum.
Numbers with no order in the text are named largest first (x >= y is a condition), so "the difference of"
them is the larger less the smaller; consecutive ones are written from one integer n (2n + 1, 2n + 3).

Variation is a statement frame: "⟦j⟧ and ⟦k⟧ are inversely proportional" is the law j*k = C for a constant
C; each "⟦j = 16⟧ when ⟦k = 21⟧" is the law at those values (16*21 = C), and the question "what is ⟦j⟧ when
⟦k = 14⟧" the law at k = 14 (14*j = C). The solver then checks, as for any program, one value.

Every function here declines (returns None, or False for a statement it read but cannot accept) rather
than guess: an order word ("the larger") for numbers the text does not order, a second group of numbers.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from .build import Decline
from .form_phrases import _M, _new, _phrases, _Reading, _segments

__all__ = ["verbal_question", "verbal_statement", "verbal_text"]

_MS = rf"{_M}(?:(?:,| and|, and) {_M})*"

# Members of a run of consecutive numbers: member k (k = 0, 1, ...) as an expression in the integer n.
_RUNS = {
    "even": lambda n, k: 2 * n + 2 * k,
    "odd": lambda n, k: 2 * n + 1 + 2 * k,
    "": lambda n, k: n + k,
}
# The noun and what it says of each number: (domain of a number named by a letter, integer?).
_NOUNS = {
    "numbers": ("real", False),
    "number": ("real", False),
    "real numbers": ("real", False),
    "integers": ("integer", True),
    "whole numbers": ("nonnegative_integer", True),
    "counting numbers": ("positive_integer", True),
}
_NOUN_WORDS = "|".join(sorted(_NOUNS, key=len, reverse=True))
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}
_ADJECTIVES = r"(?:(?:consecutive|positive|negative|even|odd|distinct|different) )*"
_INTRO = re.compile(
    r"(?<!first )(?<!last )(?<!next )(?<!other )(?<!the )(?<!original )"
    rf"(?<![\w⟧])(?P<count>{_M}|(?:an?|one)(?: (?P<ordinal>second|third|particular|certain))?|another|the other"
    rf"|{'|'.join(_COUNT_WORDS)})"
    rf" (?P<adj>{_ADJECTIVES})(?P<noun>{_NOUN_WORDS})\b"
    rf"(?: (?P<names>{_M}(?:(?:,|, and| and) {_M})*))?"
)
_ORDER_WORDS = {
    "larger": 0,
    "largest": 0,
    "greater": 0,
    "greatest": 0,
    "bigger": 0,
    "biggest": 0,
    "smaller": -1,
    "smallest": -1,
    "lesser": -1,
    "least": -1,
    "middle": 0,  # the one in the middle of an odd count (see _member)
}
_LAW = re.compile(
    r"(?:suppose (?:that )?|if |given that |assume (?:that )?)?(?:the (?:quantities |variables |numbers )?)?"
    rf"(?:(?P<a>{_M}) and (?P<b>{_M}) (?:are (?P<k1>inversely |directly )?proportional|vary (?P<k4>inversely|directly))"
    rf"|(?P<a2>{_M}) (?:is (?P<k2>inversely |directly )?proportional to|varies (?P<k3>inversely|directly) "
    rf"(?:as|with)) (?P<b2>{_M}))"
    r"(?:,? and (?P<rest>.+))?"
)
_SATISFY = re.compile(rf"(?:let |suppose |if )?(?P<names>{_MS}) (?:satisfy|satisfies) (?:both )?(?P<ms>{_MS})")
# "⟦x⟧ is doubled, increased by ⟦3⟧, and then divided by ⟦5⟧": each operation as data, applied in turn
_STEPS: tuple[tuple[re.Pattern[str], Any], ...] = tuple(
    (re.compile(pattern), build)
    for pattern, build in (
        ("doubled", lambda a: 2 * a),
        ("tripled", lambda a: 3 * a),
        ("quadrupled", lambda a: 4 * a),
        ("halved", lambda a: a / 2),
        ("squared", lambda a: a**2),
        ("cubed", lambda a: a**3),
        (rf"(?:increased|raised) by ({_M})", lambda a, b: a + b),
        (rf"(?:decreased|reduced|lowered) by ({_M})", lambda a, b: a - b),
        (rf"multiplied by ({_M})", lambda a, b: a * b),
        (rf"divided by ({_M})", lambda a, b: a / b),
        (rf"({_M}) is added(?: to (?:it|the result))?", lambda a, b: a + b),
        (rf"({_M}) is subtracted(?: from (?:it|the result))?", lambda a, b: a - b),
    )
)
_CHAIN = re.compile(
    rf"(?:if |when )?(?P<x>{_M}) is (?P<ops>[a-z].*?)"
    rf"(?:,? (?:the result is|the result will be|it becomes|you get|we get) (?P<n>{_M}))?"
)
# "if we decrease ⟦a⟧ by ⟦5⟧, we get ⟦N⟧", "if I double ⟦x⟧ and add ⟦5⟧, I get ⟦17⟧": each imperative step as the
# passive step of _STEPS it means (the object, ⟦a⟧, is moved to the front of the chain)
_IMPERATIVE = tuple(
    (re.compile(pattern), passive)
    for pattern, passive in (
        (rf"adds? ({_M})(?: to (?:it|the result))?", r"increased by \1"),
        (rf"subtracts? ({_M})(?: from (?:it|the result))?", r"decreased by \1"),
        (rf"multipl(?:y|ies) (?:it |the result )?by ({_M})", r"multiplied by \1"),
        (rf"divides? (?:it |the result )?by ({_M})", r"divided by \1"),
        (rf"(increase|decrease|reduce)s? (?:it |the result )?by ({_M})", r"\1d by \2"),
        (r"(double|triple|halve|square|cube)s?(?: it| the result)?", r"\1d"),
    )
)
_IMPERATIVE_CHAIN = re.compile(
    rf"(?:if |when )?(?P<who>we|you|i) (?P<verb>[a-z]+) (?P<x>{_M})(?P<ops>.*?),? (?P=who) (?:get|obtain|will get) "
    rf"(?P<n>{_M})"
)
_RESULT = re.compile(
    r"(?:the result is|the result will be|the result equals|this gives)"
    rf"(?: (?P<rel>(?:greater|more|less) than(?: or equal to)?|at least|at most))? (?P<n>{_M})"
)
# "the result is greater than ⟦N⟧": the relation the result stands in to the number
_RELATIONS = {
    None: sp.Eq,
    "greater than": sp.Gt,
    "more than": sp.Gt,
    "less than": sp.Lt,
    "greater than or equal to": sp.Ge,
    "more than or equal to": sp.Ge,
    "at least": sp.Ge,
    "less than or equal to": sp.Le,
    "at most": sp.Le,
}
_WHEN = re.compile(rf"(?:if |and )?(?:(?P<r>{_MS}) when (?P<s>{_MS})|when (?P<s2>{_MS}),? (?P<r2>{_MS}))")


def _number(rd: _Reading, i: int) -> int | None:
    obj = rd.objs.get(i)
    if rd.kinds.get(i) == "expression" and isinstance(obj, sp.Integer) and 1 <= obj <= 9:
        return int(obj)
    return None


def _fresh(rd: _Reading, choices: str) -> list[sp.Symbol]:
    """Letters among ``choices`` that no segment of the problem uses (for numbers the text leaves unnamed)."""
    taken = {s.name for obj in rd.objs.values() if isinstance(obj, sp.Basic) for s in obj.free_symbols}
    return [sp.Symbol(c) for c in choices if c not in taken]


def _introduce(rd: _Reading, m: re.Match[str]) -> str | None:
    """The list of math segments naming the numbers an introduction makes; None when it makes none."""
    group = rd.verbal
    adjectives = m.group("adj").split()
    noun = m.group("noun")
    names = _segments(m.group("names") or "")
    word = m.group("count")
    count = (
        1
        if word.split()[0] in ("a", "an", "one", "another", "the")
        else _COUNT_WORDS.get(word) or _number(rd, _segments(word)[0])
    )
    if count is None or (count == 1) != noun.endswith("number"):
        return None
    if group.get("members") and not (count == 1 and group.get("singles")):
        raise Decline("Two groups of numbers stated in words: I keep track of one.")
    domain, integer = _NOUNS[noun]
    integer = integer or bool({"even", "odd"} & set(adjectives))
    distinct = bool({"distinct", "different"} & set(adjectives))
    if count == 1:
        return _single(rd, m, names, _with_sign("integer" if integer and domain == "real" else domain, adjectives))
    if names:
        members: list[sp.Expr] = _named(rd, names)
        if len(members) != count or "consecutive" in adjectives:
            return None
        if not all(rd.kinds.get(i) == "letter" for i in names):  # "$a, b$ and $c$": a segment for each letter
            rd.used.update(names)
            names = [_new(rd, "letter", v) for v in members]
        ordered = False
        if distinct:
            rd.conditions += [f"{a} != {b}" for k, a in enumerate(members) for b in members[k + 1 :]]
    elif "consecutive" in adjectives:
        parity = next((a for a in adjectives if a in ("even", "odd")), "")
        base = _fresh(rd, "nmk")[:1]
        if not base or count < 2:
            return None
        rd.domains[base[0].name] = "integer"
        members = [_RUNS[parity](base[0], k) for k in range(count)][::-1]  # the largest first
        ordered = True
        rd.hints.append(
            f"Call the numbers {', '.join(sp.sstr(v) for v in members[::-1])}: "
            f"consecutive {parity + ' ' if parity else ''}integers differ by {2 if parity else 1}."
        )
    else:
        letters = _fresh(rd, "xyzuvw")[:count]
        if len(letters) < count or {"even", "odd"} & set(adjectives):
            return None
        members = list(letters)
        ordered = True
        order = ">" if distinct else ">="
        rd.conditions += [f"{a} {order} {b}" for a, b in zip(letters, letters[1:], strict=False)]
        if count > 1:
            rd.hints.append(f"Call the numbers {', '.join(map(str, letters))}, the largest first.")
    if "consecutive" not in adjectives:
        domain = _with_sign("integer" if integer and domain == "real" else domain, adjectives)
        rd.domains.update({str(sym): domain for sym in members if domain != "real"})
    elif "positive" in adjectives:
        rd.conditions.append(f"{members[-1]} > 0")
    if "negative" in adjectives:
        rd.conditions += [f"{v} < 0" for v in members]
    rd.used.update(_segments(m.group(0)))
    group.update(members=members, ordered=ordered, segments=names or [_new(rd, "expression", v) for v in members])
    return _listed(rd)


def _named(rd: _Reading, names: list[int]) -> list[sp.Expr]:
    """The letters the name segments give ("⟦a⟧ and ⟦b⟧", or "⟦a, b⟧ and ⟦c⟧"); [] when one is not a letter."""
    out: list[sp.Expr] = []
    for i in names:
        obj = rd.objs.get(i)
        items = list(obj) if isinstance(obj, sp.Tuple) else [obj]
        if not all(isinstance(v, sp.Symbol) for v in items):
            return []
        out += items
    return out


def _single(rd: _Reading, m: re.Match[str], names: list[int], domain: str) -> str | None:
    """ "a number", "a second number ⟦y⟧": one more member (numbers met one at a time keep no order of size)."""
    group = rd.verbal
    members = group.setdefault("members", [])
    ordinal = {"second": 2, "third": 3}.get(m.group("ordinal") or "", 0)
    if m.group("count") in ("another", "the other"):
        ordinal = 2  # "one number is 3 more than twice another number": the second of two
    if ordinal and ordinal != len(members) + 1 or m.group("adj").strip() or (names and len(names) != 1):
        return None  # "a second number" before any first one; "a positive number" (kept simple: no adjectives)
    if names and rd.kinds.get(names[0]) != "letter":
        return None
    sym = rd.objs[names[0]] if names else next(iter(_fresh(rd, "xyzuvw")), None)
    if sym is None or sym in members:
        return None
    segment = names[0] if names else _new(rd, "letter", sym)  # a letter: "the smallest value of the number"
    rd.used.update(_segments(m.group(0)))
    if domain != "real":
        rd.domains[str(sym)] = domain
    members.append(sym)
    group.update(ordered=False, singles=True, segments=[*group.get("segments", []), segment])
    return f"⟦{segment}⟧"


def _with_sign(domain: str, adjectives: list[str]) -> str:
    """The domain with "positive" folded in: real -> positive, integer -> positive_integer."""
    if "positive" not in adjectives:
        return domain
    return {"real": "positive", "integer": "positive_integer", "nonnegative_integer": "positive_integer"}.get(
        domain, domain
    )


def _listed(rd: _Reading) -> str:
    segments = [f"⟦{i}⟧" for i in rd.verbal["segments"]]
    return segments[0] if len(segments) == 1 else ", ".join(segments[:-1]) + " and " + segments[-1]


def _member(rd: _Reading, word: str) -> str:
    """ "the larger": the member that order word names (the larger of the two where the text does not order them)."""
    segments = rd.verbal["segments"]
    if not rd.verbal.get("ordered"):  # numbers met one at a time: the larger is whichever the solution makes it
        if word == "middle" or len(segments) != 2:
            raise Decline(f"The text does not order the numbers, so I cannot tell the {word} one.")
        a, b = rd.verbal["members"]  # max and min written with |a - b|, which every reader and the solver know
        sign = 1 if _ORDER_WORDS[word] == 0 else -1
        rd.hints.append("Find both numbers, then take the one asked for.")
        return f"⟦{_new(rd, 'expression', (a + b + sign * sp.Abs(a - b)) / 2)}⟧"
    if word == "middle":
        if len(segments) % 2 == 0:
            raise Decline("An even count of numbers has no middle one.")
        return f"⟦{segments[len(segments) // 2]}⟧"
    return f"⟦{segments[_ORDER_WORDS[word]]}⟧"


def verbal_text(rd: _Reading, text: str) -> str:
    """``text`` (a normalised sentence) with its numbers stated in words replaced by their math."""
    if rd.verbal.get("law") is not None:  # "when ⟦r⟧ is ⟦1200⟧, ⟦s⟧ is ⟦0.35⟧": values of the law's letters
        text = _values_of(rd, text)
    start = 0
    while (m := _INTRO.search(text, start)) is not None:
        made = _introduce(rd, m)
        if made is not None:
            text = text[: m.start()] + made + text[m.end() :]
        start = m.start() + len(made or m.group(0))
    if not rd.verbal.get("members"):
        return text
    text = _singles(rd, text)
    text = _clauses(rd, text)
    listed = _listed(rd)
    count = len(rd.verbal["members"])
    text = re.sub(
        rf"\bthe (?:(?:original|{_M}|two|three|consecutive|positive|even|odd) )*(?:numbers|integers)\b"
        rf"|\bthe (?:two|three|{_M})(?=[,.?;:]|$| is\b)",
        lambda r: _placed(rd, r, listed, count),
        text,
    )
    text = re.sub(rf"\b(?:each|both) (?:number|integer)\b|\b(?:each|both|all) of {re.escape(listed)}", listed, text)
    if rd.verbal.get("squared"):  # "... are each squared. The difference of the squares is 60."
        text = re.sub(r"\bthe squares\b(?! of)", f"the squares of {listed}", text)
    order = "|".join(_ORDER_WORDS)
    text = re.sub(
        rf"\bthe ({order})(?: (?:one|number|integer))?(?: of (?:them|the two|{re.escape(listed)}))?"
        r"(?=[,.?;:]|$| (?:is|and|minus|plus|times|divided|squared|cubed|exceeds)\b)",
        lambda r: _member(rd, r.group(1)),
        text,
    )
    text = re.sub(r"\btheir (\w+)", rf"the \1 of {listed}", text)
    if count == 1:
        text = re.sub(r"\bits (\w+)", rf"the \1 of {listed}", text)
    if not rd.verbal.get("ordered") and re.search(rf"\bdifference (?:of|between) (?:the squares of )?{listed}", text):
        raise Decline("The text does not say which number the difference starts from.")
    return text


_MEASURE = r"(?:sum|product|difference|positive difference|mean|average)"


def _clauses(rd: _Reading, text: str) -> str:
    """ "⟦x⟧ and ⟦y⟧ have a sum of ⟦31⟧ and a difference of ⟦3⟧", "... integers whose sum is ⟦45⟧": each measure
    of the numbers is a relation, and the clause is left as the list alone."""
    listed = re.escape(_listed(rd))
    have = re.search(
        rf"{listed} (?:(?:have|has) (?P<c>an? {_MEASURE} of {_M}(?:(?:,|,? and) an? {_MEASURE} of {_M})*)"
        rf"|differ by (?P<d>{_M}))(?:,? and (?=\w))?",
        text,
    )
    one = rf"(?:an? )?{_MEASURE} (?:is|of) {_M}"
    whose = re.search(rf"{listed} (?:whose|with) (?P<c>{one}(?:,? and (?:whose )?{one})*)", text)
    if have:
        for c in re.finditer(rf"an? (?P<w>{_MEASURE}) of (?P<n>{_M})", have.group("c") or ""):
            _measure(rd, c.group("w"), _segments(c.group("n"))[0])
        if have.group("d"):  # "two positive integers differ by ⟦6⟧"
            _measure(rd, "difference", _segments(have.group("d"))[0])
        return text[: have.start()] + text[have.end() :]
    if whose:
        for c in re.finditer(rf"(?P<w>{_MEASURE}) (?:is|of) (?P<n>{_M})", whose.group("c")):
            _measure(rd, c.group("w"), _segments(c.group("n"))[0])
        return text[: whose.start()] + _listed(rd) + text[whose.end() :]
    return text


def _measure(rd: _Reading, word: str, n: int) -> None:
    """The relation "the ``word`` of the numbers is segment ``n``", read by the phrase rules."""
    made = _phrases(rd, f"the {word.replace('positive ', '')} of {_listed(rd)}")  # ordered: never negative
    if (
        not re.fullmatch(_M, made)
        or (word.endswith("difference") and not rd.verbal.get("ordered"))
        or not _equals(rd, rd.objs[_segments(made)[0]], n, f"⟦{n}⟧")
    ):
        raise Decline(f"I cannot read the {word} of the numbers here.")


def _values_of(rd: _Reading, text: str) -> str:
    """``text`` with "⟦r⟧ is ⟦1200⟧" for a letter of the variation law read as the relation r = 1200."""
    return re.sub(rf"({_M}) (?:is|equals|is equal to) ({_M})", lambda v: _value_of(rd, v), text)


def _value_of(rd: _Reading, v: re.Match[str]) -> str:
    (a,), (b,) = _segments(v.group(1)), _segments(v.group(2))
    letter, value = rd.objs.get(a), rd.objs.get(b)
    if letter not in rd.verbal["law_letters"] or not (isinstance(value, sp.Expr) and value.is_number):
        return v.group(0)
    rd.used.update((a, b))
    return f"⟦{_new(rd, 'relation', sp.Eq(letter, value))}⟧"


def _singles(rd: _Reading, text: str) -> str:
    """ "the number", "the first number", "the second number": the member named (numbers met one at a time)."""
    segments = rd.verbal["segments"]

    def named(r: re.Match[str]) -> str:
        k = {"first": 0, "second": 1, "third": 2}.get(r.group(1) or "", 0 if len(segments) == 1 else -1)
        if k < 0 or k >= len(segments) or (r.group(1) and not rd.verbal.get("singles")):
            raise Decline("The text does not say which of the numbers it means.")
        return f"⟦{segments[k]}⟧"

    return re.sub(r"\bthe (?:(first|second|third) |(?:original|same) )?(?:number|integer)\b(?!s| of)", named, text)


def _placed(rd: _Reading, r: re.Match[str], listed: str, count: int) -> str:
    """ "the original two numbers": the list, once a count in the words agrees with the group's size."""
    for i in _segments(r.group(0)):
        if _number(rd, i) != count:
            raise Decline("The count of numbers referred to is not the count introduced.")
        rd.used.add(i)
    if ("two" in r.group(0).split() and count != 2) or ("three" in r.group(0).split() and count != 3):
        raise Decline("The count of numbers referred to is not the count introduced.")
    return listed


def verbal_statement(rd: _Reading, s: str) -> bool | None:
    """Read a statement about numbers stated in words or a variation law; None when ``s`` is neither."""
    if rd.verbal.get("members") and re.fullmatch(rf"{re.escape(_listed(rd))} are (?:each|both|all) squared", s):
        rd.verbal["squared"] = True
        return True
    m = _SATISFY.fullmatch(s)
    if m and all(rd.kinds.get(i) == "letter" for i in _segments(m.group("names"))):  # "let ⟦a⟧ and ⟦b⟧ satisfy"
        relations = _segments(m.group("ms"))
        if not all(rd.kinds.get(i) == "relation" for i in relations):
            return False
        rd.used.update(_segments(m.group(0)))
        rd.relations += relations
        return True
    m = _CHAIN.fullmatch(s)
    imperative = _IMPERATIVE_CHAIN.fullmatch(s)
    if imperative:
        s = _passive(imperative) or s
        m = _CHAIN.fullmatch(s)
    chained = _chain(rd, m) if m and rd.kinds.get(_segments(m.group("x"))[0]) in ("letter", "expression") else None
    if chained is not None:
        return chained
    m = _RESULT.fullmatch(s)
    if m and rd.verbal.get("result") is not None:
        relation = _RELATIONS[m.group("rel")]
        return _equals(rd, rd.verbal.pop("result"), _segments(m.group("n"))[0], m.group(0), relation)
    m = _LAW.fullmatch(s)
    if m:
        a, b = (_segments(m.group(g) or "") for g in (("a", "b") if m.group("a") else ("a2", "b2")))
        kind = (m.group("k1") or m.group("k2") or m.group("k3") or m.group("k4") or "directly").strip()
        if not _law(rd, a[0], b[0], kind == "inversely"):
            return False
        if not m.group("rest"):
            return True
        return verbal_statement(rd, _values_of(rd, m.group("rest"))) is True
    m = _WHEN.fullmatch(s)
    if m and rd.verbal.get("law") is not None:
        return _instance(rd, _segments(m.group(0)), whole=True)
    return None


def _chain(rd: _Reading, m: re.Match[str]) -> bool | None:
    """ "⟦x⟧ is tripled and then increased by ⟦5⟧(, the result is ⟦32⟧)": the operations applied in turn; the
    result equals the number given here or in the next sentence. None when a piece is not an operation."""
    value = rd.objs[_segments(m.group("x"))[0]]
    for piece in re.split(r",? (?:and then|and|then) |, ", m.group("ops")):
        found = next(((p.fullmatch(piece.strip(", ")), b) for p, b in _STEPS if p.fullmatch(piece.strip(", "))), None)
        if found is None:
            return None
        step, build = found
        assert step is not None
        operands = [rd.objs.get(i) for i in _segments(step.group(0))]
        if not all(rd.kinds.get(i) in ("letter", "expression") for i in _segments(step.group(0))):
            return False
        value = build(value, *operands)
    if m.group("n") is None:
        rd.used.update(_segments(m.group(0)))
        rd.verbal["result"] = value
        return True
    return _equals(rd, value, _segments(m.group("n"))[0], m.group(0))


def _passive(m: re.Match[str]) -> str | None:
    """ "we decrease ⟦a⟧ by ⟦5⟧, we get ⟦N⟧" as "⟦a⟧ is decreased by ⟦5⟧, you get ⟦N⟧"; None when a step is not in
    the table."""
    steps = []
    for piece in re.split(r",? (?:and then|and|then) |, ", (m.group("verb") + m.group("ops")).strip()):
        found = next((p.fullmatch(piece) for p, _ in _IMPERATIVE if p.fullmatch(piece)), None)
        if found is None:
            return None
        steps.append(found.expand(next(passive for p, passive in _IMPERATIVE if p.fullmatch(piece))))
    return f"{m.group('x')} is {', '.join(steps)}, you get {m.group('n')}"


def _equals(rd: _Reading, value: Any, n: int, said: str, relation: Any = sp.Eq) -> bool:
    """The relation ``value`` = segment ``n`` (a number or an expression; or another ``relation``: ``sp.Gt``),
    every segment of ``said`` used."""
    if rd.kinds.get(n) not in ("letter", "expression"):
        return False
    rd.used.update(_segments(said))
    rd.relations.append(_new(rd, "relation", relation(value, rd.objs[n])))
    return True


def _law(rd: _Reading, a: int, b: int, inverse: bool) -> bool:
    """ "⟦a⟧ varies inversely as ⟦b⟧": the law a*b = C (directly: a = C*b) kept for the "when" statements."""
    y, x = rd.objs.get(a), rd.objs.get(b)
    if (
        rd.verbal.get("law") is not None
        or not isinstance(y, sp.Expr)
        or not isinstance(x, sp.Expr)
        or rd.kinds.get(b) not in ("letter", "expression")
    ):
        return False
    if len(x.free_symbols) != 1 or len(y.free_symbols) != 1 or y.free_symbols == x.free_symbols:
        return False
    constant = _fresh(rd, "CK")
    if not constant:
        return False
    c = constant[0]
    rd.used.update((a, b))
    rd.verbal["law"] = sp.Eq(y * x, c) if inverse else sp.Eq(y, c * x)
    rd.verbal["law_letters"] = y.free_symbols | x.free_symbols
    rd.hints.append(
        f"{'Inversely' if inverse else 'Directly'} proportional: "
        f"{sp.sstr(y * x if inverse else y / x)} is the same constant {c} every time."
    )
    return True


def _instance(rd: _Reading, relations: list[int], whole: bool) -> bool:
    """The law at the values the relations give (each ``letter = number``): a new relation; False when a relation
    is not such a value or (``whole``) the values do not give every letter of the law."""
    law: sp.Equality = rd.verbal["law"]
    values: dict[Any, Any] = {}
    for i in relations:
        rel = rd.objs.get(i)
        if rd.kinds.get(i) != "relation" or not isinstance(rel, sp.Equality):
            return False
        if not (isinstance(rel.lhs, sp.Symbol) and rel.rhs.is_number and rel.lhs in rd.verbal["law_letters"]):
            return False
        values[rel.lhs] = rel.rhs
    if whole != (set(values) == rd.verbal["law_letters"]) or not values:
        return False
    rd.used.update(relations)
    rd.relations.append(_new(rd, "relation", law.subs(values)))
    return True


def verbal_question(rd: _Reading, q: str) -> str:
    """The question with a closing "when ⟦k = 14⟧" read as the law at that value (when a law was stated)."""
    if rd.verbal.get("law") is None:
        return q
    q = re.sub(r"^then ", "", _values_of(rd, q))  # "if ⟦a = 2⟧ when ⟦b = 81⟧, then find ..."
    m = re.search(rf",? (?:when|if) (?P<s>{_MS})[?.]?$", q)
    if m is None or not _instance(rd, _segments(m.group("s")), whole=False):
        return q
    return q[: m.start()]
