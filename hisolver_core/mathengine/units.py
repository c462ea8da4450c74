"""Rate, proportion and unit stories read by dimensional analysis: one reader, ``units``.

1. **quantities**: every number in the text is read with the unit after it ("four doughnuts" -> 4
   doughnut, "$3" -> 3 dollar, "1/4 teaspoon of salt" -> 1/4 teaspoon (salt)); "per", "for each",
   "for every", "in each", "an hour" and "each <thing> holds ..." make it a rate (dollar per
   doughnut). Standard units (length, time, volume, mass, money, dozen) are data in ``unit_data.py``;
   any other noun is a counted thing of its own.
2. **question**: the asked unit ("how much ..., in dollars", "how many quarts", "how far" -> a
   length, "how long" -> a time, "in each bookshelf" -> per bookshelf); the numbers after the
   question word are the new amounts the question scales to ("for four dozen doughnuts").
3. **dimensional analysis**: every product of the quantities, each used exactly once with the
   exponent +1 or -1 (the question's own amounts with +1: they are what is scaled), whose unit is
   the asked unit. The reader answers only when exactly one product fits, every number in the text
   is part of it, and no additive or comparative word (plus, more, left, than, ...) is unplaced;
   otherwise it returns None (a silently dropped condition is how wrong answers happen).

Registered as a fallback reader (order ``FALLBACK_ORDER + 10``): it runs only where the readers
before it did not answer.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass

import sympy as sp

from ..solution import Solution
from .build import rounded, solved, step, tex
from .problem import Problem
from .readers import FALLBACK_ORDER, reader
from .unit_data import AGENTS, ALIASES, BLOCK, CLAUSE_START, COMPOUND, EQUIVALENT, MEASURED, POWERS, SCALES, STOP, UNITS
from .unit_models import joint_work, linear_model
from .unit_quantities import TOKEN, Quantity, Story, Unit, combine, is_number, plain_text, unit_word, value_of
from .words import sentences, singular

__all__ = ["UNITS", "Unit", "Quantity", "Story", "read_story", "solve_units"]

R = sp.Rational

_MAX_QUANTITIES = 7


# --- reading quantities ---------------------------------------------------------------------------


def _noun(tokens: list[str], i: int) -> tuple[Unit | None, int]:
    """The unit named by the noun phrase at ``tokens[i]``; returns it (or None) and the index after it."""
    words: list[str] = []
    j = i
    power = 1
    while j < len(tokens) and tokens[j] in POWERS:
        power, j = POWERS[tokens[j]], j + 1
    while j < len(tokens) and re.fullmatch(r"[a-z]+(?:['-][a-z]+)*", tokens[j]) and tokens[j] not in STOP:
        named = j == i and i > 0 and tokens[i - 1] in ("each", "every", "per", "a", "an", "one", "the")
        if tokens[j].endswith("ing") and len(tokens[j]) > 4 and not named or re.fullmatch(r"\w{3,}ed", tokens[j]):
            break  # a verb ("5 apples falling"), but "each serving" names a thing
        if tokens[j] in BLOCK and unit_word(tokens[j]) not in UNITS or tokens[j] in SCALES:
            break
        words.append(tokens[j])
        j += 1
        plural = words[-1].endswith("s") and not words[-1].endswith("ss") or words[-1] in ALIASES
        if unit_word(words[-1]) in UNITS or plural or len(words) == 3:
            break  # the noun ends at a unit word or a plural: "5 red apples fell"
    if not words:
        return None, i
    head = unit_word(words[-1])
    if power != 1 and head not in UNITS:
        return None, i
    kind, of = " ".join(words[:-1]), list[str]()
    if j + 1 < len(tokens) and tokens[j] == "of" and re.fullmatch(r"[a-z]+", tokens[j + 1]):
        while j + 1 < len(tokens) and len(of) < 2 and re.fullmatch(r"[a-z]+", tokens[j + 1]):
            if tokens[j + 1] in STOP or tokens[j + 1] in BLOCK:
                break
            of.append(singular(tokens[j + 1], english=True))
            j += 1
        j += 1 if of else 0
    return Unit(head, kind, " ".join(of), power, shown=words[-1]), j


def _rate_after(tokens: list[str], j: int, used: set[int]) -> tuple[Unit | None, sp.Rational, int]:
    """A ``per`` unit right after a quantity: "per day", "per 100 miles", "for each quart", "an hour"."""
    k = j
    if (
        k < len(tokens)
        and tokens[k] in ("for", "in", "on", "to", "into", "with", "from", "at", "off")
        and k + 1 < len(tokens)
    ):
        if tokens[k + 1] in ("each", "every"):
            k += 1
    if k < len(tokens) and tokens[k] in ("per", "each", "every", "a", "an"):
        article = tokens[k] in ("a", "an")
        count = R(1)
        n = k + 1
        if tokens[k] == "per" and n < len(tokens) and is_number(tokens[n]):
            count, n = value_of(tokens[n]), n + 1
            used.add(n - 1)
        unit, end = _noun(tokens, n)
        if unit is not None and (not article or unit.word in UNITS) and not _restricted(tokens, end):
            used.update(range(j, end))
            return unit, count, end
    return None, R(1), j


def _quantity_at(tokens: list[str], i: int, used: set[int], in_question: bool) -> Quantity | None:
    """The quantity whose number is ``tokens[i]``, or None when no unit follows it."""
    token = tokens[i]
    value, j, scale = value_of(token), i + 1, R(1)
    while j < len(tokens) and tokens[j] in SCALES:
        scale, j = scale * SCALES[tokens[j]], j + 1
    if token.startswith("¤"):
        unit: Unit | None = Unit("dollar")
        if j < len(tokens) and tokens[j] in ("dollar", "dollars"):
            j += 1
    elif j < len(tokens) and tokens[j] in COMPOUND:
        top, below = COMPOUND[tokens[j]]
        used.update(range(i, j + 1))
        before = tuple(tokens[max(i - 2, 0) : i])
        return Quantity(value, Unit(top), Unit(below), in_question=in_question, scale=scale, text=token, before=before)
    else:
        unit, j = _noun(tokens, j)
    article = i > 0 and tokens[i - 1] in ("a", "an")
    if unit is None or article != _adjective(tokens, j, unit):
        return None  # "400 meter track", "a 5 pounds": the number describes a thing, it is not an amount
    if article:  # "a 12 fluid ounce bottle": the bottle's size is the amount
        _, j = _noun(tokens, j)
    used.update(range(i, j))
    per, count, end = _rate_after(tokens, j, used)
    if per is None:
        per = _each_before(tokens, i, used)
    subject = all(t in CLAUSE_START for t in tokens[:i][-2:])
    text, before = " ".join(tokens[i:end]), tuple(tokens[max(i - 2, 0) : i])
    return Quantity(value, unit, per, count, in_question, subject, scale, text, before)


def _adjective(tokens: list[str], j: int, unit: Unit) -> bool:
    """True when a standard unit is followed by a noun ("400 meter track"): the quantity describes that noun."""
    if unit.word not in UNITS or j >= len(tokens):
        return False
    after = tokens[j]
    return bool(re.fullmatch(r"[a-z]+", after)) and after not in STOP and after not in BLOCK


def _restricted(tokens: list[str], end: int) -> bool:
    """ "every day that starts with T": a clause after the rate's noun narrows it (not every day)."""
    return end < len(tokens) and tokens[end] in ("that", "which", "who", "where", "when", "except", "but")


def _each_before(tokens: list[str], i: int, used: set[int]) -> Unit | None:
    """ "Each seat can hold 9 people": the ``each <thing>`` earlier in the clause makes 9 people a rate per seat."""
    k = i - 1
    while k >= 0 and tokens[k] not in (",", ";", ":", "and") and not is_number(tokens[k]):
        if tokens[k] in ("each", "every") and k not in used:
            unit, end = _noun(tokens, k + 1)
            if unit is not None and not _restricted(tokens, end):
                used.update(range(k, end))
                return unit
            return None
        k -= 1
    return None


# --- the question -------------------------------------------------------------------------------

_HOW = re.compile(
    r"\b(how (?:many|much|far|long)|what (?:is|was|will be) the (?:total )?(?:cost|price)"
    r"|what (?:is|was|will be) (?:(?:the|its|his|her|their|[a-z]+'s) ){0,2}(?:average )?(?:speed|rate|pace)"
    r"(?: expressed)?(?= in\b))\b"
)
_IN_UNIT = re.compile(r"\bin ((?:square |cubic )?[a-z]+)\b")
_SPEND = re.compile(r"\b(?:cost|costs|pay|paid|earn|earns|earned|spend|spent|charge|charges|money)\b")


@dataclass
class _Asked:
    """What the question part asks, as read before its quantities: resolved by :func:`_resolve`."""

    how: str  # many | much | far | long | cost | rate
    noun: Unit | None
    explicit: Unit | None  # "in dollars", "in minutes"
    spend: bool  # "how much ... cost / pay / earn"
    scale: sp.Rational = R(1)  # "how many dozen": the answer counts dozens


def _asked(tokens: list[str], used: set[int]) -> _Asked:
    """Read the question word, the noun it asks about and an explicit "in <unit>" (marking their tokens used)."""
    text = " ".join(tokens)
    said = _HOW.match(text)
    assert said is not None
    how = tokens[1] if tokens[0] == "how" else "cost" if said.group(0).endswith(("cost", "price")) else "rate"
    used.update({0, 1} if tokens[0] == "how" else set(range(len(TOKEN.findall(said.group(0))))))
    explicit = None
    for m in _IN_UNIT.finditer(text):
        unit, _ = _noun(m.group(1).split(), 0)
        if unit is not None and unit.word in UNITS:
            explicit = unit
            start = len(text[: m.start()].split())
            used.update(range(start, start + 1 + len(m.group(1).split())))
    noun, scale = None, R(1)
    if how in ("many", "much"):
        start = 2
        while start < len(tokens) and tokens[start] in SCALES:  # "how many dozen eggs"
            scale, start = scale * SCALES[tokens[start]], start + 1
        noun, end = _noun(tokens, start)
        used.update(range(2, end))
        if tokens[end : end + 1] in (["equal"], ["="]) and end + 1 < len(tokens) and is_number(tokens[end + 1]):
            used.add(end)  # "how many daps equal 42 baps": what an amount is worth, as in "are equivalent to"
    return _Asked(how, noun, explicit, bool(_SPEND.search(text)), scale)


def _resolve(spec: _Asked, quantities: list[Quantity]) -> Unit | None:
    """The unit asked for, once the story's quantities are known (None when it is not clear)."""
    asked, explicit = spec.noun, spec.explicit
    if spec.how == "many":
        asked = asked or _only_thing(quantities)
    elif spec.how == "much":
        if asked is not None and asked.word == "money":
            asked = _money(quantities)
        elif asked is not None and asked.word not in UNITS:
            asked = _unit_of_kind(quantities, asked.word)
        elif asked is None and spec.spend:
            asked = _money(quantities)
        asked = explicit or asked
    elif spec.how == "cost":
        asked = explicit if explicit is not None and explicit.dims == {"money": 1} else _money(quantities)
    elif spec.how == "rate":  # "what is its speed in feet per second": the unit said is the one asked
        return explicit
    else:
        dim = "length" if spec.how == "far" else "time"
        asked = explicit if explicit is not None and explicit.dims == {dim: 1} else _only_unit(quantities, dim)
    if asked is None or (explicit is not None and asked.word in UNITS and explicit.word != asked.word):
        return None
    return asked


def _asked_per(tokens: list[str], used: set[int]) -> Unit | None:
    """ "in each bookshelf", "per day", "each week": the question asks for a rate."""
    for k, token in enumerate(tokens):
        if token in ("each", "per", "every") and k not in used and not (k > 0 and is_number(tokens[k - 1])):
            unit, end = _noun(tokens, k + 1)
            if unit is not None:
                used.update(range(k, end))
                return unit
    return None


def _money(quantities: list[Quantity]) -> Unit | None:
    """ "How much money": in the story's one money unit (cents when it counts in cents), None when it mixes them."""
    found = {u.word for q in quantities for u in (q.unit, q.per) if u is not None and u.dims == {"money": 1}}
    return Unit(found.pop()) if len(found) == 1 else (Unit("dollar") if not found else None)


def _only_thing(quantities: list[Quantity]) -> Unit | None:
    things = {u.word: u for q in quantities for u in (q.unit, q.per) if u is not None and u.word not in UNITS}
    return next(iter(things.values())) if len(things) == 1 else None


def _only_unit(quantities: list[Quantity], dim: str) -> Unit | None:
    found = {u for q in quantities for u in (q.unit, q.per) if u is not None and u.dims == {dim: 1}}
    return Unit(next(iter(found)).word) if len({u.word for u in found}) == 1 else None


def _unit_of_kind(quantities: list[Quantity], thing: str) -> Unit | None:
    """ "How much flour": the one unit the story measures flour in."""
    thing = singular(thing, english=True)
    found = {q.unit for q in quantities if q.unit.word in UNITS and q.unit.of == thing}
    return found.pop() if len(found) == 1 else None


# --- the story ------------------------------------------------------------------------------------


# "3 chapters, each with the same number of pages", "the same number of bottles each day": the story says
# that a share is even (what makes it a rate); the words add no number and no condition
_SAME = re.compile(
    r",?\s*(?:\b(?:with |and )?each (?:one |of them )?(?:[a-z]+ )?(?:with|having|has|had|costing(?: [a-z]+)?|costs?)"
    r" the same (?:number|amount)(?: of [a-z]+(?: [a-z]+)?)?(?=\s*[,.?])"
    r"|\b(?:[a-z]+ing )?the same (?:number |amount )?(?:of [a-z]+ )?(?:for |in |on )?(?:each|every|per) [a-z]+\b)"
)


def read_story(prob: Problem) -> Story | None:
    """The story's quantities and asked unit, or None when it is not a unit story this reader can read."""
    text = plain_text(prob)
    if text is None:
        return None
    text = _SAME.sub(" ", re.sub(r"\ba total of\b|\bin total\b(?=\s*[,.?])", "", text))
    text = re.sub(r"\b(?:in all|altogether|in total|total)(?=\s*[?.]?\s*$)", "", text.strip())
    parts = sentences(text)
    asks = [k for k, s in enumerate(parts) if _HOW.search(s)]
    if len(asks) != 1:
        return None
    quantities: list[Quantity] = []
    unplaced: list[str] = []
    fixes: dict[str, tuple[sp.Rational, str, str]] = {}
    spec: _Asked | None = None
    asked_per: Unit | None = None
    for k, sentence in enumerate(parts):
        if k == asks[0]:
            m = _HOW.search(sentence)
            assert m is not None
            given, question = sentence[: m.start()], sentence[m.start() :]
            unplaced += _read(TOKEN.findall(given), quantities, in_question=False, fixes=fixes)
            tokens = TOKEN.findall(question)
            used: set[int] = set()
            spec = _asked(tokens, used)
            unplaced += _read(tokens, quantities, in_question=True, used=used, keep=True, fixes=fixes)
            asked_per = _asked_per(tokens, used)
            unplaced += _leftover(tokens, used)
        else:
            unplaced += _read(TOKEN.findall(sentence), quantities, in_question=False, fixes=fixes)
    asked = _resolve(spec, quantities) if spec is not None else None
    if asked is None or spec is None:
        return None
    if asked_per is not None:  # "how many miles per day did the cavalry average": a rate is an average
        unplaced = [w for w in unplaced if w != "average"]
    averaged = sum(q.per is not None and q.before == ("average", "of") for q in quantities)
    for _ in range(averaged):  # "an average of 600 words per page": a rate given as an average
        if "average" in unplaced:
            unplaced.remove("average")
    story = Story(quantities, asked, asked_per, unplaced, spec.scale)
    return _with_stated_sizes(story, fixes) if fixes else story


def _with_stated_sizes(story: Story, fixes: dict[str, tuple[sp.Rational, str, str]]) -> Story | None:
    """The story with each unit it states a size for at that size; None when another unit of the same
    dimension appears (it would convert through the table's size, the stated one not)."""
    allowed = {w for word, (_, other, _) in fixes.items() for w in (word, other)}
    dims = {UNITS[w][0] for w in allowed}
    units = [u for q in story.quantities for u in (q.unit, q.per) if u is not None]
    units += [story.asked, *([story.asked_per] if story.asked_per else [])]
    if any(u.word in UNITS and UNITS[u.word][0] in dims and u.word not in allowed for u in units):
        return None

    def sized(u: Unit | None) -> Unit | None:
        return dataclasses.replace(u, fix=fixes[u.word][0]) if u is not None and u.word in fixes else u

    quantities = [dataclasses.replace(q, unit=sized(q.unit) or q.unit, per=sized(q.per)) for q in story.quantities]
    asked = sized(story.asked) or story.asked
    stated = [statement for _, _, statement in fixes.values()]
    return Story(quantities, asked, sized(story.asked_per), story.unplaced, story.asked_scale, stated)


def _read(
    tokens: list[str],
    out: list[Quantity],
    *,
    in_question: bool,
    used: set[int] | None = None,
    keep: bool = False,
    fixes: dict[str, tuple[sp.Rational, str, str]] | None = None,
) -> list[str]:
    """Read the quantities of one run of tokens into ``out``; return the numbers and blocking words left over.

    With ``keep`` the leftovers are not checked here (the caller reads more of the tokens first). A stated
    conversion the table holds otherwise ("one kilogram is 2.20 pounds") goes into ``fixes``: the story's
    own size for its unit, which :func:`read_story` gives that unit everywhere.
    """
    used = set() if used is None else used
    read: list[tuple[Quantity, int, int]] = []
    _one_before_equivalence(tokens)
    for i, token in enumerate(tokens):
        if is_number(token) and i not in used:
            before = set(used)
            found = _quantity_at(tokens, i, used, in_question)
            if found is not None:
                read.append((found, i, max(used - before)))
    stated = _stated_conversions(tokens, read, used, {} if fixes is None else fixes)
    if stated is None:
        return ["<a stated conversion this reader cannot use>"]
    rates = _equivalences(tokens, [r for r in read if not any(r[0] is q for q in stated)], used)
    paired = [*stated, *(q for pair in rates for q in pair[:2])]
    out.extend(q for q, _, _ in read if not any(q is s for s in paired))
    out.extend(rate for _, _, rate in rates)
    return [] if keep else _leftover(tokens, used)


_EQUALS = (["="], ["in"], ["is"], ["equals"], ["is", "equal", "to"])
_ROUNDED = R(2, 100)  # a stated size within 2% of the table's is that size rounded ("one kilogram is 2.20 pounds")


def _stated_conversions(
    tokens: list[str],
    read: list[tuple[Quantity, int, int]],
    used: set[int],
    fixes: dict[str, tuple[sp.Rational, str, str]],
) -> list | None:
    """ "(1 liter = 1,000 milliliters)", "there are 2.54 centimeters in 1 inch": the quantities of a conversion the
    story states, which are placed. Where the table holds a size the statement rounds, the statement is the one to use:
    the side that is one unit ("one kilogram is 2.20 pounds") gets the size the statement gives it, recorded in
    ``fixes`` as word -> (factor on the table's size, the other unit's word, the statement). None when the statement
    is more than a rounding off the table, neither side is one unit, or the same unit is stated two ways."""
    stated: list[Quantity] = []
    for (a, _, a_end), (b, b_start, _) in itertools.pairwise(read):
        between = tokens[a_end + 1 : b_start]
        words = [u.word for q in (a, b) for u in (q.unit, q.per) if u is not None]
        standard = all(w in UNITS for w in words) and (a.per is None) == (b.per is None)
        same = (a.unit.word, a.per and a.per.word) == (b.unit.word, b.per and b.per.word)
        if between not in _EQUALS or not standard or same or a.dims != b.dims:
            continue  # "60 miles per hour is 88 feet per second" is a conversion too
        if a.base != b.base:
            one, other = (a, b) if a.value * a.scale == 1 else (b, a)
            if one.value * one.scale != 1 or one.per is not None or other.per is not None:
                return None
            fix = other.base / one.base
            if abs(fix - 1) > _ROUNDED:
                return None  # not a rounded value of the true size: a contradiction, not a convention
            statement = f"{one.text} = {other.text}"
            if fixes.get(one.unit.word, (fix,))[0] != fix:
                return None
            fixes[one.unit.word] = (fix, other.unit.word, statement)
        stated += [a, b]
        used.update(range(a_end + 1, b_start))
    return stated


def _equivalences(
    tokens: list[str], read: list[tuple[Quantity, int, int]], used: set[int]
) -> list[tuple[Quantity, Quantity, Quantity]]:
    """ "6 cookies cost the same as 2 brownies": each pair of amounts the story says are worth the same, with the
    exchange rate it makes (2 brownies per 6 cookies) and which replaces the pair."""
    found = []
    for (a, _, a_end), (b, b_start, b_end) in itertools.pairwise(read):
        between = tokens[a_end + 1 : b_start]
        if between[:1] == ["together"]:  # "2 boxes together weigh the same as 3 boxes together"
            between = between[1:]
            if tokens[b_end + 1 : b_end + 2] == ["together"]:
                used.add(b_end + 1)
        if between in EQUIVALENT and a.per is None and b.per is None and a.unit != b.unit:
            text = f"{a.text} {' '.join(tokens[a_end + 1 : b_start])} {b.text}"
            rate = Quantity(b.value, b.unit, a.unit, a.value * a.scale, a.in_question, scale=b.scale, text=text)
            found.append((a, b, rate))
            used.update(range(a_end + 1, b_start))
    return found


def _one_before_equivalence(tokens: list[str]) -> None:
    """ "a drip of water is equivalent to 1/4 milliliter": the article is the amount 1 (rewritten in ``tokens``)."""
    for k in range(len(tokens)):
        if tokens[k] not in ("a", "an"):
            continue
        _, end = _noun(tokens, k + 1)
        if end > k + 1 and any(tokens[end : end + len(p)] == p for p in EQUIVALENT):
            tokens[k] = "1"


def _leftover(tokens: list[str], used: set[int]) -> list[str]:
    return [t for i, t in enumerate(tokens) if i not in used and (is_number(t) or t in BLOCK)]


# --- dimensional analysis -----------------------------------------------------------------------


def fitting_products(story: Story) -> list[tuple[int, ...]]:
    """Every choice of exponents (+1 or -1; the question's amounts +1) whose product has the asked unit."""
    goal = combine(story.asked.dims, story.asked_per.dims if story.asked_per else {}, -1)
    choices = [(1,) if q.in_question and q.per is None else (1, -1) for q in story.quantities]
    fits = []
    for signs in itertools.product(*choices):
        dims: dict[str, int] = {}
        for q, s in zip(story.quantities, signs, strict=True):
            dims = combine(dims, q.dims, s)
        if dims == goal:
            fits.append(signs)
    return fits


def _consistent(story: Story, *, work: bool = False) -> Story | None:
    """The story with each unit naming what it measures the one way the story does, or None when unclear.

    "2 cups" in a story of "cups of flour" is cups of flour; with cups of flour and of sugar it is
    unclear. A thing named with different words (2 blue boxes, 3 red boxes) is two things when every
    mention says which, and unclear when one does not (4 red and 3 green peaches: how many peaches); so
    are workers (machines, pumps ...) with a time: those amounts may be inversely proportional (unless
    ``work``: the joint-work model reads them).
    """
    units = [u for q in story.quantities for u in (q.unit, q.per) if u is not None]
    every = [*units, story.asked, *([story.asked_per] if story.asked_per else [])]
    kinds: dict[str, set[str]] = {}
    measures: dict[str, set[str]] = {}
    for u in every:
        if u.word not in UNITS:
            kinds.setdefault(u.word, set()).add(u.kind)
        measures.setdefault(_group(u), set()).add(u.of)
    split = {w for w, k in kinds.items() if len(k - {""}) > 1}
    if any("" in kinds[w] for w in split):
        return None
    named: dict[str, str] = {}
    for group, ofs in measures.items():
        given = ofs - {""}
        if len(given) > 1 and "" in ofs:
            return None
        if len(given) == 1:
            named[group] = given.pop()
    words = {u.word for u in units}
    subjects = {q.unit.word for q in story.quantities if q.subject and q.unit.word not in UNITS}
    if not work and any(UNITS.get(w, ("",))[0] == "time" for w in words) and words & (AGENTS | subjects):
        return None

    def fill(u: Unit | None) -> Unit | None:
        if u is not None and u.word in split:  # "blue box" and "red box" are two things
            return Unit(f"{u.kind} {u.word}", "", u.of, u.power, shown=f"{u.kind} {u.shown}")
        if u is None or u.of or _group(u) not in named:
            return u
        return Unit(u.word, u.kind, named[_group(u)], u.power, shown=u.shown)

    quantities = [dataclasses.replace(q, unit=fill(q.unit) or q.unit, per=fill(q.per)) for q in story.quantities]
    asked = fill(story.asked) or story.asked
    return Story(quantities, asked, fill(story.asked_per), story.unplaced, story.asked_scale, story.stated)


def _group(u: Unit) -> str:
    """Units whose "of" must agree: the standard units of one measured dimension, or one thing."""
    if u.word in UNITS:
        dim = UNITS[u.word][0]
        return dim if dim in MEASURED else u.word
    return "thing:" + u.word


@reader(
    "units",
    handles="rate, proportion and unit-conversion stories, answered by dimensional analysis (units.py)",
    order=FALLBACK_ORDER + 10,
)
def solve_units(prob: Problem) -> Solution | None:
    """The answer to a rate, proportion or conversion story, or None when it is not one read with certainty."""
    read = read_story(prob)
    if read is None or not read.quantities or len(read.quantities) > _MAX_QUANTITIES:
        return None
    if read.unplaced and read.stated:
        return None  # the linear and joint-work models do not show a stated conversion
    if read.unplaced:  # a word the product cannot place: "plus", "now" may make a linear model
        filled = _consistent(read, work=True)
        return linear_model(prob, filled) if filled is not None else None
    story = _consistent(read)
    if story is None and read.stated:
        return None
    if story is None:  # workers with a time: the work may be workers times time
        filled = _consistent(read, work=True)
        return joint_work(prob, filled) if filled is not None else None
    fits = fitting_products(story)
    if len(fits) != 1 or _INVERSE.search(prob.raw):
        return None  # units alone cannot tell "inversely proportional" from direct proportion
    signs = fits[0]
    base = sp.Integer(1)
    for q, s in zip(story.quantities, signs, strict=True):
        base *= q.base**s
    per_size = story.asked_per.size if story.asked_per else 1
    answer = sp.nsimplify(base * per_size / story.asked.size / story.asked_scale)
    if not _plausible(story, answer):
        return None
    return _solution(prob, story, signs, answer)


_INVERSE = re.compile(r"\binvers(?:e|ely)\b|\bvar(?:y|ies) as the reciprocal", re.I)


def _plausible(story: Story, answer: sp.Expr) -> bool:
    """A count of things is a positive whole number; money comes in whole cents."""
    if not answer.is_positive:
        return False
    if story.asked.word not in UNITS and story.asked_per is None:
        return bool(answer.is_integer)
    if story.asked.word == "dollar" and story.asked_per is None:
        return bool((answer * 100).is_integer)
    return True


def _solution(prob: Problem, story: Story, signs: tuple[int, ...], answer: sp.Expr) -> Solution:
    asked = story.asked.name(answer) + (f" per {story.asked_per.name(1)}" if story.asked_per else "")
    if story.asked_scale != 1:
        asked = " ".join(w for w, n in SCALES.items() if n == story.asked_scale) + " " + story.asked.name(2)
    top = [q.latex() for q, s in zip(story.quantities, signs, strict=True) if s > 0]
    bottom = [q.latex() for q, s in zip(story.quantities, signs, strict=True) if s < 0]
    times = r" \times "
    product, below = times.join(top) or "1", times.join(bottom)
    work = rf"\frac{{{product}}}{{{below}}}" if bottom else product
    answer_latex = tex(answer)
    steps = [
        step(
            r",\quad ".join(q.latex() for q in story.quantities),
            "Write each number with its unit"
            + (" (a dozen is 12)" if any(q.scale != 1 for q in story.quantities) else "")
            + ".",
        ),
    ]
    if story.stated:
        steps.append(
            step(
                r",\quad ".join(rf"\text{{{s}}}" for s in story.stated),
                "Use the conversion the problem gives (not a rounded table value of your own).",
            )
        )
    pair = [q for q, s in zip(story.quantities, signs, strict=True) if not q.in_question]
    if len(pair) == 2 and len(story.quantities) == 3 and all(q.per is None for q in story.quantities):
        a, b = pair if signs[story.quantities.index(pair[0])] > 0 else pair[::-1]
        rate = a.value * a.scale / (b.value * b.scale)
        unit_rate = rf"{tex(rate)}\ \text{{{a.unit.name(rate)} per {b.unit.name(1)}}}"
        steps.append(
            step(
                rf"\frac{{{a.latex()}}}{{{b.latex()}}} = {unit_rate}",
                f"Find the unit rate: {a.unit.name(2)} for one {b.unit.name(1)}.",
            )
        )
    steps.append(
        step(
            rf"{work} = {answer_latex}\ \text{{{asked}}}",
            "Multiply and divide so that the units cancel to the unit asked for"
            + (", converting the units" if _converts(story) else "")
            + ".",
        )
    )
    hints = [
        "Write every number with its unit; a rate is one unit per another.",
        f"The answer is in {asked}: arrange the quantities so that the other units cancel.",
        "Multiply by a rate to change its 'per' unit into its top unit; divide to go back.",
    ]
    if prob.rounding is not None:  # "to the nearest tenth": the exact value, then the rounded one
        exact, answer = answer, rounded(answer, prob.rounding)
        steps.append(step(rf"{tex(exact)} \approx {tex(answer)}", f"Round to {prob.rounding} decimal places."))
    return solved(
        prob.raw,
        "ratios and rates",
        steps,
        hints,
        answer,
        verification=f"dimensional analysis: the only product of the {len(story.quantities)} quantities "
        "(each used once) whose unit is the unit asked for",
    )


def _converts(story: Story) -> bool:
    """True when two units of one dimension meet (minutes and hours): the product converts between them."""
    words: dict[str, set[str]] = {}
    units = [u for q in story.quantities for u in (q.unit, q.per) if u is not None]
    for u in [*units, story.asked]:
        if u.word in UNITS:
            words.setdefault(UNITS[u.word][0], set()).add(u.word)
    return any(len(w) > 1 for w in words.values())
