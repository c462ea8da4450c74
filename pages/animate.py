"""Animate page: describe an animation; the deployed model writes Manim code, the sandbox renders it."""

from __future__ import annotations

import streamlit as st
from streamlit_ace import st_ace

from hisolver_core.auth import Role
from hisolver_core.solving.animator import MODEL_ANIMATORS, animate_prompt, render_edited
from pages import _shared as ui

RESULT = "animate_result"
EXAMPLES = [
    "A blue circle that grows and turns into a square.",
    "The graph of y = x^2 drawn on axes, with its vertex marked.",
    "The Pythagorean theorem: a right triangle with squares on its sides.",
]


def prompt_form() -> tuple[str, str | None, bool]:
    """The description box, the model choice and the Animate button."""
    st.caption(
        "Describe an animation in words. The deployed model writes the Manim code; it runs only in the "
        "render sandbox, after a safety check."
    )
    prompt = st.text_area("Animation", key="animate_prompt", height=100, placeholder=EXAMPLES[0], max_chars=1000)
    left, right = st.columns([1, 3])
    choice = left.selectbox(
        "Model",
        ["configured", *MODEL_ANIMATORS],
        key="animate_backend",
        help="configured: HISOLVER_ANIMATOR, else the first model in HISOLVER_BACKENDS",
    )
    go = right.button("Animate", key="animate_go", type="primary", icon=":material/movie:")
    return prompt, None if choice == "configured" else choice, go


def show(result) -> None:
    """The video (or the reason there is none), who wrote it, and the code in the editor."""
    st.caption(
        f"Written by `{result.model}` in {result.seconds:.1f} s"
        + (f", after {result.repairs} repair(s)" if result.repairs else "")
    )
    if result.ok:
        left, right = st.columns([3, 1])
        left.video(str(result.video_path))
        right.download_button(
            "Download video",
            result.video_path.read_bytes(),
            file_name="hisolver-animation.mp4",
            mime="video/mp4",
            key="animate_download",
            icon=":material/download:",
            width="stretch",
        )
    elif result.source == "refused":
        st.error(ui.md_literal(result.message))
    else:
        st.warning(ui.md_literal(result.message or "no video was rendered"))
    if not result.code:
        return
    with st.expander("Manim code (edit and re-render)", expanded=not result.ok):
        edited = st_ace(
            value=result.code,
            language="python",
            theme="github",
            key="animate_ace",
            height=320,
            auto_update=True,
            font_size=13,
        )
        if st.button("Re-render", key="animate_rerender"):
            with st.spinner("Rendering in the sandbox…"):
                st.session_state[RESULT] = render_edited(
                    settings, ui.get_renderer(settings), result, edited or result.code
                )
            st.rerun()


settings = ui.require(Role.STUDENT)
st.title("Animate")
prompt, backend, go = prompt_form()
if go:
    renderer = ui.run_or_stop(ui.get_renderer, settings)
    with st.status("The model is writing the scene; then the sandbox renders it…", expanded=False) as status:
        result = ui.run_or_stop(animate_prompt, settings, renderer, prompt, backend)
        status.update(label="Animation ready" if result.ok else "No video", state="complete" if result.ok else "error")
    st.session_state[RESULT] = result
if st.session_state.get(RESULT) is not None:
    show(st.session_state[RESULT])
