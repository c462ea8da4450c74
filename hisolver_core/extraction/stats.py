"""Read side of the corpus: counts for ``hisolver stats`` and queries for the Snippets page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from ..errors import NotFoundError

__all__ = ["snippet_stats", "SnippetFilter", "search_snippets", "get_snippet", "filter_options", "count_table"]

DIALECTS = ("community", "manimgl", "manimlib_old", "unknown")
RENDER_STATUSES = ("pending", "ok", "failed", "rejected", "not_renderable", "duplicate")


def _one(db: Database, sql: str, args: list | tuple = ()) -> int:
    return db.execute(sql, args).fetchone()[0] or 0


# A duplicate is never rendered (its representative is): show it as such, not as 'pending' forever.
_STATUS = "CASE WHEN s.is_representative = 0 AND s.render_status = 'pending' THEN 'duplicate' ELSE s.render_status END"


def snippet_stats(db: Database) -> dict[str, Any]:
    """Counts of repos, files, snippets by dialect, duplicates and render status, as one dict.

    ``exact_duplicates`` counts snippets whose normalised AST another one has
    (snippets without an AST hash are not counted); ``by_render_status`` shows
    never-rendered duplicates as ``duplicate``.
    """
    by_dialect = {d: 0 for d in DIALECTS}
    by_dialect.update(dict(db.execute("SELECT dialect, count(*) FROM snippets GROUP BY dialect").fetchall()))
    by_status = {s: 0 for s in RENDER_STATUSES}
    by_status.update(dict(db.execute(f"SELECT {_STATUS}, count(*) FROM snippets s GROUP BY 1").fetchall()))
    by_repo_status = dict(db.execute("SELECT status, count(*) FROM repos GROUP BY status").fetchall())
    snippets = _one(db, "SELECT count(*) FROM snippets")
    clusters = _one(db, "SELECT count(*) FROM snippets WHERE is_representative = 1")
    return {
        "repos": _one(db, "SELECT count(*) FROM repos"),
        "repos_by_status": by_repo_status,
        "files": _one(db, "SELECT count(*) FROM files"),
        "files_unparsable": _one(db, "SELECT count(*) FROM files WHERE parse_error IS NOT NULL"),
        "files_pending_extraction": _one(
            db, "SELECT count(*) FROM files WHERE blob_key IS NOT NULL AND extracted_sha256 IS NOT sha256"
        ),
        "snippets": snippets,
        "by_dialect": by_dialect,
        "clusters": clusters,
        "duplicates": snippets - clusters if snippets else 0,
        "exact_duplicates": _one(db, "SELECT count(ast_hash) - count(DISTINCT ast_hash) FROM snippets"),
        "by_render_status": by_status,
        "renderable_representatives": _one(
            db, "SELECT count(*) FROM snippets WHERE dialect = 'community' AND is_representative = 1"
        ),
    }


def count_table(db: Database) -> list[dict[str, Any]]:
    """Rows ``{dialect, render_status, count}`` for the Snippets page chart."""
    return [
        {"dialect": d, "render_status": s, "count": n}
        for d, s, n in db.execute(
            f"SELECT s.dialect, {_STATUS}, count(*) FROM snippets s GROUP BY 1, 2 ORDER BY 1, 2"
        ).fetchall()
    ]


@dataclass
class SnippetFilter:
    """Filters for :func:`search_snippets`; empty fields do not filter."""

    text: str = ""  # full-text query over scene name and code
    dialects: tuple[str, ...] = ()
    repo: str = ""  # full name
    license: str = ""  # SPDX id, or "none"
    render_statuses: tuple[str, ...] = ()
    duplicates: str = "representatives"  # representatives | duplicates | all
    limit: int = 200
    offset: int = 0


def _fts_query(text: str) -> str:
    """User words -> an FTS5 query matching all of them as prefixes (no syntax errors possible)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"*' for w in words)


def _where(f: SnippetFilter) -> tuple[str, list[Any]]:
    clauses, args = [], []
    if f.text and _fts_query(f.text):
        clauses.append("s.id IN (SELECT rowid FROM snippets_fts WHERE snippets_fts MATCH ?)")
        args.append(_fts_query(f.text))
    if f.dialects:
        clauses.append(f"s.dialect IN ({', '.join('?' for _ in f.dialects)})")
        args += list(f.dialects)
    if f.render_statuses:
        clauses.append(f"{_STATUS} IN ({', '.join('?' for _ in f.render_statuses)})")
        args += list(f.render_statuses)
    if f.repo:
        clauses.append("r.full_name = ?")
        args.append(f.repo)
    if f.license == "none":
        clauses.append("(r.license IS NULL OR r.license = '')")
    elif f.license:
        clauses.append("r.license = ?")
        args.append(f.license)
    if f.duplicates == "representatives":
        clauses.append("s.is_representative = 1")
    elif f.duplicates == "duplicates":
        clauses.append("s.is_representative = 0")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


_LIST_COLUMNS = (
    f"s.id, s.scene_name, s.dialect, {_STATUS} AS render_status, s.is_representative, s.cluster_id, "
    "r.full_name AS repo, f.path, r.license, r.stars"
)
_FROM = " FROM snippets s JOIN files f ON f.id = s.file_id JOIN repos r ON r.id = f.repo_id"


def search_snippets(db: Database, f: SnippetFilter) -> tuple[int, list[dict[str, Any]]]:
    """Return ``(total matching, one page of rows)`` for the filters, newest first."""
    where, args = _where(f)
    total = _one(db, "SELECT count(*)" + _FROM + where, args)
    rows = db.query(
        f"SELECT {_LIST_COLUMNS}{_FROM}{where} ORDER BY s.id DESC LIMIT ? OFFSET ?", [*args, f.limit, f.offset]
    )
    return total, [dict(r) for r in rows]


def get_snippet(db: Database, snippet_id: int) -> dict[str, Any]:
    """One snippet with its repo and file details; raises :class:`NotFoundError`."""
    rows = list(
        db.query(
            "SELECT s.*, r.full_name AS repo, f.path, r.license, r.stars, f.blob_key,"
            " (SELECT count(*) FROM snippets d WHERE d.cluster_id = s.cluster_id) AS cluster_size"
            f"{_FROM} WHERE s.id = ?",
            [snippet_id],
        )
    )
    if not rows:
        raise NotFoundError(f"no snippet {snippet_id}")
    row = dict(rows[0])
    row.pop("minhash", None)
    return row


def filter_options(db: Database) -> dict[str, list[str]]:
    """Values for the page's filter widgets: repos and licenses present."""
    return {
        "repos": [r[0] for r in db.execute("SELECT full_name FROM repos ORDER BY full_name").fetchall()],
        "licenses": [
            r[0] or "none" for r in db.execute("SELECT DISTINCT coalesce(license, '') FROM repos ORDER BY 1").fetchall()
        ],
        "dialects": list(DIALECTS),
        "render_statuses": list(RENDER_STATUSES),
    }
