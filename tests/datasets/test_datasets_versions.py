"""Dataset versions: end to end from snippets, immutability, hashes, split, diff, load."""

from __future__ import annotations

import json

import pytest

from hisolver_core import datasets, labeling
from hisolver_core.datasets import DatasetError, VersionExistsError
from hisolver_core.errors import NotFoundError, StorageError


def _label_all(db, ids, annotator="ada"):
    return [labeling.save_label(db, annotator, sid, f"Draw a circle of radius {sid}") for sid in ids]


def test_snippets_to_labels_to_version_end_to_end(settings, db, blobs, make_snippets):
    ids = make_snippets(30)
    while (item := labeling.next_snippet(db, "ada")) is not None:
        labeling.save_label(db, "ada", item.snippet_id, f"Draw a circle of radius {item.snippet_id}")
    manifest = datasets.create_version(settings, "v1", val_fraction=0.3, created_by="tester", db=db)
    assert manifest["counts"]["rows"] == 30 and manifest["counts"]["snippets"] == 30
    assert manifest["counts"]["train"] + manifest["counts"]["val"] == 30
    assert 0 < manifest["counts"]["val"] < 30
    assert manifest["created_by"] == "tester" and manifest["parent"] is None

    version = datasets.load_version(settings, "v1")
    rows = list(version.iter_train()) + list(version.iter_val())
    assert len(rows) == 30
    roles = [[m["role"] for m in r["messages"]] for r in rows]
    assert all(r == ["system", "user", "assistant"] for r in roles)
    by_summary = {r["messages"][1]["content"]: r["messages"][2]["content"] for r in rows}
    for sid in ids:
        assert by_summary[f"Draw a circle of radius {sid}"] == db["snippets"].get(sid)["code"]
    assert version.system_prompt == rows[0]["messages"][0]["content"] == datasets.SYSTEM_PROMPT
    assert set(version.paths) == {"train", "val"} and all(p.is_file() for p in version.paths.values())
    # Manifest: file hashes, label ids, and the original labeled/ export.
    for fname, info in manifest["files"].items():
        data = blobs.get(f"datasets/v1/{fname}")
        assert info["sha256"] == __import__("hashlib").sha256(data).hexdigest()
    assert manifest["label_ids"] == sorted(r["id"] for r in db["labels"].rows)
    labeled = list(blobs.list("labeled/v1/"))
    assert len(labeled) == 30
    record = json.loads(blobs.get(labeled[0]))
    assert record["task"]["data"]["code"].startswith("from manim import *")
    assert record["result"][0]["value"]["text"][0].startswith("Draw a circle")
    # It is listed.
    (listed,) = datasets.list_versions(settings, db=db)
    assert (listed["name"], listed["label_count"], listed["content_hash"]) == ("v1", 30, manifest["content_hash"])


def test_a_version_is_never_overwritten(settings, db, blobs, make_snippets):
    _label_all(db, make_snippets(3))
    first = datasets.create_version(settings, "v1", db=db)
    before = {k: blobs.get(k) for k in blobs.list("datasets/v1/")}
    labeling.save_label(db, "bob", 1, "something else entirely")
    with pytest.raises(VersionExistsError, match="never overwritten"):
        datasets.create_version(settings, "v1", db=db)
    assert {k: blobs.get(k) for k in blobs.list("datasets/v1/")} == before
    assert datasets.read_manifest(settings, "v1")["content_hash"] == first["content_hash"]
    # Files left in the blob store (say, a lost database) also block the name.
    blobs.put("datasets/orphan/manifest.json", b"{}")
    with pytest.raises(VersionExistsError):
        datasets.create_version(settings, "orphan", db=db)


def test_same_labels_same_hash_and_a_change_changes_it(settings, db, make_snippets):
    ids = make_snippets(5)
    label_ids = _label_all(db, ids)
    a = datasets.create_version(settings, "a", db=db, created_by="x")
    b = datasets.create_version(settings, "b", db=db, created_by="y")
    assert a["content_hash"] == b["content_hash"] and b["parent"] == "a"
    labeling.save_label(db, "ada", ids[0], "Draw a big red circle")
    c = datasets.create_version(settings, "c", db=db)
    assert c["content_hash"] != a["content_hash"]
    diff = datasets.diff_versions(settings, "a", "c")
    assert diff["changed"] == [label_ids[0]] and diff["added"] == diff["removed"] == []
    assert datasets.diff_versions(settings, "a", "b")["same_content"] is True


def test_approved_only_and_diff_added_removed(settings, db, make_snippets):
    ids = make_snippets(4)
    label_ids = _label_all(db, ids)
    with pytest.raises(DatasetError, match="none approved"):
        datasets.create_version(settings, "none", approved_only=True, db=db)
    for lid in label_ids[:2]:
        labeling.review_label(db, lid, "approve", "grace")
    labeling.review_label(db, label_ids[3], "reject", "grace")
    approved = datasets.create_version(settings, "approved", approved_only=True, db=db)
    everything = datasets.create_version(settings, "all", db=db)
    assert approved["label_ids"] == sorted(label_ids[:2])
    assert everything["label_ids"] == sorted(label_ids[:3])  # rejected labels never go in
    diff = datasets.diff_versions(settings, "approved", "all")
    assert diff["added"] == [label_ids[2]] and diff["removed"] == [] and diff["unchanged"] == 2


def test_split_is_by_snippet_hash_and_stable(settings, db, make_snippets):
    ids = make_snippets(40)
    labeling.set_labels_per_snippet(db, 2)
    _label_all(db, ids, "ada")
    _label_all(db, ids, "bob")
    m = datasets.create_version(settings, "v", val_fraction=0.25, db=db)
    sides = {}
    for item in m["items"]:
        sides.setdefault(item["snippet_id"], set()).add(item["split"])
        assert item["split"] == datasets.split_of(item["code_hash"], 0.25)
    assert all(len(s) == 1 for s in sides.values())  # both labels of a snippet on one side
    assert 0 < m["counts"]["val"] < m["counts"]["train"]
    assert datasets.split_of("abc", 0.0) == "train"


@pytest.mark.parametrize("name", ["", "../x", "a/b", ".hidden", "x" * 65, "sp ace"])
def test_bad_names_are_refused(settings, db, name):
    with pytest.raises(DatasetError, match="invalid dataset name"):
        datasets.create_version(settings, name, db=db)


def test_errors_for_missing_versions_and_tampered_files(settings, db, blobs, make_snippets):
    with pytest.raises(NotFoundError):
        datasets.load_version(settings, "nope")
    with pytest.raises(DatasetError, match="no labels"):
        datasets.create_version(settings, "empty", db=db)
    assert list(blobs.list("datasets/")) == [] and datasets.list_versions(settings, db=db) == []
    _label_all(db, make_snippets(2))
    with pytest.raises(DatasetError, match="val fraction"):
        datasets.create_version(settings, "v", val_fraction=1.5, db=db)
    datasets.create_version(settings, "v", db=db)
    blobs.put("datasets/v/train.jsonl", b'{"messages": []}\n')
    with pytest.raises(StorageError, match="does not match"):
        datasets.load_version(settings, "v")


def test_topic_and_stats():
    assert datasets.topic_of("Plot y = x^2 on axes", "") == "graph"
    assert datasets.topic_of("Rotate a cube", "") == "3d"
    assert datasets.topic_of("", "class A(ThreeDScene): pass") == "3d"
    assert datasets.topic_of("Solve the equation 2x = 4", "") == "equation"
    assert datasets.topic_of("Show a right triangle", "") == "geometry"
    assert datasets.topic_of("Write the word hello", "") == "text"
    assert datasets.topic_of("Something moves", "x = 1") == "other"
    stats = datasets.summarize_items(
        [
            {"split": "train", "dialect": "community", "topic": "graph", "summary_chars": 10, "code_chars": 100},
            {"split": "val", "dialect": "community", "topic": "3d", "summary_chars": 20, "code_chars": 200},
        ]
    )
    assert stats["split"] == {"train": 1, "val": 1} and stats["topic"] == {"graph": 1, "3d": 1}


def test_a_store_failure_reports_the_original_error_and_frees_the_name(settings, db, make_snippets):
    from hisolver_core.blobs import LocalBlobStore

    make_snippets(3)
    while (item := labeling.next_snippet(db, "ada")) is not None:
        labeling.save_label(db, "ada", item.snippet_id, f"Draw circle {item.snippet_id}")

    class FailingStore(LocalBlobStore):
        """Accepts one file, then fails every write, listing and delete (a store going away)."""

        writes = 0

        def put(self, key, data, content_type=None):
            FailingStore.writes += 1
            if FailingStore.writes > 1:
                raise StorageError("bucket went away")
            super().put(key, data, content_type)

        def list(self, prefix=""):
            if FailingStore.writes > 1:
                raise StorageError("still away")
            return super().list(prefix)

    with pytest.raises(StorageError, match="bucket went away"):
        datasets.create_version(settings, "v1", db=db, blobs=FailingStore(settings.blob_dir))
    assert db.execute("SELECT count(*) FROM dataset_versions WHERE name = 'v1'").fetchone()[0] == 0
