"""Render a scene chapter by chapter so the first step plays while the rest renders.

:func:`render_in_chapters` renders each :class:`~.scenes.Section` of a
template scene through the normal sandboxed, cached :class:`~.renderer.Renderer`
(chapter 1 first, the others as render slots free up), reports each finished
chapter to a :class:`ChapterProgress` that another thread (the Solve page)
reads, then joins the chapters end to end into the full video and stores it
in the render cache under the full scene's key, so a repeat is one cache hit.

Joining copies the encoded frames (no re-encoding): the chapters come from
the same scene at the same quality, so their streams match.
"""

from __future__ import annotations

import io
import logging
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from ..errors import RenderError
from .cache import RenderResult, cache_key
from .scenes import SceneCode

__all__ = ["Chapter", "ChapterProgress", "render_in_chapters", "join_videos"]

log = logging.getLogger(__name__)


class _Renders(Protocol):
    # a renderer's ``workers`` (when it has them) bounds how many chapters render at once

    def render(
        self, code: str, scene: str | None = None, quality: str = "low", *, client: str = "", trusted: bool = False
    ) -> RenderResult: ...


@dataclass(frozen=True)
class Chapter:
    """One part of the video as the student sees it: a title, where it starts, its clip once rendered."""

    title: str
    start_s: float
    first_step: int
    stop_step: int
    video_path: Path | None = None

    @property
    def ready(self) -> bool:
        """True when the chapter's clip can be played."""
        return self.video_path is not None


class ChapterProgress:
    """Chapters of a render in progress; safe to read from one thread while another renders."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._chapters: list[Chapter] = []
        self.first_ready_s: float | None = None  # seconds from the start to the first playable chapter
        self._started = time.perf_counter()

    def plan(self, chapters: list[Chapter]) -> None:
        """Announce the chapters (none ready yet)."""
        with self._lock:
            self._chapters = list(chapters)

    def ready(self, index: int, video_path: Path) -> None:
        """Mark chapter ``index`` playable from ``video_path``."""
        with self._lock:
            self._chapters[index] = replace(self._chapters[index], video_path=video_path)
            if self.first_ready_s is None:
                self.first_ready_s = time.perf_counter() - self._started

    def chapters(self) -> list[Chapter]:
        """A copy of the chapters as they stand now."""
        with self._lock:
            return list(self._chapters)


def join_videos(paths: list[Path]) -> bytes:
    """Return the mp4 bytes of ``paths`` played one after another (frames copied, not re-encoded).

    Raises :class:`RenderError` ("output") when the clips cannot be joined.
    """
    import av

    manifest = "ffconcat version 1.0\n" + "".join(f"file '{Path(p).resolve()}'\n" for p in paths)
    with tempfile.TemporaryDirectory(prefix="hisolver-join-") as tmp:
        out_path = Path(tmp) / "joined.mp4"
        try:
            with (
                av.open(io.BytesIO(manifest.encode()), mode="r", format="concat", options={"safe": "0"}) as source,
                av.open(str(out_path), mode="w") as out,
            ):
                stream = source.streams.video[0]
                target = out.add_stream_from_template(template=stream)
                for packet in source.demux(stream):
                    if packet.dts is None:  # the demuxer's flushing packets
                        continue
                    packet.dts = None  # let libav recompute it across the joins
                    packet.stream = target
                    out.mux(packet)
        except (av.error.FFmpegError, OSError, IndexError) as exc:
            raise RenderError("output", f"the chapters could not be joined into one video: {exc}") from exc
        return out_path.read_bytes()


def render_in_chapters(
    renderer: _Renders,
    scene: SceneCode,
    quality: str = "low",
    *,
    client: str = "",
    progress: ChapterProgress | None = None,
) -> RenderResult:
    """Render ``scene`` (trusted template code) chapter by chapter; return the full video's result.

    Each finished chapter is reported to ``progress``. A cached full video is
    returned at once (its chapters are then all ready, pointing at it).
    Raises :class:`RenderError` when a chapter fails.
    """
    progress = progress or ChapterProgress()
    chapters = [Chapter(s.title, s.start_s, s.first, s.stop) for s in scene.chapters]
    progress.plan(chapters)
    full_key = cache_key(scene.code, scene.scene, quality)
    cache = getattr(renderer, "cache", None)
    hit = cache.get(full_key) if cache is not None else None
    if hit is not None:
        for index in range(len(chapters)):
            progress.ready(index, hit.video_path)
        return hit
    started = time.perf_counter()

    def one(index: int) -> RenderResult:
        result = renderer.render(
            scene.chapters[index].code, scene=scene.scene, quality=quality, client=client, trusted=True
        )
        progress.ready(index, result.video_path)
        return result

    # Chapter 1 is submitted first, so it takes the first free render slot.
    with ThreadPoolExecutor(
        max_workers=max(1, min(getattr(renderer, "workers", 1), len(chapters))), thread_name_prefix="hisolver-chapter"
    ) as pool:
        results = [f.result() for f in [pool.submit(one, i) for i in range(len(chapters))]]
    video = join_videos([r.video_path for r in results])
    last = results[-1]
    meta = {
        "duration_s": round(sum(r.duration_s for r in results), 3),
        "fps": last.fps,
        "width": last.width,
        "height": last.height,
        "scene": scene.scene,
        "quality": quality,
        "seconds": round(time.perf_counter() - started, 3),
        "chapters": len(results),
        "log": "\n".join(r.log for r in results if r.log)[-20000:],
    }
    log.info("joined %d chapters of %s in %.2f s", len(results), scene.scene, meta["seconds"])
    if cache is None:
        raise RenderError("internal", "this render service has no cache to keep the joined video in")
    try:
        return cache.put(full_key, video, last.poster_path.read_bytes(), meta)
    except OSError as exc:
        raise RenderError("internal", f"cannot store the joined video locally: {exc}") from exc
