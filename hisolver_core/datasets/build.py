"""Freeze labels into an immutable dataset version in the blob store.

A version ``NAME`` is written once, under ``datasets/NAME/``:

- ``train.jsonl`` and ``val.jsonl``: one chat per line,
  ``{"messages": [system, user = summary, assistant = code]}``;
- ``manifest.json`` (written last): counts, the number of labels left out
  because their snippet is not rendered Community code, sha256 of each file, the label
  ids and one item per row (label, snippet, split, row hash, lengths, dialect,
  render status, topic), the parent version, who made it and when, and the
  content hash;

Only labels of Manim Community snippets that rendered (``render_status = 'ok'``)
are frozen: a row must agree with the system prompt it trains under.

and the same labels in the original pipeline's ``labeled/`` shape, one Label
Studio annotation JSON per label with its task (``{"data": {"code": ...}}``)
under ``labeled/NAME/``.

The split is by snippet: a snippet goes to validation when the first 60 bits
of ``sha256("split:" + code_hash)`` as a fraction of 2**60 fall below
``val_fraction``, so every label of a snippet lands on the same side, and a
snippet stays on its side in every version made with the same fraction. The
content hash covers only the two files and the sorted label ids, so the same
labels give the same hash whatever the name, time or author.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
from typing import Any

from sqlite_utils import Database

from ..blobs import BlobStore, open_blob_store
from ..config import Settings
from ..db import iso, now_utc, open_db, transaction
from ..errors import HiSolverError, StorageError
from ..labeling.labelstudio import annotation_record
from .stats import topic_of

__all__ = [
    "SYSTEM_PROMPT",
    "DatasetError",
    "VersionExistsError",
    "create_version",
    "check_name",
    "split_of",
    "preview_split",
    "version_prefix",
]

log = logging.getLogger(__name__)

FORMAT = "hisolver-dataset/1"
SYSTEM_PROMPT = (
    "You write Manim Community Edition code. Reply with one complete Python file that imports from "
    "manim and defines one Scene subclass that animates the request."
)
FILES = ("train.jsonl", "val.jsonl")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class DatasetError(HiSolverError):
    """A dataset version cannot be made as asked (bad name, no labels, bad fraction)."""


class VersionExistsError(DatasetError):
    """The version name is taken: versions are immutable and never overwritten."""


def check_name(name: str) -> str:
    """Return ``name`` if it is a valid version name; raises :class:`DatasetError`."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise DatasetError(
            f"invalid dataset name {name!r}: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    return name


def version_prefix(name: str) -> str:
    """The blob-store folder of version ``name``."""
    return f"datasets/{check_name(name)}/"


def split_of(code_hash: str, val_fraction: float) -> str:
    """Return ``val`` or ``train`` for a snippet, from its code hash (deterministic)."""
    digest = hashlib.sha256(f"split:{code_hash}".encode()).hexdigest()
    return "val" if int(digest[:15], 16) / 16**15 < val_fraction else "train"


_SELECT = """
    SELECT l.id AS label_id, l.snippet_id, l.annotator, l.summary, l.status, l.source,
           l.created_at, l.updated_at, s.code, s.code_hash, s.dialect, s.scene_name, s.render_status
    FROM labels l JOIN snippets s ON s.id = l.snippet_id
    WHERE l.status IN ({statuses}) AND TRIM(COALESCE(l.summary, '')) != '' AND TRIM(COALESCE(s.code, '')) != ''
"""
# Training rows must agree with their system prompt: Manim Community code that rendered as written.
_RENDERED = " AND s.dialect = 'community' AND s.render_status = 'ok'"


def preview_split(db: Database, *, approved_only: bool = False, val_fraction: float = 0.1) -> dict[str, int]:
    """Return what a version made now would hold: ``labels``, ``train`` and ``val`` rows; writes nothing."""
    statuses = "'approved'" if approved_only else "'submitted', 'approved'"
    hashes = [row[0] for row in db.execute(f"SELECT code_hash FROM ({_SELECT.format(statuses=statuses)})")]
    val = sum(split_of(h or "", val_fraction) == "val" for h in hashes)
    return {"labels": len(hashes), "train": len(hashes) - val, "val": val}


def _reserve(
    db: Database,
    blobs: BlobStore,
    name: str,
    approved_only: bool,
    val_fraction: float,
    parent: str | None,
    created_by: str,
    stamp: str,
) -> tuple[list[dict], str | None]:
    """Claim ``name`` and read a consistent snapshot of the labels, in one transaction."""
    statuses = "'approved'" if approved_only else "'submitted', 'approved'"
    # Checked before the write lock (a cloud listing is slow); two racing creators are
    # still told apart by the primary key inside the transaction.
    taken = VersionExistsError(
        f"dataset version {name!r} already exists; versions are never overwritten, pick a new name"
    )
    if db.execute("SELECT 1 FROM dataset_versions WHERE name = ?", [name]).fetchone():
        raise taken
    if next(blobs.list(version_prefix(name)), None) or next(blobs.list(f"labeled/{name}/"), None):
        raise taken  # files without a row: a lost or different database
    with transaction(db) as conn:
        if conn.execute("SELECT 1 FROM dataset_versions WHERE name = ?", [name]).fetchone():
            raise taken
        if parent is None:
            row = conn.execute(
                "SELECT name FROM dataset_versions WHERE status = 'ready' ORDER BY created_at DESC, rowid DESC LIMIT 1"
            ).fetchone()
            parent = row[0] if row else None
        elif not conn.execute("SELECT 1 FROM dataset_versions WHERE name = ?", [parent]).fetchone():
            raise DatasetError(f"parent version {parent!r} does not exist")
        cur = conn.execute(_SELECT.format(statuses=statuses) + _RENDERED)
        cols = [c[0] for c in cur.description]
        rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        left_out = conn.execute(f"SELECT COUNT(*) FROM ({_SELECT.format(statuses=statuses)})").fetchone()[0] - len(rows)
        if not rows:
            why = " (none approved yet)" if approved_only else ""
            if left_out:
                why = (
                    f" ({left_out} labels are on snippets that are not rendered Manim Community code; "
                    "run 'hisolver render-check' first)"
                )
            raise DatasetError("no labels to freeze" + why)
        if left_out:
            log.info("dataset %s: %s labels left out (their snippets are not rendered Community code)", name, left_out)
        for row in rows:
            row["left_out"] = left_out
        conn.execute(
            "INSERT INTO dataset_versions (name, status, parent, approved_only, val_fraction, created_by, "
            "created_at) VALUES (?, 'building', ?, ?, ?, ?, ?)",
            [name, parent, int(approved_only), val_fraction, created_by, stamp],
        )
    return rows, parent


def _row_line(summary: str, code: str) -> bytes:
    chat = {
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": summary.strip()},
            {"role": "assistant", "content": code},
        ]
    }
    return (json.dumps(chat, ensure_ascii=False) + "\n").encode("utf-8")


def _assemble(rows: list[dict], val_fraction: float) -> tuple[dict[str, bytes], list[dict]]:
    """Return the two JSONL files and one manifest item per row, in a stable order."""
    for r in rows:
        r["code_hash"] = r["code_hash"] or hashlib.sha256(r["code"].encode("utf-8")).hexdigest()
    rows.sort(key=lambda r: (r["code_hash"], r["summary"].strip(), r["label_id"]))
    chunks: dict[str, list[bytes]] = {"train": [], "val": []}
    items = []
    for r in rows:
        split = split_of(r["code_hash"], val_fraction)
        line = _row_line(r["summary"], r["code"])
        chunks[split].append(line)
        items.append(
            {
                "label_id": r["label_id"],
                "snippet_id": r["snippet_id"],
                "split": split,
                "row_sha256": hashlib.sha256(line).hexdigest(),
                "code_hash": r["code_hash"],
                "annotator": r["annotator"],
                "status": r["status"],
                "source": r["source"] or "human",
                "dialect": r["dialect"] or "unknown",
                "render_status": r["render_status"],
                "topic": topic_of(r["summary"], r["code"]),
                "summary_chars": len(r["summary"].strip()),
                "code_chars": len(r["code"]),
            }
        )
    return {"train.jsonl": b"".join(chunks["train"]), "val.jsonl": b"".join(chunks["val"])}, items


def content_hash(files: dict[str, str], label_ids: list[int]) -> str:
    """Return the content hash of a version from its file hashes and label ids."""
    canon = json.dumps({"files": dict(sorted(files.items())), "label_ids": sorted(label_ids)}, sort_keys=True)
    return hashlib.sha256(canon.encode()).hexdigest()


def _write_labeled(blobs: BlobStore, name: str, rows: list[dict]) -> list[str]:
    keys, ids = [], {a: i for i, a in enumerate(sorted({r["annotator"] for r in rows}), 1)}
    for r in rows:
        record = annotation_record({"id": r["label_id"], **r}, ids)
        record["task"] = {"id": r["snippet_id"], "data": {"code": r["code"]}}
        key = f"labeled/{name}/{r['snippet_id']}-{r['label_id']}.json"
        blobs.put(key, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"), "application/json")
        keys.append(key)
    return keys


def _cleanup(db: Database, blobs: BlobStore, name: str) -> None:
    """Undo a failed build, best effort: the error that made it fail is the one the caller sees."""
    try:
        for key in list(blobs.list(version_prefix(name))) + list(blobs.list(f"labeled/{name}/")):
            blobs.delete(key)
    except StorageError as exc:  # the store that failed the build may fail the cleanup too
        log.warning("dataset %s: partial files left in the blob store: %s", name, exc)
    try:
        with transaction(db) as conn:
            conn.execute("DELETE FROM dataset_versions WHERE name = ? AND status = 'building'", [name])
    except sqlite3.Error as exc:
        log.warning("dataset %s: reservation not released: %s", name, exc)


def create_version(
    settings: Settings,
    name: str,
    *,
    approved_only: bool = False,
    val_fraction: float = 0.1,
    created_by: str = "",
    parent: str | None = None,
    db: Database | None = None,
    blobs: BlobStore | None = None,
) -> dict[str, Any]:
    """Freeze the current labels into version ``name``; return its manifest.

    Uses approved labels only with ``approved_only``, else submitted and
    approved ones. ``parent`` defaults to the newest existing version. Raises
    :class:`VersionExistsError` when the name is taken (in the database or the
    blob store), :class:`DatasetError` for a bad name or fraction or when there
    is nothing to freeze, :class:`StorageError` when writing fails (nothing is
    left behind then).
    """
    check_name(name)
    if not 0.0 <= val_fraction < 1.0:
        raise DatasetError(f"val fraction must be at least 0 and below 1, got {val_fraction}")
    own_db = db is None
    db = db or open_db(settings)
    blobs = blobs or open_blob_store(settings)
    stamp = iso(now_utc())
    try:
        rows, parent = _reserve(db, blobs, name, approved_only, val_fraction, parent, created_by, stamp)
        try:
            manifest = _write_version(db, blobs, name, rows, approved_only, val_fraction, parent, created_by, stamp)
        except BaseException:
            _cleanup(db, blobs, name)
            raise
    finally:
        if own_db:
            db.close()
    log.info("dataset %s: %s rows, content %s", name, manifest["counts"]["rows"], manifest["content_hash"][:12])
    return manifest


def _write_version(
    db: Database,
    blobs: BlobStore,
    name: str,
    rows: list[dict],
    approved_only: bool,
    val_fraction: float,
    parent: str | None,
    created_by: str,
    stamp: str,
) -> dict[str, Any]:
    files, items = _assemble(rows, val_fraction)
    prefix = version_prefix(name)
    file_info: dict[str, dict[str, Any]] = {}
    for fname, data in files.items():
        blobs.put(prefix + fname, data, "application/jsonl")
        file_info[fname] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "rows": data.count(b"\n")}
    labeled = _write_labeled(blobs, name, rows)
    label_ids = sorted(i["label_id"] for i in items)
    counts = {
        "rows": len(items),
        "train": file_info["train.jsonl"]["rows"],
        "val": file_info["val.jsonl"]["rows"],
        "labels": len(label_ids),
        "snippets": len({i["snippet_id"] for i in items}),
    }
    manifest = {
        "format": FORMAT,
        "name": name,
        "created_by": created_by,
        "created_at": stamp,
        "parent": parent,
        "approved_only": approved_only,
        "val_fraction": val_fraction,
        "system_prompt": SYSTEM_PROMPT,
        "counts": counts,
        "left_out_not_rendered": rows[0]["left_out"] if rows else 0,
        "files": file_info,
        "content_hash": content_hash({k: v["sha256"] for k, v in file_info.items()}, label_ids),
        "label_ids": label_ids,
        "labeled_prefix": f"labeled/{name}/",
        "labeled_files": len(labeled),
        "items": items,
    }
    key = prefix + "manifest.json"
    blobs.put(key, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"), "application/json")
    with transaction(db) as conn:
        conn.execute(
            "UPDATE dataset_versions SET status = 'ready', content_hash = ?, train_count = ?, val_count = ?, "
            "label_count = ?, manifest_key = ? WHERE name = ?",
            [manifest["content_hash"], counts["train"], counts["val"], counts["labels"], key, name],
        )
    return manifest
