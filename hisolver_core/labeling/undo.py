"""Undo an annotator's last submission within a short window, as Label Studio's users expect.

The label is deleted (only while nobody has reviewed it) and its snippet is
leased back to the annotator, so the queue shows it again next with the
summary ready to correct.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlite_utils import Database

from ..db import iso, now_utc, transaction
from .queue import LEASE_SECONDS, LabelingError, _check_annotator

__all__ = ["UNDO_SECONDS", "undo_label"]

log = logging.getLogger(__name__)

UNDO_SECONDS = 120


def undo_label(
    db: Database, annotator: str, label_id: int, *, window_s: int = UNDO_SECONDS, now: datetime | None = None
) -> dict:
    """Take back ``annotator``'s label ``label_id`` saved less than ``window_s`` ago; return it as it was.

    Raises :class:`LabelingError` when the label is not theirs, was reviewed,
    or is older than the window (the message says which).
    """
    annotator = _check_annotator(annotator)
    moment = now or now_utc()
    with transaction(db) as conn:
        row = conn.execute(
            "SELECT snippet_id, annotator, summary, status, updated_at FROM labels WHERE id = ?", [label_id]
        ).fetchone()
        if row is None or row[1] != annotator:
            raise LabelingError(f"label {label_id} is not one of yours to undo")
        snippet_id, _who, summary, status, updated_at = row
        if status != "submitted":
            raise LabelingError(f"label {label_id} was already {status}: ask a reviewer to change it")
        if datetime.fromisoformat(updated_at) < moment - timedelta(seconds=window_s):
            raise LabelingError(f"label {label_id} is older than {window_s} s: edit it by labeling the snippet again")
        conn.execute("DELETE FROM labels WHERE id = ?", [label_id])
        conn.execute("DELETE FROM label_leases WHERE annotator = ?", [annotator])  # give back the next one
        conn.execute(
            "INSERT INTO label_leases (snippet_id, annotator, expires_at) VALUES (?, ?, ?)",
            [snippet_id, annotator, iso(moment + timedelta(seconds=LEASE_SECONDS))],
        )
    log.info("%s took back label %s (snippet %s)", annotator, label_id, snippet_id)
    return {"id": label_id, "snippet_id": snippet_id, "summary": summary}
