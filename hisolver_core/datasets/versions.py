"""Read dataset versions: list, show, diff, and load one for training."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..blobs import BlobStore, LocalBlobStore, open_blob_store
from ..config import Settings
from ..db import open_db
from ..errors import NotFoundError, StorageError
from .build import FILES, version_prefix

__all__ = ["DatasetVersion", "list_versions", "read_manifest", "diff_versions", "diff_details", "load_version"]

log = logging.getLogger(__name__)


def list_versions(settings: Settings, *, db: Database | None = None) -> list[dict[str, Any]]:
    """Return every finished version (newest first): name, counts, content hash, parent, author, time."""
    own = db is None
    db = db or open_db(settings)
    try:
        return [
            dict(r)
            for r in db.query(
                "SELECT name, content_hash, parent, approved_only, val_fraction, train_count, val_count, label_count, "
                "created_by, created_at FROM dataset_versions WHERE status = 'ready' "
                "ORDER BY created_at DESC, rowid DESC"
            )
        ]
    finally:
        if own:
            db.close()


def read_manifest(settings: Settings, name: str, *, blobs: BlobStore | None = None) -> dict[str, Any]:
    """Return the manifest of version ``name``; raises :class:`NotFoundError` when there is none."""
    blobs = blobs or open_blob_store(settings)
    key = version_prefix(name) + "manifest.json"
    try:
        data = blobs.get(key)
    except NotFoundError as exc:
        raise NotFoundError(f"no dataset version {name!r} (see 'hisolver dataset list')") from exc
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise StorageError(f"manifest of dataset {name!r} is damaged: {exc}") from exc


def diff_versions(settings: Settings, a: str, b: str, *, blobs: BlobStore | None = None) -> dict[str, Any]:
    """Compare versions ``a`` and ``b`` by label id; return what ``b`` adds, drops and changes.

    ``changed`` lists label ids present in both whose row differs (a re-edited
    summary); ``moved`` those that switched between train and validation.
    """
    blobs = blobs or open_blob_store(settings)
    ma, mb = read_manifest(settings, a, blobs=blobs), read_manifest(settings, b, blobs=blobs)
    ia = {i["label_id"]: i for i in ma["items"]}
    ib = {i["label_id"]: i for i in mb["items"]}
    both = sorted(ia.keys() & ib.keys())
    return {
        "a": a,
        "b": b,
        "same_content": ma["content_hash"] == mb["content_hash"],
        "counts": {"a": ma["counts"], "b": mb["counts"]},
        "added": sorted(ib.keys() - ia.keys()),
        "removed": sorted(ia.keys() - ib.keys()),
        "changed": [i for i in both if ia[i]["row_sha256"] != ib[i]["row_sha256"]],
        "moved": [i for i in both if ia[i]["split"] != ib[i]["split"]],
        "unchanged": sum(1 for i in both if ia[i]["row_sha256"] == ib[i]["row_sha256"]),
    }


def _labeled(blobs: BlobStore, manifest: dict[str, Any], label_id: int) -> tuple[str | None, str | None]:
    """(summary, code) of one label as the version froze it, from its ``labeled/`` record; (None, None) if absent."""
    snippet = next((i["snippet_id"] for i in manifest["items"] if i["label_id"] == label_id), None)
    prefix = manifest.get("labeled_prefix") or f"labeled/{manifest['name']}/"
    try:
        record = json.loads(blobs.get(f"{prefix}{snippet}-{label_id}.json"))
        texts = [t for r in record.get("result") or [] for t in (r.get("value") or {}).get("text") or []]
        return (texts[0] if texts else None), record.get("task", {}).get("data", {}).get("code")
    except (StorageError, ValueError, AttributeError):
        return None, None


def diff_details(
    settings: Settings, diff: dict[str, Any], *, limit: int = 50, blobs: BlobStore | None = None
) -> list[dict[str, Any]]:
    """Rows that show a :func:`diff_versions` result to people: change, label id, summary and code.

    A removed label is read from the older version, the others from the newer;
    a changed one also carries its earlier summary (``was``). At most ``limit``
    rows; summary and code are None where a version kept no ``labeled/`` record.
    """
    blobs = blobs or open_blob_store(settings)
    ma, mb = read_manifest(settings, diff["a"], blobs=blobs), read_manifest(settings, diff["b"], blobs=blobs)
    rows: list[dict[str, Any]] = []
    for change in ("added", "removed", "changed", "moved"):
        for label_id in diff[change][: max(0, limit - len(rows))]:
            summary, code = _labeled(blobs, ma if change == "removed" else mb, label_id)
            row = {"change": change, "label_id": label_id, "summary": summary, "code": code}
            if change == "changed":
                row["was"] = _labeled(blobs, ma, label_id)[0]
            rows.append(row)
    return rows


@dataclass(frozen=True)
class DatasetVersion:
    """A frozen version ready to read: local JSONL paths (hash-checked) and its manifest."""

    name: str
    manifest: dict[str, Any]
    train_path: Path
    val_path: Path

    @property
    def content_hash(self) -> str:
        """The version's content hash (same labels, same hash)."""
        return self.manifest["content_hash"]

    @property
    def system_prompt(self) -> str:
        """The system message every row starts with; use the same one when generating."""
        return self.manifest["system_prompt"]

    @property
    def paths(self) -> dict[str, Path]:
        """``{"train": path, "val": path}``: the local JSONL files."""
        return {"train": self.train_path, "val": self.val_path}

    @property
    def counts(self) -> dict[str, int]:
        """Rows, train, val, labels, snippets."""
        return self.manifest["counts"]

    def rows(self, split: str = "train") -> Iterator[dict[str, Any]]:
        """Yield the chat rows (``{"messages": [...]}``) of ``split`` (``train`` or ``val``)."""
        path = self.paths.get(split)
        if path is None:
            raise ValueError(f"split must be 'train' or 'val', got {split!r}")
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)

    def iter_train(self) -> Iterator[dict[str, Any]]:
        """Yield the training rows."""
        return self.rows("train")

    def iter_val(self) -> Iterator[dict[str, Any]]:
        """Yield the validation rows."""
        return self.rows("val")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _local_copy(settings: Settings, blobs: BlobStore, name: str, fname: str, sha: str) -> Path:
    key = version_prefix(name) + fname
    if isinstance(blobs, LocalBlobStore):
        path = blobs.root / key
    else:
        path = settings.data_dir / "cache" / key
        if not (path.is_file() and _sha256_file(path) == sha):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".part")
            with blobs.open(key) as src, tmp.open("wb") as out:
                for block in iter(lambda: src.read(1 << 20), b""):
                    out.write(block)
            tmp.replace(path)
    if not path.is_file() or _sha256_file(path) != sha:
        raise StorageError(f"dataset {name!r}: {fname} does not match its manifest hash (damaged or altered)")
    return path


def load_version(settings: Settings, name: str, *, blobs: BlobStore | None = None) -> DatasetVersion:
    """Return version ``name`` with local, hash-verified train/val JSONL paths.

    A cloud store's files are copied once into ``data_dir/cache/datasets/NAME/``.
    Raises :class:`NotFoundError` for an unknown version and
    :class:`StorageError` when a file does not match the manifest.
    """
    blobs = blobs or open_blob_store(settings)
    manifest = read_manifest(settings, name, blobs=blobs)
    paths = [_local_copy(settings, blobs, name, f, manifest["files"][f]["sha256"]) for f in FILES]
    return DatasetVersion(name, manifest, paths[0], paths[1])
