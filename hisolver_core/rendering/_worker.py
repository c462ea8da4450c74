"""The sandboxed render worker: the child process that runs untrusted Manim code.

Started by :mod:`.pool` (usually as ``unshare --net --mount --pid --fork
--kill-child --mount-proc python -m hisolver_core.rendering._worker``), it
imports Manim first (the warm part: about 0.7 s saved per job), then blocks on
stdin for ONE job, then:

1. hides the host's private folders and temporary folders behind fresh tmpfs
   mounts (when it may mount), keeping the Python installation reachable;
2. drops to the unprivileged ``nobody`` user with ``no_new_privs`` (when root);
3. sets resource limits (address space, CPU, file size, processes, files);
4. closes stdin, sends stdout/stderr to a log file, chdirs into its private
   ``/tmp/work`` (HOME and TMPDIR point there too);
5. executes the code, renders the scene, and writes the result on the one
   channel the parent reads: a JSON header line, then the mp4 bytes, then the
   poster PNG bytes.

Everything before step 5 is trusted code; everything after it may be hostile,
so the parent treats the header as untrusted data (types and sizes checked).
This module must stay importable without side effects: it is also imported by
the tests for its constants.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import sys
import traceback
from typing import Any

NOBODY = 65534
WORK = "/tmp/work"
SCENE_FILE = "scene.py"
LOG_TAIL = 16_000

_MS_NOSUID, _MS_NODEV, _MS_REMOUNT, _MS_BIND, _MS_REC, _MS_PRIVATE = 2, 4, 32, 4096, 16384, 1 << 18
_MS_RDONLY = 1
_PR_SET_NO_NEW_PRIVS = 38

QUALITIES = {"low": "low_quality", "medium": "medium_quality", "high": "high_quality"}


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _mount(src: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = lambda s: None if s is None else s.encode()  # noqa: E731
    if _libc().mount(enc(src), enc(target), enc(fstype), flags, enc(data)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {target}: {os.strerror(err)}")


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _isolate_files(job: dict, notes: list[str]) -> None:
    """Hide private folders and give the job private temporary folders (needs a mount namespace)."""
    if not job.get("own_mount_namespace"):
        # Never mount anything in the host's namespace: that would change the host's /tmp.
        notes.append("files: no mount namespace; private cwd only")
        os.makedirs(job["fallback_dir"], exist_ok=True)
        return
    try:
        _mount(None, "/", None, _MS_REC | _MS_PRIVATE)
    except OSError as exc:
        notes.append(f"files: not isolated ({exc.strerror}); private cwd only")
        os.makedirs(job["fallback_dir"], exist_ok=True)
        return
    reveal = sorted({os.path.realpath(p) for p in job.get("reveal", []) if os.path.isdir(p)})
    reveal = [p for p in reveal if not any(q != p and _under(p, q) for q in reveal)]  # top-most only
    hide = [os.path.realpath(p) for p in job.get("hide", []) if os.path.isdir(p)]
    scratch = [d for d in ("/var/tmp", "/dev/shm") if os.path.isdir(d)]
    # Folders the worker needs (Python, this project) may sit inside a hidden folder or inside
    # /tmp (a checkout in /tmp, say): hold them open now, bind them back read-only afterwards.
    covered = [*hide, *scratch, "/tmp"]
    keep = {p: os.open(p, os.O_PATH | os.O_DIRECTORY) for p in reveal if any(_under(p, h) for h in covered)}
    for folder in hide:
        _mount("tmpfs", folder, "tmpfs", _MS_NOSUID | _MS_NODEV, "mode=0755,size=1m")
    for folder in scratch:
        _mount("tmpfs", folder, "tmpfs", _MS_NOSUID | _MS_NODEV, "mode=1777,size=1m")
    _mount("tmpfs", "/tmp", "tmpfs", _MS_NOSUID | _MS_NODEV, f"mode=1777,size={int(job['disk_mb'])}m")
    for path, fd in keep.items():
        os.makedirs(path, exist_ok=True)
        _mount(f"/proc/self/fd/{fd}", path, None, _MS_BIND | _MS_REC)
        _mount(None, path, None, _MS_BIND | _MS_REMOUNT | _MS_RDONLY)
        os.close(fd)
    os.makedirs(WORK)
    notes.append(f"files: private tmpfs /tmp ({job['disk_mb']} MB); hidden: {', '.join(hide) or 'none'}")


def _reachable_by_others(path: str) -> bool:
    """True when every folder above ``path`` lets other users through (o+x)."""
    path = os.path.realpath(path)
    while True:
        if not os.stat(path).st_mode & 0o001:
            return False
        parent = os.path.dirname(path)
        if parent == path:
            return True
        path = parent


def _drop_privileges(job: dict, notes: list[str]) -> None:
    if os.geteuid() != 0:
        notes.append(f"user: runs as uid {os.geteuid()} (not root, nothing to drop)")
    elif not job.get("own_mount_namespace") and not all(map(_reachable_by_others, (sys.base_prefix, sys.prefix))):
        # Without a mount namespace we cannot reveal a Python that lives in a private folder to 'nobody'.
        notes.append("user: stays root (Python is not reachable by nobody and there is no mount namespace)")
    else:
        # A fresh uid per job: RLIMIT_NPROC counts processes per uid machine-wide, so a fork
        # bomb in one job must not use up the budget of renders running beside it.
        uid = int(job.get("uid", NOBODY))
        os.chown(WORK, uid, uid)
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        notes.append(f"user: dropped root to uid {uid}, used by this job alone")
    if _libc().prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0:
        notes.append("no_new_privs: set")


def _set_limits(job: dict, notes: list[str]) -> None:
    mib = 1024 * 1024
    cpu = int(job["cpu_s"])
    limits = {
        "AS": (resource.RLIMIT_AS, job["memory_mb"] * mib),
        "CPU": (resource.RLIMIT_CPU, cpu),
        "FSIZE": (resource.RLIMIT_FSIZE, job["fsize_mb"] * mib),
        "NOFILE": (resource.RLIMIT_NOFILE, 256),
        "CORE": (resource.RLIMIT_CORE, 0),
        "NPROC": (resource.RLIMIT_NPROC, job["nproc"]),
    }
    for name, (which, value) in limits.items():
        hard = value + 5 if name == "CPU" else value  # SIGXCPU at soft, SIGKILL at hard
        resource.setrlimit(which, (value, hard))
    root = os.geteuid() == 0
    notes.append(
        f"limits: AS {job['memory_mb']} MB, CPU {cpu} s, FSIZE {job['fsize_mb']} MB, NOFILE 256, "
        f"NPROC {job['nproc']}" + (" (ignored: still root)" if root else "")
    )


def _redirect_io() -> int:
    """Close stdin, send stdout/stderr to the log; return a private fd for the result."""
    result_fd = os.dup(1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    log = os.open(os.path.join(WORK, "render.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    sys.stdin = open(os.devnull)  # noqa: SIM115
    return result_fd


def _user_error(exc: BaseException, filename: str | None = None) -> str:
    """The user-level line of a traceback: where in the scene code it failed.

    Only frames of the snippet's own file count (``filename``, by default the one
    :func:`_render` compiles): Manim's ``scene/scene.py`` also ends in ``scene.py``.
    """
    own = filename or os.path.join(WORK, SCENE_FILE)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == own]
    where = f"line {frames[-1].lineno}: " if frames else ""
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    if "latex error" in first.lower():
        return f"{where}LaTeX error: {_latex_error(first)}"[:500]
    return f"{where}{type(exc).__name__}: {first}"[:500]


def _latex_error(message: str) -> str:
    """The first ``! ...`` line of the LaTeX log that Manim's message points to."""
    import re

    found = re.search(r"(\S+\.log)", message)
    if found is None:
        return ""
    try:
        with open(found.group(1), encoding="utf-8", errors="replace") as fh:
            lines = [line[2:].strip() for line in fh if line.startswith("! ")]
    except (AttributeError, OSError):
        lines = []
    return lines[0] if lines else "the formula does not compile"


def _render(job: dict) -> dict:
    from manim import Scene, config

    config.media_dir = os.path.join(WORK, "media")
    config.quality = QUALITIES[job["quality"]]
    config.verbosity = "WARNING"
    config.progress_bar = "none"
    config.disable_caching = True
    namespace = {"__name__": "__hisolver_scene__"}
    code = compile(job["code"], os.path.join(WORK, SCENE_FILE), "exec")
    exec(code, namespace)  # the untrusted part: already policy-checked unless a test skips it
    cls = namespace.get(job["scene"])
    if not (isinstance(cls, type) and issubclass(cls, Scene)):
        return {"ok": False, "kind": "manim", "message": f"no Scene class named {job['scene']!r} in the code"}
    scene = _with_min_length(cls)()
    scene.render()
    movie = str(scene.renderer.file_writer.movie_file_path or "")
    poster = os.path.join(WORK, "poster.png")
    from PIL import Image

    Image.fromarray(scene.renderer.get_frame()).convert("RGB").save(poster)
    return {"ok": True, "movie": movie, "poster": poster, **_probe(movie)}


def _with_min_length(cls: Any) -> type:
    """A subclass that waits one second when the scene played nothing (Manim writes no video then)."""

    def construct(self) -> None:
        cls.construct(self)
        if self.renderer.num_plays == 0:
            self.wait(1)

    return type(cls.__name__, (cls,), {"construct": construct})


def _probe(movie: str) -> dict:
    import av

    with av.open(movie) as container:
        stream = container.streams.video[0]
        duration = float(container.duration or 0) / 1e6
        return {
            "width": stream.codec_context.width,
            "height": stream.codec_context.height,
            "fps": float(stream.guessed_rate or stream.base_rate or stream.average_rate or 0),
            "duration_s": duration,
        }


def _classify(exc: BaseException) -> str:
    if isinstance(exc, MemoryError):
        return "memory"
    if isinstance(exc, OSError) and exc.errno in (27, 28):  # EFBIG (RLIMIT_FSIZE), ENOSPC (tmpfs full)
        return "output"
    return "manim"


def _send(fd: int, header: dict) -> None:
    paths = [header.pop("movie", None), header.pop("poster", None)] if header.get("ok") else []
    sizes = [os.path.getsize(p) for p in paths]
    header["sizes"] = sizes
    try:
        with open(os.path.join(WORK, "render.log"), "rb") as fh:
            fh.seek(max(0, os.fstat(fh.fileno()).st_size - LOG_TAIL))
            header["log"] = fh.read().decode("utf-8", "replace")
    except OSError:
        header["log"] = ""
    out = os.fdopen(fd, "wb")
    out.write(json.dumps(header).encode() + b"\n")
    for path in paths:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                out.write(chunk)
    out.flush()


def main() -> None:
    """Warm up, wait for one job on stdin, run it sandboxed, answer on stdout, exit."""
    import time

    started = time.monotonic()
    os.environ.setdefault("COLUMNS", "200")
    import av  # noqa: F401
    import manim  # noqa: F401  (the warm part)
    from PIL import Image  # noqa: F401

    imported = time.monotonic()
    line = sys.stdin.buffer.readline()
    received = time.monotonic()
    if not line:
        os._exit(0)  # the pool closed us unused
    job = json.loads(line)
    notes: list[str] = list(job.get("notes", []))
    try:
        _isolate_files(job, notes)
        workdir = WORK if os.path.isdir(WORK) else job["fallback_dir"]
        globals()["WORK"] = workdir
        _drop_privileges(job, notes)
        os.environ.update(HOME=workdir, TMPDIR=workdir, TEMP=workdir, TMP=workdir)
        os.chdir(workdir)
        _set_limits(job, notes)
        fd = _redirect_io()
    except Exception as exc:  # noqa: BLE001 - a broken sandbox must never run the code
        sys.stdout.write(
            json.dumps({"ok": False, "kind": "internal", "message": f"sandbox setup failed: {exc}", "notes": notes})
            + "\n"
        )
        sys.stdout.flush()
        os._exit(3)
    ready = time.monotonic()
    try:
        header = _render(job)
    except BaseException as exc:  # noqa: BLE001 - report every failure of the untrusted code
        try:
            traceback.print_exc()
        except BaseException:  # noqa: BLE001 - the log itself may be what failed (disk full)
            pass
        header = {"ok": False, "kind": _classify(exc), "message": _user_error(exc)}
    header["notes"] = notes + [
        f"timing: import {imported - started:.2f} s (done {max(0.0, received - imported):.2f} s before the job), "
        f"sandbox setup {ready - received:.2f} s, render {time.monotonic() - ready:.2f} s"
    ]
    try:
        _send(fd, header)
    except BaseException as exc:  # noqa: BLE001
        os.write(
            fd,
            (
                json.dumps({"ok": False, "kind": "output", "message": f"cannot send output: {exc}", "notes": notes})
                + "\n"
            ).encode(),
        )
    os._exit(0)


if __name__ == "__main__":
    main()
