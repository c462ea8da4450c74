"""``hisolver render-check``: render each Community representative snippet once, keep status and preview.

Every render goes through :class:`hisolver_core.rendering.Renderer` (static
policy check, sandboxed child process, limits, cache); nothing runs here.
Resumable: only ``pending`` snippets are picked (``failed`` too on request),
and each result is written as soon as it arrives. A representative that fails
hands its place to a twin of its cluster, which is rendered in the same run.
"""

from __future__ import annotations

import logging
import os
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from ..blobs import open_blob_store
from ..collection.cleanup import clean_leftovers
from ..config import Settings
from ..db import open_db, transaction
from ..errors import RenderError
from ..jobs import Progress, tracked_job
from .clusters import rechoose_representatives

if TYPE_CHECKING:
    from ..rendering import RenderService

__all__ = ["RenderCheckResult", "render_check", "pending_snippets"]

log = logging.getLogger(__name__)

RECHOOSE_ROUNDS = 3  # a cluster whose first three twins all fail waits for --retry-failed


@dataclass
class RenderCheckResult:
    """Counts from one render-check run."""

    checked: int = 0
    ok: int = 0
    failed: int = 0
    rejected: int = 0
    rechosen: int = 0  # clusters whose failed representative gave its place to a twin
    seconds: float = 0.0
    errors: dict[int, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (errors limited to 20)."""
        d = dict(self.__dict__)
        d["errors"] = {str(k): v for k, v in list(self.errors.items())[:20]}
        return d


def pending_snippets(db: Database, retry_failed: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """Community representatives still to render (oldest first)."""
    statuses = ("pending", "failed") if retry_failed else ("pending",)
    marks = ", ".join("?" for _ in statuses)
    sql = (
        "SELECT id, scene_name, code FROM snippets WHERE dialect = 'community' AND is_representative = 1 "
        f"AND render_status IN ({marks}) ORDER BY id"
    )
    args: list[Any] = list(statuses)
    if limit:
        sql += " LIMIT ?"
        args.append(limit)
    return [dict(r) for r in db.query(sql, args)]


def _render_one(renderer: RenderService, snippet: dict[str, Any]) -> dict[str, Any]:
    """Render one snippet; return the row changes (never raises for a bad snippet)."""
    try:
        res = renderer.render(snippet["code"], snippet["scene_name"], quality="low", client="render-check")
    except RenderError as exc:
        status = "rejected" if exc.kind == "policy" else "failed"
        return {
            "render_status": status,
            "render_error": f"{exc.kind}: {exc}"[:1000],
            "poster_key": None,
            "video_key": None,
        }
    except Exception as exc:  # an unexpected renderer fault must not stop the whole job
        log.exception("render-check: snippet %s", snippet["id"])
        return {"render_status": "failed", "render_error": f"internal: {type(exc).__name__}: {exc}"[:1000]}
    return {"render_status": "ok", "render_error": None, "poster_key": res.poster_key, "video_key": res.video_key}


def _record(db: Database, snippet_id: int, changes: dict[str, Any], result: RenderCheckResult) -> None:
    with transaction(db):
        db.table("snippets").update(snippet_id, changes)
    result.checked += 1
    status = changes["render_status"]
    if status == "ok":
        result.ok += 1
    else:
        result.rejected += status == "rejected"
        result.failed += status == "failed"
        result.errors[snippet_id] = changes.get("render_error") or status


def render_check(
    settings: Settings,
    workers: int | None = None,
    limit: int | None = None,
    retry_failed: bool = False,
    progress: Progress | None = None,
) -> RenderCheckResult:
    """Render pending Community representatives at low quality, ``workers`` at a time.

    Returns counts; render failures are recorded on the snippets, not raised.
    """
    from ..rendering import Renderer  # imported here: the sandbox machinery is only needed now

    started = time.monotonic()
    workers = workers or settings.render_workers or os.cpu_count() or 1
    db = open_db(settings)
    result = RenderCheckResult()
    try:
        clean_leftovers(settings, db)  # a killed run's temporary folders and 'running' job rows
        todo = pending_snippets(db, retry_failed, limit)
        params = {"workers": workers, "limit": limit, "retry_failed": retry_failed, "snippets": len(todo)}
        with tracked_job(db, "render-check", params, progress) as job:
            job(0, len(todo), f"{len(todo)} snippets to render")
            if todo:
                with Renderer(settings, open_blob_store(settings), workers=workers) as renderer:
                    _run(renderer, db, todo, workers, result, job)
                    # A failed representative hands its place to a twin; render those too (bounded).
                    for _round in range(RECHOOSE_ROUNDS):
                        result.rechosen += rechoose_representatives(db)
                        more = [] if limit else pending_snippets(db)
                        if not more:
                            break
                        todo += more
                        _run(renderer, db, more, workers, result, job, total=len(todo))
            result.seconds = round(time.monotonic() - started, 3)
            job(len(todo), len(todo), f"{result.ok} ok, {result.failed} failed, {result.rejected} rejected")
    finally:
        db.close()
    return result


def _run(
    renderer: RenderService,
    db: Database,
    todo: list[dict],
    workers: int,
    result: RenderCheckResult,
    job: Progress,
    total: int | None = None,
) -> None:
    """Keep ``workers`` renders in flight; write each result from this thread as it lands."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        queue = iter(todo)
        pending = {}
        for snippet in queue:
            pending[pool.submit(_render_one, renderer, snippet)] = snippet["id"]
            if len(pending) >= workers:
                break
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                sid = pending.pop(fut)
                _record(db, sid, fut.result(), result)
                job(result.checked, total or len(todo), f"snippet {sid}: {fut.result()['render_status']}")
                nxt = next(queue, None)
                if nxt is not None:
                    pending[pool.submit(_render_one, renderer, nxt)] = nxt["id"]
