"""A stub of the GitHub REST API on 127.0.0.1, enough for the collector and PyGithub.

Serves: ``/search/repositories`` (``created:A..B`` ranges, the result cap,
``Link`` pagination), ``/repos/{o}/{r}``, ``/repos/{o}/{r}/branches/{b}``,
``/repos/{o}/{r}/tarball/{ref}`` (302 to ``/_codeload/...``), the tarball
itself (with the commit in its pax header, like ``git archive``) and
``/rate_limit``. Every API answer carries ``X-RateLimit-*`` headers; a quota
(``limit`` per ``window_s``) answers 403 with a reset time once used up.
Faults are injected per path substring: ``500``, ``502``, ``ratelimit``,
``secondary`` (403 + Retry-After), ``slow:<seconds>``.

Run standalone for benchmarks: ``python tests/collection/github_stub.py --repos 200``.
"""

from __future__ import annotations

import io
import json
import re
import tarfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlencode, urlparse

__all__ = ["StubRepo", "GitHubStub", "make_repos", "scene_file"]


@dataclass
class StubRepo:
    owner: str
    name: str
    files: dict[str, bytes]
    created_at: datetime
    stars: int = 1
    license: str | None = "MIT"
    default_branch: str = "main"
    sha: str = "0" * 40
    pushed_at: datetime | None = None

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def push(self, files: dict[str, bytes], sha: str) -> None:
        """A new commit on the default branch."""
        self.files, self.sha = files, sha
        self.pushed_at = (self.pushed_at or self.created_at) + timedelta(hours=1)


def scene_file(i: int, j: int) -> bytes:
    """A small, distinct Manim Community file."""
    return (
        f"from manim import *\n\nRADIUS_{j} = {i % 7 + 1}\n\n\n"
        f"class Scene{i}x{j}(Scene):\n    def construct(self):\n"
        f"        c = Circle(radius=RADIUS_{j})\n        self.play(Create(c))\n"
        f"        self.play(c.animate.shift(RIGHT * {j}))\n        self.wait({i % 3})\n"
    ).encode()


def make_repos(
    n: int, files_per_repo: int, start: datetime | None = None, step: timedelta = timedelta(days=3)
) -> list[StubRepo]:
    """``n`` repositories created ``step`` apart, each with ``files_per_repo`` scenes and a README."""
    start = start or datetime(2019, 1, 1, tzinfo=UTC)
    repos = []
    for i in range(n):
        files = {f"scenes/s{j}.py": scene_file(i, j) for j in range(files_per_repo)}
        files["README.md"] = b"# demo\n"
        repos.append(
            StubRepo(
                owner=f"user{i % 17}", name=f"manim-demo-{i}", files=files, created_at=start + step * i,
                stars=i, license=None if i % 5 == 0 else "MIT", sha=f"{i:040x}",
            )
        )  # fmt: skip
    return repos


def _parse_time(text: str) -> datetime:
    if "T" not in text:
        text += "T00:00:00Z"
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class GitHubStub:
    repos: list[StubRepo]
    latency: float = 0.0
    search_cap: int = 1000
    limit: int = 5000
    window_s: float = 3600.0
    faults: list[tuple[str, str]] = field(default_factory=list)  # (path substring, kind), used once each
    counts: Counter = field(default_factory=Counter)
    log: list[str] = field(default_factory=list)
    auth_headers: list[str] = field(default_factory=list)
    commit_header: bool = True  # False: tarballs without the commit in their pax header
    moved_head: str | None = None  # the branch endpoint answers this head (a push during a download)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._window_start = time.time()
        self._used = 0
        self._tar_cache: dict[tuple[str, str], bytes] = {}
        self.server: ThreadingHTTPServer | None = None

    # -- lifecycle
    def start(self) -> GitHubStub:
        stub = self

        class Handler(_Handler):
            pass

        Handler.stub = stub
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def by_name(self, full_name: str) -> StubRepo | None:
        return next((r for r in self.repos if r.full_name == full_name), None)

    # -- quota
    def take_quota(self) -> tuple[bool, int, int]:
        """Count one API request; return (allowed, remaining, reset epoch)."""
        with self._lock:
            now = time.time()
            if now - self._window_start >= self.window_s:
                self._window_start, self._used = now, 0
            reset = int(self._window_start + self.window_s) + 1
            if self._used >= self.limit:
                return False, 0, reset
            self._used += 1
            return True, self.limit - self._used, reset

    def take_fault(self, path: str) -> str | None:
        with self._lock:
            for i, (needle, kind) in enumerate(self.faults):
                if needle in path:
                    del self.faults[i]
                    return kind
        return None

    def tarball(self, repo: StubRepo) -> bytes:
        key = (repo.full_name, repo.sha)
        if key not in self._tar_cache:
            buf = io.BytesIO()
            top = f"{repo.owner}-{repo.name}-{repo.sha[:7]}"
            header = {"comment": repo.sha} if self.commit_header else {}
            with tarfile.open(fileobj=buf, mode="w:gz", format=tarfile.PAX_FORMAT, pax_headers=header) as tf:
                for path, data in sorted(repo.files.items()):
                    info = tarfile.TarInfo(f"{top}/{path}")
                    info.size, info.mtime = len(data), 1_600_000_000
                    tf.addfile(info, io.BytesIO(data))
            self._tar_cache[key] = buf.getvalue()
        return self._tar_cache[key]

    def repo_json(self, repo: StubRepo) -> dict:
        api = f"{self.url}/repos/{repo.full_name}"
        lic = (
            {"key": repo.license.lower(), "name": repo.license, "spdx_id": repo.license, "url": None, "node_id": "L"}
            if repo.license
            else None
        )
        owner = {"login": repo.owner, "id": 1, "type": "User", "url": f"{self.url}/users/{repo.owner}"}
        return {
            "id": abs(hash(repo.full_name)) % 10**8, "node_id": "R", "name": repo.name, "full_name": repo.full_name,
            "private": False, "fork": False, "owner": owner,
            "html_url": f"https://github.example/{repo.full_name}", "url": api, "description": "demo",
            "stargazers_count": repo.stars, "watchers_count": repo.stars, "forks_count": 0, "language": "Python",
            "license": lic, "default_branch": repo.default_branch, "created_at": _iso(repo.created_at),
            "updated_at": _iso(repo.pushed_at or repo.created_at), "pushed_at": _iso(repo.pushed_at or repo.created_at),
            "size": 10, "archived": False, "score": 1.0,
        }  # fmt: skip

    def search(self, q: str) -> list[StubRepo]:
        m = re.search(r"created:(\S+)\.\.(\S+)", q)
        words = re.sub(r"\S+:\S+", "", q).split()
        lo, hi = (_parse_time(m.group(1)), _parse_time(m.group(2))) if m else (None, None)
        out = [
            r for r in self.repos
            if all(w.lower() in r.name.lower() for w in words) and (lo is None or lo <= r.created_at <= hi)
        ]  # fmt: skip
        return sorted(out, key=lambda r: (-r.stars, r.full_name))


class _Handler(BaseHTTPRequestHandler):
    stub: GitHubStub
    protocol_version = "HTTP/1.1"
    wbufsize = -1  # buffer the answer: otherwise each request stalls about 40 ms

    def log_message(self, *args) -> None:
        pass

    def _send(
        self, status: int, body: bytes = b"", headers: dict[str, str] | None = None, ctype: str = "application/json"
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, obj, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(obj).encode(), headers)

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        stub = self.stub
        url = urlparse(self.path)
        path = url.path
        with stub._lock:
            stub.log.append(path)
            stub.counts["total"] += 1
            stub.counts[_kind(path)] += 1
            if self.headers.get("Authorization"):
                stub.auth_headers.append(path)
        if stub.latency:
            time.sleep(stub.latency)
        fault = stub.take_fault(self.path)
        if fault and fault.startswith("slow:"):
            time.sleep(float(fault.split(":")[1]))
        elif fault in ("500", "502"):
            return self._json(int(fault), {"message": "Server Error"})
        elif fault == "secondary":
            return self._json(403, {"message": "You have exceeded a secondary rate limit."}, {"Retry-After": "1"})
        if path.startswith("/_codeload/"):
            return self._codeload(path)
        allowed, remaining, reset = stub.take_quota()
        rl = {"X-RateLimit-Limit": str(stub.limit), "X-RateLimit-Remaining": str(remaining),
              "X-RateLimit-Reset": str(reset), "X-RateLimit-Used": str(stub.limit - remaining),
              "X-RateLimit-Resource": "search" if path.startswith("/search") else "core"}  # fmt: skip
        if fault == "ratelimit" or not allowed:
            rl.update({"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 1)})
            return self._json(403, {"message": "API rate limit exceeded for 127.0.0.1."}, rl)
        self._route(url, rl)

    def _route(self, url, rl: dict[str, str]) -> None:
        stub, path = self.stub, url.path
        if path == "/rate_limit":
            core = {
                "limit": stub.limit,
                "remaining": int(rl["X-RateLimit-Remaining"]),
                "reset": int(rl["X-RateLimit-Reset"]),
                "used": 0,
            }
            return self._json(200, {"resources": {"core": core, "search": core}, "rate": core}, rl)
        if path == "/search/repositories":
            return self._search(url, rl)
        m = re.fullmatch(r"/repos/([^/]+)/([^/]+)(?:/(branches|tarball|commits)/(.+))?", path)
        repo = stub.by_name(f"{m.group(1)}/{m.group(2)}") if m else None
        if repo is None:
            return self._json(404, {"message": "Not Found"}, rl)
        if m.group(3) is None:
            return self._json(200, stub.repo_json(repo), rl)
        if m.group(3) in ("branches", "commits"):
            sha = stub.moved_head or repo.sha
            commit = {"sha": sha, "url": f"{stub.url}/repos/{repo.full_name}/commits/{sha}"}
            return self._json(200, {"name": repo.default_branch, "commit": commit, "sha": sha}, rl)
        location = f"{stub.url}/_codeload/{repo.full_name}/legacy.tar.gz/{quote(m.group(4))}"
        return self._send(302, b"", {**rl, "Location": location})

    def _search(self, url, rl: dict[str, str]) -> None:
        stub = self.stub
        qs = parse_qs(url.query)
        q = qs.get("q", [""])[0]
        per_page = int(qs.get("per_page", ["30"])[0])
        page = int(qs.get("page", ["1"])[0])
        found = stub.search(q)
        reachable = found[: stub.search_cap]
        items = reachable[(page - 1) * per_page : page * per_page]
        last = max(1, -(-len(reachable) // per_page))
        links = []
        base = f"{stub.url}/search/repositories?"
        if page < last:
            links.append(f'<{base}{urlencode({"q": q, "per_page": per_page, "page": page + 1})}>; rel="next"')
            links.append(f'<{base}{urlencode({"q": q, "per_page": per_page, "page": last})}>; rel="last"')
        headers = dict(rl)
        if links:
            headers["Link"] = ", ".join(links)
        body = {"total_count": len(found), "incomplete_results": False, "items": [stub.repo_json(r) for r in items]}
        self._json(200, body, headers)

    def _codeload(self, path: str) -> None:
        m = re.fullmatch(r"/_codeload/([^/]+)/([^/]+)/legacy\.tar\.gz/(.+)", path)
        repo = self.stub.by_name(f"{m.group(1)}/{m.group(2)}") if m else None
        if repo is None:
            return self._send(404, b"not found", ctype="text/plain")
        self._send(200, self.stub.tarball(repo), ctype="application/x-gzip")


def _kind(path: str) -> str:
    if path.startswith("/search"):
        return "search"
    if path.startswith("/_codeload"):
        return "download"
    if "/tarball/" in path:
        return "tarball_link"
    if "/branches/" in path or "/commits/" in path:
        return "head"
    if path.startswith("/repos/"):
        return "repo"
    return "other"


if __name__ == "__main__":  # a standalone stub for manual runs and benchmarks
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=200)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    s = GitHubStub(make_repos(args.repos, args.files), latency=args.latency).start()
    print(s.url, flush=True)
    threading.Event().wait()
