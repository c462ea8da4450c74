"""Pipeline part 1 commands: collect, extract, stats, render-check."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from .common import emit_json, job_options, maybe_submit, settings_from_env


@contextmanager
def _bar(desc: str, unit: str) -> Iterator:
    """A tqdm bar on stderr, driven by ``progress(done, total, message)`` callbacks."""
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: extraction forks worker processes
    bar = tqdm(desc=desc, unit=unit, total=0, leave=False)

    def progress(done: int, total: int, message: str = "") -> None:
        if bar.total != total:
            bar.total = total
        bar.n = done
        if message:
            bar.set_postfix_str(message[:60], refresh=False)
        bar.refresh()

    try:
        yield progress
    finally:
        bar.close()


def _echo_result(result: dict, as_json: bool) -> dict:
    """Print ``result`` and return it (in a background job the returned dict becomes the job's metrics)."""
    if as_json:
        emit_json(result)
        return result
    for key, value in result.items():
        if value not in ({}, None):
            click.echo(f"{key}: {value}")
    return result


@click.group("collect")
def collect_group() -> None:
    """Collect Manim code into the blob store (raw/{owner}/{repo}/{path}).

    \b
    Example:
      hisolver collect local ./my-manim-project
    """


@collect_group.command("local")
@click.argument("path", type=click.Path(exists=True))
@click.option("--name", help="Repository name to record (default: the folder or archive name).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@job_options
def collect_local_cmd(path: str, name: str | None, as_json: bool) -> dict | None:
    """Import the .py files of a folder, .zip or .tar.gz as repository local:NAME.

    \b
    Example:
      hisolver collect local scenes.zip --name lecture-scenes
      hisolver collect local ./big-folder --background
    """
    if maybe_submit("collect", {"source": "local", "path": path, "name": name}):
        return None
    from ..collection import collect_local

    with _bar("import", "file") as progress:
        result = collect_local(settings_from_env(), path, name=name, progress=progress)
    return _echo_result(result.to_dict(), as_json)


@collect_group.command("github")
@click.option("--query", default="manim language:python", show_default=True, help="GitHub search keywords.")
@click.option("--max-repos", type=int, default=0, help="Stop after this many repositories (0: all).")
@click.option("--workers", type=int, default=8, show_default=True, help="Concurrent repository downloads.")
@click.option("--max-tarball-mb", type=int, default=200, show_default=True, help="Skip larger repositories.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@job_options
def collect_github_cmd(query: str, max_repos: int, workers: int, max_tarball_mb: int, as_json: bool) -> dict | None:
    """Search GitHub and collect each repository's .py files (one tarball per repository).

    Uses HISOLVER_GITHUB_TOKEN (never printed) and HISOLVER_GITHUB_API_URL.
    Incremental and resumable: run it again at any time.

    \b
    Example:
      HISOLVER_GITHUB_TOKEN=... hisolver collect github --query manim --max-repos 100
      hisolver collect github --max-repos 500 --background
    """
    if maybe_submit("collect", {"source": "github", "query": query, "max_repos": max_repos}):
        return None
    from ..collection.github import GitHubOptions, collect_github

    opts = GitHubOptions(query=query, max_repos=max_repos, workers=workers, max_tarball_bytes=max_tarball_mb << 20)
    with _bar("collect", "repo") as progress:
        result = collect_github(settings_from_env(), opts, progress=progress)
    return _echo_result(result.to_dict(), as_json)


@click.command("extract")
@click.option("--workers", type=int, default=0, help="Parser processes (0: one per core).")
@click.option("--no-export", is_flag=True, help="Skip writing processed/ JSON files.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@job_options
def extract_cmd(workers: int, no_export: bool, as_json: bool) -> dict | None:
    """Extract self-contained Scene snippets from collected files, cluster duplicates, export.

    Only new or changed files are parsed; nothing collected is executed.

    \b
    Example:
      hisolver extract --json
      hisolver extract --background
    """
    if maybe_submit("extract", {"workers": workers, "export": not no_export}):
        return None
    from ..extraction import extract

    with _bar("extract", "file") as progress:
        result = extract(settings_from_env(), progress=progress, workers=workers or None, export=not no_export)
    return _echo_result(result.to_dict(), as_json)


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats_cmd(as_json: bool) -> None:
    """Counts of repos, files, snippets by dialect, duplicates and render status.

    \b
    Example:
      hisolver stats --json
    """
    from ..db import open_db
    from ..extraction.stats import snippet_stats

    db = open_db(settings_from_env())
    try:
        stats = snippet_stats(db)
    finally:
        db.close()
    _echo_result(stats, as_json)


@click.command("render-check")
@click.option("--workers", type=int, default=0, help="Parallel renders (0: HISOLVER_RENDER_WORKERS or cores).")
@click.option("--limit", type=int, default=0, help="Render at most this many snippets (0: all pending).")
@click.option("--retry-failed", is_flag=True, help="Also render snippets that failed before.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@job_options
def render_check_cmd(workers: int, limit: int, retry_failed: bool, as_json: bool) -> dict | None:
    """Render every pending Community representative snippet at low quality in the sandbox.

    Records ok/failed/rejected, the error, poster and video on each snippet.
    Resumable: only pending snippets are rendered.

    \b
    Example:
      hisolver render-check --limit 50
      hisolver render-check --background
    """
    if maybe_submit("render-check", {"limit": limit, "retry_failed": retry_failed}):
        return None
    from ..extraction.render_check import render_check

    with _bar("render", "snippet") as progress:
        result = render_check(
            settings_from_env(), workers=workers or None, limit=limit or None, retry_failed=retry_failed,
            progress=progress,
        )  # fmt: skip
    return _echo_result(result.to_dict(), as_json)
