"""The verified model formaliser against the stub OpenAI server: right, wrong, malformed, hostile and
disagreeing programs; the chain's wiring and its off switch."""

from __future__ import annotations

import json

import pytest

from hisolver_core.evaluation.runner import summarise
from hisolver_core.llm import get_backend
from hisolver_core.solving import solve_with_chain
from hisolver_core.solving.formalise import FORMALISED, formalise, number_guard

STORY = "Zorblat collected 7 glimmers each day for 5 days and then lost 3 glimmers. How many glimmers are left?"


def program(*relations: str, **extra) -> str:
    data = {
        "target": {"kind": "value", "expr": "g"},
        "unknowns": [{"name": "g", "domain": "nonnegative_integer"}],
        "relations": list(relations),
    }
    data.update(extra)
    return json.dumps(data)


RIGHT = program("g = 7*5 - 3")


@pytest.fixture
def on(openai_settings):
    return openai_settings.replace(formalise=1)


def test_right_program_agreeing_twice_is_verified(on, openai_stub):
    openai_stub.push(RIGHT, program("g + 3 = 5*7"))
    sol = solve_with_chain(on, STORY)
    assert sol.solved and sol.verified and sol.answer == 32
    assert sol.backend == "openai" and sol.reader == FORMALISED
    first = openai_stub.requests[0]["body"]["messages"]
    assert "do NOT solve" in first[0]["content"] and STORY in first[-1]["content"]
    assert openai_stub.requests[1]["body"]["messages"] != first  # the second request is worded differently


def test_program_missing_a_number_is_not_verified(on, openai_stub):
    openai_stub.push(program("g = 7*5"), program("g = 7*5"))
    sol = solve_with_chain(on, STORY)
    assert sol.solved and not sol.verified
    assert "does not use the number 3" in sol.verification


def test_disagreeing_second_sample_is_not_verified(on, openai_stub):
    openai_stub.push(RIGHT, program("g = 7*5 + 3"))
    sol = solve_with_chain(on, STORY)
    assert sol.answer == 32 and not sol.verified and "different answer" in sol.verification


@pytest.mark.parametrize(
    "reply",
    [
        "I think the answer is 32.",
        '{"target": {"kind": "guess"}}',
        program("g = 7*5 - 3 +"),
        program("__import__('os').system('echo hacked') = 1"),
        program("g = 10**10**10"),
        program("g = " + "7*" * 5_000_000 + "5 - 3"),
        program("g = " + "(" * 300 + "7" + ")" * 300 + "*5 - 3"),
    ],
)
def test_malformed_or_hostile_programs_are_refused_and_the_chain_goes_on(on, openai_stub, reply):
    openai_stub.push(reply)  # then the free-text request gets the stub's default error
    sol = solve_with_chain(on, STORY)
    assert not sol.solved and sol.backend == "builtin"
    assert any("openai failed" in n for n in sol.notes)


def test_options_are_the_problems_not_the_models(on, openai_stub):
    options = [("A", "30"), ("B", "32"), ("C", "38")]
    openai_stub.push(program("g = 7*5 - 3", options=[["A", "32"]]), "not json")
    sol = solve_with_chain(on, STORY, options)
    assert sol.choice == "B" and sol.verified  # one option matched; the unusable second reply is not needed


def test_off_switch(openai_settings, openai_stub):
    openai_stub.push(RIGHT)
    solve_with_chain(openai_settings, STORY)  # the fixture sets HISOLVER_FORMALISE=0
    assert "do NOT solve" not in json.dumps(openai_stub.requests[0]["body"]["messages"])


def test_engine_answers_first(on, openai_stub):
    sol = solve_with_chain(on.replace(backends="builtin,openai"), "Solve 2x + 3 = 7 for x.")
    assert sol.backend == "builtin" and not openai_stub.requests


def test_formalise_direct(on, openai_stub):
    openai_stub.push(RIGHT, RIGHT)
    found = formalise(get_backend(on, "openai"), STORY)
    assert found is not None and found.solution.verified and not found.failed_guard


@pytest.mark.parametrize(
    ("text", "data", "ok"),
    [
        ("It costs $1,380 for 12 items.", {"relations": ["12*p = 1380"]}, True),
        ("A 25% tip on 40 dollars.", {"relations": ["t = 0.25*40"]}, True),
        ("He walks 3 miles in 45 minutes.", {"relations": ["s = 3/(45/60)"]}, False),
        ("Add 4 and 5.", {"relations": ["s = 4 + 5 + 9"]}, False),
    ],
)
def test_number_guard(text, data, ok):
    assert (number_guard(text, data) == "") is ok


def test_eval_summary_counts_formalised_answers():
    rows = [
        {"correct": True, "timed_out": False, "seconds": 0.1, "formalised": True},
        {"correct": None, "timed_out": False, "seconds": 0.1, "formalised": False},
    ]
    assert summarise(rows, 1.0)["formalised"] == 1


def test_how_many_needs_a_whole_number(on, openai_stub):
    text = "Zorblat shared 7 glimmers among 2 friends equally. How many glimmers did each friend get?"
    reply = json.dumps({"target": {"kind": "value", "expr": "g"}, "relations": ["2*g = 7"]})
    openai_stub.push(reply, reply)
    sol = solve_with_chain(on, text)
    assert sol.solved and not sol.verified and "whole number" in sol.verification
