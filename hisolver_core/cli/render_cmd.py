"""``hisolver render``: render a Manim file through the sandboxed, cached renderer."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from ..errors import RenderError
from .common import emit_json, settings_from_env


@click.command("render")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--scene", default=None, help="Scene class to render (default: the only one in the file).")
@click.option("--quality", type=click.Choice(["low", "medium", "high"]), default="low", show_default=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Copy the video and poster into this folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def render_cmd(file: Path, scene: str | None, quality: str, out_dir: Path | None, as_json: bool) -> None:
    """Render FILE (Manim Community code) in the sandbox; print the video and poster paths.

    The code is statically checked first, then rendered in a child process with
    no network and resource limits; identical requests come from the cache.
    Exits 1 with a one-line reason when the code is refused or the render fails.

    \b
    Example:
      hisolver render scene.py --scene Intro --quality low --out renders/ --json
    """
    from ..rendering import Renderer

    code = file.read_text(encoding="utf-8", errors="replace")
    try:
        with Renderer(settings_from_env(), workers=1, warm=False) as renderer:
            result = renderer.render(code, scene=scene, quality=quality)
    except RenderError as exc:
        if as_json:
            emit_json({"ok": False, "kind": exc.kind, "error": str(exc)})
            raise SystemExit(1) from exc
        raise click.ClickException(f"{exc.kind}: {exc}") from exc
    video, poster = result.video_path, result.poster_path
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        stem = scene or file.stem
        video = Path(shutil.copyfile(result.video_path, out_dir / f"{stem}.mp4"))
        poster = Path(shutil.copyfile(result.poster_path, out_dir / f"{stem}.png"))
    if as_json:
        emit_json(
            {
                "ok": True,
                "video": str(video),
                "poster": str(poster),
                "duration_s": result.duration_s,
                "width": result.width,
                "height": result.height,
                "fps": result.fps,
                "cached": result.cached,
                "key": result.key,
            }
        )
        return
    click.echo(f"video:  {video}")
    click.echo(f"poster: {poster}")
    click.echo(
        f"{result.width}x{result.height} {result.fps:g} fps, {result.duration_s:.2f} s"
        + (" (cached)" if result.cached else "")
    )
