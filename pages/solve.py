"""Solve page: a problem in; hints one at a time, verified steps, an answer check and a video out."""

from __future__ import annotations

import time

import streamlit as st
from streamlit_ace import st_ace

from hisolver_core.auth import Role
from hisolver_core.errors import HiSolverError
from hisolver_core.mathengine import check_answer
from hisolver_core.solving import animate_and_record, solve_and_record
from pages import _shared as ui

HISTORY = "solve_history"
CURRENT = "solve_current"
EXAMPLES = {
    "Linear equation": ("If $\\frac{x-1}{3}=k$ and $k=3$, what is the value of $x$?", "(A)2 (B)4 (C)9 (D)10"),
    "System of equations": ("Solve the system: $2x + y = 7$ and $x - y = 2$.", ""),
    "Quadratic": ("What are the solutions of $x^2 - 5x + 6 = 0$?", ""),
    "Inequality": ("Solve $3x - 4 > 5$.", ""),
    "Percent": ("What number is 20% of 150?", ""),
    "Mean and median": ("What is the mean of 4, 8, 15, 16, 23, 42?", ""),
}


def load_example() -> None:
    name = st.session_state.get("solve_example")
    if name in EXAMPLES:
        st.session_state["solve_problem"], st.session_state["solve_options"] = EXAMPLES[name]


def problem_form(settings) -> tuple[str, str, bool]:
    st.selectbox("Try an example", ["", *EXAMPLES], key="solve_example", on_change=load_example,
                 format_func=lambda n: n or "Choose an example problem…")
    problem = st.text_area(
        "Problem", key="solve_problem", height=110,
        placeholder="Type an SAT-level problem. LaTeX works between $...$, e.g. $x^2 - 5x + 6 = 0$.",
    )
    options = st.text_input("Answer choices (optional)", key="solve_options", placeholder="A) 2  B) 4  C) 9  D) 10")
    if problem.strip():
        with st.container(border=True):
            st.caption(f"Preview · {len(problem):,}/{settings.max_problem_chars:,} characters")
            st.markdown(problem)
    return problem, options, st.button("Solve", type="primary", key="solve_go")


def run_solve(settings, problem: str, options: str) -> None:
    with st.spinner("Solving…"):
        try:
            outcome = solve_and_record(settings, problem, options or None)
        except HiSolverError as exc:
            st.error(str(exc))
            st.stop()
    entry = {"outcome": outcome, "hints": 0, "steps": False, "anim": None, "start": 0, "check": None, "job": None}
    renderer = renderer_or_none(settings)
    if outcome.solution.solved and renderer is not None:
        # Render while the student reads the hints: the video is ready when the steps are shown.
        entry["job"] = ui.get_background_pool().submit(animate_and_record, settings, renderer, outcome)
    st.session_state.setdefault(HISTORY, []).append(entry)
    st.session_state[CURRENT] = len(st.session_state[HISTORY]) - 1


def renderer_or_none(settings):
    """The shared render service, or None (with the reason stored) when it cannot start."""
    try:
        return ui.get_renderer(settings)
    except HiSolverError as exc:
        st.session_state["solve_render_unavailable"] = str(exc)
        return None


def show_header(entry) -> None:
    solution = entry["outcome"].solution
    st.markdown(f"**Problem.** {solution.problem}")
    if entry["outcome"].options:
        st.markdown("**Choices.** " + " · ".join(entry["outcome"].options))
    cols = st.columns([3, 2])
    cols[0].markdown(f"**Topic:** {solution.topic or 'unknown'}")
    cols[1].caption(f"Answered by `{solution.backend}` in {entry['outcome'].timings.get('steps_ms', 0):.0f} ms")
    for note in solution.notes:
        st.caption(f"ℹ️ {ui.md_safe(note)}")


def show_hints(entry, idx: int) -> None:
    hints = entry["outcome"].solution.hints
    for n, hint in enumerate(hints[: entry["hints"]], 1):
        st.info(f"**Hint {n}.** {ui.md_safe(hint)}")
    left, right = st.columns(2)
    if entry["hints"] < len(hints) and left.button("Show next hint", key=f"hint_{idx}"):
        entry["hints"] += 1
        st.rerun()
    if not entry["steps"] and right.button("Show the full solution", key=f"steps_{idx}"):
        entry["steps"] = True
        st.rerun()


def show_steps(entry) -> None:
    solution = entry["outcome"].solution
    for n, step in enumerate(solution.steps, 1):
        st.markdown(f"**Step {n}.** {ui.md_safe(step.text)}")
        st.latex(step.latex)
    with st.container(border=True):
        choice = f" — option **{solution.choice}**" if solution.choice else ""
        st.markdown(f"**Answer:** ${solution.answer_latex}${choice}")
        if solution.verified:
            st.badge("Verified", icon=":material/verified:", color="green")
        else:
            st.badge("Not verified", icon=":material/help:", color="orange")
        if solution.verification:
            st.caption(ui.md_safe(solution.verification))


def show_check(entry, idx: int) -> None:
    with st.form(key=f"check_form_{idx}", border=True):
        answer = st.text_input("Check my answer", key=f"check_{idx}", placeholder="e.g. 1/2, 0.5 or \\frac{1}{2}")
        if st.form_submit_button("Check"):
            entry["check"] = check_answer(entry["outcome"].solution, answer)
    result = entry["check"]
    if result is None:
        return
    if result.correct:
        st.success(result.message)
    elif result.correct is None:
        st.warning(result.message)
    else:
        st.error(result.message + (f" {result.hint}" if result.hint else ""))


def wait_for_video(entry) -> None:
    """Show progress until the background render of ``entry`` is done, then keep its result."""
    job, started = entry["job"], time.monotonic()
    if not job.done():
        bar = st.progress(0.0, text="Rendering the animation…")
        while not job.done():
            elapsed = time.monotonic() - started
            # renders take a few seconds: creep towards 95 % and finish when the job does
            bar.progress(min(0.95, elapsed / (elapsed + 3.0)), text=f"Rendering the animation… {elapsed:.0f} s")
            time.sleep(0.25)
        bar.empty()
    entry["anim"], entry["job"] = job.result(), None


def render_video(settings, entry, code: str | None = None) -> None:
    renderer = renderer_or_none(settings)
    if renderer is None:
        return
    with st.status("Rendering the animation…", expanded=False) as status:
        anim = animate_and_record(settings, renderer, entry["outcome"], code=code)
        label = "Animation ready" if anim.ok else "Animation failed: showing a still image"
        status.update(label=f"{label} ({anim.seconds:.1f} s{', cached' if anim.cached else ''})",
                      state="complete" if anim.ok else "error")
    entry["anim"], entry["start"] = anim, 0


def show_video(settings, entry, idx: int) -> None:
    if entry["job"] is not None:
        wait_for_video(entry)
    elif entry["anim"] is None:
        render_video(settings, entry)
    anim = entry["anim"]
    if anim is None:
        reason = st.session_state.get("solve_render_unavailable", "the render service is not available")
        st.warning(f"Animations are unavailable right now ({ui.md_literal(reason)}). The steps above are complete.")
        return
    if anim.ok:
        left, right = st.columns([3, 1])
        left.video(str(anim.video_path), start_time=entry["start"])
        steps = entry["outcome"].solution.steps
        if anim.step_times:
            right.caption("Jump to a step")
            for n, t in enumerate(anim.step_times):
                tip = steps[n].text if n < len(steps) else None
                if right.button(f"Step {n + 1} · {t:.0f} s", key=f"jump_{idx}_{n}", help=tip, width="stretch"):
                    entry["start"] = int(t)
                    st.rerun()
        right.download_button("Download video", anim.video_path.read_bytes(), file_name="hisolver-solution.mp4",
                              mime="video/mp4", key=f"download_{idx}", icon=":material/download:", width="stretch")
    else:
        st.warning(f"The animation could not be rendered: {ui.md_literal(anim.error)}. The steps above are complete.")
        if anim.still_path and anim.still_path.exists():
            st.image(str(anim.still_path), caption="The steps as a picture")
    with st.expander("Animation code (edit and re-render)"):
        edited = st_ace(value=anim.code, language="python", theme="github", key=f"ace_{idx}",
                        height=320, auto_update=True, font_size=13)
        if st.button("Re-render", key=f"rerender_{idx}"):
            render_video(settings, entry, code=edited or anim.code)
            st.rerun()


def show_history() -> None:
    history = st.session_state.get(HISTORY, [])
    if len(history) < 2:
        return
    with st.expander(f"This session's problems ({len(history)})"):
        for i, past in enumerate(reversed(history)):
            n = len(history) - 1 - i
            text = past["outcome"].solution.problem
            if st.button(text[:90] + ("…" if len(text) > 90 else ""), key=f"history_{n}", disabled=n == st.session_state[CURRENT]):
                st.session_state[CURRENT] = n
                st.rerun()


def show_entry(settings, idx: int) -> None:
    entry = st.session_state[HISTORY][idx]
    solution = entry["outcome"].solution
    st.divider()
    show_header(entry)
    if not solution.solved:
        st.warning(f"I can't solve this one reliably, so I won't guess. {ui.md_safe(solution.reason)}")
        return
    show_hints(entry, idx)
    show_check(entry, idx)
    if entry["steps"]:
        show_steps(entry)
        st.subheader("Animation")
        show_video(settings, entry, idx)


settings = ui.require(Role.STUDENT)
st.title("Solve")
problem, options, go = problem_form(settings)
if go:
    run_solve(settings, problem, options)
show_history()
if st.session_state.get(HISTORY):
    show_entry(settings, st.session_state[CURRENT])
