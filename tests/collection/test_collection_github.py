"""GitHub collection through PyGithub against the stub REST server on 127.0.0.1."""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from hisolver_core.collection.github import GitHubOptions, collect_github
from hisolver_core.db import connect, open_db
from hisolver_core.errors import HiSolverError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from github_stub import GitHubStub, make_repos, scene_file  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "ghp_stub_secret_token_123"


@pytest.fixture
def stub():
    server = GitHubStub(make_repos(12, 3)).start()
    yield server
    server.stop()


def gh_settings(settings, stub):
    return settings.replace(github_api_url=stub.url, github_token=TOKEN)


def fast_opts(**kw) -> GitHubOptions:
    base = dict(query="manim", workers=4, secondary_rate_wait=1, backoff=0.05, timeout_s=5)
    base.update(kw)
    return GitHubOptions(**base)


def repo_rows(settings) -> dict[str, dict]:
    db = open_db(settings)
    try:
        return {r["full_name"]: dict(r) for r in db.query("SELECT * FROM repos")}
    finally:
        db.close()


def test_collects_metadata_files_and_blobs_with_two_requests_per_repo(settings, blobs, stub, caplog):
    caplog.set_level(logging.DEBUG)
    s = gh_settings(settings, stub)
    result = collect_github(s, fast_opts())
    assert (result.repos_seen, result.repos_collected, result.files) == (12, 12, 36)
    assert stub.counts["tarball_link"] == 12 and stub.counts["download"] == 12
    assert stub.counts["total"] - stub.counts["search"] <= 2 * 12
    rows = repo_rows(s)
    r0, r3 = rows["user0/manim-demo-0"], rows["user3/manim-demo-3"]
    assert r0["license"] is None and r3["license"] == "MIT" and r3["stars"] == 3
    assert r3["default_branch"] == "main" and r3["head_commit"] == f"{3:040x}" and r3["status"] == "done"
    assert r3["pushed_at"].startswith("2019-01-10")
    assert blobs.get("raw/user3/manim-demo-3/scenes/s1.py") == scene_file(3, 1)
    assert not blobs.exists("raw/user3/manim-demo-3/README.md")  # only .py files
    # the token reaches the API but never the download host, and never the logs
    assert stub.auth_headers and not any(p.startswith("/_codeload") for p in stub.auth_headers)
    assert TOKEN not in caplog.text


def test_search_splits_creation_dates_past_the_result_cap(settings, stub):
    stub.search_cap = 4
    result = collect_github(gh_settings(settings, stub), fast_opts(search_cap=4))
    assert result.repos_seen == 12 and result.repos_collected == 12  # all found, none twice
    assert stub.counts["search"] > 3


def test_max_repos_stops_early(settings, stub):
    result = collect_github(gh_settings(settings, stub), fast_opts(max_repos=5))
    assert result.repos_seen == 5 and len(repo_rows(settings)) == 5


def test_second_run_is_incremental(settings, stub):
    s = gh_settings(settings, stub)
    collect_github(s, fast_opts())
    stub.counts.clear()
    again = collect_github(s, fast_opts())
    assert again.repos_skipped == 12 and stub.counts["total"] == stub.counts["search"]

    pushed, touched = stub.repos[2], stub.repos[4]
    pushed.push({**pushed.files, "scenes/new.py": scene_file(99, 9)}, "f" * 40)
    touched.push(touched.files, touched.sha)  # pushed (another branch): same head commit
    stub.counts.clear()
    third = collect_github(s, fast_opts())
    assert third.repos_collected == 1 and third.repos_skipped == 11 and third.files == 4
    assert stub.counts["head"] == 2 and stub.counts["download"] == 1
    rows = repo_rows(s)
    assert rows[pushed.full_name]["head_commit"] == "f" * 40 and rows[pushed.full_name]["file_count"] == 4


def test_recollection_without_the_tarball_header_downloads_nothing(settings, stub):
    stub.commit_header = False
    s = gh_settings(settings, stub)
    first = collect_github(s, fast_opts())
    assert first.repos_collected == 12 and stub.counts["head"] == 12  # one cheap request each instead
    assert all(r["head_commit"] == stub.by_name(name).sha for name, r in repo_rows(s).items())
    stub.counts.clear()
    again = collect_github(s, fast_opts())
    assert again.repos_skipped == 12 and stub.counts["download"] == 0 and stub.counts["tarball_link"] == 0
    pushed = stub.repos[3]
    pushed.push({**pushed.files, "scenes/new.py": scene_file(98, 9)}, "e" * 40)
    stub.counts.clear()
    third = collect_github(s, fast_opts())
    assert third.repos_collected == 1 and stub.counts["download"] == 1
    assert repo_rows(s)[pushed.full_name]["head_commit"] == "e" * 40


def test_a_branch_that_moved_during_the_download_records_no_head(settings, stub):
    stub.commit_header = False
    stub.moved_head = "f" * 40  # the API answers a newer head than the tarball's top folder names
    s = gh_settings(settings, stub)
    assert collect_github(s, fast_opts()).repos_collected == 12
    assert {r["head_commit"] for r in repo_rows(s).values()} == {None}


def test_retries_5xx_rate_limits_and_slow_answers(settings, stub):
    stub.faults = [
        ("/search/", "secondary"),  # 403 + Retry-After on the first search page
        ("/tarball/", "500"),
        ("/tarball/", "502"),
        ("/_codeload/user1/", "502"),
        ("/repos/user2/", "ratelimit"),  # 403 with X-RateLimit-Remaining 0 and a reset
        ("/_codeload/user3/", "slow:3"),  # longer than the read timeout: retried
    ]
    started = time.monotonic()
    result = collect_github(gh_settings(settings, stub), fast_opts(timeout_s=1))
    assert result.repos_collected == 12 and result.repos_failed == 0, result.errors
    assert stub.faults == []
    assert time.monotonic() - started < 30


def test_waits_for_the_quota_reset_instead_of_failing(settings, stub):
    stub.limit, stub.window_s = 10, 1.5
    result = collect_github(gh_settings(settings, stub), fast_opts(workers=2))
    assert result.repos_collected == 12 and result.repos_failed == 0, result.errors


def test_failures_are_recorded_and_retried_next_run(settings, stub):
    s = gh_settings(settings, stub)
    stub.faults = [("/_codeload/user5/", "500")] * 8  # outlasts the retries
    first = collect_github(s, fast_opts(retries=2))
    assert first.repos_failed == 1 and "user5/manim-demo-5" in first.errors
    row = repo_rows(s)["user5/manim-demo-5"]
    assert row["status"] == "failed" and "500" in row["error"]
    stub.faults = []
    second = collect_github(s, fast_opts())
    assert second.repos_collected == 1 and repo_rows(s)["user5/manim-demo-5"]["status"] == "done"


def test_oversized_tarball_is_skipped(settings, stub):
    result = collect_github(gh_settings(settings, stub), fast_opts(max_tarball_bytes=100))
    assert result.repos_failed == 12 and set(r["status"] for r in repo_rows(settings).values()) == {"too_large"}


def test_unreachable_api_is_one_clear_error(settings):
    s = settings.replace(github_api_url="http://127.0.0.1:9")
    with pytest.raises(HiSolverError, match="search failed"):
        collect_github(s, fast_opts(retries=0))


@pytest.mark.slow
def test_killed_run_resumes_without_loss_or_duplicates(tmp_path):
    stub = GitHubStub(make_repos(40, 5), latency=0.03).start()
    data = tmp_path / "data"
    env = {**os.environ, "HISOLVER_DATA_DIR": str(data), "HISOLVER_GITHUB_API_URL": stub.url,
           "HISOLVER_GITHUB_TOKEN": TOKEN}  # fmt: skip
    cmd = [str(ROOT / ".venv" / "bin" / "hisolver"), "collect", "github", "--query", "manim", "--workers", "2"]
    try:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        done_at_kill: set[str] = set()
        while time.monotonic() < deadline and proc.poll() is None:
            if (data / "hisolver.db").exists():
                db = connect(data / "hisolver.db")
                try:
                    done_at_kill = {r[0] for r in db.execute("SELECT full_name FROM repos WHERE status = 'done'")}
                except sqlite3.OperationalError:
                    pass  # not migrated yet
                finally:
                    db.close()
                if len(done_at_kill) >= 8:
                    break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert 8 <= len(done_at_kill) < 40, "the run should be killed midway"

        rerun = subprocess.run(cmd + ["--json"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert rerun.returncode == 0, rerun.stderr
        db = connect(data / "hisolver.db")
        repos = {r[0]: r[1] for r in db.execute("SELECT full_name, status FROM repos")}
        assert len(repos) == 40 and set(repos.values()) == {"done"}
        assert db.execute("SELECT count(*) FROM files").fetchone()[0] == 200
        assert db.execute("SELECT count(DISTINCT repo_id || '/' || path) FROM files").fetchone()[0] == 200
        for repo in stub.repos:
            downloads = sum(1 for p in stub.log if p.startswith(f"/_codeload/{repo.full_name}/"))
            assert downloads == (1 if repo.full_name in done_at_kill else downloads) and downloads <= 2
            blob = data / "blobs" / "raw" / repo.owner / repo.name / "scenes" / "s4.py"
            assert blob.read_bytes() == repo.files["scenes/s4.py"]
        stored = {p.relative_to(data / "blobs").as_posix() for p in (data / "blobs" / "raw").rglob("*.py")}
        expected = {f"raw/{r.full_name}/{path}" for r in stub.repos for path in r.files if path.endswith(".py")}
        assert stored == expected  # every file once, at its own key; .part temp files are not .py
        # the killed run's job row was closed by the next run, and its temporary folder removed
        jobs = [r[0] for r in db.execute("SELECT status FROM jobs WHERE kind = 'collect' ORDER BY id")]
        assert jobs == ["failed", "succeeded"]
        assert not list(Path(tempfile.gettempdir()).glob(f"hisolver-collect-{proc.pid}-*"))
    finally:
        stub.stop()
