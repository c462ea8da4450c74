"""Review: maintainers approve or reject labels, see per-annotator counts and agreement.

Agreement between two summaries is the Jaccard index of their word sets
(lower-cased ``[a-z0-9]+`` tokens): |A ∩ B| / |A ∪ B|, 1.0 for the same words
in any order, 0.0 for nothing in common. It is order-blind on purpose: two
annotators who ask for "a circle turning into a square" and "turn a circle into
a square" agree. A snippet's score is the mean over all pairs of its labels.
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from ..db import iso, now_utc, transaction
from ..errors import NotFoundError
from .queue import LabelingError

__all__ = [
    "DECISIONS",
    "Agreement",
    "list_labels",
    "review_label",
    "annotator_counts",
    "similarity",
    "agreement",
    "list_flags",
]

log = logging.getLogger(__name__)

DECISIONS = {"approve": "approved", "reject": "rejected"}
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Agreement:
    """The labels of one snippet side by side, with their mean pairwise similarity."""

    snippet_id: int
    scene_name: str
    score: float
    labels: list[dict] = field(default_factory=list)  # id, annotator, summary, status


def list_labels(
    db: Database, *, status: str | None = None, annotator: str | None = None, limit: int = 200
) -> list[dict]:
    """Return labels (newest first) with their snippet's scene name and code, filtered as asked."""
    where, params = ["1 = 1"], []
    if status:
        where.append("l.status = ?")
        params.append(status)
    if annotator:
        where.append("l.annotator = ?")
        params.append(annotator)
    sql = (
        "SELECT l.*, s.scene_name, s.code FROM labels l JOIN snippets s ON s.id = l.snippet_id "
        f"WHERE {' AND '.join(where)} ORDER BY l.updated_at DESC, l.id DESC LIMIT ?"
    )
    return [dict(r) for r in db.query(sql, params + [int(limit)])]


def review_label(db: Database, label_id: int, decision: str, reviewer: str, note: str = "") -> dict:
    """Approve or reject a label; return the updated label row.

    ``decision`` is ``approve`` or ``reject``. Raises :class:`NotFoundError` for
    an unknown label, :class:`LabelingError` for another decision or no reviewer.
    """
    if decision not in DECISIONS:
        raise LabelingError(f"decision must be 'approve' or 'reject', got {decision!r}")
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise LabelingError("a review needs the reviewer's name")
    stamp = iso(now_utc())
    with transaction(db) as conn:
        cur = conn.execute(
            "UPDATE labels SET status = ?, reviewer = ?, review_note = ?, reviewed_at = ?, updated_at = ? "
            "WHERE id = ? AND status != 'draft'",
            [DECISIONS[decision], reviewer, (note or "").strip()[:1000], stamp, stamp, label_id],
        )
        if cur.rowcount == 0:
            raise NotFoundError(f"no submitted label {label_id}")
    log.info("label %s %sd by %s", label_id, decision, reviewer)
    return dict(db.table("labels").get(label_id))


def annotator_counts(db: Database, *, now: datetime | None = None) -> list[dict]:
    """Return one row per annotator: labels today (UTC), submitted, approved, rejected, total, skipped, flagged."""
    moment = now or now_utc()
    today = iso(moment.replace(hour=0, minute=0, second=0, microsecond=0))
    rows = {
        r["annotator"]: dict(r, skipped=0, flagged=0)
        for r in db.query(
            """SELECT annotator, SUM(created_at >= ?) AS today, SUM(status = 'submitted') AS submitted,
                      SUM(status = 'approved') AS approved, SUM(status = 'rejected') AS rejected,
                      COUNT(*) AS total
               FROM labels GROUP BY annotator""",
            [today],
        )
    }
    for r in db.query("SELECT annotator, kind, COUNT(*) AS n FROM label_skips GROUP BY annotator, kind"):
        entry = rows.setdefault(
            r["annotator"],
            {
                "annotator": r["annotator"],
                "today": 0,
                "submitted": 0,
                "approved": 0,
                "rejected": 0,
                "total": 0,
                "skipped": 0,
                "flagged": 0,
            },
        )
        entry["flagged" if r["kind"] == "flag" else "skipped"] = r["n"]
    return [rows[name] for name in sorted(rows)]


def similarity(a: str, b: str) -> float:
    """Return the Jaccard index of the lower-cased word sets of ``a`` and ``b`` (0.0 to 1.0)."""
    ta, tb = set(_TOKEN.findall((a or "").lower())), set(_TOKEN.findall((b or "").lower()))
    if not ta and not tb:
        return 1.0
    return len(ta & tb) / len(ta | tb)


def agreement(db: Database, *, min_labels: int = 2, limit: int = 200) -> list[Agreement]:
    """Return snippets with at least ``min_labels`` non-rejected labels, least agreement first."""
    rows = db.query(
        """SELECT l.snippet_id, s.scene_name, l.id, l.annotator, l.summary, l.status
           FROM labels l JOIN snippets s ON s.id = l.snippet_id
           WHERE l.status != 'rejected' AND l.snippet_id IN (
             SELECT snippet_id FROM labels WHERE status != 'rejected'
             GROUP BY snippet_id HAVING COUNT(*) >= ?)
           ORDER BY l.snippet_id, l.annotator""",
        [max(2, min_labels)],
    )
    out = []
    for snippet_id, group in itertools.groupby(rows, key=lambda r: r["snippet_id"]):
        labels = [
            {k: r[k] for k in ("id", "annotator", "summary", "status")} | {"scene_name": r["scene_name"]} for r in group
        ]
        pairs = list(itertools.combinations([lab["summary"] for lab in labels], 2))
        score = sum(similarity(a, b) for a, b in pairs) / len(pairs)
        out.append(Agreement(snippet_id, labels[0]["scene_name"] or "", round(score, 3), labels))
    out.sort(key=lambda a: (a.score, a.snippet_id))
    return out[:limit]


def list_flags(db: Database, *, limit: int = 200) -> list[dict]:
    """Return bad-code flags (newest first) with the snippet's scene name."""
    return [
        dict(r)
        for r in db.query(
            """SELECT k.snippet_id, k.annotator, k.reason, k.created_at, s.scene_name
               FROM label_skips k JOIN snippets s ON s.id = k.snippet_id
               WHERE k.kind = 'flag' ORDER BY k.created_at DESC LIMIT ?""",
            [int(limit)],
        )
    ]
