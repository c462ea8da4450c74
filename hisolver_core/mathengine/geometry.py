"""Measurement geometry stated in words (no figure), read into a ``MathProgram``.

One named shape (a rectangle, circle, right triangle, trapezoid, cube, cylinder, regular polygon ...;
the vocabulary is :mod:`.shapes`, a triangle named by its angles is read by :mod:`.angle_names`): the
numbers and expressions in the text are bound to its measures ("a radius of 3", "3 inches long", "legs
of 8 and 15"), a measure may be given as a multiple of another ("a length twice its width", "the ratio
of the length to the width is 5:3"), and the one measure the question names is the target. The
shape's formulas become relations, every measure a positive unknown, and the program solver solves
and verifies it (exact answers keep pi and square roots). Every word must be one the reader knows,
every number must be bound, and only one unit of length may appear: anything else (two shapes, a
change of size, a figure) is left to other readers.

Also here: a walk of legs north / east / south / west (the distance from the start), the sine,
cosine or tangent of an angle in degrees, and the angle between the hands of a clock.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..solution import Solution
from .angle_names import angle_named
from .build import Decline, rounded, rounding_text, solved, step, tex
from .parse import ParseFailure, parse_math
from .problem import Problem
from .program import MathProgram, ProgramError, Relation, Target, Unknown
from .program_solve import solve_program
from .readers import reader
from .shapes import POLYGON_SIDES, SHAPES, UNIT_WORDS, Shape
from .words import sentences

__all__ = ["read_geometry"]

# words that may stand between a measure and its number, or anywhere in the text
_GAP = set("of is are a an the has have its it with measures measure measuring measured equal equals to".split())
_GAP |= {"length", "lengths", "each", "was", "exactly", "be", "base", "given", "by", "all", "their"}
_FILLER = _GAP | set(
    "what how many much find compute determine number units unit square cubic sq in if and then that this "
    "express your answer as common fraction terms decimal nearest tenth hundredth whole simplest radical form "
    "mixed integer value particular certain right circular regular convex there s total which whose does do can "
    "will would drawn long".split()
)
_NOUNS = set("shape room garden field pool tank container lawn plot floor rug board pan tablet water".split())
_FILLER |= _NOUNS
_FILLER |= set(UNIT_WORDS) | set(POLYGON_SIDES)
_TIMES = {"twice": 2, "double": 2, "triple": 3, "half": sp.Rational(1, 2), "thrice": 3}
_NUMBER_WORDS = dict(
    zip("one two three four five six seven eight nine ten eleven twelve".split(), range(1, 13), strict=True)
)
_TOKEN = re.compile(r"#\d+|[a-z]+|:")


_QUESTION_WORDS = ("what", "how", "find", "compute", "determine")


def _question_at(sentence: list[str]) -> int:
    """Where the question starts in ``sentence`` (its length when it asks nothing)."""
    return next((k for k, t in enumerate(sentence) if t in _QUESTION_WORDS), len(sentence))


_UNIT_ASIDE = re.compile(rf", in (?:square |cubic )?(?:{'|'.join(sorted(UNIT_WORDS, key=len, reverse=True))}),")

_DIRECTIONS = {"north": (0, 1), "south": (0, -1), "east": (1, 0), "west": (-1, 0)}


def _value(math: str) -> sp.Expr | None:
    """The number or expression in ``x`` a math segment holds, its unit and degree sign dropped."""
    bare = re.sub(r"\\(?:text|mbox|textrm)\{[^}]*\}(?:\^\{?\d\}?)?|\^\{?\\circ\}?|\\,|\\!|\{,\}", "", math)
    bare = re.sub(r"(?<=\d),(?=\d{3})", "", bare)
    try:
        value = parse_math(bare.strip())
    except (ParseFailure, ValueError, TypeError, SyntaxError):
        return None
    if not isinstance(value, sp.Expr) or not value.free_symbols <= {sp.Symbol("x")}:
        return None
    if not value.free_symbols and not (value.is_positive or value.has(sp.pi)):
        return None
    return value


def _tokens(prob: Problem) -> tuple[list[list[str]], dict[str, sp.Expr]] | None:
    """The sentences as tokens (a math segment is ``#i``) and each segment's value; None on odd math."""
    values: dict[str, sp.Expr] = {}
    names: set[str] = set()
    degrees: list[int] = []
    for i, math in enumerate(prob.math):
        if math.strip() in ("\\pi", "pi"):
            values[f"#{i}"] = sp.pi  # "in terms of pi"
            continue
        if re.fullmatch(r"[A-Z]{1,4}", math.strip()):
            names.add(math.strip())  # "circle $C$", "square $ABCD$": a name, not a number
            continue
        ratio = re.fullmatch(r"\s*(\d+)\s*:\s*(\d+)\s*", math)
        if ratio:
            values[f"#{i}"] = sp.Rational(int(ratio.group(1)), int(ratio.group(2)))
            continue
        value = _value(math)
        if value is None:
            return None
        values[f"#{i}"] = value
        if re.search(r"\^\s*\{?\\circ", math):
            degrees.append(i)  # "a $40^\circ$ angle": the sign is the unit, read as the word after the number
    if len(names) > 1:
        return None  # two named figures
    text = prob.text.lower().replace("'s", " s")
    text = _UNIT_ASIDE.sub(" ", text)  # "the sum of the lengths, in centimeters, of the legs": one phrase
    for n, m in enumerate(re.finditer(r"\b(\d+)\s*:\s*(\d+)\b", text), len(prob.math)):
        values[f"#{n}"] = sp.Rational(int(m.group(1)), int(m.group(2)))  # "3:5", written outside the math
        text = text.replace(m.group(0), f" #{n} ", 1)
    text = re.sub(r"⟦(\d+)⟧", lambda m: f" #{m.group(1)} " + ("degrees " if int(m.group(1)) in degrees else ""), text)
    text = re.sub(r"(#\d+)\s+degrees?\s+angle\b", r"angle measuring \1 degrees", text)  # "a 40 degree angle"
    sided = {str(n): name for name, n in POLYGON_SIDES.items()}
    text = re.sub(r"\b(\d+)[- ]sided\b", lambda m: sided.get(m.group(1), m.group(0)), text)  # "a 9-sided polygon"
    if re.search(r"(?<!#)\d", re.sub(r"#\d+", "", text)):
        return None  # a number outside the math the reading would not see
    return [_TOKEN.findall(s) for s in sentences(text)], values


def _shape_of(words: list[str]) -> tuple[str, Shape] | None:
    """The one shape the text names (the longest name wins: "right triangle" over "triangle")."""
    unit = "|".join(sorted(set(UNIT_WORDS) | {"root", "centimeters", "decimeters"}))
    joined = re.sub(rf" (?:square|cubic|sq)(?= (?:{unit}) )", "", " " + " ".join(words) + " ")
    found = []
    for name, shape in SHAPES.items():
        for word in shape.words:
            if f" {word} " in joined or f" {word}s " in joined:
                found.append((name, shape, len(word)))
    for word in POLYGON_SIDES:
        if f" {word} " in joined or f" {word}s " in joined:
            found.append(("polygon", SHAPES["polygon"], 0))
    names = {f[0] for f in found}
    # a right triangle is also a triangle; a cube (cubic) or a box may be called rectangular
    for broader, narrower in (
        ("triangle", ("right triangle", "equilateral triangle", "30-60-90 triangle")),
        ("right triangle", ("30-60-90 triangle",)),
        ("trapezoid", ("isosceles trapezoid",)),
        ("rectangle", ("box", "cube")),
        ("circle", ("cylinder", "cone", "sphere")),
        ("cube", ("box", "square pyramid")),
        ("square", ("square pyramid",)),
        ("square", ("cube",)),
    ):
        if names & set(narrower):
            names.discard(broader)
    if len(names) > 1:
        names.discard("angle")  # "an angle of the triangle": an angle of the figure named
    if len(names) != 1:
        return None
    name = names.pop()
    return name, SHAPES[name]


def _measure_at(tokens: list[str], i: int, shape: Shape) -> tuple[str, int] | None:
    """The measure named at ``tokens[i]`` (the longest phrase) and how many tokens it takes."""
    best = None
    for name, phrases in shape.measures.items():
        for phrase in phrases:
            words = phrase.split()
            if tokens[i : i + len(words)] == words and (best is None or len(words) > best[1]):
                best = (name, len(words))
    return best


def _bindings(sentence: list[str], shape: Shape, values: dict, reserved: set[int]) -> tuple[list, list, set[int]]:
    """(measure, value) pairs, (measure, factor, measure) multiples, and the tokens used, in one sentence;
    the ``reserved`` tokens (a ratio's terms) are bound to nothing."""
    pairs: list = []
    multiples: list = []
    used: set[int] = set()
    gap = _GAP | _NOUNS | {w for phrase in shape.words for w in phrase.split()}
    gap |= {"s", "right", "circular", "isosceles", "particular", "certain", "in"}

    def number(k: int) -> bool:
        if k >= len(sentence) or k in reserved or k in used or _one_of(sentence, k, shape):  # a number binds once
            return False
        return sentence[k] in values or sentence[k] in _NUMBER_WORDS

    mentions = []
    some: dict[int, tuple[int, int]] = {}  # a plural measure's start -> (its count's token, the count)
    i = 0
    while i < len(sentence):
        found = _measure_at(sentence, i, shape)
        if found:
            mentions.append((i, found[0], found[1]))
            used.update(k for k in range(i, i + found[1]) if sentence[k] in _NUMBER_WORDS)  # "the two legs"
            before = sentence[i - 1] if i else ""
            count = _NUMBER_WORDS.get(before, values.get(before))
            if found[0] in _PLURALS and count == len(_PLURALS[found[0]]) and i > 1 and sentence[i - 2] == "the":
                used.add(i - 1)  # "the two legs have lengths 6 and 8": how many legs, not a length
            elif found[0] in _PLURALS:  # "two angles of a triangle measure 40 and 75": the first two of them
                at = i - 3 if sentence[max(i - 2, 0) : i] in (["of", "the"], ["of", "its"]) else i - 1  # "two of the"
                count = _NUMBER_WORDS.get(sentence[at], values.get(sentence[at])) if at >= 0 else None
                if isinstance(count, int | sp.Integer) and 1 < count < len(_PLURALS[found[0]]):
                    some[i] = (at, int(count))
            i += found[1]
        else:
            i += 1
    starts = {start for start, _, _ in mentions}
    for start, name, size in mentions:
        j = start + size
        while j < len(sentence) and sentence[j] in gap and j not in starts:  # up to the next measure named
            j += 1
        factor = None
        if j < len(sentence) and sentence[j] in _TIMES:  # "a length twice its width"
            factor, j = _TIMES[sentence[j]], j + 1
        elif sentence[j + 1 : j + 2] == ["times"] and number(j):
            factor, j = _number(sentence[j], values), j + 2  # "three times its width"
        if factor is not None:
            rest = [k for k in range(j, min(j + 3, len(sentence))) if any(m[0] == k for m in mentions)]
            after = next((k for k in range(j, len(sentence)) if sentence[k] not in gap), len(sentence))
            if not rest and any(m[0] == after for m in mentions):
                rest = [after]  # "4 times the measure of the smallest angle"
            if rest:
                used.update(range(start + size, j))
                multiples.append((name, factor, next(m for m in mentions if m[0] == rest[0])[1], start))
            continue
        if name in shape.integer and {"length", "lengths", "measuring", "measure"} & set(sentence[start + size : j]):
            continue  # "sides of length 4" gives a side's length, not the number of sides
        got = []
        while number(j) and not _names_next(sentence, j, shape, name):
            got.append(j)
            j += 1
            while j < len(sentence) and sentence[j] in UNIT_WORDS:
                j += 1
            if j < len(sentence) and sentence[j] == "and":
                j += 1
        if got:
            counted = some.get(start)
            if counted and counted[1] == len(got) and counted[0] not in used:
                used.add(counted[0])
                name = f"{name}[:{len(got)}]"  # only some of the plural's slots
            pairs.append((name, [_number(sentence[k], values) for k in got]))
            used.update(got)
    # "3 inches long", "6 inches in diameter"
    for k, token in enumerate(sentence):
        if token in values and k not in used and k not in reserved:
            j = k + 1
            while j < len(sentence) and sentence[j] in UNIT_WORDS and sentence[j] != "in":
                j += 1
            j += sentence[j : j + 1] == ["in"]
            found = _measure_at(sentence, j, shape) if j < len(sentence) else None
            if found and (j > k + 1 or found[0] in shape.integer):  # "9 diagonals": a count needs no unit
                pairs.append((found[0], [values[token]]))
                used.add(k)
    return pairs, multiples, used


def _names_next(sentence: list[str], k: int, shape: Shape, name: str) -> bool:
    """The number at ``k`` is followed (past its units) by another measure: "the supplement of a 40 degrees
    angle" gives the angle's measure, not the supplement."""
    j = k + 1
    while j < len(sentence) and sentence[j] in UNIT_WORDS and sentence[j] != "in":
        j += 1
    found = _measure_at(sentence, j, shape) if k + 1 < j < len(sentence) else None
    return found is not None and found[0] != name


def _one_of(sentence: list[str], k: int, shape: Shape) -> bool:
    """ "one interior angle", "one diagonal": the word one naming one of a measure, not a number."""
    if sentence[k] != "one":
        return False
    found = _measure_at(sentence, k, shape) or (_measure_at(sentence, k + 1, shape) if k + 1 < len(sentence) else None)
    return found is not None and found[0] not in _PLURALS


def _number(token: str, values: dict) -> sp.Expr:
    return values[token] if token in values else sp.Integer(_NUMBER_WORDS[token])


def _ratio(sentence: list[str], shape: Shape, values: dict) -> tuple[str, str, sp.Expr, set[int]] | None:
    """ "the ratio of the length to its width is 5:3": (length, width, 5/3, the tokens of 5:3)."""
    text = " ".join(sentence)
    m = re.search(
        r"ratio of (?:the |its )?([a-z ]+?) to (?:its |the )?([a-z ]+?) (?:is|are|equals) (#\d+)(?: : (#\d+))?", text
    )
    if not m:
        return None
    sides = []
    for part in (m.group(1), m.group(2)):
        words = part.split()
        found = _measure_at(words, 0, shape)
        if not found or not set(words[found[1] :]) <= _FILLER | {w for p in shape.words for w in p.split()}:
            return None  # not just a measure ("of the rectangle" may follow)
        sides.append(found[0])
    terms = {k for k, t in enumerate(sentence) if t in (m.group(3), m.group(4))}
    return sides[0], sides[1], values[m.group(3)] / (values[m.group(4)] if m.group(4) else 1), terms


def _formulas(shape: Shape, givens: dict[str, sp.Expr], relations: list[str], target: str) -> list[str] | None:
    """The shape's formulas that link the given measures to the target: a formula naming a measure
    that no other formula, relation, given or target names is dropped (it would only define that
    measure), and so is one that reaches the target through given measures only ("area = ..." when
    the bases are given and the perimeter asked). None when a formula between givens alone fails
    (the numbers were misread)."""
    given = set(givens)
    known = given | {n for r in relations for n in _names(r)}
    kept = list(shape.formulas)
    while True:
        names = [_names(f) for f in kept]
        dangling = [
            f
            for f, own in zip(kept, names, strict=True)
            if any(sum(n in other for other in names) == 1 and n not in known | {target} for n in own)
        ]
        if not dangling:
            break
        kept.remove(dangling[0])
    reach, pending = {target}, kept + relations
    while any(_names(f) - given & reach for f in pending):
        linked = next(f for f in pending if _names(f) - given & reach)
        reach |= _names(linked) - given
        pending.remove(linked)
    aside = [f for f in kept if f in pending]
    checks = [f for f in aside if _names(f) <= given]
    if any(not _holds(f, givens) for f in checks):
        return None
    return [f for f in kept if f not in pending]


def _holds(formula: str, givens: dict[str, sp.Expr]) -> bool:
    """Whether ``formula`` holds exactly at the given numbers."""
    left, right = (sp.sympify(side, locals={n: sp.Symbol(n) for n in givens}) for side in formula.split(" = "))
    return sp.simplify((left - right).subs({sp.Symbol(n): v for n, v in givens.items()})) == 0


def _names(formula: str) -> set[str]:
    return set(re.findall(r"[a-z_]{2,}", formula)) - {"sqrt", "pi"}


_PLURALS = {
    "legs": ("leg_a", "leg_b"),
    "angles": ("angle_a", "angle_b", "angle_c"),
    "sides": ("side_a", "side_b", "side_c"),
    "diagonals_ab": ("diagonal", "diagonal_b"),
    "bases": ("base_a", "base_b"),
    "sides_abl": ("base_a", "base_b", "leg"),
}


def _trapezoid_sides(sides: list[sp.Expr]) -> list[sp.Expr]:
    """The bases and the leg of an isosceles trapezoid from its four sides, in any order: the legs are
    the two equal sides (of three equal sides, two are legs); [] when that does not tell them
    (two pairs of equal sides make a parallelogram, not a trapezoid)."""
    counts = {v: sum(sp.simplify(v - w) == 0 for w in sides) for v in sides}
    if len(sides) != 4 or sorted(counts.values()) not in ([1, 1, 2], [1, 3]):
        return []
    leg = next(v for v, n in counts.items() if n > 1)
    rest = [v for v in sides if sp.simplify(v - leg) != 0]
    bases = rest if len(rest) == 2 else [*rest, leg]
    return [*bases, leg]


def read_geometry(prob: Problem) -> tuple[MathProgram, list[str]] | None:
    """The program for a one-shape measurement problem and the formulas it uses; None when not one."""
    read = _tokens(angle_named(prob))
    if read is None:
        return None
    sents, values = read
    words = [t for s in sents for t in s if not t.startswith("#") and t != ":"]
    named = _shape_of(words)
    if named is None:
        return None
    name, shape = named
    shape_words = {w for phrase in shape.words for w in phrase.split()} | {w + "s" for w in shape.words}
    measure_words = {w for phrases in shape.measures.values() for p in phrases for w in p.split()}
    if (
        len(
            re.findall(
                rf"\b(?:a|an|one|another|second|first|two|three) (?:[a-z]+ )?(?:{'|'.join(shape_words)})\b",
                " ".join(words),
            )
        )
        > 1
    ):
        return None  # two figures of the shape
    allowed = _FILLER | shape_words | measure_words | set(_TIMES) | set(_NUMBER_WORDS) | {"ratio", "isosceles", "times"}
    if any(w not in allowed for w in words):
        return None
    units = {UNIT_WORDS[w] for w in words if w in UNIT_WORDS and w not in ("in", "m")}
    if len(units - {"unit"}) > 1:
        return None
    question = [i for i, s in enumerate(sents) if _question_at(s) < len(s)]
    if not question:
        return None
    asked = question[0]
    givens: dict[str, sp.Expr] = {}
    relations: list[str] = []
    used: set[tuple[int, int]] = set()
    mentioned: list[str] = []
    bound: set[str] = set()
    conditions = [relation for word, relation in shape.conditions if word in words]
    for n, sentence in enumerate(sents):
        if n > asked and sentence and sentence[0] == "express":
            continue
        ratio = _ratio(sentence, shape, values)
        pairs, multiples, taken = _bindings(sentence, shape, values, ratio[3] if ratio else set())
        used |= {(n, k) for k in taken}
        for measure, got in pairs:
            measure, _, part = measure.partition("[:")
            if name == "isosceles trapezoid" and measure == "sides":
                got, measure = _trapezoid_sides(got), "sides_abl"
            slots = _PLURALS.get(measure, (measure,)) if len(got) > 1 else (measure,)
            if part:
                slots = slots[: len(got)]
            if len(got) == 1 and " = ".join(_PLURALS.get(measure, ())[:2]) in conditions:
                slots = _PLURALS[measure][:1]  # "an isosceles right triangle has legs of 5": both are 5
            if len(slots) != len(got) or any(s in givens for s in slots):
                return None
            givens.update(zip(slots, got, strict=True))
            bound.add(measure)
        for first, factor, second, at in multiples:
            if n == asked and at > _question_at(sentence):
                return None  # "what is the area of a circle with twice the radius": another figure
            relations.append(f"{first} = {sp.sstr(factor)}*{second}")
        if ratio:
            relations.append(f"{ratio[0]} = {sp.sstr(ratio[2])}*{ratio[1]}")
            used |= {(n, k) for k in ratio[3]}
        if n == asked:
            i = _question_at(sentence)  # the measure asked comes after "what", "how", ...
            while i < len(sentence):
                found = _measure_at(sentence, i, shape)
                if found:
                    mentioned.append(found[0])
                i += found[1] if found else 1
    if "ratio" in words and not any("ratio" in s and _ratio(s, shape, values) for s in sents):
        return None
    scaling = set(_TIMES) | set(_NUMBER_WORDS) | {"times"}
    numbers = {
        (n, k)
        for n, s in enumerate(sents)
        for k, t in enumerate(s)
        if (t in values and values[t] != sp.pi) or (t in scaling and not _one_of(s, k, shape))
    }
    if numbers - used:
        return None  # a number or a "twice" the reading did not bind ("half the perimeter is 10")
    targets = [m for m in dict.fromkeys(mentioned) if m not in bound]
    if len(targets) != 1 or targets[0] in _PLURALS:
        return None
    target = targets[0]
    counted = re.search(r"\bhow many ([a-z]+)", " ".join(sents[asked]))
    if counted and target not in shape.integer and _measure_at([counted.group(1)], 0, shape):
        return None  # "how many edges does it have" counts edges, it does not ask an edge's length
    if name == "polygon":
        sides = [POLYGON_SIDES[w] for w in words if w in POLYGON_SIDES]
        if sides:
            if len(set(sides)) > 1 or "n_sides" in givens:
                return None
            givens["n_sides"] = sp.Integer(sides[0])
        if "regular" not in words and "each" not in words and target != "diagonals":
            shape = replace(shape, formulas=shape.formulas[:2])
    fixed = {n: v for n, v in givens.items() if not v.free_symbols}  # "a width of x + 1" links through x
    linked = _formulas(shape, fixed, relations + conditions, target)
    if linked is None:
        return None
    formulas = linked
    in_use = {n for f in formulas + relations for n in _names(f)}
    relations += [c for c in conditions if _names(c) - set(givens) and _names(c) <= in_use | set(givens)]
    if name != "right triangle" and "isosceles" in words and any("side_" in f for f in formulas):
        return None  # two equal sides: a condition the side formulas do not hold (base and height need none)
    unknowns = sorted({n for f in formulas + relations for n in _names(f)} | {target})
    program = MathProgram(
        target=Target(kind="value", expr=target, rounding=prob.rounding),
        unknowns=[
            Unknown(n, "positive_integer" if n in shape.integer else "positive") for n in unknowns if n not in givens
        ]
        + ([Unknown("x")] if any(v.free_symbols for v in givens.values()) else []),
        relations=[Relation(f) for f in formulas + relations]
        + [Relation(f"{n} = {sp.sstr(v)}") for n, v in givens.items() if v.free_symbols],
        givens={n: sp.sstr(v) for n, v in givens.items() if not v.free_symbols},
        options=list(prob.options),
        reader="geometry",
    )
    return program, formulas


def _formula_steps(name: str, formulas: list[str]) -> list:
    """One step per formula used, in words: "area = length * width"."""
    return [
        step(tex(sp.Eq(*map(sp.sympify, f.split(" = ")))), f"The formula of the {name}: {f.replace('_', ' ')}.")
        for f in formulas
    ]


@reader("geometry", handles="one shape's measures stated in words: lengths, areas, volumes, angles", order=130)
def solve_geometry(prob: Problem) -> Solution | None:
    """Read ``prob`` as a one-shape measurement problem and solve it; None when it is not one."""
    if prob.has_figure:
        return None
    sol = _walk(prob) or _trig(prob) or _clock(prob)
    if sol is not None:
        return sol
    read = read_geometry(prob)
    if read is None:
        return None
    program, formulas = read
    try:
        sol = solve_program(program, prob)
    except (Decline, ProgramError):
        return None
    if not sol.solved:
        return None
    name = next(n for n, s in SHAPES.items() if set(formulas) <= set(s.formulas))
    sol.steps = [*_formula_steps(name, formulas), *sol.steps]
    sol.hints = list(
        dict.fromkeys([f"Write the formulas of the {name} that link what is given to what is asked.", *sol.hints])
    )
    sol.reader = "geometry"
    return replace(sol, problem=prob.raw)


def _walk(prob: Problem) -> Solution | None:
    """ "walks 11 meters west, 30 meters north, ... How many meters is she from her starting point?"."""
    text = re.sub(r"\s+", " ", re.sub(r"⟦(\d+)⟧", r" #\1 ", prob.text.lower()))
    if not re.search(r"from (?:his |her |their |the )?(?:starting point|start|base camp)\b", text):
        return None
    legs = re.findall(r"(#\d+) (?:[a-z]+ ){1,2}?(?:due )?(north|south|east|west)\b", text)
    rest = re.sub(r"(#\d+) (?:[a-z]+ ){1,2}?(?:due )?(north|south|east|west)\b", " ", text)
    count = re.search(r"(#\d+) (?:legs|moves)\b", rest)  # "after these four legs"
    if count and _value(prob.math[int(count.group(1)[1:])]) == len(legs):
        rest = rest.replace(count.group(0), " ")
    if (
        len(legs) < 2
        or re.search(r"#\d+|\b(?:north|south|east|west)", rest)
        or re.search(r"\b(?:rate|hour|speed)", text)
    ):
        return None
    units = {w for w in re.findall(r"#\d+ ([a-z]+)", text) if w != "due"}
    units |= {w for w in re.findall(r"[a-z]+", text) if w in UNIT_WORDS and w not in ("in", "m")}
    if len({UNIT_WORDS.get(u, u) for u in units}) > 1:
        return None  # legs in yards, the distance asked in feet
    x = y = sp.Integer(0)
    for token, direction in legs:
        value = _value(prob.math[int(token[1:])])
        if value is None or value.free_symbols:
            return None
        dx, dy = _DIRECTIONS[direction]
        x, y = x + dx * value, y + dy * value
    distance = sp.sqrt(x**2 + y**2)
    steps = [
        step(
            f"\\Delta x = {tex(x)},\\ \\Delta y = {tex(y)}", "Add the legs east (minus west) and north (minus south)."
        ),
        step(
            f"d = \\sqrt{{({tex(x)})^2 + ({tex(y)})^2}} = {tex(distance)}",
            "The distance from the start: d = sqrt(dx^2 + dy^2).",
        ),
    ]
    if prob.rounding is not None:
        exact, distance = distance, rounded(distance, prob.rounding)
        steps.append(step(f"{tex(exact)} \\approx {tex(distance)}", rounding_text(prob.rounding)))
    sol = solved(
        prob.raw,
        "geometry",
        steps,
        ["Add up the moves in each direction, then use Pythagoras."],
        distance,
        verification="the legs added up",
    )
    sol.reader = "geometry"
    return sol


_TRIG = re.compile(r"\\?(sin|cos|tan)\s*\(?\s*(-?\d+)\s*\^\s*\{?\\circ\}?\s*\)?")


def _trig(prob: Problem) -> Solution | None:
    """ "Compute $\\cos 315^\\circ$": the exact value of a sine, cosine or tangent of whole degrees."""
    if len(prob.math) != 1 or not re.fullmatch(r"(?:compute|find|evaluate|what is) ⟦0⟧\s*[.?]?", prob.question):
        return None
    m = _TRIG.fullmatch(prob.math[0].strip())
    if not m:
        return None
    fn, degrees = {"sin": sp.sin, "cos": sp.cos, "tan": sp.tan}[m.group(1)], int(m.group(2))
    value = fn(sp.pi * degrees / 180)
    if value.has(sp.zoo, sp.nan) or value.has(sp.sin, sp.cos, sp.tan):
        return None
    value = sp.radsimp(value)
    steps = [
        step(f"\\{m.group(1)} {degrees}^\\circ = {tex(value)}", "Use the reference angle and the sign in its quadrant.")
    ]
    sol = solved(
        prob.raw,
        "trigonometry",
        steps,
        ["Find the reference angle and the quadrant."],
        value,
        verification="exact value",
    )
    sol.reader = "geometry"
    return sol


_TIME = re.compile(r"\b(\d{1,2}):(\d{2})(?!\d)")


def _clock(prob: Problem) -> Solution | None:
    """ "the smaller angle formed by the hands of a clock at 2:48": the hour hand is at 30h + m/2
    degrees, the minute hand at 6m; the smaller angle between them, or the larger, or the acute or
    obtuse one when it is that."""
    text = re.sub(r"\$|\\!|\\,", "", prob.raw.lower())
    times = _TIME.findall(text)
    if len(times) != 1 or "angle" not in text or not re.search(r"\bclock\b|\bhour hand", text):
        return None
    rest = re.sub(r"\b12[- ]hour\b|\b[ap]\.?m\.?(?=\W|$)", " ", _TIME.sub(" ", text))
    words = r"\b(?:after|before|until|when|later|earlier|second hand|past|how long|times?|radians?|pi)\b"
    if re.search(rf"\d|{words}", rest):
        return None  # another number, or a question about when
    hours, minutes = int(times[0][0]), int(times[0][1])
    if not 1 <= hours <= 12 or minutes > 59:
        return None
    hour_hand, minute_hand = sp.Rational(60 * (hours % 12) + minutes, 2), sp.Integer(6 * minutes)
    apart = abs(hour_hand - minute_hand)
    small = min(apart, 360 - apart)
    if re.search(r"\b(?:larger|greater|reflex)\b", rest):
        answer = 360 - small
    elif re.search(r"\b(?:smaller|lesser|smallest|acute|obtuse)\b", rest):
        answer = small
    else:
        return None  # which of the two angles is not said
    if (re.search(r"\bacute\b", rest) and not answer < 90) or (
        re.search(r"\bobtuse\b", rest) and not 90 < answer < 180
    ):
        return None
    steps = [
        step(
            f"{tex(hour_hand)}^\\circ,\\ {tex(minute_hand)}^\\circ",
            "The hour hand turns 30 degrees an hour and 1/2 a minute; the minute hand 6 degrees a minute.",
        ),
        step(f"|{tex(hour_hand)} - {tex(minute_hand)}| = {tex(apart)}", "The angle between the hands."),
        step(f"{tex(answer)}^\\circ", "The angle asked (the two angles at the centre add up to 360 degrees)."),
    ]
    sol = solved(
        prob.raw,
        "geometry",
        steps,
        ["Find where each hand points, in degrees from 12."],
        answer,
        verification="the hands' positions",
    )
    sol.reader = "geometry"
    return sol
