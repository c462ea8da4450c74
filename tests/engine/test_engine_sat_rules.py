"""SAT phrasings read as math: complex parts, equal powers of one base, shifted inputs, zeros of a function,
"written in the form", the median of a list shown above, and probability of "not" a colour."""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve


@pytest.mark.parametrize(
    "problem, options, answer, letter",
    [
        (r"If $(2+i)^{2}=a+b i$, where $a$ and $b$ are real numbers, what is the value of $a+b$ ?", None, 7, None),
        (
            r"If $(1-3 i)(2+i)=c+d i$, where $c$ and $d$ are real numbers and $i=\sqrt{-1}$, what is the value of $d$ ?",
            ["(A)$-5$", "(B)$-3$", "(C)5", "(D)7"],
            -5,
            "A",
        ),
        (r"If $y>1$ and $y^{2k} \cdot y^{3}=y^{11}$, what is the value of $k$ ?", None, 4, None),
        (
            r"If $n>1$ and $\frac{n^{4m}}{n^{m+1}}=n^{8}$, what is the value of $m$ ?",
            ["(A)1", "(B)2", "(C)3", "(D)4"],
            3,
            "C",
        ),
        (r"If $f(x-1)=3x+2$ for all values of $x$, what is the value of $f(5)$ ?", None, 20, None),
        (r"If $g(2x)=6x-1$ for all $x$, what is $g(10)$ ?", None, 29, None),
        (
            r"The function $q$ is defined by $q(x)=(x+1)(x-4)(3x-2)$. Which of the following is NOT a zero of $q$ ?",
            ["(A)$-1$", r"(B)$\frac{2}{3}$", "(C)1", "(D)4"],
            1,
            "C",
        ),
        (
            r"The function $f$ is defined by $f(x)=3x^{2}+12x+5$. If $f(x)$ is written in the form $f(x)=3(x+h)^{2}+k$, "
            r"where $h$ and $k$ are constants, what is the value of $k$ ?",
            None,
            -7,
            None,
        ),
        (
            r"The expression $\frac{4x^{2}+8x+5}{2x+1}$ can be written in the form $A+\frac{2}{2x+1}$, where $A$ is an "
            r"expression in terms of $x$. Which of the following is $A$ ?",
            ["(A)$2x+3$", "(B)$2x-3$", "(C)$4x+3$", "(D)$x+3$"],
            None,
            "A",
        ),
        (r"$$12, 5, 9, 20, 9, 3$$ What is the median of the list of numbers above?", None, 9, None),
        (
            "A box holds 5 red pens, 3 black pens, and 2 green pens. If one pen is taken at random, what is the probability "
            "that the pen taken is not black?",
            None,
            sp.Rational(7, 10),
            None,
        ),
    ],
)
def test_sat_phrasing_is_read_as_math(problem, options, answer, letter) -> None:
    sol = solve(problem, options)
    assert sol.solved, sol.reason
    if answer is not None:
        assert sp.simplify(sol.answer - answer) == 0
    if letter is not None:
        assert sol.choice == letter


@pytest.mark.parametrize(
    "problem",
    [
        # no statement that a and b are real: a + bi = 7 + 0i has many complex readings
        r"If $(2+i)^{2}=a+b i$, what is the value of $a$ ?",
        # the base might be 1 (or negative): equal powers need not have equal exponents
        r"If $y^{2k} \cdot y^{3}=y^{11}$, what is the value of $k$ ?",
        # a shifted input without "for all x" is an equation, not a definition
        r"If $f(x-1)=3x+2$, what is the value of $f(5)$ ?",
        # the letter I beside the imaginary unit
        r"In a circuit $V=I Z$. If $I=2-i$ and $Z=3+4 i$, what is $V$ ? (Note: $i=\sqrt{-1}$)",
    ],
)
def test_sat_phrasing_declines_without_its_condition(problem: str) -> None:
    sol = solve(problem)
    assert not sol.solved, (sol.answer_latex, sol.topic)


@pytest.mark.parametrize(
    "problem, options, letter",
    [
        (
            r"Which of the following equivalent forms of the equation $y=x^{2}-6 x+5$ displays the $x$-intercepts of its graph "
            r"in the $x y$-plane as constants or coefficients?",
            ["(A)$y=(x-3)^{2}-4$", "(B)$y=x(x-6)+5$", "(C)$y=(x-1)(x-5)$", "(D)$y=(x+1)(x+5)$"],
            "C",
        ),
        (
            r"Which of the following equivalent forms of the function $f(x)=x^{2}-6x+5$ shows the minimum value of $f$ as a "
            r"constant or coefficient?",
            ["(A)$f(x)=(x-1)(x-5)$", "(B)$f(x)=(x-3)^{2}-4$", "(C)$f(x)=x(x-6)+5$", "(D)$f(x)=(x+3)^{2}-4$"],
            "B",
        ),
        (
            r"The amount of a drug in a patient's body, in milligrams, $t$ hours after a dose is modeled by $D(t)=400(0.75)^{t}$. "
            r"According to the model, by what percent does the amount of the drug decrease each hour?",
            [r"(A)$0.75 \%$", r"(B)$25 \%$", r"(C)$75 \%$", r"(D)$40 \%$"],
            "B",
        ),
        (
            r"The formula $A=\frac{1}{2} b h$ gives the area $A$ of a triangle with base $b$ and height $h$, both measured in "
            r"centimeters above zero. Which of the following expresses $h$ in terms of $A$ and $b$ ?",
            [r"(A)$h=\frac{2A}{b}$", r"(B)$h=\frac{A}{2b}$", "(C)$h=2Ab$", r"(D)$h=\frac{b}{2A}$"],
            "A",
        ),
        (
            r"$$\begin{aligned} k x+4 y & =7 \\ 3 x+6 y & =2 \end{aligned}$$ In the system of equations above, $k$ is a "
            r"constant. For which of the following values of $k$ does the system have no solution?",
            ["(A)$-2$", r"(B)$\frac{1}{2}$", "(C)2", "(D)3"],
            "C",
        ),
        (
            "The number of players in a chess league rose from 150 at the start of the season to 180 at the end of the season. "
            "By what percent did the number of players increase?",
            ["(A)$15 \\%$", "(B)$20 \\%$", "(C)$25 \\%$", "(D)$30 \\%$"],
            "B",
        ),
        (
            r"Leo's monthly gym bill is $\$ 20$ plus $\$ 6$ for each class he attends. If Leo's bill for May was $\$ 62$, "
            "how many classes did he attend in May?",
            ["(A)6", "(B)7", "(C)8", "(D)9"],
            "B",
        ),
        (
            r"Ana deposits $\$ 3,000$ into an account that earns $5 \%$ interest compounded annually. Which of the following "
            r"expressions gives the balance, in dollars, after $t$ years?",
            ["(A)$3,000(0.05)^{t}$", "(B)$3,000(1.05)^{t}$", "(C)$3,000(1.5)^{t}$", "(D)$3,000+1.05 t$"],
            "B",
        ),
    ],
)
def test_sat_option_questions(problem: str, options: list[str], letter: str) -> None:
    sol = solve(problem, options)
    assert sol.solved, sol.reason
    assert sol.choice == letter


@pytest.mark.parametrize(
    "problem, options, letter",
    [
        (
            r"What are the solutions to $2 x^{2}+4 x-1=0$ ?",
            [
                r"(A)$x=-1 \pm \frac{\sqrt{6}}{2}$",
                r"(B)$x=1 \pm \frac{\sqrt{6}}{2}$",
                r"(C)$x=-1 \pm \sqrt{6}$",
                r"(D)$x=-2 \pm \frac{\sqrt{6}}{2}$",
            ],
            "A",
        ),
        (
            r"$$p(x)=x^{3}-2 x^{2}+k x-6$$ In the polynomial $p(x)$ defined above, $k$ is a constant. If $p(2)=0$, what is the "
            r"value of $k$ ?",
            ["(A)1", "(B)3", "(C)5", "(D)6"],
            "B",
        ),
        (
            r"In the polynomial $x^{2}+k x-15$, $k$ is a constant. If $x-3$ is a factor of the polynomial, what is the value of "
            r"$k$ ?",
            ["(A)$-2$", "(B)2", "(C)5", "(D)8"],
            "B",
        ),
        (
            r"$$\begin{aligned} & y=x^{2}-2 x+3 \\ & y=2 x-1 \end{aligned}$$ The system of equations above has exactly one "
            r"solution $(a, b)$. What is the value of $b$ ?",
            ["(A)1", "(B)2", "(C)3", "(D)5"],
            "C",
        ),
        (
            r"$$y=x^{2}-6 x+8$$ Which of the following equivalent forms of the equation above displays the minimum value of $y$ "
            r"as a constant or coefficient?",
            ["(A)$y=(x-2)(x-4)$", "(B)$y=(x-3)^{2}-1$", "(C)$y=x(x-6)+8$", "(D)$y=(x+3)^{2}-1$"],
            "B",
        ),
    ],
)
def test_more_symbolic_sat_phrasings(problem: str, options: list[str], letter: str) -> None:
    sol = solve(problem, options)
    assert sol.solved, sol.reason
    assert sol.choice == letter


@pytest.mark.parametrize(
    "problem, answer",
    [
        (
            r"$$x^{2}+y^{2}+4 x-2 y=20$$ The equation above defines a circle in the $x y$-plane. What is the radius of the circle?",
            5,
        ),
        (
            r"What is the sum of the $x$-coordinates of the $x$-intercepts of the graph of $y=(x-2)(3 x+1)$ in the $x y$-plane?",
            sp.Rational(5, 3),
        ),
        (
            r"A copy shop uses the equation $c=0.05 n+20$ to find the cost $c$, in dollars, of printing $n$ pages for an order. "
            r"If a customer paid $\$ 45$ for an order of pages, how many pages were printed?",
            500,
        ),
        (
            "A sample has a half-life of 6 hours, which means the amount of the sample is reduced by half every 6 hours. If "
            "there are 320 milligrams of the sample now, how many milligrams will remain 18 hours from now?",
            40,
        ),
    ],
)
def test_more_readers_batch_h(problem: str, answer) -> None:
    sol = solve(problem)
    assert sol.solved, sol.reason
    assert sp.simplify(sol.answer - answer) == 0


def test_second_solution_of_a_quadratic_with_one_root_given() -> None:
    sol = solve(
        r"The equation $x^{2}+b x+15=0$, where $b$ is a constant, has two solutions, $x=3$ and $x=r$. What is the "
        r"value of $r$ ?",
        ["(A)$-5$", "(B)3", "(C)5", "(D)15"],
    )
    assert sol.choice == "C"


def test_line_named_first_then_asked_for() -> None:
    sol = solve(
        r"Line $\ell$ is perpendicular to the line with equation $y=\frac{2}{5} x+1$. Which of the following could "
        r"be an equation of line $\ell$ ?",
        [r"(A)$y=\frac{2}{5} x-3$", r"(B)$y=-\frac{2}{5} x+1$", r"(C)$y=\frac{5}{2} x+4$", r"(D)$y=-\frac{5}{2} x+7$"],
    )
    assert sol.choice == "D"


@pytest.mark.parametrize(
    "problem, answer",
    [
        (r"If $x$ is $150 \%$ of $y$ and $y$ is $40 \%$ of $z$, then $x$ is what percent of $z$ ?", 60),
        (r"If $a$ is $20 \%$ of $b$, then $b$ is what percent of $a$ ?", 500),
    ],
)
def test_what_percent_of_a_letter(problem: str, answer) -> None:
    sol = solve(problem)
    assert sol.solved, sol.reason
    assert sol.answer == answer
