"""One contract suite for every blob store: local folder and GCS (through gcp-storage-emulator)."""

from __future__ import annotations

import io
import os
import threading

import pytest

from hisolver_core.blobs import LocalBlobStore, open_blob_store
from hisolver_core.errors import NotFoundError, StorageError
from tests.gcs_emulator import gcs_emulator

BUCKET = "hisolver-test"


@pytest.fixture(scope="module")
def gcs_server():
    """gcp-storage-emulator on 127.0.0.1, in memory, for this module."""
    with gcs_emulator(BUCKET) as url:
        yield url


@pytest.fixture(params=["local", "gcs"])
def store(request, settings, tmp_path):
    if request.param == "local":
        return open_blob_store(settings)
    request.getfixturevalue("gcs_server")
    prefix = f"t{tmp_path.name}"
    return open_blob_store(settings.replace(blob_backend="gcs", gcs_bucket=BUCKET, gcs_prefix=prefix))


def test_put_get_roundtrip(store):
    store.put("raw/owner/repo/a.py", b"print(1)\n")
    assert store.get("raw/owner/repo/a.py") == b"print(1)\n"
    assert store.exists("raw/owner/repo/a.py")


def test_put_from_file_object_and_open(store):
    payload = os.urandom(300_000)
    store.put("renders/x.bin", io.BytesIO(payload))
    with store.open("renders/x.bin") as fh:
        assert fh.read() == payload


def test_put_replaces(store):
    store.put("a/b.txt", b"one")
    store.put("a/b.txt", b"two")
    assert store.get("a/b.txt") == b"two"
    assert list(store.list("a/")) == ["a/b.txt"]


def test_list_by_prefix_sorted(store):
    for key in ["raw/z.py", "raw/a/b.py", "raw/a/a.py", "processed/1.json", "rawish.txt"]:
        store.put(key, b"x")
    assert list(store.list("raw/")) == ["raw/a/a.py", "raw/a/b.py", "raw/z.py"]
    assert list(store.list("raw")) == ["raw/a/a.py", "raw/a/b.py", "raw/z.py", "rawish.txt"]
    assert list(store.list("nothing/")) == []


def test_missing_blob_raises_not_found(store):
    assert not store.exists("no/such.txt")
    with pytest.raises(NotFoundError):
        store.get("no/such.txt")
    with pytest.raises(NotFoundError):
        store.delete("no/such.txt")


def test_delete(store):
    store.put("d/e.txt", b"x")
    store.delete("d/e.txt")
    assert not store.exists("d/e.txt")
    assert list(store.list("d/")) == []


@pytest.mark.parametrize("key", ["", "/etc/passwd", "../escape", "a/../../b", "a\\b", "a/./b", "."])
def test_bad_keys_rejected(store, key):
    with pytest.raises(StorageError):
        store.put(key, b"x")


def test_local_write_is_atomic(tmp_path):
    """A reader never sees a half-written blob: either the old bytes or all of the new."""
    store = LocalBlobStore(tmp_path / "blobs")
    old, new = b"a" * 2_000_000, b"b" * 2_000_000
    store.put("big.bin", old)
    seen: set[bytes] = set()
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            data = store.get("big.bin")
            seen.add(data[:1] + data[-1:] + str(len(data)).encode())

    thread = threading.Thread(target=reader)
    thread.start()
    for i in range(30):
        store.put("big.bin", new if i % 2 == 0 else old)
    stop.set()
    thread.join()
    assert seen <= {b"aa2000000", b"bb2000000"}
    assert list(store.list("")) == ["big.bin"]  # no temp files left behind


def test_local_failed_write_leaves_old_blob(tmp_path):
    store = LocalBlobStore(tmp_path / "blobs")
    store.put("k.txt", b"old")

    class Exploding(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buf):
            raise OSError("disk went away")

    with pytest.raises(StorageError):
        store.put("k.txt", Exploding())
    assert store.get("k.txt") == b"old"
    assert list(store.list("")) == ["k.txt"]


def test_a_key_pasted_as_the_credentials_path_is_never_echoed(settings, monkeypatch):
    monkeypatch.delenv("STORAGE_EMULATOR_HOST", raising=False)
    secret = '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----SECRET"}'
    bad = settings.replace(blob_backend="gcs", gcs_bucket="b", gcs_credentials_file=secret)
    with pytest.raises(StorageError) as info:
        open_blob_store(bad)
    assert "SECRET" not in str(info.value) and "HISOLVER_GCS_CREDENTIALS_FILE" in str(info.value)
    assert info.value.__cause__ is None and "SECRET" not in repr(info.value.__context__ or "")
