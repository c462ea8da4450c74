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


def test_an_equivalent_option_question_is_read_by_option_forms():
    options = ["(A) $x^2 + 9$", "(B) $x^2 + 6x + 9$", "(C) $x^2 + 3x + 9$", "(D) $2x + 6$"]
    sol = solve("Which of the following is equivalent to $(x + 3)^2$?", options)
    assert sol.solved and sol.reader == "option_forms" and sol.choice == "B"


def test_the_replaced_families_are_gone():
    names = {r.name for r in readers.registered_readers()}
    assert not names & {"remainder_question", "factor_option", "which_of_following"}


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


# --- option questions the forms read now that which_of_following is gone (one test each, then traps) ---------

_PAIRS = ["(A)$(0,0)$", "(B)$(1,2)$", "(C)$(2,6)$", "(D)$(3,7)$"]
OPTION_QUESTIONS = [
    # plural nouns after "which of the following" fold to the singular form
    (
        r"Which of the following expressions is NOT equivalent to $6 x+9$ ?",
        ["(A)$3(2 x+3)$", "(B)$6(x+1.5)$", "(C)$3(2 x+9)$", "(D)$2(3 x+4.5)$"],
        "C",
    ),
    (
        r"Which of the following values of $x$ is NOT a solution to the inequality $3 x-5>7$ ?",
        ["(A)10", "(B)5", "(C)4", "(D)4.5"],
        "C",
    ),
    (
        r"Which of the following values of $x$ satisfies the inequality $3x-4>11$ ?",
        ["(A)3", "(B)4", "(C)5", "(D)6"],
        "D",
    ),
    (
        r"Which of the following points does NOT lie on the line with equation $y=2 x-3$ ?",
        ["(A)$(0,-3)$", "(B)$(2,1)$", "(C)$(3,3)$", "(D)$(4,6)$"],
        "D",
    ),
    (
        r"Which of the following is a solution to the equation $x^{2}-2x-15=0$ ?",
        ["(A)$-5$", "(B)$-3$", "(C)3", "(D)15"],
        "B",
    ),
    # an ordered pair that names the unknowns, a system of inequalities told above
    (r"Which of the following ordered pairs $(x, y)$ is a solution to the inequality $y>2x+1$ ?", _PAIRS, "C"),
    (
        r"$$\begin{aligned} & y>2 x-3 \\ & y<-x+6 \end{aligned}$$ Which of the following ordered pairs $(x, y)$ is a solution to the system of inequalities above?",
        ["(A)$(4,2)$", "(B)$(2,5)$", "(C)$(0,0)$", "(D)$(-1,8)$"],
        "C",
    ),
    # inequality options: the same solution set, or ("must be true") a set containing it
    (
        r"Which of the following describes all solutions to the inequality $5-2 x>11$ ?",
        ["(A)$x>-3$", "(B)$x<-3$", "(C)$x>3$", "(D)$x<-8$"],
        "B",
    ),
    (
        r"If $-3x+7 \leq 19$, which of the following must be true?",
        [r"(A)$x \leq-4$", r"(B)$x \geq-4$", r"(C)$x \leq 4$", r"(D)$x \geq 4$"],
        "B",
    ),
    (
        r"$$|x-4|<3$$ If $x$ satisfies the inequality above, which of the following must be true?",
        ["(A)$x<1$", "(B)$1<x<7$", "(C)$-7<x<-1$", "(D)$x>7$"],
        "B",
    ),
    # a zero, an x-intercept, an expression told above, "x != 2" conditions
    (
        r"The function $p$ is defined by $p(x)=(x-2)(x+5)(2 x-3)$. Which of the following is NOT a zero of $p$ ?",
        ["(A)$-5$", r"(B)$\frac{3}{2}$", "(C)2", "(D)3"],
        "D",
    ),
    (
        r"$$g(x)=(x+4)(x-1)(2 x-5)$$ The function $g$ is defined above. Which of the following is an $x$-intercept of the graph of $y=g(x)$ in the $x y$-plane?",
        ["(A)$(-1,0)$", "(B)$(4,0)$", r"(C)$\left(\frac{5}{2}, 0\right)$", "(D)$(5,0)$"],
        "C",
    ),
    (
        r"$$\frac{3}{x}+\frac{2}{x+4}$$ Which of the following is equivalent to the expression above for $x>0$ ?",
        [
            r"(A)$\frac{5}{2 x+4}$",
            r"(B)$\frac{6}{x^{2}+4 x}$",
            r"(C)$\frac{5 x+4}{x^{2}+4 x}$",
            r"(D)$\frac{5 x+12}{x^{2}+4 x}$",
        ],
        "D",
    ),
    (
        r"Which of the following is equivalent to $\frac{3}{x-2}-\frac{1}{x+2}$ for $x \neq 2$ and $x \neq-2$ ?",
        [
            r"(A)$\frac{2 x+8}{x^{2}-4}$",
            r"(B)$\frac{2 x+4}{x^{2}-4}$",
            r"(C)$\frac{2}{x^{2}-4}$",
            r"(D)$\frac{2}{2 x}$",
        ],
        "A",
    ),
]


@pytest.mark.parametrize(("problem", "options", "choice"), OPTION_QUESTIONS)
def test_option_questions_are_read_by_option_forms(problem, options, choice):
    sol = solve(problem, options)
    assert sol.solved and sol.reader == "option_forms" and sol.choice == choice


def test_an_inequality_option_is_answered_as_written_with_the_solving_shown():
    options = ["(A)$x>-3$", "(B)$x<-3$", "(C)$x>3$", "(D)$x<-8$"]
    sol = solve(r"Which of the following describes all solutions to the inequality $5-2 x>11$ ?", options)
    assert sol.answer_latex == "x < -3"
    assert any("infty" in s.latex for s in sol.steps)  # the solution set, then each option's


@pytest.mark.parametrize(
    ("problem", "options", "not_choice"),
    [
        # the pair names y first: (2, 1) is y = 2, x = 1; reading it as (x, y) would pick B
        (
            r"Which of the following ordered pairs $(y, x)$ satisfies the equation $y = 2x$ ?",
            ["(A)$(2,1)$", "(B)$(1,2)$", "(C)$(3,1)$", "(D)$(1,1)$"],
            "B",
        ),
        # "must be true" with number options is not a solution-set question
        (r"If $x > 3$, which of the following must be true?", ["(A)2", "(B)4", "(C)5", "(D)6"], "B"),
        # two inequality options describe the same set
        (
            r"Which of the following describes all solutions to $2x > 4$ ?",
            ["(A)$x>2$", "(B)$2<x$", "(C)$x<2$", "(D)$x>4$"],
            "A",
        ),
        # a zero of a function that is not defined
        (r"Which of the following is NOT a zero of $q$ ?", ["(A)1", "(B)2", "(C)3", "(D)4"], "D"),
    ],
)
def test_option_question_traps_are_declined(problem, options, not_choice):
    sol = solve(problem, options)
    assert sol.reader != "option_forms" and sol.choice != not_choice
