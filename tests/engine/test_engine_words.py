"""The shared word helpers: one singulariser and one sentence splitter (mathengine/words.py)."""

from __future__ import annotations

import pytest

from hisolver_core.mathengine.words import sentences, singular


@pytest.mark.parametrize(
    ("word", "expected"),
    [("miles", "mile"), ("hours", "hour"), ("glass", "glass"), ("inch", "inch"), ("boxes", "boxe"), ("bus", "bu")],
)
def test_singular_drops_a_final_s_but_not_ss(word: str, expected: str) -> None:
    assert singular(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("boxes", "box"),
        ("bushes", "bush"),
        ("benches", "bench"),
        ("classes", "class"),
        ("berries", "berry"),
        ("pies", "pie"),  # four letters: not "py"
        ("bus", "bus"),
        ("gas", "gas"),
        ("apples", "apple"),
        ("glass", "glass"),
    ],
)
def test_english_singular_reads_es_and_ies_plurals(word: str, expected: str) -> None:
    assert singular(word, english=True) == expected


def test_sentences_split_after_stops_and_drop_blanks() -> None:
    text = "Ann has 3 apples. Bob has 2!  How many in all? "
    assert sentences(text) == ["Ann has 3 apples.", "Bob has 2!", "How many in all?"]
    assert sentences("") == [] and sentences("   ") == []
    assert sentences("no stop at all") == ["no stop at all"]
    assert sentences("a 2.5 value. next") == ["a 2.5 value.", "next"]  # no space after a decimal point: no split


def test_sentences_before_capital_keep_abbreviations_whole() -> None:
    text = " It starts at 3 p.m. and ends. Then ⟦0⟧ holds. $x$ is 2. "
    assert sentences(text, before_capital=True) == ["It starts at 3 p.m. and ends.", "Then ⟦0⟧ holds.", "$x$ is 2."]


def test_glued_sentences_split_at_a_period_before_a_lower_case_letter() -> None:
    assert sentences("He has 5 apples.how many are left?", glued=True) == ["He has 5 apples.", "how many are left?"]
    assert sentences("He has 5 apples.how many are left?") == ["He has 5 apples.how many are left?"]
