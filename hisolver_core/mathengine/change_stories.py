"""Change stories: one owner's count of things, changed by events, asked at one point of the timeline.

"Bobby had 19 pieces of candy. He ate 2 pieces of candy. How many pieces of candy does he still have left?",
"Edward spent $17. Then he received $10 from his friend. Now he has $7. How much did Edward have before he spent
his money?", "Some children were on the bus. At the stop 2 more children got on. Then there were 41 children on the
bus. How many children were on the bus before the stop?".

Each sentence is read whole into a **state** (the owner has N things: at the start, or "now", "left", "in all"
after the events so far) or **events** (a verb from :data:`GAIN` or :data:`LOSS` with N or "some" things); the
question asks for the state at the start or the end, the amount of one event, or how many more one event moved
than another. One quantity per kind of thing (its head noun) runs through the timeline, so the equations are
start + gains - losses = each stated state. Precision comes from refusing, not guessing: a story with a second
person ("Allan brought 5 and Jake brought 6"), a verb outside the tables, a sentence with a number that is not
read, a multiplier word (each, half, twice), or an unknown that comes out negative is not read, and
``story.solve_story`` declines unless every number in the text was used.
"""

from __future__ import annotations

import re

import sympy as sp

from .story import Story, question_of
from .words import sentences, singular

__all__ = ["GAIN", "LOSS", "change_story"]

# verbs that add to the owner's count, and verbs that take from it (past and present forms)
GAIN = frozenset(
    "found find bought buy got get received receive collected collect picked pick made make baked bake won win"
    " earned earn caught catch added add gotten".split()
)
LOSS = frozenset(
    "ate eat lost lose gave give sold sell spent spend used use threw throw broke break donated donate paid pay"
    " popped pop dropped drop eaten given thrown broken".split()
)
_STATE_VERBS = frozenset("had has have was were is are".split())
_PRONOUNS = frozenset("he she they we i you it".split())
_AFTER = re.compile(r"\b(?:now|left|still|remaining|altogether|in all|in total|then there)\b")
_START = re.compile(r"\b(?:at first|initially|in the beginning|to begin with|originally|at the start|before)\b")
_MULTIPLIERS = re.compile(
    r"\b(?:each|every|per|half|twice|double|triple|times|third|quarter|percent|ratio|average|equally|rest"
    r"|dozens?|pairs?|score|gross|fewer|less)\b"
)
_FILLER = frozenset("then now so later after that if finally also and".split())
_NOUN_STOP = frozenset(
    "in on at to from for and with of that which he she they it his her their them more new than altogether now"
    " left still total away together already today yesterday this last so but were was are is".split()
    + ["."]
)
_CONTAINERS = frozenset("piece pieces box boxes bag bags sack sacks packet packets bottle bottles".split())
_OPENERS = frozenset("at in on after before during when while by from".split())


class _Unread(Exception):
    """A sentence of the story is not one this reader places."""


def _noun(words: list[str]) -> str | None:
    """The head noun of the phrase after a number ("pieces of candy" -> candy, "bird families" -> family)."""
    phrase: list[str] = []
    for i, w in enumerate(words):
        if w in ("more", "new") and not phrase:
            continue
        if w == "of" and phrase and phrase[-1] in _CONTAINERS:
            phrase = []  # "pieces of candy": the candy is the kind
            continue
        if w in _NOUN_STOP or w in GAIN or w in LOSS or w in _STATE_VERBS or not w.isalpha():
            break
        if phrase and (w.endswith("ing") or w.endswith("ed")):
            break  # "bird families living near": the noun ended
        phrase.append(w)
        follows = words[i + 1] if i + 1 < len(words) else "."
        if len(phrase) == 3 or follows in _NOUN_STOP and not (follows == "of" and w in _CONTAINERS):
            break
    if not phrase:
        return None
    head = singular(phrase[-1], english=True)
    return None if head in ("one", "them", "it") else head


class _Timeline:
    """The events and states of one story, per kind of thing."""

    def __init__(self) -> None:
        self.kinds: dict[str, list] = {}  # kind -> [("start"|"state", value) | ("event", sign, value, verb)]
        self.last_kind: str | None = None
        self.unknowns: list[sp.Symbol] = []
        self.used: list[str] = []

    def value(self, token: str, role: str = "x") -> sp.Expr:
        if token == "some":
            sym = sp.Symbol(role if role not in {u.name for u in self.unknowns} else f"{role}_{len(self.unknowns)}")
            self.unknowns.append(sym)
            return sym
        self.used.append(token)
        return sp.Rational(token)

    def kind(self, noun: str | None) -> str:
        kind = noun or self.last_kind
        if kind is None:
            kind = ""  # "spent 17": money, with no noun
        self.last_kind = kind
        return kind


_AMOUNT = re.compile(r"\b(\d+(?:\.\d+)?|some)\b")


def _amounts(clause: str) -> list[tuple[str, str | None]]:
    """The numbers (and "some") of a clause with the head noun after each."""
    out: list[tuple[str, str | None]] = []
    for m in _AMOUNT.finditer(clause):
        after = clause[m.end() :].split()
        if after and after[0] == "of" and len(after) > 1 and after[1] in ("them", "it", "those", "these"):
            out.append((m.group(1), None))
            continue
        out.append((m.group(1), _noun(after)))
    return out


def _subject(clause: str) -> str | None:
    """The clause's subject word when it names someone ("edward spent", "he ate"); None for "there", "some"."""
    words = [w for w in clause.split() if w not in _FILLER]
    if not words or words[0] in ("there", "some") or words[0] in _OPENERS or _AMOUNT.fullmatch(words[0]):
        return None
    if words[0] == "the" and len(words) > 1:  # "the rabbits ate 4 of the potatoes": someone else
        return words[1]
    return words[0].removesuffix("'s")


def _placed(clause: str, lead: str, amounts: list[tuple[str, str | None]]) -> bool:
    """True when the clause's amounts stand where ``lead`` puts them: the first right after it ("ate 14",
    "had 51"), the others each after "and" ("had 51 books and 106 pens")."""
    m = re.search(
        rf"\b(?:{lead})(?: (?:him|her|them|me|us))?(?: only| another| a total of| away)? (\d+(?:\.\d+)?|some)\b", clause
    )
    if m is None or m.group(1) != amounts[0][0]:
        return False
    tail = clause[m.end() :]
    later = [a for a, _ in _amounts(tail)]
    listed = re.findall(r"\band (\d+(?:\.\d+)?|some)\b", tail)
    return later == listed


def _read_sentence(sentence: str, line: _Timeline, owners: set[str]) -> None:
    if re.search(r"\b(?:than|together|between|yet|instead|without|for)\b", sentence):
        raise _Unread  # a comparison, a price ("bought a pen for 2"), a plan: not a change of one count
    clauses = [
        c.strip() for c in re.split(r",? and (?=(?:then )?(?:he|she|they|we|i)?\s*[a-z]+ (?:\d|some))|, ", sentence)
    ]
    for clause in clauses:
        after = _AFTER.search(clause) is not None  # before "now" or "then there" is cut from the front
        clause = re.sub(r"^(?:if|then|now|after that|later|finally|so|while)\s+", "", clause).strip(" .")
        amounts = _amounts(clause)
        words = clause.split()
        verbs = [w for w in words if w in GAIN or w in LOSS]
        subject = _subject(clause)
        if subject is not None and subject not in _PRONOUNS:
            owners.add(subject)
        if not amounts:
            if verbs or re.search(r"\d|\b(?:many|several|few|total|number|different)\b", clause):
                raise _Unread
            continue
        clause = re.sub(r"^(?:at|on|in|after) the [a-z ]+? (?=\d|some\b)", "", clause)  # "at the bus stop 2 more ..."
        joined = re.fullmatch(r"(?:\d+|some) (?:more|new) [a-z ]*\b(?:came|joined|got on|arrived)\b[a-z ]*", clause)
        left_ = re.fullmatch(r"(?:\d+|some) [a-z ]*\b(?:flew away|went away|got off)\b[a-z ]*", clause)
        if (joined or left_) and len(amounts) == 1:
            for token, noun in amounts:
                line.kinds.setdefault(line.kind(noun), []).append(("event", 1 if joined else -1, line.value(token), ""))
            continue
        if len(verbs) > 1:
            raise _Unread
        if verbs:
            if not _placed(clause, verbs[0], amounts):
                raise _Unread  # "while 15 customers left he got 14": a number the verb does not take
            sign = 1 if verbs[0] in GAIN else -1
            for token, noun in amounts:
                line.kinds.setdefault(line.kind(noun), []).append(
                    ("event", sign, line.value(token, verbs[0]), verbs[0])
                )
            continue
        state = "had|has|have|there are|there were|there was|there is|are|were|was|is"
        subject_count = len(amounts) == 1 and re.fullmatch(r"(?:\d+|some) [a-z ]+? (?:were|are|was|is) [a-z ]+", clause)
        if not subject_count and not _placed(clause, state, amounts):
            raise _Unread  # "some children were riding on the bus": the count is the subject
        for token, noun in amounts:
            events = line.kinds.setdefault(line.kind(noun), [])
            if not events and not after:
                events.append(("start", line.value(token)))
            elif after and any(e[0] == "event" for e in events):
                events.append(("state", line.value(token)))
            else:
                raise _Unread  # a second state with no event between, or a state after events not marked "now"


def _equations(line: _Timeline) -> tuple[list[sp.Eq], dict[str, tuple[sp.Expr, sp.Expr]]]:
    """start + gains - losses = each stated state, per kind; and each kind's (start, end) expressions."""
    eqs: list[sp.Eq] = []
    ends: dict[str, tuple[sp.Expr, sp.Expr]] = {}
    for kind, items in line.kinds.items():
        if not items or items[0][0] != "start":
            start: sp.Expr = sp.Symbol("start" if not ends else f"start_{len(ends)}")
            line.unknowns.append(start)
        else:
            start = items[0][1]
        total = start
        for item in items:
            if item[0] == "event":
                total = sp.Add(total, item[2] if item[1] > 0 else -item[2], evaluate=False)  # as told: 21 - 5
            elif item[0] == "state":
                eqs.append(sp.Eq(total, item[1]))
        ends[kind] = (start, total)
    return eqs, ends


def _question(q: str, line: _Timeline, ends: dict) -> sp.Expr | None:
    m = re.match(r"how (?:many (?P<more>more )?|much (?P<moremoney>more )?(?:money )?)", q)
    if m is None:
        return None
    rest = q[m.end() :]
    noun = ""
    if q.startswith("how many"):  # the first of the next few words that names a kind of thing in the story
        words = [w.strip("?") for w in rest.split()]

        def head_at(i: int) -> bool:  # a kind of the story, not a modifier of another noun ("spider legs")
            after = words[i + 1] if i + 1 < len(words) else "?"
            return singular(words[i], english=True) in ends and (after in _QUESTION_VERBS or not after.endswith("s"))

        heads = [i for i in range(min(4, len(words))) if head_at(i)]
        if not heads or "and" in words[: heads[-1] + 1]:
            return None  # no kind of the story, or two of them ("how many tomatoes and potatoes")
        end_of_noun = heads[-1] + 1
        noun = singular(words[heads[-1]], english=True)
        rest = " ".join(words[end_of_noun:])
    if noun not in ends:
        return None
    start, end = ends[noun]
    events = [e for e in line.kinds[noun] if e[0] == "event"]
    if not events:
        return None  # no change happened: not a change story
    if "than" in rest and not (m.group("more") or m.group("moremoney")):
        return None
    if m.group("more") or m.group("moremoney"):  # "how many more marbles did he lose than those he found"
        verbs = re.findall(r"\b[a-z]+\b", rest)
        named = [v for v in verbs if v in GAIN or v in LOSS]
        if len(named) != 2 or "than" not in rest:
            return None
        first, second = ([e for e in events if _same_verb(e[3], v)] for v in named)
        if len(first) != 1 or len(second) != 1:
            return None
        return first[0][2] - second[0][2]
    verbs = [v for v in re.findall(r"\b[a-z]+\b", rest) if v in GAIN or v in LOSS]
    before = re.search(r"\bbefore\b(.*)", rest)
    if _START.search(rest) and (not verbs or before and all(v in before.group(1).split() for v in verbs)):
        return start  # "how much did he have at first", "... before he spent his money"
    if verbs:
        matching = [e for e in events if _same_verb(e[3], verbs[0])]
        return matching[0][2] if len(verbs) == 1 and len(matching) == 1 and matching[0][2].free_symbols else None
    # the end only in the present or with "now"/"left": "did he have" alone could mean either end of the story
    present = re.search(r"\b(?:does|do|is|are)\b", rest) or _AFTER.search(rest)
    if present and re.search(r"\b(?:have|has|there|left|now|in all|altogether|remain)\b", rest):
        return end
    return None


# the words that end the question's noun phrase ("how many pieces of candy | does he have")
_QUESTION_VERBS = frozenset("does do did is are was were will would can could has have had should".split())

_STEMS = {"ate": "eat", "lost": "lose", "gave": "give", "sold": "sell", "spent": "spend", "threw": "throw"}
_STEMS |= {"broke": "break", "paid": "pay", "found": "find", "bought": "buy", "got": "get", "made": "make"}
_STEMS |= {"won": "win", "caught": "catch", "eaten": "eat", "given": "give", "thrown": "throw", "broken": "break"}
_STEMS |= {"gotten": "get"}


def _same_verb(a: str, b: str) -> bool:
    def stem(v: str) -> str:
        return _STEMS.get(v, v.removesuffix("ed").removesuffix("e"))

    return bool(a) and stem(a) == stem(b)


def _determined(eqs: list[sp.Eq], unknowns: list[sp.Symbol], target: sp.Expr) -> bool:
    """True when the equations fix every unknown once, none negative, and so the asked value."""
    if not unknowns:
        return not target.free_symbols
    try:
        found = sp.solve(eqs, unknowns, dict=True)
    except (NotImplementedError, ValueError, TypeError):
        return False
    if len(found) != 1 or set(found[0]) != set(unknowns):
        return False
    values = found[0]
    return all(v.is_number and v >= 0 for v in values.values()) and not target.subs(values).free_symbols


def change_story(s: str) -> Story | None:
    """Read ``s`` (``story.story_text``) as a change story; None when any sentence is not placed."""
    if _MULTIPLIERS.search(s) or re.search(r"\b\d+/\d+\b", s):
        return None
    parts = sentences(s, glued=True)
    q = question_of(s)
    if len(parts) < 2 or q != parts[-1] or not q.startswith("how "):
        return None
    line, owners = _Timeline(), set[str]()
    try:
        for sentence in parts[:-1]:
            _read_sentence(sentence, line, owners)
    except _Unread:
        return None
    subject = re.search(r"\b(?:does|did|do|will) ([a-z]+)\b", q)
    if subject and subject.group(1) not in _PRONOUNS:
        owners.add(subject.group(1))
    if len(owners) > 1 or not line.kinds:
        return None
    eqs, ends = _equations(line)
    target = _question(q, line, ends)
    if target is None or not _determined(eqs, line.unknowns, target):
        return None
    asked = sp.Symbol("answer")
    given = []
    for kind, items in line.kinds.items():
        for item in items:
            if item[0] == "event":
                value, label = item[2], item[3] or ("came" if item[1] > 0 else "went")
            else:
                value, label = item[1], "at the start" if item[0] == "start" else "later"
            if not value.free_symbols:
                given.append(f"{label}: {value} {kind}".rstrip())
    return Story(
        topic="arithmetic",
        equations=[*eqs, sp.Eq(asked, target)],
        knowns={},
        target=asked,
        used=line.used,
        given=given,
        hints=[
            "Follow the count through the story: what it was, what was added, what was taken away.",
            "Write start + gains - losses = the count at the end, and solve for what is asked.",
        ],
        integer=all(re.fullmatch(r"\d+", n) for n in line.used),
    )
