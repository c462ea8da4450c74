"""A stand-in for the sandboxed renderer that keeps the :class:`RenderService` contract.

It runs the real static policy check, then "renders" by writing a few bytes
where a video and a poster would be, and returns a real :class:`RenderResult`
(so code under test reads the same fields it reads from the real service).
``fail_when`` maps a piece of code to the error it should raise (a RenderError, or any exception for a bug).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from hisolver_core.errors import RenderError
from hisolver_core.rendering import RenderResult, check_code, find_scenes


class FakeRenderService:
    """Records every render; fails on the code fragments in ``fail_when``; never runs Manim."""

    def __init__(self, folder: Path, fail_when: dict[str, Exception] | None = None) -> None:
        self.folder = Path(folder)
        self.fail_when = dict(fail_when or {})
        self.rendered: list[str] = []
        self.calls: list[dict] = []

    def render(
        self, code: str, scene: str | None = None, quality: str = "low", *, client: str = "", trusted: bool = False
    ) -> RenderResult:
        self.rendered.append(code)
        self.calls.append({"scene": scene, "quality": quality, "client": client, "trusted": trusted})
        check_code(code)
        for fragment, error in self.fail_when.items():
            if fragment in code:
                raise error
        scenes = find_scenes(code)
        if scene is None and len(scenes) != 1:
            raise RenderError("policy", "name the scene to render: the code has none or several")
        key = hashlib.sha256(f"{code}\0{scene}\0{quality}".encode()).hexdigest()[:24]
        out = self.folder / key
        out.mkdir(parents=True, exist_ok=True)
        (out / "video.mp4").write_bytes(b"fake video " + key.encode())
        (out / "poster.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
        return RenderResult(
            video_path=out / "video.mp4",
            poster_path=out / "poster.png",
            duration_s=1.0,
            log="",
            cached=False,
            video_key=f"renders/{key}/video.mp4",
            poster_key=f"renders/{key}/poster.png",
            width=854,
            height=480,
            fps=15.0,
            key=key,
        )
