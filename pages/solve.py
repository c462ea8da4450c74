"""Solve page: a problem in; hints one at a time, verified steps, an answer check and a video out.

The video renders in chapters in the background: step 1 plays as soon as it
is ready while a fragment polls for the rest (no busy-wait); then the full
video with jump-to-step buttons replaces it.
"""

from __future__ import annotations

import time

import streamlit as st
from streamlit_ace import st_ace

from hisolver_core.auth import Role
from hisolver_core.errors import HiSolverError
from hisolver_core.mathengine import check_answer
from hisolver_core.solving import animate_and_record, solve_and_record
from hisolver_core.solving.animate import ChapterProgress
from hisolver_core.solving.understood import understood
from pages import _shared as ui

HISTORY = "solve_history"
CURRENT = "solve_current"
POLL_S = 1.0
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
    st.selectbox(
        "Try an example",
        ["", *EXAMPLES],
        key="solve_example",
        on_change=load_example,
        format_func=lambda n: n or "Choose an example problem…",
    )
    problem = st.text_area(
        "Problem",
        key="solve_problem",
        height=110,
        max_chars=settings.max_problem_chars,
        placeholder="Type an SAT-level problem. LaTeX works between $...$, e.g. $x^2 - 5x + 6 = 0$.",
    )
    options = st.text_input("Answer choices (optional)", key="solve_options", placeholder="A) 2  B) 4  C) 9  D) 10")
    if problem.strip():
        with st.container(border=True):
            st.caption("Preview")
            st.markdown(ui.md_text(problem))
            if options.strip():
                st.markdown("**Choices.** " + ui.md_text(options))
    go = st.button(
        "Solve",
        type="primary",
        key="solve_go",
        disabled=not problem.strip(),
        help=None if problem.strip() else "Type a problem first.",
    )
    return problem, options, go


def run_solve(settings, problem: str, options: str, backend: str | None = None) -> None:
    with st.spinner("Solving…"):
        try:
            outcome = solve_and_record(settings, problem, options or None, backend=backend)
        except HiSolverError as exc:
            st.error(str(exc))
            st.stop()
    entry = {
        "outcome": outcome,
        "hints": 0,
        "steps": False,
        "anim": None,
        "good": None,
        "original": None,
        "edit_error": "",
        "start": 0,
        "autoplay": False,
        "chapter": 0,
        "check": None,
        "job": None,
        "progress": ChapterProgress(),
        "started": time.monotonic(),
        "editor": 0,
        "scrolled": False,
        "understood": None if outcome.solution.solved else understood(problem, options or None),
    }
    renderer = renderer_or_none(settings)
    if outcome.solution.solved and renderer is not None:
        # Render while the student reads the hints: step 1 is often ready before the steps are shown.
        entry["job"] = ui.get_background_pool().submit(
            animate_and_record, settings, renderer, outcome, client=ui.client_id(), progress=entry["progress"]
        )
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
    outcome = entry["outcome"]
    solution = outcome.solution
    st.markdown(f"**Problem.** {ui.md_text(solution.problem)}")
    if outcome.options:
        st.markdown("**Choices.** " + " · ".join(ui.md_text(option) for option in outcome.options))
    for note in solution.notes:
        st.caption(f"ℹ️ {ui.md_safe(note)}")


def show_details(entry) -> None:
    """Developer details (which backend, how long) out of the student's way."""
    solution = entry["outcome"].solution
    with st.expander("Details", icon=":material/info:"):
        st.caption(
            f"Topic: {ui.md_literal(solution.topic or 'not recognised')} · answered by "
            f"`{solution.backend}` in {entry['outcome'].timings.get('steps_ms', 0):.0f} ms"
        )


def show_declined(settings, entry, idx: int) -> None:
    solution, found = entry["outcome"].solution, entry["understood"]
    st.warning(f"I can't solve this one reliably, so I won't guess. {ui.md_safe(solution.reason)}")
    if found is not None and not found.empty:
        with st.container(border=True):
            st.markdown("**What I understood**")
            for equation in found.equations:
                st.markdown(f"- the equation ${equation}$")
            if found.quantities:
                st.markdown("- the quantities " + ", ".join(ui.md_literal(q) for q in found.quantities))
    st.markdown(
        "**What you can do**\n\n"
        "- write the equation yourself between dollar signs, e.g. `$3x + 5 = 20$`, and press Solve;\n"
        "- or pick one of the examples at the top to see how a solution looks."
    )
    models = [name for name in settings.backend_chain if name != "builtin"]
    for name in models:
        if st.button(
            f"Try with the model ({name})",
            key=f"try_{name}_{idx}",
            help="A model's answer is checked where the engine can; otherwise it is marked Not verified.",
        ):
            run_solve(settings, solution.problem, ", ".join(entry["outcome"].options), backend=name)
            st.rerun()


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


@st.fragment(run_every=POLL_S)
def chapters_so_far(entry, idx: int) -> None:
    """While the video renders: play the chapters that are ready; rerun the page when all are."""
    if entry["job"] is None or entry["job"].done():
        st.rerun()  # the whole page: the full video replaces the chapters
    chapters = entry["progress"].chapters()
    ready = [c for c in chapters if c.ready]
    elapsed = time.monotonic() - entry["started"]
    st.progress(
        max(0.05, len(ready) / max(1, len(chapters))),
        text=f"Rendering the animation… {len(ready)} of {len(chapters) or 1} parts ready ({elapsed:.0f} s)",
    )
    if not ready:
        return
    shown = (
        chapters[entry["chapter"]]
        if entry["chapter"] < len(chapters) and chapters[entry["chapter"]].ready
        else ready[0]
    )
    st.video(str(shown.video_path), autoplay=entry["autoplay"], muted=True)
    st.caption(f"Playing {shown.title.lower()} while the rest renders.")
    cols = st.columns(len(chapters))
    for n, (col, chapter) in enumerate(zip(cols, chapters, strict=True)):
        if col.button(chapter.title, key=f"chapter_{idx}_{n}", disabled=not chapter.ready, width="stretch"):
            entry["chapter"], entry["autoplay"] = n, True
            st.rerun(scope="fragment")


def collect_video(entry) -> None:
    """Keep the finished background render (the last good video stays when it failed)."""
    anim = entry["job"].result()
    entry["anim"], entry["job"] = anim, None
    if anim.ok:
        entry["good"] = entry["original"] = anim


def render_video(settings, entry, code: str | None = None) -> None:
    renderer = renderer_or_none(settings)
    if renderer is None:
        return
    with st.status("Rendering the animation…", expanded=False) as status:
        anim = animate_and_record(settings, renderer, entry["outcome"], code=code, client=ui.client_id())
        label = "Animation ready" if anim.ok else "The animation did not render"
        status.update(
            label=f"{label} ({anim.seconds:.1f} s{', cached' if anim.cached else ''})",
            state="complete" if anim.ok else "error",
        )
    entry["anim"] = anim
    if anim.ok:
        entry["good"], entry["edit_error"], entry["start"], entry["autoplay"] = anim, "", 0, False
        entry["original"] = entry["original"] or anim
    elif entry["good"] is not None:
        entry["edit_error"] = anim.error  # keep the last good video on screen, the error beside it


def show_player(entry, idx: int) -> None:
    good = entry["good"]
    left, right = st.columns([3, 1])
    left.video(str(good.video_path), start_time=int(entry["start"]), autoplay=entry["autoplay"], muted=True)
    steps = entry["outcome"].solution.steps
    if good.step_times:
        right.caption("Jump to a step")
        for n, t in enumerate(good.step_times):
            tip = steps[n].text if n < len(steps) else None
            if right.button(f"Step {n + 1} · {t:.0f} s", key=f"jump_{idx}_{n}", help=tip, width="stretch"):
                entry["start"], entry["autoplay"] = t, True  # steps start on whole seconds: the seek is exact
                st.rerun()
    elif good.source == "edited":
        right.caption("Jump buttons need the generated scene's steps; this edit changed the scene itself.")
    right.download_button(
        "Download video",
        good.video_path.read_bytes(),
        file_name="hisolver-solution.mp4",
        mime="video/mp4",
        key=f"download_{idx}",
        icon=":material/download:",
        width="stretch",
    )
    if entry["edit_error"]:
        left.error(
            f"Your edited code did not render: {ui.md_literal(entry['edit_error'])}. "
            "The video above is the last one that worked."
        )


def show_video(settings, entry, idx: int) -> None:
    if entry["job"] is not None and not entry["job"].done():
        chapters_so_far(entry, idx)
        return
    if entry["job"] is not None:
        collect_video(entry)
    elif entry["anim"] is None:
        render_video(settings, entry)
    anim = entry["anim"]
    if anim is None:
        reason = st.session_state.get("solve_render_unavailable", "the render service is not available")
        st.warning(f"Animations are unavailable right now ({ui.md_literal(reason)}). The steps above are complete.")
        return
    if entry["good"] is not None:
        show_player(entry, idx)
    else:
        st.warning(f"The animation could not be rendered: {ui.md_literal(anim.error)}. The steps above are complete.")
        if anim.still_path and anim.still_path.exists():
            st.image(str(anim.still_path), caption="The steps as a picture")
    show_editor(settings, entry, idx, entry["good"] or anim)


def show_editor(settings, entry, idx: int, anim) -> None:
    with st.expander("Animation code (edit and re-render)", expanded=bool(entry["edit_error"])):
        edited = st_ace(
            value=anim.code,
            language="python",
            theme="github",
            key=f"ace_{idx}_{entry['editor']}",
            height=320,
            auto_update=True,
            font_size=13,
        )
        left, right = st.columns(2)
        if left.button("Re-render", key=f"rerender_{idx}"):
            render_video(settings, entry, code=edited or anim.code)
            st.rerun()
        original = entry["original"]
        if original is not None and right.button(
            "Reset code", key=f"reset_{idx}", disabled=anim is original and not entry["edit_error"]
        ):
            entry.update(good=original, anim=original, edit_error="", start=0, autoplay=False)
            entry["editor"] += 1  # a fresh editor shows the original code
            st.rerun()


def show_history() -> None:
    history = st.session_state.get(HISTORY, [])
    if len(history) < 2:
        return
    with st.expander(f"This session's problems ({len(history)})"):
        for i, past in enumerate(reversed(history)):
            n = len(history) - 1 - i
            text = past["outcome"].solution.problem
            if st.button(
                text[:90] + ("…" if len(text) > 90 else ""), key=f"history_{n}", disabled=n == st.session_state[CURRENT]
            ):
                st.session_state[CURRENT] = n
                st.rerun()


def scroll_to_results(entry) -> None:
    """Bring a new result into view once (the form above can fill the screen)."""
    if not entry["scrolled"]:
        entry["scrolled"] = True
        st.html(
            "<div id='hisolver-result'></div><script>document.getElementById('hisolver-result')"
            ".scrollIntoView({behavior: 'smooth'})</script>",
            unsafe_allow_javascript=True,
        )


def show_entry(settings, idx: int) -> None:
    entry = st.session_state[HISTORY][idx]
    st.divider()
    scroll_to_results(entry)
    show_header(entry)
    if not entry["outcome"].solution.solved:
        show_declined(settings, entry, idx)
    else:
        show_hints(entry, idx)
        show_check(entry, idx)
        if entry["steps"]:
            show_steps(entry)
            st.subheader("Animation")
            show_video(settings, entry, idx)
    show_details(entry)


settings = ui.require(Role.STUDENT)
st.title("Solve")
problem, options, go = problem_form(settings)
if go:
    run_solve(settings, problem, options)
show_history()
if st.session_state.get(HISTORY):
    show_entry(settings, st.session_state[CURRENT])
