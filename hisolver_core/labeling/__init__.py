"""Labeling: the annotator queue with leases, review, agreement, Label Studio interchange.

Typical use::

    item = next_snippet(db, "ada")            # leased for 15 minutes
    save_label(db, "ada", item.snippet_id, "Draw a circle, then turn it into a square")
    review_label(db, label_id, "approve", reviewer="grace")
"""

from .labelstudio import (
    LABEL_CONFIG,
    ImportReport,
    dumps_label_studio,
    export_label_studio,
    guess_dialect,
    import_label_studio,
    parse_label_studio,
    read_label_studio_file,
    write_label_studio_file,
)
from .media import load_preview
from .queue import (
    LEASE_SECONDS,
    MAX_SUMMARY_CHARS,
    LabelingError,
    Progress,
    QueueItem,
    get_labels_per_snippet,
    next_snippet,
    progress,
    release_lease,
    save_label,
    set_labels_per_snippet,
    skip_snippet,
    waiting_for_labels,
)
from .review import Agreement, agreement, annotator_counts, list_flags, list_labels, review_label, similarity
from .suggest import suggest_summary
from .undo import UNDO_SECONDS, undo_label

__all__ = [
    "UNDO_SECONDS",
    "undo_label",
    "LABEL_CONFIG",
    "LEASE_SECONDS",
    "MAX_SUMMARY_CHARS",
    "Agreement",
    "ImportReport",
    "LabelingError",
    "Progress",
    "QueueItem",
    "agreement",
    "annotator_counts",
    "dumps_label_studio",
    "export_label_studio",
    "get_labels_per_snippet",
    "guess_dialect",
    "import_label_studio",
    "list_flags",
    "list_labels",
    "load_preview",
    "next_snippet",
    "parse_label_studio",
    "progress",
    "read_label_studio_file",
    "release_lease",
    "review_label",
    "save_label",
    "set_labels_per_snippet",
    "similarity",
    "skip_snippet",
    "suggest_summary",
    "waiting_for_labels",
    "write_label_studio_file",
]
