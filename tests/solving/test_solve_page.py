"""The Solve page end to end in AppTest: problem -> hints -> steps -> check -> video."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from hisolver_core.auth import Role
from tests.pagetest import PAGES, open_page


@pytest.fixture
def at(env):
    return open_page("solve", Role.STUDENT, timeout=120)


def solve(at: AppTest, problem: str, options: str = "") -> AppTest:
    at.text_area(key="solve_problem").input(problem)
    at.text_input(key="solve_options").input(options).run()  # the box loses focus: Solve is enabled
    at.button(key="solve_go").click().run()
    assert not at.exception, at.exception
    return at


def wait_for_video(at: AppTest, idx: int = 0, limit_s: float = 180) -> dict:
    """Rerun the page (as the fragment's timer does) until the background render is collected."""
    deadline = time.monotonic() + limit_s
    while at.session_state["solve_history"][idx]["job"] is not None and time.monotonic() < deadline:
        time.sleep(0.5)
        at.run()
        assert not at.exception, at.exception
    entry = at.session_state["solve_history"][idx]
    assert entry["job"] is None, "the render did not finish in time"
    return entry


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
    entry = wait_for_video(at)
    assert at.session_state["hisolver_client"]  # the render queue knew which student asked
    assert entry["anim"].ok and entry["anim"].video_path.exists(), entry["anim"].error
    row = db["solves"].get(entry["outcome"].solve_id)
    assert row["status"] == "solved" and row["video_ms"] > 0
    # jump to step 2 restarts the video at that step's time
    at.button(key="jump_0_1").click().run()
    entry = at.session_state["solve_history"][0]
    assert entry["start"] == entry["anim"].step_times[1] and float(entry["start"]).is_integer()
    assert entry["autoplay"]  # a jump plays from the step, it does not leave the video paused


@pytest.mark.slow
def test_a_failed_re_render_keeps_the_last_good_video(at):
    solve(at, "Solve 2x + 3 = 7.")
    at.button(key="steps_0").click().run()
    entry = wait_for_video(at)
    good = entry["good"]
    assert good is not None and good.ok and good.step_times
    ace = f"ace_0_{entry['editor']}"  # the editor widget (an unknown component in AppTest)
    # a comment-only edit keeps the jump buttons
    at.session_state[ace] = "# my note\n" + good.code
    at.button(key="rerender_0").click().run()
    entry = at.session_state["solve_history"][0]
    assert entry["good"].source == "edited" and entry["good"].step_times == good.step_times
    assert at.button(key="jump_0_1")
    # broken code: the error beside the last good video, and a way back
    at.session_state[ace] = "from manim import *\nclass Broken(Scene):\n    def construct(self):\n        1 / 0\n"
    at.button(key="rerender_0").click().run()
    entry = at.session_state["solve_history"][0]
    assert entry["good"].ok and entry["edit_error"]
    assert any("last one that worked" in e.value for e in at.error)
    assert not at.image  # no still image in place of the video
    at.button(key="reset_0").click().run()
    entry = at.session_state["solve_history"][0]
    assert entry["good"] is entry["original"] and not entry["edit_error"]


def test_solve_is_disabled_until_there_is_a_problem(at):
    assert at.button(key="solve_go").disabled
    at.text_area(key="solve_problem").input("Solve 2x = 4.").run()
    assert not at.button(key="solve_go").disabled
    assert "solve_history" not in at.session_state


def test_the_problem_box_takes_at_most_the_configured_length(at, settings):
    assert at.text_area(key="solve_problem").max_chars == settings.max_problem_chars


def test_markdown_in_a_problem_is_shown_literally(at):
    solve(at, "Is [this](http://example.com) ![x](http://example.com/x.png) *bold*? Solve $2x = 4$.")
    header = next(m.value for m in at.markdown if m.value.startswith("**Problem.**"))
    assert "\\[this\\](http\u2060://example\u2060.com)" in header  # no link, not even an autolink
    assert "\\!\\[x\\]" in header and "\\*bold\\*" in header
    assert "$2x = 4$" in header  # math is still typeset


def test_a_declined_problem_says_what_was_understood(at, db):
    solve(at, "A train travels 60 miles per hour for 2.5 hours. Write a poem about the trip.")
    shown = texts(at)
    assert "won't guess" in shown
    assert "What I understood" in shown and "60 miles per hour" in shown and "2.5 hours" in shown
    assert "What you can do" in shown
    assert "Answered by" not in shown and "Topic:" not in shown  # developer details sit in the expander
    assert any(e.label == "Details" for e in at.expander)


def test_too_long_problem_says_so(settings):
    from hisolver_core.errors import HiSolverError
    from hisolver_core.solving import solve_problem

    with pytest.raises(HiSolverError, match="too long"):  # typed past the box's limit some other way
        solve_problem(settings, "x + 1 = 2 " * 300)


def test_empty_problem_is_refused_by_the_core_too(settings):
    from hisolver_core.errors import HiSolverError
    from hisolver_core.solving import solve_problem

    with pytest.raises(HiSolverError, match="empty"):
        solve_problem(settings, "   ")


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


def test_a_declined_problem_offers_the_model_when_one_is_configured(env, openai_stub):
    env.setenv("HISOLVER_BACKENDS", "openai,builtin")
    env.setenv("HISOLVER_OPENAI_BASE_URL", openai_stub.base_url)
    env.setenv("HISOLVER_OPENAI_MODEL", "stub-model")
    env.setenv("HISOLVER_OPENAI_API_KEY", "sk-test-secret")
    env.setenv("HISOLVER_OPENAI_TIMEOUT_S", "2")
    env.setenv("HISOLVER_BACKEND_RETRIES", "0")
    at = solve(open_page("solve", Role.STUDENT, timeout=120), "Write a sonnet about the number seven.")
    assert any("won't guess" in w.value for w in at.warning)
    at.button(key="try_openai_0").click().run()
    assert not at.exception, at.exception
    history = at.session_state["solve_history"]
    assert len(history) == 2 and at.session_state["solve_current"] == 1
    assert history[1]["outcome"].solution.backend == "openai"  # asked the model alone, no fallback
    assert "sk-test-secret" not in texts(at)
