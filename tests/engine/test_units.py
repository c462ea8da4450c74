"""The units reader: quantities with units, conversions, rate stories by dimensional analysis, and its declines."""

from __future__ import annotations

import pytest
import sympy as sp

from hisolver_core.mathengine import solve
from hisolver_core.mathengine.problem import analyze
from hisolver_core.mathengine.units import UNITS, Unit, fitting_products, read_story, solve_units


def _story(text: str):
    story = read_story(analyze(text))
    assert story is not None
    return story


def _answer(text: str):
    sol = solve_units(analyze(text))
    return None if sol is None else sol.answer


# --- quantities and units read ----------------------------------------------------------------


def test_numbers_are_read_with_the_unit_after_them_money_number_words_and_dozen():
    story = _story(
        r"Minh paid $\$3$ for four doughnuts. At that rate, how much would he pay, in dollars, for four dozen doughnuts?"
    )
    read = [(q.value * q.scale, q.unit.word, q.in_question) for q in story.quantities]
    assert read == [(3, "dollar", False), (4, "doughnut", False), (48, "doughnut", True)]
    assert story.asked == Unit("dollar")


def test_a_latex_fraction_with_what_it_measures_and_for_each_make_a_rate():
    story = _story(
        r"A recipe calls for $\frac14$ teaspoon of salt for each quart of water. "
        "How many quarts of water will be used for two teaspoons of salt?"
    )
    rate, amount = story.quantities
    assert (rate.value, rate.unit.word, rate.unit.of) == (sp.Rational(1, 4), "teaspoon", "salt")
    assert rate.per is not None and (rate.per.word, rate.per.of) == ("quart", "water")
    assert (amount.value, amount.in_question) == (2, True)
    assert (story.asked.word, story.asked.of) == ("quart", "water")


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("Lewis earns $ 2 every week. If he earns a total of $ 178, how many weeks did he work?", "week"),
        ("Each seat can hold 9 people. How many seats are needed for 36 people?", "seat"),
        ("She reads 30 pages per day. How many days will 240 pages take?", "day"),
        ("He is paid $12 an hour. How many hours must he work to earn $60?", "hour"),
    ],
)
def test_per_every_an_hour_and_each_before_make_rates(text, per):
    rates = [q for q in _story(text).quantities if q.per is not None]
    assert len(rates) == 1 and rates[0].per is not None and rates[0].per.word == per


def test_the_question_can_ask_for_a_rate():
    story = _story(
        "Bryan has 34 books distributed equally in 2 bookshelves. How many books are there in each bookshelf?"
    )
    assert story.asked.word == "book" and story.asked_per is not None and story.asked_per.word == "bookshelf"
    assert (
        _answer("Bryan has 34 books distributed equally in 2 bookshelves. How many books are there in each bookshelf?")
        == 17
    )


# --- conversions ---------------------------------------------------------------------------------


def test_the_conversion_table_is_consistent():
    assert UNITS["foot"][1] == 12 * UNITS["inch"][1] and UNITS["yard"][1] == 3 * UNITS["foot"][1]
    assert UNITS["mile"][1] == 5280 * UNITS["foot"][1]
    assert UNITS["cup"][1] == 16 * UNITS["tablespoon"][1] == 48 * UNITS["teaspoon"][1]
    assert UNITS["gallon"][1] == 4 * UNITS["quart"][1] == 8 * UNITS["pint"][1]
    assert UNITS["pound"][1] == 16 * UNITS["ounce"][1] and UNITS["week"][1] == 7 * UNITS["day"][1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How many inches are in 2.5 feet?", 30),
        (r"How many inches are in $3 \tfrac{1}{4}$ yards?", 117),
        ("How many minutes are in 3 hours?", 180),
        ("How many ounces are in 5 pounds?", 80),
        ("How many cents are in 7 dollars?", 700),
        ("Sara saw 96 birds in a tree. How many dozen birds did Sara see?", 8),
    ],
)
def test_unit_conversions(text, expected):
    assert _answer(text) == expected


def test_a_conversion_between_different_dimensions_declines():
    assert _answer("How many ounces are in 2 cups?") is None  # weight ounces are not a volume


# --- each kind of rate story -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pair scaled to the question's amount (a proportion)
        (
            r"Minh paid $\$3$ for four doughnuts. At that rate, how much would he pay, in dollars, for four dozen doughnuts?",
            36,
        ),
        ("A car travels 150 miles in 3 hours. At this rate, how far does it travel in 5 hours?", 250),
        (
            "It takes $8$ cups of chocolate chips to make $12$ cookies. How many cups of chocolate chips will it take to make $15$ cookies?",
            10,
        ),
        # a rate given, its "per" unit asked for (divide by the rate)
        (
            r"A recipe calls for $\frac14$ teaspoon of salt for each quart of water. "
            "How many quarts of water will be used for two teaspoons of salt?",
            8,
        ),
        ("You have 104 dollars. How many packs of dvds can you buy if each pack costs 26 dollars?", 4),
        # a rate times an amount, with a unit conversion
        (r"At 50 miles per hour, how far would a car travel in $2\frac{3}{4}$ hours?", sp.Rational(275, 2)),
        (
            "Aditi can walk 1.7 miles in half an hour. At the same constant speed, how many hours would it take her to walk 17 miles?",
            5,
        ),
        ("The earth rotates 360 degrees in one day. How many degrees does it rotate in one hour?", 15),
        # a rate asked for; money counted in cents stays in cents
        ("Melissa scored a total of 91 points in 13 games. How many points did she score in each game?", 7),
        (
            "Mrs. Hilt bought 6 hot dogs. Each hot dog cost 50 cents. How much money did she pay for all of the hot dogs?",
            300,
        ),
    ],
)
def test_rate_stories(text, expected):
    assert _answer(text) == expected


def test_the_solution_shows_the_unit_rate_then_the_scaling_and_is_the_engines_answer():
    text = "A car travels 150 miles in 3 hours. At this rate, how far does it travel in 5 hours?"
    sol = solve_units(analyze(text))
    assert sol is not None and sol.verified
    assert "50" in sol.steps[1].latex and "per hour" in sol.steps[1].latex
    assert sol.steps[-1].latex.endswith(r"250\ \text{miles}")
    whole = solve(text)
    assert whole.solved and sp.simplify(whole.answer - 250) == 0


# --- traps that must decline ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # an extra number the product would drop
        "Frank read 22 pages per day and it took him 569 days to finish the book. It has 3 chapters. How many pages are in the book?",
        "A car travels 150 miles in 3 hours. How far does it travel?",
        # an additive or comparative word
        "A phone plan costs $25 per month plus $0.10 per text message. How much does it cost for 100 messages?",
        "Tom buys 3 pens at $2 per pen. He has $10. How much money does he have left?",
        "A car travels 150 miles in 3 hours. How many more miles does it travel in 5 hours?",
        "Sam reads 20 pages per day. Tom reads 5 pages more than Sam each day. How many pages does Tom read in 4 days?",
        # a rate that holds only on some days, a number describing a thing, a percent
        "Mrs. Hilt reads 13 books on every day that starts with the letter T. How many books does she read in one week?",
        "I run 10 laps around a 400 meter track. How many laps of a 250 meter track make the same distance?",
        "Paula invests $1000 at an interest rate of 10 percent per year. How much money does she earn in 5 years?",
        # workers with a time are joint work (test_unit_models.py); the work counted in one group only declines
        "Six construction workers can build a house in 1.5 days. How long does it take 15 construction workers "
        "to build 2 houses?",
        # a count of things that is not whole, a thing named two ways
        "Each bag holds 4 apples. How many bags are needed for 10 apples?",
        "Each basket has 19 red peaches and 4 green peaches. There are 15 baskets. How many peaches are there?",
        # MATH: units alone cannot tell inverse from direct proportion (15 * 1500 / 2500 = 9, not 25)
        "Daniel works at an electronics store, and he claims that the popularity of a television (measured in"
        " number of sales) is inversely proportional to its cost. If 15 customers buy a television that costs"
        " $\\$$1500, according to Daniel's theory, how many customers would buy a television that costs $\\$$2500?",
    ],
)
def test_traps_decline(text):
    assert _answer(text) is None


def test_the_dollar_sign_before_a_decimal_point_is_a_number():
    # "$.05" once reached sympy as "05" and raised inside the reader
    text = "Each gumball costs $.05. How many gumballs can he buy with 2 dollars?"
    assert [q.value for q in _story(text).quantities] == [sp.Rational(1, 20), 2]
    assert _answer(text) == 40
    billy = (
        "Billy is buying some candy with $10 his father gave him. The candy costs $1.5 a pound. After buying "
        "candy, he takes half his change and spends it on gumballs, which cost $.05 each. If he bought 40 "
        "gumballs, how many pounds of candy did he buy?"
    )
    assert _answer(billy) is None  # "half", "change", "after": more than a rate story


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a unit written inside the math (and a rate with a slash)
        (
            r"At her track meet, Alice ran at a speed of $9\ \text{m/s}$ for $12$ seconds. How many meters did she run?",
            108,
        ),
        ("A car goes 30 km/h for 2 hours. How many kilometers does it go?", 60),
        # "a 12 fluid ounce bottle": the size of the thing is the amount; fluid ounces are a volume
        (
            "In a 8 fluid ounce bottle of Vitamin Water, there are 125 calories. "
            "How many calories would be contained in a 12 fluid ounce bottle?",
            sp.Rational(375, 2),
        ),
        ("A 5 pound bag of flour costs $3. How much do 15 pounds of flour cost?", 9),
        # "1/4 of a milliliter"; an article that is the amount 1 before an equivalence
        (
            r"If a drip of water is equivalent to $\frac{1}{4}$ of a milliliter, how many drips are in a liter of "
            "water? Note: 1 liter = 1000 milliliters.",
            4000,
        ),
        # a stated conversion between two rates, placed because the table holds it
        (
            "If $60$ miles per hour is $88$ feet per second, how many feet per second is $66$ miles per hour?",
            sp.Rational(484, 5),
        ),
    ],
)
def test_units_in_latex_slashes_sizes_and_stated_rate_conversions(text, expected):
    assert _answer(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "If six cookies cost the same as 2 brownies, and four brownies cost the same as 10 cupcakes, how many "
            "cupcakes can Bob buy for the price of eighteen cookies?",
            15,
        ),
        (
            r"Eleven pencils cost as much as three pens. If seven pens cost $\$ 9.24$, what is the cost, in cents, "
            "of one pencil?",
            36,
        ),
        ("Three apples weigh the same as 2 pears. How many apples weigh the same as 10 pears?", 15),
        # one thing in two kinds, each mention saying which: two things
        (
            "Two identical blue boxes together weigh the same as three identical red boxes together. Each red box "
            "weighs 15.2 ounces. How much does one blue box weigh in ounces?",
            sp.Rational(114, 5),
        ),
    ],
)
def test_equivalences_are_exchange_rates(text, expected):
    assert _answer(text) == expected
    story = _story(text)
    assert any(q.per is not None and q.per.word not in UNITS for q in story.quantities)


@pytest.mark.parametrize(
    "text",
    [
        # a chain with a missing link, a stated rate conversion the table contradicts, a comparison
        "If six cookies cost the same as 2 brownies, how many cupcakes can Bob buy for the price of 18 cookies?",
        "If $60$ miles per hour is $80$ feet per second, how many feet per second is $66$ miles per hour?",
        "Six cookies cost 2 dollars more than 2 brownies. How much do 18 cookies cost?",
        # two kinds of box and a box that does not say which
        "Two blue boxes weigh the same as three red boxes. Each red box weighs 15.2 ounces. How much does one box "
        "weigh in ounces?",
        # a slash between words that are not both units stays unread
        r"Alice ran at $9\ \text{m/s}$ for $12$ seconds. How many minutes did she run?",
        "I run 10 laps around a 400 meter track. How many laps of a 250 meter track make the same distance?",
    ],
)
def test_equivalence_and_latex_unit_traps_decline(text):
    assert _answer(text) is None


def test_two_fitting_products_decline():
    # 30 minutes per day and a week: minutes per day is a pure number, so two products have the unit asked
    text = (
        "Shooting hoops for 30 minutes burns 150 calories. How many calories would Kendra burn "
        "if she shot hoops 30 minutes every day for one week?"
    )
    assert len(fitting_products(_story(text))) == 2
    assert _answer(text) is None


def test_a_problem_with_real_math_is_not_a_unit_story():
    assert read_story(analyze("If $3x + 2 = 11$ miles, how many miles is $x$?")) is None


def test_with_options_the_matching_option_is_chosen_and_none_matching_declines():
    text = "A car travels 150 miles in 3 hours. At this rate, how far does it travel in 5 hours?"
    sol = solve(text, ["(A)90", "(B)250", "(C)300", "(D)750"])
    assert sol.solved and sol.choice == "B"
    assert not solve(text, ["(A)90", "(B)200", "(C)300", "(D)750"]).solved


def test_a_stated_conversion_the_table_holds_is_placed_and_one_it_does_not_declines():
    text = (
        "A pharmacist needs to measure 0.35 liter of a liquid medication using a dropper that releases "
        "2.5 milliliters per drop. How many drops are needed? (1 liter $=1,000$ milliliters)"
    )
    assert _answer(text) == 140
    assert _answer("There are 2.54 centimeters in 1 inch. How many inches are in 127 centimeters?") == 50
    assert _answer("There are 3 centimeters in 1 inch. How many inches are in 127 centimeters?") is None


def test_a_stated_conversion_that_rounds_the_table_is_the_one_used_and_shown():
    text = (
        "Alice wants to buy $3$ pounds of veal at the grocery store, but the scales at the store only show weight "
        "in kilograms. If one kilogram is $2.20$ pounds, how many kilograms of veal should Alice buy? "
        "(Answer to the nearest thousandth.)"
    )
    sol = solve(text)
    assert sol.solved and sol.reader == "units"
    assert sol.answer_latex == "1.364"  # 3 / 2.20 = 1.3636..., not 3 / 2.2046 = 1.3608...
    assert any("2.20 pounds" in s.latex for s in sol.steps)
    # the exact answer before rounding is the stated one
    assert _story(text).stated == ["1 kilogram = 2.20 pounds"]
    # a third unit of the same dimension would convert through the table's size: declined
    assert _answer("If one kilogram is 2.20 pounds, how many pounds are in 500 grams?") is None
    # the same unit stated two ways declines
    assert (
        _answer("One kilogram is 2.20 pounds. One kilogram is 2.21 pounds. How many kilograms are 11 pounds?") is None
    )


def test_a_rate_question_may_say_average_and_units_beyond_the_everyday_are_in_the_table():
    text = (
        "There are eight furlongs in a mile. There are two weeks in a fortnight. The British cavalry traveled "
        "2800 furlongs in a fortnight. How many miles per day did the cavalry average?"
    )
    assert _answer(text) == 25
    candy = (
        "The average American consumes 1483 pounds of candy in a lifetime. Assuming that 1 year $=$ 52 weeks and the "
        "average life-span is 75 years, how many pounds of candy per week does the average American consume? "
        "Express your answer as a decimal to the nearest hundredth."
    )
    assert solve(candy).answer_latex == "0.38"
    # an average that is not a rate stays unplaced
    assert _answer("The average of 3 boxes is 12 pounds. How many pounds do the boxes weigh?") is None


def test_an_asked_rounding_rounds_the_exact_answer():
    sol = solve_units(analyze("How many feet are in 100 meters? Round to the nearest tenth."))
    assert sol is not None and abs(float(sol.answer) - 328.1) < 1e-9
    assert r"\frac{125000}{381}" in sol.steps[-1].latex


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        ("If 4 daps = 7 yaps, and 5 yaps = 3 baps, how many daps equal 42 baps?", "40"),
        ("3 apples = 2 pears. 4 pears = 6 plums. How many apples equal 9 plums?", "9"),
        ("On Mars, 7 ligs = 4 lags and 9 lags = 20 lugs. How many ligs are equivalent to 80 lugs?", "63"),
        ("If 3 pens equal 2 pencils, how many pens are worth 10 pencils?", "15"),
    ],
)
def test_exchange_chains_written_with_equals(problem: str, expected: str) -> None:
    sol = solve(problem)
    assert sol.status == "solved", sol.reason
    assert str(sol.answer) == expected


@pytest.mark.parametrize(
    "problem",
    [
        "If 3 pens = 2 pencils and 4 pencils = 5 erasers, how many pens equal 10 rulers?",  # rulers are not in the chain
        "If 3 pens = 2 pencils, how many pens equal 10 pencils and 2 erasers?",  # erasers have no rate
    ],
)
def test_exchange_chains_that_do_not_connect_decline(problem: str) -> None:
    assert solve(problem).status == "unsupported"


def test_an_escaped_dollar_alone_between_delimiters_is_the_dollar_sign():
    """MATH writes "$\\$$1500": the dollar sign, then the number in the text (not a math segment "$")."""
    prob = analyze("Daniel has $\\$$1500. He spends $\\$$300. How many dollars does he have left?")
    assert "¤" not in "".join(prob.math)
    sol = solve("Daniel has $\\$$1500. He spends $\\$$300. How many dollars does he have left?")
    assert sol.solved and sol.answer_latex == "1200"


# --- a rate asked in named units; numbers written as repeating decimals ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A car travels at 60 miles per hour. What is its speed in feet per second?", 88),
        ("A snail crawls 3 feet per hour. What is the snail's speed in inches per minute?", sp.Rational(3, 5)),
        ("A pump moves 30 gallons per minute. What is its rate in gallons per hour?", 1800),
    ],
)
def test_what_is_a_speed_or_rate_in_named_units_converts_the_rate(text, expected):
    assert _answer(text) == expected


def test_a_speed_asked_in_a_unit_of_another_dimension_declines():
    assert _answer("A car travels at 60 miles per hour. What is its speed in feet?") is None


def test_a_repeating_decimal_is_its_exact_fraction_and_a_sentence_may_end_inside_the_math():
    assert _answer(r"Ann walked $1.\overline{3}$ miles each day for 6 days. How many miles did she walk?") == 8
    assert _answer(r"Ann walked $0.1\overline{6}$ miles each day for 6 days. How many miles did she walk?") == 1
    text = (
        r"Tim bought $2.\overline{3}$ pounds of rice. Each pound cost $\$0.60.$ How much money, in dollars, did he pay?"
    )
    assert _answer(text) == sp.Rational(7, 5)


def test_a_hyphenated_size_is_one_thing_of_that_size_and_an_average_rate_is_a_rate():
    text = (
        "A 300-page book contains an average of 500 words per page, and Ana reads 250 words per minute. "
        "How many hours does it take her to read the book?"
    )
    assert _answer(text) == 10
    assert _answer("Sam has a 12-ounce bottle. He drinks 3 ounces per hour. How many hours does the bottle last?") == 4


def test_an_answer_asked_as_a_mixed_number_is_printed_as_one_whichever_reader_finds_it():
    sol = solve(
        "A book has 420 pages with 600 words per page. Roslyn reads 360 words per minute. "
        "How many hours does it take her to read the book? Express your answer as a mixed number."
    )
    assert sol.reader == "units"
    assert sol.answer == sp.Rational(35, 3)
    assert sol.answer_latex == r"11\frac{2}{3}"


def test_things_of_a_stated_size_each_are_a_rate_per_thing():
    assert (
        _answer("Sam ate ten 12-calorie crackers. How many 20-calorie cookies have the same number of calories?") == 6
    )
    assert _answer("Sam ate 3 40-calorie cookies. How many calories did he eat?") == 120
    # a noun ending in -ing after "each" names a thing ("each serving"), not a verb
    assert _answer("There are 8 ounces in each serving. How many servings are in 28 pounds of dog food?") == 56


def test_cookies_are_one_cookie_not_one_cooky():
    from hisolver_core.mathengine.words import singular

    assert [singular(w, english=True) for w in ("cookies", "calories", "berries")] == ["cookie", "calorie", "berry"]


def test_a_price_or_weight_of_each_one_is_a_rate_per_thing():
    assert _answer("Pencils cost 25 cents each. How many pencils can be bought with 3 dollars?") == 12
    assert _answer("Apples weigh 150 grams each. How many grams do 12 apples weigh?") == 1800
    # "a shirt costs" opening a sentence is the price of each shirt
    assert _answer("A shirt costs 15 dollars. How much do 4 shirts cost, in dollars?") == 60
