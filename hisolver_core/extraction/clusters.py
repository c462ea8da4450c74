"""Group duplicate snippets: same normalised AST (exact) or MinHash Jaccard above a threshold (near).

Each cluster's id is its smallest snippet id and it has one representative:
the first Community snippet (renderable here) that rendered, else the first not
yet tried, else the first snippet. Ids only grow and a representative that
rendered keeps its place, so representatives stay put across runs unless two
clusters merge; that keeps labels attached to representatives. After a
render-check, :func:`rechoose_representatives` hands a failed representative's
place to a twin that has not been tried, so the cluster still reaches the queue.
"""

from __future__ import annotations

import logging

from datasketch import MinHashLSH
from sqlite_utils import Database

from ..db import transaction
from .hashing import NUM_PERM, minhash_from_bytes

__all__ = ["assign_clusters", "rechoose_representatives", "NEAR_THRESHOLD"]

log = logging.getLogger(__name__)

NEAR_THRESHOLD = 0.85  # estimated Jaccard of token 5-shingles
_DIALECT_RANK = {"community": 0, "manimgl": 1, "manimlib_old": 2, "unknown": 3}
_RENDER_RANK = {"ok": 0, "pending": 1, "failed": 2, "rejected": 3, "not_renderable": 4}


def _rank(sid: int, dialect: str | None, render_status: str | None) -> tuple[int, int, int]:
    """Sort key of a representative candidate: Community first, then rendered, then untried, then the oldest."""
    return _DIALECT_RANK.get(dialect or "unknown", 9), _RENDER_RANK.get(render_status or "pending", 1), sid


def _best(members: list[tuple[int, int, str | None, str | None]]) -> dict[int, int]:
    """Map each cluster to its representative, from ``(id, cluster, dialect, render status)``."""
    best: dict[int, tuple[int, int, int]] = {}
    for sid, cid, dialect, status in members:
        key = _rank(sid, dialect, status)
        if cid not in best or key < best[cid]:
            best[cid] = key
    return {cid: key[2] for cid, key in best.items()}


def _choose(db: Database, rows: list[tuple[int, int, str, str, int]]) -> int:
    """Set ``is_representative`` from ``(id, cluster, dialect, render status, is_rep)`` rows; return rows changed."""
    best = _best([row[:4] for row in rows])
    changes = [(int(best[cid] == sid), sid) for sid, cid, _d, _s, rep in rows if rep != int(best[cid] == sid)]
    with transaction(db):
        db.conn.executemany("UPDATE snippets SET is_representative = ? WHERE id = ?", changes)
    return len(changes)


def rechoose_representatives(db: Database) -> int:
    """Give each cluster whose representative failed to render a twin that may render; return clusters changed.

    Only clusters with a ``failed`` or ``rejected`` representative are read. The new
    representative is ``pending`` and the next render-check renders it.
    """
    rows = db.execute(
        "SELECT id, cluster_id, dialect, render_status, is_representative FROM snippets WHERE cluster_id IN "
        "(SELECT cluster_id FROM snippets WHERE is_representative = 1 AND render_status IN ('failed', 'rejected'))"
    ).fetchall()
    changed = _choose(db, rows) // 2  # one row loses the place, one gains it
    if changed:
        log.info("clusters: %d representatives re-chosen after failed renders", changed)
    return changed


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = parent.setdefault(x, x)
        while root != parent[root]:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the smaller id is the root


def _near_unions(sigs: dict[int, bytes], uf: _UnionFind) -> None:
    """Union snippets whose MinHash estimate is at least ``NEAR_THRESHOLD``.

    Candidates already in one cluster are not compared again, and a snippet
    that joined a cluster through another one's query does not query itself,
    so a big family of near-copies costs about one comparison per member, not
    one per pair (and chains of small edits drift less).
    """
    lsh = MinHashLSH(threshold=NEAR_THRESHOLD, num_perm=NUM_PERM)
    hashes = {}
    for sid, raw in sigs.items():
        if raw is None or len(raw) != NUM_PERM * 8:
            continue
        hashes[sid] = minhash_from_bytes(raw)
        lsh.insert(sid, hashes[sid], check_duplication=False)
    absorbed: set[int] = set()
    for sid, mh in hashes.items():
        if sid in absorbed:
            continue  # already joined through a similar snippet: its own query adds little
        root = uf.find(sid)
        for other in lsh.query(mh):
            if other != sid and uf.find(other) != root and mh.jaccard(hashes[other]) >= NEAR_THRESHOLD:
                uf.union(sid, other)
                root = uf.find(sid)
                absorbed.add(other)


def assign_clusters(db: Database) -> tuple[int, int]:
    """Recompute ``cluster_id`` and ``is_representative`` for every snippet.

    Returns ``(clusters, duplicates)`` where duplicates are snippets that are
    not their cluster's representative. Only changed rows are written.
    """
    rows = db.execute(
        "SELECT id, ast_hash, minhash, dialect, cluster_id, is_representative, render_status FROM snippets"
    ).fetchall()
    uf = _UnionFind()
    first_by_hash: dict[str, int] = {}
    sigs: dict[int, bytes] = {}
    for sid, ahash, sig, _dialect, _cid, _rep, _status in rows:
        uf.find(sid)
        if ahash in first_by_hash:
            uf.union(first_by_hash[ahash], sid)  # exact duplicate: no need to compare signatures
        else:
            first_by_hash[ahash] = sid
            sigs[sid] = sig
    _near_unions(sigs, uf)

    best = _best([(sid, uf.find(sid), dialect, status) for sid, _h, _s, dialect, _c, _r, status in rows])
    changes = []
    for sid, _h, _s, _d, old_cid, old_rep, _status in rows:
        cid = uf.find(sid)
        rep = int(best[cid] == sid)
        if (old_cid, old_rep) != (cid, rep):
            changes.append((cid, rep, sid))
    with transaction(db):
        db.conn.executemany("UPDATE snippets SET cluster_id = ?, is_representative = ? WHERE id = ?", changes)
    log.info("clusters: %d for %d snippets (%d rows changed)", len(best), len(rows), len(changes))
    return len(best), len(rows) - len(best)
