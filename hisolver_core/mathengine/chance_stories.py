"""Story families about chance: a probability from counts, the probability within a subgroup, neither
of two events, and an estimate of a population from a sample.

Same contract as :mod:`.story`: each family returns a :class:`~.story.Story` or None.
"""

from __future__ import annotations

import re

import sympy as sp

from .story import NUM, Story, _n, question_of, reads
from .words import singular

__all__ = ["probability_counts", "subgroup_probability", "sample_estimate", "neither"]


@reads("negation")
def probability_counts(s: str) -> Story | None:
    """ "A bag has 4 red marbles and 6 blue marbles. One marble is chosen at random: the probability it is red?"."""
    q = question_of(s)
    body = s[: len(s) - len(q)]
    if re.search(
        r"\b(?:replacement|replaced|without|both|two|second|another|then|again|twice|neither|either|at least|"
        r"at most|percent|each|per|ratio|more|less|than)\b",
        s,
    ) or re.search(r"\bnot\b", body):
        return None
    if not re.search(r"\b(?:at random|randomly)\b", s):
        return None
    m = re.search(
        rf"\b(?:contains|has|holds|there are|there were|consists of|includes|with)\s+"
        rf"((?:{NUM} [a-z]+(?: [a-z]+)?(?:,? and|,)?\s*){{2,8}})",
        body,
    )
    if not m:
        return None
    parts = re.findall(rf"{NUM} ([a-z]+)(?: ([a-z]+))?", m.group(1))
    counts: dict[str, str] = {}
    nouns = set()
    for value, word, noun in parts:
        if word in counts or word in ("and",):
            return None
        counts[word] = value
        if noun and noun != "and":
            nouns.add(singular(noun))
    if len(counts) < 2 or len(nouns) > 1:
        return None
    asked = re.search(
        r"\bprobability (?:that )?(?:the [a-z]+ (?:selected |chosen |drawn |picked |taken |pulled |removed )?|it "
        r"|one )?"
        r"(?:is|will be|was|would be) (?P<neg>not )?(?:an? )?(?P<color>[a-z]+)(?: [a-z]+)?\s*\??$",
        q,
    ) or re.search(
        r"\bprobability of (?:selecting|choosing|drawing|picking|getting) (?:an? )?(?P<color>[a-z]+)"
        r"(?: [a-z]+)?\s*\??$",
        q,
    )
    if not asked or re.search(r"\bnot\b", q[: asked.start()] + q[asked.end() :]):
        return None
    negated, color = bool(asked.groupdict().get("neg")), asked.group("color")
    if color not in counts:
        return None
    total = sum(_n(v) for v in counts.values())
    p = sp.Symbol("p", positive=True)
    favourable = total - _n(counts[color]) if negated else _n(counts[color])
    eq = sp.Eq(p, favourable / total)
    hints = [
        "Probability is favourable outcomes over all equally likely outcomes.",
        "Add the counts to get the number of possible outcomes.",
        f"Count the ones that are {'not ' if negated else ''}{color} and divide by the total.",
    ]
    given = [f"{word}: {value}" for word, value in counts.items()]
    return Story("probability", [eq], {}, p, list(counts.values()), hints, given)


def subgroup_probability(s: str) -> Story | None:
    """ "Of the 120 adults who prefer print books, 45 are under 40. If one of the adults who prefer print books is
    selected at random, what is the probability that the person is under 40?" -> 45/120."""
    if re.search(r"\b(?:replacement|two|both|second|at least|neither|either|percent)\b", s):
        return None
    m = re.search(
        rf"\bof (?:the|these) {NUM} ([a-z]+) (who|that|which) ([a-z ]+?), {NUM} (?:are|were|is|was|had"
        rf"|have) ([a-z0-9 ]+?)[.,]",
        s,
    )
    if not m:
        return None
    total, group, rel, condition, part, attribute = m.groups()
    q = question_of(s)
    pick = re.search(rf"\bone of the {group} {rel} {re.escape(condition)} is (?:selected|chosen|picked) at random\b", s)
    asked = re.search(
        rf"\bprobability that (?:the [a-z]+(?: selected| chosen)?|he or she|they|it) (?:is|was|has|had) "
        rf"{re.escape(attribute)}\s*\??$",
        q,
    )
    if not pick or not asked:
        return None
    p = sp.Symbol("p", positive=True)
    hints = [
        "Only the group the person is chosen from counts as the possible outcomes.",
        f"There are {total} {group} {rel} {condition}.",
        f"Of those, count the ones who are {attribute}.",
    ]
    numbers = [total, part] + re.findall(r"\d+(?:\.\d+)?", attribute) * s.count(attribute)
    surveyed = re.search(
        rf"\bsurvey (?:of|in which) {NUM} {group}\b", s
    )  # the whole survey: context, not an outcome count
    numbers += [surveyed.group(1)] if surveyed else []
    numbers += [total] * (
        len(re.findall(rf"(?<![\d.]){re.escape(total)}(?![\d.])", s)) - 1
    )  # "120 said ..." restates it
    return Story(
        "probability",
        [sp.Eq(p, _n(part) / _n(total))],
        {},
        p,
        numbers,
        hints,
        [f"{group} {rel} {condition}: {total}", f"of them {attribute}: {part}"],
    )


def sample_estimate(s: str) -> Story | None:
    """ "84,000 voters; in a random sample of 250, 140 support the tax: the best estimate of supporters in the
    city?"."""
    if re.search(r"\b(?:percent|margin|error|more|less|than)\b", s):
        return None
    population = re.search(rf"\b(?:has|have|of|there are) {NUM} ([a-z]+(?: [a-z]+)?)\b", s)
    sample = re.search(
        rf"\b(?:random )?sample of {NUM}(?: of (?:these|the|them)(?: [a-z]+)?)?,? {NUM} (?:said|say|were|are|had|have|"
        rf"reported|support|supported|prefer|preferred)\b",
        s,
    )
    q = question_of(s)
    if not population or not sample or not re.search(r"\b(?:best )?estimate\b", q):
        return None
    total, size, count = population.group(1), sample.group(1), sample.group(2)
    if _n(size) >= _n(total):
        return None
    x = sp.Symbol("x", positive=True)
    eq = sp.Eq(x, _n(total) * _n(count) / _n(size))
    hints = [
        "A random sample stands for the whole population.",
        f"Find the fraction of the sample: {count} out of {size}.",
        "Apply that fraction to the whole population.",
    ]
    return Story(
        "statistics", [eq], {}, x, [total, size, count], hints, [f"population: {total}", f"sample: {count} of {size}"]
    )


def neither(s: str) -> Story | None:
    """ "Of 40 people, 22 own a dog, 15 own a cat and 8 own both: the probability that a person owns neither?"."""
    m = re.search(
        rf"\b(?:of|in a group of|in a class of|in a survey of"
        rf"|there are) {NUM} ([a-z]+),? {NUM} ([a-z ]+?),? {NUM} ([a-z ]+?),? "
        rf"and {NUM} ([a-z ]+?both[a-z ]*?)[.,]",
        s,
    )
    q = question_of(s)
    if not m or not re.search(r"\bneither\b", q):
        return None
    total, _, a, _, b, _, both, _ = m.groups()
    neither = _n(total) - (_n(a) + _n(b) - _n(both))
    if neither < 0 or _n(both) > min(_n(a), _n(b)):
        return None
    probability = re.search(r"\bprobability\b", q)
    if not probability and not re.match(r"how many\b", q):
        return None
    x = sp.Symbol("x", nonnegative=True)
    eq = sp.Eq(x, neither / _n(total) if probability else neither)
    hints = [
        "Count the ones in at least one group: add the two groups and subtract those counted twice (both).",
        "Everyone else is in neither group.",
        "Divide by the total for a probability.",
    ]
    return Story(
        "probability" if probability else "statistics",
        [eq],
        {},
        x,
        [total, a, b, both],
        hints,
        [f"total: {total}", f"first group: {a}", f"second group: {b}", f"both: {both}"],
        positive=False,
    )
