"""The annotator's queue: which snippet to label next, leases, saves, skips and flags.

Eligible snippets are Community-dialect cluster representatives whose render
succeeded and that have fewer than ``k`` labels that are not rejected. The next
one is the eligible snippet with the fewest labels (then the lowest id) that
this annotator has not labeled, skipped or flagged, and whose open places are
not all held by other annotators' live leases: with k = 1 a leased snippet is
nobody else's, with k >= 2 up to k annotators may hold it at once.

Every read-check-write runs in one ``BEGIN IMMEDIATE`` transaction, and labels
carry a unique (snippet_id, annotator) index, so concurrent saves from several
processes are neither lost nor doubled. A save that arrives after its lease
ran out is still kept, so a slow annotator's work is never thrown away (the
snippet may then hold one label more than k).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from ..db import iso, now_utc, transaction
from ..errors import HiSolverError, NotFoundError

__all__ = [
    "QueueItem",
    "Progress",
    "LabelingError",
    "LEASE_SECONDS",
    "MAX_SUMMARY_CHARS",
    "get_labels_per_snippet",
    "set_labels_per_snippet",
    "next_snippet",
    "release_lease",
    "save_label",
    "skip_snippet",
    "progress",
    "waiting_for_labels",
]

log = logging.getLogger(__name__)

LEASE_SECONDS = 15 * 60
MAX_SUMMARY_CHARS = 2000
MAX_K = 10
_K_KEY = "labels_per_snippet"

# Snippets any annotator may label, with their count of labels that still count.
_ELIGIBLE = """
    SELECT s.id, s.scene_name, s.code, s.dialect, s.poster_key, s.video_key,
           (SELECT COUNT(*) FROM labels l WHERE l.snippet_id = s.id AND l.status != 'rejected') AS n_labels
    FROM snippets s
    WHERE s.dialect = 'community' AND s.render_status = 'ok' AND s.is_representative = 1
"""

# ... narrowed to what ``:annotator`` may take now (parameters: annotator, now, k).
_FOR_ANNOTATOR = f"""
    SELECT e.*,
           (SELECT COUNT(*) FROM label_leases x
             WHERE x.snippet_id = e.id AND x.annotator != :annotator AND x.expires_at > :now) AS n_leased
    FROM ({_ELIGIBLE}) e
    WHERE e.n_labels < :k
      AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.snippet_id = e.id AND l.annotator = :annotator)
      AND NOT EXISTS (SELECT 1 FROM label_skips k WHERE k.snippet_id = e.id AND k.annotator = :annotator)
"""


class LabelingError(HiSolverError):
    """A labeling request was malformed (empty summary, unknown decision, bad k)."""


@dataclass(frozen=True)
class QueueItem:
    """A snippet handed to an annotator, with the lease that reserves it."""

    snippet_id: int
    scene_name: str
    code: str
    dialect: str
    poster_key: str | None
    video_key: str | None
    label_count: int
    lease_expires_at: str


@dataclass(frozen=True)
class Progress:
    """An annotator's progress: labels saved today (UTC) and in all, and what is left for them."""

    labeled_today: int
    labeled_total: int
    remaining: int


def _check_annotator(annotator: str) -> str:
    name = (annotator or "").strip()
    if not name or len(name) > 100:
        raise LabelingError("annotator name must be 1 to 100 characters")
    return name


def get_labels_per_snippet(db: Database) -> int:
    """Return k, the labels each snippet should get (default 1)."""
    row = db.execute("SELECT value FROM app_settings WHERE key = ?", [_K_KEY]).fetchone()
    return int(row[0]) if row else 1


def set_labels_per_snippet(db: Database, k: int) -> int:
    """Store k (1 to 10) and return it; raises :class:`LabelingError` outside that range."""
    if not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise LabelingError(f"labels per snippet must be a whole number from 1 to {MAX_K}, got {k!r}")
    with transaction(db) as conn:
        conn.execute(
            "INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [_K_KEY, str(k)],
        )
    return k


def _held_open_snippet(conn, params: dict) -> tuple | None:
    """The still-open snippet this annotator already holds a live lease on, if any."""
    held = conn.execute("SELECT snippet_id FROM label_leases WHERE annotator = :annotator ORDER BY snippet_id", params)
    for (held_id,) in held.fetchall():
        row = conn.execute(f"SELECT * FROM ({_FOR_ANNOTATOR}) WHERE id = :held", params | {"held": held_id})
        if (found := row.fetchone()) is not None:
            return found
    return None


def _first_open_snippet(conn, params: dict, k: int) -> tuple | None:
    """The open snippet with the fewest labels (then lowest id) with a place not held by others."""
    # One level at a time: each query stops at its first hit in id order instead of
    # counting and sorting the whole queue.
    for level in range(k):
        row = conn.execute(
            f"SELECT * FROM ({_FOR_ANNOTATOR}) WHERE n_labels = :level AND n_labels + n_leased < :k "
            "ORDER BY id LIMIT 1",
            params | {"level": level},
        ).fetchone()
        if row is not None:
            return row
    return None


def next_snippet(
    db: Database, annotator: str, *, lease_seconds: int = LEASE_SECONDS, now: datetime | None = None
) -> QueueItem | None:
    """Lease and return the next snippet for ``annotator``, or None when the queue is empty.

    An annotator who already holds a live lease on a snippet that is still open
    gets that snippet again (its lease renewed), so a page reload is stable.
    """
    annotator = _check_annotator(annotator)
    moment = now or now_utc()
    now_s, expires = iso(moment), iso(moment + timedelta(seconds=lease_seconds))
    with transaction(db) as conn:
        k = int((conn.execute("SELECT value FROM app_settings WHERE key = ?", [_K_KEY]).fetchone() or [1])[0])
        conn.execute("DELETE FROM label_leases WHERE expires_at <= ?", [now_s])
        params = {"annotator": annotator, "now": now_s, "k": k}
        row = _held_open_snippet(conn, params) or _first_open_snippet(conn, params, k)
        if row is None:
            conn.execute("DELETE FROM label_leases WHERE annotator = ?", [annotator])
            return None
        # One open lease per annotator: taking a snippet gives back any other.
        conn.execute("DELETE FROM label_leases WHERE annotator = ? AND snippet_id != ?", [annotator, row[0]])
        conn.execute(
            "INSERT INTO label_leases (snippet_id, annotator, expires_at) VALUES (?, ?, ?) "
            "ON CONFLICT(snippet_id, annotator) DO UPDATE SET expires_at = excluded.expires_at",
            [row[0], annotator, expires],
        )
    log.debug("leased snippet %s to %s until %s", row[0], annotator, expires)
    # Columns: id, scene_name, code, dialect, poster_key, video_key, n_labels, n_leased.
    return QueueItem(row[0], row[1] or "", row[2] or "", row[3] or "", row[4], row[5], row[6], expires)


def release_lease(db: Database, annotator: str) -> None:
    """Give back whatever snippet ``annotator`` holds (e.g. when they sign out)."""
    with transaction(db) as conn:
        conn.execute("DELETE FROM label_leases WHERE annotator = ?", [_check_annotator(annotator)])


def _check_summary(summary: str) -> str:
    text = (summary or "").strip()
    if not text:
        raise LabelingError("the summary is empty: describe what the animation shows, as a request")
    if len(text) > MAX_SUMMARY_CHARS:
        raise LabelingError(f"the summary is longer than {MAX_SUMMARY_CHARS} characters")
    return text


def upsert_label(
    conn, snippet_id: int, annotator: str, summary: str, status: str, suggested_from: str | None, stamp: str
) -> int:
    """Insert or update the (snippet, annotator) label inside an open transaction; return its id.

    Saving the same summary again changes nothing (an approved label stays
    approved) unless it asks to approve it; a new summary resets the review.
    """
    source = "llm-suggested" if suggested_from else "human"
    conn.execute(
        """INSERT INTO labels (snippet_id, annotator, summary, status, source, suggested_from,
                               created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(snippet_id, annotator) DO UPDATE SET
             summary = excluded.summary, status = excluded.status, source = excluded.source,
             suggested_from = excluded.suggested_from, updated_at = excluded.updated_at,
             reviewer = NULL, review_note = NULL, reviewed_at = NULL
           WHERE labels.summary IS NOT excluded.summary
              OR (excluded.status = 'approved' AND labels.status != 'approved')""",
        [snippet_id, annotator, summary, status, source, suggested_from, stamp, stamp],
    )
    row = conn.execute("SELECT id FROM labels WHERE snippet_id = ? AND annotator = ?", [snippet_id, annotator])
    return row.fetchone()[0]


def save_label(
    db: Database,
    annotator: str,
    snippet_id: int,
    summary: str,
    *,
    suggested_from: str | None = None,
    status: str = "submitted",
    now: datetime | None = None,
) -> int:
    """Save ``annotator``'s summary for a snippet and return the label id.

    Saving again for the same snippet updates the same label (a changed summary
    goes back to ``status`` with its review cleared; the same summary changes
    nothing), so a double submit never makes two rows. When
    ``suggested_from`` (the model's draft) is given, the label's source is
    ``llm-suggested``. Releases the annotator's lease. Raises
    :class:`NotFoundError` for an unknown snippet and :class:`LabelingError` for
    an empty summary.
    """
    annotator, text = _check_annotator(annotator), _check_summary(summary)
    if status not in ("submitted", "approved", "draft"):
        raise LabelingError(f"cannot save a label as {status!r}")
    stamp = iso(now or now_utc())
    with transaction(db) as conn:
        if conn.execute("SELECT 1 FROM snippets WHERE id = ?", [snippet_id]).fetchone() is None:
            raise NotFoundError(f"no snippet {snippet_id}")
        label_id = upsert_label(conn, snippet_id, annotator, text, status, suggested_from, stamp)
        conn.execute("DELETE FROM label_leases WHERE snippet_id = ? AND annotator = ?", [snippet_id, annotator])
    log.info("label %s saved by %s for snippet %s", label_id, annotator, snippet_id)
    return label_id


def skip_snippet(db: Database, annotator: str, snippet_id: int, reason: str = "", *, flag: bool = False) -> None:
    """Take a snippet out of ``annotator``'s queue: a skip with a reason, or a bad-code flag.

    Flags are listed for maintainers in the review view. Raises
    :class:`NotFoundError` for an unknown snippet.
    """
    annotator = _check_annotator(annotator)
    kind = "flag" if flag else "skip"
    with transaction(db) as conn:
        if conn.execute("SELECT 1 FROM snippets WHERE id = ?", [snippet_id]).fetchone() is None:
            raise NotFoundError(f"no snippet {snippet_id}")
        conn.execute(
            "INSERT INTO label_skips (snippet_id, annotator, kind, reason, created_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(snippet_id, annotator) DO UPDATE SET kind = excluded.kind, reason = excluded.reason",
            [snippet_id, annotator, kind, (reason or "").strip()[:500], iso(now_utc())],
        )
        conn.execute("DELETE FROM label_leases WHERE snippet_id = ? AND annotator = ?", [snippet_id, annotator])
    log.info("%s marked snippet %s as %s (%s)", annotator, snippet_id, kind, reason)


def progress(db: Database, annotator: str, *, now: datetime | None = None) -> Progress:
    """Return ``annotator``'s labels today and in total, and how many snippets remain for them."""
    annotator = _check_annotator(annotator)
    moment = now or now_utc()
    today = iso(moment.replace(hour=0, minute=0, second=0, microsecond=0))
    k = get_labels_per_snippet(db)
    today_n, total_n = db.execute(
        "SELECT COALESCE(SUM(created_at >= ?), 0), COUNT(*) FROM labels WHERE annotator = ?", [today, annotator]
    ).fetchone()
    remaining = db.execute(
        f"SELECT COUNT(*) FROM ({_FOR_ANNOTATOR})", {"annotator": annotator, "now": iso(moment), "k": k}
    ).fetchone()[0]
    return Progress(int(today_n), int(total_n), int(remaining))


def waiting_for_labels(db: Database) -> int:
    """Return how many snippets in the queue still need labels (fewer than k that count), whoever takes them."""
    k = get_labels_per_snippet(db)
    return int(db.execute(f"SELECT COUNT(*) FROM ({_ELIGIBLE}) e WHERE e.n_labels < ?", [k]).fetchone()[0])
