"""A whole split into parts and "the rest": "A school has 485 pupils. There are 232 girls and the rest are
boys. How many boys?" (253); "Of 120 students, 2/5 ride the bus and 5/12 are driven. If the rest walk, what
fraction of students walk?" (11/60).

The story names a whole (the first count, "485 pupils", or none: the parts are fractions of one whole),
parts of it (counts, fractions or percents of that whole) and one clause about the rest. The question asks
how many, what fraction or what percent are in the rest, in the rest's own words.

Precision rules (any one returns None): a part taken of something other than the whole ("half of the
non-red marbles"), a word that changes the arithmetic or says the parts overlap (more, than, each, also,
both, not, left, gave ...), a question word that is neither the rest's, the whole's nor the setting's
(the question may ask about a part or a sum), a number in the question, parts that do not leave a positive
rest, a count told after the rest ("If 3 girls leave, ..."), or a count that is not whole.
"""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution
from .build import decimal_latex, solved, step, tex
from .numeric_options import pick_numeric_option
from .problem import Problem
from .readers import FALLBACK_ORDER, reader
from .story import story_text
from .words import singular

__all__ = ["read_parts_of_whole"]

R = sp.Rational

_NUMBER = r"\d+(?:\.\d+)?(?:/\d+)?(?: percent)?"
_TOKEN = re.compile(rf"{_NUMBER}|[a-z]+(?:['-][a-z]+)*|[.,;?]")
_REST = re.compile(r"\b(?:the rest|the remainder|the remaining|the others|all the others|everyone else)\b")
_ASKS = re.compile(r"\b(how many|what fraction|what percent|what part|what portion)\b")
# words that change the arithmetic or say that the parts overlap: the story is not a whole cut into parts
_BLOCK = frozenset(
    """
    more less fewer than twice thrice times each every per left after then later gave give gives ate eat lost
    sold bought spent added increase decrease average sum difference both neither either not only except also
    another again double triple remaining rest remainder other others else new now none least most
    """.split()
)
# question words that say nothing about which group is asked
_FILLER = frozenset(
    """
    how many what fraction percent part portion of the a an are were is was be there do does did have has had
    in that this these those they it at on to for all who which
    """.split()
)
_VERBS = frozenset("are were is was will be".split())


def _words(text: str) -> list[str]:
    """The words of the text, nouns in the singular (a function word is kept as it is: "does", not "doe")."""
    return [
        w if w in _FILLER | _VERBS else singular(w, english=True) for w in re.findall(r"[a-z]+(?:['-][a-z]+)*", text)
    ]


def _value(token: str) -> sp.Rational:
    if token.endswith(" percent"):
        return R(token.split()[0]) / 100
    a, _, b = token.partition("/")
    return R(a) / R(b) if b else R(a)


def _plain(prob: Problem) -> str:
    text = story_text(prob)
    text = re.sub(r"\b[dt]?frac\s*\{(\d+)\}\s*\{(\d+)\}", r"\1/\2", text)
    text = re.sub(r"\b(?:one[- ])?half (?=of\b|the\b|are\b|were\b)", "1/2 ", text)
    return re.sub(r"\s+", " ", text).strip()


def _clauses(text: str) -> list[str]:
    """The clauses of the text: split at punctuation and at "and", "while", "but" between clauses."""
    return [c.strip() for c in re.split(r"[.,;?]|\b(?:and|while|but|whereas)\b", text) if c.strip()]


@reader(
    "parts_of_whole",
    handles="a whole split into counted or fractional parts and the rest: how many, what fraction are the rest",
    order=FALLBACK_ORDER + 5,
)
def read_parts_of_whole(prob: Problem) -> Solution | None:
    """The size of the rest of a whole cut into given parts, or None when the story is not that read with certainty."""
    text = _plain(prob)
    if text.count("?") != 1 or not text.endswith("?"):
        return None
    asks = list(_ASKS.finditer(text))
    rests = list(_REST.finditer(text))
    if len(asks) != 1 or len(rests) != 1:
        return None
    question = text[asks[0].start() :]
    if re.search(r"\d", question):
        return None
    story = text[: asks[0].start()]
    clauses = _clauses(story)
    rest_clause = next((c for c in clauses if _REST.search(c)), None)
    if rest_clause is None:
        return None
    rest_words = _rest_words(rest_clause)
    if not rest_words:
        return None
    after_rest = clauses[clauses.index(rest_clause) + 1 :]
    if any(re.search(r"\d", c) for c in after_rest):
        return None  # a count after the rest is told ("if 3 girls leave") changes it
    read = _whole_and_parts([c for c in clauses if c is not rest_clause])
    if read is None:
        return None
    whole, noun, parts, part_words, part_nouns, setting = read
    if any(w in _BLOCK for w in part_words | (set(_words(question)) - set(rest_words))):
        return None
    if (part_nouns - {noun}) & set(rest_words):
        return None  # a part counted in the rest's own noun ("3 girls joined ... the rest are girls") is not a part
    asked = [w for w in _words(question) if w not in _FILLER]
    allowed = set(rest_words) | {noun} | (setting - part_words)
    if not asked or any(w not in allowed for w in asked) or not set(rest_words) - {"to"} <= set(asked) | {noun}:
        return None
    kind = asks[0].group(1)
    return _answer(prob, kind, whole, noun, parts, rest_clause)


def _rest_words(clause: str) -> list[str]:
    """What the rest are or do: "the rest are boys" -> [boy]; "if the rest of the students walk to school" ->
    [walk, to, school]; None-like (empty) when the clause says more than that."""
    m = _REST.search(clause)
    assert m is not None
    tail = clause[m.end() :].split()
    if tail[:1] == ["of"]:  # "the rest of the students", "the rest of them"
        tail = tail[1:]
        if tail[:1] in (["the"], ["these"], ["those"]):
            tail = tail[1:]
        tail = tail[1:]
    while tail and tail[0] in _VERBS:
        tail = tail[1:]
    words = _words(" ".join(w for w in tail if re.fullmatch(r"[a-z]+(?:['-][a-z]+)*", w)))
    if len(words) != len(tail) or any(w in _BLOCK for w in words):
        return []
    return [w for w in words if w not in _FILLER or w == "to"]


def _whole_and_parts(
    clauses: list[str],
) -> tuple[sp.Rational | None, str, list[tuple[sp.Rational, bool]], set[str], set[str], set[str]] | None:
    """The whole (a count and its noun, or None and ""), the parts as (value, is a fraction of the whole), the
    words of the part clauses, the nouns the counted parts name ("232 girls") and the words of the other
    clauses; None when a part is not read with certainty."""
    whole: sp.Rational | None = None
    noun = ""
    parts: list[tuple[sp.Rational, bool]] = []
    part_words: set[str] = set()
    part_nouns: set[str] = set()
    setting: set[str] = set()
    for clause in clauses:
        tokens = _TOKEN.findall(clause)
        numbers = [i for i, t in enumerate(tokens) if re.fullmatch(_NUMBER, t)]
        if not numbers:
            setting |= set(_words(clause))
            continue
        split = 0  # in the clause that names the whole, the words up to its noun are the setting
        for i in numbers:
            value, fraction = _value(tokens[i]), "/" in tokens[i] or tokens[i].endswith("percent")
            after = [singular(t, english=True) for t in tokens[i + 1 : i + 4]]
            if whole is None and not parts and not fraction and value.is_integer:
                # the first count is the whole: "485 pupils", "a total of 30 bottles"
                after = [w for w in after if not re.fullmatch(_NUMBER, w)]
                if not after or after[0] in _FILLER | _VERBS:
                    return None
                whole, noun, split = value, after[0], i + 2
                continue
            if whole is not None and value == whole and noun in after[:2]:
                continue  # "of these 120 students": the whole again
            if fraction and whole is None and not noun and tokens[i + 1 : i + 2] == ["of"]:
                noun = _named_whole(tokens[i + 2 :])  # "1/3 of the students like math": the whole is the students
            if fraction and not _of_the_whole(tokens[i + 1 :], noun):
                return None
            if not fraction and not value.is_integer:
                return None
            parts.append((value, fraction))
            if not fraction and after:
                part_nouns.add(after[0])
        setting |= set(_words(" ".join(tokens[:split])))
        told = set(_words(" ".join(tokens[split:])))
        if len(numbers) > 1 or whole is None or (parts and not split):
            part_words |= told - {noun}
        else:
            setting |= told
    if not parts:
        return None
    return whole, noun, parts, part_words, part_nouns, setting


def _named_whole(after: list[str]) -> str:
    """The noun of "the students" after a first fraction's "of" ("" when it is not one plural noun)."""
    if after[:1] in (["the"], ["all"]):
        after = after[1:]
    if not after or not re.fullmatch(r"[a-z]+s", after[0]) or after[0] in _FILLER:
        return ""
    return singular(after[0], english=True)


def _of_the_whole(after: list[str], noun: str) -> bool:
    """True when a fraction is of the whole: "2/5 ride", "2/5 of them", "half of the marbles" (not "of the boys")."""
    if after[:1] != ["of"]:
        return True
    rest = after[1:]
    if rest[:1] in (["them"], ["it"]):
        return True
    if rest[:1] in (["the"], ["these"], ["those"], ["all"]):
        rest = rest[1:]
    return bool(noun) and bool(rest) and singular(rest[0], english=True) == noun


def _answer(
    prob: Problem,
    kind: str,
    whole: sp.Rational | None,
    noun: str,
    parts: list[tuple[sp.Rational, bool]],
    rest_clause: str,
) -> Solution | None:
    """The solution: each part's size, the whole less the parts, then the fraction or percent asked."""
    if whole is None and (kind == "how many" or not all(f for _, f in parts)):
        return None  # counts need a counted whole
    size = whole if whole is not None else R(1)
    counts = [v * size if f else v for v, f in parts]
    rest = size - sum(counts)
    if rest <= 0 or any(c <= 0 for c in counts) or whole is not None and not all(c.is_integer for c in [*counts, rest]):
        return None
    fraction = rest / size
    value = {"how many": rest, "what percent": fraction * 100}.get(kind, fraction)
    shown = [
        tex(c) if not f else f"{tex(v)} \\times {tex(size)} = {tex(c)}" for (v, f), c in zip(parts, counts, strict=True)
    ]
    steps = []
    if whole is not None:
        steps.append(step(r",\quad ".join(shown), f"Find the size of each part of the {tex(whole)} {noun}s."))
        steps.append(
            step(
                f"{tex(whole)} - {' - '.join(tex(c) for c in counts)} = {tex(rest)}",
                f'The whole less the parts is the rest ("{rest_clause}").',
            )
        )
    else:
        steps.append(
            step(
                f"1 - {' - '.join(tex(v) for v, _ in parts)} = {tex(rest)}",
                f'The parts are fractions of one whole; what they leave is the rest ("{rest_clause}").',
            )
        )
    if kind != "how many" and whole is not None:
        steps.append(step(f"\\frac{{{tex(rest)}}}{{{tex(whole)}}} = {tex(fraction)}", "Divide the rest by the whole."))
    if kind == "what percent":
        steps.append(step(f"{tex(fraction)} \\times 100 = {tex(value)}\\%", "Write the fraction as a percent."))
    hints = [
        "The parts and the rest together make the whole.",
        "Find each part's size (a fraction of the whole times the whole), then subtract them all from the whole.",
        "Answer in the form asked: a count, a fraction of the whole or a percent.",
    ]
    sol = solved(
        prob.raw,
        "fractions",
        steps,
        hints,
        value,
        verification="the parts and the rest add up to the whole",
        answer_latex=decimal_latex(value) if kind == "what percent" else None,
    )
    if prob.options:
        sol.choice = pick_numeric_option(value, prob.options, prob.raw)
    return sol
