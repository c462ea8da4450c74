"""The Solve page end to end in AppTest: problem -> hints -> steps -> check -> video."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from hisolver_core.auth import Role
from tests.pagetest import PAGES, open_page


@pytest.fixture
def at(env):
    return open_page("solve", Role.STUDENT, timeout=120)


def solve(at: AppTest, problem: str, options: str = "") -> AppTest:
    at.text_area(key="solve_problem").input(problem)
    at.text_input(key="solve_options").input(options)
    at.button(key="solve_go").click().run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [i.value for i in at.info] + [w.value for w in at.warning]
    return "\n".join(parts + [e.value for e in at.error] + [s.value for s in at.success])


@pytest.mark.slow
def test_whole_flow(at, db):
    solve(at, "If $\\frac{x-1}{3}=k$ and $k=3$, what is the value of $x$?", "(A)2 (B)4 (C)9 (D)10")
    assert "Hint 1." not in texts(at)
    at.button(key="hint_0").click().run()
    assert "Hint 1." in texts(at) and "Hint 2." not in texts(at)
    at.button(key="hint_0").click().run()
    assert "Hint 2." in texts(at)
    at.button(key="steps_0").click().run()
    assert len(at.latex) >= 2
    assert "**Answer:** $10$" in texts(at) and "option **D**" in texts(at)
    # answer check: equivalent forms are right, a wrong one gets guidance
    at.text_input(key="check_0").input("10.0")
    at.button[[b.label for b in at.button].index("Check")].click().run()
    assert at.success, texts(at)
    at.text_input(key="check_0").input("4")
    at.button[[b.label for b in at.button].index("Check")].click().run()
    assert at.error and len(at.error[0].value) > len("Not quite.")
    # the video rendered (the page shows it through st.video) and the solve was recorded
    entry = at.session_state["solve_history"][0]
    assert entry["anim"].ok and entry["anim"].video_path.exists(), entry["anim"].error
    row = db["solves"].get(entry["outcome"].solve_id)
    assert row["status"] == "solved" and row["video_ms"] > 0
    # jump to step 2 restarts the video at that step's time
    at.button(key="jump_0_1").click().run()
    assert at.session_state["solve_history"][0]["start"] == int(entry["anim"].step_times[1])


def test_empty_problem_says_so(at):
    solve(at, "Write a sonnet about the number seven.")  # one entry: the history exists before the empty try
    solve(at, "   ")
    assert "empty" in at.error[0].value
    assert len(at.session_state["solve_history"]) == 1  # the empty problem added nothing


def test_too_long_problem_says_so(at):
    solve(at, "x + 1 = 2 " * 300)
    assert "too long" in at.error[0].value


def test_unsupported_problem_is_declined_plainly(at, db):
    solve(at, "Write a sonnet about the number seven.")
    assert any("won't guess" in w.value for w in at.warning)
    assert db["solves"].count == 1


@pytest.mark.slow
def test_history_lets_the_student_go_back(at):
    solve(at, "Solve 2x + 3 = 7.")
    solve(at, "Solve 5x = 20.")
    assert at.session_state["solve_current"] == 1
    at.button(key="history_0").click().run()
    assert at.session_state["solve_current"] == 0
    assert "Solve 2x + 3 = 7." in texts(at)


def test_every_example_problem_is_solved_and_verified(settings):
    """The examples a student is offered must show the engine at its best, not a decline."""
    import ast

    from hisolver_core.solving import solve_problem

    source = (PAGES / "solve.py").read_text()
    examples = ast.literal_eval(source.split("EXAMPLES = ", 1)[1].split("\n}\n", 1)[0] + "\n}")
    for name, (problem, options) in examples.items():
        solution = solve_problem(settings, problem, options or None).solution
        assert solution.solved and solution.verified, f"{name}: {solution.reason}"
