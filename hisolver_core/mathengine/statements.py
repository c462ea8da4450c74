"""Quantity statements about named people: "Tom has 5 cards. Ann has 3 more cards than Tom. How many ...?".

Every sentence must be one statement this module reads in full (a value, a
difference "N more / fewer / older / younger than", a multiple "twice / N times /
half as many as"); the question asks for one person's quantity, a sum of
everyone's, or an age some years from now or ago. Any sentence that is not read
in full makes the whole problem decline, so no number is ever left out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..solution import Solution
from .build import solved, step, tex
from .numeric_options import pick_numeric_option
from .problem import Problem
from .words import sentences

__all__ = ["solve_statements"]

NUM = r"(\d+(?:\.\d+)?)"
_NOT_NAMES = {
    "if",
    "how",
    "what",
    "the",
    "a",
    "an",
    "he",
    "she",
    "they",
    "in",
    "on",
    "at",
    "his",
    "her",
    "their",
    "then",
    "there",
    "and",
    "but",
    "after",
    "before",
    "when",
    "each",
    "every",
    "mr",
    "mrs",
    "ms",
    "dr",
    "i",
    "it",
    "this",
    "that",
    "together",
    "all",
    "both",
    "today",
    "now",
    "find",
    "calculate",
    "who",
    "which",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
_HAVE = (
    r"(?:has|had|have|owns|owned|collected|collects|picked|picks|caught|catches|baked|bakes|made|makes|scored|scores|"
    r"eats|ate|reads|read|sold|sells|drinks|drank)"
)
_DO = r"(?:has|does|did|had|have|eats|ate|reads|read|sold|sells|drinks|drank|makes|made|scored|scores)"
_MULT = {"twice": 2, "thrice": 3, "half": sp.Rational(1, 2), "double": 2, "triple": 3}


_LETTER_NAME = r"\b([A-Z])\b(?='s\b| (?:is|was|has|had|and|who|will|can)\b|[,.?]| (?:be|are)\b)"


def _names(raw: str) -> list[str]:
    """Capitalised words that name people (not sentence-initial function words), and letters "A", "B", "C" used as
    names."""
    found = []
    for word in re.findall(r"\b[A-Z][a-z]+\b", raw):
        if word.lower() not in _NOT_NAMES and word not in found:
            found.append(word)
    letters = [w for w in dict.fromkeys(re.findall(_LETTER_NAME, raw)) if w != "I"]
    if len([w for w in letters if w != "A"]) >= 1 and len(letters) >= 2:
        found.extend(w for w in letters if w not in found)  # "A is 2 years older than B": A is a name beside B
    return found


def _normalise(prob: Problem, names: list[str]) -> str | None:
    from .story import story_text

    s = story_text(prob)
    for k, name in enumerate(names):
        if len(name) == 1:  # a letter: only where it is used as a name, not the article "a"
            s = re.sub(
                rf"\b{name.lower()}(?:'s)?\b(?='s\b| (?:is|was|has|had|and|who|will|can|be|are)\b|[,.?]|$)", f"e{k}", s
            )
            s = re.sub(
                rf"(?<=\bof ){name.lower()}\b|(?<=\bthan ){name.lower()}\b|(?<=, ){name.lower()}\b"
                rf"|(?<=\band ){name.lower()}\b",
                f"e{k}",
                s,
            )
        else:
            s = re.sub(rf"\b{name.lower()}(?:'s)?\b", f"e{k}", s)
    if re.search(r"\bpercent\b|%", s):
        return None  # a fraction stands only where a statement reads it ("2/5 of e1 amount"); others decline
    return s


def _pronouns(sentence: str, last: str | None) -> str:
    if last is None:
        return sentence
    return re.sub(r"\b(?:he|she|him|her)\b", last, sentence)


def _factor(word: str) -> sp.Expr | None:
    if word in _MULT:
        return sp.Integer(_MULT[word]) if not isinstance(_MULT[word], sp.Basic) else _MULT[word]
    m = re.fullmatch(rf"{NUM} times", word)
    return sp.Rational(m.group(1)) if m else None


_E = r"(e\d+)"
_MULTWORD = rf"(twice|thrice|half|double|triple|{NUM[1:-1]} times)"


def _ages(s: str, sym, everyone: list[str]) -> tuple[sp.Eq, str | None, str] | None:
    """Ages some years from now or ago, and sums of ages."""
    m = re.fullmatch(rf"(?:in|after) {NUM} years?,? {_E} will be {_MULTWORD} as old as {_E}", s)
    if m:
        n = sp.Rational(m.group(1))
        return (
            sp.Eq(sym(m.group(2)) + n, _factor(m.group(3)) * (sym(m.group(4)) + n)),
            "age",
            "Add the years to both ages, then compare.",
        )
    m = re.fullmatch(rf"{NUM} years? ago,? {_E} was {_MULTWORD} as old as {_E}", s)
    if m:
        n = sp.Rational(m.group(1))
        return (
            sp.Eq(sym(m.group(2)) - n, _factor(m.group(3)) * (sym(m.group(4)) - n)),
            "age",
            "Subtract the years from both ages, then compare.",
        )
    m = re.fullmatch(
        rf"(?:(?:in|after) {NUM} years?,? )?the (?:sum|total) of (their ages|the ages of ((?:e\d+ & )+e\d+)|"
        rf"((?:e\d+ & )+e\d+) ages) (?:will be|is|was|be) {NUM}",
        s,
    )
    if m:
        years = sp.Rational(m.group(1) or 0)
        listed = m.group(3) or m.group(4)
        people = re.findall(r"e\d+", listed) if listed else everyone  # "their ages": everyone named
        if len(people) < 2 or len(set(people)) != len(people):
            return None
        return (
            sp.Eq(sp.Add(*(sym(k) + years for k in people)), sp.Rational(m.group(5))),
            "age",
            "Add the ages" + (" after the years have passed." if years else "."),
        )
    return None


def _statement(sentence: str, sym, everyone: list[str] | None = None) -> tuple[sp.Eq, str | None, str] | None:
    """One statement as an equation, the noun it counts (or None) and a sentence for the steps."""
    s = sentence.strip(" ,.?")
    aged = _ages(s, sym, everyone or [])
    if aged is not None:
        return aged
    m = re.fullmatch(rf"{_E} (?:is|was) {NUM}(?: years old| years of age)?", s)
    if m:
        return sp.Eq(sym(m.group(1)), sp.Rational(m.group(2))), "age", "A stated age."
    m = re.fullmatch(rf"{_E} {_HAVE} {NUM}(?: ([a-z]+))?", s)
    if m:
        return sp.Eq(sym(m.group(1)), sp.Rational(m.group(2))), m.group(3), "A stated amount."
    m = re.fullmatch(rf"{_E} (?:is|was) {NUM} years? (older|younger) than {_E}", s)
    if m:
        sign = 1 if m.group(3) == "older" else -1
        return sp.Eq(sym(m.group(1)), sym(m.group(4)) + sign * sp.Rational(m.group(2))), "age", "A difference in age."
    m = re.fullmatch(rf"{_E} {_HAVE} {NUM} (more|fewer|less) (?:([a-z]+) )?than {_E}(?: {_DO})?", s)
    if m:
        sign = 1 if m.group(3) == "more" else -1
        return (
            sp.Eq(sym(m.group(1)), sym(m.group(5)) + sign * sp.Rational(m.group(2))),
            m.group(4),
            "A difference between two amounts.",
        )
    m = re.fullmatch(rf"{_E} (?:is|was) {_MULTWORD} as old as {_E}", s)
    if m:
        return sp.Eq(sym(m.group(1)), _factor(m.group(2)) * sym(m.group(3))), "age", "A multiple of an age."
    m = re.fullmatch(rf"{_E} {_HAVE} {_MULTWORD} (?:as many|the number of) (?:([a-z]+) )?as {_E}(?: {_DO})?", s)
    m = m or re.fullmatch(rf"{_E} {_HAVE} {_MULTWORD} the number of (?:([a-z]+) )?that {_E} {_DO}", s)
    if m:
        return sp.Eq(sym(m.group(1)), _factor(m.group(2)) * sym(m.group(4))), m.group(3), "A multiple of an amount."
    m = re.fullmatch(
        rf"{_E} {_HAVE} (\d+)/(\d+) (?:of {_E}(?: amount| money| total| ([a-z]+))?|as many (?:([a-z]+) )?as {_E})", s
    )
    if m and int(m.group(3)) > 0:
        other, noun = m.group(4) or m.group(7), m.group(5) or m.group(6)
        share = sp.Rational(int(m.group(2)), int(m.group(3)))
        return sp.Eq(sym(m.group(1)), share * sym(other)), noun, "A fraction of another amount."
    m = re.fullmatch(rf"(?:together,? )?((?:e\d+ & )+e\d+|they) (?:together )?{_HAVE} {NUM}(?: ([a-z]+))?{_IN_ALL}", s)
    if m:
        people = re.findall(r"e\d+", m.group(1)) if m.group(1) != "they" else list(everyone or [])
        if len(people) < 2 or len(set(people)) != len(people):
            return None
        return sp.Eq(sp.Add(*(sym(k) for k in people)), sp.Rational(m.group(2))), m.group(3), "The amounts together."
    return None


_IN_ALL = r"(?: (?:together|in all|in total|altogether|combined))?"
# "e0 and e1 have 20 apples": one statement about both (not split at "and")
_JOINT = re.compile(
    r"(?<=^)(?:e\d+, )*e\d+,? and e\d+"
    r"(?= (?:together )?(?:have|had|own|owned|collected|picked|caught|baked|made|scored)\b)"
)


_GAIN = (
    r"(?:buys|bought|gets|got|finds|found|receives|received|earns|earned|wins|won|picks|picked|collects|collected"
    r"|saves|saved)"
)
_LOSS = r"(?:gives|gave|loses|lost|eats|ate|sells|sold|spends|spent|uses|used|donates|donated)"


def _event(sentence: str, sym, bump, known: set[str]) -> list[tuple[sp.Eq, str | None, str]] | None:
    """A change to someone's amount ("Tom buys 3 more cards", "Ann gives 2 cards to Tom") as new-version equations."""
    s = sentence.strip(" ,.?")
    m = re.fullmatch(rf"{_E} {_GAIN} (?:another )?{NUM}(?: more)?(?: ([a-z]+))?(?: more)?", s)
    if m and m.group(1) in known:
        old, new = bump(m.group(1))
        return [(sp.Eq(new, old + sp.Rational(m.group(2))), m.group(3), "An amount gained is added.")]
    m = re.fullmatch(rf"{_E} {_LOSS} {NUM}(?: ([a-z]+))?(?: (?:to|with) {_E})?", s)
    if m and m.group(1) in known and (m.group(4) is None or m.group(4) in known):
        old, new = bump(m.group(1))
        out = [(sp.Eq(new, old - sp.Rational(m.group(2))), m.group(3), "An amount given away or used is subtracted.")]
        if m.group(4):
            old2, new2 = bump(m.group(4))
            out.append((sp.Eq(new2, old2 + sp.Rational(m.group(2))), m.group(3), "What one gives, the other receives."))
        return out
    return None


def _question(q: str, sym, names_used: set[str]) -> tuple[sp.Expr, str | None] | None:
    q = q.strip(" ,.?")
    m = re.fullmatch(rf"how old (?:is|was) {_E}(?: now)?", q)
    if m:
        return sym(m.group(1)), "age"
    m = re.fullmatch(rf"how old will {_E} be (?:in|after) {NUM} years?(?: from now)?", q)
    if m:
        return sym(m.group(1)) + sp.Rational(m.group(2)), "age"
    m = re.fullmatch(rf"how old (?:was {_E}|would {_E} have been) {NUM} years? ago", q)
    if m:
        return sym(m.group(1) or m.group(2)) - sp.Rational(m.group(3)), "age"
    m = re.fullmatch(
        rf"how many ([a-z]+) (?:does|did) {_E} (?:have|has|own|collect|pick|catch|bake|make|score)(?: now| left)?", q
    )
    if m:
        return sym(m.group(2)), m.group(1)
    m = re.fullmatch(
        rf"how many more ([a-z]+) (?:than {_E} )?(?:does|did) {_E} (?:have|own|collect|pick|catch|bake|make|score)"
        rf"(?: than {_E})?",
        q,
    )
    if m and (m.group(2) is None) != (m.group(4) is None) and (m.group(2) or m.group(4)) != m.group(3):
        return sym(m.group(3)) - sym(m.group(2) or m.group(4)), None if m.group(1) == "dollars" else m.group(1)
    m = re.fullmatch(rf"how much (?:money )?(?:does|did) {_E} (?:have|has)(?: now| left)?", q)
    if m:
        return sym(m.group(1)), None
    m = re.fullmatch(
        rf"how many ([a-z]+) do (?:they|{_E} and {_E}) (?:have|own|collect|pick|catch|bake|make|score) "
        rf"(?:together|in total|altogether|combined|in all)",
        q,
    )
    if m:
        people = {m.group(2), m.group(3)} - {None}
        if people and people != names_used:
            return None
        return sp.Add(*(sym(e) for e in sorted(names_used))), m.group(1)
    return None


def solve_statements(prob: Problem) -> Solution | None:
    """Solve a problem made only of quantity statements about named people; None when any sentence is not one."""
    names = _names(prob.raw)
    if not 1 <= len(names) <= 4 or prob.raw.count("?") > 1:
        return None
    s = _normalise(prob, names)
    if s is None:
        return None
    symbols: dict[str, sp.Symbol] = {}  # every version of every amount
    current: dict[str, sp.Symbol] = {}

    def sym(key: str) -> sp.Symbol:
        if key not in current:
            current[key] = symbols[key] = sp.Symbol(names[int(key[1:])], nonnegative=True)
        return current[key]

    def bump(key: str) -> tuple[sp.Symbol, sp.Symbol]:
        old = sym(key)
        new = sp.Symbol(f"{names[int(key[1:])]}_{sum(k.startswith(key + ':') for k in symbols) + 1}", nonnegative=True)
        symbols[f"{key}:{len(symbols)}"] = current[key] = new
        return old, new

    s = re.sub(r"\b((?:in|after) \d+ years?|\d+ years? ago), (?=e\d+ )", r"\1 ", s)  # keep "in 9 years, Ann ..." whole
    s = re.sub(
        r"\b(e\d+),? who (?=has |is |had |was )", r"\1. \1 ", s
    )  # "than Ann, who has ..." starts a statement about Ann
    s = re.sub(
        rf"\b(e\d+) (has|had) ({NUM} (?:more|fewer|less) [a-z]+(?: [a-z]+)? than e\d+),? and"
        rf" (?={NUM} (?:more|fewer|less) )",
        r"\1 \2 \3. \1 \2 ",
        s,
    )  # "Jake has 7 fewer peaches than Steven and 8 more peaches than Jill": two statements about Jake
    parts = sentences(s)
    if not parts or "?" not in parts[-1]:
        return None
    question = parts[-1]
    m = re.match(r"^(?:if|given that) (.+?), (?:then )?(how .+)$", question) or re.match(
        r"^(how .+?) if (.+)$", question
    )
    clauses = [re.sub(r"^if (?=e\d+ )", "", p.rstrip(".")) for p in parts[:-1]]  # "If Jill has 87 peaches."
    if m:
        first, second = m.groups()
        question, extra = (second, first) if first.startswith("how") is False else (first, second)
        subject = re.search(_E, question)
        clauses.append(_pronouns(extra, subject.group(1)) if subject and first.startswith("how") else extra)
    pieces: list[str] = []
    for clause in clauses:  # "A is 5, and B is 3" is two statements; "of A, B and C" is one list
        clause = re.sub(
            r"(?<=\bof )(?:e\d+, )*e\d+,? and e\d+\b", lambda mm: " & ".join(re.findall(r"e\d+", mm.group(0))), clause
        )
        clause = re.sub(r"^together,? (?=e\d+,? )", "", clause)  # "Together, Amy and Betty have 20 apples"
        clause = _JOINT.sub(lambda mm: " & ".join(re.findall(r"e\d+", mm.group(0))), clause)
        pieces.extend(c for c in re.split(r",? and (?=e\d+ )|, (?=e\d+ )", clause) if c.strip())
    eqs, nouns, texts, last = [], set(), [], None
    seen: set[str] = set()  # the names of the pieces before
    for piece in pieces:
        piece = _pronouns(piece, last if len(names) == 1 else None)  # "he" is ambiguous among several people
        if len(seen) == 1:  # "Dani has 45 marbles. She has 5 times as many as Joe": the one person named so far
            piece = re.sub(r"^(?:he|she) (?=has|had|is|was|owns|collected|made|scored)", f"{next(iter(seen))} ", piece)
        seen |= set(re.findall(r"e\d+", piece))
        events = _event(piece, sym, bump, set(current))
        reads = events if events is not None else [_statement(piece, sym, [f"e{k}" for k in range(len(names))])]
        readings = [r for r in reads if r is not None]
        if len(readings) != len(reads):
            return None
        for eq, noun, text in readings:
            eqs.append(eq)
            texts.append(text)
            if noun:
                nouns.add(noun)
        subject = re.search(_E, piece)
        last = subject.group(1) if subject else last
    asked = _question(_pronouns(question, last if len(names) == 1 else None), sym, set(current))
    if asked is None or not eqs:
        return None
    target, noun = asked
    if noun:
        nouns.add(noun)
    if len(nouns) > 1 or len(eqs) != len(symbols):
        return None
    try:
        sols = sp.solve(eqs, list(symbols.values()), dict=True)
    except (NotImplementedError, ValueError, TypeError):
        return None
    if len(sols) != 1 or len(sols[0]) != len(symbols):
        return None
    value = sp.nsimplify(target.subs(sols[0]))
    if not value.is_number or value < 0 or not all(eq.subs(sols[0]) is sp.true for eq in eqs):
        return None
    counted = nouns - {"dollars", "money", "age"}  # counted things (apples, cards) come in whole numbers
    if counted and not all(sp.nsimplify(v).is_integer for v in sols[0].values()):
        return None
    steps = [step(eq, text) for eq, text in zip(eqs, texts, strict=True)]
    steps.append(
        step(r",\ ".join(f"{tex(k)} = {tex(v)}" for k, v in sols[0].items()), "Solve the statements one after another.")
    )
    steps.append(step(tex(target) + " = " + tex(value), "Compute what the question asks."))
    hints = [
        "Give each person's quantity a letter.",
        "Turn each sentence into an equation: 'more than' adds, 'fewer than' subtracts, 'times as many' multiplies.",
        "Start from the person whose amount is given and work along the chain.",
    ]
    sol = solved(
        prob.raw,
        "word problems",
        steps,
        hints,
        value,
        verification="solved the statements as equations and substituted the solution into every one",
    )
    if prob.options:
        sol.choice = pick_numeric_option(value, prob.options)
        sol.verification += f"; option {sol.choice} is the only option equal to it"
    return sol
