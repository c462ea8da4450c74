"""Check my answer: every equivalent form a student writes is accepted, wrong ones get a pointed hint."""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import check_answer, solve
from hisolver_core.mathengine.answer_forms import printed_forms, read_answer_set

INEQUALITY = "Solve $3x - 4 > 5$."
INTERCEPTS = "What are the x-intercepts of the graph of $y = x^2 - 6x + 8$?"


@pytest.fixture(scope="module")
def inequality():
    return solve(INEQUALITY)


@pytest.fixture(scope="module")
def intercepts():
    return solve(INTERCEPTS)


@pytest.mark.parametrize("answer", ["x > 3", "3 < x", "(3, oo)", "(3, \\infty)", "x \\gt 3", "x ∈ (3, ∞)", "$x>3$"])
def test_inequality_in_any_direction_or_as_an_interval(inequality, answer: str) -> None:
    verdict = check_answer(inequality, answer)
    assert verdict.correct is True, verdict.message


@pytest.mark.parametrize("answer", ["x >= 3", "x < 3", "3 > x", "[3, oo)", "x > 4"])
def test_wrong_inequalities_are_wrong(inequality, answer: str) -> None:
    assert check_answer(inequality, answer).correct is False


@pytest.mark.parametrize(
    "answer",
    ["2 and 4", "x=2 or x=4", "(2,0) and (4,0)", "{2, 4}", "\\{4, 2\\}", "4, 2", "2 or 4", "(4, 0), (2, 0)", "4; 2"],
)
def test_lists_in_any_order_and_joiner(intercepts, answer: str) -> None:
    verdict = check_answer(intercepts, answer)
    assert verdict.correct is True, verdict.message


@pytest.mark.parametrize("answer", ["2", "x = 4", "(2, 0)"])
def test_a_correct_subset_is_part_of_the_answer(intercepts, answer: str) -> None:
    verdict = check_answer(intercepts, answer)
    assert verdict.correct is False
    assert verdict.message.startswith("Part of the answer")


@pytest.mark.parametrize("answer", ["2, 5", "2 and 4 and 5", "(2,1) and (4,0)", "{3}"])
def test_wrong_lists_are_not_quite(intercepts, answer: str) -> None:
    verdict = check_answer(intercepts, answer)
    assert verdict.correct is False
    assert not verdict.message.startswith("Part")


@pytest.mark.parametrize(
    "answer",
    ["±2\\sqrt{2}", "\\pm 2\\sqrt{2}", "x = \\pm\\sqrt{8}", "-2\\sqrt{2}, 2\\sqrt{2}", "2\\sqrt{2} or -\\sqrt{8}"],
)
def test_plus_minus_and_sqrt_forms(answer: str) -> None:
    assert check_answer(solve("Solve $x^2 = 8$."), answer).correct is True


@pytest.mark.parametrize("answer, correct", [("2 2/9", True), ("20/9", True), ("-2 2/9", False), ("2 1/9", False)])
def test_mixed_numbers(answer: str, correct: bool) -> None:
    assert check_answer(solve("Solve $9x = 20$."), answer).correct is correct


def test_answering_the_other_unknown_names_it() -> None:
    sol = solve("If $x + y = 10$ and $x - y = 2$, what is the value of $x$?")
    verdict = check_answer(sol, "4")
    assert verdict.correct is False
    assert "That is $y$" in verdict.hint and "asks for $x$" in verdict.hint


def test_stopping_early_names_the_step() -> None:
    sol = solve("If $2x + 3 = 11$, what is the value of $x + 5$?")
    verdict = check_answer(sol, "4")
    assert "That is $x$ (step 3)" in verdict.hint
    assert "x + 5" in verdict.hint


def test_fallback_hint_skips_restating_steps() -> None:
    sol = solve("If $x + y = 10$ and $x - y = 2$, what is the value of $x$?")
    hint = check_answer(sol, "5").hint
    assert "Write down" not in hint and hint.startswith("Look again at step")


def test_read_answer_set_rejects_nonsense() -> None:
    assert read_answer_set("apple and pear") is None
    assert read_answer_set("(2, 4") is None


@pytest.mark.slow
def test_every_printed_form_of_every_dev_answer_is_accepted(solved_set) -> None:
    """Property: for each answered dev-set item, the engine's own answer in each printed form checks as correct."""
    checked, failures = 0, []
    for item, sol in solved_set("sat_style_dev"):
        question = item.problem
        if not sol.solved:
            continue
        forms = printed_forms(sol.answer, sol.answer_latex) + ([sol.choice] if sol.choice else [])
        for form in forms:
            checked += 1
            verdict = check_answer(sol, form)
            if verdict.correct is not True:
                failures.append((question[:60], form, verdict.message))
    assert checked > 150
    assert not failures, failures[:10]
