"""Match a computed number to multiple-choice options written with units or currency ("Rs. 4400", "18cm", "$51.00")."""

from __future__ import annotations

import re

import sympy as sp

from .build import Decline
from .equivalence import to_value

__all__ = ["APPROXIMATE", "nearest_option", "option_number", "pick_numeric_option"]

APPROXIMATE = re.compile(r"\b(?:closest to|best approximation|approximately|to the nearest)\b", re.I)

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:/\d+)?")


def option_number(text: str) -> tuple[sp.Expr, int] | None:
    """The one number an option states and its count of decimals; None when it states none or several."""
    if re.search(r"\d\s+\d", str(text)):
        return None  # "12 1/2" or "1 000": ambiguous
    if re.search(r"\\|\$", str(text)):  # LaTeX options ("$\\frac{1}{2}$"): read them as math
        value = to_value(str(text))
        if isinstance(value, sp.Expr) and value.is_number and value.is_real:
            decimals = re.findall(r"\d+\.(\d+)", str(text))
            return sp.nsimplify(value), (len(decimals[0]) if len(decimals) == 1 else 0)
    s = str(text).strip().lower().replace("\u2212", "-")
    s = re.sub(r"^\(?[a-e]\s*\)\s*", "", s)  # "A)59" repeated inside the text
    s = re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)
    s = re.sub(r"\b(?:rs|inr|usd)\.?|[$€£₹]", " ", s)
    found = _NUMBER.findall(s)
    if len(found) != 1:
        return None
    rest = s.replace(found[0], " ", 1)
    if re.search(r"[\d√^*+×÷=<>]|\bsqrt\b|\bpi\b|π|\bor\b", rest):
        return None
    token = found[0]
    places = len(token.split(".")[1]) if "." in token and "/" not in token else 0
    if re.fullmatch(r"-?[\d.]+/-?0*\.?0*", token):
        return None  # "0/0", "3/0": not a number
    return sp.Rational(token), places


def _matches(value: sp.Expr, option: tuple[sp.Rational, int]) -> bool:
    number, places = option
    if sp.simplify(value - number) == 0:
        return True
    if places == 0:
        return False
    return abs(float(value) - float(number)) <= 0.5 * 10**-places + 1e-12  # the option is the value rounded


def nearest_option(value, options) -> str | None:
    """The option nearest ``value`` when it is within 1% and every other option is at least three times as far."""
    numbers = [(letter, option_number(text)) for letter, text in options]
    read = [(letter, n) for letter, n in numbers if n is not None]
    if len(numbers) < 2 or len(read) != len(numbers):
        return None
    distance = sorted((abs(float(value) - float(n[0])), letter) for letter, n in read)
    best, second = distance[0], distance[1]
    if best[0] <= 0.01 * abs(float(value)) and second[0] >= 3 * best[0] and second[0] > 0:
        return best[1]
    return None


def pick_numeric_option(value: sp.Expr, options: list[tuple[str, str]], problem: str = "") -> str:
    """The letter of the only option equal to ``value`` (or to it rounded as the option is written).

    Raises Decline when no option or more than one option matches.
    """
    if not isinstance(value, sp.Expr) or not value.is_number or not value.is_real:
        raise Decline("My answer is not a single number to compare with the options.")
    good = []
    for letter, text in options:
        number = option_number(text)
        if number is not None and _matches(value, number):
            good.append(letter)
    if not good and APPROXIMATE.search(problem):  # "which of the following is closest to the balance?"
        nearest = nearest_option(value, options)
        good = [nearest] if nearest else []
    if not good:
        raise Decline("My answer matches none of the options.")
    if len(good) > 1:
        raise Decline("More than one option matches my answer.")
    return good[0]
