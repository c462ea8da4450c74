"""Database records of collection: repos and files, written idempotently.

Every write is an upsert keyed by ``repos.full_name`` or ``(files.repo_id,
files.path)``, and a repository is marked ``done`` in the same transaction
that records its files, so a run killed at any point and started again loses
nothing and duplicates nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from ..db import transaction, utcnow
from ..jobs import Progress

__all__ = [
    "Progress",
    "CollectResult",
    "upsert_repo",
    "get_repo",
    "known_files",
    "save_repo_files",
    "mark_repo",
    "list_repos",
    "blob_prefix",
]

log = logging.getLogger(__name__)

# progress(done, total, message): called from the thread that runs the job

_REPO_FIELDS = ("source", "stars", "license", "default_branch")


@dataclass
class CollectResult:
    """What a collection run did (counts are repositories unless named files)."""

    repos_seen: int = 0
    repos_collected: int = 0
    repos_skipped: int = 0
    repos_failed: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    errors: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (errors limited to 20)."""
        d = dict(self.__dict__)
        d["errors"] = dict(list(self.errors.items())[:20])
        return d


def blob_prefix(full_name: str) -> str:
    """``raw/{owner}/{repo}/`` for ``owner/repo``; ``raw/local/{name}/`` for ``local:name``."""
    if full_name.startswith("local:"):
        owner, repo = "local", full_name[len("local:") :]
    else:
        owner, _, repo = full_name.partition("/")
    safe = [re.sub(r"[^A-Za-z0-9._-]", "_", part).strip(".") or "_" for part in (owner, repo)]
    return f"raw/{safe[0]}/{safe[1]}/"


def upsert_repo(db: Database, full_name: str, meta: dict[str, Any]) -> dict[str, Any]:
    """Insert ``full_name`` as ``queued`` or refresh its search metadata; return the row."""
    values = {k: meta.get(k) for k in _REPO_FIELDS}
    cols = ", ".join(_REPO_FIELDS)
    marks = ", ".join("?" for _ in _REPO_FIELDS)
    updates = ", ".join(f"{k} = excluded.{k}" for k in _REPO_FIELDS)
    with transaction(db):  # joins the caller's transaction when there is one (collection planning)
        db.execute(
            f"INSERT INTO repos (full_name, {cols}, status) VALUES (?, {marks}, 'queued') "
            f"ON CONFLICT(full_name) DO UPDATE SET {updates}",
            [full_name, *values.values()],
        )
        return get_repo(db, full_name)


def get_repo(db: Database, full_name: str) -> dict[str, Any]:
    """The repos row for ``full_name`` (KeyError when absent)."""
    rows = list(db.table("repos").rows_where("full_name = ?", [full_name]))
    if not rows:
        raise KeyError(full_name)
    return rows[0]


def known_files(db: Database, repo_id: int) -> dict[str, str]:
    """``{path: sha256}`` of the files already recorded for a repository."""
    return {r["path"]: r["sha256"] for r in db.query("SELECT path, sha256 FROM files WHERE repo_id = ?", [repo_id])}


def save_repo_files(
    db: Database,
    repo_id: int,
    rows: list[dict[str, Any]],
    head_commit: str | None,
    pushed_at: str | None = None,
) -> None:
    """Record a repository's files and mark it ``done``, in one transaction.

    ``rows`` hold ``path, blob_key, sha256, size, parse_error``; a file seen
    before is updated, never duplicated.
    """
    now = utcnow()
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO files (repo_id, path, blob_key, sha256, size, parse_error, collected_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(repo_id, path) DO UPDATE SET "
            "blob_key = excluded.blob_key, sha256 = excluded.sha256, size = excluded.size, "
            # unchanged content is not extracted again, so keep the reason extraction recorded for it
            "parse_error = CASE WHEN excluded.parse_error IS NULL AND files.sha256 IS excluded.sha256 "
            "THEN files.parse_error ELSE excluded.parse_error END, collected_at = excluded.collected_at",
            [(repo_id, r["path"], r["blob_key"], r["sha256"], r["size"], r.get("parse_error"), now) for r in rows],
        )
        count = db.execute("SELECT count(*) FROM files WHERE repo_id = ?", [repo_id]).fetchone()[0]
        db.conn.execute(
            "UPDATE repos SET status = 'done', error = NULL, head_commit = ?, pushed_at = coalesce(?, pushed_at), "
            "collected_at = ?, file_count = ? WHERE id = ?",
            [head_commit, pushed_at, now, count, repo_id],
        )


def mark_repo(db: Database, repo_id: int, status: str, error: str | None = None, **changes: Any) -> None:
    """Set a repository's status (``queued``, ``done``, ``failed``, ``too_large``) and error."""
    with transaction(db):
        db.table("repos").update(repo_id, {"status": status, "error": (error or None) and error[:500], **changes})


def list_repos(db: Database, limit: int = 500) -> list[dict[str, Any]]:
    """Repositories, most recently collected first."""
    return list(
        db.query(
            "SELECT id, full_name, source, stars, license, default_branch, pushed_at, head_commit, "
            "collected_at, status, error, file_count FROM repos "
            "ORDER BY collected_at IS NULL, collected_at DESC, id DESC LIMIT ?",
            [limit],
        )
    )
