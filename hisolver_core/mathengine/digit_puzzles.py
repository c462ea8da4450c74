"""A numeral with unknown digits and a condition on it: "If the three-digit number $\\underline{2d2}$ is divisible by
7, what is $d$?", "The four-digit number $25AB$ is divisible by nine ... How many different such numbers could $25AB$
represent?", "What digit must be placed in the blank to make the four-digit integer $20\\_7$ a multiple of 11?".

The numeral is a math segment of digits and letters (each letter one decimal digit, equal letters equal digits, the
leading digit nonzero); a bare run like ``25AB`` counts only when the text says how many digits it has and the count
matches, so ``$2x$`` is never a numeral. The condition is read by the integer grammar's predicate table
(``integers.read_predicate``), every other word must be one of this reader's few, and the answer is found by trying
every digit for every letter: the asked value must be the same in every numeral that fits, or the count is asked.
"""

from __future__ import annotations

import itertools
import re

import sympy as sp

from ..solution import Solution
from .build import Decline, solved, step
from .integers import read_predicate
from .problem import Problem
from .readers import reader
from .rewrite import words_to_numbers

__all__ = ["read_digit_puzzle"]

_PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
_DIGIT_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
# the words this reader places itself (the condition's words are the integer grammar's)
_FRAME = frozenset(
    "the a an if what which is be are there find value of units unit ones tens hundreds digit number integer numeral"
    " how many different distinct possible values for such could represent must placed in blank to make will with"
    " and some sum all that".split()
)


def _numeral(src: str) -> tuple[str, bool] | None:
    """A segment as a numeral with unknown digits ("2d2", "25AB", "20_7") and whether it is marked as one
    (underlined, quoted or with a blank); None when it is not digits and letters."""
    text = src.strip()
    marked = bool(re.search(r"\\underline|``|\\_", text))
    text = re.sub(r"\\underline\{(.*)\}", r"\1", text)
    text = re.sub(r"\\text\{([^{}]*)\}", r"\1", text)
    text = text.replace("\\_", "_").replace("``", "").replace("''", "").replace('"', "").strip(" ,.")
    if not re.fullmatch(r"[0-9A-Za-z_]{2,9}", text) or not re.search(r"\d", text) or not re.search(r"[A-Za-z_]", text):
        return None
    return text, marked


def _digits_said(words: str) -> int | None:
    """The digit count the text states before the numeral ("the four-digit number"), if any."""
    m = re.search(r"\b(\w+)[- ]digit (?:positive )?(?:number|integer|numeral)s?\s*$", words)
    if m is None:
        return None
    word = m.group(1)
    return int(word) if word.isdigit() else _DIGIT_COUNTS.get(word)


def _fits(pattern: str) -> list[dict[str, int]]:
    """Every assignment of digits to the pattern's unknowns (letters and the blank), leading digit nonzero."""
    unknowns = sorted(set(re.findall(r"[A-Za-z_]", pattern)))
    if len(unknowns) > 4:
        raise Decline("A numeral with more than four unknown digits is more than I try digit by digit.")
    out = []
    for values in itertools.product(range(10), repeat=len(unknowns)):
        assignment = dict(zip(unknowns, values, strict=True))
        if assignment.get(pattern[0], 1) != 0:
            out.append(assignment)
    return out


def _value(pattern: str, assignment: dict[str, int]) -> int:
    return int("".join(str(assignment[c]) if c in assignment else c for c in pattern))


def _tokens(prob: Problem, index: int, pattern: str) -> list[str] | None:
    """The wording as tokens: the numeral ``the_num``, an unknown letter ``let_x``, a sum of unknowns ``sum_xy``."""
    unknowns = set(re.findall(r"[A-Za-z]", pattern))

    def token(m: re.Match) -> str:
        i = int(m.group(1))
        if i == index:
            return " the_num "
        src = prob.math[i].strip().strip("?.,")
        if src in unknowns:
            return f" let_{src} "
        if re.fullmatch(r"[A-Za-z](?:\s*\+\s*[A-Za-z])+", src) and set(re.findall(r"[A-Za-z]", src)) <= unknowns:
            return f" sum_{''.join(re.findall(r'[A-Za-z]', src))} "
        if re.fullmatch(r"\d+", src):
            return f" {src} "
        if src == pattern or prob.math[i] == prob.math[index]:
            return " the_num "
        raise Decline("This numeral puzzle has math I do not read.")

    try:
        text = _PLACEHOLDER.sub(token, prob.text)
    except Decline:
        return None
    text = words_to_numbers(text.lower().replace("-digit", " digit"))
    text = re.sub(r"\b\d+ digit\b", "digit", text)  # the digit count was checked against the numeral
    tokens = re.findall(r"the_num|let_[a-z]|sum_[a-z]+|-?\d+|[a-z]+|[,?.]", text)
    return tokens if re.sub(r"[\s$]+", "", text) == "".join(tokens) else None


def _condition(tokens: list[str]) -> tuple[list[str], list[str]] | None:
    """The predicate (after "the_num is", "the_num be" or "make ... the_num") and the tokens left for the frame."""
    for i, tok in enumerate(tokens):
        if tok != "the_num" or i + 1 >= len(tokens):
            continue
        start = i + 2 if tokens[i + 1] in ("is", "be") else i + 1 if "make" in tokens[:i] else None
        if start is None:
            continue
        end = next((j for j in range(start, len(tokens)) if tokens[j] in (",", "?", ".")), len(tokens))
        return tokens[start:end], tokens[:i] + tokens[end:]
    return None


def _target(frame: list[str], pattern: str) -> tuple[str, str] | None:
    """What is asked: ("count", "the_num"), ("count", letter), ("value", letter or letters)."""
    unknowns = sorted(set(re.findall(r"[A-Za-z_]", pattern)))
    named = [t for t in frame if t.startswith(("let_", "sum_"))]
    if "how" in frame and "many" in frame:
        if "value" in frame:
            letters = [t[4:] for t in named if t.startswith("let_")]
            return ("count", letters[-1]) if letters else None
        return ("count", "the_num")
    if "sum" in frame and "of" in frame and ("digit" in frame or "value" in frame):  # "the sum of all digits $d$"
        letters = [t[4:] for t in named if t.startswith("let_")]
        return ("sum", letters[0]) if len(letters) == 1 else None
    asked = [t for t in frame[frame.index("what") if "what" in frame else 0 :] if t.startswith(("let_", "sum_"))]
    if "find" in frame or "what" in frame:
        if asked:
            return ("value", asked[-1].split("_")[1])
        if len(unknowns) == 1 and "digit" in frame:  # "what digit must be placed in the blank"
            return ("value", unknowns[0])
    return None


@reader(
    "digit_puzzles",
    handles="a numeral with unknown digits ($\\underline{2d2}$, 25AB, a blank) and a condition such as divisible by 7",
    order=142,
)
def read_digit_puzzle(prob: Problem) -> Solution | None:
    """Answer a numeral-with-unknown-digits question by trying every digit; None when it is not one."""
    if re.search(r"\b(?:distinct|different) (?:nonzero )?digits\b", prob.text.lower()):
        return None  # "A and B are distinct digits": a constraint between the letters this reader does not apply
    found = [(i, n) for i, src in enumerate(prob.math) if (n := _numeral(src)) is not None]
    patterns = {n[0] for _, n in found}
    if len(patterns) != 1:
        return None
    index, (pattern, marked) = found[0]
    if len(set(pattern.lower())) != len(set(pattern)):
        return None  # "aA": two letters that differ only in case
    declared = re.search(r"digits? ⟦(\d+)⟧|⟦(\d+)⟧ (?:is )?the (?:units|ones|tens|hundreds) digit", prob.text)
    marked = (
        marked or declared is not None and prob.math[int(declared.group(1) or declared.group(2))].strip() in pattern
    )
    before = _PLACEHOLDER.sub(" ", prob.text[: prob.text.index(f"⟦{index}⟧")].lower())
    said = _digits_said(words_to_numbers(before.replace("-digit", " digit")).strip())
    if said is not None and said != len(pattern) or said is None and not marked:
        return None
    tokens = _tokens(prob, index, pattern)
    pattern = pattern.lower()  # the tokens are lower case
    split = _condition(tokens) if tokens else None
    if split is None:
        return None
    predicate, frame = split
    frame = [t.removesuffix("s") if t.removesuffix("s") in _FRAME else t for t in frame]  # "digits", "values"
    cond = read_predicate(predicate)
    if cond is None or not all(t in _FRAME or t.startswith(("let_", "sum_", "the_num")) or t in ",.?" for t in frame):
        return None
    if any(t.isdigit() for t in frame):
        return None  # a number outside the condition: not this reader's frame
    target = _target(frame, pattern)
    if target is None:
        return None
    fits = [a for a in _fits(pattern) if cond.holds(_value(pattern, a))]
    kind, what = target
    if kind == "count":
        values = {_value(pattern, a) for a in fits} if what == "the_num" else {a[what] for a in fits}
        answer = len(values)
        asked = "how many numerals fit" if what == "the_num" else f"how many values {what} can take"
    elif kind == "sum":
        answer = sum({a[what] for a in fits})
        asked = f"the sum of the values {what} can take"
    else:
        values = {sum(a[c] for c in what) for a in fits}
        if len(values) != 1:
            raise Decline(f"{len(values)} values fit the condition, not exactly one.")
        answer = values.pop()
        asked = f"the value of {' + '.join(what)}"
    shown = pattern.replace("_", "\\square")
    listing = ", ".join(str(_value(pattern, a)) for a in fits[:12]) + (", \\ldots" if len(fits) > 12 else "")
    steps = [
        step(
            f"\\text{{{shown}: {cond.text}}}", f"Each unknown is one digit (0-9, the first one not 0); asked: {asked}."
        ),
        step(listing or "\\varnothing", f"Try every digit: {len(fits)} numeral(s) are {cond.text}."),
        step(sp.latex(answer), "This is the answer."),
    ]
    hints = [
        "Each letter stands for one digit from 0 to 9 (the first digit is not 0).",
        "Use the divisibility rule, or try each digit in turn and keep the ones that work.",
    ]
    return solved(
        prob.raw,
        "number theory",
        steps,
        hints,
        sp.Integer(answer),
        verification="computed exactly: every digit for every unknown was tried against the condition",
    )
