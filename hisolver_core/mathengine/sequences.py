"""Arithmetic and geometric sequences described in words or as a listed run of terms.

"For the arithmetic sequence 1000, 987, 974, 961, ..., what is the least positive integer in the
sequence?", "A sequence starts with the term 2222. Each succeeding term is found by adding 1010 to
the previous term. What is the sum of the sixth and seventh terms?", "The third term of an
arithmetic sequence is 5 and the sixth term is -1. Find the twelfth term."

The sequence model is a first term ``a_1`` and a difference ``d`` (arithmetic: ``a_k = a_1 + (k-1)d``)
or a ratio ``r`` (geometric: ``a_k = a_1 r^(k-1)``). Every term the problem names becomes an
unknown ``a_k`` tied to the model by that formula; every given (a listed term, a statement such as
"the sum of the third and the sixth terms is 25", a rule "each term is found by adding 1010")
becomes a relation; the question becomes the target (a term or an expression in terms and letters,
the count of terms up to a last listed term, the position of a value, the least positive term).
``solve_program`` solves and checks the program.

Precision: the text is rewritten with the phrase tables of :mod:`.sequence_phrases` and every
clause must match one of their patterns in full (a word left over returns ``None``); the kind
(arithmetic or geometric) must be fixed by a word, a rule, or a run of three listed numbers that
only one kind fits; conflicting kinds return ``None``. The reader never raises ``Decline``: a
sequence problem it cannot read is left to the readers after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

import sympy as sp

from ..solution import Solution
from .build import Decline, step, tex
from .forms import honour_format
from .problem import Problem
from .program import MathProgram, ProgramError, Relation, Target, Unknown
from .program_solve import solve_program
from .readers import reader
from .sequence_phrases import CLAUSES, COMMON, COUNT, COUNTS, ITEM, OPERATORS, ORD, PARITY, RULES, SUMS, ordinal

__all__ = ["read_sequence", "solve_sequence"]

_MAX_TERM = 10_000  # a term position beyond this is not a textbook sequence question
_INSTRUCTION = r"(?:express|give|write) your answer [^.?!]*[.?!]?|answer as [^.?!]*[.?!]?"
_STEP = {"arithmetic": "d", "geometric": "r"}
_MEANING = {"arithmetic": "the common difference", "geometric": "the common ratio"}
_FORMULA = {"arithmetic": "a_n = a_1 + (n - 1)d", "geometric": "a_n = a_1 r^{n - 1}"}


@dataclass
class _Reading:
    """What the clauses said about the one sequence of the problem."""

    kinds: set[str] = field(default_factory=set)
    listed: list[str] = field(default_factory=list)  # the listed terms, first to last
    dots: bool = False  # the list goes on ("...")
    last: str | None = None  # a final term after the dots ("13, 20, ..., 2008")
    relations: list[str] = field(default_factory=list)
    positive_integers: bool = False
    question: tuple[str, str | None] | None = None  # (kind of question, its math)
    terms: set[int] = field(default_factory=set)


def _plain(raw: str) -> str | None:
    """The problem as plain lower-case text (LaTeX fractions as ``(p)/(q)``, dots as ``...``); None if LaTeX remains."""
    text = re.sub(r"\\[lc]?dots\b|\\ldots|…", "...", raw)
    text = re.sub(r"\\[dt]?frac\{(-?\d+)\}\{(\d+)\}", r"(\1)/(\2)", text)
    text = re.sub(r"\^\{?(st|nd|rd|th)\}?", r"\1", text)
    text = re.sub(r"\\[!,;]|[$~]", " ", text).replace("\\ ", " ")
    if re.search(r"[\\{}^_]", text):
        return None
    text = re.sub(_INSTRUCTION, " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def _sequences(text: str, reading: _Reading) -> str | None:
    """Every mention of the sequence as ``SEQ``, its kind word and listed terms recorded; None for two lists."""
    mention = re.compile(
        rf"\b(?:the|this|an|a) (?:(arithmetic|geometric) )?(?:sequence|progression)"
        rf"(?: of ({PARITY}) (?:numbers|integers))?(?: ((?:{ITEM} ?, ?)+(?:\.\.\.(?: ?, ?{ITEM})?|{ITEM})))?"
    )
    out, last = [], 0
    for m in mention.finditer(text):
        if m.group(1):
            reading.kinds.add(m.group(1))
        if m.group(3):
            if reading.listed:
                return None
            items = [i.strip() for i in m.group(3).split(",")]
            if "..." in items:
                at = items.index("...")
                reading.dots, tail = True, items[at + 1 :]
                reading.last, items = (tail[0] if tail else None), items[:at]
            reading.listed = items
        if m.group(2) and not (m.group(3) and all(_parity(i) == m.group(2) for i in reading.listed)):
            return None  # "the sequence of odd numbers 1, 3, 5, ...": the listed numbers must be so
        out.append(text[last : m.start()] + "SEQ")
        last = m.end()
    return "".join(out) + text[last:]


def _parity(item: str) -> str | None:
    """ "odd" or "even" for a listed integer; None for anything else."""
    value = _number(item)
    return ("even" if value % 2 == 0 else "odd") if value is not None and value.is_integer else None


def _term_refs(text: str, reading: _Reading) -> str | None:
    """Term references as ``T<k>`` placeholders, aggregates as math; None for a term past ``_MAX_TERM``."""

    def t(k: int) -> str:
        reading.terms.add(k)
        return f"T{k}"

    def following(m: re.Match) -> str:
        count = COUNTS.get(m.group(1) or "one", 0)
        start = len(reading.listed) + 1
        if not reading.dots or reading.last is not None or not count:
            return "NEXT?"  # "the next term" of a list that does not go on: left unplaced
        return " and ".join(t(start + i) for i in range(count))

    text = re.sub(r"\bthe next (?:(\w+) )?terms?\b", following, text)
    text = re.sub(rf"\bthe sum of the first ({COUNT}) terms\b", lambda m: f"S{COUNTS.get(m[1]) or m[1]}", text)
    for phrase, (kind, letter) in COMMON.items():
        if re.search(rf"\bthe {phrase}\b", text):
            reading.kinds.add(kind)  # "the common difference": an arithmetic sequence
            text = re.sub(rf"\bthe {phrase}\b", letter, text)
    text = re.sub(
        rf"\bthe ({ORD}) and (?:the )?({ORD}) terms\b", lambda m: f"{t(ordinal(m[1]))} and {t(ordinal(m[2]))}", text
    )
    text = re.sub(rf"\bthe ({ORD})(?: term\b)?", lambda m: t(ordinal(m[1])), text)
    for word, joiner in SUMS.items():
        text = re.sub(rf"\bthe {word} of (T\d+) and (T\d+)", rf"(\1{joiner}\2)", text)
    for word, sign in OPERATORS.items():
        text = re.sub(rf"(?<=[\w)]) {word} (?=[\w(])", f" {sign} ", text)
    text = re.sub(r"(T\d+|\)|\b[DR]) (?:of|in) SEQ\b", r"\1", text)  # "the third term of the sequence": one sequence
    if any(k > _MAX_TERM or k < 1 for k in reading.terms):
        return None
    return text


def _clauses(text: str) -> list[str]:
    """The clauses of the text: sentences cut at ``.?!;`` and at commas or "and" between statements."""
    out = []
    for sentence in re.split(r"[?!;]|\.(?!\d)", text):
        out += [
            c.strip() for c in re.split(r",(?: and)?| and (?=if |what |find |(?:T\d+|D|R) (?:is|equals))", sentence)
        ]
    return out


def _read_clause(clause: str, reading: _Reading) -> bool:
    """Place one clause into ``reading``; False when no clause pattern matches it in full."""
    for pattern, what in CLAUSES:
        m = re.fullmatch(pattern, clause)
        if m is None:
            continue
        if what == "rule":
            return _read_rule(m.group("rule"), reading)
        if what == "start":
            reading.relations.append(f"T1 = {m.group('v')}")
            reading.terms.add(1)
        elif what == "relation":
            reading.relations.append(f"{m.group('l')} = {m.group('r')}")
        elif what == "positive_integers":
            reading.positive_integers = True
        elif what not in ("empty", "header"):
            if reading.question is not None:
                return False
            reading.question = (what, m.groupdict().get("e"))
        return True
    return False


def _read_rule(rule: str, reading: _Reading) -> bool:
    """ "adding 1010 to the previous term": the kind, and the step's value when a number is given."""
    for pattern, kind, value in RULES:
        m = re.fullmatch(pattern, rule)
        if m is None:
            continue
        reading.kinds.add(kind)
        if value is not None:
            reading.relations.append(f"{_STEP[kind].upper()} = {value.replace('n', m.group('n'))}")
        return True
    return False


def _kind_of_list(listed: list[str]) -> str | None:
    """The kind a run of three or more listed numbers fits (arithmetic when both do: a constant run)."""
    run: list[sp.Expr] = []
    for item in listed:
        value = _number(item)
        if value is None:
            break
        run.append(value)
    if len(run) < 3:
        return None
    if len({b - a for a, b in pairwise(run)}) == 1:
        return "arithmetic"
    if all(v != 0 for v in run) and len({b / a for a, b in pairwise(run)}) == 1:
        return "geometric"
    return None


def read_sequence(prob: Problem) -> tuple[_Reading, str] | None:
    """The problem's reading and the sequence's kind; None unless every clause is placed and the kind is fixed."""
    text = _plain(prob.raw)
    if text is None or not re.search(r"\b(?:sequence|progression)\b", text):
        return None
    reading = _Reading()
    text = _sequences(text, reading)
    text = _term_refs(text, reading) if text is not None else None
    if text is None or not all(_read_clause(c, reading) for c in _clauses(text)):
        return None
    if reading.question is None:
        return None
    listed_kind = _kind_of_list(reading.listed)
    kinds = reading.kinds | ({listed_kind} if listed_kind and not reading.kinds else set())
    if len(kinds) != 1:
        return None  # no word, rule or run of numbers fixes the kind, or two disagree
    return reading, kinds.pop()


# --- the program --------------------------------------------------------------------------------------------


def _formula(kind: str, k: int | str) -> str:
    """The k-th term in the model's letters."""
    if kind == "arithmetic":
        return f"a_1 + ({k} - 1)*d"
    return f"a_1*r**({k} - 1)"


def _math(text: str, kind: str) -> str:
    """The placeholders in the model's letters: ``T3`` as the unknown ``a_3``, ``S5`` as the sum of the
    first five terms, ``D`` (``R``) as the common difference (ratio)."""
    text = re.sub(r"S(\d+)", lambda m: f"({_first_terms_sum(kind, int(m[1]))})", text)
    return re.sub(r"T(\d+)", r"a_\1", text).replace("D", "d").replace("R", "r")


def _first_terms_sum(kind: str, count: int) -> str:
    """The sum of the first ``count`` terms: n(2a_1 + (n - 1)d)/2, or each of the terms a_1 r^k written out."""
    if kind == "arithmetic":
        return f"{count}*(2*a_1 + ({count} - 1)*d)/2"
    return " + ".join(f"a_1*r**{k}" for k in range(count))  # no (1 - r^n)/(1 - r): r may be 1


def _model_program(reading: _Reading, kind: str, target: Target, asked: str = "") -> MathProgram | None:
    """Unknowns a_1, d (or r), each named term and each letter; relations for each given and each term
    (and ``asked``, the question's own relation in the position ``n``). None when the problem's letters clash."""
    givens = [*(f"T{k} = {item}" for k, item in enumerate(reading.listed, 1)), *reading.relations]
    reading.terms |= set(range(1, len(reading.listed) + 1))
    letters = {s for g in givens for s in re.findall(r"\b[b-z]\b", g)}
    asked_letters = set(re.findall(r"\b[b-z]\b", (reading.question or ("", ""))[1] or ""))
    if (letters | asked_letters) & {"d", "r", "n"}:
        return None  # a problem's own d, r or n would clash with the model's letters
    relations = [Relation(_math(g, kind)) for g in [*givens, *([asked] if asked else [])]]
    relations += [Relation(f"a_{k} = {_formula(kind, k)}") for k in sorted(reading.terms) if k > 1]
    domain = "positive_integer" if reading.positive_integers else "real"
    unknowns = [Unknown("a_1", domain, "the first term"), Unknown(_STEP[kind], "real", _MEANING[kind])]
    if reading.positive_integers:
        if kind != "arithmetic":
            return None
        unknowns[1].domain = "nonnegative_integer"  # every term a positive integer: d a whole number
    unknowns += [Unknown(f"a_{k}", domain, f"term {k}") for k in sorted(reading.terms) if k > 1]
    unknowns += [Unknown(x) for x in sorted(letters)]
    return MathProgram(target=target, unknowns=unknowns, relations=relations, reader="sequences")


def _question_program(reading: _Reading, kind: str, prob: Problem) -> MathProgram | None:
    """The program for the question asked (the least positive term is two programs: see ``_least_positive``)."""
    what, expr = reading.question or ("", None)
    target = Target("value", expr=_math(expr or "", kind), rounding=prob.rounding)
    if what in ("count", "position"):
        value = reading.last if what == "count" else expr
        if value is None or (what == "count" and not all(_integer(i) for i in [*reading.listed, value])):
            return None  # "how many integers belong to": every term an integer, and a last term to count to
        program = _model_program(reading, kind, Target("value", expr="n"), f"{_formula(kind, 'n')} = {value}")
        if program is not None:
            program.unknowns.append(Unknown("n", "positive_integer", "the position of the term"))
        return program
    if what == "least_positive":
        target = Target("value", expr=f"(a_1, {_STEP[kind]})")
    return _model_program(reading, kind, target)


def _integer(item: str) -> bool:
    value = _number(item)
    return value is not None and bool(value.is_integer)


def _number(item: str) -> sp.Expr | None:
    """A listed term's value when it is a number (no letters); None otherwise."""
    try:
        value = sp.sympify(item)
    except (sp.SympifyError, TypeError, SyntaxError):
        return None
    return value if isinstance(value, sp.Expr) and value.is_number else None


def _least_positive(model: Solution, kind: str) -> Solution:
    """The least positive term of an arithmetic sequence of integers, from its solved a_1 and d."""
    a1, d = model.answer
    if kind != "arithmetic" or not (a1.is_integer and d.is_integer) or d == 0:
        raise Decline("The least positive term is read only for arithmetic sequences of integers.")
    term = "a_1 + (n - 1)*d"
    program = MathProgram(
        target=Target("value", expr=term, pick="min"),
        unknowns=[Unknown("n", "positive_integer", "the position of a term")],
        givens={"a_1": str(a1), "d": str(d)},
        relations=[Relation(f"{term} > 0")],
        reader="sequences",
    )
    sol = solve_program(program)
    n = sp.Symbol("n")
    positive = step(f"{tex(a1 + (n - 1) * d)} > 0", "A term is positive when its value is more than 0.")
    sol.steps = [*model.steps, positive, *sol.steps]
    return sol


@reader(
    "sequences",
    handles="arithmetic and geometric sequences: listed terms, terms given by position, a rule for the next term",
    order=150,
)
def solve_sequence(prob: Problem) -> Solution | None:
    """Read ``prob`` as a sequence problem and solve it; None when it is not one or cannot be answered."""
    read = read_sequence(prob)
    if read is None:
        return None
    reading, kind = read
    program = _question_program(reading, kind, prob)
    if program is None:
        return None
    try:
        sol = solve_program(program, prob)
        if reading.question and reading.question[0] == "least_positive":
            sol = _least_positive(sol, kind)
    except (Decline, ProgramError):
        return None
    if not sol.solved or (prob.options and sol.choice is None) or not (prob.options or honour_format(prob, sol)):
        return None
    formula = step(
        _FORMULA[kind],
        f"In {'an' if kind[0] == 'a' else 'a'} {kind} sequence every term follows from the first by this formula.",
    )
    sol.steps = [formula, *sol.steps]
    sol.hints = list(dict.fromkeys([f"Write each term with the formula ${_FORMULA[kind]}$.", *sol.hints]))
    sol.reader = "sequences"
    return replace(sol, problem=prob.raw)
