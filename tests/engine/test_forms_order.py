"""Reader order: ``option_forms`` (the forms that test each option) reads before ``written_math`` and still runs
after a decline; the families the forms replaced (remainder theorem, factor options) answer through them, and
their traps are declined."""

from __future__ import annotations

import pytest

from hisolver_core.mathengine import readers, solve
from hisolver_core.mathengine.build import Decline


def _register(monkeypatch: pytest.MonkeyPatch, name: str, order: int, fn, fallback: bool = False) -> None:
    entry = readers.Reader(name=name, handles="a test", order=order, read=fn, fallback=fallback)
    monkeypatch.setitem(readers._REGISTRY, name, entry)


def _declines(prob):
    raise Decline("This test reader recognised the problem and cannot answer it.")


def test_a_reader_marked_fallback_runs_after_a_decline_whatever_its_order(monkeypatch):
    seen: list[str] = []
    _register(monkeypatch, "test_decline", 1, _declines)
    _register(monkeypatch, "test_ordinary", 2, lambda prob: seen.append("ordinary"))
    _register(monkeypatch, "test_early_fallback", 3, lambda prob: seen.append("early"), fallback=True)
    solve("If $3x + 2 = 11$, what is the value of $x$?")
    assert seen == ["early"]


def test_order_alone_still_makes_a_fallback():
    entry = readers.Reader(name="late", handles="a test", order=readers.FALLBACK_ORDER, read=lambda prob: None)
    assert entry.is_fallback and not readers.Reader("early", "a test", 5, lambda prob: None).is_fallback


def test_forms_answers_after_an_early_decline(monkeypatch):
    _register(monkeypatch, "test_decline", 1, _declines)
    sol = solve("If $3x + 2 = 11$, what is the value of $x$?")
    assert sol.solved and sol.reader == "forms" and sol.answer_latex == "3"


def test_option_forms_runs_before_written_math_and_after_a_decline():
    entries = {r.name: r for r in readers.registered_readers()}
    entry = entries["option_forms"]
    assert entry.is_fallback and entry.order < entries["written_math"].order < readers.FALLBACK_ORDER


def test_option_forms_leaves_a_value_question_to_written_math():
    sol = solve("If $3x + 2 = 11$, what is the value of $x$?", ["(A) 1", "(B) 3", "(C) 5", "(D) 7"])
    assert sol.solved and sol.reader == "written_math" and sol.choice == "B"


def test_an_equivalent_option_question_is_read_by_option_forms_without_the_old_family(monkeypatch):
    monkeypatch.delitem(readers._REGISTRY, "which_of_following")
    options = ["(A) $x^2 + 9$", "(B) $x^2 + 6x + 9$", "(C) $x^2 + 3x + 9$", "(D) $2x + 6$"]
    sol = solve("Which of the following is equivalent to $(x + 3)^2$?", options)
    assert sol.solved and sol.reader == "option_forms" and sol.choice == "B"


def test_the_replaced_families_are_gone():
    names = {r.name for r in readers.registered_readers()}
    assert not names & {"remainder_question", "factor_option"}


_X3 = r"$x^{3}-2 x^{2}+5$"
# (problem, options, reader, answer, choice): the remainder theorem through forms, factor options through option_forms
ANSWERED = [
    (rf"What is the remainder when {_X3} is divided by $x-2$ ?", ["(A)1", "(B)5", "(C)9", "(D)13"], "forms", "5", "B"),
    (r"What is the remainder when $x^{3}-4 x^{2}+2 x+7$ is divided by $x-3$ ?", None, "forms", "4", None),
    (r"What is the remainder when $2x^{2}+3x+1$ is divided by $2x-1$ ?", None, "forms", "3", None),  # the zero: 1/2
    (
        r"Which of the following is a factor of $x^{2}-x-20$ ?",
        ["(A)$x-4$", "(B)$x+4$", "(C)$x-10$", "(D)$x+5$"],
        "option_forms",
        "x + 4",
        "B",
    ),
    (
        r"Which of the following is a factor of $6 x^{2}+x-12$ ?",
        ["(A)$3x-4$", "(B)$3x+4$", "(C)$2x-3$", "(D)$x+4$"],
        "option_forms",
        "3 x - 4",
        "A",
    ),
    (
        r"Which of the following binomials is a factor of the polynomial $x^{2}-5x-24$ ?",
        ["(A)$x-3$", "(B)$x+8$", "(C)$x-6$", "(D)$x-8$"],
        "option_forms",
        "x - 8",
        "D",
    ),
]


@pytest.mark.parametrize(("problem", "options", "reader", "answer", "choice"), ANSWERED)
def test_the_replaced_families_questions_are_answered_with_their_work(problem, options, reader, answer, choice):
    sol = solve(problem, options)
    assert sol.solved and (sol.reader, sol.answer_latex, sol.choice) == (reader, answer, choice)
    shown = [s.latex for s in sol.steps]
    if reader == "forms":  # the divisor's zero first, then the dividend there
        assert shown[0].endswith("= 0") and any(s.startswith("x = ") for s in shown)
        assert "remainder theorem" in sol.hints[0]
    else:  # the polynomial factored before the options are tried
        assert "\\left(" in shown[1]


@pytest.mark.parametrize(
    "problem",
    [
        r"What is the remainder when $x^{3}-4 x^{2}+2 x+7$ is divided by $x^2-3$ ?",  # not linear: long division
        r"What is the remainder when $2x^{2}+3y$ is divided by $x-1$ ?",  # a second letter
        r"What is the remainder when $x^{2}+3$ is divided by $5$ ?",  # a number divisor has no zero
    ],
)
def test_remainder_traps_are_declined(problem):
    assert not solve(problem).solved


def test_a_remainder_of_whole_numbers_is_the_integer_readers():
    sol = solve("What is the remainder when 100 is divided by 7?")
    assert sol.solved and sol.answer_latex == "2" and sol.reader == "integers"


@pytest.mark.parametrize(
    ("problem", "options"),
    [
        (
            r"Which of the following is a factor of $x^{2}-5x-24$ ?",
            ["(A)$x-3$", "(B)$x+3$", "(C)$x-6$", "(D)$x-8$"],
        ),  # two
        (
            r"Which of the following is a factor of $x^{2}-9$ ?",
            ["(A)$x-4$", "(B)$x+4$", "(C)$x-6$", "(D)$x-8$"],
        ),  # none
        (
            r"Which of the following is a factor of $x^{2}+y$ ?",
            ["(A)$x-3$", "(B)$x+3$", "(C)$x-6$", "(D)$x+y$"],
        ),  # 2 letters
        (
            r"Which of the following is a factor of $x^{2}-4$ ?",
            ["(A)$2$", "(B)$x+3$", "(C)$x-6$", "(D)$x+5$"],
        ),  # a constant
    ],
)
def test_factor_traps_are_declined(problem, options):
    assert not solve(problem, options).solved
