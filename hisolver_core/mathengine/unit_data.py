"""The data the units reader (``units.py``) reads stories with: units and their sizes, spellings, word lists.

Kept apart from the reading so that a unit, a spelling or a word is added here as one more entry.
"""

from __future__ import annotations

import sympy as sp

__all__ = [
    "UNITS",
    "MEASURED",
    "ALIASES",
    "COMPOUND",
    "POWERS",
    "SCALES",
    "NUMBER_WORDS",
    "TENS",
    "BLOCK",
    "AGENTS",
    "WORKERS",
    "STOP",
    "CLAUSE_START",
    "EQUIVALENT",
    "GROWS",
    "SHRINKS",
]

# dimension: unit size, ... (the size in the dimension's base unit, the first one listed with size 1).
# Exact factors: the inch is 2.54 cm, the pound 453.59237 g, the US gallon 3785.411784 ml. Months and
# years are their own dimension ("calendar"): they do not convert to days.
_TABLE = """
length: meter 1, millimeter 1/1000, centimeter 1/100, kilometer 1000, inch 127/5000, foot 381/1250,
    yard 1143/1250, mile 201168/125, furlong 25146/125
time: second 1, minute 60, hour 3600, day 86400, week 604800, fortnight 1209600
calendar: month 1, year 12, decade 120, century 1200
volume: milliliter 1, liter 1000, teaspoon 473176473/96000000, tablespoon 473176473/32000000,
    fluid-ounce 473176473/16000000, cup 473176473/2000000, pint 473176473/1000000, quart 473176473/500000,
    gallon 473176473/125000
mass: gram 1, milligram 1/1000, kilogram 1000, ounce 45359237/1600000, pound 45359237/100000
money: dollar 1, cent 1/100
energy: calorie 1
"""


def _units(table: str) -> dict[str, tuple[str, sp.Rational]]:
    out: dict[str, tuple[str, sp.Rational]] = {}
    for block in table.replace("\n    ", " ").strip().splitlines():
        dim, entries = block.split(":")
        for entry in entries.split(","):
            word, size = entry.split()
            out[word] = (dim, sp.Rational(size))
    return out


# unit word -> (dimension, size in the dimension's base unit); "ounce" is weight ("fluid ounce" is read as
# the one word "fluid-ounce", a volume)
UNITS: dict[str, tuple[str, sp.Rational]] = _units(_TABLE)

# dimensions whose units say what they measure ("2 cups of flour", "3 feet of rope")
MEASURED = ("volume", "mass", "length")

# spellings and abbreviations -> the unit word; irregular plurals of counted things
ALIASES = dict(
    pair.split("=")
    for pair in """
    feet=foot ft=foot inches=inch yd=yard mi=mile km=kilometer cm=centimeter mm=millimeter metre=meter
    metres=meter litre=liter litres=liter ml=milliliter kg=kilogram mg=milligram lb=pound lbs=pound oz=ounce
    sec=second secs=second min=minute mins=minute hr=hour hrs=hour tsp=teaspoon tbsp=tablespoon ¤=dollar
    fluid-ounces=fluid-ounce calories=calorie people=person men=man women=woman children=child
    """.split()
)
# one word for a rate: "mph" is mile per hour
COMPOUND = {"mph": ("mile", "hour"), "kph": ("kilometer", "hour")}
POWERS = {"square": 2, "cubic": 3}
# words that multiply the number before them: "four dozen doughnuts" are 48 doughnuts
SCALES = {
    "dozen": sp.Integer(12),
    "hundred": sp.Integer(100),
    "thousand": sp.Integer(1000),
    "million": sp.Integer(10**6),
}

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}

# words that change the arithmetic (addition, comparison, parts, percent, shapes): an unplaced one declines
BLOCK = frozenset(
    """
    plus more less fewer than left remaining remain remains rest total altogether together combined sum
    difference after before additional another extra increase increased decrease decreased discount tax tip
    percent twice thrice double triple half halfway third quarter fourth fifth sixth seventh eighth ninth tenth
    second times average each every per some now initially originally already still except both profit change
    equal side sides area perimeter square cube circle radius diameter rectangle rectangular triangle
    back again round return returns returned
    """.split()
)
# who or what does a job: with a time, workers times time does the work (6 workers, 10 days: joint work)
WORKERS = frozenset(
    """
    worker person man woman machine pump pipe painter builder employee printer hose faucet tap robot typist
    crew team laborer farmer plumber carpenter mower truck cow horse sheep goat
    """.split()
)
# any agent: with a time, the amounts may be inversely proportional, so one product does not answer
AGENTS = WORKERS | frozenset("friend student boy girl child cook chef bus animal dog cat chicken hen bird".split())
# words that end a noun phrase after a number
STOP = frozenset(
    """
    a an the this that these those his her their its my your our all any no and or but if so then while when
    because is are was were be been being has have had can could will would should may might must do does did
    in on at to for from with by into onto per each every over during than as like about across through of
    he she it they we you i him them me us what which who whom whose where why how there here up down out off
    cost costs costing make makes made take takes took get gets got buy buys bought sell sells sold pay pays paid
    use uses used need needs needed weigh weighs hold holds contain contains fill fills run runs travel travels
    go goes went walk walks drive drives read reads eat eats burn burns earn earns spend spends spent give gives
    gave put puts fit fits last lasts require requires long wide high tall deep thick away apart old
    """.split()
)
# words that may stand before a sentence's subject: "If 6 workers ...", "When 4 oranges ..."
CLAUSE_START = frozenset("if when suppose assume the and , ; :".split())

# the words between two amounts worth the same ("6 cookies cost the same as 2 brownies"): an exchange rate
EQUIVALENT = [
    phrase.split()
    for phrase in """
    cost the same as|costs the same as|cost as much as|costs as much as|is equivalent to|are equivalent to
    is worth the same as|are worth the same as|weigh the same as|weighs the same as|is as heavy as|are as heavy as
    is worth|are worth|equal|equals|is equal to|are equal to|=|can be exchanged for|can be traded for
    """.replace("\n", "|").split("|")
    if phrase.strip()
]

# the verb before a rate that says whether a start grows or shrinks by it ("is now 12 feet tall and grows 18
# inches a year"): the linear model reads the sign from it, and declines with any other verb
GROWS = frozenset("grows gains rises climbs earns saves adds collects receives".split())
SHRINKS = frozenset("loses drops falls sinks shrinks leaks drains spends uses burns melts".split())
