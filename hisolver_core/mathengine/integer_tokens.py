"""The question's words as tokens for the integer-property grammar: math segments become their integers.

``question_tokens`` turns a :class:`~.problem.Problem` into lower-case words, integers (a segment such
as ``2^{2010}``, ``1{,}000``, ``1 + 2 + \\cdots + 80`` or ``3, 4,`` is computed exactly), ``digit:N``
for "N-digit", commas and sentence ends. It returns None, before any math is parsed, when a word
outside the grammar's vocabulary is present, no target word is, or a segment is not numbers.
"""

from __future__ import annotations

import math
import re

import sympy as sp

from .integer_phrases import (
    ADJECTIVES,
    AGGREGATES,
    HAVE_PHRASES,
    HEADS,
    LEADS,
    PHRASES,
    SUPERLATIVES,
    TERMS,
    VERB_PHRASES,
    Unread,
)
from .parse import ParseFailure, parse_math
from .problem import Problem
from .rewrite import words_to_numbers
from .words import singular

__all__ = ["question_tokens", "real_constant"]


_TOKEN = re.compile(r"list_[\d_-]+|digit:\d+|(?:expr|rel|real)_\d+|-?\d+|[a-z]+(?:'[a-z]+)?|'s|[,?.]")
_SCALE = re.compile(r"\b(one|a|\d+) (hundred|thousand)\b")


def _segment_numbers(src: str) -> list[int] | None:
    """A math segment as integers: ``73``, ``1{,}000``, ``2^8``, ``3, 4,``; None for anything else."""
    text = re.sub(r"\\[,!;]|\{,\}|~", "", src).strip().rstrip("?.,;: ").strip()
    parts = [p.strip() for p in text.split(",")] if re.fullmatch(r"-?\d+(?:\s*,\s*-?\d+)+", text) else [text]
    if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+", text):
        parts = [text.replace(",", "")]
    values = []
    for part in parts:
        if re.fullmatch(r"-?\d+", part):
            values.append(int(part))
            continue
        if _too_many_digits(part):
            return None
        series = _series_sum(part)
        power = re.fullmatch(r"(\d+)\s*\^\s*\{?\s*(\d+)\s*\}?", part)
        if series is not None:
            values.append(series)
            continue
        if power is not None:
            values.append(int(power.group(1)) ** int(power.group(2)))
            continue
        try:
            value = parse_math(part)
            value = value.doit() if isinstance(value, sp.Basic) else value
        except (ParseFailure, Exception):  # noqa: BLE001  (SymPy raises many kinds on odd input)
            return None
        if not isinstance(value, sp.Integer):
            return None
        values.append(int(value))
    return values


def real_constant(src: str) -> sp.Expr | None:
    """A segment that is a real number but not an integer ("3\\sqrt{5}", "100\\pi", "\\frac{17}{3}"); None otherwise."""
    text = src.strip().rstrip("?.,;: ").strip()
    if _too_many_digits(text) or len(text) > 80:
        return None
    try:
        value = parse_math(text)
        value = value.doit() if isinstance(value, sp.Basic) else value
    except (ParseFailure, Exception):  # noqa: BLE001  (SymPy raises many kinds on odd input)
        return None
    if not isinstance(value, sp.Expr) or value.free_symbols or value.is_real is not True or not value.is_finite:
        return None
    decided = value.is_rational is False or (value.is_rational is True and value.is_integer is False)
    return value if decided and abs(float(value)) <= 10**12 else None


def _too_many_digits(text: str) -> bool:
    """True when a power in ``text`` has more than 4000 digits (Python prints at most 4300 by default)."""
    for base, exp in re.findall(r"(\d+)\s*\^\s*\{?\s*(\d+)", text):
        if int(base) > 1 and int(exp) * math.log10(int(base)) > 4000:
            return True
    return False


def _series_sum(text: str) -> int | None:
    """ "1 + 2 + 3 + \\cdots + 80": the sum of an arithmetic series written with dots; None for anything else."""
    m = re.fullmatch(r"((?:-?\d+\s*\+\s*){2,})\\[cl]?dots\s*\+\s*((?:-?\d+\s*\+\s*)*-?\d+)", text.strip())
    if not m:
        return None
    left = [int(t) for t in m.group(1).split("+") if t.strip()]
    right = [int(t) for t in m.group(2).split("+")]
    d = left[1] - left[0]
    steps = [b - a for a, b in zip(left, left[1:], strict=False)] + [
        b - a for a, b in zip(right, right[1:], strict=False)
    ]
    gap = right[0] - left[-1]
    if d <= 0 or any(x != d for x in steps) or gap <= d or gap % d:
        return None
    count = (right[-1] - left[0]) // d + 1
    return count * (left[0] + right[-1]) // 2


LIST_LIMIT = 10_000  # members of a written list at most (a longer one is not read)


def _dotted_list(src: str) -> list[int] | None:
    """ "6, 10, 14, \\ldots, 82, 86" (or "6, 7, 10, 11, \\ldots, 98": a repeating pattern of steps): its members.

    The steps before the dots repeat with the shortest period that fits them; the written end must be met
    exactly (its last steps fitting the pattern too); None for anything else.
    """
    parts = [p.strip() for p in re.sub(r"\\[,!;]|~", "", src).strip().rstrip("?.;: ").split(",")]
    dots = [i for i, p in enumerate(parts) if re.fullmatch(r"\\[cl]?dots", p)]
    if len(dots) != 1 or not all(re.fullmatch(r"-?\d+", p) for i, p in enumerate(parts) if i != dots[0]):
        return None
    head, tail = [int(p) for p in parts[: dots[0]]], [int(p) for p in parts[dots[0] + 1 :]]
    steps = [b - a for a, b in zip(head, head[1:], strict=False)]
    period = next((k for k in range(1, len(steps) // 2 + 1) if steps == (steps[:k] * len(steps))[: len(steps)]), None)
    if len(head) < 3 or not tail or period is None or any(d <= 0 for d in steps):
        return None
    members = list(head)
    while members[-1] < tail[-1] and len(members) < LIST_LIMIT:
        members.append(members[-1] + steps[(len(members) - 1) % period])
    return members if members[-len(tail) :] == tail and len(members) > len(head) else None


def _known_words(text: str) -> bool:
    """True when every word outside the math is one the grammar reads (number words and "n-digit" included)."""
    words = re.findall(r"[a-z]+(?:'[a-z]+)?", re.sub(r"⟦\d+⟧", " ", text.lower().replace("’", "'")))
    known = all(singular(w, english=True) in _VOCABULARY or w in _NUMBER_WORDS for w in words)
    return known and bool(_TARGET_WORDS.intersection(words))


def question_tokens(prob: Problem) -> list[str] | None:
    """The question as tokens (math segments as their integers), or None when something is not words or integers."""

    var = variable_of(prob)

    def number(m: re.Match) -> str:
        indices = [int(i) for i in re.findall(r"⟦(\d+)⟧", m.group())]
        sources = [prob.math[i] for i in indices]
        if var is not None and len(sources) == 1 and _letters(sources[0]):
            return f" {_math_token(sources[0], indices[0], var)} "
        listed = _dotted_list(" ".join(sources))
        if listed is not None:
            return f" list_{'_'.join(map(str, listed))} "
        shown = []
        for index, src in zip(indices, sources, strict=True):  # segments not one list: each on its own
            values = _segment_numbers(src)
            if values is None and real_constant(src) is not None:
                shown.append(f" real_{index} ")  # a bound such as "less than $100\\pi$"
                continue
            if values is None:
                raise Unread
            shown.append(" " + " , ".join(map(str, values)) + " ")
        return " ".join(shown)

    if (
        not _FRAME_START.match(prob.text)
        or not _known_words(prob.text)
        or any(
            re.search(
                r"%" if var is not None else r"[a-zA-Z=<>%]", _COMMANDS.sub("", _CONSTANTS.sub("", prob.math[int(i)]))
            )
            for i in re.findall(r"⟦(\d+)⟧", prob.text)
        )
    ):
        return None  # not a question this grammar frames, or math that is not numbers (cheap, before parsing)
    try:
        text = re.sub(r"⟦\d+⟧(?:\s*⟦\d+⟧)*", number, prob.text)
    except Unread:
        return None
    text = words_to_numbers(
        text.replace(":", " ").lower().replace("’", "'").replace("non-zero", "nonzero").replace("non-0", "nonzero")
    )
    text = re.sub(r"\b(\d{1,3}(?:,\d{3})+)\b", lambda m: m.group(1).replace(",", ""), text)
    text = _SCALE.sub(lambda m: str((1 if m.group(1) in ("one", "a") else int(m.group(1))) * _SCALES[m.group(2)]), text)
    text = (
        re.sub(r"\b(\d+)(?: *- *| +)digit\b", r"digit:\1", text)
        .replace("non-negative", "nonnegative")
        .replace("non-zero", "nonzero")
        .replace("(inclusive)", ", inclusive")
    )
    tokens = _TOKEN.findall(text)
    if re.sub(r"\s+", "", text) != "".join(tokens):
        return None  # a sign or symbol the grammar does not read
    return tokens[:-1] if tokens and tokens[-1] in ("?", ".") else tokens


def _letters(src: str) -> set[str]:
    """The letters of a math segment outside LaTeX commands (``\\frac{12}{n}``: n)."""
    return set(re.findall(r"[a-zA-Z]", re.sub(r"\\[a-zA-Z]+", " ", src)))


def variable_of(prob: Problem) -> str | None:
    """The one letter the question's math names on its own (``integers $n$``) and uses alone; else None."""
    segments = [prob.math[int(i)] for i in re.findall(r"⟦(\d+)⟧", prob.text)]
    letters = set().union(*map(_letters, segments)) if segments else set()
    if len(letters) != 1:
        return None
    (var,) = letters
    return var if any(s.strip() == var for s in segments) else None


def _math_token(src: str, index: int, var: str) -> str:
    """A segment in the variable: ``var`` (the letter itself), ``rel_K`` (a relation) or ``expr_K``."""
    if src.strip() == var:
        return "var"
    if re.search(r"\\underline|\\overline|\\_|\d\s*[a-zA-Z]\s*\d", src):
        raise Unread  # a numeral with a digit unknown ($\\underline{2d2}$), not a product
    if re.search(r"[=<>]|\\[lg]eq?\b|\\neq\b", src):
        return f"rel_{index}"
    return f"expr_{index}"


_SCALES = {"hundred": 100, "thousand": 1000}
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety".split()
)
_FRAME_START = re.compile(
    r"\s*(?:(?:for )?how many|what|find|compute|determine|calculate|give|the (?:sum|product) of)\b", re.I
)
# every word the grammar reads (a question with any other word is not read: checked before any math is parsed)
_GRAMMAR_WORDS = (
    "how many of the a an are is there that which with whose unit one digit and also both has have be not first"
    " distinct possible all modulo residue remainder when divided by it integer number numeral mean perfect square"
    " cube common multiple factor divisor prime what what's find compute determine calculate give leave divide end"
    " nonzero non zero does do following expression difference ten tens hundreds consecutive equal equals these"
    " those greater smaller lesser larger bigger percent fraction probability randomly chosen selected picked drawn"
    " times appear written used list listing writing"
)


def _vocabulary() -> frozenset[str]:
    words = set(_GRAMMAR_WORDS.split()) | set(ADJECTIVES) | HEADS | set(SUPERLATIVES) | set(AGGREGATES)
    words |= {w for key in TERMS for w in key} | {w for lead in LEADS for w in lead}
    for table in (PHRASES, HAVE_PHRASES, VERB_PHRASES):
        words |= {w for pattern, _ in table for w in pattern.split() if w.isalpha()}
    words |= {"hundred", "thousand", "digits", "inclusive", "negative", "value", "contain", "their", "only"}
    words |= {"on", "line"}  # "on the number line"
    words |= {"for", "if", "where", "satisfy"}  # a condition written as math: "such that $\\frac{12}{n}$ is an integer"
    return frozenset(singular(w, english=True) for w in words)


_VOCABULARY = _vocabulary()
# a question this reader answers names its target with one of these
_TARGET_WORDS = frozenset(
    {"many", "number", "remainder", "residue", "unit", "units", "one", "ones", "common", "gcd", "gcf", "lcm", "hcf"}
    | {"ten", "tens", "hundreds", "difference", "percent", "fraction", "probability"}
    | set(SUPERLATIVES)
    | set(AGGREGATES)
)
_CONSTANTS = re.compile(r"\\(?:sqrt|[dt]?frac|pi)(?![a-zA-Z])")  # a real constant may be a bound
_COMMANDS = re.compile(r"\\(?:cdots|ldots|dots|cdot|times|left|right|,|!)")
