"""The units reader's quantities (``Unit``, ``Quantity``, ``Story``) and the story text made plain for reading.

Shared by ``units.py`` (reading and dimensional analysis) and ``unit_models.py`` (the linear and joint-work
models): kept apart so that neither imports the other's internals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp

from .build import tex
from .problem import Problem, strip_format
from .unit_data import ALIASES, MEASURED, NUMBER_WORDS, TENS, UNITS
from .words import singular

__all__ = ["Unit", "Quantity", "Story", "combine", "unit_word", "plain_text", "value_of", "is_number", "TOKEN"]

R = sp.Rational

NUMBER = r"¤?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:/\d+)?"
TOKEN = re.compile(rf"{NUMBER}|[a-z]+(?:['-][a-z]+)*|[^\sa-z\d]")
_LATEX_SEGMENT = re.compile(r"\$([^$]*)\$")
_LATEX_UNIT = re.compile(r"(?:\\[ ,;]|~|\s)*\\(?:text|mbox|mathrm)\s*\{\s*([a-zA-Z]+(?:\s*/\s*[a-zA-Z]+)?)\s*\}\s*$")
_LATEX_FRAC = re.compile(r"^(\d*)\\[dt]?frac\s*(?:\{(\d+)\}|(\d))\s*(?:\{(\d+)\}|(\d))$")


# --- quantities -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A unit: a standard unit word (``mile``) or a counted thing (``doughnut``), and what it measures."""

    word: str
    kind: str = ""  # the words before it that say which thing ("red", "construction"): checked for consistency
    of: str = ""  # what it measures ("teaspoon of salt", "pieces of candy"): part of its dimension
    power: int = 1  # square (2) or cubic (3) lengths
    shown: str = field(default="", compare=False)  # the word as written ("bookshelves")
    # the story's own size for a standard unit, as a factor on the table's ("one kilogram is 2.20 pounds")
    fix: sp.Rational = R(1)

    @property
    def dims(self) -> dict[str, int]:
        """The dimension of one of this unit: ``{"length": 1}``, ``{"volume:salt": 1}``, ``{"thing:doughnut": 1}``."""
        if self.word in UNITS:
            dim = UNITS[self.word][0]
            return {f"{dim}:{self.of}" if self.of and dim in MEASURED else dim: self.power}
        return {f"thing:{self.word}:{self.of}": self.power}

    @property
    def size(self) -> sp.Rational:
        """The size of one of this unit in its dimension's base unit (1 for counted things)."""
        return (UNITS[self.word][1] * self.fix) ** self.power if self.word in UNITS else R(1)

    def name(self, value: sp.Expr | int = 2) -> str:
        """The unit as a student writes it after ``value`` (plural unless the value is 1)."""
        plural = {"foot": "feet", "inch": "inches", "person": "people", "man": "men", "child": "children"}.get(
            self.word, self.word + ("es" if self.word.endswith(("ch", "sh", "x", "s")) else "s")
        )
        if self.shown and self.word not in UNITS:
            plural = self.shown
        if self.kind and self.word not in UNITS:
            return f"{self.kind} {self.word if value == 1 else plural}" + (f" of {self.of}" if self.of else "")
        prefix = {2: "square ", 3: "cubic "}.get(self.power, "")
        return prefix + (self.word if value == 1 else plural) + (f" of {self.of}" if self.of else "")


@dataclass
class Quantity:
    """A number read with its unit; a rate when it has a ``per`` unit (``per_value`` of them)."""

    value: sp.Rational
    unit: Unit
    per: Unit | None = None
    per_value: sp.Rational = R(1)
    in_question: bool = False
    subject: bool = False  # it opens its clause ("6 workers build ..."): it may be who does the work
    scale: sp.Rational = R(1)  # "four dozen": the 4 is read as 48 (scale 12)
    text: str = ""
    before: tuple[str, ...] = ()  # the two words before the number ("and grows", "now holds"): the linear model

    @property
    def dims(self) -> dict[str, int]:
        """The quantity's dimension: its unit's over its ``per`` unit's."""
        return combine(self.unit.dims, self.per.dims if self.per else {}, -1)

    @property
    def base(self) -> sp.Rational:
        """The quantity in base units."""
        per = self.per_value * (self.per.size if self.per else 1)
        return self.value * self.scale * self.unit.size / per

    def latex(self) -> str:
        """The quantity as written: ``3\\ \\text{dollars}``, ``\\frac{1}{4}\\ \\text{teaspoon per quart}``."""
        value = self.value * self.scale
        text = self.unit.name(value)
        if self.per:
            per = f"{tex(self.per_value)} {self.per.name(self.per_value)}" if self.per_value != 1 else self.per.name(1)
            text += f" per {per}"
        return rf"{tex(value)}\ \text{{{text}}}"


def combine(a: dict[str, int], b: dict[str, int], sign: int) -> dict[str, int]:
    out = dict(a)
    for dim, power in b.items():
        out[dim] = out.get(dim, 0) + sign * power
    return {d: p for d, p in out.items() if p}


@dataclass
class Story:
    """A story read into quantities and the unit its question asks for."""

    quantities: list[Quantity]
    asked: Unit
    asked_per: Unit | None = None
    unplaced: list[str] = field(default_factory=list)  # numbers or words no quantity took
    asked_scale: sp.Rational = R(1)  # "how many dozen eggs": the answer in dozens
    stated: list[str] = field(default_factory=list)  # conversions the story states, used in place of the table's


def unit_word(word: str) -> str:
    """The singular of a unit or thing word (``feet -> foot``, ``boxes -> box``)."""
    if word in ALIASES:
        return ALIASES[word]
    for plural, one in (("elves", "elf"), ("alves", "alf"), ("aves", "af"), ("ives", "ife")):
        if word.endswith(plural):
            return word[: -len(plural)] + one
    one = singular(word, english=True)
    return one if one in UNITS or word not in UNITS else word


# --- the text as tokens --------------------------------------------------------------------------


def _latex_number(body: str) -> str | None:
    """A math segment that is one number (``\\$3``, ``\\frac14``, ``4\\frac{1}{2}``, ``10,\\!000``) as text.

    A unit written in the segment after the number (``9\\ \\text{m/s}``) is kept as words after it."""
    unit = _LATEX_UNIT.search(body)
    if unit is not None:
        found = _latex_number(body[: unit.start()])
        return None if found is None else f"{found} {unit.group(1)}"
    if body.strip() == "=":  # "1 year $=$ 52 weeks"
        return "="
    if body.strip().startswith("="):  # "(1 liter $=1,000$ milliliters)"
        found = _latex_number(body.strip()[1:])
        return None if found is None else f"= {found}"
    end = body.rstrip()[-1:]
    if end in (".", ",") and body.rstrip()[:-1].strip():  # "$\$0.60.$": the sentence ends inside the math
        found = _latex_number(body.rstrip()[:-1])
        return None if found is None else f"{found}{end}"
    money = "¤" in body
    s = body.replace("¤", "").replace("\\!", "").replace("{,}", ",").replace(" ", "")
    if re.fullmatch(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", s):
        return ("¤" if money else "") + s.replace(",", "")
    repeating = re.fullmatch(r"(\d*)\.(\d*)\\overline\{(\d+)\}", s)  # 6.\overline{6} = 20/3
    if repeating:
        whole_part, fixed, cycle = repeating.groups()
        digits = len(fixed)
        value = R(int(whole_part + fixed + cycle) - int(whole_part + fixed or "0"), 10**digits * (10 ** len(cycle) - 1))
        return ("¤" if money else "") + _num_text(value)
    m = _LATEX_FRAC.match(s)
    if not m or money:
        return None
    whole = int(m.group(1) or 0)
    value = whole + R(int(m.group(2) or m.group(3)), int(m.group(4) or m.group(5)))
    return _num_text(value)


# "m/s", "km/h", "ft/s": a rate written with a slash; the one-letter units are read only here
_SLASH_UNIT = re.compile(r"(?<=\d)\s*\b([a-z]+)\s*/\s*([a-z]+)\b")
_SLASH_LETTERS = {"m": "meter", "s": "second", "h": "hour"}


def _per_unit(m: re.Match) -> str:
    """ "m/s" -> " meters per second" when both sides are units, else the text unchanged."""
    top, below = (unit_word(_SLASH_LETTERS.get(w, w)) for w in m.groups())
    if top not in UNITS or below not in UNITS:
        return m.group(0)
    return f" {top} per {below}"


def _num_text(value: sp.Rational) -> str:
    return str(value.p) if value.q == 1 else f"{value.p}/{value.q}"


def plain_text(prob: Problem) -> str | None:
    """The problem's text, lower case, with every number as digits (``¤`` marks dollars); None for real math."""
    text = re.sub(r"\bround\s*(?=[.?!])", " ", strip_format(prob.raw), flags=re.I)  # the rounding is prob.rounding
    text = text.replace("\\$", "¤")
    if prob.latex_delimited:
        failed = False

        def number(m: re.Match) -> str:
            nonlocal failed
            found = _latex_number(m.group(1))
            failed = failed or found is None
            return f" {found} "

        text = _LATEX_SEGMENT.sub(number, text)
        if failed or "\\" in text or "$" in text:
            return None
    else:
        text = text.replace("$", "¤")
    text = re.sub(r"¤\s+(?=\d)", "¤", text.lower().replace("’", "'"))
    text = re.sub(r"\b([a-z]+) - ([a-z]+)\b", r"\1-\2", text)  # "t - shirts"
    text = re.sub(r"(\d)\s*¢", r"\1 cents", text)
    text = re.sub(r"(?<=[¤\s])\.(?=\d)", "0.", text)  # "$.05"
    text = re.sub(r"\bfluid ounces?\b", "fluid-ounce", text)
    text = re.sub(r"\b(?:identical|equal-sized) (?=[a-z])", "", text)  # "2 identical boxes": the same boxes
    # "a 420-page book": one book with 420 pages
    text = re.sub(
        r"\b(a|an|the|one) (\d+(?:\.\d+)?)-([a-z]+?)s? ([a-z]+)\b",
        lambda m: f"{m[1]} {m[4]} with {m[2]} {m[3]}{'' if m[2] == '1' else 's'}",
        text,
    )
    text = _SLASH_UNIT.sub(_per_unit, text)
    text = re.sub(rf"(\d)\s+of\s+(?:a|an|one) (?=(?:{_UNIT_WORDS})\b)", r"\1 ", text)  # "1/4 of a milliliter"
    # "how many 8-ounce servings", "ten 12-calorie crackers": things of that size each
    text = re.sub(
        r"\b(how many|\d+) (\d+(?:\.\d+)?)-([a-z]+?)s? ([a-z]+s)\b",
        lambda m: f"{m[1]} {m[4]} at {m[2]} {m[3]}{'' if m[2] == '1' else 's'} per {unit_word(m[4])}",
        _number_words(text),
    )
    # "pencils cost 25 cents each", "a shirt costs $15": the price or weight of each one
    amount = r"(¤?\d+(?:\.\d+)?(?: [a-z]+)?)"
    text = re.sub(
        rf"\b([a-z]+s) (cost|weigh) {amount} each\b", lambda m: f"each {unit_word(m[1])} {m[2]}s {m[3]}", text
    )
    return re.sub(rf"(?:^|(?<=[.?!] ))(?:a|an|one) ([a-z]+) (costs|weighs) {amount}", r"each \1 \2 \3", text)


def _number_words(text: str) -> str:
    """Number words as digits: ``twenty-five -> 25``, ``one and a half -> 3/2``, ``in an hour -> in 1 hour``."""

    def word(m: re.Match) -> str:
        if m.group(3):
            return str(NUMBER_WORDS[m.group(3)])
        return str(TENS[m.group(1)] + NUMBER_WORDS.get(m.group(2) or "", 0))

    ones, tens = "|".join(NUMBER_WORDS), "|".join(TENS)
    text = re.sub(rf"\b(?:({tens})(?:-({ones}))?|({ones}))\b", word, text)
    text = re.sub(r"\b(\d+) and a half\b", lambda m: f"{2 * int(m.group(1)) + 1}/2", text)
    text = re.sub(r"\bhalf (?:a|an) ", "1/2 ", text)
    text = re.sub(r"\ba (dozen|hundred|thousand)\b", r"1 \1", text)
    return re.sub(rf"\b(in|for|within|during) (?:a|an) (?=(?:{_UNIT_WORDS})\b)", r"\1 1 ", text)


_UNIT_WORDS = "|".join(sorted({*UNITS, *(a for a, u in ALIASES.items() if u in UNITS and a.isalpha())}, key=len)[::-1])


def value_of(token: str) -> sp.Rational:
    """The exact value of a number token (``¤1.50 -> 3/2``, ``3/4``, ``05 -> 5``)."""
    s = token.lstrip("¤").replace(",", "")
    if "/" in s:
        a, b = s.split("/")
        return sp.Rational(a) / sp.Rational(b)
    return sp.Rational(s)


def is_number(token: str) -> bool:
    return bool(re.fullmatch(NUMBER, token))
