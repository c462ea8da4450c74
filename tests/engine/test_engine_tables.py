"""Tables read into data (LaTeX, markdown, plain, one line) and the questions the table reader answers."""

from __future__ import annotations

import time

import pytest
import sympy as sp

from hisolver_core.mathengine import solve
from hisolver_core.mathengine.build import Decline
from hisolver_core.mathengine.parse import parse_math
from hisolver_core.mathengine.problem import analyze
from hisolver_core.mathengine.program import MathProgram, Table, Target
from hisolver_core.mathengine.readers import registered_readers
from hisolver_core.mathengine.table_layouts import cell_number, find_blocks, find_tables
from hisolver_core.mathengine.table_stats import numbers_of, solve_statistic
from hisolver_core.mathengine.tables import program_of

LATEX_FUNCTION = r"""$$\begin{array}{c || c | c | c | c}
x & 0 & 1 & 2 & 3 \\
\hline
f(x) & 2 & 5 & 8 & 11
\end{array}$$"""

MARKDOWN_FUNCTION = """| x | f(x) |
|---|:---:|
| 1 | 5 |
| 2 | 8 |
| 3 | 11 |"""

PLAIN_FREQUENCY = "Score    Frequency\n70    2\n80    3\n90\t1"

COUNTY = r"""\begin{tabular}[t]{|l|c|c|c|}
\multicolumn{4}{c}{\textbf{Students per County}}\\\hline
\textbf{COUNTY}&\textbf{$2001$}&\textbf{$2002$}&\textbf{$2003$}\\\hline
Aiken&124&141&130\\\hline
Bamberg&17&15&15\\\hline
Barnwell&25&22&26\\\hline
Berkeley&583&557&554\\\hline
\end{tabular}"""

TWO_WAY = r"""\begin{tabular}{|l|c|c|c|}\hline
 & Walk & Bus & Total \\ \hline
Juniors & 30 & 70 & 100 \\ \hline
Seniors & 45 & 55 & 100 \\ \hline
Total & 75 & 125 & 200 \\ \hline
\end{tabular}"""


def _num(latex: str | None) -> sp.Expr:
    """An answer's value, exact (``1500.5`` as 3001/2)."""
    assert latex is not None
    return sp.nsimplify(parse_math(latex), rational=True)


def _one(text: str) -> Table:
    tables = find_tables(text)
    assert len(tables) == 1
    return tables[0]


# ---------------------------------------------------------------- parsing


def test_latex_array_read_by_rows_is_a_function_table():
    table = _one(LATEX_FUNCTION)
    assert table.columns == ["x", "f(x)"]
    assert table.rows == [["0", "2"], ["1", "5"], ["2", "8"], ["3", "11"]]
    assert table.kind == "function"


def test_latex_tabular_with_caption_bold_year_header_and_hlines():
    table = _one(COUNTY)
    assert table.columns == ["COUNTY", "2001", "2002", "2003"]  # the \multicolumn caption is not a row
    assert [r[0] for r in table.rows] == ["Aiken", "Bamberg", "Barnwell", "Berkeley"]
    assert table.kind == "data"


def test_markdown_table_read_by_columns():
    table = _one("The table shows f.\n\n" + MARKDOWN_FUNCTION + "\n\nWhat is f(2)?")
    assert table.columns == ["x", "f(x)"]
    assert table.rows == [["1", "5"], ["2", "8"], ["3", "11"]]
    assert table.kind == "function"


def test_plain_table_with_spaces_and_tabs_is_a_frequency_table():
    table = _one(PLAIN_FREQUENCY)
    assert table.columns == ["Score", "Frequency"]
    assert table.rows == [["70", "2"], ["80", "3"], ["90", "1"]]
    assert table.kind == "frequency"


def test_one_line_layout_is_read_by_rows():
    table = _one("x | 1 | 2 | 3 ; f(x) | 4 | 7 | 10")
    assert table.rows == [["1", "4"], ["2", "7"], ["3", "10"]]
    assert table.kind == "function"


def test_two_way_table_with_totals_is_counts():
    table = _one(TWO_WAY)
    assert table.columns == ["", "Walk", "Bus", "Total"]
    assert table.kind == "counts"


def test_cells_lose_their_markup():
    table = _one(
        r"\begin{tabular}{|c|c|}\hline Grade & Share \\ \hline $9^{\mathrm{th}}$ & $41.1\%$ \\ \hline"
        r" \text{10th} & 34.4\% \\ \hline \end{tabular}"
    )
    assert table.rows == [["9th", "41.1%"], ["10th", "34.4%"]]


def test_a_piecewise_array_is_a_definition_not_a_table():
    text = (
        r"Let \[f(n) = \left\{\begin{array}{cl} n^2 & \text{ if }n>1, \\ n-1 &\text{ if }n \le 1.\end{array}\right.\]"
        r" Find $f(0)+f(2)$."
    )
    assert not analyze(text).has_figure
    sol = solve(text)
    assert sol.solved and sol.answer_latex == "3" and sol.reader != "tables"


def test_an_array_of_equations_is_a_system_not_a_table():
    text = r"Solve $$\begin{array}{l} 2x + 3y = 12 \\ x - y = 1 \end{array}$$ What is the value of $x$?"
    blocks = find_blocks(text)
    assert [b.kind for b in blocks] == ["system"]
    assert blocks[0].equations == ["2x + 3y = 12", "x - y = 1"]
    assert not analyze(text).has_figure
    sol = solve(text)
    assert sol.solved and _num(sol.answer_latex) == 3 and sol.reader != "tables"


@pytest.mark.parametrize(
    "text",
    [
        r"Find $b$: $$\begin{array}{c@{}c@{}c} & 6 & 5_b \\ + & 1 & 5_b \\ \cline{1-3} 1 & 0 & 6_b \end{array}$$",
        "[asy]draw((0,0)--(1,1));[/asy] What is the slope?",
        r"\includegraphics{plot.png} What is the slope?",
    ],
)
def test_figures_and_unread_arrays_stay_declined(text):
    sol = solve(text)
    assert not sol.solved
    assert sol.reason


# ---------------------------------------------------------------- function tables


def test_the_one_option_that_fits_every_row():
    text = "x\tf(x)\n0\t3\n1\t6\n2\t12\n3\t24\nWhich of the following functions fits the table?"
    options = ["f(x) = 3(2)^x", "f(x) = 3x + 3", "f(x) = 2(3)^x", "f(x) = 3x^2 + 3"]
    sol = solve(text, options)
    assert sol.solved and sol.choice == "A" and sol.reader == "tables"
    assert sol.verified


def test_two_options_fitting_the_table_declines():
    text = "x | 0 | 1 ; f(x) | 1 | 2\nWhich equation defines f?"
    sol = solve(text, ["f(x) = x + 1", "f(x) = 2^x", "f(x) = 3x", "f(x) = x^2 + 3"])
    assert not sol.solved
    assert "exactly one option" in sol.reason


def test_value_read_from_the_table():
    sol = solve("The table shows values of the function f.\n\n" + MARKDOWN_FUNCTION + "\n\nWhat is $f(2) + f(3)$?")
    assert sol.solved and _num(sol.answer_latex) == 8 + 11


def test_value_asked_in_plain_text_without_dollars():
    table = "The table shows values of the function f.\n\n" + MARKDOWN_FUNCTION + "\n\n"
    assert _num(solve(table + "What is f(2)?").answer_latex) == 8
    assert _num(solve(table + "What is the value of 2f(3) - f(1)?").answer_latex) == 2 * 11 - 5
    linear = "The table shows values of the linear function f.\n\n" + MARKDOWN_FUNCTION + "\n\n"
    assert _num(solve(linear + "What is the value of f(10)?").answer_latex) == 32
    assert not solve(table + "What is f(10)?").solved  # off the table and the kind of function is not named
    assert not solve(table + "What is the value of 2g(3) - f(1)?").solved  # g is not f: no part read alone
    assert not solve(table + "What is the value of $2g(3) - f(1)$?").solved


def test_value_off_the_table_needs_the_named_form_and_every_row_to_fit():
    named = solve("The table shows values of the linear function f.\n\n" + MARKDOWN_FUNCTION + "\n\nWhat is $f(10)$?")
    assert named.solved and _num(named.answer_latex) == 3 * 10 + 2
    unnamed = solve("The table shows values of the function f.\n\n" + MARKDOWN_FUNCTION + "\n\nWhat is $f(10)$?")
    assert not unnamed.solved
    bent = "| x | f(x) |\n|---|---|\n| 1 | 5 |\n| 2 | 8 |\n| 3 | 12 |"
    not_linear = solve("The table shows values of the linear function f.\n\n" + bent + "\n\nWhat is $f(10)$?")
    assert not not_linear.solved


def test_exponential_fit_through_every_row():
    text = "Some values of the exponential function f are shown.\n\n| x | f(x) |\n|---|---|\n| 0 | 3 |\n| 1 | 6 |\n| 2 | 12 |"
    sol = solve(text + "\n\nWhat is $f(5)$?")
    assert sol.solved and _num(sol.answer_latex) == 3 * 2**5


# ---------------------------------------------------------------- statistics


def _stat(values: list[str], **target) -> sp.Expr:
    program = MathProgram(
        target=Target(kind="statistic", of="value", **target),
        tables=[Table(columns=["value"], rows=[[v] for v in values])],
    )
    sol = solve_statistic(program)
    assert sol.solved and len(sol.steps) >= 2 and sol.hints
    return _num(sol.answer_latex)


@pytest.mark.parametrize(
    ("values", "prop", "expected"),
    [
        (["3", "5", "7", "10"], "mean", sp.Rational(25, 4)),
        (["23", "13", "18", "29", "32", "25"], "median", 24),
        (["13", "35", "26", "8", "24"], "median", 24),
        (["4", "1", "4", "2"], "mode", 4),
        (["4", "-1", "9"], "range", 10),
        (["1,200", "300", "0.5"], "sum", sp.Rational(3001, 2)),
    ],
)
def test_each_statistic(values, prop, expected):
    assert _stat(values, property=prop) == expected


def test_statistics_combined_by_name():
    assert _stat(["1", "2", "2", "7"], expr="median + mode") == 4
    assert _stat(["1", "2", "2", "7"], expr="Abs(mean - median)") == 1


def test_no_single_mode_declines_unless_an_option_says_so():
    with pytest.raises(Decline):
        _stat(["1", "2", "3"], property="mode")
    sol = solve("Use the list of numbers: 22, 25, 14, 11. What is the mode?", ["22", "25", "11", "No mode"])
    assert sol.solved and sol.choice == "D"


def test_median_of_the_column_the_question_names():
    sol = solve(f"For the counties listed below, what was the median number of students in $2002?$\n\n{COUNTY}")
    assert sol.solved and _num(sol.answer_latex) == (22 + 141) / sp.Integer(2)
    assert any("order" in s.text for s in sol.steps)


def test_a_column_the_question_does_not_name_is_never_guessed():
    sol = solve(f"What is the median of the data?\n\n{COUNTY}")
    assert not sol.solved
    assert "column" in sol.reason


def test_frequency_table_weights_each_value():
    sol = solve(PLAIN_FREQUENCY + "\nWhat is the mean score?")
    assert sol.solved and _num(sol.answer_latex) == sp.Rational(70 * 2 + 80 * 3 + 90, 6)


def test_a_number_of_column_is_data_when_the_question_names_it():
    table = "Week    Number of customers\n1    40\n2    50\n3    90"
    sol = solve(table + "\nWhat is the mean number of customers?")
    assert sol.solved and _num(sol.answer_latex) == 60  # not the weeks weighted by customers
    assert not solve(table + "\nWhat is the mean of the data?").solved


def test_stem_and_leaf_plot():
    text = (
        r"The stem and leaf plot shows the scores. $(5|1$ represents $51.)$ What is the median of the data?"
        "\n\n\\begin{tabular}{c|cccc}\n4&1&5\\\\\n5&2&2&8\\\\\n6&0\\\\\n\\end{tabular}"
    )
    sol = solve(text)
    assert sol.solved and _num(sol.answer_latex) == 52


def test_mean_of_a_list_in_the_text():
    sol = solve("What is the mean of 3, 5, 7, and 10?")
    assert sol.solved and sol.reader == "tables"
    assert "\\frac" in sol.steps[-1].latex


def test_a_list_without_spaces_is_read_unless_thousands_make_it_ambiguous():
    assert numbers_of("What is the median of the data set $3,9,1,7,5,11$ ?") == [3, 9, 1, 7, 5, 11]
    assert numbers_of("What is the median of $1,200, 300, 5$?") == [1200, 300, 5]
    assert numbers_of("What is the median of $12,400,3$?") is None


def test_a_list_with_another_number_in_the_question_is_not_read():
    sol = solve("Abe found the mean of this list of numbers: 1, 3, 3. If the number 6 were added, what is the mean?")
    assert not (sol.solved and sol.reader == "tables")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What fraction of the seniors walk to school?", sp.Rational(45, 100)),
        (
            "Given that a student takes the bus, what is the probability that the student is a junior?",
            sp.Rational(70, 125),
        ),
        ("What percent of the students are juniors who walk?", 15),
        ("What fraction of the students are seniors?", sp.Rational(1, 2)),
    ],
)
def test_two_way_fractions_and_conditional_probability(question, expected):
    sol = solve("The table shows the students by grade and how they get to school.\n" + TWO_WAY + "\n" + question)
    assert sol.solved
    assert _num(sol.answer_latex) == expected


def test_two_way_totals_that_do_not_add_up_decline():
    bad = TWO_WAY.replace("Total & 75 & 125 & 200", "Total & 75 & 120 & 200")
    sol = solve("The table shows the students.\n" + bad + "\nWhat fraction of the seniors walk to school?")
    assert not sol.solved and "add up" in sol.reason


# ---------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    [
        r"What is the mean? \begin{tabular}{cc} 1 & 2 \\ 3 ",  # not closed
        r"What is the mean? \begin{tabular}{cc 1 & 2 \\ 3 & 4 \end{tabular}",  # layout braces not closed
        r"What is the mean of column A? \begin{tabular}{cc} A & B \\ 1 & . \\ . & . \end{tabular}",  # elided
        "| x | f(x) |\n|---|---|\n| 1 | 5 | 7 |\nWhat is f(1)?",  # ragged markdown
    ],
)
def test_malformed_tables_decline_with_a_reason(text):
    sol = solve(text)
    assert not sol.solved
    assert sol.reason and "could not handle" not in sol.reason


def test_a_division_by_zero_in_a_cell_or_option_is_not_a_number():
    assert cell_number("3/0") is None and cell_number("0/0") is None
    sol = solve("What is the mean of 3, 5, and 7?", ["5", "0/0", "3/0", "7"])
    assert sol.solved and sol.choice == "A"


def test_a_huge_table_is_declined_in_bounded_time():
    body = "\\\\\n".join(" & ".join(str(r * 40 + c) for c in range(40)) for r in range(200))
    text = f"What is the median of column 3? \\begin{{tabular}}{{{'c' * 40}}}\n{body}\n\\end{{tabular}}"
    started = time.perf_counter()
    sol = solve(text, max_chars=10**6)
    assert time.perf_counter() - started < 2.0
    assert not sol.solved


def test_the_reader_is_registered_before_the_word_readers():
    names = [r.name for r in registered_readers()]
    assert "tables" in names and names.index("tables") < names.index("wording")


def test_the_table_program_round_trips_through_json():
    prob = analyze(f"For the counties listed below, what was the median number of students in $2002?$\n\n{COUNTY}")
    program = program_of(prob)
    assert isinstance(program, MathProgram)
    assert program.target.kind == "statistic" and program.target.property == "median" and program.target.of == "2002"
    again = MathProgram.from_json(program.to_json())
    assert again == program
    assert _num(solve_statistic(again, prob).answer_latex) == sp.Rational(22 + 141, 2)


def test_a_statistic_of_a_column_of_an_x_y_table_uses_that_column():
    table = "| x | y |\n|---|---|\n| 1 | 4 |\n| 2 | 6 |\n| 3 | 8 |\n"
    sol = solve(table + "What is the mean of the y values?")
    assert sol.solved and sol.answer == 6 and sol.reader == "tables"
    assert solve(table + "What is the range of the x values?").answer == 2


def test_decimal_data_stay_decimal_in_the_steps():
    table = "| x | y |\n|---|---|\n| 1 | 1.5 |\n| 2 | 2 |\n| 3 | 2.5 |\n"
    sol = solve(table + "What is the mean of the y values?")
    assert sol.solved and sol.answer == 2
    assert "1.5" in sol.steps[0].latex and "frac{3}{2}" not in " ".join(s.latex for s in sol.steps)


@pytest.mark.parametrize(
    "question",
    [
        "What is the average rate of change of y?",
        "What is the average increase in y?",
        "What is the mean of y when x > 1?",
    ],
)
def test_an_average_of_change_over_an_x_y_table_is_not_the_columns_mean(question):
    table = "| x | y |\n|---|---|\n| 1 | 4 |\n| 2 | 6 |\n| 3 | 8 |\n"
    assert not solve(table + question).solved
