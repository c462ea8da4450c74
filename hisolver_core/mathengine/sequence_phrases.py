"""The phrase tables of the sequence reader (:mod:`.sequences`), kept as data.

The reader first rewrites the text so that every reference to a term is a placeholder ``T<k>``
("the third term" -> ``T3``, "the sixth and seventh terms" -> ``T6 and T7``, "the sum of T3 and
T6" -> ``(T3 + T6)``) and every mention of the sequence is ``SEQ``; then each clause must match one
of the clause patterns below in full. ``E`` in a pattern is a piece of math: numbers, single
letters, ``T<k>`` placeholders and the signs ``+ - * / ( )``.
"""

from __future__ import annotations

import re

from .words import ORDINALS

__all__ = [
    "CLAUSES",
    "COMMON",
    "COUNT",
    "COUNTS",
    "E",
    "ITEM",
    "OPERATORS",
    "ORD",
    "ORDINALS",
    "PARITY",
    "RULES",
    "SUMS",
    "ordinal",
]

ORD = r"(?:" + "|".join(ORDINALS) + r"|\d+ ?(?:st|nd|rd|th))"
PARITY = r"odd|even"  # "the sequence of odd numbers 1, 3, 5, ...": checked against the listed numbers
COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
COUNT = r"(?:" + "|".join(COUNTS) + r"|[1-9]\d?)"  # "the sum of the first ten (20) terms"
# the model's step named in words: its kind, and the placeholder it is written as (upper case: not a problem's letter)
COMMON = {"common difference": ("arithmetic", "D"), "common ratio": ("geometric", "R")}

# one listed term: a number, a fraction (\frac already turned into (p)/(q)), a letter, or a short expression
_NUMBER = r"(?:0(?!\d)|[1-9]\d*+)(?:\.\d++)?+"  # possessive: a run of digits is read one way only (no backtracking)
_ATOM = rf"(?:{_NUMBER}|\({_NUMBER}\)/\({_NUMBER}\)|[b-hj-z](?![a-z]))"
ITEM = rf"-? ?{_ATOM}(?: ?[-+*/] ?{_ATOM})*"
# math inside a clause once the term references are placeholders ("a" and "i" are words, not letters)
E = rf"(?:[-+*/() ]|{_NUMBER}|[TS]\d++|\b[DR]\b|\b[b-hj-z]\b)+"

# "the sum of X and Y" -> "(X + Y)": the aggregate words and the operator that joins their parts
SUMS = {"sum": " + ", "product": "*"}
OPERATORS = {"minus": "-", "plus": "+", "times": "*"}

_SEQ = r"(?: (?:in|of) SEQ)?"
_PREVIOUS = r"the (?:previous|preceding) term"

# How a term follows from the one before: (pattern, kind, the step's value in terms of the number n).
# "a constant" leaves the step unknown (only the kind is fixed).
RULES: list[tuple[str, str, str | None]] = [
    (rf"adding (?P<n>{E}) to {_PREVIOUS}", "arithmetic", "n"),
    (rf"subtracting (?P<n>{E}) from {_PREVIOUS}", "arithmetic", "-(n)"),
    (rf"adding a (?:constant|fixed number) to {_PREVIOUS}", "arithmetic", None),
    (rf"multiplying {_PREVIOUS} by (?P<n>{E})", "geometric", "n"),
    (rf"multiplying {_PREVIOUS} by a (?:constant|fixed number)", "geometric", None),
    (rf"dividing {_PREVIOUS} by (?P<n>{E})", "geometric", "1/(n)"),
]
_RULE_LEAD = (
    r"(?:if )?each (?:succeeding |successive |subsequent |following )?term" + _SEQ + r"(?: after T1)?"
    r" is (?:found|obtained|formed|made|calculated|generated) by (?P<rule>.+)"
)

# The clauses a sequence problem is made of: (pattern, what it says). Tried in order; each must match in full.
CLAUSES: list[tuple[str, str]] = [
    (r"", "empty"),
    (r"(?:for |in |consider )?SEQ", "header"),
    (_RULE_LEAD, "rule"),
    (rf"(?:if )?SEQ (?:starts|begins) with (?:the term )?(?P<v>{E})", "start"),
    (r"(?:if )?all (?:the )?terms of SEQ are positive integers", "positive_integers"),
    (r"(?:what is|find) the (?:least|smallest) positive (?:integer|term|number) in SEQ", "least_positive"),
    (r"how many (?:integers|terms|numbers) (?:belong to|are in|are there in) SEQ", "count"),
    (rf"(?:which|what) term{_SEQ} is (?P<e>{E})", "position"),
    (rf"(?:what is|find|compute|determine) (?:the value of )?(?P<e>{E}){_SEQ}", "value"),
    (rf"(?:if )?(?P<l>{E}) (?:is|equals|is equal to|=) (?P<r>{E})", "relation"),
]


def ordinal(word: str) -> int:
    """The position an ordinal names: "third" -> 3, "12th" -> 12 (the caller matched ``ORD``)."""
    word = word.replace(" ", "")
    return ORDINALS[word] if word in ORDINALS else int(re.sub(r"\D", "", word))
