"""``hisolver solve``: the Solve page's answer on the command line."""

from __future__ import annotations

import click

from .common import emit_json, settings_from_env


def _print_solution(solution, video: str | None, timings: dict) -> None:
    if not solution.solved:
        click.echo(f"Not solved: {solution.reason}")
    else:
        click.echo(f"Topic: {solution.topic}   (answered by {solution.backend})")
        for i, hint in enumerate(solution.hints, 1):
            click.echo(f"Hint {i}: {hint}")
        for i, step in enumerate(solution.steps, 1):
            click.echo(f"Step {i}: {step.text}\n    {step.latex}")
        badge = "verified" if solution.verified else "not verified"
        choice = f"  (option {solution.choice})" if solution.choice else ""
        click.echo(f"Answer: {solution.answer_latex}{choice}   [{badge}: {solution.verification}]")
    for note in solution.notes:
        click.echo(f"Note: {note}")
    if video:
        click.echo(f"Video: {video}")
    click.echo("Timings: " + ", ".join(f"{k} {v:.0f} ms" for k, v in timings.items()))


@click.command("solve")
@click.argument("problem")
@click.option("--options", "options", default=None, help='Answer choices, e.g. "A) 2 B) 4 C) 9 D) 10".')
@click.option("--backend", default=None, help="Use only this backend (builtin, openai, vertex, local).")
@click.option("--render", "do_render", is_flag=True, help="Also render the animation (low quality).")
@click.option("--json", "as_json", is_flag=True, help="Last line: one JSON object.")
def solve_cmd(problem: str, options: str | None, backend: str | None, do_render: bool, as_json: bool) -> None:
    """Solve PROBLEM: hints, steps, the verified answer and, with --render, a video.

    \b
    Example:
      hisolver solve "If 2x + 3 = 11, what is x?" --options "A) 2 B) 4 C) 7 D) 8" --render --json
    """
    from ..solving import animate_and_record, solve_and_record

    settings = settings_from_env()
    outcome = solve_and_record(settings, problem, options, backend=backend)
    video = None
    if do_render and outcome.solution.solved:
        from ..rendering import Renderer

        with Renderer(settings) as renderer:
            anim = animate_and_record(settings, renderer, outcome)
        video = str(anim.video_path) if anim.video_path else None
        if anim.error:
            still = f" (still image: {anim.still_path})" if anim.still_path else ""
            outcome.solution.notes.append(f"animation: {anim.error}{still}")
    s = outcome.solution
    if not as_json:
        _print_solution(s, video, outcome.timings)
        return
    emit_json(
        {
            "status": s.status,
            "topic": s.topic,
            "steps": [{"latex": st.latex, "text": st.text} for st in s.steps],
            "hints": s.hints,
            "answer": s.answer_latex,
            "choice": s.choice,
            "verified": s.verified,
            "verification": s.verification,
            "reason": s.reason,
            "backend": s.backend,
            "notes": s.notes,
            "video": video,
            "timings": outcome.timings,
        }
    )
