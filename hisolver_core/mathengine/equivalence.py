"""Decide whether two answers are the same number or expression.

Compares with SymPy on the engine's own parser first, then math-verify. The
latter's timeouts rely on signals, which only work in the main thread, so
elsewhere they are off; callers that need a hard limit run the engine in a
worker process (see ``hisolver_core.evaluation``).
"""

from __future__ import annotations

import logging
import re
import threading

import sympy as sp
from math_verify import parse as mv_parse
from math_verify import verify as mv_verify

from .parse import ParseFailure, parse_math
from .words import spoken_fractions

log = logging.getLogger(__name__)


class _NoTimeoutNotice(logging.Filter):
    """math-verify warns on every call made without its signal-based timeout; we know (see module doc)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Timeout is disabled" not in record.getMessage()


for _name in ("math_verify.parser", "math_verify.grader"):
    logging.getLogger(_name).addFilter(_NoTimeoutNotice())


def _timeout() -> int | None:
    """math-verify's own timeout where signals work (the main thread), none elsewhere."""
    return 5 if threading.current_thread() is threading.main_thread() else None


__all__ = ["answers_equivalent", "to_value", "strip_units"]


def strip_units(text: str) -> str:
    """Drop leading currency words and trailing unit words: ``"Rs 400"`` -> ``"400"``, ``"12 minutes"`` -> ``"12"``."""
    s = text.strip().replace("$", "").replace("\\%", "%")
    s = re.sub(r"^(?:rs\.?|inr|usd|€|£|after|about|approx\.?|approximately)\s+", "", s, flags=re.I)
    s = re.sub(r"(?<=[\d)])\s+[a-zA-Z]{2}[a-zA-Z./²³ ]*$", "", s)
    # LaTeX units after a number, as MATH writes them: "18\text{ hours}", "15\mbox{ cm}^2"
    s = re.sub(r"(?<=[\d)}])(?:\s|\\[,;!])*\\(?:text|mbox)\{\s*[a-zA-Z][a-zA-Z.\s]*\}(?:\^[23])?\s*$", "", s)
    s = s.rstrip("%").strip()
    return s


def _wrap(text: str) -> str:
    t = text.strip()
    if t.startswith("$") or "\\boxed" in t:
        return t
    return f"${t}$"


_I_LETTER = sp.Symbol("i")


def to_value(text: str):
    """Parse an answer (plain text or LaTeX, units allowed) to a SymPy object; None if unreadable."""
    if text is None:
        return None
    s = strip_units(spoken_fractions(str(text)))
    s = s.strip("$ ")
    s = re.sub(r"^\\boxed\{(.*)\}$", r"\1", s)
    s = re.sub(r"^\s*[a-zA-Z]\s*\(\s*[a-z]\s*\)\s*=\s*", "", s)  # "g(x) = 2x - 4" answers 2x - 4
    if not s:
        return None
    try:
        obj = parse_math(s)
    except ParseFailure:
        return None
    if isinstance(obj, sp.Equality) and isinstance(obj.lhs, sp.Symbol):
        obj = obj.rhs  # "x = 3" answers 3
    if isinstance(obj, sp.Basic) and _I_LETTER in obj.free_symbols and not obj.has(sp.I):
        obj = obj.xreplace({_I_LETTER: sp.I})  # plain "2+3i" is the complex number, as in LaTeX
    return obj


def _sympy_equal(a, b) -> bool | None:
    if isinstance(a, (tuple, sp.Tuple)) or isinstance(b, (tuple, sp.Tuple)):
        if not (isinstance(a, (tuple, sp.Tuple)) and isinstance(b, (tuple, sp.Tuple))) or len(a) != len(b):
            return False
        results = [_sympy_equal(x, y) for x, y in zip(a, b, strict=True)]
        return None if None in results else all(results)
    if isinstance(a, sp.Basic) and isinstance(b, sp.Basic) and a == b:
        return True
    if isinstance(a, sp.Basic) and isinstance(b, sp.Basic) and (a.has(sp.oo, -sp.oo) or b.has(sp.oo, -sp.oo)):
        return False
    if isinstance(a, sp.Set) and isinstance(b, sp.Set):
        try:
            return bool(sp.simplify(a.symmetric_difference(b)) == sp.EmptySet)
        except (TypeError, ValueError):
            return None
    if not (isinstance(a, sp.Expr) and isinstance(b, sp.Expr)):
        return None
    try:
        diff = sp.simplify(a - b)
        if diff == 0:
            return True
        if not diff.free_symbols:
            return abs(complex(sp.N(diff, 30))) < 1e-9 * max(1.0, abs(complex(sp.N(a, 30))))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    from .expressions import numerically_equal

    return numerically_equal(a, b)


_WORD = re.compile(r"\s*(?:\\(?:text|mbox|textbf|mathrm)\s*\{\s*([A-Za-z]{3,})\s*\}|([A-Za-z]{3,}))\s*\.?\s*")
_NOT_WORDS = frozenset({"sqrt", "sin", "cos", "tan", "cot", "sec", "csc", "log", "exp", "inf", "infinity", "oo"})


def _word(text: str) -> str | None:
    """The word an answer is ("Friday", "\\text{even}"), lower case; None for anything else (x, 2x, \\pi, sqrt)."""
    m = _WORD.fullmatch(text)
    word = m and (m.group(1) or m.group(2)).lower()
    return word if word and word not in _NOT_WORDS else None


def answers_equivalent(a: str, b: str) -> bool | None:
    """True if answers ``a`` and ``b`` are mathematically equal, False if not, None if undecidable.

    ``"1/2"``, ``"0.5"`` and ``"\\frac{1}{2}"`` are all equivalent. Never raises.
    """
    if a is None or b is None:
        return None
    if str(a).strip() == str(b).strip():
        return True
    wa, wb = _word(str(a)), _word(str(b))
    if wa or wb:  # "Friday", "\\text{even}": a word answer equals only the same word, in any case
        return wa == wb
    va, vb = to_value(a), to_value(b)
    if va is not None and vb is not None:
        result = _sympy_equal(va, vb)
        if result is not None:
            return result
    try:
        limit = _timeout()
        ga, gb = mv_parse(_wrap(str(a)), parsing_timeout=limit), mv_parse(_wrap(str(b)), parsing_timeout=limit)
        if not ga or not gb:
            return None
        return bool(mv_verify(ga, gb, timeout_seconds=limit))
    except Exception:  # math-verify can raise from deep inside SymPy
        log.debug("math-verify failed on %r vs %r", a, b, exc_info=True)
        return None
