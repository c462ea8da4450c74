"""Word helpers shared by the engine's readers: one singulariser and one sentence splitter.

- :func:`singular`: ``miles -> mile``; with ``english=True`` also ``boxes -> box``, ``berries -> berry``;
- :func:`sentences`: a text cut into its sentences, at the spaces after ``.``, ``?`` or ``!``;
- :data:`ORDINALS`: ``first -> 1`` ... ``hundredth -> 100``.

Readers compare and print words through these so that one reading of a plural or of a sentence
holds across the engine. Unit words with irregular plurals (``feet``) are ``everyday._base``'s.
"""

from __future__ import annotations

import re

__all__ = ["ORDINALS", "singular", "sentences"]

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
_BREAK = re.compile(r"(?<=[.?!])\s+")
_BREAK_BEFORE_CAPITAL = re.compile(r"(?<=[.?!])\s+(?=[A-Z⟦$])")
_BREAK_OR_GLUED = re.compile(r"(?<=[.?!])\s+|(?<=\.)(?=[a-z])")


def singular(word: str, *, english: bool = False) -> str:
    """The singular of a plural noun: a final ``s`` dropped (not ``ss``): ``hours -> hour``, ``glass -> glass``.

    With ``english=True``, also ``-es`` after ch/sh/x/z/ss (``boxes -> box``) and ``-ies -> -y``
    (``berries -> berry``); short words keep their ``s`` (``bus``, ``gas``).
    """
    if english:
        if word.endswith(_ES_PLURAL):
            return word[:-2]
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
