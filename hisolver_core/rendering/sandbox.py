"""The sandbox: start render workers in namespaces, hand one job to one process, read capped output.

Each job runs in a fresh process (:mod:`._worker`) that imported Manim before
it saw the code; :class:`WarmPool` keeps such processes ready. Isolation, as
far as the OS allows (probed once by :func:`isolation`):

- ``unshare --net --mount --pid --fork --kill-child --mount-proc``: no network
  (only a down loopback), private mounts, its own process tree that dies as a
  whole when the worker is killed;
- inside, private tmpfs ``/tmp`` (the only writable place, size-capped),
  ``/var/tmp`` and ``/dev/shm``; the home folder and the data folder hidden;
- the worker drops root to ``nobody`` with ``no_new_privs``, so file
  permissions and ``RLIMIT_NPROC`` apply;
- rlimits: address space, CPU (paired with a wall-clock timeout), file size,
  open files, processes, no core dumps; stdin closed; a clean environment
  (no secrets); output only through a pipe, size-capped.

Without ``unshare`` (not root, no user namespaces) the worker runs with the
rlimits in a private temporary folder, and the result's log says so.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RenderError

__all__ = ["Limits", "RawResult", "WarmPool", "isolation", "run_job"]

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
UNSHARE = ["unshare", "--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc"]
MAX_VIDEO_BYTES = 200 * 1024 * 1024
MAX_POSTER_BYTES = 20 * 1024 * 1024
MAX_HEADER_BYTES = 256 * 1024


@dataclass(frozen=True)
class Limits:
    """Resource limits for one render."""

    memory_mb: int = 1536
    timeout_s: float = 60.0
    fsize_mb: int = 512
    disk_mb: int = 1024
    nproc: int = 256

    @property
    def cpu_s(self) -> int:
        # RLIMIT_CPU counts every thread (the encoder is threaded): allow two cores' worth.
        return int(self.timeout_s * 2) + 1


@dataclass
class RawResult:
    """What a worker sent back: the header (untrusted data) and the output bytes."""

    header: dict
    video: bytes = b""
    poster: bytes = b""
    log: str = ""
    notes: list[str] = field(default_factory=list)


@functools.cache
def isolation() -> tuple[tuple[str, ...], str]:
    """Return (command prefix, description) for the strongest isolation this machine allows."""
    if shutil.which("unshare"):
        for prefix in (UNSHARE, UNSHARE[:1] + ["--map-root-user"] + UNSHARE[1:]):
            try:
                done = subprocess.run(prefix + ["true"], capture_output=True, timeout=10, stdin=subprocess.DEVNULL)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if done.returncode == 0:
                how = "user namespace" if "--map-root-user" in prefix else "root"
                return tuple(prefix), f"network: none (unshare --net, {how}); own pid and mount namespaces"
    return (), "network: NOT isolated (unshare unavailable); process group only"


def _clean_env() -> dict[str, str]:
    """The worker's environment: no secrets, single-threaded BLAS, wide logs."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TZ")}
    keep.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    keep.update(
        PYTHONPATH=str(PROJECT_ROOT),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONNOUSERSITE="1",
        COLUMNS="200",
        OPENBLAS_NUM_THREADS="1",
        OMP_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        MALLOC_ARENA_MAX="2",
    )
    return keep


class Worker:
    """One started worker process (possibly still importing Manim)."""

    def __init__(self) -> None:
        prefix, self.how = isolation()
        self.namespaced = "--mount" in prefix
        cmd = [*prefix, sys.executable, "-m", "hisolver_core.rendering._worker"]
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_clean_env(),
            cwd="/",
            start_new_session=True,
            close_fds=True,
        )

    def alive(self) -> bool:
        """True while the process has not exited."""
        return self.proc.poll() is None

    def kill(self) -> None:
        """Kill the worker's whole process group (its pid namespace dies with it)."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            log.warning("render worker %s did not die", self.proc.pid)

    def close(self) -> None:
        """Kill the worker and close its pipes."""
        self.kill()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                if stream:
                    stream.close()
            except OSError:
                pass


class WarmPool:
    """Keeps up to ``size`` idle workers that have already imported Manim; each runs one job."""

    def __init__(self, size: int) -> None:
        self.size = max(0, size)
        self._idle: list[Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    def fill(self) -> None:
        """Start workers until ``size`` are idle."""
        with self._lock:
            self._idle = [w for w in self._idle if w.alive()]
            while not self._closed and len(self._idle) < self.size:
                self._idle.append(Worker())

    def take(self) -> Worker:
        """Return a worker for one job (a warm one when there is one) and start its replacement."""
        with self._lock:
            worker = None
            while self._idle and worker is None:
                candidate = self._idle.pop(0)
                worker = candidate if candidate.alive() else None
        worker = worker or Worker()
        self.fill()
        return worker

    def close(self) -> None:
        """Stop every idle worker."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.close()


def _read_capped(stream, cap: int, sink: list[bytes], overflow: list[bool], on_overflow=None) -> None:
    total = 0
    try:
        while chunk := stream.read(1 << 16):
            total += len(chunk)
            if total > cap:
                overflow.append(True)
                if on_overflow:
                    on_overflow()  # stop a flood now rather than at the timeout
                return
            sink.append(chunk)
    except (OSError, ValueError):
        return


# Each job runs under its own uid from this range (no passwd entry needed).
SANDBOX_UID_FIRST = 200_000
SANDBOX_UID_COUNT = 1_000_000


def run_job(worker: Worker, job: dict, limits: Limits) -> RawResult:
    """Send ``job`` to ``worker``, wait at most ``limits.timeout_s``, and return its output.

    Always leaves the worker dead. Raises :class:`RenderError` (``timeout``,
    ``memory``, ``output``, ``internal``) when no usable header came back.
    """
    uid = SANDBOX_UID_FIRST + secrets.randbelow(SANDBOX_UID_COUNT)
    job = {
        **job,
        "memory_mb": limits.memory_mb,
        "cpu_s": limits.cpu_s,
        "fsize_mb": limits.fsize_mb,
        "disk_mb": limits.disk_mb,
        "nproc": limits.nproc,
        "notes": [worker.how],
        "own_mount_namespace": worker.namespaced,
        "uid": uid,
    }
    # The pid in the name lets the next run's cleanup (collection.cleanup) remove it if we are killed.
    fallback = tempfile.mkdtemp(prefix=f"hisolver-render-{os.getpid()}-")
    job["fallback_dir"] = fallback
    out: list[bytes] = []
    err: list[bytes] = []
    overflow: list[bool] = []
    cap = MAX_HEADER_BYTES + MAX_VIDEO_BYTES + MAX_POSTER_BYTES
    readers = [
        threading.Thread(target=_read_capped, args=(worker.proc.stdout, cap, out, overflow, worker.kill), daemon=True),
        threading.Thread(target=_read_capped, args=(worker.proc.stderr, 1 << 20, err, []), daemon=True),
    ]
    for thread in readers:
        thread.start()
    timed_out = False
    try:
        try:
            stdin = worker.proc.stdin
            assert stdin is not None  # the pool starts workers with stdin=PIPE
            stdin.write(json.dumps(job).encode() + b"\n")
            stdin.close()
        except OSError as exc:
            raise RenderError("internal", f"render worker is gone: {exc}") from exc
        try:
            worker.proc.wait(timeout=limits.timeout_s)
        except subprocess.TimeoutExpired:
            timed_out = True
    finally:
        worker.kill()  # the whole group; the pid namespace goes with it, so the pipes reach EOF
        for thread in readers:
            thread.join(timeout=5)
        worker.close()
        shutil.rmtree(fallback, ignore_errors=True)
    stderr = f"sandbox: job uid {uid}\n" + b"".join(err).decode("utf-8", "replace")[-8000:]
    if timed_out:
        raise RenderError("timeout", f"the render took longer than {limits.timeout_s:g} s and was stopped", stderr)
    if overflow:
        raise RenderError("output", "the render produced more output than allowed", stderr)
    return _parse(b"".join(out), worker.proc.returncode, stderr)


def _parse(data: bytes, returncode: int, stderr: str) -> RawResult:
    newline = data.find(b"\n", 0, MAX_HEADER_BYTES)
    header = None
    if newline > 0:
        try:
            header = json.loads(data[:newline])
        except ValueError:
            header = None
    if not isinstance(header, dict):
        if returncode in (-signal.SIGXCPU, -signal.SIGKILL) and "MemoryError" not in stderr:
            raise RenderError("timeout", "the render used more CPU time than allowed and was stopped", stderr)
        if "MemoryError" in stderr or "Cannot allocate memory" in stderr or returncode == -signal.SIGSEGV:
            raise RenderError("memory", "the render ran out of memory", stderr)
        raise RenderError("internal", f"the render worker died without an answer (exit {returncode})", stderr)
    notes = [str(n) for n in header.get("notes", [])][:20] if isinstance(header.get("notes"), list) else []
    logtext = str(header.get("log", ""))[-16000:]
    result = RawResult(header=header, log=logtext, notes=notes)
    if header.get("ok") is True:
        sizes = header.get("sizes")
        if not (isinstance(sizes, list) and len(sizes) == 2 and all(isinstance(s, int) and s >= 0 for s in sizes)):
            raise RenderError("output", "the render sent a malformed answer", logtext)
        body = data[newline + 1 :]
        if len(body) != sizes[0] + sizes[1] or sizes[0] > MAX_VIDEO_BYTES or sizes[1] > MAX_POSTER_BYTES:
            raise RenderError("output", "the render's output does not match what it announced", logtext)
        result.video, result.poster = body[: sizes[0]], body[sizes[0] :]
        if result.video[4:8] != b"ftyp" or not result.poster.startswith(b"\x89PNG\r\n\x1a\n"):
            raise RenderError("output", "the render did not produce an mp4 video and a PNG poster", logtext)
    return result
