"""Word helpers shared by the engine's readers: one singulariser and one sentence splitter.

- :func:`singular`: ``miles -> mile``; with ``english=True`` also ``boxes -> box``, ``berries -> berry``;
- :func:`sentences`: a text cut into its sentences, at the spaces after ``.``, ``?`` or ``!``;
- :data:`ORDINALS`: ``first -> 1`` ... ``hundredth -> 100``.

Readers compare and print words through these so that one reading of a plural or of a sentence
holds across the engine. Unit and item words with irregular plurals (``feet``, ``people``) go through
:func:`unit_singular`; :func:`word_forms` is a regex for a word's singular and plural.
"""

from __future__ import annotations

import re

__all__ = ["ORDINALS", "asked_sentence", "singular", "sentences", "spoken_fractions", "unit_singular", "word_forms"]

# the ordinal words and the positions they name ("the third term": 3)
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
}
_ES_PLURAL = ("shes", "ches", "xes", "sses", "zes")
# nouns whose singular ends in -ie, not -y: cookies -> cookie
_IE_NOUNS = frozenset(
    "cookies calories movies brownies rookies zombies goalies smoothies selfies prairies veggies".split()
)
_BREAK = re.compile(r"(?<=[.?!])\s+")
_BREAK_BEFORE_CAPITAL = re.compile(r"(?<=[.?!])\s+(?=[A-Z⟦$])")
_BREAK_OR_GLUED = re.compile(r"(?<=[.?!])\s+|(?<=\.)(?=[a-z])")


def singular(word: str, *, english: bool = False) -> str:
    """The singular of a plural noun: a final ``s`` dropped (not ``ss``): ``hours -> hour``, ``glass -> glass``.

    With ``english=True``, also ``-es`` after ch/sh/x/z/ss (``boxes -> box``) and ``-ies -> -y``
    (``berries -> berry``, but ``cookies -> cookie``); short words keep their ``s`` (``bus``, ``gas``).
    """
    if english:
        if word.endswith(_ES_PLURAL):
            return word[:-2]
        if word in _IE_NOUNS:
            return word[:-1]
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        if len(word) <= 3:
            return word
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def sentences(text: str, *, before_capital: bool = False, glued: bool = False) -> list[str]:
    """The non-blank sentences of ``text``, split at the spaces after ``.``, ``?`` or ``!``.

    ``before_capital``: split only where the next sentence starts with a capital, a math placeholder
    or ``$`` ("at 3 p.m. the" stays whole; the text is stripped first). ``glued``: also split where a
    period is followed directly by a lower-case letter ("... 5 apples.how many ...").
    """
    if before_capital:
        return [s for s in _BREAK_BEFORE_CAPITAL.split(text.strip()) if s]
    pattern = _BREAK_OR_GLUED if glued else _BREAK
    return [s for s in pattern.split(text) if s.strip()]


def asked_sentence(text: str) -> str:
    """The sentence that asks: the last one with a question mark, else the last sentence ("" for none)."""
    parts = sentences(text.strip())
    asks = [p for p in parts if "?" in p]
    return (asks or parts or [""])[-1]


_IRREGULAR = {"feet": "foot", "foot": "foot", "people": "person", "children": "child", "men": "man", "women": "woman"}


def unit_singular(word: str) -> str:
    """The singular of a unit or item word: inches -> inch, feet -> foot, liters -> liter."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if re.search(r"(?:ch|sh|x|ss)es$", word):
        return word[:-2]
    return singular(word)


def word_forms(word: str) -> str:
    """A regex for the singular and plural of ``word``: delivery -> (?:delivery|deliveries|deliverys)."""
    base = unit_singular(word)
    forms = {base, base + "s", base + "es"}
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        forms.add(base[:-1] + "ies")
    return "(?:" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + ")"


_SPOKEN_FRACTION = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?|[a-z?]) over (\d+(?:\.\d+)?|[a-z?])(?!\w|\.\d)")
_SPOKEN_MIXED = re.compile(r"(?<![\w.])(\d+) and (\d+) over (\d+)(?!\w|\.\d)")


def spoken_fractions(text: str) -> str:
    """Fractions said in words, as some sets print them: ``13 over 4`` is 13/4 and ``3 and 5 over 9`` the mixed
    number (3 + 5/9); a letter over a letter (``a over b``) is left alone (it may be prose)."""
    text = _SPOKEN_MIXED.sub(r"(\1 + \2/\3)", text)
    return _SPOKEN_FRACTION.sub(
        lambda m: f"{m.group(1)}/{m.group(2)}" if re.search(r"\d", m.group(1) + m.group(2)) else m.group(), text
    )
