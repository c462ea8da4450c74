"""Local import (folder, zip, tar.gz) -> extract -> clusters -> processed/ export, end to end."""

from __future__ import annotations

import json
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest

from hisolver_core.collection import collect_local
from hisolver_core.collection.archive import iter_py_files
from hisolver_core.db import open_db
from hisolver_core.errors import HiSolverError
from hisolver_core.extraction import extract
from hisolver_core.extraction.stats import snippet_stats

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder of Manim files: every fixture, plus Python 2, binary garbage and a non-Python file."""
    root = tmp_path / "proj"
    (root / "scenes" / "more").mkdir(parents=True)
    for f in FIXTURES.glob("*.py.txt"):
        shutil.copy(f, root / "scenes" / f.name[: -len(".txt")])
    (root / "scenes" / "more" / "py2.py").write_text('print "hello"\n')
    (root / "scenes" / "more" / "garbage.py").write_bytes(bytes(range(256)) * 20)
    (root / "README.md").write_text("not python")
    (root / ".git").mkdir()
    (root / ".git" / "hook.py").write_text("x = 1\n")
    return root


def _rows(db, sql, args=()):
    return [dict(r) for r in db.query(sql, args)]


def test_folder_import_then_extract_clusters_and_exports(settings, blobs, project):
    result = collect_local(settings, project, name="demo")
    assert result.files == 10  # 8 fixtures + py2 + garbage; README and .git skipped
    assert blobs.exists("raw/local/demo/scenes/inheritance.py")
    assert blobs.get("raw/local/demo/scenes/more/py2.py") == b'print "hello"\n'

    res = extract(settings, workers=1)
    assert res.files == 10 and res.files_failed == 2
    db = open_db(settings)
    errors = {r["path"]: r["parse_error"] for r in _rows(db, "SELECT path, parse_error FROM files")}
    assert "SyntaxError" in errors["scenes/more/py2.py"]
    assert "binary" in errors["scenes/more/garbage.py"] or "UTF-8" in errors["scenes/more/garbage.py"]

    snippets = {r["scene_name"] + "@" + r["path"]: r for r in _rows(
        db, "SELECT s.*, f.path FROM snippets s JOIN files f ON f.id = s.file_id")}  # fmt: skip
    dialects = {k.split("@")[0]: v["dialect"] for k, v in snippets.items()}
    assert dialects["GLSquare"] == "manimgl" and dialects["OldCircle"] == "manimlib_old"
    assert dialects["SquareRow"] == "community"
    assert snippets["GLSquare@scenes/gl_scene.py"]["render_status"] == "not_renderable"
    assert snippets["SquareRow@scenes/spread_helpers.py"]["render_status"] == "pending"

    a = snippets["Dup@scenes/duplicate_a.py"]
    b = snippets["Dup@scenes/duplicate_b.py"]
    n1 = snippets["DupNear@scenes/near_dup.py"]
    n2 = snippets["DupNear@scenes/near_dup2.py"]
    assert a["ast_hash"] == b["ast_hash"] and a["cluster_id"] == b["cluster_id"]
    assert a["is_representative"] + b["is_representative"] == 1
    assert n1["cluster_id"] == n2["cluster_id"] and n1["ast_hash"] != n2["ast_hash"]
    assert snippets["SquareRow@scenes/spread_helpers.py"]["is_representative"] == 1

    reps = [r for r in snippets.values() if r["is_representative"]]
    exported = sorted(blobs.list("processed/"))
    assert len(exported) == len(reps) == res.exported
    doc = json.loads(blobs.get("processed/local/demo/scenes/spread_helpers/SquareRow.json"))
    assert doc["data"]["code"] == snippets["SquareRow@scenes/spread_helpers.py"]["code"]
    assert doc["meta"]["dialect"] == "community"

    stats = snippet_stats(db)
    assert stats["repos"] == 1 and stats["files"] == 10 and stats["files_unparsable"] == 2
    assert stats["snippets"] == len(snippets) and stats["duplicates"] == len(snippets) - len(reps)
    assert stats["by_dialect"]["manimgl"] == 1 and stats["by_render_status"]["pending"] >= 1


def test_reimport_is_incremental_and_resets_only_changed_snippets(settings, project):
    collect_local(settings, project, name="demo")
    extract(settings, workers=1)
    db = open_db(settings)
    db.execute("UPDATE snippets SET render_status = 'ok', poster_key = 'renders/p.png'")
    db.conn.commit()
    (project / "scenes" / "gl_scene.py").write_text(
        (FIXTURES / "gl_scene.py.txt").read_text().replace("Square()", "Circle()")
    )
    second = collect_local(settings, project, name="demo")
    assert second.files == 10
    res = extract(settings, workers=1)
    assert res.files == 1  # only the changed file is read again
    rows = {r["scene_name"]: r for r in _rows(db, "SELECT * FROM snippets")}
    assert rows["GLSquare"]["render_status"] == "not_renderable" and rows["GLSquare"]["poster_key"] is None
    assert "Circle()" in rows["GLSquare"]["code"]
    assert rows["SquareRow"]["render_status"] == "ok"  # untouched
    assert db.execute("SELECT count(*) FROM files").fetchone()[0] == 10


def test_zip_and_tar_imports_give_the_same_layout(settings, blobs, project, tmp_path):
    zpath = tmp_path / "proj.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for f in sorted(project.rglob("*.py")):
            if ".git" not in f.parts:
                zf.write(f, "proj-main/" + f.relative_to(project).as_posix())
        zf.writestr("../evil.py", "x = 1\n")  # path traversal is ignored
    tpath = tmp_path / "proj.tar.gz"
    with tarfile.open(tpath, "w:gz") as tf:
        tf.add(project / "scenes", arcname="proj/scenes")
        link = tarfile.TarInfo("proj/scenes/link.py")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
    z = collect_local(settings, zpath)
    t = collect_local(settings, tpath, name="tarred")
    assert z.files == t.files == 10
    zkeys = {k.split("/", 3)[3] for k in blobs.list("raw/local/proj/")}
    tkeys = {k.split("/", 3)[3] for k in blobs.list("raw/local/tarred/")}
    assert zkeys == tkeys and "scenes/spread_helpers.py" in zkeys
    assert not any("evil" in k or "link" in k for k in blobs.list("raw/"))


def test_bad_paths_raise_library_errors(settings, tmp_path):
    with pytest.raises(HiSolverError, match="does not exist"):
        collect_local(settings, tmp_path / "missing")
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"\x1f\x8b" + b"not really gzip" * 10)
    with pytest.raises(HiSolverError):
        list(iter_py_files(junk))


def test_oversized_file_is_recorded_without_a_blob(settings, blobs, tmp_path, monkeypatch):
    from hisolver_core.collection import archive

    monkeypatch.setattr(archive, "MAX_FILE_BYTES", 100)
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "big.py").write_text("x = 1\n" * 100)
    (tmp_path / "p" / "small.py").write_text("x = 1\n")
    collect_local(settings, tmp_path / "p")
    rows = {r["path"]: r for r in _rows(open_db(settings), "SELECT * FROM files")}
    assert rows["big.py"]["blob_key"] is None and "larger than" in rows["big.py"]["parse_error"]
    assert rows["small.py"]["blob_key"] and not blobs.exists("raw/local/p/big.py")
    assert extract(settings, workers=1).files == 1


def test_extract_with_process_pool_matches_single_process(settings, tmp_path, monkeypatch):
    from hisolver_core.extraction import pipeline

    src = (FIXTURES / "spread_helpers.py.txt").read_text()
    root = tmp_path / "many"
    root.mkdir()
    for i in range(40):
        (root / f"m{i}.py").write_text(src.replace("SquareRow", f"SquareRow{i}").replace("1.5", str(i)))
    collect_local(settings, root)
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 10)
    pools = []

    class CountingPool(pipeline.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", CountingPool)
    res = extract(settings, workers=2)
    assert pools, "the process pool was not used"
    assert res.files == 40 and res.snippets_total == 40 and res.files_failed == 0
    jobs = _rows(open_db(settings), "SELECT kind, status, progress FROM jobs ORDER BY id")
    assert [(j["kind"], j["status"]) for j in jobs] == [("collect", "succeeded"), ("extract", "succeeded")]
    assert jobs[-1]["progress"] == 1.0


def test_extract_from_a_threaded_process_parses_in_process(settings, tmp_path, monkeypatch):
    import threading

    from hisolver_core.extraction import pipeline

    root = tmp_path / "few"
    root.mkdir()
    for i in range(4):
        (root / f"m{i}.py").write_text(
            f"from manim import *\n\n\nclass S{i}(Scene):\n    def construct(self):\n        self.wait({i})\n"
        )
    collect_local(settings, root)
    monkeypatch.setattr(pipeline, "POOL_MIN_FILES", 2)
    results = {}
    worker = threading.Thread(target=lambda: results.update(r=extract(settings, workers=2)))
    worker.start()  # as from a Streamlit script thread: another thread exists
    worker.join(120)
    assert results["r"].snippets_total == 4 and results["r"].files_failed == 0


def test_encrypted_zip_members_are_skipped_not_fatal(tmp_path):
    """A member flagged as encrypted cannot be read: the import skips it and keeps the rest."""
    import zipfile

    from hisolver_core.collection.archive import iter_py_files

    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("proj/secret.py", "x = 1\n")
        zf.writestr("proj/open.py", "y = 2\n")
    raw = bytearray(path.read_bytes())
    # set the "encrypted" bit (bit 0 of the flags) of secret.py in its local and central headers
    local = raw.find(b"PK\x03\x04")
    raw[local + 6] |= 1
    central = raw.find(b"PK\x01\x02")
    raw[central + 8] |= 1
    path.write_bytes(bytes(raw))
    assert [f.path for f in iter_py_files(path)] == ["open.py"]
