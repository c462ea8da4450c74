"""TeX's argument rules, written out with braces, before the LaTeX reader sees the math.

TeX gives ``\\frac``, ``\\sqrt`` and a subscript one *token* each when no braces follow: a digit, a
letter, a control sequence, or a braced group. So ``\\frac35`` is 3/5, ``\\frac ab`` is a/b,
``\\frac{1\\frac16}w`` is (1 1/6)/w and ``\\log_28`` has base 2. The parser behind latex2sympy does not
follow these rules, so :func:`brace_arguments` writes every argument in braces. A logarithm's argument
is not a TeX argument but the product written after it (``\\log_28\\sqrt{2}`` is log base 2 of 8√2, as
``\\sin 2x`` is sin of 2x); it is put in brackets so nothing after it is swallowed.

Readings that a student could not tell apart from the typeset math are refused with
:class:`~hisolver_core.mathengine.parse.ParseFailure`: an unbraced argument of several digits such as
``\\sqrt12`` (TeX reads √1·2, the writer likely meant √12).

:func:`sum_series` replaces a written-out arithmetic series (``1 + 2 + 3 + \\cdots + 80``) by its sum,
and :func:`repeating_decimals` a repeating decimal (``0.6\\overline{333}``) by its exact fraction;
:func:`base_numerals` reads a numeral in another base (``333_4``, ``101_{6}``: the subscript is TeX's one
token or a group) as its value.
"""

from __future__ import annotations

import re
from fractions import Fraction
from itertools import pairwise

__all__ = [
    "TexError",
    "arrays_as_cases",
    "base_numerals",
    "nesting",
    "brace_arguments",
    "sum_series",
    "repeating_decimals",
]


class TexError(ValueError):
    """The TeX cannot be read with one meaning (the parse layer turns it into a ParseFailure)."""


_ARGS = {"\\frac": 2, "\\cfrac": 2, "\\sqrt": 1}
# what may stand in the product that is a logarithm's argument: a number, a letter, a root, a fraction, a power
_LOG_FACTOR = re.compile(r"\d+(?:\.\d+)?|[a-zA-Z](?![a-zA-Z])|\\pi(?![a-zA-Z])")


def _skip_spaces(s: str, i: int) -> int:
    while i < len(s) and s[i] == " ":
        i += 1
    return i


def _group_end(s: str, i: int, open_: str = "{", close: str = "}") -> int:
    """The index just past the bracket closing the one at ``s[i]``; raise TexError when it is not closed."""
    depth = 0
    for j in range(i, len(s)):
        depth += (s[j] == open_) - (s[j] == close)
        if depth == 0:
            return j + 1
    raise TexError("a bracket is not closed")


def _token(s: str, i: int) -> tuple[str, int]:
    """TeX's next argument from ``i``: (its text without braces, the index after it); raise TexError at the end."""
    i = _skip_spaces(s, i)
    if i >= len(s) or s[i] in "}&":
        raise TexError("a command lacks its argument")
    if s[i] == "{":
        end = _group_end(s, i)
        return s[i + 1 : end - 1], end
    if s[i] == "\\":
        m = re.match(r"\\(?:[a-zA-Z]+|.)", s[i:])
        assert m is not None
        return m.group(), i + m.end()
    return s[i], i + 1


def _single_digit_run_on(s: str, arg: str, end: int) -> bool:
    """True when an unbraced one-digit argument is followed straight by another digit (``\\sqrt12``)."""
    return arg.isdigit() and end < len(s) and s[end].isdigit()


def brace_arguments(s: str) -> str:
    """``s`` with every argument of ``\\frac``, ``\\cfrac``, ``\\sqrt`` and ``\\log_`` written in braces (and each
    logarithm in brackets); raise TexError for a reading the typeset math leaves open."""
    out: list[str] = []
    i = 0
    while i < len(s):
        m = re.match(r"\\(?:[a-zA-Z]+|.)", s[i:]) if s[i] == "\\" else None
        word = m.group() if m else ""
        if word in _ARGS:
            i = _command(s, i + len(word), word, out)
        elif word == "\\log" and s[_skip_spaces(s, i + 4) :].startswith("_"):
            i = _logarithm(s, _skip_spaces(s, i + 4) + 1, out)
        elif word:
            out.append(word)
            i += len(word)
        elif s[i] == "{":
            end = _group_end(s, i)
            out.append("{" + brace_arguments(s[i + 1 : end - 1]) + "}")
            i = end
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def _command(s: str, i: int, word: str, out: list[str]) -> int:
    """Write ``word`` with its arguments braced; return the index after them."""
    index = ""
    j = _skip_spaces(s, i)
    if word == "\\sqrt" and j < len(s) and s[j] == "[":
        end = _group_end(s, j, "[", "]")
        index, i = "[" + brace_arguments(s[j + 1 : end - 1]) + "]", end
    args = []
    for _ in range(_ARGS[word]):
        arg, i = _token(s, i)
        args.append("{" + brace_arguments(arg) + "}")
    if _single_digit_run_on(s, arg, i) and s[i - 1] != "}":
        raise TexError(f"{word}...{arg}{s[i]}: is the last argument {arg} or more digits?")
    out.append(("\\frac" if word == "\\cfrac" else word) + index + "".join(args))
    return i


def _logarithm(s: str, i: int, out: list[str]) -> int:
    """Write ``(\\log_{base}{argument})`` for the logarithm whose base starts at ``i``; return the index after it."""
    base, i = _token(s, i)
    j = _skip_spaces(s, i)
    if j < len(s) and s[j] in "({":
        end = _group_end(s, j, s[j], ")" if s[j] == "(" else "}")
        arg = s[j + 1 : end - 1]
    else:
        end = _log_product_end(s, j)
        arg = s[j:end]
    if not arg.strip():
        raise TexError("a logarithm lacks its argument")
    out.append(f"(\\log_{{{brace_arguments(base)}}}{{{brace_arguments(arg)}}})")
    return end


def _log_product_end(s: str, i: int) -> int:
    """The end of the implicit product of factors (numbers, letters, roots, fractions, powers) starting at ``i``."""
    while i < len(s):
        m = _LOG_FACTOR.match(s, i)
        if m:
            i = m.end()
        elif s.startswith("\\sqrt", i) or s.startswith("\\frac", i):
            sink: list[str] = []
            i = _command(s, i + 5, s[i : i + 5], sink)
        elif s[i] == "^":
            _, i = _token(s, i + 1)
        elif s[i] == " " and _LOG_FACTOR.match(s, _skip_spaces(s, i)) and not _out_of_product(s, i):
            i = _skip_spaces(s, i)
        else:
            break
    return i


def _out_of_product(s: str, i: int) -> bool:
    """True when the text before ``i`` ends with a word (a space then a factor would start a new term)."""
    return bool(re.search(r"[a-zA-Z]{2,}$", s[:i]))


_TERM = r"-?\d+"
_DOTS = r"(?:\\cdots|\\ldots|\\dots|\.\.\.)"
_SERIES = re.compile(rf"(?<![\w.^\\}}*/])((?:{_TERM}\s*\+\s*)+){_DOTS}((?:\s*\+\s*{_TERM})+)(?![\w.^{{])")


def sum_series(s: str) -> str:
    """``s`` with each arithmetic series of integers written with dots replaced by its sum in brackets.

    The terms before the dots fix the common difference: three of them, or two when at least two terms after
    the dots confirm it (``1 + 2 + \\cdots + 98 + 99 + 100``). Raise TexError when the terms do not fit one
    arithmetic progression or the series stands beside a product or power that would take only its end.
    """

    def total(m: re.Match) -> str:
        head = [int(t) for t in re.findall(_TERM, m.group(1))]
        tail = [int(t) for t in re.findall(_TERM, m.group(2))]
        if len(head) < 2 or len(head) + len(tail) < 4:
            raise TexError("too few terms to tell what the series is")
        step = head[1] - head[0]
        terms = head + tail
        if step == 0 or _steps(head) != {step} or _steps(tail) - {step}:
            raise TexError("the terms are not an arithmetic progression")
        count, rest = divmod(terms[-1] - head[0], step)
        if rest or count + 1 < len(terms) or count > 10**6:
            raise TexError("the last term is not in the progression")
        near = ("-", "*", "/", "^", "\\cdot", "\\times", "\\div")
        if s[: m.start()].rstrip().endswith(near) or s[m.end() :].lstrip().startswith(near):
            raise TexError("the series stands beside a product or a minus sign that would take only its end")
        return f" ({(count + 1) * (head[0] + terms[-1]) // 2}) "

    return _SERIES.sub(total, s)


def _steps(terms: list[int]) -> set[int]:
    """The differences between neighbouring terms."""
    return {b - a for a, b in pairwise(terms)}


_REPEATING = re.compile(r"(?<![\d.])(\d*)\.(\d*)\\overline\s*\{?\s*(\d+)\s*\}?")


def repeating_decimals(s: str) -> str:
    """``s`` with each repeating decimal (``0.6\\overline{333}``, ``0.\\overline{27}``) as an exact fraction."""

    def fraction(m: re.Match) -> str:
        whole, fixed, period = m.group(1) or "0", m.group(2), m.group(3)
        value = Fraction(int(whole + fixed), 10 ** len(fixed))
        value += Fraction(int(period), (10 ** len(period) - 1) * 10 ** len(fixed))
        return f"\\frac{{{value.numerator}}}{{{value.denominator}}}"

    return _REPEATING.sub(fraction, s)


_BASE_NUMERAL = re.compile(r"(?<![\w.\\])([0-9A-Z]*\d[0-9A-Z]*)_(?:\{\s*(\d+)\s*\}|(\d))(?![\w{])")


def base_numerals(s: str) -> str:
    """``s`` with each numeral written in a base (``333_4``, ``1A_{16}``) as its value in base ten.

    Raise TexError for a digit the base does not have (``29_8``) or a base outside 2 to 36.
    """

    def value(m: re.Match) -> str:
        digits, base = m.group(1), int(m.group(2) or m.group(3))
        if not 2 <= base <= 36:
            raise TexError(f"base {base} is not a base numerals are written in")
        try:
            return f"({int(digits, base)})"
        except ValueError as exc:
            raise TexError(f"{digits} is not a numeral in base {base}") from exc

    return _BASE_NUMERAL.sub(value, s)


_CLOSE = {"{": "}", "(": ")"}


def nesting(s: str) -> tuple[str, str] | None:
    """``\\sqrt{12-\\sqrt{12-\\sqrt{12-\\cdots}}}``: the repeated unit's opening (``\\sqrt{12-``) and closing
    (``}``) when the whole of ``s`` is one unit nested in itself at least twice and then left to go on; else None."""
    m = re.fullmatch(r"(.*?)\\[cl]?dots\s*([})\s]*)", re.sub(r"\\[!,;: ]", "", s).strip(), re.S)
    if not m:
        return None
    head, tail = m.group(1).replace(" ", ""), m.group(2).replace(" ", "")
    for size in range(2, len(head) // 2 + 1):
        unit = head[:size]
        count = len(head) // size
        rest = head[count * size :]
        if head[: count * size] != unit * count or not unit.startswith(rest) or count < 2:
            continue
        closing = "".join(_CLOSE[ch] for ch in reversed(_opens(unit)))
        if closing and tail == closing * count + "".join(_CLOSE[ch] for ch in reversed(_opens(rest))):
            return unit, closing
    return None


def _opens(text: str) -> list[str]:
    """The brackets ``text`` opens and leaves open, in order."""
    opened: list[str] = []
    for ch in text:
        if ch in _CLOSE:
            opened.append(ch)
        elif ch in "})" and opened:
            opened.pop()
    return opened


# f(x) = \left\{ \begin{array}{cl} ... \end{array} \right. is a piecewise definition typeset without ``cases``
_BRACED_ARRAY = re.compile(r"\\left\s*\\\{\s*\\begin\{array\}\{[lcr|]*\}(.*?)\\end\{array\}\s*\\right\s*\.", re.S)


def arrays_as_cases(text: str) -> str:
    """``text`` with each ``\\left\\{ \\begin{array} ... \\end{array} \\right.`` as the ``cases`` it typesets."""
    return _BRACED_ARRAY.sub(r"\\begin{cases}\1\\end{cases}", text)
