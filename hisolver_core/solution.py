"""The result of a solve, shared by the math engine, the LLM backends and the renderer.

A ``Solution`` is what a student sees: ordered steps (LaTeX plus one plain
sentence each), a hint ladder that never gives the answer away, the final
answer, the chosen option, and what was verified. ``status`` is ``solved`` or
``unsupported``; an unsupported solution has a ``reason`` and no answer.

``figure`` optionally describes a picture for the animation, as plain JSON
data (numbers as floats, expressions as SymPy-parsable strings in ``x``):

- ``{"kind": "function", "expr": "x**2 - 5*x + 6", "points": [{"x": 2, "y": 0, "label": "root"}, ...]}``
  (functions, lines, quadratics; ``points`` marks roots, vertex, intercepts);
- ``{"kind": "system", "exprs": ["2*x + 1", "-x + 4"], "point": {"x": 1, "y": 3}}``
  (two lines as ``y = expr`` and their intersection);
- ``{"kind": "number_line", "relation": ">=", "boundary": 3.0}`` or
  ``{"kind": "number_line", "intervals": [[lo, hi, lo_closed, hi_closed], ...]}``
  (inequalities and absolute value; ``None`` for an infinite end).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Step", "Solution", "SOLVED", "UNSUPPORTED"]

SOLVED = "solved"
UNSUPPORTED = "unsupported"


def _answer_text(answer: Any) -> str:
    """The answer as text; a SymPy decimal is written as typed (``54.27``, not ``54.2700000000000``)."""
    text = str(answer)
    if re.search(r"\.\d*0{6,}\b", text):
        from sympy import sstr  # only decimals need it; the module stays light to import

        return sstr(answer, full_prec=False)
    return text


@dataclass(frozen=True)
class Step:
    """One step: a LaTeX expression and the sentence that explains it."""

    latex: str
    text: str


@dataclass
class Solution:
    """A solved (or declined) problem; see the module docstring."""

    problem: str
    status: str = UNSUPPORTED
    topic: str = ""
    steps: list[Step] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    answer_latex: str | None = None
    answer: Any = None  # a SymPy object (or tuple/dict of them); not serialised
    choice: str | None = None
    verified: bool = False
    verification: str = ""
    reason: str = ""
    backend: str = "builtin"
    reader: str = ""  # which of the built-in engine's readers answered (empty for other backends)
    figure: dict | None = None
    manim_code: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. why earlier backends were skipped

    @property
    def solved(self) -> bool:
        """True when the solution carries an answer."""
        return self.status == SOLVED

    def to_dict(self) -> dict:
        """Return a JSON-ready dict (the SymPy answer as its string form)."""
        data = asdict(self)
        data["answer"] = None if self.answer is None else _answer_text(self.answer)
        return data

    def to_json(self) -> str:
        """Return the solution as one line of JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict) -> Solution:
        """Rebuild a solution from :meth:`to_dict` output (answer stays a string)."""
        values = dict(data)
        values["steps"] = [Step(**s) if isinstance(s, dict) else Step(*s) for s in values.get("steps", [])]
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in values.items() if k in known})
