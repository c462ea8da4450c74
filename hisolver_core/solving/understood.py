"""What a problem was understood to say, for a student whose problem the engine declined.

A decline alone ("the wording needs reading this engine does not do") leaves
the student nowhere. :func:`understood` lists the equations and the quantities
(a number and the words after it: "60 miles per hour") that the engine's own
reader found, so the page can say what was read and suggest writing the
equation. It only reads: nothing is solved or guessed here.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Understood", "understood"]

log = logging.getLogger(__name__)

_RELATION = re.compile(r"(<=|>=|=|<|>|\\le|\\ge|\\leq|\\geq|\\ne|≤|≥)")
_NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?%?$")
_PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
_MONEY = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)")
_STOP = {
    "and",
    "or",
    "for",
    "of",
    "to",
    "then",
    "if",
    "in",
    "on",
    "at",
    "is",
    "are",
    "was",
    "the",
    "a",
    "an",
    "each",
    "what",
    "how",
    "with",
    "by",
    "from",
    "than",
    "more",
    "less",
    "per",
}
LIMIT = 8


@dataclass(frozen=True)
class Understood:
    """Equations (LaTeX as typed) and quantities (plain text) found in a problem."""

    equations: list[str] = field(default_factory=list)
    quantities: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when nothing was found."""
        return not self.equations and not self.quantities


def _unit(text: str, end: int) -> str:
    """Up to three words after a number ("miles per hour"), stopping at punctuation or a small word."""
    words: list[str] = []
    for word in re.findall(r"[A-Za-z]+|[^\sA-Za-z]", text[end : end + 60]):
        small = word.lower() in _STOP and not (word.lower() == "per" and words)
        if not word.isalpha() or small or len(words) == 3:
            break
        words.append(word)
    return " ".join(words)


def understood(problem: str, options: Any = None) -> Understood:
    """Return the equations and quantities the engine's reader finds in ``problem`` (never raises)."""
    from ..mathengine.problem import analyze

    try:
        read = analyze(problem, options)
    except Exception:  # a reader bug must not cost the student the decline message
        log.warning("could not read %r for the decline summary", problem[:200], exc_info=True)
        return Understood()
    equations, quantities = [], []
    for match in _MONEY.finditer(read.text):
        quantities.append(f"${match.group(1)}")
    for match in _PLACEHOLDER.finditer(read.text):
        index = int(match.group(1))
        segment = read.math[index].strip() if index < len(read.math) else ""
        if _RELATION.search(segment):
            equations.append(segment)
        elif _NUMBER.match(segment):
            unit = _unit(read.text, match.end())
            quantities.append(f"{segment} {unit}".strip())
    return Understood(
        equations=list(dict.fromkeys(equations))[:LIMIT], quantities=list(dict.fromkeys(quantities))[:LIMIT]
    )
