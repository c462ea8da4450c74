"""The render service: policy check, cache, fair queue, warm sandboxed workers.

One :class:`Renderer` is safe to share between threads (the Solve page keeps
one in ``st.cache_resource``) and several processes may each hold one (the
render-check job): the cache is content-addressed and written atomically.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

from ..blobs import BlobStore, open_blob_store
from ..config import Settings
from ..errors import RenderError
from .cache import RenderCache, RenderResult, cache_key
from .policy import check_code, find_scenes
from .queue import FairQueue, MachineSlots
from .sandbox import PROJECT_ROOT, Limits, WarmPool, isolation, run_job

__all__ = ["Renderer", "QUALITIES"]

log = logging.getLogger(__name__)

QUALITIES = ("low", "medium", "high")
_SYSTEM_FOLDERS = frozenset(
    {"/", "/usr", "/etc", "/bin", "/sbin", "/lib", "/lib64", "/opt", "/var", "/proc", "/sys", "/dev", "/run", "/tmp"}
)


class _Pending:
    """A render in progress that other threads asking for the same key wait on."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.error: RenderError | None = None


class Renderer:
    """Render Manim code to an mp4 and a poster PNG, sandboxed and cached.

    ``workers`` (default ``settings.render_workers`` or the number of cores)
    bounds concurrent renders; ``warm`` keeps that many workers with Manim
    already imported. Use as a context manager or call :meth:`close`.
    """

    def __init__(
        self, settings: Settings, blobs: BlobStore | None = None, *, workers: int | None = None, warm: bool = True
    ) -> None:
        self.settings = settings
        # Without namespaces a job can read any world-readable file and reach the network: then only
        # trusted code (scenes this library generates) runs, unless the operator accepts the risk.
        self.isolated = bool(isolation()[0])
        self.blobs = blobs if blobs is not None else open_blob_store(settings)
        self.workers = workers or settings.render_workers or os.cpu_count() or 1
        self.cache = RenderCache(self.blobs, Path(settings.data_dir) / "cache" / "renders")
        self.queue = FairQueue(self.workers)  # fair between this process's callers
        machine = settings.render_workers or os.cpu_count() or 1
        self.machine = MachineSlots(Path(settings.data_dir) / "cache" / "render-slots", machine)  # across processes
        self.pool = WarmPool(self.workers if warm else 0)
        self._inflight: dict[str, _Pending] = {}
        self._lock = threading.Lock()
        self.pool.fill()

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop the idle warm workers (running renders finish)."""
        self.pool.close()

    def limits(self, quality: str) -> Limits:
        """The resource limits for a render at ``quality``."""
        memory = self.settings.render_memory_mb
        if quality == "high":
            memory = max(memory, 2048)  # Manim's floor at 1080p60 is about 1.3 GB
        return Limits(memory_mb=memory, timeout_s=self.settings.render_timeout_s)

    def render(
        self, code: str, scene: str | None = None, quality: str = "low", *, client: str = "", trusted: bool = False
    ) -> RenderResult:
        """Render ``scene`` from ``code`` (the only scene when None) at ``quality``.

        ``client`` (e.g. a session id) groups requests for fair queueing.
        ``trusted`` marks code this library generated (template scenes); other
        code is refused on a host that cannot isolate it, unless
        ``HISOLVER_ALLOW_UNISOLATED_RENDER=1``. Returns a :class:`RenderResult`
        (``cached=True`` when nothing ran). Raises :class:`RenderError` with
        kind policy, timeout, memory, manim, output or internal.
        """
        check_code(code)
        if not (trusted or self.isolated or self.settings.allow_unisolated_render):
            raise RenderError(
                "policy",
                "this machine cannot isolate untrusted code (no Linux namespaces: run as root, or in Docker add "
                "--cap-add SYS_ADMIN); set HISOLVER_ALLOW_UNISOLATED_RENDER=1 to render it anyway",
            )
        return self._render(code, scene, quality, client)

    def _run_unchecked(self, code: str, scene: str | None = None, quality: str = "low") -> RenderResult:
        """Render WITHOUT the static check: only for tests of the sandbox's containment."""
        return self._render(code, scene, quality, "tests")

    def _render(self, code: str, scene: str | None, quality: str, client: str) -> RenderResult:
        if quality not in QUALITIES:
            raise RenderError("policy", f"unknown quality {quality!r}: use low, medium or high")
        scene = scene or self._only_scene(code)
        key = cache_key(code, scene, quality)
        while True:
            hit = self.cache.get(key)
            if hit is not None:
                return hit
            with self._lock:
                pending = self._inflight.get(key)
                if pending is None:
                    mine = self._inflight[key] = _Pending()
                    break
            pending.done.wait()  # the same request is rendering in another thread: share its outcome
            if pending.error is not None:
                raise RenderError(pending.error.kind, str(pending.error), pending.error.log)
        try:
            with self.queue.slot(client), self.machine.slot():
                hit = self.cache.get(key)  # another process may have rendered it while we waited
                return hit if hit is not None else self._render_now(code, scene, quality, key)
        except RenderError as exc:
            mine.error = exc
            raise
        finally:
            with self._lock:
                self._inflight.pop(key).done.set()

    @staticmethod
    def _only_scene(code: str) -> str:
        names = find_scenes(code)
        if len(names) != 1:
            found = ", ".join(names) or "none"
            raise RenderError("manim", f"name the scene to render (scenes found: {found})")
        return names[0]

    def _render_now(self, code: str, scene: str, quality: str, key: str) -> RenderResult:
        started = time.monotonic()
        job = {"code": code, "scene": scene, "quality": quality, "hide": self._hidden(), "reveal": self._revealed()}
        raw = run_job(self.pool.take(), job, self.limits(quality))
        logtext = "\n".join(["sandbox: " + n for n in raw.notes] + [raw.log]).strip()
        if not raw.header.get("ok"):
            kind = raw.header.get("kind")
            kind = kind if kind in ("timeout", "memory", "manim", "output") else "internal"
            raise RenderError(kind, f"render failed: {str(raw.header.get('message', ''))[:500]}", logtext)
        try:
            meta: dict[str, Any] = {name: float(raw.header[name]) for name in ("duration_s", "fps")}
            meta.update({name: int(raw.header[name]) for name in ("width", "height")})
        except (KeyError, TypeError, ValueError) as exc:
            raise RenderError("output", "the render sent no video metadata", logtext) from exc
        meta.update(log=logtext, scene=scene, quality=quality, seconds=round(time.monotonic() - started, 3))
        log.info("rendered %s (%s, %s) in %.2f s", scene, quality, key[:12], meta["seconds"])
        try:
            return self.cache.put(key, raw.video, raw.poster, meta)
        except OSError as exc:
            raise RenderError("internal", f"cannot store the render locally: {exc}", logtext) from exc

    def _hidden(self) -> list[str]:
        """Folders the sandbox hides: home, the data folder, Streamlit secrets, credential files' folders."""
        folders = [Path.home(), Path(self.settings.data_dir), PROJECT_ROOT / ".streamlit"]
        # credentials named by settings may live anywhere: hide the folder that holds them
        secrets = [self.settings.gcs_credentials_file, os.environ.get("HISOLVER_SECRETS_FILE", "")]
        folders += [Path(p).expanduser().parent for p in secrets if p and Path(p).expanduser().is_file()]
        resolved = {str(p.resolve()) for p in folders if p.is_dir()}
        return sorted(p for p in resolved if p not in _SYSTEM_FOLDERS)  # HOME=/ must not hide the system

    @staticmethod
    def _revealed() -> list[str]:
        """Folders the worker still needs inside hidden ones: the Python installation and this project."""
        paths = {sys.base_prefix, sys.prefix, str(PROJECT_ROOT)}
        paths.update(p for p in sys.path if p and os.path.isdir(p))
        return sorted(os.path.realpath(p) for p in paths)
