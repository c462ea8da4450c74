"""``hisolver collect github``: Manim repositories from the GitHub REST API via PyGithub.

Per run: the search pages (split by creation date past the 1,000-result cap),
then per repository at most two requests: the tarball link and the tarball
itself (stars, license, branch and pushed_at come with the search results; the
head commit comes from the tarball's pax header). A repository whose
``pushed_at`` is unchanged since its last complete collection costs nothing; one
pushed since costs one request for its head commit and is skipped when that is
unchanged.

Politeness: PyGithub's ``GithubRetry`` sleeps until ``X-RateLimit-Reset`` on a
primary limit, honours ``Retry-After`` and waits on secondary limits, and
retries 5xx with backoff; on top of that every worker pauses when the
remaining quota runs out. The token is passed to PyGithub only, never logged.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from github import Auth, Github, GithubException, GithubRetry
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ..blobs import BlobStore, open_blob_store
from ..config import Settings
from ..db import open_db, transaction
from ..errors import HiSolverError
from ..jobs import Progress, tracked_job
from .archive import iter_tar, tar_commit, tar_short_commit
from .cleanup import clean_leftovers, temp_prefix
from .local import store_files
from .records import CollectResult, blob_prefix, known_files, mark_repo, save_repo_files, upsert_repo

__all__ = ["collect_github", "GitHubOptions", "search_repositories", "make_client"]

log = logging.getLogger(__name__)

SEARCH_CAP = 1000  # GitHub returns at most this many results per search query
FIRST_DAY = datetime(2008, 1, 1, tzinfo=UTC)  # before GitHub existed


@dataclass
class GitHubOptions:
    """Tuning for one run; the defaults suit github.com."""

    query: str = "manim language:python"
    max_repos: int = 0  # 0 = all the search finds
    workers: int = 8  # concurrent repository downloads
    max_tarball_bytes: int = 200_000_000
    search_cap: int = SEARCH_CAP
    min_split_s: int = 60  # smallest creation-date range worth splitting further
    secondary_rate_wait: float = 60.0  # GitHub asks for at least a minute
    max_rate_limit_wait: float = 3600.0
    retries: int = 5
    backoff: float = 0.5
    timeout_s: float = 30.0


@dataclass
class _RepoTask:
    full_name: str
    repo_id: int
    default_branch: str
    pushed_at: str | None
    known_head: str | None
    done_before: bool


@dataclass
class _RepoOutcome:
    task: _RepoTask
    status: str  # done | unchanged | failed | too_large
    rows: list[dict[str, Any]]
    head: str | None = None
    error: str | None = None


# ----------------------------------------------------------------------------- clients


def make_client(settings: Settings, opts: GitHubOptions, lazy: bool = False) -> Github:
    """A PyGithub client for ``settings.github_api_url`` with polite retries and no throttle.

    ``lazy`` clients build repository objects without fetching them.
    """
    retry = GithubRetry(
        total=opts.retries,
        backoff_factor=opts.backoff,
        secondary_rate_wait=opts.secondary_rate_wait,
        max_rate_limit_wait=opts.max_rate_limit_wait,
    )
    return Github(
        base_url=settings.github_api_url.rstrip("/"),
        auth=Auth.Token(settings.github_token) if settings.github_token else None,
        per_page=100,
        timeout=int(opts.timeout_s),
        retry=retry,
        seconds_between_requests=0,
        seconds_between_writes=0,
        pool_size=4,
        lazy=lazy,
    )


def _download_session(opts: GitHubOptions) -> requests.Session:
    """A session for tarball downloads: retries connection errors, 429 and 5xx, honours Retry-After."""
    retry = Retry(
        total=opts.retries,
        connect=opts.retries,
        read=opts.retries,
        backoff_factor=opts.backoff,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.trust_env = False  # no .netrc credentials sent to the download host
    return session


def _respect_quota(gh: Github, max_wait: float) -> None:
    """Pause until the reset when the last response said no requests remain."""
    remaining, limit = gh.requester.rate_limiting
    if limit <= 0 or remaining > 0:
        return
    wait_s = gh.requester.rate_limiting_resettime - time.time() + 1
    if wait_s > 0:
        log.info("rate limit used up; waiting %.0f s for the reset", min(wait_s, max_wait))
        time.sleep(min(wait_s, max_wait))


# ----------------------------------------------------------------------------- search


def _fmt(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _repo_meta(repo) -> dict[str, Any]:
    lic = repo.license
    pushed = repo.pushed_at
    return {
        "full_name": repo.full_name,
        "source": "github",
        "stars": repo.stargazers_count,
        "license": getattr(lic, "spdx_id", None) if lic else None,
        "default_branch": repo.default_branch,
        "pushed_at": pushed.isoformat() if pushed else None,
    }


def search_repositories(
    gh: Github, opts: GitHubOptions, start: datetime | None = None, end: datetime | None = None
) -> Iterator[dict[str, Any]]:
    """Yield repository metadata for ``opts.query``, each repository once.

    A creation-date range whose result count passes ``opts.search_cap`` is cut
    in half until each part fits; the first page of each probe is reused.
    """
    ranges = [(start or FIRST_DAY, end or datetime.now(UTC))]
    seen: set[str] = set()
    while ranges:
        lo, hi = ranges.pop(0)
        results = gh.search_repositories(query=f"{opts.query} created:{_fmt(lo)}..{_fmt(hi)}")
        it = iter(results)
        first = next(it, None)  # fetches page one, which carries total_count
        _respect_quota(gh, opts.max_rate_limit_wait)
        if first is None:
            continue
        if results.totalCount > opts.search_cap and (hi - lo).total_seconds() > opts.min_split_s:
            mid = lo + (hi - lo) / 2
            ranges[:0] = [(lo, mid), (mid + timedelta(seconds=1), hi)]
            continue
        if results.totalCount > opts.search_cap:
            log.warning("more than %d repositories created in %s..%s; some are out of reach", opts.search_cap, lo, hi)
        for repo in _chain(first, it):
            if repo.full_name not in seen:
                seen.add(repo.full_name)
                yield _repo_meta(repo)
            _respect_quota(gh, opts.max_rate_limit_wait)


def _chain(first, rest) -> Iterator:
    yield first
    yield from rest


# ----------------------------------------------------------------------------- one repository


class _Fetcher:
    """Per-thread clients; ``fetch`` collects one repository's files into the blob store."""

    def __init__(self, settings: Settings, opts: GitHubOptions, blobs: BlobStore, tmp_dir: Path) -> None:
        self.settings, self.opts, self.blobs, self.tmp_dir = settings, opts, blobs, tmp_dir
        self._local = threading.local()

    def _client(self) -> tuple[Github, requests.Session]:
        if not hasattr(self._local, "gh"):
            self._local.gh = make_client(self.settings, self.opts, lazy=True)
            self._local.session = _download_session(self.opts)
        return self._local.gh, self._local.session

    def fetch(self, task: _RepoTask, known: dict[str, str]) -> _RepoOutcome:
        """Collect one repository; never raises for a per-repository problem."""
        try:
            return self._fetch(task, known)
        except (GithubException, requests.RequestException, HiSolverError, OSError) as exc:
            message = _describe(exc)
            log.warning("%s: %s", task.full_name, message)
            return _RepoOutcome(task, "failed", [], error=message)

    def _fetch(self, task: _RepoTask, known: dict[str, str]) -> _RepoOutcome:
        gh, session = self._client()
        repo = gh.get_repo(task.full_name)
        ref = task.default_branch
        head: str | None
        if task.done_before and task.known_head:
            head = repo.get_branch(task.default_branch).commit.sha
            _respect_quota(gh, self.opts.max_rate_limit_wait)
            if head == task.known_head:
                return _RepoOutcome(task, "unchanged", [], head=head)
            ref = head
        link = repo.get_archive_link("tarball", ref)
        _respect_quota(gh, self.opts.max_rate_limit_wait)
        with tempfile.NamedTemporaryFile(dir=self.tmp_dir, suffix=".tar.gz") as tmp:
            if not self._download(session, link, tmp):
                return _RepoOutcome(task, "too_large", [], error=f"tarball over {self.opts.max_tarball_bytes} bytes")
            head = tar_commit(tmp.name) or (ref if len(ref) == 40 else None)
            if head is None:
                head = self._branch_head(gh, repo, task, tar_short_commit(tmp.name))
            rows = store_files(self.blobs, blob_prefix(task.full_name), iter_tar(tmp.name), known)
        return _RepoOutcome(task, "done", rows, head=head)

    def _branch_head(self, gh: Github, repo, task: _RepoTask, short: str | None) -> str | None:
        """The branch's head commit when a tarball's header lacks it (one cheap request), or None.

        Without the head a later run cannot tell an unchanged repository from a
        changed one and downloads it again. When the tarball's top folder names
        an abbreviated commit, the head must match it (the branch may have moved
        during the download; then None, and the next run fetches again).
        """
        head = repo.get_branch(task.default_branch).commit.sha
        _respect_quota(gh, self.opts.max_rate_limit_wait)
        if short and not head.startswith(short):
            log.info("%s: the branch moved during the download; its head is not recorded", task.full_name)
            return None
        return head

    def _download(self, session: requests.Session, url: str, out) -> bool:
        """Stream ``url`` into ``out``; False when it passes the size cap."""
        cap = self.opts.max_tarball_bytes
        with session.get(url, stream=True, timeout=(10, self.opts.timeout_s)) as resp:
            resp.raise_for_status()
            if int(resp.headers.get("Content-Length") or 0) > cap:
                return False
            size = 0
            for chunk in resp.iter_content(1 << 16):
                size += len(chunk)
                if size > cap:
                    return False
                out.write(chunk)
        out.flush()
        return True


def _describe(exc: Exception) -> str:
    """A one-line reason, with no URL query strings (download links can carry tokens)."""
    if isinstance(exc, GithubException):
        message = exc.data.get("message") if isinstance(exc.data, dict) else None
        return f"GitHub {exc.status}: {message or 'error'}"
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"download failed: HTTP {exc.response.status_code}"
    return f"{type(exc).__name__}: {str(exc).split('?')[0][:200]}"


# ----------------------------------------------------------------------------- the run


def _plan(db, metas: list[dict[str, Any]]) -> tuple[list[_RepoTask], int]:
    """Record every repository found; return the tasks to fetch and how many need nothing."""
    tasks, unchanged = [], 0
    with transaction(db):
        for meta in metas:
            row = upsert_repo(db, meta["full_name"], meta)
            done = row["status"] == "done"
            if done and row["head_commit"] and row["pushed_at"] == meta["pushed_at"]:
                unchanged += 1
                continue
            tasks.append(
                _RepoTask(meta["full_name"], row["id"], meta["default_branch"] or "HEAD", meta["pushed_at"],
                          row["head_commit"], done)
            )  # fmt: skip
    return tasks, unchanged


def _record(db, outcome: _RepoOutcome, result: CollectResult) -> None:
    task = outcome.task
    if outcome.status == "done":
        save_repo_files(db, task.repo_id, outcome.rows, outcome.head, task.pushed_at)
        result.repos_collected += 1
        result.files += len(outcome.rows)
        result.bytes += sum(r["size"] for r in outcome.rows)
    elif outcome.status == "unchanged":
        mark_repo(db, task.repo_id, "done", pushed_at=task.pushed_at)
        result.repos_skipped += 1
    else:
        # keep the files of an earlier collection; status not 'done' means the next run tries again
        mark_repo(db, task.repo_id, outcome.status, outcome.error)
        result.repos_failed += 1
        result.errors[task.full_name] = outcome.error or outcome.status


def collect_github(
    settings: Settings, opts: GitHubOptions | None = None, progress: Progress | None = None
) -> CollectResult:
    """Search GitHub and collect each repository's ``.py`` files into ``raw/{owner}/{repo}/``.

    Returns counts; per-repository failures are counted and recorded on the
    repo row (the next run retries them), not raised. Raises
    :class:`HiSolverError` when the search itself fails.
    """
    opts = opts or GitHubOptions()
    started = time.monotonic()
    db = open_db(settings)
    blobs = open_blob_store(settings)
    params = {"source": "github", "query": opts.query, "max_repos": opts.max_repos, "workers": opts.workers}
    try:
        clean_leftovers(settings, db)  # what a killed run left: .part blobs, temporary folders, 'running' rows
        with tracked_job(db, "collect", params, progress) as job:
            job(0, 1, f"searching GitHub for {opts.query!r}")
            metas = _search(settings, opts)
            tasks, unchanged = _plan(db, metas)
            result = CollectResult(repos_seen=len(metas), repos_skipped=unchanged)
            _fetch_all(settings, opts, db, blobs, tasks, result, job)
            result.seconds = round(time.monotonic() - started, 3)
            job(1, 1, f"{result.repos_collected} collected, {result.repos_skipped} unchanged, "
                      f"{result.repos_failed} failed, {result.files} files")  # fmt: skip
    finally:
        db.close()
    return result


def _search(settings: Settings, opts: GitHubOptions) -> list[dict[str, Any]]:
    gh = make_client(settings, opts)
    metas: list[dict[str, Any]] = []
    try:
        for meta in search_repositories(gh, opts):
            metas.append(meta)
            if opts.max_repos and len(metas) >= opts.max_repos:
                break
    except GithubException as exc:
        raise HiSolverError(f"GitHub search failed: {_describe(exc)}") from exc
    except requests.RequestException as exc:
        raise HiSolverError(f"GitHub search failed: {_describe(exc)}; check HISOLVER_GITHUB_API_URL") from exc
    finally:
        gh.close()
    return metas


def _fetch_all(settings, opts, db, blobs, tasks: list[_RepoTask], result: CollectResult, job: Progress) -> None:
    """Fetch with a bounded pool; the database is written from this thread only."""
    total = len(tasks)
    with tempfile.TemporaryDirectory(prefix=temp_prefix("collect")) as tmp:
        fetcher = _Fetcher(settings, opts, blobs, Path(tmp))
        with ThreadPoolExecutor(max_workers=max(1, opts.workers)) as pool:
            pending: set[Future] = set()
            queue = iter(tasks)
            done = 0
            for task in queue:  # keep at most 2 x workers in flight: memory stays flat
                pending.add(pool.submit(fetcher.fetch, task, known_files(db, task.repo_id)))
                if len(pending) >= 2 * opts.workers:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    done += _drain(db, finished, result, job, done, total)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                done += _drain(db, finished, result, job, done, total)


def _drain(db, finished, result: CollectResult, job: Progress, done: int, total: int) -> int:
    for fut in finished:
        outcome: _RepoOutcome = fut.result()
        _record(db, outcome, result)
        done += 1
        job(done, total, f"{outcome.task.full_name}: {outcome.status}")
    return len(finished)
