"""How many more (or fewer) of one stated amount than of another: "Baker made 19 cakes and 131 pastries.
He sold 70 cakes and 88 pastries. How many more pastries than cakes did baker make?" is 131 - 19.

The question names two amounts by what they share and by what tells them apart: the noun ("pastries
than cakes"), the verb ("did he lose than those he gave"), or a place or time ("in the morning than in
the afternoon"). Each is matched against the numbers the story states, each read as a mention: the
number, the noun after it ("bottles of diet soda"), the verb before it (inherited along a list: "made
19 cakes and 131 pastries") and the words of its clause ("in the morning", "to build a house"). Other
numbers are not asked about and stay out, which is how a story with extra numbers is still read.

Precision rules: each side must match exactly one mention (a noun that names two mentions, "peaches"
beside "red peaches" and "green peaches", is not read); an amount that a state verb asks about ("does
he have", "are there") must be the last word on that noun (a later "added 2 more" or "cut some more"
changes it); a mention that is a rate ("14 chairs for each table") or a comparison ("3 fewer than")
is not an amount; a story about two named people, or a difference that is not positive, returns None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

from ..solution import Solution
from .build import solved, step, tex
from .problem import Problem
from .readers import reader
from .story import story_text
from .words import sentences, singular

__all__ = ["read_comparison"]

_NUMBER = r"\d+(?:\.\d+)?"
# words that end a noun phrase (the qualifier or the next clause starts)
_STOP = frozenset(
    "and in on at to for from with while but than into during after before this that these those yesterday today"
    " tomorrow now then last next each every per if when which who there is are was were he she they it his her"
    " their its left more over by around across along through initially originally already later earlier finally"
    " altogether together total overall instead still worth , .".split()
)
_STATE = frozenset({"have", "be", "contain", "hold", "own"})
_IRREGULAR = {
    "made": "make", "sold": "sell", "gave": "give", "lost": "lose", "ate": "eat", "had": "have", "has": "have",
    "found": "find", "bought": "buy", "got": "get", "took": "take", "brought": "bring", "spent": "spend",
    "did": "do", "grew": "grow", "ran": "run", "won": "win", "wrote": "write", "saw": "see", "flew": "fly",
    "drank": "drink", "went": "go", "came": "come", "paid": "pay", "held": "hold", "built": "build",
    "caught": "catch", "threw": "throw", "broke": "break", "swam": "swim", "sang": "sing", "drove": "drive",
    "rode": "ride", "fed": "feed", "sent": "send", "kept": "keep", "told": "tell", "sat": "sit", "stood": "stand",
    "met": "meet", "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "does": "do", "began": "begin",
    "chose": "choose", "drew": "draw", "fell": "fall", "gotten": "get", "given": "give", "hid": "hide",
    "knew": "know", "lent": "lend", "mowed": "mow", "read": "read", "put": "put", "cut": "cut", "shot": "shoot",
    "slept": "sleep", "spun": "spin", "stole": "steal", "taught": "teach", "thought": "think", "wore": "wear",
    "picked": "pick", "used": "use", "received": "receive", "added": "add", "baked": "bake", "played": "play",
    "saved": "save", "collected": "collect", "washed": "wash", "planted": "plant", "deleted": "delete",
    "borrowed": "borrow", "donated": "donate", "earned": "earn", "invited": "invite", "visited": "visit",
}  # fmt: skip
_TIMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night yesterday today"
    " week month year".split()
)
_PRESENT = frozenset(
    "have has are is calls needs requires wants uses makes sells gets buys takes spends reads plays eats drinks"
    " collects picks writes walks runs swims bakes gives finds loses saves earns receives".split()
)
_PRONOUNS = frozenset("he she they it i we you his her their its them him".split())
_FILLER = frozenset(
    "the a an of did does do were was are is had has have there than those that he she they it i we you his her"
    " their on in at to did".split()
)


def _lemma(word: str) -> str:
    """A verb's base form: "sold" -> sell, "receives" -> receive, "received" -> receive (close enough to compare)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            doubled = suffix in ("ed", "ing") and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "ls"
            return stem[:-1] if doubled else stem  # "stopped" -> stop; "called", "calls" -> call
    return word


def _verb_like(word: str) -> bool:
    """A word that is plainly a verb: a known past form, a state verb, or a regular past in -ed."""
    return word in _IRREGULAR or (word.endswith("ed") and len(word) > 4) or word in _PRESENT


def _verb_before(tokens: list[str], i: int, floor: int) -> str | None:
    """The verb before the number at ``i`` ("sold 70", "found 7 more", "played tag with 8"); None after "and",
    a comma or the noun of the mention before (``floor``): the list goes on with the verb before it."""
    k = i - 1
    if k >= 0 and tokens[k] in ("another", "more"):
        k -= 1
    if k < floor or tokens[k] in ("and", ",", "of") or not re.fullmatch(r"[a-z]+", tokens[k]):
        return None
    if floor and not _verb_like(tokens[k]) and tokens[k] not in _PREPOSITIONS:
        return None  # "6 hours on learning english 7 hours": a word of the list before, not a new verb
    if tokens[k] not in _PREPOSITIONS:
        return _verb_class(tokens[k])
    for j in range(k - 1, max(k - 4, -1), -1):  # "played tag with 8 kids": back past the preposition
        if tokens[j] in ("and", ","):
            break
        if _verb_like(tokens[j]):
            return _verb_class(tokens[j])
    return None


def _verb_class(word: str | None) -> str | None:
    if word is None:
        return None
    lemma = _lemma(word)
    return "have" if lemma in _STATE else lemma


@dataclass
class Mention:
    """A number the story states, with what it counts and the words around it."""

    value: sp.Rational
    noun: tuple[str, ...]  # singular words: ("bottle", "of", "diet", "soda")
    shown: str  # as written: "bottles of diet soda"
    verb: str | None  # its verb's class: "make", "sell", "have" (for has / are / were)
    context: frozenset[str]  # the words of its clause and sentence
    sentence: int
    rate: bool  # "for each", "per", "every": a rate, not an amount
    relation: bool  # "3 fewer peaches than Steven": a difference, not an amount


def _words(text: str) -> list[str]:
    return re.findall(rf"{_NUMBER}|[a-z]+(?:'[a-z]+)?|[,.]", text)


def _noun_after(tokens: list[str], i: int) -> tuple[tuple[str, ...], int]:
    """The noun phrase after the number at ``i`` ("bottles of regular soda", as written) and the index after it."""
    j = i + 1
    words: list[str] = []
    if j < len(tokens) and tokens[j] in ("more", "new", "extra", "additional", "other"):
        j += 1  # "found 7 more bags": the bags
    if tokens[j : j + 2] in (["of", "the"], ["of", "his"], ["of", "her"], ["of", "their"], ["of", "my"]):
        j += 2  # "read 7 of the books": the books
    while j < len(tokens) and tokens[j] not in _STOP and not re.fullmatch(_NUMBER, tokens[j]) and len(words) < 5:
        if tokens[j] == "of" and not words:
            break
        words.append(tokens[j])
        j += 1
        if j < len(tokens) and tokens[j] == "of" and j + 1 < len(tokens) and tokens[j + 1] not in _STOP:
            words.append("of")  # "bottles of diet soda": the phrase goes on after "of"
            j += 1
    while words and words[-1] == "of":
        words.pop()
        j -= 1
    return tuple(words), j


def _mentions(story: list[str]) -> list[Mention]:
    """Every number of the story as a mention. Its context is the words before the sentence's first number
    ("on monday she had", "now he has": they hold for the whole list) and the words after its own noun up to
    the next number ("in the morning"); a mention followed only by "and" shares the next one's ("10 emails
    and 12 letters in the morning")."""
    found: list[Mention] = []
    last_noun: tuple[str, ...] = ()
    for k, sentence in enumerate(story):
        tokens = _words(re.sub(r"^if ", "", sentence))
        at = [i for i, t in enumerate(tokens) if re.fullmatch(_NUMBER, t)]
        opener = [t for t in tokens[: at[0]] if t not in (",", ".")] if at else []
        verb: str | None = None
        here: list[tuple[Mention, list[str]]] = []
        floor = 0
        for n, i in enumerate(at):
            written, end = _noun_after(tokens, i)
            if not written and tokens[end : end + 2] in (["of", "them"], ["of", "those"], ["of", "these"]):
                written, end = last_noun, end + 2  # "sold 51 of them": the cakes named last
            elif written in (("ones",), ("one",)):
                written = last_noun  # "found 8 new ones": the marbles named last
            noun = _singular(list(written))
            last_noun = written or last_noun
            verb = _verb_before(tokens, i, floor) or verb
            if not n and verb is None and end < len(tokens) and _verb_like(tokens[end]):
                verb = _verb_class(tokens[end])  # "29 campers went rowing": the verb after the noun
            following = tokens[end : at[n + 1] if n + 1 < len(at) else len(tokens)]
            m = Mention(
                value=sp.Rational(tokens[i]),
                noun=noun,
                shown=" ".join(written),
                verb=verb,
                context=frozenset(),
                sentence=k,
                rate=bool({"each", "every", "per"} & set(following[:4])),
                relation="than" in following[:6] or bool({"more", "fewer", "less"} & set(tokens[end : end + 1])),
            )
            here.append((m, [t for t in following if t not in (",", ".")]))
            floor = end
        if here and here[0][0].verb is None:  # "7 red peaches, 71 yellow peaches and 8 green ones are in ..."
            after = tokens[_noun_after(tokens, at[-1])[1] :]
            if after and _verb_like(after[0]):
                for m, _ in here:
                    m.verb = m.verb or _verb_class(after[0])
        shared: list[str] = []
        for m, words in reversed(here):  # "10 emails and 12 letters in the morning": the list shares its ending
            if set(words) <= {"and"}:
                words = shared
            shared = words
            m.context = frozenset(opener + words)
        found.extend(m for m, _ in here)
    return found


@dataclass(frozen=True)
class Side:
    noun: tuple[str, ...]
    verb: str | None
    words: frozenset[str]  # qualifier words that must stand in the mention's context


_QUESTION = re.compile(r"how (?:many|much) (?P<dir>more|fewer|less) (?P<rest>.+)")
_AUX = frozenset("did does do were was are is had have has will".split())
_BE = frozenset("were was are is".split())
_PREPOSITIONS = frozenset("in on at to for from during with by".split())


def _phrase_words(tokens: list[str]) -> frozenset[str]:
    """The words that qualify an amount ("monday", "tower", "now"), without function words."""
    return frozenset(
        w
        for w in tokens
        if w not in _FILLER and w not in _PRONOUNS and w not in _PREPOSITIONS | {",", ".", "and", "or"}
    )


def _singular(tokens: list[str]) -> tuple[str, ...]:
    return tuple(singular(w, english=True) for w in tokens)


def _sides(question: str, verbs: set[str]) -> tuple[Side, Side, int] | None:
    """The two amounts the question compares and the sign of "more" (1) or "fewer" (-1); None when unread.

    ``verbs`` are the story's verbs: a question word that is one of them (or a state verb) is the verb.
    """
    m = _QUESTION.fullmatch(question.strip(" ?."))
    if m is None or f" {m.group('rest')} ".count(" than ") != 1:
        return None
    sign = 1 if m.group("dir") == "more" else -1
    left, right = (t.split() for t in m.group("rest").split(" than "))
    known = verbs | {"have"}
    is_verb = [t in _AUX or _verb_class(t) in known for t in left]
    if not any(is_verb):  # "pastries than cakes did baker make": two nouns, one verb after the second
        cut = next((k for k, t in enumerate(right) if t in _AUX), None)
        if cut is None or cut == 0:
            return None
        verb, words = _tail(right[cut + 1 :], right[cut], known)
        a, b = _singular(left), _singular(right[:cut])
        if "of" in a[1:] and "of" not in b:
            b = a[: a.index("of") + 1] + b  # "bottles of regular soda than diet soda": bottles of diet soda
        if verb is None or not a or a == b:
            return None
        return Side(a, verb, words), Side(b, verb, words), sign
    cut = is_verb.index(True)  # "crayons did he lose than those he gave": one noun, two verbs or places
    noun = _singular(left[:cut])
    aux = left[cut] if left[cut] in _AUX else None
    verb_a, words_a = _tail(left[cut + 1 :] if aux else left[cut:], aux, known)
    while right and right[0] in _PRONOUNS | {"those", "the", "ones", "that"}:
        right = right[1:]
    if right and right[0] in ("did", "does", "do"):  # "than he did to build the tower": the verb is shared
        right = right[1:]
    noun_b = noun
    if right and right[0] in _PREPOSITIONS:  # "in the morning than in the afternoon": the verb is shared
        verb_b, words_b = verb_a, _phrase_words(right)
    else:
        verb_b, words_b = _tail(right, None, known)
        if verb_b is None and right and not any(t in _AUX for t in right):
            noun_b, verb_b, words_b = _singular(right), verb_a, words_a  # "boys are there than girls"
    if not noun or verb_a is None or verb_b is None or (noun == noun_b and verb_a == verb_b and words_a == words_b):
        return None
    if "of" in noun[1:] and "of" not in noun_b and noun_b != noun:
        noun_b = noun[: noun.index("of") + 1] + noun_b
    return Side(noun, verb_a, words_a), Side(noun_b, verb_b, words_b), sign


def _tail(tokens: list[str], aux: str | None, verbs: set[str]) -> tuple[str | None, frozenset[str]]:
    """The verb and qualifier words of "baker make", "he lose to his friends", "there in the vase now".

    The words before the verb are its subject (a name or a pronoun the story's mentions need not repeat).
    """
    k = next((k for k, t in enumerate(tokens) if _verb_class(t) in verbs), None)
    if k is not None:
        return _verb_class(tokens[k]), _phrase_words(tokens[k + 1 :])
    if aux in _BE:  # "were on his shelf", "are there in the vase now"
        return "have", _phrase_words(tokens)
    return None, frozenset()


def _head(noun: tuple[str, ...]) -> str:
    """What a noun phrase counts: "pack" in "packs of red bouncy balls", "ball" in "bouncy balls"."""
    return noun[: noun.index("of")][-1] if "of" in noun[1:] else noun[-1]


def _counts(noun: tuple[str, ...], m: Mention) -> bool:
    """True when the mention counts the asked noun: its words, and the same head ("packs of balls" are packs)."""
    return bool(m.noun) and set(noun) <= set(m.noun) and _head(noun) == _head(m.noun)


def _matches(side: Side, m: Mention) -> bool:
    if m.rate or m.relation or not _counts(side.noun, m):
        return False
    if side.verb is not None and m.verb != side.verb:
        return False
    return side.words <= m.context


def _one(side: Side, mentions: list[Mention]) -> Mention | None:
    fits = [m for m in mentions if _matches(side, m)]
    return fits[0] if len(fits) == 1 else None


def _unchanged(m: Mention, story: list[str]) -> bool:
    """A state ("has", "are") is the amount asked only when no later sentence speaks of that noun again."""
    head = m.noun[-1]
    pattern = rf"\b{re.escape(head)}(?:s|es)?\b"
    return not any(re.search(pattern, s) for s in story[m.sentence + 1 :])


@reader("comparisons", handles="how many more of one stated amount than of another", order=125)
def read_comparison(prob: Problem) -> Solution | None:
    """The difference between two amounts the story states, each matched once; None when either is unclear."""
    text = story_text(prob)
    if prob.math and any(re.search(r"[a-z=^]", src) for src in prob.math) or re.search(r"percent|/", text):
        return None
    parts = sentences(text)
    if len(parts) < 2 or "?" not in parts[-1] or any("?" in p for p in parts[:-1]):
        return None
    question = parts[-1]
    folded = re.fullmatch(r"(.+?), (how .+)", question)
    if folded:  # "If he sold 70 cakes, how many more ..." folds a statement into the question
        parts, question = [*parts[:-1], folded.group(1) + "."], folded.group(2)
    story = parts[:-1]
    mentions = _mentions(story)
    if any(not m.noun for m in mentions) or len(_people(prob.raw)) > 1:
        return None  # "Then he ate 36 more.": a number without its noun may add to either amount
    need = _NEED.fullmatch(question.strip(" ?."))
    if need is not None:
        return _still_needed(prob, need, mentions, text, story)
    total = _TOTAL.fullmatch(question.strip(" ?."))
    if total is not None:
        return _total(prob, total, mentions, story)
    sides = _sides(question, {m.verb for m in mentions if m.verb})
    if sides is None:
        return None
    a, b, sign = sides
    if _vague(a.noun[-1], story) or _vague(b.noun[-1], story) or (_RATE.search(" ".join(story)) and len(mentions) != 2):
        return None
    first, second = _one(a, mentions), _one(b, mentions)
    if first is None or second is None or first is second:
        return None
    for side, m in ((a, first), (b, second)):
        if side.verb == "have" and not side.words & _TIMES and not _unchanged(m, story):
            return None  # a state asked at a named time ("had on monday") is the one stated for that time
    value = sign * (first.value - second.value)
    if value <= 0:
        return None
    word = "more" if sign > 0 else "fewer"
    steps = [
        step(tex(first.value), f"The first amount: {_said(first)}."),
        step(tex(second.value), f"The second amount: {_said(second)}."),
        step(
            f"{tex(max(first.value, second.value))} - {tex(min(first.value, second.value))} = {tex(value)}",
            f"How many {word}: subtract the smaller amount from the larger.",
        ),
    ]
    hints = [
        "Find the two amounts the question compares; the other numbers are not needed.",
        "'How many more' is the larger amount minus the smaller one.",
        "Match each side of the question to its number by what it counts and by what was done with it.",
    ]
    return solved(
        prob.raw,
        "word problems",
        steps,
        hints,
        value,
        verification="each amount compared matched exactly one number in the story",
    )


_NEED = re.compile(
    r"how (?:many|much) more (?P<a>[a-z ]+?)(?: than (?P<b>[a-z ]+?))? (?:does|do|did|will) (?:he|she|they|i|we|you)"
    r" (?:still )?need to (?:add|put in|put|buy|get|use)(?: now)?"
)
_REQUIRED = frozenset({"call", "need", "require"})  # "the recipe calls for 12 cups of flour"
_DONE = frozenset({"put", "add"})  # "she already put in 2 cups of flour"


def _still_needed(
    prob: Problem, need: re.Match, mentions: list[Mention], text: str, story: list[str]
) -> Solution | None:
    """ "How many more cups of flour (than cups of sugar) does she need to add?": what is called for less what
    is already in, for each noun asked (nothing said put in is none)."""
    amounts = []
    for said in (need.group("a"), need.group("b")):
        if said is None:
            continue
        noun = _singular(said.split())
        if re.search(rf"\bsome (?:more )?{re.escape(said)}\b", text) or _vague(singular(said.split()[0]), story):
            return None  # "she already put in some cups of flour", "half a cup": the amount in is not known
        fits = [m for m in mentions if not m.rate and not m.relation and _counts(noun, m)]
        required = [m for m in fits if m.verb in _REQUIRED]
        done = [m for m in fits if m.verb in _DONE]
        if len(required) != 1 or len(done) > 1 or len(fits) != len(required) + len(done):
            return None
        put = done[0].value if done else sp.Integer(0)
        amounts.append((said, required[0].value, put, required[0].value - put))
    if any(left < 0 for *_, left in amounts):
        return None
    used = sum(1 + (put != 0) for _, _, put, _ in amounts)
    if _RATE.search(" ".join(story)) and used != len(mentions):
        return None
    value = amounts[0][3] - (amounts[1][3] if len(amounts) > 1 else 0)
    if value <= 0:
        return None
    steps = [
        step(
            f"{tex(total)} - {tex(put)} = {tex(left)}",
            f"{_capital(said)}: called for {tex(total)}, already in {tex(put)}.",
        )
        for said, total, put, left in amounts
    ]
    if len(amounts) > 1:
        steps.append(
            step(f"{tex(amounts[0][3])} - {tex(amounts[1][3])} = {tex(value)}", "Compare what is still needed.")
        )
    hints = [
        "What is still needed is what is called for less what is already in.",
        "Only the amounts of the things asked about matter.",
        "Find the amount called for and the amount already added for each thing the question names.",
    ]
    return solved(prob.raw, "word problems", steps, hints, value, verification="called for minus already in, for each")


_TOTAL = re.compile(
    r"how many (?P<n>[a-z ]+?) (?P<aux>did|does|do|were|was) (?P<tail>[a-z ,]+?),?"
    r" (?:altogether|in all|in total|combined|all together)"
)


def _total(prob: Problem, m: re.Match, mentions: list[Mention], story: list[str]) -> Solution | None:
    """ "How many kids did she play with altogether?": the sum of every amount of that noun and verb; with
    places or times named ("on monday and tuesday"), of the amounts stated for them, each one covered."""
    noun = _singular(m.group("n").split())
    if not noun or _vague(noun[-1], story):
        return None
    verb, words = _tail(_words(m.group("tail")), m.group("aux"), {x.verb for x in mentions if x.verb})
    if verb is None or verb == "have" or not noun:
        return None  # a state summed over time ("how many did he have altogether") may count one thing twice
    fits = [x for x in mentions if _counts(noun, x) and x.verb == verb]
    shared = frozenset.intersection(*(x.context for x in fits)) if fits else frozenset()
    telling = words - shared  # "on learning chinese": "learning" is said of every amount, "chinese" of one
    if telling:
        fits = [x for x in fits if telling & x.context]
    if (
        len(fits) < 2
        or any(x.rate or x.relation for x in fits)
        or not telling <= frozenset().union(*(x.context for x in fits))
        or (_RATE.search(" ".join(story)) and len(fits) != len(mentions))
    ):
        return None
    value = sp.Add(*(x.value for x in fits))
    steps = [
        step(
            " + ".join(tex(x.value) for x in fits) + f" = {tex(value)}",
            "Add every amount the question counts: " + ", ".join(_said(x) for x in fits) + ".",
        ),
    ]
    hints = [
        "Find every amount of the thing the question counts, done the way it asks.",
        "Numbers of other things, or done another way, are not part of the total.",
        "Add the amounts.",
    ]
    return solved(prob.raw, "word problems", steps, hints, value, verification="every matching amount added once")


# "every day", "each package", "per hour": an amount may be per something, so a number not asked about may
# multiply the ones asked; with such a word every number of the story must be one of those asked
_RATE = re.compile(r"\b(?:each|every|per|a day|a week|an hour)\b")
_VAGUE = r"(?:a|an|half|quarter|third|dozen|couple|few|several|some|many|another|all|one)"


def _vague(head: str, story: list[str]) -> bool:
    """True when the story speaks of ``head`` with no number ("half a cup", "some cookies", "a few more kids"):
    an amount the mentions do not hold, so no difference, need or total of that noun is read."""
    pattern = rf"\b{_VAGUE}(?: [a-z]+)?(?: [a-z]+)? {re.escape(head)}(?:s|es)?\b"
    return any(re.search(pattern, re.sub(r"\b(?:of|of the) ", " ", s)) for s in story)


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _people(raw: str) -> set[str]:
    """Capitalised words after the first of their sentence ("did Jack receive", "and Jake brought")."""
    return {w for part in re.split(r"(?<=[.?!])\s+", raw) for w in re.findall(r"(?<=\s)[A-Z][a-z]+\b", part)}


def _said(m: Mention) -> str:
    return f"{tex(m.value)} {m.shown}"
